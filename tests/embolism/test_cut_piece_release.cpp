// The detector's second pass (EmbolismParams::cutPieceContactMm, cut_piece_contact.h): a clot that
// occludes an artery cuts the lumen beyond it from the trunk (coded ArteryCode::MediastinalBranch, a
// cut-off piece), so a second, small clot further along is vetoed "beside no arterial-tree vessel"
// (pa-crop seed 3000 round 0 clot 1, seed 4000 section-fill round 2 clot 5). With a reported occlusion
// touching the piece, the small clot is reported; beside a piece no reported occlusion touches (a vein,
// another mediastinal vessel) it is not. Exact answers on the pa-crop grid (1.5 mm), with the maps
// computeFeatures reads built here.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "embolism/candidate_scoring.h"
#include "embolism/cut_piece_contact.h"
#include "embolism/volume_ops.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace {
constexpr int kNx = 80, kNy = 40, kSlices = 60;
constexpr int kAi = 20, kBi = 60, kJ = 20;  // tube centres (i, j)
constexpr float kBlood = 500, kClot = 60;
constexpr int kOccludedFrom = 9, kOccludedTo = 16;  // tube A: occlusive clot over these slices
constexpr int kSmallFrom = 32, kSmallTo = 43;       // the small clot in each tube (radius 1 voxel, on the axis)

// Two parallel tubes along k (radius 6 voxels = 9 mm, blood) in fat, all mediastinal. Tube A: lumen
// coded Central below the occlusion (the trunk side), the occlusion filling its section, and beyond it
// a cut-off piece. Tube B: a piece over its whole length, no occlusion. Each holds a small clot on its
// axis, a polo mint wrapped in the piece's contrast.
struct Scene {
    tv::Image<float> hu;
    tv::ThoraxMasks masks;
    tv::VesselTree tree;
    tv::LabelMap findings;  // label 1: the reported occlusion in tube A
    tv::RawCandidate clotA, clotB;
};

Scene scene(int labelledTo = kOccludedTo) {
    const tv::ImageGeometry g = tvtest::grid(kNx, kNy, kSlices, 1.5, 1.5, 1.5);
    Scene s{tv::Image<float>(g, -100), {}, {}, tv::LabelMap(g, 0), {}, {}};
    s.masks.lungs = tv::Mask(g, 0);
    s.masks.lungHull = tv::Mask(g, 0);  // all mediastinal
    s.masks.heart = tv::Mask(g, 0);
    s.masks.midlineX = kNx / 2;
    s.tree.lumen = tv::Mask(g, 0);
    s.tree.connected = tv::Mask(g, 0);
    const auto piece = static_cast<std::uint8_t>(tv::ArteryCode::MediastinalBranch);
    for (int k = 0; k < kSlices; ++k)
        for (int j = 0; j < kNy; ++j)
            for (int i = 0; i < kNx; ++i) {
                const bool tubeA = i < kNx / 2;
                const int di = i - (tubeA ? kAi : kBi), dj = j - kJ;
                if (di * di + dj * dj > 36) continue;
                const std::size_t n = s.hu.offset(i, j, k);
                if (tubeA && k >= kOccludedFrom && k <= kOccludedTo) {
                    s.hu[n] = kClot;
                    if (k <= labelledTo) s.findings[n] = 1;
                    continue;
                }
                if (di * di + dj * dj <= 1 && k >= kSmallFrom && k <= kSmallTo) {
                    s.hu[n] = kClot;
                    (tubeA ? s.clotA : s.clotB).voxels.push_back(n);
                    continue;
                }
                s.hu[n] = kBlood;
                s.tree.lumen[n] = 1;
                s.tree.connected[n] = tubeA && k < kOccludedFrom ? static_cast<std::uint8_t>(tv::ArteryCode::Central) : piece;
            }
    tv::testing::finishTestTree(s.tree, kBlood, 280);
    s.clotA.completedRadiusMm = s.clotB.completedRadiusMm = 9.0;
    return s;
}

tv::CandidateFeatures features(const Scene& s, const tv::RawCandidate& c) {
    tv::ContrastResult contrast;
    contrast.state = tv::ContrastState::Adequate;
    contrast.paEnhancementHu = kBlood;
    return tv::computeFeatures(c, s.hu, s.hu, s.masks, s.tree, contrast, tv::EmbolismParams{});
}

