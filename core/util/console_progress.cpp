#include "util/console_progress.h"

#include <algorithm>
#include <cstdio>

namespace tv {

void ConsoleProgress::report(double fraction, const std::string& stage) {
    if (quiet_) return;
    const int percent = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 100.0);
    std::lock_guard lock(mutex_);
    if (stage == lastStage_ && percent < lastPercent_ + 2 && percent != 100) return;
    lastStage_ = stage;
    lastPercent_ = percent;
    std::fprintf(stderr, "\r%-40s %3d%%", stage.c_str(), percent);
    std::fflush(stderr);
    printed_ = true;
}

void ConsoleProgress::finish() {
    std::lock_guard lock(mutex_);
    if (printed_ && !quiet_) std::fprintf(stderr, "\n");
    printed_ = false;
}

}  // namespace tv
