// Ground truth of the phantom: HU per structure, emboli, switches, determinism, noise, errors.
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <ctime>
#include <iostream>
#include <set>

#include "phantom_test_helpers.h"
#include "util/errors.h"

using namespace phantomtest;  // test file only

TEST_CASE("phantom HU inside each structure lies in its clinical band (median)", "[phantom]") {
    const tv::ChestPhantom& ph = defaultPhantom();
    // Bands: shared/notes/clinical-reference.md (CT numbers table); the phantom's nominal values
    // lie inside them, and blur + noise (sigma 15 HU) must not move the median out.
    CHECK(medianHu(ph, tv::kRightLung) >= -900);
    CHECK(medianHu(ph, tv::kRightLung) <= -800);
    CHECK(medianHu(ph, tv::kLeftLung) >= -900);
    CHECK(medianHu(ph, tv::kLeftLung) <= -800);
    CHECK(medianHu(ph, tv::kAirway) <= -900);
    CHECK(medianHu(ph, tv::kPulmonaryArtery) >= 340);  // nominal 400, thin branches lose some to blur
    CHECK(medianHu(ph, tv::kPulmonaryArtery) <= 430);
    CHECK(medianHu(ph, tv::kEmbolus) >= 20);  // acute thrombus +20 to +100
    CHECK(medianHu(ph, tv::kEmbolus) <= 100);
    CHECK(medianHu(ph, tv::kGgo) >= -750);  // GGO -750 to -300
    CHECK(medianHu(ph, tv::kGgo) <= -300);
    CHECK(medianHu(ph, tv::kConsolidation) >= -300);  // consolidation -300 to +50
    CHECK(medianHu(ph, tv::kConsolidation) <= 50);
    CHECK(medianHu(ph, tv::kBone) >= 400);
    CHECK(medianHu(ph, tv::kBone) <= 700);
    CHECK(medianHu(ph, tv::kSoftTissue) >= 20);  // soft tissue +20 to +60
    CHECK(medianHu(ph, tv::kSoftTissue) <= 60);
    CHECK(medianHu(ph, tv::kFat) >= -150);
    CHECK(medianHu(ph, tv::kFat) <= -50);
    // Systemic side (aorta, pulmonary veins) at the automatic level 40 + 0.45 * (400 - 40) = 202.
    CHECK(ph.systemicEnhancementHu == Approx(202.0));
    CHECK(std::abs(medianHu(ph, tv::kAorta) - 202.0) <= 15.0);
    CHECK(medianHu(ph, tv::kPulmonaryVein) < medianHu(ph, tv::kPulmonaryArtery) - 100);
}

TEST_CASE("non-contrast phantom: blood at unenhanced HU", "[phantom]") {
    tv::ChestPhantomParams p;
    p.paEnhancementHu = 40;
    const tv::ChestPhantom ph = tv::makeChestPhantom(p);
    CHECK(medianHu(ph, tv::kPulmonaryArtery) >= 20);
    CHECK(medianHu(ph, tv::kPulmonaryArtery) <= 60);
    CHECK(medianHu(ph, tv::kAorta) >= 20);
    CHECK(medianHu(ph, tv::kAorta) <= 60);
    // Same anatomy and truth as the CTPA-like default: only the HU change.
    CHECK(ph.truth.voxels() == defaultPhantom().truth.voxels());
}

