// Validation clot size and truth-quality guard (evaluation/clot_sizing.h, clot_visibility.h). Exact
// answers on a straight tube of radius 4 mm (a lobar artery in soft tissue), 1 mm grid:
// - a site whose radius estimate is half the lumen (2 mm: pa-crop round 3 clot 4 had a site radius of
//   2.1 mm in an artery of 41 mm2) gets a central clot sized from the lumen measured in its section, not from the
//   estimate (placeRoundClots, the validation's own placement);
// - the bounds: a thin artery's clot keeps the site radius (the rays end inside the smoothed wall), a
//   small site in a wide lumen is lifted to the floor only (a 2 mm central cross radius), a site at or
//   above the floor keeps its radius; a lumen joined on one side does not change the measured calibre;
// - the site-sized clot (0.55 x 2 mm = 1.1 mm, 8 mm long) is no visible defect and is reported as
//   such; the section-sized clot is one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "embolism/embolism_params.h"
#include "embolism/lung_smoothing.h"
#include "evaluation/clot_occlusion.h"
#include "evaluation/clot_sizing.h"
#include "evaluation/clot_visibility.h"
#include "evaluation/round_placement.h"
#include "test_support.h"

namespace {
constexpr double kBlood = 450, kTissue = 40;

// A tube of radius r along i through (30, 30, 20) mm, 60 mm long, in soft tissue, isotropic grid of
// `mm` (1 mm, or pa-crop's 1.5 mm).
tv::CtVolume tube(double r, double mm = 1.0) {
    tv::CtVolume ct;
    const int n = static_cast<int>(std::lround(60 / mm)) + 1, nk = static_cast<int>(std::lround(40 / mm)) + 1;
    ct.hu = tv::Image<std::int16_t>(tvtest::grid(n, n, nk, mm, mm, mm), static_cast<std::int16_t>(kTissue));
    for (int k = 0; k < nk; ++k)
        for (int j = 0; j < n; ++j)
            for (int i = 0; i < n; ++i)
                if (std::hypot(j * mm - 30.0, k * mm - 20.0) <= r) ct.hu.at(i, j, k) = static_cast<std::int16_t>(kBlood);
    return ct;
}

tv::VesselSite site(double radiusMm, double bloodHu = kBlood) {
    tv::VesselSite s;
    s.centerLps = Eigen::Vector3d(30, 30, 20);
    s.axisLps = Eigen::Vector3d(1, 0, 0);
    s.radiusMm = radiusMm;
    s.bloodHu = bloodHu;
    s.level = tv::VesselLevel::Lobar;
    s.side = "left";
    return s;
}

// The validation's placement of one central clot at `s` (no site tree: beyond-occlusion rule off;
// the threshold is then the detector's for the site's blood, 255 HU).
tv::RoundPlacement placeCentral(const tv::CtVolume& bg, const tv::VesselSite& s, tv::ClotSizing sizing) {
    tv::RoundPlacementConfig cfg;
    cfg.levels = {tv::VesselLevel::Lobar};
    cfg.skipBeyondOcclusions = false;
    cfg.shapeOffset = 0;  // central
    cfg.clotSizing = sizing;
    return tv::placeRoundClots(bg, {s}, tv::SiteTree{}, cfg, tv::EmbolismParams{});
}

tv::ClotVisibility visibility(const tv::RoundPlacement& r) {
    const tv::EmbolismParams p;
    std::vector<std::size_t> voxels;
    for (std::size_t n = 0; n < r.truth.voxelCount(); ++n)
        if (r.truth[n] == 1) voxels.push_back(n);
    return tv::assessClotVisibility(r.ct, voxels, tv::detectorSmoothedView(r.ct, p), tv::lumenThresholdFor(kBlood, p));
}
}  // namespace

