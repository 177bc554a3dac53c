// `thromboview info` and `thromboview convert` as a user runs them: the built binary, its exit
// codes (app/exit_codes.h), JSON on stdout and messages on stderr.

// GCC 12 reports a false -Wrestrict on `"literal" + std::string` at -O3 (GCC bug 105329); the
// command lines below are built exactly that way.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/nifti_io.h"
#include "synthetic_dicom.h"
#include "test_support.h"

namespace fs = std::filesystem;
using Catch::Contains;
using nlohmann::json;

namespace {

using Run = tvtest::CommandRun;
using tvtest::slurp;

Run thromboview(const std::string& args, const fs::path& scratch) { return tvtest::runCommand(TV_THROMBOVIEW_EXE, args, scratch); }

std::string q(const fs::path& p) { return tvtest::shellQuoted(p); }

}  // namespace

TEST_CASE("info --json lists both series, geometry of CT series, skipped files", "[dicom][cli]") {
    const auto dir = tvtest::scratchDir("cli_info");
    tvtest::SeriesSpec ct;
    ct.description = "chest";
    tvtest::writeSeries(dir / "data", ct);
    tvtest::SeriesSpec mr;
    mr.modality = "MR";
    mr.slices = 4;
    mr.seriesNumber = 7;
    mr.filePrefix = "mr_";
    tvtest::writeSeries(dir / "data", mr);
    { std::ofstream(dir / "data" / "notes.txt") << "not an image"; }

    const Run r = thromboview("info " + q(dir / "data") + " --json", dir);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json info = json::parse(r.out);
    CHECK(info["format"] == "dicom");
    REQUIRE(info["series"].size() == 2);
    json ctEntry, mrEntry;
    for (const auto& s : info["series"]) (s["modality"] == "CT" ? ctEntry : mrEntry) = s;
    CHECK(ctEntry["series_instance_uid"] == ct.seriesUid);
    CHECK(ctEntry["images"] == 10);
    CHECK(ctEntry["rows"] == 32);
    CHECK(ctEntry["columns"] == 32);
    CHECK(ctEntry["description"] == "chest");
    CHECK(ctEntry["transfer_syntaxes"] == json::array({"1.2.840.10008.1.2.1"}));
    CHECK(ctEntry["decodable"] == true);
    CHECK(ctEntry["geometry"]["size"] == json::array({32, 32, 10}));
    CHECK(ctEntry["geometry"]["spacing_mm"][0].get<double>() == Approx(0.9));
    CHECK(ctEntry["geometry"]["spacing_mm"][1].get<double>() == Approx(0.7));
    CHECK(ctEntry["geometry"]["spacing_mm"][2].get<double>() == Approx(2.5));
    CHECK(ctEntry["geometry"]["origin_lps_mm"] == json::array({-10.0, 20.0, -50.0}));
    CHECK(ctEntry["geometry"]["direction"] == json::array({1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0}));
    CHECK(mrEntry["images"] == 4);
    CHECK(mrEntry["geometry"].is_null());
    CHECK_THAT(mrEntry["geometry_error"].get<std::string>(), Contains("modality MR"));
    REQUIRE(info["skipped"].size() == 1);
    CHECK_THAT(info["skipped"][0]["path"].get<std::string>(), Contains("notes.txt"));

    const Run text = thromboview("info " + q(dir / "data"), dir);
    CHECK(text.exitCode == 0);
    CHECK_THAT(text.out, Contains("2 series") && Contains("32x32x10 voxels") && Contains("1 file(s) skipped"));
}

TEST_CASE("info and convert on a missing path exit with code 2 naming it", "[dicom][cli]") {
    const auto dir = tvtest::scratchDir("cli_missing");
    const Run info = thromboview("info " + q(dir / "absent"), dir);
    CHECK(info.exitCode == 2);
    CHECK_THAT(info.err, Contains("absent") && Contains("no such file or folder"));
    const Run conv = thromboview("convert " + q(dir / "absent") + " -q -o " + q(dir / "x.nii.gz"), dir);
    CHECK(conv.exitCode == 2);
    CHECK_FALSE(fs::exists(dir / "x.nii.gz"));
}

