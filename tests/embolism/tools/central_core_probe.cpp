// central_core_probe VOLUME.nii.gz [TRUTH.nii.gz]: the cores of the massive-central-occlusion search
// (central_occlusions.cpp) as it computes them, on the whole working grid: every 26-connected core
// component (band soft tissue outside the lung hull, at least centralOcclusionCoreDepthMm deep) that comes
// within reach of a cut-off piece, with its depth, size, which lumen it reaches (central, lobar, piece),
// the truth voxels it holds, its HU, and how it lies against the lumen it reaches: the axis of that lumen
// near the contact against the direction from the contact to the core (an occluding clot continues its
// artery's course: end-on; tissue beside an artery lies off its course: side-on). Made for the missed
// section-filled central occlusions (s34-centralfill notes). Not a test.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <queue>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "detector_stages.h"
#include "embolism/artery_levels.h"
#include "embolism/volume_ops.h"
#include "io/nifti_io.h"

namespace {

struct Side {
    long contact = 0;      // lumen voxels of this side within reach of the core
    double cosAxis = 0;    // |cos| between the lumen patch's main axis and contact -> core centroid
    double elong = 0;      // sqrt(l1 / l2) of the patch
    double maxRadius = 0;  // widest tree radius among the contact voxels
    Eigen::Vector3d centre{0, 0, 0};
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: central_core_probe VOLUME.nii.gz [TRUTH.nii.gz] [--min-depth MM] [--patch MM]\n";
        return 1;
    }
    try {
        std::string truthPath;
        double minDepth = 6.5, patchMm = 12.0;
        for (int a = 2; a < argc; ++a) {
            const std::string s = argv[a];
            if (s == "--min-depth" && a + 1 < argc) minDepth = std::stod(argv[++a]);
            else if (s == "--patch" && a + 1 < argc) patchMm = std::stod(argv[++a]);
            else truthPath = s;
        }
        const tv::CtVolume ct = tv::readNiftiCt(argv[1]);
        tv::EmbolismParams p;
        const tv::tools::DetectorStages st = tv::tools::runDetectorStages(ct, p);
        const tv::ImageGeometry& g = st.wg.geometry;
        const auto& s = st.sm;
        const auto& m = st.m;
        const auto& tree = st.tree;
        tv::LabelMap truth(g, 0);
        if (!truthPath.empty()) truth = tv::labelsToWorking(st.wg, tv::readNiftiLabelsOnGrid(truthPath, ct.geometry()));
        const double floorHu = p.thrombusLowHu - p.defectFloorMarginHu;
        const double ceilHu = std::min(tree.lumenThresholdHu, p.thrombusHighHu + 0.3 * std::max(0.0, tree.bloodHu - p.thrombusHighHu));
        const bool haveAorta = m.aorta.voxelCount() > 0;
        tv::Mask soft(g, 0);
        for (std::size_t n = 0; n < soft.voxelCount(); ++n)
            soft[n] = !m.lungHull[n] && !m.lungs[n] && !m.heart[n] && !(haveAorta && m.aorta[n]) && !tree.lumen[n] && s[n] >= floorHu && s[n] < ceilHu;
        const tv::Image<float> depth = tv::distanceInsideMm(soft);
        tv::Mask core(g, 0);
        for (std::size_t n = 0; n < soft.voxelCount(); ++n) core[n] = soft[n] && depth[n] >= p.centralOcclusionCoreDepthMm;
        const double reachMm = p.centralOcclusionCoreDepthMm + 2.0 * g.spacing.maxCoeff();
        const auto cc = tv::connectedComponents(core, true);
        const auto central = static_cast<std::uint8_t>(tv::ArteryCode::Central), lobar = static_cast<std::uint8_t>(tv::ArteryCode::Lobar),
                   piece = static_cast<std::uint8_t>(tv::ArteryCode::MediastinalBranch);
        std::vector<std::vector<std::size_t>> comps(cc.count() + 1);
        for (std::size_t n = 0; n < core.voxelCount(); ++n)
            if (cc.labels[n]) comps[cc.labels[n]].push_back(n);
        const int nx = g.size[0], ny = g.size[1];
        const auto pos = [&](std::size_t n) {
            return Eigen::Vector3d(static_cast<double>(n % nx) * g.spacing[0], static_cast<double>((n / nx) % ny) * g.spacing[1],
                                   static_cast<double>(n / (static_cast<std::size_t>(nx) * ny)) * g.spacing[2]);
        };
        std::cout << "grid " << g.size[0] << "x" << g.size[1] << "x" << g.size[2] << " band " << floorHu << ".." << ceilHu << " reach " << reachMm << "\n";
        for (std::size_t l = 1; l < comps.size(); ++l) {
            const auto& comp = comps[l];
            double dmax = 0;
            for (const std::size_t n : comp) dmax = std::max(dmax, static_cast<double>(depth[n]));
            if (dmax < minDepth) continue;
            tv::Mask one(g, 0);
            for (const std::size_t n : comp) one[n] = 1;
            const tv::Mask reach = tv::dilateMm(one, reachMm);
            bool touchPiece = false;
            for (std::size_t n = 0; n < reach.voxelCount() && !touchPiece; ++n) touchPiece = reach[n] && tree.connected[n] == piece;
            if (!touchPiece) continue;
            const tv::Mask wide = tv::dilateMm(one, reachMm + patchMm);
            Eigen::Vector3d cCore(0, 0, 0);
            for (const std::size_t n : comp) cCore += pos(n);
            cCore /= static_cast<double>(comp.size());
            std::map<int, long> held;
            std::vector<float> hu;
            for (const std::size_t n : comp) {
                if (truth[n]) ++held[truth[n]];
                hu.push_back(s[n]);
            }
            std::sort(hu.begin(), hu.end());
            std::map<std::string, Side> sides;
            for (const auto& [name, codes] : std::vector<std::pair<std::string, std::vector<std::uint8_t>>>{
                     {"central", {central}}, {"lobar", {lobar}}, {"near", {central, lobar}}, {"piece", {piece}}}) {
                Side sd;
                std::vector<Eigen::Vector3d> patch;
                for (std::size_t n = 0; n < wide.voxelCount(); ++n) {
                    if (!wide[n] || std::find(codes.begin(), codes.end(), tree.connected[n]) == codes.end()) continue;
                    patch.push_back(pos(n));
                    if (reach[n]) {
                        ++sd.contact;
                        sd.centre += pos(n);
                        sd.maxRadius = std::max(sd.maxRadius, static_cast<double>(tree.radius[n]));
                    }
                }
                if (sd.contact) {
                    sd.centre /= static_cast<double>(sd.contact);
                    Eigen::Vector3d mean(0, 0, 0);
                    for (const auto& v : patch) mean += v;
                    mean /= static_cast<double>(patch.size());
                    Eigen::Matrix3d cov = Eigen::Matrix3d::Zero();
                    for (const auto& v : patch) cov += (v - mean) * (v - mean).transpose();
                    Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> es(cov / static_cast<double>(patch.size()));
                    const Eigen::Vector3d e1 = es.eigenvectors().col(2);
                    const Eigen::Vector3d d = cCore - sd.centre;
                    sd.cosAxis = d.norm() > 0 ? std::abs(d.dot(e1)) / d.norm() : 0;
                    sd.elong = std::sqrt(es.eigenvalues()(2) / std::max(1e-6, es.eigenvalues()(1)));
                }
                sides[name] = sd;
            }
            // The core's shape (semi-axes sqrt(5 x variance), mm) and its ridge's (core voxels within 1.5 mm of
            // the deepest): a tube's core and ridge are lines along its axis, a blob's a ball, a slab's a sheet.
            const auto axes = [&](const std::vector<std::size_t>& vs) {
                Eigen::Vector3d mean(0, 0, 0);
                for (const std::size_t n : vs) mean += pos(n);
                mean /= static_cast<double>(vs.size());
                Eigen::Matrix3d cov = Eigen::Matrix3d::Zero();
                for (const std::size_t n : vs) cov += (pos(n) - mean) * (pos(n) - mean).transpose();
                Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> es(cov / static_cast<double>(vs.size()));
                Eigen::Vector3d a;
                for (int q = 0; q < 3; ++q) a[q] = std::sqrt(5.0 * std::max(0.0, es.eigenvalues()(2 - q)));
                return a;
            };
            std::vector<std::size_t> ridge;
            for (const std::size_t n : comp)
                if (depth[n] >= dmax - 1.5) ridge.push_back(n);
            const Eigen::Vector3d ca = axes(comp), ra = axes(ridge);
            const double nearContact = static_cast<double>(sides["near"].contact), pieceContact = static_cast<double>(sides["piece"].contact);
            long heldAll = 0;
            for (const auto& [t, v] : held) heldAll += v;
            std::cout << "ROW depth " << dmax << " elong " << ca[0] / std::max(1e-6, ca[1]) << " n " << comp.size() << " near " << nearContact << " piece " << pieceContact
                      << " truth " << heldAll << " at (" << std::lround(cCore[0] / g.spacing[0]) << "," << std::lround(cCore[1] / g.spacing[1]) << ","
                      << std::lround(cCore[2] / g.spacing[2]) << ") a " << ca[0] << "/" << ca[1] << "/" << ca[2] << "\n";
            std::cout << "  shape core a=" << ca[0] << "/" << ca[1] << "/" << ca[2] << " ridge n=" << ridge.size() << " a=" << ra[0] << "/" << ra[1] << "/" << ra[2] << "\n";
            // Geodesic reach: from the core through tissue that is not fat, lung, heart or aorta (smoothed HU at
            // least the band floor; lumen ends a path), the nearest lumen of each side in mm (Dijkstra, 26
            // neighbours, up to 30 mm). A clot filling its artery's section meets the lumen without a fat
            // plane between; tissue beside an artery has the vessel's fat plane between them.
            std::map<std::uint8_t, double> geo;
            {
                std::vector<float> dist(s.voxelCount(), 1e9f);
                using Item = std::pair<float, std::size_t>;
                std::priority_queue<Item, std::vector<Item>, std::greater<Item>> q;
                for (const std::size_t n : comp) dist[n] = 0, q.push({0.f, n});
                const int nz = g.size[2];
                while (!q.empty()) {
                    const auto [d, n] = q.top();
                    q.pop();
                    if (d > dist[n] || d > 30.f) continue;
                    const std::uint8_t code = tree.connected[n];
                    if (tree.lumen[n] && code) {
                        if (!geo.count(code) || geo[code] > d) geo[code] = d;
                        continue;
                    }
                    const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
                    for (int dk = -1; dk <= 1; ++dk)
                        for (int dj = -1; dj <= 1; ++dj)
                            for (int di = -1; di <= 1; ++di) {
                                const int a = i + di, b = j + dj, c = k + dk;
                                if ((!di && !dj && !dk) || a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue;
                                const std::size_t o = s.offset(a, b, c);
                                if (m.lungs[o] || m.heart[o] || (haveAorta && m.aorta[o]) || (s[o] < floorHu && !tree.lumen[o])) continue;
                                const float w = static_cast<float>(std::sqrt(di * di * g.spacing[0] * g.spacing[0] + dj * dj * g.spacing[1] * g.spacing[1] +
                                                                             dk * dk * g.spacing[2] * g.spacing[2]));
                                if (d + w < dist[o]) dist[o] = d + w, q.push({d + w, o});
                            }
                }
            }
            // Bottleneck: over the paths from the core to each lumen code within the reach (the dilation the
            // search uses), the highest lowest smoothed HU along a path (a fat plane between: low).
            std::map<std::uint8_t, double> neck;
            {
                std::vector<float> best(s.voxelCount(), -1e9f);
                using Item = std::pair<float, std::size_t>;
                std::priority_queue<Item> q;
                for (const std::size_t n : comp) best[n] = s[n], q.push({s[n], n});
                const int nz = g.size[2];
                while (!q.empty()) {
                    const auto [b, n] = q.top();
                    q.pop();
                    if (b < best[n]) continue;
                    const std::uint8_t code = tree.connected[n];
                    if (tree.lumen[n] && code) {
                        if (!neck.count(code)) neck[code] = b;
                        continue;
                    }
                    const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
                    for (int dk = -1; dk <= 1; ++dk)
                        for (int dj = -1; dj <= 1; ++dj)
                            for (int di = -1; di <= 1; ++di) {
                                const int a = i + di, bb = j + dj, c = k + dk;
                                if ((!di && !dj && !dk) || a < 0 || bb < 0 || c < 0 || a >= nx || bb >= ny || c >= nz) continue;
                                const std::size_t o = s.offset(a, bb, c);
                                if (!reach[o] || m.lungs[o] || m.heart[o] || (haveAorta && m.aorta[o])) continue;
                                const float v = std::min(b, s[o]);
                                if (v > best[o]) best[o] = v, q.push({v, o});
                            }
                }
            }
            std::cout << "  bottleneck HU to lumen by code:";
            for (const auto& [code, v] : neck) std::cout << " " << int(code) << ":" << v;
            std::cout << "\n";
            std::cout << "  geodesic (no fat) to lumen by code:";
            for (const auto& [code, d] : geo) std::cout << " " << int(code) << ":" << d;
            std::cout << "\n";
            const Eigen::Vector3d cv(cCore[0] / g.spacing[0], cCore[1] / g.spacing[1], cCore[2] / g.spacing[2]);
            std::cout << "core (" << std::lround(cv[0]) << "," << std::lround(cv[1]) << "," << std::lround(cv[2]) << ") n=" << comp.size()
                      << " depth=" << dmax << " hu_med=" << hu[hu.size() / 2] << " hu_p10=" << hu[hu.size() / 10] << " hu_p90=" << hu[hu.size() * 9 / 10]
                      << " truth=";
            for (const auto& [t, v] : held) std::cout << t << ":" << v << " ";
            for (const auto& [name, sd] : sides)
                std::cout << " | " << name << " contact=" << sd.contact << " cos=" << sd.cosAxis << " elong=" << sd.elong << " rmax=" << sd.maxRadius
                          << " dist=" << (sd.contact ? (cCore - sd.centre).norm() : 0.0);
            std::cout << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
    return 0;
}
