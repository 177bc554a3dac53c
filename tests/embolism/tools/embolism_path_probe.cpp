// embolism_path_probe VOLUME.nii.gz TRUTH.nii.gz LABEL [--clean]: the widest path from the trunk to a
// truth clot, as the level map sees it (artery_levels.h: the widest-path calibre B). Runs the detector
// at its operating point and grades the tree again with its findings filled (vessel_tree.h
// regradeWithDefectsFilled, as the detector does; --clean: no detection, the tree as graded on this
// volume, e.g. the background without the clots), then follows the widest path back from the clot's
// deepest voxel to a seed and prints every voxel of it where the code, B or the radius changes: the
// bottleneck that sets B and the branch points on the way (the branching order from the trunk).
// FILL_TRUTH=1 in the environment also fills every truth voxel before the regrading.
// Review tool for README "Embolus detector validation" (reported level of findings); not a test.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "detector_stages.h"
#include "image/neighbours.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 4) { std::cerr << "usage: embolism_path_probe VOLUME.nii.gz TRUTH.nii.gz LABEL [--clean]\n"; return 1; }
    try {
        const tv::CtVolume ct = tv::readNiftiCt(argv[1]);
        const int label = std::stoi(argv[3]);
        const bool clean = argc > 4 && std::string(argv[4]) == "--clean";
        const tv::EmbolismParams p;
        tv::tools::DetectorStages st = tv::tools::runDetectorStages(ct, p);
        const tv::LabelMap truth = tv::labelsToWorking(st.wg, tv::readNiftiLabelsOnGrid(argv[2], ct.geometry()));
        const tv::ImageGeometry& g = truth.geometry();
        const auto ijk = [&](std::size_t idx) {
            return tv::Index3{static_cast<int>(idx % g.size[0]), static_cast<int>((idx / g.size[0]) % g.size[1]),
                              static_cast<int>(idx / (static_cast<std::size_t>(g.size[0]) * g.size[1]))};
        };
        if (!clean) {
            const auto r = tv::detectEmboli(ct, p, tv::noProgress(), tv::neverCancel());
            const tv::LabelMap found = tv::labelsToWorking(st.wg, r.emboli);
            std::vector<std::size_t> all;
            for (std::size_t n = 0; n < found.voxelCount(); ++n)
                if (found[n] || (std::getenv("FILL_TRUTH") && truth[n])) all.push_back(n);
            // HALO_MM=d: also fill the voxels within d mm of a found voxel whose unsmoothed HU is at least
            // the lumen threshold (trial of a rule).
            if (const char* halo = std::getenv("HALO_MM")) {
                const double d = std::stod(halo);
                std::vector<char> in(g.voxelCount(), 0);
                for (const std::size_t n : all) in[n] = 1;
                const int h[3] = {static_cast<int>(std::ceil(d / g.spacing[0])), static_cast<int>(std::ceil(d / g.spacing[1])),
                                  static_cast<int>(std::ceil(d / g.spacing[2]))};
                const std::vector<std::size_t> core = all;
                for (const std::size_t n : core) {
                    const tv::Index3 v = ijk(n);
                    for (int c = std::max(0, v[2] - h[2]); c <= std::min(g.size[2] - 1, v[2] + h[2]); ++c)
                        for (int b = std::max(0, v[1] - h[1]); b <= std::min(g.size[1] - 1, v[1] + h[1]); ++b)
                            for (int a = std::max(0, v[0] - h[0]); a <= std::min(g.size[0] - 1, v[0] + h[0]); ++a) {
                                const std::size_t q = truth.offset(a, b, c);
                                if (in[q] || st.wg.hu[q] < st.tree.lumenThresholdHu) continue;
                                if (std::hypot((a - v[0]) * g.spacing[0], (b - v[1]) * g.spacing[1], (c - v[2]) * g.spacing[2]) > d) continue;
                                in[q] = 1;
                                all.push_back(q);
                            }
                }
                std::cout << "halo: " << all.size() - core.size() << " voxels added\n";
            }
            tv::regradeWithDefectsFilled(st.tree, st.m, all, p, tv::neverCancel());
        }
        const tv::VesselTree& t = st.tree;
        // Domain and seeds as arteryLevels builds them.
        tv::Mask domain(g, 0), seeds(g, 0);
        float widest = 0;
        for (std::size_t n = 0; n < g.voxelCount(); ++n) {
            domain[n] = t.connected[n] && !(st.m.heart.voxelCount() && st.m.heart[n]) ? 1 : 0;
            if (domain[n]) widest = std::max(widest, t.radius[n]);
        }
        const float seedRadius = std::min(static_cast<float>(p.centralRadiusMm), 0.8f * widest);
        for (std::size_t n = 0; n < g.voxelCount(); ++n) seeds[n] = domain[n] && t.radius[n] >= seedRadius ? 1 : 0;
        const tv::Image<std::uint8_t> B = tv::widestPathCalibreTenthMm(domain, t.radius, seeds);
        // The same max-min propagation with parent pointers (widestPathCalibreTenthMm keeps none).
        std::vector<std::size_t> parent(g.voxelCount(), SIZE_MAX);
        {
            const auto tenths = [](float mm) { return static_cast<int>(std::clamp(std::lround(mm * 10.0f), 1L, 255L)); };
            std::vector<int> b(g.voxelCount(), 0);
            std::vector<std::vector<std::size_t>> buckets(256);
            for (std::size_t n = 0; n < g.voxelCount(); ++n)
                if (seeds[n] && domain[n]) { b[n] = tenths(t.radius[n]); buckets[b[n]].push_back(n); parent[n] = n; }
            for (int level = 255; level >= 1; --level)
                while (!buckets[level].empty()) {
                    const std::size_t n = buckets[level].back();
                    buckets[level].pop_back();
                    if (b[n] != level) continue;
                    tv::forEachFaceNeighbour(g.size, n, [&](std::size_t q) {
                        if (!domain[q]) return;
                        const int c = std::min(level, tenths(t.radius[q]));
                        if (c > b[q]) { b[q] = c; parent[q] = n; buckets[c].push_back(q); }
                    });
                }
        }
        const tv::Mask hilar = tv::hilarZone(t.connected, t.radius, st.m.heart, st.m.lungs, st.m.midlineX, p);
        static const char* kCode[7] = {"none", "central", "lobar", "segmental", "subsegmental", "mediastinal", "via_heart"};
        {
            // The clot's voxels: in the tree (domain) or not; of those not, how many lie inside the
            // closed lumen (radius > 0: the radius map's closing covers them).
            int inTree = 0, closedOnly = 0, outside = 0;
            for (std::size_t q = 0; q < g.voxelCount(); ++q) {
                if (truth[q] != label) continue;
                if (domain[q]) ++inTree;
                else if (t.radius[q] > 0) ++closedOnly;
                else ++outside;
            }
            std::cout << "clot " << label << ": in tree " << inTree << ", in the closed lumen only " << closedOnly << ", outside " << outside << "\n";
        }
        std::size_t start = 0;
        float deepest = -1;
        for (std::size_t n = 0; n < g.voxelCount(); ++n)
            if (truth[n] == label && domain[n] && t.radius[n] > deepest) { deepest = t.radius[n]; start = n; }
        if (deepest < 0) { std::cout << "no tree voxel in clot " << label << "\n"; return 0; }
        std::cout << "spacing " << g.spacing.transpose() << " seed radius " << seedRadius << " mm; lung-hull/midline x " << st.m.midlineX << "\n";
        // Follow the widest path back to its seed along the parent pointers.
        std::size_t n = start;
        int steps = 0;
        std::uint8_t lastCode = 255;
        int lastB = -1;
        float lastR = -1;
        while (true) {
            const tv::Index3 v = ijk(n);
            const int code = t.connected[n];
            const bool print = code != lastCode || B[n] != lastB || std::abs(t.radius[n] - lastR) >= 1.0f || parent[n] == n;
            if (print)
                std::cout << "  step " << steps << " (" << v[0] << "," << v[1] << "," << v[2] << ") code " << kCode[code] << " R "
                          << t.radius[n] << " B " << B[n] / 10.0 << " hilar " << int(hilar[n]) << " lungHull " << int(st.m.lungHull[n])
                          << " truth " << int(truth[n]) << "\n";
            lastCode = static_cast<std::uint8_t>(code);
            lastB = B[n];
            lastR = t.radius[n];
            if (parent[n] == n || parent[n] == SIZE_MAX) break;
            n = parent[n];
            ++steps;
        }
        std::cout << "path length " << steps << " voxels\n";
        // COMPARE=CLEAN.nii.gz: working voxels within 12 mm of the clot's deepest voxel that are lumen
        // on the clean volume but not on this one (outside every truth clot: changed by something else).
        if (const char* cleanPath = std::getenv("COMPARE")) {
            const tv::CtVolume cleanCt = tv::readNiftiCt(cleanPath);
            const tv::tools::DetectorStages cs = tv::tools::runDetectorStages(cleanCt, p);
            const tv::Index3 s0 = ijk(start);
            int lost = 0, lostTruth = 0;
            for (std::size_t q = 0; q < g.voxelCount(); ++q) {
                const tv::Index3 v = ijk(q);
                const double d = std::hypot((v[0] - s0[0]) * g.spacing[0], (v[1] - s0[1]) * g.spacing[1], (v[2] - s0[2]) * g.spacing[2]);
                if (d > 12 || !cs.tree.lumen[q] || st.tree.lumen[q]) continue;
                if (truth[q]) { ++lostTruth; continue; }
                ++lost;
                std::cout << "  lost lumen (" << v[0] << "," << v[1] << "," << v[2] << ") HU clean " << cs.wg.hu[q] << "/" << cs.sm[q]
                          << " now " << st.wg.hu[q] << "/" << st.sm[q] << " R clean " << cs.tree.radius[q] << " aorta " << int(st.m.aorta.voxelCount() && st.m.aorta[q]) << "/"
                          << int(cs.m.aorta.voxelCount() && cs.m.aorta[q]) << " nearLung " << int(st.m.nearLung[q]) << "/" << int(cs.m.nearLung[q])
                          << " trunk " << int(st.c.trunk[q]) << "/" << int(cs.c.trunk[q]) << " mediastinum " << int(st.m.mediastinum[q]) << " threshold " << st.tree.lumenThresholdHu << "/" << cs.tree.lumenThresholdHu << "\n";
            }
            std::cout << "lost lumen within 12 mm: " << lost << " outside truth, " << lostTruth << " in truth\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "embolism_path_probe: " << e.what() << "\n";
        return 2;
    }
}
