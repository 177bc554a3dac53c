#include "embolism/embolism_detector.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "embolism/beyond_occlusion_pass.h"
#include "embolism/candidate_scoring.h"
#include "embolism/candidates.h"
#include "embolism/carina.h"
#include "embolism/cut_piece_contact.h"
#include "embolism/fine_defects.h"
#include "embolism/finding_repeat.h"
#include "embolism/oblique_defects.h"
#include "embolism/great_arteries.h"
#include "embolism/lung_smoothing.h"
#include "embolism/obstruction_index.h"
#include "embolism/working_grid.h"
#include "util/stage_clock.h"

namespace tv {

namespace {

/// One pass of the detector, up to its findings on the working grid (label maps are painted onto the
/// input grid by detectEmboli, after the beyond-occlusion pass).
struct PassOutput {
    EmbolismResult res;  // without label maps
    WorkingGrid grid;    // its HU released
    LabelMap work;       // working grid: label n = res.candidates[n-1]
    Mask arteries;       // working grid: the arterial tree (VesselTree::connected)
};

/// Reports a pass's progress under its own stage labels ("embolism beyond occlusions: ...").
class PrefixedProgress final : public ProgressSink {
public:
    PrefixedProgress(ProgressSink& out, std::string prefix) : out_(out), prefix_(std::move(prefix)) {}
    void report(double fraction, const std::string& stage) override {
        const std::string own = "embolism: ";
        out_.report(fraction, prefix_ + (stage.rfind(own, 0) == 0 ? stage.substr(own.size()) : stage));
    }

private:
    ProgressSink& out_;
    std::string prefix_;
};

/// `fill`: null for the first run; for the beyond-occlusion pass, the working-grid voxels raised to contrast first.
PassOutput detectPass(const CtVolume& ct, const EmbolismParams& p, const FilledFindings* fill, ProgressSink& progress,
                      const CancelToken& cancel) {
    PassOutput out;
    EmbolismResult& res = out.res;
    // Wall and process CPU time per stage ("cpu.<stage>"): on a shared machine the CPU time is
    // what the benchmark compares.
    StageClock stage;
    progress.report(0.0, "embolism: preparing");
    WorkingGrid wg = makeWorkingGrid(ct, p.workingSpacingMm);
    if (fill) applyFill(wg.hu, *fill);
    Image<float> s = wg.hu;
    gaussianSmooth(s, p.smoothingSigmaMm);
    stage.mark("prepare", res.timingMs);
    cancel.throwIfCancelled();

    progress.report(0.15, "embolism: lungs and mediastinum");
    ThoraxMasks masks = computeThoraxMasks(s, wg.hu, ThoraxParams{}, cancel);
    stage.mark("thorax", res.timingMs);
    masks.carinaK = findCarinaK(wg.hu, masks.midlineX);
    stage.mark("carina", res.timingMs);

    progress.report(0.3, "embolism: contrast check");
    ContrastResult contrast = checkContrast(s, wg.hu, masks, p, cancel);
    stage.mark("contrast", res.timingMs);
    res.contrastState = toString(contrast.state);
    res.assessable = contrast.state != ContrastState::NotAssessable;
    res.reason = contrast.reason;
    res.paEnhancementHu = contrast.paEnhancementHu;
    res.paNoiseHu = contrast.paNoiseHu;
    if (!res.assessable) return out;

    progress.report(0.45, "embolism: arterial tree");
    carveGreatArteries(masks, s, lumenThresholdFor(contrast.paEnhancementHu, p), p);
    res.lungSmoothingSigmaMm = smoothLungsPartialVolume(s, wg.hu, masks, contrast, p);
    // Memory (goal: under 4x the volume beyond it, README): masks only the lumen tracing needed are
    // released before the tree is graded, where this stage peaks (the lumen tracing's lung bridges
    // are the last user of the mediastinum, lung_bridges.h).
    VesselTree tree = traceVesselLumen(s, masks, contrast, p, cancel, &wg.hu);
    masks.mediastinum = Mask();
    masks.denseBone = Mask();
    masks.nearLung = Mask();
    contrast.trunk = Mask();
    contrast.trunkPieceVoxels = {};
    gradeVesselTree(tree, masks, p, cancel);
    res.lumenThresholdHu = tree.lumenThresholdHu;
    stage.mark("vessels", res.timingMs);

    progress.report(0.6, "embolism: candidates");
    CandidateMaps found = findCandidates(s, masks, tree, candidateSearchParams(p, contrast.state), cancel, &wg.hu);
    stage.mark("candidates", res.timingMs);
    for (RawCandidate& c : findFineDefects(ct, wg, tree, contrast, p, cancel, &masks.aorta)) found.candidates.push_back(std::move(c));
    stage.mark("fine", res.timingMs);
    for (RawCandidate& c : findObliqueDefects(ct, wg, tree, contrast, p, cancel, &masks.aorta)) found.candidates.push_back(std::move(c));
    stage.mark("oblique", res.timingMs);

    progress.report(0.8, "embolism: scoring");
    struct Scored {
        EmbolusCandidate c;
        const RawCandidate* raw;
        Index3 centroid;        // working grid
        double vesselRadiusMm;  // the box of the level lookup's fallback (findingLevel)
        double besidePieceScore;  // held by the off-tree veto alone: its score with the cut-off piece beside it
                                  // counted as artery (EmbolismParams::cutPieceContactMm); 0 otherwise
    };
    std::vector<Scored> scored;
    for (const auto& raw : found.candidates) {
        const CandidateFeatures f = computeFeatures(raw, s, wg.hu, masks, tree, contrast, p);
        const Index3 centroid{static_cast<int>(std::lround(f.centroidVoxel[0])), static_cast<int>(std::lround(f.centroidVoxel[1])),
                              static_cast<int>(std::lround(f.centroidVoxel[2]))};
        Scored sc{{}, &raw, centroid, f.vesselRadiusMm, 0.0};
        sc.c.score = scoreCandidate(f, p);
        if (p.cutPieceContactMm > 0 && sc.c.score == 0 && f.ctpaContrast && f.mediastinalShare > 0.5 && !f.onArterialTree) {
            CandidateFeatures besidePiece = f;
            besidePiece.besideReportedPiece = true;
            sc.besidePieceScore = scoreCandidate(besidePiece, p);
        }
        sc.c.features = featureMap(f);
        sc.c.volumeMm3 = f.volumeMm3;
        const bool mediastinal = f.mediastinalShare > 0.5;
        sc.c.level = f.treeLevel ? *f.treeLevel : levelFromRadius(f.vesselRadiusMm, p);
        const double dx = (f.centroidVoxel[0] - masks.midlineX) * s.geometry().spacing[0];
        sc.c.side = (mediastinal && std::abs(dx) < 15.0) ? "central" : (dx > 0 ? "left" : "right");
        sc.c.occlusion = f.complete ? "complete" : "partial";
        sc.c.centerLpsMm = s.geometry().voxelToPatient(f.centroidVoxel);
        const Eigen::Vector3d src = ct.geometry().patientToVoxel(sc.c.centerLpsMm);
        for (int a = 0; a < 3; ++a)
            sc.c.centerVoxel[a] = std::clamp(static_cast<int>(std::lround(src[a])), 0, ct.geometry().size[a] - 1);
        scored.push_back(std::move(sc));
    }
    res.candidatesConsidered = static_cast<int>(scored.size());
    std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.c.score > b.c.score; });
    LabelMap work(s.geometry(), 0);
    std::vector<std::size_t> findingVoxels;
    std::vector<const Scored*> reported;  // parallel to res.candidates
    std::vector<bool> fineLabel{false};  // per reported label: found by the fine pass
    // Per released finding (index into res.candidates): the labels of the occlusions that cut its piece
    // off (EmbolismParams::cutPieceLevelFromOcclusion), read before the regrading recodes the pieces.
    std::vector<std::pair<std::size_t, std::vector<std::size_t>>> cutBy;
    // Reports a scored candidate: the next label, painted into the working label map.
    const auto report = [&](const Scored& sc) {
        fineLabel.push_back(sc.raw->fromFine);
        reported.push_back(&sc);
        res.candidates.push_back(sc.c);
        const auto label = static_cast<std::uint8_t>(res.candidates.size());
        for (const std::size_t n : sc.raw->voxels) work[n] = label;
        findingVoxels.insert(findingVoxels.end(), sc.raw->voxels.begin(), sc.raw->voxels.end());
    };
    for (const auto& sc : scored) {
        if (sc.c.score < p.operatingPoint || static_cast<int>(res.candidates.size()) >= std::min(p.maxCandidates, 255)) break;
        if (!sc.raw->reachedMass.empty()) continue;  // a reached central mass: below, once every other finding is known
        // One finding per defect: the fine pass sees again what the working grid found, except beside a
        // massive occlusion (finding_repeat.h, EmbolismParams::massiveOcclusionNoRepeatMm3).
        const bool repeat = repeatsReportedFinding({&sc.raw->voxels, sc.raw->fromFine, sc.c.occlusion == "complete", sc.c.volumeMm3}, work, fineLabel, p);
        if (repeat) continue;
        report(sc);
    }
    // A reached central mass (EmbolismParams::centralOcclusionRestWhenPlugUnreported): reported when the
    // gap run or stump plug that reached it is not (the reported findings hold at most
    // centralOcclusionMaxReachedShare of the whole mass, as the candidate search's reached test).
    // (Only the findings before these count: the rests of one mass, split at its necks, are its parts.)
    const std::size_t beforeRests = res.candidates.size();
    for (const auto& sc : scored) {
        if (sc.c.score < p.operatingPoint || static_cast<int>(res.candidates.size()) >= std::min(p.maxCandidates, 255)) break;
        if (!reachedMassUnreported(sc.raw->reachedMass, work, beforeRests, p.centralOcclusionMaxReachedShare)) continue;
        if (repeatsReportedFinding({&sc.raw->voxels, sc.raw->fromFine, sc.c.occlusion == "complete", sc.c.volumeMm3}, work, fineLabel, p)) continue;
        report(sc);
    }
    // Second pass (EmbolismParams::cutPieceContactMm, cut_piece_contact.h): a polo mint the off-tree veto
    // alone held is reported when the cut-off piece beside it touches a massive occlusion of the pass above
    // (the clot that cut that artery from the trunk). Only the first pass's findings count (no chains).
    if (p.cutPieceContactMm > 0) {
        std::vector<ReportedFinding> firstPass;  // per label - 1
        for (const auto& c : res.candidates) firstPass.push_back({c.occlusion == "complete", c.volumeMm3});
        std::vector<Scored*> heldScored;
        std::vector<HeldCandidate> held;
        for (auto& sc : scored)
            if (sc.besidePieceScore > 0) {
                heldScored.push_back(&sc);
                held.push_back({sc.besidePieceScore, sc.c.features.at("enclosure"), sc.centroid, sc.vesselRadiusMm, &sc.raw->voxels});
            }
        for (const ReleasedCandidate& r : releaseBesideCutPieces(tree, work, firstPass, held, p)) {
            if (static_cast<int>(res.candidates.size()) >= std::min(p.maxCandidates, 255)) break;
            Scored* sc = heldScored[r.held];
            cutBy.emplace_back(res.candidates.size(), cuttingOcclusions(tree, work, firstPass, held[r.held], p));
            sc->c.score = sc->besidePieceScore;
            sc->c.features["beside_reported_piece"] = 1.0;
            sc->c.features["cut_piece_path_mm"] = r.piecePathMm;
            report(*sc);
        }
    }
    stage.mark("scoring", res.timingMs);
    // Release the working images before the levels are graded again and the two input-grid label
    // maps are painted (memory: the regrading builds a radius map).
    wg.hu = Image<float>();
    s = Image<float>();
    // The findings' levels from the arteries as they would be without the clots (vessel_tree.h
    // regradeWithDefectsFilled): the rim of contrast around a clot lowers its own artery's calibre.
    // Scoring read the tree with the clots (its vetoes judge what the scan shows); only the reported
    // level and the obstruction index change. The level is read from the artery section that
    // encloses the filled finding (enclosingSectionLevel: findingLevel, lobar for a defect seen across lobar arteries), not from the box of its vessel radius, which
    // reaches thicker arteries beside thin ones; where the finding's own voxels carry no arterial
    // level, from that box; where neither has one, it keeps the level it was scored with.
    if (!findingVoxels.empty()) {
        regradeWithDefectsFilled(tree, masks, findingVoxels, p, cancel);
        for (std::size_t c = 0; c < res.candidates.size(); ++c) {
            if (const auto level = enclosingSectionLevel(*reported[c]->raw, tree, reported[c]->centroid, reported[c]->vesselRadiusMm, p))
                res.candidates[c].level = *level;
            // At least its own filled calibre's level (occlusionLevel, partialLevel).
            if (res.candidates[c].occlusion == "complete")
                res.candidates[c].level = occlusionLevel(tree, reported[c]->raw->voxels, res.candidates[c].level, p);
            else
                res.candidates[c].level = partialLevel(tree, reported[c]->raw->voxels, res.candidates[c].level, p);
        }
        // A released finding: at least the level of the occlusion that cut its artery off (the cut-off
        // piece is that artery beyond the clot; its own section in the filled tree reads thinner).
        for (const auto& [c, labels] : cutBy) {
            std::vector<VesselLevel> cutting;
            for (const std::size_t label : labels) cutting.push_back(res.candidates[label - 1].level);
            res.candidates[c].level = releasedLevel(res.candidates[c].level, cutting, p);
        }
        clearTreeVoxels(tree, findingVoxels);
    }
    stage.mark("levels", res.timingMs);
    masks = ThoraxMasks{};
    tree.lumen = Mask();
    tree.radius = Image<float>();
    out.grid = std::move(wg);
    out.work = std::move(work);
    out.arteries = std::move(tree.connected);
    return out;
}

}  // namespace

