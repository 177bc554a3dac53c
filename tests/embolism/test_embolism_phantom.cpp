// Synthetic unit tests with exact answers: a contrast-filled tube in "lung" with a filling defect,
// the volume operations, the obstruction index and the truth matching.
#include <catch2/catch.hpp>

#include <cmath>

#include "embolism/candidates.h"
#include "embolism/embolism_detector.h"
#include "embolism/obstruction_index.h"
#include "embolism/volume_ops.h"
#include "evaluation/detection_matching.h"
#include "evaluation/lesion_insertion.h"
#include "evaluation/vessel_axis.h"
#include "io/nifti_io.h"
#include "tube_phantom.h"

using tv::testing::arteryK;
using tv::testing::tubePhantom;

TEST_CASE("distance transform is exact on a single voxel and anisotropic spacing", "[embolism][unit]") {
    tv::ImageGeometry g;
    g.size = {21, 21, 11};
    g.spacing = {0.5, 0.5, 2.0};
    tv::Mask m(g, 0);
    m.at(10, 10, 5) = 1;
    const auto d = tv::distanceToMaskMm(m);
    CHECK(d.at(10, 10, 5) == Approx(0.0));
    CHECK(d.at(14, 10, 5) == Approx(2.0));
    CHECK(d.at(10, 10, 7) == Approx(4.0));
    CHECK(d.at(13, 14, 5) == Approx(2.5));
    const auto cc = tv::connectedComponents(tv::dilateMm(m, 1.0));
    CHECK(cc.count() == 1);
    CHECK(cc.sizes[1] == 13);  // in-plane disc of radius 1 mm at 0.5 mm: i^2 + j^2 <= 4; 2 mm slices excluded
}

TEST_CASE("obstruction index estimate follows the Qanadli arithmetic", "[embolism][unit]") {
    using tv::VesselLevel;
    CHECK(tv::estimateObstructionIndex({}) == Approx(0.0));
    CHECK(tv::estimateObstructionIndex({{VesselLevel::Central, "central", true}}) == Approx(100.0));
    CHECK(tv::estimateObstructionIndex({{VesselLevel::Central, "left", false}}) == Approx(25.0));
    CHECK(tv::estimateObstructionIndex({{VesselLevel::Lobar, "right", true}, {VesselLevel::Segmental, "left", false}}) ==
          Approx((3 * 2 + 1) / 40.0 * 100.0));
}

TEST_CASE("tube phantom: contrast states follow the measured blood level", "[embolism][unit]") {
    const tv::EmbolismParams p;
    const auto adequate = tv::detectEmboli(tubePhantom(450), p, tv::noProgress(), tv::neverCancel());
    CHECK(adequate.contrastState == "adequate");
    CHECK(adequate.paEnhancementHu == Approx(450).margin(5));
    const auto sub = tv::detectEmboli(tubePhantom(160), p, tv::noProgress(), tv::neverCancel());
    CHECK(sub.contrastState == "suboptimal");
    const auto none = tv::detectEmboli(tubePhantom(40), p, tv::noProgress(), tv::neverCancel());
    CHECK(none.contrastState == "not_assessable");
    CHECK_FALSE(none.assessable);
    CHECK(none.candidates.empty());
}

