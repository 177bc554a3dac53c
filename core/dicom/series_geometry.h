#pragma once
// The one audited place where a stack of DICOM image headers becomes a voxel grid: consistency
// checks (modality, size, orientation, pixel spacing), ordering along the slice normal, slice
// spacing from positions, gaps, duplicates and gantry tilt. Pure function of the headers, so it is
// tested without any files.
#include <cstddef>
#include <string>
#include <vector>

#include "dicom/dicom_header.h"
#include "image/geometry.h"

namespace tv {

struct SliceArrangement {
    ImageGeometry geometry;            // i = columns, j = rows, k = sorted slices
    std::vector<std::size_t> order;    // order[k] = index into the headers of slice k
    std::vector<std::string> warnings; // tolerated oddities, shown to the user
};

/// Tolerances of the checks, in one place so the messages and tests agree.
struct SliceStackTolerances {
    double orientation = 1e-3;       // per direction-cosine component
    double pixelSpacingMm = 1e-3;    // between slices
    double duplicateMm = 0.01;       // positions closer than this along the normal are duplicates
    double missingSliceFactor = 1.5; // a step over this times the median step is a missing slice
    double spacingRelative = 0.02;   // other steps must be within 2 % of the median step ...
    double spacingAbsoluteMm = 0.02; // ... or within this many mm, whichever is larger
    double inPlaneShiftPixels = 0.25;// in-plane drift of positions (gantry tilt) allowed, in pixels
};

/// Orders and checks the slices of one CT series. Throws InconsistentSeriesError (message names the
/// files and what was expected), UnsupportedEncodingError (multi-frame or colour images) or
/// UnreadableFileError (mandatory tag missing, naming file and tag).
SliceArrangement arrangeSlices(const std::vector<DicomImageHeader>& headers,
                               const SliceStackTolerances& tolerances = {});

}  // namespace tv
