#include "embolism/fine_slice.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "embolism/volume_ops.h"

namespace tv {

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


bool seedCode(std::uint8_t c) {
    return c == static_cast<std::uint8_t>(ArteryCode::Lobar) || c == static_cast<std::uint8_t>(ArteryCode::Segmental) ||
           c == static_cast<std::uint8_t>(ArteryCode::MediastinalBranch);
}

namespace {
// Pixels within a box of half-widths (hx, hy) of an `on` pixel, over the window (x0, y0, w, h) of a
// slice `stride` pixels wide (two sliding-window passes: rows, then columns); the window's own pixels.
std::vector<std::uint8_t> boxDilated(const std::vector<std::uint8_t>& on, int stride, int x0, int y0, int w, int h, int hx, int hy) {
    std::vector<std::uint8_t> rows(static_cast<std::size_t>(w) * h, 0), out(rows.size(), 0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            if (!on[static_cast<std::size_t>(y0 + y) * stride + x0 + x]) continue;
            for (int a = std::max(0, x - hx); a <= std::min(w - 1, x + hx); ++a) rows[static_cast<std::size_t>(y) * w + a] = 1;
        }
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            if (!rows[static_cast<std::size_t>(y) * w + x]) continue;
            for (int b = std::max(0, y - hy); b <= std::min(h - 1, y + hy); ++b) out[static_cast<std::size_t>(b) * w + x] = 1;
        }
    return out;
}

// Lumen the tree does not reach (code 0, on slices k-1..k+1) within fineRoiUntracedReachMm (an
// in-plane box) of a seed joins the region's seeds (not the codes: sections and breached holes are
// still judged by the traced arteries). A clot that plugs its own artery cuts the lumen beyond it
// off the trunk, so the lumen around it carries no code; it lies a few millimetres from the coded
// artery it was cut from (s29-fineroi).
void addUntracedRoiSeeds(const WorkingGrid& wg, const VesselTree& tree, int k, const EmbolismParams& p,
                         const std::vector<std::uint8_t>& seeds, std::vector<std::uint8_t>& roiSeeds) {
    if (p.fineRoiUntracedReachMm <= 0 || tree.lumen.voxelCount() == 0) return;
    const int W = wg.geometry.size[0], H = wg.geometry.size[1], K = wg.geometry.size[2];
    const int ri = static_cast<int>(std::floor(p.fineRoiUntracedReachMm / wg.geometry.spacing[0]));
    const int rj = static_cast<int>(std::floor(p.fineRoiUntracedReachMm / wg.geometry.spacing[1]));
    const std::vector<std::uint8_t> near = boxDilated(seeds, W, 0, 0, W, H, ri, rj);  // within the box of a seed
    for (int c = std::max(0, k - 1); c <= std::min(K - 1, k + 1); ++c)
        for (int j = 0; j < H; ++j)
            for (int i = 0; i < W; ++i) {
                const std::size_t f = static_cast<std::size_t>(j) * W + i;
                if (near[f] && tree.lumen.at(i, j, c) && !tree.connected.at(i, j, c)) roiSeeds[f] = 1;
            }
}
}  // namespace

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
    // The region's own seeds: the seeds, and untraced lumen (EmbolismParams::fineRoiUntracedReachMm).
    std::vector<std::uint8_t> roiSeeds = seeds;
    addUntracedRoiSeeds(wg, tree, k, p, seeds, roiSeeds);
    const int hi = static_cast<int>(std::ceil(p.fineRegionMarginMm / wg.geometry.spacing[0]));
    const int hj = static_cast<int>(std::ceil(p.fineRegionMarginMm / wg.geometry.spacing[1]));
    int lo[2] = {W, H}, up[2] = {-1, -1};
    for (int j = 0; j < H; ++j)
        for (int i = 0; i < W; ++i)
            if (roiSeeds[static_cast<std::size_t>(j) * W + i]) {
                lo[0] = std::min(lo[0], i); up[0] = std::max(up[0], i);
                lo[1] = std::min(lo[1], j); up[1] = std::max(up[1], j);
            }
    if (up[0] < 0) return false;
    fs.i0 = std::max(0, lo[0] - hi - 1);
    fs.j0 = std::max(0, lo[1] - hj - 1);
    const int ww = std::min(W - 1, up[0] + hi + 1) - fs.i0 + 1, hh = std::min(H - 1, up[1] + hj + 1) - fs.j0 + 1;
    // Region: working voxels within the margin (a box) of a seed voxel.
    const std::vector<std::uint8_t> region = boxDilated(roiSeeds, W, fs.i0, fs.j0, ww, hh, hi, hj);
    fs.b0 = wg.bin[0];
    fs.b1 = wg.bin[1];
    fs.w = ww * fs.b0;
    fs.h = hh * fs.b1;
    fs.sx = wg.geometry.spacing[0] / fs.b0;
    fs.sy = wg.geometry.spacing[1] / fs.b1;
    fs.raw.assign(static_cast<std::size_t>(fs.w) * fs.h, 0.0f);
    fs.rawNear.assign(fs.raw.size(), std::numeric_limits<float>::infinity());
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
            for (const int near : {k - 1, k + 1}) {
                if (near < 0 || near >= K) continue;
                Index3 nsrc = src;
                nsrc[wg.axisOf[2]] = wg.flip[2] ? wg.sourceSize[wg.axisOf[2]] - 1 - near : near;
                fs.rawNear[f] = std::min(fs.rawNear[f], static_cast<float>(ct.hu.at(nsrc[0], nsrc[1], nsrc[2])));
            }
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

