#include "evaluation/validation_run.h"

#include <algorithm>
#include <map>

#include "evaluation/clot_occlusion.h"
#include "io/nifti_io.h"

namespace tv {

namespace {
// Round robin over sides within each level (the seeded random order kept within a side), so that
// the first clots of a level go into both lungs rather than wherever the shuffle put them first.
std::vector<VesselSite> interleaveSides(const std::vector<VesselSite>& sites) {
    std::map<std::pair<VesselLevel, std::string>, int> seen;
    std::vector<std::pair<int, std::size_t>> rank;
    for (std::size_t n = 0; n < sites.size(); ++n) rank.emplace_back(seen[{sites[n].level, sites[n].side}]++, n);
    std::stable_sort(rank.begin(), rank.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<VesselSite> out;
    for (const auto& r : rank) out.push_back(sites[r.second]);
    return out;
}
}  // namespace

ValidationOutcome runInsertionExperiment(const CtVolume& background, const EmbolismParams& p, const ValidationConfig& cfg) {
    SiteFunnel funnel;
    const SiteAvoidance avoid{cfg.excludedSitesLps, cfg.excludedSpacingMm};
    const std::vector<VesselSite> sites = interleaveSides(findVesselSites(
        background, p, cfg.minSpacingMm, cfg.seed, cfg.referenceArteries ? &*cfg.referenceArteries : nullptr, &funnel, &avoid, &cfg.levels));
    CtVolume ct = background;
    LabelMap truthMap(ct.geometry(), 0);
    std::vector<TruthLesion> truth;
    nlohmann::json clots = nlohmann::json::array();
    std::map<VesselLevel, int> used;
    std::vector<ClotSpec> specs;  // of the inserted clots, in truth order
    int shapeIdx = cfg.shapeOffset;
    for (const auto& s : sites) {
        if (!cfg.levels.count(s.level) || used[s.level] >= cfg.clotsPerLevel) continue;
        if (truth.size() >= 250) break;
        ClotSpec spec;
        spec.site = s;
        spec.shape = static_cast<ClotShape>(shapeIdx++ % 3);
        spec.lengthMm = clotLengthMm(s.radiusMm);
        spec.clotHu = 45 + 10 * (shapeIdx % 3);  // 45-65 HU, inside the +20..+100 HU band
        spec.eccentricAngle = 1.3 * shapeIdx;
        spec.occlusiveFill = cfg.occlusiveFill;
        const auto label = static_cast<std::uint8_t>(truth.size() + 1);
        const int nvox = insertClot(ct, truthMap, label, spec);
        if (nvox == 0) continue;
        ++used[s.level];
        specs.push_back(spec);
        TruthLesion t;
        t.id = label;
        t.centerLps = s.centerLps;
        t.level = toString(s.level);
        truth.push_back(t);
        clots.push_back({{"label", label}, {"level", t.level}, {"shape", toString(spec.shape)}, {"side", s.side},
                         {"radius_mm", s.radiusMm}, {"blood_hu", s.bloodHu}, {"length_mm", spec.lengthMm},
                         {"center_lps_mm", {s.centerLps[0], s.centerLps[1], s.centerLps[2]}},
                         {"center_voxel", [&] {
                              const Eigen::Vector3d v = ct.geometry().patientToVoxel(s.centerLps);
                              return std::vector<long>{std::lround(v[0]), std::lround(v[1]), std::lround(v[2])};
                          }()},
                         {"axis_lps", {s.axisLps[0], s.axisLps[1], s.axisLps[2]}}, {"truth_voxels", nvox}});
        // Only when not the default, so that the default validation's JSON stays as it was.
        if (spec.shape == ClotShape::Occlusive && spec.occlusiveFill != OcclusiveFill::Cylinder)
            clots.back()["occlusive_fill"] = toString(spec.occlusiveFill);
    }
    for (std::size_t n = 0; n < truthMap.voxelCount(); ++n)
        if (const int l = truthMap[n]) truth[l - 1].voxels.push_back(n);
    if (cfg.writeDir) {
        writeNifti(ct, *cfg.writeDir / "inserted.nii.gz");
        writeNifti(truthMap, *cfg.writeDir / "truth.nii.gz");
    }
    const EmbolismResult r = detectEmboli(ct, p, noProgress(), neverCancel());
    const MatchResult m = matchDetections(r, truth);
    // What each clot does to its artery on the scan the detector saw (clot_occlusion.h): an
    // "occlusive" clot at a funnel wider than its cylinder leaves a channel, and should not be
    // expected to be reported complete. Measured at the detector's own lumen threshold.
    {
        const Image<float> before = detectorSmoothedView(background, p);
        const Image<float> after = detectorSmoothedView(ct, p);
        for (std::size_t t = 0; t < specs.size(); ++t) {
            const ClotOcclusion o = measureClotOcclusion(before, after, specs[t], r.lumenThresholdHu);
            clots[t]["lumen_beyond_both_ends"] = o.sidesFound;
            clots[t]["occludes_section"] = o.occludes;
            clots[t]["channel_hu"] = o.channelHu;
            clots[t]["patent_share"] = o.patentShare;
            clots[t]["patent_area_mm2"] = o.patentAreaMm2;
            clots[t]["section_area_mm2"] = o.sectionAreaMm2;
        }
    }
    ValidationOutcome out;
    out.metrics = m.toJson(truth);
    out.metrics["lumen_threshold_hu"] = r.lumenThresholdHu;
    for (std::size_t t = 0; t < truth.size(); ++t) {
        clots[t]["detected"] = static_cast<bool>(m.truthHit[t]);
        // What the reader sees for the clot: the level and occlusion of the candidate reporting it
        // (the overlap match above does not check them; scripts/compare_pe.py tabulates them).
        if (const int c = m.truthCandidate[t]; c >= 0) {
            clots[t]["reported_level"] = toString(r.candidates[c].level);
            clots[t]["reported_occlusion"] = r.candidates[c].occlusion;
            clots[t]["reported_volume_mm3"] = r.candidates[c].volumeMm3;
        }
        auto& pl = out.perLevel[truth[t].level];
        ++pl.first;
        pl.second += m.truthHit[t];
    }
    out.metrics["clots"] = clots;
    out.metrics["site_funnel"] = funnel;
    for (const auto& t : truth) out.usedSitesLps.push_back(t.centerLps);
    out.metrics["contrast_state"] = r.contrastState;
    out.metrics["pa_enhancement_hu"] = r.paEnhancementHu;
    out.falsePositives = m.falsePositives;
    return out;
}

}  // namespace tv