TEST_CASE("tube phantom: a clean tree has no findings, a central defect is found where it was put", "[embolism][unit]") {
    const tv::EmbolismParams p;
    tv::CtVolume clean = tubePhantom(450);
    const auto r0 = tv::detectEmboli(clean, p, tv::noProgress(), tv::neverCancel());
    CHECK(r0.candidates.empty());

    // Defect: 60 HU, radius 2.5 mm, 12 mm long, centred in the left artery at x = 90.
    tv::CtVolume ct = clean;
    tv::LabelMap truth(ct.geometry(), 0);
    for (int k = 0; k < 60; ++k)
        for (int j = 0; j < 80; ++j)
            for (int i = 84; i <= 96; ++i)
                if (std::hypot(j - 40.0, k - arteryK(i)) < 2.5) {
                    ct.hu.at(i, j, k) = 60;
                    truth.at(i, j, k) = 1;
                }
    const auto r = tv::detectEmboli(ct, p, tv::noProgress(), tv::neverCancel());
    INFO("considered " << r.candidatesConsidered << " contrast " << r.contrastState << " pa " << r.paEnhancementHu << " lumen thr " << r.lumenThresholdHu);
    REQUIRE(r.candidates.size() == 1);
    const auto& c = r.candidates[0];
    CHECK(c.side == "left");
    CHECK(c.occlusion == "partial");
    CHECK(std::abs(c.centerVoxel[0] - 90) <= 2);
    CHECK(std::abs(c.centerVoxel[1] - 40) <= 1);
    CHECK(std::abs(c.centerVoxel[2] - arteryK(90)) <= 1.5);
    const auto m = tv::matchDetections(r, tv::truthFromMask(truth, true));
    CHECK(m.detected == 1);
    CHECK(m.falsePositives == 0);
}

TEST_CASE("truth matching: the candidate reporting a clot is the one with the most overlapping voxels", "[embolism][unit]") {
    tv::ImageGeometry g;
    g.size = {10, 4, 4};
    g.spacing = {1, 1, 1};
    tv::EmbolismResult r;
    r.emboli = tv::LabelMap(g, 0);
    r.candidates.resize(3);
    r.candidates[0].level = tv::VesselLevel::Segmental;
    r.candidates[1].level = tv::VesselLevel::Central;
    tv::LabelMap truth(g, 0);
    for (int i = 0; i < 6; ++i) truth.at(i, 1, 1) = 1;
    truth.at(9, 3, 3) = 2;  // missed
    // Candidate 1 covers two voxels of the clot, candidate 2 four, candidate 3 none.
    r.emboli.at(0, 1, 1) = r.emboli.at(1, 1, 1) = 1;
    for (int i = 2; i < 6; ++i) r.emboli.at(i, 1, 1) = 2;
    r.emboli.at(8, 0, 0) = 3;
    const auto m = tv::matchDetections(r, tv::truthFromMask(truth, true));
    REQUIRE(m.truthCandidate.size() == 2);
    CHECK(m.truthCandidate[0] == 1);
    CHECK(m.truthCandidate[1] == -1);
    CHECK(m.detected == 1);
    CHECK(m.falsePositives == 1);
}

TEST_CASE("clot insertion keeps the noise texture and writes the truth inside the lumen", "[embolism][unit]") {
    tv::CtVolume ct = tubePhantom(450);
    // Add a deterministic texture to check that it survives the insertion.
    for (std::size_t n = 0; n < ct.hu.voxelCount(); ++n) ct.hu[n] = static_cast<std::int16_t>(ct.hu[n] + static_cast<int>(n % 7) * 4 - 12);
    const tv::CtVolume before = ct;
    tv::LabelMap truth(ct.geometry(), 0);
    tv::ClotSpec spec;
    spec.site.centerLps = ct.geometry().voxelToPatient(Eigen::Vector3d(30, 40, arteryK(30)));
    spec.site.axisLps = Eigen::Vector3d(1, 0, 0);
    spec.site.radiusMm = 4;
    spec.site.bloodHu = 450;
    spec.shape = tv::ClotShape::Central;
    spec.lengthMm = 12;
    spec.clotHu = 55;
    const int n = tv::insertClot(ct, truth, 1, spec);
    CHECK(n > 10);
    // At the centre the mean is moved to the clot level and the texture offset kept.
    const int kc = static_cast<int>(std::lround(arteryK(30)));
    const int d = ct.hu.at(30, 40, kc) - before.hu.at(30, 40, kc);
    CHECK(d == Approx(55 - 450).margin(20));
    CHECK(truth.at(30, 40, kc) == 1);
    CHECK(truth.at(30, 47, kc) == 0);  // outside the 4 mm lumen
    CHECK(ct.hu.at(30, 47, kc) == before.hu.at(30, 47, kc));  // lung untouched
}

