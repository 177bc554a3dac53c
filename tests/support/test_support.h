#pragma once
// Helpers shared by all test executables: where the real data lives, skipping when it is absent,
// and scratch directories.
#include <filesystem>
#include <string>

#include "image/geometry.h"

namespace tvtest {

/// ../shared/data (or $TV_SHARED_DATA when set).
std::filesystem::path sharedDataDir();

/// Returns sharedDataDir()/relative. When it does not exist, prints the reason and exits with code
/// 77, which CTest reports as "Skipped" (each CTest test runs exactly one test case).
std::filesystem::path requireSharedData(const std::string& relative);

/// A fresh empty directory under the build tree for this test's files.
std::filesystem::path scratchDir(const std::string& name);

/// Geometry of a synthetic phantom: nx x ny x nz voxels of sx x sy x sz mm, origin 0, axes along LPS.
tv::ImageGeometry grid(int nx, int ny, int nz, double sx = 1.0, double sy = 1.0, double sz = 1.0);

}  // namespace tvtest
