// JSON form of the lung opacity result: the "lungs" and "opacity" sections of analysis.json
// (contract documented in README.md, "Analysis output (analysis.json)").
#include <cmath>

#include "lung/lung_analysis.h"

namespace tv {
namespace {

double round2(double x) { return std::round(x * 100.0) / 100.0; }

nlohmann::json regionJson(const RegionStats& s) {
    return {{"lung_ml", round2(s.lungMl)},
            {"ggo_ml", round2(s.ggoMl)},
            {"consolidation_ml", round2(s.consolidationMl)},
            {"ggo_percent", round2(s.percentOf(s.ggoMl))},
            {"consolidation_percent", round2(s.percentOf(s.consolidationMl))},
            {"percent", round2(s.involvementPercent())},
            {"score", s.score}};
}

nlohmann::json fissureJson(const FissureSurface& f) {
    return {{"method", f.method},
            {"shape", f.shape},
            {"surface_v_equals_a_plus_b_u_plus_c_w_plus_d_uu_plus_e_uw_plus_f_ww", {f.a, f.b, f.c, f.d, f.e, f.f}},
            {"support", round2(f.support)},
            {"candidate_points", f.candidatePoints},
            {"inlier_points", f.inlierPoints},
            {"peak_contrast", round2(f.peakContrast)}};
}

}  // namespace

nlohmann::json toJson(const LungOpacityResult& r) {
    nlohmann::json lungs = {{"total_ml", round2(r.total.lungMl)},
                            {"left_ml", round2(r.left.lungMl)},
                            {"right_ml", round2(r.right.lungMl)},
                            {"airway_ml", round2(r.airwayMl)},
                            {"airway_found", r.airwayFound},
                            {"airway_lumen_threshold_hu", r.airwayLumenThresholdHu},
                            {"lungs_separated", r.lungsSeparated},
                            {"split_erosion_mm", r.splitErosionMm},
                            {"label_map", {{"file", "lungs.nii.gz"}, {"values", {{"0", "background"}, {"1", "left lung"}, {"2", "right lung"}, {"3", "airway (trachea, main bronchi)"}}}}}};

    nlohmann::json opacity;
    opacity["ggo_percent"] = round2(r.total.percentOf(r.total.ggoMl));
    opacity["consolidation_percent"] = round2(r.total.percentOf(r.total.consolidationMl));
    opacity["involvement_percent"] = round2(r.total.involvementPercent());
    opacity["ggo_ml"] = round2(r.total.ggoMl);
    opacity["consolidation_ml"] = round2(r.total.consolidationMl);
    opacity["ct_severity_score"] = r.ctSeverityScore;
    opacity["ct_severity_score_max"] = 25;
    opacity["six_zone_score"] = r.sixZoneScore;
    opacity["six_zone_score_max"] = 24;
    opacity["left"] = regionJson(r.left);
    opacity["right"] = regionJson(r.right);
    nlohmann::json lobes = nlohmann::json::object();
    for (int l = 0; l < kLobeCount; ++l) {
        nlohmann::json j = regionJson(r.lobes[l].stats);
        j["boundary_method"] = r.lobes[l].boundaryMethod;
        j["boundaries"] = r.lobes[l].boundaries;
        j["boundary_shapes"] = r.lobes[l].boundaryShapes;
        if (r.lobes[l].posteriorLimitU >= 0) j["middle_lobe_posterior_limit_u"] = r.lobes[l].posteriorLimitU;
        lobes[lobeName(l)] = j;
    }
    opacity["lobes"] = lobes;
    nlohmann::json zones = nlohmann::json::object();
    for (int side = 0; side < 2; ++side)
        for (int z = 0; z < 3; ++z)
            zones[std::string(sideName(side)) + "_" + zoneName(z)] = regionJson(r.zones[side][z]);
    opacity["zones"] = zones;
    opacity["zone_definition"] = "thirds of each lung's cranio-caudal extent (base to apex)";
    opacity["fissures"] = {{"left_oblique", fissureJson(r.fissures.leftOblique)},
                           {"right_oblique", fissureJson(r.fissures.rightOblique)},
                           {"right_horizontal", fissureJson(r.fissures.rightHorizontal)}};
    const double voxelMl = r.lungLabels.geometry().voxelVolumeMm3() / 1000.0;
    opacity["excluded_ml"] = {{"vessels_vesselness", round2(r.opacityStats.vesselVoxels * voxelMl)},
                              {"thin_structures_walls_fissures", round2(r.opacityStats.thinVoxels * voxelMl)},
                              {"hilar_vessels", round2(r.opacityStats.hilarVesselVoxels * voxelMl)},
                              {"specks", round2(r.opacityStats.speckVoxels * voxelMl)}};
    // Lung volume (any HU) left out of the opacity search by the surface margins.
    opacity["margins_lung_ml"] = {{"diaphragm", round2(r.opacityStats.diaphragmMarginVoxels * voxelMl)},
                                  {"apical", round2(r.opacityStats.apicalMarginVoxels * voxelMl)},
                                  {"mediastinal", round2(r.opacityStats.mediastinalMarginVoxels * voxelMl)}};
    // Voxels that passed the tube test but lie in a nodule-scale blob (kept as opacity candidates).
    opacity["nodule_blobs"] = {{"tube_voxels_kept_ml", round2(r.opacityStats.noduleKeptVoxels * voxelMl)},
                               {"blob_centres", r.opacityStats.noduleBlobCells}};
    opacity["noise_hu"] = round2(r.noiseHu);
    opacity["smoothing_sigma_mm"] = round2(r.smoothingSigmaMm);
    nlohmann::json slices = nlohmann::json::array();
    for (const SliceResult& s : r.slices)
        slices.push_back({{"index", s.k},
                          {"z_mm", round2(s.zMm)},
                          {"involved", s.involved},
                          {"involved_fraction", std::round(s.involvedFraction * 10000.0) / 10000.0},
                          {"lung_area_mm2", round2(s.lungAreaMm2)},
                          {"opacity_area_mm2", round2(s.opacityAreaMm2)},
                          {"confirmed_lesion_area_mm2", round2(s.confirmedLesionAreaMm2)},
                          {"lobes_involved", s.lobesInvolved}});
    opacity["slices"] = slices;
    opacity["label_maps"] = {{"opacity.nii.gz", {{"0", "none"}, {"1", "ground-glass opacity"}, {"2", "consolidation"}}},
                             {"lobes.nii.gz", {{"0", "none"}, {"1", "RUL"}, {"2", "RML"}, {"3", "RLL"}, {"4", "LUL"}, {"5", "LLL"}}}};
    return {{"lungs", lungs}, {"opacity", opacity}};
}

}  // namespace tv
