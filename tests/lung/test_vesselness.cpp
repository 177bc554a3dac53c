// Hessian vesselness (bright tubes) on synthetic shapes with known answers: a vessel is marked,
// ground glass of the same size and a plate (fissure) are not.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "lung/smoothing.h"
#include "lung/nodule_blobs.h"
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

namespace {

// A nodule (ball) with a vessel (cylinder) running into it, on the P001 grid with noise; the
// candidates are, as in the analysis, the smoothed voxels above the GGO floor. Counts the nodule's
// voxels left unmarked and the vessel's voxels outside the nodule that are marked.
struct NoduleVesselCounts {
    std::size_t nodule = 0, noduleKept = 0, vessel = 0, vesselMarked = 0, blobCells = 0;
};

template <typename InNodule, typename InVessel>
NoduleVesselCounts runNoduleAndVessel(int nz, double noduleHu, InNodule inNodule, InVessel inVessel,
                                      const tv::LungOpacityParams& p = {}) {
    auto img = lungBlock(60, 60, nz);
    const auto& sp = img.geometry().spacing;
    for (int k = 0; k < img.nz(); ++k)
        for (int j = 0; j < img.ny(); ++j)
            for (int i = 0; i < img.nx(); ++i) {
                const double x = i * sp[0], y = j * sp[1], z = k * sp[2];
                if (inVessel(x, y, z)) img.at(i, j, k) = 40;
                else if (inNodule(x, y, z)) img.at(i, j, k) = static_cast<std::int16_t>(noduleHu);
            }
    addNoise(img, 15.0);
    const auto sm = tv::gaussianSmooth(img, 0.7);
    tv::LabelMap cand(img.geometry(), 0);
    for (std::size_t n = 0; n < cand.voxelCount(); ++n) cand[n] = sm[n] >= p.ggoLowHu;
    tv::VesselnessStats st;
    const tv::LabelMap v = tv::vesselMask(sm, 0.7, cand, tv::LabelMap(img.geometry(), 1), p, st, tv::neverCancel());
    NoduleVesselCounts c;
    c.blobCells = st.noduleBlobCells;
    for (int k = 0; k < img.nz(); ++k)
        for (int j = 0; j < img.ny(); ++j)
            for (int i = 0; i < img.nx(); ++i) {
                const double x = i * sp[0], y = j * sp[1], z = k * sp[2];
                const bool marked = v.at(i, j, k) != 0;
                if (inNodule(x, y, z)) ++c.nodule, c.noduleKept += !marked;
                else if (inVessel(x, y, z)) ++c.vessel, c.vesselMarked += marked;
            }
    return c;
}

}  // namespace

TEST_CASE("nodule-scale blob test: three similar negative curvatures of enough contrast", "[lung][vesselness]") {
    const tv::LungOpacityParams p;
    CHECK(tv::isNoduleBlob(-100.0, -100.0, -100.0, 3.0, p));                       // ball centre
    CHECK_FALSE(tv::isNoduleBlob(0.0, -100.0, -100.0, 3.0, p));                    // tube axis
    CHECK_FALSE(tv::isNoduleBlob(-45.0, -100.0, -100.0, 3.0, p));                  // elongated: ratio 0.45
    CHECK(tv::isNoduleBlob(-100.0, -50.0, -100.0, 3.0, p));                        // ratio 0.5
    CHECK_FALSE(tv::isNoduleBlob(10.0, -100.0, -100.0, 3.0, p));                   // saddle
    // sigma^2 x weakest = 9 x 2.7 = 24.3 HU < 25 HU; at 3.05 mm 25.1 HU.
    CHECK_FALSE(tv::isNoduleBlob(-2.7, -3.0, -3.0, 3.0, p));
    CHECK(tv::isNoduleBlob(-2.7, -3.0, -3.0, 3.05, p));
    const auto s = tv::noduleBlobScales(p);
    REQUIRE(s.size() == 2);
    CHECK(s.front() == Approx(3.0));
    CHECK(s.back() == Approx(5.0));
}

