#pragma once
// The one list of EmbolismParams' JSON keys (analysis.json "parameters" / "embolism"): each key once,
// with its member and the range a value must lie in. to_json (embolism_params.cpp), the reader and the
// range check (embolism_params_reader.cpp) all walk this list, so what is written can always be read back.
//
// A visitor V provides
//   field(key, member, range = Any)              a double, int or bool
//   interval(key, low, high, range, order)       [low, high]
//   array(key, double (&values)[N], range)       [v0, ..., vN-1]
//   group(key, visitMembers)                     a nested object; visitMembers() visits its keys
// P is EmbolismParams or const EmbolismParams.
//
// Ranges are the ones that follow from the quantity: lengths, areas, volumes, angles, ratios of
// lengths and counts cannot be negative; shares, fractions and the operating point lie in [0, 1].
// HU values, contrast norms, offsets (relative to the carina, stump.plug_start_mm) and a share whose
// negative value switches its rule off get no range here.
#include <type_traits>

#include "embolism/embolism_params.h"

namespace tv {

enum class ParamRange { Any, NonNegative, UnitInterval };
enum class IntervalOrder { LowBelowHigh, LowNotAboveHigh };

template <class P, class V>
void visitEmbolismParams(P& p, V& v) {
    static_assert(std::is_same_v<std::remove_const_t<P>, EmbolismParams>);
    using enum ParamRange;
    using enum IntervalOrder;
    // Not listed: trunkPieceMinMm3 (to_json has never written it; adding it would change analysis.json).
    v.field("working_spacing_mm", p.workingSpacingMm, NonNegative);
    v.field("smoothing_sigma_mm", p.smoothingSigmaMm, NonNegative);
    v.field("lung_vessel_min_radius_mm", p.lungVesselMinRadiusMm, NonNegative);
    v.field("lung_smoothing_min_sigma_mm", p.lungSmoothingMinSigmaMm, NonNegative);
    v.field("thin_lumen_noise_sd", p.thinLumenNoiseSd);
    v.field("thin_lumen_min_cluster_voxels", p.thinLumenMinClusterVoxels, NonNegative);
    v.field("lung_bridges", p.lungBridges);
    v.field("lung_bridge_junction_min_area_mm2", p.lungBridgeJunctionMinAreaMm2, NonNegative);
    v.field("zone_from_trunk_pieces", p.zoneFromTrunkPieces);
    v.field("adequate_hu", p.adequateHu);
    v.field("assessable_hu", p.assessableHu);
    v.field("blood_core_radius_mm", p.bloodCoreRadiusMm, NonNegative);
    v.interval("thrombus_hu", p.thrombusLowHu, p.thrombusHighHu, Any, LowBelowHigh);
    v.field("thrombus_mid_hu", p.thrombusMidHu);
    v.field("defect_floor_margin_hu", p.defectFloorMarginHu);
    v.field("min_vessel_radius_mm", p.minVesselRadiusMm, NonNegative);
    v.group("level_radius_mm", [&] {
        v.field("central", p.centralRadiusMm, NonNegative);
        v.field("lobar", p.lobarRadiusMm, NonNegative);
        v.field("segmental", p.segmentalRadiusMm, NonNegative);
    });
    v.field("hilar_lung_margin_mm", p.hilarLungMarginMm, NonNegative);
    v.field("hilar_lung_share", p.hilarLungShare, UnitInterval);
    v.field("hilar_directions", p.hilarDirections, NonNegative);
    v.field("hilar_reach_mm", p.hilarReachMm, NonNegative);
    v.field("hilar_deep_share", p.hilarDeepShare, UnitInterval);
    v.field("hilar_min_lung_slice_share", p.hilarMinLungSliceShare, UnitInterval);
    v.field("hilar_min_lateral_mm", p.hilarMinLateralMm, NonNegative);
    v.field("valve_below_carina_mm", p.valveBelowCarinaMm);
    v.interval("aorta_diameter_mm", p.aortaMinDiameterMm, p.aortaMaxDiameterMm, NonNegative, LowNotAboveHigh);
    v.field("aorta_max_axis_ratio", p.aortaMaxAxisRatio, NonNegative);
    v.field("aorta_min_fill", p.aortaMinFill, UnitInterval);
    v.field("aorta_max_tilt_deg", p.aortaMaxTiltDeg, NonNegative);
    v.field("aorta_min_length_mm", p.aortaMinLengthMm, NonNegative);
    v.field("aorta_wall_mm", p.aortaWallMm, NonNegative);
    v.field("aorta_separation_mm", p.aortaSeparationMm, NonNegative);
    v.field("aorta_max_erosion_mm", p.aortaMaxErosionMm, NonNegative);
    v.field("aorta_erosion_step_mm", p.aortaErosionStepMm, NonNegative);
    v.field("aorta_max_oval_ratio", p.aortaMaxOvalRatio, NonNegative);
    v.field("aorta_max_gap_mm", p.aortaMaxGapMm, NonNegative);
    v.field("ascending_aorta_min_diameter_mm", p.ascendingAortaMinDiameterMm, NonNegative);
    v.field("lobar_min_hilar_contact_mm3", p.lobarMinHilarContactMm3, NonNegative);
    v.field("occlusion_level_from_calibre", p.occlusionLevelFromCalibre);
    v.field("partial_level_from_calibre", p.partialLevelFromCalibre);
    v.field("regrade_keeps_trunk_seeds", p.regradeKeepsTrunkSeeds);
    v.array("closing_radii_mm", p.closingRadiiMm, NonNegative);
    v.field("closing_thickness_fraction", p.closingThicknessFraction, UnitInterval);
    v.group("wrapped_pocket", [&] {
        v.field("enabled", p.wrappedPocket);
        v.field("max_dark_face_share", p.wrappedPocketMaxDarkFaceShare, UnitInterval);
        v.field("min_bright_face_share", p.wrappedPocketMinBrightFaceShare, UnitInterval);
    });
    v.field("min_candidate_volume_mm3", p.minCandidateVolumeMm3, NonNegative);
    v.field("min_occlusion_radius_mm", p.minOcclusionRadiusMm, NonNegative);
    v.field("defect_shell_mm", p.defectShellMm, NonNegative);
    v.field("defect_shell_radius_fraction", p.defectShellRadiusFraction, UnitInterval);
    v.field("raw_band_max_vessel_radius_mm", p.rawBandMaxVesselRadiusMm, NonNegative);
    v.field("min_candidate_vessel_share", p.minCandidateVesselShare, UnitInterval);
    v.field("neck_split_core_depth_mm", p.neckSplitCoreDepthMm, NonNegative);
    v.field("neck_split_min_core_mm3", p.neckSplitMinCoreMm3, NonNegative);
    v.field("neck_split_max_neck_depth_mm", p.neckSplitMaxNeckDepthMm, NonNegative);
    v.field("wrapped_core_split", p.wrappedCoreSplit);
    v.field("wrapped_core_reach_mm", p.wrappedCoreReachMm, NonNegative);
    v.field("wrapped_core_min_wrap", p.wrappedCoreMinWrap, UnitInterval);
    v.field("wrapped_core_min_mm3", p.wrappedCoreMinMm3, NonNegative);
    v.field("wrapped_core_max_share", p.wrappedCoreMaxShare, UnitInterval);
    v.field("wrapped_core_rest_reach_mm", p.wrappedCoreRestReachMm, NonNegative);
    v.field("wrapped_core_min_rest_beyond_mm3", p.wrappedCoreMinRestBeyondMm3, NonNegative);
    v.field("airway_wrap_split", p.airwayWrapSplit);
    v.field("airway_wrap_max_centroid_hu", p.airwayWrapMaxCentroidHu);
    v.field("airway_wrap_core_min_wrap", p.airwayWrapCoreMinWrap, UnitInterval);
    v.field("airway_wrap_core_min_mm3", p.airwayWrapCoreMinMm3, NonNegative);
    v.field("airway_wrap_min_rest_beyond_mm3", p.airwayWrapMinRestBeyondMm3, NonNegative);
    v.field("via_heart_veto", p.viaHeartVeto);
    v.field("via_heart_max_face_share", p.viaHeartMaxFaceShare, UnitInterval);
    v.field("via_heart_spares_stumps", p.viaHeartSparesStumps);
    v.field("occlusion_radius_fraction", p.occlusionRadiusFraction, UnitInterval);
    v.field("occlusion_side_margin_mm", p.occlusionSideMarginMm, NonNegative);
    v.field("occlusion_side_min_voxels", p.occlusionSideMinVoxels, NonNegative);
    v.field("occlusion_min_depth_mm", p.occlusionMinDepthMm, NonNegative);
    v.field("cutoff_hull_closing_mm", p.cutoffHullClosingMm, NonNegative);
    v.group("stump", [&] {
        v.field("min_radius_mm", p.stumpMinRadiusMm, NonNegative);
        v.field("max_end_distance_radii", p.stumpMaxEndDistanceRadii, NonNegative);
        v.field("ridge_upstream_radii", p.stumpRidgeUpstreamRadii, NonNegative);
        v.field("ridge_upstream_min_axis_z", p.stumpRidgeUpstreamMinAxisZ, UnitInterval);
        v.field("end_radius_fraction", p.stumpEndRadiusFraction, UnitInterval);
        v.field("plug_disk_radius_fraction", p.stumpPlugDiskRadiusFraction, UnitInterval);
        v.field("plug_rim_mm", p.stumpPlugRimMm, NonNegative);
        v.field("min_disk_share", p.stumpMinDiskShare, UnitInterval);
        v.field("plug_start_mm", p.stumpPlugStartMm);
        v.field("min_plug_length_mm", p.stumpMinPlugLengthMm, NonNegative);
        v.field("min_plug_length_radii", p.stumpMinPlugLengthRadii, NonNegative);
        v.field("max_plug_length_mm", p.stumpMaxPlugLengthMm, NonNegative);
        v.field("sleeve_radii", p.stumpSleeveRadii, NonNegative);
        v.field("sleeve_min_gap_mm", p.stumpSleeveMinGapMm, NonNegative);
        v.field("max_sleeve_share", p.stumpMaxSleeveShare, UnitInterval);
        v.field("min_plug_share", p.stumpMinPlugShare, UnitInterval);
        v.field("face_search", p.stumpFaceSearch);
        v.field("face_depth_mm", p.stumpFaceDepthMm, NonNegative);
        v.field("face_max_radius_mm", p.stumpFaceMaxRadiusMm, NonNegative);
        v.field("face_max_chord_ratio", p.stumpFaceMaxChordRatio, NonNegative);
        v.field("face_upstream_radii", p.stumpFaceUpstreamRadii, NonNegative);
        v.field("face_min_axis_cos", p.stumpFaceMinAxisCos);
    });
    v.group("gap", [&] {
        v.field("from_cut_off_pieces", p.gapFromCutOffPieces);
        v.field("face_slack_mm", p.gapFaceSlackMm, NonNegative);
        v.field("max_length_mm", p.gapMaxLengthMm, NonNegative);
        v.field("max_length_radii", p.gapMaxLengthRadii, NonNegative);
        v.field("min_length_mm", p.gapMinLengthMm, NonNegative);
        v.field("min_cnr", p.gapMinCnr);
        v.field("max_section_radius_mm", p.gapMaxSectionRadiusMm, NonNegative);
        v.field("min_radius_mm", p.gapMinRadiusMm, NonNegative);
        v.field("calibre_diameter_rank", p.gapCalibreDiameterRank, NonNegative);
        v.field("mouth_min_radius_mm", p.gapMouthMinRadiusMm, NonNegative);
        v.field("far_mouth_via_heart", p.gapFarMouthViaHeart);
        v.field("far_mouth_in_piece", p.gapFarMouthInPiece);
        v.field("between_pieces_min_length_radii", p.gapBetweenPiecesMinLengthRadii, NonNegative);
        v.field("between_pieces_in_beyond_pass", p.gapBetweenPiecesInBeyondPass);
        v.field("tube_at_mouth_calibre", p.gapTubeAtMouthCalibre);
        v.field("tube_max_axis_offset_calibres", p.gapTubeMaxAxisOffsetCalibres, NonNegative);
        v.field("tube_mouth_in_piece", p.gapTubeMouthInPiece);
        v.field("tube_max_widening_behind", p.gapTubeMaxWideningBehind, NonNegative);
        v.field("tube_via_heart_max_axis_offset_calibres", p.gapTubeViaHeartMaxAxisOffsetCalibres, NonNegative);
        v.field("tube_via_heart_max_widening_behind", p.gapTubeViaHeartMaxWideningBehind, NonNegative);
        v.field("untraced_far_side", p.gapUntracedFarSide);
        v.field("untraced_max_radius_mm", p.gapUntracedMaxRadiusMm, NonNegative);
        v.field("untraced_max_chord_ratio", p.gapUntracedMaxChordRatio, NonNegative);
        v.field("untraced_min_heart_distance_mm", p.gapUntracedMinHeartDistanceMm, NonNegative);
        v.field("untraced_mouth_depth_spacings", p.gapUntracedMouthDepthSpacings, NonNegative);
    });
    v.group("wide_occlusion", [&] {
        v.field("untraced_max_radius_mm", p.wideOcclusionUntracedMaxRadiusMm, NonNegative);
        v.field("min_mouth_radius_mm", p.wideOcclusionMinMouthRadiusMm, NonNegative);
        v.field("max_far_radius_mm", p.wideOcclusionMaxFarRadiusMm, NonNegative);
        v.field("min_heart_distance_mm", p.wideOcclusionMinHeartDistanceMm, NonNegative);
        v.field("central_mouth_min_heart_distance_mm", p.wideOcclusionCentralMouthMinHeartDistanceMm,
                NonNegative);
        v.field("clot_run_min_hu", p.wideOcclusionClotRunMinHu);
        v.field("clot_run_min_heart_distance_mm", p.wideOcclusionClotRunMinHeartDistanceMm, NonNegative);
        v.field("thin_mouth_lumen_calibre", p.wideOcclusionThinMouthLumenCalibre);
    });
    v.field("face_normal_min_ball_spacings", p.faceNormalMinBallSpacings, NonNegative);
    v.field("mediastinal_defect_min_hu", p.mediastinalDefectMinHu);
    v.field("max_mediastinal_above_carina_mm", p.maxMediastinalAboveCarinaMm);
    v.field("min_cutoff_midline_offset_above_carina_mm", p.minCutoffMidlineOffsetAboveCarinaMm);
    v.interval("core_radius_mm", p.coreMinRadiusMm, p.coreMaxRadiusMm, NonNegative, LowNotAboveHigh);
    v.field("min_core_contrast_norm", p.minCoreContrastNorm);
    v.field("two_sided_occlusion_min_core_contrast_norm", p.twoSidedOcclusionMinCoreContrastNorm, UnitInterval);
    v.field("max_under_lung_base_share", p.maxUnderLungBaseShare, UnitInterval);
    v.field("max_one_slice_on_heart_share", p.maxOneSliceOnHeartShare, UnitInterval);
    v.field("max_defect_width_to_radius", p.maxDefectWidthToRadius, NonNegative);
    v.field("max_cutoff_enclosure", p.maxCutoffEnclosure, UnitInterval);
    v.field("off_tree_veto_spares_two_sided", p.offTreeVetoSparesTwoSided);
    v.field("off_tree_two_sided_min_contrast_norm", p.offTreeTwoSidedMinContrastNorm);
    v.field("cut_piece_contact_mm", p.cutPieceContactMm, NonNegative);
    v.field("cut_piece_min_occlusion_mm3", p.cutPieceMinOcclusionMm3, NonNegative);
    v.field("cut_piece_max_path_mm", p.cutPieceMaxPathMm, NonNegative);
    v.field("cut_piece_needs_segmental_calibre", p.cutPieceNeedsSegmentalCalibre);
    v.field("massive_occlusion_no_repeat_mm3", p.massiveOcclusionNoRepeatMm3, NonNegative);
    v.field("cut_piece_level_from_occlusion", p.cutPieceLevelFromOcclusion);
    v.field("two_sided_occlusion_mixing_from_core", p.twoSidedOcclusionMixingFromCore);
    v.field("lung_mixing_from_darker", p.lungMixingFromDarker);
    v.field("core_vessel_radius_fraction", p.coreVesselRadiusFraction, UnitInterval);
    v.field("volume_score_reference_mm3", p.volumeScoreReferenceMm3, NonNegative);
    v.field("volume_score_vessel_share", p.volumeScoreVesselShare, UnitInterval);
    v.field("cutoff_min_fill", p.cutoffMinFill, UnitInterval);
    v.field("cutoff_thin_penalty", p.cutoffThinPenalty);
    v.field("cutoff_slab_max_vessel_radius_mm", p.cutoffSlabMaxVesselRadiusMm, NonNegative);
    v.field("cutoff_slab_min_slice_radius_share", p.cutoffSlabMinSliceRadiusShare, UnitInterval);
    // Negative switches the rule off (embolism_params.h): no range.
    v.field("cutoff_slab_max_covered_share", p.cutoffSlabMaxCoveredShare);
    v.group("open_wall_defect", [&] {
        v.field("enabled", p.openWallDefect);
        v.field("min_covered_share", p.openWallMinCoveredShare, UnitInterval);
    });
    v.field("suboptimal_cutoff_penalty", p.suboptimalCutoffPenalty);
    v.field("max_partial_defect_width_to_radius", p.maxPartialDefectWidthToRadius, NonNegative);
    v.field("occlusion_max_width_to_radius", p.occlusionMaxWidthToRadius, NonNegative);
    v.field("occlusion_blood_calibre_max_mm", p.occlusionBloodCalibreMaxMm, NonNegative);
    v.field("closed_branch_max_width_to_radius", p.closedBranchMaxWidthToRadius, NonNegative);
    v.field("branching_occlusion_max_width_to_radius", p.branchingOcclusionMaxWidthToRadius, NonNegative);
    v.field("branching_occlusion_min_lumen_sides", p.branchingOcclusionMinLumenSides, NonNegative);
    v.field("branching_occlusion_min_contrast_norm", p.branchingOcclusionMinContrastNorm);
    v.field("polo_mint_min_enclosure", p.poloMintMinEnclosure, UnitInterval);
    v.group("own_side_enclosure", [&] {
        v.field("enabled", p.ownSideEnclosure);
        v.field("min_volume_mm3", p.ownSideMinVolumeMm3, NonNegative);
        v.field("max_volume_mm3", p.ownSideMaxVolumeMm3, NonNegative);
        v.field("min_enclosure", p.ownSideMinEnclosure, UnitInterval);
    });
    v.group("round_section", [&] {
        v.field("central", p.roundSectionCentral);
        v.field("lobar", p.roundSectionLobar);
        v.field("segmental", p.roundSectionSegmental);
        v.field("window_mm", p.roundSectionWindowMm, NonNegative);
        v.field("step_mm", p.roundSectionStepMm, NonNegative);
        v.field("max_radius_mm", p.roundSectionMaxRadiusMm, NonNegative);
        v.field("hull_tolerance_mm", p.roundSectionHullToleranceMm, NonNegative);
        v.field("min_arc_deg", p.roundSectionMinArcDeg, NonNegative);
        v.field("max_residual_fraction", p.roundSectionMaxResidualFraction, UnitInterval);
        v.field("shell_mm", p.roundSectionShellMm, NonNegative);
        v.field("min_lumen_share", p.roundSectionMinLumenShare, UnitInterval);
        v.field("min_defect_share", p.roundSectionMinDefectShare, UnitInterval);
        v.field("min_band_share", p.roundSectionMinBandShare, UnitInterval);
        v.field("min_candidate_share", p.roundSectionMinCandidateShare, UnitInterval);
        v.field("apart", p.roundSectionApart);
        v.field("apart_ctpa_only", p.roundSectionApartCtpaOnly);
    });
    v.group("central_occlusion", [&] {
        v.field("core_depth_mm", p.centralOcclusionCoreDepthMm, NonNegative);
        v.field("min_depth_mm", p.centralOcclusionMinDepthMm, NonNegative);
        v.field("compact_min_depth_mm", p.centralOcclusionCompactMinDepthMm, NonNegative);
        v.field("compact_max_elongation", p.centralOcclusionCompactMaxElongation, NonNegative);
        v.field("max_width_to_radius", p.centralOcclusionMaxWidthToRadius, NonNegative);
        v.field("max_reached_share", p.centralOcclusionMaxReachedShare, UnitInterval);
        v.field("rest_when_plug_unreported", p.centralOcclusionRestWhenPlugUnreported);
        v.field("lobar_near_side", p.centralOcclusionLobarNearSide);
        v.field("wide_piece_min_radius_mm", p.centralOcclusionWidePieceMinRadiusMm, NonNegative);
    });
    v.group("fine_pass", [&] {
        v.field("enabled", p.fineDefectPass);
        v.field("min_binning", p.fineMinBinning, NonNegative);
        v.field("min_pixels", p.fineMinPixels, NonNegative);
        v.field("max_aorta_share", p.fineMaxAortaShare, UnitInterval);
        v.field("min_cnr", p.fineMinCnr);
        v.field("smoothing_sigma_mm", p.fineSmoothingSigmaMm, NonNegative);
        v.field("second_sigma_mm", p.fineSecondSigmaMm, NonNegative);
        v.field("region_margin_mm", p.fineRegionMarginMm, NonNegative);
        v.field("roi_untraced_reach_mm", p.fineRoiUntracedReachMm, NonNegative);
        v.field("closing_radius_mm", p.fineClosingRadiusMm, NonNegative);
        v.field("min_one_section_share", p.fineMinOneSectionShare, UnitInterval);
        v.field("rim_max_thickness_mm", p.fineRimMaxThicknessMm, NonNegative);
        v.field("min_slice_area_mm2", p.fineMinSliceAreaMm2, NonNegative);
        v.field("max_slice_area_mm2", p.fineMaxSliceAreaMm2, NonNegative);
        v.field("hole_cap_from_vessel_radius", p.fineHoleCapFromVesselRadius);
        v.field("max_vessel_radius_mm", p.fineMaxVesselRadiusMm, NonNegative);
        v.field("slab_min_hole_share", p.fineSlabMinHoleShare, UnitInterval);
        v.field("slab_rim_wrapped", p.fineSlabRimWrapped);
        v.field("hole_contrast_from_core", p.fineHoleContrastFromCore);
        v.field("lung_scored_as_hole", p.fineLungScoredAsHole);
        v.field("lung_without_mixing", p.fineLungWithoutMixing);
        v.field("central_veto_max_hole_share", p.fineCentralVetoMaxHoleShare, UnitInterval);
        v.field("central_veto_slice_hole_share", p.fineCentralVetoSliceHoleShare);
        v.field("radius_own_slices", p.fineRadiusOwnSlices);
        v.field("max_defect_share", p.fineMaxDefectShare, UnitInterval);
        v.field("max_low_share", p.fineMaxLowShare, UnitInterval);
        v.field("calcium_margin_mm", p.fineCalciumMarginMm, NonNegative);
        v.field("min_contrast_norm", p.fineMinContrastNorm);
        v.field("core_against_section_blood", p.fineCoreAgainstSectionBlood);
        v.field("core_quantile", p.fineCoreQuantile, UnitInterval);
        v.field("min_core_hu", p.fineMinCoreHu);
        v.field("lung_pocket_share", p.fineLungPocketShare, NonNegative);
        v.field("min_depth_mm", p.fineMinDepthMm, NonNegative);
        v.field("min_hole_depth_mm", p.fineMinHoleDepthMm, NonNegative);
        v.field("min_volume_mm3", p.fineMinVolumeMm3, NonNegative);
        v.field("hole_whole_area", p.fineHoleWholeArea);
        v.field("breached_hole", p.fineBreachedHole);
        v.field("breached_hole_closing_mm", p.fineBreachedHoleClosingMm, NonNegative);
        v.field("breached_hole_min_seed_share", p.fineBreachedHoleMinSeedShare, UnitInterval);
        v.field("breached_hole_min_enclosure", p.fineBreachedHoleMinEnclosure, UnitInterval);
        v.field("breached_hole_central_exempt", p.fineBreachedHoleCentralExempt);
        v.field("central_veto_section_level", p.fineCentralVetoSectionLevel);
        v.field("oblique_pass", p.fineObliquePass);
        v.field("oblique_max_axis_z", p.fineObliqueMaxAxisZ);
        v.field("oblique_step_mm", p.fineObliqueStepMm, NonNegative);
        v.field("oblique_max_half_width_mm", p.fineObliqueMaxHalfWidthMm, NonNegative);
        v.field("oblique_min_support", p.fineObliqueMinSupport, NonNegative);
        v.field("oblique_min_binning", p.fineObliqueMinBinning, NonNegative);
        v.field("oblique_section_level_from_seeds", p.obliqueSectionLevelFromSeeds);
    });
    v.group("beyond_occlusion_pass", [&] {
        v.field("on", p.beyondOcclusionPass);
        v.field("trigger_score", p.beyondOcclusionTriggerScore, UnitInterval);
        v.field("min_occlusion_mm3", p.beyondOcclusionMinMm3, NonNegative);
        v.field("fill_margin_mm", p.beyondOcclusionFillMarginMm, NonNegative);
        v.field("fill_min_hu", p.beyondOcclusionFillMinHu);
        v.field("repeat_margin_mm", p.beyondOcclusionRepeatMarginMm, NonNegative);
    });
    v.field("operating_point", p.operatingPoint, UnitInterval);
    v.field("max_candidates", p.maxCandidates, NonNegative);
}

}  // namespace tv
