// The 20 JPEG 2000 CT slices of ../shared/data/jpeg2000-ct decoded by tv::decodeJpeg2000 and
// compared, voxel by voxel through patient coordinates, with dcm2niix's conversion of the same files
// (dcm2niix also decodes with OpenJPEG, but through its own DICOM parser, fragment handling and
// rescaling). Tolerance: none. Transfer syntax .90 is lossless, so both must give the same stored
// values; HU = slope * stored + intercept on our side and scl_slope/scl_inter on dcm2niix's.
#include <dcmtk/dcmdata/dcfilefo.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <iostream>

#include "dicom/dicom_header.h"
#include "dicom/jpeg2000_decoder.h"
#include "io/nifti_io.h"
#include "test_support.h"

namespace {

std::vector<std::filesystem::path> sliceFiles(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("JPEG 2000 CT slices decode exactly as dcm2niix converts them", "[dicom][j2k][realdata]") {
    const auto dir = tvtest::requireSharedData("jpeg2000-ct");
    const auto files = sliceFiles(dir);
    REQUIRE(files.size() == 20);

    // dcm2niix into a scratch folder (uncompressed NIfTI, no BIDS sidecar).
    const auto scratch = tvtest::scratchDir("j2k_dcm2niix");
    const std::string cmd = "dcm2niix -z n -b n -f j2k -o '" + scratch.string() + "' '" + dir.string() +
                            "' > '" + (scratch / "dcm2niix.log").string() + "' 2>&1";
    INFO("dcm2niix is installed by scripts/install-deps.sh; command: " << cmd);
    REQUIRE(std::system(cmd.c_str()) == 0);
    const tv::CtVolume reference = tv::readNiftiCt(scratch / "j2k.nii");
    REQUIRE(reference.geometry().size[2] == 20);

    double decodeMs = 0, decodeCpuMs = 0;  // wall and CPU time (the machine may be shared)
    std::size_t compared = 0, differing = 0;
    int maxAbsDiff = 0;
    std::int32_t minStored = INT32_MAX, maxStored = INT32_MIN;
    for (const auto& file : files) {
        const tv::DicomImageHeader h = tv::readDicomImageHeader(file);
        REQUIRE(h.transferSyntaxUid == "1.2.840.10008.1.2.4.90");
        DcmFileFormat ff;
        REQUIRE(ff.loadFile(file.c_str()).good());
        const auto t0 = std::chrono::steady_clock::now();
        const std::clock_t c0 = std::clock();
        const std::vector<std::int32_t> stored = tv::decodeJpeg2000Frame(*ff.getDataset(), h, file.string());
        decodeCpuMs += 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
        decodeMs += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        REQUIRE(stored.size() == static_cast<std::size_t>(h.rows) * static_cast<std::size_t>(h.columns));

        REQUIRE(h.orientation.has_value());
        REQUIRE(h.position.has_value());
        REQUIRE(h.pixelSpacing.has_value());
        const auto& o = *h.orientation;
        const Eigen::Vector3d rowDir(o[0], o[1], o[2]), colDir(o[3], o[4], o[5]);
        const Eigen::Vector3d ipp((*h.position)[0], (*h.position)[1], (*h.position)[2]);
        const double rowSpacing = (*h.pixelSpacing)[0], colSpacing = (*h.pixelSpacing)[1];
        const Eigen::Affine3d toVoxel = reference.geometry().patientToVoxel();
        for (int r = 0; r < h.rows; ++r)
            for (int c = 0; c < h.columns; ++c) {
                const std::int32_t s = stored[static_cast<std::size_t>(r) * h.columns + c];
                minStored = std::min(minStored, s);
                maxStored = std::max(maxStored, s);
                const Eigen::Vector3d p = ipp + c * colSpacing * rowDir + r * rowSpacing * colDir;
                const Eigen::Vector3d v = toVoxel * p;
                const Eigen::Vector3d rounded = v.array().round();
                REQUIRE((v - rounded).cwiseAbs().maxCoeff() <
                        0.01);  // same grid, voxel centre on voxel centre
                const int i = static_cast<int>(rounded.x()), j = static_cast<int>(rounded.y()),
                          k = static_cast<int>(rounded.z());
                REQUIRE(reference.geometry().contains(i, j, k));
                const double hu =
                    std::clamp(std::round(h.rescaleSlope * s + h.rescaleIntercept), -32768.0, 32767.0);
                const int diff = std::abs(static_cast<int>(hu) - reference.hu.at(i, j, k));
                ++compared;
                if (diff != 0) ++differing;
                maxAbsDiff = std::max(maxAbsDiff, diff);
            }
    }
    std::cout << "jpeg2000-ct: " << files.size() << " slices, decode "
              << decodeMs / static_cast<double>(files.size()) << " ms/slice wall, "
              << decodeCpuMs / static_cast<double>(files.size()) << " ms/slice CPU (OpenJPEG "
              << tv::openJpegVersion() << "); " << compared << " voxels compared with dcm2niix, " << differing
              << " differ, max |diff| " << maxAbsDiff << " HU; stored range [" << minStored << ", "
              << maxStored << "]\n";
    CHECK(compared == 20u * 512u * 512u);
    CHECK(differing == 0);
    CHECK(maxAbsDiff == 0);
    // Not a blank image: CT values from air to bone.
    CHECK(maxStored - minStored > 1000);
}
