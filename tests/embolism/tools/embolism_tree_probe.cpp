// embolism_tree_probe BACKGROUND.nii.gz TRUTH.nii.gz [--lung-vessel-radius MM] [--no-thin-lumen]: how much of the truth clots' vessels the
// detector's arterial tree holds, measured on the background without the clots (e.g. the raised
// C3N-00247 `raised.nii.gz` of a validation run and one round's truth.nii.gz), and the peak
// unsmoothed / smoothed working-grid HU in each clot's vessel segment. Also: lung-hull vessel cores
// (unsmoothed >= 300 HU) by smoothed value and tree membership. Review tool for README "Embolus
// detector validation" (tree coverage of intrapulmonary arteries); not a test.
// Given a round's inserted.nii.gz instead of the background: per clot, the share of its ring (working
// voxels within one voxel of the clot, 26-neighbours, not the clot) that is lumen: whether a lumen
// surrounds the clot for the closings to complete. --no-thin-lumen: without the thin-vessel lumen
// (thin_vessel_lumen.h), as before 2026-11-30.
#include <algorithm>
#include <iostream>
#include <map>
#include <string>

#include "detector_stages.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 3) { std::cerr << "usage: embolism_tree_probe BACKGROUND.nii.gz TRUTH.nii.gz [--lung-vessel-radius MM]\n"; return 1; }
    try {
        const tv::CtVolume ct = tv::readNiftiCt(argv[1]);
        tv::EmbolismParams p;
        for (int a = 3; a < argc; ++a) {
            const std::string s = argv[a];
            if (s == "--lung-vessel-radius" && a + 1 < argc) p.lungVesselMinRadiusMm = std::stod(argv[++a]);
            else if (s == "--no-thin-lumen") p.thinLumenNoiseSd = 0;
        }
        const tv::tools::DetectorStages stages = tv::tools::runDetectorStages(ct, p);
        const auto& [wg, sm, m, c, lungSigmaMm, tree] = stages;
        std::cout << "lung median " << tv::lungMedianHu(wg.hu, m.lungs) << " HU, sigma inside the lungs " << lungSigmaMm << " mm\n";
        std::cout << "PA " << c.paEnhancementHu << " HU, lumen threshold " << tree.lumenThresholdHu << " HU, working spacing "
                  << sm.geometry().spacing[0] << " x " << sm.geometry().spacing[1] << " x " << sm.geometry().spacing[2] << " mm\n";
        const tv::LabelMap tw = tv::labelsToWorking(wg, tv::readNiftiLabelsOnGrid(argv[2], ct.geometry()));
        struct Stat { int voxels = 0, tree = 0, lumen = 0, hull = 0, ring = 0, ringLumen = 0; float rawPeak = -2000, smPeak = -2000; };
        std::map<int, Stat> st;
        for (std::size_t n = 0; n < tw.voxelCount(); ++n) {
            if (!tw[n]) continue;
            Stat& e = st[tw[n]];
            ++e.voxels;
            e.tree += tree.connected[n] != 0;
            e.lumen += tree.lumen[n] != 0;
            e.hull += m.lungHull[n] != 0;
            e.rawPeak = std::max(e.rawPeak, wg.hu[n]);
            e.smPeak = std::max(e.smPeak, sm[n]);
        }
        {
            const tv::ImageGeometry& g = tw.geometry();
            for (int k = 0; k < g.size[2]; ++k)
                for (int j = 0; j < g.size[1]; ++j)
                    for (int i = 0; i < g.size[0]; ++i) {
                        if (tw.at(i, j, k)) continue;
                        int label = 0;
                        for (int dk = -1; dk <= 1 && !label; ++dk)
                            for (int dj = -1; dj <= 1 && !label; ++dj)
                                for (int di = -1; di <= 1 && !label; ++di) {
                                    const int a = i + di, b = j + dj, z = k + dk;
                                    if (a >= 0 && b >= 0 && z >= 0 && a < g.size[0] && b < g.size[1] && z < g.size[2]) label = tw.at(a, b, z);
                                }
                        if (!label) continue;
                        ++st[label].ring;
                        st[label].ringLumen += tree.lumen.at(i, j, k) != 0;
                    }
        }
        int sumV = 0, sumT = 0;
        for (const auto& [l, e] : st) {
            std::cout << "clot " << l << ": working voxels " << e.voxels << ", in tree " << e.tree << ", in lumen " << e.lumen
                      << ", in lung hull " << e.hull << "; vessel peak unsmoothed " << e.rawPeak << " HU, smoothed " << e.smPeak << " HU; ring lumen " << e.ringLumen << " of " << e.ring << "\n";
            sumV += e.voxels;
            sumT += e.tree;
        }
        std::cout << "all clots: " << sumT << " of " << sumV << " working voxels in the tree\n";
        // Vessel cores in the lung hull (outside mediastinum and heart): unsmoothed >= 300 HU.
        int cores = 0, smAbove = 0, inTree = 0, inLumen = 0;
        std::map<int, int> hist;
        for (std::size_t n = 0; n < sm.voxelCount(); ++n) {
            if (!m.lungHull[n] || m.mediastinum[n] || m.heart[n] || wg.hu[n] < 300) continue;
            ++cores;
            smAbove += sm[n] >= tree.lumenThresholdHu;
            inTree += tree.connected[n] != 0;
            inLumen += tree.lumen[n] != 0;
            ++hist[static_cast<int>(std::floor(sm[n] / 100.0)) * 100];
        }
        std::cout << "lung-hull vessel cores (unsmoothed >= 300 HU): " << cores << ", smoothed >= threshold " << smAbove << ", in lumen "
                  << inLumen << ", in tree " << inTree << "\n  smoothed HU histogram:";
        for (const auto& [b, v] : hist) std::cout << " [" << b << "," << b + 100 << "):" << v;
        std::cout << "\n";
    } catch (const std::exception& e) {
        std::cerr << "embolism_tree_probe: " << e.what() << "\n";
        return 2;
    }
}
