#include "embolism/stump_occlusions.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <vector>

#include <Eigen/Geometry>

#include "embolism/hessian_axis.h"
#include "embolism/ray_geometry.h"

namespace tv {
namespace {
using namespace ray_geometry;


// A plug along direction d from centreline point c (grid mm) of radius r: the lumen's end t0 and the
// last plug cross-section, both as distances along d; nullopt when the vessel does not end bluntly
// into a plug there (see the header).
struct PlugExtent {
    double t0 = 0, last = 0;
};

// Share of kRing samples on the circle of radius rho around the point x, across the unit direction d,
// that pass `test`.

// The plug's disk radius for a vessel of radius r (EmbolismParams stumpPlug*) and the sleeve's.
double plugDiskRadius(double r, const EmbolismParams& p) { return std::max(0.5 * r, std::min(p.stumpPlugDiskRadiusFraction * r, r - p.stumpPlugRimMm)); }
double plugSleeveRadius(double r, const EmbolismParams& p) { return std::max(p.stumpSleeveRadii * r, r + p.stumpSleeveMinGapMm); }


template <typename Tissue>
std::optional<PlugExtent> plugAlong(const Eigen::Vector3d& c, const Eigen::Vector3d& d, double r, const Mask& lumen, const Grid& grid,
                                    Tissue&& plugTissue, const EmbolismParams& p) {
    // The lumen must end close ahead.
    const double maxEnd = p.stumpMaxEndDistanceRadii * r + grid.g.spacing.maxCoeff();
    double t0 = -1;
    for (double t = kStepMm; t <= maxEnd; t += kStepMm) {
        const long long q = grid.at(c + t * d);
        if (q < 0) return std::nullopt;
        if (!lumen[q]) {
            t0 = t;
            break;
        }
    }
    if (t0 < 0) return std::nullopt;
    auto ringShare = [&](double t, double rho, auto&& test) { return ringShareAround(grid, c + t * d, d, rho, test); };
    // Blunt: just before its end the lumen still fills most of the calibre (a tapering vessel end is
    // thin there).
    const double tBlunt = std::max(0.0, t0 - 0.5 * r);
    if (ringShare(tBlunt, p.stumpEndRadiusFraction * r, [&](long long q) { return q >= 0 && lumen[q]; }) < p.stumpMinDiskShare)
        return std::nullopt;
    // The plug: a disk of nearly the calibre (its rim is partial volume with what surrounds the
    // artery) of band tissue, from just beyond the lumen's smoothed end.
    const double rho = plugDiskRadius(r, p);
    double last = -1;
    for (double t = t0 + p.stumpPlugStartMm; t <= t0 + p.stumpMaxPlugLengthMm; t += kStepMm) {
        if (diskShare(grid, c + t * d, d, rho, plugTissue) < p.stumpMinDiskShare) break;
        last = t;
    }
    if (last < 0 || last - t0 < std::max(p.stumpMinPlugLengthMm, p.stumpMinPlugLengthRadii * r)) return std::nullopt;
    // Tube, not slab: a plug fills one artery, so beyond its wall lie fat, lung, bronchi or other
    // lumen in part of the directions; band tissue all around is mediastinal or hilar soft tissue
    // beside a vessel end (a lymph node, the pericardium, an unenhanced chamber).
    const double sleeve = plugSleeveRadius(r, p);
    double sleeveShare = 0;
    int sections = 0;
    for (double t = t0 + p.stumpPlugStartMm; t <= last; t += kStepMm, ++sections) sleeveShare += ringShare(t, sleeve, plugTissue);
    if (sleeveShare > p.stumpMaxSleeveShare * sections) return std::nullopt;
    return PlugExtent{t0, last};
}

// The plug's voxels: band tissue in the cylinder of radius r along d from c, over the plug's extent.
template <typename Tissue>
void addPlugVoxels(const Eigen::Vector3d& c, const Eigen::Vector3d& d, double r, const PlugExtent& plug, const ImageGeometry& g,
                   Tissue&& plugTissue, std::vector<StumpPlugVoxel>& out, bool gap = false) {
    const Eigen::Vector3d a0 = c + plug.t0 * d, a1 = c + (plug.last + kStepMm) * d;
    const Eigen::Vector3d lo = a0.cwiseMin(a1).array() - r, hi = a0.cwiseMax(a1).array() + r;
    int from[3], to[3];
    for (int a = 0; a < 3; ++a) {
        from[a] = std::max(0, static_cast<int>(std::floor(lo[a] / g.spacing[a])));
        to[a] = std::min(g.size[a] - 1, static_cast<int>(std::ceil(hi[a] / g.spacing[a])));
    }
    const auto code = static_cast<std::uint8_t>(std::clamp(std::lround(r * 10.0), 1L, 255L));
    for (int kk = from[2]; kk <= to[2]; ++kk)
        for (int jj = from[1]; jj <= to[1]; ++jj)
            for (int ii = from[0]; ii <= to[0]; ++ii) {
                const Eigen::Vector3d x(ii * g.spacing[0], jj * g.spacing[1], kk * g.spacing[2]);
                const double along = (x - c).dot(d);
                if (along < plug.t0 - kStepMm || along > plug.last + kStepMm) continue;
                if ((x - c - along * d).norm() > r) continue;
                const std::size_t q = (static_cast<std::size_t>(kk) * g.size[1] + jj) * g.size[0] + ii;
                if (plugTissue(static_cast<long long>(q))) out.push_back({q, code, gap});
            }
}

// The lumen's cross-section perpendicular to d through q (grid mm), re-centred twice on the mean of
// its 16 edge points (nullopt when q is not lumen), and whether it is round (EmbolismParams
// stumpFaceMaxChordRatio).
struct Section {
    Eigen::Vector3d centre;
    double radius = 0;  // half the smallest diameter
    bool round = false;
    double spread = 0;  // the third-largest of the eight diameters over the smallest
};
// The same section of the voxels that pass `open`.
template <typename Open>
std::optional<Section> roundSectionOf(const Eigen::Vector3d& q, const Eigen::Vector3d& d, Open&& open, const Grid& grid, const EmbolismParams& p) {
    const auto chords = sectionChords(q, d, open, grid, p.stumpFaceMaxRadiusMm);
    if (!chords) return std::nullopt;
    // At most two of the eight diameters (a side branch's opening) may exceed the limit: the median
    // alone lets a strip through (an ellipse's diameter at 45 degrees is under 1.42 x its minor axis).
    return Section{chords->centre, 0.5 * chords->smallestMm, chords->thirdLargestMm <= p.stumpFaceMaxChordRatio * chords->smallestMm,
                   chords->thirdLargestMm / chords->smallestMm};
}
std::optional<Section> roundSection(const Eigen::Vector3d& q, const Eigen::Vector3d& d, const Mask& lumen, const Grid& grid, const EmbolismParams& p) {
    return roundSectionOf(q, d, [&](long long n) { return n >= 0 && lumen[n]; }, grid, p);
}


// Upstream: the lumen continues behind c along -d for stumpFaceUpstreamRadii x r, centre and a ring
// of half the radius (the plug continues its artery's axis; a lumen ending obliquely does not).
bool continuesUpstream(const Eigen::Vector3d& c, const Eigen::Vector3d& d, double r, const Mask& lumen, const Grid& grid,
                       const EmbolismParams& p) {
    const double need = p.stumpFaceUpstreamRadii * r;
    return lumenRunBehindMm(grid, c, d, r, lumen, p.stumpMinDiskShare, need) >= need;
}

// Whether `mask` has a voxel within `reach` of the grid-mm point c.
bool maskWithin(const Mask& mask, const Eigen::Vector3d& c, double reach) {
    const ImageGeometry& g = mask.geometry();
    int from[3], to[3];
    for (int a = 0; a < 3; ++a) {
        from[a] = std::max(0, static_cast<int>(std::ceil((c[a] - reach) / g.spacing[a])));
        to[a] = std::min(g.size[a] - 1, static_cast<int>(std::floor((c[a] + reach) / g.spacing[a])));
    }
    for (int k = from[2]; k <= to[2]; ++k)
        for (int j = from[1]; j <= to[1]; ++j)
            for (int i = from[0]; i <= to[0]; ++i)
                if (mask.at(i, j, k) && (Eigen::Vector3d(i * g.spacing[0], j * g.spacing[1], k * g.spacing[2]) - c).norm() <= reach) return true;
    return false;
}

// An occlusion with lumen beyond, from the face of a cut-off piece (EmbolismParams gap*): along d from
// the face voxel x, a run of soft tissue reaches lumen again, or (EmbolismParams gapUntraced*) enhanced
// tissue outside the lumen (`untraced`). Returns the gap [t0, t1) along d, its radius and the far
// mouth's voxel, or nullopt when it is not a tube of clot of an artery's calibre between two mouths
// the contrast fills.
struct Gap {
    double t0 = 0, t1 = 0, r = 0;
    long long farMouth = -1;
    bool untracedFar = false;  // the far side is enhanced tissue outside the traced lumen
    long long nearMouth = -1;  // the near mouth's voxel (half a radius into the lumen behind the run, or deeper)
    double bandR = 0;          // the band calibre (r, or wider where r is the artery's lumen calibre)
};
template <typename Run, typename Band, typename Untraced, typename Piece, typename ViaHeart>
std::optional<Gap> gapAlong(const Eigen::Vector3d& x, const Eigen::Vector3d& d, const Mask& lumen, const Image<float>& radius,
                            const Grid& grid, Run&& runTissue, Band&& band, Untraced&& untraced, Piece&& piece, ViaHeart&& viaHeart,
                            const EmbolismParams& p) {
    const auto isLumen = [&](long long q) { return q >= 0 && lumen[q]; };
    double t0 = -1, t1 = -1;
    bool untracedFar = false;
    for (double t = kStepMm; t <= p.gapFaceSlackMm + p.gapMaxLengthMm && t1 < 0; t += kStepMm) {
        const long long q = grid.at(x + t * d);
        if (t0 < 0) {
            if (isLumen(q)) {
                if (t > p.gapFaceSlackMm) return std::nullopt;  // not at the lumen's face along d
                continue;
            }
            if (!runTissue(q)) return std::nullopt;
            t0 = t;
        } else if (isLumen(q)) {
            t1 = t;
        } else if (untraced(q)) {
            t1 = t;
            untracedFar = true;
        } else if (!runTissue(q)) {
            return std::nullopt;
        }
    }
    if (t0 < 0 || t1 < 0) return std::nullopt;
    // The gap's calibre: half the third-smallest of eight diameters of band tissue across the run at its
    // middle (the clot fills the artery up to its wall; beyond lie its wall, fat, lung, air or other
    // lumen, and soft tissue beside the artery lengthens some diameters).
    const Eigen::Vector3d mid = x + 0.5 * (t0 + t1) * d, u = d.unitOrthogonal(), v = d.cross(u);
    constexpr int kChords = 16;
    std::array<double, kChords> reach{};
    for (int a = 0; a < kChords; ++a) {
        const double phi = 2.0 * kPi * a / kChords;
        const Eigen::Vector3d e = std::cos(phi) * u + std::sin(phi) * v;
        double t = 0;
        while (t + kStepMm <= p.gapMaxSectionRadiusMm && band(grid.at(mid + (t + kStepMm) * e))) t += kStepMm;
        reach[a] = t + 0.5 * kStepMm;
    }
    std::array<double, kChords / 2> diameter{};
    for (int a = 0; a < kChords / 2; ++a) diameter[a] = reach[a] + reach[a + kChords / 2];
    std::sort(diameter.begin(), diameter.end());
    double r = 0.5 * diameter[p.gapCalibreDiameterRank];
    const double bandR = r;
    const double length = t1 - t0;
    if (r < p.gapMinRadiusMm || length < std::max(p.gapMinLengthMm, p.stumpMinPlugLengthRadii * r) ||
        length > std::min(p.gapMaxLengthMm, p.gapMaxLengthRadii * r) ||
        (untracedFar && r > std::max(p.gapUntracedMaxRadiusMm, p.wideOcclusionUntracedMaxRadiusMm)))
        return std::nullopt;
    // A wide artery's complete cut-off (EmbolismParams wideOcclusion*): an untraced far side beyond a gap
    // wider than gapUntracedMaxRadiusMm only from a wide artery's mouth, to a far side no wider than a
    // lobar artery.
    bool wide = untracedFar && r > p.gapUntracedMaxRadiusMm;
    if (wide) {
        const double nearCalibre = mouthCalibre(x + (t0 - 0.5 * r) * d, 0.5 * r, lumen, radius);
        if (nearCalibre < p.wideOcclusionMinMouthRadiusMm) {
            // A thin artery's section-filled occlusion whose band is wide (EmbolismParams
            // wideOcclusionThinMouthLumenCalibre): the gap at the artery's calibre on the enhanced lumen,
            // the wider of the near mouth's and the far side's.
            if (!p.wideOcclusionThinMouthLumenCalibre) return std::nullopt;
            const auto farSection =
                roundSectionOf(x + (t1 + 0.5 * r) * d, d, [&](long long q) { return isLumen(q) || untraced(q); }, grid, p);
            const double artery = std::max(nearCalibre, farSection ? farSection->radius : 0.0);
            if (artery < p.gapMinRadiusMm || artery > p.gapUntracedMaxRadiusMm) return std::nullopt;
            r = artery;
            wide = false;
            if (length < std::max(p.gapMinLengthMm, p.stumpMinPlugLengthRadii * r) || length > std::min(p.gapMaxLengthMm, p.gapMaxLengthRadii * r))
                return std::nullopt;
        }
    }
    // Both mouths full: half a radius into the lumen on each side, a ring of stumpEndRadiusFraction x the
    // mouth's calibre is lumen (the contrast column fills the artery up to the clot, as at a blunt stump;
    // a run that grazes a vessel's side or a bifurcation's crotch enters a thin sliver of lumen). The
    // mouth's calibre is the gap's, or the lumen's own where that is thinner, at least EmbolismParams
    // gapMouthMinRadiusMm: emboli lodge where arteries divide, so the lumen beyond one may be a branch
    // thinner than the clot.
    const auto fullMouth = [&](const Eigen::Vector3d& mouth) {
        const double calibre = std::min(r, mouthCalibre(mouth, 0.5 * r, lumen, radius));
        return isLumen(grid.at(mouth)) && calibre >= p.gapMouthMinRadiusMm &&
               ringShareAround(grid, mouth, d, p.stumpEndRadiusFraction * calibre, isLumen) >= p.stumpMinDiskShare;
    };
    Eigen::Vector3d nearMouth = x + (t0 - 0.5 * r) * d;
    if (!untracedFar) {
        if (!fullMouth(nearMouth) || !fullMouth(x + (t1 + 0.5 * r) * d)) return std::nullopt;
    } else {
        // An untraced far side (EmbolismParams gapUntraced*): the near mouth may lie one thick slice deeper,
        // and the far side is a tube about the run's axis no wider than the gap.
        const double deep = p.gapUntracedMouthDepthSpacings * grid.g.spacing.maxCoeff();
        if (!fullMouth(nearMouth)) {
            nearMouth = x + (t0 - deep) * d;
            if (!(deep > 0.5 * r && fullMouth(nearMouth))) return std::nullopt;
        }
        const Eigen::Vector3d mouth = x + (t1 + 0.5 * r) * d;
        const auto far = roundSectionOf(mouth, d, [&](long long q) { return isLumen(q) || untraced(q); }, grid, p);
        if (!far || far->spread > p.gapUntracedMaxChordRatio || far->radius < p.gapMouthMinRadiusMm || far->radius > r ||
            (wide && far->radius > p.wideOcclusionMaxFarRadiusMm) ||
            (far->centre - mouth).norm() > 0.5 * r)
            return std::nullopt;
    }
    const long long farMouth = grid.at(x + (t1 + 0.5 * r) * d);
    // A tube of clot, not a slab: the stump search's disk and sleeve between the smoothed ends, about
    // the run's axis shifted by `shift`, sized for an artery of radius `tubeR`.
    const auto tube = [&](double tubeR, const Eigen::Vector3d& shift) {
        const double rho = plugDiskRadius(tubeR, p), sleeve = plugSleeveRadius(tubeR, p);
        double sleeveShare = 0;
        int sections = 0;
        // Both ends are partial volume with the lumen: beyond the smoothed edge (stumpPlugStartMm) a
        // section tilted against the clot's end still cuts the lumen over half a voxel.
        const double ends = p.stumpPlugStartMm + 0.5 * grid.g.spacing.maxCoeff();
        for (double t = t0 + ends; t <= t1 - ends; t += kStepMm, ++sections) {
            if (diskShare(grid, x + t * d + shift, d, rho, band) < p.stumpMinDiskShare) return false;
            sleeveShare += ringShareAround(grid, x + t * d + shift, d, sleeve, band);
        }
        return sections > 0 && sleeveShare <= p.stumpMaxSleeveShare * sections;
    };
    // Sized by the gap's band calibre; or (EmbolismParams gapTubeAtMouthCalibre) by the near mouth's
    // lumen calibre where that is thinner, centred on that lumen's section (across d, re-centred as the
    // face search's sections), for a run within gapTubeMaxAxisOffsetCalibres x that calibre of its axis,
    // from an artery of that calibre: the mouth in the cut-off piece (gapTubeMouthInPiece) and the lumen
    // behind it no wider (gapTubeMaxWideningBehind). To lumen the tree reaches through the heart only, the
    // artery beyond an occlusion, the mouth may be the artery before it and the run further off its axis
    // (gapTubeViaHeartMaxAxisOffsetCalibres).
    if (!tube(r, Eigen::Vector3d::Zero())) {
        if (!p.gapTubeAtMouthCalibre) return std::nullopt;
        const MouthTubeLimits limits = mouthTubeLimits(p, !untracedFar && viaHeart(farMouth));
        if (limits.mouthInPiece && !piece(grid.at(nearMouth))) return std::nullopt;
        const double calibre = std::min(r, mouthCalibre(nearMouth, 0.5 * r, lumen, radius));
        const auto section = sectionChords(nearMouth, d, isLumen, grid, p.stumpFaceMaxRadiusMm);
        if (calibre >= r || !section) return std::nullopt;
        Eigen::Vector3d shift = section->centre - nearMouth;
        shift -= shift.dot(d) * d;
        if (shift.norm() > limits.maxAxisOffsetCalibres * calibre) return std::nullopt;
        // One calibre behind the mouth's section along the run: no lumen on the axis, or a section across
        // the run no wider than gapTubeMaxWideningBehind x the calibre (not the thin corner of a wider vessel).
        if (const auto behind = sectionChords(section->centre - calibre * d, d, isLumen, grid, p.stumpFaceMaxRadiusMm);
            behind && 0.5 * behind->smallestMm > limits.maxWideningBehind * calibre)
            return std::nullopt;
        if (!tube(calibre, shift)) return std::nullopt;
    }
    return Gap{t0, t1, r, farMouth, untracedFar, grid.at(nearMouth), bandR};
}
}  // namespace

MouthTubeLimits mouthTubeLimits(const EmbolismParams& p, bool farMouthViaHeart) {
    if (!(farMouthViaHeart && p.gapTubeViaHeartMaxAxisOffsetCalibres > 0))
        return MouthTubeLimits{p.gapTubeMouthInPiece, p.gapTubeMaxAxisOffsetCalibres, p.gapTubeMaxWideningBehind};
    return MouthTubeLimits{false, std::max(p.gapTubeMaxAxisOffsetCalibres, p.gapTubeViaHeartMaxAxisOffsetCalibres),
                           std::max(p.gapTubeMaxWideningBehind, p.gapTubeViaHeartMaxWideningBehind)};
}

const char* gapBetweenPiecesFails(double bandR, double lengthMm, const Mask& heart, const Eigen::Vector3d& farMouth,
                                  const EmbolismParams& p) {
    if (bandR > p.gapUntracedMaxRadiusMm) return "pieces_too_wide";
    if (lengthMm < p.gapBetweenPiecesMinLengthRadii * bandR) return "pieces_too_short";
    if (maskWithin(heart, farMouth, p.gapUntracedMinHeartDistanceMm)) return "pieces_near_heart";
    return nullptr;
}

std::vector<StumpPlugVoxel> findStumpPlugs(const Image<float>& s, const ThoraxMasks& m, const VesselTree& tree,
                                           double floorHu, double ceilHu, const EmbolismParams& p, const CancelToken& cancel) {
    const ImageGeometry& g = s.geometry();
    const Grid grid{g};
    const bool haveAorta = m.aorta.voxelCount() > 0;
    // Soft tissue outside the lumen, lungs, heart and aorta, from the band's floor up to `ceil`.
    const auto softTissueUnder = [&](long long q, double ceil) {
        return q >= 0 && !tree.lumen[q] && !m.lungs[q] && !m.heart[q] && !(haveAorta && m.aorta[q]) && s[q] >= floorHu && s[q] < ceil;
    };
    // The thrombus band: soft tissue that may be clot inside an artery.
    auto plugTissue = [&](long long q) { return softTissueUnder(q, ceilHu); };
    // A gap's far mouth: lumen of the artery the piece was cut from, a tree voxel of an arterial level
    // (a piece beside arterial lumen is not enough: on pa-crop such gaps crossed the lumen ring around a
    // central clot and left a 192 mm3 candidate beside it, a false positive; README, s21-pe-occl), or
    // (EmbolismParams gapFarMouthViaHeart) lumen the tree reaches through the heart only: the artery
    // beyond an occlusion whose own near side is the piece.
    const auto arterialMouth = [&](long long q) {
        if (q < 0) return false;
        const std::uint8_t code = tree.connected[static_cast<std::size_t>(q)];
        return levelOfCode(code).has_value() || (p.gapFarMouthViaHeart && code == static_cast<std::uint8_t>(ArteryCode::ViaHeart));
    };
    // The cut-off piece's own lumen (a mouth-calibre gap's near mouth, EmbolismParams gapTubeMouthInPiece).
    const auto pieceLumen = [&](long long q) {
        return q >= 0 && tree.lumen[q] && tree.connected[static_cast<std::size_t>(q)] == static_cast<std::uint8_t>(ArteryCode::MediastinalBranch);
    };
    // Lumen the tree reaches through a cardiac chamber only (a gap's far mouth, EmbolismParams
    // gapTubeViaHeartMaxAxisOffsetCalibres).
    const auto viaHeartLumen = [&](long long q) {
        return q >= 0 && tree.lumen[q] && tree.connected[static_cast<std::size_t>(q)] == static_cast<std::uint8_t>(ArteryCode::ViaHeart);
    };
    // Along a gap's run: band tissue or its partial volume with the lumen at either end.
    const auto runTissue = [&](long long q) { return softTissueUnder(q, tree.lumenThresholdHu); };
    // A gap's far side outside the traced lumen (EmbolismParams gapUntracedFarSide): enhanced tissue that
    // is no lumen, lung, heart or aorta, up to the bone limit.
    const double boneHu = ThoraxParams{}.boneHu;
    const auto untraced = [&](long long q) {
        return p.gapUntracedFarSide && q >= 0 && !tree.lumen[q] && !m.lungs[q] && !m.heart[q] && !(haveAorta && m.aorta[q]) &&
               s[q] >= tree.lumenThresholdHu && s[q] <= boneHu;
    };
    // Its far mouth keeps gapUntracedMinHeartDistanceMm from the heart (pulmonary veins enter the left
    // atrium); a lumen far side is an arterial tree voxel (arterialMouth).
    // A wide gap (EmbolismParams wideOcclusion*) keeps wideOcclusionMinHeartDistanceMm from the heart all along,
    // or only wideOcclusionCentralMouthMinHeartDistanceMm when its near mouth is central-level lumen (the
    // main artery known from the trunk's side, not a cut-off piece), or wideOcclusionClotRunMinHeartDistanceMm
    // when the run's own median HU is clot's (wideOcclusionClotRunMinHu; pericardium and fat lie lower).
    const auto centralMouth = [&](long long q) {
        return q >= 0 && tree.connected[static_cast<std::size_t>(q)] == static_cast<std::uint8_t>(ArteryCode::Central);
    };
    // The smoothed median HU on a gap's axis between its partial-volume ends (EmbolismParams
    // wideOcclusionClotRun*): clot, or the fat and pericardium against the heart.
    const auto runMedianHu = [&](const Gap& gap, const Eigen::Vector3d& x, const Eigen::Vector3d& d) {
        const double ends = p.stumpPlugStartMm + 0.5 * g.spacing.maxCoeff();
        std::vector<float> hu;
        for (double t = gap.t0 + ends; t <= gap.t1 - ends; t += kStepMm)
            if (const long long q = grid.at(x + t * d); q >= 0) hu.push_back(s[q]);
        if (hu.empty()) return -1e9;
        std::nth_element(hu.begin(), hu.begin() + hu.size() / 2, hu.end());
        return static_cast<double>(hu[hu.size() / 2]);
    };
    const auto farSideOk = [&](const Gap& gap, const Eigen::Vector3d& x, const Eigen::Vector3d& d) {
        if (!gap.untracedFar) {
            if (arterialMouth(gap.farMouth)) return true;
            // Between two pieces (EmbolismParams::gapFarMouthInPiece): a lobar artery's calibre and the untraced far
            // side's distance from the heart, as for an untraced far side (the raised C3N-00247 background's run
            // between two pieces at the midline, its finding's vessel radius 7 mm, scored 0.96 without them).
            return p.gapFarMouthInPiece && pieceLumen(gap.farMouth) &&
                   !gapBetweenPiecesFails(gap.bandR, gap.t1 - gap.t0, m.heart, x + (gap.t1 + 0.5 * gap.r) * d, p);
        }
        if (maskWithin(m.heart, x + (gap.t1 + 0.5 * gap.r) * d, p.gapUntracedMinHeartDistanceMm)) return false;
        // Wide by its band (Gap::bandR): also a run taken at a thin artery's lumen calibre keeps the wide
        // run's heart distance (EmbolismParams wideOcclusionThinMouthLumenCalibre).
        if (gap.bandR <= p.gapUntracedMaxRadiusMm) return true;
        double heartMm = p.wideOcclusionMinHeartDistanceMm;
        if (p.wideOcclusionCentralMouthMinHeartDistanceMm > 0 && centralMouth(gap.nearMouth))
            heartMm = p.wideOcclusionCentralMouthMinHeartDistanceMm;
        else if (p.wideOcclusionClotRunMinHu > 0 && runMedianHu(gap, x, d) >= p.wideOcclusionClotRunMinHu)
            heartMm = std::min(heartMm, p.wideOcclusionClotRunMinHeartDistanceMm);
        for (double t = gap.t0; t <= gap.t1; t += kStepMm * 2)
            if (maskWithin(m.heart, x + t * d, heartMm)) return false;
        return true;
    };
    // The wider normal ball for gap runs on thick slices (EmbolismParams faceNormalMinBallSpacings); grids
    // where it is no wider than 3 mm have one ball.
    // The gap search needs contrast that parts clot from lumen at the threshold (EmbolismParams
    // gapMinCnr); a tree without measured noise (noise-free phantoms) has no such limit.
    const bool gapSearch = p.gapFromCutOffPieces &&
                           (tree.noiseHu <= 0 || bloodClotCnr(tree.bloodHu, tree.noiseHu, p) >= p.gapMinCnr);
    const double wideNormalBallMm = p.faceNormalMinBallSpacings * g.spacing.maxCoeff();
    const int normalBalls = wideNormalBallMm > kNormalBallMm ? 2 : 1;
    std::vector<StumpPlugVoxel> out;
    const std::size_t sx = 1, sy = static_cast<std::size_t>(s.nx()), sz = sy * static_cast<std::size_t>(s.ny());
    for (int k = 1; k < s.nz() - 1; ++k) {
        cancel.throwIfCancelled();
        for (int j = 1; j < s.ny() - 1; ++j)
            for (int i = 1; i < s.nx() - 1; ++i) {
                const std::size_t n = s.offset(i, j, k);
                if (!tree.connected[n] || m.heart[n]) continue;
                const auto level = levelOfCode(tree.connected[n]);
                // A cut-off piece (EmbolismParams gap*): tree lumen coded as a mediastinal branch, searched
                // for gaps back to arterial lumen only (3). Lumen reached through a cardiac chamber
                // (ViaHeart) is the pulmonary veins': their gaps to the hilar arteries crossed hilar
                // soft tissue (raised C3N-00247: a 226 mm3 finding without any clot; README, s21-pe-occl).
                const bool piece = tree.connected[n] == static_cast<std::uint8_t>(ArteryCode::MediastinalBranch);
                if (!level && !piece) continue;
                if (level && *level == VesselLevel::Subsegmental) continue;
                const Eigen::Vector3d x(i * g.spacing[0], j * g.spacing[1], k * g.spacing[2]);
                const std::size_t nb[6] = {n - sx, n + sx, n - sy, n + sy, n - sz, n + sz};
                const auto faceBeside = [&](auto&& tissue) {
                    return std::any_of(nb, nb + 6, [&](std::size_t q) { return tissue(static_cast<long long>(q)); });
                };
                if (piece) {
                    // (3) From the faces of cut-off pieces (EmbolismParams gap*): across the gap, the
                    // artery they were cut from.
                    if (!gapSearch || !faceBeside(runTissue)) continue;
                    // The run follows the face's normal from the 3 mm ball, and where that finds no gap,
                    // from the wider ball of thick slices (EmbolismParams faceNormalMinBallSpacings).
                    for (int b = 0; b < normalBalls; ++b) {
                        const auto normal = outwardNormal(tree.lumen, i, j, k, b == 0 ? kNormalBallMm : wideNormalBallMm);
                        if (!normal) continue;
                        if (const auto gap = gapAlong(x, *normal, tree.lumen, tree.radius, grid, runTissue, plugTissue, untraced, pieceLumen, viaHeartLumen, p);
                            gap && farSideOk(*gap, x, *normal)) {
                            addPlugVoxels(x, *normal, gap->r, PlugExtent{gap->t0, gap->t1 - kStepMm}, g, plugTissue, out, true);
                            break;
                        }
                    }
                    continue;
                }
                const double r = tree.radius[n];
                // (1) From centreline voxels along the vessel's axis: ridge direction of the radius
                // map's Hessian at half the radius (as the lesion insertion's site rule uses); the
                // vessel may end on either side.
                if (r >= p.stumpMinRadiusMm && isRadiusRidge(tree.radius, i, j, k))
                    if (const auto axis = hessianAxis(tree.radius, Index3{i, j, k}, r))
                        for (const double sign : {1.0, -1.0}) {
                            const Eigen::Vector3d d = sign * *axis;
                            const auto plug = plugAlong(x, d, r, tree.lumen, grid, plugTissue, p);
                            if (!plug) continue;
                            // Across the slices, the artery leads up to its end: a vessel in the slice
                            // plane whose axis is misread across it has lumen behind for its thickness only.
                            const double need = p.stumpRidgeUpstreamRadii * r;
                            if (need > 0 && std::abs(d.z()) >= p.stumpRidgeUpstreamMinAxisZ &&
                                lumenRunBehindMm(grid, x, d, r, tree.lumen, p.stumpMinDiskShare, need) < need)
                                continue;
                            addPlugVoxels(x, d, r, *plug, g, plugTissue, out);
                        }
                // (2) From lumen end faces (EmbolismParams stumpFace*, off by default): a lumen voxel
                // beside plug tissue, the direction the contrast column ends in.
                if (!p.stumpFaceSearch || !faceBeside(plugTissue)) continue;
                const auto normal = outwardNormal(tree.lumen, i, j, k);
                if (!normal) continue;
                const Eigen::Vector3d d = *normal;
                // Cheap first test: plug tissue on the normal's line just beyond the face.
                if (!plugTissue(grid.at(x + (p.stumpPlugStartMm + 1.0) * d)) || !plugTissue(grid.at(x + (p.stumpPlugStartMm + 2.0) * d)))
                    continue;
                const auto near = roundSection(x - p.stumpFaceDepthMm * d, d, tree.lumen, grid, p);
                if (!near || !near->round || near->radius < p.stumpMinRadiusMm) continue;
                // The artery's axis: from the centre of a section one radius further back (round or not:
                // it may lie in the parent) to the near section's centre. A face voxel on the rim of a
                // blunt end, or of a vessel's side, has a normal oblique to it.
                const auto far = roundSection(near->centre - near->radius * d, d, tree.lumen, grid, p);
                if (!far || (near->centre - far->centre).norm() < 1e-6) continue;
                if ((near->centre - far->centre).normalized().dot(d) < p.stumpFaceMinAxisCos) continue;
                // A round section behind the face that is wider than the face's: the face cuts the
                // corner of a wider vessel's end (an artery keeps its calibre up to its end).
                if (far->round && far->radius > p.stumpFaceMaxChordRatio * near->radius) continue;
                if (!continuesUpstream(near->centre, d, near->radius, tree.lumen, grid, p)) continue;
                if (const auto plug = plugAlong(near->centre, d, near->radius, tree.lumen, grid, plugTissue, p))
                    addPlugVoxels(near->centre, d, near->radius, *plug, g, plugTissue, out);
            }
    }
    return out;
}

}  // namespace tv
