#pragma once
// The built-in demo case: the synthetic chest phantom (core/phantom) with its truth labels as the
// overlay. Shown when the viewer starts without a study; always labelled as synthetic.
#include <QString>
#include <memory>

#include "image/image.h"
#include "model/overlay_model.h"
#include "util/progress.h"

namespace tvui {

struct DemoCase {
    std::shared_ptr<const tv::CtVolume> ct;      // info.synthetic == true
    std::shared_ptr<const tv::LabelMap> labels;  // tv::PhantomLabel per voxel
};

/// Generates the default phantom (a second or two; run it off the GUI thread).
DemoCase makeDemoCase(tv::ProgressSink& progress = tv::noProgress(), const tv::CancelToken& cancel = tv::neverCancel());

/// Names and colors of the phantom labels; only the lesions (emboli, GGO, consolidation) visible
/// at first, anatomy labels available in the overlay panel.
LabelTable phantomLabelTable();
/// Adds the phantom truth as an overlay layer with phantomLabelTable(); returns the layer index.
int addDemoLayer(OverlayModel& overlay, const DemoCase& demo);

/// Overlay source name used for the phantom truth.
inline QString demoLabelsName() { return QStringLiteral("phantom truth (synthetic)"); }

}  // namespace tvui
