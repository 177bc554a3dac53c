#pragma once
// Writes small synthetic CT series with DCMTK for the loader tests: a known voxel pattern, chosen
// geometry, and per-slice parameters that a test can spoil (position, orientation, spacing,
// modality, missing tags) before writing.
#include <Eigen/Geometry>
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tvtest {

enum class Encoding { ExplicitLittle, ImplicitLittle, ExplicitBig, JpegLossless, JpegLs, Rle, Mpeg2Unsupported };

struct SeriesSpec {
    int columns = 32;
    int rows = 32;
    int slices = 10;
    double rowSpacing = 0.7;     // PixelSpacing[0]: distance between rows (along j)
    double columnSpacing = 0.9;  // PixelSpacing[1]: distance between columns (along i)
    double sliceStep = 2.5;
    Eigen::Vector3d origin{-10.0, 20.0, -50.0};
    Eigen::Vector3d rowDirection{1, 0, 0};     // direction of increasing column index i
    Eigen::Vector3d columnDirection{0, 1, 0};  // direction of increasing row index j
    std::string modality = "CT";
    std::string studyUid;   // generated when empty
    std::string seriesUid;  // generated when empty
    std::string description = "synthetic";
    int seriesNumber = 1;
    double slope = 1.0;
    double intercept = -1024.0;
    int bitsStored = 16;
    bool signedPixels = false;
    std::uint16_t unusedHighBits = 0;  // set in bits above HighBit, which decoders must ignore
    Encoding encoding = Encoding::ExplicitLittle;
    std::string filePrefix = "slice_";
};

/// One file to write. `k` is the pattern index (true slice order along the normal).
struct SliceSpec {
    std::filesystem::path file;
    int k = 0;
    Eigen::Vector3d position;
    std::array<double, 6> orientation{};
    std::array<double, 2> pixelSpacing{};
    std::string modality;
    int instanceNumber = 0;
    bool writePosition = true;
};

/// Stored pixel value of voxel (i, j, k): unique per voxel, wrapped into the range BitsStored allows.
std::int32_t storedValue(const SeriesSpec& spec, int i, int j, int k);
/// The HU the loader must produce for voxel (i, j, k).
std::int16_t expectedHu(const SeriesSpec& spec, int i, int j, int k);

/// Slices in true order along the normal (fills UIDs of `spec` when empty). File names
/// `<dir>/<prefix>NN.dcm` with NN = k.
std::vector<SliceSpec> planSeries(const std::filesystem::path& dir, SeriesSpec& spec);
/// Writes every slice of `slices` with the series-level settings of `spec`.
void writeSlices(const SeriesSpec& spec, const std::vector<SliceSpec>& slices);
/// planSeries + writeSlices.
std::vector<SliceSpec> writeSeries(const std::filesystem::path& dir, SeriesSpec& spec);

/// Slice normal of a spec (row x column direction).
Eigen::Vector3d normalOf(const SeriesSpec& spec);

}  // namespace tvtest
