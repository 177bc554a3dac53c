#pragma once
// GuiStallMeter: the longest time the GUI thread could not run its event loop because of work or
// waits of the program itself. A 10 ms timer ticks on the GUI thread; each interval between ticks
// is measured in wall time MINUS the time the thread sat runnable on a CPU run queue
// (/proc/thread-self/schedstat, field 2). Why: on a loaded 2-core machine (ctest -j2, other
// builds) a thread can wait hundreds of ms for a CPU without any blocking call of ours, and that
// is not a freeze the code under test caused; a blocking call on the GUI thread (own CPU work, or
// waiting for worker threads, as VTK's gradient computation does) still counts in full. When the
// kernel offers no schedstat the meter falls back to wall time.
#include <QElapsedTimer>
#include <QTimer>

namespace tvuitest {

class GuiStallMeter {
public:
    GuiStallMeter();
    /// Starts (or restarts) measuring; call on the GUI thread.
    void start();
    /// Longest interval between ticks, run-queue waiting excluded (ms).
    qint64 longestStallMs() const { return longestMs_; }
    /// Longest interval between ticks in plain wall time (ms), for the log.
    qint64 longestWallGapMs() const { return longestWallMs_; }
    /// Whether run-queue time could be read (otherwise stalls are wall time).
    bool excludesRunQueueWait() const { return haveSchedstat_; }

private:
    void tick();

    QTimer timer_;
    QElapsedTimer clock_;
    qint64 lastWallMs_ = 0;
    qint64 lastQueueNs_ = 0;
    qint64 longestMs_ = 0;
    qint64 longestWallMs_ = 0;
    bool haveSchedstat_ = false;
};

}  // namespace tvuitest
