#pragma once
// Core images -> VTK images for the 3D view, without copying the full-resolution voxels.
//
// VTK's volume mappers do not all honour vtkImageData's direction matrix (the CPU ray caster does
// not), so the images are built in the "index-scaled" frame: axis-aligned, origin 0, spacing =
// voxel spacing. indexFrameToPatient() is the vtkProp3D user matrix that places them in the DICOM
// patient frame (LPS mm); with it, world coordinates in the 3D view are LPS millimetres.
#include <vtkSmartPointer.h>

#include "image/image.h"

class vtkImageData;
class vtkMatrix4x4;

namespace tvui {

/// Wraps the HU buffer of `ct` (int16) without a copy. `ct` must outlive the returned image (and
/// every VTK pipeline fed by it); VTK never writes into mapper inputs.
vtkSmartPointer<vtkImageData> wrapHu(const tv::CtVolume& ct);

/// Wraps a label map (uint8) without a copy; same lifetime rule as wrapHu().
vtkSmartPointer<vtkImageData> wrapLabels(const tv::LabelMap& labels);

/// Index-scaled frame -> LPS: [direction | origin] (spacing is already in the image).
vtkSmartPointer<vtkMatrix4x4> indexFrameToPatient(const tv::ImageGeometry& geometry);

/// Copy of `ct` for volume rendering, smoothed in-plane with the binomial kernel [1 2 1]/4 along i
/// and along j (noise divided by about 2.7). Sharp reconstruction kernels (e.g. B70f, noise about
/// 55 HU) otherwise push single soft-tissue voxels into the vessel and bone bands, and rays that
/// run through long stretches of soft tissue (the flat faces where the field of view cuts the
/// body) pile those up into opaque slabs. Same index-scaled frame as wrapHu(ct).
/// With `body` (body_clip.h), voxels outside it are read as kOutsideBodyHu.
vtkSmartPointer<vtkImageData> smoothedForRendering(const tv::CtVolume& ct, const tv::LabelMap* body = nullptr);

/// Unsmoothed copy of `ct` with the voxels outside `body` at kOutsideBodyHu (body_clip.h).
vtkSmartPointer<vtkImageData> clippedForRendering(const tv::CtVolume& ct, const tv::LabelMap& body);

/// Block-averaged copy of `ct` with at most about `targetVoxels` voxels, for the interactive level
/// of detail. Thin axes are reduced less: the block size per axis brings the spacing toward one
/// common value, so a 0.6 x 0.6 x 3 mm series is shrunk in-plane only. Blocks at the far edges may
/// be partial (averaged over the voxels they hold). The result lives in the same index-scaled frame
/// as wrapHu(ct): indexFrameToPatient(ct.geometry()) places both.
/// With `body`, voxels outside it count as kOutsideBodyHu in the averages.
vtkSmartPointer<vtkImageData> downsampleForLod(const tv::CtVolume& ct, std::size_t targetVoxels,
                                               const tv::LabelMap* body = nullptr);

/// Block sizes downsampleForLod() uses (exposed for tests and the benchmark's printout).
tv::Index3 lodBlockSize(const tv::ImageGeometry& geometry, std::size_t targetVoxels);

}  // namespace tvui
