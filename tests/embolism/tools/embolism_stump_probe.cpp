// embolism_stump_probe VOLUME.nii.gz TRUTH.nii.gz LABEL [--raise HU] [--maps] [--all-rays] [--reach MM] [--ray-profile] [--gap-sections] [--pe-params FILE] [--plugs] [--no-lung-bridges]: why the complete-occlusion
// searches (core/embolism/stump_occlusions.h) do or do not take an inserted clot. Prints the clot's
// make-up on the working grid (lumen, tree codes, masks, thrombus band), the profile along its own
// principal axis (HU, lumen, code, band, plug disk and sleeve shares), and for every centreline voxel
// of the tree within 30 mm whose Hessian axis ray crosses the clot, the stump search's tests in
// order (lumen end, blunt ring, plug length, sleeve, lumen behind) with their numbers (a copy of plugAlong with
// the values printed). Also the tree codes of the lumen touching the clot (the gap search starts from
// cut-off pieces, code 5). --plugs (stop 36) runs the detector's findStumpPlugs on the whole scan and lists its plug
// voxels inside the lesion with their sizing radius. --ray-profile prints, per stump ray, the plug disk's shares beyond the lumen's end
// (plug tissue / lumen disk; then on its outer ring: a aorta mask, h above the band, f below it, H heart,
// L lungs, l lumen), to see what breaks a plug. --gap-sections (stops 47-48) prints each gap run's band-calibre disk per
// section as band samples of 17 and what the others are (L lumen, G lung, H heart or aorta, D above the band, F below
// it), and each mouth's lumen section across the run. Review tool for README "Embolus detector validation"; not a test.
#include <algorithm>
#include <array>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <Eigen/Eigenvalues>
#include <Eigen/Geometry>

#include "detector_stages.h"
#include "embolism/embolism_params_reader.h"
#include "embolism/hessian_axis.h"
#include "embolism/stump_occlusions.h"
#include "embolism/ray_geometry.h"
#include "embolism/working_grid.h"
#include "evaluation/lesion_insertion.h"
#include "io/nifti_io.h"

