// decodeJpeg2000 and encapsulatedFrame on codestreams encoded in the test with OpenJPEG (lossless,
// so decoding must give back exactly the pixels put in), and on broken or mismatching input, which
// must raise the documented error naming the file.
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <openjpeg.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <random>

#include "dicom/jpeg2000_decoder.h"
#include "util/errors.h"

namespace {

struct MemoryWriter {
    std::vector<std::uint8_t> bytes;
    std::size_t pos = 0;
};

OPJ_SIZE_T writeBytes(void* buffer, OPJ_SIZE_T n, void* user) {
    auto* w = static_cast<MemoryWriter*>(user);
    if (w->bytes.size() < w->pos + n) w->bytes.resize(w->pos + n);
    std::memcpy(w->bytes.data() + w->pos, buffer, n);
    w->pos += n;
    return n;
}
OPJ_OFF_T skipBytes(OPJ_OFF_T n, void* user) {
    auto* w = static_cast<MemoryWriter*>(user);
    w->pos = static_cast<std::size_t>(static_cast<OPJ_OFF_T>(w->pos) + n);
    if (w->bytes.size() < w->pos) w->bytes.resize(w->pos);
    return n;
}
OPJ_BOOL seekTo(OPJ_OFF_T p, void* user) {
    auto* w = static_cast<MemoryWriter*>(user);
    w->pos = static_cast<std::size_t>(p);
    if (w->bytes.size() < w->pos) w->bytes.resize(w->pos);
    return OPJ_TRUE;
}

/// Lossless (reversible 5/3) single-component encoding of `pixels` (row by row).
std::vector<std::uint8_t> encode(const std::vector<std::int32_t>& pixels, int w, int h, int precision,
                                 bool isSigned, OPJ_CODEC_FORMAT format) {
    opj_cparameters_t params;
    opj_set_default_encoder_parameters(&params);
    params.tcp_numlayers = 1;
    params.tcp_rates[0] = 0;  // 0 = lossless
    params.cp_disto_alloc = 1;
    params.numresolution = 3;  // the default 6 needs images of at least 32 x 32
    opj_image_cmptparm_t cp;
    std::memset(&cp, 0, sizeof(cp));
    cp.dx = cp.dy = 1;
    cp.w = static_cast<OPJ_UINT32>(w);
    cp.h = static_cast<OPJ_UINT32>(h);
    cp.prec = static_cast<OPJ_UINT32>(precision);
    cp.sgnd = isSigned ? 1 : 0;
    opj_image_t* image = opj_image_create(1, &cp, OPJ_CLRSPC_GRAY);
    REQUIRE(image != nullptr);
    image->x1 = static_cast<OPJ_UINT32>(w);
    image->y1 = static_cast<OPJ_UINT32>(h);
    std::copy(pixels.begin(), pixels.end(), image->comps[0].data);
    opj_codec_t* codec = opj_create_compress(format);
    REQUIRE(opj_setup_encoder(codec, &params, image));
    MemoryWriter out;
    opj_stream_t* stream = opj_stream_create(1 << 16, OPJ_FALSE);
    opj_stream_set_user_data(stream, &out, nullptr);
    opj_stream_set_write_function(stream, writeBytes);
    opj_stream_set_skip_function(stream, skipBytes);
    opj_stream_set_seek_function(stream, seekTo);
    const bool ok = opj_start_compress(codec, image, stream) && opj_encode(codec, stream) &&
                    opj_end_compress(codec, stream);
    opj_stream_destroy(stream);
    opj_destroy_codec(codec);
    opj_image_destroy(image);
    REQUIRE(ok);
    return out.bytes;
}

std::vector<std::int32_t> randomImage(int w, int h, int lo, int hi, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> d(lo, hi);
    std::vector<std::int32_t> v(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = (i % 7 == 0) ? d(rng) : static_cast<std::int32_t>((i * 37) % 1500) + lo;
    return v;
}

tv::Jpeg2000Expectation expectation(int w, int h, int bitsStored, bool isSigned) {
    tv::Jpeg2000Expectation e;
    e.columns = w;
    e.rows = h;
    e.bitsStored = bitsStored;
    e.bitsAllocated = 16;
    e.pixelRepresentationSigned = isSigned;
    return e;
}

/// A dataset whose PixelData is encapsulated JPEG 2000: the given frames, each split into
/// `fragmentsPerFrame` even-length fragments, with or without a Basic Offset Table.
void putEncapsulated(DcmDataset& ds, const std::vector<std::vector<std::uint8_t>>& frames,
                     int fragmentsPerFrame, bool offsetTable) {
    auto* seq = new DcmPixelSequence(DcmTag(DCM_PixelSequenceTag));
    std::vector<Uint8> table;
    std::vector<DcmPixelItem*> items;
    std::uint32_t offset = 0;
    for (const auto& f : frames) {
        for (int b = 0; b < 4; ++b) table.push_back(static_cast<Uint8>(offset >> (8 * b)));
        const std::size_t chunk =
            (f.size() / static_cast<std::size_t>(fragmentsPerFrame) + 1) & ~std::size_t{1};
        for (std::size_t start = 0; start < f.size(); start += chunk) {
            std::vector<Uint8> part(f.begin() + static_cast<long>(start),
                                    f.begin() + static_cast<long>(std::min(f.size(), start + chunk)));
            if (part.size() % 2) part.push_back(0);  // DICOM pads items to even length
            auto* item = new DcmPixelItem(DcmTag(DCM_Item, EVR_OB));
            REQUIRE(item->putUint8Array(part.data(), static_cast<Uint32>(part.size())).good());
            items.push_back(item);
            offset += 8 + static_cast<std::uint32_t>(part.size());
        }
    }
    auto* bot = new DcmPixelItem(DcmTag(DCM_Item, EVR_OB));
    if (offsetTable) REQUIRE(bot->putUint8Array(table.data(), static_cast<Uint32>(table.size())).good());
    seq->insert(bot);
    for (DcmPixelItem* item : items) seq->insert(item);
    auto* pixelData = new DcmPixelData(DCM_PixelData);
    pixelData->putOriginalRepresentation(EXS_JPEG2000LosslessOnly, nullptr, seq);
    REQUIRE(ds.insert(pixelData, true).good());
}

}  // namespace

TEST_CASE("JPEG 2000 lossless round trip: signed 16-bit J2K and unsigned 12-bit JP2", "[dicom][j2k]") {
    const int w = 67, h = 45;  // odd sizes: no accidental power-of-two luck
    const auto signedPixels = randomImage(w, h, -2048, 3071, 1);
    const auto j2k = encode(signedPixels, w, h, 16, true, OPJ_CODEC_J2K);
    CHECK(tv::decodeJpeg2000(j2k.data(), j2k.size(), expectation(w, h, 16, true), "signed.dcm") ==
          signedPixels);

    const auto unsignedPixels = randomImage(w, h, 0, 4095, 2);
    const auto jp2 = encode(unsignedPixels, w, h, 12, false, OPJ_CODEC_JP2);
    CHECK(tv::decodeJpeg2000(jp2.data(), jp2.size(), expectation(w, h, 12, false), "unsigned.dcm") ==
          unsignedPixels);
    CHECK(!tv::openJpegVersion().empty());
}

TEST_CASE("JPEG 2000 that disagrees with the DICOM header is refused with both values named",
          "[dicom][j2k]") {
    const int w = 40, h = 30;
    const auto px = randomImage(w, h, 0, 4095, 3);
    const auto j2k = encode(px, w, h, 12, false, OPJ_CODEC_J2K);
    try {
        tv::decodeJpeg2000(j2k.data(), j2k.size(), expectation(41, h, 12, false), "size.dcm");
        FAIL("size mismatch accepted");
    } catch (const tv::UnreadableFileError& e) {
        CHECK_THAT(e.what(),
                   Catch::Contains("size.dcm") && Catch::Contains("40 x 30") && Catch::Contains("41 x 30"));
    }
    try {
        tv::decodeJpeg2000(j2k.data(), j2k.size(), expectation(w, h, 16, false), "prec.dcm");
        FAIL("precision mismatch accepted");
    } catch (const tv::UnsupportedEncodingError& e) {
        CHECK_THAT(e.what(), Catch::Contains("prec.dcm") && Catch::Contains("12 bits") &&
                                 Catch::Contains("BitsStored 16"));
    }
    try {
        tv::decodeJpeg2000(j2k.data(), j2k.size(), expectation(w, h, 12, true), "sign.dcm");
        FAIL("sign mismatch accepted");
    } catch (const tv::UnsupportedEncodingError& e) {
        CHECK_THAT(e.what(), Catch::Contains("sign.dcm") && Catch::Contains("unsigned") &&
                                 Catch::Contains("PixelRepresentation 1"));
    }
}

TEST_CASE("broken JPEG 2000 data raises UnreadableFileError naming the file", "[dicom][j2k]") {
    const int w = 64, h = 64;
    const auto px = randomImage(w, h, -1024, 3071, 4);
    const auto j2k = encode(px, w, h, 16, true, OPJ_CODEC_J2K);
    const auto e = expectation(w, h, 16, true);
    const std::vector<std::uint8_t> truncated(j2k.begin(), j2k.begin() + static_cast<long>(j2k.size() / 2));
    CHECK_THROWS_AS(tv::decodeJpeg2000(truncated.data(), truncated.size(), e, "cut.dcm"),
                    tv::UnreadableFileError);
    CHECK_THROWS_WITH(tv::decodeJpeg2000(truncated.data(), truncated.size(), e, "cut.dcm"),
                      Catch::Contains("cut.dcm"));
    const std::vector<std::uint8_t> headerOnly(j2k.begin(), j2k.begin() + 20);
    CHECK_THROWS_AS(tv::decodeJpeg2000(headerOnly.data(), headerOnly.size(), e, "short.dcm"),
                    tv::UnreadableFileError);
    const std::vector<std::uint8_t> garbage{0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0, 0x00};
    CHECK_THROWS_WITH(
        tv::decodeJpeg2000(garbage.data(), garbage.size(), e, "junk.dcm"),
        Catch::Contains("junk.dcm") && Catch::Contains("not a JPEG 2000") && Catch::Contains("12 34 56"));
    CHECK_THROWS_AS(tv::decodeJpeg2000(nullptr, 0, e, "empty.dcm"), tv::UnreadableFileError);
}

TEST_CASE("encapsulatedFrame joins fragments and finds frames by offset table", "[dicom][j2k]") {
    const int w = 32, h = 24;
    const auto a = randomImage(w, h, 0, 4095, 5), b = randomImage(w, h, 0, 4095, 6);
    const auto ja = encode(a, w, h, 12, false, OPJ_CODEC_J2K), jb = encode(b, w, h, 12, false, OPJ_CODEC_J2K);
    const auto e = expectation(w, h, 12, false);
    const auto decodeFrame = [&](DcmDataset& ds, int frame, int frames) {
        const auto bytes = tv::encapsulatedFrame(ds, frame, "frames.dcm", frames);
        return tv::decodeJpeg2000(bytes.data(), bytes.size(), e, "frames.dcm");
    };
    SECTION("single frame in three fragments") {
        DcmDataset ds;
        putEncapsulated(ds, {ja}, 3, false);
        CHECK(decodeFrame(ds, 0, 1) == a);
    }
    SECTION("two frames, two fragments each, with offset table") {
        DcmDataset ds;
        putEncapsulated(ds, {ja, jb}, 2, true);
        CHECK(decodeFrame(ds, 0, 2) == a);
        CHECK(decodeFrame(ds, 1, 2) == b);
        CHECK_THROWS_AS(tv::encapsulatedFrame(ds, 2, "frames.dcm", 2), tv::UnreadableFileError);
    }
    SECTION("two frames, one fragment each, empty offset table") {
        DcmDataset ds;
        putEncapsulated(ds, {ja, jb}, 1, false);
        CHECK(decodeFrame(ds, 1, 2) == b);
    }
    SECTION("two frames in four fragments without offset table cannot be split") {
        DcmDataset ds;
        putEncapsulated(ds, {ja, jb}, 2, false);
        CHECK_THROWS_WITH(tv::encapsulatedFrame(ds, 0, "frames.dcm", 2),
                          Catch::Contains("Basic Offset Table"));
    }
    SECTION("native (uncompressed) pixel data is not encapsulated") {
        DcmDataset ds;
        std::vector<Uint16> native(static_cast<std::size_t>(w) * h, 7);
        REQUIRE(ds.putAndInsertUint16Array(DCM_PixelData, native.data(),
                                           static_cast<unsigned long>(native.size()))
                    .good());
        CHECK_THROWS_WITH(tv::encapsulatedFrame(ds, 0, "native.dcm", 1),
                          Catch::Contains("native.dcm") && Catch::Contains("not encapsulated"));
    }
    SECTION("no pixel data at all") {
        DcmDataset ds;
        CHECK_THROWS_AS(tv::encapsulatedFrame(ds, 0, "none.dcm", 1), tv::UnreadableFileError);
    }
}
