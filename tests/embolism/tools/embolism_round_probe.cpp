// embolism_round_probe VOLUME.nii.gz TRUTH.nii.gz LABEL [--near MM] [--all-levels] [--max-radius MM] [--window MM] [--branch-as-lobar] [--branch-near-lobar MM]:
// every centreline voxel of the arterial tree within --near mm (default 12) of truth lesion LABEL and
// what the round-section completion (core/embolism/round_sections.h) made of its section: the first
// test it failed with the fit's and the shares' numbers, and how many of the lesion's working voxels
// lie in the fitted circle's plane (within 0.75 mm) and inside it. --all-levels starts sections at
// every level (EmbolismParams::roundSectionCentral/Lobar/Segmental all on). Review tool (why an
// eccentric clot gets no round section); not a test.
// Stop 36 (why a clot's artery is not coded lobar, README "What limits the figures now"):
// [--regrade-other-truth | --regrade-all-truth [--fill-margin MM]] [--calibre-out DIR]: the tree regraded with the
// other lesions (or all) filled (vessel_tree.h regradeWithDefectsFilled), the widest-path calibre and level codes near
// the lesion before and after; [--tolerant-sections MM]: code 3/5 voxels whose calibre over an approximately closed
// radius map is lobar start sections; [--wide-as-lobar MM [--wide-as-lobar-5]]: code 3 (and 5) voxels with their own
// radius >= MM start sections. Stop 37: [--defects-out FILE] writes the round-section defect voxels (label = the
// fitted artery radius in 0.1 mm), and the defect voxels are tallied by that radius; the defect counts repeat a voxel
// once per section that marks it, so the distinct voxels are printed too.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "embolism/artery_levels.h"
#include "embolism/round_sections.h"
#include "embolism/volume_ops.h"
#include "embolism/working_grid.h"
#include "detector_stages.h"
#include "io/nifti_io.h"


