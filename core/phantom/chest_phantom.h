#pragma once
// Synthetic chest CT phantom with exact ground truth: the viewer's built-in demo case and the known
// answer for unit tests of the lung/GGO scorer and the embolus detector.
//
// Anatomy is fixed in millimetres and centred on the grid (direction = identity, so i -> patient
// left (+x), j -> posterior (+y), k -> superior (+z), as in a supine axial CT): an elliptical body
// about 330 x 240 mm with a subcutaneous fat ring, ribs, sternum and spine posterior, two lungs
// (left lung at +x, with a cardiac notch; five lobes split by visible fissures), trachea and main/lobar
// bronchi, heart, aorta, an enhanced pulmonary artery tree (trunk, main, lobar, segmental and subsegmental
// branches; 10 segmental arteries per lung as counted by the Qanadli index), pulmonary veins, filling
// defects, and patches of ground-glass opacity and a consolidation in the posterior/peripheral lower lobes.
// The default grid (256 x 256 x 96 at 1.4 x 1.4 x 3 mm = 358 x 358 x 288 mm) shows all of it; smaller grids
// crop it.
//
// The truth (label map, lung field, lobes, emboli, vessel segments) does not depend on the seed: the seed
// only drives the noise, so two seeds give the same truth with different noise. All volumes are
// counted from the returned label maps, so they agree with them exactly.
//
// Not patient data: VolumeInfo.synthetic = true and the series description says so.
#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "image/image.h"
#include "util/progress.h"

namespace tv {

/// Labels of ChestPhantom::truth (one label per voxel; later structures overwrite earlier ones).
enum PhantomLabel : std::uint8_t {
    kPhantomOutside = 0,   // air outside the body
    kRightLung = 1,        // aerated parenchyma of the right lung (not vessels, airways, lesions)
    kLeftLung = 2,         // aerated parenchyma of the left lung
    kAirway = 3,           // air in the trachea and bronchi
    kPulmonaryArtery = 4,  // opacified pulmonary artery lumen (trunk to subsegmental)
    kEmbolus = 5,          // clot inside the pulmonary artery lumen (filling defect)
    kGgo = 6,              // ground-glass opacity
    kConsolidation = 7,    // consolidation
    kPulmonaryVein = 8,    // pulmonary vein lumen (enhanced like the systemic arteries)
    kHeart = 9,            // myocardium and cardiac chambers (right heart enhanced like the PA)
    kAorta = 10,           // aortic lumen (ascending, arch, descending)
    kBone = 11,            // vertebrae, ribs, sternum
    kSoftTissue = 12,      // muscle, mediastinal and hilar soft tissue, esophagus, abdomen
    kFat = 13,             // subcutaneous fat
    kAirwayWall = 14,      // wall of the trachea and bronchi
};
constexpr int kPhantomLabelCount = 15;

/// Human-readable name of a label ("right lung", ...); "unknown" outside the enum.
std::string phantomLabelName(int label);

/// Values of ChestPhantom::lungs: the lung fields as a lung segmentation should find them (inside
/// the pleura, including intrapulmonary vessels, airways, GGO, consolidation and emboli; excluding
/// the hilar soft tissue around the main bronchi and main pulmonary arteries).
enum PhantomLungField : std::uint8_t { kNoLungField = 0, kRightLungField = 1, kLeftLungField = 2 };

/// Values of ChestPhantom::lobes (inside the lung fields only). The fissures are planes: right
/// oblique z = y - 10 mm (lower lobe posterior-inferior of it), right horizontal z = +5 mm
/// (upper above, middle below, anterior to the oblique one), left oblique z = y. Shares of the
/// lung volume: RUL 23%, RML 6%, RLL 22%, LUL 26%, LLL 23% (near anatomical ones). The fissures
/// are drawn in the CT as 1 mm sheets of pleura (partial volume within the voxel), so a fissure
/// detector has something to find.
enum PhantomLobe : std::uint8_t { kNoLobe = 0, kRul = 1, kRml = 2, kRll = 3, kLul = 4, kLll = 5 };
/// "RUL", "RML", "RLL", "LUL", "LLL"; "none" for 0, "unknown" otherwise.
std::string phantomLobeName(int lobe);

struct ChestPhantomParams {
    Index3 size{256, 256, 96};               // voxels (i, j, k)
    Eigen::Vector3d spacing{1.4, 1.4, 3.0};  // mm
    std::uint32_t seed = 1;                  // noise only; the anatomy and truth do not change

    // Contrast. CTPA-like default: the clinical reference (shared/notes/clinical-reference.md)
    // gives +250 to +600 HU for an enhanced pulmonary artery on CTPA; 40 = no contrast
    // (unenhanced blood +20 to +60 HU).
    double paEnhancementHu = 400.0;
    /// Aorta, left heart and pulmonary veins. Negative = automatic: 40 + 0.45 * (pa - 40), i.e.
    /// the systemic side lags the pulmonary side in a CTPA bolus (about 200 HU at the default).
    double systemicEnhancementHu = -1.0;

