#include "dicom/jpeg2000_decoder.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <openjpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "dicom/dicom_header.h"
#include "util/errors.h"

namespace tv {
namespace {

// ---- OpenJPEG stream over a memory buffer -------------------------------------------------------

struct MemoryReader {
    const std::uint8_t* data;
    std::size_t size;
    std::size_t pos = 0;
};

OPJ_SIZE_T readBytes(void* buffer, OPJ_SIZE_T count, void* user) {
    auto* r = static_cast<MemoryReader*>(user);
    if (r->pos >= r->size) return static_cast<OPJ_SIZE_T>(-1);  // end of stream, as OpenJPEG expects
    const std::size_t n = std::min<std::size_t>(count, r->size - r->pos);
    std::memcpy(buffer, r->data + r->pos, n);
    r->pos += n;
    return n;
}

OPJ_OFF_T skipBytes(OPJ_OFF_T count, void* user) {
    auto* r = static_cast<MemoryReader*>(user);
    if (count < 0) {
        const auto back = static_cast<std::size_t>(-count);
        if (back > r->pos) return -1;
        r->pos -= back;
        return count;
    }
    const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(count), r->size - r->pos);
    r->pos += n;
    return static_cast<OPJ_OFF_T>(n);
}

OPJ_BOOL seekTo(OPJ_OFF_T position, void* user) {
    auto* r = static_cast<MemoryReader*>(user);
    if (position < 0 || static_cast<std::size_t>(position) > r->size) return OPJ_FALSE;
    r->pos = static_cast<std::size_t>(position);
    return OPJ_TRUE;
}

void collectError(const char* msg, void* user) {
    auto* errors = static_cast<std::string*>(user);
    std::string m = msg ? msg : "";
    while (!m.empty() && (m.back() == '\n' || m.back() == '\r')) m.pop_back();
    if (!errors->empty()) *errors += "; ";
    *errors += m;
}

void ignoreMessage(const char*, void*) {}

struct CodecDeleter {
    void operator()(opj_codec_t* c) const { opj_destroy_codec(c); }
};
struct StreamDeleter {
    void operator()(opj_stream_t* s) const { opj_stream_destroy(s); }
};
struct ImageDeleter {
    void operator()(opj_image_t* i) const { opj_image_destroy(i); }
};

/// J2K codestream (SOC + SIZ markers) or JP2 file (signature box); anything else is not JPEG 2000.
OPJ_CODEC_FORMAT detectFormat(const std::uint8_t* d, std::size_t size) {
    static const std::uint8_t jp2Signature[12] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50,
                                                  0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A};
    if (size >= 12 && std::memcmp(d, jp2Signature, 12) == 0) return OPJ_CODEC_JP2;
    if (size >= 4 && d[0] == 0xFF && d[1] == 0x4F && d[2] == 0xFF && d[3] == 0x51) return OPJ_CODEC_J2K;
    return OPJ_CODEC_UNKNOWN;
}

std::string hexPrefix(const std::uint8_t* d, std::size_t size) {
    static const char* digits = "0123456789ABCDEF";
    std::string s;
    for (std::size_t i = 0; i < std::min<std::size_t>(size, 8); ++i) {
        if (i) s += ' ';
        s += digits[d[i] >> 4];
        s += digits[d[i] & 15];
    }
    return s.empty() ? "(no bytes)" : s;
}

std::string signName(bool isSigned) { return isSigned ? "signed" : "unsigned"; }

}  // namespace

Jpeg2000Expectation jpeg2000ExpectationFrom(const DicomImageHeader& header) {
    Jpeg2000Expectation e;
    e.columns = header.columns;
    e.rows = header.rows;
    e.samplesPerPixel = header.samplesPerPixel;
    e.bitsAllocated = header.bitsAllocated;
    e.bitsStored = header.bitsStored;
    e.pixelRepresentationSigned = header.pixelRepresentation == 1;
    return e;
}