namespace {
// Distance (mm) from working voxel `n` to the nearest lesion voxel (`truth`: grid millimetres).
double distanceToTruthMm(const tv::ImageGeometry& g, std::size_t n, const std::vector<Eigen::Vector3d>& truth) {
    const Eigen::Vector3d c(static_cast<double>(n % g.size[0]) * g.spacing[0], static_cast<double>((n / g.size[0]) % g.size[1]) * g.spacing[1],
                            static_cast<double>(n / (static_cast<std::size_t>(g.size[0]) * g.size[1])) * g.spacing[2]);
    double dmin = 1e30;
    for (const auto& q : truth) dmin = std::min(dmin, (q - c).norm());
    return dmin;
}

// The widest-path calibre's domain as arteryLevels builds it: the tree (`inTree`) and the tree outside the heart
// (`domain`, where paths may run).
struct CalibreDomain {
    tv::Mask inTree, domain;
};
CalibreDomain calibreDomain(const tv::VesselTree& tree, const tv::Mask& heart) {
    const tv::ImageGeometry& g = tree.connected.geometry();
    CalibreDomain d{tv::Mask(g, 0), tv::Mask(g, 0)};
    for (std::size_t n = 0; n < d.domain.voxelCount(); ++n) {
        d.inTree[n] = tree.connected[n] ? 1 : 0;
        d.domain[n] = tree.connected[n] && !(heart.voxelCount() && heart[n]) ? 1 : 0;
    }
    return d;
}

// Within `nearMm` of the lesion: the largest widest-path calibre (artery_levels.h, domain and seeds as
// arteryLevels builds them), the largest wall distance, and how many tree voxels lie in the hilar zone.
tv::Image<std::uint8_t> printCalibreNear(const char* what, const tv::VesselTree& tree, const tv::ThoraxMasks& m, const tv::EmbolismParams& p,
                      const std::vector<Eigen::Vector3d>& truth, double nearMm) {
    const tv::ImageGeometry& g = tree.connected.geometry();
    const auto [inTree, domain] = calibreDomain(tree, m.heart);
    const tv::Mask seeds = tv::trunkSeeds(inTree, tree.radius, m.heart, p);
    const auto B = tv::widestPathCalibreTenthMm(domain, tree.radius, seeds);
    const tv::Mask hilar = tv::hilarZone(inTree, tree.radius, m.heart, m.lungs, m.midlineX, p);
    int bMax = 0, hilarN = 0, treeN = 0;
    float rMax = 0;
    for (std::size_t n = 0; n < domain.voxelCount(); ++n) {
        if (!inTree[n] || distanceToTruthMm(g, n, truth) > nearMm) continue;
        ++treeN;
        bMax = std::max(bMax, int(B[n]));
        rMax = std::max(rMax, tree.radius[n]);
        hilarN += hilar[n] != 0;
    }
    std::cout << what << ": tree voxels within " << nearMm << " mm " << treeN << ", widest-path calibre max " << bMax / 10.0 << " mm, radius max "
              << rMax << " mm, in the hilar zone " << hilarN << "\n";
    return B;
}

// Approximate grey closing of `r` over the voxels of `domain`: a max, then a min, along each grid axis in
// turn over +-halfMm (voxels outside the domain take no part, so a line leaving the vessel stops counting):
// a narrowing shorter than the window between wider lumen on both sides is raised towards the lower side.
// A probe's test of the idea, not a true box or geodesic closing.
tv::Image<float> closeWithinDomain(const tv::Image<float>& r, const tv::Mask& domain, double halfMm) {
    const tv::ImageGeometry& g = r.geometry();
    const int n3[3] = {g.size[0], g.size[1], g.size[2]};
    const std::size_t strides[3] = {1, static_cast<std::size_t>(n3[0]), static_cast<std::size_t>(n3[0]) * n3[1]};
    const auto pass = [&](tv::Image<float>& img, bool isMax) {
        for (int axis = 0; axis < 3; ++axis) {
            const int w = static_cast<int>(std::round(halfMm / g.spacing[axis]));
            tv::Image<float> out = img;
            const int len = n3[axis];
            for (std::size_t base = 0; base < img.voxelCount(); ++base) {
                // base must be the first voxel of a line along `axis`
                const std::size_t pos = (base / strides[axis]) % static_cast<std::size_t>(len);
                if (pos != 0) continue;
                for (int t = 0; t < len; ++t) {
                    const std::size_t n = base + static_cast<std::size_t>(t) * strides[axis];
                    if (!domain[n]) continue;
                    float v = img[n];
                    for (int u = std::max(0, t - w); u <= std::min(len - 1, t + w); ++u) {
                        const std::size_t q = base + static_cast<std::size_t>(u) * strides[axis];
                        if (!domain[q]) continue;
                        v = isMax ? std::max(v, img[q]) : std::min(v, img[q]);
                    }
                    out[n] = v;
                }
            }
            img = std::move(out);
        }
    };
    tv::Image<float> c = r;
    pass(c, true);
    pass(c, false);
    for (std::size_t n = 0; n < c.voxelCount(); ++n) c[n] = domain[n] ? std::max(c[n], r[n]) : r[n];
    return c;
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) { std::cerr << "usage: embolism_round_probe VOLUME TRUTH LABEL [--near MM] [--all-levels] [--max-radius MM] [--window MM]\n"; return 1; }
    try {
        const tv::CtVolume ct = tv::readNiftiCt(argv[1]);
        const int label = std::stoi(argv[3]);
        double near = 12.0;
        bool branchAsLobar = false;
        bool regradeOtherTruth = false;  // --regrade-other-truth: the tree regraded with every other lesion filled
        bool regradeAllTruth = false;    // --regrade-all-truth: the lesion itself filled too
        std::string calibreOut;          // --calibre-out DIR: calibre maps before/after the regrade, levels after
        double fillMarginMm = 0;         // --fill-margin MM: the filled lesions grown by MM (not into lung or under -30 HU)
        double tolerantMm = 0;           // --tolerant-sections MM: code 3/5 voxels lobar by the calibre of the closed radius map
        double wideAsLobarMm = 0;        // --wide-as-lobar MM: code 3 voxels with their own radius >= MM start sections as lobar
        bool wideAsLobar5 = false;  // --wide-as-lobar-5: mediastinal-branch voxels too
        double branchNearLobarMm = 0;
        std::string defectsOut;          // --defects-out FILE: the round-section defect voxels (label = fitted radius in 0.1 mm, source grid)
        tv::EmbolismParams p;
        for (int a = 4; a < argc; ++a) {
            const std::string s = argv[a];
            if (s == "--near" && a + 1 < argc) near = std::stod(argv[++a]);
            else if (s == "--all-levels") p.roundSectionCentral = p.roundSectionLobar = p.roundSectionSegmental = true;
            else if (s == "--max-radius" && a + 1 < argc) p.roundSectionMaxRadiusMm = std::stod(argv[++a]);
            else if (s == "--window" && a + 1 < argc) p.roundSectionWindowMm = std::stod(argv[++a]);
            else if (s == "--branch-as-lobar") branchAsLobar = true;
            else if (s == "--regrade-other-truth") regradeOtherTruth = true;
            else if (s == "--wide-as-lobar-5") wideAsLobar5 = true;
            else if (s == "--wide-as-lobar" && a + 1 < argc) wideAsLobarMm = std::stod(argv[++a]);
            else if (s == "--tolerant-sections" && a + 1 < argc) tolerantMm = std::stod(argv[++a]);
            else if (s == "--fill-margin" && a + 1 < argc) fillMarginMm = std::stod(argv[++a]);
            else if (s == "--calibre-out" && a + 1 < argc) calibreOut = argv[++a];
            else if (s == "--defects-out" && a + 1 < argc) defectsOut = argv[++a];
            else if (s == "--regrade-all-truth") regradeOtherTruth = regradeAllTruth = true;
            else if (s == "--branch-near-lobar" && a + 1 < argc) { branchAsLobar = true; branchNearLobarMm = std::stod(argv[++a]); }
        }
        const tv::tools::DetectorStages st = tv::tools::runDetectorStages(ct, p);
        const tv::ImageGeometry& g = st.sm.geometry();
        const tv::LabelMap tw = tv::labelsToWorking(st.wg, tv::readNiftiLabelsOnGrid(argv[2], ct.geometry()));
        std::vector<Eigen::Vector3d> truth;
        for (std::size_t n = 0; n < tw.voxelCount(); ++n)
            if (tw[n] == label) {
                const auto i = static_cast<double>(n % tw.nx()), j = static_cast<double>((n / tw.nx()) % tw.ny()),
                           k = static_cast<double>(n / (static_cast<std::size_t>(tw.nx()) * tw.ny()));
                truth.emplace_back(i * g.spacing[0], j * g.spacing[1], k * g.spacing[2]);
            }
        std::cout << "truth " << label << ": " << truth.size() << " working voxels\n";
        // The candidate search's band test (candidates.cpp `masked` and `inBand`).
        // --branch-as-lobar: mediastinal-branch voxels (ArteryCode 5) start sections as lobar ones do (what a
        // clot that narrows its own artery, recoding it as a thin branch, would get from sections there).
        tv::VesselTree tree = st.tree;
        // --regrade-other-truth: the tree regraded with every other truth lesion filled (vessel_tree.h
        // regradeWithDefectsFilled; as the detector's regrade does with its reported findings), and the
        // level codes within --near mm of the lesion before and after.
        if (regradeOtherTruth) {
            std::vector<std::size_t> others;
            for (std::size_t n = 0; n < tw.voxelCount(); ++n)
                if (tw[n] && (regradeAllTruth || tw[n] != label)) others.push_back(n);
            if (fillMarginMm > 0) {
                tv::Mask filled(tw.geometry(), 0);
                for (const std::size_t n : others) filled[n] = 1;
                const tv::Mask grown = tv::dilateMm(filled, fillMarginMm);
                others.clear();
                for (std::size_t n = 0; n < grown.voxelCount(); ++n)
                    if (grown[n] && (filled[n] || (!st.m.lungs[n] && st.wg.hu[n] >= -30))) others.push_back(n);
            }
            const tv::LabelMap before = tree.connected;
            const auto bBefore = printCalibreNear("before the regrade", tree, st.m, p, truth, near);
            tv::regradeWithDefectsFilled(tree, st.m, others, p, tv::neverCancel());
            const auto bAfter = printCalibreNear("after the regrade", tree, st.m, p, truth, near);
            tv::clearTreeVoxels(tree, others);
            for (const std::size_t n : others) tree.lumen[n] = 0;  // the filled voxels stay tissue for the sections' band test
            std::map<std::string, int> change;
            for (std::size_t n = 0; n < tw.voxelCount(); ++n) {
                if (!before[n] && !tree.connected[n]) continue;
                if (distanceToTruthMm(g, n, truth) <= near) ++change[std::to_string(int(before[n])) + "->" + std::to_string(int(tree.connected[n]))];
            }
            // --calibre-out DIR: both widest-path calibre maps (tenths of a mm) and the level codes after.
            if (!calibreOut.empty()) {
                tv::writeNifti(tv::labelsToSource(st.wg, bBefore, ct.geometry()), std::filesystem::path(calibreOut) / "calibre_before.nii.gz");
                tv::writeNifti(tv::labelsToSource(st.wg, bAfter, ct.geometry()), std::filesystem::path(calibreOut) / "calibre_after.nii.gz");
                tv::writeNifti(tv::labelsToSource(st.wg, tree.connected, ct.geometry()), std::filesystem::path(calibreOut) / "levels_after.nii.gz");
            }
            std::cout << "regraded with " << others.size() << " lesion voxels filled; codes within " << near << " mm (before->after):";
            for (const auto& [k, n] : change) std::cout << " " << k << "=" << n;
            std::cout << "\n";
        }
        if (tolerantMm > 0) {
            const auto [inTree, domain] = calibreDomain(tree, st.m.heart);
            const tv::Image<float> rc = closeWithinDomain(tree.radius, domain, tolerantMm);
            const tv::Mask seeds = tv::trunkSeeds(inTree, tree.radius, st.m.heart, p);
            const auto bc = tv::widestPathCalibreTenthMm(domain, rc, seeds);
            std::map<int, int> recoded;
            int nearTruth = 0;
            for (std::size_t n = 0; n < domain.voxelCount(); ++n) {
                const auto code = tree.connected[n];
                if ((code == 3 || code == 5) && bc[n] >= std::lround(p.lobarRadiusMm * 10)) {
                    ++recoded[code];
                    tree.connected[n] = static_cast<std::uint8_t>(tv::ArteryCode::Lobar);
                    nearTruth += tw[n] != 0;
                }
            }
            std::cout << "tolerant calibre (closing half-width " << tolerantMm << " mm): recoded to lobar for sections: segmental " << recoded[3]
                      << ", mediastinal branch " << recoded[5] << " (on truth " << nearTruth << ")\n";
        }
        if (wideAsLobarMm > 0) {
            std::map<int, int> recoded;
            for (std::size_t n = 0; n < tree.connected.voxelCount(); ++n) {
                const auto code = tree.connected[n];
                if ((code == 3 || (code == 5 && wideAsLobar5)) && tree.radius[n] >= wideAsLobarMm) {
                    ++recoded[code];
                    tree.connected[n] = static_cast<std::uint8_t>(tv::ArteryCode::Lobar);
                }
            }
            std::cout << "wide as lobar (own radius >= " << wideAsLobarMm << " mm): segmental " << recoded[3] << ", mediastinal branch " << recoded[5] << "\n";
        }
        // --branch-near-lobar MM: only those within MM of a lobar voxel.
        if (branchAsLobar) {
            tv::Mask lobar(tree.connected.geometry(), 0);
            for (std::size_t n = 0; n < lobar.voxelCount(); ++n) lobar[n] = tree.connected[n] == static_cast<std::uint8_t>(tv::ArteryCode::Lobar) ? 1 : 0;
            const tv::Mask nearLobar = branchNearLobarMm > 0 ? tv::dilateMm(lobar, branchNearLobarMm) : tv::Mask();
            for (std::size_t n = 0; n < tree.connected.voxelCount(); ++n)
                if (tree.connected[n] == static_cast<std::uint8_t>(tv::ArteryCode::MediastinalBranch) && (branchNearLobarMm <= 0 || nearLobar[n]))
                    tree.connected[n] = static_cast<std::uint8_t>(tv::ArteryCode::Lobar);
        }
        const double floorHu = p.thrombusLowHu - p.defectFloorMarginHu;
        const double ceilHu = std::min(tree.lumenThresholdHu, p.thrombusHighHu + 0.3 * std::max(0.0, tree.bloodHu - p.thrombusHighHu));
        const auto band = [&](std::size_t n, double vesselR) {
            if (tree.lumen[n] || st.m.lungs[n] || st.m.heart[n] || (st.m.aorta.voxelCount() && st.m.aorta[n])) return false;
            const tv::Image<float>& v = vesselR < p.rawBandMaxVesselRadiusMm ? st.wg.hu : st.sm;
            return v[n] >= floorHu && v[n] < ceilHu;
        };
        std::vector<tv::RoundSectionRecord> recs;
        const auto defects = tv::findRoundSectionDefects(st.m, tree, band, p, tv::neverCancel(), &recs);
        int onTruth = 0;
        for (const auto& d : defects) onTruth += tw[d.offset] == label;
        std::cout << "round-section defect voxels " << defects.size() << ", on the truth " << onTruth << "; band " << floorHu << ".." << ceilHu << " HU\n";
        // Those counts repeat a voxel once per section that marks it (neighbouring centreline voxels' sections overlap).
        std::vector<std::size_t> distinct;
        for (const auto& d : defects) distinct.push_back(d.offset);
        std::sort(distinct.begin(), distinct.end());
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        const auto distinctOnTruth = std::count_if(distinct.begin(), distinct.end(), [&](std::size_t n) { return tw[n] == label; });
        std::cout << "distinct defect voxels " << distinct.size() << ", on the truth " << distinctOnTruth << "\n";
        // The defect voxels by the fitted artery radius (RoundSectionVoxel::radiusCode, 0.1 mm), all and on the truth.
        std::map<int, std::pair<int, int>> byRadius;
        for (const auto& d : defects) {
            auto& bin = byRadius[d.radiusCode / 5 * 5];
            ++bin.first;
            bin.second += tw[d.offset] == label;
        }
        std::cout << "defect voxels by fitted radius (0.1 mm bins of 5: all/on truth):";
        for (const auto& [r, n] : byRadius) std::cout << " " << r << ":" << n.first << "/" << n.second;
        std::cout << "\n";
        if (!defectsOut.empty()) {  // a voxel several sections mark keeps the widest fitted radius
            tv::LabelMap out(g, 0);
            for (const auto& d : defects) out[d.offset] = std::max({out[d.offset], std::uint8_t{1}, d.radiusCode});
            tv::writeNifti(tv::labelsToSource(st.wg, out, ct.geometry()), defectsOut);
        }
        std::map<std::string, int> tally;
        for (const auto& r : recs) {
            const Eigen::Vector3d c(static_cast<double>(r.offset % g.size[0]) * g.spacing[0], static_cast<double>((r.offset / g.size[0]) % g.size[1]) * g.spacing[1],
                                    static_cast<double>(r.offset / (static_cast<std::size_t>(g.size[0]) * g.size[1])) * g.spacing[2]);
            const double dmin = distanceToTruthMm(g, r.offset, truth);
            if (dmin > near) continue;
            ++tally[std::to_string(r.level) + ":" + tv::toString(r.stage)];
            std::cout << "(" << std::lround(c.x() / g.spacing[0]) << "," << std::lround(c.y() / g.spacing[1]) << "," << std::lround(c.z() / g.spacing[2])
                      << ") level " << int(r.level) << " r " << r.ridgeRadiusMm << " dist " << dmin << " stage " << tv::toString(r.stage);
            if (r.stage >= tv::RoundSectionStage::FewBoundary)
                std::cout << " comp " << r.componentSamples << " boundary " << r.boundarySamples << " outer " << r.outerSamples;
            if (r.stage >= tv::RoundSectionStage::TooWide) {
                std::cout << " fit R " << r.fit.radius << " arc " << r.fit.arcDeg << " rms " << r.fit.rmsMm << " off " << r.fit.centre.norm();
                int inPlane = 0, inCircle = 0;
                const Eigen::Vector3d w = r.u.cross(r.v);
                for (const auto& q : truth) {
                    const Eigen::Vector3d d = q - r.centre3;
                    if (std::abs(d.dot(w)) > 0.75) continue;
                    ++inPlane;
                    if (std::hypot(d.dot(r.u), d.dot(r.v)) <= r.fit.radius) ++inCircle;
                }
                std::cout << " truth_in_plane " << inPlane << " in_circle " << inCircle;
            }
            if (r.stage >= tv::RoundSectionStage::LumenShare) std::cout << " inside " << r.inside << " lumen " << r.lumen << " band " << r.band;
            std::cout << "\n";
        }
        std::cout << "tally (level:stage):";
        for (const auto& [k, n] : tally) std::cout << " " << k << "=" << n;
        std::cout << "\n";
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
    return 0;
}
