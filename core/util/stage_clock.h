#pragma once
// Wall and process CPU time (all threads) of one analysis stage. CPU time is recorded next to the
// wall time because the machines this runs on are often shared: wall time then overstates the
// cost, while user+sys CPU time measures the work done.
#include <chrono>
#include <ctime>
#include <map>
#include <string>

namespace tv {

class StageClock {
public:
    StageClock() { restart(); }
    void restart() {
        wall0_ = std::chrono::steady_clock::now();
        cpu0_ = processCpuMs();
    }
    double wallMs() const { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall0_).count(); }
    double cpuMs() const { return processCpuMs() - cpu0_; }
    /// Records both times under `name` and restarts.
    void record(const std::string& name, std::map<std::string, double>& wall, std::map<std::string, double>& cpu) {
        wall[name] = wallMs();
        cpu[name] = cpuMs();
        restart();
    }
    /// Records "<name>" (wall ms) and "cpu.<name>" (process CPU ms) in one map, and restarts.
    void mark(const std::string& name, std::map<std::string, double>& out) {
        out[name] = wallMs();
        out["cpu." + name] = cpuMs();
        restart();
    }
    static double processCpuMs() {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
    }

private:
    std::chrono::steady_clock::time_point wall0_;
    double cpu0_ = 0;
};

}  // namespace tv
