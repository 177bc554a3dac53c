#include "model/demo_case.h"

#include "model/overlay_model.h"
#include "phantom/chest_phantom.h"

namespace tvui {

DemoCase makeDemoCase(tv::ProgressSink& progress, const tv::CancelToken& cancel) {
    tv::ChestPhantom p = tv::makeChestPhantom(tv::ChestPhantomParams{}, progress, cancel);
    p.ct.info.synthetic = true;  // the phantom sets it; restated because the banner depends on it
    DemoCase d;
    d.ct = std::make_shared<const tv::CtVolume>(std::move(p.ct));
    d.labels = std::make_shared<const tv::LabelMap>(std::move(p.truth));
    return d;
}

LabelTable phantomLabelTable() {
    LabelTable table = defaultLabelTable();
    struct S {
        int label;
        QColor color;
        bool visible;
        double opacity;
    };
    const S styles[] = {
        {tv::kEmbolus, QColor(255, 30, 30), true, 0.8},
        {tv::kGgo, QColor(255, 220, 0), true, 0.45},
        {tv::kConsolidation, QColor(255, 130, 0), true, 0.55},
        {tv::kPulmonaryArtery, QColor(60, 130, 255), false, 0.35},
        {tv::kPulmonaryVein, QColor(200, 60, 60), false, 0.35},
        {tv::kAorta, QColor(230, 60, 60), false, 0.35},
        {tv::kHeart, QColor(200, 80, 120), false, 0.3},
        {tv::kRightLung, QColor(80, 200, 120), false, 0.25},
        {tv::kLeftLung, QColor(80, 160, 220), false, 0.25},
        {tv::kAirway, QColor(0, 220, 220), false, 0.4},
        {tv::kAirwayWall, QColor(0, 160, 160), false, 0.4},
        {tv::kBone, QColor(240, 240, 200), false, 0.3},
        {tv::kSoftTissue, QColor(180, 120, 90), false, 0.2},
        {tv::kFat, QColor(230, 200, 120), false, 0.2},
    };
    for (const S& s : styles) {
        LabelStyle& st = table[static_cast<std::size_t>(s.label)];
        st.name = QString::fromStdString(tv::phantomLabelName(s.label));
        st.color = s.color;
        st.opacity = s.opacity;
        st.visible = s.visible;
    }
    return table;
}

int addDemoLayer(OverlayModel& overlay, const DemoCase& demo) {
    return overlay.addLayer(demo.labels, demoLabelsName(), phantomLabelTable());
}

}  // namespace tvui
