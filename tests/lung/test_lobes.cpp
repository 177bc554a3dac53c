// Lobe assignment from fitted fissure planes (lobeAt), with exact answers.
#include <catch2/catch.hpp>

#include <cmath>

#include "lung/fissures.h"
#include "lung/lung_params.h"
#include "util/errors.h"

namespace {

// The planes fitted on COVID-CT-MD P001 (2026-11-29): the horizontal fissure rises towards the back
// and meets the right oblique fissure only at u = 0.396 / 0.41 = 0.966.
tv::FissureSet p001Planes() {
    tv::FissureSet f = tv::geometricFissures();
    f.rightOblique.a = 0.170, f.rightOblique.b = 0.555, f.rightOblique.c = 0.0;
    f.rightHorizontal.a = 0.566, f.rightHorizontal.b = 0.145, f.rightHorizontal.c = 0.0;
    f.leftOblique.a = 0.283, f.leftOblique.b = 0.603, f.leftOblique.c = 0.0;
    return f;
}

}  // namespace

TEST_CASE("lobes: the middle lobe ends at the fissures' junction, not at the posterior chest wall", "[lung][lobes]") {
    const tv::FissureSet f = p001Planes();
    const double limit = tv::LungOpacityParams{}.middleLobePosteriorLimit;
    REQUIRE(limit == 0.6);
    // Between the two planes in front of the limit: middle lobe.
    CHECK(tv::lobeAt(tv::kRight, 0.30, 0.50, 0.5, f, limit) == tv::kRML);
    // Above the horizontal fissure: upper lobe; below the oblique one: lower lobe.
    CHECK(tv::lobeAt(tv::kRight, 0.30, 0.70, 0.5, f, limit) == tv::kRUL);
    CHECK(tv::lobeAt(tv::kRight, 0.90, 0.60, 0.5, f, limit) == tv::kRLL);
    // P001 slice 100 (v = 0.68), u = 0.85: between the planes but behind the junction at the
    // mid-axillary line: upper lobe. The planes alone (limit 1) call it middle lobe.
    CHECK(tv::lobeAt(tv::kRight, 0.85, 0.68, 0.5, f, limit) == tv::kRUL);
    CHECK(tv::lobeAt(tv::kRight, 0.85, 0.68, 0.5, f, 1.0) == tv::kRML);
    // The left lung has no middle lobe, whatever the limit.
    CHECK(tv::lobeAt(tv::kLeft, 0.50, 0.60, 0.5, f, limit) == tv::kLUL);
    CHECK(tv::lobeAt(tv::kLeft, 0.50, 0.58, 0.5, f, limit) == tv::kLLL);
    CHECK(tv::lobeAt(tv::kLeft, 0.85, 0.68, 0.5, f, limit) == tv::kLLL);
}

TEST_CASE("lobes: lobeAt gives the analytic middle-lobe area of the unit square cut by two planes", "[lung][lobes]") {
    // Unit (u, v) square sampled at 1000 x 1000 cell centres. The middle lobe lies above the
    // oblique plane, below the horizontal one and in front of u = 0.6: its area is
    // integral_0^0.6 (0.396 - 0.41 u) du = 0.2376 - 0.0738 = 0.1638; without the limit the planes
    // meet at u = 0.966 and the wedge is 0.396^2 / (2 x 0.41) = 0.19124 of the square.
    const tv::FissureSet f = p001Planes();
    constexpr int kN = 1000;
    long rml = 0, rmlBehind = 0, rmlPlanesOnly = 0;
    for (int a = 0; a < kN; ++a)
        for (int b = 0; b < kN; ++b) {
            const double u = (a + 0.5) / kN, v = (b + 0.5) / kN;
            const bool mid = tv::lobeAt(tv::kRight, u, v, 0.5, f, 0.6) == tv::kRML;
            rml += mid;
            rmlBehind += mid && u > 0.6;
            rmlPlanesOnly += tv::lobeAt(tv::kRight, u, v, 0.5, f, 1.0) == tv::kRML;
        }
    CHECK(rmlBehind == 0);
    CHECK(std::abs(rml / double(kN * kN) - 0.1638) < 0.001);            // boundary cells: < 1/kN
    CHECK(std::abs(rmlPlanesOnly / double(kN * kN) - 0.19124) < 0.001);
}

TEST_CASE("lobes: the middle-lobe posterior limit is validated", "[lung][lobes]") {
    tv::LungOpacityParams p;
    p.middleLobePosteriorLimit = 0.0;
    CHECK_THROWS_AS(p.validate(), tv::InvalidArgumentError);
    p.middleLobePosteriorLimit = 1.0;
    CHECK_NOTHROW(p.validate());
    CHECK(tv::lungOpacityParamsFromJson(tv::toJson(p)).middleLobePosteriorLimit == 1.0);
}
