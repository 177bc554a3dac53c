#include "embolism/candidate_scoring.h"

#include "embolism/blood_calibre.h"
#include "embolism/candidate_context.h"
#include "embolism/closed_branch.h"
#include "embolism/lumen_sides.h"
#include "embolism/slice_lumen_contact.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <unordered_set>
#include <vector>

namespace tv {
namespace {
constexpr double kPi = 3.14159265358979323846;
double median(std::vector<float> v) {
    if (v.empty()) return 0;
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    return v[v.size() / 2];
}
// Mostly outside the lungs (mediastinal share over half): the mediastinal rules apply.
bool mostlyMediastinal(const CandidateFeatures& f) { return f.mediastinalShare > 0.5; }
}  // namespace

CandidateFeatures computeFeatures(const RawCandidate& c, const Image<float>& s, const Image<float>& raw,
                                  const ThoraxMasks& m,
                                  const VesselTree& tree, const ContrastResult& contrast, const EmbolismParams& p) {
    CandidateFeatures f;
    const ImageGeometry& g = s.geometry();
    const int nx = s.nx(), ny = s.ny(), nz = s.nz();
    std::unordered_set<std::size_t> self(c.voxels.begin(), c.voxels.end());
    std::vector<float> hu, blood;
    std::unordered_set<std::size_t> bloodSeen;
    Eigen::Vector3d mean = Eigen::Vector3d::Zero();
    Eigen::Matrix3d cov = Eigen::Matrix3d::Zero();
    int faces = 0, lumenFaces = 0, lungFaces = 0, mediastinal = 0, ownFaces = 0, ownLumenFaces = 0, treeFaces = 0, viaHeartFaces = 0;
    const bool haveCodes = tree.connected.voxelCount() == s.voxelCount();
    double radius = 0, sliceRadius = 0;
    const double contrastHu = p.thrombusHighHu + 0.5 * std::max(0.0, tree.lumenThresholdHu - p.thrombusHighHu);
    for (const std::size_t n : c.voxels) {
        hu.push_back(raw[n]);
        const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
        const Eigen::Vector3d x(i * g.spacing[0], j * g.spacing[1], k * g.spacing[2]);
        mean += x;
        cov += x * x.transpose();
        if (!m.lungHull[n]) ++mediastinal;
        const int nb[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (const auto& d : nb) {
            const int a = i + d[0], b = j + d[1], cc = k + d[2];
            if (a < 0 || b < 0 || cc < 0 || a >= nx || b >= ny || cc >= nz) continue;
            const std::size_t q = s.offset(a, b, cc);
            if (self.count(q)) continue;
            ++faces;
            const bool own = std::binary_search(c.ownSide.begin(), c.ownSide.end(), q);
            ownFaces += own;
            // Contrast around the defect: lumen, or partial-volume voxels clearly brighter than clot.
            if (tree.lumen[q] || s[q] >= contrastHu) ++lumenFaces, ownLumenFaces += own;
            if (s[q] < -400) ++lungFaces;
            if (haveCodes && tree.connected[q]) {
                ++treeFaces;
                viaHeartFaces += tree.connected[q] == static_cast<std::uint8_t>(ArteryCode::ViaHeart);
            }
        }
        for (int dk = -2; dk <= 2; ++dk)
            for (int dj = -2; dj <= 2; ++dj)
                for (int di = -2; di <= 2; ++di) {
                    const int a = i + di, b = j + dj, cc = k + dk;
                    if (a < 0 || b < 0 || cc < 0 || a >= nx || b >= ny || cc >= nz) continue;
                    const std::size_t q = s.offset(a, b, cc);
                    radius = std::max(radius, static_cast<double>(tree.radius[q]));
                    if (dk == 0) sliceRadius = std::max(sliceRadius, static_cast<double>(tree.radius[q]));
                    // Lumen interior only: its rim is partial volume with the wall or the defect.
                    if (tree.lumen[q] && tree.radius[q] >= 1.5f && bloodSeen.insert(q).second) blood.push_back(raw[q]);
                }
    }
    if (c.fromStump) radius = std::max(radius, c.completedRadiusMm);  // a plug's own voxels lie beyond the lumen that measures it
    const double nv = static_cast<double>(c.voxels.size());
    mean /= nv;
    cov = cov / nv - mean * mean.transpose();
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(cov);
    const auto ev = eig.eigenvalues();  // ascending
    f.elongation = std::sqrt(std::max(ev[2], 1e-6) / std::max(ev[1], 1e-6));
    // Flatness of an intraluminal defect from the moments of its voxels as boxes (each adds
    // spacing^2 / 12 per axis), not as points: a defect one 3 mm slice thick is a 3 mm slab, not a
    // sheet of zero thickness (a clot in a 2.3 mm-radius artery spans one or two slices), while a
    // sheet one in-plane voxel thick stays flat. Only beside arteries thinner than
    // rawBandMaxVesselRadiusMm: in a wider artery a clot spans several slices, and cut-offs and stump
    // plugs continue an occluded artery along its course (C3N as is: a one-slice soft-tissue blob
    // beside no lumen became a finding with the box moments; raised C3N's one-slice candidate beside
    // a 6.5 mm vessel in the coronary groove rose from 0.50). Also beside wider vessels for a fine-pass
    // defect that is mostly holes (EmbolismParams::fineSlabMinHoleShare), rim-wrapped deficits
    // counting with them (EmbolismParams::fineSlabRimWrapped).
    Eigen::Matrix3d boxCov = cov;
    const double wrappedShare = c.fineHoleShare + (p.fineSlabRimWrapped ? c.fineRimWrappedShare : 0.0);
    // A fine candidate in the lung hull likewise (EmbolismParams::fineLungScoredAsHole).
    f.fineLungAsHole = p.fineLungScoredAsHole && c.fromFine && !(mediastinal > 0.5 * static_cast<double>(c.voxels.size()));
    const bool fineHoles = c.fromFine && (wrappedShare >= p.fineSlabMinHoleShare || f.fineLungAsHole);
    if (!c.fromCutoff && !c.fromStump && radius > 0 && (radius < p.rawBandMaxVesselRadiusMm || fineHoles))
        for (int a = 0; a < 3; ++a) boxCov(a, a) += g.spacing[a] * g.spacing[a] / 12.0;
    const auto boxEv = Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d>(boxCov, Eigen::EigenvaluesOnly).eigenvalues();
    f.flatness = std::sqrt(std::max(boxEv[0], 1e-6) / std::max(boxEv[1], 1e-6));
    f.centroidVoxel = Eigen::Vector3d(mean[0] / g.spacing[0], mean[1] / g.spacing[1], mean[2] / g.spacing[2]);
    f.volumeMm3 = nv * g.voxelVolumeMm3();
    f.medianHu = median(hu);
    f.localBloodHu = blood.empty() ? contrast.paEnhancementHu : median(blood);
    f.contrastNorm = (f.localBloodHu - f.medianHu) / std::max(20.0, f.localBloodHu - p.thrombusMidHu);
    f.enclosure = faces ? static_cast<double>(lumenFaces) / faces : 0;
    f.ownSideEnclosure = faces > ownFaces ? static_cast<double>(lumenFaces - ownLumenFaces) / (faces - ownFaces) : f.enclosure;
    f.lungContact = faces ? static_cast<double>(lungFaces) / faces : 0;
    f.viaHeartFaceShare = treeFaces ? static_cast<double>(viaHeartFaces) / treeFaces : 0;
    f.vesselRadiusMm = radius;
    f.sliceVesselRadiusMm = sliceRadius;
    f.completedRadiusMm = c.completedRadiusMm;
    f.atScanEdge = std::min(f.centroidVoxel[2], (nz - 1) - f.centroidVoxel[2]) * g.spacing[2] < 6.0;
    f.mediastinalShare = mediastinal / nv;
    // Reference level: the thickest point of the trunk region (a cardiac chamber on venous-phase
    // scans, the trunk on CTPA) or the heart centroid, whichever is higher.
    const double refK = std::max(m.heartCentroidK, static_cast<double>(contrast.trunkSeed[2]));
    f.belowHeartCentre = refK >= 0 && mostlyMediastinal(f) && f.centroidVoxel[2] < refK;
    if (m.carinaK >= 0) f.aboveCarinaMm = (f.centroidVoxel[2] - m.carinaK) * g.spacing[2];
    f.midlineOffsetMm = std::abs(f.centroidVoxel[0] - m.midlineX) * g.spacing[0];
    f.veinLike = contrast.state == ContrastState::Adequate && f.localBloodHu < 0.75 * contrast.paEnhancementHu;
    // Solid core: a ball at the centroid as wide as the candidate's smallest semi-axis (a solid
    // ellipsoid's variance along an axis is a^2 / 5), bounded below by the thinnest clot the grid
    // resolves and above by the vessel.
    const double smallestSemiAxis = std::sqrt(5.0 * std::max(ev[0], 0.0));
    f.minorSemiAxisMm = smallestSemiAxis;
    // The ball must hold the voxel nearest to its centre. A ball narrower than half the voxel
    // diagonal is centred on the nearest slice (on thick slices it reaches that slice only anyway),
    // so half the in-plane voxel diagonal suffices (the full diagonal, 1.70 mm on 1.13 x 1.13 x 3 mm,
    // covered the whole 3x3 neighbourhood of a clot two voxels wide in a 2.3 mm-radius artery).
    const double halfVoxelDiagonal = 0.5 * std::sqrt(g.spacing[0] * g.spacing[0] + g.spacing[1] * g.spacing[1] + g.spacing[2] * g.spacing[2]);
    const double coreLow = coreBallMinRadiusMm(radius, 0.5 * std::hypot(g.spacing[0], g.spacing[1]), p);
    const double coreRadius = std::clamp(smallestSemiAxis, coreLow, std::max(coreLow, std::min(radius, p.coreMaxRadiusMm)));
    Eigen::Vector3d coreCentre = f.centroidVoxel;
    if (coreRadius < halfVoxelDiagonal) coreCentre[2] = std::round(coreCentre[2]);
    f.coreHu = solidCoreHu(raw, coreCentre, coreRadius);
    f.coreContrastNorm = (f.localBloodHu - f.coreHu) / std::max(20.0, f.localBloodHu - p.thrombusMidHu);
    f.underLungBase = underLungBaseShare(c.voxels, m.lungs);
    f.oneSliceOnHeart = oneSliceOnHeartShare(c.voxels, m.heart);
    const Index3 centre{static_cast<int>(std::lround(f.centroidVoxel[0])), static_cast<int>(std::lround(f.centroidVoxel[1])),
                        static_cast<int>(std::lround(f.centroidVoxel[2]))};
    // A stump plug touches its artery only at its proximal end, up to its half-length from the centroid.
    const double halfLength = std::sqrt(5.0 * std::max(ev[2], 0.0));
    f.treeLevel = treeLevelNear(tree, centre, c.fromStump ? radius + halfLength : radius);
    // A defect wrapped in contrast (polo mint) leaves only a thin rim of its artery's lumen beside it,
    // whose path calibre is the rim's (artery_levels.h): outside the hilar zone the rim is coded as a
    // thin mediastinal branch, without a level (pa-crop: a 6.2 mm central clot of the left PA, enclosure
    // 0.91, vetoed as "beside no arterial-tree vessel", s20-pe-merge). The artery keeps its level beyond
    // the defect's ends, up to its half-length from the centroid, as for a stump plug.
    if (!f.treeLevel && !c.fromCutoff && f.enclosure >= p.poloMintMinEnclosure) f.treeLevel = treeLevelNear(tree, centre, radius + halfLength);
    f.onArterialTree = f.treeLevel.has_value();
    // The level the central-level veto reads for a fine-pass defect (EmbolismParams::fineCentralVetoSectionLevel).
    if (c.fromFine && p.fineCentralVetoSectionLevel) f.sectionLevel = enclosingSectionLevel(c, tree, centre, radius, p);
    f.ctpaContrast = contrast.state == ContrastState::Adequate;
    // A stump plug is scored as a cut-off (a tube filling its artery) and fills the whole cross-section
    // by construction (stump_occlusions.h): a complete occlusion.
    f.stump = c.fromStump;
    f.stumpPlugShare = c.stumpPlugShare;
    f.cutoff = c.fromCutoff || c.fromStump;
    // A cut-off whose lumen before and after touches it as separate pieces fills its artery's
    // cross-section (lumen_sides.h): on thin arteries found as cut-offs the wall and the lumen at both
    // ends keep enclosure and lung contact in between (raised C3N, segmental occlusions: 0.34-0.42
    // and 0.10-0.12), so the two tests before miss them.
    if (c.fromCutoff) f.lumenSides = lumenSidesTouching(c.voxels, tree.lumen, p.occlusionSideMarginMm, p.occlusionSideMinVoxels);
    // Where it touches that lumen: along its slice or through the slices above and below (slice_lumen_contact.h).
    if (c.fromCutoff) {
        const SliceLumenContact slc = sliceLumenContact(c.voxels, tree.lumen);
        f.lumenInPlaneFaces = slc.inPlaneFaces;
        f.lumenThroughPlaneFaces = slc.throughPlaneFaces;
        f.lumenCoveredShare = slc.coveredShare;
    }
    f.complete = f.enclosure < 0.15 || (c.fromCutoff && f.lungContact > 0.3) || f.stump || f.lumenSides >= 2;
    // A lung cut-off touching the lumen of a thin artery: its voxels are slabs one slice thick, and an
    // in-plane thin artery's whole diameter spans one or two slices (EmbolismParams::cutoffSlabMaxVesselRadiusMm).
    // Only where the artery runs in the candidate's own slice: the lumen beside it on that slice is as
    // wide as the artery (EmbolismParams::cutoffSlabMinSliceRadiusShare). Where an artery crosses from one
    // slice to the next, partial volume with the lung leaves a one-slice dark gap between its two lumens,
    // beside only the thin tail of lumen on that slice: that gap is a sheet. Only for candidates on one
    // slice (the argument is about the slice's thickness) beside arteries of segmental calibre or more
    // (EmbolismParams::segmentalRadiusMm): beside a subsegmental vessel two or three voxels across, a
    // one-voxel strand's box half-width (0.65 x the pixel) already passes the fill test (stop 27: pa-crop,
    // 1.5 mm voxels, seed 11000 fill round 0, a 3-voxel strand at (21,83,76) beside a 1.5 mm vessel rose from
    // 0.078 to 0.507, a new false positive).
    // The artery also runs in the slice where the candidate OCCLUDES it: the clot removes the lumen on its own slice,
    // so the tree radius there is only that of the lumen's thin ends (slice R / box R 0.5, like a gap), but no lumen of
    // its artery lies right above or below it (the clot fills the artery's whole section, on both slices it spans),
    // while a slice-transition gap lies between the artery's lumen on the slices above and below, which cover it
    // through the plane (EmbolismParams::cutoffSlabMaxCoveredShare).
    const bool runsInSlice = sliceRadius >= p.cutoffSlabMinSliceRadiusShare * radius;
    const bool occludesInSlice = p.cutoffSlabMaxCoveredShare >= 0 && f.lumenCoveredShare <= p.cutoffSlabMaxCoveredShare;
    if (p.cutoffSlabMaxVesselRadiusMm > 0 && c.fromCutoff && !c.fromStump && !mostlyMediastinal(f) && f.lumenSides >= 1 &&
        radius >= p.segmentalRadiusMm && radius < p.cutoffSlabMaxVesselRadiusMm && (runsInSlice || occludesInSlice) &&
        cov(2, 2) < 1e-6) {  // all its voxels on one slice: the slab argument is about the slice's thickness
        Eigen::Matrix3d slabCov = cov;
        for (int a = 0; a < 3; ++a) slabCov(a, a) += g.spacing[a] * g.spacing[a] / 12.0;
        const auto slabEv = Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d>(slabCov, Eigen::EigenvaluesOnly).eigenvalues();
        f.flatness = std::sqrt(std::max(slabEv[0], 1e-6) / std::max(slabEv[1], 1e-6));
        f.slabMinorSemiAxisMm = std::sqrt(5.0 * std::max(slabEv[0], 0.0));
    }
    // A lung "cut-off" that lies along its artery's patent lumen is no occlusion but a wall-adherent partial defect
    // open to the wall (EmbolismParams::openWallDefect): one piece of lumen touches it (an occlusion's lumen ends
    // at it, or lies on two sides of it), that lumen lies right above or below most of its voxels (the artery is
    // patent across it through the plane: an occlusion fills the section on every slice it spans), more than
    // maxCutoffEnclosure of its faces are contrast (above it a "cut-off" is an intraluminal defect). A one-slice
    // gap between an artery's lumens on the slices above and below, where the artery crosses slices, lies under
    // lumen too, but between two lumen pieces (lumenSides 2). Scored as a partial defect: contrast wrapping
    // (enclosure), not the plug's fill of its artery and the tube's elongation; its flatness from its voxels as
    // boxes, as an intraluminal defect's beside a thin artery (above): where the artery runs in the slice plane a
    // wall-adherent clot 0.7 R thick spans one or two 3 mm slices, a slab, not a sheet.
    // Measured (s39-openwall, raised C3N-00247, embolism_review): the class-C clots of s37-smallseg found as their own
    // cut-off, s9000 r0c4 (covered 0.98, enclosure 0.587, one lumen side) 0.034 -> 0.861, s2000 r1c0 (0.844, 0.689)
    // 0.021 -> 0.864, s15000 r0c0 (1.0, 0.579; contrast 0.56, median 210 HU) 0.001 -> 0.272; s8000 r4c0 (two lumen
    // sides, covered 0.471) not reached. Clean backgrounds: no candidate of the raised C3N (149), C3N as is (184; not
    // CTPA) or pa-crop (118) meets the conditions (their lung cut-offs under lumen have enclosure <= 0.474 or lie off
    // the tree; the slice-transition gaps (155,297,46) and (180,272,54) have two lumen sides): lists identical.
    // openWallMinCoveredShare 0.8 lies under the targets' 0.844-1.0. Validation figures: s39-openwall NOTES.
    if (p.openWallDefect && c.fromCutoff && !c.fromStump && !mostlyMediastinal(f) && f.onArterialTree && f.ctpaContrast &&
        f.lumenSides == 1 && f.lumenCoveredShare >= p.openWallMinCoveredShare && f.enclosure > p.maxCutoffEnclosure) {
        f.openWall = true;
        f.cutoff = false;
        f.complete = false;
        f.slabMinorSemiAxisMm = 0;
        Eigen::Matrix3d wallCov = cov;
        for (int a = 0; a < 3; ++a) wallCov(a, a) += g.spacing[a] * g.spacing[a] / 12.0;
        const auto wallEv = Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d>(wallCov, Eigen::EigenvaluesOnly).eigenvalues();
        f.flatness = std::sqrt(std::max(wallEv[0], 1e-6) / std::max(wallEv[1], 1e-6));
    }
    // A two-sided lung occlusion wider than its zone-limited lumen allows: its artery's calibre on the
    // blood (EmbolismParams::occlusionBloodCalibreMaxMm). Measured only here: a crop around the candidate.
    if (p.occlusionBloodCalibreMaxMm > 0 && c.fromCutoff && f.lumenSides >= 2 && !mostlyMediastinal(f) && f.vesselRadiusMm > 0 &&
        f.minorSemiAxisMm > std::max(p.maxDefectWidthToRadius, p.occlusionMaxWidthToRadius) * f.vesselRadiusMm)
        f.bloodCalibreMm = bloodCalibreMm(c.voxels, s, m, tree, 2, 2.5, p.occlusionBloodCalibreMaxMm);
    f.roundSectionShare = c.roundSectionShare;
    f.wrappedPocket = c.wrappedPocket;
    f.hilarCutoff = c.hilarCutoff;
    f.centralMass = c.centralMass;
    f.fine = c.fromFine;
    f.fineHoleShare = c.fineHoleShare;
    f.fineBreachedShare = c.fineBreachedShare;
    f.fineSliceHoleShare = c.fineSliceHoleShare;
    f.fineAortaShare = c.fineAortaShare;
    f.fineThroughLungShare = c.fineThroughLungShare;
    f.fineMinRawHu = c.fineMinRawHu;
    // A fine-pass defect is a few native pixels across: its working voxels are blocks of clot and
    // contrast rim, and a ball of working voxels at the centroid of a group of slices' regions may
    // miss a clot two working voxels wide, so its attenuation, solid core and contrast wrapping are
    // measured on the native pixels (fine_defects.h).
    if (c.fromFine) {
        f.medianHu = c.fineMedianHu;
        f.coreHu = c.fineCoreHu;
        // In the lung hull (thin arteries) against its artery section's native lumen
        // (EmbolismParams::fineCoreAgainstSectionBlood).
        const double coreBlood = p.fineCoreAgainstSectionBlood && !mostlyMediastinal(f) && c.fineBloodHu > 0 ? c.fineBloodHu : f.localBloodHu;
        f.coreContrastNorm = (coreBlood - f.coreHu) / std::max(20.0, coreBlood - p.thrombusMidHu);
        // A polo mint's region runs out to the lumen threshold, so a small one's median is its partial-
        // volume rim: its darkness is that of its core (EmbolismParams::fineHoleContrastFromCore).
        const bool polo = p.fineHoleContrastFromCore && (c.fineHoleShare >= p.fineSlabMinHoleShare || f.fineLungAsHole);
        f.contrastNorm = (f.localBloodHu - (polo ? f.coreHu : f.medianHu)) / std::max(20.0, f.localBloodHu - p.thrombusMidHu);
        f.enclosure = c.fineEnclosure;
        f.complete = false;
    }
    return f;
}

double coreBallMinRadiusMm(double vesselRadiusMm, double halfVoxelDiagonalMm, const EmbolismParams& p) {
    const double scaled = vesselRadiusMm > 0 ? std::min(p.coreMinRadiusMm, p.coreVesselRadiusFraction * vesselRadiusMm) : p.coreMinRadiusMm;
    return std::max(halfVoxelDiagonalMm, scaled);
}

double volumeScoreReferenceMm3(double vesselRadiusMm, const EmbolismParams& p) {
    if (vesselRadiusMm <= 0) return p.volumeScoreReferenceMm3;
    const double wholeClot = p.volumeScoreVesselShare * 2.0 * kPi * std::pow(vesselRadiusMm, 3);
    return std::min(p.volumeScoreReferenceMm3, wholeClot);
}

double cutoffFill(const CandidateFeatures& f) {
    return f.vesselRadiusMm > 0 ? std::max(f.minorSemiAxisMm, f.slabMinorSemiAxisMm) / f.vesselRadiusMm : 1.0;
}

std::optional<VesselLevel> enclosingSectionLevel(const RawCandidate& c, const VesselTree& tree, const Index3& centre, double radiusMm,
                                                 const EmbolismParams& p) {
    if (c.fromCrossSections && p.obliqueSectionLevelFromSeeds) return VesselLevel::Lobar;
    return findingLevel(tree, c.voxels, centre, radiusMm);
}

double scoreCandidate(const CandidateFeatures& f, const EmbolismParams& p) {
    // The fine pass is for lobar and segmental arteries; beside wider vessels the working grid resolves
    // the clots (EmbolismParams::fineMaxVesselRadiusMm).
    // A polo mint (pixels in holes enclosed by one artery section, fineCentralVetoMaxHoleShare) beside
    // a central- or lobar-level artery is measured on its own slices, where the fine pass found it cut
    // from its artery's section: the box two 3 mm slices up and down reaches the wider parent artery
    // at a lobar artery's origin (raised C3N r2 c2, a lobar clot where the artery leaves the left PA:
    // 6.4 mm in the box, 3.9 mm on its slices). Not beside thinner levels: a hole in the sternum's
    // marrow beside a subsegmental-coded chest-wall vessel (6.2 mm box, 3.4 mm slices) is no artery's.
    const bool ownSlices = p.fineRadiusOwnSlices && f.fine && f.fineHoleShare >= p.fineCentralVetoMaxHoleShare && f.treeLevel &&
                           (*f.treeLevel == VesselLevel::Central || *f.treeLevel == VesselLevel::Lobar);
    if (f.fine && (ownSlices ? f.sliceVesselRadiusMm : f.vesselRadiusMm) > p.fineMaxVesselRadiusMm) return 0.0;
    // On the aorta mask (its lumen and wall): the wall between the enhanced aorta and a pulmonary
    // artery, closed into a "hole" where both lumens merge at the lumen threshold
    // (EmbolismParams::fineMaxAortaShare).
    if (f.fine && f.fineAortaShare > p.fineMaxAortaShare) return 0.0;
    // ... nor, outside the lung hull, beside the central arteries (tree level): there the walls and
    // grooves between the trunk, the main arteries, the aorta and the atria close into "defects" (s21:
    // the groove between the left PA and a neighbour on raised C3N-00247 scored 0.57).
    // A polo mint (its pixels in holes enclosed by one artery section) is no groove: the box of the
    // tree level reaches the main PA beside a lobar artery (raised C3N r3 c2).
    // Breached holes (EmbolismParams::fineBreachedHoleCentralExempt) count here only when allowed.
    const double groupHoleShare = f.fineHoleShare - (p.fineBreachedHoleCentralExempt ? 0.0 : f.fineBreachedShare);
    const double vetoHoleShare = p.fineCentralVetoSliceHoleShare ? std::max(groupHoleShare, f.fineSliceHoleShare) : groupHoleShare;
    // The level of the artery enclosing the defect, not the box's most central code, with
    // EmbolismParams::fineCentralVetoSectionLevel (findingLevel falls back to that box where the defect
    // has no lumen of its own and no axis ball holds it).
    const std::optional<VesselLevel> vetoLevel = p.fineCentralVetoSectionLevel && f.sectionLevel ? f.sectionLevel : f.treeLevel;
    if (f.fine && mostlyMediastinal(f) && vetoLevel == VesselLevel::Central && vetoHoleShare < p.fineCentralVetoMaxHoleShare)
        return 0.0;
    // A fine-pass defect whose core is darker than acute thrombus less the noise margin: a cleft holding lung
    // or fat (EmbolismParams::fineMinCoreHu).
    if (f.fine && f.coreHu < p.fineMinCoreHu) return 0.0;
    // A fine-pass defect mostly over lung on the next slice and holding a pixel darker than the band's floor: the lung
    // seen through a bend of the artery wall (EmbolismParams::fineLungPocketShare).
    if (f.fine && f.fineThroughLungShare >= p.fineLungPocketShare && f.fineMinRawHu < p.defectFloorHu())
        return 0.0;
    // Mediastinal "defects" darker than any acute thrombus: fat and walls between bright structures.
    if (mostlyMediastinal(f) && f.medianHu < p.mediastinalDefectMinHu) return 0.0;
    // Mediastinal and well above the carina: great vessels (aortic arch and branches,
    // brachiocephalic veins, SVC), not pulmonary arteries.
    if (mostlyMediastinal(f) && f.aboveCarinaMm > p.maxMediastinalAboveCarinaMm) return 0.0;
    // A "cut-off" above the carina beside the trachea: azygos arch, paratracheal nodes, tracheal
    // wall (the lung mask counts the trachea as air, so this tissue is inside the lung hull).
    if (f.cutoff && f.aboveCarinaMm > 0 && f.midlineOffsetMm < p.minCutoffMidlineOffsetAboveCarinaMm) return 0.0;
    // No solid dark core: the ball at the centroid holds lumen or enhancing parenchyma (noise speckle
    // in the venous-phase liver, crescents in the clefts between touching hilar vessels).
    // A two-sided lung occlusion's ball reaches its lumen on both sides (EmbolismParams::twoSidedOcclusionMinCoreContrastNorm).
    const bool twoSidedOcclusion = f.cutoff && f.lumenSides >= 2 && !mostlyMediastinal(f);
    const double minCore = twoSidedOcclusion && p.twoSidedOcclusionMinCoreContrastNorm > 0 ? p.twoSidedOcclusionMinCoreContrastNorm
                                                                                                 : p.minCoreContrastNorm;
    if (!(f.coreContrastNorm >= minCore)) return 0.0;  // NaN (empty ball) is no solid core either
    // Below the heart centre and under a lung base: the diaphragm and the abdomen (liver dome).
    if (f.belowHeartCentre && f.underLungBase > p.maxUnderLungBaseShare) return 0.0;
    // A one-slice sheet on the heart mask's cut at the pulmonary valve: surface grooves and fat of the
    // heart, not a clot (EmbolismParams::maxOneSliceOnHeartShare).
    if (mostlyMediastinal(f) && f.oneSliceOnHeart > p.maxOneSliceOnHeartShare) return 0.0;
    // Wider than the vessel beside it: not inside one artery (fat and pericardial recesses between
    // the aorta, the pulmonary arteries and the left atrium).
    // An occlusion with lumen on two sides in the lung hull also fills its artery's partial-volume rim
    // (EmbolismParams::occlusionMaxWidthToRadius).
    // A one-sided lung cut-off on the arterial tree (closed_branch.h: the artery beyond it unenhanced)
    // likewise (EmbolismParams::closedBranchMaxWidthToRadius).
    // At a branching point (lumen pieces on three or more sides: the parent artery and its branches) a
    // plug as dark as a clot fills the bifurcation's section, wider than the one branch whose radius the
    // tree reports (EmbolismParams::branchingOcclusionMaxWidthToRadius).
    const bool branchingOcclusion = twoSidedOcclusion && f.lumenSides >= p.branchingOcclusionMinLumenSides &&
                                    f.contrastNorm >= p.branchingOcclusionMinContrastNorm;
    // A massive central occlusion's mass (central_occlusions.h) fills the trunk, the bifurcation or a
    // main artery's origin: its section is no circle of the radius its deepest core measures
    // (EmbolismParams::centralOcclusionMaxWidthToRadius).
    const double maxWidth = f.centralMass ? std::max(p.maxDefectWidthToRadius, p.centralOcclusionMaxWidthToRadius)
                            : branchingOcclusion ? std::max({p.maxDefectWidthToRadius, p.occlusionMaxWidthToRadius, p.branchingOcclusionMaxWidthToRadius})
                            : twoSidedOcclusion ? std::max(p.maxDefectWidthToRadius, p.occlusionMaxWidthToRadius)
                            : closedBranchCutoff(f, p) ? std::max(p.maxDefectWidthToRadius, p.closedBranchMaxWidthToRadius)
                                                       : p.maxDefectWidthToRadius;
    // A two-sided lung occlusion fills its artery, whose calibre the blood measures where the vessel zone cuts
    // it (EmbolismParams::occlusionBloodCalibreMaxMm; bloodCalibreMm is 0 otherwise).
    const double widthRadius = twoSidedOcclusion ? std::max(f.vesselRadiusMm, f.bloodCalibreMm) : f.vesselRadiusMm;
    if (widthRadius > 0 && f.minorSemiAxisMm > maxWidth * widthRadius) return 0.0;
    // A partial defect has contrast around it inside the same artery, so it is narrower than the
    // artery (the 1.25 R above is for occlusions, 1.12 R for a full cylinder).
    // The artery's radius is that of its completed lumen when contrast wraps the defect (polo mint):
    // a central clot filling most of a wide artery leaves only a thin rim of contrast, whose own
    // radius would make the clot "too wide" (pa-crop: a central clot of an 11.7 mm artery measured
    // 1.05 x the rim's 5.2 mm radius). Without the wrapping rim the completed lumen may span the gap
    // between touching great vessels (pa-crop: a 5,300 mm3 web, enclosure 0.71, "radius" 17 mm).
    // A wall-adherent defect inside its artery's fitted round section (round_sections.h) has the
    // fitted circle as its artery: its contrast wraps it on the lumen side only.
    const bool inRoundSection = f.roundSectionShare >= p.roundSectionMinCandidateShare;
    const double partialR = f.enclosure >= p.poloMintMinEnclosure || inRoundSection ? std::max(f.vesselRadiusMm, f.completedRadiusMm) : f.vesselRadiusMm;
    if (!f.cutoff && !f.complete && partialR > 0 && f.minorSemiAxisMm > p.maxPartialDefectWidthToRadius * partialR)
        return 0.0;
    // Outside the lung hull and beside no vessel of the arterial tree: chest wall (costal cartilage
    // and sternum in calcified rims), pericardium, bronchial or pericardial vessels.
    // A cut-off piece of artery touched by a reported finding counts as artery on CTPA (the clot that cut
    // it off from the trunk; EmbolismParams::cutPieceContactMm, cut_piece_contact.h).
    if (mostlyMediastinal(f) && !f.onArterialTree && !(f.besideReportedPiece && f.ctpaContrast)) return 0.0;
    // Nor in a vessel the tree reaches through the heart only (ArteryCode::ViaHeart: pulmonary veins drain
    // into the left atrium), though an artery's coded voxel lies in its box: on CTPA, mostly mediastinal,
    // with more than viaHeartMaxFaceShare of its faces onto tree voxels on such lumen. pa-crop section
    // fill, seeds 26000-30000: a notch at the wall of a pulmonary vein beside the left atrium, [30,40,68]
    // (0.96, five rounds): on the clean crop the notch lies in the heart mask (an 18 mm opening), in the
    // rounds the mask has lost it (the nearest voxel the insertion changed lies 23 mm away, within the
    // opening's reach), and a section-filled right PA upstream leaves the vein reached through the heart
    // only (79 of its 86 coded faces; on the clean crop the vein is coded central). README stop 34.
    // Not a central mass (central_occlusions.h: a deep core with central lumen before it): the artery beyond a
    // massive occlusion of a main PA is reached through the heart only (its veins' contact with the atrium)
    // because the clot cut it off, not because it is a vein. With the vessel zone around the trunk's pieces
    // (EmbolismParams::zoneFromTrunkPieces) the left PA beyond pa-crop seed 54000 section fill round 3's
    // 11,094 mm3 occlusion became such lumen, and its 9,497 mm3 central-mass finding (0.954) read 0.74 of its
    // tree faces via the heart and scored 0 (stop 39).
    // A stump or gap occlusion likewise when EmbolismParams::viaHeartSparesStumps.
    if (p.viaHeartVeto && f.ctpaContrast && mostlyMediastinal(f) && !f.centralMass && !(p.viaHeartSparesStumps && f.stump) &&
        f.viaHeartFaceShare > p.viaHeartMaxFaceShare)
        return 0.0;
    // A cut-off continues an occluded artery. On CTPA-level contrast the tree reaches the segmental
    // arteries, so soft tissue ending beside no arterial-tree vessel continues a vein or lies beside
    // a bronchus (veins: 24% of one commercial system's false positives, clinical-reference.md). On
    // venous-phase scans intrapulmonary arteries are often not connected to the tree (README): not
    // applied. Nor to a "cut-off" mostly wrapped in contrast: that is an intraluminal defect. Nor to a
    // two-sided lung occlusion as dark as a clot (EmbolismParams::offTreeVetoSparesTwoSided,
    // offTreeTwoSidedMinContrastNorm): no vessel ends there, and the clot itself cuts the lumen beside
    // it from the tree, which then carries no arterial code.
    const bool sparedTwoSided = p.offTreeVetoSparesTwoSided && twoSidedOcclusion && f.contrastNorm >= p.offTreeTwoSidedMinContrastNorm;
    if (f.cutoff && f.enclosure < p.maxCutoffEnclosure && f.ctpaContrast && !f.onArterialTree && !sparedTwoSided) return 0.0;
    // The polo-mint sign of a closing defect that is the deep part of a wall-adherent clot reads its
    // faces onto lumen and onto tissue beyond its own side (own_side_faces.h,
    // EmbolismParams::ownSideEnclosure): on CTPA contrast, mediastinal, not a cut-off or a fine-pass
    // defect, a body of ownSideMinVolumeMm3..ownSideMaxVolumeMm3 that faces the lumen with one side (ownSideMinEnclosure),
    // and only when those faces show the sign (poloMintMinEnclosure): a web between vessels keeps its
    // plain enclosure.
    const bool ownSideRead = p.ownSideEnclosure && f.ctpaContrast && !f.cutoff && !f.fine && mostlyMediastinal(f) &&
                             f.volumeMm3 >= p.ownSideMinVolumeMm3 && f.volumeMm3 <= p.ownSideMaxVolumeMm3 && f.enclosure >= p.ownSideMinEnclosure &&
                             f.ownSideEnclosure >= p.poloMintMinEnclosure;
    const double enclosure = ownSideRead ? std::max(f.enclosure, f.ownSideEnclosure) : f.enclosure;
    double z = -2.0;
    z += 3.0 * std::clamp(f.contrastNorm - 0.4, -1.0, 0.8);          // darker than its lumen, thrombus-like
    // Larger defects are more credible, measured against the whole clot the vessel can hold.
    z += 1.2 * std::log10(std::max(f.volumeMm3, 1.0) / volumeScoreReferenceMm3(f.vesselRadiusMm, p));
    if (f.cutoff) {
        z += 1.0 * std::min(f.elongation - 1.0, 2.0);                  // an occluded artery is a tube
        if (cutoffFill(f) < p.cutoffMinFill) z -= p.cutoffThinPenalty;  // a strand, not a plug filling the artery
        if (!f.ctpaContrast) z -= p.suboptimalCutoffPenalty;            // noise dips of a dim lumen look alike
    } else {
        z += 4.0 * (enclosure - 0.25);                                  // "polo mint": wrapped in contrast
        z += 0.4 * std::min(f.elongation - 1.0, 2.0);                  // "railway track": along the vessel
    }
    if (f.medianHu < p.thrombusLowHu - 20) z -= 1.5;                    // fat / lung partial volume, not clot
    // (A fine candidate in the lung hull reads its core: its median is its partial-volume rim, EmbolismParams::fineLungScoredAsHole.
    // So does a two-sided lung occlusion: a plug filling a segmental artery on the working grid is mostly
    // its rim, EmbolismParams::twoSidedOcclusionMixingFromCore; its solid core was demanded above.)
    // So does a one-slice cut-off of a thin artery running in its slice (CandidateFeatures::slabMinorSemiAxisMm,
    // EmbolismParams::cutoffSlabMaxVesselRadiusMm): a defect three working voxels wide in a 2.3 mm-radius artery is
    // mostly its partial-volume rim on the working grid too.)
    const bool slabCutoff = f.slabMinorSemiAxisMm > 0;
    const bool mixingFromCore = f.fineLungAsHole || (p.twoSidedOcclusionMixingFromCore && (twoSidedOcclusion || slabCutoff));
    // In the lung hull a partial defect or a two-sided occlusion is partial volume throughout only when both its core
    // and its median read bright (EmbolismParams::lungMixingFromDarker).
    const bool mixingFromDarker = p.lungMixingFromDarker && !mostlyMediastinal(f) && (!f.cutoff || twoSidedOcclusion);
    const double mixingHu = mixingFromDarker ? std::min(f.coreHu, f.medianHu) : mixingFromCore ? f.coreHu : f.medianHu;
    // (Not for a fine candidate in the lung hull: the fine pass measured its attenuation at native resolution,
    // EmbolismParams::fineLungWithoutMixing.)
    const bool mixingTested = !(p.fineLungWithoutMixing && f.fineLungAsHole);
    // Brighter than thrombus plus 40 HU: mixing or partial volume with contrast (also the hilar cut-off's core test below).
    const double mixingLimitHu = p.thrombusHighHu + 40;
    if (mixingTested && mixingHu > mixingLimitHu) z -= 1.0;  // mixing / partial volume with contrast
    if (f.atScanEdge) z -= 2.5;
    if (f.belowHeartCentre) z -= 3.0;
    if (f.veinLike) z -= 1.5;                                           // veins: 24% of commercial CAD FPs
    if (f.flatness < 0.35) z -= 2.0;                                    // a sheet: wall between vessels, edge partial volume
    // (Not for a plug beyond a blunt artery end: an occlusion has contrast on its proximal side only.)
    // (Nor for a defect inside its artery's fitted round section: a lymph node lies beyond the wall.)
    // (Nor for a wrapped pocket: its own test demanded contrast or its partial volume on its faces,
    // fat and lung on none, candidates.cpp.)
    // (The polo-mint term below spares a cut-off of the wide hull's search with a clot-dark core, as it spares a stump
    // plug: an occlusion at the hilum has contrast on its near side only, EmbolismParams::cutoffHullClosingMm.)
    const bool wrapped = inRoundSection || f.wrappedPocket;
    if (mostlyMediastinal(f) && enclosure < 0.35 && !f.stump && !wrapped) z -= 1.5;  // lymph node beside the artery
    // In the mediastinum, soft tissue between touching enhanced structures (walls of the aorta and
    // PA, pericardial recesses, myocardium) is completed as "lumen" too: demand the polo-mint sign,
    // except of a wall-adherent defect inside its artery's fitted round section (an eccentric clot
    // touches the wall on one side, so contrast cannot wrap it; the circle keeps the gap between
    // touching vessels and the tissue beyond the wall out, round_sections.h).
    // A cut-off of the wide hull's search is spared only when its core reads clot, at most the mixing limit
    // (mixingLimitHu): hilar soft tissue between a bronchus and an artery read 159 HU there (clean raised C3N
    // [331,288,55], lab notes s66-widehull).
    const bool hilarOcclusion = f.hilarCutoff && f.coreHu <= mixingLimitHu;
    if (mostlyMediastinal(f) && enclosure < p.poloMintMinEnclosure && !f.stump && !wrapped && !hilarOcclusion) z -= 2.5;
    return 1.0 / (1.0 + std::exp(-z));
}

std::map<std::string, double> featureMap(const CandidateFeatures& f) {
    return {{"beside_reported_piece", f.besideReportedPiece ? 1.0 : 0.0},
            {"volume_mm3", f.volumeMm3},         {"median_hu", f.medianHu},
            {"local_blood_hu", f.localBloodHu},  {"contrast_norm", f.contrastNorm},
            {"enclosure", f.enclosure},          {"own_side_enclosure", f.ownSideEnclosure},          {"lung_contact", f.lungContact},
            {"vessel_radius_mm", f.vesselRadiusMm}, {"blood_calibre_mm", f.bloodCalibreMm}, {"slice_vessel_radius_mm", f.sliceVesselRadiusMm}, {"completed_radius_mm", f.completedRadiusMm}, {"stump_plug_share", f.stumpPlugShare}, {"elongation", f.elongation}, {"flatness", f.flatness},
            {"mediastinal_share", f.mediastinalShare}, {"vein_like", f.veinLike ? 1.0 : 0.0}, {"at_scan_edge", f.atScanEdge ? 1.0 : 0.0},
            {"below_heart_centre", f.belowHeartCentre ? 1.0 : 0.0}, {"above_carina_mm", f.aboveCarinaMm}, {"midline_offset_mm", f.midlineOffsetMm},
            {"cutoff", f.cutoff ? 1.0 : 0.0}, {"stump", f.stump ? 1.0 : 0.0}, {"round_section_share", f.roundSectionShare}, {"wrapped_pocket", f.wrappedPocket ? 1.0 : 0.0}, {"hilar_cutoff", f.hilarCutoff ? 1.0 : 0.0}, {"central_mass", f.centralMass ? 1.0 : 0.0}, {"fine_pass", f.fine ? 1.0 : 0.0}, {"fine_lung_as_hole", f.fineLungAsHole ? 1.0 : 0.0}, {"fine_hole_share", f.fineHoleShare}, {"fine_breached_share", f.fineBreachedShare}, {"fine_slice_hole_share", f.fineSliceHoleShare}, {"fine_aorta_share", f.fineAortaShare}, {"fine_through_lung_share", f.fineThroughLungShare}, {"fine_min_raw_hu", f.fineMinRawHu},
            {"section_level", f.sectionLevel ? static_cast<double>(*f.sectionLevel) : -1.0}, {"lumen_sides", static_cast<double>(f.lumenSides)},
            {"lumen_inplane_faces", static_cast<double>(f.lumenInPlaneFaces)}, {"lumen_through_faces", static_cast<double>(f.lumenThroughPlaneFaces)}, {"lumen_covered_share", f.lumenCoveredShare}, {"open_wall", f.openWall ? 1.0 : 0.0},
            {"core_hu", f.coreHu}, {"core_contrast_norm", f.coreContrastNorm},
            {"under_lung_base", f.underLungBase}, {"one_slice_on_heart", f.oneSliceOnHeart}, {"minor_semi_axis_mm", f.minorSemiAxisMm}, {"slab_minor_semi_axis_mm", f.slabMinorSemiAxisMm},
            {"on_arterial_tree", f.onArterialTree ? 1.0 : 0.0}, {"ctpa_contrast", f.ctpaContrast ? 1.0 : 0.0},
            {"via_heart_face_share", f.viaHeartFaceShare}};
}

}  // namespace tv
