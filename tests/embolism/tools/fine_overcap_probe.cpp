// fine_overcap_probe VOLUME.nii.gz [TRUTH.nii.gz]: every fine-pass defect region (fine_defects.h) over
// EmbolismParams::fineMaxSliceAreaMm2 on every slice, at both smoothing scales, with the other tests'
// results, its section's area and the truth pixels it holds (any label). Measures the margin of the
// fine pass's area cap (s28-areacap). Review tool; not a test.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "detector_stages.h"
#include "embolism/fine_defects.h"
#include "embolism/fine_slice.h"
#include "embolism/volume_ops.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    using namespace tv;
    if (argc < 2) { std::cerr << "usage: fine_overcap_probe VOLUME [TRUTH]\n"; return 1; }
    try {
        const CtVolume ct = readNiftiCt(argv[1]);
        LabelMap truth;
        const bool haveTruth = argc >= 3;
        if (haveTruth) truth = readNiftiLabelsOnGrid(argv[2], ct.geometry());
        EmbolismParams p;
        const tools::DetectorStages st = tools::runDetectorStages(ct, p);
        const WorkingGrid& wg = st.wg;
        const VesselTree& tree = st.tree;
        std::cout << "fine pass applies " << finePassApplies(wg, tree, st.c, p) << ", cap " << p.fineMaxSliceAreaMm2 << " mm2\n";
        if (!finePassApplies(wg, tree, st.c, p)) return 0;
        const double floorHu = p.thrombusLowHu - p.defectFloorMarginHu;
        const double calciumHu = ThoraxParams{}.boneHu;
        FineSlice fs;
        for (int k = 0; k < wg.geometry.size[2]; ++k) {
            if (!buildFineSlice(ct, wg, tree, k, p, fs)) continue;
            for (const double sigma : {p.fineSmoothingSigmaMm, p.fineSecondSigmaMm}) {
                smoothFineSlice(fs, sigma);
                const double pixelMm2 = fs.sx * fs.sy;
                std::vector<int> sectionOf, sectionArea;
                const std::vector<SliceDefect> regions = sliceRegions(fs, tree.lumenThresholdHu, p, p.fineClosingRadiusMm, sectionOf, sectionArea);
                std::vector<std::uint8_t> inRegion(fs.hu.size(), 0);
                for (const SliceDefect& d : regions) {
                    const int np = static_cast<int>(d.pixels.size());
                    if (np * pixelMm2 <= p.fineMaxSliceAreaMm2) continue;
                    std::string fail;
                    const double share = static_cast<double>(np) / (np + sectionArea[d.section]);
                    if (np > p.fineMaxDefectShare * (np + sectionArea[d.section])) fail += " defect_share";
                    if (besideCalcium(fs, d.pixels, calciumHu, p.fineCalciumMarginMm)) fail += " calcium";
                    int inRoi = 0, low = 0, ntr = 0, label = 0;
                    double ci = 0, cj = 0;
                    for (const int s : d.pixels) {
                        inRoi += fs.roi[s];
                        low += fs.hu[s] < floorHu;
                        const std::size_t w = fs.working(wg, s, k);
                        ci += static_cast<double>(w % wg.geometry.size[0]);
                        cj += static_cast<double>((w / wg.geometry.size[0]) % wg.geometry.size[1]);
                        if (haveTruth) {
                            const int fine[3] = {fs.i0 * fs.b0 + s % fs.w, fs.j0 * fs.b1 + s / fs.w, k};
                            Index3 src{};
                            for (int a = 0; a < 3; ++a) { const int ax = wg.axisOf[a]; src[ax] = wg.flip[a] ? wg.sourceSize[ax] - 1 - fine[a] : fine[a]; }
                            const int l = truth.at(src[0], src[1], src[2]);
                            if (l) { ++ntr; label = l; }
                        }
                    }
                    const double maxTreeR = adjacentTreeRadiusMm(fs, wg, tree, k, d.pixels);
                    if (2 * inRoi < np) fail += " roi";
                    if (low > p.fineMaxLowShare * np) fail += " low_share";
                    const double blood = sectionBloodHu(fs, sectionOf, d.section, p);
                    const double coreHu = regionCoreHu(fs, d.pixels, p);
                    const double cn = fineContrastNorm(blood, coreHu, p);
                    if (cn < p.fineMinContrastNorm) fail += " contrast";
                    for (const int s : d.pixels) inRegion[s] = 1;
                    const double depth = regionDepthMm(fs, d.pixels, inRegion);
                    for (const int s : d.pixels) inRegion[s] = 0;
                    if (depth < (d.hole ? p.fineMinHoleDepthMm : p.fineMinDepthMm)) fail += " depth";
                    const double secR = std::sqrt((sectionArea[d.section] + np) * pixelMm2 / fine_slice::kPi);
                    std::cout << "k " << k << " sigma " << sigma << " " << (d.hole ? "HOLE" : (d.rimWrapped ? "deficit(rim-wrapped)" : "deficit"))
                              << " at (" << std::lround(ci / np) << "," << std::lround(cj / np) << "," << k << ") " << np * pixelMm2 << " mm2 section "
                              << sectionArea[d.section] * pixelMm2 << " mm2 (eq R " << secR << ") share " << share << " treeR " << maxTreeR << " cn " << cn << " depth " << depth
                              << " truth " << ntr << " label " << label << " newcap " << (withinFineAreaCap(fs, wg, tree, k, d, p) ? "IN" : "out") << " -> " << (fail.empty() ? "PASSES OTHER TESTS" : "fails" + fail) << "\n";
                }
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "fine_overcap_probe: " << e.what() << "\n";
        return 2;
    }
}