TEST_CASE("phantom emboli: one component each, inside the arteries, as reported", "[phantom][embolism]") {
    const tv::ChestPhantom& ph = defaultPhantom();
    REQUIRE(ph.emboli.size() == 4);
    const auto comps = components(ph.truth, tv::kEmbolus);
    REQUIRE(comps.size() == ph.emboli.size());
    const double voxelMm3 = ph.truth.geometry().voxelVolumeMm3();
    std::set<std::string> levels, sides, kinds;
    int occlusive = 0;
    for (const tv::PhantomEmbolus& e : ph.emboli) {
        levels.insert(e.level);
        sides.insert(e.side);
        kinds.insert(e.kind);
        occlusive += e.occlusive ? 1 : 0;
        CHECK(e.volumeMm3 == Approx(static_cast<double>(e.voxelCount) * voxelMm3));
        CHECK(e.voxelCount >= 4);  // even the smallest is visible on this grid
        // Exactly one component has this embolus's centroid and voxel count.
        int matches = 0;
        for (const auto& comp : comps) {
            Eigen::Vector3d sum = Eigen::Vector3d::Zero();
            for (std::size_t o : comp) sum += lpsOf(ph.truth, o);
            if (comp.size() == e.voxelCount &&
                (sum / static_cast<double>(comp.size()) - e.centerLps).norm() < 1e-6)
                ++matches;
        }
        CHECK(matches == 1);
    }
    CHECK(levels == std::set<std::string>{"central", "lobar", "segmental"});
    CHECK(sides == std::set<std::string>{"left", "right"});
    CHECK(kinds == std::set<std::string>{"central", "eccentric", "occlusive"});
    CHECK(occlusive == 1);

    // Every clot voxel lies inside the lumen of an artery segment of the reported tree.
    for (const auto& comp : comps)
        for (std::size_t o : comp) {
            const Eigen::Vector3d p = lpsOf(ph.truth, o);
            bool inside = false;
            for (const tv::PhantomVesselSegment& s : ph.arteries) inside = inside || s.contains(p, 1e-9);
            REQUIRE(inside);
        }

    // The central defect is surrounded by contrast: its face neighbours are lumen or clot only.
    const tv::LabelMap& t = ph.truth;
    for (const tv::PhantomEmbolus& e : ph.emboli) {
        const Eigen::Vector3d c = t.geometry().patientToVoxel(e.centerLps);
        const std::size_t seed =
            t.offset(static_cast<int>(std::lround(c.x())), static_cast<int>(std::lround(c.y())),
                     static_cast<int>(std::lround(c.z())));
        if (e.level != "central") continue;
        REQUIRE(t[seed] == tv::kEmbolus);
        const auto* comp = &comps.front();
        for (const auto& cc : comps)
            if (std::find(cc.begin(), cc.end(), seed) != cc.end()) comp = &cc;
        const int nx = t.nx(), ny = t.ny();
        for (std::size_t o : *comp) {
            const int i = static_cast<int>(o % static_cast<std::size_t>(nx));
            const int j = static_cast<int>((o / static_cast<std::size_t>(nx)) % static_cast<std::size_t>(ny));
            const int k = static_cast<int>(o / (static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny)));
            for (const auto& d :
                 {std::array<int, 3>{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}}) {
                const std::uint8_t l = t.at(i + d[0], j + d[1], k + d[2]);
                REQUIRE((l == tv::kEmbolus || l == tv::kPulmonaryArtery));
            }
        }
    }
    // The clot is darker than the lumen around it by far more than the noise.
    CHECK(medianHu(ph, tv::kEmbolus) < medianHu(ph, tv::kPulmonaryArtery) - 250);
}

TEST_CASE("phantom artery tree: 10 segmental arteries per lung, all ending inside the lung", "[phantom]") {
    const tv::ChestPhantom& ph = defaultPhantom();
    int right = 0, left = 0;
    for (const tv::PhantomVesselSegment& s : ph.arteries) {
        if (s.level != "segmental") continue;
        (s.side == "right" ? right : left) += 1;
        const Eigen::Vector3d v = ph.lungs.geometry().patientToVoxel(s.endLps);
        const std::uint8_t field =
            ph.lungs.at(static_cast<int>(std::lround(v.x())), static_cast<int>(std::lround(v.y())),
                        static_cast<int>(std::lround(v.z())));
        INFO(s.name);
        CHECK(field == (s.side == "right" ? tv::kRightLungField : tv::kLeftLungField));
    }
    CHECK(right == 10);
    CHECK(left == 10);
}

TEST_CASE("phantom lung field holds only intrapulmonary structures", "[phantom][lung]") {
    const tv::ChestPhantom& ph = defaultPhantom();
    const std::set<int> allowed{tv::kRightLung,       tv::kLeftLung,      tv::kAirway,
                                tv::kPulmonaryArtery, tv::kEmbolus,       tv::kGgo,
                                tv::kConsolidation,   tv::kPulmonaryVein, tv::kAirwayWall};
    std::size_t wrongSide = 0, notAllowed = 0;
    for (std::size_t n = 0; n < ph.truth.voxelCount(); ++n) {
        if (ph.lungs[n] == tv::kNoLungField) continue;
        notAllowed += allowed.count(ph.truth[n]) ? 0 : 1;
        if (ph.truth[n] == tv::kRightLung && ph.lungs[n] != tv::kRightLungField) ++wrongSide;
        if (ph.truth[n] == tv::kLeftLung && ph.lungs[n] != tv::kLeftLungField) ++wrongSide;
    }
    CHECK(notAllowed == 0);
    CHECK(wrongSide == 0);
}

