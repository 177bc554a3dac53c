// The fine pass across in-plane arteries (core/embolism/oblique_defects.h) on a lobar-calibre artery
// that runs along x in the axial plane, in soft tissue, at C3N-00247's native spacing (0.5625 x 0.5625
// x 3 mm, binned 2 x 2 by the working grid).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>

#include "embolism/fine_defects.h"
#include "embolism/oblique_defects.h"
#include "partial_volume_ct.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace {
constexpr double kPx = 0.5625, kSlice = 3.0;
constexpr int kN = 96, kNz = 20;
constexpr double kBlood = 400, kTissue = 40, kClot = 60;
constexpr double kCy = 48 * kPx, kCz = 10 * kSlice;  // artery axis: along x at (y, z) = (kCy, kCz)
constexpr double kCx = 48 * kPx;                     // clot centre along the artery
constexpr std::uint8_t kLobar = 2;                   // ArteryCode::Lobar

using HuAt = std::function<double(double, double, double)>;

// The artery (radius r) along x; an eccentric clot as inserted (lesion_insertion.cpp): an ellipsoid of
// radius a across the artery, offset (oy, oz) from its axis, 2 r long each way along it.
HuAt inPlaneArtery(double r, double a, double oy, double oz) {
    return [=](double x, double y, double z) {
        if (std::hypot(y - kCy, z - kCz) > r) return kTissue;
        if (a > 0) {
            const double dx = (x - kCx) / (2 * r), dy = (y - kCy - oy) / a, dz = (z - kCz - oz) / a;
            if (dx * dx + dy * dy + dz * dz <= 1.0) return kClot;
        }
        return kBlood;
    };
}

struct Found {
    std::vector<tv::RawCandidate> axial, oblique;
};

// The axial fine pass and the pass across in-plane arteries on the scene, with a lobar tree of the
// enhanced lumen (binned HU >= 230).
Found run(const HuAt& scene, const tv::EmbolismParams& p = {}) {
    const tv::CtVolume ct = tvtest::partialVolumeCt(tvtest::grid(kN, kN, kNz, kPx, kPx, kSlice), scene, 4, 3, 55, 21);
    const tv::WorkingGrid wg = tv::makeWorkingGrid(ct, 1.25);
    tv::VesselTree tree;
    tree.lumen = tv::Mask(wg.geometry, 0);
    for (std::size_t n = 0; n < tree.lumen.voxelCount(); ++n) tree.lumen[n] = wg.hu[n] >= 230 ? 1 : 0;
    tree.connected = tree.lumen;
    for (std::size_t n = 0; n < tree.connected.voxelCount(); ++n) tree.connected[n] *= kLobar;
    tv::testing::finishTestTree(tree, kBlood, 230);
    tv::ContrastResult contrast;
    contrast.state = tv::ContrastState::Adequate;
    contrast.paEnhancementHu = kBlood;
    contrast.paNoiseHu = 27.5;  // 55 HU native noise binned 2 x 2
    tv::CancelFlag cancel;
    return {tv::findFineDefects(ct, wg, tree, contrast, p, cancel), tv::findObliqueDefects(ct, wg, tree, contrast, p, cancel)};
}
}  // namespace

// Whether every voxel of candidate c lies on the clot of inPlaneArtery(r, a, oy, 0) (its box along the
// artery, on its side of the axis, grown by one working voxel): the defect the sections see is the clot.
bool onClot(const tv::RawCandidate& c, double r, double a, double oy) {
    const tv::CtVolume ct = tvtest::partialVolumeCt(tvtest::grid(kN, kN, kNz, kPx, kPx, kSlice), inPlaneArtery(r, 0, 0, 0), 1, 1, 0, 1);
    const tv::WorkingGrid wg = tv::makeWorkingGrid(ct, 1.25);
    const Eigen::Vector3d sp = wg.geometry.spacing;
    for (const std::size_t q : c.voxels) {
        const double x = static_cast<double>(q % wg.geometry.size[0]) * sp[0], y = static_cast<double>((q / wg.geometry.size[0]) % wg.geometry.size[1]) * sp[1];
        if (std::abs(x - kCx) > 2 * r + sp[0] || y > kCy + sp[1] || y < kCy + oy - a - sp[1]) return false;
    }
    return !c.voxels.empty();
}

