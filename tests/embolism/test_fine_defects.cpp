// The native-resolution fine pass (core/embolism/fine_defects.h) on lung-embedded enhanced tubes at
// C3N-00247's native spacing (0.5625 x 0.5625 x 3 mm, binned 2 x 2 by the working grid): a central
// and an eccentric clot of a 2.26 mm-radius segmental artery (the inserted shapes,
// core/evaluation/lesion_insertion.cpp) each give exactly one candidate on the clot; the same tube
// without a clot under 55 HU noise, two touching tubes and a calcified lymph node against the tube
// give none (each guard is shown to fail without its rule); the contrast-to-noise and binning gates; a polo
// mint grouped with a crescent two slices away keeps its own slice's hole share (RawCandidate::fineSliceHoleShare).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>

#include "embolism/fine_defects.h"
#include "partial_volume_ct.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace {
// The artery: 5.6 mm wide, as the artery of raised C3N-00247's missed segmental central clot r0 c7
// measures at native resolution (its lumen radius on the working grid's closed lumen: 2.26 mm); the
// clots are sized from that 2.26 mm (central 0.55 x 2.26 = 1.24 mm in radius, as inserted).
constexpr double kPx = 0.5625, kSlice = 3.0, kR = 2.8, kInsertR = 2.26;
constexpr int kN = 80, kNz = 20, kClotSlice = 10;
constexpr double kBlood = 400, kLung = -850, kClot = 60;
constexpr double kCx = 40 * kPx, kCy = 40 * kPx;  // tube axis (mm), along k
constexpr double kClotZ = kClotSlice * kSlice;    // clot centre on slice 10's centre
constexpr std::uint8_t kSegmental = 3;             // ArteryCode::Segmental

using HuAt = std::function<double(double, double, double)>;  // HU at (x, y, z) mm

// Native CT: each voxel the mean of 4 x 4 x 3 sub-samples (partial volume), plus Gaussian noise.
tv::CtVolume nativeScene(const HuAt& hu, double noiseSd, double spacing = kPx) {
    return tvtest::partialVolumeCt(tvtest::grid(kN, kN, kNz, spacing, spacing, kSlice), hu, 4, 3, noiseSd, 21);
}

// The tube: blood inside radius kR around (cx, cy), lung outside; `clot(x, y, z)` marks thrombus.
HuAt tube(double blood, const std::function<bool(double, double, double)>& clot = {}) {
    return [blood, clot](double x, double y, double z) {
        if (std::hypot(x - kCx, y - kCy) > kR) return kLung;
        return clot && clot(x, y, z) ? kClot : blood;
    };
}

// Inserted clot shapes (lesion_insertion.cpp): an ellipsoid of in-plane radius a around (ox, oy)
// off the axis, 2 R long each way along the vessel.
std::function<bool(double, double, double)> ellipsoid(double a, double ox) {
    return [a, ox](double x, double y, double z) {
        const double dx = (x - kCx - ox) / a, dy = (y - kCy) / a, dz = (z - kClotZ) / (2 * kInsertR);
        return dx * dx + dy * dy + dz * dz <= 1.0;
    };
}

struct Run {
    tv::WorkingGrid wg;
    tv::VesselTree tree;
    tv::ContrastResult contrast;
};

// The working grid and a segmental tree of the enhanced lumen (binned HU >= 230) as the detector
// would build them; `noiseHu`: the contrast check's measured noise (unsmoothed working grid).
Run prepare(const tv::CtVolume& ct, double blood, double noiseHu) {
    Run r{tv::makeWorkingGrid(ct, 1.25), {}, {}};
    r.tree.lumen = tv::Mask(r.wg.geometry, 0);
    for (std::size_t n = 0; n < r.tree.lumen.voxelCount(); ++n) r.tree.lumen[n] = r.wg.hu[n] >= 230 ? 1 : 0;
    r.tree.connected = r.tree.lumen;
    for (std::size_t n = 0; n < r.tree.connected.voxelCount(); ++n) r.tree.connected[n] *= kSegmental;
    tv::testing::finishTestTree(r.tree, blood, 230);
    r.contrast.state = tv::ContrastState::Adequate;
    r.contrast.paEnhancementHu = blood;
    r.contrast.paNoiseHu = noiseHu;
    return r;
}