TEST_CASE("phantom lesion switches remove exactly the lesion voxels", "[phantom]") {
    const tv::ChestPhantom& base = defaultPhantom();
    tv::ChestPhantomParams p;
    p.withEmboli = false;
    p.withGgo = false;
    p.withConsolidation = false;
    const tv::ChestPhantom clean = tv::makeChestPhantom(p);
    CHECK(clean.emboli.empty());
    CHECK(clean.ggoVolumeMl == 0.0);
    CHECK(clean.consolidationVolumeMl == 0.0);
    CHECK(clean.embolusVolumeMl == 0.0);
    // Clot replaced lumen; opacities replaced parenchyma; the lung fields are untouched.
    CHECK(clean.pulmonaryArteryVolumeMl == Approx(base.pulmonaryArteryVolumeMl + base.embolusVolumeMl));
    CHECK(clean.lungs.voxels() == base.lungs.voxels());
    std::size_t changed = 0;
    for (std::size_t n = 0; n < base.truth.voxelCount(); ++n) {
        if (base.truth[n] == clean.truth[n]) continue;
        ++changed;
        const std::uint8_t b = base.truth[n], c = clean.truth[n];
        const bool clot = b == tv::kEmbolus && c == tv::kPulmonaryArtery;
        const bool opacity =
            (b == tv::kGgo || b == tv::kConsolidation) && (c == tv::kRightLung || c == tv::kLeftLung);
        REQUIRE((clot || opacity));
    }
    const double voxelMl = base.truth.geometry().voxelVolumeMm3() / 1000.0;
    CHECK(static_cast<double>(changed) * voxelMl ==
          Approx(base.embolusVolumeMl + base.ggoVolumeMl + base.consolidationVolumeMl));
}

TEST_CASE("phantom opacity extent scales involvement, still inside the lungs", "[phantom][lung]") {
    const tv::ChestPhantom& base = defaultPhantom();
    double previous = base.involvementPercent();
    for (double extent : {2.0, 3.0}) {
        tv::ChestPhantomParams p;
        p.opacityExtent = extent;
        const tv::ChestPhantom ph = tv::makeChestPhantom(p);
        std::cout << "opacityExtent " << extent << ": involvement " << ph.involvementPercent() << "% (GGO "
                  << ph.ggoVolumeMl << " mL, consolidation " << ph.consolidationVolumeMl << " mL)\n";
        CHECK(ph.involvementPercent() > previous + 5.0);
        previous = ph.involvementPercent();
        CHECK(ph.lungs.voxels() == base.lungs.voxels());  // the lungs themselves do not change
        std::size_t outside = 0;
        for (std::size_t n = 0; n < ph.truth.voxelCount(); ++n)
            if ((ph.truth[n] == tv::kGgo || ph.truth[n] == tv::kConsolidation) &&
                ph.lungs[n] == tv::kNoLungField)
                ++outside;
        CHECK(outside == 0);
        CHECK(ph.rightGgoVolumeMl + ph.leftGgoVolumeMl == Approx(ph.ggoVolumeMl));
    }
    CHECK(base.involvementPercent() > 1.0);
    CHECK(base.involvementPercent() < 4.0);
}

TEST_CASE("phantom is deterministic for a seed, and the seed changes only the noise", "[phantom]") {
    tv::ChestPhantomParams p;
    p.size = {96, 96, 40};
    p.spacing = {3.6, 3.6, 7.0};
    const tv::ChestPhantom a = tv::makeChestPhantom(p);
    const tv::ChestPhantom b = tv::makeChestPhantom(p);
    CHECK(a.ct.hu.voxels() == b.ct.hu.voxels());
    CHECK(a.truth.voxels() == b.truth.voxels());
    p.seed = 2;
    const tv::ChestPhantom c = tv::makeChestPhantom(p);
    CHECK(c.truth.voxels() == a.truth.voxels());
    std::size_t differ = 0;
    for (std::size_t n = 0; n < a.ct.hu.voxelCount(); ++n) differ += a.ct.hu[n] != c.ct.hu[n] ? 1 : 0;
    CHECK(static_cast<double>(differ) > 0.8 * static_cast<double>(a.ct.hu.voxelCount()));
}

