// Reading the embolus detector's parameters back (embolismParamsFromJson): every key to_json writes
// is read into the member it was written from, and bad keys, types and ranges are refused with the
// key's path in the message.

// GCC 12 reports a false -Wrestrict on `"literal" + std::string` at -O3 (GCC bug 105329).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "embolism/embolism_params_reader.h"
#include "util/errors.h"

using nlohmann::json;

namespace {

json written(const tv::EmbolismParams& p) { return json(p); }

// The message of the InvalidArgumentError the reader throws ("(no error)" when it accepts the JSON;
// any other exception type fails the test).
std::string readError(const json& j) {
    try {
        tv::embolismParamsFromJson(j);
    } catch (const tv::InvalidArgumentError& e) {
        return e.what();
    }
    return "(no error)";
}

// Another value of the same JSON type that the key's range still accepts: a bool flipped, an integer
// + 1, a number in (0, 1] halved (shares stay shares), 0 made 0.5, any other number + 1 (the pairs'
// low ends stay under their high ends: thrombus_hu [20, 100], aorta_diameter_mm [16, 45],
// core_radius_mm [2, 6]).
json perturbed(const json& v) {
    if (v.is_boolean()) return !v.get<bool>();
    if (v.is_number_integer()) return v.get<long long>() + 1;
    const double d = v.get<double>();
    if (d > 0 && d <= 1) return d / 2;
    if (d == 0) return 0.5;
    return d + 1;
}

}  // namespace

TEST_CASE("embolism parameters: the defaults pass their own range check", "[embolism][params]") {
    CHECK_NOTHROW(tv::validateEmbolismParams(tv::EmbolismParams{}));
}

TEST_CASE("embolism parameters: reading what to_json writes gives the same parameters",
          "[embolism][params]") {
    const json defaults = written(tv::EmbolismParams{});
    CHECK(written(tv::embolismParamsFromJson(defaults)) == defaults);
    // An empty object and one of "sources" alone leave the defaults.
    CHECK(written(tv::embolismParamsFromJson(json::object())) == defaults);
    CHECK(written(tv::embolismParamsFromJson(json{{"sources", {{"anything", "ignored"}}}})) == defaults);
}

TEST_CASE("embolism parameters: every key written is read into its own member", "[embolism][params]") {
    const json defaults = written(tv::EmbolismParams{});
    const json flatDefaults = defaults.flatten();
    int leaves = 0;
    for (const auto& [pointer, value] : flatDefaults.items()) {
        if (pointer.rfind("/sources/", 0) == 0) continue;
        ++leaves;
        INFO("key " << pointer << " default " << value.dump());
        json flat = flatDefaults;
        flat[pointer] = perturbed(value);
        tv::EmbolismParams read;
        REQUIRE_NOTHROW(read = tv::embolismParamsFromJson(flat.unflatten()));
        const json flatRead = written(read).flatten();
        // Only this leaf changed, to the value given, with its JSON type kept.
        CHECK(flatRead[pointer] == flat[pointer]);
        CHECK(flatRead[pointer].type() == value.type());
        json others = flatRead;
        others[pointer] = value;
        CHECK(others == flatDefaults);
    }
    // 260 members written (three pairs, one array of three): 262 leaves (stop 51: fine.lung_without_mixing; stop 52: gap.far_mouth_in_piece, gap.between_pieces_min_length_radii; stop 53: gap.between_pieces_in_beyond_pass;
    // stop 55: fine_pass.central_veto_slice_hole_share; stop 57: cutoff_hull_closing_mm). The count changes when a parameter is added, and is to be raised with it.
    CHECK(leaves == 263);
}

TEST_CASE("embolism parameters: a subset of keys overrides only those", "[embolism][params]") {
    const tv::EmbolismParams p = tv::embolismParamsFromJson(json{{"lung_bridges", false},  // on by default since stop 44
                                                                 {"operating_point", 0.7},
                                                                 {"stump", {{"face_search", true}}},
                                                                 {"max_candidates", 4.0}});
    CHECK(!p.lungBridges);
    CHECK(p.operatingPoint == 0.7);
    CHECK(p.stumpFaceSearch);
    CHECK(p.maxCandidates == 4);
    CHECK(p.stumpMinRadiusMm == tv::EmbolismParams{}.stumpMinRadiusMm);
    CHECK(p.fineDefectPass == tv::EmbolismParams{}.fineDefectPass);
}

