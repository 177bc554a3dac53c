// Loading well-formed synthetic series: ordering, geometry, rescale, encodings, several series,
// single files, progress and cancellation.
#include <catch2/catch.hpp>

#include <Eigen/Geometry>
#include <algorithm>
#include <atomic>
#include <numeric>
#include <random>

#include "dicom/dicom_scan.h"
#include "dicom/dicom_series_loader.h"
#include "io/volume_source.h"
#include "synthetic_dicom.h"
#include "test_support.h"

namespace fs = std::filesystem;
using tvtest::SeriesSpec;

namespace {

/// Every voxel equals the pattern of the true slice order.
void requirePattern(const tv::CtVolume& ct, const SeriesSpec& spec) {
    REQUIRE(ct.hu.size() == tv::Index3{spec.columns, spec.rows, spec.slices});
    std::size_t wrong = 0;
    for (int k = 0; k < spec.slices; ++k)
        for (int j = 0; j < spec.rows; ++j)
            for (int i = 0; i < spec.columns; ++i)
                if (ct.hu.at(i, j, k) != tvtest::expectedHu(spec, i, j, k)) ++wrong;
    CHECK(wrong == 0);
}

/// An oblique orientation: rotated 20 degrees about an axis off all coordinate axes.
void makeOblique(SeriesSpec& spec) {
    const Eigen::Matrix3d r = Eigen::AngleAxisd(0.35, Eigen::Vector3d(1, 2, 3).normalized()).toRotationMatrix();
    spec.rowDirection = r.col(0);
    spec.columnDirection = r.col(1);
}

}  // namespace

TEST_CASE("shuffled file names and instance numbers: slices ordered by position along the normal", "[dicom]") {
    const auto dir = tvtest::scratchDir("dicom_shuffled");
    SeriesSpec spec;
    makeOblique(spec);
    auto slices = tvtest::planSeries(dir, spec);
    // File names and InstanceNumber both disagree with the true order.
    std::mt19937 rng(7);
    std::vector<int> names(slices.size());
    std::iota(names.begin(), names.end(), 0);
    std::shuffle(names.begin(), names.end(), rng);
    for (std::size_t n = 0; n < slices.size(); ++n) {
        slices[n].file = dir / (std::string("img").append(std::to_string(names[n])).append(".dcm"));
        slices[n].instanceNumber = static_cast<int>(slices.size() - n) * 3 % 11;
    }
    tvtest::writeSlices(spec, slices);

    tv::SeriesLoadReport report;
    const tv::CtVolume ct = tv::loadVolume(dir, {}, tv::noProgress(), tv::neverCancel(), &report);
    requirePattern(ct, spec);
    CHECK(report.skipped.empty());
    const auto& g = ct.geometry();
    // PixelSpacing is (row spacing, column spacing): column spacing is the step along i.
    CHECK(g.spacing.x() == Approx(spec.columnSpacing).margin(1e-9));
    CHECK(g.spacing.y() == Approx(spec.rowSpacing).margin(1e-9));
    CHECK(g.spacing.z() == Approx(spec.sliceStep).margin(1e-6));
    CHECK((g.origin - slices.front().position).norm() < 1e-6);
    CHECK((g.direction.col(0) - spec.rowDirection).norm() < 1e-6);
    CHECK((g.direction.col(1) - spec.columnDirection).norm() < 1e-6);
    CHECK((g.direction.col(2) - tvtest::normalOf(spec)).norm() < 1e-6);
    // A voxel maps to the position the DICOM header gives for it.
    const Eigen::Vector3d expected =
        slices[6].position + 5 * spec.columnSpacing * spec.rowDirection + 9 * spec.rowSpacing * spec.columnDirection;
    CHECK((g.voxelToPatient(Eigen::Vector3d(5, 9, 6)) - expected).norm() < 1e-6);
    CHECK(ct.info.seriesInstanceUid == spec.seriesUid);
    CHECK(ct.info.modality == "CT");
    CHECK(ct.info.sourcePath == dir.string());
}

TEST_CASE("positions decreasing along the normal still give k increasing along the normal", "[dicom]") {
    const auto dir = tvtest::scratchDir("dicom_descending");
    SeriesSpec spec;
    spec.rowDirection = {0, 1, 0};      // sagittal: rows along anterior-posterior
    spec.columnDirection = {0, 0, -1};  // columns from head to feet
    auto slices = tvtest::planSeries(dir, spec);
    // Name files so that name order runs against the normal.
    for (auto& s : slices) s.file = dir / (std::string("x").append(std::to_string(100 - s.k)).append(".dcm"));
    tvtest::writeSlices(spec, slices);
    const tv::CtVolume ct = tv::loadVolume(dir);
    requirePattern(ct, spec);
    CHECK((ct.geometry().direction.col(2) - Eigen::Vector3d(-1, 0, 0)).norm() < 1e-9);
}

TEST_CASE("rescale slope 2 and intercept -1024 give HU = 2 * stored - 1024", "[dicom]") {
    const auto dir = tvtest::scratchDir("dicom_rescale");
    SeriesSpec spec;
    spec.slope = 2.0;
    spec.intercept = -1024;
    spec.bitsStored = 12;  // stored values 0..4095 -> HU -1024..7166
    tvtest::writeSeries(dir, spec);
    const tv::CtVolume ct = tv::loadVolume(dir);
    requirePattern(ct, spec);
    CHECK(ct.hu.at(31, 31, 9) == static_cast<std::int16_t>(2 * tvtest::storedValue(spec, 31, 31, 9) - 1024));
}

