// One finding per defect (finding_repeat.h): a candidate touching a finding reported before it is dropped
// when one of the two is the fine pass's, except a massive working-grid occlusion
// (EmbolismParams::massiveOcclusionNoRepeatMm3). The case it was made for (pa-crop seed 6000 round 3,
// s33-centralocc notes): a trunk clot's mass (17,695 mm3, complete, score 0.96) shared 5 voxels with a
// fine finding of 117 voxels on a neighbouring clot and was dropped as its repeat. Exact answers on a
// 1.5 mm grid with hand-placed findings.
#include <catch2/catch.hpp>

#include <vector>

#include "embolism/finding_repeat.h"
#include "test_support.h"

namespace {
constexpr double kVoxelMm3 = 1.5 * 1.5 * 1.5;

std::vector<std::size_t> box(const tv::LabelMap& grid, int i0, int i1, int j0, int j1, int k0, int k1) {
    std::vector<std::size_t> out;
    for (int k = k0; k <= k1; ++k)
        for (int j = j0; j <= j1; ++j)
            for (int i = i0; i <= i1; ++i) out.push_back(grid.offset(i, j, k));
    return out;
}

// The reported findings: label 1 a fine finding (a 5-voxel cube, 125 voxels), label 2 a working-grid one
// (another 5-voxel cube).
struct Reported {
    tv::LabelMap labels;
    std::vector<bool> fineLabel{false, true, false};
};

Reported reported() {
    Reported r{tv::LabelMap(tvtest::grid(48, 40, 40, 1.5, 1.5, 1.5), 0)};
    for (const std::size_t n : box(r.labels, 10, 14, 10, 14, 10, 14)) r.labels[n] = 1;
    for (const std::size_t n : box(r.labels, 40, 44, 10, 14, 10, 14)) r.labels[n] = 2;
    return r;
}
}  // namespace

TEST_CASE("a massive occlusion touching a fine finding at its rim is no repeat of it", "[embolism][finding_repeat]") {
    const Reported r = reported();
    // The mass: a 15-voxel cube beside the fine finding plus the 5 voxels of the fine cube's face it
    // overlaps (i = 14, k = 10): 3,380 voxels, 11,408 mm3, 5 shared (4 % of the fine finding).
    std::vector<std::size_t> mass = box(r.labels, 15, 29, 10, 24, 10, 24);
    for (const std::size_t n : box(r.labels, 14, 14, 10, 14, 10, 10)) mass.push_back(n);
    REQUIRE(mass.size() == 3380);
    const double massMm3 = static_cast<double>(mass.size()) * kVoxelMm3;
    const tv::EmbolismParams p;
    REQUIRE(p.massiveOcclusionNoRepeatMm3 == 2000.0);

    SECTION("complete and over 2,000 mm3: reported beside the fine finding") {
        CHECK_FALSE(tv::repeatsReportedFinding({&mass, false, true, massMm3}, r.labels, r.fineLabel, p));
    }
    SECTION("rule off (0): dropped as the fine finding's repeat, as before") {
        tv::EmbolismParams off = p;
        off.massiveOcclusionNoRepeatMm3 = 0;
        CHECK(tv::repeatsReportedFinding({&mass, false, true, massMm3}, r.labels, r.fineLabel, off));
    }
    SECTION("a partial defect of that size: a repeat") {
        CHECK(tv::repeatsReportedFinding({&mass, false, false, massMm3}, r.labels, r.fineLabel, p));
    }
    SECTION("an occlusion under 2,000 mm3: a repeat") {
        // 5 x 10 x 10 voxels beside the fine cube plus the same 5 shared voxels: 505 voxels, 1,704 mm3.
        std::vector<std::size_t> small = box(r.labels, 15, 19, 10, 19, 10, 19);
        for (const std::size_t n : box(r.labels, 14, 14, 10, 14, 10, 10)) small.push_back(n);
        const double mm3 = static_cast<double>(small.size()) * kVoxelMm3;
        REQUIRE(mm3 < 2000.0);
        CHECK(tv::repeatsReportedFinding({&small, false, true, mm3}, r.labels, r.fineLabel, p));
        // ... and with the bound at its size it is not (the bound, not the shape, decides).
        tv::EmbolismParams lower = p;
        lower.massiveOcclusionNoRepeatMm3 = mm3;
        CHECK_FALSE(tv::repeatsReportedFinding({&small, false, true, mm3}, r.labels, r.fineLabel, lower));
    }
    SECTION("a fine candidate on a reported massive occlusion is still its repeat") {
        tv::LabelMap labels = r.labels;
        for (const std::size_t n : mass) labels[n] = 3;  // the mass reported as label 3 (working grid)
        std::vector<bool> fine = r.fineLabel;
        fine.push_back(false);
        const std::vector<std::size_t> fineCandidate = box(labels, 20, 22, 12, 14, 12, 14);
        CHECK(tv::repeatsReportedFinding({&fineCandidate, true, false, 27 * kVoxelMm3}, labels, fine, p));
    }
    SECTION("two working-grid findings touching: no repeat (only the fine pass repeats)") {
        const std::vector<std::size_t> beside = box(r.labels, 44, 46, 10, 12, 10, 12);
        CHECK_FALSE(tv::repeatsReportedFinding({&beside, false, false, 27 * kVoxelMm3}, r.labels, r.fineLabel, p));
    }
    SECTION("a working candidate inside a fine finding: a repeat") {
        const std::vector<std::size_t> inside = box(r.labels, 11, 13, 11, 13, 11, 13);
        CHECK(tv::repeatsReportedFinding({&inside, false, false, 27 * kVoxelMm3}, r.labels, r.fineLabel, p));
    }
}

TEST_CASE("a reached central mass is unreported while the findings before it hold at most the reached share of it", "[embolism][finding_repeat]") {
    // EmbolismParams::centralOcclusionRestWhenPlugUnreported (s35-massive): a mass of 1,000 voxels (i 10-19,
    // j 20-29, k 20-29); label 1 holds none of it, then 200 (20 %) and 210 (21 %) of its voxels.
    Reported r = reported();
    const std::vector<std::size_t> mass = box(r.labels, 10, 19, 20, 29, 20, 29);
    const double share = tv::EmbolismParams{}.centralOcclusionMaxReachedShare;  // 0.2
    CHECK(tv::reachedMassUnreported(mass, r.labels, 2, share));  // the plug that reached it was not reported
    for (const std::size_t n : box(r.labels, 10, 11, 20, 29, 20, 29)) r.labels[n] = 1;  // 200 voxels: 20 %
    CHECK(tv::reachedMassUnreported(mass, r.labels, 2, share));
    for (const std::size_t n : box(r.labels, 12, 12, 20, 20, 20, 29)) r.labels[n] = 1;  // 210 voxels: 21 %
    CHECK(!tv::reachedMassUnreported(mass, r.labels, 2, share));  // the plug is reported: the mass is left to it
    // Labels above maxLabel (the mass's own parts, reported after the other findings) do not count.
    for (const std::size_t n : box(r.labels, 10, 12, 20, 29, 20, 29)) r.labels[n] = 3;
    CHECK(tv::reachedMassUnreported(mass, r.labels, 2, share));
    CHECK(!tv::reachedMassUnreported(mass, r.labels, 3, share));
    // No mass (any other candidate): never.
    CHECK(!tv::reachedMassUnreported({}, r.labels, 2, share));
}