TEST_CASE("convert writes the series as NIfTI with its voxels and LPS geometry", "[dicom][cli]") {
    const auto dir = tvtest::scratchDir("cli_convert");
    tvtest::SeriesSpec spec;
    spec.rowDirection = {0.0, 0.8, 0.6};
    spec.columnDirection = {1.0, 0.0, 0.0};
    tvtest::writeSeries(dir / "data", spec);
    const Run r = thromboview("convert " + q(dir / "data") + " -o " + q(dir / "out.nii.gz"), dir);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.err, Contains("32x32x10"));
    const tv::CtVolume back = tv::readNiftiCt(dir / "out.nii.gz");
    REQUIRE(back.hu.size() == tv::Index3{32, 32, 10});
    std::size_t wrong = 0;
    for (int k = 0; k < 10; ++k)
        for (int j = 0; j < 32; ++j)
            for (int i = 0; i < 32; ++i)
                if (back.hu.at(i, j, k) != tvtest::expectedHu(spec, i, j, k)) ++wrong;
    CHECK(wrong == 0);
    CHECK((back.geometry().direction.col(0) - spec.rowDirection).norm() < 1e-4);
    CHECK((back.geometry().origin - spec.origin).norm() < 1e-3);
}

TEST_CASE("convert: two series need --series (exit 1), bad input exits 2, bad output 1 or 3", "[dicom][cli]") {
    const auto dir = tvtest::scratchDir("cli_convert_errors");
    tvtest::SeriesSpec a, b;
    b.filePrefix = "b_";
    b.slices = 5;
    tvtest::writeSeries(dir / "two", a);
    tvtest::writeSeries(dir / "two", b);

    const Run ambiguous = thromboview("convert " + q(dir / "two") + " -q -o " + q(dir / "o.nii"), dir);
    CHECK(ambiguous.exitCode == 1);
    CHECK_THAT(ambiguous.err, Contains("--series") && Contains(a.seriesUid) && Contains(b.seriesUid));

    const Run chosen =
        thromboview("convert " + q(dir / "two") + " --series " + b.seriesUid + " -q -o " + q(dir / "o.nii"), dir);
    CHECK(chosen.exitCode == 0);
    CHECK(tv::readNiftiCt(dir / "o.nii").hu.nz() == 5);

    tvtest::SeriesSpec gap;
    auto slices = tvtest::planSeries(dir / "gap", gap);
    slices.erase(slices.begin() + 2);
    tvtest::writeSlices(gap, slices);
    const Run bad = thromboview("convert " + q(dir / "gap") + " -q -o " + q(dir / "g.nii"), dir);
    CHECK(bad.exitCode == 2);
    CHECK_THAT(bad.err, Contains("missing slice") && Contains("slice_01.dcm") && Contains("slice_03.dcm"));
    CHECK_FALSE(fs::exists(dir / "g.nii"));

    const Run ext = thromboview("convert " + q(dir / "gap") + " -q -o " + q(dir / "out.png"), dir);
    CHECK(ext.exitCode == 1);
    CHECK_THAT(ext.err, Contains(".nii or .nii.gz"));

    tvtest::SeriesSpec one;
    tvtest::writeSeries(dir / "one", one);
    const Run unwritable = thromboview("convert " + q(dir / "one") + " -q -o " + q(dir / "no" / "such" / "o.nii"), dir);
    CHECK(unwritable.exitCode == 3);
}

TEST_CASE("info --json on C3N-00247 reports one CT series of 99 slices, 512x512x99 at 0.5645/3.0 mm",
          "[dicom][cli][realdata]") {
    const auto data = tvtest::requireSharedData("chest-ct-contrast/C3N-00247");
    const auto dir = tvtest::scratchDir("cli_c3n");
    const Run r = thromboview("info " + q(data) + " --json", dir);
    REQUIRE(r.exitCode == 0);
    const json info = json::parse(r.out);
    REQUIRE(info["series"].size() == 1);
    const auto& s = info["series"][0];
    CHECK(s["modality"] == "CT");
    CHECK(s["images"] == 99);
    CHECK(s["geometry"]["size"] == json::array({512, 512, 99}));
    CHECK(s["geometry"]["spacing_mm"][0].get<double>() == Approx(0.5645).margin(0.01));
    CHECK(s["geometry"]["spacing_mm"][1].get<double>() == Approx(0.5645).margin(0.01));
    CHECK(s["geometry"]["spacing_mm"][2].get<double>() == Approx(3.0).margin(0.01));
    CHECK(info["skipped"].empty());
}

TEST_CASE("convert of the JPEG 2000 series exits 2 naming the transfer syntax, or converts", "[dicom][cli][realdata]") {
    const auto data = tvtest::requireSharedData("jpeg2000-ct");
    const auto dir = tvtest::scratchDir("cli_j2k");
    const Run r = thromboview("convert " + q(data) + " -q -o " + q(dir / "j.nii"), dir);
    if (r.exitCode == 0) {
        CHECK(tv::readNiftiCt(dir / "j.nii").hu.nz() == 20);
    } else {
        CHECK(r.exitCode == 2);
        CHECK_THAT(r.err, Contains("1.2.840.10008.1.2.4.90") && Contains("JPEG 2000"));
    }
}
