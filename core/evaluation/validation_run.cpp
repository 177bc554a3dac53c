#include "evaluation/validation_run.h"

#include <algorithm>
#include <map>

#include "evaluation/clot_occlusion.h"
#include "evaluation/operating_point_sweep.h"
#include "evaluation/round_placement.h"
#include "evaluation/washout_matching.h"
#include "io/nifti_io.h"
#include "util/errors.h"

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
    SiteTree siteTree;
    EmbolismParams siteParams = p;  // the tree the sites come from (ValidationConfig::siteLungBridges)
    if (cfg.siteLungBridges) siteParams.lungBridges = true;
    siteParams.zoneFromTrunkPieces = false;  // the sites stay those of the tree the validation has always used
    const std::vector<VesselSite> sites = interleaveSides(findVesselSites(background, siteParams, cfg.minSpacingMm, cfg.seed,
                                                                          cfg.referenceArteries ? &*cfg.referenceArteries : nullptr,
                                                                          &funnel, &avoid, &cfg.levels, &siteTree, cfg.widerBall));
    // The round's clots (round_placement.h), with the beyond-occlusion site rule unless switched off.
    RoundPlacementConfig pc;
    pc.levels = cfg.levels;
    pc.clotsPerLevel = cfg.clotsPerLevel;
    pc.shapeOffset = cfg.shapeOffset;
    pc.occlusiveFill = cfg.occlusiveFill;
    pc.skipBeyondOcclusions = cfg.skipBeyondOcclusions;
    pc.clotSizing = cfg.clotSizing;
    pc.sizingRule = cfg.sizingRule;
    if (cfg.beyondContrast == BeyondContrast::Washout || cfg.beyondSitesTerritory) {
        pc.beyondIsTerritory = true;
        if (cfg.referenceArteries) pc.territoryInflow = inflowFromReference(background, *cfg.referenceArteries, p);
    }
    RoundPlacement placed = placeRoundClots(background, sites, siteTree, pc, p);
    CtVolume& ct = placed.ct;
    LabelMap& truthMap = placed.truth;
    // Washout mode (occlusion_washout.h): the lumen beyond the closing clots loses its contrast. The
    // clots' occlusion is measured on the scan before it (the washed-out far side has no lumen beyond
    // the clot, which clot_occlusion.h would call "undetermined").
    const bool washoutMode = cfg.beyondContrast == BeyondContrast::Washout;
    if (washoutMode && !cfg.skipBeyondOcclusions)
        throw InvalidArgumentError("beyond-occlusion washout needs the beyond-occlusion site rule (its cut-off measure)");
    CtVolume preWashout;
    WashoutResult washout;
    if (washoutMode) {
        preWashout = ct;
        washout = washOutBeyondOcclusions(ct, background, placed, siteTree, truthMap, p, {},
                                          cfg.referenceArteries ? &*cfg.referenceArteries : nullptr);
    }
    std::vector<TruthLesion> truth;
    nlohmann::json clots = nlohmann::json::array();
    std::vector<ClotSpec> specs;  // of the inserted clots, in truth order
    const auto sourceVoxel = [&](const Eigen::Vector3d& lps) {
        const Eigen::Vector3d v = ct.geometry().patientToVoxel(lps);
        return std::vector<long>{std::lround(v[0]), std::lround(v[1]), std::lround(v[2])};
    };
    for (const PlacedClot& pcl : placed.clots) {
        const ClotSpec& spec = pcl.spec;
        const VesselSite& s = spec.site;
        specs.push_back(spec);
        TruthLesion t;
        t.id = pcl.label;
        t.centerLps = s.centerLps;
        t.level = toString(s.level);
        truth.push_back(t);
        clots.push_back({{"label", pcl.label}, {"level", t.level}, {"shape", toString(spec.shape)}, {"side", s.side},
                         {"radius_mm", s.radiusMm}, {"off_axis_ridge_ratio", s.offAxisRidgeRatio},
                         {"moved_from_off_axis_ridge", s.movedFromOffAxisRidge},
                         {"blood_hu", s.bloodHu}, {"length_mm", spec.lengthMm},
                         {"center_lps_mm", {s.centerLps[0], s.centerLps[1], s.centerLps[2]}},
                         {"center_voxel", sourceVoxel(s.centerLps)},
                         {"axis_lps", {s.axisLps[0], s.axisLps[1], s.axisLps[2]}}, {"truth_voxels", pcl.truthVoxels}});
        // Only when not the default, so that the default validation's JSON stays as it was.
        if (spec.shape == ClotShape::Occlusive && spec.occlusiveFill != OcclusiveFill::Cylinder)
            clots.back()["occlusive_fill"] = toString(spec.occlusiveFill);
        // Occlusive clots under the beyond-occlusion rule: site-tree voxels its closing cut off from
        // the trunk (beyond_occlusion.h; 0: it leaves a channel).
        if (pcl.cutOffTreeVoxels >= 0) clots.back()["cuts_off_tree_voxels"] = pcl.cutOffTreeVoxels;
        // Central/eccentric clots: the radius their size scales with (clot_sizing.h) and, sized by the
        // section, the section it was measured from.
        if (spec.shape != ClotShape::Occlusive) clots.back()["sizing_radius_mm"] = clotSizingRadiusMm(spec);
        if (pcl.sectionSize) {
            clots.back()["site_median_lumen_ray_mm"] = pcl.sectionSize->medianRayMm;
        }
    }
    // Sites not used because of the beyond-occlusion rule (round_placement.h), with why.
    long reached = 0, treeVoxels = 0;
    for (std::size_t n = 0; n < siteTree.reached.voxelCount(); ++n) {
        reached += siteTree.reached[n] != 0;
        treeVoxels += siteTree.connected[n] != 0;
    }
    nlohmann::json beyond = {{"rule", cfg.skipBeyondOcclusions ? "skip" : "off"},
                             {"trunk_seed_working_voxel", {siteTree.trunkSeed[0], siteTree.trunkSeed[1], siteTree.trunkSeed[2]}},
                             {"tree_voxels", treeVoxels}, {"tree_voxels_reached_from_trunk_seed", reached}};
    int skippedBeyond = 0, skippedCutOff = 0;
    nlohmann::json skipped = nlohmann::json::array();
    for (const SkippedSite& k : placed.skipped) {
        const VesselSite& s = sites[k.siteIndex];
        (k.reason == SkipReason::BeyondOcclusion ? skippedBeyond : skippedCutOff) += 1;
        skipped.push_back({{"reason", toString(k.reason)}, {"clot_label", k.clotLabel}, {"level", toString(s.level)},
                           {"side", s.side}, {"shape_it_would_have_had", toString(k.shape)}, {"radius_mm", s.radiusMm},
                           {"center_voxel", sourceVoxel(s.centerLps)}});
    }
    beyond["skipped_beyond_occlusive_clot"] = skippedBeyond;
    beyond["skipped_would_cut_off_placed_clot"] = skippedCutOff;
    beyond["skipped_sites"] = skipped;
    for (std::size_t n = 0; n < truthMap.voxelCount(); ++n)
        if (const int l = truthMap[n]) truth[l - 1].voxels.push_back(n);
    if (cfg.writeDir) {
        writeNifti(ct, *cfg.writeDir / "inserted.nii.gz");
        writeNifti(truthMap, *cfg.writeDir / "truth.nii.gz");
        if (washoutMode) writeNifti(washout.region, *cfg.writeDir / "washout.nii.gz");
    }
    const bool sweep = cfg.sweepFloor >= 0;
    const EmbolismResult all = detectEmboli(ct, sweep ? sweepParams(p, cfg.sweepFloor) : p, noProgress(), neverCancel());
    const EmbolismResult r = sweep ? keepFindingsAtOrAbove(all, p.operatingPoint) : all;
    MatchResult m = matchDetections(r, truth);
    // Findings on a washed-out continuation match its clot (washout_matching.h).
    const WashoutMatch wm = washoutMode ? matchWashoutFindings(m, r, truth, washout.region) : WashoutMatch{};
    std::vector<bool> visible;  // per truth clot (clot_visibility.h)
    // What each clot does to its artery on the scan the detector saw (clot_occlusion.h): an
    // "occlusive" clot at a funnel wider than its cylinder leaves a channel, and should not be
    // expected to be reported complete. Measured at the detector's own lumen threshold.
    {
        const Image<float> before = detectorSmoothedView(background, p);
        const Image<float> after = detectorSmoothedView(washoutMode ? preWashout : ct, p);
        for (std::size_t t = 0; t < specs.size(); ++t) {
            const ClotOcclusion o = measureClotOcclusion(before, after, specs[t], r.lumenThresholdHu);
            clots[t]["lumen_beyond_both_ends"] = o.sidesFound;
            clots[t]["occludes_section"] = o.occludes;
            clots[t]["channel_hu"] = o.channelHu;
            clots[t]["patent_share"] = o.patentShare;
            clots[t]["patent_area_mm2"] = o.patentAreaMm2;
            clots[t]["section_area_mm2"] = o.sectionAreaMm2;
        }
        // Truth-quality guard (clot_visibility.h), on the same smoothed view and threshold.
        for (std::size_t t = 0; t < truth.size(); ++t) {
            const ClotVisibility v = assessClotVisibility(ct, truth[t].voxels, after, r.lumenThresholdHu, cfg.visibilityRule);
            visible.push_back(v.visible);
            clots[t]["visible_defect"] = v.visible;
            clots[t]["mean_inserted_hu"] = v.meanInsertedHu;
            clots[t]["defect_volume_mm3"] = v.defectVolumeMm3;
            clots[t]["truth_volume_mm3"] = v.truthVolumeMm3;
            if (!v.visible) clots[t]["not_visible_reason"] = v.reason;
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
            // Released beside a cut-off piece (EmbolismParams::cutPieceMaxPathMm): its path along the piece.
            if (const auto it = r.candidates[c].features.find("cut_piece_path_mm"); it != r.candidates[c].features.end())
                clots[t]["reported_cut_piece_path_mm"] = it->second;
            if (cfg.recordRoutes) {
                const auto& f = r.candidates[c].features;
                const auto flag = [&](const char* k) { const auto it = f.find(k); return it != f.end() && it->second > 0; };
                clots[t]["reported_route"] = flag("fine_pass") ? "fine" : flag("stump") ? "stump_gap_or_wide" : flag("cutoff") ? "lung_cutoff" : "closing";
                clots[t]["reported_score"] = r.candidates[c].score;
            }
        }
        auto& pl = (visible[t] ? out.perLevel : out.notVisiblePerLevel)[truth[t].level];
        ++pl.first;
        pl.second += m.truthHit[t];
    }
    if (washoutMode) {
        const WashoutRule rule;
        nlohmann::json per = nlohmann::json::array();
        for (const WashoutClot& w : washout.clots)
            per.push_back({{"clot_label", w.label}, {"cut_off_tree_core_voxels", w.treeCoreVoxels},
                           {"reachability_cut_core_voxels", w.reachabilityCutVoxels},
                           {"territory_closing_voxels", w.territory.closingVoxels},
                           {"territory_lengthened_voxels", w.territory.lengthenedVoxels},
                           {"territory_cut_by_depth_voxels", w.territory.cutByDepthVoxels},
                           {"territory_non_arterial_voxels", w.territory.nonArterialVoxels},
                           {"territory_max_depth_mm", w.territory.maxDepthMm},
                           {"lumen_working_voxels", w.lumenVoxels}, {"changed_source_voxels", w.changedVoxels},
                           {"washout_label_voxels", w.labelVoxels}, {"washout_label_volume_mm3", w.labelVolumeMm3}});
        for (std::size_t t = 0; t < truth.size(); ++t) clots[t]["detected_via_washout"] = static_cast<bool>(wm.truthViaWashout[t]);
        // What the detector reports on the washed-out arteries (a finding may also cover the clot).
        nlohmann::json on = nlohmann::json::array();
        for (const FindingOnWashout& f : findingsOnWashout(r, washout.region, truthMap)) {
            const EmbolusCandidate& c = r.candidates[static_cast<std::size_t>(f.candidate)];
            on.push_back({{"finding", f.candidate + 1}, {"clot_label", f.clotLabel}, {"voxels_on_washout", f.onWashout},
                          {"voxels_on_clot", f.onClot}, {"voxels", f.size}, {"level", toString(c.level)},
                          {"occlusion", c.occlusion}, {"score", c.score}, {"volume_mm3", c.volumeMm3}});
        }
        out.metrics["beyond_occlusion_contrast"] = {
            {"mode", toString(cfg.beyondContrast)},
            {"unenhanced_blood_hu", rule.unenhancedHu},
            {"unenhanced_blood_source", "clinical-reference.md: soft tissue, unenhanced blood +20..+60 HU (midpoint); "
                                        "the blood-pool raise's unenhanced level (lesion_insertion.cpp)"},
            {"rim_mm", rule.rimMm},
            {"extent", "territory: tree core whose shortest route from the trunk ran through the clot (occlusion_territory.h)"},
            {"max_depth_mm", rule.territory.maxDepthMm},
            {"inflow", washout.inflowVoxels > 0 ? "reference artery mask, lowest slab" : "trunk seed"},
            {"inflow_working_voxels", washout.inflowVoxels},
            {"collateral_assumption", "none opacified (end arteries; bronchial-pulmonary anastomoses precapillary)"},
            {"findings_matched_on_washout", wm.candidatesOnWashout},
            {"findings_on_washout", on},
            {"clots", per}};
    }
    out.metrics["clots"] = clots;
    if (sweep) out.metrics["sweep_findings"] = sweepFindings(all, truth);
    out.metrics["site_funnel"] = funnel;
    out.metrics["site_lung_bridges"] = cfg.siteLungBridges;
    out.metrics["beyond_occlusion"] = beyond;
    out.metrics["clot_sizing"] = {{"mode", toString(cfg.clotSizing)}, {"min_cross_radius_mm", cfg.sizingRule.minCrossRadiusMm},
                                  {"margin_mm", cfg.sizingRule.marginMm}, {"rays", cfg.sizingRule.rays},
                                  {"step_mm", cfg.sizingRule.stepMm}, {"same_blood_band", cfg.sizingRule.sameBloodBand}};
    out.metrics["visibility_rule"] = {{"min_truth_volume_mm3", cfg.visibilityRule.minTruthVolumeMm3},
                                      {"mean_below_threshold", cfg.visibilityRule.meanBelowThreshold}};
    {
        nlohmann::json nv = nlohmann::json::object();
        for (const auto& [level, cd] : out.notVisiblePerLevel) nv[level] = {{"clots", cd.first}, {"detected", cd.second}};
        out.metrics["not_visible_per_level"] = nv;
        nlohmann::json vl = nlohmann::json::object();  // "per_level" (matchDetections) counts every clot
        for (const auto& [level, td] : out.perLevel) vl[level] = {{"truth", td.first}, {"detected", td.second}};
        out.metrics["per_level_visible"] = vl;
    }
    for (const auto& t : truth) out.usedSitesLps.push_back(t.centerLps);
    out.metrics["contrast_state"] = r.contrastState;
    out.metrics["pa_enhancement_hu"] = r.paEnhancementHu;
    out.falsePositives = m.falsePositives;
    out.sitesSkippedBeyondOcclusion = skippedBeyond + skippedCutOff;
    return out;
}

}  // namespace tv
