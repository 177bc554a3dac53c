#pragma once
// DCMTK keeps its decoders in a process-wide registry; registering them twice or from two threads at
// once is undefined. Every code path that reads DICOM calls ensureDicomCodecsRegistered() first.
#include <string>

namespace tv {

/// Registers DCMTK's JPEG (baseline, extended, lossless), JPEG-LS and RLE decoders exactly once,
/// thread-safely, and silences DCMTK's own console logging below fatal (our exceptions carry the
/// details). Cheap after the first call.
void ensureDicomCodecsRegistered();

/// "JPEG 2000 Image Compression (Lossless Only)" etc. for a transfer syntax UID; the UID itself when
/// DCMTK does not know it.
std::string transferSyntaxName(const std::string& uid);

/// True for the encapsulated JPEG 2000 transfer syntaxes (1.2.840.10008.1.2.4.90 and .91).
bool isJpeg2000TransferSyntax(const std::string& uid);

/// True when this build can decode pixel data stored in transfer syntax `uid`: the uncompressed
/// syntaxes, deflate, JPEG baseline/extended/lossless, JPEG-LS, RLE (DCMTK's codecs) and JPEG
/// 2000 (OpenJPEG, dicom/jpeg2000_decoder.h).
bool canDecodeTransferSyntax(const std::string& uid);

}  // namespace tv
