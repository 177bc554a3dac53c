#pragma once
// Finding DICOM series on disk: walk a folder recursively (or follow a DICOMDIR), read headers only,
// group images by study and series. Unreadable files are listed, never fatal.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "util/progress.h"

namespace tv {

struct DicomImageHeader;  // dicom/dicom_header.h

/// A file that was skipped, and why (shown to the user).
struct SkippedFile {
    std::filesystem::path path;
    std::string reason;
};

/// One series found on disk (header information only; no pixel data decoded yet).
struct SeriesSummary {
    std::string studyInstanceUid;
    std::string seriesInstanceUid;
    std::string studyDescription;
    std::string seriesDescription;
    std::string modality;
    std::string patientName;
    std::string patientId;
    std::string studyDate;
    int seriesNumber = 0;
    int rows = 0;
    int columns = 0;
    std::vector<std::string> transferSyntaxUids;  // distinct transfer syntaxes in the series
    std::vector<std::filesystem::path> files;      // image files of the series, unordered
    /// Headers the scan already read, parallel to `files`, so loading does not parse them again.
    /// Null for a summary built by hand: the loader then reads the headers itself.
    std::shared_ptr<const std::vector<DicomImageHeader>> headers;
    int imageCount() const { return static_cast<int>(files.size()); }
};

struct DicomScanResult {
    std::vector<SeriesSummary> series;  // ordered by study, then series number
    std::vector<SkippedFile> skipped;   // unreadable or non-image files
};

/// Scans `root` (a folder, searched recursively, or a single file). Uses a DICOMDIR where present.
/// Throws UnreadableFileError when `root` does not exist; CancelledError on cancel.
DicomScanResult scanDicom(const std::filesystem::path& root, ProgressSink& progress = noProgress(),
                          const CancelToken& cancel = neverCancel());

}  // namespace tv
