// central_mass_probe VOLUME.nii.gz TRUTH.nii.gz: for every finding of the detector (defaults) that holds a
// massive central occlusion's mass (central_occlusions.h, feature central_mass), its volume against the
// inserted clots it holds (truth labels with >= 10 % of their voxels in it), the overlap, where its voxels
// outside the truth lie (distance to the nearest truth voxel, within 3 mm of the aorta or heart mask,
// smoothed HU against the clot's, distance to the tree's lumen), and where the held clots' voxels it misses
// lie (aorta, heart, tree lumen, at or above the band's ceiling, another finding). Working grid. Made for the
// reported volume of the masses (s32-occmargin: seed 1000 round 0's finding is 26.7 cm3 for 22.4 cm3 of
// clot). Not a test.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "embolism/embolism_detector.h"
#include "embolism/volume_ops.h"
#include "embolism/working_grid.h"
#include "detector_stages.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: central_mass_probe VOLUME.nii.gz TRUTH.nii.gz\n";
        return 1;
    }
    try {
        const tv::CtVolume ct = tv::readNiftiCt(argv[1]);
        tv::EmbolismParams p;
        const auto r = tv::detectEmboli(ct, p, tv::noProgress(), tv::neverCancel());
        const tv::LabelMap truthIn = tv::readNiftiLabelsOnGrid(argv[2], ct.geometry());
        const tv::tools::DetectorStages st = tv::tools::runDetectorStages(ct, p);
        const tv::LabelMap truth = tv::labelsToWorking(st.wg, truthIn), found = tv::labelsToWorking(st.wg, r.emboli);
        const tv::ImageGeometry& g = st.wg.geometry;
        const double mm3 = g.voxelVolumeMm3();
        tv::Mask truthMask(g, 0);
        std::map<int, long> truthSize;
        for (std::size_t n = 0; n < truth.voxelCount(); ++n)
            if (truth[n]) {
                truthMask[n] = 1;
                ++truthSize[truth[n]];
            }
        const tv::Image<float> toTruth = tv::distanceToMaskMm(truthMask);
        const tv::Image<float> toLumen = tv::distanceToMaskMm(st.tree.lumen);
        const tv::Mask nearAorta = st.m.aorta.voxelCount() ? tv::dilateMm(st.m.aorta, 3.0) : tv::Mask(g, 0);
        const tv::Mask nearHeart = tv::dilateMm(st.m.heart, 3.0);
        std::cout << "working grid " << g.size[0] << "x" << g.size[1] << "x" << g.size[2] << " spacing " << g.spacing[0] << "," << g.spacing[1]
                  << "," << g.spacing[2] << "; findings " << r.candidates.size() << "\n";
        for (std::size_t c = 0; c < r.candidates.size(); ++c) {
            const auto& e = r.candidates[c];
            const auto cm = e.features.find("central_mass");
            if (cm == e.features.end() || cm->second < 0.5) continue;
            const int label = static_cast<int>(c + 1);
            long nv = 0, in = 0, out = 0, outAorta = 0, outHeart = 0;
            std::map<int, long> held;
            std::map<std::string, long> dist, huBinIn, huBinOut;
            const auto huBin = [](double hu) { return hu < 0 ? "a<0" : hu < 20 ? "b<20" : hu < 40 ? "c<40" : hu < 60 ? "d<60" : hu < 100 ? "e<100" : "f>=100"; };
            double huIn = 0, huOut = 0, lumenOut = 0;
            for (std::size_t n = 0; n < found.voxelCount(); ++n) {
                if (found[n] != label) continue;
                ++nv;
                if (truth[n]) {
                    ++in;
                    ++held[truth[n]];
                    huIn += st.sm[n];
                    ++huBinIn[huBin(st.sm[n])];
                    continue;
                }
                ++out;
                huOut += st.sm[n];
                ++huBinOut[huBin(st.sm[n])];
                lumenOut += toLumen[n];
                outAorta += nearAorta[n] != 0;
                outHeart += nearHeart[n] != 0;
                const double d = toTruth[n];
                ++dist[d <= 1.5 ? "a<=1.5" : d <= 3.0 ? "b<=3" : d <= 6.0 ? "c<=6" : "d>6"];
            }
            long heldTruth = 0;
            for (const auto& [l, v] : held)
                if (v >= 0.1 * truthSize[l]) heldTruth += truthSize[l];
            std::cout << "finding #" << label << " score " << e.score << " voxel (" << e.centerVoxel[0] << "," << e.centerVoxel[1] << "," << e.centerVoxel[2]
                      << ") " << tv::toString(e.level) << " " << e.occlusion << ": " << nv * mm3 << " mm3; truth held (labels >= 10 % held) "
                      << heldTruth * mm3 << " mm3; overlap " << in * mm3 << " mm3; outside truth " << out * mm3 << " mm3 (" << (nv ? 100.0 * out / nv : 0)
                      << " %)\n   truth labels:";
            for (const auto& [l, v] : held) std::cout << " " << l << ":" << v << "/" << truthSize[l];
            std::cout << "\n   outside by distance to truth (mm):";
            for (const auto& [k, v] : dist) std::cout << " " << k << "=" << v;
            std::cout << "; near aorta " << outAorta << ", near heart " << outHeart << "; smoothed HU in truth " << (in ? huIn / in : 0) << ", outside "
                      << (out ? huOut / out : 0) << "; outside mean distance to lumen " << (out ? lumenOut / out : 0) << " mm\n   smoothed HU in truth:";
            for (const auto& [k, v] : huBinIn) std::cout << " " << k << "=" << v;
            std::cout << "; outside:";
            for (const auto& [k, v] : huBinOut) std::cout << " " << k << "=" << v;
            // The held clots' voxels the finding misses: where they are.
            long missed = 0, missedLumen = 0, missedAorta = 0, missedHeart = 0, missedOtherFinding = 0, missedAbove = 0, missedBelow = 0, missedHull = 0;
            const double floorHu = p.thrombusLowHu - p.defectFloorMarginHu;
            const double ceilHu = std::min(st.tree.lumenThresholdHu, p.thrombusHighHu + 0.3 * std::max(0.0, st.tree.bloodHu - p.thrombusHighHu));
            for (std::size_t n = 0; n < truth.voxelCount(); ++n)
                if (truth[n] && found[n] != label && held.count(truth[n]) && held[truth[n]] >= 0.1 * truthSize[truth[n]]) {
                    ++missed;
                    missedLumen += st.tree.lumen[n] != 0;
                    missedAorta += st.m.aorta.voxelCount() && st.m.aorta[n];
                    missedHeart += st.m.heart[n] != 0;
                    missedOtherFinding += found[n] != 0;
                    missedAbove += st.sm[n] >= ceilHu;
                    missedBelow += st.sm[n] < floorHu;
                    missedHull += st.m.lungHull[n] != 0;
                }
            std::cout << "\n   held clots' voxels missed " << missed << ": tree lumen " << missedLumen << ", aorta " << missedAorta << ", heart " << missedHeart
                      << ", another finding " << missedOtherFinding
                      << ", smoothed HU at or above the band's ceiling " << ceilHu << ": " << missedAbove << ", below its floor: " << missedBelow << ", in the lung hull " << missedHull << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "central_mass_probe: " << e.what() << "\n";
        return 2;
    }
}
