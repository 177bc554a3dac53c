// `thromboview analyze --pe-operating-point` and `thromboview evaluate --operating-point / --sweep` as a
// user runs them (the built binary): on a tube phantom with two clots of different scores, the operating
// point decides which are reported, and the sweep's rows agree with runs at those points. --pe-params:
// a file's parameters reach analysis.json and the detector, a bad file stops the command.

// GCC 12 reports a false -Wrestrict on `"literal" + std::string` at -O3 (GCC bug 105329).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

#include "embolism/embolism_detector.h"
#include "io/nifti_io.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace fs = std::filesystem;
using nlohmann::json;
using tv::testing::arteryK;

namespace {

using Run = tvtest::CommandRun;
using tvtest::slurp;

Run thromboview(const std::string& args, const fs::path& scratch) { return tvtest::runCommand(TV_THROMBOVIEW_EXE, args, scratch); }

std::string q(const fs::path& p) { return tvtest::shellQuoted(p); }

// Tube phantom with two 60 HU clots, 12 mm long: radius 2.5 mm in the left artery, 2 mm in the right
// one (as test_operating_point_sweep.cpp), written with its truth (label 1 left, 2 right).
struct TwoClots {
    fs::path ct, truth;
    double scoreLeft = 0, scoreRight = 0;  // from a detector run at operating point 0
};

TwoClots writeTwoClots(const fs::path& dir) {
    tv::CtVolume ct = tv::testing::tubePhantom(450);
    tv::LabelMap truth(ct.geometry(), 0);
    for (int k = 0; k < 60; ++k)
        for (int j = 0; j < 80; ++j) {
            for (int i = 84; i <= 96; ++i)
                if (std::hypot(j - 40.0, k - arteryK(i)) < 2.5) ct.hu.at(i, j, k) = 60, truth.at(i, j, k) = 1;
            for (int i = 24; i <= 36; ++i)
                if (std::hypot(j - 40.0, k - arteryK(i)) < 2.0) ct.hu.at(i, j, k) = 60, truth.at(i, j, k) = 2;
        }
    TwoClots t{dir / "two_clots.nii.gz", dir / "two_clots_truth.nii.gz"};
    tv::writeNifti(ct, t.ct);
    tv::writeNifti(truth, t.truth);
    tv::EmbolismParams p;
    p.operatingPoint = 0.0;
    const auto r = tv::detectEmboli(ct, p, tv::noProgress(), tv::neverCancel());
    for (const auto& c : r.candidates) (c.centerVoxel[0] > 60 ? t.scoreLeft : t.scoreRight) = std::max(c.score, c.centerVoxel[0] > 60 ? t.scoreLeft : t.scoreRight);
    return t;
}

}  // namespace

TEST_CASE("analyze --pe-operating-point and evaluate --operating-point / --sweep decide which clots are reported", "[embolism][cli]") {
    const fs::path dir = tvtest::scratchDir("embolism_cli");
    const TwoClots t = writeTwoClots(dir);
    INFO("scores left " << t.scoreLeft << ", right " << t.scoreRight);
    REQUIRE(t.scoreLeft > 0);
    REQUIRE(t.scoreRight > 0);
    REQUIRE(std::abs(t.scoreLeft - t.scoreRight) > 0.02);
    const double between = (t.scoreLeft + t.scoreRight) / 2, below = std::min(t.scoreLeft, t.scoreRight) - 0.01;
    const int higher = t.scoreLeft > t.scoreRight ? 1 : 2;

    // analyze: the point between the two scores reports one finding, the point below both two.
    std::ostringstream betweenArg, belowArg;
    betweenArg << between;
    belowArg << below;
    Run a = thromboview("analyze " + q(t.ct) + " --quiet --out " + q(dir / "between") + " --pe-operating-point " + betweenArg.str(), dir);
    REQUIRE(a.exitCode == 0);
    const json one = json::parse(slurp(dir / "between" / "analysis.json"));
    CHECK(one["embolism"]["candidates"].size() == 1);
    CHECK(one["parameters"]["embolism"]["operating_point"].get<double>() == Approx(between));
    a = thromboview("analyze " + q(t.ct) + " --quiet --out " + q(dir / "below") + " --pe-operating-point " + belowArg.str(), dir);
    REQUIRE(a.exitCode == 0);
    CHECK(json::parse(slurp(dir / "below" / "analysis.json"))["embolism"]["candidates"].size() == 2);
    a = thromboview("analyze " + q(t.ct) + " --quiet --out " + q(dir / "bad") + " --pe-operating-point 1.5", dir);
    CHECK(a.exitCode != 0);
    CHECK_THAT(a.err, Catch::Contains("--pe-operating-point"));

    // evaluate --labels-are-lesions: at the point between, the higher-scoring clot only; the sweep's rows
    // step by 0.05 from 0.1 and count a clot at every point up to its score.
    Run e = thromboview("evaluate " + q(t.ct) + " --truth " + q(t.truth) + " --labels-are-lesions --json --sweep --operating-point " + betweenArg.str(), dir);
    REQUIRE(e.exitCode == 0);
    const json j = json::parse(e.out);
    CHECK(j["detected"] == 1);
    CHECK(j["false_positives"] == 0);
    REQUIRE(j["sweep"].size() == 17);
    for (const auto& row : j["sweep"]) {
        const double point = row["operating_point"].get<double>();
        const int expected = (t.scoreLeft >= point - 1e-9) + (t.scoreRight >= point - 1e-9);
        INFO("point " << point << " higher clot " << higher);
        CHECK(row["detected"].get<int>() == expected);
    }
}

