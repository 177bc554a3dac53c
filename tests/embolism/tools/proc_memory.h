#pragma once
// Process memory figures from /proc/self/status (Linux), for the embolus detector's memory goal
// (peak under 4x the volume's bytes beyond the loaded volume).
#include <fstream>
#include <string>

namespace tvtest {

/// A field of /proc/self/status in kB, e.g. "VmRSS" or "VmHWM" (-1 when absent).
inline long procStatusKb(const std::string& key) {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
    return -1;
}

/// Resets the peak-RSS mark (VmHWM) to the current RSS (Linux >= 4.0). Returns false when the
/// kernel did not reset it.
inline bool resetPeakRss() {
    const long before = procStatusKb("VmRSS");
    std::ofstream("/proc/self/clear_refs") << "5";
    return procStatusKb("VmHWM") <= before + 1024;
}

}  // namespace tvtest
