#pragma once
// The lung opacity analysis end to end: lungs, regions (zones, lobes), GGO / consolidation and
// scores. Parameters in, result out; both serialise to JSON (lung_analysis_json.h).
// Decision support for a qualified reader, not a diagnosis.
#include <array>
#include <map>
#include <string>
#include <vector>

#include "image/image.h"
#include "lung/fissures.h"
#include "lung/lung_params.h"
#include "lung/lung_regions.h"
#include "lung/opacity.h"
#include "util/progress.h"

namespace tv {

/// Volumes of one region (mL) and its involvement.
struct RegionStats {
    double lungMl = 0, ggoMl = 0, consolidationMl = 0;
    double opacityMl() const { return ggoMl + consolidationMl; }
    double percentOf(double ml) const { return lungMl > 0 ? 100.0 * ml / lungMl : 0.0; }
    double involvementPercent() const { return percentOf(opacityMl()); }
    int score = 0;  // CT severity lobe score (lobes) or six-zone zone score (zones)
};

struct LobeResult {
    RegionStats stats;
    std::string boundaryMethod;           // "fissure", "geometric" or "mixed"
    std::vector<std::string> boundaries;  // fissure surfaces that bound this lobe
    std::vector<std::string> boundaryShapes;  // per boundary: "quadratic" or "plane" (the prior is a plane)
    double posteriorLimitU = -1;              // RUL/RML: the middle lobe's posterior limit (u), else -1
};

struct SliceResult {
    int k = 0;            // slice index in the CT grid
    double zMm = 0;       // patient z of the slice centre
    double lungAreaMm2 = 0, opacityAreaMm2 = 0;
    double involvedFraction = 0;  // opacity area / lung area on this slice
    double confirmedLesionAreaMm2 = 0;  // area of lesions whose largest section passes the slice threshold
    bool involved = false;
    std::vector<std::string> lobesInvolved;
};

struct LungOpacityResult {
    RegionStats total, left, right;
    double airwayMl = 0;
    std::array<std::array<RegionStats, 3>, 2> zones;  // [Side][Zone]
    std::array<LobeResult, kLobeCount> lobes;
    int ctSeverityScore = 0;  // 0-25
    int sixZoneScore = 0;     // 0-24
    std::vector<SliceResult> slices;
    FissureSet fissures;
    double noiseHu = 0, smoothingSigmaMm = 0;
    OpacityStats opacityStats;
    bool airwayFound = false, lungsSeparated = false;
    double splitErosionMm = 0, airwayLumenThresholdHu = 0;
    std::map<std::string, double> timingMs;  // per stage, wall
    std::map<std::string, double> cpuMs;     // per stage, process CPU time (all threads; benchmarks)
    LabelMap lungLabels;     // full CT grid: 1 left lung, 2 right lung, 3 airway
    LabelMap opacityLabels;  // full CT grid: 1 GGO, 2 consolidation
    LabelMap lobeLabels;     // full CT grid: 1 RUL, 2 RML, 3 RLL, 4 LUL, 5 LLL
};

/// Runs every stage. Throws InvalidArgumentError (bad parameters, not an axial chest CT),
/// CancelledError.
LungOpacityResult analyzeLungOpacity(const CtVolume& ct, const LungOpacityParams& p, ProgressSink& progress,
                                     const CancelToken& cancel);

/// The "lungs" and "opacity" sections of analysis.json: {"lungs": {...}, "opacity": {...}}.
nlohmann::json toJson(const LungOpacityResult& r);

}  // namespace tv
