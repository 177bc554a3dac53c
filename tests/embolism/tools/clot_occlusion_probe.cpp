// clot_occlusion_probe BACKGROUND.nii.gz INSERTED.nii.gz VALIDATION.json ROUND LABEL [LEVEL]: the occlusion
// measure of one inserted clot of a validation run (evaluation/clot_occlusion.h), with the shortest
// enhanced channel past it (working-grid and input-grid voxels, distance from the axis and position
// along it, smoothed HU before/after). BACKGROUND is the scan the round inserted into (pa-crop:
// ct_cropped.nii.gz; raised C3N: OUT/c3n-raised/raised.nii.gz; C3N as is: the NIfTI copy).
// PROBE_MASK=LABELS.nii.gz (e.g. pa-crop's pulmonary_artery.nii.gz): marks the channel's voxels
// inside that mask ("in mask"), to tell a channel in the artery from one through a touching vessel.
// Review tool for README "Embolus detector validation"; not a test.
#include <cstdlib>
#include <fstream>
#include <optional>
#include <iostream>
#include <nlohmann/json.hpp>

#include "embolism/embolism_params.h"
#include "evaluation/clot_occlusion.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 6) {
        std::cerr << "usage: clot_occlusion_probe BACKGROUND.nii.gz INSERTED.nii.gz VALIDATION.json ROUND LABEL [LEVEL]\n";
        return 1;
    }
    try {
        const tv::CtVolume bg = tv::readNiftiCt(argv[1]), ins = tv::readNiftiCt(argv[2]);
        std::ifstream in(argv[3]);
        const nlohmann::json run = nlohmann::json::parse(in);
        const auto& round = run.at("rounds").at(std::stoul(argv[4]));
        const int label = std::stoi(argv[5]);
        for (const auto& c : round.at("clots")) {
            if (c.at("label").get<int>() != label) continue;
            tv::ClotSpec spec;
            const auto v3 = [](const nlohmann::json& a) { return Eigen::Vector3d(a[0].get<double>(), a[1].get<double>(), a[2].get<double>()); };
            spec.site.centerLps = v3(c.at("center_lps_mm"));
            spec.site.axisLps = v3(c.at("axis_lps"));
            spec.site.radiusMm = c.at("radius_mm");
            spec.site.bloodHu = c.at("blood_hu");
            spec.lengthMm = c.at("length_mm");
            const std::string shape = c.at("shape");
            spec.shape = shape == "occlusive" ? tv::ClotShape::Occlusive : shape == "eccentric" ? tv::ClotShape::Eccentric : tv::ClotShape::Central;
            if (c.contains("occlusive_fill"))  // written only for a non-default fill (validation_run.cpp)
                spec.occlusiveFill = tv::occlusiveFillFromString(c.at("occlusive_fill").get<std::string>()).value_or(tv::OcclusiveFill::Cylinder);
            // Optional 6th argument: another level (the band of the artery's own blood narrows with it).
            const double threshold = argc > 6 ? std::stod(argv[6]) : round.at("lumen_threshold_hu").get<double>();
            const tv::EmbolismParams p;
            const tv::Image<float> before = tv::detectorSmoothedView(bg, p), after = tv::detectorSmoothedView(ins, p);
            const tv::ClotOcclusion o = tv::measureClotOcclusion(before, after, spec, threshold);
            std::cout << "threshold " << threshold << " sides " << o.sidesFound << " bypass " << o.bypass << " occludes " << o.occludes << " channel " << o.channelHu
                      << " section " << o.sectionAreaMm2 << " mm2 patent " << o.patentAreaMm2 << " share " << o.patentShare
                      << " clot end " << tv::clotEndReachMm(spec) << " mm\n";
            std::optional<tv::LabelMap> mask;
            if (const char* m = std::getenv("PROBE_MASK")) mask = tv::readNiftiLabelsOnGrid(m, bg.geometry());
            int inMask = 0;
            const tv::ImageGeometry& g = after.geometry();
            const Eigen::Vector3d a = spec.site.axisLps.normalized();
            for (const auto& w : o.bypassPath) {
                const Eigen::Vector3d lps = g.voxelToPatient(Eigen::Vector3d(w[0], w[1], w[2]));
                const Eigen::Vector3d x = lps - spec.site.centerLps, src = bg.geometry().patientToVoxel(lps);
                const double t = x.dot(a);
                std::cout << "  w[" << w[0] << "," << w[1] << "," << w[2] << "] src[" << std::lround(src[0]) << "," << std::lround(src[1]) << ","
                          << std::lround(src[2]) << "] t " << t << " rho " << (x - t * a).norm() << " before " << before.at(w[0], w[1], w[2])
                          << " after " << after.at(w[0], w[1], w[2]);
                const long si = std::lround(src[0]), sj = std::lround(src[1]), sk = std::lround(src[2]);
                if (mask && bg.geometry().contains(si, sj, sk) && mask->at(si, sj, sk)) {
                    std::cout << " in mask";
                    ++inMask;
                }
                std::cout << "\n";
            }
            if (mask) std::cout << inMask << " of " << o.bypassPath.size() << " channel voxels in the mask\n";
            return 0;
        }
        std::cerr << "no clot " << label << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
}
