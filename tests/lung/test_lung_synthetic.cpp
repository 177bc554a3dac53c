// Lung segmentation and GGO scorer on synthetic phantoms with known truth (built in lung_phantom).
#include <catch2/catch.hpp>

#include "lung/lung_analysis.h"
#include "lung/lung_scores.h"
#include "lung/lung_segmentation.h"
#include "lung_phantom.h"
#include "util/errors.h"

namespace {

struct Measured {
    tv::LungOpacityResult result;
    tvtest::LungPhantomTruth truth;
};

Measured run(const tvtest::LungPhantomOptions& o, const tv::LungOpacityParams& p = {}) {
    Measured m;
    const tv::CtVolume ct = tvtest::makeLungPhantom(o, m.truth);
    m.result = tv::analyzeLungOpacity(ct, p, tv::noProgress(), tv::neverCancel());
    return m;
}

}  // namespace

TEST_CASE("CT severity and six-zone lobe scores follow the published bins", "[lung][scores]") {
    using tv::ctSeverityLobeScore;
    CHECK(ctSeverityLobeScore(0.0, 0.0) == 0);
    CHECK(ctSeverityLobeScore(0.3, 0.5) == 0);  // below the floor: none
    CHECK(ctSeverityLobeScore(4.9, 0.5) == 1);
    CHECK(ctSeverityLobeScore(5.0, 0.5) == 2);
    CHECK(ctSeverityLobeScore(25.0, 0.5) == 2);
    CHECK(ctSeverityLobeScore(25.5, 0.5) == 3);
    CHECK(ctSeverityLobeScore(50.0, 0.5) == 3);
    CHECK(ctSeverityLobeScore(51.0, 0.5) == 4);
    CHECK(ctSeverityLobeScore(75.0, 0.5) == 4);
    CHECK(ctSeverityLobeScore(75.1, 0.5) == 5);
    CHECK(tv::sixZoneScore(0.0, 0.5) == 0);
    CHECK(tv::sixZoneScore(10.0, 0.5) == 1);
    CHECK(tv::sixZoneScore(30.0, 0.5) == 2);
    CHECK(tv::sixZoneScore(60.0, 0.5) == 3);
    CHECK(tv::sixZoneScore(80.0, 0.5) == 4);
}

TEST_CASE("lung opacity parameters round-trip through JSON and are validated", "[lung][params]") {
    tv::LungOpacityParams p;
    p.ggoLowHu = -700;
    p.closingRadiusMm = 9;
    const auto j = tv::toJson(p);
    CHECK(j.contains("sources"));
    const tv::LungOpacityParams back = tv::lungOpacityParamsFromJson(j);
    CHECK(back.ggoLowHu == -700);
    CHECK(back.closingRadiusMm == 9);
    CHECK_THROWS_AS(tv::lungOpacityParamsFromJson({{"noSuchParameter", 1}}), tv::InvalidArgumentError);
    CHECK_THROWS_AS(tv::lungOpacityParamsFromJson({{"ggoLowHu", -200}}), tv::InvalidArgumentError);  // above the split
    CHECK_THROWS_AS(tv::lungOpacityParamsFromJson({{"ggoLowHu", "low"}}), tv::InvalidArgumentError);
}

TEST_CASE("phantom: lungs, airway and left/right labels match the truth", "[lung][synthetic]") {
    tvtest::LungPhantomOptions o;
    const Measured m = run(o);
    const auto& r = m.result;
    // Tolerance: 4% of each lung's volume (partial volume at the surface of a 1.5 x 1.5 x 3 mm grid).
    CHECK(r.left.lungMl == Approx(m.truth.lungVoxels[0] * m.truth.voxelMl).epsilon(0.04));
    CHECK(r.right.lungMl == Approx(m.truth.lungVoxels[1] * m.truth.voxelMl).epsilon(0.04));
    CHECK(r.airwayFound);
    CHECK(r.airwayMl > 5.0);
    // Left lung (label 1) lies at patient left = +x = higher i in this identity-direction grid.
    const auto& labels = r.lungLabels;
    CHECK(labels.at(140, 80, 30) == tv::kLeftLung);
    CHECK(labels.at(60, 80, 30) == tv::kRightLung);
    CHECK(labels.at(100, 60, 55) == tv::kAirway);  // trachea
}

