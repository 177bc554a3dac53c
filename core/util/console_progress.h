#pragma once
// Progress on stderr for command-line use: one line rewritten in place, at most every 2 percent.
#include <mutex>
#include <string>

#include "util/progress.h"

namespace tv {

class ConsoleProgress final : public ProgressSink {
public:
    explicit ConsoleProgress(bool quiet = false) : quiet_(quiet) {}
    void report(double fraction, const std::string& stage) override;
    /// Ends the progress line.
    void finish();

private:
    bool quiet_;
    std::mutex mutex_;
    std::string lastStage_;
    int lastPercent_ = -1;
    bool printed_ = false;
};

}  // namespace tv
