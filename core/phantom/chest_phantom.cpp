// makeChestPhantom: runs the painting steps (phantom_*.cpp) in order, then counts the volumes from
// the finished label maps so the reported numbers and the truth can never disagree.
#include "phantom/chest_phantom.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "phantom/phantom_canvas.h"
#include "util/errors.h"

namespace tv {
namespace {

using Counts = std::array<std::size_t, 256>;

struct VoxelCounts {
    Counts truth{};
    Counts lungs{};
    std::array<std::size_t, 6> lobes{};
    std::array<std::size_t, 6> lobeOpacity{};
    std::array<std::size_t, 3> ggoBySide{};
    std::array<std::size_t, 3> consolidationBySide{};
};

VoxelCounts countVoxels(const LabelMap& truth, const LabelMap& lungs, const LabelMap& lobes) {
    return tbb::parallel_reduce(
        tbb::blocked_range<std::size_t>(0, truth.voxelCount(), 1 << 16), VoxelCounts{},
        [&](const tbb::blocked_range<std::size_t>& r, VoxelCounts acc) {
            for (std::size_t n = r.begin(); n != r.end(); ++n) {
                const std::uint8_t t = truth[n], l = lungs[n], lobe = std::min<std::uint8_t>(lobes[n], 5);
                ++acc.truth[t];
                ++acc.lungs[l];
                ++acc.lobes[lobe];
                if (t == kGgo || t == kConsolidation) ++acc.lobeOpacity[lobe];
                if (l < 3 && t == kGgo) ++acc.ggoBySide[l];
                if (l < 3 && t == kConsolidation) ++acc.consolidationBySide[l];
            }
            return acc;
        },
        [](VoxelCounts a, const VoxelCounts& b) {
            for (std::size_t i = 0; i < a.truth.size(); ++i) {
                a.truth[i] += b.truth[i];
                a.lungs[i] += b.lungs[i];
            }
            for (std::size_t i = 0; i < a.lobes.size(); ++i) {
                a.lobes[i] += b.lobes[i];
                a.lobeOpacity[i] += b.lobeOpacity[i];
            }
            for (std::size_t i = 0; i < 3; ++i) {
                a.ggoBySide[i] += b.ggoBySide[i];
                a.consolidationBySide[i] += b.consolidationBySide[i];
            }
            return a;
        });
}

void validate(const ChestPhantomParams& p) {
    for (int d = 0; d < 3; ++d) {
        if (p.size[d] <= 0)
            throw InvalidArgumentError("chest phantom: size must be positive along every axis, found " +
                                       std::to_string(p.size[d]) + " along axis " + std::to_string(d));
        if (!(p.spacing[d] > 0) || !std::isfinite(p.spacing[d]))
            throw InvalidArgumentError("chest phantom: spacing must be positive, found " +
                                       std::to_string(p.spacing[d]) + " mm along axis " + std::to_string(d));
    }
    if (!(p.opacityExtent > 0) || !std::isfinite(p.opacityExtent))
        throw InvalidArgumentError("chest phantom: opacityExtent must be positive, found " +
                                   std::to_string(p.opacityExtent));
    if (!(p.noiseSigmaHu >= 0) || !(p.blurSigmaMm >= 0))
        throw InvalidArgumentError("chest phantom: noiseSigmaHu and blurSigmaMm must be >= 0, found " +
                                   std::to_string(p.noiseSigmaHu) + " and " + std::to_string(p.blurSigmaMm));
}

VolumeInfo phantomInfo(const ChestPhantomParams& p) {
    VolumeInfo info;
    info.patientName = "PHANTOM^SYNTHETIC";
    info.patientId = "TV-PHANTOM";
    info.studyDescription = "ThromboView synthetic chest CT phantom";
    info.seriesDescription = "SYNTHETIC PHANTOM - not patient data";
    info.modality = "CT";
    info.manufacturer = "ThromboView (generated)";
    info.convolutionKernel = "synthetic";
    info.sourcePath = "builtin:chest-phantom";
    // Deterministic, recognisable UIDs (2.25 = UUID-derived root; the digits are not a real UUID).
    info.studyInstanceUid = "2.25.1000" + std::to_string(p.seed);
    info.seriesInstanceUid = info.studyInstanceUid + ".1";
    info.synthetic = true;
    return info;
}

}  // namespace

std::string phantomLabelName(int label) {
    static const char* const names[kPhantomLabelCount] = {"outside",
                                                          "right lung",
                                                          "left lung",
                                                          "airway",
                                                          "pulmonary artery",
                                                          "embolus",
                                                          "ground-glass opacity",
                                                          "consolidation",
                                                          "pulmonary vein",
                                                          "heart",
                                                          "aorta",
                                                          "bone",
                                                          "soft tissue",
                                                          "fat",
                                                          "airway wall"};
    if (label < 0 || label >= kPhantomLabelCount) return "unknown";
    return names[label];
}

std::string phantomLobeName(int lobe) {
    static const char* const names[6] = {"none", "RUL", "RML", "RLL", "LUL", "LLL"};
    if (lobe < 0 || lobe > 5) return "unknown";
    return names[lobe];
}

bool PhantomVesselSegment::contains(const Eigen::Vector3d& lps, double marginMm) const {
    const Eigen::Vector3d axis = endLps - startLps;
    const double len2 = std::max(axis.squaredNorm(), 1e-12);
    const double t = std::clamp((lps - startLps).dot(axis) / len2, 0.0, 1.0);
    const double r = startRadiusMm + (endRadiusMm - startRadiusMm) * t + marginMm;
    return (lps - (startLps + t * axis)).squaredNorm() <= r * r;
}

double ChestPhantom::involvementPercent() const {
    return lungVolumeMl > 0 ? 100.0 * (ggoVolumeMl + consolidationVolumeMl) / lungVolumeMl : 0.0;
}

ChestPhantom makeChestPhantom(const ChestPhantomParams& params, ProgressSink& progress,
                              const CancelToken& cancel) {
    validate(params);
    ImageGeometry g;
    g.size = params.size;
    g.spacing = params.spacing;
    for (int d = 0; d < 3; ++d) g.origin[d] = -0.5 * (params.size[d] - 1) * params.spacing[d];

    ChestPhantom ph;
    ph.truth = LabelMap(g, kPhantomOutside);
    ph.lungs = LabelMap(g, kNoLungField);
    ph.systemicEnhancementHu = params.systemicEnhancementHu >= 0
                                   ? params.systemicEnhancementHu
                                   : 40.0 + 0.45 * (params.paEnhancementHu - 40.0);
    phantom::Canvas canvas(g, ph.truth, ph.lungs);

    const std::string stage = "Generating synthetic phantom";
    progress.report(0.0, stage);
    phantom::paintBodyAndLungs(canvas, params, cancel);
    progress.report(0.3, stage);
    phantom::paintAirways(canvas, params);
    phantom::paintHeartAndGreatVessels(canvas, params, ph.systemicEnhancementHu);
    phantom::paintPulmonaryVessels(canvas, params, ph.systemicEnhancementHu, ph.arteries);
    cancel.throwIfCancelled();
    phantom::paintOpacities(canvas, params);
    phantom::paintEmboli(canvas, params, ph.arteries, ph.emboli);
    for (std::uint8_t& l : ph.lungs.voxels())
        if (l == phantom::kHilumMark) l = kNoLungField;
    ph.lobes = LabelMap(g, kNoLobe);
    phantom::assignLobes(canvas, ph.lobes);
    progress.report(0.5, stage);

    ph.ct.hu = Image<std::int16_t>(g);
    ph.ct.info = phantomInfo(params);
    phantom::formImage(canvas, params, ph.ct.hu, cancel);

    const VoxelCounts n = countVoxels(ph.truth, ph.lungs, ph.lobes);
    const double ml = g.voxelVolumeMm3() / 1000.0;
    ph.rightLungVolumeMl = static_cast<double>(n.lungs[kRightLungField]) * ml;
    ph.leftLungVolumeMl = static_cast<double>(n.lungs[kLeftLungField]) * ml;
    ph.lungVolumeMl = static_cast<double>(n.lungs[kRightLungField] + n.lungs[kLeftLungField]) * ml;
    ph.ggoVolumeMl = static_cast<double>(n.truth[kGgo]) * ml;
    ph.consolidationVolumeMl = static_cast<double>(n.truth[kConsolidation]) * ml;
    ph.rightGgoVolumeMl = static_cast<double>(n.ggoBySide[kRightLungField]) * ml;
    ph.leftGgoVolumeMl = static_cast<double>(n.ggoBySide[kLeftLungField]) * ml;
    ph.rightConsolidationVolumeMl = static_cast<double>(n.consolidationBySide[kRightLungField]) * ml;
    ph.leftConsolidationVolumeMl = static_cast<double>(n.consolidationBySide[kLeftLungField]) * ml;
    for (std::size_t lobe = 1; lobe < 6; ++lobe) {
        ph.lobeVolumeMl[lobe] = static_cast<double>(n.lobes[lobe]) * ml;
        ph.lobeOpacityMl[lobe] = static_cast<double>(n.lobeOpacity[lobe]) * ml;
    }
    ph.pulmonaryArteryVolumeMl = static_cast<double>(n.truth[kPulmonaryArtery]) * ml;
    ph.embolusVolumeMl = static_cast<double>(n.truth[kEmbolus]) * ml;
    progress.report(1.0, stage);
    return ph;
}

nlohmann::json toJson(const ChestPhantomParams& p) {
    return {{"size", p.size},
            {"spacing_mm", {p.spacing.x(), p.spacing.y(), p.spacing.z()}},
            {"seed", p.seed},
            {"pa_enhancement_hu", p.paEnhancementHu},
            {"systemic_enhancement_hu", p.systemicEnhancementHu},
            {"lung_hu", p.lungHu},
            {"ggo_hu", p.ggoHu},
            {"consolidation_hu", p.consolidationHu},
            {"clot_hu", p.clotHu},
            {"soft_tissue_hu", p.softTissueHu},
            {"fat_hu", p.fatHu},
            {"bone_hu", p.boneHu},
            {"air_hu", p.airHu},
            {"blur_sigma_mm", p.blurSigmaMm},
            {"noise_sigma_hu", p.noiseSigmaHu},
            {"correlated_noise", p.correlatedNoise},
            {"with_emboli", p.withEmboli},
            {"with_ggo", p.withGgo},
            {"with_consolidation", p.withConsolidation},
            {"opacity_extent", p.opacityExtent},
            {"source", "HU values: shared/notes/clinical-reference.md (CT numbers table)"}};
}

nlohmann::json toJson(const ChestPhantom& ph) {
    const auto vec = [](const Eigen::Vector3d& v) { return nlohmann::json::array({v.x(), v.y(), v.z()}); };
    nlohmann::json emboli = nlohmann::json::array();
    for (const PhantomEmbolus& e : ph.emboli)
        emboli.push_back({{"center_lps_mm", vec(e.centerLps)},
                          {"volume_mm3", e.volumeMm3},
                          {"voxel_count", e.voxelCount},
                          {"level", e.level},
                          {"side", e.side},
                          {"kind", e.kind},
                          {"occlusion", e.occlusive ? "complete" : "partial"},
                          {"vessel", e.vessel}});
    nlohmann::json arteries = nlohmann::json::array();
    for (const PhantomVesselSegment& s : ph.arteries)
        arteries.push_back({{"name", s.name},
                            {"start_lps_mm", vec(s.startLps)},
                            {"end_lps_mm", vec(s.endLps)},
                            {"start_radius_mm", s.startRadiusMm},
                            {"end_radius_mm", s.endRadiusMm},
                            {"level", s.level},
                            {"side", s.side}});
    nlohmann::json lobes = nlohmann::json::object();
    for (int lobe = 1; lobe < 6; ++lobe)
        lobes[phantomLobeName(lobe)] = {{"volume_ml", ph.lobeVolumeMl[static_cast<std::size_t>(lobe)]},
                                        {"opacity_ml", ph.lobeOpacityMl[static_cast<std::size_t>(lobe)]}};
    nlohmann::json labels = nlohmann::json::object();
    for (int l = 0; l < kPhantomLabelCount; ++l) labels[std::to_string(l)] = phantomLabelName(l);
    return {{"synthetic", true},
            {"note", "synthetic phantom: not patient data"},
            {"lungs",
             {{"total_ml", ph.lungVolumeMl},
              {"right_ml", ph.rightLungVolumeMl},
              {"left_ml", ph.leftLungVolumeMl}}},
            {"opacity",
             {{"ggo_ml", ph.ggoVolumeMl},
              {"consolidation_ml", ph.consolidationVolumeMl},
              {"right_ggo_ml", ph.rightGgoVolumeMl},
              {"left_ggo_ml", ph.leftGgoVolumeMl},
              {"right_consolidation_ml", ph.rightConsolidationVolumeMl},
              {"left_consolidation_ml", ph.leftConsolidationVolumeMl},
              {"involvement_percent", ph.involvementPercent()}}},
            {"lobes", lobes},
            {"pulmonary_artery_ml", ph.pulmonaryArteryVolumeMl},
            {"embolus_ml", ph.embolusVolumeMl},
            {"systemic_enhancement_hu", ph.systemicEnhancementHu},
            {"emboli", emboli},
            {"arteries", arteries},
            {"labels", labels}};
}

}  // namespace tv