    // Tissue values (clinical-reference.md, CT numbers table).
    double lungHu = -850.0;          // aerated lung, -950 to -700
    double ggoHu = -550.0;           // GGO, about -750 to -300 (early COVID lesions -700 to -500)
    double consolidationHu = -50.0;  // consolidation, about -300 to +50
    double clotHu = 50.0;            // acute thrombus, about +20 to +100
    double softTissueHu = 40.0;      // soft tissue / unenhanced blood, +20 to +60
    double fatHu = -100.0;
    double boneHu = 450.0;  // cancellous bone; cortex is boneHu + 250 (bone +300 to +2000)
    double airHu = -1000.0;

    // Image formation.
    double blurSigmaMm = 0.7;     // Gaussian blur (partial volume at edges); 0 = sharp edges
    double noiseSigmaHu = 15.0;   // standard deviation of the added noise (per voxel)
    bool correlatedNoise = true;  // in-plane [1 2 1] smoothed noise, rescaled to noiseSigmaHu,
                                  // closer to the grain of reconstructed CT than white noise

    // Lesions.
    bool withEmboli = true;  // four filling defects (central, eccentric, occlusive, small)
    bool withGgo =
        true;  // three GGO patches (posterior RLL and LLL, anterolateral RML), each kept in its lobe
    bool withConsolidation = true;  // one posterior basal consolidation in the right lower lobe
    /// Scales the semi-axes of the GGO patches and the consolidation (clipped to the lung): 1 gives
    /// about 2% involvement of the lung volume, 2 about 9%, 3 about 21% (exact values in the
    /// result). For testing scorers across severities.
    double opacityExtent = 1.0;
};

/// One filling defect of the truth (label kEmbolus; emboli are separate connected components).
struct PhantomEmbolus {
    Eigen::Vector3d centerLps{0, 0, 0};  // centroid of its voxels, LPS mm
    double volumeMm3 = 0;                // voxel count x voxel volume
    std::size_t voxelCount = 0;
    std::string level;       // "central", "lobar", "segmental"
    std::string side;        // "right", "left"
    std::string kind;        // "central" (surrounded by contrast), "eccentric", "occlusive"
    bool occlusive = false;  // fills the whole lumen (vessel cut-off)
    std::string vessel;      // name of the artery segment it sits in
};

/// One tapered tube of the pulmonary artery tree (the lumen; a sphere caps each end).
struct PhantomVesselSegment {
    std::string name;  // e.g. "RLL posterior basal"
    Eigen::Vector3d startLps{0, 0, 0};
    Eigen::Vector3d endLps{0, 0, 0};
    double startRadiusMm = 0;
    double endRadiusMm = 0;
    std::string level;  // "trunk", "central" (main PA), "lobar", "segmental", "subsegmental"
    std::string side;   // "right", "left", "" for the trunk
    /// True when the point lies inside this tube (including its end caps).
    bool contains(const Eigen::Vector3d& lps, double marginMm = 0.0) const;
};

struct ChestPhantom {
    CtVolume ct;     // HU, synthetic = true
    LabelMap truth;  // PhantomLabel per voxel
    LabelMap lungs;  // PhantomLungField per voxel
    LabelMap lobes;  // PhantomLobe per voxel (0 outside the lung fields)
    std::vector<PhantomEmbolus> emboli;
    std::vector<PhantomVesselSegment> arteries;

    // Volumes counted from the maps above (mL = voxel count x voxel volume / 1000).
    double rightLungVolumeMl = 0;      // lungs == kRightLungField
    double leftLungVolumeMl = 0;       // lungs == kLeftLungField
    double lungVolumeMl = 0;           // right + left
    double ggoVolumeMl = 0;            // truth == kGgo (all inside the lung fields)
    double consolidationVolumeMl = 0;  // truth == kConsolidation (all inside the lung fields)
    double rightGgoVolumeMl = 0, leftGgoVolumeMl = 0;
    double rightConsolidationVolumeMl = 0, leftConsolidationVolumeMl = 0;
    std::array<double, 6> lobeVolumeMl{};   // indexed by PhantomLobe (0 unused)
    std::array<double, 6> lobeOpacityMl{};  // GGO + consolidation per lobe
    double pulmonaryArteryVolumeMl = 0;     // truth == kPulmonaryArtery
    double embolusVolumeMl = 0;             // truth == kEmbolus
    double systemicEnhancementHu = 0;       // the value used (after the automatic rule)
    /// (GGO + consolidation) / lung volume x 100.
    double involvementPercent() const;
};

/// Generates the phantom. Deterministic for given parameters (any thread count). Throws
/// InvalidArgumentError for a non-positive size or spacing or a negative noise/blur sigma;
/// CancelledError on cancel.
ChestPhantom makeChestPhantom(const ChestPhantomParams& params, ProgressSink& progress = noProgress(),
                              const CancelToken& cancel = neverCancel());

nlohmann::json toJson(const ChestPhantomParams& params);
/// Truth summary: volumes, emboli, artery segments, label legend (no voxel data).
nlohmann::json toJson(const ChestPhantom& phantom);

}  // namespace tv
