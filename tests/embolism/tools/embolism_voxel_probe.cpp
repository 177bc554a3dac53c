// embolism_voxel_probe VOLUME.nii.gz I J K [I J K ...]: the lung bridges met, and for input-grid voxels, the
// detector's stage values at their working-grid voxel. Environment: TV_PE_PARAMS (a parameter file), TV_FILL_TRUTH
// (TRUTH.nii.gz:LABEL, that label raised to at least 400 HU first), TV_WRITE_FILLED (where to write the filled
// volume). Stage values at each voxel: raw and smoothed HU, the tree's lumen and code, the vessel zone (trunkVesselZone),
// and the thorax masks (lungs, lung hull, near lung, mediastinum, heart, aorta). Why a stretch of enhanced
// artery is or is not lumen (stop 52: the artery beyond a lobar occlusion). Review tool; not a test.
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <string>

#include "detector_stages.h"
#include "embolism/embolism_params_reader.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 5 || (argc - 2) % 3 != 0) { std::cerr << "usage: embolism_voxel_probe VOLUME.nii.gz I J K [I J K ...]\n"; return 1; }
    try {
        tv::CtVolume ct = tv::readNiftiCt(argv[1]);
        // TV_FILL_TRUTH=TRUTH.nii.gz:LABEL: that truth label's voxels raised to at least 400 HU first (as the
        // beyond-occlusion pass fills a found clot with the measured enhancement).
        if (const char* fillSpec = std::getenv("TV_FILL_TRUTH")) {
            const std::string spec = fillSpec;
            const auto colon = spec.rfind(':');
            const tv::LabelMap truth = tv::readNiftiLabelsOnGrid(spec.substr(0, colon), ct.geometry());
            const int label = std::stoi(spec.substr(colon + 1));
            for (std::size_t n = 0; n < truth.voxelCount(); ++n)
                if (truth[n] == label && ct.hu[n] < 400) ct.hu[n] = 400;
            if (const char* out = std::getenv("TV_WRITE_FILLED")) tv::writeNifti(ct, out);  // the filled volume, for embolism_review
        }
        const char* params = std::getenv("TV_PE_PARAMS");  // a --pe-params file (embolism_params_reader.h)
        const tv::EmbolismParams p = params ? tv::readEmbolismParamsFile(params) : tv::EmbolismParams{};
        const tv::tools::DetectorStages d = tv::tools::runDetectorStages(ct, p);
        for (const tv::LungBridge& b : d.tree.bridges)
            std::cout << "bridge: " << b.voxels << " voxels, slices " << b.k0 << '-' << b.k1 << ", tree faces " << b.treeFaces
                      << ", orphan faces " << b.orphanFaces << ", junction " << b.junctionMm2 << " mm2, joined " << b.joined << '\n';
        const tv::Mask zone = tv::trunkVesselZone(d.c);
        const auto& g = d.sm.geometry();
        std::cout << "lumen threshold " << d.tree.lumenThresholdHu << " HU\n";
        for (int a = 2; a + 2 < argc; a += 3) {
            const int i = std::stoi(argv[a]), j = std::stoi(argv[a + 1]), k = std::stoi(argv[a + 2]);
            const Eigen::Vector3d lps = ct.geometry().voxelToPatient(Eigen::Vector3d(i, j, k));
            const Eigen::Vector3d w = g.patientToVoxel(lps);
            const int wi = int(std::lround(w[0])), wj = int(std::lround(w[1])), wk = int(std::lround(w[2]));
            if (!g.contains(wi, wj, wk)) { std::cout << i << ' ' << j << ' ' << k << ": outside\n"; continue; }
            const std::size_t n = d.sm.offset(wi, wj, wk);
            std::cout << '[' << i << ',' << j << ',' << k << "] working (" << wi << ',' << wj << ',' << wk << ") raw " << d.wg.hu[n]
                      << " smoothed " << d.sm[n] << " lumen " << int(d.tree.lumen[n]) << " code " << int(d.tree.connected[n])
                      << " radius " << d.tree.radius[n] << " zone " << int(zone[n]) << " lungs " << int(d.m.lungs[n])
                      << " hull " << int(d.m.lungHull[n]) << " nearLung " << int(d.m.nearLung[n]) << " mediastinum "
                      << int(d.m.mediastinum[n]) << " heart " << int(d.m.heart[n]) << " aorta " << int(d.m.aorta[n]) << '\n';
        }
    } catch (const std::exception& e) {
        std::cerr << "embolism_voxel_probe: " << e.what() << '\n';
        return 1;
    }
}
