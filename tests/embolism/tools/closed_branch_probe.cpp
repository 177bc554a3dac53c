// closed_branch_probe VOLUME.nii.gz TRUTH.nii.gz LABEL: for the working-grid candidates (findCandidates,
// before scoring) that overlap truth lesion LABEL, their route (cut-off / stump or gap plug / round
// section / wrapped pocket), features, score, and every piece of lumen that touches them (what
// lumen_sides.h counts: face neighbours, followed inside the candidate's box grown by
// occlusionSideMarginMm) with its voxel count, tree codes and bounding box; the same pieces for the
// truth lesion itself. Review tool for complete occlusions (README "Embolus detector validation"); not
// a test.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "detector_stages.h"
#include "embolism/candidate_scoring.h"
#include "embolism/candidates.h"
#include "embolism/lumen_sides.h"
#include "image/neighbours.h"
#include "io/nifti_io.h"

namespace {
// The lumen pieces touching `voxels`, followed inside their box grown by `marginMm` (as lumenSidesTouching).
void printPieces(const std::vector<std::size_t>& voxels, const tv::VesselTree& tree, double marginMm) {
    const tv::ImageGeometry& g = tree.lumen.geometry();
    const auto ijk = [&](std::size_t n) {
        return tv::Index3{static_cast<int>(n % g.size[0]), static_cast<int>((n / g.size[0]) % g.size[1]),
                          static_cast<int>(n / (static_cast<std::size_t>(g.size[0]) * g.size[1]))};
    };
    auto [lo, hi] = tv::voxelBounds(voxels, g.size);
    for (int a = 0; a < 3; ++a) {
        const int m = static_cast<int>(std::ceil(marginMm / g.spacing[a]));
        lo[a] = std::max(0, lo[a] - m);
        hi[a] = std::min(g.size[a] - 1, hi[a] + m);
    }
    const auto inBox = [&](const tv::Index3& v) {
        for (int a = 0; a < 3; ++a)
            if (v[a] < lo[a] || v[a] > hi[a]) return false;
        return true;
    };
    std::vector<std::size_t> sorted = voxels;
    std::sort(sorted.begin(), sorted.end());
    std::map<std::size_t, int> state;  // 1 member, 2 visited
    for (const std::size_t n : voxels) state[n] = 1;
    for (const std::size_t n : voxels)
        tv::forEachFaceNeighbour(g.size, n, [&](std::size_t start) {
            if (!inBox(ijk(start)) || !tree.lumen[start] || state.count(start)) return;
            state[start] = 2;
            std::vector<std::size_t> stack{start}, piece;
            while (!stack.empty()) {
                const std::size_t q = stack.back();
                stack.pop_back();
                piece.push_back(q);
                tv::forEachFaceNeighbour(g.size, q, [&](std::size_t r) {
                    if (!inBox(ijk(r)) || !tree.lumen[r] || state.count(r)) return;
                    state[r] = 2;
                    stack.push_back(r);
                });
            }
            std::map<int, int> codes;
            tv::Index3 plo{1 << 30, 1 << 30, 1 << 30}, phi{-1, -1, -1};
            float widest = 0;
            for (const std::size_t q : piece) {
                ++codes[tree.connected[q]];
                const tv::Index3 v = ijk(q);
                for (int a = 0; a < 3; ++a) { plo[a] = std::min(plo[a], v[a]); phi[a] = std::max(phi[a], v[a]); }
                widest = std::max(widest, tree.radius[q]);
            }
            std::cout << "    piece " << piece.size() << " voxels, from (" << ijk(start)[0] << "," << ijk(start)[1] << "," << ijk(start)[2] << ") box ("
                      << plo[0] << "," << plo[1] << "," << plo[2] << ")-(" << phi[0] << "," << phi[1] << "," << phi[2] << ") widest r " << widest << " codes";
            for (const auto& [c, k] : codes) std::cout << " " << c << ":" << k;
            std::cout << "\n";
        });
    std::cout << "    box (" << lo[0] << "," << lo[1] << "," << lo[2] << ")-(" << hi[0] << "," << hi[1] << "," << hi[2] << ")\n";
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) { std::cerr << "usage: closed_branch_probe VOLUME.nii.gz TRUTH.nii.gz LABEL\n"; return 1; }
    try {
        const tv::CtVolume ct = tv::readNiftiCt(argv[1]);
        const int label = std::stoi(argv[3]);
        const tv::EmbolismParams p;
        const tv::tools::DetectorStages st = tv::tools::runDetectorStages(ct, p);
        const tv::LabelMap truth = tv::labelsToWorking(st.wg, tv::readNiftiLabelsOnGrid(argv[2], ct.geometry()));
        std::vector<std::size_t> clot;
        for (std::size_t n = 0; n < truth.voxelCount(); ++n)
            if (truth[n] == label) clot.push_back(n);
        std::cout << "truth " << label << ": " << clot.size() << " working voxels; lumen pieces touching it:\n";
        printPieces(clot, st.tree, p.occlusionSideMarginMm);
        const tv::CandidateMaps found = tv::findCandidates(st.sm, st.m, st.tree, tv::candidateSearchParams(p, st.c.state), tv::neverCancel(), &st.wg.hu);
        // ASCII slices around a working voxel (TV_DUMP=i,j,k,half): lumen digit = tree code (L: lumen,
        // code 0), T truth, c candidate voxel (of a candidate overlapping the truth), t truth and candidate,
        // m mediastinal soft tissue in the band, s lung-hull soft tissue in the band, . lung, - other.
        if (const char* e = std::getenv("TV_DUMP")) {
            int d[4] = {0, 0, 0, 0};
            std::sscanf(e, "%d,%d,%d,%d", &d[0], &d[1], &d[2], &d[3]);
            std::vector<std::uint8_t> cand(truth.voxelCount(), 0);
            for (const auto& raw : found.candidates) {
                bool hit = false;
                for (const std::size_t n : raw.voxels) hit = hit || truth[n] == label;
                if (hit) for (const std::size_t n : raw.voxels) cand[n] = 1;
            }
            const double floorHu = p.thrombusLowHu - p.defectFloorMarginHu;
            for (int k = d[2] - 3; k <= d[2] + 3; ++k) {
                std::cout << "k " << k << " (rows j " << d[1] - d[3] << ".., columns i " << d[0] - d[3] << "..)\n";
                for (int j = d[1] - d[3]; j <= d[1] + d[3]; ++j) {
                    for (int i = d[0] - d[3]; i <= d[0] + d[3]; ++i) {
                        const std::size_t n = st.sm.offset(i, j, k);
                        char ch = '-';
                        const bool band = st.sm[n] >= floorHu && st.sm[n] < st.tree.lumenThresholdHu;
                        if (st.tree.lumen[n]) ch = st.tree.connected[n] ? static_cast<char>('0' + st.tree.connected[n]) : 'L';
                        else if (truth[n] == label) ch = cand[n] ? 't' : 'T';
                        else if (cand[n]) ch = 'c';
                        else if (st.m.lungs[n]) ch = '.';
                        else if (band) ch = st.m.lungHull[n] ? 's' : 'm';
                        std::cout << ch;
                    }
                    std::cout << "\n";
                }
            }
        }
        // TV_ALLCUT: every lung cut-off touching fewer than two lumen pieces, wider than
        // maxDefectWidthToRadius but within occlusionMaxWidthToRadius: its score with and without the veto.
        if (std::getenv("TV_ALLCUT"))
            for (std::size_t c = 0; c < found.candidates.size(); ++c) {
                const tv::RawCandidate& raw = found.candidates[c];
                if (!raw.fromCutoff) continue;
                const tv::CandidateFeatures f = tv::computeFeatures(raw, st.sm, st.wg.hu, st.m, st.tree, st.c, p);
                if (f.mediastinalShare > 0.5 || f.lumenSides >= 2 || f.vesselRadiusMm <= 0) continue;
                const double ratio = f.minorSemiAxisMm / f.vesselRadiusMm;
                if (ratio <= p.maxDefectWidthToRadius || ratio > p.occlusionMaxWidthToRadius) continue;
                tv::EmbolismParams wide = p;
                wide.maxDefectWidthToRadius = p.occlusionMaxWidthToRadius;
                int overlap = 0;
                for (const std::size_t n : raw.voxels) overlap += truth[n] != 0;
                std::cout << "ALLCUT candidate " << c << " centroid (" << f.centroidVoxel[0] << "," << f.centroidVoxel[1] << "," << f.centroidVoxel[2]
                          << ") ratio " << ratio << " sides " << f.lumenSides << " stump " << raw.fromStump << " score " << tv::scoreCandidate(f, p)
                          << " -> " << tv::scoreCandidate(f, wide) << " truth overlap " << overlap << " vol " << f.volumeMm3 << " R " << f.vesselRadiusMm
                          << " onTree " << f.onArterialTree << " lung_contact " << f.lungContact << " enclosure " << f.enclosure << "\n";
            }
        for (std::size_t c = 0; c < found.candidates.size(); ++c) {
            const tv::RawCandidate& raw = found.candidates[c];
            int overlap = 0;
            for (const std::size_t n : raw.voxels) overlap += truth[n] == label;
            if (!overlap) continue;
            const tv::CandidateFeatures f = tv::computeFeatures(raw, st.sm, st.wg.hu, st.m, st.tree, st.c, p);
            std::cout << "candidate " << c << ": " << raw.voxels.size() << " voxels (" << overlap << " in the truth), cutoff " << raw.fromCutoff
                      << " stump/gap " << raw.fromStump << " round " << raw.roundSectionShare << " pocket " << raw.wrappedPocket
                      << " completed r " << raw.completedRadiusMm << "; score " << tv::scoreCandidate(f, p) << "\n   ";
            for (const auto& [k, v] : tv::featureMap(f)) std::cout << " " << k << "=" << v;
            std::cout << "\n  lumen pieces touching it:\n";
            printPieces(raw.voxels, st.tree, p.occlusionSideMarginMm);
        }
    } catch (const std::exception& e) {
        std::cerr << "closed_branch_probe: " << e.what() << "\n";
        return 2;
    }
}
