// tree_side_census VOLUME.nii.gz [--raise HU] [--lung-bridges | --no-lung-bridges]: per lung side (working-grid column against the midline),
// per artery code (artery_levels.h ArteryCode), the arterial-tree voxels of the detector, those with a
// lumen radius of at least the segmental radius, and those of them inside the lung hull. Also the
// enhanced lumen (VesselTree::lumen) of that radius in each lung hull that the tree does not hold. For
// review: does the tree reach the segmental arteries of both lungs (validation sites, README "Embolus
// detector validation")? Not a test.
#include <array>
#include <iostream>
#include <string>

#include "detector_stages.h"
#include "evaluation/lesion_insertion.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 2) { std::cerr << "usage: tree_side_census VOLUME [--raise HU]\n"; return 1; }
    try {
        tv::CtVolume ct = tv::readNiftiCt(argv[1]);
        tv::EmbolismParams p;
        for (int a = 2; a < argc; ++a)
            if (std::string(argv[a]) == "--raise" && a + 1 < argc) tv::raiseBloodPool(ct, std::stod(argv[++a]), p);
            else if (std::string(argv[a]) == "--lung-bridges") p.lungBridges = true;  // lung_bridges.h: on by default since stop 44
            else if (std::string(argv[a]) == "--no-lung-bridges") p.lungBridges = false;
        const tv::tools::DetectorStages d = tv::tools::runDetectorStages(ct, p);
        const auto& s = d.sm;
        const int nx = s.nx(), ny = s.ny(), nz = s.nz();
        // [side][code][all, radius >= segmental, and in lung hull]
        std::array<std::array<std::array<long, 3>, 7>, 2> n{};
        std::array<long, 2> untreedLungLumen{}, treeInHull{}, lumenInHull{};
        for (int k = 0; k < nz; ++k)
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i) {
                    const std::size_t o = s.offset(i, j, k);
                    const int side = i > d.m.midlineX ? 1 : 0;  // working grid column: larger i = patient left
                    const int code = d.tree.connected[o];
                    const bool wide = d.tree.radius[o] >= p.segmentalRadiusMm;
                    if (d.m.lungHull[o] && code > 0) ++treeInHull[side];
                    if (d.m.lungHull[o] && d.tree.lumen[o]) ++lumenInHull[side];
                    if (code > 0 && code < 7) {
                        ++n[side][code][0];
                        if (wide) ++n[side][code][1];
                        if (wide && d.m.lungHull[o]) ++n[side][code][2];
                    } else if (code == 0 && d.tree.lumen[o] && wide && d.m.lungHull[o]) {
                        if (++untreedLungLumen[side] % 25 == 1)
                            std::cout << "untreed wide lung lumen, working voxel " << i << " " << j << " " << k << " radius " << d.tree.radius[o] << " HU " << s[o] << "\n";
                    }
                }
        const char* names[] = {"none", "central", "lobar", "segmental", "subsegmental", "mediastinal_branch", "via_heart"};
        for (int side = 0; side < 2; ++side) {
            std::cout << (side ? "left" : "right") << " (working voxels; all / radius>=" << p.segmentalRadiusMm
                      << " mm / and in lung hull)\n";
            for (int c = 1; c < 7; ++c)
                std::cout << "  " << names[c] << " " << n[side][c][0] << " / " << n[side][c][1] << " / " << n[side][c][2] << "\n";
            std::cout << "  in lung hull, any radius: tree " << treeInHull[side] << ", enhanced lumen " << lumenInHull[side] << "\n";
            std::cout << "  lumen not in tree, radius>=" << p.segmentalRadiusMm << " mm, in lung hull: " << untreedLungLumen[side] << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "tree_side_census: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
