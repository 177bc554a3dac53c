// oblique_deficit_probe VOLUME.nii.gz [TRUTH.nii.gz] [--max-axis-z Z] [--closing MM] [--min-enclosure E]
//                       [--step MM] [--codes lobar|seed]:
// the fine pass's deficit test (fine_slice.h: closing of the contrast, dark samples it covers, one
// artery section round them, area cap, share, core contrast, depth, enclosure, calcium margin) on the
// plane ACROSS the artery's axis, at every lobar (or seed-code) centreline voxel whose axis lies
// within asin(Z) of the axial plane: arteries that run in-plane, which the axial fine pass cuts
// lengthwise (s33-leftlower). Prints every region that passes, with its truth overlap. Measurement
// only: the detector does not run this.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "detector_stages.h"
#include "embolism/fine_slice.h"
#include "embolism/hessian_axis.h"
#include "embolism/oblique_defects.h"
#include "io/nifti_io.h"

namespace {
using namespace tv;

// Native HU at a working-grid point (grid mm: working voxel (i, j, k) at (i sx, j sy, k sz)), trilinear
// over the source voxels.
struct NativeSampler {
    const CtVolume& ct;
    const WorkingGrid& wg;
    double at(const Eigen::Vector3d& g) const { return nativeHuAt(ct, wg, g); }
    Index3 source(const Eigen::Vector3d& g) const {
        Index3 src{};
        for (int a = 0; a < 3; ++a) {
            const int sa = wg.axisOf[a];
            const int v = std::clamp(static_cast<int>(std::lround(g[a] / wg.geometry.spacing[a] * wg.bin[a] + 0.5 * (wg.bin[a] - 1))), 0, wg.sourceSize[sa] - 1);
            src[sa] = wg.flip[a] ? wg.sourceSize[sa] - 1 - v : v;
        }
        return src;
    }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: oblique_deficit_probe VOLUME [TRUTH] [--max-axis-z Z] [--closing MM] [--min-enclosure E] [--step MM] [--codes lobar|seed]\n";
        return 1;
    }
    try {
        const CtVolume ct = readNiftiCt(argv[1]);
        std::optional<LabelMap> truth;
        double maxZ = 0.35, closingMm = 2.0, minEnclosure = 0.85, step = 0.25;
        bool seedCodes = false;
        int a0 = 2;
        if (argc > 2 && std::string(argv[2]).rfind("--", 0) != 0) { truth = readNiftiLabelsOnGrid(argv[2], ct.geometry()); a0 = 3; }
        for (int a = a0; a + 1 < argc; a += 2) {
            const std::string k = argv[a];
            if (k == "--max-axis-z") maxZ = std::stod(argv[a + 1]);
            else if (k == "--closing") closingMm = std::stod(argv[a + 1]);
            else if (k == "--min-enclosure") minEnclosure = std::stod(argv[a + 1]);
            else if (k == "--step") step = std::stod(argv[a + 1]);
            else if (k == "--codes") seedCodes = std::string(argv[a + 1]) == "seed";
        }
        EmbolismParams p;
        const tools::DetectorStages st = tools::runDetectorStages(ct, p);
        const WorkingGrid& wg = st.wg;
        const VesselTree& tree = st.tree;
        const NativeSampler S{ct, wg};
        const double thr = tree.lumenThresholdHu, calciumHu = ThoraxParams{}.boneHu;
        std::cout << "lumen threshold " << thr << " blood " << tree.bloodHu << " max axis z " << maxZ << " closing " << closingMm << " min enclosure " << minEnclosure << "\n";
        const Index3 size = wg.geometry.size;
        const Eigen::Vector3d sp = wg.geometry.spacing;
        int centres = 0, inPlane = 0, passes = 0;
        std::map<std::string, int> sites;  // distinct region centroids (source voxel) -> passes
        for (int k = 1; k < size[2] - 1; ++k)
            for (int j = 1; j < size[1] - 1; ++j)
                for (int i = 1; i < size[0] - 1; ++i) {
                    const std::uint8_t code = tree.connected.at(i, j, k);
                    if (seedCodes ? !seedCode(code) : code != static_cast<std::uint8_t>(ArteryCode::Lobar)) continue;
                    if (!isAxisRidge(tree.radius, i, j, k)) continue;
                    const double r = tree.radius.at(i, j, k);
                    if (r <= 0) continue;
                    ++centres;
                    const auto axis = hessianAxis(tree.radius, Index3{i, j, k}, r);
                    if (!axis || std::abs(axis->z()) > maxZ) continue;
                    ++inPlane;
                    Eigen::Vector3d u = axis->cross(Eigen::Vector3d::UnitZ());
                    if (u.norm() < 1e-6) continue;
                    u.normalize();
                    const Eigen::Vector3d v = axis->cross(u).normalized();
                    const Eigen::Vector3d c(i * sp[0], j * sp[1], k * sp[2]);
                    const double half = std::min(12.0, std::max(6.0, 2.0 * r + 3.0));
                    const int n = static_cast<int>(std::round(2 * half / step)) + 1;
                    std::vector<double> hu(static_cast<std::size_t>(n) * n);
                    std::vector<std::uint8_t> lum(hu.size()), tr(hu.size(), 0);
                    std::vector<Eigen::Vector3d> at(hu.size());
                    for (int y = 0; y < n; ++y)
                        for (int x = 0; x < n; ++x) {
                            const std::size_t s = static_cast<std::size_t>(y) * n + x;
                            at[s] = c + (x * step - half) * u + (y * step - half) * v;
                            hu[s] = S.at(at[s]);
                            lum[s] = hu[s] >= thr;
                            if (truth) { const Index3 q = S.source(at[s]); tr[s] = truth->at(q[0], q[1], q[2]) != 0; }
                        }
                    // The artery's section: the lumen component holding the centre.
                    std::vector<int> sec;
                    label2d(lum, n, n, false, sec);
                    const int centreSec = sec[static_cast<std::size_t>(n / 2) * n + n / 2];
                    if (!centreSec) continue;
                    int secArea = 0;
                    std::vector<float> secHu;
                    for (std::size_t s = 0; s < hu.size(); ++s)
                        if (sec[s] == centreSec) { ++secArea; secHu.push_back(static_cast<float>(hu[s])); }
                    std::sort(secHu.begin(), secHu.end());
                    const double blood = secHu[static_cast<std::size_t>((1.0 - p.fineCoreQuantile) * (secHu.size() - 1))];
                    const int rr = static_cast<int>(std::round(closingMm / step));
                    const std::vector<std::uint8_t> closed = closePlaneWithDisk(lum, n, rr);
                    std::vector<std::uint8_t> def(hu.size());
                    for (std::size_t s = 0; s < hu.size(); ++s) def[s] = closed[s] && !lum[s];
                    std::vector<int> dl;
                    const int nd = label2d(def, n, n, false, dl);
                    std::vector<std::vector<int>> parts(nd + 1);
                    for (std::size_t s = 0; s < hu.size(); ++s)
                        if (dl[s]) parts[dl[s]].push_back(static_cast<int>(s));
                    for (int l = 1; l <= nd; ++l) {
                        const std::vector<int>& px = parts[l];
                        const double area = px.size() * step * step;
                        if (area < p.fineMinSliceAreaMm2 || area > p.fineMaxSliceAreaMm2) continue;
                        if (px.size() > p.fineMaxDefectShare * (px.size() + secArea)) continue;
                        int faces = 0, lumenFaces = 0, ownFaces = 0, onTruth = 0;
                        bool edge = false;
                        for (const int s : px) {
                            onTruth += tr[s];
                            const int x = s % n, y = s / n;
                            if (x == 0 || y == 0 || x == n - 1 || y == n - 1) edge = true;
                            const int nb[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
                            for (const auto& d : nb) {
                                const int xx = x + d[0], yy = y + d[1];
                                if (xx < 0 || yy < 0 || xx >= n || yy >= n) continue;
                                const std::size_t q = static_cast<std::size_t>(yy) * n + xx;
                                if (dl[q] == l) continue;
                                ++faces;
                                lumenFaces += lum[q] != 0;
                                ownFaces += sec[q] == centreSec;
                            }
                        }
                        if (edge || !lumenFaces) continue;
                        if (ownFaces < p.fineMinOneSectionShare * lumenFaces) continue;  // one artery's section round it
                        const double enclosure = static_cast<double>(lumenFaces) / faces;
                        if (enclosure < minEnclosure) continue;
                        std::vector<float> rh;
                        for (const int s : px) rh.push_back(static_cast<float>(hu[s]));
                        std::sort(rh.begin(), rh.end());
                        const double core = rh[static_cast<std::size_t>(p.fineCoreQuantile * (rh.size() - 1))];
                        const double cn = (blood - core) / std::max(20.0, blood - p.thrombusMidHu);
                        if (cn < p.fineMinContrastNorm) continue;
                        // Depth: a sample whose disk of fineMinDepthMm lies in the region.
                        const int dr = static_cast<int>(std::ceil(p.fineMinDepthMm / step));
                        bool deep = false;
                        for (const int s : px) {
                            bool all = true;
                            const int x = s % n, y = s / n;
                            for (int b = -dr; b <= dr && all; ++b)
                                for (int a = -dr; a <= dr && all; ++a) {
                                    if (a * a + b * b > dr * dr) continue;
                                    const int xx = x + a, yy = y + b;
                                    all = xx >= 0 && yy >= 0 && xx < n && yy < n && dl[static_cast<std::size_t>(yy) * n + xx] == l;
                                }
                            if (all) { deep = true; break; }
                        }
                        if (!deep) continue;
                        // Calcium within fineCalciumMarginMm of the region (in this plane).
                        const int cr = static_cast<int>(std::ceil(p.fineCalciumMarginMm / step));
                        bool calcium = false;
                        for (const int s : px) {
                            const int x = s % n, y = s / n;
                            for (int b = -cr; b <= cr && !calcium; ++b)
                                for (int a = -cr; a <= cr && !calcium; ++a) {
                                    const int xx = x + a, yy = y + b;
                                    if (xx < 0 || yy < 0 || xx >= n || yy >= n || a * a + b * b > cr * cr) continue;
                                    calcium = hu[static_cast<std::size_t>(yy) * n + xx] > calciumHu;
                                }
                            if (calcium) break;
                        }
                        if (calcium) continue;
                        Eigen::Vector3d m = Eigen::Vector3d::Zero();
                        for (const int s : px) m += at[s];
                        m /= px.size();
                        const Index3 q = S.source(m);
                        ++passes;
                        const std::string key = std::to_string(q[0] / 3) + "," + std::to_string(q[1] / 3) + "," + std::to_string(q[2]);
                        ++sites[key];
                        std::cout << "PASS centre (" << i << "," << j << "," << k << ") R " << r << " axis_z " << axis->z() << " region " << area << " mm2 at source ("
                                  << q[0] << "," << q[1] << "," << q[2] << ") enclosure " << enclosure << " cn " << cn << " core " << core << " blood " << blood
                                  << " truth " << static_cast<double>(onTruth) / px.size() << "\n";
                    }
                }
        std::cout << "centreline voxels " << centres << ", in-plane " << inPlane << ", passing regions " << passes << ", distinct sites (3-voxel cells) " << sites.size() << "\n";
        for (const auto& [key, count] : sites) std::cout << "  site " << key << " x" << count << "\n";
    } catch (const std::exception& e) {
        std::cerr << "oblique_deficit_probe: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
