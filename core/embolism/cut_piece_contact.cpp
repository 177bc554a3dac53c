#include "embolism/cut_piece_contact.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <queue>
#include <utility>

#include "embolism/artery_levels.h"
#include "image/neighbours.h"

namespace tv {
namespace {
constexpr auto kPieceCode = static_cast<std::uint8_t>(ArteryCode::MediastinalBranch);

// Grows `piece` (seeded, each seed already in `seen`) through 6-connected piece voxels.
void growPieces(const Mask& code, std::vector<std::size_t>& piece, std::unordered_set<std::size_t>& seen) {
    for (std::size_t q = 0; q < piece.size(); ++q)
        forEachFaceNeighbour(code.geometry().size, piece[q], [&](std::size_t m) {
            if (code[m] == kPieceCode && seen.insert(m).second) piece.push_back(m);
        });
}

// Shortest paths through 6-connected piece voxels from the seeds in `path` (their start lengths), each
// face step its axis's spacing; voxels beyond maxPathMm (> 0) are not entered.
// The sparse counterpart of artery_levels.cpp's geodesicTenthMm, which fills a full-size image: the pieces
// are small against the scan and this pass runs at the detector's peak (memory), with seeds at their
// contact distance, not 0.
void growPiecePaths(const Mask& code, PiecePaths& path, double maxPathMm) {
    const ImageGeometry& g = code.geometry();
    const auto nx = static_cast<std::size_t>(g.size[0]);
    using Entry = std::pair<double, std::size_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> open;
    for (const auto& [n, d] : path) open.push({d, n});
    while (!open.empty()) {
        const auto [d, n] = open.top();
        open.pop();
        if (d > path.at(n)) continue;  // a shorter path reached it already
        forEachFaceNeighbour(g.size, n, [&](std::size_t m) {
            if (code[m] != kPieceCode) return;
            const std::size_t step = m > n ? m - n : n - m;
            const double e = d + (step == 1 ? g.spacing[0] : step == nx ? g.spacing[1] : g.spacing[2]);
            if (maxPathMm > 0 && e > maxPathMm) return;
            const auto it = path.find(m);
            if (it != path.end() && it->second <= e) return;
            path[m] = e;
            open.push({e, m});
        });
    }
}

// A reported occlusion massive enough to cut a central artery off (EmbolismParams::cutPieceMinOcclusionMm3).
bool cutsArteryOff(const ReportedFinding& f, const EmbolismParams& p) { return f.occlusion && f.volumeMm3 >= p.cutPieceMinOcclusionMm3; }

// The piece voxels in the box of treeLevelNear around c.
template <typename F>
void forBoxPieceVoxels(const Mask& code, const Index3& c, double radiusMm, F&& f) {
    const ImageGeometry& g = code.geometry();
    int h[3];
    for (int a = 0; a < 3; ++a) h[a] = static_cast<int>(std::ceil(radiusMm / g.spacing[a])) + 1;
    for (int k = std::max(0, c[2] - h[2]); k <= std::min(g.size[2] - 1, c[2] + h[2]); ++k)
        for (int j = std::max(0, c[1] - h[1]); j <= std::min(g.size[1] - 1, c[1] + h[1]); ++j)
            for (int i = std::max(0, c[0] - h[0]); i <= std::min(g.size[0] - 1, c[0] + h[0]); ++i) {
                const std::size_t n = code.offset(i, j, k);
                if (code[n] == kPieceCode) f(n);
            }
}
}  // namespace

PiecePaths piecesTouchingFindings(const VesselTree& tree, const LabelMap& findings, const std::vector<bool>& cutting, double contactMm,
                                  double maxPathMm) {
    PiecePaths path;
    if (contactMm <= 0) return path;
    const Mask& code = tree.connected;
    for (std::size_t n = 0; n < findings.voxelCount(); ++n) {
        const std::size_t label = findings[n];
        if (!label || label >= cutting.size() || !cutting[label]) continue;
        forEachInBallMm(code.geometry(), n, contactMm, [&](std::size_t m, double d) {
            if (code[m] != kPieceCode) return;
            const auto it = path.find(m);
            if (it == path.end() || d < it->second) path[m] = d;
        });
    }
    growPiecePaths(code, path, maxPathMm);
    return path;
}

std::optional<double> piecePathBeside(const Mask& connected, const PiecePaths& pieces, const Index3& c, double radiusMm) {
    std::optional<double> best;
    if (pieces.empty()) return best;
    forBoxPieceVoxels(connected, c, radiusMm, [&](std::size_t n) {
        const auto it = pieces.find(n);
        if (it != pieces.end() && (!best || it->second < *best)) best = it->second;
    });
    return best;
}

std::vector<ReleasedCandidate> releaseBesideCutPieces(const VesselTree& tree, const LabelMap& findings, const std::vector<ReportedFinding>& reported,
                                                      const std::vector<HeldCandidate>& held, const EmbolismParams& p) {
    std::vector<ReleasedCandidate> out;
    std::vector<bool> occlusion{false};  // per label: an occlusion massive enough to cut a central artery off
    for (const ReportedFinding& f : reported) occlusion.push_back(cutsArteryOff(f, p));
    if (p.cutPieceContactMm <= 0 || std::find(occlusion.begin(), occlusion.end(), true) == occlusion.end()) return out;
    std::vector<std::size_t> order;
    for (std::size_t h = 0; h < held.size(); ++h)
        if (held[h].besidePieceScore >= p.operatingPoint && held[h].enclosure >= p.poloMintMinEnclosure &&
            (!p.cutPieceNeedsSegmentalCalibre || held[h].vesselRadiusMm >= p.segmentalRadiusMm))
            order.push_back(h);
    if (order.empty()) return out;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return held[a].besidePieceScore > held[b].besidePieceScore; });
    const PiecePaths pieces = piecesTouchingFindings(tree, findings, occlusion, p.cutPieceContactMm, p.cutPieceMaxPathMm);
    std::unordered_set<std::size_t> released;
    for (const std::size_t h : order) {
        const HeldCandidate& c = held[h];
        const std::optional<double> path = piecePathBeside(tree.connected, pieces, c.centroid, c.vesselRadiusMm);
        if (!path) continue;
        if (c.voxels && std::any_of(c.voxels->begin(), c.voxels->end(), [&](std::size_t n) { return findings[n] != 0 || released.count(n) > 0; }))
            continue;
        out.push_back({h, *path});
        if (c.voxels) released.insert(c.voxels->begin(), c.voxels->end());
    }
    return out;
}

