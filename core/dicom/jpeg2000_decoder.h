#pragma once
// JPEG 2000 pixel data (transfer syntaxes 1.2.840.10008.1.2.4.90 lossless-only and .91 lossless or
// lossy), decoded with OpenJPEG (libopenjp2), which DCMTK 3.6.7 cannot do by itself.
//
// How to call it (for the series loader):
//
//   DcmFileFormat file;  file.loadFile(path) ... ;            // pixel data still encapsulated
//   DcmDataset& ds = *file.getDataset();
//   const std::vector<std::uint8_t> codestream = encapsulatedFrame(ds, 0, path.string());
//   Jpeg2000Expectation expect = jpeg2000ExpectationFrom(header);  // DicomImageHeader of the file
//   const std::vector<std::int32_t> stored =
//       decodeJpeg2000(codestream.data(), codestream.size(), expect, path.string());
//   // stored[r * columns + c]: the stored pixel value (already sign-extended when
//   // PixelRepresentation = 1; no BitsStored masking needed). HU = slope * stored + intercept.
//
// Or in one step: decodeJpeg2000Frame(ds, header, path.string()).
// Thread-safe: every call owns its OpenJPEG codec and stream, so slices may be decoded in parallel.
// Build: cmake/Dependencies.cmake finds libopenjp2 with pkg-config (target tv_openjp2, linked
// PRIVATE into thromboview_core by core/dicom/CMakeLists.txt). The loader can advertise JPEG 2000
// support (canDecodeTransferSyntax) by defining TV_HAVE_JPEG2000 once it routes these syntaxes here.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

class DcmDataset;

namespace tv {

struct DicomImageHeader;

/// What the DICOM header declares about the image; the decoded codestream must agree.
struct Jpeg2000Expectation {
    int columns = 0;                         // width
    int rows = 0;                            // height
    int samplesPerPixel = 1;                 // components (only 1 is supported: CT is monochrome)
    int bitsAllocated = 16;                  // the codestream's precision may not exceed this
    int bitsStored = 16;                     // the codestream's precision must equal this (see below)
    bool pixelRepresentationSigned = false;  // PixelRepresentation 1; must equal the codestream's sign
};

/// Reads the expectation from a DICOM header (Rows, Columns, SamplesPerPixel, BitsAllocated,
/// BitsStored, PixelRepresentation).
Jpeg2000Expectation jpeg2000ExpectationFrom(const DicomImageHeader& header);

/// Decodes one JPEG 2000 codestream (raw J2K, starting with the SOC marker FF 4F, or a JP2 file
/// with its signature box) into rows*columns stored values, row by row.
/// Throws:
/// - UnreadableFileError(fileForMessages, ...) when the data is neither J2K nor JP2, is truncated or
///   corrupt (OpenJPEG's own error message is included), or decodes to a different width or height
///   than the header declares (both sizes named);
/// - UnsupportedEncodingError when it decodes to more than one component, or to a precision or
///   signedness different from BitsStored / PixelRepresentation (message names the file and both
///   values), or to sub-sampled or offset components.
std::vector<std::int32_t> decodeJpeg2000(const std::uint8_t* data, std::size_t size,
                                         const Jpeg2000Expectation& expect,
                                         const std::string& fileForMessages);

/// The bytes of frame `frameIndex` of the dataset's encapsulated PixelData, concatenating its
/// fragments: for a single-frame image all fragments; for multi-frame images the Basic Offset Table
/// decides, or one fragment per frame when the table is empty and fragments == frames.
/// `numberOfFrames` is the header's NumberOfFrames (1 for single-frame images).
/// Throws UnreadableFileError when there is no encapsulated pixel data (names the file), when the
/// frame index is out of range or the fragments cannot be assigned to frames.
std::vector<std::uint8_t> encapsulatedFrame(DcmDataset& dataset, int frameIndex,
                                            const std::string& fileForMessages, int numberOfFrames = 1);

/// encapsulatedFrame(dataset, 0, ...) followed by decodeJpeg2000 with the header's expectation.
std::vector<std::int32_t> decodeJpeg2000Frame(DcmDataset& dataset, const DicomImageHeader& header,
                                              const std::string& fileForMessages);

/// The OpenJPEG library version this build uses (e.g. "2.5.0"), for `thromboview info` and reports.
std::string openJpegVersion();

}  // namespace tv