TEST_CASE("fractional rescale rounds to the nearest HU", "[dicom]") {
    const auto dir = tvtest::scratchDir("dicom_rescale_fraction");
    SeriesSpec spec;
    spec.slope = 0.25;
    spec.intercept = -1000.5;
    tvtest::writeSeries(dir, spec);
    requirePattern(tv::loadVolume(dir), spec);
}

TEST_CASE("12-bit signed pixels with junk above HighBit are masked and sign-extended", "[dicom]") {
    const auto dir = tvtest::scratchDir("dicom_signed12");
    SeriesSpec spec;
    spec.bitsStored = 12;
    spec.signedPixels = true;
    spec.intercept = 0;
    spec.unusedHighBits = 0xA000;  // e.g. overlay bits left in the pixel words
    tvtest::writeSeries(dir, spec);
    const tv::CtVolume ct = tv::loadVolume(dir);
    requirePattern(ct, spec);
    CHECK(ct.hu.at(0, 0, 0) == -2048);
}

TEST_CASE("compressed and alternative transfer syntaxes decode to the same voxels", "[dicom]") {
    const auto [encoding, name] = GENERATE(table<tvtest::Encoding, std::string>({
        {tvtest::Encoding::ImplicitLittle, "implicit"},
        {tvtest::Encoding::ExplicitBig, "bigendian"},
        {tvtest::Encoding::JpegLossless, "jpeglossless"},
        {tvtest::Encoding::JpegLs, "jpegls"},
        {tvtest::Encoding::Rle, "rle"},
    }));
    const auto dir = tvtest::scratchDir("dicom_encoding_" + name);
    SeriesSpec spec;
    spec.encoding = encoding;
    spec.bitsStored = 12;
    tvtest::writeSeries(dir, spec);
    INFO(name);
    requirePattern(tv::loadVolume(dir), spec);
}

TEST_CASE("two series mixed in one folder are told apart", "[dicom]") {
    const auto dir = tvtest::scratchDir("dicom_two_series");
    SeriesSpec a;
    a.filePrefix = "a_";
    a.seriesNumber = 2;
    a.description = "series A";
    SeriesSpec b;
    b.studyUid = "";
    b.columns = 24;
    b.rows = 20;
    b.slices = 6;
    b.sliceStep = 1.25;
    b.seriesNumber = 1;
    b.description = "series B";
    b.filePrefix = "b_";
    tvtest::writeSeries(dir, a);
    b.studyUid = a.studyUid;  // same study, as in a real examination
    tvtest::writeSeries(dir / "sub", b);  // recursive search finds the subfolder

    const tv::DicomScanResult scan = tv::scanDicom(dir);
    REQUIRE(scan.series.size() == 2);
    CHECK(scan.skipped.empty());
    // Same study: ordered by series number.
    CHECK(scan.series[0].seriesInstanceUid == b.seriesUid);
    CHECK(scan.series[0].imageCount() == 6);
    CHECK(scan.series[0].rows == 20);
    CHECK(scan.series[0].columns == 24);
    CHECK(scan.series[0].seriesDescription == "series B");
    CHECK(scan.series[1].seriesInstanceUid == a.seriesUid);
    CHECK(scan.series[1].imageCount() == 10);

    try {
        tv::loadVolume(dir);
        FAIL("expected InvalidArgumentError for two CT series without a UID");
    } catch (const tv::InvalidArgumentError& e) {
        CHECK_THAT(e.what(), Catch::Contains("2 CT series") && Catch::Contains(a.seriesUid) &&
                                 Catch::Contains(b.seriesUid) && Catch::Contains("--series"));
    }
    requirePattern(tv::loadVolume(dir, b.seriesUid), b);
    requirePattern(tv::loadVolume(dir, a.seriesUid), a);
    CHECK_THROWS_AS(tv::loadVolume(dir, std::string("1.2.3.4")), tv::InvalidArgumentError);
    // One file stands for its series.
    requirePattern(tv::loadVolume(dir / "sub" / "b_03.dcm"), b);
}

TEST_CASE("progress reaches 1 and cancellation stops loading", "[dicom]") {
    const auto dir = tvtest::scratchDir("dicom_progress");
    SeriesSpec spec;
    tvtest::writeSeries(dir, spec);

    struct Recorder : tv::ProgressSink {
        std::atomic<int> calls{0};
        std::atomic<bool> sawDone{false};
        void report(double f, const std::string&) override {
            ++calls;
            if (f >= 1.0) sawDone = true;
        }
    } recorder;
    const tv::DicomScanResult scan = tv::scanDicom(dir);
    REQUIRE(scan.series.size() == 1);
    tv::loadCtSeries(scan.series[0], recorder);
    CHECK(recorder.calls > 2);
    CHECK(recorder.sawDone);

    tv::CancelFlag cancelled;
    cancelled.cancel();
    CHECK_THROWS_AS(tv::loadCtSeries(scan.series[0], tv::noProgress(), cancelled), tv::CancelledError);
    CHECK_THROWS_AS(tv::scanDicom(dir, tv::noProgress(), cancelled), tv::CancelledError);

    // Cancel in the middle of decoding, from the progress callback (as a GUI button would).
    struct CancelHalfway : tv::ProgressSink {
        tv::CancelFlag flag;
        void report(double f, const std::string& stage) override {
            if (f > 0.3 && stage.rfind("Decoding", 0) == 0) flag.cancel();
        }
    } halfway;
    CHECK_THROWS_AS(tv::loadCtSeries(scan.series[0], halfway, halfway.flag), tv::CancelledError);
}
