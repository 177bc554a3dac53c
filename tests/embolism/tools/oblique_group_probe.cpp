// oblique_group_probe VOLUME.nii.gz [TRUTH.nii.gz] [--max-axis-z Z] [--min-support N] [--box I0 I1 J0 J1 K0 K1] [--section-from-seeds 0|1]:
// every defect of the fine pass across arteries (oblique_defects.h, findObliqueDefectGroups) with its
// support (centreline voxels whose cross-sections see it), its working voxels, the truth labels it
// overlaps, and its features and score as the detector would compute them (computeFeatures and
// scoreCandidate on the probe's own stages: no cut-piece contact, no split). --min-support lists only
// groups with at least N (default 1); --box (source voxels) only groups whose centroid lies inside.
// The pass's parameters are EmbolismParams' defaults except --max-axis-z. Measurement only: not a test.
#include <algorithm>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "detector_stages.h"
#include "embolism/candidate_scoring.h"
#include "embolism/oblique_defects.h"
#include "embolism/vessel_tree.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    using namespace tv;
    if (argc < 2) {
        std::cerr << "usage: oblique_group_probe VOLUME [TRUTH] [--max-axis-z Z] [--min-support N] [--box I0 I1 J0 J1 K0 K1]\n";
        return 1;
    }
    try {
        const CtVolume ct = readNiftiCt(argv[1]);
        std::optional<LabelMap> truth;
        EmbolismParams p;
        int minSupport = 1;
        std::vector<int> box;
        int a = 2;
        if (argc > 2 && std::string(argv[2]).rfind("--", 0) != 0) { truth = readNiftiLabelsOnGrid(argv[2], ct.geometry()); a = 3; }
        for (; a < argc; ++a) {
            const std::string k = argv[a];
            if (k == "--max-axis-z" && a + 1 < argc) p.fineObliqueMaxAxisZ = std::stod(argv[++a]);
            else if (k == "--min-support" && a + 1 < argc) minSupport = std::stoi(argv[++a]);
            else if (k == "--section-from-seeds" && a + 1 < argc) p.obliqueSectionLevelFromSeeds = std::stoi(argv[++a]) != 0;  // ObliquePassParams::obliqueSectionLevelFromSeeds
            else if (k == "--box" && a + 6 < argc)
                for (int b = 0; b < 6; ++b) box.push_back(std::stoi(argv[++a]));
        }
        const tools::DetectorStages st = tools::runDetectorStages(ct, p);
        const WorkingGrid& wg = st.wg;
        std::optional<LabelMap> tw;
        if (truth) tw = labelsToWorking(wg, *truth);
        const std::vector<ObliqueDefect> groups = findObliqueDefectGroups(ct, wg, st.tree, st.c, p, 1, neverCancel(), &st.m.aorta);
        std::cout << "max axis z " << p.fineObliqueMaxAxisZ << ", groups " << groups.size() << "\n";
        const Index3 size = wg.geometry.size;
        for (const ObliqueDefect& d : groups) {
            if (d.support < minSupport) continue;
            const RawCandidate& c = d.candidate;
            const CandidateFeatures f = computeFeatures(c, st.sm, wg.hu, st.m, st.tree, st.c, p);
            const Index3 w{static_cast<int>(std::lround(f.centroidVoxel[0])), static_cast<int>(std::lround(f.centroidVoxel[1])),
                           static_cast<int>(std::lround(f.centroidVoxel[2]))};
            const Index3 s0 = wg.sourceBlockStart(w);
            Index3 src = s0;  // the block's middle source voxel
            for (int ax = 0; ax < 3; ++ax) src[wg.axisOf[ax]] += wg.bin[ax] / 2;
            if (box.size() == 6 && (src[0] < box[0] || src[0] > box[1] || src[1] < box[2] || src[1] > box[3] || src[2] < box[4] || src[2] > box[5])) continue;
            std::map<int, int> overlap;
            if (tw)
                for (const std::size_t q : c.voxels)
                    if ((*tw)[q]) ++overlap[(*tw)[q]];
            std::cout << "support " << d.support << " voxels " << c.voxels.size() << " working (" << w[0] << "," << w[1] << "," << w[2] << ") source ("
                      << src[0] << "," << src[1] << "," << src[2] << ") score " << scoreCandidate(f, p) << " enclosure " << f.enclosure << " contrast "
                      << f.contrastNorm << " core " << f.coreContrastNorm << " flat " << f.flatness << " vol " << f.volumeMm3 << " R " << f.vesselRadiusMm
                      << " slice_R " << f.sliceVesselRadiusMm << " level " << (f.treeLevel ? static_cast<int>(*f.treeLevel) : -1) << " section_level "
                      << (f.sectionLevel ? static_cast<int>(*f.sectionLevel) : -1) << " med_share " << f.mediastinalShare;
            // findingLevel's own answer and its axis ball (the level the veto read before s36-hilarlobar), and the score with it
            const EnclosingAxisBall ball = enclosingAxisBall(st.tree, c.voxels);
            const std::optional<VesselLevel> found = findingLevel(st.tree, c.voxels, w, f.vesselRadiusMm);
            CandidateFeatures g = f;
            g.sectionLevel = found;
            std::cout << " finding_level " << (found ? static_cast<int>(*found) : -1) << " ball_r " << ball.radiusMm << " ball_level "
                      << (ball.level ? static_cast<int>(*ball.level) : -1) << " score_finding_level " << scoreCandidate(g, p);
            for (const auto& [l, n] : overlap) std::cout << " TRUTH" << l << ":" << n;
            std::cout << "\n";
        }
        (void)size;
    } catch (const std::exception& e) {
        std::cerr << "oblique_group_probe: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