double obstructionIndexOf(const std::vector<EmbolusCandidate>& findings) {
    std::vector<ObstructionFinding> levels;
    for (const auto& c : findings) levels.push_back({c.level, c.side, c.occlusion == "complete"});
    return estimateObstructionIndex(levels);
}

EmbolismResult detectEmboli(const CtVolume& ct, const EmbolismParams& p, ProgressSink& progress, const CancelToken& cancel) {
    StageClock all;
    PassOutput first = detectPass(ct, p, nullptr, progress, cancel);
    EmbolismResult res = std::move(first.res);
    if (!res.assessable) {
        res.emboli = LabelMap(ct.geometry(), 0);
        res.arteries = LabelMap(ct.geometry(), 0);
        all.mark("total", res.timingMs);
        return res;
    }
    // The beyond-occlusion pass (beyond_occlusion_pass.h): the first run's tree is released before it
    // (memory); the arteries shown are then that pass's, the tree as it would be without the first
    // run's clots.
    if (needsBeyondOcclusionPass(res.candidates, p)) {
        StageClock stage;
        const FilledFindings fill = fillAroundFindings(first.work, res.candidates, res.paEnhancementHu, p);
        const ImageGeometry working = first.work.geometry();
        const SparseLabels firstFindings = SparseLabels::of(first.work);
        SparseLabels firstArteries = SparseLabels::of(first.arteries);
        first.work = LabelMap();
        first.arteries = Mask();
        stage.mark("beyond_occlusion.fill", res.timingMs);
        PrefixedProgress againProgress(progress, "embolism beyond occlusions: ");
        // Gaps between two cut-off pieces in the first run only, unless set (EmbolismParams::gapBetweenPiecesInBeyondPass:
        // the fill leaves pieces of lumen around it).
        EmbolismParams againParams = p;
        againParams.gapFarMouthInPiece = p.gapFarMouthInPiece && p.gapBetweenPiecesInBeyondPass;
        PassOutput again = detectPass(ct, againParams, &fill, againProgress, cancel);
        for (const auto& [name, ms] : again.res.timingMs) res.timingMs["beyond_occlusion." + name] = ms;
        stage.restart();
        res.beyondOcclusionPassRun = true;
        res.beyondOcclusionContrastState = again.res.contrastState;
        res.beyondOcclusionReason = again.res.reason;
        first.work = firstFindings.toMap(working);
        // With the findings filled the contrast check can read the scan otherwise; a pass that found no
        // assessable arteries adds nothing, and the first run's tree stays the one shown.
        if (again.res.assessable) {
            res.candidatesConsidered += again.res.candidatesConsidered;
            res.beyondOcclusionFindings = mergeBeyondOcclusionPass(res, first.work, again.res.candidates, again.work, fill, p);
            first.arteries = std::move(again.arteries);
        } else {
            first.arteries = firstArteries.toMap(working);
        }
        stage.mark("beyond_occlusion.merge", res.timingMs);
    }
    // The obstruction index of every reported finding, with its regraded level (both runs).
    res.obstructionIndexPercent = obstructionIndexOf(res.candidates);
    StageClock stage;
    res.emboli = labelsToSource(first.grid, first.work, ct.geometry());
    first.work = LabelMap();
    // Arterial output: the enhanced lumen connected to the trunk region. On CTPA this also holds the
    // right heart (and whatever touches it at voxel level): see README for the Dice this gives.
    res.arteries = labelsToSource(first.grid, first.arteries, ct.geometry());
    stage.mark("output", res.timingMs);
    all.mark("total", res.timingMs);
    progress.report(1.0, "embolism: done");
    return res;
}

}  // namespace tv