TEST_CASE("insertion-site rule: Hessian axis of a tube, tube passes, ball and crossing fail", "[embolism][unit]") {
    // 1 mm grid; a straight tube of radius 4 mm along i (lobar-sized), a ball of radius 6 mm, and a
    // crossing where a second tube of radius 5 mm runs through the first along j.
    tv::ImageGeometry g;
    g.size = {80, 60, 40};
    g.spacing = {1.0, 1.0, 1.0};
    tv::Mask tube(g, 0), ball(g, 0), cross(g, 0);
    for (int k = 0; k < 40; ++k)
        for (int j = 0; j < 60; ++j)
            for (int i = 0; i < 80; ++i) {
                const bool inTube = std::hypot(j - 20.0, k - 20.0) <= 4.0;
                tube.at(i, j, k) = inTube;
                ball.at(i, j, k) = std::hypot(i - 40.0, j - 30.0, k - 20.0) <= 6.0;
                cross.at(i, j, k) = inTube || std::hypot(i - 40.0, k - 20.0) <= 5.0;
            }
    const tv::TubularityRule rule;
    const double clotHalf = 0.5 * tv::clotLengthMm(4.0);  // 16 mm clot
    CHECK(clotHalf == Approx(8.0));
    const auto rTube = tv::distanceInsideMm(tube);
    const auto axis = tv::hessianAxis(rTube, {40, 20, 20}, rTube.at(40, 20, 20));
    REQUIRE(axis.has_value());
    CHECK(std::abs((*axis)[0]) > 0.99);  // along the tube
    CHECK(tv::isTubularSegment(tube, rTube, {40, 20, 20}, *axis, rTube.at(40, 20, 20), clotHalf, rule));
    CHECK_FALSE(tv::isTubularSegment(tube, rTube, {40, 20, 20}, Eigen::Vector3d(0, 0, 1), rTube.at(40, 20, 20), clotHalf, rule));
    const auto rBall = tv::distanceInsideMm(ball);
    CHECK_FALSE(tv::isTubularSegment(ball, rBall, {40, 30, 20}, Eigen::Vector3d(1, 0, 0), rBall.at(40, 30, 20), clotHalf, rule));
    // At the crossing the cross-section opens both ways (6 of 12 directions > maxOpenDirections 5);
    // 20 mm away the same tube passes.
    const auto rCross = tv::distanceInsideMm(cross);
    CHECK_FALSE(tv::isTubularSegment(cross, rCross, {40, 20, 20}, Eigen::Vector3d(1, 0, 0), 4.0, clotHalf, rule));
    CHECK(tv::isTubularSegment(cross, rCross, {20, 20, 20}, Eigen::Vector3d(1, 0, 0), rCross.at(20, 20, 20), clotHalf, rule));
}

TEST_CASE("insertion-site rule: a thin ridge beside a wide central artery is rejected, a far branch kept", "[embolism][unit]") {
    // 1 mm grid; level codes as in VesselTree::connected: a central tube (code 1) of radius 8 mm along
    // i at j=30, a thin "segmental" ridge (code 3, radius 1.5 mm) 2 mm outside its wall at j=40 and a
    // thin segmental branch at j=55 (17 mm from the wall).
    tv::ImageGeometry g;
    g.size = {60, 70, 40};
    g.spacing = {1.0, 1.0, 1.0};
    tv::Mask codes(g, 0);
    for (int k = 0; k < 40; ++k)
        for (int j = 0; j < 70; ++j)
            for (int i = 0; i < 60; ++i) {
                if (std::hypot(j - 30.0, k - 20.0) <= 8.0) codes.at(i, j, k) = static_cast<std::uint8_t>(tv::ArteryCode::Central);
                else if (std::hypot(j - 40.0, k - 20.0) <= 1.5 || std::hypot(j - 55.0, k - 20.0) <= 1.5)
                    codes.at(i, j, k) = static_cast<std::uint8_t>(tv::ArteryCode::Segmental);
            }
    const tv::CentralNeighbourRule rule;  // reach 2 x 1.5 + 3 = 6 mm
    CHECK(tv::nearMoreCentralLumen(codes, {30, 40, 20}, 1.5, tv::VesselLevel::Segmental, rule));        // 2 mm from the wall
    CHECK_FALSE(tv::nearMoreCentralLumen(codes, {30, 55, 20}, 1.5, tv::VesselLevel::Segmental, rule));  // 17 mm
    // Exact reach: the central lumen ends at j=38; a site at j=44 is 6 mm away (within, <=), j=45 is 7 mm.
    CHECK(tv::nearMoreCentralLumen(codes, {30, 44, 20}, 1.5, tv::VesselLevel::Segmental, rule));
    CHECK_FALSE(tv::nearMoreCentralLumen(codes, {30, 45, 20}, 1.5, tv::VesselLevel::Segmental, rule));
    // A central site is never rejected (nothing is more central); a segmental neighbour does not reject a lobar site.
    CHECK_FALSE(tv::nearMoreCentralLumen(codes, {30, 30, 20}, 8.0, tv::VesselLevel::Central, rule));
    CHECK_FALSE(tv::nearMoreCentralLumen(codes, {30, 55, 20}, 1.5, tv::VesselLevel::Lobar, rule));
}

