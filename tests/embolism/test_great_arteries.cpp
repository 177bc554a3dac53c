// Synthetic test with exact answers for the great-artery carving (core/embolism/great_arteries):
// a mediastinum whose heart mask covers everything, with a vertical ascending aorta touching a
// pulmonary trunk that rises at 45 degrees, and a vertical descending aorta behind them.
#include <catch2/catch.hpp>

#include <cmath>

#include "embolism/great_arteries.h"
#include "test_support.h"

namespace {

constexpr double kBlood = 450, kTissue = 40;
constexpr double kCarinaK = 80;  // valve level = 80 - 45 mm = slice 35

// Trunk centre at slice k (k 20..60): j rises 1 mm per slice (45 degrees).
double trunkJ(int k) { return 20.0 + (k - 20); }

struct Phantom {
    tv::ThoraxMasks m;
    tv::Image<float> s;
};

// A mediastinum (box i0..i1, j10..95, every slice) whose heart mask covers it all (the coarse
// opening: chambers and great vessels alike), with the HU of `hu(i, j, k)` inside the box.
template <typename Hu>
Phantom mediastinumPhantom(const tv::ImageGeometry& g, double carinaK, int i0, int i1, Hu hu) {
    Phantom ph{{}, tv::Image<float>(g, -850.0f)};
    ph.m.mediastinum = tv::Mask(g, 0);
    ph.m.denseBone = tv::Mask(g, 0);
    ph.m.heart = tv::Mask(g, 0);
    ph.m.carinaK = carinaK;
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 10; j <= 95; ++j)
            for (int i = i0; i <= i1; ++i) {
                ph.m.mediastinum.at(i, j, k) = 1;
                ph.m.heart.at(i, j, k) = 1;
                ph.s.at(i, j, k) = static_cast<float>(hu(i, j, k));
            }
    return ph;
}

Phantom makePhantom() {
    return mediastinumPhantom(tvtest::grid(100, 100, 100, 1.0, 1.0, 1.0), kCarinaK, 20, 85, [](int i, int j, int k) {
        double v = kTissue;
        if (k >= 10 && k <= 95 && std::hypot(i - 38.0, j - 35.0) <= 13.0) v = kBlood;  // ascending aorta, 26 mm
        if (std::hypot(i - 75.0, j - 82.0) <= 10.0) v = kBlood;                        // descending aorta, 20 mm
        if (k >= 20 && k <= 60 && std::hypot(i - 63.0, j - trunkJ(k)) <= 12.0) v = kBlood;  // trunk (touches the ascending aorta)
        return v;
    });
}

}  // namespace

TEST_CASE("great arteries: trunk leaves the heart mask above the valve, the aortae are found, the trunk is not aorta", "[embolism]") {
    Phantom ph = makePhantom();
    const tv::EmbolismParams p;
    const tv::GreatArteryResult r = tv::carveGreatArteries(ph.m, ph.s, 250.0, p);
    CHECK(r.valveK == Approx(35.0));
    CHECK(r.aortaTubes == 2);
    int trunkInHeart = 0, trunkInAorta = 0, trunkAboveValve = 0;
    for (int k = 20; k <= 60; ++k)
        for (int j = 0; j < 100; ++j)
            for (int i = 0; i < 100; ++i) {
                // Trunk voxels beyond the ascending aorta by more than one voxel (the disc radius is
                // estimated from the region's area, to within a voxel).
                if (std::hypot(i - 63.0, j - trunkJ(k)) > 12.0 || std::hypot(i - 38.0, j - 35.0) <= 14.0) continue;
                trunkInAorta += ph.m.aorta.at(i, j, k);
                if (k > 35) {
                    ++trunkAboveValve;
                    trunkInHeart += ph.m.heart.at(i, j, k);
                }
            }
    CHECK(trunkAboveValve > 0);
    CHECK(trunkInHeart == 0);   // searchable above the valve
    CHECK(trunkInAorta == 0);   // the trunk is never taken for aorta
    // Both aortae, over their length, lumen and wall (3 mm), are aorta; beyond the wall is not.
    for (int k : {15, 40, 60, 90}) {
        INFO("slice " << k);
        CHECK(ph.m.aorta.at(38, 35, k) == 1);
        CHECK(ph.m.aorta.at(38, 35 - 15, k) == 1);   // ascending aorta's anterior wall (radius 13 + 2)
        CHECK(ph.m.aorta.at(75, 82, k) == 1);
        CHECK(ph.m.aorta.at(75 + 12, 82, k) == 1);   // descending aorta's wall
        CHECK(ph.m.aorta.at(75, 82 - 15, k) == 0);   // 5 mm beyond its lumen
    }
    // Below the valve the heart mask is unchanged; above it, the right atrium's place (right of the
    // ascending aorta, in front of its centre) stays heart, the space behind the aorta does not.
    CHECK(ph.m.heart.at(62, 25, 30) == 1);
    CHECK(ph.m.heart.at(21, 25, 60) == 1);
    CHECK(ph.m.heart.at(21, 60, 60) == 0);
    CHECK(ph.m.heart.at(62, 70, 36) == 0);
}

