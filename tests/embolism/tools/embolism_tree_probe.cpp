// embolism_tree_probe BACKGROUND.nii.gz TRUTH.nii.gz [--lung-vessel-radius MM]: how much of the truth clots' vessels the
// detector's arterial tree holds, measured on the background without the clots (e.g. the raised
// C3N-00247 `raised.nii.gz` of a validation run and one round's truth.nii.gz), and the peak
// unsmoothed / smoothed working-grid HU in each clot's vessel segment. Also: lung-hull vessel cores
// (unsmoothed >= 300 HU) by smoothed value and tree membership. Review tool for README "Embolus
// detector validation" (tree coverage of intrapulmonary arteries); not a test.
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
        if (argc > 4 && std::string(argv[3]) == "--lung-vessel-radius") p.lungVesselMinRadiusMm = std::stod(argv[4]);
        const tv::tools::DetectorStages stages = tv::tools::runDetectorStages(ct, p);
        const auto& [wg, sm, m, c, lungSigmaMm, tree] = stages;
        std::cout << "lung median " << tv::lungMedianHu(wg.hu, m.lungs) << " HU, sigma inside the lungs " << lungSigmaMm << " mm\n";
        std::cout << "PA " << c.paEnhancementHu << " HU, lumen threshold " << tree.lumenThresholdHu << " HU, working spacing "
                  << sm.geometry().spacing[0] << " x " << sm.geometry().spacing[1] << " x " << sm.geometry().spacing[2] << " mm\n";
        const tv::LabelMap tw = tv::labelsToWorking(wg, tv::readNiftiLabelsOnGrid(argv[2], ct.geometry()));
        struct Stat { int voxels = 0, tree = 0, lumen = 0, hull = 0; float rawPeak = -2000, smPeak = -2000; };
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
        int sumV = 0, sumT = 0;
        for (const auto& [l, e] : st) {
            std::cout << "clot " << l << ": working voxels " << e.voxels << ", in tree " << e.tree << ", in lumen " << e.lumen
                      << ", in lung hull " << e.hull << "; vessel peak unsmoothed " << e.rawPeak << " HU, smoothed " << e.smPeak << " HU\n";
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
