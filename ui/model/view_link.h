#pragma once
// ViewLink: zoom and pan shared by the three slice views of one layout (View > Link zoom and pan,
// on by default). Zoom is shared as millimetres per screen pixel, so views whose images have
// different extents still show anatomy at the same size; pan is shared as one patient point (LPS
// mm) that every view centres on, projected onto its plane, so panning the axial view left-right
// also moves the coronal view left-right and leaves the sagittal view (which has no such axis)
// alone. Unset values mean "each view fits / centres its own image" (the state after a reset).
// GUI thread only.
#include <Eigen/Core>
#include <QObject>
#include <optional>

namespace tvui {

class ViewLink : public QObject {
    Q_OBJECT
public:
    explicit ViewLink(QObject* parent = nullptr) : QObject(parent) {}

    bool isEnabled() const { return enabled_; }
    void setEnabled(bool enabled);

    /// Shared scale in mm per device pixel; nullopt while every view fits its image.
    const std::optional<double>& mmPerPixel() const { return mmPerPixel_; }
    void setMmPerPixel(double mmPerPixel);

    /// Shared view centre in patient LPS mm; nullopt while every view centres its image.
    const std::optional<Eigen::Vector3d>& centre() const { return centre_; }
    void setCentre(const Eigen::Vector3d& lps);

    /// Back to "every view fits and centres its own image".
    void reset();

signals:
    /// Any of the above changed; linked views re-apply their cameras.
    void changed();

private:
    bool enabled_ = true;
    std::optional<double> mmPerPixel_;
    std::optional<Eigen::Vector3d> centre_;
};

}  // namespace tvui
