// tv_bench_load PATH [--series UID]: loads a CT volume into memory exactly as the viewer and
// `thromboview convert` do (tv::loadVolume), then exits. Used by scripts/bench/bench_loading.sh to
// time in-memory loading apart from writing NIfTI. Prints the size and a checksum so the work
// cannot be optimised away and a wrong load is visible.
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>

#include <tbb/global_control.h>

#include "dicom/dicom_scan.h"
#include "io/volume_source.h"
#include "util/errors.h"

namespace {
double cpuMs() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

double msSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

/// --phases: time the header scan and the series load separately (where does the time go?).
int phases(const char* path) {
    auto t0 = std::chrono::steady_clock::now();
    double c0 = cpuMs();
    const tv::DicomScanResult scan = tv::scanDicom(path);
    const double scanMs = msSince(t0), scanCpu = cpuMs() - c0;
    if (scan.series.size() != 1) return 2;
    t0 = std::chrono::steady_clock::now();
    c0 = cpuMs();
    const tv::CtVolume ct = tv::loadCtSeries(scan.series.front());
    std::cout << "scan " << scanMs << " ms (CPU " << scanCpu << " ms), load " << msSince(t0) << " ms (CPU "
              << cpuMs() - c0 << " ms, " << ct.hu.nz() << " slices)\n";
    return 0;
}
}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[2]) == "--phases") return phases(argv[1]);
    if (argc == 4 && std::string(argv[2]) == "--threads") {
        // Decoding on N threads only: shows how much of the time parallelism buys on this machine.
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, std::stoul(argv[3]));
        return phases(argv[1]);
    }
    if (argc != 2 && !(argc == 4 && std::string(argv[2]) == "--series")) {
        std::cerr << "usage: tv_bench_load PATH [--series UID | --phases | --threads N]\n";
        return 1;
    }
    std::optional<std::string> uid;
    if (argc == 4) uid = argv[3];
    try {
        const auto t0 = std::chrono::steady_clock::now();
        const tv::CtVolume ct = tv::loadVolume(argv[1], uid);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        std::int64_t sum = 0;
        for (const std::int16_t v : ct.hu.voxels()) sum += v;
        std::cout << ct.hu.nx() << "x" << ct.hu.ny() << "x" << ct.hu.nz() << " loaded in " << ms
                  << " ms, HU sum " << sum << "\n";
    } catch (const tv::Error& e) {
        std::cerr << "tv_bench_load: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
