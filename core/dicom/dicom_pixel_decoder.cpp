#include "dicom/dicom_pixel_decoder.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <cmath>
#include <limits>

#include "dicom/dicom_codecs.h"
#include "dicom/jpeg2000_decoder.h"
#include "util/errors.h"

namespace tv {
namespace {

std::int16_t clampHu(double v) {
    constexpr double lo = std::numeric_limits<std::int16_t>::min(), hi = std::numeric_limits<std::int16_t>::max();
    return static_cast<std::int16_t>(std::nearbyint(std::clamp(v, lo, hi)));
}

/// Modality LUT: HU = slope * stored + intercept for `count` values given by `value(n)`.
template <typename ValueAt>
void rescaleToHu(ValueAt value, std::size_t count, const DicomImageHeader& h, std::int16_t* dst) {
    const double intercept = h.rescaleIntercept;
    if (h.rescaleSlope == 1.0 && intercept == std::round(intercept) && std::abs(intercept) < 65536) {
        // The common CT case (slope 1, integer intercept): integer arithmetic only.
        const auto offset = static_cast<std::int32_t>(intercept);
        for (std::size_t n = 0; n < count; ++n)
            dst[n] = static_cast<std::int16_t>(std::clamp<std::int32_t>(value(n) + offset, -32768, 32767));
    } else {
        for (std::size_t n = 0; n < count; ++n) dst[n] = clampHu(h.rescaleSlope * value(n) + intercept);
    }
}

/// Stored value -> HU for one native frame. `Raw` is the allocated word (uint8 or uint16): the
/// stored value sits in bits HighBit-BitsStored+1 .. HighBit; other bits (overlays) are ignored.
template <typename Raw>
void storedToHu(const Raw* src, std::size_t count, const DicomImageHeader& h, std::int16_t* dst) {
    const int shift = h.highBit + 1 - h.bitsStored;
    const std::uint32_t mask = h.bitsStored >= 32 ? 0xffffffffu : ((1u << h.bitsStored) - 1u);
    const std::int32_t signBit = std::int32_t{1} << (h.bitsStored - 1);
    const bool isSigned = h.pixelRepresentation == 1;
    rescaleToHu(
        [&](std::size_t n) {
            std::int32_t v = static_cast<std::int32_t>((static_cast<std::uint32_t>(src[n]) >> shift) & mask);
            if (isSigned && (v & signBit)) v -= signBit << 1;  // two's complement within BitsStored
            return v;
        },
        count, h, dst);
}

bool isNativeUid(const std::string& uid) {
    return uid == "1.2.840.10008.1.2" || uid == "1.2.840.10008.1.2.1" || uid == "1.2.840.10008.1.2.2";
}

/// Fast path for the commonest CT files (uncompressed 16-bit, pixel data last): read the pixel
/// bytes straight into the output slice, without DCMTK parsing the header a second time. Returns
/// false (caller falls back to DCMTK) when the file is not such a file or changed since the scan.
bool readNativeDirect(const DicomImageHeader& h, std::int16_t* out) {
    const std::size_t count = static_cast<std::size_t>(h.rows) * static_cast<std::size_t>(h.columns);
    if (h.pixelDataLength < count * 2 || !isNativeUid(h.transferSyntaxUid) || h.bitsAllocated != 16 ||
        h.samplesPerPixel != 1 || h.numberOfFrames != 1 || h.bitsStored < 1 || h.bitsStored > 16 ||
        h.highBit < h.bitsStored - 1 || h.highBit > 15)
        return false;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(h.path.c_str(), "rb"), &std::fclose);
    if (!f) return false;
    struct stat st {};
    if (fstat(fileno(f.get()), &st) != 0 || static_cast<std::uint64_t>(st.st_size) != h.fileSize) return false;
    if (fseeko(f.get(), static_cast<off_t>(h.pixelDataOffset), SEEK_SET) != 0) return false;
    if (std::fread(out, 2, count, f.get()) != count)
        throw UnreadableFileError(h.path.string(), "truncated pixel data: fewer than " + std::to_string(count * 2) +
                                                       " bytes could be read");
    auto* words = reinterpret_cast<std::uint16_t*>(out);
    const bool bigEndian = h.transferSyntaxUid == "1.2.840.10008.1.2.2";
    if (bigEndian == (gLocalByteOrder == EBO_LittleEndian))
        for (std::size_t n = 0; n < count; ++n) words[n] = static_cast<std::uint16_t>((words[n] >> 8) | (words[n] << 8));
    // In place: each value is read before the same position is written.
    storedToHu(words, count, h, out);
    return true;
}

}  // namespace

std::string unsupportedTransferSyntaxMessage(const std::string& file, const std::string& uid) {
    return file + ": pixel data is encoded as " + transferSyntaxName(uid) + " (transfer syntax " + uid +
           "), which this build cannot decode; supported: uncompressed, deflate, JPEG baseline/extended/"
           "lossless, JPEG-LS, RLE and JPEG 2000. Convert the series to one of these first (for example with dcm2niix or "
           "gdcmconv --raw).";
}