TEST_CASE("great arteries: without a carina the heart mask is kept whole", "[embolism]") {
    Phantom ph = makePhantom();
    ph.m.carinaK = -1;
    const tv::EmbolismParams p;
    const tv::GreatArteryResult r = tv::carveGreatArteries(ph.m, ph.s, 250.0, p);
    CHECK(r.valveK == -1);
    CHECK(r.heartVoxelsFreed == 0);
    CHECK(ph.m.heart.at(63, trunkJ(50), 50) == 1);
    CHECK(r.aortaTubes == 2);  // the aorta is still left out of the tree
}

namespace {

// On C3N's slice spacing (1 x 1 x 3 mm): an ascending aorta (26 mm, centre i 38, j 35) and a
// descending aorta (centre i 75, j 80; 26 mm up to slice 20, 22 mm above) from slice 2 to 38; valve
// at slice 5. On slices 15 and 25 the ascending aorta's section is an ellipse of axis ratio 1.6 (it
// touches a neighbour there: fails the disc test). On slice 15 the descending aorta is wide enough to
// pass for the ascending one, on slice 25 it is not.
constexpr int kWideDescendingK = 15, kNarrowDescendingK = 25;

Phantom makeTwoAortaPhantom() {
    // Carina at slice 20: valve = 20 - 45 mm / 3 mm = slice 5.
    return mediastinumPhantom(tvtest::grid(100, 100, 40, 1.0, 1.0, 3.0), 20, 15, 95, [](int i, int j, int k) {
        double v = kTissue;
        const bool deformed = k == kWideDescendingK || k == kNarrowDescendingK;
        const double ascI = (i - 38.0) / (deformed ? 9.0 : 13.0), ascJ = (j - 35.0) / (deformed ? 14.4 : 13.0);
        if (k >= 2 && k <= 38 && ascI * ascI + ascJ * ascJ <= 1.0) v = kBlood;
        if (k >= 2 && k <= 38 && std::hypot(i - 75.0, j - 80.0) <= (k <= 20 ? 13.0 : 11.0)) v = kBlood;
        return v;
    });
}

}  // namespace

TEST_CASE("great arteries: the ascending aorta is one tube, kept on slices where its section is not round", "[embolism]") {
    Phantom ph = makeTwoAortaPhantom();
    const tv::EmbolismParams p;
    const tv::GreatArteryResult r = tv::carveGreatArteries(ph.m, ph.s, 250.0, p);
    CHECK(r.valveK == Approx(5.0));
    CHECK(r.aortaTubes == 2);
    for (int k : {10, kWideDescendingK, 20, kNarrowDescendingK, 30}) {
        INFO("slice " << k);
        // Right of and in front of the ascending aorta: the right atrium's place stays heart (on slice
        // 25, slice by slice, no ascending aorta would have been found and this freed).
        CHECK(ph.m.heart.at(18, 20, k) == 1);
        // Behind the ascending aorta's centre, right of and in front of the descending aorta (on
        // slice 15, slice by slice, the descending aorta would have been taken and this kept).
        CHECK(ph.m.heart.at(55, 60, k) == 0);
    }
}

