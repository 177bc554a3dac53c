#include "model/window_presets.h"

namespace tvui {

const std::vector<WindowPreset>& windowPresets() {
    static const std::vector<WindowPreset> presets = {
        {"lung", "Lung", -600, 1500, "Lung parenchyma, airways, ground-glass opacity, nodules"},
        {"mediastinum", "Mediastinum", 40, 400, "Soft tissue: heart, great vessels, lymph nodes, pleura"},
        {"pulmonary-angiography", "Pulmonary angiography", 100, 700,
         "Contrast-filled pulmonary arteries: filling defects (emboli) stand out against enhanced blood"},
        {"bone", "Bone", 400, 1800, "Cortical and trabecular bone: spine, ribs, sternum"},
    };
    return presets;
}

const WindowPreset* findWindowPreset(const QString& name) {
    QString key = name.trimmed().toLower();
    if (key == "pe" || key == "cta" || key == "angio" || key == "pulmonary_angiography") key = "pulmonary-angiography";
    for (const auto& p : windowPresets())
        if (p.name == key) return &p;
    return nullptr;
}

}  // namespace tvui