tv::HeldCandidate held(const tv::CandidateFeatures& f, const tv::RawCandidate& c, const tv::EmbolismParams& p) {
    tv::CandidateFeatures beside = f;
    beside.besideReportedPiece = true;
    const tv::Index3 centroid{static_cast<int>(std::lround(f.centroidVoxel[0])), static_cast<int>(std::lround(f.centroidVoxel[1])),
                              static_cast<int>(std::lround(f.centroidVoxel[2]))};
    return {tv::scoreCandidate(beside, p), f.enclosure, centroid, f.vesselRadiusMm, &c.voxels};
}
// The indices into `held` the second pass reports.
std::vector<std::size_t> released(const tv::VesselTree& tree, const tv::LabelMap& findings, const std::vector<tv::ReportedFinding>& reported,
                                  const std::vector<tv::HeldCandidate>& held, const tv::EmbolismParams& p) {
    std::vector<std::size_t> out;
    for (const tv::ReleasedCandidate& r : tv::releaseBesideCutPieces(tree, findings, reported, held, p)) out.push_back(r.held);
    return out;
}
}  // namespace

TEST_CASE("a small clot in a piece cut off by a reported occlusion is reported, beside an untouched piece it is not", "[embolism][unit]") {
    const tv::EmbolismParams p;  // the rule as shipped
    REQUIRE(p.cutPieceContactMm == Approx(3.0));
    const Scene s = scene();
    const tv::CandidateFeatures fa = features(s, s.clotA), fb = features(s, s.clotB);
    // Both small clots: mediastinal, wrapped in contrast, no arterial level in reach (the piece starts
    // 16 slices below A's centroid slice 38, beyond its box of radius + half-length), so the off-tree
    // veto alone holds them; with the piece counted as artery they score.
    for (const auto* f : {&fa, &fb}) {
        REQUIRE(f->mediastinalShare == Approx(1.0));
        REQUIRE(f->enclosure == Approx(1.0));
        REQUIRE_FALSE(f->onArterialTree);
        CHECK(tv::scoreCandidate(*f, p) == 0.0);
        tv::CandidateFeatures beside = *f;
        beside.besideReportedPiece = true;
        CHECK(tv::scoreCandidate(beside, p) > 0.5);
        // Not on a venous-phase scan (its intrapulmonary arteries are often not connected to the tree).
        beside.ctpaContrast = false;
        CHECK(tv::scoreCandidate(beside, p) == 0.0);
    }
    const std::vector<tv::HeldCandidate> both{held(fa, s.clotA, p), held(fb, s.clotB, p)};
    // Label 1 reported "complete", its volume that of the occlusion in the scene (8 slices of 113 voxels).
    const double occlusionMm3 = 8 * 113 * 1.5 * 1.5 * 1.5;
    REQUIRE(occlusionMm3 >= p.cutPieceMinOcclusionMm3);
    const std::vector<tv::ReportedFinding> occlusion{{true, occlusionMm3}};
    // The occlusion touches A's piece (slice 16 against slice 17: 1.5 mm), not B's (26 voxels away).
    const auto pieces = tv::piecesTouchingFindings(s.tree, s.findings, {false, true}, p.cutPieceContactMm);
    CHECK(pieces.count(s.tree.connected.offset(kAi, kJ, kOccludedTo + 1)) == 1);
    CHECK(pieces.count(s.tree.connected.offset(kAi + 5, kJ, kSlices - 1)) == 1);  // the whole piece, grown
    CHECK(pieces.count(s.tree.connected.offset(kBi, kJ, kOccludedTo + 1)) == 0);
    CHECK(pieces.count(s.tree.connected.offset(kAi, kJ, kOccludedFrom - 1)) == 0);  // Central: no piece
    // With the rule: A reported, B not.
    CHECK(released(s.tree, s.findings, occlusion, both, p) == std::vector<std::size_t>{0});
    // Without it: neither.
    tv::EmbolismParams off = p;
    off.cutPieceContactMm = 0;
    CHECK(released(s.tree, s.findings, occlusion, both, off).empty());
    // The finding touching A's piece reported partial (no occlusion): neither.
    CHECK(released(s.tree, s.findings, {{false, occlusionMm3}}, both, p).empty());
    // An occlusion smaller than a main PA's (a lobar or segmental one): neither.
    CHECK(released(s.tree, s.findings, {{true, p.cutPieceMinOcclusionMm3 - 1}}, both, p).empty());
    // The reported finding's voxels ending 3 slices (4.5 mm) before the piece: beyond the 3 mm contact.
    const Scene apart = scene(kOccludedTo - 2);
    CHECK(released(apart.tree, apart.findings, occlusion, both, p).empty());
    // ... 2 slices (3.0 mm): within it.
    const Scene near = scene(kOccludedTo - 1);
    CHECK(released(near.tree, near.findings, occlusion, both, p) == std::vector<std::size_t>{0});
    // Under the operating point: not reported.
    std::vector<tv::HeldCandidate> weak = both;
    weak[0].besidePieceScore = p.operatingPoint - 0.01;
    CHECK(released(s.tree, s.findings, occlusion, weak, p).empty());
    // Not wrapped in contrast as a polo mint (beside the piece, not inside it): not reported.
    std::vector<tv::HeldCandidate> unwrapped = both;
    unwrapped[0].enclosure = p.poloMintMinEnclosure - 0.01;
    CHECK(released(s.tree, s.findings, occlusion, unwrapped, p).empty());
    // Beside a vessel thinner than a segmental artery (EmbolismParams::cutPieceNeedsSegmentalCalibre): not
    // reported; without the calibre condition it is.
    REQUIRE(both[0].vesselRadiusMm >= p.segmentalRadiusMm);
    std::vector<tv::HeldCandidate> thin = both;
    thin[0].vesselRadiusMm = p.segmentalRadiusMm - 0.01;
    CHECK(released(s.tree, s.findings, occlusion, thin, p).empty());
    tv::EmbolismParams anyCalibre = p;
    anyCalibre.cutPieceNeedsSegmentalCalibre = false;
    CHECK(released(s.tree, s.findings, occlusion, thin, anyCalibre) == std::vector<std::size_t>{0});
    // One finding per defect: a candidate on a reported finding's voxels is not reported again.
    tv::LabelMap onFinding = s.findings;
    onFinding[s.clotA.voxels.front()] = 2;
    CHECK(released(s.tree, onFinding, {{true, occlusionMm3}, {false, 10}}, both, p).empty());
}