std::vector<std::int32_t> decodeJpeg2000(const std::uint8_t* data, std::size_t size,
                                         const Jpeg2000Expectation& expect, const std::string& file) {
    if (data == nullptr || size == 0) throw UnreadableFileError(file, "JPEG 2000 pixel data is empty");
    const OPJ_CODEC_FORMAT format = detectFormat(data, size);
    if (format == OPJ_CODEC_UNKNOWN)
        throw UnreadableFileError(file,
                                  "pixel data is not a JPEG 2000 codestream: expected a J2K start "
                                  "(FF 4F FF 51) or a JP2 signature box, found " +
                                      hexPrefix(data, size));

    std::unique_ptr<opj_codec_t, CodecDeleter> codec(opj_create_decompress(format));
    if (!codec) throw Error("OpenJPEG could not create a decoder");
    std::string errors;
    opj_set_error_handler(codec.get(), collectError, &errors);
    opj_set_warning_handler(codec.get(), ignoreMessage, nullptr);
    opj_set_info_handler(codec.get(), ignoreMessage, nullptr);
    opj_dparameters_t params;
    opj_set_default_decoder_parameters(&params);
    if (!opj_setup_decoder(codec.get(), &params))
        throw UnreadableFileError(file, "OpenJPEG rejected the decoder set-up: " + errors);
#if OPJ_VERSION_MAJOR > 2 || (OPJ_VERSION_MAJOR == 2 && OPJ_VERSION_MINOR >= 5)
    // Truncated codestreams are errors, not silently partial images.
    opj_decoder_set_strict_mode(codec.get(), OPJ_TRUE);
#endif

    MemoryReader reader{data, size};
    std::unique_ptr<opj_stream_t, StreamDeleter> stream(
        opj_stream_create(OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_TRUE));
    if (!stream) throw Error("OpenJPEG could not create a stream");
    opj_stream_set_user_data(stream.get(), &reader, nullptr);
    opj_stream_set_user_data_length(stream.get(), static_cast<OPJ_UINT64>(size));
    opj_stream_set_read_function(stream.get(), readBytes);
    opj_stream_set_skip_function(stream.get(), skipBytes);
    opj_stream_set_seek_function(stream.get(), seekTo);

    opj_image_t* raw = nullptr;
    if (!opj_read_header(stream.get(), codec.get(), &raw)) {
        opj_image_destroy(raw);
        throw UnreadableFileError(file,
                                  "cannot read the JPEG 2000 header (" + std::to_string(size) +
                                      " bytes): " + (errors.empty() ? "no detail from OpenJPEG" : errors));
    }
    std::unique_ptr<opj_image_t, ImageDeleter> image(raw);
    if (!opj_decode(codec.get(), stream.get(), image.get()) || !opj_end_decompress(codec.get(), stream.get()))
        throw UnreadableFileError(
            file, "JPEG 2000 decoding failed (corrupt or truncated codestream of " + std::to_string(size) +
                      " bytes): " + (errors.empty() ? "no detail from OpenJPEG" : errors));

    if (image->numcomps != 1 || expect.samplesPerPixel != 1)
        throw UnsupportedEncodingError(file + ": JPEG 2000 image with " + std::to_string(image->numcomps) +
                                       " components and SamplesPerPixel " +
                                       std::to_string(expect.samplesPerPixel) +
                                       "; only single-component (monochrome) images are supported");
    const opj_image_comp_t& comp = image->comps[0];
    const int width = static_cast<int>(comp.w), height = static_cast<int>(comp.h);
    if (width != expect.columns || height != expect.rows)
        throw UnreadableFileError(
            file, "JPEG 2000 image is " + std::to_string(width) + " x " + std::to_string(height) +
                      " (columns x rows) but the DICOM header declares " + std::to_string(expect.columns) +
                      " x " + std::to_string(expect.rows));
    if (comp.dx != 1 || comp.dy != 1 || comp.x0 != 0 || comp.y0 != 0 || comp.factor != 0)
        throw UnsupportedEncodingError(file + ": JPEG 2000 component is sub-sampled or offset (dx " +
                                       std::to_string(comp.dx) + ", dy " + std::to_string(comp.dy) + ", x0 " +
                                       std::to_string(comp.x0) + ", y0 " + std::to_string(comp.y0) +
                                       "); expected a plain full-resolution image");
    const int precision = static_cast<int>(comp.prec);
    const bool isSigned = comp.sgnd != 0;
    if (precision != expect.bitsStored || precision > expect.bitsAllocated)
        throw UnsupportedEncodingError(file + ": JPEG 2000 precision is " + std::to_string(precision) +
                                       " bits but the DICOM header declares BitsStored " +
                                       std::to_string(expect.bitsStored) + " (BitsAllocated " +
                                       std::to_string(expect.bitsAllocated) + ")");
    if (isSigned != expect.pixelRepresentationSigned)
        throw UnsupportedEncodingError(file + ": JPEG 2000 samples are " + signName(isSigned) +
                                       " but the DICOM header declares PixelRepresentation " +
                                       (expect.pixelRepresentationSigned ? "1 (signed)" : "0 (unsigned)"));
    if (comp.data == nullptr) throw UnreadableFileError(file, "JPEG 2000 decoding produced no samples");

    const std::size_t count = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    return std::vector<std::int32_t>(comp.data, comp.data + count);
}

