#include "model/view_link.h"

#include <algorithm>

namespace tvui {

void ViewLink::setEnabled(bool enabled) {
    if (enabled_ == enabled) return;
    enabled_ = enabled;
    emit changed();
}

void ViewLink::setMmPerPixel(double mmPerPixel) {
    mmPerPixel_ = std::max(1e-4, mmPerPixel);
    emit changed();
}

void ViewLink::setCentre(const Eigen::Vector3d& lps) {
    centre_ = lps;
    emit changed();
}

void ViewLink::reset() {
    mmPerPixel_.reset();
    centre_.reset();
    emit changed();
}

}  // namespace tvui