TEST_CASE("a clot released beside a piece cut off by a central occlusion reads central", "[embolism][unit]") {
    // The piece is the artery beyond the occlusion (the right PA beyond a trunk clot): the tree codes it
    // off the tree, and the regrading read the released clots' own thin section (pa-crop s3000 r0c1 read
    // segmental, s4000 fill r2c5 lobar; truth central). The release reads the cutting occlusion's level.
    const tv::EmbolismParams p;
    REQUIRE(p.cutPieceLevelFromOcclusion);
    const Scene s = scene();
    const tv::CandidateFeatures fa = features(s, s.clotA), fb = features(s, s.clotB);
    const double occlusionMm3 = 8 * 113 * 1.5 * 1.5 * 1.5;
    const std::vector<tv::ReportedFinding> occlusion{{true, occlusionMm3}};
    const tv::HeldCandidate a = held(fa, s.clotA, p), b = held(fb, s.clotB, p);
    REQUIRE(released(s.tree, s.findings, occlusion, {a, b}, p) == std::vector<std::size_t>{0});
    // A's piece was cut off by label 1 (the occlusion, 1.5 mm from the piece); B's by nothing.
    CHECK(tv::cuttingOcclusions(s.tree, s.findings, occlusion, a, p) == std::vector<std::size_t>{1});
    CHECK(tv::cuttingOcclusions(s.tree, s.findings, occlusion, b, p).empty());
    // Not an occlusion (partial) or under the massive size: cuts nothing.
    CHECK(tv::cuttingOcclusions(s.tree, s.findings, {{false, occlusionMm3}}, a, p).empty());
    CHECK(tv::cuttingOcclusions(s.tree, s.findings, {{true, p.cutPieceMinOcclusionMm3 - 1}}, a, p).empty());
    // 4.5 mm apart: beyond the contact, cuts nothing.
    const Scene apart = scene(kOccludedTo - 2);
    CHECK(tv::cuttingOcclusions(apart.tree, apart.findings, occlusion, a, p).empty());
    // The occlusion in the Central-coded tube reads central: the released clot, graded segmental from its
    // own section, is reported central; lobar stays lobar beside a lobar occlusion; never demoted.
    const std::vector<tv::VesselLevel> central{tv::VesselLevel::Central};
    CHECK(tv::releasedLevel(tv::VesselLevel::Segmental, central, p) == tv::VesselLevel::Central);
    CHECK(tv::releasedLevel(tv::VesselLevel::Lobar, central, p) == tv::VesselLevel::Central);
    CHECK(tv::releasedLevel(tv::VesselLevel::Segmental, {tv::VesselLevel::Lobar}, p) == tv::VesselLevel::Lobar);
    CHECK(tv::releasedLevel(tv::VesselLevel::Central, {tv::VesselLevel::Lobar}, p) == tv::VesselLevel::Central);
    CHECK(tv::releasedLevel(tv::VesselLevel::Segmental, {}, p) == tv::VesselLevel::Segmental);
    // Rule off: its own level.
    tv::EmbolismParams off = p;
    off.cutPieceLevelFromOcclusion = false;
    CHECK(tv::releasedLevel(tv::VesselLevel::Segmental, central, off) == tv::VesselLevel::Segmental);
}