std::vector<tv::RawCandidate> fine(const tv::CtVolume& ct, double blood, double noiseHu, const tv::EmbolismParams& p = {}) {
    const Run r = prepare(ct, blood, noiseHu);
    tv::CancelFlag cancel;
    return tv::findFineDefects(ct, r.wg, r.tree, r.contrast, p, cancel);
}

// Whether candidate c holds the working voxel of native voxel (i, j, k).
bool holds(const tv::RawCandidate& c, const tv::CtVolume& ct, int i, int j, int k) {
    const tv::WorkingGrid wg = tv::makeWorkingGrid(ct, 1.25);
    const tv::Index3 w = wg.workingFromSource({i, j, k});
    const std::size_t n = wg.hu.offset(w[0], w[1], w[2]);
    return std::find(c.voxels.begin(), c.voxels.end(), n) != c.voxels.end();
}

// Native 55 HU noise (C3N-00247's raw noise); binned 2 x 2 it is about half.
constexpr double kNoise = 55, kBinnedNoise = 27.5;
}  // namespace

TEST_CASE("fine pass: a central clot of 1.24 mm radius in a segmental artery is exactly one candidate", "[embolism][fine]") {
    const tv::CtVolume ct = nativeScene(tube(kBlood, ellipsoid(0.55 * kInsertR, 0)), kNoise);
    const auto found = fine(ct, kBlood, kBinnedNoise);
    REQUIRE(found.size() == 1);
    CHECK(found[0].fromFine);
    CHECK(holds(found[0], ct, 40, 40, kClotSlice));
    CHECK(found[0].fineHoleShare > 0.5);  // a polo mint: enclosed by contrast
    CHECK(found[0].fineCoreHu < 150);
    // Its artery section's native lumen HU (EmbolismParams::fineCoreAgainstSectionBlood): the bright
    // quarter of a 2.8 mm section of 400 HU blood, partial volume and noise around it.
    CHECK(found[0].fineBloodHu > 0.85 * kBlood);
    CHECK(found[0].fineBloodHu < kBlood + 2 * kNoise);
}

TEST_CASE("fine pass: an eccentric clot (0.7 R, offset 0.35 R) is exactly one candidate", "[embolism][fine]") {
    const tv::CtVolume ct = nativeScene(tube(kBlood, ellipsoid(0.7 * kInsertR, 0.35 * kInsertR)), kNoise);
    const auto found = fine(ct, kBlood, kBinnedNoise);
    REQUIRE(found.size() == 1);
    const int offsetPx = static_cast<int>(std::lround(0.35 * kInsertR / kPx));
    // On the clot's slices (on its middle slice it cuts the wall, wider than the closing bridges).
    CHECK((holds(found[0], ct, 40 + offsetPx, 40, kClotSlice - 1) || holds(found[0], ct, 40 + offsetPx, 40, kClotSlice + 1)));
    // The crescent does not enclose it on the wall side: found by the closing's deficits, and
    // without them (a closing radius of 0 bridges nothing, and no wider breached-hole closing) it is lost.
    CHECK(found[0].fineHoleShare < 0.5);
    tv::EmbolismParams noClosing;
    noClosing.fineClosingRadiusMm = 0;
    noClosing.fineBreachedHole = false;
    CHECK(fine(ct, kBlood, kBinnedNoise, noClosing).empty());
}

