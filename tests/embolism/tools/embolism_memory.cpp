// embolism_memory VOLUME.nii.gz|DICOMDIR [--beyond-occlusion-pass 0|1]: peak memory of the embolus detector beyond the loaded
// volume (README "Embolus detector validation", goal under 4x the volume's bytes). Loads the
// volume, resets the kernel's peak-RSS mark (/proc/self/clear_refs, Linux >= 4.0), runs the
// detector, and prints the resident size before, the peak during the run and their difference.
// --beyond-occlusion-pass 0: without EmbolismParams::beyondOcclusionPass (its memory on a scan where it
// runs: README stop 32).
#include <iostream>
#include <string>

#include "embolism/embolism_detector.h"
#include "io/volume_source.h"
#include "proc_memory.h"


int main(int argc, char** argv) {
    if (argc != 2 && !(argc == 4 && std::string(argv[2]) == "--beyond-occlusion-pass")) {
        std::cerr << "usage: embolism_memory VOLUME [--beyond-occlusion-pass 0|1]\n";
        return 1;
    }
    tv::EmbolismParams params;
    if (argc == 4) params.beyondOcclusionPass = std::string(argv[3]) != "0";
    try {
        const tv::CtVolume ct = tv::loadVolume(argv[1]);
        const double volumeMb = ct.hu.voxelCount() * sizeof(std::int16_t) / 1048576.0;
        const long before = tvtest::procStatusKb("VmRSS");
        const bool reset = tvtest::resetPeakRss();
        const auto r = tv::detectEmboli(ct, params, tv::noProgress(), tv::neverCancel());
        const long peak = tvtest::procStatusKb("VmHWM");
        if (!reset) std::cerr << "warning: the kernel did not reset the peak-RSS mark: the figure includes loading\n";
        const double beyondMb = (peak - before) / 1024.0;
        std::cout << "volume " << volumeMb << " MB; resident after loading " << before / 1024.0 << " MB; detector peak "
                  << peak / 1024.0 << " MB; beyond the loaded volume " << beyondMb << " MB = " << beyondMb / volumeMb
                  << "x the volume (findings " << r.candidates.size() << "; beyond-occlusion pass "
                  << (r.beyondOcclusionPassRun ? "run" : "not run") << ")\n";
    } catch (const std::exception& e) {
        std::cerr << "embolism_memory: " << e.what() << "\n";
        return 2;
    }
}