TEST_CASE("fine pass across an in-plane artery: an eccentric clot against its wall is exactly one candidate", "[embolism][fine][oblique]") {
    // A lobar artery of 5 mm radius along x; an eccentric clot of 0.7 R offset 0.5 R in-plane (-y): it
    // reaches 1 mm past the wall into the tissue. On the axial slices it is a strip 2 x 2 R = 20 mm long,
    // open to the tissue along the wall: no axial fine region passes (over the area cap, under the
    // breached-hole enclosure). Across the artery it is a compact defect its contrast wraps.
    const HuAt scene = inPlaneArtery(5.0, 3.5, -2.5, 0);
    const Found on = run(scene);
    CHECK(on.axial.empty());
    REQUIRE(on.oblique.size() == 1);
    CHECK(onClot(on.oblique[0], 5.0, 3.5, -2.5));
    CHECK(on.oblique[0].fromFine);
    CHECK(on.oblique[0].fineHoleShare == 1.0);  // scored as a breached hole
    // The rule off: nothing at all.
    tv::EmbolismParams off;
    off.fineObliquePass = false;
    const Found without = run(scene, off);
    CHECK(without.axial.empty());
    CHECK(without.oblique.empty());
    // The support guard: a defect that fewer cross-sections see than the clot's is dropped.
    tv::EmbolismParams rare;
    rare.fineObliqueMinSupport = 1000;
    CHECK(run(scene, rare).oblique.empty());
}

TEST_CASE("fine pass across an in-plane artery: the same artery without a clot under 55 HU noise gives no candidate", "[embolism][fine][oblique]") {
    const Found none = run(inPlaneArtery(5.0, 0, 0, 0));
    CHECK(none.axial.empty());
    CHECK(none.oblique.empty());
}

namespace {
// A lobar artery (radius r) through the volume's centre along (cos t, 0, sin t): tilted t out of the axial
// plane; an eccentric clot as inserted, an ellipsoid of radius a across the artery, offset oy along y
// (across the artery, in-plane), 2 r long each way along it.
HuAt tiltedArtery(double r, double a, double oy, double tiltDeg) {
    const double t = tiltDeg * 3.14159265358979323846 / 180.0;
    const Eigen::Vector3d axis(std::cos(t), 0, std::sin(t)), c(kCx, kCy, kCz);
    return [=](double x, double y, double z) {
        const Eigen::Vector3d d = Eigen::Vector3d(x, y, z) - c;
        const double along = d.dot(axis);
        const Eigen::Vector3d across = d - along * axis;
        if (across.norm() > r) return kTissue;
        if (a > 0) {
            const double u = along / (2 * r), v = (across - Eigen::Vector3d(0, oy, 0)).norm() / a;
            if (u * u + v * v <= 1.0) return kClot;
        }
        return kBlood;
    };
}
}  // namespace

TEST_CASE("fine pass across arteries of any orientation: an eccentric clot in a lobar artery 60 degrees out of the axial plane", "[embolism][fine][oblique]") {
    // s34-hilumsmall: the pass measured first on in-plane arteries only (fineObliqueMaxAxisZ 0.35) runs
    // at every orientation (1.0). A 5 mm lobar artery tilted 60 degrees (axis z 0.87); an eccentric clot of
    // 0.7 R offset 0.5 R across it: the axial fine pass finds nothing (the slices cut the clot obliquely,
    // open to the tissue along the wall); the cross-sections of several centreline voxels along the clot
    // see one defect, all on the clot. (At 50 degrees the pass sees both ends of the clot, and the
    // Hessian axis of one centreline voxel already reads within 0.35 of the axial plane.)
    const HuAt scene = tiltedArtery(5.0, 3.5, -2.5, 60);
    const Found on = run(scene);
    CHECK(on.axial.empty());
    REQUIRE(on.oblique.size() == 1);
    // Its voxels lie within the clot's box along the artery and on its side of the axis.
    const tv::CtVolume ct = tvtest::partialVolumeCt(tvtest::grid(kN, kN, kNz, kPx, kPx, kSlice), scene, 1, 1, 0, 1);
    const tv::WorkingGrid wg = tv::makeWorkingGrid(ct, 1.25);
    const Eigen::Vector3d sp = wg.geometry.spacing;
    const double t = 60.0 * 3.14159265358979323846 / 180.0;
    const Eigen::Vector3d axis(std::cos(t), 0, std::sin(t)), c(kCx, kCy, kCz);
    for (const tv::RawCandidate& g : on.oblique) {
      CHECK(g.fineHoleShare == 1.0);
      for (const std::size_t q : g.voxels) {
        const auto nx = static_cast<std::size_t>(wg.geometry.size[0]), ny = static_cast<std::size_t>(wg.geometry.size[1]);
        const Eigen::Vector3d x(static_cast<double>(q % nx) * sp[0], static_cast<double>((q / nx) % ny) * sp[1], static_cast<double>(q / (nx * ny)) * sp[2]);
        const double along = (x - c).dot(axis);
        CHECK(std::abs(along) <= 2 * 5.0 + sp[2]);
        CHECK(x[1] <= kCy + sp[1]);  // the clot's side (-y)
      }
    }
    // The rule off (the in-plane limit of s33-leftlower): the pass does not look at this artery.
    tv::EmbolismParams inPlane;
    inPlane.fineObliqueMaxAxisZ = 0.35;
    CHECK(run(scene, inPlane).oblique.empty());
    // The clean tilted artery under 55 HU noise: nothing.
    const Found clean = run(tiltedArtery(5.0, 0, 0, 60));
    CHECK(clean.axial.empty());
    CHECK(clean.oblique.empty());
}
