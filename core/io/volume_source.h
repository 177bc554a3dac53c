#pragma once
// One entry point for "open this path as a CT volume": a NIfTI file, a DICOM folder (one series, or
// the series chosen by UID) or a single DICOM file's series. Used by every command and the viewer.
#include <filesystem>
#include <optional>
#include <string>

#include "dicom/dicom_series_loader.h"
#include "image/image.h"
#include "util/progress.h"

namespace tv {

/// Loads `path`. With several CT series and no `seriesUid`, throws InvalidArgumentError listing the
/// series UIDs to choose from.
CtVolume loadVolume(const std::filesystem::path& path, const std::optional<std::string>& seriesUid = {},
                    ProgressSink& progress = noProgress(), const CancelToken& cancel = neverCancel(),
                    SeriesLoadReport* report = nullptr);

}  // namespace tv
