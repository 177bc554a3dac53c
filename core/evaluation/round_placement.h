#pragma once
// Placement of one lesion-insertion round's clots: the sites in the order given (validation_run.cpp:
// seeded, left/right in turn within a level), shapes rotating central/eccentric/occlusive, up to
// clotsPerLevel clots per level, each inserted with insertClot into one copy of the background.
//
// Beyond-occlusion site rule (beyond_occlusion.h; skipBeyondOcclusions, on by default): within a
// round, a site is not used when it lies beyond an occlusive clot of the same round that closes its
// artery (its tree voxel is cut off from the trunk once that clot's closing voxels are taken out);
// the clot it would have received (same shape, same intensity) goes to the next eligible site of the
// list. The list holds only sites that keep the spacing rules from each other and from earlier rounds
// (findVesselSites), so the next site keeps them too. Since the list order mixes levels and sides, a
// site can also come before the occlusive clot that would cut it off: an occlusive clot whose closing
// would cut off a clot already placed in the round is not placed at that site either, and the
// occlusive clot goes to the next site (the clots already placed keep their sites: each decision is
// final, the placement stays deterministic); a placed clot that is itself occlusive is asked with its own
// closing voxels put back, as a site before its clot (round_placement.cpp occlusiveSiteCutOff). Both
// fill modes (OcclusiveFill) are handled alike: whether a clot closes its artery is measured on the
// inserted scan, not assumed from its shape: by clot_occlusion.h (measureClotOcclusion at the site
// tree's threshold: no channel past it, lumen beyond both ends; "undetermined" clots close nothing),
// and what lies beyond it on the tree's blood core (beyond_occlusion.h).
// Alternatives weighed (NOTES-s26-beyond.md): ordering occlusive clots last changes the shape
// sequence of every round, also those without any conflict, and still needs the same test (a
// clot placed last can cut off an earlier one); this rule leaves every round without a closing
// occlusive clot upstream of another site exactly as before.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "evaluation/beyond_occlusion.h"
#include "evaluation/clot_sizing.h"
#include "evaluation/lesion_insertion.h"
#include "evaluation/occlusion_territory.h"

namespace tv {

struct RoundPlacementConfig {
    std::set<VesselLevel> levels{VesselLevel::Lobar, VesselLevel::Segmental};
    int clotsPerLevel = 6;
    int shapeOffset = 0;  // shape of the round's first clot (ClotShape order: central, eccentric, occlusive)
    OcclusiveFill occlusiveFill = OcclusiveFill::Cylinder;
    bool skipBeyondOcclusions = true;  // the beyond-occlusion site rule (above)
    // Central and eccentric clots sized from the artery's calibre in its section at the site (clot_sizing.h),
    // measured on the background before any clot of the round, at the site tree's threshold.
    ClotSizing clotSizing = ClotSizing::Section;
    ClotSizingRule sizingRule;
    int maxClots = 250;                // labels are uint8
    // Washout mode (occlusion_washout.h): "beyond" a closing clot is its supply territory
    // (occlusion_territory.h), the part of the tree the washout takes the contrast from, not the core no
    // longer reached at all: a clot placed in a washed-out artery would be a clot in unopacified blood
    // (invisible on a real scan, and no test of the detector). s28: with the reachability measure, 4
    // central clots of pa-crop (seed 7) lay inside washed-out territories and were lost.
    bool beyondIsTerritory = false;
    std::optional<Mask> territoryInflow;  // the territory's supply source (occlusion_territory.h); none: trunk seed
};

struct PlacedClot {
    ClotSpec spec;
    std::uint8_t label = 0;
    int truthVoxels = 0;
    std::size_t siteIndex = 0;  // in the site list given
    // Occlusive clots with the rule on: site-tree voxels this clot's closing newly cut off from the
    // trunk (0: it leaves a channel, is undetermined, or the tree beyond is reached around it); -1
    // not measured.
    long cutOffTreeVoxels = -1;
    // Central and eccentric clots under ClotSizing::Section: the site's lumen rays (clot_sizing.h).
    std::optional<SiteSectionSize> sectionSize;
};

enum class SkipReason {
    BeyondOcclusion,  // the site lies beyond a placed occlusive clot that closes its artery
    WouldCutOff,      // an occlusive clot here would cut off a clot placed before in the round
};
std::string toString(SkipReason r);

struct SkippedSite {
    std::size_t siteIndex = 0;
    SkipReason reason = SkipReason::BeyondOcclusion;
    std::uint8_t clotLabel = 0;  // the occlusive clot it lies beyond, or the placed clot it would cut off
    ClotShape shape = ClotShape::Central;  // the clot it would have received
};

struct RoundPlacement {
    CtVolume ct;      // the background with the round's clots
    LabelMap truth;   // clot labels 1..n (source grid)
    std::vector<PlacedClot> clots;  // in label order
    std::vector<SkippedSite> skipped;
    // With the rule on: per site-tree voxel (working grid) cut off from the trunk, the label of the
    // closing clot that cut it off (0 elsewhere; empty with the rule off). occlusion_washout.h uses it.
    LabelMap beyondBy;
    // With the rule on: per site-tree voxel (working grid) that a closing occlusive clot took under the
    // threshold (its closing voxels, beyond_occlusion.h closingVoxels), that clot's label (0 elsewhere;
    // empty with the rule off). occlusion_territory.h follows the artery beyond the clot from them.
    LabelMap closedBy;
};

/// Places the round's clots (above). `tree`: the site search's tree on the working grid of
/// `background` (findVesselSites SiteTree); used only with cfg.skipBeyondOcclusions.
RoundPlacement placeRoundClots(const CtVolume& background, const std::vector<VesselSite>& sites, const SiteTree& tree,
                               const RoundPlacementConfig& cfg, const EmbolismParams& p);

}  // namespace tv
