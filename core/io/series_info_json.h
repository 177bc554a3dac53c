#pragma once
// What `thromboview info` reports about a path, as JSON (the contract documented in README) and
// as a human-readable table. For DICOM, geometry comes from loading headers of each CT series.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace tv {

/// {"path":..., "series":[{"series_instance_uid", "study_instance_uid", "modality", "description",
///   "series_number", "images", "rows", "columns", "transfer_syntaxes":[...],
///   "geometry": {"size":[x,y,z], "spacing_mm":[...], "origin_lps_mm":[...], "direction":[9 values,
///   columns i,j,k]} or null with "geometry_error": "..."}], "skipped":[{"path","reason"}]}
nlohmann::json describeSeriesAt(const std::filesystem::path& path);

/// Table for terminals.
std::string formatSeriesTable(const nlohmann::json& info);

}  // namespace tv
