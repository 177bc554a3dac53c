#pragma once
// NIfTI-1/2 (.nii, .nii.gz) reading and writing through the NIfTI reference library (libnifti2).
// NIfTI stores world coordinates as RAS; ThromboView works in DICOM LPS. The conversion (negate x
// and y) happens here and nowhere else.
#include <filesystem>

#include "image/image.h"
#include "util/progress.h"

namespace tv {

/// Reads a scalar 3-D NIfTI volume as Hounsfield units (applies scl_slope/scl_inter, rounds and
/// clamps to int16). Throws UnreadableFileError (missing, corrupt, not 3-D scalar).
CtVolume readNiftiCt(const std::filesystem::path& path);

/// Reads a NIfTI label map (integer values 0..255; any other value is an error naming it).
LabelMap readNiftiLabels(const std::filesystem::path& path);

/// Reads a label map and checks that it lies on `grid` (same size; geometry within 0.01 mm).
/// Throws InconsistentSeriesError naming both grids when it does not.
LabelMap readNiftiLabelsOnGrid(const std::filesystem::path& path, const ImageGeometry& grid);

/// A label map read for a volume, with how it was placed on the volume's grid.
struct PlacedLabels {
    LabelMap labels;              // on the volume grid
    bool replaced = false;        // true: the file was on another crop of the same lattice
    Index3 offsetVoxels{0, 0, 0}; // where the file's voxel (0,0,0) lies in the volume's indices
};

/// Like readNiftiLabelsOnGrid, but a map on another crop of the same lattice (same spacing and
/// direction, origin a whole number of voxels away: image/grid_placement.h) is re-placed on `grid`
/// voxel for voxel. Throws InconsistentSeriesError (the same message as readNiftiLabelsOnGrid, or
/// "no overlap") for anything else; CancelledError when `cancel` is set between the stages (read,
/// placement). `progress` gets one report per stage.
PlacedLabels readNiftiLabelsPlacedOnGrid(const std::filesystem::path& path, const ImageGeometry& grid,
                                         ProgressSink& progress = noProgress(),
                                         const CancelToken& cancel = neverCancel());

/// Writes int16 HU (DT_INT16, sform and qform = scanner). `.gz` suffix compresses.
/// Throws Error when the file cannot be written.
void writeNifti(const CtVolume& volume, const std::filesystem::path& path);
/// Writes a uint8 label map (DT_UINT8).
void writeNifti(const LabelMap& labels, const std::filesystem::path& path);

/// True for names ending in .nii or .nii.gz (case-insensitive).
bool isNiftiPath(const std::filesystem::path& path);

}  // namespace tv
