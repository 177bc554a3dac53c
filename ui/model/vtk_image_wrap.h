#pragma once
// tv::CtVolume / tv::LabelMap as vtkImageData WITHOUT copying voxels: the VTK array points at the
// core buffer (SetArray with save=1, so VTK never frees it). The caller keeps the core image alive
// for as long as the vtkImageData is used (ViewerModel and OverlayModel hold both together).
#include <vtkSmartPointer.h>

#include "image/image.h"

class vtkImageData;

namespace tvui {

/// Patient frame (LPS mm): origin, spacing and direction matrix from the ImageGeometry. For VTK
/// filters and mappers that honour vtkImageData's direction matrix (3D view).
vtkSmartPointer<vtkImageData> wrapInPatientFrame(const tv::CtVolume& volume);
vtkSmartPointer<vtkImageData> wrapInPatientFrame(const tv::LabelMap& labels);

/// Index frame: origin 0, identity direction, the grid's spacing. Slice views reslice in this frame
/// (VTK 9.1's vtkImageReslice ignores the direction matrix) and map to patient coordinates through
/// tv::ImageGeometry, the one place that relates voxels and LPS.
vtkSmartPointer<vtkImageData> wrapInIndexFrame(const tv::CtVolume& volume);
vtkSmartPointer<vtkImageData> wrapInIndexFrame(const tv::LabelMap& labels);

}  // namespace tvui
