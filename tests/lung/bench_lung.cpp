// bench_lung PATH [RUNS]: lungs + regions + opacity + scores on one CT, median of RUNS (default 5)
// per-stage wall and CPU times, and the peak memory of the analysis beyond the loaded volume (peak RSS
// reset after loading through /proc/self/clear_refs, Linux), also per progress stage: the peak is
// read and reset whenever the analysis reports a new stage label, so each label gets the peak
// reached while it ran (largest over the runs); the peak of each run is printed too.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "io/volume_source.h"
#include "lung/lung_analysis.h"

namespace {
long statusKb(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0) return std::stol(line.substr(std::string(key).size()));
    return -1;
}
void resetPeakRss() { std::ofstream("/proc/self/clear_refs") << "5"; }  // peak := current RSS

// Progress sink that attributes the resident peak to the stage label reported last.
class PeakPerStage final : public tv::ProgressSink {
public:
    void report(double, const std::string& stage) override {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (stage == current_) return;
        close();
        current_ = stage;
    }
    // Ends the running stage (call after each analysis) and returns the largest peak (kB) of the
    // analysis since the previous call.
    long endRun() {
        const std::lock_guard<std::mutex> lock(mutex_);
        close();
        current_.clear();
        const long peak = runPeakKb_;
        runPeakKb_ = 0;
        return peak;
    }
    // (label, largest peak in kB over the runs) in the order the stages first ran.
    std::vector<std::pair<std::string, long>> stagePeaks() {
        const std::lock_guard<std::mutex> lock(mutex_);
        std::vector<std::pair<std::string, long>> out;
        for (const std::string& stage : order_) out.emplace_back(stage, peakKb_[stage]);
        return out;
    }

private:
    void close() {
        if (!current_.empty()) {
            if (!peakKb_.count(current_)) order_.push_back(current_);
            const long kb = statusKb("VmHWM:");
            peakKb_[current_] = std::max(peakKb_[current_], kb);
            runPeakKb_ = std::max(runPeakKb_, kb);
        }
        resetPeakRss();
    }
    std::mutex mutex_;
    std::string current_;
    std::map<std::string, long> peakKb_;
    std::vector<std::string> order_;
    long runPeakKb_ = 0;
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: bench_lung PATH [RUNS]\n";
        return 1;
    }
    const int runs = argc > 2 ? std::max(1, std::stoi(argv[2])) : 5;
    const tv::CtVolume ct = tv::loadVolume(argv[1]);
    const double volumeMb = ct.hu.byteSize() / 1e6;
    resetPeakRss();
    const long baseKb = statusKb("VmRSS:");
    std::map<std::string, std::vector<double>> stages, cpu;
    std::vector<double> wall;
    std::vector<long> runPeakKb;
    PeakPerStage peaks;
    for (int r = 0; r < runs; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        const tv::LungOpacityResult res = tv::analyzeLungOpacity(ct, {}, peaks, tv::neverCancel());
        wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        runPeakKb.push_back(std::max(baseKb, peaks.endRun()));
        for (const auto& [k, v] : res.timingMs) stages[k].push_back(v);
        for (const auto& [k, v] : res.cpuMs) cpu[k].push_back(v);
        if (r == 0)
            std::printf("result: lungs %.0f mL, involvement %.2f %%, CT severity %d\n", res.total.lungMl,
                        res.total.involvementPercent(), res.ctSeverityScore);
    }
    const std::vector<std::pair<std::string, long>> stagePeakKb = peaks.stagePeaks();
    const long peakKb = *std::max_element(runPeakKb.begin(), runPeakKb.end());
    const auto& g = ct.geometry();
    std::printf("volume: %dx%dx%d, %.1f MB of int16\n", g.size[0], g.size[1], g.size[2], volumeMb);
    std::printf("runs: %d, median wall %.0f ms\n", runs, median(wall));
    std::printf("  %-28s %8s    %8s\n", "stage (medians)", "wall", "CPU (user+sys, all threads)");
    for (const auto& [k, v] : stages) std::printf("  %-28s %8.0f ms %8.0f ms\n", k.c_str(), median(v), median(cpu[k]));
    std::printf("memory: baseline after loading %.1f MB, peak %.1f MB, analysis peak beyond volume %.1f MB = %.2f x volume\n",
                baseKb / 1e3, peakKb / 1e3, (peakKb - baseKb) / 1e3, (peakKb - baseKb) / 1e3 / volumeMb);
    std::printf("  per run (x volume):");
    for (long kb : runPeakKb) std::printf(" %.2f", (kb - baseKb) / 1e3 / volumeMb);
    std::printf("\n");
    std::printf("  peak beyond the volume while each progress stage ran (largest over the runs):\n");
    for (const auto& [stage, kb] : stagePeakKb)
        std::printf("  %-44s %7.1f MB = %.2f x\n", stage.c_str(), (kb - baseKb) / 1e3, (kb - baseKb) / 1e3 / volumeMb);
    return 0;
}
