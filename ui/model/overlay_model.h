#pragma once
// OverlayModel: one label map on the volume's grid, drawn over the slice views (and by the 3D view)
// with a color, opacity and visibility per label and a global visibility toggle. Analyses and
// File > Load mask replace or edit the labels; views listen to the signals and redraw live.
//
// Consumers: slice views (ui/slice), the 3D view (ui/view3d). Thread: GUI thread only; a worker
// computes a new LabelMap and hands it over with setLabels().
#include <QColor>
#include <QObject>
#include <QString>
#include <array>
#include <memory>
#include <vector>

#include "image/image.h"

namespace tvui {

struct LabelStyle {
    QString name;           // shown in the overlay panel, e.g. "embolus"
    QColor color;           // RGB of the label
    double opacity = 0.5;   // 0..1, multiplied by the global opacity
    bool visible = true;
};

class OverlayModel : public QObject {
    Q_OBJECT
public:
    explicit OverlayModel(QObject* parent = nullptr);

    /// Replaces the label map (must lie on the volume grid; the caller checks with sameGrid) and
    /// its description, e.g. "truth (synthetic)" or the mask file name.
    void setLabels(std::shared_ptr<const tv::LabelMap> labels, const QString& sourceName);
    void clear();
    /// Call after changing voxels of the current map in place (live editing, analysis preview).
    void notifyVoxelsChanged();

    const std::shared_ptr<const tv::LabelMap>& labels() const { return labels_; }
    bool hasLabels() const { return labels_ != nullptr; }
    const QString& sourceName() const { return sourceName_; }
    /// Label values 1..255 that occur in the current map, ascending.
    const std::vector<int>& presentLabels() const { return present_; }

    const LabelStyle& style(int label) const { return styles_.at(static_cast<std::size_t>(label)); }
    void setStyle(int label, const LabelStyle& style);
    void setLabelVisible(int label, bool visible);

    bool isVisible() const { return visible_; }
    void setVisible(bool visible);
    double globalOpacity() const { return globalOpacity_; }
    void setGlobalOpacity(double opacity);

    /// Effective RGBA (0..1) of `label` after global and per-label visibility/opacity; alpha 0 for
    /// background and hidden labels. Views build their lookup tables from this.
    std::array<double, 4> effectiveRgba(int label) const;

    /// Default palette: distinct colors for labels 1..255 (label 1 red, 2 green, 3 blue, ...).
    static QColor defaultColor(int label);

signals:
    /// The label map was replaced, cleared or its voxels changed.
    void labelsChanged();
    /// Colors, opacities or visibility changed (voxels unchanged).
    void styleChanged();

private:
    void scanPresentLabels();

    std::shared_ptr<const tv::LabelMap> labels_;
    QString sourceName_;
    std::vector<int> present_;
    std::array<LabelStyle, 256> styles_;
    bool visible_ = true;
    double globalOpacity_ = 1.0;
};

}  // namespace tvui
