#include "real_data_checks.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <vector>

#include "io/nifti_io.h"

namespace fs = std::filesystem;

namespace tvtest {

double cornerMedianHu(const tv::CtVolume& ct, int k) {
    constexpr int n = 24;
    std::vector<int> values;
    const int nx = ct.hu.nx(), ny = ct.hu.ny();
    for (int cj : {0, ny - n})
        for (int ci : {0, nx - n})
            for (int j = cj; j < cj + n; ++j)
                for (int i = ci; i < ci + n; ++i) values.push_back(ct.hu.at(i, j, k));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2), values.end());
    return values[values.size() / 2];
}

std::optional<Agreement> compareWithDcm2niix(const tv::CtVolume& ct, const fs::path& dicomDir, const fs::path& scratch) {
    if (std::system("command -v dcm2niix > /dev/null 2>&1") != 0) {
        std::cout << "dcm2niix not installed: comparison skipped\n";
        return std::nullopt;
    }
    const std::string cmd = "dcm2niix -z n -b n -f ref -o '" + scratch.string() + "' '" + dicomDir.string() +
                            "' > '" + (scratch / "dcm2niix.log").string() + "' 2>&1";
    if (std::system(cmd.c_str()) != 0 || !fs::exists(scratch / "ref.nii")) {
        std::cout << "dcm2niix failed (see " << (scratch / "dcm2niix.log").string() << "): comparison skipped\n";
        return std::nullopt;
    }
    const tv::CtVolume ref = tv::readNiftiCt(scratch / "ref.nii");
    const Eigen::Affine3d ours2ref = ref.geometry().patientToVoxel() * ct.geometry().voxelToPatient();
    Agreement a;
    for (int k = 0; k < ct.hu.nz(); ++k)
        for (int j = 0; j < ct.hu.ny(); ++j)
            for (int i = 0; i < ct.hu.nx(); ++i) {
                const Eigen::Vector3d r = ours2ref * Eigen::Vector3d(i, j, k);
                const Eigen::Vector3d rounded = r.array().round();
                if ((r - rounded).cwiseAbs().maxCoeff() > 0.01) continue;
                const int ri = static_cast<int>(rounded.x()), rj = static_cast<int>(rounded.y()),
                          rk = static_cast<int>(rounded.z());
                if (!ref.geometry().contains(ri, rj, rk)) continue;
                ++a.compared;
                const int d = std::abs(int(ct.hu.at(i, j, k)) - int(ref.hu.at(ri, rj, rk)));
                if (d) ++a.differing;
                a.maxAbsDifference = std::max(a.maxAbsDifference, d);
            }
    return a;
}

}  // namespace tvtest
