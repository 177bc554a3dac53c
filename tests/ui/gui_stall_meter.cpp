#include "gui_stall_meter.h"

#include <algorithm>
#include <fstream>

namespace tvuitest {
namespace {

// Nanoseconds the calling thread has spent waiting on a run queue, or -1 when unavailable.
qint64 runQueueWaitNs() {
    std::ifstream in("/proc/thread-self/schedstat");
    long long onCpu = 0, waiting = -1;
    if (!(in >> onCpu >> waiting)) return -1;
    return waiting;
}

}  // namespace

GuiStallMeter::GuiStallMeter() {
    timer_.setInterval(10);
    QObject::connect(&timer_, &QTimer::timeout, [this] { tick(); });
}

void GuiStallMeter::start() {
    const qint64 queue = runQueueWaitNs();
    haveSchedstat_ = queue >= 0;
    lastQueueNs_ = std::max<qint64>(queue, 0);
    clock_.start();
    lastWallMs_ = 0;
    longestMs_ = 0;
    longestWallMs_ = 0;
    timer_.start();
}

void GuiStallMeter::tick() {
    const qint64 now = clock_.elapsed();
    const qint64 wall = now - lastWallMs_;
    qint64 queuedMs = 0;
    if (haveSchedstat_) {
        const qint64 queue = runQueueWaitNs();
        if (queue >= lastQueueNs_) queuedMs = (queue - lastQueueNs_) / 1000000;
        lastQueueNs_ = std::max(queue, lastQueueNs_);
    }
    longestWallMs_ = std::max(longestWallMs_, wall);
    longestMs_ = std::max(longestMs_, std::max<qint64>(0, wall - queuedMs));
    lastWallMs_ = now;
}

}  // namespace tvuitest
