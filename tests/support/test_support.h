#pragma once
// Helpers shared by all test executables: where the real data lives, skipping when it is absent,
// scratch directories and running the built binary.
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

/// What a command line run through the shell left: its exit code and what it wrote to stdout and stderr.
struct CommandRun {
    int exitCode = -1;
    std::string out, err;
};

/// Runs `executable args` through the shell, stdout and stderr captured in files under `scratch`.
/// (Command-line tests: the built binary as a user runs it.)
CommandRun runCommand(const std::string& executable, const std::string& args, const std::filesystem::path& scratch);

/// The whole file as bytes ("" when it cannot be read).
std::string slurp(const std::filesystem::path& p);

/// The path in single quotes for a shell command line.
std::string shellQuoted(const std::filesystem::path& p);

/// Geometry of a synthetic phantom: nx x ny x nz voxels of sx x sy x sz mm, origin 0, axes along LPS.
tv::ImageGeometry grid(int nx, int ny, int nz, double sx = 1.0, double sy = 1.0, double sz = 1.0);

}  // namespace tvtest