std::vector<std::uint8_t> encapsulatedFrame(DcmDataset& dataset, int frameIndex, const std::string& file,
                                            int numberOfFrames) {
    DcmElement* element = nullptr;
    if (dataset.findAndGetElement(DCM_PixelData, element).bad() || element == nullptr)
        throw UnreadableFileError(file, "no PixelData element");
    auto* pixelData = dynamic_cast<DcmPixelData*>(element);
    // The representation as read from the file (or put there by whoever built the dataset).
    E_TransferSyntax xfer = EXS_Unknown;
    const DcmRepresentationParameter* representation = nullptr;
    if (pixelData != nullptr) pixelData->getOriginalRepresentationKey(xfer, representation);
    DcmPixelSequence* sequence = nullptr;
    if (pixelData == nullptr || !DcmXfer(xfer).isEncapsulated() ||
        pixelData->getEncapsulatedRepresentation(xfer, representation, sequence).bad() || sequence == nullptr)
        throw UnreadableFileError(file,
                                  "PixelData is not encapsulated (compressed) in the file's transfer syntax");
    if (numberOfFrames < 1) numberOfFrames = 1;
    if (frameIndex < 0 || frameIndex >= numberOfFrames)
        throw UnreadableFileError(file, "frame " + std::to_string(frameIndex) +
                                            " requested but the image has " + std::to_string(numberOfFrames) +
                                            " frame(s)");

    const unsigned long items = sequence->card();
    if (items < 2) throw UnreadableFileError(file, "encapsulated PixelData has no fragments");
    // Item 0 is the Basic Offset Table; fragments follow.
    struct Fragment {
        const std::uint8_t* bytes;
        std::size_t length;
        std::size_t offset;  // of its item header from the first fragment's item header
    };
    std::vector<Fragment> fragments;
    std::size_t offset = 0;
    for (unsigned long n = 1; n < items; ++n) {
        DcmPixelItem* item = nullptr;
        if (sequence->getItem(item, n).bad() || item == nullptr)
            throw UnreadableFileError(file,
                                      "cannot read fragment " + std::to_string(n) + " of the pixel data");
        Uint8* bytes = nullptr;
        const std::size_t length = item->getLength();
        if (length > 0 && (item->getUint8Array(bytes).bad() || bytes == nullptr))
            throw UnreadableFileError(file, "cannot read the bytes of fragment " + std::to_string(n));
        fragments.push_back({bytes, length, offset});
        offset += 8 + length;  // item tag + length field + value
    }

    std::size_t first = 0, last = fragments.size();  // [first, last)
    if (numberOfFrames > 1) {
        DcmPixelItem* table = nullptr;
        std::vector<std::size_t> starts;
        if (sequence->getItem(table, 0).good() && table != nullptr &&
            table->getLength() >= 4u * numberOfFrames) {
            Uint8* raw = nullptr;
            if (table->getUint8Array(raw).good() && raw != nullptr)
                for (int f = 0; f < numberOfFrames; ++f)
                    starts.push_back(static_cast<std::size_t>(raw[4 * f]) |
                                     static_cast<std::size_t>(raw[4 * f + 1]) << 8 |
                                     static_cast<std::size_t>(raw[4 * f + 2]) << 16 |
                                     static_cast<std::size_t>(raw[4 * f + 3]) << 24);
        }
        if (!starts.empty()) {
            const auto at = [&](std::size_t byteOffset) {
                for (std::size_t i = 0; i < fragments.size(); ++i)
                    if (fragments[i].offset == byteOffset) return i;
                throw UnreadableFileError(file, "Basic Offset Table entry " + std::to_string(byteOffset) +
                                                    " does not point at a fragment");
            };
            first = at(starts[static_cast<std::size_t>(frameIndex)]);
            last = frameIndex + 1 < numberOfFrames ? at(starts[static_cast<std::size_t>(frameIndex) + 1])
                                                   : fragments.size();
        } else if (fragments.size() == static_cast<std::size_t>(numberOfFrames)) {
            first = static_cast<std::size_t>(frameIndex);
            last = first + 1;
        } else {
            throw UnreadableFileError(
                file, std::to_string(numberOfFrames) + " frames in " + std::to_string(fragments.size()) +
                          " fragments without a Basic Offset Table: cannot tell the frames apart");
        }
    }
    std::vector<std::uint8_t> out;
    for (std::size_t i = first; i < last; ++i)
        out.insert(out.end(), fragments[i].bytes, fragments[i].bytes + fragments[i].length);
    return out;
}

std::vector<std::int32_t> decodeJpeg2000Frame(DcmDataset& dataset, const DicomImageHeader& header,
                                              const std::string& file) {
    const std::vector<std::uint8_t> bytes = encapsulatedFrame(dataset, 0, file, header.numberOfFrames);
    return decodeJpeg2000(bytes.data(), bytes.size(), jpeg2000ExpectationFrom(header), file);
}

std::string openJpegVersion() { return opj_version(); }

}  // namespace tv
