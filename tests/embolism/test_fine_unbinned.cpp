// The fine pass (core/embolism/fine_defects.h) on an unbinned scan (EmbolismParams::fineMinBinning 1,
// s29): pa-crop's 1.5 mm voxels are not binned by the working grid, but its 1 mm Gaussian still blends
// a small clot into its contrast. Exact answers on a 1.5 mm isotropic grid: a central clot of a 4 mm
// artery is one fine candidate (none with the old binning gate); a dark speck of two voxels is none
// (fineMinPixels; one candidate without the rule), one of three is one; a candidate on the aorta mask
// carries that share and is vetoed (fineMaxAortaShare).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>

#include "embolism/candidate_scoring.h"
#include "embolism/fine_defects.h"
#include "partial_volume_ct.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace {
constexpr double kVoxel = 1.5, kR = 4.0;                     // pa-crop's voxel; a lobar-calibre artery
constexpr int kN = 40, kNz = 30, kClotSlice = 15;
constexpr double kBlood = 500, kLung = -850, kClot = 60;
constexpr double kC = 20 * kVoxel, kClotZ = kClotSlice * kVoxel;  // tube axis (x = y = kC mm), along k

using Clot = std::function<bool(double, double, double)>;  // thrombus at (x, y, z) mm

// Native CT: each voxel the mean of 4 x 4 x 4 sub-samples (partial volume) plus Gaussian noise; the
// tube (radius kR around x = y = kC) holds blood, or clot where `clot` says, in lung.
tv::CtVolume scene(const Clot& clot, double noiseSd) {
    const auto hu = [&clot](double x, double y, double z) { return std::hypot(x - kC, y - kC) > kR ? kLung : (clot(x, y, z) ? kClot : kBlood); };
    return tvtest::partialVolumeCt(tvtest::grid(kN, kN, kNz, kVoxel, kVoxel, kVoxel), hu, 4, 4, noiseSd, 29);
}

// The inserted central clot (core/evaluation/lesion_insertion.cpp): in-plane radius 0.55 R, 2 R
// each way along the vessel.
bool centralClot(double x, double y, double z) {
    const double dx = (x - kC) / (0.55 * kR), dy = (y - kC) / (0.55 * kR), dz = (z - kClotZ) / (2 * kR);
    return dx * dx + dy * dy + dz * dz <= 1.0;
}

// A dark speck of `voxels` voxels (60 HU) in a row along i through the axis voxel, on the clot slice
// of a clean tube (2.7 voxels in radius): a hole of exactly that many native pixels.
tv::CtVolume speck(int voxels) {
    tv::CtVolume ct = scene([](double, double, double) { return false; }, 0);
    for (int v = 0; v < voxels; ++v) ct.hu.at(20 - (voxels - 1) / 2 + v, 20, kClotSlice) = static_cast<std::int16_t>(kClot);
    return ct;
}

struct Run {
    tv::WorkingGrid wg;
    tv::VesselTree tree;
    tv::ContrastResult contrast;
};

// The working grid and a lobar-coded tree of its enhanced lumen (HU >= 280), as the detector builds them.
Run prepare(const tv::CtVolume& ct) {
    Run r{tv::makeWorkingGrid(ct, 1.25), {}, {}};
    r.tree.lumen = tv::Mask(r.wg.geometry, 0);
    for (std::size_t n = 0; n < r.tree.lumen.voxelCount(); ++n) r.tree.lumen[n] = r.wg.hu[n] >= 280 ? 1 : 0;
    r.tree.connected = r.tree.lumen;
    for (std::size_t n = 0; n < r.tree.connected.voxelCount(); ++n)
        r.tree.connected[n] *= static_cast<std::uint8_t>(tv::ArteryCode::Lobar);
    tv::testing::finishTestTree(r.tree, kBlood, 280);
    r.contrast.state = tv::ContrastState::Adequate;
    r.contrast.paEnhancementHu = kBlood;
    r.contrast.paNoiseHu = 30;
    return r;
}

std::vector<tv::RawCandidate> fine(const tv::CtVolume& ct, const tv::EmbolismParams& p = {}, const tv::Mask* aorta = nullptr) {
    const Run r = prepare(ct);
    tv::CancelFlag cancel;
    return tv::findFineDefects(ct, r.wg, r.tree, r.contrast, p, cancel, aorta);
}

