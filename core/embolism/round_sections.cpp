#include "embolism/round_sections.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <Eigen/Dense>
#include <tbb/parallel_for.h>

#include "embolism/hessian_axis.h"
#include "image/convex_hull_2d.h"

namespace tv {
namespace {
constexpr double kPi = 3.14159265358979323846;

// Distance from q to the closed polygon's boundary.
double distanceToPolygon(const Eigen::Vector2d& q, const std::vector<Eigen::Vector2d>& poly) {
    double best = 1e30;
    for (std::size_t e = 0; e < poly.size(); ++e) {
        const Eigen::Vector2d& a = poly[e];
        const Eigen::Vector2d& b = poly[(e + 1) % poly.size()];
        const Eigen::Vector2d ab = b - a;
        const double t = ab.squaredNorm() > 0 ? std::clamp((q - a).dot(ab) / ab.squaredNorm(), 0.0, 1.0) : 0.0;
        best = std::min(best, (q - a - t * ab).norm());
    }
    return best;
}

// The plane across the vessel axis through one centreline voxel, sampled every `step` within the
// round window: the working voxel of each sample (-1 outside the window or the grid).
struct Section {
    int h = 0, side = 0;  // samples (a, b) = 0..side-1 each way, the centre at (h, h)
    double step = 0;
    std::vector<long long> voxel;
    std::vector<std::uint8_t> inComponent;  // the lumen component holding the centre
    Eigen::Vector2d at(int a, int b) const { return {(a - h) * step, (b - h) * step}; }
    std::size_t index(int a, int b) const { return static_cast<std::size_t>(b) * side + a; }
};

void sampleSection(Section& sec, const ImageGeometry& g, const Eigen::Vector3d& c, const Eigen::Vector3d& u, const Eigen::Vector3d& v) {
    const double window2 = (sec.h * sec.step) * (sec.h * sec.step);
    for (int b = 0; b < sec.side; ++b)
        for (int a = 0; a < sec.side; ++a) {
            const Eigen::Vector2d x = sec.at(a, b);
            sec.voxel[sec.index(a, b)] = x.squaredNorm() <= window2 ? nearestVoxel(g, c + x.x() * u + x.y() * v) : -1;
        }
}

// The lumen component holding the centre (4-neighbours in the plane): its samples and its boundary
// samples (a neighbour outside the lumen). False when it reaches the window's (or the grid's) edge:
// a section cut along a vessel or through a confluence, which gives no artery's round section.
bool traceLumenComponent(Section& sec, const Mask& lumen, std::vector<Eigen::Vector2d>& pts, std::vector<Eigen::Vector2d>& boundary) {
    std::fill(sec.inComponent.begin(), sec.inComponent.end(), 0);
    std::vector<std::size_t> stack{sec.index(sec.h, sec.h)};
    sec.inComponent[stack.back()] = 1;
    while (!stack.empty()) {
        const std::size_t s = stack.back();
        stack.pop_back();
        const int a = static_cast<int>(s % sec.side), b = static_cast<int>(s / sec.side);
        pts.push_back(sec.at(a, b));
        bool edge = false;
        const int nb[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        for (const auto& d : nb) {
            const int aa = a + d[0], bb = b + d[1];
            if (aa < 0 || bb < 0 || aa >= sec.side || bb >= sec.side || sec.voxel[sec.index(aa, bb)] < 0) return false;
            const std::size_t t = sec.index(aa, bb);
            if (!lumen[static_cast<std::size_t>(sec.voxel[t])]) {
                edge = true;
            } else if (!sec.inComponent[t]) {
                sec.inComponent[t] = 1;
                stack.push_back(t);
            }
        }
        if (edge) boundary.push_back(pts.back());
    }
    return true;
}

// The artery's circle: fitted to the boundary samples on the component's convex hull (the outer arc;
// a crescent's concave inner arc lies off the hull), if it is one (see the header). `quant2`: the
// squared RMS by which nearest-voxel sampling moves the wall in this plane.
std::optional<CircleFit> arteryCircle(const Section& sec, const std::vector<Eigen::Vector2d>& pts, const std::vector<Eigen::Vector2d>& boundary,
                                      double quant2, const EmbolismParams& p, RoundSectionRecord* rec) {
    constexpr std::size_t kMinArcSamples = 8;  // a circle needs a few points; 8 samples span 4 mm of arc
    const auto fail = [&](RoundSectionStage st) -> std::optional<CircleFit> {
        if (rec) rec->stage = st;
        return std::nullopt;
    };
    if (rec) rec->boundarySamples = static_cast<int>(boundary.size());
    if (boundary.size() < kMinArcSamples) return fail(RoundSectionStage::FewBoundary);
    const std::vector<Eigen::Vector2d> hull = convexHull2d(pts);
    std::vector<Eigen::Vector2d> outer;
    for (const auto& q : boundary)
        if (distanceToPolygon(q, hull) <= p.roundSectionHullToleranceMm) outer.push_back(q);
    if (rec) rec->outerSamples = static_cast<int>(outer.size());
    const auto fit = fitCircle(outer);
    if (!fit) return fail(RoundSectionStage::NoFit);
    if (rec) rec->fit = *fit;
    if (fit->radius > p.roundSectionMaxRadiusMm) return fail(RoundSectionStage::TooWide);
    if (fit->arcDeg < p.roundSectionMinArcDeg) return fail(RoundSectionStage::ShortArc);
    if (fit->rmsMm > std::sqrt(quant2 + std::pow(p.roundSectionMaxResidualFraction * fit->radius, 2))) return fail(RoundSectionStage::Residual);
    if (fit->centre.norm() + fit->radius > sec.h * sec.step) return fail(RoundSectionStage::Unsampled);  // not wholly sampled
    return fit;
}

// Band voxels inside the circle shrunk by the wall's shell, when the section inside it is an artery's
// with a wall-adherent defect (lumen, defect and band shares; see the header); appended to `out`.
void collectDefects(const Section& sec, const CircleFit& fit, const std::function<bool(std::size_t, double)>& isBandTissue,
                    const EmbolismParams& p, std::vector<RoundSectionVoxel>& out, RoundSectionRecord* rec) {
    const double inner = fit.radius - p.roundSectionShellMm;
    if (rec) rec->stage = RoundSectionStage::Shell;
    if (inner <= 0) return;
    int inside = 0, lumen = 0, band = 0;
    std::vector<std::size_t> defects;
    for (int b = 0; b < sec.side; ++b)
        for (int a = 0; a < sec.side; ++a) {
            const std::size_t s = sec.index(a, b);
            if ((sec.at(a, b) - fit.centre).squaredNorm() > inner * inner || sec.voxel[s] < 0) continue;
            ++inside;
            if (sec.inComponent[s]) {
                ++lumen;
                continue;
            }
            const auto q = static_cast<std::size_t>(sec.voxel[s]);
            if (isBandTissue(q, fit.radius)) {
                ++band;
                defects.push_back(q);
            }
        }
    if (rec) {
        rec->inside = inside;
        rec->lumen = lumen;
        rec->band = band;
        rec->stage = RoundSectionStage::LumenShare;
    }
    if (inside == 0 || lumen < p.roundSectionMinLumenShare * inside) return;
    const int other = inside - lumen - band;
    if (rec) rec->stage = RoundSectionStage::DefectShare;
    if (band < p.roundSectionMinDefectShare * inside) return;
    if (rec) rec->stage = RoundSectionStage::BandShare;
    if (band < p.roundSectionMinBandShare * (band + other)) return;
    if (rec) rec->stage = RoundSectionStage::Accepted;
    const auto code = static_cast<std::uint8_t>(std::clamp(std::lround(fit.radius * 10.0), 1L, 255L));
    for (const std::size_t q : defects) out.push_back({q, code});
}
}  // namespace

const char* toString(RoundSectionStage s) {
    static const char* const names[] = {"level", "heart", "no_axis", "open", "few_boundary", "no_fit", "too_wide", "short_arc", "residual",
                                        "unsampled", "shell", "lumen_share", "defect_share", "band_share", "accepted"};
    return names[static_cast<int>(s)];
}

std::optional<CircleFit> fitCircle(const std::vector<Eigen::Vector2d>& pts) {
    if (pts.size() < 3) return std::nullopt;
    // x^2 + y^2 + D x + E y + F = 0 in the least-squares sense, about the points' mean (conditioning).
    Eigen::Vector2d mean = Eigen::Vector2d::Zero();
    for (const auto& q : pts) mean += q;
    mean /= static_cast<double>(pts.size());
    Eigen::MatrixXd A(pts.size(), 3);
    Eigen::VectorXd b(pts.size());
    for (std::size_t n = 0; n < pts.size(); ++n) {
        const Eigen::Vector2d q = pts[n] - mean;
        A(static_cast<Eigen::Index>(n), 0) = q.x();
        A(static_cast<Eigen::Index>(n), 1) = q.y();
        A(static_cast<Eigen::Index>(n), 2) = 1.0;
        b(static_cast<Eigen::Index>(n)) = -q.squaredNorm();
    }
    const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(A);
    if (qr.rank() < 3) return std::nullopt;
    const Eigen::Vector3d def = qr.solve(b);
    const Eigen::Vector2d centre(-0.5 * def[0], -0.5 * def[1]);
    const double r2 = centre.squaredNorm() - def[2];
    if (!(r2 > 0)) return std::nullopt;
    CircleFit fit;
    fit.centre = centre + mean;
    fit.radius = std::sqrt(r2);
    std::vector<double> angle;
    double sq = 0;
    for (const auto& q : pts) {
        const Eigen::Vector2d d = q - fit.centre;
        sq += (d.norm() - fit.radius) * (d.norm() - fit.radius);
        angle.push_back(std::atan2(d.y(), d.x()));
    }
    fit.rmsMm = std::sqrt(sq / static_cast<double>(pts.size()));
    std::sort(angle.begin(), angle.end());
    double gap = 2.0 * kPi - (angle.back() - angle.front());
    for (std::size_t n = 1; n < angle.size(); ++n) gap = std::max(gap, angle[n] - angle[n - 1]);
    fit.arcDeg = 360.0 - gap * 180.0 / kPi;
    return fit;
}

std::vector<RoundSectionVoxel> findRoundSectionDefects(const ThoraxMasks& m, const VesselTree& tree,
                                                       const std::function<bool(std::size_t, double)>& isBandTissue,
                                                       const EmbolismParams& p, const CancelToken& cancel,
                                                       std::vector<RoundSectionRecord>* records) {
    const ImageGeometry& g = tree.lumen.geometry();
    Section proto;
    proto.step = p.roundSectionStepMm;
    proto.h = static_cast<int>(std::ceil(p.roundSectionWindowMm / proto.step));
    proto.side = 2 * proto.h + 1;
    proto.voxel.resize(static_cast<std::size_t>(proto.side) * proto.side);
    proto.inComponent.resize(proto.voxel.size());
    const auto wanted = [&](std::uint8_t code) {
        return (code == static_cast<std::uint8_t>(ArteryCode::Central) && p.roundSectionCentral) ||
               (code == static_cast<std::uint8_t>(ArteryCode::Lobar) && p.roundSectionLobar) ||
               (code == static_cast<std::uint8_t>(ArteryCode::Segmental) && p.roundSectionSegmental);
    };
    // Slices in parallel (speed: about 0.5 s CPU on one thread for C3N-00247, README), each with its
    // own section buffers and output; the outputs are joined in slice order, so the result is the
    // same, voxel for voxel and in order, as the serial loop's.
    std::vector<std::vector<RoundSectionVoxel>> perSlice(static_cast<std::size_t>(std::max(0, g.size[2])));
    std::vector<std::vector<RoundSectionRecord>> perSliceRecords(records ? perSlice.size() : 0);
    tbb::parallel_for(1, std::max(1, g.size[2] - 1), [&](int k) {
        if (cancel.isCancelled()) return;
        Section sec = proto;
        std::vector<Eigen::Vector2d> pts, boundary;
        std::vector<RoundSectionVoxel>& out = perSlice[static_cast<std::size_t>(k)];
        for (int j = 1; j < g.size[1] - 1; ++j)
            for (int i = 1; i < g.size[0] - 1; ++i) {
                const std::size_t n = tree.lumen.offset(i, j, k);
                if (!tree.connected[n]) continue;
                const double r = tree.radius[n];
                if (r <= 0 || !isAxisRidge(tree.radius, i, j, k)) continue;
                RoundSectionRecord* rec = nullptr;
                if (records) {
                    perSliceRecords[static_cast<std::size_t>(k)].push_back({});
                    rec = &perSliceRecords[static_cast<std::size_t>(k)].back();
                    rec->offset = n;
                    rec->level = tree.connected[n];
                    rec->ridgeRadiusMm = r;
                }
                if (!wanted(tree.connected[n])) continue;
                if (m.heart[n]) {
                    if (rec) rec->stage = RoundSectionStage::Heart;
                    continue;
                }
                if (rec) rec->stage = RoundSectionStage::NoAxis;
                const auto axis = hessianAxis(tree.radius, Index3{i, j, k}, r);
                if (!axis) continue;
                const Eigen::Vector3d u = axis->unitOrthogonal(), v = axis->cross(u);
                const Eigen::Vector3d c(i * g.spacing[0], j * g.spacing[1], k * g.spacing[2]);
                sampleSection(sec, g, c, u, v);
                pts.clear();
                boundary.clear();
                if (rec) {
                    rec->stage = RoundSectionStage::Open;
                    rec->u = u;
                    rec->v = v;
                    rec->centre3 = c;
                }
                if (!traceLumenComponent(sec, tree.lumen, pts, boundary)) continue;
                if (rec) rec->componentSamples = static_cast<int>(pts.size());
                // Nearest-voxel sampling moves the wall seen in the plane by the rounding along the
                // wall's normal: RMS sqrt(sum over axes of (1 - axis_a^2) spacing_a^2 / 24) averaged
                // over the in-plane normals (0.65 mm across an axial vessel on 1.13 x 1.13 x 3 mm).
                double quant2 = 0;
                for (int a = 0; a < 3; ++a) quant2 += (1.0 - (*axis)[a] * (*axis)[a]) * g.spacing[a] * g.spacing[a] / 24.0;
                if (const auto fit = arteryCircle(sec, pts, boundary, quant2, p, rec)) {
                    if (rec) rec->centre3 = c + fit->centre.x() * u + fit->centre.y() * v;
                    collectDefects(sec, *fit, isBandTissue, p, out, rec);
                }
            }
    });
    cancel.throwIfCancelled();
    std::vector<RoundSectionVoxel> out;
    for (const auto& slice : perSlice) out.insert(out.end(), slice.begin(), slice.end());
    if (records)
        for (const auto& slice : perSliceRecords) records->insert(records->end(), slice.begin(), slice.end());
    return out;
}

}  // namespace tv
