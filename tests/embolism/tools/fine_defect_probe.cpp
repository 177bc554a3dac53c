// fine_defect_probe VOLUME.nii.gz TRUTH.nii.gz LABEL [K0 K1 | --closing MM]: the native-resolution fine pass
// (core/embolism/fine_defects.h) per slice around an inserted clot, with every test's number for each
// defect region that holds a truth pixel of LABEL, and where the truth's dark pixels go when no region
// takes them (the dark component's encloser: border, several sections, a non-artery section). The
// slice helpers are a copy of fine_defects.cpp's (anonymous namespace there). Review tool; not a test.
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
#include "embolism/volume_ops.h"
#include "io/nifti_io.h"

namespace tv {
namespace {
constexpr double kPi = 3.14159265358979323846;

// Connected components of the pixels where on != 0 in a w x h slice (4- or 8-neighbours); labels
// 1..count, 0 off. Returns the count.
int label2d(const std::vector<std::uint8_t>& on, int w, int h, bool eight, std::vector<int>& labels) {
    labels.assign(on.size(), 0);
    int count = 0;
    std::vector<int> stack;
    for (int s = 0; s < w * h; ++s) {
        if (!on[s] || labels[s]) continue;
        labels[s] = ++count;
        stack.push_back(s);
        while (!stack.empty()) {
            const int q = stack.back();
            stack.pop_back();
            const int x = q % w, y = q / w;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    if ((dx == 0 && dy == 0) || (!eight && dx != 0 && dy != 0)) continue;
                    const int a = x + dx, b = y + dy;
                    if (a < 0 || b < 0 || a >= w || b >= h) continue;
                    const int r = b * w + a;
                    if (on[r] && !labels[r]) {
                        labels[r] = count;
                        stack.push_back(r);
                    }
                }
        }
    }
    return count;
}

// One axial slice of native pixels over a box of working voxels, in the working grid's canonical
// orientation: fine pixel (x, y) lies in working voxel (i0 + x / b0, j0 + y / b1).
struct FineSlice {
    int i0 = 0, j0 = 0, b0 = 1, b1 = 1, w = 0, h = 0;
    double sx = 0, sy = 0;           // native pixel spacing (mm)
    std::vector<float> raw;          // native HU
    std::vector<float> hu;           // smoothed native HU (smoothFineSlice)
    std::vector<std::uint8_t> code;  // lobar, segmental or mediastinal-branch tree code of the pixel's working
                                     // voxel or, failing that, of the voxel above or below it (0: none)
    std::vector<std::uint8_t> roi;   // the pixel's working voxel lies within the region margin
    std::size_t working(const WorkingGrid& wg, int s, int k) const {
        return wg.hu.offset(i0 + (s % w) / b0, j0 + (s / w) / b1, k);
    }
};

bool seedCode(std::uint8_t c) {
    return c == static_cast<std::uint8_t>(ArteryCode::Lobar) || c == static_cast<std::uint8_t>(ArteryCode::Segmental) ||
           c == static_cast<std::uint8_t>(ArteryCode::MediastinalBranch);
}

// Builds slice k's fine pixels over the working box around its lobar and segmental tree voxels
// (false: none on this slice).
bool buildFineSlice(const CtVolume& ct, const WorkingGrid& wg, const VesselTree& tree, int k, const EmbolismParams& p, FineSlice& fs) {
    const int W = wg.geometry.size[0], H = wg.geometry.size[1], K = wg.geometry.size[2];
    // A seed on this slice or the next one up or down: where a clot fills most of a segmental artery's
    // section, the binned lumen around it falls under the threshold on the clot's own slice.
    std::vector<std::uint8_t> seeds(static_cast<std::size_t>(W) * H, 0);
    for (int c = std::max(0, k - 1); c <= std::min(K - 1, k + 1); ++c)
        for (int j = 0; j < H; ++j)
            for (int i = 0; i < W; ++i) {
                const std::uint8_t code = tree.connected.at(i, j, c);
                std::uint8_t& seed = seeds[static_cast<std::size_t>(j) * W + i];
                if (seedCode(code) && (c == k || !seed)) seed = code;
            }
    const int hi = static_cast<int>(std::ceil(p.fineRegionMarginMm / wg.geometry.spacing[0]));
    const int hj = static_cast<int>(std::ceil(p.fineRegionMarginMm / wg.geometry.spacing[1]));
    int lo[2] = {W, H}, up[2] = {-1, -1};
    for (int j = 0; j < H; ++j)
        for (int i = 0; i < W; ++i)
            if (seeds[static_cast<std::size_t>(j) * W + i]) {
                lo[0] = std::min(lo[0], i); up[0] = std::max(up[0], i);
                lo[1] = std::min(lo[1], j); up[1] = std::max(up[1], j);
            }
    if (up[0] < 0) return false;
    fs.i0 = std::max(0, lo[0] - hi - 1);
    fs.j0 = std::max(0, lo[1] - hj - 1);
    const int ww = std::min(W - 1, up[0] + hi + 1) - fs.i0 + 1, hh = std::min(H - 1, up[1] + hj + 1) - fs.j0 + 1;
    // Region: working voxels within the margin (a box) of a seed voxel, by two sliding-window passes.
    std::vector<std::uint8_t> rows(static_cast<std::size_t>(ww) * hh, 0), region(rows.size(), 0);
    for (int y = 0; y < hh; ++y)
        for (int x = 0; x < ww; ++x) {
            if (!seeds[static_cast<std::size_t>(fs.j0 + y) * W + fs.i0 + x]) continue;
            for (int a = std::max(0, x - hi); a <= std::min(ww - 1, x + hi); ++a) rows[static_cast<std::size_t>(y) * ww + a] = 1;
        }
    for (int y = 0; y < hh; ++y)
        for (int x = 0; x < ww; ++x) {
            if (!rows[static_cast<std::size_t>(y) * ww + x]) continue;
            for (int b = std::max(0, y - hj); b <= std::min(hh - 1, y + hj); ++b) region[static_cast<std::size_t>(b) * ww + x] = 1;
        }
    fs.b0 = wg.bin[0];
    fs.b1 = wg.bin[1];
    fs.w = ww * fs.b0;
    fs.h = hh * fs.b1;
    fs.sx = wg.geometry.spacing[0] / fs.b0;
    fs.sy = wg.geometry.spacing[1] / fs.b1;
    fs.raw.assign(static_cast<std::size_t>(fs.w) * fs.h, 0.0f);
    fs.code.assign(static_cast<std::size_t>(fs.w) * fs.h, 0);
    fs.roi.assign(fs.code.size(), 0);
    for (int y = 0; y < fs.h; ++y)
        for (int x = 0; x < fs.w; ++x) {
            // Source voxel of fine pixel (i0 b0 + x, j0 b1 + y, k) (working_grid.h: a flipped axis runs
            // from the source's far end).
            const int fine[3] = {fs.i0 * fs.b0 + x, fs.j0 * fs.b1 + y, k};
            Index3 src{};
            for (int a = 0; a < 3; ++a) {
                const int s = wg.axisOf[a];
                src[s] = wg.flip[a] ? wg.sourceSize[s] - 1 - fine[a] : fine[a];
            }
            const std::size_t f = static_cast<std::size_t>(y) * fs.w + x;
            fs.raw[f] = ct.hu.at(src[0], src[1], src[2]);
            fs.code[f] = seeds[static_cast<std::size_t>(fs.j0 + y / fs.b1) * W + fs.i0 + x / fs.b0];
            fs.roi[f] = region[static_cast<std::size_t>(y / fs.b1) * ww + x / fs.b0];
        }
    return true;
}

// fs.hu = fs.raw smoothed in-plane with sigmaMm.
void smoothFineSlice(FineSlice& fs, double sigmaMm) {
    ImageGeometry g;
    g.size = {fs.w, fs.h, 1};
    g.spacing = Eigen::Vector3d(fs.sx, fs.sy, 1.0);
    g.direction = Eigen::Matrix3d::Identity();
    Image<float> img(g, 0.0f);
    std::copy(fs.raw.begin(), fs.raw.end(), img.slice(0));
    gaussianSmooth(img, sigmaMm, false);
    fs.hu.assign(img.slice(0), img.slice(0) + fs.raw.size());
}

struct SliceDefect {
    std::vector<int> pixels;  // fine pixels of the region (slice offsets)
    int section = 0;          // contrast component (artery section) it belongs to
    bool hole = false;        // enclosed by the section (polo mint); else a deficit of its closing
    bool rimWrapped = false;  // a deficit wrapped by its section and a rim cut off from it (fineRimMaxThicknessMm)
};

// Deepest pixel of a region: largest distance (mm, centre to centre) from a region pixel to the
// nearest pixel outside it, less half a pixel (the inscribed radius of the region as pixel squares).
double regionDepthMm(const FineSlice& fs, const std::vector<int>& pixels, const std::vector<std::uint8_t>& inRegion) {
    std::vector<Eigen::Vector2d> outside;
    for (const int s : pixels) {
        const int x = s % fs.w, y = s / fs.w;
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                const int a = x + dx, b = y + dy;
                if (a < 0 || b < 0 || a >= fs.w || b >= fs.h || !inRegion[static_cast<std::size_t>(b) * fs.w + a])
                    outside.emplace_back(a * fs.sx, b * fs.sy);
            }
    }
    double deepest = 0;
    for (const int s : pixels) {
        const Eigen::Vector2d q((s % fs.w) * fs.sx, (s / fs.w) * fs.sy);
        double nearest = 1e30;
        for (const auto& o : outside) nearest = std::min(nearest, (o - q).squaredNorm());
        deepest = std::max(deepest, std::sqrt(nearest));
    }
    return deepest - 0.5 * std::min(fs.sx, fs.sy);
}

