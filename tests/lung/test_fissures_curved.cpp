// Curved fissure fit (detectFissures) on a synthetic lung whose fissure is a known curved sheet:
// the lobe split is checked voxel by voxel against the true surface.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>

#include "lung/fissures.h"
#include "lung/lung_params.h"
#include "lung/lung_regions.h"
#include "test_support.h"

namespace {

constexpr int kN = 90;            // grid of 90^3 voxels of 1 mm
constexpr int kLo = 5, kHi = 85;  // left lung (label 1): the box [5, 85) on every axis
constexpr double kSpan = kHi - 1 - kLo;

struct Phantom {
    tv::Image<std::int16_t> hu;
    tv::LabelMap labels;
    std::array<tv::LungExtent, 2> ext;
};

// Aerated lung at -850 HU with a bright sheet (+300 HU, Gaussian profile of sd 1 mm across the sheet)
// on the surface v = height(u) in the lung's normalised coordinates; fissure-like in thickness and
// contrast (the plate test needs -30 HU/mm^2, the sheet's centre gives about -300).
Phantom sheetPhantom(const std::function<double(double)>& height, const std::function<double(double)>& slope) {
    const tv::ImageGeometry g = tvtest::grid(kN, kN, kN, 1.0, 1.0, 1.0);
    Phantom ph{tv::Image<std::int16_t>(g, -850), tv::LabelMap(g, 0), {}};
    for (int k = kLo; k < kHi; ++k)
        for (int j = kLo; j < kHi; ++j)
            for (int i = kLo; i < kHi; ++i) {
                ph.labels.at(i, j, k) = 1;
                const double u = (j - kLo) / kSpan;
                // Distance (mm) from the sheet: vertical offset over the gradient norm of k - kSpan*height(u).
                const double dist = (k - kLo - kSpan * height(u)) / std::sqrt(1.0 + slope(u) * slope(u));
                ph.hu.at(i, j, k) = static_cast<std::int16_t>(std::lround(-850.0 + 300.0 * std::exp(-0.5 * dist * dist)));
            }
    const tv::AxialFrame frame;  // identity grid: +i left, +j posterior, +k superior
    ph.ext = {tv::lungExtent(ph.labels, 1, frame), tv::lungExtent(ph.labels, 2, frame)};
    return ph;
}

struct Split {
    long wrongOutsideShell = 0;  // voxels more than half a voxel from the sheet in the wrong lobe
    long wrong = 0;              // all voxels in the wrong lobe
};

Split compare(const Phantom& ph, const tv::FissureSet& f, const std::function<double(double)>& height) {
    Split s;
    const tv::LungExtent& e = ph.ext[tv::kLeft];
    for (int k = kLo; k < kHi; ++k)
        for (int j = kLo; j < kHi; ++j)
            for (int i = kLo; i < kHi; ++i) {
                const double u = e.u(j), v = e.v(k), w = e.w(i);
                const int truth = v > height(u) ? tv::kLUL : tv::kLLL;
                if (tv::lobeAt(tv::kLeft, u, v, w, f, 0.6) == truth) continue;
                ++s.wrong;
                s.wrongOutsideShell += std::abs(v - height(u)) * kSpan > 0.5;
            }
    return s;
}

}  // namespace

TEST_CASE("fissures: a curved oblique fissure is fitted as a quadratic and splits the lobes to the voxel", "[lung][lobes]") {
    // Concave-upward sheet near the left oblique prior (v = 0.05 + 0.6 u): the best plane misses it
    // by up to 0.3 / 8 = 0.0375 of the height (3 voxels).
    auto height = [](double u) { return 0.10 + 0.45 * u + 0.30 * u * u; };
    auto slope = [](double u) { return 0.45 + 0.60 * u; };
    const Phantom ph = sheetPhantom(height, slope);
    const tv::LungOpacityParams p;
    const tv::FissureSet f = tv::detectFissures(ph.hu, ph.labels, ph.ext, p, tv::neverCancel());
    const tv::FissureSurface& s = f.leftOblique;
    REQUIRE(s.method == "fissure");
    CHECK(s.shape == "quadratic");
    CHECK(std::abs(s.a - 0.10) < 0.01);
    CHECK(std::abs(s.b - 0.45) < 0.03);
    CHECK(std::abs(s.d - 0.30) < 0.03);
    CHECK(std::abs(s.c) < 0.01);
    CHECK(std::abs(s.e) < 0.02);
    CHECK(std::abs(s.f) < 0.02);
    // The right lung is absent: its fissures stay the geometric prior.
    CHECK(f.rightOblique.method == "geometric");
    CHECK(f.rightHorizontal.method == "geometric");
    const Split curved = compare(ph, f, height);
    CHECK(curved.wrongOutsideShell == 0);
    // The plane (curved fit disabled) puts whole rows of voxels into the wrong lobe.
    tv::LungOpacityParams planeOnly;
    planeOnly.fissureCurvedMinInlierGain = 0;
    const tv::FissureSet fp = tv::detectFissures(ph.hu, ph.labels, ph.ext, planeOnly, tv::neverCancel());
    CHECK(fp.leftOblique.method == "fissure");
    CHECK(fp.leftOblique.shape == "plane");
    const Split plane = compare(ph, fp, height);
    CHECK(plane.wrongOutsideShell > 20 * kN);
    UNSCOPED_INFO("wrong voxels: curved " << curved.wrong << " (" << curved.wrongOutsideShell
                                          << " outside the half-voxel shell), plane " << plane.wrong);
    CHECK(curved.wrong * 10 < plane.wrong);
}

TEST_CASE("fissures: a flat fissure stays a plane", "[lung][lobes]") {
    // A plane sheet: the quadratic gains no inliers (fissureCurvedMinInlierGain), so the plane is kept.
    auto height = [](double u) { return 0.12 + 0.55 * u; };
    auto slope = [](double) { return 0.55; };
    const Phantom ph = sheetPhantom(height, slope);
    const tv::FissureSet f = tv::detectFissures(ph.hu, ph.labels, ph.ext, tv::LungOpacityParams{}, tv::neverCancel());
    REQUIRE(f.leftOblique.method == "fissure");
    CHECK(f.leftOblique.shape == "plane");
    CHECK(f.leftOblique.d == 0.0);
    CHECK(std::abs(f.leftOblique.a - 0.12) < 0.01);
    CHECK(std::abs(f.leftOblique.b - 0.55) < 0.02);
    CHECK(compare(ph, f, height).wrongOutsideShell == 0);
}

TEST_CASE("fissures: the curved-fit parameters are validated", "[lung][lobes]") {
    tv::LungOpacityParams p;
    p.fissureCurvedHalfWidth = 0.0;
    CHECK_THROWS(p.validate());
    p = {};
    p.fissureCurvedMaxDeviation = -0.1;
    CHECK_THROWS(p.validate());
    p = {};
    p.fissureCurvedMinInlierGain = 0.0;
    CHECK_NOTHROW(p.validate());
    CHECK(tv::lungOpacityParamsFromJson(tv::toJson(p)).fissureCurvedMinInlierGain == 0.0);
}
