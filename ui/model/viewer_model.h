#pragma once
// ViewerModel: the state all views of one study share: the CT volume, the linked cursor (crosshair)
// in patient LPS millimetres, window/level and the thick-slab setting. Views render from it and
// write user actions back into it; every change is a signal so linked views follow.
// GUI thread only.
#include <Eigen/Core>
#include <QObject>
#include <QString>
#include <memory>

#include "image/image.h"

namespace tvui {

struct WindowLevel {
    double level = 40.0;   // centre, HU
    double width = 400.0;  // HU
};

enum class SlabMode { Off, Mip, MinIp, Mean };

struct SlabSetting {
    SlabMode mode = SlabMode::Off;
    double thicknessMm = 10.0;  // used when mode != Off
};

class ViewerModel : public QObject {
    Q_OBJECT
public:
    explicit ViewerModel(QObject* parent = nullptr);

    /// Replaces the volume; puts the cursor at the volume centre and keeps window/level.
    void setVolume(std::shared_ptr<const tv::CtVolume> volume);
    const std::shared_ptr<const tv::CtVolume>& volume() const { return volume_; }
    bool hasVolume() const { return volume_ != nullptr; }

    const Eigen::Vector3d& cursor() const { return cursor_; }
    /// Moves the linked cursor (clamped into the volume's extent).
    void setCursor(const Eigen::Vector3d& lps);
    /// The cursor's voxel (rounded, clamped to the grid).
    tv::Index3 cursorVoxel() const;

    const WindowLevel& windowLevel() const { return wl_; }
    void setWindowLevel(const WindowLevel& wl);
    /// Name of the preset in effect ("" after manual adjustment).
    const QString& presetName() const { return presetName_; }
    void applyPreset(const QString& name);

    const SlabSetting& slab() const { return slab_; }
    void setSlab(const SlabSetting& slab);

    /// HU at the voxel nearest to `lps`, or false when outside the volume.
    bool huAt(const Eigen::Vector3d& lps, int& hu) const;

signals:
    void volumeChanged();
    void cursorChanged();
    void windowLevelChanged();
    void slabChanged();

private:
    std::shared_ptr<const tv::CtVolume> volume_;
    Eigen::Vector3d cursor_ = Eigen::Vector3d::Zero();
    WindowLevel wl_;
    QString presetName_ = QStringLiteral("mediastinum");
    SlabSetting slab_;
};

}  // namespace tvui
