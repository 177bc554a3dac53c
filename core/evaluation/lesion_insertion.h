#pragma once
// Lesion-insertion validation support: finds real enhanced pulmonary artery sites (from the
// detector's own arterial tree), inserts synthetic clots into them and simulates CTPA-level blood
// pool enhancement. Inserted clots keep the scan's own noise (the change is an additive shift of
// the local mean), have partial-volume edges (linear ramp) and are elongated along the vessel.
// Inserted emboli are NOT clinical validation (README "Embolus detector validation").
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "embolism/embolism_detector.h"
#include "evaluation/beyond_occlusion.h"
#include "evaluation/vessel_axis.h"

namespace tv {

struct VesselSite {
    Eigen::Vector3d centerLps{0, 0, 0};
    Eigen::Vector3d axisLps{0, 0, 1};  // unit direction of the vessel
    double radiusMm = 0;
    double bloodHu = 0;
    VesselLevel level = VesselLevel::Segmental;
    std::string side;  // "left" / "right" / "central"
    // Off-axis rule (vessel_axis.h WiderBallRule): the ridge voxel's widest enclosing ball / its own
    // radius (1 with the rule off), and whether the site was moved from it to that ball's centre.
    double offAxisRidgeRatio = 1;
    bool movedFromOffAxisRidge = false;
};

/// Length of an inserted clot along the vessel: 4 radii, 8-25 mm (the tubularity test of a site
/// covers this length).
double clotLengthMm(double vesselRadiusMm);

/// Counts at each step of the site search (funnel, in the order applied), for the validation report:
/// why a scan offers few sites. Keys: "ridge" (ridge voxels of radius >= segmental in the tree),
/// "ridge_code_<code>" (by the tree's level code), then the voxels surviving each rule in turn.
using SiteFunnel = std::map<std::string, int>;

/// Clot centres of earlier insertion rounds, which a new round keeps `minDistanceMm` from (the
/// spacing test counts them like accepted sites, so a later round finds other sites, not the same
/// ones rejected afterwards).
struct SiteAvoidance {
    std::vector<Eigen::Vector3d> centresLps;
    double minDistanceMm = 0;
};

/// Centreline points of the enhanced arterial tree (local radius maxima), with axis, radius,
/// level and side, at least `minSpacingMm` apart. Deterministic for a given `seed`.
/// `referenceArteries` (optional, on ct's grid): a reference pulmonary-artery mask; when given, a
/// site is kept only where it is non-zero (pa-crop: the detector's tree also holds the enhanced
/// aorta and its branches, which are no pulmonary artery sites).
/// `levels` (optional): only sites of these levels; sites of other levels would receive no clot, so
/// they take no room from the spacing test (a lobar artery next to a central site is a site).
/// `tree` (optional): receives the arterial tree the sites were found on (working grid of `ct`), its
/// lumen threshold and the trunk seed, for the beyond-occlusion site rule (round_placement.h).
/// `widerBall`: the wall-spur rejection (vessel_axis.h); maxRatio <= 0 switches it off.
std::vector<VesselSite> findVesselSites(const CtVolume& ct, const EmbolismParams& p, double minSpacingMm,
                                        std::uint32_t seed, const LabelMap* referenceArteries = nullptr,
                                        SiteFunnel* funnel = nullptr, const SiteAvoidance* avoid = nullptr,
                                        const std::set<VesselLevel>* levels = nullptr, SiteTree* tree = nullptr,
                                        const WiderBallRule& widerBall = {});

enum class ClotShape { Central, Eccentric, Occlusive };
std::string toString(ClotShape s);

/// How an occlusive clot fills its artery. Cylinder (default, the validation's clots up to stop 17):
/// a cylinder of 1.6 R about the site axis; where the section is oval or a funnel wider than that,
/// blood passes it (clot_occlusion.h: 7 of 21 "occlusive" clots closed their artery). Section: within
/// the clot's axial extent, the artery's own blood section connected to the axis is replaced
/// (insertClot), so the clot closes the artery whatever the section's shape.
enum class OcclusiveFill { Cylinder, Section };
std::string toString(OcclusiveFill f);
std::optional<OcclusiveFill> occlusiveFillFromString(const std::string& s);

struct ClotSpec {
    VesselSite site;
    ClotShape shape = ClotShape::Central;
    double lengthMm = 15;   // along the vessel
    double clotHu = 55;     // thrombus band +20..+100 HU (clinical-reference.md)
    double edgeMm = 0.8;    // partial-volume ramp half-width
    double eccentricAngle = 0;  // direction of the eccentric offset around the axis (radians)
    OcclusiveFill occlusiveFill = OcclusiveFill::Cylinder;  // occlusive clots only
    // Central and eccentric clots: the radius their cross-section and offset scale with (clot_sizing.h:
    // small sites lifted towards the artery's calibre measured in its section); 0 = the site radius.
    double sizingRadiusMm = 0;
    // Section fill: the artery's section is its blood core (local box mean at least this share of the
    // way from the clot to the site's blood, and at most as far above the blood as the core's floor
    // lies below it: the artery's own blood band as clot_occlusion.h defines it, where the detector's
    // threshold lies about midway between clot and blood, so its core floor, midway between threshold
    // and blood, is 3/4 of the way), face-connected to the core within one radius of the axis, plus
    // the partial-volume rim within the box mean's reach of that core; flood-filled only within the
    // slab of the clot's axial reach and within sectionCapRadii x R of the axis, so that it cannot run
    // along another vessel joined to the artery through a contact.
    double sectionCoreShare = 0.75;
    double sectionBrightShare = 0.5;  // core ceiling: blood + this x (blood - clot), as far above the
                                      // blood as the detector's threshold (about midway) lies below it
                                      // (clot_occlusion.h sameBloodBand): brighter lumen is another vessel
    double sectionCapRadii = 3.0;  // a funnel of two lumina of R side by side is about 3 R wide
    // A wider vessel joined to the artery without a wall (wide_lumen.h): core in a ball of this x R inside
    // the core, in a part of that opening away from the artery's axis core, is not the artery's section
    // and is neither filled nor rim (C3N raised round 1 clot 2: the fill took a bite of up to 3 R out of
    // the left pulmonary artery beside a lobar branch). 2: twice the artery's radius, above a parent's
    // 1.26 R (Murray) and the 1.33-1.77 R that the artery's own core holds on the validation data
    // (s27-spill NOTES); clot_occlusion.h's measure takes the same cut (ClotOcclusionRule::widerRadii).
    // 0: off.
    double sectionWiderRadii = 2.0;
};

/// Position of `fromCentre` (mm, from a clot's centre) in the clot's frame: `along` the unit axis
/// `axis`, and `across` it (distance from the axis). One place for the insertion and its measure.
struct AxisCoordinates {
    double along = 0, across = 0;
};
AxisCoordinates axisCoordinates(const Eigen::Vector3d& fromCentre, const Eigen::Vector3d& axis);

/// Radius central and eccentric clots scale with: spec.sizingRadiusMm when set, else the site radius.
double clotSizingRadiusMm(const ClotSpec& spec);

/// Radius of the clot's cross-section (mm): 0.55 S central, 0.7 S eccentric (offset 0.35 S towards the
/// wall; S = clotSizingRadiusMm), 1.6 R occlusive (also the scale of the section fill's axial ramp) (beyond the wall of a round artery; clot_occlusion.h measures whether it
/// really closes the artery's section where the lumen is wider than that).
double clotCrossRadiusMm(const ClotSpec& spec);

/// Distance (mm) from the site centre along the axis beyond which the insertion changes nothing on
/// the axis: half the length plus the partial-volume ramp (scaled as insertClot scales it).
double clotEndReachMm(const ClotSpec& spec);

/// Distance (mm) from the site axis beyond which the insertion changes nothing: the cross-section
/// radius plus its ramp (plus the eccentric clot's offset). A section fill (OcclusiveFill::Section) is
/// given the cylinder's value: clot_occlusion.h measures both fills in the same neighbourhood (a wider
/// one, up to the section fill's cap of 3 R plus its 2 mm rim, let paths through a parallel vessel 15-21
/// mm from the axis count as a channel: pa-crop round 0 clot 6, as in clot_occlusion.h's header); the
/// section fill itself changes voxels out to sectionCapRadii x R + 2 mm.
double clotRadialReachMm(const ClotSpec& spec);

/// Inserts the clot into `ct` and writes `label` into `truth` where the clot occupies at least half
/// of a voxel that held blood. Returns the number of truth voxels.
int insertClot(CtVolume& ct, LabelMap& truth, std::uint8_t label, const ClotSpec& spec);

/// Blood-pool raise simulation (a venous-phase scan made CTPA-like, README "Embolus detector
/// validation"): the enhanced blood pool connected to the pulmonary trunk and arterial tree, above
/// the diaphragm, as whole connected vessels (blood_pool_region.h), dilated 2 mm for partial volume,
/// is shifted by f x (targetHu - measured blood), f = each voxel's blood fraction (local 3-D box
/// mean between tissue 40 HU and the measured blood level). An additive shift keeps the scan's
/// noise. Returns the measured blood level before the change.
double raiseBloodPool(CtVolume& ct, double targetHu, const EmbolismParams& p);

}  // namespace tv