TEST_CASE("a central clot at a site whose radius estimate is half the lumen is sized from the lumen rays", "[embolism][unit]") {
    const tv::CtVolume bg = tube(4.0);
    const tv::RoundPlacement bySection = placeCentral(bg, site(2.0), tv::ClotSizing::Section);
    REQUIRE(bySection.clots.size() == 1);
    const tv::PlacedClot& c = bySection.clots[0];
    REQUIRE(c.sectionSize.has_value());
    // The lumen rays at the threshold (255 HU, on the smoothed view; the smoothed sharp edge is 245 HU
    // at the wall): every ray ends just inside the 4 mm wall, so the median is 3.5-4 mm, about twice
    // the 2 mm estimate.
    CHECK(c.sectionSize->medianRayMm > 3.5);
    CHECK(c.sectionSize->medianRayMm <= 4.0);
    // Lifted to the measured calibre (3.625 mm here), at most the floor (2 / 0.55 = 3.64 mm: a central
    // cross radius of 2 mm, clot_sizing.h).
    CHECK(c.spec.sizingRadiusMm == Approx(std::min(c.sectionSize->medianRayMm, 2.0 / 0.55)));
    CHECK(c.spec.sizingRadiusMm > 3.5);
    CHECK(tv::clotCrossRadiusMm(c.spec) == Approx(0.55 * c.spec.sizingRadiusMm));
    CHECK(c.spec.lengthMm == 8.0);  // clotLengthMm(site radius): the site's tested tube length

    const tv::RoundPlacement bySite = placeCentral(bg, site(2.0), tv::ClotSizing::Site);
    REQUIRE(bySite.clots.size() == 1);
    CHECK(tv::clotCrossRadiusMm(bySite.clots[0].spec) == Approx(1.1));
    // The section-sized clot holds several times the site-sized clot's truth.
    CHECK(c.truthVoxels >= 2 * bySite.clots[0].truthVoxels);
}

TEST_CASE("clot sizing keeps the site radius in a thin artery and lifts a small site no further than the floor", "[embolism][unit]") {
    const tv::EmbolismParams p;
    const double threshold = tv::lumenThresholdFor(kBlood, p);
    // Thin artery: radius 2 mm, site radius 2 mm: the rays end inside the wall (the smoothed edge).
    const tv::SiteSectionSize thin = tv::measureSiteSectionSize(tv::detectorSmoothedView(tube(2.0), p), site(2.0), threshold);
    CHECK(thin.medianRayMm <= 2.0);
    CHECK(thin.sizingRadiusMm == 2.0);
    // Wide artery (8 mm) with a 1.5 mm estimate: rays searched up to 3.64 + 3 mm, the median above the
    // floor (2 / 0.55 = 3.64 mm), sized at the floor.
    const tv::SiteSectionSize wide = tv::measureSiteSectionSize(tv::detectorSmoothedView(tube(8.0), p), site(1.5), threshold);
    CHECK(wide.medianRayMm > 3.0);
    CHECK(wide.medianRayMm > 2.0 / 0.55);
    CHECK(wide.sizingRadiusMm == Approx(2.0 / 0.55));
    // A site at or above the floor keeps its radius (the central arteries' clots are unchanged).
    const tv::SiteSectionSize large = tv::measureSiteSectionSize(tv::detectorSmoothedView(tube(8.0), p), site(4.0), threshold);
    CHECK(large.sizingRadiusMm == 4.0);
}

TEST_CASE("a lumen joined on one side does not size the clot", "[embolism][unit]") {
    // The 4 mm tube merged over its whole length with a second 4 mm lumen centred 7.2 mm off its axis
    // (a funnel or a neighbour joined without a resolved wall): the rays towards it (about a third of
    // the directions) run on, the median stays the tube's own calibre. The section's area (the blood
    // core connected to the centre, clot_occlusion.h) would count both lumina.
    const tv::EmbolismParams p;
    tv::CtVolume ct = tube(4.0);
    for (int k = 0; k < 41; ++k)
        for (int j = 0; j < 61; ++j)
            for (int i = 0; i < 61; ++i)
                if (std::hypot(j - 37.2, k - 20.0) <= 4.0) ct.hu.at(i, j, k) = static_cast<std::int16_t>(kBlood);
    const tv::SiteSectionSize joined = tv::measureSiteSectionSize(tv::detectorSmoothedView(ct, p), site(2.0),
                                                                  tv::lumenThresholdFor(kBlood, p));
    const tv::SiteSectionSize alone = tv::measureSiteSectionSize(tv::detectorSmoothedView(tube(4.0), p), site(2.0),
                                                                 tv::lumenThresholdFor(kBlood, p));
    CHECK(joined.medianRayMm == alone.medianRayMm);
    CHECK(joined.medianRayMm > 3.5);
    CHECK(joined.medianRayMm <= 4.0);
}

