// The operating-point sweep (operating_point_sweep.h): a detector run at a lower floor, filtered to the
// documented operating point, reports exactly what a run at that point reports; the sweep lists each
// finding with the truth it overlaps.
#include <catch2/catch.hpp>

#include <cmath>

#include "embolism/embolism_detector.h"
#include "evaluation/detection_matching.h"
#include "evaluation/operating_point_sweep.h"
#include "tube_phantom.h"

using tv::testing::arteryK;
using tv::testing::tubePhantom;

TEST_CASE("operating-point sweep: findings below the point are dropped and the rest relabelled in order", "[embolism][unit]") {
    tv::ImageGeometry g;
    g.size = {10, 4, 4};
    g.spacing = {1, 1, 1};
    tv::EmbolismResult all;
    all.emboli = tv::LabelMap(g, 0);
    all.candidates.resize(3);
    all.candidates[0].score = 0.9;
    all.candidates[1].score = 0.3;
    all.candidates[2].score = 0.6;
    all.candidates[2].level = tv::VesselLevel::Segmental;
    tv::LabelMap truth(g, 0);
    for (int i = 0; i < 4; ++i) truth.at(i, 1, 1) = 1;
    truth.at(8, 2, 2) = 2;
    all.emboli.at(0, 1, 1) = 1;  // finding 1 on clot 1
    all.emboli.at(3, 1, 1) = 2;  // finding 2 (0.3) on clot 1
    all.emboli.at(8, 2, 2) = 3;  // finding 3 on clot 2
    all.emboli.at(9, 3, 3) = 3;  // and beside it

    const tv::EmbolismResult at5 = tv::keepFindingsAtOrAbove(all, 0.5);
    REQUIRE(at5.candidates.size() == 2);
    CHECK(at5.candidates[0].score == 0.9);
    CHECK(at5.candidates[1].score == 0.6);
    CHECK(at5.emboli.at(0, 1, 1) == 1);
    CHECK(at5.emboli.at(3, 1, 1) == 0);
    CHECK(at5.emboli.at(8, 2, 2) == 2);
    CHECK(at5.emboli.at(9, 3, 3) == 2);
    CHECK(tv::keepFindingsAtOrAbove(all, 0.95).candidates.empty());
    // The obstruction index counts the kept findings only: the dropped 0.3 one is a complete central
    // occlusion (20 segments x 2 = 100 %), the kept ones a partial segmental (1 segment: 2.5 %) and a
    // partial subsegmental (1 segment: 2.5 %).
    all.candidates[1].level = tv::VesselLevel::Central;
    all.candidates[1].side = "central";
    all.candidates[1].occlusion = "complete";
    all.candidates[0].occlusion = all.candidates[2].occlusion = "partial";
    all.obstructionIndexPercent = 100;
    CHECK(tv::keepFindingsAtOrAbove(all, 0.5).obstructionIndexPercent == Approx(5.0));
    CHECK(tv::keepFindingsAtOrAbove(all, 0.95).obstructionIndexPercent == 0.0);
    CHECK(tv::keepFindingsAtOrAbove(all, 0.2).obstructionIndexPercent == 100.0);

    const auto lesions = tv::truthFromMask(truth, true);
    const nlohmann::json s = tv::sweepFindings(all, lesions);
    REQUIRE(s.size() == 3);
    CHECK(s[0]["truth"] == nlohmann::json::array({0}));
    CHECK(s[1]["truth"] == nlohmann::json::array({0}));
    CHECK(s[1]["score"] == 0.3);
    CHECK(s[2]["truth"] == nlohmann::json::array({1}));
    CHECK(s[2]["level"] == "segmental");
    CHECK(tv::sweepFindings(all, {})[2]["truth"].empty());
}

TEST_CASE("operating-point sweep: a floor run filtered to the operating point equals a run at that point", "[embolism][unit]") {
    // Tube phantom with two defects (60 HU, 12 mm long): radius 2.5 mm in the left artery, 2 mm in the
    // right one. The operating point is set between their scores, so the run at that point reports one
    // finding and the floor run both.
    tv::CtVolume ct = tubePhantom(450);
    for (int k = 0; k < 60; ++k)
        for (int j = 0; j < 80; ++j) {
            for (int i = 84; i <= 96; ++i)
                if (std::hypot(j - 40.0, k - arteryK(i)) < 2.5) ct.hu.at(i, j, k) = 60;
            for (int i = 24; i <= 36; ++i)
                if (std::hypot(j - 40.0, k - arteryK(i)) < 2.0) ct.hu.at(i, j, k) = 60;
        }
    tv::EmbolismParams floorParams;
    floorParams.operatingPoint = 0.0;
    floorParams.maxCandidates = 255;
    const auto all = tv::detectEmboli(ct, floorParams, tv::noProgress(), tv::neverCancel());
    INFO("floor findings: " << all.candidates.size() << " of " << all.candidatesConsidered);
    REQUIRE(all.candidates.size() >= 2);
    INFO("scores " << all.candidates[0].score << ", " << all.candidates[1].score);
    REQUIRE(all.candidates[0].score > all.candidates[1].score);
    tv::EmbolismParams p;
    p.operatingPoint = (all.candidates[0].score + all.candidates[1].score) / 2;
    const auto at = tv::detectEmboli(ct, p, tv::noProgress(), tv::neverCancel());
    REQUIRE(at.candidates.size() == 1);
    const auto filtered = tv::keepFindingsAtOrAbove(all, p.operatingPoint);
    REQUIRE(filtered.candidates.size() == 1);
    CHECK(filtered.candidates[0].score == at.candidates[0].score);
    CHECK(filtered.candidates[0].centerVoxel == at.candidates[0].centerVoxel);
    for (std::size_t n = 0; n < at.emboli.voxelCount(); ++n)
        if (filtered.emboli[n] != at.emboli[n]) FAIL("label maps differ at voxel " << n);
}
