// fine_defect_probe VOLUME.nii.gz TRUTH.nii.gz LABEL [K0 K1 | --closing MM]: the native-resolution fine pass
// (core/embolism/fine_defects.h) per slice around an inserted clot, with every test's number for each
// defect region that holds a truth pixel of LABEL, and where the truth's dark pixels go when no region
// takes them (the dark component's encloser: border, several sections, a non-artery section). The
// slice helpers are the detector's own (fine_slice.h). Review tool; not a test.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "detector_stages.h"
#include "embolism/fine_defects.h"
#include "embolism/fine_slice.h"
#include "embolism/volume_ops.h"
#include "io/nifti_io.h"

namespace tv {
using fine_slice::kPi;
}  // namespace tv

int main(int argc, char** argv) {
    using namespace tv;
    if (argc < 4) { std::cerr << "usage: fine_defect_probe VOLUME TRUTH LABEL [K0 K1]\n"; return 1; }
    try {
        const CtVolume ct = readNiftiCt(argv[1]);
        const LabelMap truth = readNiftiLabelsOnGrid(argv[2], ct.geometry());
        const int label = std::stoi(argv[3]);
        EmbolismParams p;
        for (int a = 4; a + 1 < argc; ++a)
            if (std::string(argv[a]) == "--closing") p.fineClosingRadiusMm = std::stod(argv[a + 1]);  // what a wider closing would take
        for (int a = 4; a + 1 < argc; ++a)
            if (std::string(argv[a]) == "--untraced-reach") p.fineRoiUntracedReachMm = std::stod(argv[a + 1]);  // EmbolismParams::fineRoiUntracedReachMm
        const tools::DetectorStages st = tools::runDetectorStages(ct, p);
        const WorkingGrid& wg = st.wg;
        const VesselTree& tree = st.tree;
        std::cout << "fine pass applies " << finePassApplies(wg, tree, st.c, p) << ", lumen threshold " << tree.lumenThresholdHu << ", blood " << tree.bloodHu << "\n";
        const double floorHu = p.thrombusLowHu - p.defectFloorMarginHu;
        const double ceilHu = std::min(tree.lumenThresholdHu, p.thrombusHighHu + 0.3 * std::max(0.0, tree.bloodHu - p.thrombusHighHu));
        const double calciumHu = ThoraxParams{}.boneHu;
        std::cout << "band floor " << floorHu << " ceil " << ceilHu << "\n";
        // truth slices on the working grid (k is not binned)
        const LabelMap tw = labelsToWorking(wg, truth);
        int k0 = 1 << 30, k1 = -1;
        for (std::size_t n = 0; n < tw.voxelCount(); ++n)
            if (tw[n] == label) { const int k = static_cast<int>(n / (static_cast<std::size_t>(tw.nx()) * tw.ny())); k0 = std::min(k0, k); k1 = std::max(k1, k); }
        if (argc >= 6 && std::string(argv[4]).rfind("--", 0) != 0) { k0 = std::stoi(argv[4]); k1 = std::stoi(argv[5]); }
        std::cout << "slices " << k0 << ".." << k1 << "\n";
        FineSlice fs;
        for (int k = k0; k <= k1; ++k) {
            if (!buildFineSlice(ct, wg, tree, k, p, fs)) { std::cout << "k " << k << ": no seed\n"; continue; }
            // truth per fine pixel
            std::vector<std::uint8_t> tp(fs.raw.size(), 0);
            int nt = 0;
            for (int y = 0; y < fs.h; ++y)
                for (int x = 0; x < fs.w; ++x) {
                    const int fine[3] = {fs.i0 * fs.b0 + x, fs.j0 * fs.b1 + y, k};
                    Index3 src{};
                    for (int a = 0; a < 3; ++a) { const int s = wg.axisOf[a]; src[s] = wg.flip[a] ? wg.sourceSize[s] - 1 - fine[a] : fine[a]; }
                    if (truth.at(src[0], src[1], src[2]) == label) { tp[static_cast<std::size_t>(y) * fs.w + x] = 1; ++nt; }
                }
            if (!nt) { std::cout << "k " << k << ": no truth pixel\n"; continue; }
            for (const double sigma : {p.fineSmoothingSigmaMm, p.fineSecondSigmaMm}) {
                smoothFineSlice(fs, sigma);
                const double pixelMm2 = fs.sx * fs.sy;
                int tc = 0, troi = 0, tcode = 0; double tmin = 1e9, tmean = 0;
                for (std::size_t s = 0; s < tp.size(); ++s) if (tp[s]) { tc += fs.hu[s] >= tree.lumenThresholdHu; troi += fs.roi[s]; tcode += seedCode(fs.code[s]); tmin = std::min<double>(tmin, fs.hu[s]); tmean += fs.hu[s]; }
                std::cout << "k " << k << " sigma " << sigma << ": truth pixels " << nt << " (" << nt * pixelMm2 << " mm2), contrast " << tc << ", roi " << troi << ", seed-code " << tcode << ", smoothed min " << tmin << " mean " << tmean / nt << "\n";
                std::vector<int> sectionOf, sectionArea;
                const std::vector<SliceDefect> regions = sliceRegions(fs, tree.lumenThresholdHu, p, p.fineClosingRadiusMm, sectionOf, sectionArea);
                std::vector<std::uint8_t> covered(tp.size(), 0), inRegion(tp.size(), 0);
                for (const SliceDefect& d : regions) {
                    int ntr = 0;
                    for (const int s : d.pixels) ntr += tp[s];
                    if (!ntr) continue;
                    for (const int s : d.pixels) covered[s] = 1;
                    const int np = static_cast<int>(d.pixels.size());
                    std::string fail;
                    if (np * pixelMm2 < p.fineMinSliceAreaMm2) fail += " area<min";
                    if (!withinFineAreaCap(fs, wg, tree, k, d, p)) fail += " area>max";
                    const double share = static_cast<double>(np) / (np + sectionArea[d.section]);
                    if (np > p.fineMaxDefectShare * (np + sectionArea[d.section])) fail += " defect_share";
                    if (besideCalcium(fs, d.pixels, calciumHu, p.fineCalciumMarginMm)) fail += " calcium";
                    // How much of the region the calcium margin reaches: pixels with a calcium pixel within the
                    // margin, and the nearest calcium pixel's distance (mm, centre to centre; -1: none within 6 mm).
                    int nearCalcium = 0;
                    double calciumMm = -1;
                    for (const int s : d.pixels) {
                        if (besideCalcium(fs, {s}, calciumHu, p.fineCalciumMarginMm)) ++nearCalcium;
                        const int x = s % fs.w, y = s / fs.w;
                        for (int b = std::max(0, y - 11); b <= std::min(fs.h - 1, y + 11); ++b)
                            for (int a = std::max(0, x - 11); a <= std::min(fs.w - 1, x + 11); ++a)
                                if (fs.raw[static_cast<std::size_t>(b) * fs.w + a] > calciumHu) {
                                    const double dmm = std::hypot((a - x) * fs.sx, (b - y) * fs.sy);
                                    if (calciumMm < 0 || dmm < calciumMm) calciumMm = dmm;
                                }
                    }
                    int inRoi = 0, low = 0, band = 0, seeded = 0;
                    for (const int s : d.pixels) { seeded += fs.code[s] != 0; inRoi += fs.roi[s]; low += fs.hu[s] < floorHu; band += fs.hu[s] >= floorHu && fs.hu[s] < ceilHu; }
                    if (2 * inRoi < np) fail += " roi";
                    if (low > p.fineMaxLowShare * np) fail += " low_share";
                    const double blood = sectionBloodHu(fs, sectionOf, d.section, p);
                    const double coreHu = regionCoreHu(fs, d.pixels, p);
                    const double cn = fineContrastNorm(blood, coreHu, p);
                    if (cn < p.fineMinContrastNorm) fail += " contrast";
                    for (const int s : d.pixels) inRegion[s] = 1;
                    const double depth = regionDepthMm(fs, d.pixels, inRegion);
                    // In-plane outline: outside face neighbours that are contrast (>= threshold) vs not.
                    int faces = 0, cfaces = 0;
                    for (const int s : d.pixels) {
                        const int x = s % fs.w, y = s / fs.w;
                        for (const int q : {x > 0 ? s - 1 : -1, x + 1 < fs.w ? s + 1 : -1, y > 0 ? s - fs.w : -1, y + 1 < fs.h ? s + fs.w : -1})
                            if (q >= 0 && !inRegion[q]) { ++faces; cfaces += fs.hu[q] >= tree.lumenThresholdHu; }
                    }
                    for (const int s : d.pixels) inRegion[s] = 0;
                    if (depth < (d.hole ? p.fineMinHoleDepthMm : p.fineMinDepthMm)) fail += " depth";
                    std::cout << "   region " << (d.hole ? "HOLE" : (d.rimWrapped ? "deficit(rim-wrapped)" : "deficit")) << " px " << np << " (" << np * pixelMm2 << " mm2) truth " << ntr
                              << " band " << band << " section " << d.section << " area " << sectionArea[d.section] * pixelMm2 << " mm2 share " << share << " low " << low
                              << " roi " << inRoi << " seeded " << seeded << " blood " << blood << " core " << coreHu << " cn " << cn << " depth " << depth << " enclosure " << (faces ? static_cast<double>(cfaces) / faces : 0.0) << " (" << faces - cfaces << " open faces) calcium_px " << nearCalcium << " calcium_mm " << calciumMm << " -> " << (fail.empty() ? "PASS" : "FAIL" + fail) << "\n";
                }
                // truth dark pixels no region took: their dark 4-component's encloser.
                std::vector<std::uint8_t> dark(tp.size());
                for (std::size_t s = 0; s < tp.size(); ++s) dark[s] = fs.hu[s] < tree.lumenThresholdHu;
                std::vector<int> darkOf;
                label2d(dark, fs.w, fs.h, false, darkOf);
                std::map<int, int> uncovered;
                for (std::size_t s = 0; s < tp.size(); ++s) if (tp[s] && dark[s] && !covered[s]) ++uncovered[darkOf[s]];
                for (const auto& [r, cnt] : uncovered) {
                    int size = 0; bool border = false; std::set<int> secs; std::set<int> artSecs;
                    for (std::size_t s = 0; s < tp.size(); ++s) {
                        if (darkOf[s] != r) continue;
                        ++size;
                        const int x = static_cast<int>(s % fs.w), y = static_cast<int>(s / fs.w);
                        if (x == 0 || y == 0 || x == fs.w - 1 || y == fs.h - 1) { border = true; continue; }
                        for (const int q : {static_cast<int>(s) - 1, static_cast<int>(s) + 1, static_cast<int>(s) - fs.w, static_cast<int>(s) + fs.w}) if (sectionOf[q]) secs.insert(sectionOf[q]);
                    }
                    std::cout << "   uncovered truth dark px " << cnt << " in dark component of " << size << " px (" << size * pixelMm2 << " mm2), border " << border << ", sections";
                    for (const int l : secs) std::cout << " " << l << "(" << sectionArea[l] * pixelMm2 << "mm2)";
                    std::cout << "\n";
                }
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "fine_defect_probe: " << e.what() << "\n";
        return 2;
    }
}
