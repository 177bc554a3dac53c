#include "model/viewer_model.h"

#include <algorithm>
#include <cmath>

#include "model/window_presets.h"

namespace tvui {

ViewerModel::ViewerModel(QObject* parent) : QObject(parent) {
    if (const WindowPreset* p = findWindowPreset(presetName_)) wl_ = {p->level, p->width};
}

void ViewerModel::setVolume(std::shared_ptr<const tv::CtVolume> volume) {
    volume_ = std::move(volume);
    if (volume_) {
        const tv::ImageGeometry& g = volume_->geometry();
        const Eigen::Vector3d centre((g.size[0] - 1) / 2.0, (g.size[1] - 1) / 2.0, (g.size[2] - 1) / 2.0);
        cursor_ = g.voxelToPatient(Eigen::Vector3d(std::round(centre.x()), std::round(centre.y()), std::round(centre.z())));
    }
    emit volumeChanged();
    emit cursorChanged();
}

tv::Index3 ViewerModel::cursorVoxel() const {
    if (!volume_) return {0, 0, 0};
    const tv::ImageGeometry& g = volume_->geometry();
    const Eigen::Vector3d v = g.patientToVoxel(cursor_);
    tv::Index3 r;
    for (int a = 0; a < 3; ++a) r[static_cast<std::size_t>(a)] = std::clamp(static_cast<int>(std::lround(v[a])), 0, g.size[static_cast<std::size_t>(a)] - 1);
    return r;
}

void ViewerModel::setCursor(const Eigen::Vector3d& lps) {
    Eigen::Vector3d p = lps;
    if (volume_) {
        const tv::ImageGeometry& g = volume_->geometry();
        Eigen::Vector3d v = g.patientToVoxel(lps);
        for (int a = 0; a < 3; ++a) v[a] = std::clamp(v[a], 0.0, g.size[static_cast<std::size_t>(a)] - 1.0);
        p = g.voxelToPatient(v);
    }
    if ((p - cursor_).norm() < 1e-9) return;
    cursor_ = p;
    emit cursorChanged();
}

void ViewerModel::setWindowLevel(const WindowLevel& wl) {
    wl_ = {wl.level, std::max(1.0, wl.width)};
    presetName_.clear();
    for (const auto& p : windowPresets())
        if (std::abs(p.level - wl_.level) < 0.5 && std::abs(p.width - wl_.width) < 0.5) presetName_ = p.name;
    emit windowLevelChanged();
}

void ViewerModel::applyPreset(const QString& name) {
    if (const WindowPreset* p = findWindowPreset(name)) setWindowLevel({p->level, p->width});
}

void ViewerModel::setSlab(const SlabSetting& slab) {
    slab_ = slab;
    slab_.thicknessMm = std::clamp(slab_.thicknessMm, 1.0, 100.0);
    emit slabChanged();
}

bool ViewerModel::huAt(const Eigen::Vector3d& lps, int& hu) const {
    if (!volume_) return false;
    const Eigen::Vector3d v = volume_->geometry().patientToVoxel(lps);
    const int i = static_cast<int>(std::lround(v.x())), j = static_cast<int>(std::lround(v.y())),
              k = static_cast<int>(std::lround(v.z()));
    if (!volume_->geometry().contains(i, j, k)) return false;
    hu = volume_->hu.at(i, j, k);
    return true;
}

}  // namespace tvui