namespace {

// 1 mm grid: an ascending aorta (28 mm, centre i 35, j 40, slices 10..95) joined on slices 20..60
// by a 12 mm wide neck (j 34..46, wider than twice the 3 mm separation erosion) to a pulmonary
// trunk (24 mm) rising at 45 degrees beside it; a descending aorta (20 mm, centre i 75, j 82) whose
// section is an ellipse of axis ratio 1.45 on slices 30..64 (pressed oval: fails the disc test,
// within the oval ratio), so that its round pieces (30 and 35 mm) are each shorter than a tube.
constexpr int kNeckFirstK = 20, kNeckLastK = 60, kOvalFirstK = 30, kOvalLastK = 64;

Phantom makeMergedPhantom() {
    return mediastinumPhantom(tvtest::grid(100, 100, 100, 1.0, 1.0, 1.0), kCarinaK, 15, 95, [](int i, int j, int k) {
        double v = kTissue;
        if (k >= 10 && k <= 95 && std::hypot(i - 35.0, j - 40.0) <= 14.0) v = kBlood;
        const bool neck = k >= kNeckFirstK && k <= kNeckLastK;
        if (neck && std::hypot(i - 70.0, j - trunkJ(k)) <= 12.0) v = kBlood;
        if (neck && j >= 34 && j <= 46 && i >= 35 && i <= 70) v = kBlood;
        const bool oval = k >= kOvalFirstK && k <= kOvalLastK;
        const double di = (i - 75.0) / (oval ? 12.0 : 10.0), dj = (j - 82.0) / (oval ? 8.3 : 10.0);
        if (di * di + dj * dj <= 1.0) v = kBlood;
        return v;
    });
}

}  // namespace

TEST_CASE("great arteries: an aorta merged with the trunk through a wide neck is parted, oval sections keep a tube", "[embolism]") {
    Phantom ph = makeMergedPhantom();
    tv::EmbolismParams p;
    p.aortaMaxErosionMm = 9.0;  // off by default (embolism_params.h)
    const tv::GreatArteryResult r = tv::carveGreatArteries(ph.m, ph.s, 250.0, p);
    CHECK(r.aortaTubes == 2);
    int trunkInAorta = 0, neckInAorta = 0;
    for (int k = kNeckFirstK; k <= kNeckLastK; ++k)
        for (int j = 0; j < 100; ++j)
            for (int i = 0; i < 100; ++i) {
                // The aorta and 2 mm beyond: at 7.5 mm erosion the chamfer distance and the area
                // equivalent radius estimate the lumen's radius to within 2 voxels.
                if (std::hypot(i - 35.0, j - 40.0) <= 16.0) continue;
                if (std::hypot(i - 70.0, j - trunkJ(k)) <= 12.0) trunkInAorta += ph.m.aorta.at(i, j, k);
                else if (j >= 34 && j <= 46 && i >= 35 && i <= 70) neckInAorta += ph.m.aorta.at(i, j, k);
            }
    CHECK(trunkInAorta == 0);
    // Only the wall band beyond the lumen may reach into the neck: its lumen is enhanced, so it stays out.
    CHECK(neckInAorta == 0);
    for (int k : {15, kNeckFirstK, 40, kNeckLastK, 80}) {
        INFO("slice " << k);
        CHECK(ph.m.aorta.at(35, 40, k) == 1);
        CHECK(ph.m.aorta.at(35, 40 - 13, k) == 1);  // lumen near the anterior wall
        CHECK(ph.m.aorta.at(35 - 13, 40, k) == 1);
    }
    for (int k : {20, kOvalFirstK, 45, kOvalLastK, 80}) {
        INFO("slice " << k);
        CHECK(ph.m.aorta.at(75, 82, k) == 1);
        CHECK(ph.m.aorta.at(75 + 9, 82, k) == 1);
    }

    // Without the further erosion the neck keeps the aorta merged over 41 mm (more than a gap), and
    // without ovals the descending aorta's round pieces are too short: the rules are what finds them.
    Phantom plain = makeMergedPhantom();
    tv::EmbolismParams noRules;
    noRules.aortaMaxErosionMm = noRules.aortaSeparationMm;
    noRules.aortaMaxOvalRatio = noRules.aortaMaxAxisRatio;
    const tv::GreatArteryResult r0 = tv::carveGreatArteries(plain.m, plain.s, 250.0, noRules);
    CHECK(r0.aortaTubes == 0);
    CHECK(plain.m.aorta.at(35, 40, 40) == 0);
    CHECK(plain.m.aorta.at(75, 82, 45) == 0);
}
