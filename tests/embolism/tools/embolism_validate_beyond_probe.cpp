// embolism_validate_beyond_probe BACKGROUND.nii.gz INSERTED.nii.gz I J K: why a site of a validation
// round is (not) beyond the round's occlusive clots (core/evaluation/round_placement.h). Builds the
// site search's tree on the background (findVesselSites SiteTree), takes out the voxels that all of
// the round's clots in INSERTED take under the threshold (closingVoxels of the background against
// the inserted scan), and follows the shortest path (face neighbours) from the trunk seed to the
// site's working voxel (source voxel I J K of the round's JSON center_voxel). Prints the path every
// few voxels with the smoothed values before/after and whether the detector's own tree on the
// inserted scan (its stages, tools/detector_stages.h) holds the voxel: where the two trees part.
// Review tool for the beyond-occlusion rule; not a test.
#include <algorithm>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <string>
#include <vector>

#include "detector_stages.h"
#include "evaluation/clot_occlusion.h"
#include "face_path.h"
#include "evaluation/lesion_insertion.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 6) { std::cerr << "usage: embolism_validate_beyond_probe BACKGROUND.nii.gz INSERTED.nii.gz I J K\n"; return 1; }
    try {
        const tv::CtVolume bg = tv::readNiftiCt(argv[1]);
        const tv::CtVolume ins = tv::readNiftiCt(argv[2]);
        const tv::EmbolismParams p;
        tv::SiteTree t;
        tv::findVesselSites(bg, p, 20, 7, nullptr, nullptr, nullptr, nullptr, &t);
        const tv::Image<float> before = tv::detectorSmoothedView(bg, p), after = tv::detectorSmoothedView(ins, p);
        const std::vector<std::size_t> closing = tv::closingVoxels(t, before, after);
        const Eigen::Vector3d lps = bg.geometry().voxelToPatient(Eigen::Vector3d(std::stod(argv[3]), std::stod(argv[4]), std::stod(argv[5])));
        const tv::Index3 sv = tv::siteVoxel(t, lps);
        const auto& g = t.connected.geometry();
        // The site's own clot is in INSERTED too: its voxels (within OWN_MM, default 14 mm, of the
        // site) are not taken out (the rule checks a site before its own clot is inserted).
        const double ownMm = std::getenv("OWN_MM") ? std::stod(std::getenv("OWN_MM")) : 14.0;
        tv::Mask removed(t.connected.geometry(), 0);
        for (const std::size_t n : closing) {
            const int i = static_cast<int>(n % g.size[0]), j = static_cast<int>((n / g.size[0]) % g.size[1]),
                      k = static_cast<int>(n / (static_cast<std::size_t>(g.size[0]) * g.size[1]));
            if ((g.voxelToPatient(Eigen::Vector3d(i, j, k)) - lps).norm() > ownMm) removed[n] = 1;
        }
        std::cout << "trunk seed " << t.trunkSeed[0] << "," << t.trunkSeed[1] << "," << t.trunkSeed[2] << "; site working voxel " << sv[0] << ","
                  << sv[1] << "," << sv[2] << "; closing voxels " << closing.size() << "; site in tree " << int(t.connected.at(sv[0], sv[1], sv[2]))
                  << ", reached before " << int(t.reached.at(sv[0], sv[1], sv[2])) << "\n";
        const tv::Mask cut = tv::cutOffBeyond(t, removed);
        std::cout << "site beyond (all clots' closing voxels out): " << int(cut.at(sv[0], sv[1], sv[2])) << "\n";
        const tv::tools::DetectorStages st = tv::tools::runDetectorStages(ins, p);
        std::cout << "detector on inserted: threshold " << st.tree.lumenThresholdHu << " (site tree " << t.lumenThresholdHu << "), site in its tree "
                  << int(st.tree.connected.at(sv[0], sv[1], sv[2]) != 0) << "\n";
        // Shortest path from the seed through the tree without the removed voxels.
        const std::size_t s0 = t.connected.offset(t.trunkSeed[0], t.trunkSeed[1], t.trunkSeed[2]);
        const std::size_t goal = t.connected.offset(sv[0], sv[1], sv[2]);
        const std::vector<std::size_t> path =
            tv::tools::shortestFacePath(g, {s0}, goal, [&](std::size_t w) { return t.connected[w] && !removed[w]; });
        if (path.empty()) { std::cout << "no path\n"; return 0; }
        const int nx = g.size[0], ny = g.size[1];
        std::cout << "path " << path.size() << " voxels (seed -> site); every 3rd and every change of detector-tree membership:\n";
        int lastIn = -1;
        for (std::size_t m = 0; m < path.size(); ++m) {
            const std::size_t n = path[m];
            const int in = st.tree.connected[n] != 0;
            if (m % 3 && in == lastIn && m + 1 != path.size()) continue;
            lastIn = in;
            const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
            std::cout << "  " << m << ": " << i << "," << j << "," << k << " before " << before[n] << " after " << after[n] << " det-tree " << in
                      << " det-lumen " << int(st.tree.lumen[n]) << " aorta " << int(st.m.aorta.voxelCount() ? st.m.aorta[n] : 0) << " trunk "
                      << int(st.c.trunk[n]) << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "embolism_validate_beyond_probe: " << e.what() << "\n";
        return 2;
    }
}
