#pragma once
// Window/level presets for chest CT, in one table. Level = centre HU, width = HU range mapped from
// black to white. Values are the usual chest CT display settings (see
// ../shared/notes/clinical-reference.md for the HU bands they are meant to show).
#include <QString>
#include <vector>

namespace tvui {

struct WindowPreset {
    QString name;     // key used by --preset and the menu, e.g. "lung"
    QString label;    // menu text
    double level;     // HU
    double width;     // HU
    QString meaning;  // what the window is for (tooltip, README)
};

/// All presets, in menu order:
///   lung                   -600 / 1500  lung parenchyma, airways, ground-glass opacity, nodules
///   mediastinum              40 /  400  soft tissue: heart, vessels, lymph nodes, pleura
///   pulmonary-angiography   100 /  700  contrast-filled pulmonary arteries: filling defects
///                                       (emboli, ~20-60 HU) stand out against ~250-500 HU blood
///   bone                    400 / 1800  cortical and trabecular bone, spine, ribs
const std::vector<WindowPreset>& windowPresets();

/// Preset with `name` (case-insensitive; "pe" and "cta" are aliases of pulmonary-angiography), or
/// nullptr.
const WindowPreset* findWindowPreset(const QString& name);

}  // namespace tvui