TEST_CASE("a nodule that a vessel runs into is kept, the vessel and a vessel fork are not", "[lung][vesselness]") {
    const double cx = 22, cy = 22;
    SECTION("10 mm part-solid nodule (-400 HU), end-on vessel 3 mm across entering from below") {
        const double cz = 40;
        const auto nodule = [&](double x, double y, double z) { return std::hypot(x - cx, y - cy, z - cz) <= 5.0; };
        const auto vessel = [&](double x, double y, double z) { return std::hypot(x - cx, y - cy) <= 1.5 && z >= 4 && z <= cz; };
        const auto c = runNoduleAndVessel(30, -400, nodule, vessel);
        INFO("nodule kept " << c.noduleKept << " of " << c.nodule << ", vessel marked " << c.vesselMarked << " of "
                            << c.vessel << ", blob cells " << c.blobCells);
        CHECK(c.noduleKept >= 0.8 * c.nodule);
        CHECK(c.vesselMarked >= 0.9 * c.vessel);
        // Without the blob detector the tube test erases most of the nodule (the problem it solves).
        tv::LungOpacityParams off;
        off.noduleBlobScaleCount = 0;
        const auto o = runNoduleAndVessel(30, -400, nodule, vessel, off);
        INFO("without the blob detector: nodule kept " << o.noduleKept << " of " << o.nodule);
        CHECK(o.noduleKept < 0.5 * o.nodule);
    }
    SECTION("10 mm nodule (-400 HU), in-plane vessel 4 mm across entering from the side") {
        const double cz = 20;
        const auto nodule = [&](double x, double y, double z) { return std::hypot(x - cx, y - cy, z - cz) <= 5.0; };
        const auto vessel = [&](double x, double y, double z) { return std::hypot(y - cy, z - cz) <= 2.0 && x >= 0 && x <= cx; };
        const auto c = runNoduleAndVessel(20, -400, nodule, vessel);
        INFO("nodule kept " << c.noduleKept << " of " << c.nodule << ", vessel marked " << c.vesselMarked << " of "
                            << c.vessel << ", blob cells " << c.blobCells);
        CHECK(c.noduleKept >= 0.8 * c.nodule);
        CHECK(c.vesselMarked >= 0.7 * c.vessel);  // as the oblique in-plane vessel above (grazing slices)
    }
    SECTION("vessel bifurcation: a 5 mm parent along z forks into two 4 mm branches at +-30 degrees") {
        const double fz = 20;  // fork point
        const auto none = [](double, double, double) { return false; };
        const auto fork = [&](double x, double y, double z) {
            if (z <= fz) return std::hypot(x - cx, y - cy) <= 2.5 && z >= 4;
            const double t = std::tan(30.0 * 3.14159265358979 / 180.0);
            const double dz = z - fz;
            return z <= 52 && (std::hypot(x - (cx + t * dz), y - cy) <= 2.0 / std::cos(0.5236) ||
                               std::hypot(x - (cx - t * dz), y - cy) <= 2.0 / std::cos(0.5236));
        };
        const auto c = runNoduleAndVessel(30, -400, none, fork);
        INFO("fork marked " << c.vesselMarked << " of " << c.vessel << ", blob cells " << c.blobCells);
        CHECK(c.blobCells == 0);
        CHECK(c.vesselMarked >= 0.9 * c.vessel);
    }
}

TEST_CASE("through-plane halo: GGO-band voxels over and under an in-plane vessel go with it", "[lung][vesselness]") {
    // An in-plane vessel 6 mm across (axis at z = 20 mm: slices 9-11 of 2 mm) and, on slices 8 and
    // 12 (4 mm from the axis: outside it), a -600 HU layer over its footprint, as the slice profile
    // blurs a vessel into its neighbour slices. The in-slice halo cannot reach that layer (no vessel
    // voxel in its own slice); vesselHaloThroughPlane takes the part over the vessel's sections.
    auto perp = [](double x, double y) { return std::abs(x - y) / std::sqrt(2.0); };
    auto along = [](double x) { return x > 8 && x < 36; };
    auto inVessel = [&](double x, double y, double z) { return std::hypot(perp(x, y), z - 20) <= 3.0 && along(x); };
    auto inLayer = [&](double x, double y, double z) {
        return (std::abs(z - 16) < 0.1 || std::abs(z - 24) < 0.1) && perp(x, y) <= 3.0 && along(x);
    };
    auto layerMarked = [&](double throughPlane) {
        auto img = lungBlock(60, 60, 20);
        const auto& sp = img.geometry().spacing;
        tv::LabelMap cand(img.geometry(), 0);
        std::size_t layer = 0;
        for (int k = 0; k < img.nz(); ++k)
            for (int j = 0; j < img.ny(); ++j)
                for (int i = 0; i < img.nx(); ++i) {
                    const double x = i * sp[0], y = j * sp[1], z = k * sp[2];
                    if (inVessel(x, y, z)) img.at(i, j, k) = 40, cand.at(i, j, k) = 1;
                    else if (inLayer(x, y, z)) img.at(i, j, k) = -600, cand.at(i, j, k) = 1, ++layer;
                }
        tv::LungOpacityParams p;
        p.vesselHaloThroughPlane = throughPlane;
        tv::VesselnessStats st;
        const tv::LabelMap v = tv::vesselMask(tv::gaussianSmooth(img, 0.7), 0.7, cand, tv::LabelMap(img.geometry(), 1), p, st,
                                              tv::neverCancel());
        std::size_t marked = 0;
        for (int k = 0; k < img.nz(); ++k)
            for (int j = 0; j < img.ny(); ++j)
                for (int i = 0; i < img.nx(); ++i)
                    marked += inLayer(i * sp[0], j * sp[1], k * sp[2]) && v.at(i, j, k);
        return static_cast<double>(marked) / static_cast<double>(layer);
    };
    const double with = layerMarked(1), without = layerMarked(0);
    INFO("layer marked: " << with << " with the through-plane halo, " << without << " without");
    CHECK(without <= 0.05);
    CHECK(with >= 0.6);
}
