// Lobe truth of the phantom (for the lung-region and severity-score tests): lobes tile the lung
// fields exactly, sit on the right side, carry the named segmental arteries, and the fissures
// between them are visible in the CT.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "phantom_test_helpers.h"

using namespace phantomtest;  // test file only

TEST_CASE("phantom lobes tile the lung fields and add up to the lung volume", "[phantom][lung]") {
    const tv::ChestPhantom& ph = defaultPhantom();
    REQUIRE(ph.lobes.geometry().sameGrid(ph.truth.geometry()));
    std::size_t mismatched = 0;
    for (std::size_t n = 0; n < ph.lobes.voxelCount(); ++n) {
        const std::uint8_t lobe = ph.lobes[n], field = ph.lungs[n];
        const bool ok = field == tv::kNoLungField ? lobe == tv::kNoLobe
                        : field == tv::kRightLungField
                            ? (lobe == tv::kRul || lobe == tv::kRml || lobe == tv::kRll)
                            : (lobe == tv::kLul || lobe == tv::kLll);
        mismatched += ok ? 0 : 1;
    }
    CHECK(mismatched == 0);
    const double right = ph.lobeVolumeMl[tv::kRul] + ph.lobeVolumeMl[tv::kRml] + ph.lobeVolumeMl[tv::kRll];
    const double left = ph.lobeVolumeMl[tv::kLul] + ph.lobeVolumeMl[tv::kLll];
    CHECK(right == Approx(ph.rightLungVolumeMl));
    CHECK(left == Approx(ph.leftLungVolumeMl));
    // The middle lobe is the smallest; every lobe holds a real share of its lung.
    for (int lobe = tv::kRul; lobe <= tv::kLll; ++lobe) {
        INFO(tv::phantomLobeName(lobe) << " " << ph.lobeVolumeMl[static_cast<std::size_t>(lobe)] << " mL");
        CHECK(ph.lobeVolumeMl[static_cast<std::size_t>(lobe)] > 200.0);
        if (lobe != tv::kRml)
            CHECK(ph.lobeVolumeMl[static_cast<std::size_t>(lobe)] > ph.lobeVolumeMl[tv::kRml]);
    }
    // Opacity per lobe adds up to the total; the patches sit in RLL, LLL and RML, not the upper lobes.
    double opacity = 0;
    for (int lobe = tv::kRul; lobe <= tv::kLll; ++lobe)
        opacity += ph.lobeOpacityMl[static_cast<std::size_t>(lobe)];
    CHECK(opacity == Approx(ph.ggoVolumeMl + ph.consolidationVolumeMl));
    CHECK(ph.lobeOpacityMl[tv::kRll] > 0.0);
    CHECK(ph.lobeOpacityMl[tv::kLll] > 0.0);
    CHECK(ph.lobeOpacityMl[tv::kRml] > 0.0);
    CHECK(ph.lobeOpacityMl[tv::kRul] == 0.0);
    CHECK(ph.lobeOpacityMl[tv::kLul] == 0.0);
    CHECK(tv::toJson(ph).at("lobes").at("RML").at("volume_ml").get<double>() == ph.lobeVolumeMl[tv::kRml]);
}

TEST_CASE("phantom segmental arteries end in the lobe they are named after", "[phantom][lung]") {
    const tv::ChestPhantom& ph = defaultPhantom();
    int checked = 0;
    for (const tv::PhantomVesselSegment& s : ph.arteries) {
        if (s.level != "segmental") continue;
        const std::string lobeName = s.name.substr(0, s.name.find(' '));
        const std::string expected = lobeName == "lingula" ? "LUL" : lobeName;
        const Eigen::Vector3d v = ph.lobes.geometry().patientToVoxel(s.endLps);
        const int lobe =
            ph.lobes.at(static_cast<int>(std::lround(v.x())), static_cast<int>(std::lround(v.y())),
                        static_cast<int>(std::lround(v.z())));
        INFO(s.name);
        CHECK(tv::phantomLobeName(lobe) == expected);
        ++checked;
    }
    CHECK(checked == 20);
}

TEST_CASE("phantom fissures are visible: parenchyma at lobe borders is denser", "[phantom][lung]") {
    const tv::ChestPhantom& ph = defaultPhantom();
    const tv::LabelMap& lobes = ph.lobes;
    double borderSum = 0, interiorSum = 0;
    std::size_t border = 0, interior = 0;
    for (int k = 1; k + 1 < lobes.nz(); ++k)
        for (int j = 1; j + 1 < lobes.ny(); ++j)
            for (int i = 1; i + 1 < lobes.nx(); ++i) {
                const std::uint8_t l = ph.truth.at(i, j, k);
                if (l != tv::kRightLung && l != tv::kLeftLung) continue;
                const std::uint8_t lobe = lobes.at(i, j, k);
                bool nearOther = false, allSame = true;
                for (int dk = -1; dk <= 1; ++dk)
                    for (int dj = -1; dj <= 1; ++dj)
                        for (int di = -1; di <= 1; ++di) {
                            const std::uint8_t o = lobes.at(i + di, j + dj, k + dk);
                            if (o != lobe) allSame = false;
                            if (o != lobe && o != tv::kNoLobe) nearOther = true;
                        }
                const double hu = ph.ct.hu.at(i, j, k);
                if (nearOther) {
                    borderSum += hu;
                    ++border;
                } else if (allSame) {
                    interiorSum += hu;
                    ++interior;
                }
            }
    REQUIRE(border > 1000);
    REQUIRE(interior > 100000);
    const double borderMean = borderSum / static_cast<double>(border),
                 interiorMean = interiorSum / static_cast<double>(interior);
    INFO("border mean " << borderMean << " HU, interior mean " << interiorMean << " HU");
    CHECK(borderMean > interiorMean + 60.0);
}