void decodeSliceToHu(const DicomImageHeader& expected, std::int16_t* out) {
    ensureDicomCodecsRegistered();
    const std::string file = expected.path.string();
    if (!canDecodeTransferSyntax(expected.transferSyntaxUid))
        throw UnsupportedEncodingError(unsupportedTransferSyntaxMessage(file, expected.transferSyntaxUid));

    if (readNativeDirect(expected, out)) return;

    DcmFileFormat ff;
    OFCondition cond = ff.loadFile(OFFilename(expected.path.c_str()), EXS_Unknown, EGL_noChange, DCM_MaxReadLength,
                                   ERM_autoDetect);
    if (cond.bad()) throw UnreadableFileError(file, std::string("cannot read DICOM file: ") + cond.text());
    DcmDataset& ds = *ff.getDataset();
    if (isJpeg2000TransferSyntax(expected.transferSyntaxUid)) {
        // DCMTK 3.6.7 has no JPEG 2000 codec: OpenJPEG decodes the encapsulated frame, and returns
        // stored values already sign-extended.
        const DicomImageHeader h = headerFromDataset(ds, expected.path, expected.transferSyntaxUid);
        if (h.rows != expected.rows || h.columns != expected.columns)
            throw InconsistentSeriesError(file + ": image is " + std::to_string(h.columns) + "x" +
                                          std::to_string(h.rows) + "; expected " + std::to_string(expected.columns) +
                                          "x" + std::to_string(expected.rows));
        const std::vector<std::int32_t> stored = decodeJpeg2000Frame(ds, h, file);
        const std::size_t count = static_cast<std::size_t>(h.rows) * static_cast<std::size_t>(h.columns);
        if (stored.size() < count)
            throw UnreadableFileError(file, "JPEG 2000 frame decoded to " + std::to_string(stored.size()) +
                                                " values; expected " + std::to_string(count));
        rescaleToHu([&](std::size_t n) { return stored[n]; }, count, h, out);
        return;
    }
    const E_TransferSyntax original = ds.getOriginalXfer();
    if (!DcmXfer(original).isEncapsulated() && original != EXS_Unknown) {
        // Already native: nothing to convert (avoids a needless copy of the pixel data).
    } else {
        cond = ds.chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
        if (cond.bad() || !ds.canWriteXfer(EXS_LittleEndianExplicit))
            throw UnreadableFileError(file, "cannot decode pixel data encoded as " +
                                                transferSyntaxName(expected.transferSyntaxUid) + ": " +
                                                (cond.bad() ? cond.text() : "no decoder produced native pixels"));
    }

    const DicomImageHeader h = headerFromDataset(ds, expected.path, expected.transferSyntaxUid);
    if (h.rows != expected.rows || h.columns != expected.columns)
        throw InconsistentSeriesError(file + ": image is " + std::to_string(h.columns) + "x" + std::to_string(h.rows) +
                                      " after decoding; expected " + std::to_string(expected.columns) + "x" +
                                      std::to_string(expected.rows));
    if (h.bitsStored < 1 || h.bitsStored > h.bitsAllocated || h.highBit < h.bitsStored - 1 || h.highBit >= h.bitsAllocated)
        throw UnreadableFileError(file, "inconsistent pixel module: BitsAllocated " + std::to_string(h.bitsAllocated) +
                                            ", BitsStored " + std::to_string(h.bitsStored) + ", HighBit " +
                                            std::to_string(h.highBit));
    if (h.samplesPerPixel != 1)
        throw UnsupportedEncodingError(file + ": SamplesPerPixel " + std::to_string(h.samplesPerPixel) +
                                       "; expected 1 (grayscale CT)");

    const std::size_t count = static_cast<std::size_t>(h.rows) * static_cast<std::size_t>(h.columns);
    DcmElement* pixel = nullptr;
    cond = ds.findAndGetElement(DCM_PixelData, pixel);
    if (cond.bad() || pixel == nullptr) throw UnreadableFileError(file, "mandatory tag PixelData (7FE0,0010) is missing");
    const std::size_t needBytes = count * static_cast<std::size_t>(h.bitsAllocated / 8);
    if (pixel->getLength() < needBytes)
        throw UnreadableFileError(file, "truncated pixel data: " + std::to_string(pixel->getLength()) +
                                            " bytes; expected " + std::to_string(needBytes) + " (" +
                                            std::to_string(h.columns) + "x" + std::to_string(h.rows) + " pixels of " +
                                            std::to_string(h.bitsAllocated) + " bits)");
    if (h.bitsAllocated == 16) {
        Uint16* words = nullptr;
        cond = pixel->getUint16Array(words);
        if (cond.bad() || words == nullptr)
            throw UnreadableFileError(file, std::string("cannot read 16-bit pixel data: ") + cond.text());
        storedToHu(words, count, h, out);
    } else if (h.bitsAllocated == 8) {
        Uint8* bytes = nullptr;
        cond = pixel->getUint8Array(bytes);
        if (cond.bad() || bytes == nullptr)
            throw UnreadableFileError(file, std::string("cannot read 8-bit pixel data: ") + cond.text());
        storedToHu(bytes, count, h, out);
    } else {
        throw UnsupportedEncodingError(file + ": BitsAllocated " + std::to_string(h.bitsAllocated) + "; expected 8 or 16");
    }
}

}  // namespace tv
