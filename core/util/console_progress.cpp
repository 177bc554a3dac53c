#include "util/console_progress.h"

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace tv {

void ConsoleProgress::report(double fraction, const std::string& stage) {
    if (quiet_) return;
    const int percent = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 100.0);
    std::lock_guard lock(mutex_);
    // A terminal gets one line rewritten in place; a log file or pipe gets one line per stage, so
    // CI logs and scripts are not flooded with carriage-return updates.
    static const bool terminal = isatty(fileno(stderr)) != 0;
    if (!terminal) {
        if (stage == lastStage_) return;
        lastStage_ = stage;
        std::fprintf(stderr, "%s\n", stage.c_str());
        return;
    }
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