std::vector<std::size_t> cuttingOcclusions(const VesselTree& tree, const LabelMap& findings, const std::vector<ReportedFinding>& reported,
                                           const HeldCandidate& c, const EmbolismParams& p) {
    std::vector<std::size_t> out;
    if (p.cutPieceContactMm <= 0) return out;
    const Mask& code = tree.connected;
    std::unordered_set<std::size_t> seen;
    std::vector<std::size_t> piece;
    forBoxPieceVoxels(code, c.centroid, c.vesselRadiusMm, [&](std::size_t n) {
        if (seen.insert(n).second) piece.push_back(n);
    });
    growPieces(code, piece, seen);
    std::vector<bool> hit(reported.size() + 1, false);
    for (const std::size_t n : piece)
        forEachInBallMm(code.geometry(), n, p.cutPieceContactMm, [&](std::size_t m, double) {
            const std::size_t label = findings[m];
            if (!label || label > reported.size() || hit[label]) return;
            if (cutsArteryOff(reported[label - 1], p)) hit[label] = true;
        });
    for (std::size_t label = 1; label < hit.size(); ++label)
        if (hit[label]) out.push_back(label);
    return out;
}

VesselLevel releasedLevel(VesselLevel own, const std::vector<VesselLevel>& cutting, const EmbolismParams& p) {
    if (!p.cutPieceLevelFromOcclusion) return own;
    VesselLevel level = own;
    for (const VesselLevel l : cutting) level = std::min(level, l);  // enum order: Central is the most central
    return level;
}

}  // namespace tv
