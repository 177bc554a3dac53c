// JSON names of EmbolismParams (analysis.json "parameters" / "embolism"): every threshold the detector used, with
// the sources of the clinical ones, so a result can be read against the numbers that made it.
#include "embolism/embolism_params.h"

#include <cstddef>

#include "embolism/embolism_params_fields.h"

namespace tv {

namespace {

// Writes each key of the list (embolism_params_fields.h) into the object `out` points at.
struct JsonWriter {
    nlohmann::json* out;

    template <class T>
    void field(const char* key, const T& value, ParamRange = ParamRange::Any) {
        (*out)[key] = value;
    }
    void interval(const char* key, double low, double high, ParamRange, IntervalOrder) {
        (*out)[key] = nlohmann::json::array({low, high});
    }
    template <std::size_t N>
    void array(const char* key, const double (&values)[N], ParamRange) {
        nlohmann::json& a = (*out)[key] = nlohmann::json::array();
        for (double value : values) a.push_back(value);
    }
    template <class F>
    void group(const char* key, F&& visitMembers) {
        nlohmann::json* parent = out;
        out = &((*parent)[key] = nlohmann::json::object());
        visitMembers();
        out = parent;
    }
};

}  // namespace

void to_json(nlohmann::json& j, const EmbolismParams& p) {
    j = nlohmann::json::object();
    JsonWriter writer{&j};
    visitEmbolismParams(p, writer);
    j["sources"] = {{"adequate_hu", "enhanced PA on CTPA +250..+600 HU; under 200-250 HU non-diagnostic (clinical-reference.md)"},
                    {"assessable_hu", "unenhanced blood +20..+60 HU (clinical-reference.md) plus noise margin"},
                    {"thrombus_hu", "acute thrombus about +20..+100 HU (clinical-reference.md)"},
                    {"min_cutoff_midline_offset_above_carina_mm", "trachea 20-25 mm wide; beside it above the carina: azygos arch, paratracheal nodes, not intrapulmonary arteries"},
                    {"max_mediastinal_above_carina_mm", "pulmonary trunk bifurcates below the carina; the left PA arches over the left main bronchus at about its level; above: aortic arch, great vessels, brachiocephalic veins, SVC"},
                    {"lung_vessel_min_radius_mm", "segmental arteries 3-5 mm wide (artery_levels.h); a cylinder of radius R smoothed in-plane with sigma peaks at b + (blood - b)(1 - exp(-R^2/2 sigma^2)) (lung_smoothing.h)"},
                    {"thin_lumen_noise_sd", "thin lung arteries lose their peak to the 1 mm Gaussian (a 2 mm-radius artery in lung peaks near the lumen threshold); unsmoothed, soft tissue (thrombus mid 60 HU) reaches 3 SD of the measured noise with probability 0.13% (thin_vessel_lumen.h)"},
                    {"lung_bridges", "lobar arteries 6-10 mm wide, to about 15 mm for the interlobar artery (artery_levels.h), wider than the 6 mm lung-hull closing; systemic vessels beside the lungs do not lead into the lung's vessels (lung_bridges.h)"},
                    {"zone_from_trunk_pieces", "a clot interrupts the contrast of its artery (filling defect, cut-off: clinical-reference.md), so the enhanced lumen beyond it is a component of its own; the pulmonary arteries are the bright structures that continue into the lungs, bone and the aorta do not (contrast_check.h)"},
                    {"lung_bridge_junction_min_area_mm2", "a wide artery beside the lung continues its parent over its own cross-section; the bridges are for vessels the 6 mm lung-hull closing cannot fill, wider than 12 mm: pi x 6^2 = 113 mm2; a vessel that only touches a thin branch of the tree meets it over less (lung_bridges.h)"},
                    {"thin_lumen_min_cluster_voxels", "segmental arteries 3-5 mm wide (artery_levels.h) hold several working voxels per slice; noise clusters of 4 voxels at 0.13% each are improbable (thin_vessel_lumen.h)"},
                    {"defect_shell_radius_fraction", "segmental arteries 3-5 mm wide (artery_levels.h): limits in mm scale with the local radius R, capped at the old mm values (embolism_params.h)"},
                    {"raw_band_max_vessel_radius_mm", "segmental arteries 3-5 mm wide (artery_levels.h); a Gaussian of 1 mm mixes a clot 2 voxels wide with the contrast around it; acute thrombus +20..+100 HU (clinical-reference.md)"},
                    {"lobar_min_hilar_contact_mm3", "lobar arteries run from the main artery's division at the hilum into the lobes (Mastora/Qanadli, artery_levels.h)"},
                    {"level_radius_mm", "calibre of the path from the trunk: main PAs 20-30 mm, lobar 6-10 mm, segmental 3-5 mm wide (artery_levels.h)"},
                    {"occlusion_level_from_calibre", "complete occlusion: the clot fills the artery's whole cross-section (clinical-reference.md); lobar 6-10 mm, segmental 3-5 mm wide (artery_levels.h)"},
                    {"partial_level_from_calibre", "a filling defect lies inside its artery, so the artery is at least as wide as the filled finding's deepest ball; lobar 6-10 mm, segmental 3-5 mm wide (artery_levels.h)"},
                    {"beyond_occlusion_pass", "a clot in the trunk or a main PA cuts the arteries beyond it off from the trunk; trigger: a central occlusion filling a main artery's section (radius 12 mm) over 22 mm; validation: README stop 32 (beyond_occlusion_pass.h)"},
                    {"regrade_keeps_trunk_seeds", "central = trunk and main pulmonary arteries (Mastora/Qanadli, artery_levels.h): the scan's own lumen of main-artery calibre, not lumen made wide by filling a finding"},
                    {"valve_below_carina_mm", "pulmonary trunk about 5 cm long, bifurcating 1-2 cm below the carina (standard anatomy); pa-crop reference PA mask starts 43 mm below the carina"},
                    {"aorta_diameter_mm", "ascending aorta under about 40 mm (often 40-45 mm in older adults, aneurysmal from about 50 mm), descending aorta 20-30 mm in adults (standard anatomy)"},
                    {"min_core_contrast_norm", "clot is a solid body of +20..+100 HU (clinical-reference.md) inside the lumen; partial volume at edges and bifurcations is a listed false-positive source"},
                    {"two_sided_occlusion_min_core_contrast_norm", "complete occlusion: the clot fills the artery's whole cross-section with contrast beyond it (clinical-reference.md); segmental arteries 3-5 mm wide (artery_levels.h), so a ball of 2 mm radius at a segmental plug's centroid reaches the lumen on both sides"},
                    {"max_under_lung_base_share", "anatomy: the lungs rest on the diaphragm; under a lung base lie the liver, spleen and stomach"},
                    {"cut_piece_contact_mm", "complete occlusion: the clot fills the artery's whole cross-section and cuts the artery beyond it from the trunk (clinical-reference.md); a defect wrapped in contrast there is a partial filling defect (polo-mint sign), main pulmonary arteries 20-30 mm wide (artery_levels.h)"},
                    {"cut_piece_max_path_mm", "right pulmonary artery about 5 cm and left about 3 cm long to their first division, lobar arteries 2-4 cm (standard anatomy, artery_levels.h): the artery a trunk or main-PA occlusion cuts off ends within that path"},
                    {"cut_piece_needs_segmental_calibre", "segmental pulmonary arteries 3-5 mm wide and more central ones wider (artery_levels.h, segmental radius 2 mm): the main artery and lobar branches a massive occlusion cuts off are no thinner"},
                    {"cut_piece_level_from_occlusion", "central = trunk and main pulmonary arteries (Mastora/Qanadli, artery_levels.h): a clot in the artery beyond a trunk occlusion lies in a main pulmonary artery; a radiologist reads a clot of the right PA as central"},
                    {"wide_occlusion", "complete occlusion: the artery's lumen filled by clot over its whole cross-section, contrast beyond it; acute thrombus +20..+100 HU (clinical-reference.md), so a run of 35 HU or more is clot-dense, the fat and fluid of the pericardium lie lower"},
                    {"max_one_slice_on_heart_share", "pulmonary trunk about 5 cm long from the valve (standard anatomy); inserted clots 4 R long, 8-25 mm: a clot is a body several slices high, the heart mask's cut at the valve a plane"},
                    {"gap", "complete occlusion: the artery's lumen filled by clot over its whole cross-section, contrast beyond it (clinical-reference.md); inserted occlusive clots 4 R long, 8-25 mm; segmental arteries 2-2.5 mm in radius (artery_levels.h)"},
                    {"stump", "cut-off sign: an artery ending abruptly, possibly enlarged, its lumen filled by clot (complete occlusion, clinical-reference.md); segmental arteries 2-2.5 mm in radius (artery_levels.h)"},
                    {"open_wall_defect", "eccentric/mural filling defect: clot against the wall forming acute angles with it, contrast on its lumen side only (clinical-reference.md); complete occlusion: the clot fills the artery's whole cross-section (clinical-reference.md), so a cut-off with patent lumen over or under it and more contrast than tissue on its faces is a partial defect"},
                    {"cutoff_min_fill", "an occlusive clot fills its artery's cross-section (complete cut-off, clinical-reference.md signs of PE); occlusive cylinder half-width 1.12 R"},
                    {"volume_score_vessel_share", "whole central clot 0.55 R x 4 R in an artery of radius R: 2.53 R^3; segmental arteries 3-5 mm wide (artery_levels.h)"},
                    {"core_vessel_radius_fraction", "segmental arteries 3-5 mm wide (artery_levels.h): the core ball must fit inside a clot of the vessel"},
                    {"via_heart_veto", "pulmonary veins drain into the left atrium; veins are 24 % of one commercial system's false positives (clinical-reference.md); the arterial tree grows from the trunk, so lumen it reaches through the heart only is a vein or a chamber; half of the faces: more vein than artery; measured on pa-crop section fill (embolism_params.h, README stop 34)"},
                    {"airway_wrap_split", "adjacency to bronchi is a listed false-positive source and the arteries run beside the bronchi (clinical-reference.md); air about -1000 HU, aerated lung about -850 HU, soft tissue over -100 HU (standard CT attenuation; -200: a fifth of air); wrap measured on raised C3N (embolism_params.h, README stop 33); core at least the smallest reported candidate (min_candidate_volume_mm3, README stop 35)"},
                    {"wrapped_core_split", "eccentric/mural filling defect: clot against the wall, contrast on its lumen side only (clinical-reference.md); soft tissue between touching great vessels (webs) is a listed false-positive source; main pulmonary arteries 20-30 mm wide (artery_levels.h)"},
                    {"neck_split_core_depth_mm", "main pulmonary arteries 20-30 mm wide, central level from 7 mm radius (artery_levels.h): a central clot of 0.55-0.7 R is at least 3.85 mm half-wide (candidate_split.h)"},
                    {"cutoff_hull_closing_mm", "cut-off sign: an artery ending abruptly, its lumen filled by clot (complete occlusion, clinical-reference.md); lobar arteries 6-10 mm wide (artery_levels.h), so the lung hull closed by 6 mm leaves a lobar artery's occlusion at the hilum outside; measured: README stop 57"},
                    {"wrapped_pocket", "partial filling defect surrounded by contrast: polo-mint sign; acute thrombus +20..+100 HU, so faces brighter are contrast or its partial volume (clinical-reference.md)"},
                    {"polo_mint_min_enclosure", "partial filling defect surrounded by contrast: polo-mint sign (clinical-reference.md)"},
                    {"own_side_enclosure", "eccentric/mural filling defect: clot against the wall, contrast on its lumen side only (clinical-reference.md); central level from 7 mm radius (artery_levels.h): a central clot 0.55 R x 4 R is about 870 mm3 or more"},
                    {"fine_pass", "segmental arteries 3-5 mm wide, lobar 6-10 mm (artery_levels.h); central defect = polo mint, eccentric defect with contrast on its lumen side (clinical-reference.md); acute thrombus +20..+100 HU; the gate: lumen threshold two noise SD below the blood (fine_defects.h); lung pocket: aerated lung -950..-700 HU (clinical-reference.md) taken under -400 HU (3D Slicer Lung CT Analyzer's collapsed / infiltrated split), darker than the band floor thrombus 20 HU less 60 HU (fine_pass_params.h fineLungPocketShare)"},
                    {"round_section", "eccentric/mural filling defect forming acute angles with the wall, contrast on its lumen side only (clinical-reference.md); lobar arteries 6-10 mm wide, to about 15 mm (artery_levels.h)"},
                    {"max_partial_defect_width_to_radius", "a partial filling defect is surrounded by contrast (polo-mint / railway-track sign, clinical-reference.md), so narrower than its artery"},
                    {"max_defect_width_to_radius", "a filling defect lies inside one artery; lymph nodes and soft tissue beside arteries are a listed false-positive source (clinical-reference.md)"},
                    {"mediastinal_defect_min_hu", "lower end of acute thrombus (+20 HU, clinical-reference.md); mediastinal fat and wall partial volume lie below"}};
}

}  // namespace tv
