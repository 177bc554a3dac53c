#pragma once
// Reading a DICOMDIR (media directory): the image files it references, resolved on disk. Media
// written on other systems often differ in letter case from the upper-case IDs in the directory,
// so each path component is matched case-insensitively when the exact name is absent.
#include <filesystem>
#include <vector>

#include "dicom/dicom_scan.h"

namespace tv {

struct DicomDirListing {
    std::vector<std::filesystem::path> files;  // referenced files that exist
    std::vector<SkippedFile> missing;          // referenced but absent
};

/// Lists the files referenced by the DICOMDIR at `dicomdirPath` (Referenced File ID of each
/// directory record). Throws UnreadableFileError when the DICOMDIR cannot be parsed.
DicomDirListing readDicomDir(const std::filesystem::path& dicomdirPath);

}  // namespace tv
