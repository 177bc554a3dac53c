#include "embolism/candidates.h"

#include "embolism/candidate_split.h"
#include "embolism/central_occlusions.h"
#include "embolism/own_side_faces.h"
#include "embolism/round_sections.h"
#include "embolism/stump_occlusions.h"
#include "embolism/wrapped_core_split.h"
#include "image/neighbours.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <unordered_map>
#include <unordered_set>

namespace tv {
namespace {
// Largest value of `map` (where `where` is set, or everywhere when `where` is null) in the box of
// half-widths h around (i, j, k): the local vessel radius seen from a voxel off its centreline.
double boxMax(const Image<float>& map, const Mask* where, int i, int j, int k, const int h[3]) {
    double best = 0;
    for (int c = std::max(0, k - h[2]); c <= std::min(map.nz() - 1, k + h[2]); ++c)
        for (int b = std::max(0, j - h[1]); b <= std::min(map.ny() - 1, j + h[1]); ++b)
            for (int a = std::max(0, i - h[0]); a <= std::min(map.nx() - 1, i + h[0]); ++a) {
                const std::size_t q = map.offset(a, b, c);
                if (!where || (*where)[q]) best = std::max(best, static_cast<double>(map[q]));
            }
    return best;
}

void boxHalfWidths(const ImageGeometry& g, double reachMm, int h[3]) {
    for (int a = 0; a < 3; ++a) h[a] = std::max(1, static_cast<int>(std::ceil(reachMm / g.spacing[a])));
}

// The defect map stores the local vessel radius of each candidate voxel in 0.1 mm (1-255; 0 = none).
std::uint8_t radiusCode(double radiusMm) { return static_cast<std::uint8_t>(std::clamp(std::lround(radiusMm * 10.0), 1L, 255L)); }

// The 26-connected group grown from `seed`: a neighbour joins when `join(offset)` says it is a member
// not yet taken (the caller marks it taken). Returned in offset order, as the labelled groups.
template <class Join>
std::vector<std::size_t> group26(std::size_t seed, const ImageGeometry& g, Join&& join) {
    std::vector<std::size_t> group{seed};
    for (std::size_t head = 0; head < group.size(); ++head) {
        const std::size_t n = group[head];
        const int i = static_cast<int>(n % g.size[0]), j = static_cast<int>((n / g.size[0]) % g.size[1]),
                  k = static_cast<int>(n / (static_cast<std::size_t>(g.size[0]) * g.size[1]));
        for (int c = -1; c <= 1; ++c)
            for (int b = -1; b <= 1; ++b)
                for (int a = -1; a <= 1; ++a) {
                    if (!g.contains(i + a, j + b, k + c)) continue;
                    const std::size_t q = (static_cast<std::size_t>(k + c) * g.size[1] + (j + b)) * g.size[0] + (i + a);
                    if (join(q)) group.push_back(q);
                }
    }
    std::sort(group.begin(), group.end());
    return group;
}

// 26-connected groups of the voxels (working-grid offsets) keyed in `voxels`.
std::vector<std::vector<std::size_t>> groupsOf(const std::unordered_map<std::size_t, std::uint8_t>& voxels, const ImageGeometry& g) {
    std::vector<std::vector<std::size_t>> out;
    std::unordered_set<std::size_t> seen;
    for (const auto& entry : voxels) {
        if (!seen.insert(entry.first).second) continue;
        out.push_back(group26(entry.first, g, [&](std::size_t q) { return voxels.count(q) && seen.insert(q).second; }));
    }
    std::sort(out.begin(), out.end());  // a fixed order, whatever the hash order
    return out;
}

// Groups 1..fragmentCount (the labelled defects) under minVolumeMm3 that touch (26-connected) one
// of the groups from firstRound on (round-section groups, EmbolismParams::roundSectionApart) move
// into the first such group their voxels meet, which is kept sorted; the fragment is left empty.
void joinSmallFragmentsToRoundGroups(std::vector<std::vector<std::size_t>>& groups, std::size_t fragmentCount, std::size_t firstRound,
                                     const ImageGeometry& g, double minVolumeMm3) {
    std::unordered_map<std::size_t, std::size_t> roundGroupOf;
    for (std::size_t r = firstRound; r < groups.size(); ++r)
        for (const std::size_t n : groups[r]) roundGroupOf.emplace(n, r);
    if (roundGroupOf.empty()) return;
    for (std::size_t l = 1; l <= fragmentCount; ++l) {
        if (static_cast<double>(groups[l].size()) * g.voxelVolumeMm3() >= minVolumeMm3) continue;
        std::size_t into = 0;
        for (std::size_t e = 0; e < groups[l].size() && !into; ++e)
            forEachNeighbour26(g.size, groups[l][e], [&](std::size_t q) {
                if (into) return;
                const auto it = roundGroupOf.find(q);
                if (it != roundGroupOf.end()) into = it->second;
            });
        if (!into) continue;
        groups[into].insert(groups[into].end(), groups[l].begin(), groups[l].end());
        std::sort(groups[into].begin(), groups[into].end());  // the splits below search the group
        groups[l] = {};
    }
}

// 26-connected groups of the voxels in `sorted` (working-grid offsets, ascending), each in offset
// order, the groups in the order of their first voxel.
std::vector<std::vector<std::size_t>> groupsOfSorted(const std::vector<std::size_t>& sorted, const ImageGeometry& g) {
    std::vector<std::vector<std::size_t>> out;
    std::vector<std::uint8_t> seen(sorted.size(), 0);
    // Membership by binary search (`sorted` is ascending); marks the voxel taken.
    const auto join = [&](std::size_t q) {
        const auto it = std::lower_bound(sorted.begin(), sorted.end(), q);
        if (it == sorted.end() || *it != q || seen[static_cast<std::size_t>(it - sorted.begin())]) return false;
        seen[static_cast<std::size_t>(it - sorted.begin())] = 1;
        return true;
    };
    for (std::size_t e = 0; e < sorted.size(); ++e) {
        if (seen[e]) continue;
        seen[e] = 1;
        out.push_back(group26(sorted[e], g, join));
    }
    return out;
}

// A wrapped pocket (EmbolismParams::wrappedPocket): the group's face neighbours touch no other defect
// (a pocket beside a defect is the defect's own thin edge, judged with it), none is darker than the
// thrombus band (fat, lung: tissue outside a vessel) and at least wrappedPocketMinBrightFaceShare are
// brighter than any thrombus (lumen, or its partial volume).
bool wrappedPocketFaces(const std::vector<std::size_t>& group, const Image<float>& s, const Mask& defect, double floorHu,
                        const EmbolismParams& p) {
    const ImageGeometry& g = s.geometry();
    int faces = 0, bright = 0, dark = 0;  // `group` is sorted: membership by binary search
    for (const std::size_t n : group) {
        const int i = static_cast<int>(n % g.size[0]), j = static_cast<int>((n / g.size[0]) % g.size[1]),
                  k = static_cast<int>(n / (static_cast<std::size_t>(g.size[0]) * g.size[1]));
        const int nb[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (const auto& d : nb) {
            if (!g.contains(i + d[0], j + d[1], k + d[2])) continue;
            const std::size_t q = s.offset(i + d[0], j + d[1], k + d[2]);
            if (std::binary_search(group.begin(), group.end(), q)) continue;
            if (defect[q]) return false;
            ++faces;
            if (s[q] < floorHu) ++dark;
            else if (s[q] >= p.thrombusHighHu) ++bright;
        }
    }
    return faces > 0 && dark <= p.wrappedPocketMaxDarkFaceShare * faces && bright >= p.wrappedPocketMinBrightFaceShare * faces;
}
}  // namespace

std::string toString(DefectTest t) {
    switch (t) {
        case DefectTest::Defect: return "defect";
        case DefectTest::Lumen: return "lumen";
        case DefectTest::NotClosed: return "not_closed";
        case DefectTest::Border: return "border";
        case DefectTest::Thin: return "thin_vessel";
        case DefectTest::Masked: return "lung_heart_aorta";
        case DefectTest::Band: return "outside_band";
        case DefectTest::Shell: return "wall_shell";
    }
    return "defect";
}

DefectTestCounts countDefectTests(const DefectTrace& trace, const std::function<bool(std::size_t)>& keep) {
    DefectTestCounts n{};
    for (std::size_t v = 0; v < trace.tests.size(); ++v) {
        if (keep && !keep(v)) continue;
        for (std::size_t ri = 0; ri < kClosingRadiusCount; ++ri) ++n[ri][static_cast<std::size_t>(trace.tests[v][ri])];
    }
    return n;
}

EmbolismParams candidateSearchParams(const EmbolismParams& p, ContrastState state) {
    EmbolismParams q = p;
    if (p.roundSectionApartCtpaOnly && state != ContrastState::Adequate) q.roundSectionApart = false;
    return q;
}

CandidateMaps findCandidates(const Image<float>& s, const ThoraxMasks& m, const VesselTree& tree,
                             const EmbolismParams& p, const CancelToken& cancel, const Image<float>* raw, DefectTrace* trace) {
    const ImageGeometry& g = s.geometry();
    const double floorHu = p.defectFloorHu();
    // Voxels brighter than thrombus plus 30% of the way to the lumen are partial volume with
    // contrast or mixing, not clot.
    const double ceilHu = std::min(tree.lumenThresholdHu, p.thrombusHighHu + 0.3 * std::max(0.0, tree.bloodHu - p.thrombusHighHu));
    CandidateMaps out;
    Mask defect(g, 0);
    // Closing defect voxels but for the thickness test (offset, radius code): wrapped-pocket candidates
    // (below). A list, not a map: the detector's memory peaks in this function (README).
    std::vector<std::pair<std::size_t, std::uint8_t>> pocket;
    const int nx = s.nx(), ny = s.ny(), nz = s.nz();
    // Lumen completion: a closing of radius r fills defects up to about 2r wide; it is only trusted
    // where the completed vessel is itself at least r thick, so that the crotch between two thin
    // branches at a bifurcation is not taken for a defect (EmbolismParams::closingThicknessFraction).
    // Tissue no defect can be in (lung, cardiac chambers, aorta), and the thrombus band: in a thin
    // vessel the working grid's Gaussian blends a clot a few voxels across with the contrast around it
    // (above the ceiling), so the band is tested on the unsmoothed value there. Shared by the closing
    // part and the round sections below.
    const auto masked = [&](std::size_t n) { return m.lungs[n] || m.heart[n] || (m.aorta.voxelCount() && m.aorta[n]); };
    const auto inBand = [&](std::size_t n, double vesselR) {
        const Image<float>& v = raw && vesselR < p.rawBandMaxVesselRadiusMm ? *raw : s;
        return v[n] >= floorHu && v[n] < ceilHu;
    };
    int shellBox[3];
    boxHalfWidths(g, 2.0 * p.defectShellMm, shellBox);
    if (trace) trace->tests.assign(trace->voxels.size(), {});
    for (std::size_t ri = 0; ri < std::size(p.closingRadiiMm); ++ri) {
        const double r = p.closingRadiiMm[ri];
        const Mask closed = closeMm(tree.lumen, r);
        const Image<float> depth = distanceInsideMm(closed);
        const double thickMm = p.closingThicknessFraction * r;
        // A closing of radius r is undefined within r of the volume border: the distance transform
        // counts beyond the border as inside, so every bite open towards the border is "closed"
        // (pa-crop's one background finding was such a wall at the top slice of the crop).
        const int mi = static_cast<int>(std::ceil(r / g.spacing[0])), mj = static_cast<int>(std::ceil(r / g.spacing[1])),
                  mk = static_cast<int>(std::ceil(r / g.spacing[2]));
        // The tests of the closing part in order; the first that fails is the voxel's DefectTest
        // (one code path for the detector and for DefectTrace).
        // `thinPasses`: the thickness test counts as passed (the wrapped-pocket test below decides).
        const auto test = [&](std::size_t n, double& vesselR, bool thinPasses = false) {
            if (tree.lumen[n]) return DefectTest::Lumen;
            if (!closed[n]) return DefectTest::NotClosed;
            const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
            if (i < mi || j < mj || k < mk || i >= nx - mi || j >= ny - mj || k >= nz - mk) return DefectTest::Border;
            if (!thinPasses && tree.radius[n] + depth[n] < thickMm) return DefectTest::Thin;
            if (masked(n)) return DefectTest::Masked;
            if (!raw && !inBand(n, 0)) return DefectTest::Band;  // the smoothed band, before the shell's box search
            // The partial-volume shell of the vessel: at most defectShellMm deep, and at most a share
            // of the local radius in thin vessels (EmbolismParams).
            vesselR = boxMax(depth, nullptr, i, j, k, shellBox);
            if (!inBand(n, vesselR)) return DefectTest::Band;
            if (depth[n] < std::min({r, p.defectShellMm, p.defectShellRadiusFraction * vesselR})) return DefectTest::Shell;
            return DefectTest::Defect;
        };
        for (std::size_t n = 0; n < defect.voxelCount(); ++n) {
            if (!closed[n] || tree.lumen[n]) continue;
            double vesselR = 0;
            const DefectTest t = test(n, vesselR);
            if (t == DefectTest::Defect) defect[n] = std::max(defect[n], radiusCode(vesselR));
            else if (t == DefectTest::Thin && p.wrappedPocket && test(n, vesselR, true) == DefectTest::Defect)
                pocket.emplace_back(n, radiusCode(vesselR));
        }
        if (trace)
            for (std::size_t v = 0; v < trace->voxels.size(); ++v) {
                double vesselR = 0;
                trace->tests[v][ri] = test(trace->voxels[v], vesselR);
            }
        cancel.throwIfCancelled();
    }
    // Wall-adherent defects inside the artery's fitted round section (round_sections.h): the same
    // masks and thrombus band as the closing part's tests above.
    const auto bandTissue = [&](std::size_t n, double vesselR) { return !tree.lumen[n] && !masked(n) && inBand(n, vesselR); };
    const std::vector<RoundSectionVoxel> roundDefects = findRoundSectionDefects(m, tree, bandTissue, p, cancel);
    if (trace) {
        std::unordered_set<std::size_t> round;
        for (const auto& v : roundDefects) round.insert(v.offset);
        trace->roundSection.assign(trace->voxels.size(), 0);
        for (std::size_t v = 0; v < trace->voxels.size(); ++v) trace->roundSection[v] = round.count(trace->voxels[v]) ? 1 : 0;
    }
    Mask fromCutoff(g, 0);  // bit 1 cut-off, bit 2 stump plug, bit 4 round section, bit 8 wrapped pocket, bit 16 central mass, bit 32 wide hull's cut-off; allocated after the closings: memory (README)
    // Cut-offs: thick soft tissue in the hull `soft` holds on entry, in the thrombus band, touching the lumen;
    // `mark(n, code)` for each voxel of the grown cut-off (in a function: its masks and depth map are freed
    // before the next search and the labelling below, which is where the detector's memory peaks, README).
    const auto findCutoffs = [&](Mask soft, const std::function<void(std::size_t, std::uint8_t)>& mark) {
        for (std::size_t n = 0; n < soft.voxelCount(); ++n)
            soft[n] = soft[n] && !m.lungs[n] && !tree.lumen[n] && s[n] >= floorHu && s[n] < tree.lumenThresholdHu ? 1 : 0;
        // The thick core of a cut-off lies at least its radius plus the partial-volume shell from the lumen.
        Mask nearLumen = dilateMm(tree.lumen, p.minOcclusionRadiusMm + 2.0 * g.spacing.maxCoeff());
        // Near a thin stump the core may be thinner (EmbolismParams::occlusionRadiusFraction); the
        // stump radius is looked up only for the few voxels between the floor and the cap.
        int stumpBox[3];
        boxHalfWidths(g, p.minOcclusionRadiusMm + 2.0 * g.spacing.maxCoeff(), stumpBox);
        Mask thickSoftSeed(g, 0), thickSoft(g, 0);
        {
            const Image<float> softDepth = distanceInsideMm(soft);  // one float map alive at a time
            for (std::size_t n = 0; n < soft.voxelCount(); ++n) {
                if (!soft[n] || softDepth[n] < p.occlusionMinDepthMm) continue;
                double stumpR = 0;
                if (nearLumen[n]) {
                    const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
                    stumpR = boxMax(tree.radius, &tree.lumen, i, j, k, stumpBox);
                }
                const double need = stumpR > 0 ? std::min(p.minOcclusionRadiusMm, std::max(p.occlusionMinDepthMm, p.occlusionRadiusFraction * stumpR))
                                               : p.minOcclusionRadiusMm;
                if (softDepth[n] < need) continue;
                // The stump's radius sizes the candidate.
                thickSoft[n] = radiusCode(stumpR);  // 1 (0.1 mm) away from the lumen: sized by its stump voxels
                thickSoftSeed[n] = nearLumen[n];
            }
        }
        nearLumen = Mask();
        const Mask cut = reconstruct(thickSoft, thickSoftSeed);
        thickSoftSeed = Mask();
        const Mask cutGrown = dilateMm(cut, p.minOcclusionRadiusMm + 0.1);
        for (std::size_t n = 0; n < soft.voxelCount(); ++n)
            if (cutGrown[n] && soft[n]) mark(n, cut[n] ? thickSoft[n] : std::uint8_t{1});
    };
    findCutoffs(m.lungHull, [&](std::size_t n, std::uint8_t code) {
        defect[n] = std::max(defect[n], code);
        fromCutoff[n] = 1;
    });
    // The wide hull's cut-offs (EmbolismParams::cutoffHullClosingMm) outside the mediastinum and the masked
    // tissue, where the 6 mm hull's search marked nothing: candidates of their own (below). (Offset, radius
    // code) pairs, a list as `pocket` is: memory.
    std::vector<std::pair<std::size_t, std::uint8_t>> hilarApart;
    if (p.cutoffHullClosingMm > 0) {
        Mask wideHull = closeMm(m.lungs, p.cutoffHullClosingMm);
        {
            const Mask corridor = mediastinalCorridor(m.lungs, m.midlineX);  // ThoraxMasks::mediastinum, released by now
            for (std::size_t n = 0; n < wideHull.voxelCount(); ++n)
                wideHull[n] = m.lungHull[n] || (wideHull[n] && !corridor[n] && !masked(n)) ? 1 : 0;
        }
        findCutoffs(std::move(wideHull), [&](std::size_t n, std::uint8_t code) {
            if (!defect[n]) hilarApart.emplace_back(n, code);
        });
    }
    // Plugs beyond blunt artery ends (stump_occlusions.h): occlusions too long for the closings.
    const std::vector<StumpPlugVoxel> plugs = findStumpPlugs(s, m, tree, floorHu, ceilHu, p, cancel);
    for (const StumpPlugVoxel& v : plugs)
        if (!v.gap) {
            defect[v.offset] = std::max(defect[v.offset], v.radiusCode);
            fromCutoff[v.offset] |= 2;
        }
    // Round-section voxels no closing, cut-off or stump plug marked are a candidate of their own
    // (EmbolismParams::roundSectionApart): inside the fitted artery circle they are the clot; joined
    // to the other defects they touch (a closing web between great vessels) they were
    // scored with them and vetoed by the centroid's solid core (EmbolismParams: measured cases).
    std::unordered_map<std::size_t, std::uint8_t> roundApart;
    for (const RoundSectionVoxel& v : roundDefects) {
        if (p.roundSectionApart && !defect[v.offset]) {
            roundApart[v.offset] = std::max(roundApart[v.offset], v.radiusCode);
            continue;
        }
        defect[v.offset] = std::max(defect[v.offset], v.radiusCode);
        fromCutoff[v.offset] |= 4;
    }
    // Gaps from cut-off pieces (stump_occlusions.h, third search) are candidates apart from the defects
    // they touch: a gap joined to a web of closing defects between great vessels made the web a
    // "complete occlusion", exempt from the mediastinal polo-mint rule (raised C3N-00247: 18,409 mm3,
    // 0.97; README, s20-pe-gap and s21-pe-occl). Their voxels already among the defects stay there.
    std::unordered_map<std::size_t, std::uint8_t> apart;
    for (const StumpPlugVoxel& v : plugs)
        if (v.gap && !defect[v.offset]) apart[v.offset] = std::max(apart[v.offset], v.radiusCode);
    // Massive central occlusions (central_occlusions.h): a candidate apart from the other defects too (a
    // clot filling the trunk or a main artery touches the walls and webs between the great vessels on
    // every side), and only where no stump plug or gap run reached the mass (more than
    // EmbolismParams::centralOcclusionMaxReachedShare of it theirs: a stump plug or gap run touching
    // its rim does not; the gap's or plug's own voxels stay theirs): joined to a gap run's plug
    // through the same clot, the whole mass was vetoed as wider than its artery and the gap's finding
    // was lost (pa-crop seed 3000 section-fill round 2 clot 1); kept apart from it, the mass's rest
    // around the gap's tube was a false positive (seed 2000 section-fill round 2, beside clot 4; s31-centralocc notes).
    std::unordered_map<std::size_t, std::uint8_t> centralApart;
    // A reached mass, kept aside (EmbolismParams::centralOcclusionRestWhenPlugUnreported): its voxels as its
    // own candidate (the stump plug's and gap run's voxels included: the detector reports it only when
    // they are not reported; the closings' and round sections' defects stay theirs), their code, and the
    // whole mass. Nothing else reads them here.
    struct ReachedRest {
        std::vector<std::size_t> rest;
        std::uint8_t code = 0;
        std::vector<std::size_t> mass;  // sorted
    };
    std::vector<ReachedRest> reachedRests;
    {
        std::unordered_map<std::size_t, std::uint8_t> mass;
        for (const StumpPlugVoxel& v : findCentralOcclusions(s, m, tree, floorHu, ceilHu, p, cancel)) mass[v.offset] = v.radiusCode;
        for (std::vector<std::size_t>& group : groupsOf(mass, g)) {
            // Reached: enough of the mass is a gap run's or stump plug's (EmbolismParams::centralOcclusionMaxReachedShare).
            const auto reachedVoxels = std::count_if(group.begin(), group.end(), [&](std::size_t n) { return apart.count(n) || (fromCutoff[n] & 2); });
            const bool reached = static_cast<double>(reachedVoxels) > p.centralOcclusionMaxReachedShare * static_cast<double>(group.size());
            if (reached) {
                if (!p.centralOcclusionRestWhenPlugUnreported) continue;
                ReachedRest r;
                for (const std::size_t n : group)
                    if ((!defect[n] || (fromCutoff[n] & 2)) && !roundApart.count(n)) r.rest.push_back(n), r.code = std::max(r.code, mass[n]);
                if (r.rest.empty()) continue;
                std::sort(r.rest.begin(), r.rest.end());
                std::sort(group.begin(), group.end());
                r.mass = std::move(group);
                reachedRests.push_back(std::move(r));
                continue;
            }
            for (const std::size_t n : group)
                if (!defect[n] && !roundApart.count(n) && !apart.count(n)) centralApart[n] = mass[n];
        }
    }
    // A gap run leaves the round-section voxels to their own candidate (before roundSectionApart they
    // were defects when the gap runs were collected, so no gap run took them).
    for (const auto& entry : roundApart) apart.erase(entry.first);
    cancel.throwIfCancelled();
    const Components cc = connectedComponents(defect, true);
    std::vector<std::vector<std::size_t>> groups(cc.count() + 1);
    for (std::size_t n = 0; n < defect.voxelCount(); ++n)
        if (const int l = cc.labels[n]) groups[l].push_back(n);
    for (std::vector<std::size_t>& group : groupsOf(apart, g)) groups.push_back(std::move(group));
    for (const auto& [n, code] : apart) {
        defect[n] = code;
        fromCutoff[n] |= 2;
    }
    for (std::vector<std::size_t>& group : groupsOf(centralApart, g)) groups.push_back(std::move(group));
    for (const auto& [n, code] : centralApart) {
        defect[n] = code;
        fromCutoff[n] |= 2 | 16;
    }
    centralApart = {};
    // ... but a fragment of the other defects too small to be a candidate (a clot's few closing
    // voxels) stays with the round-section group it touches, as it did before.
    const std::size_t firstRound = groups.size();
    for (std::vector<std::size_t>& group : groupsOf(roundApart, g)) groups.push_back(std::move(group));
    joinSmallFragmentsToRoundGroups(groups, static_cast<std::size_t>(cc.count()), firstRound, g, p.minCandidateVolumeMm3);
    for (const auto& [n, code] : roundApart) {
        defect[n] = code;
        fromCutoff[n] |= 4;
    }
    roundApart = {};
    // Wrapped pockets (EmbolismParams::wrappedPocket): groups of voxels only the thickness test
    // rejects, apart from every other defect, kept when contrast wraps them (wrappedPocketFaces).
    // Voxels only the thickness test rejected that no pocket took (sorted): the wall side of a
    // wall-adherent clot whose deep part the closings mark (own_side_faces.h).
    std::vector<std::size_t> thinOnly;
    if (p.wrappedPocket) {
        // One entry per voxel (the largest code of its radii), none already a defect.
        std::sort(pocket.begin(), pocket.end());
        std::vector<std::size_t> offsets;
        std::vector<std::uint8_t> codes;
        for (std::size_t e = 0; e < pocket.size(); ++e) {
            const std::size_t n = pocket[e].first;
            if (defect[n] || (e + 1 < pocket.size() && pocket[e + 1].first == n)) continue;  // sorted: the last of a run holds the largest code
            offsets.push_back(n);
            codes.push_back(pocket[e].second);
        }
        pocket = {};
        std::vector<std::vector<std::size_t>> accepted;
        for (std::vector<std::size_t>& group : groupsOfSorted(offsets, g))
            if (wrappedPocketFaces(group, s, defect, floorHu, p)) accepted.push_back(std::move(group));
        for (std::vector<std::size_t>& group : accepted) {
            for (const std::size_t n : group) {
                defect[n] = codes[static_cast<std::size_t>(std::lower_bound(offsets.begin(), offsets.end(), n) - offsets.begin())];
                fromCutoff[n] |= 8;
            }
            groups.push_back(std::move(group));
        }
        if (p.ownSideEnclosure)
            for (const std::size_t n : offsets)
                if (!defect[n]) thinOnly.push_back(n);
    }
    // The wide hull's cut-offs that no other pass took (EmbolismParams::cutoffHullClosingMm), apart;
    // after the wrapped pockets, whose faces onto a defect would fail their test (a pocket beside the wide
    // hull's cut-off was lost: pa-crop s66000 r0, lab notes s66-widehull).
    {
        std::vector<std::size_t> offsets;  // sorted: findCutoffs marks in offset order
        for (const auto& [n, code] : hilarApart)
            if (!defect[n]) offsets.push_back(n);
        for (const auto& [n, code] : hilarApart)
            if (!defect[n]) defect[n] = code, fromCutoff[n] |= 1 | 32;  // after the offsets: `defect` is their filter
        hilarApart = {};
        for (std::vector<std::size_t>& group : groupsOfSorted(offsets, g)) groups.push_back(std::move(group));
    }
    const auto ownSide = [&](std::size_t q) { return defect[q] || std::binary_search(thinOnly.begin(), thinOnly.end(), q); };
    constexpr double kPi = 3.14159265358979323846;
    // Lumen wrap (wrapped_core_split.h): rays reach the tree lumen, or stop in lung or below the band.
    const auto isTreeLumen = [&](std::size_t n) { return tree.lumen[n] != 0; };
    const auto leavesBand = [&](std::size_t n) { return m.lungs[n] || s[n] < floorHu; };
    const auto smoothedHu = [&](std::size_t n) { return static_cast<double>(s[n]); };
    // A group joined through a thin neck (a clot beside a web between great vessels) is scored as its
    // parts (candidate_split.h), and a wrapped core beside a larger unwrapped web (a wall-adherent clot
    // beyond whose artery wall the web lies) apart from that web (wrapped_core_split.h; its airway tier:
    // a group wrapped around a bronchus, EmbolismParams::airwayWrapSplit).
    const auto partsOf = [&](std::vector<std::size_t>& group) {
        std::vector<std::vector<std::size_t>> parts;
        for (std::vector<std::size_t>& neckPart : splitAtNecks(group, g, p))
            for (std::vector<std::size_t>& corePart : splitWrappedCoresOrAirway(neckPart, g, isTreeLumen, leavesBand, smoothedHu, p))
                parts.push_back(std::move(corePart));
        return parts;
    };
    // Too small for a candidate beside a vessel of radius vesselR (minCandidateVolumeMm3, minCandidateVesselShare).
    const auto tooSmall = [&](const std::vector<std::size_t>& part, double vesselR) {
        const double minMm3 = std::min(p.minCandidateVolumeMm3, p.minCandidateVesselShare * 2.0 * kPi * vesselR * vesselR * vesselR);
        return static_cast<double>(part.size()) * g.voxelVolumeMm3() < minMm3;
    };
    for (std::size_t l = 1; l < groups.size(); ++l) {
        if (groups[l].empty()) continue;  // a fragment joined to a round-section group above
        for (std::vector<std::size_t>& part : partsOf(groups[l])) {
            // Each candidate's vessel radius: the largest local radius among its voxels.
            std::uint8_t code = 0;
            for (const std::size_t n : part) code = std::max(code, defect[n]);
            const double vesselR = code / 10.0;
            if (tooSmall(part, vesselR)) continue;
            RawCandidate c;
            c.completedRadiusMm = vesselR;
            std::size_t plugVoxels = 0;
            for (const std::size_t n : part) {
                if (fromCutoff[n] & 1) c.fromCutoff = true;
                plugVoxels += (fromCutoff[n] & 2) != 0;
                if (fromCutoff[n] & 4) c.roundSectionShare += 1;
                if (fromCutoff[n] & 8) c.wrappedPocket = true;
                if (fromCutoff[n] & 16) c.centralMass = true;
                if (fromCutoff[n] & 32) c.hilarCutoff = true;
            }
            // A plug of a few voxels joined to a larger group does not make it an occlusion
            // (EmbolismParams::stumpMinPlugShare).
            c.stumpPlugShare = static_cast<double>(plugVoxels) / static_cast<double>(part.size());
            c.fromStump = plugVoxels > 0 && c.stumpPlugShare >= p.stumpMinPlugShare;
            c.voxels = std::move(part);
            if (p.ownSideEnclosure) c.ownSide = ownSideFaces(c.voxels, g, ownSide);
            out.candidates.push_back(std::move(c));
        }
        groups[l] = {};
    }
    // Reached masses (EmbolismParams::centralOcclusionRestWhenPlugUnreported): candidates as an unreached
    // mass's (split at necks and wrapped cores alike), each carrying its whole mass; the detector reports
    // one only when the findings reported before hold at most centralOcclusionMaxReachedShare of that mass.
    for (ReachedRest& r : reachedRests)
        for (std::vector<std::size_t>& group : groupsOfSorted(r.rest, g))
            for (std::vector<std::size_t>& part : partsOf(group)) {
                const double vesselR = r.code / 10.0;
                if (tooSmall(part, vesselR)) continue;
                RawCandidate c;
                c.completedRadiusMm = vesselR;
                c.fromStump = true;
                c.stumpPlugShare = 1.0;
                c.centralMass = true;
                c.voxels = std::move(part);
                if (p.ownSideEnclosure) c.ownSide = ownSideFaces(c.voxels, g, ownSide);
                c.reachedMass = r.mass;
                out.candidates.push_back(std::move(c));
            }
    for (auto& c : out.candidates) c.roundSectionShare /= static_cast<double>(c.voxels.size());
    return out;
}

}  // namespace tv
