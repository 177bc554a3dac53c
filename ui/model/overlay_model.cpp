#include "model/overlay_model.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace tvui {

namespace {

std::vector<int> scanPresentLabels(const tv::LabelMap& labels) {
    std::array<bool, 256> seen{};
    for (std::uint8_t v : labels.voxels()) seen[v] = true;
    std::vector<int> present;
    for (int l = 1; l < 256; ++l)
        if (seen[static_cast<std::size_t>(l)]) present.push_back(l);
    return present;
}

const LabelStyle& backgroundStyle() {
    static const LabelStyle s{QStringLiteral("background"), QColor(0, 0, 0), 0.0, false};
    return s;
}

}  // namespace

LabelTable defaultLabelTable(int paletteShift) {
    LabelTable t;
    for (int l = 0; l < 256; ++l) {
        auto& s = t[static_cast<std::size_t>(l)];
        s.name = l == 0 ? QStringLiteral("background") : QStringLiteral("label %1").arg(l);
        s.color = OverlayModel::defaultColor(l == 0 ? 0 : (l - 1 + std::max(0, paletteShift)) % 255 + 1);
        s.opacity = l == 0 ? 0.0 : 0.5;
        s.visible = l != 0;
    }
    return t;
}

OverlayModel::OverlayModel(QObject* parent) : QObject(parent) { compositeOf_.fill({-1, 0}); }

OverlayModel::~OverlayModel() = default;

QColor OverlayModel::defaultColor(int label) {
    static const QColor base[] = {QColor(0, 0, 0),       QColor(255, 40, 40),  QColor(40, 220, 40),
                                  QColor(60, 120, 255),  QColor(255, 220, 0),  QColor(0, 220, 220),
                                  QColor(230, 60, 230),  QColor(255, 140, 0),  QColor(150, 90, 255)};
    constexpr int n = static_cast<int>(sizeof(base) / sizeof(base[0]));
    if (label < n) return base[label];
    return QColor::fromHsv((label * 47) % 360, 220, 255);  // golden-ish spread beyond the table
}

int OverlayModel::addLayer(std::shared_ptr<const tv::LabelMap> labels, const QString& name, const LabelTable& styles) {
    OverlayLayer l;
    l.id = nextLayerId_++;
    l.name = name;
    l.styles = styles;
    if (labels) l.present = scanPresentLabels(*labels);
    l.labels = std::move(labels);
    layers_.push_back(std::move(l));
    emit layersChanged();
    rebuildComposite();
    return layerCount() - 1;
}

void OverlayModel::removeLayer(int layer) {
    if (!validLayer(layer)) return;
    layers_.erase(layers_.begin() + layer);
    emit layersChanged();
    rebuildComposite();
}

void OverlayModel::moveLayer(int from, int to) {
    if (!validLayer(from) || !validLayer(to) || from == to) return;
    OverlayLayer moved = std::move(layers_[static_cast<std::size_t>(from)]);
    layers_.erase(layers_.begin() + from);
    layers_.insert(layers_.begin() + to, std::move(moved));
    emit layersChanged();
    rebuildComposite();
}

void OverlayModel::clear() {
    layers_.clear();
    emit layersChanged();
    rebuildComposite();
}

void OverlayModel::setLabels(std::shared_ptr<const tv::LabelMap> labels, const QString& name) {
    layers_.clear();
    if (labels) addLayer(std::move(labels), name);
    else clear();
}

void OverlayModel::notifyVoxelsChanged(int layer) {
    if (!validLayer(layer)) return;
    auto& l = layers_[static_cast<std::size_t>(layer)];
    l.present = l.labels ? scanPresentLabels(*l.labels) : std::vector<int>{};
    emit layersChanged();
    rebuildComposite();
}

void OverlayModel::setLayerVisible(int layer, bool visible) {
    if (!validLayer(layer) || layers_[static_cast<std::size_t>(layer)].visible == visible) return;
    layers_[static_cast<std::size_t>(layer)].visible = visible;
    emit styleChanged();
    // A hidden layer leaves the composite so it no longer hides the layers under it in 3D.
    if (layerCount() > 1) {
        rebuildComposite();
    }
}

void OverlayModel::setLayerOpacity(int layer, double opacity) {
    if (!validLayer(layer)) return;
    layers_[static_cast<std::size_t>(layer)].opacity = std::clamp(opacity, 0.0, 1.0);
    emit styleChanged();
}

void OverlayModel::setLayerLabelStyle(int layer, int label, const LabelStyle& style) {
    if (!validLayer(layer) || label <= 0 || label > 255) return;
    layers_[static_cast<std::size_t>(layer)].styles[static_cast<std::size_t>(label)] = style;
    emit styleChanged();
}

void OverlayModel::setLayerLabelVisible(int layer, int label, bool visible) {
    if (!validLayer(layer) || label <= 0 || label > 255) return;
    layers_[static_cast<std::size_t>(layer)].styles[static_cast<std::size_t>(label)].visible = visible;
    emit styleChanged();
}

std::array<double, 4> OverlayModel::layerRgba(int layer, int label) const {
    if (!validLayer(layer) || label <= 0 || label > 255) return {0, 0, 0, 0};
    const OverlayLayer& l = layers_[static_cast<std::size_t>(layer)];
    const LabelStyle& s = l.styles[static_cast<std::size_t>(label)];
    const double a = (visible_ && l.visible && s.visible) ? s.opacity * l.opacity * globalOpacity_ : 0.0;
    return {s.color.redF(), s.color.greenF(), s.color.blueF(), a};
}