TEST_CASE("fine pass: the same tube without a clot under 55 HU noise gives no candidate", "[embolism][fine]") {
    const tv::CtVolume ct = nativeScene(tube(kBlood), kNoise);
    CHECK(fine(ct, kBlood, kBinnedNoise).empty());
    // The guard: with every region test off, the noise and the tube's partial-volume edge give candidates.
    tv::EmbolismParams loose;
    loose.fineMinContrastNorm = -10;
    loose.fineMinDepthMm = 0;
    loose.fineMinSliceAreaMm2 = 0;
    loose.fineMinVolumeMm3 = 0;
    loose.fineMinPixels = 0;
    CHECK_FALSE(fine(ct, kBlood, kBinnedNoise, loose).empty());
}

namespace {
// Two tubes along k whose walls touch, the artery (radius R) on the -x side and a vessel of radius
// rightR on the +x side: a 1 mm septum of soft tissue (40 HU, inside the thrombus band) between them,
// lung around.
HuAt touchingVessels(double rightR) {
    constexpr double kGap = 1.0;
    return [rightR](double x, double y, double) {
        const double left = std::hypot(x - (kCx - kR - kGap / 2), y - kCy), right = std::hypot(x - (kCx + rightR + kGap / 2), y - kCy);
        if (left <= kR || right <= rightR) return kBlood;
        return std::abs(x - kCx) <= kGap / 2 && std::abs(y - kCy) < kR ? 40.0 : kLung;
    };
}
}  // namespace

TEST_CASE("fine pass: two touching segmental arteries give no candidate between them", "[embolism][fine]") {
    // Both of radius R. The 2 mm closing bridges the septum and the notches beside it: a strip of band
    // tissue between two sections, thinner than any clot.
    const tv::CtVolume ct = nativeScene(touchingVessels(kR), kNoise);
    CHECK(fine(ct, kBlood, kBinnedNoise).empty());
    // The guard: the strip borders two sections; without that rule it is a candidate (the depth test
    // alone does not hold it: under noise the strip is 0.84 mm deep on some slices).
    tv::EmbolismParams loose;
    loose.fineMinOneSectionShare = 0;
    CHECK_FALSE(fine(ct, kBlood, kBinnedNoise, loose).empty());
}

TEST_CASE("fine pass: a lymph node with eggshell calcification touching the artery gives no candidate", "[embolism][fine]") {
    // A soft-tissue node (40 HU, 1.6 mm radius) against the artery's wall, wrapped in a calcified shell
    // (1200 HU, 0.5 mm thick) that touches the artery: artery and shell are one bright component that
    // encloses the node, a "polo mint" 8 mm2 in area, as dark as thrombus and 1.6 mm deep.
    constexpr double kNodeR = 1.6, kShell = 0.5;
    const double nodeX = kCx + kR + kNodeR;
    const HuAt calcifiedNode = [nodeX](double x, double y, double) {
        if (std::hypot(x - kCx, y - kCy) <= kR) return kBlood;
        const double d = std::hypot(x - nodeX, y - kCy);
        if (d <= kNodeR) return 40.0;
        return d <= kNodeR + kShell ? 1200.0 : kLung;
    };
    const tv::CtVolume ct = nativeScene(calcifiedNode, kNoise);
    CHECK(fine(ct, kBlood, kBinnedNoise).empty());
    // The guard: without the calcium rule the node is a candidate on every slice's hole.
    tv::EmbolismParams noCalcium;
    noCalcium.fineCalciumMarginMm = 0;  // the region's own (dark) pixels only
    const auto found = fine(ct, kBlood, kBinnedNoise, noCalcium);
    REQUIRE(found.size() == 1);
    CHECK(found[0].fineHoleShare > 0.5);
    CHECK(holds(found[0], ct, static_cast<int>(std::lround(nodeX / kPx)), 40, kClotSlice));
}

