#pragma once
// Decoding the single frame of one DICOM CT image into Hounsfield units.
#include <cstdint>

#include "dicom/dicom_header.h"

namespace tv {

/// Reads `expected.path` completely, decompresses its pixel data with DCMTK's registered codecs
/// and writes columns*rows HU values (stored value masked to BitsStored, sign-extended when
/// PixelRepresentation is 1, then RescaleSlope * value + RescaleIntercept, rounded and clamped to
/// int16) to `out`. The pixel module is re-read after decompression.
/// Throws UnsupportedEncodingError (names the transfer syntax UID and name), UnreadableFileError
/// (unreadable, truncated or undecodable pixel data), InconsistentSeriesError (the image no longer
/// matches `expected`: different size).
void decodeSliceToHu(const DicomImageHeader& expected, std::int16_t* out);

/// Message for pixel data this build cannot decode; names the transfer syntax UID and its name.
std::string unsupportedTransferSyntaxMessage(const std::string& file, const std::string& transferSyntaxUid);

}  // namespace tv