TEST_CASE("the release is bounded by the path along the cut-off piece from the occlusion", "[embolism][unit]") {
    // The piece a massive occlusion of the trunk or a main PA cuts off is that artery and its lobar
    // branches; a polo mint far along a connected system of thin mediastinal vessels is not in it
    // (raised C3N-00247, both-lung seed 2000 round 0: 9 chest-wall findings 10 cm from a lobar occlusion).
    const tv::EmbolismParams p;
    REQUIRE(p.cutPieceMaxPathMm == Approx(120.0));  // as shipped: the scene's piece (at most 67.5 mm) is within it
    const Scene s = scene();
    const tv::CandidateFeatures fa = features(s, s.clotA), fb = features(s, s.clotB);
    const double occlusionMm3 = 8 * 113 * 1.5 * 1.5 * 1.5;
    const std::vector<tv::ReportedFinding> occlusion{{true, occlusionMm3}};
    const tv::HeldCandidate a = held(fa, s.clotA, p), b = held(fb, s.clotB, p);
    // Path lengths: the contact distance (slice 17 against the occlusion's last slice 16: 1.5 mm, also
    // at the tube's rim), then 1.5 mm per face step along the tube.
    const auto paths = tv::piecesTouchingFindings(s.tree, s.findings, {false, true}, p.cutPieceContactMm);
    const auto& code = s.tree.connected;
    CHECK(paths.at(code.offset(kAi, kJ, kOccludedTo + 1)) == Approx(1.5));
    CHECK(paths.at(code.offset(kAi + 5, kJ, kOccludedTo + 1)) == Approx(1.5));
    CHECK(paths.at(code.offset(kAi, kJ, 30)) == Approx(1.5 + 13 * 1.5));
    // To the far end: straight along the tube beside the small clot (on the axis it goes around it: 2 steps more).
    CHECK(paths.at(code.offset(kAi + 2, kJ, kSlices - 1)) == Approx(1.5 + (kSlices - 1 - kOccludedTo - 1) * 1.5));
    CHECK(paths.at(code.offset(kAi, kJ, kSlices - 1)) == Approx(1.5 + (kSlices - 1 - kOccludedTo - 1 + 2) * 1.5));
    // Bounded at 10 mm: slice 22 (9 mm) is entered, slice 23 (10.5 mm) is not.
    const auto near = tv::piecesTouchingFindings(s.tree, s.findings, {false, true}, p.cutPieceContactMm, 10.0);
    CHECK(near.count(code.offset(kAi, kJ, 22)) == 1);
    CHECK(near.count(code.offset(kAi, kJ, 23)) == 0);
    // A's box (half-width: its vessel radius + 1 voxel) reaches the piece nearest the occlusion at the
    // box's lowest slice; the release reports that path.
    const int half = static_cast<int>(std::ceil(a.vesselRadiusMm / 1.5)) + 1;
    const double expected = 1.5 + (a.centroid[2] - half - kOccludedTo - 1) * 1.5;
    REQUIRE(tv::piecePathBeside(code, paths, a.centroid, a.vesselRadiusMm) == Approx(expected));
    tv::EmbolismParams bounded = p;
    bounded.cutPieceMaxPathMm = expected;
    const auto out = tv::releaseBesideCutPieces(s.tree, s.findings, occlusion, {a, b}, bounded);
    REQUIRE(out.size() == 1);
    CHECK(out[0].held == 0);
    CHECK(out[0].piecePathMm == Approx(expected));
    // Just under that path: the clot is beyond the bound, nothing is released.
    bounded.cutPieceMaxPathMm = expected - 0.1;
    CHECK(tv::releaseBesideCutPieces(s.tree, s.findings, occlusion, {a, b}, bounded).empty());
}