TEST_CASE("fine pass: gates on contrast-to-noise and on binning", "[embolism][fine]") {
    // Venous-phase contrast (C3N-00247 as is: 150 HU blood, 52 HU measured noise): CNR 1.7, no pass
    // even with a clot.
    const tv::CtVolume dim = nativeScene(tube(150, ellipsoid(0.55 * kInsertR, 0)), 0);
    const Run r = prepare(dim, 150, 52);
    CHECK_FALSE(tv::finePassApplies(r.wg, r.tree, r.contrast, tv::EmbolismParams{}));
    CHECK(fine(dim, 150, 52).empty());
    // pa-crop's 1.5 mm voxels are not binned: the pass runs there since s29 (fineMinBinning 1,
    // test_fine_unbinned.cpp), and not with the binning gate of before.
    const tv::CtVolume coarse = nativeScene(tube(kBlood, ellipsoid(0.55 * kInsertR, 0)), 0, 1.5);
    const Run c = prepare(coarse, kBlood, kBinnedNoise);
    CHECK(c.wg.bin[0] == 1);
    CHECK(tv::finePassApplies(c.wg, c.tree, c.contrast, tv::EmbolismParams{}));
    tv::EmbolismParams binnedOnly;
    binnedOnly.fineMinBinning = 2;
    CHECK_FALSE(tv::finePassApplies(c.wg, c.tree, c.contrast, binnedOnly));
    // The same clot on the fine grid with CTPA contrast passes the gate.
    const tv::CtVolume bright = nativeScene(tube(kBlood, ellipsoid(0.55 * kInsertR, 0)), 0);
    const Run b = prepare(bright, kBlood, kBinnedNoise);
    CHECK(tv::finePassApplies(b.wg, b.tree, b.contrast, tv::EmbolismParams{}));
}

TEST_CASE("fine pass: a central clot of a 2 mm-radius segmental artery between pixel centres is found by the hole depth", "[embolism][fine]") {
    // 0.55 R at R = 2 mm (the smallest segmental calibre, artery_levels.h): 1.1 mm in radius, its axis
    // on a pixel corner. Its hole holds no 3 x 3 pixel block (the corner pixels lie 1.19 mm out), so it
    // is 0.52 mm deep: enclosed by the section, it passes the hole depth (0.5 mm), not the 0.8 mm
    // the open notch between two vessels needs.
    constexpr double kA = 0.55 * 2.0;
    const auto offGrid = [](double x, double y, double z) {
        const double dx = (x - kCx - 0.5 * kPx) / kA, dy = (y - kCy - 0.5 * kPx) / kA, dz = (z - kClotZ) / (2 * kInsertR);
        return dx * dx + dy * dy + dz * dz <= 1.0;
    };
    const tv::CtVolume ct = nativeScene(tube(kBlood, offGrid), kNoise);
    const auto found = fine(ct, kBlood, kBinnedNoise);
    REQUIRE(found.size() == 1);
    CHECK(holds(found[0], ct, 40, 40, kClotSlice));
    CHECK(found[0].fineHoleShare > 0.5);
    // The guard: at the deficits' depth for holes too it is lost.
    tv::EmbolismParams holeAsDeficit;
    holeAsDeficit.fineMinHoleDepthMm = holeAsDeficit.fineMinDepthMm;
    CHECK(fine(ct, kBlood, kBinnedNoise, holeAsDeficit).empty());
}

TEST_CASE("fine pass: a short central clot one slice thick counts its hole's partial-volume rim toward the volume", "[embolism][fine]") {
    // A central clot 2 mm wide and 4 mm long (1 mm radius: 0.55 R of the smallest segmental arteries,
    // R = 2 mm, artery_levels.h; its ends lie within one 3 mm slice): on that slice a hole of clot
    // blended with the contrast around it, most of whose pixels are partial volume above the band.
    constexpr double kA = 1.0, kHalfLength = 2.0;
    const auto shortClot = [](double x, double y, double z) {
        const double dx = (x - kCx) / kA, dy = (y - kCy) / kA, dz = (z - kClotZ) / kHalfLength;
        return dx * dx + dy * dy + dz * dz <= 1.0;
    };
    const tv::CtVolume ct = nativeScene(tube(kBlood, shortClot), kNoise);
    const auto found = fine(ct, kBlood, kBinnedNoise);
    tv::EmbolismParams bandOnly;
    bandOnly.fineHoleWholeArea = false;
    const auto lost = fine(ct, kBlood, kBinnedNoise, bandOnly);
    REQUIRE(found.size() == 1);
    CHECK(holds(found[0], ct, 40, 40, kClotSlice));
    CHECK(found[0].fineHoleShare > 0.5);
    // The guard: its thrombus-band pixels alone are under fineMinVolumeMm3 (EmbolismParams::fineHoleWholeArea).
    CHECK(lost.empty());
}

