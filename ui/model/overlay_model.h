#pragma once
// OverlayModel: an ordered list of label-map layers on the volume's grid, drawn over the slice views
// (first layer at the bottom) and by the 3D view. Each layer has a name (e.g. the mask file), a
// label table (name, color, opacity, visibility per label value), a visibility toggle and an
// opacity; the whole overlay has a global visibility (View > Overlay) and opacity. Analyses and
// File > Load mask add layers; views listen to the signals and redraw live.
//
// Views that draw one label map (the 3D surfaces) use the composite API below: one map in which
// every (visible layer, label) pair has its own composite id (later layers win where layers
// overlap); with a single visible layer the composite is that layer's map and ids are its labels;
// with several it is built on a worker thread and announced by labelsChanged.
//
// Consumers: slice views (ui/slice), the 3D view (ui/view3d), the overlay panel. Thread: GUI thread
// only; a worker computes a new LabelMap and hands it over with addLayer().
#include <QColor>
#include <QObject>
#include <QString>
#include <array>
#include <memory>
#include <utility>
#include <vector>

#include "image/image.h"

namespace tvui {

struct LabelStyle {
    QString name;           // shown in the overlay panel, e.g. "left lung"
    QColor color;           // RGB of the label
    double opacity = 0.5;   // 0..1, multiplied by the layer and global opacity
    bool visible = true;
    /// Opacity of the label's 3D surface. Findings (opacities, emboli, unknown masks) are opaque;
    /// regions that contain findings (lungs, lobes) are see-through, or they would hide what lies
    /// inside them in the 3D view.
    double surfaceOpacity = 1.0;
};

/// Name, color, opacity and visibility of every label value 0..255 (0 = background, never drawn).
using LabelTable = std::array<LabelStyle, 256>;

/// "label N" names, the default palette, opacity 0.5, all visible. `paletteShift` rotates the
/// palette (label l gets the color of label l + shift) so that label 1 of a second or third
/// layer does not share the first layer's red.
LabelTable defaultLabelTable(int paletteShift = 0);

struct OverlayLayer {
    int id = 0;                                  // unique within the model, stable across reordering
    QString name;                                // e.g. "lungs.nii.gz"
    std::shared_ptr<const tv::LabelMap> labels;  // on the volume grid
    LabelTable styles;
    std::vector<int> present;                    // label values 1..255 occurring, ascending
    bool visible = true;
    double opacity = 1.0;                        // 0..1, multiplies every label's opacity
};

class OverlayModel : public QObject {
    Q_OBJECT
public:
    explicit OverlayModel(QObject* parent = nullptr);
    ~OverlayModel() override;

    // ---- layers -------------------------------------------------------------------------------
    /// Appends a layer drawn above the others (the caller checks the grid with sameGrid);
    /// returns its index.
    int addLayer(std::shared_ptr<const tv::LabelMap> labels, const QString& name, const LabelTable& styles = defaultLabelTable());
    void removeLayer(int layer);
    /// Moves a layer to position `to` in the drawing order (0 = bottom).
    void moveLayer(int from, int to);
    /// Removes every layer.
    void clear();
    /// Replaces every layer by this one (convenience for single-map callers).
    void setLabels(std::shared_ptr<const tv::LabelMap> labels, const QString& name);
    int layerCount() const { return static_cast<int>(layers_.size()); }
    const OverlayLayer& layer(int layer) const { return layers_.at(static_cast<std::size_t>(layer)); }
    /// Call after changing voxels of a layer's map in place (live editing, analysis preview).
    void notifyVoxelsChanged(int layer);

    void setLayerVisible(int layer, bool visible);
    void setLayerOpacity(int layer, double opacity);
    void setLayerLabelStyle(int layer, int label, const LabelStyle& style);
    void setLayerLabelVisible(int layer, int label, bool visible);
    /// Effective RGBA (0..1) of `label` in `layer` after global, layer and label visibility and
    /// opacity; alpha 0 for background and hidden labels.
    std::array<double, 4> layerRgba(int layer, int label) const;

    bool isVisible() const { return visible_; }
    void setVisible(bool visible);
    double globalOpacity() const { return globalOpacity_; }
    void setGlobalOpacity(double opacity);

    // ---- composite of the visible layers (for views that draw one label map) -----------------
    const std::shared_ptr<const tv::LabelMap>& labels() const { return composite_; }
    /// True when there is a composite to draw (some visible layer); layerCount() counts layers.
    bool hasLabels() const { return composite_ != nullptr; }
    /// Layer names joined with " + ".
    QString sourceName() const;
    /// True while a composite of several layers is being built off the GUI thread (labelsChanged
    /// follows when it is in place).
    bool compositePending() const { return compositePending_; }
    /// Composite ids that occur, ascending.
    const std::vector<int>& presentLabels() const { return compositePresent_; }
    /// (layer, label) of composite id `id`, or (-1, 0) when unused.
    std::pair<int, int> layerLabelOf(int id) const;
    const LabelStyle& style(int id) const;
    void setStyle(int id, const LabelStyle& style);
    void setLabelVisible(int id, bool visible);
    std::array<double, 4> effectiveRgba(int id) const;

    /// Default palette: distinct colors for labels 1..255 (label 1 red, 2 green, 3 blue, ...).
    static QColor defaultColor(int label);

signals:
    /// Layers were added, removed or their voxels changed (slice views re-read the maps).
    void layersChanged();
    /// The composite map changed (layers changed, or a layer was shown or hidden). With several
    /// visible layers it comes after the composite was built on a worker thread.
    void labelsChanged();
    /// Colors, opacities or visibility changed.
    void styleChanged();

private:
    void rebuildComposite();
    bool validLayer(int layer) const { return layer >= 0 && layer < layerCount(); }

    std::vector<OverlayLayer> layers_;
    bool visible_ = true;
    double globalOpacity_ = 1.0;
    std::shared_ptr<const tv::LabelMap> composite_;
    std::vector<int> compositePresent_;
    std::array<std::pair<int, int>, 256> compositeOf_{};  // composite id -> (layer id, label)
    int compositeGeneration_ = 0;
    bool compositePending_ = false;
    int nextLayerId_ = 1;
};

}  // namespace tvui
