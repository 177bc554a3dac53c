#pragma once
// One analysis's share of `thromboview analyze`: a JSON section for analysis.json, its parameters
// and stage timings, and the label maps it writes. Each analysis (lung opacity, embolism, ...)
// provides one function that returns this; cmd_analyze.cpp only collects and writes them.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "image/image.h"

namespace tvapp {

struct AnalysisContribution {
    std::string name;               // key under "parameters" and "timing_ms", e.g. "lung_opacity"
    nlohmann::json sections;        // top-level keys merged into analysis.json, e.g. {"lungs":..,"opacity":..}
    nlohmann::json parameters;      // every parameter used, with its value
    nlohmann::json timingMs;        // stage -> milliseconds
    std::vector<std::pair<std::string, tv::LabelMap>> labelMaps;  // file name in --out DIR, label map
};

}  // namespace tvapp