namespace {
// A lobar-calibre artery (4 mm radius, along k) whose eccentric clot cuts the contrast between itself
// and the +x wall off from the rest of the lumen: the clot fills the lumen beyond the chord x = +0.5 mm,
// except a channel 1.4 mm deep along the wall over |y| < 2 mm; it touches the wall on either side of
// the channel. On its slices the artery's section is the lumen on the -x side (about 29 mm2, 8 mm of
// contact with the clot: 3.6 mm thick) and the channel (about 5 mm2 over 5 mm of contact: about
// 1 mm thick). A prism over slices 9-11 (their boundaries), so no slice holds an uncut section.
constexpr double kRimArteryR = 4.0, kChordX = 0.5, kChannel = 1.4, kChannelHalfY = 2.0;
bool inRimArtery(double x, double y) { return std::hypot(x - kCx, y - kCy) <= kRimArteryR; }
bool rimClot(double x, double y, double z) {
    if (std::abs(z - kClotZ) >= 1.5 * kSlice || !inRimArtery(x, y) || x - kCx < kChordX) return false;
    const bool channel = std::hypot(x - kCx, y - kCy) >= kRimArteryR - kChannel && std::abs(y - kCy) < kChannelHalfY;
    return !channel;
}
}  // namespace

TEST_CASE("fine pass: an eccentric clot that cuts a thin rim of contrast off its artery is exactly one candidate", "[embolism][fine]") {
    const HuAt scene = [](double x, double y, double z) {
        if (!inRimArtery(x, y)) return kLung;
        return rimClot(x, y, z) ? kClot : kBlood;
    };
    const tv::CtVolume ct = nativeScene(scene, kNoise);
    const auto found = fine(ct, kBlood, kBinnedNoise);
    REQUIRE(found.size() == 1);
    const int clotX = 40 + static_cast<int>(std::lround((kChordX + 1.0) / kPx));
    CHECK(holds(found[0], ct, clotX, 40, kClotSlice));
    CHECK(found[0].fineHoleShare < 0.5);         // not enclosed by one section: a deficit
    CHECK(found[0].fineRimWrappedShare > 0.5);   // wrapped by the artery and the channel
    // The guard: the deficit borders two sections (0.6 of its contrast faces the artery's), and
    // without the rim rule (EmbolismParams::fineRimMaxThicknessMm) it is lost.
    tv::EmbolismParams noRim;
    noRim.fineRimMaxThicknessMm = 0;
    CHECK(fine(ct, kBlood, kBinnedNoise, noRim).empty());
}

TEST_CASE("fine pass: a thin vessel touching a segmental artery is no rim: no candidate between them", "[embolism][fine]") {
    // The touching-arteries scene with the second vessel 1.5 mm in radius (a subsegmental branch
    // running beside the artery), a 1 mm septum of soft tissue between them: the small vessel's section
    // is about as thick as it is wide (7 mm2 over at most 3 mm of contact), not a rim.
    const tv::CtVolume ct = nativeScene(touchingVessels(1.5), kNoise);
    CHECK(fine(ct, kBlood, kBinnedNoise).empty());
    // The guards: the septum borders two sections (without that rule it is a candidate), and with
    // rims up to 2.5 mm thick the small vessel counts with the artery and the septum is a candidate.
    tv::EmbolismParams anyShare;
    anyShare.fineMinOneSectionShare = 0;
    CHECK_FALSE(fine(ct, kBlood, kBinnedNoise, anyShare).empty());
    tv::EmbolismParams thickRim;
    thickRim.fineRimMaxThicknessMm = 2.5;
    CHECK_FALSE(fine(ct, kBlood, kBinnedNoise, thickRim).empty());
}