// The defect regions of one slice (holes and hull deficits of artery sections), before the tests.
std::vector<SliceDefect> sliceRegions(const FineSlice& fs, double thresholdHu, const EmbolismParams& p, std::vector<int>& sectionOf,
                                      std::vector<int>& sectionArea) {
    const std::size_t n = fs.hu.size();
    std::vector<std::uint8_t> contrast(n), dark(n);
    for (std::size_t s = 0; s < n; ++s) {
        contrast[s] = fs.hu[s] >= thresholdHu;
        dark[s] = !contrast[s];
    }
    const int sections = label2d(contrast, fs.w, fs.h, true, sectionOf);
    std::vector<std::uint8_t> artery(sections + 1, 0);
    sectionArea.assign(sections + 1, 0);
    for (std::size_t s = 0; s < n; ++s) {
        const int l = sectionOf[s];
        if (!l) continue;
        ++sectionArea[l];
        if (seedCode(fs.code[s])) artery[l] = 1;
    }
    std::vector<SliceDefect> out;
    // (a) Holes: dark regions enclosed by one artery section.
    std::vector<int> darkOf;
    const int regions = label2d(dark, fs.w, fs.h, false, darkOf);
    std::vector<int> encloser(regions + 1, 0);  // -1: touches the border or several sections
    std::vector<std::vector<int>> pix(regions + 1);
    for (std::size_t s = 0; s < n; ++s) {
        const int r = darkOf[s];
        if (!r) continue;
        pix[r].push_back(static_cast<int>(s));
        const int x = static_cast<int>(s % fs.w), y = static_cast<int>(s / fs.w);
        if (x == 0 || y == 0 || x == fs.w - 1 || y == fs.h - 1) { encloser[r] = -1; continue; }
        for (const int q : {static_cast<int>(s) - 1, static_cast<int>(s) + 1, static_cast<int>(s) - fs.w, static_cast<int>(s) + fs.w}) {
            const int l = sectionOf[q];
            if (!l || encloser[r] == -1) continue;
            encloser[r] = encloser[r] == 0 || encloser[r] == l ? l : -1;
        }
    }
    std::vector<std::uint8_t> taken(n, 0);
    for (int r = 1; r <= regions; ++r)
        if (encloser[r] > 0 && artery[encloser[r]]) {
            for (const int s : pix[r]) taken[s] = 1;
            out.push_back({std::move(pix[r]), encloser[r], true, false});
        }
    // (b) Deficits: dark pixels inside the closing of the contrast (a disk of fineClosingRadiusMm in
    // the slice) beside an artery section: a clot against the wall leaves a crescent whose opening the
    // closing bridges. The section is the contrast component most of its face neighbours belong to.
    ImageGeometry g;
    g.size = {fs.w, fs.h, 1};
    g.spacing = Eigen::Vector3d(fs.sx, fs.sy, 1.0);
    g.direction = Eigen::Matrix3d::Identity();
    Mask lumen(g, 0);
    for (std::size_t s = 0; s < n; ++s) lumen[s] = contrast[s];
    const Mask closed = closeMm(lumen, p.fineClosingRadiusMm);
    std::vector<std::uint8_t> deficit(n, 0);
    for (std::size_t s = 0; s < n; ++s) deficit[s] = closed[s] && !contrast[s] && !taken[s];
    std::vector<int> defOf;
    const int nd = label2d(deficit, fs.w, fs.h, false, defOf);
    std::vector<std::vector<int>> parts(nd + 1);
    std::vector<std::map<int, int>> besides(nd + 1);
    for (std::size_t s = 0; s < n; ++s) {
        const int r = defOf[s];
        if (!r) continue;
        parts[r].push_back(static_cast<int>(s));
        const int x = static_cast<int>(s % fs.w), y = static_cast<int>(s / fs.w);
        if (x > 0) ++besides[r][sectionOf[s - 1]];
        if (x + 1 < fs.w) ++besides[r][sectionOf[s + 1]];
        if (y > 0) ++besides[r][sectionOf[s - fs.w]];
        if (y + 1 < fs.h) ++besides[r][sectionOf[s + fs.w]];
    }
    // A section is a rim of this deficit when its area over its contact with the deficit (its mean
    // thickness there, mm) is at most fineRimMaxThicknessMm (EmbolismParams: the contrast a clot
    // leaves between itself and the wall, cut off from the rest of its artery).
    const double pixelMm2 = fs.sx * fs.sy, faceMm = 0.5 * (fs.sx + fs.sy);
    const auto rim = [&](int l, int faces) { return sectionArea[l] * pixelMm2 <= p.fineRimMaxThicknessMm * faces * faceMm; };
    for (int r = 1; r <= nd; ++r) {
        int best = 0, most = 0, contrastFaces = 0;
        bool bestRim = true;  // the most-contact section, preferring one that is not a rim
        for (const auto& [l, c] : besides[r]) {
            if (!l) continue;
            contrastFaces += c;
            const bool isRim = rim(l, c);
            if ((bestRim && !isRim) || (bestRim == isRim && c > most)) { best = l; most = c; bestRim = isRim; }
        }
        // Rims cut off by the clot count with the artery they wrap the deficit from.
        int wrapping = most;
        for (const auto& [l, c] : besides[r])
            if (l && l != best && !bestRim && rim(l, c)) wrapping += c;
        // A crescent wraps its clot from one artery; a gap between two vessels borders both.
        if (best && artery[best] && wrapping >= p.fineMinOneSectionShare * contrastFaces)
            out.push_back({std::move(parts[r]), best, false, most < p.fineMinOneSectionShare * contrastFaces});
    }
    return out;
}