// The defect regions of one slice (holes and hull deficits of artery sections, the deficits of a
// closing with a disk of closingMm), before the tests.
std::vector<SliceDefect> sliceRegions(const FineSlice& fs, double thresholdHu, const EmbolismParams& p, double closingMm,
                                      std::vector<int>& sectionOf, std::vector<int>& sectionArea) {
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
            out.push_back({std::move(pix[r]), encloser[r], true, false, false});
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
    const Mask closed = closeMm(lumen, closingMm);
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
            out.push_back({std::move(parts[r]), best, false, most < p.fineMinOneSectionShare * contrastFaces, false});
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

double sectionBloodHu(const FineSlice& fs, const std::vector<int>& sectionOf, int section, const EmbolismParams& p) {
    std::vector<float> v;
    for (std::size_t s = 0; s < fs.hu.size(); ++s)
        if (sectionOf[s] == section) v.push_back(fs.hu[s]);
    const std::size_t at = static_cast<std::size_t>((1.0 - p.fineCoreQuantile) * (v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(at), v.end());
    return v[at];
}

double regionCoreHu(const FineSlice& fs, const std::vector<int>& pixels, const EmbolismParams& p) {
    std::vector<float> hu;
    hu.reserve(pixels.size());
    for (const int s : pixels) hu.push_back(fs.hu[s]);
    std::sort(hu.begin(), hu.end());
    return hu[static_cast<std::size_t>(p.fineCoreQuantile * (hu.size() - 1))];
}

double adjacentTreeRadiusMm(const FineSlice& fs, const WorkingGrid& wg, const VesselTree& tree, int k, const std::vector<int>& pixels) {
    const Index3 size = wg.geometry.size;
    double r = 0;
    for (const int s : pixels) {
        const int i = fs.i0 + (s % fs.w) / fs.b0, j = fs.j0 + (s / fs.w) / fs.b1;
        for (int c = std::max(0, k - 1); c <= std::min(size[2] - 1, k + 1); ++c)
            for (int b = std::max(0, j - 1); b <= std::min(size[1] - 1, j + 1); ++b)
                for (int a = std::max(0, i - 1); a <= std::min(size[0] - 1, i + 1); ++a) {
                    const std::size_t n = wg.hu.offset(a, b, c);
                    if (tree.connected[n]) r = std::max<double>(r, tree.radius[n]);
                }
    }
    return r;
}

bool withinFineAreaCap(const FineSlice& fs, const WorkingGrid& wg, const VesselTree& tree, int k, const SliceDefect& d, const EmbolismParams& p) {
    const double areaMm2 = static_cast<double>(d.pixels.size()) * fs.sx * fs.sy;
    if (areaMm2 <= p.fineMaxSliceAreaMm2) return true;
    if (!p.fineHoleCapFromVesselRadius || !d.hole) return false;
    // The largest defect the widest artery the fine pass scores holds (candidate_scoring.cpp's
    // fineMaxVesselRadiusMm veto), with contrast left around it (fineMaxDefectShare).
    const double holeCapMm2 = p.fineMaxDefectShare * fine_slice::kPi * p.fineMaxVesselRadiusMm * p.fineMaxVesselRadiusMm;
    return areaMm2 <= holeCapMm2 && adjacentTreeRadiusMm(fs, wg, tree, k, d.pixels) <= p.fineMaxVesselRadiusMm;
}

}  // namespace tv
