#include "view3d/volume_presets.h"

#include <vtkColorTransferFunction.h>
#include <vtkNew.h>
#include <vtkPiecewiseFunction.h>
#include <vtkVolumeProperty.h>

#include "util/errors.h"

namespace tvui {

namespace {

std::vector<VolumePreset> makePresets() {
    std::vector<VolumePreset> p;

    // Lungs: air (outside the body and inside the airways, about -1000 HU) is fully transparent so
    // the view is not a grey box; aerated parenchyma (-950..-700) is a faint blue haze; the
    // partial-volume band where lung meets vessel walls, airway walls and pleura (-600..-300)
    // carries the opacity, so the bronchial tree, the lung vessels and the lung surface appear as
    // shaded shells. Everything denser than -200 HU (fat at about -100, soft tissue, blood, bone) is
    // transparent: the chest wall and mediastinum would otherwise hide the lungs. The skin/air
    // boundary passes through the same band and shows as a faint outer shell.
    p.push_back({"lungs",
                 "Lungs",
                 "Lung parenchyma, airways and lung vessels; soft tissue and bone hidden",
                 {{-1024, 0.00, 0.00, 0.00},
                  {-950, 0.25, 0.45, 0.80},
                  {-700, 0.55, 0.70, 0.95},
                  {-450, 0.95, 0.75, 0.65},
                  {-200, 1.00, 0.90, 0.80},
                  {3071, 1.00, 1.00, 1.00}},
                 {{-1024, 0.0},
                  {-960, 0.0},
                  {-900, 0.004},
                  {-750, 0.012},
                  {-600, 0.15},
                  {-450, 0.25},
                  {-300, 0.08},
                  {-200, 0.0},
                  {3071, 0.0}},
                 true, 0.25, 0.75, 0.15, 10.0});

    // Vessels with contrast: enhanced blood spans about +150 (routine venous phase, as in
    // C3N-00247) to +600 HU (CT pulmonary angiography). The ramp starts at +120 so that
    // unenhanced soft tissue (+20..+80) and clot (+20..+100) stay transparent; vessels are red.
    // Above +700 HU (cortical bone) opacity drops to a faint ivory so the spine and ribs give
    // orientation without hiding the vessels in front of them.
    p.push_back({"vessels",
                 "Vessels (contrast)",
                 "Contrast-enhanced blood (about +150..+600 HU) in red, bone faint",
                 {{-1024, 0.00, 0.00, 0.00},
                  {120, 0.55, 0.05, 0.05},
                  {250, 0.85, 0.15, 0.10},
                  {600, 1.00, 0.45, 0.35},
                  {700, 0.95, 0.90, 0.80},
                  {3071, 1.00, 1.00, 0.95}},
                 {{-1024, 0.0},
                  {120, 0.0},
                  {200, 0.35},
                  {600, 0.60},
                  {700, 0.12},
                  {3071, 0.12}},
                 true, 0.2, 0.8, 0.3, 15.0});

    // Bone: opacity starts at +200 HU (above enhanced blood in a venous phase, below the lower end
    // of bone at +300) and reaches near-opaque at cortical bone (+1000 and above). Ivory colors,
    // darker for cancellous bone.
    p.push_back({"bone",
                 "Bone",
                 "Skeleton (about +300..+2000 HU); soft tissue and vessels hidden",
                 {{-1024, 0.00, 0.00, 0.00},
                  {200, 0.55, 0.35, 0.25},
                  {400, 0.90, 0.80, 0.65},
                  {1000, 1.00, 0.98, 0.92},
                  {3071, 1.00, 1.00, 1.00}},
                 {{-1024, 0.0},
                  {200, 0.0},
                  {300, 0.25},
                  {700, 0.75},
                  {1500, 0.95},
                  {3071, 0.95}},
                 true, 0.2, 0.85, 0.25, 12.0});
    return p;
}

}  // namespace

const std::vector<VolumePreset>& volumePresets() {
    static const std::vector<VolumePreset> presets = makePresets();
    return presets;
}

const VolumePreset& volumePreset(std::string_view id) {
    std::string valid;
    for (const VolumePreset& p : volumePresets()) {
        if (p.id == id) return p;
        valid += (valid.empty() ? "" : ", ") + p.id;
    }
    throw tv::InvalidArgumentError("unknown 3D preset '" + std::string(id) + "': expected one of " +
                                   valid);
}

void applyPreset(const VolumePreset& preset, vtkVolumeProperty* property, double opacityScale) {
    vtkNew<vtkColorTransferFunction> color;
    for (const ColorPoint& c : preset.color) color->AddRGBPoint(c.hu, c.r, c.g, c.b);
    vtkNew<vtkPiecewiseFunction> opacity;
    for (const OpacityPoint& o : preset.opacity) opacity->AddPoint(o.hu, o.opacity * opacityScale);
    property->SetColor(color);
    property->SetScalarOpacity(opacity);
    // Unit distance 1 mm: opacities mean the same whatever the voxel spacing or sample distance.
    property->SetScalarOpacityUnitDistance(1.0);
    property->SetInterpolationTypeToLinear();
    property->SetShade(preset.shade ? 1 : 0);
    property->SetAmbient(preset.ambient);
    property->SetDiffuse(preset.diffuse);
    property->SetSpecular(preset.specular);
    property->SetSpecularPower(preset.specularPower);
}

}  // namespace tvui
