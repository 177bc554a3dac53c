// Bad input: each case has one exact expected outcome and a message that names the file(s) and
// says what was expected.
#include <catch2/catch.hpp>

#include <fstream>

#include "dicom/dicom_scan.h"
#include "dicom/dicom_series_loader.h"
#include "io/volume_source.h"
#include "synthetic_dicom.h"
#include "test_support.h"

namespace fs = std::filesystem;
using Catch::Contains;
using tvtest::SeriesSpec;

namespace {

/// Runs loadVolume and returns the message of the expected exception type (fails otherwise).
template <typename E>
std::string loadError(const fs::path& dir) {
    try {
        tv::loadVolume(dir);
    } catch (const E& e) {
        return e.what();
    } catch (const std::exception& e) {
        FAIL("unexpected exception type: " << e.what());
    }
    FAIL("expected an exception, the series loaded");
    return {};
}

std::string name(const tvtest::SliceSpec& s) { return s.file.filename().string(); }

void truncate(const fs::path& file, double keepFraction) {
    const auto size = fs::file_size(file);
    fs::resize_file(file, static_cast<std::uintmax_t>(static_cast<double>(size) * keepFraction));
}

}  // namespace

TEST_CASE("a missing slice is reported with the files on both sides of the gap", "[dicom][badinput]") {
    const auto dir = tvtest::scratchDir("dicom_missing_slice");
    SeriesSpec spec;
    auto slices = tvtest::planSeries(dir, spec);
    slices.erase(slices.begin() + 4);
    tvtest::writeSlices(spec, slices);
    const std::string msg = loadError<tv::InconsistentSeriesError>(dir);
    CHECK_THAT(msg, Contains("missing slice") && Contains("gap of 5 mm") && Contains("slice_03.dcm") &&
                        Contains("slice_05.dcm") && Contains("expected steps of 2.5 mm"));
}

TEST_CASE("gantry tilt is refused with the angle and the expected direction", "[dicom][badinput]") {
    const auto dir = tvtest::scratchDir("dicom_tilt");
    SeriesSpec spec;
    auto slices = tvtest::planSeries(dir, spec);
    // 15 degree tilt: each slice moves tan(15 deg) * step along the column direction.
    for (auto& s : slices) s.position += std::tan(15.0 * M_PI / 180.0) * s.k * spec.sliceStep * spec.columnDirection;
    tvtest::writeSlices(spec, slices);
    const std::string msg = loadError<tv::InconsistentSeriesError>(dir);
    CHECK_THAT(msg, Contains("gantry tilt") && Contains("about 15 degrees") && Contains(name(slices.front())) &&
                        Contains(name(slices.back())) && Contains("expected positions along the slice normal (0, 0, 1)"));
}

TEST_CASE("duplicate positions are refused naming both files", "[dicom][badinput]") {
    const auto dir = tvtest::scratchDir("dicom_duplicate");
    SeriesSpec spec;
    auto slices = tvtest::planSeries(dir, spec);
    auto copy = slices[3];
    copy.file = dir / "copy_of_3.dcm";
    slices.push_back(copy);
    tvtest::writeSlices(spec, slices);
    const std::string msg = loadError<tv::InconsistentSeriesError>(dir);
    CHECK_THAT(msg, Contains("duplicate slice position") && Contains("copy_of_3.dcm") && Contains("slice_03.dcm") &&
                        Contains("expected one image per position"));
}

TEST_CASE("a non-CT modality is refused", "[dicom][badinput]") {
    const auto dir = tvtest::scratchDir("dicom_mr");
    SeriesSpec spec;
    spec.modality = "MR";
    tvtest::writeSeries(dir, spec);
    const std::string msg = loadError<tv::InconsistentSeriesError>(dir);
    CHECK_THAT(msg, Contains("modality MR in 10 of 10 files") && Contains("slice_00.dcm") && Contains("expected CT"));
}

TEST_CASE("one slice of another modality inside a CT series is refused", "[dicom][badinput]") {
    const auto dir = tvtest::scratchDir("dicom_mixed_modality");
    SeriesSpec spec;
    auto slices = tvtest::planSeries(dir, spec);
    slices[7].modality = "PT";
    tvtest::writeSlices(spec, slices);
    // The series still counts as CT in the scan (first file), the loader finds the odd one.
    const std::string msg = loadError<tv::InconsistentSeriesError>(dir);
    CHECK_THAT(msg, Contains("modality PT in 1 of 10 files") && Contains("slice_07.dcm") && Contains("expected CT"));
}

TEST_CASE("inconsistent pixel spacing is refused naming the odd file", "[dicom][badinput]") {
    const auto dir = tvtest::scratchDir("dicom_pixel_spacing");
    SeriesSpec spec;
    auto slices = tvtest::planSeries(dir, spec);
    slices[5].pixelSpacing = {0.8, 0.9};
    tvtest::writeSlices(spec, slices);
    const std::string msg = loadError<tv::InconsistentSeriesError>(dir);
    CHECK_THAT(msg, Contains("inconsistent pixel spacing") && Contains("slice_05.dcm has PixelSpacing 0.8\\0.9") &&
                        Contains("expected the same pixel spacing"));
}

