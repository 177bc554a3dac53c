// clot_visibility_probe ROUND_DIR THRESHOLD_HU
// For each clot label of ROUND_DIR/truth.nii.gz (a validation round, embolism_validate): truth voxels,
// truth volume, mean inserted HU, and the volume of truth voxels below THRESHOLD on the raw inserted scan
// and on the detector's smoothed view (clot_visibility.h), with the guard's verdict. For choosing and
// checking the truth-quality guard on earlier runs.
#include <cstdio>
#include <iostream>
#include <map>

#include "embolism/embolism_params.h"
#include "evaluation/clot_occlusion.h"
#include "evaluation/clot_visibility.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 3) { std::cerr << "usage: clot_visibility_probe ROUND_DIR THRESHOLD_HU\n"; return 1; }
    try {
        const std::string dir = argv[1];
        const double threshold = std::stod(argv[2]);
        const tv::CtVolume ct = tv::readNiftiCt(dir + "/inserted.nii.gz");
        const tv::LabelMap truth = tv::readNiftiLabelsOnGrid(dir + "/truth.nii.gz", ct.geometry());
        const tv::Image<float> view = tv::detectorSmoothedView(ct, tv::EmbolismParams{});
        std::map<int, std::vector<std::size_t>> voxels;
        for (std::size_t n = 0; n < truth.voxelCount(); ++n)
            if (truth[n]) voxels[truth[n]].push_back(n);
        const auto& s = ct.geometry().spacing;
        const double vox = s[0] * s[1] * s[2];
        for (const auto& [label, v] : voxels) {
            int rawBelow = 0;
            for (const std::size_t n : v) rawBelow += ct.hu[n] < threshold;
            const tv::ClotVisibility r = tv::assessClotVisibility(ct, v, view, threshold);
            std::printf("clot %d truth %zu vol %.1f mean %.0f raw_below %.1f smoothed_below %.1f visible %d %s\n", label, v.size(),
                        r.truthVolumeMm3, r.meanInsertedHu, rawBelow * vox, r.defectVolumeMm3, r.visible ? 1 : 0, r.reason.c_str());
        }
    } catch (const std::exception& e) {
        std::cerr << "clot_visibility_probe: " << e.what() << "\n";
        return 2;
    }
}