void OverlayModel::setVisible(bool visible) {
    if (visible_ == visible) return;
    visible_ = visible;
    emit styleChanged();
}

void OverlayModel::setGlobalOpacity(double opacity) {
    globalOpacity_ = std::clamp(opacity, 0.0, 1.0);
    emit styleChanged();
}

QString OverlayModel::sourceName() const {
    QStringList names;
    for (const auto& l : layers_) names << l.name;
    return names.join(QStringLiteral(" + "));
}

namespace {

struct Composite {
    std::shared_ptr<const tv::LabelMap> map;
    std::vector<int> present;
};

// One pass: per voxel the topmost map with a numbered label wins; present ids noted on the way.
Composite buildComposite(const std::vector<std::shared_ptr<const tv::LabelMap>>& maps,
                         const std::vector<std::array<std::uint8_t, 256>>& idOf) {
    auto out = std::make_shared<tv::LabelMap>(maps.front()->geometry(), 0);
    std::vector<const std::uint8_t*> src;
    for (const auto& m : maps) src.push_back(m->voxels().data());
    std::uint8_t* dst = out->voxels().data();
    const std::size_t n = out->voxels().size();
    std::array<bool, 256> seen{};
    for (std::size_t q = 0; q < n; ++q) {
        std::uint8_t id = 0;
        for (std::size_t s = src.size(); s-- > 0;) {
            const std::uint8_t l = src[s][q];
            if (l && idOf[s][l]) {
                id = idOf[s][l];
                break;
            }
        }
        dst[q] = id;
        seen[id] = true;
    }
    Composite c;
    c.map = std::move(out);
    for (int id = 1; id < 256; ++id)
        if (seen[static_cast<std::size_t>(id)]) c.present.push_back(id);
    return c;
}

}  // namespace

void OverlayModel::rebuildComposite() {
    const int generation = ++compositeGeneration_;
    std::vector<int> shown;
    for (int i = 0; i < layerCount(); ++i)
        if (layers_[static_cast<std::size_t>(i)].visible && layers_[static_cast<std::size_t>(i)].labels) shown.push_back(i);
    std::array<std::pair<int, int>, 256> mapping;
    mapping.fill({-1, 0});
    if (shown.size() <= 1) {  // none, or the layer itself: no copy, ids are its labels
        composite_.reset();
        compositePresent_.clear();
        if (!shown.empty()) {
            const OverlayLayer& l = layers_[static_cast<std::size_t>(shown[0])];
            composite_ = l.labels;
            compositePresent_ = l.present;
            for (int label : l.present) mapping[static_cast<std::size_t>(label)] = {l.id, label};
        }
        compositeOf_ = mapping;
        compositePending_ = false;
        emit labelsChanged();
        return;
    }
    // Several layers: number the (layer, label) pairs 1..255 in drawing order; later layers win.
    std::vector<std::array<std::uint8_t, 256>> idOf(shown.size());
    std::vector<std::shared_ptr<const tv::LabelMap>> maps;
    int next = 1;
    for (std::size_t s = 0; s < shown.size(); ++s) {
        const OverlayLayer& l = layers_[static_cast<std::size_t>(shown[s])];
        maps.push_back(l.labels);
        idOf[s].fill(0);
        for (int label : l.present) {
            if (next > 255) break;  // beyond 255 pairs the rest are not drawn in 3D
            idOf[s][static_cast<std::size_t>(label)] = static_cast<std::uint8_t>(next);
            mapping[static_cast<std::size_t>(next)] = {l.id, label};
            ++next;
        }
    }
    // A pass over the whole volume (0.1-0.5 s at 512x512x150): off the GUI thread. Until it is
    // done the previous composite stays, its ids still resolving to their layers by layer id.
    auto* watcher = new QFutureWatcher<Composite>(this);
    connect(watcher, &QFutureWatcher<Composite>::finished, this, [this, watcher, generation, mapping] {
        watcher->deleteLater();
        if (generation != compositeGeneration_) return;  // superseded by a later change
        const Composite c = watcher->result();
        composite_ = c.map;
        compositePresent_ = c.present;
        compositeOf_ = mapping;
        compositePending_ = false;
        emit labelsChanged();
    });
    compositePending_ = true;
    watcher->setFuture(QtConcurrent::run([maps, idOf] { return buildComposite(maps, idOf); }));
}

std::pair<int, int> OverlayModel::layerLabelOf(int id) const {
    if (id <= 0 || id > 255) return {-1, 0};
    const auto [layerId, label] = compositeOf_[static_cast<std::size_t>(id)];
    for (int i = 0; i < layerCount(); ++i)
        if (layers_[static_cast<std::size_t>(i)].id == layerId) return {i, label};
    return {-1, 0};  // the layer was removed since the composite was built
}

const LabelStyle& OverlayModel::style(int id) const {
    const auto [layer, label] = layerLabelOf(id);
    if (!validLayer(layer)) return backgroundStyle();
    return layers_[static_cast<std::size_t>(layer)].styles[static_cast<std::size_t>(label)];
}

void OverlayModel::setStyle(int id, const LabelStyle& style) {
    const auto [layer, label] = layerLabelOf(id);
    setLayerLabelStyle(layer, label, style);
}

void OverlayModel::setLabelVisible(int id, bool visible) {
    const auto [layer, label] = layerLabelOf(id);
    setLayerLabelVisible(layer, label, visible);
}

std::array<double, 4> OverlayModel::effectiveRgba(int id) const {
    const auto [layer, label] = layerLabelOf(id);
    return layerRgba(layer, label);
}

}  // namespace tvui