namespace {
// A lobar-calibre artery of 3.0 mm radius (raised C3N-00247 round 2 clot 2's inscribed radius, s27-lobar)
// in soft tissue (40 HU, a hilar artery: in lung at -850 HU the partial volume and the smoothing put a
// 1 mm rim of this artery below the lumen threshold all round) with a clot 2 mm in radius near the +x
// wall, one 3 mm slice thick (slice kClotSlice only, as that clot's truth). `rimMm`: the blood left
// between clot and wall; at 0.6 mm the partial volume leaves it below the lumen threshold over a short
// arc, so the clot opens into the tissue outside (no hole) and the 2 mm closing does not bridge it
// (no deficit either): the clot is lost, as raised C3N r2 c2 at its fair size. The slices above and
// below hold the intact artery (its tree voxels seed the clot's pixels).
constexpr double kBreachR = 3.0, kBreachClotR = 2.0, kSoftTissue = 40;
HuAt breachedScene(double rimMm) {
    return [rimMm](double x, double y, double z) {
        if (std::hypot(x - kCx, y - kCy) > kBreachR) return kSoftTissue;
        const double offset = kBreachR - kBreachClotR - rimMm;
        const bool clot = std::abs(z - kClotZ) < 0.5 * kSlice && std::hypot(x - kCx - offset, y - kCy) <= kBreachClotR;
        return clot ? kClot : kBlood;
    };
}
}  // namespace

TEST_CASE("fine pass: a partial clot near one wall of a 3 mm artery, its rim below threshold, is a breached hole", "[embolism][fine]") {
    const tv::CtVolume ct = nativeScene(breachedScene(0.6), kNoise);
    tv::EmbolismParams on;
    on.fineBreachedHole = true;
    const auto found = fine(ct, kBlood, kBinnedNoise, on);
    REQUIRE(found.size() == 1);
    CHECK(holds(found[0], ct, 40, 40, kClotSlice));
    CHECK(found[0].fineHoleShare == 1.0);  // scored as a hole (central-veto exemption, own-slice radius)
    // The rule off: lost, neither a hole nor a deficit of the 2 mm closing.
    tv::EmbolismParams off;
    off.fineBreachedHole = false;
    CHECK(fine(ct, kBlood, kBinnedNoise, off).empty());
    // The guards: with the regular 2 mm closing only ...
    tv::EmbolismParams narrow = on;
    narrow.fineBreachedHoleClosingMm = narrow.fineClosingRadiusMm;
    CHECK(fine(ct, kBlood, kBinnedNoise, narrow).empty());
    // ... or with the whole outline asked to border contrast, it is lost. (Its pixels all lie on tree
    // voxels of the slices above and below: the seed-share test is not exercised here.)
    tv::EmbolismParams closed = on;
    closed.fineBreachedHoleMinEnclosure = 1.0;
    CHECK(fine(ct, kBlood, kBinnedNoise, closed).empty());
}

TEST_CASE("fine pass: a clot open to the tissue over a wider arc is no breached hole", "[embolism][fine]") {
    // The same clot 0.4 mm from the wall: the rim is below threshold over a wider arc, and contrast
    // borders under fineBreachedHoleMinEnclosure of the 2.5 mm closing's deficit (0.73 of the faces
    // with that test off): nothing, with the rule on or off.
    const tv::CtVolume ct = nativeScene(breachedScene(0.4), kNoise);
    tv::EmbolismParams on;
    on.fineBreachedHole = true;
    CHECK(fine(ct, kBlood, kBinnedNoise, on).empty());
    tv::EmbolismParams off;
    off.fineBreachedHole = false;
    CHECK(fine(ct, kBlood, kBinnedNoise, off).empty());
    tv::EmbolismParams anyEnclosure = on;
    anyEnclosure.fineBreachedHoleMinEnclosure = 0;
    CHECK(fine(ct, kBlood, kBinnedNoise, anyEnclosure).size() == 1);
}

