#pragma once
// Volume-rendering presets of the 3D view: each is a transfer function in Hounsfield units (color
// points and scalar-opacity points, linearly interpolated by VTK) plus the shading it needs. The
// numbers are data, kept free of VTK so tests and docs can read them; applyPreset() turns one into a
// vtkVolumeProperty.
//
// HU bands follow ../shared/notes/clinical-reference.md (section "HU of chest structures"):
// aerated lung -950..-700, air about -1000, contrast-enhanced pulmonary artery on CTPA +250..+600
// (routine venous phase about +140..+160), bone +300..+2000.
#include <string>
#include <string_view>
#include <vector>

class vtkVolumeProperty;

namespace tvui {

struct ColorPoint {
    double hu;
    double r, g, b;  // 0..1
};

struct OpacityPoint {
    double hu;
    double opacity;  // 0..1 per unit sample distance (VTK's scalar opacity unit distance: 1 mm)
};

struct VolumePreset {
    std::string id;       // "lungs", "vessels", "bone": stable names for menus and --preset
    std::string title;    // shown in menus
    std::string purpose;  // one sentence for tooltips and docs
    std::vector<ColorPoint> color;
    std::vector<OpacityPoint> opacity;
    bool shade = true;  // gradient (Phong) shading: surfaces read as 3D; costs gradient memory
    double ambient = 0.2, diffuse = 0.8, specular = 0.2, specularPower = 10.0;
};

/// All presets, in menu order (lungs, vessels, bone).
const std::vector<VolumePreset>& volumePresets();

/// The preset named `id` (case-sensitive). Throws tv::InvalidArgumentError listing the valid ids.
const VolumePreset& volumePreset(std::string_view id);

/// Writes the preset's transfer functions, interpolation and shading into `property`; every
/// scalar opacity is multiplied by `opacityScale` (the 3D view dims the volume under label surfaces).
void applyPreset(const VolumePreset& preset, vtkVolumeProperty* property, double opacityScale = 1.0);

}  // namespace tvui