TEST_CASE("the truth-quality guard needs a mean inserted HU below the threshold and 8 mm3 of truth", "[embolism][unit]") {
    const tv::EmbolismParams p;
    const double threshold = tv::lumenThresholdFor(kBlood, p);  // 255 HU
    tv::CtVolume ct = tube(4.0);
    const auto clot = [&](int half, std::int16_t hu) {  // a (2 half + 1)^3 mm block at the centre, set to hu
        tv::CtVolume c = ct;
        std::vector<std::size_t> voxels;
        for (int k = 20 - half; k <= 20 + half; ++k)
            for (int j = 30 - half; j <= 30 + half; ++j)
                for (int i = 30 - half; i <= 30 + half; ++i) {
                    c.hu.at(i, j, k) = hu;
                    voxels.push_back(c.hu.offset(i, j, k));
                }
        return tv::assessClotVisibility(c, voxels, tv::detectorSmoothedView(c, p), threshold);
    };
    const tv::ClotVisibility dark = clot(1, 55);  // 27 mm3 of thrombus
    CHECK(dark.visible);
    CHECK(dark.truthVolumeMm3 == 27.0);
    CHECK(dark.meanInsertedHu == 55.0);
    const tv::ClotVisibility bright = clot(1, 300);  // 27 mm3 at 300 HU: above the threshold
    CHECK_FALSE(bright.visible);
    CHECK(bright.reason == "mean inserted HU not below the lumen threshold");
    const tv::ClotVisibility speck = clot(0, 55);  // 1 mm3
    CHECK_FALSE(speck.visible);
    CHECK(speck.reason == "truth volume below the minimum");
}

TEST_CASE("a tiny clot is reported apart and sized from the lumen rays it is a visible defect", "[embolism][unit]") {
    // pa-crop's 1.5 mm grid; a site radius of 1 mm in an artery of 4 mm, whose blood the site measured
    // at 400 HU (VesselSite::bloodHu is the median of the smoothed lumen within the site radius, below
    // the raw blood at the centre of a thin artery; the insertion darkens a voxel by w x f x (clot -
    // site blood), so such a clot's few voxels stay bright: pa-crop round 3 clot 4, mean 336 HU).
    const tv::CtVolume bg = tube(4.0, 1.5);
    // Site-sized (0.55 mm across-radius): three voxels in partial volume.
    const tv::RoundPlacement tiny = placeCentral(bg, site(1.0, 400), tv::ClotSizing::Site);
    REQUIRE(tiny.clots.size() == 1);
    const tv::ClotVisibility v = visibility(tiny);
    CAPTURE(tiny.clots[0].truthVoxels, v.meanInsertedHu, v.truthVolumeMm3);
    CHECK(tiny.clots[0].truthVoxels == 3);
    CHECK_FALSE(v.visible);
    CHECK(v.reason == "mean inserted HU not below the lumen threshold");
    // Sized at the same site (the floor, 3.64 mm: a 2 mm central cross radius): a visible defect.
    const tv::RoundPlacement sized = placeCentral(bg, site(1.0, 400), tv::ClotSizing::Section);
    REQUIRE(sized.clots.size() == 1);
    CHECK(sized.clots[0].spec.sizingRadiusMm == Approx(2.0 / 0.55));
    const tv::ClotVisibility w = visibility(sized);
    CAPTURE(sized.clots[0].truthVoxels, w.meanInsertedHu, w.truthVolumeMm3);
    CHECK(w.visible);
    CHECK(w.reason.empty());
}
