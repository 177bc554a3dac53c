// embolism_round_probe VOLUME.nii.gz TRUTH.nii.gz LABEL [--near MM] [--all-levels] [--max-radius MM] [--window MM] [--branch-as-lobar] [--branch-near-lobar MM]:
// every centreline voxel of the arterial tree within --near mm (default 12) of truth lesion LABEL and
// what the round-section completion (core/embolism/round_sections.h) made of its section: the first
// test it failed with the fit's and the shares' numbers, and how many of the lesion's working voxels
// lie in the fitted circle's plane (within 0.75 mm) and inside it. --all-levels starts sections at
// every level (EmbolismParams::roundSectionCentral/Lobar/Segmental all on). Review tool (why an
// eccentric clot gets no round section); not a test.
#include <cmath>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "embolism/round_sections.h"
#include "embolism/volume_ops.h"
#include "embolism/working_grid.h"
#include "detector_stages.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 4) { std::cerr << "usage: embolism_round_probe VOLUME TRUTH LABEL [--near MM] [--all-levels] [--max-radius MM] [--window MM]\n"; return 1; }
    try {
        const tv::CtVolume ct = tv::readNiftiCt(argv[1]);
        const int label = std::stoi(argv[3]);
        double near = 12.0;
        bool branchAsLobar = false;
        double branchNearLobarMm = 0;
        tv::EmbolismParams p;
        for (int a = 4; a < argc; ++a) {
            const std::string s = argv[a];
            if (s == "--near" && a + 1 < argc) near = std::stod(argv[++a]);
            else if (s == "--all-levels") p.roundSectionCentral = p.roundSectionLobar = p.roundSectionSegmental = true;
            else if (s == "--max-radius" && a + 1 < argc) p.roundSectionMaxRadiusMm = std::stod(argv[++a]);
            else if (s == "--window" && a + 1 < argc) p.roundSectionWindowMm = std::stod(argv[++a]);
            else if (s == "--branch-as-lobar") branchAsLobar = true;
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
        std::map<std::string, int> tally;
        for (const auto& r : recs) {
            const Eigen::Vector3d c(static_cast<double>(r.offset % g.size[0]) * g.spacing[0], static_cast<double>((r.offset / g.size[0]) % g.size[1]) * g.spacing[1],
                                    static_cast<double>(r.offset / (static_cast<std::size_t>(g.size[0]) * g.size[1])) * g.spacing[2]);
            double dmin = 1e30;
            for (const auto& q : truth) dmin = std::min(dmin, (q - c).norm());
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
