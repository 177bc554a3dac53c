// Hessian vesselness (bright tubes) on synthetic shapes with known answers: a vessel is marked,
// ground glass of the same size and a plate (fissure) are not.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "lung/smoothing.h"
#include "lung/vesselness.h"

namespace {

// 0.75 x 0.75 x 2 mm grid (the P001 protocol) filled with aerated lung at -850 HU plus noise.
tv::Image<std::int16_t> lungBlock(int nx, int ny, int nz) {
    tv::ImageGeometry g;
    g.size = {nx, ny, nz};
    g.spacing = {0.75, 0.75, 2.0};
    return tv::Image<std::int16_t>(g, -850);
}

void addNoise(tv::Image<std::int16_t>& img, double sd) {
    std::mt19937 rng(7);
    std::normal_distribution<double> n(0.0, sd);
    for (auto& v : img.voxels()) v = static_cast<std::int16_t>(std::lround(v + n(rng)));
}

struct Counts {
    std::size_t inside = 0, marked = 0;
};

// Candidates: every voxel of `shape`; counts how many the vessel mask marks.
template <typename Shape>
Counts run(tv::Image<std::int16_t>& img, double hu, Shape inShape) {
    tv::LabelMap cand(img.geometry(), 0);
    const auto& sp = img.geometry().spacing;
    for (int k = 0; k < img.nz(); ++k)
        for (int j = 0; j < img.ny(); ++j)
            for (int i = 0; i < img.nx(); ++i)
                if (inShape(i * sp[0], j * sp[1], k * sp[2])) img.at(i, j, k) = static_cast<std::int16_t>(hu), cand.at(i, j, k) = 1;
    addNoise(img, 15.0);
    tv::VesselnessStats st;
    const tv::LabelMap v =
        tv::vesselMask(tv::gaussianSmooth(img, 0.7), 0.7, cand, tv::LabelMap(img.geometry(), 1), tv::LungOpacityParams{},
                       st, tv::neverCancel());
    Counts c;
    for (std::size_t n = 0; n < cand.voxelCount(); ++n) c.inside += cand[n], c.marked += cand[n] && v[n];
    return c;
}

}  // namespace

TEST_CASE("Frangi bright-tube response: tube high, plate and blob low, dark tube zero", "[lung][vesselness]") {
    const tv::LungOpacityParams p;
    const double tube = tv::frangiBrightTube(0.0, -300.0, -300.0, 1.0, p);
    const double c = p.vesselnessContrastHu;
    CHECK(tube == Approx((1 - std::exp(-2.0)) * (1 - std::exp(-2.0 * 300 * 300 / (2 * c * c)))));
    CHECK(tube > p.vesselnessThreshold);
    CHECK(tv::frangiBrightTube(0.0, 0.0, -300.0, 1.0, p) == 0.0);            // plate: fissure
    CHECK(tv::frangiBrightTube(-300.0, -300.0, -300.0, 1.0, p) < 0.15);      // blob: nodule, GGO patch
    CHECK(tv::frangiBrightTube(0.0, 300.0, 300.0, 1.0, p) == 0.0);           // dark tube: airway lumen
    // Elliptical cross-section (in-plane vessel on thick slices) still counts; a weak third
    // curvature of half the others (off-centre voxel of a blob) scores lower than a tube.
    CHECK(tv::frangiBrightTube(0.0, -150.0, -300.0, 1.0, p) > p.vesselnessThreshold);
    CHECK(tv::frangiBrightTube(-150.0, -300.0, -300.0, 1.0, p) < tube);
    const auto scales = tv::vesselnessScales(p);
    REQUIRE(scales.size() == 3);
    CHECK(scales.front() == Approx(p.vesselnessMinSigmaMm));
    CHECK(scales.back() == Approx(p.vesselnessMaxSigmaMm));
    CHECK(scales[1] == Approx(std::sqrt(p.vesselnessMinSigmaMm * p.vesselnessMaxSigmaMm)));
}

TEST_CASE("vesselness marks an end-on and an in-plane vessel but not ground glass", "[lung][vesselness]") {
    SECTION("end-on vessel (along z), 6 mm across, 40 HU") {
        auto img = lungBlock(60, 60, 20);
        const Counts c = run(img, 40, [](double x, double y, double) { return std::hypot(x - 22, y - 22) <= 3.0; });
        INFO(c.marked << " of " << c.inside);
        CHECK(c.marked >= 0.9 * c.inside);
    }
    SECTION("oblique in-plane vessel, 4 mm across, 40 HU") {
        auto img = lungBlock(60, 60, 20);
        const Counts c = run(img, 40, [](double x, double y, double z) {
            return std::hypot((x - y) / std::sqrt(2.0), z - 20) <= 2.0 && x > 5 && x < 40;
        });
        INFO(c.marked << " of " << c.inside);
        // The rounded ends and the slices that only graze the tube (2 mm slices, 4 mm tube) are
        // below the lumen density after smoothing and have no vessel voxel in their own slice.
        CHECK(c.marked >= 0.7 * c.inside);
    }
    SECTION("GGO nodule 8 mm across at -600 HU (the Hessian alone would call its rim tubular)") {
        auto img = lungBlock(60, 60, 20);
        const Counts c = run(img, -600, [](double x, double y, double z) { return std::hypot(x - 22, y - 22, z - 20) <= 4.0; });
        INFO(c.marked << " of " << c.inside);
        CHECK(c.marked == 0);
    }
    SECTION("GGO sphere 20 mm across at -600 HU") {
        auto img = lungBlock(60, 60, 20);
        const Counts c = run(img, -600, [](double x, double y, double z) { return std::hypot(x - 22, y - 22, z - 20) <= 10.0; });
        INFO(c.marked << " of " << c.inside);
        CHECK(c.marked <= 0.02 * c.inside);
    }
    SECTION("fissure-like plate 2 mm thick at -700 HU") {
        auto img = lungBlock(60, 60, 20);
        const Counts c = run(img, -700, [](double x, double, double) { return std::abs(x - 22) <= 1.0; });
        INFO(c.marked << " of " << c.inside);
        CHECK(c.marked <= 0.02 * c.inside);
    }
}