namespace {
// A lobar-calibre artery of 5.5 mm radius in soft tissue (40 HU), along k, with a central clot 3.9 mm
// in radius over slices 9-11 (a prism between their boundaries): on each of its slices a hole of
// about 48 mm2 (half the section) with a 1.6 mm ring of contrast all round. Its area is over the fixed
// 40 mm2 cap (EmbolismParams::fineMaxSliceAreaMm2, an eccentric clot's crescent in a 5 mm artery) and
// under the hole cap of the widest artery the fine pass scores (0.7 x pi x 6^2 = 79 mm2): held-out
// raised C3N round 2 clot 2's 43.6 mm2 hole, enclosure 1 (s28-areacap).
constexpr double kWideR = 5.5, kWideClotR = 3.9;
HuAt wideHoleScene() {
    return [](double x, double y, double z) {
        const double r = std::hypot(x - kCx, y - kCy);
        if (r > kWideR) return kSoftTissue;
        return std::abs(z - kClotZ) < 1.5 * kSlice && r <= kWideClotR ? kClot : kBlood;
    };
}
}  // namespace

TEST_CASE("fine pass: a polo-mint hole over the fixed area cap in a 5.5 mm artery is exactly one candidate", "[embolism][fine]") {
    const tv::CtVolume ct = nativeScene(wideHoleScene(), kNoise);
    const auto found = fine(ct, kBlood, kBinnedNoise);
    REQUIRE(found.size() == 1);
    CHECK(holds(found[0], ct, 40, 40, kClotSlice));
    CHECK(found[0].fineHoleShare > 0.5);  // enclosed by contrast on its slices
    // The rule off: the fixed 40 mm2 cap drops the hole on every slice.
    tv::EmbolismParams off;
    off.fineHoleCapFromVesselRadius = false;
    CHECK(fine(ct, kBlood, kBinnedNoise, off).empty());
    // The hole cap follows the widest artery the fine pass scores: at 3.5 mm (0.7 x pi x 3.5^2 = 27 mm2,
    // and the tree radius beside the hole over 3.5 mm on its end slices) the hole is over it.
    tv::EmbolismParams narrow;
    narrow.fineMaxVesselRadiusMm = 3.5;
    CHECK(fine(ct, kBlood, kBinnedNoise, narrow).empty());
}

// A clot that cuts its artery off the traced tree (s29-fineroi): the clotted tube (untraced lumen,
// code 0) joined in-plane by a 2 mm contrast bridge to a parallel traced segmental tube sepMm away
// (one contrast section, so the hole's section is an artery's); only the lumen beyond
// x = kCx + sepMm - 4 mm carries the segmental code. The region (fineRegionMarginMm, a 3-voxel box)
// then ends short of the clot; fineRoiUntracedReachMm lets the untraced lumen near the code seed it.
namespace {
std::vector<tv::RawCandidate> fineBesideTracedTube(double sepMm, const tv::EmbolismParams& p) {
    const auto clot = ellipsoid(0.55 * kInsertR, 0);
    const tv::CtVolume ct = nativeScene(
        [clot, sepMm](double x, double y, double z) {
            const bool inA = std::hypot(x - kCx, y - kCy) <= kR, inB = std::hypot(x - kCx - sepMm, y - kCy) <= kR;
            const bool bridge = x > kCx && x < kCx + sepMm && std::abs(y - kCy) <= 1.0;
            if (inA && clot(x, y, z)) return kClot;
            return inA || inB || bridge ? kBlood : kLung;
        },
        kNoise);
    Run r = prepare(ct, kBlood, kBinnedNoise);
    for (int k = 0; k < r.wg.geometry.size[2]; ++k)
        for (int j = 0; j < r.wg.geometry.size[1]; ++j)
            for (int i = 0; i < r.wg.geometry.size[0]; ++i) {
                const double x = (i + 0.5) * r.wg.geometry.spacing[0];  // working voxel centre (2 x 2 native pixels)
                if (x < kCx + sepMm - 4.0) r.tree.connected.at(i, j, k) = 0;
            }
    tv::CancelFlag cancel;
    return tv::findFineDefects(ct, r.wg, r.tree, r.contrast, p, cancel);
}
}  // namespace

