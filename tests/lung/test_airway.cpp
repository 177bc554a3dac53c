// Central airway label (trachea and bronchi wider than airwayMinDiameterMm) on synthetic tubes with
// exact answers: the failure modes seen on real scans (s18) - the seed on the lumen's top slice
// with a section too narrow to pass the opening (normal001), noise holes and a partial-volume rim
// in the lumen (C3N-00247, normal001), and one narrowed slice along the tube.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <sstream>

#include "lung/airway.h"
#include "lung/binary_morphology.h"
#include "test_support.h"

namespace {

constexpr int kN = 60, kSlices = 20;  // 60 x 60 x 20 voxels
constexpr double kPixelMm = 0.75, kSliceMm = 2.0;
constexpr double kTubeRadiusMm = 8.0;  // about a trachea's: the seed blob is 201 mm^2 (110-620)

// In-plane distance (mm) of pixel (i, j) from the tube's axis through the grid's centre.
double radiusMm(int i, int j) { return std::hypot((i - kN / 2) * kPixelMm, (j - kN / 2) * kPixelMm); }

struct Tube {
    tv::Image<std::int16_t> hu;
    tv::LabelMap air;  // below -400 HU: what segmentLungs passes as candidates
};

// Soft tissue (40 HU) with `huAt(i, j, k)` wherever it returns a value below 0.
Tube makeTube(const std::function<int(int, int, int)>& huAt) {
    Tube t{tv::Image<std::int16_t>(tvtest::grid(kN, kN, kSlices, kPixelMm, kPixelMm, kSliceMm), 40), {}};
    t.air = tv::LabelMap(t.hu.geometry(), 0);
    for (int k = 0; k < kSlices; ++k)
        for (int j = 0; j < kN; ++j)
            for (int i = 0; i < kN; ++i) {
                const int v = huAt(i, j, k);
                if (v < 0) t.hu.at(i, j, k) = static_cast<std::int16_t>(v);
                t.air.at(i, j, k) = t.hu.at(i, j, k) < -400 ? 1 : 0;
            }
    return t;
}

// Voxels where the label and `expected(i, j, k)` differ, listed (empty when equal).
std::string differences(const tv::LabelMap& label, const std::function<bool(int, int, int)>& expected) {
    std::ostringstream out;
    int count = 0;
    for (int k = 0; k < kSlices; ++k)
        for (int j = 0; j < kN; ++j)
            for (int i = 0; i < kN; ++i)
                if ((label.at(i, j, k) != 0) != expected(i, j, k) && count++ < 10)
                    out << "(" << i << "," << j << "," << k << ") label " << int(label.at(i, j, k)) << "; ";
    if (count) out << count << " voxels differ";
    return out.str();
}

// The round tube's sections (r <= 8 mm) as the 7 mm opening leaves them: the digital disk loses
// 8 boundary pixels per slice to the digital opening, which is not what these tests are about.
bool openedTube(int i, int j) {
    static const tv::LabelMap opened = [] {
        tv::LabelMap m(tvtest::grid(kN, kN, 1, kPixelMm, kPixelMm, kSliceMm), 0);
        for (int y = 0; y < kN; ++y)
            for (int x = 0; x < kN; ++x) m.at(x, y, 0) = radiusMm(x, y) <= kTubeRadiusMm ? 1 : 0;
        tv::openSlices(m, tv::LungOpacityParams{}.airwayMinDiameterMm / 2.0);
        return m;
    }();
    return opened.at(i, j, 0) != 0;
}

}  // namespace

TEST_CASE("airway: a seed on the lumen's top slice whose section is too narrow still labels the tube below",
          "[lung][airway]") {
    // Top slice: a flat ellipse 4.4 x 36 mm (124 mm^2: trachea-sized, so the seed is found there,
    // but narrower than the 7 mm opening); below it a round tube. Before s18 the flood started at
    // the seed, which the opening had removed: the label held the seed only (normal001).
    const Tube t = makeTube([](int i, int j, int k) {
        if (k == kSlices - 1) {
            const double x = (i - kN / 2) * kPixelMm / 2.2, y = (j - kN / 2) * kPixelMm / 18.0;
            return x * x + y * y <= 1.0 ? -1000 : 0;
        }
        return radiusMm(i, j) <= kTubeRadiusMm ? -1000 : 0;
    });
    const tv::AirwayResult r = tv::segmentAirway(t.hu, t.air, {}, tv::neverCancel());
    REQUIRE(r.found);
    CHECK(r.seed[2] == kSlices - 1);
    // Exact: the (opened) tube below the top slice, nothing of the narrow top section.
    CHECK(differences(r.central, [](int i, int j, int k) { return k < kSlices - 1 && openedTube(i, j); }) == "");
}

