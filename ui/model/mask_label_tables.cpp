#include "model/mask_label_tables.h"

#include <QFileInfo>

#include "lung/lung_regions.h"
#include "lung/lung_segmentation.h"
#include "lung/opacity.h"

namespace tvui {

namespace {

// Opacity of the 3D surface of a region label (a lung, a lobe): low enough that the findings inside
// it (opacity, emboli, drawn opaque) stay visible through it.
constexpr double kRegionSurfaceOpacity = 0.25;

void set(LabelTable& t, int label, const QString& name, QColor color, double opacity, double surfaceOpacity = 1.0) {
    LabelStyle& s = t[static_cast<std::size_t>(label)];
    s.name = name;
    s.color = color;
    s.opacity = opacity;
    s.visible = true;
    s.surfaceOpacity = surfaceOpacity;
}

}  // namespace

LabelTable labelTableForMask(const QString& fileName, int layerIndex) {
    LabelTable t = defaultLabelTable(layerIndex);
    QString base = QFileInfo(fileName).fileName().toLower();
    base.remove(QStringLiteral(".gz"));
    base.remove(QStringLiteral(".nii"));
    if (base == QLatin1String("lungs")) {
        set(t, tv::kLeftLung, QStringLiteral("left lung"), QColor(70, 150, 255), 0.2, kRegionSurfaceOpacity);
        set(t, tv::kRightLung, QStringLiteral("right lung"), QColor(60, 210, 140), 0.2, kRegionSurfaceOpacity);
        set(t, tv::kAirway, QStringLiteral("airway"), QColor(0, 230, 230), 0.5);
    } else if (base == QLatin1String("opacity")) {
        set(t, tv::kGgo, QStringLiteral("ground-glass opacity"), QColor(255, 220, 0), 0.55);
        set(t, tv::kConsolidation, QStringLiteral("consolidation"), QColor(255, 110, 0), 0.65);
    } else if (base == QLatin1String("lobes")) {
        const QColor colors[] = {QColor(90, 140, 255), QColor(80, 220, 200), QColor(60, 200, 90), QColor(200, 120, 255),
                                 QColor(240, 130, 200)};
        for (int lobe = tv::kRUL; lobe <= tv::kLLL; ++lobe)
            set(t, lobe + 1, QString::fromLatin1(tv::lobeName(lobe)), colors[lobe], 0.3, kRegionSurfaceOpacity);
    } else if (base == QLatin1String("emboli")) {
        for (int l = 1; l < 256; ++l) set(t, l, QStringLiteral("embolus candidate %1").arg(l), QColor(255, 30, 60), 0.8);
    }
    return t;
}

}  // namespace tvui
