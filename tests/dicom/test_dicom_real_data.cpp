// Real series from ../shared/data (skipped with the reason when absent). Tolerances: geometry
// within 0.01 mm (issue 2), direction cosines within 1e-6, air outside the body within 50 HU of
// -1000, and voxel-exact agreement with dcm2niix for lossless data.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "dicom/dicom_codecs.h"
#include "dicom/dicom_header.h"
#include "dicom/dicom_pixel_decoder.h"
#include "io/volume_source.h"
#include "real_data_checks.h"
#include "test_support.h"

namespace fs = std::filesystem;
using Catch::Contains;

namespace {

void requireAgreesWithDcm2niix(const tv::CtVolume& ct, const fs::path& dir, const std::string& name) {
    const auto agreement = tvtest::compareWithDcm2niix(ct, dir, tvtest::scratchDir("dcm2niix_" + name));
    if (!agreement) {
        WARN("dcm2niix comparison not run for " << name);
        return;
    }
    INFO(name << ": compared " << agreement->compared << ", differing " << agreement->differing << ", max |diff| "
              << agreement->maxAbsDifference);
    CHECK(agreement->compared == ct.hu.voxelCount());
    CHECK(agreement->differing == 0);
}

}  // namespace

TEST_CASE("C3N-00247 loads as 512x512x99 at 0.5645 x 0.5645 x 3.0 mm, axial, as dcm2niix reads it",
          "[dicom][realdata]") {
    const auto dir = tvtest::requireSharedData("chest-ct-contrast/C3N-00247");
    tv::SeriesLoadReport report;
    const tv::CtVolume ct = tv::loadVolume(dir, {}, tv::noProgress(), tv::neverCancel(), &report);
    CHECK(report.skipped.empty());
    REQUIRE(ct.hu.size() == tv::Index3{512, 512, 99});
    const auto& g = ct.geometry();
    CHECK(g.spacing.x() == Approx(0.5645).margin(0.01));
    CHECK(g.spacing.y() == Approx(0.5645).margin(0.01));
    CHECK(g.spacing.z() == Approx(3.0).margin(0.01));
    // ImageOrientationPatient 1\0\0\0\1\0: i to the patient's left, j posterior, k superior.
    CHECK((g.direction - Eigen::Matrix3d::Identity()).cwiseAbs().maxCoeff() < 1e-6);
    CHECK((g.origin - Eigen::Vector3d(-143.2178, -287.2178, -288.0)).cwiseAbs().maxCoeff() < 0.01);
    CHECK(ct.info.modality == "CT");
    CHECK(ct.info.seriesDescription == "LUNG 3.0  B70f");
    // The 289 mm field of view is filled by the body (no air corners), so decoding is checked
    // against dcm2niix instead, voxel by voxel.
    requireAgreesWithDcm2niix(ct, dir, "c3n");
}

TEST_CASE("P001 (JPEG Lossless) decodes, air near -1000 HU, slices in the radiologists' label order",
          "[dicom][realdata]") {
    const auto dir = tvtest::requireSharedData("covid-ct-md/P001");
    const auto labels = tvtest::requireSharedData("covid-ct-md/P001-labels.csv");
    const tv::CtVolume ct = tv::loadVolume(dir);
    REQUIRE(ct.hu.size() == tv::Index3{512, 512, 148});
    CHECK(ct.geometry().spacing.x() == Approx(0.748).margin(0.01));
    CHECK(ct.geometry().spacing.z() == Approx(2.0).margin(0.01));
    for (int k : {10, 74, 140}) {
        INFO("slice " << k);
        CHECK(tvtest::cornerMedianHu(ct, k) == Approx(-1000).margin(50));
    }
    // The label file lists slices in ascending position (slice_index 0 = most inferior) with the
    // file of each: slice k of the volume must hold exactly that file's pixels.
    std::ifstream csv(labels);
    std::string line;
    std::getline(csv, line);
    int checked = 0;
    while (std::getline(csv, line)) {
        std::istringstream row(line);
        std::string index, location, z, file;
        std::getline(row, index, ',');
        std::getline(row, location, ',');
        std::getline(row, z, ',');
        std::getline(row, file, ',');
        const int k = std::stoi(index);
        if (k % 30 != 0) continue;  // a spread of slices keeps the test quick
        const tv::DicomImageHeader h = tv::readDicomImageHeader(dir / file);
        std::vector<std::int16_t> single(512 * 512);
        tv::decodeSliceToHu(h, single.data());
        INFO("slice_index " << k << " file " << file);
        CHECK(std::equal(single.begin(), single.end(), ct.hu.slice(k)));
        CHECK(ct.geometry().voxelToPatient(Eigen::Vector3d(0, 0, k)).z() == Approx(std::stod(z)).margin(0.01));
        ++checked;
    }
    CHECK(checked == 5);
    requireAgreesWithDcm2niix(ct, dir, "p001");
}

TEST_CASE("normal001 (JPEG Lossless) decodes with air near -1000 HU", "[dicom][realdata]") {
    const auto dir = tvtest::requireSharedData("covid-ct-md/normal001");
    const tv::CtVolume ct = tv::loadVolume(dir);
    REQUIRE(ct.hu.size() == tv::Index3{512, 512, 154});
    for (int k : {10, 77, 150}) {
        INFO("slice " << k);
        CHECK(tvtest::cornerMedianHu(ct, k) == Approx(-1000).margin(50));
    }
}

TEST_CASE("the JPEG 2000 series is refused naming the transfer syntax, or decoded correctly", "[dicom][realdata]") {
    const auto dir = tvtest::requireSharedData("jpeg2000-ct");
    if (!tv::canDecodeTransferSyntax("1.2.840.10008.1.2.4.90")) {
        try {
            tv::loadVolume(dir);
            FAIL("expected UnsupportedEncodingError");
        } catch (const tv::UnsupportedEncodingError& e) {
            CHECK_THAT(e.what(), Contains("1.2.840.10008.1.2.4.90") && Contains("JPEG 2000") &&
                                     Contains("cannot decode") && Contains("jpeg2000-ct/CT."));
        }
        return;
    }
    const tv::CtVolume ct = tv::loadVolume(dir);
    REQUIRE(ct.hu.size() == tv::Index3{512, 512, 20});
    CHECK(tvtest::cornerMedianHu(ct, 10) == Approx(-1000).margin(50));
    requireAgreesWithDcm2niix(ct, dir, "j2k");
}
