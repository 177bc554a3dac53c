// hilar_calibre_probe VOLUME.nii.gz [TRUTH.nii.gz] --at I J K [--half H] [--dk D]: ASCII maps of the
// detector's vessel zone around a working voxel (I J K on the working grid), per slice k-D..k+D:
// '#' tree lumen (VesselTree::lumen), 'b' blood the zone cuts (smoothed >= lumen threshold, <= bone HU,
// not aorta, not dense bone, not lumen), 'o' on the aorta mask, '.' lung, ' ' other; upper case
// or '*' where the truth (label > 0) lies: 'T' truth on tissue, '*' truth on lumen, 'B' truth on
// zone-cut blood. Also, per slice, the tree radius max in the box and the number of voxels per class.
// Review tool (s34-hilumzone): is the artery an occlusion sits in cut by the zone? Not a test.
#include <algorithm>
#include <iomanip>
#include <sstream>
#include <iostream>
#include <string>

#include "detector_stages.h"
#include "embolism/volume_ops.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 2) { std::cerr << "usage: hilar_calibre_probe VOLUME.nii.gz [TRUTH.nii.gz] --at I J K [--half H] [--dk D]\n"; return 1; }
    std::string vol = argv[1], truthPath;
    int ci = -1, cj = -1, ck = -1, half = 12, dk = 2, label = 0;
    for (int a = 2; a < argc; ++a) {
        const std::string s = argv[a];
        if (s == "--at" && a + 3 < argc) { ci = std::stoi(argv[++a]); cj = std::stoi(argv[++a]); ck = std::stoi(argv[++a]); }
        else if (s == "--half" && a + 1 < argc) half = std::stoi(argv[++a]);
        else if (s == "--dk" && a + 1 < argc) dk = std::stoi(argv[++a]);
        else if (s == "--label" && a + 1 < argc) label = std::stoi(argv[++a]);
        else truthPath = s;
    }
    const tv::CtVolume ct = tv::readNiftiCt(vol);
    const tv::EmbolismParams p;
    const tv::tools::DetectorStages d = tv::tools::runDetectorStages(ct, p);
    tv::LabelMap tw;
    if (!truthPath.empty()) tw = tv::labelsToWorking(d.wg, tv::readNiftiLabelsOnGrid(truthPath, ct.geometry()));
    const auto& sm = d.sm;
    const double thr = d.tree.lumenThresholdHu, bone = tv::ThoraxParams{}.boneHu;
    const bool haveAorta = d.m.aorta.voxelCount() > 0;
    std::cout << "lumen threshold " << thr << "\n";
    // The radius the tree would measure if the zone did not cut the blood: lumen or zone-cut blood, closed
    // like the lumen (2.5 mm) before its wall distance.
    tv::Mask all(sm.geometry(), 0);
    for (std::size_t n = 0; n < all.voxelCount(); ++n)
        all[n] = d.tree.lumen[n] || (!(haveAorta && d.m.aorta[n]) && !d.m.denseBone[n] && sm[n] >= thr && sm[n] <= bone) ? 1 : 0;
    const tv::Image<float> bloodRadius = tv::distanceInsideMm(tv::closeMm(all, 2.5));
    // The candidates' vessel radius rule (candidate_scoring.cpp): the largest radius within 2 working
    // voxels of any of its voxels; here of the truth label's voxels, on the tree and on the blood.
    if (label > 0 && tw.voxelCount()) {
        float rt = 0, rb = 0;
        int count = 0;
        for (int k = 0; k < sm.nz(); ++k)
            for (int j = 0; j < sm.ny(); ++j)
                for (int i = 0; i < sm.nx(); ++i) {
                    if (tw.at(i, j, k) != label) continue;
                    ++count;
                    for (int c = std::max(0, k - 2); c <= std::min(sm.nz() - 1, k + 2); ++c)
                        for (int b = std::max(0, j - 2); b <= std::min(sm.ny() - 1, j + 2); ++b)
                            for (int a = std::max(0, i - 2); a <= std::min(sm.nx() - 1, i + 2); ++a) {
                                rt = std::max(rt, d.tree.radius.at(a, b, c));
                                rb = std::max(rb, bloodRadius.at(a, b, c));
                            }
                }
        std::cout << "label " << label << ": " << count << " working voxels; radius within 2 voxels: tree " << rt << " mm, blood " << rb << " mm\n";
    }
    for (int k = ck - dk; k <= ck + dk; ++k) {
        if (k < 0 || k >= sm.nz()) continue;
        int nl = 0, nb = 0, tl = 0, tb = 0, tt = 0;
        float rmax = 0, bmax = 0;
        std::ostringstream rows;
        for (int j = cj - half; j <= cj + half; ++j) {
            if (j < 0 || j >= sm.ny()) continue;
            rows << std::setw(4) << j << " ";
            for (int i = ci - half; i <= ci + half; ++i) {
                if (i < 0 || i >= sm.nx()) { rows << ' '; continue; }
                const std::size_t n = sm.offset(i, j, k);
                const bool lumen = d.tree.lumen[n];
                const bool aorta = haveAorta && d.m.aorta[n];
                const bool blood = !lumen && !aorta && !d.m.denseBone[n] && sm[n] >= thr && sm[n] <= bone;
                const bool tr = tw.voxelCount() && tw[n];
                rmax = std::max(rmax, d.tree.radius[n]);
                bmax = std::max(bmax, bloodRadius[n]);
                nl += lumen; nb += blood;
                tl += tr && lumen; tb += tr && blood; tt += tr && !lumen && !blood;
                char ch = lumen ? '#' : blood ? 'b' : aorta ? 'o' : d.m.lungs[n] ? '.' : ' ';
                if (tr) ch = lumen ? '*' : blood ? 'B' : 'T';
                if (i == ci && j == cj && !tr) ch = '+';
                rows << ch;
            }
            rows << "\n";
        }
        std::cout << "k " << k << ": lumen " << nl << " zone-cut blood " << nb << " truth on lumen/cut blood/tissue " << tl << "/" << tb << "/" << tt
                  << " tree radius max " << rmax << " blood radius max " << bmax << "\n     i " << ci - half << ".." << ci + half << "\n" << rows.str();
    }
    return 0;
}