bool holdsClotCentre(const tv::RawCandidate& c, const tv::CtVolume& ct) {
    const std::size_t n = ct.hu.offset(20, 20, kClotSlice);  // unbinned: working voxel = native voxel
    return std::find(c.voxels.begin(), c.voxels.end(), n) != c.voxels.end();
}
}  // namespace

TEST_CASE("fine pass, unbinned 1.5 mm grid: a central clot of a 4 mm artery is one candidate, the old binning gate ran none", "[embolism][fine]") {
    const tv::CtVolume ct = scene(centralClot, 30);
    const Run r = prepare(ct);
    REQUIRE(r.wg.bin[0] == 1);
    const auto found = fine(ct);
    REQUIRE(found.size() == 1);
    CHECK(holdsClotCentre(found[0], ct));
    CHECK(found[0].fineHoleShare > 0.5);
    CHECK(found[0].fineAortaShare == 0.0);
    tv::EmbolismParams binnedOnly;
    binnedOnly.fineMinBinning = 2;  // before s29
    CHECK_FALSE(tv::finePassApplies(r.wg, r.tree, r.contrast, binnedOnly));
    CHECK(fine(ct, binnedOnly).empty());
}

TEST_CASE("fine pass, unbinned 1.5 mm grid: a speck of two voxels is no candidate, one of three is (fineMinPixels)", "[embolism][fine]") {
    // Two voxels: 6.75 mm3, over the 6 mm3 volume floor set for binned scans' native pixels.
    const tv::CtVolume pair = speck(2);
    CHECK(fine(pair).empty());
    // The guard: without the pixel floor the pair is one candidate.
    tv::EmbolismParams noPixelFloor;
    noPixelFloor.fineMinPixels = 0;
    const auto found = fine(pair, noPixelFloor);
    REQUIRE(found.size() == 1);
    CHECK(holdsClotCentre(found[0], pair));
    // Three voxels pass.
    const tv::CtVolume three = speck(3);
    const auto kept = fine(three);
    REQUIRE(kept.size() == 1);
    CHECK(holdsClotCentre(kept[0], three));
}

TEST_CASE("fine pass: a defect on the aorta mask carries its share and is vetoed (fineMaxAortaShare)", "[embolism][fine][unit]") {
    const tv::CtVolume ct = scene(centralClot, 30);
    const Run r = prepare(ct);
    // The aorta mask over the whole clot: every band pixel of the candidate lies on it.
    tv::Mask aorta(r.wg.geometry, 0);
    for (int k = 0; k < kNz; ++k)
        for (int j = 14; j <= 26; ++j)
            for (int i = 14; i <= 26; ++i) aorta.at(i, j, k) = 1;
    const auto onAorta = fine(ct, {}, &aorta);
    REQUIRE(onAorta.size() == 1);
    CHECK(onAorta[0].fineAortaShare == 1.0);
    // An empty mask measures nothing.
    const tv::Mask none;
    CHECK(fine(ct, {}, &none)[0].fineAortaShare == 0.0);
    // Scoring: a fine polo mint in a lobar artery, credible on every other feature.
    tv::CandidateFeatures f;
    f.fine = true;
    f.volumeMm3 = 150;
    f.medianHu = 60;
    f.localBloodHu = kBlood;
    f.contrastNorm = f.coreContrastNorm = 1.0;
    f.coreHu = 60;
    f.enclosure = 1.0;
    f.vesselRadiusMm = f.sliceVesselRadiusMm = f.completedRadiusMm = kR;
    f.minorSemiAxisMm = 0.55 * kR;
    f.elongation = 2;
    f.flatness = 0.8;
    f.onArterialTree = true;
    f.ctpaContrast = true;
    f.treeLevel = f.sectionLevel = tv::VesselLevel::Lobar;
    f.fineHoleShare = 1.0;
    const tv::EmbolismParams p;
    f.fineAortaShare = p.fineMaxAortaShare;  // at the cap: scored
    CHECK(tv::scoreCandidate(f, p) > 0.9);
    f.fineAortaShare = 0.56;  // the least share of pa-crop's aorta-PA wall (54,58,87) and its remnants
    CHECK(tv::scoreCandidate(f, p) == 0.0);
}