namespace {
using namespace tv::ray_geometry;
constexpr double kStep = kStepMm;

// The stump and gap searches' samplers (ray_geometry.h) on the working grid.
struct Probe {
    Grid grid;
    long long at(const Eigen::Vector3d& x) const { return grid.at(x); }
    template <typename T>
    double ring(const Eigen::Vector3d& x, const Eigen::Vector3d& d, double rho, T&& test) const {
        return ringShareAround(grid, x, d, rho, test);
    }
    template <typename T>
    double disk(const Eigen::Vector3d& x, const Eigen::Vector3d& d, double rho, T&& test) const {
        return diskShare(grid, x, d, rho, test);
    }
};

struct FarSection {
    Eigen::Vector3d centre;
    double radius = 0, spread = 0;
};
// The round section of the voxels passing `open` across d at q, as stump_occlusions.cpp measures it.
template <typename Open>
std::optional<FarSection> roundSectionOf(const Eigen::Vector3d& q, const Eigen::Vector3d& d, Open&& open, const Probe& pr, double maxRadius) {
    const auto c = sectionChords(q, d, open, pr.grid, maxRadius);
    if (!c) return std::nullopt;
    return FarSection{c->centre, 0.5 * c->smallestMm, c->thirdLargestMm / c->smallestMm};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: embolism_stump_probe VOLUME.nii.gz TRUTH.nii.gz LABEL [--raise HU] [--maps]\n";
        return 1;
    }
    try {
        tv::CtVolume ct = tv::readNiftiCt(argv[1]);
        const int label = std::stoi(argv[3]);
        tv::EmbolismParams p;
        bool maps = false, allRays = false, plugsInTruth = false;
        double reach = 30.0;
        bool rayProfile = false;
        bool gapSections = false;  // --gap-sections: each band-calibre tube section's disk share (where the min falls)
        // --pe-params FILE: the detector's parameters from a JSON file, read before the switches below.
        for (int a = 4; a + 1 < argc; ++a)
            if (std::string(argv[a]) == "--pe-params") p = tv::readEmbolismParamsFile(argv[a + 1]);
        for (int a = 4; a < argc; ++a) {
            if (std::string(argv[a]) == "--raise" && a + 1 < argc) tv::raiseBloodPool(ct, std::stod(argv[++a]), p);
            if (std::string(argv[a]) == "--maps") maps = true;
            if (std::string(argv[a]) == "--plugs") plugsInTruth = true;
            if (std::string(argv[a]) == "--all-rays") allRays = true;
            if (std::string(argv[a]) == "--ray-profile") rayProfile = true;
            if (std::string(argv[a]) == "--gap-sections") gapSections = true;
            if (std::string(argv[a]) == "--reach" && a + 1 < argc) reach = std::stod(argv[++a]);
            if (std::string(argv[a]) == "--no-lung-bridges") p.lungBridges = false;  // the tree without the lung bridges (on by default since stop 44)
        }
        const tv::tools::DetectorStages st = tv::tools::runDetectorStages(ct, p);
        const tv::Image<float>& s = st.sm;
        const tv::ThoraxMasks& m = st.m;
        const tv::VesselTree& tree = st.tree;
        const tv::ImageGeometry& g = s.geometry();
        const tv::LabelMap tw = tv::labelsToWorking(st.wg, tv::readNiftiLabelsOnGrid(argv[2], ct.geometry()));
        const double floorHu = p.thrombusLowHu - p.defectFloorMarginHu;
        const double ceilHu = std::min(tree.lumenThresholdHu, p.thrombusHighHu + 0.3 * std::max(0.0, tree.bloodHu - p.thrombusHighHu));
        const bool haveAorta = m.aorta.voxelCount() > 0;
        const auto plugTissue = [&](long long q) {
            return q >= 0 && !tree.lumen[q] && !m.lungs[q] && !m.heart[q] && !(haveAorta && m.aorta[q]) && s[q] >= floorHu && s[q] < ceilHu;
        };
        const auto isLumen = [&](long long q) { return q >= 0 && tree.lumen[q]; };
        const Probe pr{Grid{g}};
        // --plugs: the detector's own stump search (findStumpPlugs) on the whole scan; its plug voxels in the
        // lesion, by the radius code that sizes them (the stump's lumen radius) and by search (stump or gap).
        if (plugsInTruth) {
            std::map<std::string, int> tally;
            int all = 0;
            for (const tv::StumpPlugVoxel& v : tv::findStumpPlugs(s, m, tree, floorHu, ceilHu, p, tv::neverCancel())) {
                ++all;
                if (tw[v.offset] != label) continue;
                std::ostringstream key;
                key << (v.gap ? "gap" : "stump") << " r " << v.radiusCode / 10.0;
                ++tally[key.str()];
                std::cout << "  plug voxel (" << v.offset % s.nx() << "," << (v.offset / s.nx()) % s.ny() << ","
                          << v.offset / (static_cast<std::size_t>(s.nx()) * s.ny()) << ")\n";
            }
            std::cout << "stump search plug voxels " << all << "; in the lesion by search and radius:";
            for (const auto& [k, n] : tally) std::cout << " [" << k << "]=" << n;
            std::cout << "\n";
        }
        std::cout << "grid " << s.nx() << "x" << s.ny() << "x" << s.nz() << " spacing " << g.spacing.transpose() << "; band [" << floorHu << ","
                  << ceilHu << "), lumen threshold " << tree.lumenThresholdHu << ", blood " << tree.bloodHu << "\n";
        // The clot on the working grid.
        std::vector<std::size_t> clot;
        std::map<std::string, int> count;
        Eigen::Vector3d mean = Eigen::Vector3d::Zero();
        Eigen::Matrix3d cov = Eigen::Matrix3d::Zero();
        std::vector<float> hu;
        for (std::size_t n = 0; n < tw.voxelCount(); ++n) {
            if (tw[n] != label) continue;
            clot.push_back(n);
            const int i = static_cast<int>(n % s.nx()), j = static_cast<int>((n / s.nx()) % s.ny()),
                      k = static_cast<int>(n / (static_cast<std::size_t>(s.nx()) * s.ny()));
            const Eigen::Vector3d x(i * g.spacing[0], j * g.spacing[1], k * g.spacing[2]);
            mean += x;
            cov += x * x.transpose();
            hu.push_back(s[n]);
            count["lumen"] += tree.lumen[n] ? 1 : 0;
            count["tree"] += tree.connected[n] ? 1 : 0;
            count["lungs"] += m.lungs[n];
            count["heart"] += m.heart[n];
            count["aorta"] += haveAorta && m.aorta[n];
            count["hull"] += m.lungHull[n];
            count["plug_tissue"] += plugTissue(static_cast<long long>(n));
            count["above_ceil"] += s[n] >= ceilHu;
        }
        if (clot.empty()) throw std::runtime_error("label not found");
        const double nv = static_cast<double>(clot.size());
        mean /= nv;
        cov = cov / nv - mean * mean.transpose();
        Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(cov);
        const Eigen::Vector3d axis = eig.eigenvectors().col(2);
        std::sort(hu.begin(), hu.end());
        std::cout << "clot " << label << ": " << clot.size() << " working voxels, centre voxel (" << mean[0] / g.spacing[0] << ","
                  << mean[1] / g.spacing[1] << "," << mean[2] / g.spacing[2] << "), axis " << axis.transpose() << ", semi-axes (mm)";
        for (int a = 2; a >= 0; --a) std::cout << " " << std::sqrt(5.0 * std::max(0.0, eig.eigenvalues()[a]));
        std::cout << "; smoothed HU p10/50/90 " << hu[hu.size() / 10] << "/" << hu[hu.size() / 2] << "/" << hu[hu.size() * 9 / 10] << "\n ";
        for (const auto& [k, v] : count) std::cout << " " << k << "=" << v;
        std::cout << "\n";
        // Tree codes of the lumen touching the clot (within 2 voxels).
        std::map<int, int> touching;
        {
            std::vector<char> seen(s.voxelCount(), 0);
            for (const std::size_t n : clot) {
                const int i = static_cast<int>(n % s.nx()), j = static_cast<int>((n / s.nx()) % s.ny()),
                          k = static_cast<int>(n / (static_cast<std::size_t>(s.nx()) * s.ny()));
                for (int c = -2; c <= 2; ++c)
                    for (int b = -2; b <= 2; ++b)
                        for (int a = -2; a <= 2; ++a) {
                            if (!g.contains(i + a, j + b, k + c)) continue;
                            const std::size_t q = s.offset(i + a, j + b, k + c);
                            if (seen[q] || !tree.lumen[q] || tw[q] == label) continue;
                            seen[q] = 1;
                            ++touching[tree.connected[q]];
                        }
            }
        }
        std::cout << "lumen within 2 voxels of the clot by tree code (0 none, 1 central, 2 lobar, 3 seg, 4 subseg, 5 piece, 6 via heart):";
        for (const auto& [c, v] : touching) std::cout << " " << c << ":" << v;
        std::cout << "\n";
        // Axial maps of the clot's box (+6 voxels) on every second slice (--maps): X clot in the band, x clot
        // in the lumen, * clot otherwise; lumen by tree code C central, L lobar, S segmental, s subsegmental,
        // p cut-off piece, v via heart, o lumen outside the tree; . band tissue, + brighter non-lumen,
        // _ darker (fat), space lung, H heart, A aorta.
        if (maps) {
            int lo[3] = {1 << 30, 1 << 30, 1 << 30}, hi[3] = {-1, -1, -1};
            for (const std::size_t n : clot) {
                const int c3[3] = {static_cast<int>(n % s.nx()), static_cast<int>((n / s.nx()) % s.ny()),
                                   static_cast<int>(n / (static_cast<std::size_t>(s.nx()) * s.ny()))};
                for (int a = 0; a < 3; ++a) lo[a] = std::min(lo[a], c3[a] - 6), hi[a] = std::max(hi[a], c3[a] + 6);
            }
            for (int a = 0; a < 3; ++a) lo[a] = std::max(lo[a], 0), hi[a] = std::min(hi[a], g.size[a] - 1);
            for (int k = lo[2]; k <= hi[2]; k += 2) {
                std::cout << "k " << k << " (i " << lo[0] << ".." << hi[0] << " across, j " << lo[1] << ".." << hi[1] << " down)\n";
                for (int j = lo[1]; j <= hi[1]; ++j) {
                    std::string row;
                    for (int i = lo[0]; i <= hi[0]; ++i) {
                        const std::size_t q = s.offset(i, j, k);
                        char ch;
                        if (tw[q] == label) ch = plugTissue(static_cast<long long>(q)) ? 'X' : tree.lumen[q] ? 'x' : '*';
                        else if (tree.lumen[q]) ch = " CLSspv"[tree.connected[q] % 7], ch = tree.connected[q] ? ch : 'o';
                        else if (m.heart[q]) ch = 'H';
                        else if (haveAorta && m.aorta[q]) ch = 'A';
                        else if (m.lungs[q]) ch = ' ';
                        else if (plugTissue(static_cast<long long>(q))) ch = '.';
                        else ch = s[q] >= ceilHu ? '+' : '_';
                        row += ch;
                    }
                    std::cout << "  " << row << "\n";
                }
            }
        }
        // Profile along the clot's axis through its centre.
        const double rEst = std::sqrt(5.0 * std::max(0.0, eig.eigenvalues()[1]));
        std::cout << "profile along the clot axis (t mm, voxel, HU, lumen, code, plug tissue, lung/heart/aorta, truth, disk share rho="
                  << std::max(0.5 * rEst, std::min(0.8 * rEst, rEst - 1.2)) << ", sleeve share at " << std::max(1.6 * rEst, rEst + 2.5) << ")\n";
        for (double t = -40; t <= 40; t += 1.0) {
            const Eigen::Vector3d x = mean + t * axis;
            const long long q = pr.at(x);
            if (q < 0) continue;
            const int i = static_cast<int>(q % s.nx()), j = static_cast<int>((q / s.nx()) % s.ny()),
                      k = static_cast<int>(q / (static_cast<long long>(s.nx()) * s.ny()));
            std::cout << "  t " << std::setw(4) << t << " (" << i << "," << j << "," << k << ") " << std::setw(6) << std::lround(s[q]) << " L"
                      << int(tree.lumen[q] ? 1 : 0) << " c" << int(tree.connected[q]) << " P" << plugTissue(q) << " " << int(m.lungs[q])
                      << int(m.heart[q]) << int(haveAorta && m.aorta[q]) << " T" << (tw[q] == label) << " disk "
                      << pr.disk(x, axis, std::max(0.5 * rEst, std::min(0.8 * rEst, rEst - 1.2)), plugTissue) << " sleeve "
                      << pr.ring(x, axis, std::max(1.6 * rEst, rEst + 2.5), plugTissue) << " lumenDisk "
                      << pr.disk(x, axis, 0.6 * rEst, isLumen) << "\n";
        }
        // The stump search from centreline voxels (copy of plugAlong with its numbers).
        std::map<std::string, int> reasons;
        int ridges = 0, rays = 0;
        std::vector<char> inClot(s.voxelCount(), 0);
        for (const std::size_t n : clot) inClot[n] = 1;
        for (int k = 1; k < s.nz() - 1; ++k)
            for (int j = 1; j < s.ny() - 1; ++j)
                for (int i = 1; i < s.nx() - 1; ++i) {
                    const std::size_t n = s.offset(i, j, k);
                    if (!tree.connected[n] || m.heart[n]) continue;
                    const auto level = tv::levelOfCode(tree.connected[n]);
                    if (!level || *level == tv::VesselLevel::Subsegmental) continue;
                    const Eigen::Vector3d c(i * g.spacing[0], j * g.spacing[1], k * g.spacing[2]);
                    if ((c - mean).norm() > reach) continue;
                    const double r = tree.radius[n];
                    if (r < p.stumpMinRadiusMm || !tv::isRadiusRidge(tree.radius, i, j, k)) continue;
                    ++ridges;
                    const auto ax = tv::hessianAxis(tree.radius, tv::Index3{i, j, k}, r);
                    if (!ax) {
                        ++reasons["no_axis"];
                        continue;
                    }
                    for (const double sign : {1.0, -1.0}) {
                        const Eigen::Vector3d d = sign * *ax;
                        // Does the ray (up to 2 R + 40 mm) cross the clot?
                        double hitT = -1;
                        for (double t = 0; t <= 2 * r + 40; t += kStep) {
                            const long long q = pr.at(c + t * d);
                            if (q >= 0 && inClot[q]) {
                                hitT = t;
                                break;
                            }
                        }
                        if (hitT < 0 && !allRays) continue;
                        ++rays;
                        std::ostringstream o;
                        o << "  ridge (" << i << "," << j << "," << k << ") r " << r << " code " << int(tree.connected[n]) << " d "
                          << d.transpose() << " cos(clot axis) " << std::abs(d.dot(axis)) << " hits clot at t " << hitT << ": ";
                        const double maxEnd = p.stumpMaxEndDistanceRadii * r + g.spacing.maxCoeff();
                        double t0 = -1;
                        for (double t = kStep; t <= maxEnd; t += kStep) {
                            const long long q = pr.at(c + t * d);
                            if (q < 0) break;
                            if (!tree.lumen[q]) {
                                t0 = t;
                                break;
                            }
                        }
                        std::string why;
                        if (t0 < 0) {
                            why = "no_lumen_end";
                            o << "lumen does not end within " << maxEnd << " mm";
                        } else {
                            const double tb = std::max(0.0, t0 - 0.5 * r);
                            const double blunt = pr.ring(c + tb * d, d, p.stumpEndRadiusFraction * r, isLumen);
                            o << "lumen end t0 " << t0 << ", blunt ring " << blunt;
                            if (blunt < p.stumpMinDiskShare) {
                                why = "not_blunt";
                            } else {
                                const double rho = std::max(0.5 * r, std::min(p.stumpPlugDiskRadiusFraction * r, r - p.stumpPlugRimMm));
                                double last = -1, breakShare = -1, breakT = -1;
                                for (double t = t0 + p.stumpPlugStartMm; t <= t0 + p.stumpMaxPlugLengthMm; t += kStep) {
                                    const double share = pr.disk(c + t * d, d, rho, plugTissue);
                                    if (share < p.stumpMinDiskShare) {
                                        breakShare = share;
                                        breakT = t;
                                        break;
                                    }
                                    last = t;
                                }
                                const double need = std::max(p.stumpMinPlugLengthMm, p.stumpMinPlugLengthRadii * r);
                                o << ", plug to " << last << " (length " << last - t0 << ", need " << need << "; breaks at t " << breakT
                                  << " with disk share " << breakShare << ")";
                                if (rayProfile) {
                                    // Disk shares beyond the lumen's end: plug tissue, lumen, and neither.
                                    o << " [profile plug/lumen:";
                                    for (double t = t0; t <= t0 + 2.5 * r + 10 && t <= t0 + p.stumpMaxPlugLengthMm; t += kStep)
                                        o << " " << t - t0 << ":" << std::lround(100 * pr.disk(c + t * d, d, rho, plugTissue)) << "/"
                                          << std::lround(100 * pr.disk(c + t * d, d, rho, isLumen)) << "/a"
                                          << std::lround(100 * pr.ring(c + t * d, d, rho, [&](long long q) { return q >= 0 && haveAorta && m.aorta[q]; }))
                                          << "/h" << std::lround(100 * pr.ring(c + t * d, d, rho, [&](long long q) { return q >= 0 && !tree.lumen[q] && s[q] >= ceilHu; }))
                                          << "/f" << std::lround(100 * pr.ring(c + t * d, d, rho, [&](long long q) { return q >= 0 && s[q] < floorHu; }))
                                          << "/H" << std::lround(100 * pr.ring(c + t * d, d, rho, [&](long long q) { return q >= 0 && m.heart[q]; }))
                                          << "/L" << std::lround(100 * pr.ring(c + t * d, d, rho, [&](long long q) { return q >= 0 && m.lungs[q]; }))
                                          << "/l" << std::lround(100 * pr.ring(c + t * d, d, rho, isLumen));
                                    o << "]";
                                }
                                if (last < 0 || last - t0 < need) {
                                    why = "plug_short";
                                } else {
                                    const double sleeve = std::max(p.stumpSleeveRadii * r, r + p.stumpSleeveMinGapMm);
                                    double sum = 0;
                                    int sec = 0;
                                    for (double t = t0 + p.stumpPlugStartMm; t <= last; t += kStep, ++sec)
                                        sum += pr.ring(c + t * d, d, sleeve, plugTissue);
                                    o << ", sleeve share " << sum / sec << " (limit " << p.stumpMaxSleeveShare << ")";
                                    why = sum > p.stumpMaxSleeveShare * sec ? "sleeve" : "FOUND";
                                    // The artery leading up to its end (stump.ridge_upstream_radii): the lumen run behind c.
                                    const double upstreamNeed = p.stumpRidgeUpstreamRadii * r;
                                    const double run = lumenRunBehindMm(pr.grid, c, d, r, tree.lumen, p.stumpMinDiskShare, 10.0 * r);
                                    const double centreRun = lumenRunBehindMm(pr.grid, c, d, r, tree.lumen, 0.0, 10.0 * r);
                                    o << ", lumen behind " << run << " mm = " << run / r << " R (need " << upstreamNeed << "; centre only " << centreRun << " mm)";
                                    if (why == "FOUND" && upstreamNeed > 0 && std::abs(d.z()) >= p.stumpRidgeUpstreamMinAxisZ && run < upstreamNeed)
                                        why = "no_upstream";
                                }
                            }
                        }
                        ++reasons[why];
                        // --all-rays: also the rays of centreline voxels within 12 mm of the clot's centre that miss it.
                        if (hitT >= 0 || why == "FOUND" || (allRays && (c - mean).norm() <= 12.0)) std::cout << o.str() << " -> " << why << "\n";
                    }
                }
        std::cout << "stump search: " << ridges << " ridge voxels within " << reach << " mm, " << rays << " axis rays crossing the clot;";
        for (const auto& [k, v] : reasons) std::cout << " " << k << "=" << v;
        std::cout << "\n";

        // The gap search from cut-off pieces (copy of gapAlong with its numbers), for piece face voxels
        // within `reach` of the clot whose run crosses the clot.
        {
            const auto runTissue = [&](long long q) {
                return q >= 0 && !tree.lumen[q] && !m.lungs[q] && !m.heart[q] && !(haveAorta && m.aorta[q]) && s[q] >= floorHu &&
                       s[q] < tree.lumenThresholdHu;
            };
            const double boneHu = tv::ThoraxParams{}.boneHu;
            const auto untraced = [&](long long q) {
                return p.gapUntracedFarSide && q >= 0 && !tree.lumen[q] && !m.lungs[q] && !m.heart[q] && !(haveAorta && m.aorta[q]) &&
                       s[q] >= tree.lumenThresholdHu && s[q] <= boneHu;
            };
            std::map<std::string, int> why;
            int faces = 0;
            std::map<std::string, std::string> example;
            std::cout << "gap search: CNR " << tv::bloodClotCnr(tree.bloodHu, tree.noiseHu, p) << " (min " << p.gapMinCnr << ")\n";
            for (int k = 1; k < s.nz() - 1; ++k)
                for (int j = 1; j < s.ny() - 1; ++j)
                    for (int i = 1; i < s.nx() - 1; ++i) {
                        const std::size_t n = s.offset(i, j, k);
                        if (tree.connected[n] != static_cast<std::uint8_t>(tv::ArteryCode::MediastinalBranch) || m.heart[n]) continue;
                        const Eigen::Vector3d x(i * g.spacing[0], j * g.spacing[1], k * g.spacing[2]);
                        if ((x - mean).norm() > reach) continue;
                        const std::size_t nb[6] = {n - 1, n + 1, n - s.nx(), n + s.nx(), n - s.nx() * s.ny(), n + s.nx() * s.ny()};
                        if (!std::any_of(nb, nb + 6, [&](std::size_t q) { return runTissue(static_cast<long long>(q)); })) continue;
                        const double wideBall = p.faceNormalMinBallSpacings * g.spacing.maxCoeff();
                        for (int ball = 0; ball < (wideBall > 3.0 ? 2 : 1); ++ball) {
                        const auto normal = outwardNormal(tree.lumen, i, j, k, ball == 0 ? 3.0 : wideBall);
                        if (!normal) continue;
                        const Eigen::Vector3d d = *normal;
                        bool crosses = false;
                        for (double t = 0; t <= p.gapFaceSlackMm + p.gapMaxLengthMm && !crosses; t += kStep) {
                            const long long q = pr.at(x + t * d);
                            crosses = q >= 0 && inClot[q];
                        }
                        if (!crosses) continue;
                        ++faces;
                        std::ostringstream o;
                        o << "  face (" << i << "," << j << "," << k << ") d " << d.transpose() << ": ";
                        std::string r = "FOUND";
                        double t0 = -1, t1 = -1;
                        bool untracedFar = false;
                        for (double t = kStep; t <= p.gapFaceSlackMm + p.gapMaxLengthMm && t1 < 0 && r == "FOUND"; t += kStep) {
                            const long long q = pr.at(x + t * d);
                            if (t0 < 0) {
                                if (isLumen(q)) {
                                    if (t > p.gapFaceSlackMm) r = "not_at_face";
                                    continue;
                                }
                                if (!runTissue(q)) {
                                    r = "start_not_band";
                                    o << "start HU " << (q >= 0 ? s[q] : -9999) << " lung/heart/aorta " << (q >= 0 ? int(m.lungs[q]) : -1)
                                      << (q >= 0 ? int(m.heart[q]) : -1) << (q >= 0 && haveAorta ? int(m.aorta[q]) : 0) << "; ";
                                    break;
                                }
                                t0 = t;
                            } else if (isLumen(q)) {
                                t1 = t;
                            } else if (untraced(q)) {
                                t1 = t;
                                untracedFar = true;
                            } else if (!runTissue(q)) {
                                r = "run_broken";
                                o << "run t0 " << t0 << " broken at t " << t << " HU " << (q >= 0 ? s[q] : -9999) << " lung/heart/aorta "
                                  << (q >= 0 ? int(m.lungs[q]) : -1) << (q >= 0 ? int(m.heart[q]) : -1) << (q >= 0 && haveAorta ? int(m.aorta[q]) : 0)
                                  << " inClot " << (q >= 0 && inClot[q]) << "; ";
                            }
                        }
                        if (r == "FOUND" && (t0 < 0 || t1 < 0)) r = "no_far_side";
                        double gr = 0;
                        if (r == "FOUND") {
                            const Eigen::Vector3d mid = x + 0.5 * (t0 + t1) * d, u = d.unitOrthogonal(), v = d.cross(u);
                            std::array<double, 16> rch{};
                            for (int a = 0; a < 16; ++a) {
                                const double phi = 2.0 * kPi * a / 16;
                                const Eigen::Vector3d e = std::cos(phi) * u + std::sin(phi) * v;
                                double t = 0;
                                while (t + kStep <= p.gapMaxSectionRadiusMm && plugTissue(pr.at(mid + (t + kStep) * e))) t += kStep;
                                rch[a] = t + 0.5 * kStep;
                            }
                            std::array<double, 8> dia{};
                            for (int a = 0; a < 8; ++a) dia[a] = rch[a] + rch[a + 8];
                            std::sort(dia.begin(), dia.end());
                            gr = 0.5 * dia[p.gapCalibreDiameterRank];
                            const double len = t1 - t0;
                            o << "gap t " << t0 << ".." << t1 << " (len " << len << ") far " << (untracedFar ? "untraced" : "lumen") << " r " << gr
                              << " (diameters " << dia[0] << "/" << dia[2] << "/" << dia[7] << "); ";
                            if (gr < p.gapMinRadiusMm) r = "r_small";
                            else if (len < std::max(p.gapMinLengthMm, p.stumpMinPlugLengthRadii * gr)) r = "too_short";
                            else if (len > std::min(p.gapMaxLengthMm, p.gapMaxLengthRadii * gr)) r = "too_long";
                            else if (untracedFar && gr > std::max(p.gapUntracedMaxRadiusMm, p.wideOcclusionUntracedMaxRadiusMm)) r = "untraced_too_wide";
                            else if (untracedFar && gr > p.gapUntracedMaxRadiusMm) {
                                const double cal = mouthCalibre(x + (t0 - 0.5 * gr) * d, 0.5 * gr, tree.lumen, tree.radius);
                                o << "wide: near mouth calibre " << cal << "; ";
                                if (cal < p.wideOcclusionMinMouthRadiusMm) r = "wide_mouth_thin";
                            }
                        }
                        if (r == "FOUND") {
                            const auto fullMouth = [&](const Eigen::Vector3d& mouth, const char* name) {
                                const double cal = std::min(gr, mouthCalibre(mouth, 0.5 * gr, tree.lumen, tree.radius));
                                const double ring = pr.ring(mouth, d, p.stumpEndRadiusFraction * cal, isLumen);
                                o << name << " mouth lumen " << isLumen(pr.at(mouth)) << " calibre " << cal << " ring " << ring << "; ";
                                return isLumen(pr.at(mouth)) && cal >= p.gapMouthMinRadiusMm && ring >= p.stumpMinDiskShare;
                            };
                            if (gapSections) {
                                // Each mouth's lumen section across the run (half the smallest diameter, and the spread:
                                // third-largest over smallest diameter): a run into the side of a vessel meets a long section.
                                const auto mouthSection = [&](const Eigen::Vector3d& mouth, const char* name) {
                                    if (const auto sec = roundSectionOf(mouth, d, isLumen, pr, p.stumpFaceMaxRadiusMm))
                                        o << name << " section r " << sec->radius << " spread " << sec->spread << "; ";
                                    else
                                        o << name << " section: none; ";
                                };
                                mouthSection(x + (t0 - 0.5 * gr) * d, "near");
                                mouthSection(x + (t1 + 0.5 * gr) * d, "far");
                            }
                            if (!fullMouth(x + (t0 - 0.5 * gr) * d, "near")) r = "near_mouth";
                            else if (!untracedFar && !fullMouth(x + (t1 + 0.5 * gr) * d, "far")) r = "far_mouth";
                            else if (untracedFar) {
                                const Eigen::Vector3d mouth = x + (t1 + 0.5 * gr) * d;
                                const auto far = roundSectionOf(mouth, d, [&](long long q) { return isLumen(q) || untraced(q); }, pr, p.stumpFaceMaxRadiusMm);
                                if (!far) {
                                    r = "untraced_far_mouth_closed";
                                } else {
                                    o << "far section r " << far->radius << " spread " << far->spread << " off-axis " << (far->centre - mouth).norm() << "; ";
                                    const bool wide = gr > p.gapUntracedMaxRadiusMm;
                                    if (far->spread > p.gapUntracedMaxChordRatio) r = "untraced_far_spread";
                                    else if (far->radius < p.gapMouthMinRadiusMm || far->radius > gr) r = "untraced_far_radius";
                                    else if (wide && far->radius > p.wideOcclusionMaxFarRadiusMm) r = "wide_far_too_wide";
                                    else if ((far->centre - mouth).norm() > 0.5 * gr) r = "untraced_far_off_axis";
                                }
                            }
                        }
                        if (r == "FOUND") {
                            const double rho = std::max(0.5 * gr, std::min(p.stumpPlugDiskRadiusFraction * gr, gr - p.stumpPlugRimMm));
                            const double sleeve = std::max(p.stumpSleeveRadii * gr, gr + p.stumpSleeveMinGapMm);
                            const double ends = p.stumpPlugStartMm + 0.5 * g.spacing.maxCoeff();
                            double sum = 0, minDisk = 1;
                            int sec = 0;
                            std::ostringstream sections;
                            for (double t = t0 + ends; t <= t1 - ends; t += kStep, ++sec) {
                                const double share = pr.disk(x + t * d, d, rho, plugTissue);
                                minDisk = std::min(minDisk, share);
                                sum += pr.ring(x + t * d, d, sleeve, plugTissue);
                                if (gapSections) {
                                    // What the disk's samples that are not band are: lumen L, lung G, heart or aorta H,
                                    // too dense D (above the band: partial volume with contrast), too low F (fat).
                                    int nL = 0, nG = 0, nH = 0, nD = 0, nF = 0;
                                    forEachDiskSample(pr.grid, x + t * d, d, rho, [&](long long q) {
                                        if (q < 0 || plugTissue(q)) return;
                                        if (tree.lumen[q]) ++nL;
                                        else if (m.lungs[q]) ++nG;
                                        else if (m.heart[q] || (haveAorta && m.aorta[q])) ++nH;
                                        else if (s[q] >= ceilHu) ++nD;
                                        else ++nF;
                                    });
                                    sections << " " << t << ":" << std::lround(share * kDiskSamples);
                                    if (nL + nG + nH + nD + nF > 0) {
                                        sections << "(";
                                        if (nL) sections << "L" << nL;
                                        if (nG) sections << "G" << nG;
                                        if (nH) sections << "H" << nH;
                                        if (nD) sections << "D" << nD;
                                        if (nF) sections << "F" << nF;
                                        sections << ")";
                                    }
                                }
                            }
                            o << "min disk " << minDisk << " sleeve " << (sec ? sum / sec : -1) << "; ";
                            if (gapSections) o << "[disk rho " << rho << ", band samples of " << kDiskSamples << " per t:" << sections.str() << "] ";
                            {   // The same disk sized by the near mouth's lumen calibre when thinner than the gap's band
                                // calibre (a section fill spills into the periarterial band; s26-lostdiag).
                                const double nearCal = std::min(gr, mouthCalibre(x + (t0 - 0.5 * gr) * d, 0.5 * gr, tree.lumen, tree.radius));
                                const double rhoN = std::max(0.5 * nearCal, std::min(p.stumpPlugDiskRadiusFraction * nearCal, nearCal - p.stumpPlugRimMm));
                                const double sleeveN = std::max(p.stumpSleeveRadii * nearCal, nearCal + p.stumpSleeveMinGapMm);
                                // Centred on the near mouth's lumen section (EmbolismParams gapTubeAtMouthCalibre).
                                const Eigen::Vector3d nearMouth = x + (t0 - 0.5 * gr) * d;
                                Eigen::Vector3d shift = Eigen::Vector3d::Zero();
                                double widening = 0;  // EmbolismParams gapTubeMaxWideningBehind (0: no lumen there)
                                if (const auto sc = tv::ray_geometry::sectionChords(nearMouth, d, isLumen, tv::ray_geometry::Grid{g}, p.stumpFaceMaxRadiusMm)) {
                                    shift = sc->centre - nearMouth;
                                    shift -= shift.dot(d) * d;
                                    if (const auto behind = tv::ray_geometry::sectionChords(sc->centre - nearCal * d, d, isLumen, tv::ray_geometry::Grid{g},
                                                                                            p.stumpFaceMaxRadiusMm))
                                        widening = 0.5 * behind->smallestMm / nearCal;
                                }
                                const long long nearQ = tv::nearestVoxel(g, nearMouth);
                                const bool nearPiece = nearQ >= 0 && tree.lumen[nearQ] &&
                                                       tree.connected[nearQ] == static_cast<std::uint8_t>(tv::ArteryCode::MediastinalBranch);
                                const long long farQ = tv::nearestVoxel(g, x + (t1 + 0.5 * gr) * d);
                                const bool farViaHeart = farQ >= 0 && tree.lumen[farQ] &&
                                                         tree.connected[farQ] == static_cast<std::uint8_t>(tv::ArteryCode::ViaHeart);
                                // The detector's limits for this run (its far side is lumen here, not untraced).
                                const tv::MouthTubeLimits limits = tv::mouthTubeLimits(p, !untracedFar && farViaHeart);
                                o << "widening behind " << widening << ", near mouth in piece " << nearPiece << " (code "
                                  << (nearQ >= 0 ? static_cast<int>(tree.connected[nearQ]) : -1) << "), far mouth code "
                                  << (farQ >= 0 ? static_cast<int>(tree.connected[farQ]) : -1) << "; ";
                                double minDiskN = 1, sumN = 0;
                                int secN = 0;
                                for (double t = t0 + ends; t <= t1 - ends; t += kStep, ++secN) {
                                    minDiskN = std::min(minDiskN, pr.disk(x + t * d + shift, d, rhoN, plugTissue));
                                    sumN += pr.ring(x + t * d + shift, d, sleeveN, plugTissue);
                                }
                                o << "(at near-mouth calibre " << nearCal << ", centred " << shift.norm() << " mm off the run: disk rho " << rhoN << " min " << minDiskN << ", sleeve r " << sleeveN << " "
                                  << (secN ? sumN / secN : -1) << ") ";
                                const bool bandTube = sec > 0 && minDisk >= p.stumpMinDiskShare && sum <= p.stumpMaxSleeveShare * sec;
                                o << "offset/calibre " << shift.norm() / nearCal << "; ";
                                // The detector's choice (EmbolismParams gapTubeAtMouthCalibre, gapTubeMaxAxisOffsetCalibres).
                                // (gapTubeMouthInPiece, gapTubeMaxWideningBehind: the artery before the gap has that calibre).
                                if (!bandTube && p.gapTubeAtMouthCalibre && nearCal < gr && shift.norm() <= limits.maxAxisOffsetCalibres * nearCal) {
                                    if (limits.mouthInPiece && !nearPiece) {
                                        r = "mouth_not_piece";
                                    } else if (widening > limits.maxWideningBehind) {
                                        r = "mouth_widening";
                                    } else {
                                        minDisk = minDiskN;
                                        sum = sumN;
                                        sec = secN;
                                    }
                                }
                            }
                            if (r.rfind("mouth_", 0) == 0) {
                            } else if (sec == 0 || minDisk < p.stumpMinDiskShare) r = "disk";
                            else if (sum > p.stumpMaxSleeveShare * sec) r = "sleeve";
                        }
                        if (r == "FOUND" || r.rfind("untraced_far", 0) == 0 || r.rfind("wide", 0) == 0) {
                            // Distance from the gap's points to the heart mask (searched up to 40 mm).
                            double heartMm = 1e9;
                            for (double t = t0; t <= t1; t += 2.0) {
                                const Eigen::Vector3d y = x + t * d;
                                for (int c = -27; c <= 27; ++c)
                                    for (int b = -27; b <= 27; ++b)
                                        for (int a = -27; a <= 27; ++a) {
                                            const Eigen::Vector3d z = y + Eigen::Vector3d(a * g.spacing[0], b * g.spacing[1], c * g.spacing[2]);
                                            const double dist = (z - y).norm();
                                            if (dist >= heartMm || dist > 40) continue;
                                            const long long q = pr.at(z);
                                            if (q >= 0 && m.heart[q]) heartMm = dist;
                                        }
                            }
                            const long long nm = pr.at(x + (t0 - 0.5 * gr) * d);
                            o << "gap-heart distance " << heartMm << " mm; near mouth code " << (nm >= 0 ? int(tree.connected[nm]) : -1) << "; ";
                        }
                        if (r == "FOUND") {
                            const long long fm = pr.at(x + (t1 + 0.5 * gr) * d);
                            const int code = fm >= 0 ? tree.connected[fm] : -1;
                            o << "far mouth code " << code << "; ";
                            if (!untracedFar && !(tv::levelOfCode(static_cast<std::uint8_t>(std::max(code, 0))) || code == 6 || (p.gapFarMouthInPiece && code == 5))) {
                                r = "far_code";
                            } else if (!untracedFar && code == 5) {
                                // A gap between two pieces (EmbolismParams::gapFarMouthInPiece): the detector's limits
                                // (stump_occlusions.h gapBetweenPiecesFails).
                                if (const char* fails = tv::gapBetweenPiecesFails(gr, t1 - t0, m.heart, x + (t1 + 0.5 * gr) * d, p)) r = fails;
                            }
                        }
                        ++why[r];
                        if (example[r].size() < 400000) example[r] += o.str() + (ball ? " (wide ball)" : "") + " -> " + r + "\n";
                        if (r == "FOUND") break;
                        }
                    }
            for (const auto& [k, v] : example) std::cout << v;
            std::cout << "gap search: " << faces << " piece faces whose run crosses the clot;";
            for (const auto& [k, v] : why) std::cout << " " << k << "=" << v;
            std::cout << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "embolism_stump_probe: " << e.what() << "\n";
        return 2;
    }
}