TEST_CASE("phantom: dense posterior consolidation stays inside the lung mask", "[lung][synthetic]") {
    tvtest::LungPhantomOptions o;
    o.ggo = false;
    const Measured m = run(o);
    // The consolidation (-150 HU, against the chest wall) is cut off by the air threshold; the
    // rolling-ball closing puts (part of) it back: the right lung volume stays within 4% of the truth.
    CHECK(m.result.right.lungMl == Approx(m.truth.lungVoxels[1] * m.truth.voxelMl).epsilon(0.04));
    const double truthMl = m.truth.consolidationVoxels * m.truth.voxelMl;
    const double truthPercent = 100.0 * m.truth.consolidationVoxels / (m.truth.lungVoxels[0] + m.truth.lungVoxels[1]);
    INFO("consolidation truth " << truthMl << " mL (" << truthPercent << " %), measured "
                                << m.result.total.consolidationMl << " mL ("
                                << m.result.total.percentOf(m.result.total.consolidationMl) << " %)");
    CHECK(std::abs(m.result.total.involvementPercent() - truthPercent) <= 2.0);
    // Achieved when written: 16.5% of the lesion recovered and measured as consolidation (the 12 mm
    // rolling ball only partly fills a 24 mm wide dent; the pleural and diaphragm margins and the
    // smoothing take its rim; s13, 2026-11-29: 15.3 % with the apical margin limited to the upper
    // quarter of the lung, 10.6 % when it applied at every height). Guarded at 15%; README "GGO scorer validation" reports this
    // limitation. (Without vesselnessMinPleuraDistanceMm the vesselness filter erased all of it.)
    // s16: still 15.3 %: a -150 HU lesion holds no air, so the pleural hull step (regions averaging
    // <= pleuralHullMaxMeanHu = -200 HU) cannot tell it from fat and leaves it out; the partly
    // aerated variant below is recovered.
    // s17 (2026-11-30): 44.2 % measured: the dense hull regions (mean up to
    // pleuralHullDenseMaxMeanHu) are capped in z by lung (the dent closes above and below the
    // lesion), so they are kept. Guarded at 40 %; without the dense rule it is back at 15.3 %.
    CHECK(m.result.total.consolidationMl >= 0.40 * truthMl);
    tv::LungOpacityParams noDense;
    noDense.pleuralHullDenseMaxMeanHu = -2000.0;
    const Measured n = run(o, noDense);
    CHECK(n.result.total.consolidationMl < 0.20 * truthMl);
}

TEST_CASE("phantom: extrapleural fat indenting the lung over its whole height stays out", "[lung][synthetic]") {
    // A -100 HU fat ridge in the same kind of dent as the consolidation, but continuing in z into
    // chest wall (the lung ends above and below it, not more lung): the dense hull rule must add none
    // of it. Exact: the right lung volume is the same with the rule as without it.
    tvtest::LungPhantomOptions o;
    o.ggo = false;
    o.consolidation = false;
    o.fatRidge = true;
    const Measured m = run(o);
    REQUIRE(m.truth.fatRidgeVoxels > 1000);
    tv::LungOpacityParams noDense;
    noDense.pleuralHullDenseMaxMeanHu = -2000.0;
    const Measured n = run(o, noDense);
    INFO("fat ridge " << m.truth.fatRidgeVoxels * m.truth.voxelMl << " mL; right lung truth "
                      << m.truth.lungVoxels[1] * m.truth.voxelMl << " mL, measured " << m.result.right.lungMl
                      << " mL (" << n.result.right.lungMl << " mL without the dense rule)");
    CHECK(m.result.right.lungMl == n.result.right.lungMl);
    CHECK(m.result.right.lungMl == Approx(m.truth.lungVoxels[1] * m.truth.voxelMl).epsilon(0.04));
    // A guard that can fail: with every hull region accepted, the fat goes into the lung (+24.3 mL
    // measured, 48 % of the ridge; the closing had already taken part of its mouth).
    tv::LungOpacityParams all;
    all.pleuralHullMaxMeanHu = 0.0;
    const Measured a = run(o, all);
    CHECK(a.result.right.lungMl > m.result.right.lungMl + 0.3 * m.truth.fatRidgeVoxels * m.truth.voxelMl);
}

TEST_CASE("phantom: partly aerated posterior consolidation is put back by the pleural hull", "[lung][synthetic]") {
    // The same 24 mm dent at -250 HU (consolidation with air in it, like P001's posterior left
    // lower-lobe lesion, whose hull regions average -222..-321 HU): the per-slice convex hull keeps
    // it (mean <= pleuralHullMaxMeanHu), so the whole lesion is back in the lung mask.
    tvtest::LungPhantomOptions o;
    o.ggo = false;
    o.consolidationHu = -250.0;
    const Measured m = run(o);
    const double truthMl = m.truth.consolidationVoxels * m.truth.voxelMl;
    INFO("consolidation truth " << truthMl << " mL, measured " << m.result.total.consolidationMl << " mL");
    CHECK(m.result.right.lungMl == Approx(m.truth.lungVoxels[1] * m.truth.voxelMl).epsilon(0.04));
    // Achieved when written (s16, 2026-11-30): 45.7 % of the lesion measured as consolidation with
    // the hull, 12.5 % without it; the 1.5 mm pleural margin, the smoothing (the rim against
    // aerated lung falls in the GGO band) and the 3 mm slices take the rest. Guarded at 40 %.
    CHECK(m.result.total.consolidationMl >= 0.40 * truthMl);
    // Without the hull step (threshold above every region's mean) only the rolling ball's share is back.
    tv::LungOpacityParams noHull;
    noHull.pleuralHullMaxMeanHu = -2000.0;
    noHull.pleuralHullDenseMaxMeanHu = -2000.0;  // (s17) or the dense rule keeps the region instead
    const Measured n = run(o, noHull);
    CHECK(n.result.total.consolidationMl < m.result.total.consolidationMl);
}

