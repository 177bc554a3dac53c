#include "model/overlay_model.h"

#include <algorithm>

namespace tvui {

OverlayModel::OverlayModel(QObject* parent) : QObject(parent) {
    for (int l = 0; l < 256; ++l) {
        auto& s = styles_[static_cast<std::size_t>(l)];
        s.name = l == 0 ? QStringLiteral("background") : QStringLiteral("label %1").arg(l);
        s.color = defaultColor(l);
        s.opacity = l == 0 ? 0.0 : 0.5;
        s.visible = l != 0;
    }
}

QColor OverlayModel::defaultColor(int label) {
    static const QColor base[] = {QColor(0, 0, 0),       QColor(255, 40, 40),  QColor(40, 220, 40),
                                  QColor(60, 120, 255),  QColor(255, 220, 0),  QColor(0, 220, 220),
                                  QColor(230, 60, 230),  QColor(255, 140, 0),  QColor(150, 90, 255)};
    constexpr int n = static_cast<int>(sizeof(base) / sizeof(base[0]));
    if (label < n) return base[label];
    return QColor::fromHsv((label * 47) % 360, 220, 255);  // golden-ish spread beyond the table
}

void OverlayModel::setLabels(std::shared_ptr<const tv::LabelMap> labels, const QString& sourceName) {
    labels_ = std::move(labels);
    sourceName_ = sourceName;
    scanPresentLabels();
    emit labelsChanged();
}

void OverlayModel::clear() { setLabels(nullptr, {}); }

void OverlayModel::notifyVoxelsChanged() {
    scanPresentLabels();
    emit labelsChanged();
}

void OverlayModel::scanPresentLabels() {
    present_.clear();
    if (!labels_) return;
    std::array<bool, 256> seen{};
    for (std::uint8_t v : labels_->voxels()) seen[v] = true;
    for (int l = 1; l < 256; ++l)
        if (seen[static_cast<std::size_t>(l)]) present_.push_back(l);
}

void OverlayModel::setStyle(int label, const LabelStyle& style) {
    if (label <= 0 || label > 255) return;
    styles_[static_cast<std::size_t>(label)] = style;
    emit styleChanged();
}

void OverlayModel::setLabelVisible(int label, bool visible) {
    if (label <= 0 || label > 255) return;
    styles_[static_cast<std::size_t>(label)].visible = visible;
    emit styleChanged();
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

std::array<double, 4> OverlayModel::effectiveRgba(int label) const {
    if (label <= 0 || label > 255) return {0, 0, 0, 0};
    const LabelStyle& s = styles_[static_cast<std::size_t>(label)];
    const double a = (visible_ && s.visible) ? s.opacity * globalOpacity_ : 0.0;
    return {s.color.redF(), s.color.greenF(), s.color.blueF(), a};
}

}  // namespace tvui
