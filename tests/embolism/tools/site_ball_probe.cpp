// site_ball_probe CT.nii.gz [ARTERY_MASK.nii.gz] [--raise HU] [--levels central,lobar,...] [--ratio R]
// [--spacing MM]: every insertion site of the site search (spacing 0: every ridge voxel that passes),
// one line each: source voxel, level, side, radius, the ridge voxel's widest enclosing lumen ball over
// its own radius, and whether the site was moved off that ridge (vessel_axis.h WiderBallRule; --ratio 0
// = the rule off). For choosing and checking WiderBallRule::maxRatio; not a test.
#include <iostream>
#include <sstream>
#include <string>

#include "evaluation/lesion_insertion.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 2) { std::cerr << "usage: site_ball_probe CT [ARTERY_MASK] [--raise HU] [--levels L,..]\n"; return 1; }
    try {
        tv::CtVolume ct = tv::readNiftiCt(argv[1]);
        std::optional<tv::LabelMap> ref;
        std::set<tv::VesselLevel> levels{tv::VesselLevel::Central, tv::VesselLevel::Lobar, tv::VesselLevel::Segmental};
        const tv::EmbolismParams p;
        std::optional<double> ratio;
        double spacing = 0;
        for (int a = 2; a < argc; ++a) {
            const std::string k = argv[a];
            if (k == "--ratio" && a + 1 < argc) ratio = std::stod(argv[++a]);
            else if (k == "--spacing" && a + 1 < argc) spacing = std::stod(argv[++a]);
            else if (k == "--raise" && a + 1 < argc) tv::raiseBloodPool(ct, std::stod(argv[++a]), p);
            else if (k == "--levels" && a + 1 < argc) {
                levels.clear();
                std::stringstream ss(argv[++a]);
                std::string l;
                while (std::getline(ss, l, ',')) levels.insert(l == "central" ? tv::VesselLevel::Central : l == "lobar" ? tv::VesselLevel::Lobar : tv::VesselLevel::Segmental);
            } else ref = tv::readNiftiLabelsOnGrid(k, ct.geometry());
        }
        tv::WiderBallRule rule;
        if (ratio) rule.maxRatio = *ratio;
        const auto sites = tv::findVesselSites(ct, p, spacing, 7, ref ? &*ref : nullptr, nullptr, nullptr, &levels, nullptr, rule);
        for (const auto& s : sites) {
            const Eigen::Vector3d v = ct.geometry().patientToVoxel(s.centerLps);
            std::cout << std::lround(v[0]) << " " << std::lround(v[1]) << " " << std::lround(v[2]) << " " << tv::toString(s.level) << " " << s.side
                      << " r " << s.radiusMm << " ridge_ratio " << s.offAxisRidgeRatio << " moved " << s.movedFromOffAxisRidge << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "site_ball_probe: " << e.what() << "\n";
        return 1;
    }
}
