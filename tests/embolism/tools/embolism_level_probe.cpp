// embolism_level_probe VOLUME.nii.gz TRUTH.nii.gz: why a finding reports the level it does. Runs the
// detector at its operating point, grades the tree again with the findings filled into the lumen
// (vessel_tree.h regradeWithDefectsFilled, as the detector does), and prints per finding that
// overlaps a truth clot: its vessel radius, the codes and radii of the tree voxels in the level
// lookup's box (treeLevelNear), and the codes and radii of the finding's own (filled) voxels with the
// level findingLevel reads from them; per truth clot, the codes of its voxels. FILL_TRUTH=1 in the
// environment also fills every truth voxel before the regrading (is a clot's level lost to the clot
// itself, or to something else, e.g. an occlusion upstream?).
// Review tool for README "Embolus detector validation" (reported level of findings); not a test.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <map>
#include <vector>

#include "detector_stages.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 3) { std::cerr << "usage: embolism_level_probe VOLUME.nii.gz TRUTH.nii.gz\n"; return 1; }
    try {
        const tv::CtVolume ct = tv::readNiftiCt(argv[1]);
        const tv::EmbolismParams p;
        const auto r = tv::detectEmboli(ct, p, tv::noProgress(), tv::neverCancel());
        tv::tools::DetectorStages st = tv::tools::runDetectorStages(ct, p);
        const tv::LabelMap found = tv::labelsToWorking(st.wg, r.emboli);
        const tv::LabelMap truth = tv::labelsToWorking(st.wg, tv::readNiftiLabelsOnGrid(argv[2], ct.geometry()));
        const tv::ImageGeometry& g = found.geometry();
        std::vector<std::size_t> all;
        std::map<int, std::vector<std::size_t>> voxels;
        std::map<int, std::map<int, int>> overlap;
        for (std::size_t n = 0; n < found.voxelCount(); ++n)
            if (found[n]) {
                all.push_back(n);
                voxels[found[n]].push_back(n);
                if (truth[n]) ++overlap[found[n]][truth[n]];
            }
        if (std::getenv("FILL_TRUTH"))
            for (std::size_t n = 0; n < truth.voxelCount(); ++n)
                if (truth[n]) all.push_back(n);
        tv::regradeWithDefectsFilled(st.tree, st.m, all, p, tv::neverCancel());
        static const char* kCode[7] = {"none", "central", "lobar", "segmental", "subsegmental", "mediastinal", "via_heart"};
        const auto ijk = [&](std::size_t n) {
            return tv::Index3{static_cast<int>(n % g.size[0]), static_cast<int>((n / g.size[0]) % g.size[1]),
                              static_cast<int>(n / (static_cast<std::size_t>(g.size[0]) * g.size[1]))};
        };
        // Per truth clot: the codes of its own voxels in the regraded tree (on a clean background: the
        // level its site had).
        std::map<int, std::map<int, int>> truthCodes;
        for (std::size_t n = 0; n < truth.voxelCount(); ++n)
            if (truth[n]) ++truthCodes[truth[n]][st.tree.connected[n]];
        for (const auto& [t, codes] : truthCodes) {
            std::cout << "truth " << t << " voxel codes:";
            for (const auto& [code, count] : codes) std::cout << " " << kCode[code] << "=" << count;
            std::cout << "\n";
        }
        for (const auto& [label, vs] : voxels) {
            if (overlap[label].empty()) continue;
            const auto& e = r.candidates[static_cast<std::size_t>(label - 1)];
            const double vr = e.features.at("vessel_radius_mm");
            double c[3] = {0, 0, 0};
            for (const std::size_t n : vs)
                for (int a = 0; a < 3; ++a) c[a] += ijk(n)[a];
            const tv::Index3 ctr{static_cast<int>(std::lround(c[0] / vs.size())), static_cast<int>(std::lround(c[1] / vs.size())),
                                 static_cast<int>(std::lround(c[2] / vs.size()))};
            std::cout << "finding " << label << " reported " << tv::toString(e.level) << " score " << e.score << " fine "
                      << e.features.at("fine_pass") << " voxels " << vs.size() << " centroid (" << ctr[0] << "," << ctr[1] << "," << ctr[2]
                      << ") vessel radius " << vr;
            for (const auto& [t, v] : overlap[label]) std::cout << " TRUTH" << t << ":" << v;
            std::cout << "\n  box:";
            // Box of treeLevelNear: radius + 1 voxel per axis.
            std::map<int, std::pair<int, float>> box;  // code -> (voxels, largest radius)
            int h[3];
            for (int a = 0; a < 3; ++a) h[a] = static_cast<int>(std::ceil(vr / g.spacing[a])) + 1;
            for (int k = std::max(0, ctr[2] - h[2]); k <= std::min(g.size[2] - 1, ctr[2] + h[2]); ++k)
                for (int j = std::max(0, ctr[1] - h[1]); j <= std::min(g.size[1] - 1, ctr[1] + h[1]); ++j)
                    for (int i = std::max(0, ctr[0] - h[0]); i <= std::min(g.size[0] - 1, ctr[0] + h[0]); ++i)
                        if (const int code = st.tree.connected.at(i, j, k)) {
                            auto& b = box[code];
                            ++b.first;
                            b.second = std::max(b.second, st.tree.radius.at(i, j, k));
                        }
            for (const auto& [code, b] : box) std::cout << " " << kCode[code] << "=" << b.first << "(R<=" << b.second << ")";
            std::cout << "\n  own voxels:";
            std::map<int, std::pair<int, float>> own;
            float deepest = -1;
            int deepestCode = 0;
            for (const std::size_t n : vs) {
                const int code = st.tree.connected[n];
                auto& b = own[code];
                ++b.first;
                b.second = std::max(b.second, st.tree.radius[n]);
                if (st.tree.radius[n] > deepest) { deepest = st.tree.radius[n]; deepestCode = code; }
            }
            for (const auto& [code, b] : own) std::cout << " " << kCode[code] << "=" << b.first << "(R<=" << b.second << ")";
            const auto enclosing = tv::findingLevel(st.tree, vs, ctr, vr);
            std::cout << "; deepest own voxel R " << deepest << " " << kCode[deepestCode] << "; findingLevel "
                      << (enclosing ? tv::toString(*enclosing) : "none") << "\n";
            // Per slice of the box, the code at each own voxel's 3x3 in-plane neighbourhood is in the
            // listing above; the nearest voxel of each code to the centroid:
            std::cout << "  nearest per code:";
            for (const auto& [code, b] : box) {
                double best = 1e9;
                tv::Index3 at{};
                for (int k = std::max(0, ctr[2] - h[2]); k <= std::min(g.size[2] - 1, ctr[2] + h[2]); ++k)
                    for (int j = std::max(0, ctr[1] - h[1]); j <= std::min(g.size[1] - 1, ctr[1] + h[1]); ++j)
                        for (int i = std::max(0, ctr[0] - h[0]); i <= std::min(g.size[0] - 1, ctr[0] + h[0]); ++i)
                            if (st.tree.connected.at(i, j, k) == code) {
                                const double d = std::hypot((i - ctr[0]) * g.spacing[0], (j - ctr[1]) * g.spacing[1], (k - ctr[2]) * g.spacing[2]);
                                if (d < best) { best = d; at = {i, j, k}; }
                            }
                std::cout << " " << kCode[code] << " " << best << " mm at (" << at[0] << "," << at[1] << "," << at[2] << ") R "
                          << st.tree.radius.at(at[0], at[1], at[2]);
            }
            std::cout << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "embolism_level_probe: " << e.what() << "\n";
        return 2;
    }
}
