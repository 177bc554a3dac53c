// fine_veto_probe VOLUME.nii.gz [TRUTH.nii.gz] [--raise HU] [--fine-breached-hole 0|1] [--fine-breached-central 0|1] [--all | --lung [--whatif-slab S] [--whatif-lung 0|1] [--min-score S]]:
// every fine-pass candidate that the central-level veto of candidate_scoring.cpp looks at (mostly
// mediastinal, scoring tree level central: the most central code in the box of treeLevelNear), with
// the levels and calibres a veto could read instead: the box's nearest central-code voxel and the
// widest radius among them, the enclosing-section level (findingLevel) on the tree as scored and on
// the tree regraded with this candidate alone filled in (its reported level if it were reported),
// the widest axis ball holding its deepest voxels (the enclosing artery's radius), its own calibre,
// and the fine pass's section radius. Review tool for the central-veto question (s28-breach); not a test.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <vector>

#include "detector_stages.h"
#include "evaluation/lesion_insertion.h"
#include "embolism/candidate_scoring.h"
#include "embolism/candidates.h"
#include "embolism/fine_defects.h"
#include "embolism/hessian_axis.h"
#include "io/nifti_io.h"

namespace {
std::string lv(const std::optional<tv::VesselLevel>& l) { return l ? tv::toString(*l) : "none"; }
}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) { std::cerr << "usage: fine_veto_probe VOLUME.nii.gz [TRUTH.nii.gz] [--raise HU] [--fine-breached-hole 0|1] [--fine-breached-central 0|1] [--all | --lung [--whatif-slab S] [--whatif-lung 0|1] [--min-score S]]\n"; return 1; }
    try {
        tv::CtVolume ct = tv::readNiftiCt(argv[1]);
        std::string truthPath;
        double raise = 0;
        bool all = false, lungOnly = false;
        double whatifSlab = -1, minScore = -1;
        int whatifLung = -1;
        tv::EmbolismParams p;
        for (int a = 2; a < argc; ++a) {
            const std::string s = argv[a];
            if (s == "--raise" && a + 1 < argc) raise = std::stod(argv[++a]);
            else if (s == "--fine-core-section-blood" && a + 1 < argc) p.fineCoreAgainstSectionBlood = std::stoi(argv[++a]) != 0;  // EmbolismParams::fineCoreAgainstSectionBlood (s37-smallseg)
            else if (s == "--fine-breached-hole" && a + 1 < argc) p.fineBreachedHole = std::stoi(argv[++a]) != 0;
            else if (s == "--fine-breached-central" && a + 1 < argc) p.fineBreachedHoleCentralExempt = std::stoi(argv[++a]) != 0;
            else if (s == "--fine-central-section-level" && a + 1 < argc) p.fineCentralVetoSectionLevel = std::stoi(argv[++a]) != 0;
            else if (s == "--whatif-slab" && a + 1 < argc) whatifSlab = std::stod(argv[++a]);  // --all: also the score with this EmbolismParams::fineSlabMinHoleShare (0: every fine candidate scored as a hole)
            else if (s == "--whatif-lung" && a + 1 < argc) whatifLung = std::stoi(argv[++a]);  // --all: also the score with EmbolismParams::fineLungScoredAsHole 0|1
            else if (s == "--min-score" && a + 1 < argc) minScore = std::stod(argv[++a]);  // --all: only candidates scoring at least this (either way)
            else if (s == "--lung") lungOnly = all = true;  // every fine candidate in the lung hull (mediastinalShare <= 0.5), truth or not
            else if (s == "--all") all = true;  // every fine candidate holding a truth voxel (all of them without a truth), with its features
            else truthPath = s;
        }
        if (raise > 0) tv::raiseBloodPool(ct, raise, p);
        tv::tools::DetectorStages st = tv::tools::runDetectorStages(ct, p);
        tv::LabelMap truth;
        if (!truthPath.empty()) truth = tv::labelsToWorking(st.wg, tv::readNiftiLabelsOnGrid(truthPath, ct.geometry()));
        const std::vector<tv::RawCandidate> fine = tv::findFineDefects(ct, st.wg, st.tree, st.c, p, tv::neverCancel());
        const tv::ImageGeometry& g = st.wg.geometry;
        std::cout << std::fixed << std::setprecision(2) << "fine candidates " << fine.size() << "\n";
        for (const tv::RawCandidate& raw : fine) {
            const tv::CandidateFeatures f = tv::computeFeatures(raw, st.sm, st.wg.hu, st.m, st.tree, st.c, p);
            if (all) {
                // The score the detector gives this fine candidate, whether or not a higher-scored
                // candidate overlapping it hides it as a repeat (embolism_review lists only the kept one).
                std::map<int, int> hits;
                if (truth.voxelCount())
                    for (const std::size_t n : raw.voxels)
                        if (truth[n]) ++hits[truth[n]];
                if (lungOnly && f.mediastinalShare > 0.5) continue;
                if (truth.voxelCount() && hits.empty() && !lungOnly) continue;
                const double score = tv::scoreCandidate(f, p);
                double whatif = -1;
                if (whatifSlab >= 0 || whatifLung >= 0) {
                    tv::EmbolismParams q = p;
                    if (whatifSlab >= 0) q.fineSlabMinHoleShare = whatifSlab;
                    if (whatifLung >= 0) q.fineLungScoredAsHole = whatifLung != 0;
                    whatif = tv::scoreCandidate(tv::computeFeatures(raw, st.sm, st.wg.hu, st.m, st.tree, st.c, q), q);
                }
                if (std::max(score, whatif) < minScore) continue;
                const Eigen::Vector3d src = ct.geometry().patientToVoxel(g.voxelToPatient(f.centroidVoxel));
                std::cout << "fine (" << std::lround(src[0]) << "," << std::lround(src[1]) << "," << std::lround(src[2]) << ") score "
                          << score << " whatif " << whatif << " voxels " << raw.voxels.size() << " tree_level " << lv(f.treeLevel) << " truth";
                for (const auto& [l, n] : hits) std::cout << " " << l << ":" << n;
                std::cout << "\n  ";
                for (const auto& [name, v] : tv::featureMap(f)) std::cout << " " << name << " " << v;
                std::cout << "\n";
                continue;
            }
            if (!(f.mediastinalShare > 0.5) || f.treeLevel != tv::VesselLevel::Central) continue;
            const double score = tv::scoreCandidate(f, p);
            tv::CandidateFeatures lifted = f;
            lifted.treeLevel = tv::VesselLevel::Lobar;  // the central-level veto only (the own-slice radius keeps central or lobar)
            if (lifted.sectionLevel) lifted.sectionLevel = tv::VesselLevel::Lobar;
            const double liftedScore = tv::scoreCandidate(lifted, p);
            const Eigen::Vector3d src = ct.geometry().patientToVoxel(g.voxelToPatient(f.centroidVoxel));
            const tv::Index3 c{static_cast<int>(std::lround(f.centroidVoxel[0])), static_cast<int>(std::lround(f.centroidVoxel[1])),
                               static_cast<int>(std::lround(f.centroidVoxel[2]))};
            // The box of treeLevelNear: its central-code voxels, the nearest and the widest.
            int h[3];
            for (int a = 0; a < 3; ++a) h[a] = static_cast<int>(std::ceil(f.vesselRadiusMm / g.spacing[a])) + 1;
            double nearest = 1e9, nearestR = 0, widestCentral = 0;
            int nearestDk = 0;
            for (int k = std::max(0, c[2] - h[2]); k <= std::min(g.size[2] - 1, c[2] + h[2]); ++k)
                for (int j = std::max(0, c[1] - h[1]); j <= std::min(g.size[1] - 1, c[1] + h[1]); ++j)
                    for (int i = std::max(0, c[0] - h[0]); i <= std::min(g.size[0] - 1, c[0] + h[0]); ++i) {
                        if (st.tree.connected.at(i, j, k) != static_cast<std::uint8_t>(tv::ArteryCode::Central)) continue;
                        const double d = std::sqrt(std::pow((i - f.centroidVoxel[0]) * g.spacing[0], 2) + std::pow((j - f.centroidVoxel[1]) * g.spacing[1], 2) +
                                                   std::pow((k - f.centroidVoxel[2]) * g.spacing[2], 2));
                        const double r = st.tree.radius.at(i, j, k);
                        widestCentral = std::max(widestCentral, r);
                        if (d < nearest) { nearest = d; nearestR = r; nearestDk = k - c[2]; }
                    }
            // Own voxels: tree codes and calibre as scored.
            std::map<int, int> codes;
            float ownR = -1;
            int inLumen = 0;
            for (const std::size_t n : raw.voxels) {
                ++codes[st.tree.connected[n]];
                if (st.tree.lumen[n]) { ++inLumen; ownR = std::max(ownR, st.tree.radius[n]); }
            }
            const auto found = tv::findingLevel(st.tree, raw.voxels, c, f.vesselRadiusMm);
            const auto ball = tv::enclosingAxisBall(st.tree, raw.voxels);
            // The tree with this candidate alone filled in (the detector's reporting step).
            tv::VesselTree filled = st.tree;
            tv::regradeWithDefectsFilled(filled, st.m, raw.voxels, p, tv::neverCancel());
            const auto rep = tv::findingLevel(filled, raw.voxels, c, f.vesselRadiusMm);
            const tv::VesselLevel repPartial = tv::partialLevel(filled, raw.voxels, rep ? *rep : tv::VesselLevel::Central, p);
            const auto fball = tv::enclosingAxisBall(filled, raw.voxels);
            float fownR = -1;
            for (const std::size_t n : raw.voxels)
                if (filled.lumen[n]) fownR = std::max(fownR, filled.radius[n]);
            std::map<int, int> hits;
            if (truth.voxelCount())
                for (const std::size_t n : raw.voxels)
                    if (truth[n]) ++hits[truth[n]];
            std::cout << "cand (" << std::lround(src[0]) << "," << std::lround(src[1]) << "," << std::lround(src[2]) << ") score " << score
                      << " no_veto " << liftedScore << " killed " << (score == 0 && liftedScore > 0) << " hole " << f.fineHoleShare
                      << " breached " << f.fineBreachedShare << " voxels " << raw.voxels.size() << " vol " << f.volumeMm3 << " truth";
            for (const auto& [l, n] : hits) std::cout << " " << l << ":" << n;
            std::cout << "\n   radius box " << f.vesselRadiusMm << " slices " << f.sliceVesselRadiusMm << " completed " << f.completedRadiusMm
                      << " enclosure " << f.enclosure << " elong " << f.elongation << " | box central nearest " << nearest << " mm (dk "
                      << nearestDk << ", r " << nearestR << ") widest central r " << widestCentral << "\n   own codes";
            for (const auto& [code, n] : codes) std::cout << " " << code << ":" << n;
            std::cout << " in_lumen " << inLumen << " own_r " << ownR << " | findingLevel " << lv(found) << " ball r " << ball.radiusMm << " "
                      << lv(ball.level) << " | filled: findingLevel " << lv(rep) << " partialLevel " << tv::toString(repPartial) << " ball r "
                      << fball.radiusMm << " " << lv(fball.level) << " own_r " << fownR << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
    return 0;
}
