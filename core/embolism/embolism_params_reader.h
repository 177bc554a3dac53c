#pragma once
// Reading EmbolismParams back from the JSON that to_json writes (analysis.json "parameters" /
// "embolism"), so a user can run the detector with other parameters (thromboview analyze / evaluate
// --pe-params).
#include <string>

#include <nlohmann/json.hpp>

#include "embolism/embolism_params.h"

namespace tv {

/// The defaults with the keys `j` holds put over them: keys and nesting as to_json writes them, any
/// subset of them; "sources" is accepted and ignored. Throws InvalidArgumentError naming the key path
/// (e.g. "stump.min_radius_mm") for an unknown key, a value of the wrong type (a number where true or
/// false belongs, a fraction where an integer belongs, an array of the wrong length, a number where an
/// object belongs) or a value outside its range (validateEmbolismParams).
EmbolismParams embolismParamsFromJson(const nlohmann::json& j);

/// embolismParamsFromJson of the JSON file at `path` (thromboview analyze / evaluate --pe-params, and the
/// validation tools' --pe-params, so a validation run and a user's run read the same file the same way).
/// Throws UnreadableFileError when the file cannot be opened or is not JSON, InvalidArgumentError
/// starting with the path for a key embolismParamsFromJson refuses.
EmbolismParams readEmbolismParamsFile(const std::string& path);

/// Throws InvalidArgumentError naming the key of the first value outside its range
/// (embolism_params_fields.h: lengths, volumes and counts not negative, shares and fractions in [0, 1],
/// operating_point in [0, 1], thrombus_hu low < high, min <= max for the other pairs).
void validateEmbolismParams(const EmbolismParams& p);

}  // namespace tv