TEST_CASE("analyze and evaluate --pe-params put the parameters of a file over the defaults, a bad file stops the command", "[embolism][cli]") {
    const fs::path dir = tvtest::scratchDir("embolism_cli_params");
    const fs::path ct = dir / "tube.nii.gz";
    tv::writeNifti(tv::testing::tubePhantom(450), ct);
    auto writeText = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
        return dir / name;
    };
    const fs::path params = writeText("pe.json", json{{"lung_bridges", false}, {"operating_point", 0.7}, {"stump", {{"face_search", true}}}}.dump());

    // The file's values reach the detector and analysis.json; the rest stay the defaults.
    Run a = thromboview("analyze " + q(ct) + " --quiet --out " + q(dir / "with_file") + " --pe-params " + q(params), dir);
    INFO(a.err);
    REQUIRE(a.exitCode == 0);
    const json used = json::parse(slurp(dir / "with_file" / "analysis.json"))["parameters"]["embolism"];
    CHECK(used["lung_bridges"] == false);  // on by default since stop 44
    CHECK(used["operating_point"].get<double>() == 0.7);
    CHECK(used["stump"]["face_search"] == true);
    json expected = json(tv::EmbolismParams{});
    expected["lung_bridges"] = false;
    expected["operating_point"] = 0.7;
    expected["stump"]["face_search"] = true;
    CHECK(used == expected);

    // --pe-operating-point wins over the file's operating_point.
    a = thromboview("analyze " + q(ct) + " --quiet --out " + q(dir / "both") + " --pe-params " + q(params) + " --pe-operating-point 0.3", dir);
    REQUIRE(a.exitCode == 0);
    const json both = json::parse(slurp(dir / "both" / "analysis.json"))["parameters"]["embolism"];
    CHECK(both["operating_point"].get<double>() == 0.3);
    CHECK(both["lung_bridges"] == false);

    // A missing file, a file that is not JSON and a file with an unknown key stop the command before
    // anything is written, with a non-zero exit code and the file (and key) named.
    const fs::path missing = dir / "no_such_params.json";
    const fs::path notJson = writeText("not_json.json", "lung_bridges: true");
    const fs::path unknownKey = writeText("unknown_key.json", json{{"stump", {{"min_radius", 2}}}}.dump());
    const fs::path outOfRange = writeText("out_of_range.json", json{{"operating_point", 1.5}}.dump());
    for (const auto& [file, message] : {std::pair{missing, std::string("cannot open")}, std::pair{notJson, std::string("expected a JSON object")},
                                        std::pair{unknownKey, std::string("unknown key 'stump.min_radius'")},
                                        std::pair{outOfRange, std::string("operating_point: expected a value in [0, 1]")}}) {
        const fs::path out = dir / ("out_" + file.stem().string());
        a = thromboview("analyze " + q(ct) + " --quiet --out " + q(out) + " --pe-params " + q(file), dir);
        INFO(file.filename().string() << ": " << a.err);
        CHECK(a.exitCode != 0);
        CHECK_THAT(a.err, Catch::Contains(file.string()) && Catch::Contains(message));
        CHECK_FALSE(fs::exists(out));
        Run e = thromboview("evaluate " + q(ct) + " --truth " + q(ct) + " --json --pe-params " + q(file), dir);
        CHECK(e.exitCode != 0);
        CHECK_THAT(e.err, Catch::Contains(file.string()) && Catch::Contains(message));
    }
    CHECK(thromboview("analyze " + q(ct) + " --quiet --out " + q(dir / "x") + " --pe-params " + q(missing), dir).exitCode == 2);
    CHECK(thromboview("analyze " + q(ct) + " --quiet --out " + q(dir / "x") + " --pe-params " + q(unknownKey), dir).exitCode == 1);

    // evaluate: the file's operating point is the one scored at, unless --operating-point is given.
    const fs::path truth = dir / "tube_truth.nii.gz";
    tv::writeNifti(tv::LabelMap(tv::testing::tubePhantom(450).geometry(), 0), truth);
    Run e = thromboview("evaluate " + q(ct) + " --truth " + q(truth) + " --json --pe-params " + q(params), dir);
    INFO(e.err);
    REQUIRE(e.exitCode == 0);
    CHECK(json::parse(e.out)["operating_point"].get<double>() == 0.7);
    e = thromboview("evaluate " + q(ct) + " --truth " + q(truth) + " --json --pe-params " + q(params) + " --operating-point 0.3", dir);
    REQUIRE(e.exitCode == 0);
    CHECK(json::parse(e.out)["operating_point"].get<double>() == 0.3);
}