TEST_CASE("embolism parameters: unknown keys, wrong types and values out of range name the key",
          "[embolism][params]") {
    using Catch::Contains;
    // Not an object at all.
    CHECK_THAT(readError(json::array({1, 2})), Contains("embolism parameters: expected a JSON object"));

    // Unknown keys, at the top and in a group.
    CHECK_THAT(readError(json{{"lung_bridge", true}}),
               Contains("embolism parameters: unknown key 'lung_bridge'"));
    CHECK_THAT(readError(json{{"stump", {{"min_radius", 2.0}}}}),
               Contains("embolism parameters: unknown key 'stump.min_radius'"));
    CHECK_THAT(readError(json{{"fine_pass", {{"oblique", {{"enabled", true}}}}}}),
               Contains("unknown key 'fine_pass.oblique'"));

    // Wrong types.
    CHECK_THAT(readError(json{{"fine_pass", {{"enabled", 3}}}}),
               Contains("embolism parameter fine_pass.enabled: expected true or false, found 3"));
    CHECK_THAT(readError(json{{"lung_bridges", "yes"}}),
               Contains("embolism parameter lung_bridges: expected true or false"));
    CHECK_THAT(readError(json{{"operating_point", true}}),
               Contains("embolism parameter operating_point: expected a number, found true"));
    CHECK_THAT(readError(json{{"max_candidates", 2.5}}),
               Contains("embolism parameter max_candidates: expected an integer, found 2.5"));
    CHECK_THAT(readError(json{{"fine_pass", {{"min_pixels", 1e12}}}}),
               Contains("embolism parameter fine_pass.min_pixels: expected an integer"));
    CHECK_THAT(readError(json{{"thrombus_hu", {20}}}),
               Contains("embolism parameter thrombus_hu: expected [low, high]"));
    CHECK_THAT(readError(json{{"thrombus_hu", 20}}),
               Contains("embolism parameter thrombus_hu: expected [low, high]"));
    CHECK_THAT(readError(json{{"thrombus_hu", {20, "high"}}}),
               Contains("embolism parameter thrombus_hu[1]: expected a number"));
    CHECK_THAT(readError(json{{"closing_radii_mm", {2.5, 5.0}}}),
               Contains("embolism parameter closing_radii_mm: expected an array of 3 numbers"));
    CHECK_THAT(readError(json{{"stump", 3}}),
               Contains("embolism parameter stump: expected an object, found 3"));
    CHECK_THAT(readError(json{{"level_radius_mm", {{"central", false}}}}),
               Contains("embolism parameter level_radius_mm.central: expected a number"));

    // Out of range.
    CHECK_THAT(readError(json{{"operating_point", 1.5}}),
               Contains("embolism parameter operating_point: expected a value in [0, 1], found 1.5"));
    CHECK_THAT(readError(json{{"operating_point", -0.1}}),
               Contains("embolism parameter operating_point: expected a value in [0, 1]"));
    CHECK_THAT(readError(json{{"thrombus_hu", {100, 20}}}),
               Contains("embolism parameter thrombus_hu: expected low < high"));
    CHECK_THAT(readError(json{{"thrombus_hu", {60, 60}}}),
               Contains("embolism parameter thrombus_hu: expected low < high"));
    CHECK_THAT(readError(json{{"core_radius_mm", {6, 2}}}),
               Contains("embolism parameter core_radius_mm: expected low <= high"));
    CHECK_THAT(readError(json{{"stump", {{"min_radius_mm", -1}}}}),
               Contains("embolism parameter stump.min_radius_mm: expected a value >= 0, found -1"));
    CHECK_THAT(readError(json{{"closing_radii_mm", {2.5, -5.0, 9.0}}}),
               Contains("embolism parameter closing_radii_mm[1]: expected a value >= 0"));
    CHECK_THAT(readError(json{{"hilar_lung_share", 1.5}}),
               Contains("embolism parameter hilar_lung_share: expected a value in [0, 1]"));
    CHECK_THAT(readError(json{{"fine_pass", {{"min_binning", -1}}}}),
               Contains("embolism parameter fine_pass.min_binning: expected a value >= 0"));
    CHECK_THAT(readError(json{{"min_candidate_volume_mm3", -20}}),
               Contains("embolism parameter min_candidate_volume_mm3: expected a value >= 0"));

    // Signed quantities keep their sign; a negative slab share is the documented "off".
    CHECK(readError(json{{"airway_wrap_max_centroid_hu", -300}, {"cutoff_slab_max_covered_share", -1}}) ==
          "(no error)");
}

TEST_CASE("embolism parameters: a parameter file is read, and a bad one is refused naming the file",
          "[embolism][params]") {
    using Catch::Contains;
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("tv_embolism_params_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
        return (dir / name).string();
    };
    const std::string good = write("good.json", R"({"lung_bridges": false, "stump": {"min_radius_mm": 2.5}})");
    const tv::EmbolismParams p = tv::readEmbolismParamsFile(good);
    CHECK(!p.lungBridges);  // on by default since stop 44
    CHECK(p.stumpMinRadiusMm == 2.5);
    CHECK(p.operatingPoint == tv::EmbolismParams{}.operatingPoint);

    const std::string missing = (dir / "missing.json").string();
    CHECK_THROWS_MATCHES(tv::readEmbolismParamsFile(missing), tv::UnreadableFileError,
                         Catch::Matchers::Predicate<tv::UnreadableFileError>([&](const tv::UnreadableFileError& e) {
                             return e.path() == missing && std::string(e.what()).find("cannot open") != std::string::npos;
                         }));
    const std::string notJson = write("broken.json", "{\"lung_bridges\": tru");
    CHECK_THROWS_MATCHES(tv::readEmbolismParamsFile(notJson), tv::UnreadableFileError,
                         Catch::Matchers::Predicate<tv::UnreadableFileError>([&](const tv::UnreadableFileError& e) {
                             return e.path() == notJson && std::string(e.what()).find("expected a JSON object") != std::string::npos;
                         }));
    const std::string badKey = write("bad_key.json", R"({"stump": {"min_radius": 2.5}})");
    CHECK_THROWS_WITH(tv::readEmbolismParamsFile(badKey),
                      Contains(badKey + ": embolism parameters: unknown key 'stump.min_radius'"));
    fs::remove_all(dir);
}
