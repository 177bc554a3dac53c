#pragma once
// Wall-adherent (eccentric) filling defects completed from the artery's round cross-section, not
// from a closed rim of contrast. An eccentric clot against the wall of a lobar artery leaves a
// crescent of enhanced lumen; where the contrast between the clot and the wall is thinner than a
// working voxel (the inserted eccentric shape: under 0.5 mm), the 1 mm Gaussian and the 2 x 2 binning
// smooth it away and the clot meets periarterial soft tissue of its own density, so no closing of the
// lumen covers its wall side (README "Embolus detector validation", branch s18-pe-lobar). The
// crescent's outer arc still lies on the artery's wall: a circle fitted to it is the artery's section.
//
// Method: at each centreline voxel (isRadiusRidge) of the arterial tree at the levels EmbolismParams
// roundSectionCentral/Lobar/Segmental select, the plane across the vessel axis (hessianAxis) is sampled
// (roundSectionStepMm) within roundSectionWindowMm; the lumen component holding the centre must close
// inside it (a section cut along a vessel or through a confluence does not). Its convex hull's
// boundary samples (the outer arc: the concave inner arc of a crescent lies off the hull) are fitted
// with a circle. The circle is the artery when it fits them within the residual tolerance (two
// touching vessels or a bifurcation give two arcs, which no circle fits), the arc covers at least
// roundSectionMinArcDeg around it (a short arc fixes no circle), it is at most roundSectionMaxRadiusMm
// and the lumen fills at least roundSectionMinLumenShare of it. Inside the circle, shrunk by the
// wall's partial-volume shell (roundSectionShellMm), the samples outside the lumen must be thrombus-band
// tissue in at least roundSectionMinBandShare (fat, lung or another vessel's lumen inside the circle:
// no artery's section) and at least roundSectionMinDefectShare of the circle; their voxels are
// defect voxels. Nothing beyond the fitted circle is marked: periarterial soft tissue, lymph nodes,
// bronchial walls and the gap beside a touching vessel lie outside the artery's wall.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include <Eigen/Core>

#include "embolism/vessel_tree.h"

namespace tv {

struct RoundSectionVoxel {
    std::size_t offset = 0;       // working-grid voxel
    std::uint8_t radiusCode = 0;  // the fitted artery radius in 0.1 mm (as the defect map stores it)
};

/// Circle through 2-D points (least squares on x^2 + y^2 + D x + E y + F, Kasa), with the RMS of the
/// points' distances to it and the arc they cover (360 degrees minus the largest angular gap).
/// Empty for fewer than three points or collinear ones. Exposed for the unit tests.
struct CircleFit {
    Eigen::Vector2d centre{0, 0};
    double radius = 0;
    double rmsMm = 0;
    double arcDeg = 0;
};
std::optional<CircleFit> fitCircle(const std::vector<Eigen::Vector2d>& points);

/// Review output (embolism_round_probe): what became of the section at one centreline voxel, the first
/// test it failed (or Accepted) with the fit's and the shares' numbers where they were reached.
enum class RoundSectionStage : std::uint8_t { Level, Heart, NoAxis, Open, FewBoundary, NoFit, TooWide, ShortArc, Residual, Unsampled, Shell, LumenShare, DefectShare, BandShare, Accepted };
const char* toString(RoundSectionStage s);
struct RoundSectionRecord {
    std::size_t offset = 0;      // centreline voxel
    std::uint8_t level = 0;      // its ArteryCode
    RoundSectionStage stage = RoundSectionStage::Level;
    double ridgeRadiusMm = 0;    // tree.radius there
    int componentSamples = 0, boundarySamples = 0, outerSamples = 0;
    CircleFit fit;               // when one was fitted
    Eigen::Vector3d centre3{0, 0, 0}, u{0, 0, 0}, v{0, 0, 0};  // plane (mm, working-grid frame): the fit's centre and in-plane axes
    int inside = 0, lumen = 0, band = 0;  // collectDefects' counts
};

/// `isBandTissue(offset, vesselRadiusMm)`: the candidate search's thrombus-band and mask test
/// (candidates.cpp), so that both completions mark the same kind of voxel; called from several threads at
/// once (the slices run in parallel), so it must only read. Throws Cancelled.
std::vector<RoundSectionVoxel> findRoundSectionDefects(const ThoraxMasks& masks, const VesselTree& tree,
                                                       const std::function<bool(std::size_t, double)>& isBandTissue,
                                                       const EmbolismParams& p, const CancelToken& cancel,
                                                       std::vector<RoundSectionRecord>* records = nullptr);

}  // namespace tv