TEST_CASE("phantom: GGO percentage within 2 percentage points of the truth", "[lung][synthetic]") {
    for (double radius : {10.0, 14.0, 20.0}) {
        tvtest::LungPhantomOptions o;
        o.consolidation = false;
        o.ggoRadiusMm = radius;
        const Measured m = run(o);
        const double truthGgo = 100.0 * m.truth.ggoVoxels / (m.truth.lungVoxels[0] + m.truth.lungVoxels[1]);
        const double truthAll = 100.0 * (m.truth.ggoVoxels + m.truth.consolidationVoxels) /
                                (m.truth.lungVoxels[0] + m.truth.lungVoxels[1]);
        const auto& t = m.result.total;
        INFO("radius " << radius << " mm: GGO truth " << truthGgo << " %, measured " << t.percentOf(t.ggoMl)
                       << " %; involvement truth " << truthAll << " %, measured " << t.involvementPercent() << " %");
        CHECK(std::abs(t.percentOf(t.ggoMl) - truthGgo) <= 2.0);
        CHECK(std::abs(t.involvementPercent() - truthAll) <= 2.0);
        CHECK(t.percentOf(t.ggoMl) > 0.0);
    }
}

TEST_CASE("phantom: normal lungs with vessels have almost no opacity", "[lung][synthetic]") {
    tvtest::LungPhantomOptions o;
    o.ggo = false;
    o.consolidation = false;
    const Measured m = run(o);
    INFO("involvement " << m.result.total.involvementPercent() << " %");
    CHECK(m.result.total.involvementPercent() < 1.0);
    CHECK(m.result.ctSeverityScore <= 1);
    CHECK(m.result.sixZoneScore <= 1);
}

TEST_CASE("phantom: lungs touching at an anterior junction are separated", "[lung][synthetic]") {
    tvtest::LungPhantomOptions o;
    o.touchingLungs = true;
    const Measured m = run(o);
    CHECK(m.result.lungsSeparated);
    CHECK(m.result.left.lungMl == Approx(m.truth.lungVoxels[0] * m.truth.voxelMl).epsilon(0.05));
    CHECK(m.result.right.lungMl == Approx(m.truth.lungVoxels[1] * m.truth.voxelMl).epsilon(0.05));
}

TEST_CASE("phantom: slices, lobes, zones and JSON are complete", "[lung][synthetic]") {
    tvtest::LungPhantomOptions o;
    const Measured m = run(o);
    const auto& r = m.result;
    const auto j = tv::toJson(r);
    REQUIRE(j["opacity"]["slices"].size() == 60);
    for (const char* lobe : {"RUL", "RML", "RLL", "LUL", "LLL"}) {
        REQUIRE(j["opacity"]["lobes"].contains(lobe));
        CHECK(j["opacity"]["lobes"][lobe]["boundary_method"].is_string());
        CHECK(j["opacity"]["lobes"][lobe]["boundary_shapes"].size() == j["opacity"]["lobes"][lobe]["boundaries"].size());
        CHECK(j["opacity"]["lobes"][lobe].contains("middle_lobe_posterior_limit_u") == (std::string(lobe) == "RUL" || std::string(lobe) == "RML"));
        CHECK(j["opacity"]["lobes"][lobe]["lung_ml"].get<double>() > 0);
    }
    CHECK(j["opacity"]["zones"].size() == 6);
    double lobeSum = 0;
    for (const auto& l : r.lobes) lobeSum += l.stats.lungMl;
    CHECK(lobeSum == Approx(r.total.lungMl).epsilon(1e-9));
    // The right-lung GGO sphere sits in the upper half, the left one low and posterior.
    bool anyInvolved = false;
    for (const auto& s : r.slices) anyInvolved |= s.involved;
    CHECK(anyInvolved);
    CHECK(r.ctSeverityScore >= 2);
    CHECK(r.ctSeverityScore <= 25);
    CHECK(r.sixZoneScore <= 24);
}

TEST_CASE("lung analysis stops when cancelled and rejects a volume without lungs", "[lung][errors]") {
    tvtest::LungPhantomOptions o;
    tvtest::LungPhantomTruth t;
    const tv::CtVolume ct = tvtest::makeLungPhantom(o, t);
    tv::CancelFlag flag;
    flag.cancel();
    CHECK_THROWS_AS(tv::analyzeLungOpacity(ct, {}, tv::noProgress(), flag), tv::CancelledError);
    tv::CtVolume solid;
    solid.hu = tv::Image<std::int16_t>(ct.geometry(), 40);
    CHECK_THROWS_AS(tv::analyzeLungOpacity(solid, {}, tv::noProgress(), tv::neverCancel()), tv::InvalidArgumentError);
}
