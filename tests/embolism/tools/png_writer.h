#pragma once
// Minimal RGB PNG writer (zlib only) for the embolism review tools: candidate snapshots must be
// viewable as ordinary images without pulling an imaging library into the test suite.
#include <cstdint>
#include <filesystem>
#include <vector>

namespace tvtest {

/// Writes `rgb` (width*height*3 bytes, row-major, top row first) as an 8-bit RGB PNG.
/// Throws tv::Error when the file cannot be written.
void writePngRgb(const std::filesystem::path& path, int width, int height, const std::vector<std::uint8_t>& rgb);

}  // namespace tvtest
