// The synthetic chest phantom is the known answer other tests rely on, so its own answers are
// checked exactly: grid, orientation and label volumes here; HU, emboli, switches and determinism
// in test_phantom_truth.cpp; lobes in test_phantom_lobes.cpp.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "phantom_test_helpers.h"

using namespace phantomtest;  // test file only

TEST_CASE("phantom grid is centred, LPS-aligned and labelled synthetic", "[phantom]") {
    const tv::ChestPhantom& ph = defaultPhantom();
    const tv::ImageGeometry& g = ph.ct.geometry();
    CHECK(g.size == tv::Index3{256, 256, 96});
    CHECK(g.spacing.isApprox(Eigen::Vector3d(1.4, 1.4, 3.0)));
    CHECK(g.direction.isIdentity());
    CHECK(g.origin.x() == Approx(-0.5 * 255 * 1.4));
    CHECK(g.origin.z() == Approx(-0.5 * 95 * 3.0));
    CHECK(g.voxelToPatient(Eigen::Vector3d(127.5, 127.5, 47.5)).norm() < 1e-9);
    CHECK(ph.truth.geometry().sameGrid(g));
    CHECK(ph.lungs.geometry().sameGrid(g));
    CHECK(ph.ct.info.synthetic);
    CHECK(ph.ct.info.seriesDescription == "SYNTHETIC PHANTOM - not patient data");
    CHECK(ph.ct.info.modality == "CT");
}

TEST_CASE("phantom orientation: left lung at +x, spine posterior, heart anterior", "[phantom]") {
    const tv::ChestPhantom& ph = defaultPhantom();
    CHECK(centroid(ph, tv::kLeftLung).x() > 50.0);
    CHECK(centroid(ph, tv::kRightLung).x() < -50.0);
    const Eigen::Vector3d heart = centroid(ph, tv::kHeart);
    CHECK(heart.y() < -15.0);  // anterior
    CHECK(heart.x() > 0.0);    // apex to the patient's left
    CHECK(heart.z() < -30.0);  // lower chest
    // The vertebral body: bone on the midline is posterior (+y, larger row index j).
    const auto& g = ph.truth.geometry();
    const Eigen::Vector3d midSpine = g.patientToVoxel(Eigen::Vector3d(0, 60, 1.5));
    const Eigen::Vector3d sternumPoint = g.patientToVoxel(Eigen::Vector3d(0, -100, 1.5));
    const int k = static_cast<int>(std::lround(midSpine.z()));
    int boneJ = -1;
    for (int j = g.size[1] - 1; j >= 0 && boneJ < 0; --j)
        if (ph.truth.at(static_cast<int>(std::lround(midSpine.x())), j, k) == tv::kBone) boneJ = j;
    CHECK(boneJ > 128 + 20);
    CHECK(ph.truth.at(static_cast<int>(std::lround(sternumPoint.x())),
                      static_cast<int>(std::lround(sternumPoint.y())), k) == tv::kBone);
    // Trachea on the midline, above the carina.
    CHECK(ph.truth.at(128, static_cast<int>(std::lround(g.patientToVoxel(Eigen::Vector3d(0, 3, 80)).y())),
                      static_cast<int>(std::lround(g.patientToVoxel(Eigen::Vector3d(0, 3, 80)).z()))) ==
          tv::kAirway);
}

TEST_CASE("phantom volumes equal the voxel counts of its label maps", "[phantom]") {
    const tv::ChestPhantom& ph = defaultPhantom();
    std::map<int, std::size_t> truth, lungs, ggoSide, consSide;
    for (std::size_t n = 0; n < ph.truth.voxelCount(); ++n) {
        ++truth[ph.truth[n]];
        ++lungs[ph.lungs[n]];
        if (ph.truth[n] == tv::kGgo) ++ggoSide[ph.lungs[n]];
        if (ph.truth[n] == tv::kConsolidation) ++consSide[ph.lungs[n]];
        // Parenchyma labels and the lung field agree voxel by voxel.
        if (ph.truth[n] == tv::kRightLung) REQUIRE(ph.lungs[n] == tv::kRightLungField);
        if (ph.truth[n] == tv::kLeftLung) REQUIRE(ph.lungs[n] == tv::kLeftLungField);
    }
    const double ml = ph.truth.geometry().voxelVolumeMm3() / 1000.0;
    CHECK(ph.rightLungVolumeMl == static_cast<double>(lungs[tv::kRightLungField]) * ml);
    CHECK(ph.leftLungVolumeMl == static_cast<double>(lungs[tv::kLeftLungField]) * ml);
    CHECK(ph.lungVolumeMl == Approx(ph.rightLungVolumeMl + ph.leftLungVolumeMl).epsilon(1e-12));
    CHECK(ph.ggoVolumeMl == static_cast<double>(truth[tv::kGgo]) * ml);
    CHECK(ph.consolidationVolumeMl == static_cast<double>(truth[tv::kConsolidation]) * ml);
    CHECK(ph.embolusVolumeMl == static_cast<double>(truth[tv::kEmbolus]) * ml);
    CHECK(ph.pulmonaryArteryVolumeMl == static_cast<double>(truth[tv::kPulmonaryArtery]) * ml);
    // Every opacity voxel lies in a lung field; the per-side numbers add up.
    CHECK(ggoSide[tv::kNoLungField] == 0);
    CHECK(consSide[tv::kNoLungField] == 0);
    CHECK(ph.rightGgoVolumeMl == static_cast<double>(ggoSide[tv::kRightLungField]) * ml);
    CHECK(ph.leftGgoVolumeMl == static_cast<double>(ggoSide[tv::kLeftLungField]) * ml);
    CHECK(ph.rightConsolidationVolumeMl == static_cast<double>(consSide[tv::kRightLungField]) * ml);
    CHECK(ph.leftConsolidationVolumeMl == static_cast<double>(consSide[tv::kLeftLungField]) * ml);
    // Plausible adult sizes: lungs 2.5-6 L, right larger than left (cardiac notch).
    CHECK(ph.lungVolumeMl > 2500.0);
    CHECK(ph.lungVolumeMl < 6000.0);
    CHECK(ph.rightLungVolumeMl > ph.leftLungVolumeMl);
    CHECK(ph.ggoVolumeMl > 20.0);
    CHECK(ph.consolidationVolumeMl > 3.0);
    CHECK(ph.rightGgoVolumeMl > 0.0);
    CHECK(ph.leftGgoVolumeMl > 0.0);
    CHECK(ph.involvementPercent() ==
          Approx(100.0 * (ph.ggoVolumeMl + ph.consolidationVolumeMl) / ph.lungVolumeMl));
    // No label outside the documented enum.
    for (const auto& [label, count] : truth) CHECK(label < tv::kPhantomLabelCount);
}
