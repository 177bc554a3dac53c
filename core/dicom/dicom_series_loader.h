#pragma once
// Loading one CT series into a CtVolume: slices sorted by position along the slice normal, rescale
// applied, spacing from positions, pixel data decoded in parallel by DCMTK's codecs.
#include <string>
#include <vector>

#include "dicom/dicom_scan.h"
#include "image/image.h"
#include "util/progress.h"

namespace tv {

struct SeriesLoadReport {
    std::vector<SkippedFile> skipped;   // files of the series that could not be used
    std::vector<std::string> warnings;  // tolerated oddities (e.g. differing SliceThickness)
};

/// Decodes `series` into a HU volume. Throws InconsistentSeriesError (orientation, pixel size,
/// spacing, missing slice, duplicate positions, gantry tilt, non-CT modality: message names the
/// files and what was expected), UnsupportedEncodingError (names the transfer syntax),
/// UnreadableFileError, CancelledError. Unreadable files at either end of the stack are left out
/// and listed in `report`; an unreadable file inside the stack makes a missing slice (an error that
/// names the unreadable file too).
CtVolume loadCtSeries(const SeriesSummary& series, ProgressSink& progress = noProgress(),
                      const CancelToken& cancel = neverCancel(), SeriesLoadReport* report = nullptr);

/// The grid `loadCtSeries` would produce, from headers only (no pixel data decoded): same checks,
/// same exceptions except decoding errors. Used by `thromboview info`.
ImageGeometry readCtSeriesGeometry(const SeriesSummary& series, SeriesLoadReport* report = nullptr,
                                   ProgressSink& progress = noProgress(), const CancelToken& cancel = neverCancel());

}  // namespace tv