TEST_CASE("phantom noise has the requested standard deviation and in-plane correlation", "[phantom]") {
    const tv::ChestPhantom& ph = defaultPhantom();
    // Uniform soft tissue below the heart: lowest two slices, x in [-60, 60], y in [-80, 20] mm.
    const auto& g = ph.ct.geometry();
    double sum = 0, sum2 = 0, cross = 0;
    std::size_t n = 0;
    for (int k = 0; k < 2; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i + 1 < g.size[0]; ++i) {
                const Eigen::Vector3d p = g.voxelToPatient(Eigen::Vector3d(i, j, k));
                if (std::abs(p.x()) > 60 || p.y() < -80 || p.y() > 20) continue;
                REQUIRE(ph.truth.at(i, j, k) == tv::kSoftTissue);
                const double v = ph.ct.hu.at(i, j, k) - 40.0, w = ph.ct.hu.at(i + 1, j, k) - 40.0;
                sum += v;
                sum2 += v * v;
                cross += v * w;
                ++n;
            }
    const double mean = sum / static_cast<double>(n);
    const double var = sum2 / static_cast<double>(n) - mean * mean;
    CHECK(std::abs(mean) < 1.0);
    CHECK(std::sqrt(var) == Approx(15.0).epsilon(0.05));
    // [1 2 1] smoothing gives a correlation of 4/6 between horizontal neighbours.
    CHECK((cross / static_cast<double>(n) - mean * mean) / var == Approx(4.0 / 6.0).margin(0.05));
}

TEST_CASE("phantom rejects invalid parameters and honours cancellation", "[phantom]") {
    tv::ChestPhantomParams p;
    p.size = {0, 10, 10};
    CHECK_THROWS_AS(tv::makeChestPhantom(p), tv::InvalidArgumentError);
    p = {};
    p.spacing = {1, -1, 1};
    CHECK_THROWS_AS(tv::makeChestPhantom(p), tv::InvalidArgumentError);
    p = {};
    p.opacityExtent = 0;
    CHECK_THROWS_AS(tv::makeChestPhantom(p), tv::InvalidArgumentError);
    p = {};
    p.noiseSigmaHu = -1;
    CHECK_THROWS_AS(tv::makeChestPhantom(p), tv::InvalidArgumentError);
    tv::CancelFlag cancel;
    cancel.cancel();
    CHECK_THROWS_AS(tv::makeChestPhantom(tv::ChestPhantomParams{}, tv::noProgress(), cancel),
                    tv::CancelledError);
}

TEST_CASE("phantom JSON carries the parameters and the truth summary", "[phantom]") {
    const tv::ChestPhantom& ph = defaultPhantom();
    const nlohmann::json params = tv::toJson(tv::ChestPhantomParams{});
    CHECK(params.at("pa_enhancement_hu").get<double>() == 400.0);
    CHECK(params.at("size").get<std::vector<int>>() == std::vector<int>{256, 256, 96});
    const nlohmann::json j = tv::toJson(ph);
    CHECK(j.at("synthetic").get<bool>());
    CHECK(j.at("lungs").at("total_ml").get<double>() == ph.lungVolumeMl);
    CHECK(j.at("opacity").at("ggo_ml").get<double>() == ph.ggoVolumeMl);
    CHECK(j.at("emboli").size() == ph.emboli.size());
    CHECK(j.at("emboli").at(2).at("occlusion").get<std::string>() ==
          (ph.emboli[2].occlusive ? "complete" : "partial"));
    CHECK(j.at("arteries").size() == ph.arteries.size());
    CHECK(j.at("labels").at("5").get<std::string>() == "embolus");
}

TEST_CASE("phantom generation time on the default grid", "[phantom][speed]") {
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    const tv::ChestPhantom ph = tv::makeChestPhantom(tv::ChestPhantomParams{});
    const double cpuMs = 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;  // all threads
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "phantom 256x256x96 generated in " << ms << " ms wall, " << cpuMs << " ms CPU\n";
    // Goal < 1 s on one idle core; the bound leaves room for a loaded CI machine.
    CHECK(ms < 4000.0);
    CHECK(ph.ct.hu.voxelCount() == 256u * 256u * 96u);
}