TEST_CASE("fine pass: a clot whose own lumen the tree no longer codes is found from the traced artery beside it", "[embolism][fine]") {
    tv::EmbolismParams p;
    const auto found = fineBesideTracedTube(10.0, p);
    REQUIRE(found.size() == 1);
    CHECK(found[0].fineHoleShare > 0.5);
    const tv::CtVolume probe = nativeScene(tube(kBlood), 0);
    CHECK(holds(found[0], probe, 40, 40, kClotSlice));
    // Without the untraced lumen in the region the clot lies outside it.
    tv::EmbolismParams off = p;
    off.fineRoiUntracedReachMm = 0;
    CHECK(fineBesideTracedTube(10.0, off).empty());
}

TEST_CASE("fine pass: untraced lumen farther than the reach from the traced artery does not seed the region", "[embolism][fine]") {
    // The code starts 12 mm from the clotted tube's axis: its untraced lumen within the 7 mm reach
    // (6 working voxels) and the 3.4 mm margin end about 2 mm short of the axis.
    CHECK(fineBesideTracedTube(16.0, tv::EmbolismParams{}).empty());
    // The same scene with a reach that spans the gap: found (the guard is the reach, not the scene).
    tv::EmbolismParams far;
    far.fineRoiUntracedReachMm = 14.0;
    CHECK(fineBesideTracedTube(16.0, far).size() == 1);
}

TEST_CASE("fine pass: a polo mint grouped with an eccentric clot two slices away keeps its own slice's hole share", "[embolism][fine]") {
    // A central clot 1.24 mm in radius (0.55 R) filling slice 10 (a cylinder 3 mm long), and an eccentric clot
    // (0.7 R, offset 0.35 R, 2 R half-length) centred on slice 7 (slices 6-8): the pass groups across one empty
    // slice, so they are one candidate whose hole share is the group's (RawCandidate::fineSliceHoleShare).
    const auto central = [](double x, double y, double z) {
        const double a = 0.55 * kInsertR;
        return std::hypot(x - kCx, y - kCy) <= a && std::abs(z - kClotZ) < kSlice / 2;
    };
    const auto eccentric = [](double x, double y, double z) {
        const double a = 0.7 * kInsertR, dx = (x - kCx - 0.35 * kInsertR) / a, dy = (y - kCy) / a, dz = (z - kClotZ + 3 * kSlice) / (2 * kInsertR);
        return dx * dx + dy * dy + dz * dz <= 1.0;
    };
    const tv::CtVolume ct = nativeScene(tube(kBlood, [&](double x, double y, double z) { return central(x, y, z) || eccentric(x, y, z); }), kNoise);
    const auto found = fine(ct, kBlood, kBinnedNoise);
    REQUIRE(found.size() == 1);
    CHECK(holds(found[0], ct, 40, 40, kClotSlice));
    CHECK(found[0].fineHoleShare < 0.9);            // the group: the crescents are deficits, not holes
    CHECK(found[0].fineSliceHoleShare == 1.0);      // slice 10: the polo mint alone
    // Each clot alone: the polo mint's group is its slice; the crescent has no hole slice.
    const auto mint = fine(nativeScene(tube(kBlood, central), kNoise), kBlood, kBinnedNoise);
    REQUIRE(mint.size() == 1);
    CHECK(mint[0].fineSliceHoleShare == Approx(mint[0].fineHoleShare));
    const auto crescent = fine(nativeScene(tube(kBlood, eccentric), kNoise), kBlood, kBinnedNoise);
    REQUIRE(crescent.size() == 1);
    CHECK(crescent[0].fineSliceHoleShare <= crescent[0].fineHoleShare + 1e-9);
}
