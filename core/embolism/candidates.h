#pragma once
// Filling-defect candidates: low-attenuation voxels (thrombus band) inside the completed lumen
// (multi-scale closing of the enhanced lumen: central and eccentric defects) and soft-tissue
// continuations of enhanced arteries inside the lung (complete cut-offs).
#include <array>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "embolism/embolism_params.h"
#include "embolism/vessel_tree.h"

namespace tv {

struct RawCandidate {
    std::vector<std::size_t> voxels;  // working-grid offsets
    bool fromCutoff = false;          // found as a soft-tissue continuation (occlusion search)
    bool fromStump = false;           // holds a plug beyond a blunt artery end (stump_occlusions.h), at least
                                      // EmbolismParams::stumpMinPlugShare of its voxels
    double stumpPlugShare = 0;        // share of its voxels from stump plugs, gap runs and central masses
    bool fromFine = false;            // found by the native-resolution fine pass (fine_defects.h)
    bool fromCrossSections = false;   // found by the fine pass across lobar arteries (oblique_defects.h): seen inside
                                      // the cross-sections of lobar centreline voxels (ObliquePassParams::obliqueSectionLevelFromSeeds)
    double fineMedianHu = 0;          // fine pass: median native HU of its defect regions (rim included)
    double fineCoreHu = 0;            // fine pass: the fineCoreQuantile of the same HU (its solid core)
    double fineBloodHu = 0;           // fine pass: mean over its band pixels of their artery section's lumen HU (sectionBloodHu; 0: none)
    double fineHoleShare = 0;         // fine pass: share of its band pixels in holes enclosed by contrast
                                      // (breached holes included, EmbolismParams::fineBreachedHole)
    double fineBreachedShare = 0;     // fine pass: ... of them in breached holes only
    double fineSliceHoleShare = 0;    // fine pass: the share of unbreached-hole pixels among the band pixels of the one slice
                                      // holding most of them (a polo mint's own slice, whatever else the group took in)
    double fineRimWrappedShare = 0;   // fine pass: ... in deficits wrapped by their artery and a rim cut off from it
    double fineEnclosure = 0;         // fine pass: share of the regions' native face neighbours that are contrast
    double fineAortaShare = 0;        // fine pass: share of its band pixels on the aorta mask (ThoraxMasks::aorta, wall included)
    double fineThroughLungShare = 0;  // fine pass (fine_defects.h; the cross-section pass leaves 0): share of its regions'
                                      // pixels with aerated lung right above or below (the same native pixel on the next
                                      // slice, ThoraxParams::airHu)
    double fineMinRawHu = 0;          // fine pass (likewise): darkest unsmoothed native pixel of its regions
    double completedRadiusMm = 0;     // largest local radius of the completed (closed) lumen over its
                                      // voxels; for cut-offs and stump plugs the stump's radius (0: unknown)
    double roundSectionShare = 0;     // share of its voxels inside an artery's fitted round section (round_sections.h)
    bool wrappedPocket = false;       // a pocket only the thickness test rejected, wrapped in contrast (EmbolismParams::wrappedPocket)
    bool hilarCutoff = false;         // a cut-off of the wide hull's search only, apart from the other defects (EmbolismParams::cutoffHullClosingMm)
    bool centralMass = false;         // holds a massive central occlusion's mass (central_occlusions.h)
    // A central mass a gap run or stump plug reached (EmbolismParams::centralOcclusionRestWhenPlugUnreported):
    // the whole mass's voxels (sorted offsets); reported only when the findings reported before hold at most
    // centralOcclusionMaxReachedShare of them. Empty for every other candidate.
    std::vector<std::size_t> reachedMass;
    std::vector<std::size_t> ownSide; // face neighbours (sorted offsets) that only the closings' thickness test rejected
                                      // or that other candidates' defects hold (own_side_faces.h; filled when
                                      // EmbolismParams::ownSideEnclosure)
};

struct CandidateMaps {
    std::vector<RawCandidate> candidates;
};

/// The tests of the closing part (lumen completion) in the order they are applied: a voxel is a
/// defect voxel when it passes all of them for at least one closing radius.
enum class DefectTest : std::uint8_t {
    Defect,     // passed every test
    Lumen,      // enhanced lumen itself
    NotClosed,  // outside the closed lumen: the defect opens into the surroundings
    Border,     // within the closing radius of the volume border
    Thin,       // the completed vessel is thinner than closingThicknessFraction x r there
    Masked,     // lung, heart or aorta mask
    Band,       // outside the thrombus band (smoothed, or unsmoothed beside thin vessels)
    Shell,      // in the partial-volume shell of the completed lumen
};
std::string toString(DefectTest t);
inline constexpr std::size_t kDefectTestCount = static_cast<std::size_t>(DefectTest::Shell) + 1;
// Closing radii (EmbolismParams::closingRadiiMm); traces and tallies are sized from it so the two
// cannot drift apart.
inline constexpr std::size_t kClosingRadiusCount = std::size(EmbolismParams{}.closingRadiiMm);

/// Review output (tools, tests): for each of `voxels` (working-grid offsets, e.g. inserted clots)
/// the first test of the closing part it fails, per closing radius (EmbolismParams::closingRadiiMm).
struct DefectTrace {
    std::vector<std::size_t> voxels;
    std::vector<std::array<DefectTest, kClosingRadiusCount>> tests;  // one entry per closing radius
    std::vector<std::uint8_t> roundSection;  // 1: a defect voxel of the round-section completion (round_sections.h)
};

/// counts[radius index][DefectTest]: how many traced voxels v with keep(v) (all when keep is empty)
/// fail each test first, per closing radius.
using DefectTestCounts = std::array<std::array<int, kDefectTestCount>, kClosingRadiusCount>;
DefectTestCounts countDefectTests(const DefectTrace& trace, const std::function<bool(std::size_t)>& keep = {});

/// The candidate search's parameters for a scan of this contrast state: `p`, with the round-section
/// split (EmbolismParams::roundSectionApart) off below CTPA-level contrast when roundSectionApartCtpaOnly.
EmbolismParams candidateSearchParams(const EmbolismParams& p, ContrastState state);

/// `raw`: unsmoothed working-grid HU; in vessels thinner than EmbolismParams::rawBandMaxVesselRadiusMm
/// the thrombus-band test of the closing part reads it instead of `smoothed` (null: smoothed only).
CandidateMaps findCandidates(const Image<float>& smoothed, const ThoraxMasks& masks, const VesselTree& tree,
                             const EmbolismParams& p, const CancelToken& cancel, const Image<float>* raw = nullptr,
                             DefectTrace* trace = nullptr);

}  // namespace tv