TEST_CASE("airway: noise holes and the partial-volume rim do not make the trachea fail the opening", "[lung][airway]") {
    // Lumen core (-1000 HU, r <= 5 mm) pierced by isolated voxels at -850 HU (above the -900 HU
    // growing threshold, one in seven, as noise does), inside a -600 HU rim out to 8 mm (air below
    // -400, partial volume with the wall). The -900 HU lumen alone is 10 mm wide and holed: the
    // 7 mm opening removed all of it before s18 (C3N-00247). The seed lies on the top slice.
    const Tube t = makeTube([](int i, int j, int k) {
        const double rr = radiusMm(i, j);
        if (rr <= 5.0) return (i + 2 * j + 3 * k) % 7 == 3 ? -850 : -1000;
        return rr <= kTubeRadiusMm ? -600 : 0;
    });
    const tv::AirwayResult r = tv::segmentAirway(t.hu, t.air, {}, tv::neverCancel());
    REQUIRE(r.found);
    CHECK(r.seed[2] == kSlices - 1);
    // Every slice, the top one included: all of the tube within 6 mm of its axis is airway (the
    // holed lumen closed, grown 2 mm through the rim, opened), nothing outside the tube's air.
    CHECK(differences(r.central, [&](int i, int j, int k) {
              const double rr = radiusMm(i, j);
              return rr <= 6.0 || (rr <= kTubeRadiusMm && r.central.at(i, j, k));
          }) == "");
}

TEST_CASE("airway: one narrowed slice along the tube does not cut the label", "[lung][airway]") {
    // Slice 10: the lumen narrows to 3 mm radius (wall around it). airwayMaxGapMm (6 mm, three 2 mm
    // slices) bridges it: the tube below is still airway, and on slice 10 exactly its lumen.
    const Tube t = makeTube([](int i, int j, int k) {
        return radiusMm(i, j) <= (k == 10 ? 3.0 : kTubeRadiusMm) ? -1000 : 0;
    });
    const tv::AirwayResult r = tv::segmentAirway(t.hu, t.air, {}, tv::neverCancel());
    REQUIRE(r.found);
    CHECK(differences(r.central, [](int i, int j, int k) { return k == 10 ? radiusMm(i, j) <= 3.0 : openedTube(i, j); }) == "");
    // Without the bridge the seed's part (slices 11-19) is all that is left.
    tv::LungOpacityParams noBridge;
    noBridge.airwayMaxGapMm = 0;
    const tv::AirwayResult cut = tv::segmentAirway(t.hu, t.air, noBridge, tv::neverCancel());
    CHECK(differences(cut.central, [](int i, int j, int k) { return k > 10 && openedTube(i, j); }) == "");
}

TEST_CASE("airway: an oblique flat section is grown to its wall contour as far as an axis-aligned one", "[lung][airway]") {
    // A flattened bronchus section (lumen core -1000 HU, semi-axes 10 x 1.3 mm, inside a -600 HU
    // partial-volume rim out to 12.3 x 5.0 mm) whose short axis runs along a diagonal of the pixel
    // grid. The core alone (2.6 mm wide) fails the 7 mm opening; grown 2 mm through the rim it is
    // wide enough. With 4-adjacent steps alone the growth reached 0.71 x as far along the diagonal:
    // the oblique label was empty for core semi-axes 1.1-1.5 mm (probe, s19), while the same tube
    // aligned with the grid passed from 0.9 mm. Both orientations must label every slice's centre.
    for (const bool oblique : {false, true}) {
        const Tube t = makeTube([&](int i, int j, int) {
            const double x = (i - kN / 2) * kPixelMm, y = (j - kN / 2) * kPixelMm;
            const double u = oblique ? (x + y) / std::sqrt(2.0) : x, v = oblique ? (x - y) / std::sqrt(2.0) : y;
            if ((u / 10.0) * (u / 10.0) + (v / 1.3) * (v / 1.3) <= 1.0) return -1000;
            return (u / 12.3) * (u / 12.3) + (v / 5.0) * (v / 5.0) <= 1.0 ? -600 : 0;
        });
        const tv::AirwayResult r = tv::segmentAirway(t.hu, t.air, {}, tv::neverCancel());
        INFO("oblique " << oblique);
        REQUIRE(r.found);
        int centres = 0;
        for (int k = 0; k < kSlices; ++k) centres += r.central.at(kN / 2, kN / 2, k) != 0;
        CHECK(centres == kSlices);
        // Nothing outside the section's air.
        CHECK(differences(r.central, [&](int i, int j, int k) { return r.central.at(i, j, k) && t.air.at(i, j, k); }) == "");
    }
}
