// washout_route_probe BACKGROUND.nii.gz INSERTED.nii.gz ARTERY_MASK.nii.gz I J K: why a voxel of a washout
// round keeps its contrast (core/evaluation/occlusion_territory.h). Builds the site search's tree on the
// background, the supply inflow from the reference artery mask (its lowest slab), takes out every tree
// voxel that INSERTED (the round's scan, washout included) has under the threshold, and prints the
// shortest route (face neighbours) from the inflow to the working voxel of source voxel I J K, every
// few voxels with the smoothed values before/after: the route that supplies it around the clot.
// Review tool for the washout extent; not a test.
#include <algorithm>
#include <deque>
#include <iostream>
#include <string>
#include <vector>

#include "evaluation/clot_occlusion.h"
#include "face_path.h"
#include "evaluation/lesion_insertion.h"
#include "evaluation/occlusion_washout.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 7) { std::cerr << "usage: washout_route_probe BACKGROUND INSERTED ARTERY_MASK I J K\n"; return 1; }
    try {
        const tv::CtVolume bg = tv::readNiftiCt(argv[1]);
        const tv::CtVolume ins = tv::readNiftiCt(argv[2]);
        const tv::LabelMap ref = tv::readNiftiLabels(argv[3]);
        const tv::EmbolismParams p;
        tv::SiteTree t;
        tv::findVesselSites(bg, p, 20, 7, &ref, nullptr, nullptr, nullptr, &t);
        const tv::Image<float> before = tv::detectorSmoothedView(bg, p), after = tv::detectorSmoothedView(ins, p);
        const tv::Mask inflow = tv::inflowFromReference(bg, ref, p);
        const auto& g = t.connected.geometry();
        const int nx = g.size[0], ny = g.size[1];
        const Eigen::Vector3d lps = bg.geometry().voxelToPatient(Eigen::Vector3d(std::stod(argv[4]), std::stod(argv[5]), std::stod(argv[6])));
        const tv::Index3 sv = tv::siteVoxel(t, lps);
        const std::size_t goal = t.connected.offset(sv[0], sv[1], sv[2]);
        std::cout << "goal working voxel " << sv[0] << "," << sv[1] << "," << sv[2] << " in tree " << int(t.connected[goal]) << " before " << before[goal]
                  << " after " << after[goal] << " threshold " << t.lumenThresholdHu << "\n";
        std::vector<std::size_t> sources;
        for (std::size_t n = 0; n < t.connected.voxelCount(); ++n)
            if (inflow[n] && t.connected[n] && after[n] >= t.lumenThresholdHu) sources.push_back(n);
        std::cout << "inflow tree voxels " << sources.size() << "\n";
        const std::vector<std::size_t> path = tv::tools::shortestFacePath(
            g, sources, goal, [&](std::size_t w) { return t.connected[w] && after[w] >= t.lumenThresholdHu; });
        if (path.empty()) { std::cout << "no route\n"; return 0; }
        std::cout << "route " << path.size() << " voxels (inflow -> goal), every 3rd:\n";
        for (std::size_t m = 0; m < path.size(); ++m) {
            if (m % 3 && m + 1 != path.size()) continue;
            const std::size_t n = path[m];
            const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
            std::cout << "  " << m << ": " << i << "," << j << "," << k << " before " << before[n] << " after " << after[n] << " ref " << int(ref.at(i, j, k)) << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "washout_route_probe: " << e.what() << "\n";
        return 2;
    }
}