TEST_CASE("inconsistent orientation is refused naming the odd file", "[dicom][badinput]") {
    const auto dir = tvtest::scratchDir("dicom_orientation");
    SeriesSpec spec;
    auto slices = tvtest::planSeries(dir, spec);
    slices[2].orientation = {0.99619469809, 0.08715574275, 0, -0.08715574275, 0.99619469809, 0};  // 5 degrees
    tvtest::writeSlices(spec, slices);
    const std::string msg = loadError<tv::InconsistentSeriesError>(dir);
    CHECK_THAT(msg, Contains("inconsistent orientation") && Contains("slice_02.dcm") &&
                        Contains("expected the same orientation"));
}

TEST_CASE("uneven slice spacing is refused", "[dicom][badinput]") {
    const auto dir = tvtest::scratchDir("dicom_uneven");
    SeriesSpec spec;
    auto slices = tvtest::planSeries(dir, spec);
    for (std::size_t k = 6; k < slices.size(); ++k) slices[k].position.z() += 0.8;  // one step of 3.3 mm
    tvtest::writeSlices(spec, slices);
    const std::string msg = loadError<tv::InconsistentSeriesError>(dir);
    CHECK_THAT(msg, Contains("inconsistent slice spacing") && Contains("step of 3.3 mm between") &&
                        Contains("slice_05.dcm") && Contains("slice_06.dcm") && Contains("expected 2.5 mm"));
}

TEST_CASE("a missing mandatory tag is an error naming file and tag", "[dicom][badinput]") {
    const auto dir = tvtest::scratchDir("dicom_missing_tag");
    SeriesSpec spec;
    auto slices = tvtest::planSeries(dir, spec);
    slices[4].writePosition = false;
    tvtest::writeSlices(spec, slices);
    const std::string msg = loadError<tv::UnreadableFileError>(dir);
    CHECK_THAT(msg, Contains("slice_04.dcm") && Contains("ImagePositionPatient (0020,0032) is missing"));
}

TEST_CASE("a corrupt file is skipped and listed, the series loads", "[dicom][badinput]") {
    const auto dir = tvtest::scratchDir("dicom_corrupt_file");
    SeriesSpec spec;
    tvtest::writeSeries(dir, spec);
    {
        std::ofstream f(dir / "garbage.dcm", std::ios::binary);
        for (int n = 0; n < 2000; ++n) f << "not dicom " << n << "\n";
    }
    tv::SeriesLoadReport report;
    const tv::CtVolume ct = tv::loadVolume(dir, {}, tv::noProgress(), tv::neverCancel(), &report);
    CHECK(ct.hu.size() == tv::Index3{32, 32, 10});
    REQUIRE(report.skipped.size() == 1);
    CHECK(report.skipped[0].path.filename() == "garbage.dcm");
    CHECK_THAT(report.skipped[0].reason, Contains("not a readable DICOM file"));
}

TEST_CASE("a truncated last slice is skipped and listed, the volume is one slice shorter", "[dicom][badinput]") {
    const auto dir = tvtest::scratchDir("dicom_truncated_end");
    SeriesSpec spec;
    auto slices = tvtest::writeSeries(dir, spec);
    truncate(slices.back().file, 0.6);
    tv::SeriesLoadReport report;
    const tv::CtVolume ct = tv::loadVolume(dir, {}, tv::noProgress(), tv::neverCancel(), &report);
    CHECK(ct.hu.size() == tv::Index3{32, 32, 9});
    REQUIRE(report.skipped.size() == 1);
    CHECK(report.skipped[0].path.filename() == "slice_09.dcm");
    // The remaining slices are intact, not garbage.
    CHECK(ct.hu.at(3, 4, 8) == tvtest::expectedHu(spec, 3, 4, 8));
}

TEST_CASE("a truncated slice inside the stack makes a missing-slice error naming it", "[dicom][badinput]") {
    const auto dir = tvtest::scratchDir("dicom_truncated_middle");
    SeriesSpec spec;
    auto slices = tvtest::writeSeries(dir, spec);
    truncate(slices[5].file, 0.6);
    const std::string msg = loadError<tv::InconsistentSeriesError>(dir);
    CHECK_THAT(msg, Contains("missing slice") && Contains("slice_04.dcm") && Contains("slice_06.dcm") &&
                        Contains("slice_05.dcm"));
}

TEST_CASE("an undecodable transfer syntax is refused naming it", "[dicom][badinput]") {
    const auto dir = tvtest::scratchDir("dicom_unsupported_xfer");
    SeriesSpec spec;
    spec.encoding = tvtest::Encoding::Mpeg2Unsupported;
    spec.slices = 3;
    tvtest::writeSeries(dir, spec);
    const std::string msg = loadError<tv::UnsupportedEncodingError>(dir);
    CHECK_THAT(msg, Contains("1.2.840.10008.1.2.4.100") && Contains("MPEG2") && Contains("slice_0"));
}

TEST_CASE("a folder without DICOM images is an error naming it, a missing path too", "[dicom][badinput]") {
    const auto dir = tvtest::scratchDir("dicom_empty");
    { std::ofstream(dir / "readme.txt") << "nothing here"; }
    const std::string msg = loadError<tv::UnreadableFileError>(dir);
    CHECK_THAT(msg, Contains("no DICOM images found") && Contains("readme.txt"));
    CHECK_THROWS_AS(tv::scanDicom(dir / "absent"), tv::UnreadableFileError);
    CHECK_THROWS_AS(tv::loadVolume(dir / "absent"), tv::UnreadableFileError);
}