// Whether a native pixel brighter than calciumHu (unsmoothed) lies within marginMm of a region pixel.
bool besideCalcium(const FineSlice& fs, const std::vector<int>& pixels, double calciumHu, double marginMm) {
    const int rx = static_cast<int>(std::floor(marginMm / fs.sx)), ry = static_cast<int>(std::floor(marginMm / fs.sy));
    for (const int s : pixels) {
        const int x = s % fs.w, y = s / fs.w;
        for (int b = std::max(0, y - ry); b <= std::min(fs.h - 1, y + ry); ++b)
            for (int a = std::max(0, x - rx); a <= std::min(fs.w - 1, x + rx); ++a)
                if (fs.raw[static_cast<std::size_t>(b) * fs.w + a] > calciumHu &&
                    std::hypot((a - x) * fs.sx, (b - y) * fs.sy) <= marginMm)
                    return true;
    }
    return false;
}

}  // namespace
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
        if (argc >= 6 && std::string(argv[4]) != "--closing") { k0 = std::stoi(argv[4]); k1 = std::stoi(argv[5]); }
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
                const std::vector<SliceDefect> regions = sliceRegions(fs, tree.lumenThresholdHu, p, sectionOf, sectionArea);
                std::vector<std::uint8_t> covered(tp.size(), 0), inRegion(tp.size(), 0);
                for (const SliceDefect& d : regions) {
                    int ntr = 0;
                    for (const int s : d.pixels) ntr += tp[s];
                    if (!ntr) continue;
                    for (const int s : d.pixels) covered[s] = 1;
                    const int np = static_cast<int>(d.pixels.size());
                    std::string fail;
                    if (np * pixelMm2 < p.fineMinSliceAreaMm2) fail += " area<min";
                    if (np * pixelMm2 > p.fineMaxSliceAreaMm2) fail += " area>max";
                    const double share = static_cast<double>(np) / (np + sectionArea[d.section]);
                    if (np > p.fineMaxDefectShare * (np + sectionArea[d.section])) fail += " defect_share";
                    if (besideCalcium(fs, d.pixels, calciumHu, p.fineCalciumMarginMm)) fail += " calcium";
                    int inRoi = 0, low = 0, band = 0;
                    std::vector<float> hu;
                    for (const int s : d.pixels) { inRoi += fs.roi[s]; low += fs.hu[s] < floorHu; band += fs.hu[s] >= floorHu && fs.hu[s] < ceilHu; hu.push_back(fs.hu[s]); }
                    if (2 * inRoi < np) fail += " roi";
                    if (low > p.fineMaxLowShare * np) fail += " low_share";
                    std::vector<float> v;
                    for (std::size_t s = 0; s < fs.hu.size(); ++s) if (sectionOf[s] == d.section) v.push_back(fs.hu[s]);
                    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>((1.0 - p.fineCoreQuantile) * (v.size() - 1)), v.end());
                    const double blood = v[static_cast<std::size_t>((1.0 - p.fineCoreQuantile) * (v.size() - 1))];
                    std::sort(hu.begin(), hu.end());
                    const double coreHu = hu[static_cast<std::size_t>(p.fineCoreQuantile * (hu.size() - 1))];
                    const double cn = (blood - coreHu) / std::max(20.0, blood - p.thrombusMidHu);
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
                              << " roi " << inRoi << " blood " << blood << " core " << coreHu << " cn " << cn << " depth " << depth << " enclosure " << (faces ? static_cast<double>(cfaces) / faces : 0.0) << " (" << faces - cfaces << " open faces) -> " << (fail.empty() ? "PASS" : "FAIL" + fail) << "\n";
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
