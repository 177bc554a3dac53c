#pragma once
// The header fields of one DICOM image that scanning, geometry checks and decoding need, read with
// every DCMTK OFCondition checked. Reading stops short of the pixel data (header-only), so a scan
// of hundreds of files touches a few kilobytes of each.
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "dicom/dicom_scan.h"
#include "util/progress.h"

class DcmDataset;

namespace tv {

struct DicomImageHeader {
    std::filesystem::path path;
    std::string transferSyntaxUid;
    std::string sopClassUid;
    std::string sopInstanceUid;
    std::string studyInstanceUid;
    std::string seriesInstanceUid;   // may be empty in anonymised data (see seriesKey)
    std::string frameOfReferenceUid;
    std::string modality;
    std::string studyDescription;
    std::string seriesDescription;
    std::string patientName;
    std::string patientId;
    std::string studyDate;
    std::string manufacturer;
    std::string convolutionKernel;
    int seriesNumber = 0;
    int instanceNumber = 0;  // informative only: never used for ordering
    int rows = 0;
    int columns = 0;
    int numberOfFrames = 1;
    bool hasPixelData = false;

    // Geometry (Image Plane module). Absent in non-image objects; checked where needed.
    std::optional<std::array<double, 6>> orientation;   // ImageOrientationPatient: row dir, column dir
    std::optional<std::array<double, 3>> position;      // ImagePositionPatient (LPS mm)
    std::optional<std::array<double, 2>> pixelSpacing;  // (row spacing, column spacing) mm
    std::optional<double> sliceThickness;

    // Pixel module and Modality LUT.
    int samplesPerPixel = 1;
    std::string photometricInterpretation;
    int bitsAllocated = 0;
    int bitsStored = 0;
    int highBit = 0;
    int pixelRepresentation = 0;  // 0 unsigned, 1 two's complement
    double rescaleSlope = 1.0;
    double rescaleIntercept = 0.0;

    // Where native (uncompressed) pixel data lies in the file, when it is the dataset's last element
    // with a defined length: lets the loader read it straight into the volume without parsing the
    // header a second time. Zero when unknown (then DCMTK reads the file again).
    std::uint64_t pixelDataOffset = 0;
    std::uint64_t pixelDataLength = 0;
    std::uint64_t fileSize = 0;
};

/// What groups images into one series: the SeriesInstanceUID, or when it is blank, the folder,
/// frame of reference, series number and description together.
std::string seriesKey(const DicomImageHeader& header);

/// "series <UID>", or a description of the stand-in grouping when the UID is blank (for messages).
std::string seriesLabel(const DicomImageHeader& header);

/// The explanation of an UnreadableFileError without the leading "<path>: " (for skip lists that
/// show the path separately).
std::string reasonWithoutPath(const std::string& message, const std::filesystem::path& path);

/// Reads the header of `path` without loading pixel data. Throws UnreadableFileError naming the file
/// (missing, not DICOM, truncated before the pixel data, mandatory identification tag missing).
DicomImageHeader readDicomImageHeader(const std::filesystem::path& path);

/// Fills a header from an already loaded dataset (the loader re-reads the pixel-module fields after
/// decompression). `transferSyntaxUid` is the file's original transfer syntax.
DicomImageHeader headerFromDataset(DcmDataset& dataset, const std::filesystem::path& path,
                                   const std::string& transferSyntaxUid);

/// Throws UnreadableFileError naming the file and the tag when one of the tags a CT volume cannot do
/// without (orientation, position, pixel spacing, pixel module) is missing.
void requireVolumeTags(const DicomImageHeader& header);

/// What groups images into one series: the SeriesInstanceUID, or when it is blank, the folder,
/// frame of reference, series number and description together.
std::string seriesKey(const DicomImageHeader& header);

/// "series <UID>", or a description of the stand-in grouping when the UID is blank (for messages).
std::string seriesLabel(const DicomImageHeader& header);

/// The explanation of an UnreadableFileError without the leading "<path>: " (for skip lists that
/// show the path separately).
std::string reasonWithoutPath(const std::string& message, const std::filesystem::path& path);

/// Reads the headers of `files` in parallel (TBB). Unreadable files are appended to `skipped` with
/// the reason; the result keeps the order of `files`. Reports progress under `stage`; throws
/// CancelledError on cancel.
std::vector<DicomImageHeader> readHeadersParallel(const std::vector<std::filesystem::path>& files,
                                                  std::vector<SkippedFile>& skipped, ProgressSink& progress,
                                                  const CancelToken& cancel, const std::string& stage);

}  // namespace tv