TEST_CASE("insertion-site rule: the widest inscribed ball holding an off-axis ridge voxel is its artery's axis ball", "[embolism][unit]") {
    // 1 mm grid: a flattened artery, an elliptic tube along i of semi-axes 8 mm (j) x 3 mm (k) whose
    // section bulges to a ball of radius 6 mm at i = 30 (the wide part of C3N's lower-lobe artery where
    // a branch leaves). Away from the bulge the distance map's ridge is the 3 mm-deep line along j;
    // beside the bulge a voxel 5 mm off the axis is about 2 mm deep but inside the 6 mm ball.
    tv::ImageGeometry g;
    g.size = {60, 40, 30};
    g.spacing = {1.0, 1.0, 1.0};
    tv::Mask lumen(g, 0);
    for (int k = 0; k < 30; ++k)
        for (int j = 0; j < 40; ++j)
            for (int i = 0; i < 60; ++i) {
                const double dj = j - 20.0, dk = k - 15.0;
                const bool ellipse = (dj * dj) / 64.0 + (dk * dk) / 9.0 <= 1.0;
                const bool bulge = std::hypot(i - 30.0, dj, dk) <= 6.0;
                if (ellipse || bulge) lumen.at(i, j, k) = 1;
            }
    const auto R = tv::distanceInsideMm(lumen);
    // On the bulge's centre the widest ball is its own (6 mm, rounded by the distance map's voxel steps).
    const tv::EnclosingBall atAxis = tv::widestEnclosingBall(R, {30, 20, 15}, 10.0);
    CHECK(atAxis.centre == tv::Index3{30, 20, 15});
    CHECK(atAxis.radiusMm == Approx(R.at(30, 20, 15)));
    CHECK(R.at(30, 20, 15) >= 5.0);
    // 5 mm along j from the axis, 1 mm along i: its own depth is under 2.5 mm, but it lies inside the
    // bulge's ball (|q - c| = 5.1 < 6), so the widest ball holding it is more than twice as wide.
    const tv::Index3 off{31, 25, 15};
    const tv::EnclosingBall fromOff = tv::widestEnclosingBall(R, off, 10.0);
    CHECK(R.at(off[0], off[1], off[2]) < 2.5);
    CHECK(fromOff.radiusMm > tv::WiderBallRule{}.maxRatio * R.at(off[0], off[1], off[2]));
    CHECK(std::abs(fromOff.centre[0] - 30) <= 1);
    CHECK(std::abs(fromOff.centre[1] - 20) <= 1);
    // Far from the bulge, on the ellipse's centre line, nothing is much wider than the voxel's own ball.
    const tv::EnclosingBall plain = tv::widestEnclosingBall(R, {8, 20, 15}, 10.0);
    CHECK(plain.radiusMm <= 1.35 * R.at(8, 20, 15));
    // Search radius limits the answer: with no reach only the voxel's own ball counts.
    CHECK(tv::widestEnclosingBall(R, off, 0.0).radiusMm == Approx(R.at(off[0], off[1], off[2])));
}
