#pragma once
// Vessel axis and tubularity test for lesion-insertion sites (working grid: axis-aligned LPS, so a
// direction in index-mm space is the LPS direction).
//
// Why not the principal axis of the lumen inside a ball: for lobar arteries (radius >= 4 mm) a ball
// of 2 radii + 3 mm always reaches branches and the hilum, so the "principal variance ratio >= 1.5"
// rule rejected every lobar site. Instead the axis comes from the Hessian of the distance-to-wall
// map at the scale of the vessel (a centreline is a ridge of that map: it falls off across the
// vessel and stays flat along it), and the site is accepted when a straight centreline segment as
// long as the clot stays inside a lumen of constant calibre and every cross-section along it is a
// disc of about the measured radius (no branch, chamber or neighbouring vessel in it).
#include <optional>

#include <Eigen/Core>

#include "embolism/hessian_axis.h"
#include "embolism/volume_ops.h"
#include "embolism/vessel_tree.h"

namespace tv {

struct TubularityRule {
    double minRadiusRatio = 0.5;   // along the segment the radius stays >= this x the site radius
                                   // (the vessel neither ends nor tapers to a branch within the clot)
    double maxRadiusRatio = 1.35;  // ... and <= this x (it does not open into a larger vessel/chamber)
    double maxChordRatio = 1.6;    // cross-section: wall reached within this x radius + chordSlackMm
    double chordSlackMm = 1.5;     //   in (almost) every direction (a disc, not a bifurcation or blob)
    double testedLengthShare = 0.6; // share of the clot's length tested as a straight tube (at least
                                    // +-1 radius): the clot ends may follow a curving artery, where the
                                    // insertion truncates them to the blood (vessel curvature)
    int crossSections = 3;         // cross-sections tested: centre and both halves of the segment
    int chordDirections = 12;      // directions per cross-section
    int maxOpenDirections = 5;     // directions allowed to run on: at the hilum veins, bronchial walls
                                   // and branches touch the artery on one side (up to about 150
                                   // degrees); the wall must still bound the other half. Central and
                                   // eccentric clots stay within one radius of the axis, i.e. inside
                                   // the lumen whatever touches it.
};

/// True when the straight segment centre +- testedLengthShare x clotHalfLengthMm (at least one radius)
/// along `axis` passes the rule (see above).
bool isTubularSegment(const Mask& lumen, const Image<float>& radiusMm, const Index3& centre, const Eigen::Vector3d& axis,
                      double radius, double clotHalfLengthMm, const TubularityRule& rule);

/// Wall-ridge rejection of insertion sites. A ridge of the distance map just outside the wall of a
/// main artery (partial volume, a vein or the pericardium touching the trunk) is reached from the
/// trunk through a thin path, so the tree labels it "segmental" although it lies beside central or
/// lobar lumen (C3N-00247, 2026-11-29: sites in the trunk wall, beside the SVC and at the edge of the
/// left PA). A true artery of a level is not within about two of its own radii of a wider artery of a
/// more central level except at its origin, where a clot would straddle the levels anyway.
struct CentralNeighbourRule {
    double radiiReach = 2.0;  // neighbourhood searched: this x the site radius ...
    double marginMm = 3.0;    // ... + this margin: a main PA wall (1-2 mm) plus one working voxel
                              // (1 mm) of partial volume separate a wall ridge from the large lumen
};

/// True when a voxel of `levelCodes` (ArteryCode values, VesselTree::connected) whose level is more
/// central than `level` lies within rule.radiiReach x radius + rule.marginMm of `centre`.
bool nearMoreCentralLumen(const Mask& levelCodes, const Index3& centre, double radius, VesselLevel level,
                          const CentralNeighbourRule& rule);

/// Off-axis ridge sites. The tree's level codes follow the path calibre, so the wall of the left main
/// PA beside the descending aorta can be coded "lobar" like the lumen around it and the rule above
/// finds no more central code (pa-crop, stop 23: "lobar" sites of radius 2.12 mm = sqrt(2) voxels, a
/// spur of the distance map at the lumen's lower edge, whose enclosing section the detector measures
/// as central). On C3N-00247 most "lobar" ridge voxels are of that kind too: ridges of 2.3-3 mm at the
/// edge of a flattened lower-lobe artery whose widest inscribed ball is 6-6.6 mm. A clot sized and
/// centred on such a voxel is a small wall-adherent defect of a wider artery, not the central,
/// eccentric or occlusive clot of the level its truth names. An axis voxel lies in no inscribed ball
/// much wider than its own (at a bifurcation the widest is the parent's, about 1.3 radii of a
/// daughter), so a site inside one is moved to that ball's centre (and its radius), where every site
/// rule is applied again.
struct WiderBallRule {
    double maxRatio = 2.0;  // a site whose widest enclosing ball is > this x its radius is off-axis;
                            // <= 0: no test (the placements before stop 23)
};

struct EnclosingBall {
    Index3 centre{};
    double radiusMm = 0;
};

/// The widest inscribed ball of the lumen that holds `centre`: the largest radiusMm[q] over voxels q
/// with |q - centre| < radiusMm[q] (distance-to-wall map `radiusMm`, zero outside the lumen), searched
/// within `searchMm`; the centre's own ball when none is wider.
EnclosingBall widestEnclosingBall(const Image<float>& radiusMm, const Index3& centre, double searchMm);

}  // namespace tv
