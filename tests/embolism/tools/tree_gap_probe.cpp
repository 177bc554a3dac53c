// tree_gap_probe VOLUME.nii.gz [--raise HU] --from I J K [--relax HU] [--to-code C] [--piece] [--trunk-piece-min-mm3 X]: why is a lumen voxel (working grid)
// not in the detector's arterial tree? Prints the lumen component (VesselTree::lumen) holding it, then the
// cheapest 6-connected path from it to the tree through "blood" (smoothed or unsmoothed >= lumen threshold
// - relax, <= bone HU) to a tree voxel (of artery code C when given), stepping free on lumen voxels and paying 1 per voxel off the lumen, and for every
// voxel of the path off the lumen what excludes it: below the threshold, outside the vessel zone
// (nearLung or 3 mm around the trunk region and its pieces, vessel_tree.h trunkVesselZone), aorta mask, dense bone, heart. Review tool (s37-lefttree). Not a test.
#include <algorithm>
#include <cmath>
#include <deque>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

#include "detector_stages.h"
#include "evaluation/lesion_insertion.h"
#include "image/neighbours.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 2) { std::cerr << "usage: tree_gap_probe VOLUME [--raise HU] --from I J K [--relax HU]\n"; return 1; }
    try {
        tv::CtVolume ct = tv::readNiftiCt(argv[1]);
        tv::EmbolismParams p;
        int fi = -1, fj = -1, fk = -1;
        double relax = 0;
        int toCode = 0, mapHalf = 0, mapDk = 0;
        bool bridgeDiff = false;
        bool pieceReport = false;  // --piece: the start voxel's enhanced component as the contrast check's pieces see it
        double junctionMm = -1;  // --junction MM2: EmbolismParams::lungBridgeJunctionMinAreaMm2 of the bridged tree
        std::string refPath;
        for (int a = 2; a < argc; ++a) {
            const std::string s = argv[a];
            if (s == "--raise" && a + 1 < argc) tv::raiseBloodPool(ct, std::stod(argv[++a]), p);
            else if (s == "--from" && a + 3 < argc) { fi = std::stoi(argv[++a]); fj = std::stoi(argv[++a]); fk = std::stoi(argv[++a]); }
            else if (s == "--relax" && a + 1 < argc) relax = std::stod(argv[++a]);
            else if (s == "--to-code" && a + 1 < argc) toCode = std::stoi(argv[++a]);
            else if (s == "--bridge-diff") bridgeDiff = true;
            else if (s == "--piece") pieceReport = true;
            else if (s == "--trunk-piece-min-mm3" && a + 1 < argc) p.trunkPieceMinMm3 = std::stod(argv[++a]);  // EmbolismParams::trunkPieceMinMm3
            else if (s == "--junction" && a + 1 < argc) junctionMm = std::stod(argv[++a]);
            else if (s == "--ref" && a + 1 < argc) refPath = argv[++a];
            else if (s == "--map" && a + 2 < argc) { mapHalf = std::stoi(argv[++a]); mapDk = std::stoi(argv[++a]); }
        }
        const tv::tools::DetectorStages d = tv::tools::runDetectorStages(ct, p);
        if (bridgeDiff) {
            // The tree with the lung bridges (EmbolismParams::lungBridges) against the tree without them:
            // each component of the voxels that joined, its box and its voxels per artery code; and the
            // voxels whose code changed, per old -> new code.
            tv::EmbolismParams off = p, on = p;
            off.lungBridges = false;
            on.lungBridges = true;
            if (junctionMm >= 0) on.lungBridgeJunctionMinAreaMm2 = junctionMm;
            const tv::VesselTree old = tv::buildVesselTree(d.sm, d.m, d.c, off, tv::neverCancel(), &d.wg.hu);
            const tv::VesselTree bridged = tv::buildVesselTree(d.sm, d.m, d.c, on, tv::neverCancel(), &d.wg.hu);
            tv::Mask joined(d.sm.geometry(), 0);
            long change[7][7] = {};
            for (std::size_t n = 0; n < joined.voxelCount(); ++n) {
                joined[n] = bridged.connected[n] && !old.connected[n] ? 1 : 0;
                if (old.connected[n] && bridged.connected[n] && old.connected[n] != bridged.connected[n]) ++change[old.connected[n]][bridged.connected[n]];
            }
            const tv::Components cc = tv::connectedComponents(joined);
            const tv::ImageGeometry& g = joined.geometry();
            for (const tv::LungBridge& b : bridged.bridges)
                std::cout << "lung bridge " << b.voxels << " voxels k " << b.k0 << "-" << b.k1 << ", tree faces " << b.treeFaces << ", orphan faces "
                          << b.orphanFaces << ", junction " << b.junctionMm2 << " mm2, joined " << b.joined << "\n";
            std::cout << "carinaK " << d.m.carinaK << " valveK " << (d.m.carinaK >= 0 ? d.m.carinaK - p.valveBelowCarinaMm / g.spacing[2] : -1) << "\n";
            if (!refPath.empty()) {
                // A reference artery mask (pa-crop): how many joined and recoded voxels lie in it.
                const tv::LabelMap ref = tv::labelsToWorking(d.wg, tv::readNiftiLabelsOnGrid(refPath, ct.geometry()));
                long joinedIn = 0, joinedAll = 0, recodedIn = 0, recodedAll = 0, viaHeartIn = 0, viaHeartAll = 0;
                for (std::size_t n = 0; n < joined.voxelCount(); ++n) {
                    if (joined[n]) { ++joinedAll; joinedIn += ref[n] > 0; }
                    if (old.connected[n] == 6 && bridged.connected[n] != 6) { ++recodedAll; recodedIn += ref[n] > 0; }
                    if (old.connected[n] == 6) { ++viaHeartAll; viaHeartIn += ref[n] > 0; }
                }
                std::cout << "reference mask: joined " << joinedIn << " of " << joinedAll << ", via_heart recoded " << recodedIn << " of " << recodedAll
                          << ", via_heart before " << viaHeartIn << " of " << viaHeartAll << "\n";
            }
            for (int l = 1; l <= cc.count(); ++l) {
                if (cc.sizes[l] < 20) continue;
                int lo[3] = {1 << 30, 1 << 30, 1 << 30}, hi[3] = {-1, -1, -1};
                long codes[7] = {};
                for (std::size_t n = 0; n < joined.voxelCount(); ++n) {
                    if (cc.labels[n] != l) continue;
                    const int ijk[3] = {int(n % g.size[0]), int((n / g.size[0]) % g.size[1]), int(n / (std::size_t(g.size[0]) * g.size[1]))};
                    for (int a = 0; a < 3; ++a) { lo[a] = std::min(lo[a], ijk[a]); hi[a] = std::max(hi[a], ijk[a]); }
                    ++codes[bridged.connected[n]];
                }
                // Where the component touches the old tree: contacts per old code, their slices and radii.
                long contact[7] = {};
                int ck0 = 1 << 30, ck1 = -1;
                float rmax = 0, rmin = 1e9f;
                for (std::size_t n = 0; n < joined.voxelCount(); ++n) {
                    if (cc.labels[n] != l) continue;
                    tv::forEachFaceNeighbour(g.size, n, [&](std::size_t q) {
                        if (!old.connected[q] || joined[q]) return;
                        ++contact[old.connected[q]];
                        const int kq = int(q / (std::size_t(g.size[0]) * g.size[1]));
                        ck0 = std::min(ck0, kq); ck1 = std::max(ck1, kq);
                        rmax = std::max(rmax, old.radius[q]); rmin = std::min(rmin, old.radius[q]);
                    });
                }
                std::cout << "  contacts with the old tree per old code 1..6 " << contact[1] << "/" << contact[2] << "/" << contact[3] << "/" << contact[4] << "/"
                          << contact[5] << "/" << contact[6] << " k " << ck0 << "-" << ck1 << " old radius " << rmin << "-" << rmax << " mm\n";
                std::cout << "joined " << cc.sizes[l] << " voxels, i " << lo[0] << "-" << hi[0] << " j " << lo[1] << "-" << hi[1] << " k " << lo[2] << "-" << hi[2]
                          << ", codes central/lobar/seg/subseg/mediastinal/via_heart " << codes[1] << "/" << codes[2] << "/" << codes[3] << "/" << codes[4] << "/"
                          << codes[5] << "/" << codes[6] << "\n";
            }
            // The bridge blood itself (joined voxels that were not lumen before), per 6-connected component:
            // its box, its new codes, and its contacts with the old tree (codes, slices, radii).
            {
                tv::Mask blood(g, 0);
                for (std::size_t n = 0; n < blood.voxelCount(); ++n) blood[n] = joined[n] && !old.lumen[n] ? 1 : 0;
                const tv::Components bc = tv::connectedComponents(blood);
                for (int l = 1; l <= bc.count(); ++l) {
                    if (bc.sizes[l] < 20) continue;
                    int lo[3] = {1 << 30, 1 << 30, 1 << 30}, hi[3] = {-1, -1, -1};
                    long codes[7] = {}, contact[7] = {};
                    int ck0 = 1 << 30, ck1 = -1;
                    float rmax = 0, rmin = 1e9f;
                    long orphanFaces = 0;
                    double contactMm2 = 0;
                    for (std::size_t n = 0; n < blood.voxelCount(); ++n) {
                        if (bc.labels[n] != l) continue;
                        const int ijk[3] = {int(n % g.size[0]), int((n / g.size[0]) % g.size[1]), int(n / (std::size_t(g.size[0]) * g.size[1]))};
                        for (int a = 0; a < 3; ++a) { lo[a] = std::min(lo[a], ijk[a]); hi[a] = std::max(hi[a], ijk[a]); }
                        ++codes[bridged.connected[n]];
                        tv::forEachFaceNeighbour(g.size, n, [&](std::size_t q) {
                            if (old.lumen[q] && !old.connected[q]) ++orphanFaces;
                            if (!old.connected[q]) return;
                            ++contact[old.connected[q]];
                            const std::size_t step = q > n ? q - n : n - q;  // 1: i face, nx: j face, nx*ny: k face
                            contactMm2 += step == 1 ? g.spacing[1] * g.spacing[2] : step == std::size_t(g.size[0]) ? g.spacing[0] * g.spacing[2] : g.spacing[0] * g.spacing[1];
                            const int kq = int(q / (std::size_t(g.size[0]) * g.size[1]));
                            ck0 = std::min(ck0, kq); ck1 = std::max(ck1, kq);
                            rmax = std::max(rmax, old.radius[q]); rmin = std::min(rmin, old.radius[q]);
                        });
                    }
                    // Largest old-tree radius within 4, 6 and 8 mm of the contacts (the parent's calibre near the junction).
                    float near4 = 0, near6 = 0, near8 = 0;
                    for (std::size_t n = 0; n < blood.voxelCount(); ++n) {
                        if (bc.labels[n] != l) continue;
                        tv::forEachFaceNeighbour(g.size, n, [&](std::size_t q) {
                            if (!old.connected[q] || joined[q]) return;
                            const int qi = int(q % g.size[0]), qj = int((q / g.size[0]) % g.size[1]), qk = int(q / (std::size_t(g.size[0]) * g.size[1]));
                            for (int dk = -3; dk <= 3; ++dk)
                                for (int dj = -7; dj <= 7; ++dj)
                                    for (int di = -7; di <= 7; ++di) {
                                        const int a = qi + di, b2 = qj + dj, c2 = qk + dk;
                                        if (a < 0 || b2 < 0 || c2 < 0 || a >= g.size[0] || b2 >= g.size[1] || c2 >= g.size[2]) continue;
                                        const std::size_t m2 = old.connected.offset(a, b2, c2);
                                        if (!old.connected[m2]) continue;
                                        const double dd = std::hypot(di * g.spacing[0], dj * g.spacing[1], dk * g.spacing[2]);
                                        if (dd <= 4) near4 = std::max(near4, old.radius[m2]);
                                        if (dd <= 6) near6 = std::max(near6, old.radius[m2]);
                                        if (dd <= 8) near8 = std::max(near8, old.radius[m2]);
                                    }
                        });
                    }
                    std::cout << "  old-tree radius near the contacts: within 4 mm " << near4 << ", 6 mm " << near6 << ", 8 mm " << near8 << "\n";
                    std::cout << "bridge blood " << bc.sizes[l] << " voxels, i " << lo[0] << "-" << hi[0] << " j " << lo[1] << "-" << hi[1] << " k " << lo[2] << "-" << hi[2]
                              << ", new codes 1..6 " << codes[1] << "/" << codes[2] << "/" << codes[3] << "/" << codes[4] << "/" << codes[5] << "/" << codes[6]
                              << "; tree contacts per old code 1..6 " << contact[1] << "/" << contact[2] << "/" << contact[3] << "/" << contact[4] << "/"
                              << contact[5] << "/" << contact[6] << " k " << ck0 << "-" << ck1 << " old radius " << rmin << "-" << rmax
                              << " mm, contact area " << contactMm2 << " mm2; faces on orphan lumen " << orphanFaces << "\n";
                }
            }
            for (int a = 1; a < 7; ++a)
                for (int b = 1; b < 7; ++b)
                    if (change[a][b]) std::cout << "code " << a << " -> " << b << ": " << change[a][b] << " voxels\n";
            return 0;
        }
        const auto& sm = d.sm;
        const auto& raw = d.wg.hu;
        const tv::ImageGeometry& g = sm.geometry();
        const double thr = d.tree.lumenThresholdHu, bone = tv::ThoraxParams{}.boneHu;
        const tv::Mask trunkZone = tv::trunkVesselZone(d.c);  // with the trunk pieces (stop 39)
        const bool haveAorta = d.m.aorta.voxelCount() > 0;
        std::cout << "lumen threshold " << thr << " blood " << d.c.paEnhancementHu << " noise " << d.c.paNoiseHu << " midlineX " << d.m.midlineX
                  << " grid " << sm.nx() << "x" << sm.ny() << "x" << sm.nz() << "\n";
        const std::size_t start = sm.offset(fi, fj, fk);
        // Lumen component of the start voxel.
        const tv::Components cc = tv::connectedComponents(d.tree.lumen);
        const int lab = cc.labels[start];
        std::cout << "start: lumen " << int(d.tree.lumen[start]) << " tree code " << int(d.tree.connected[start]) << " component size "
                  << (lab ? cc.sizes[lab] : 0) << "\n";
        if (pieceReport) {
            // The contrast check's components (contrast_check.cpp) are enhanced blood at its half-way level in the
            // mediastinum or near a lung; the level is not exported, so the trunk component's darkest smoothed voxel
            // stands for it. The start voxel's component at that level, 6-connected: its size, its intrapulmonary
            // voxels (near a lung, off the mediastinum) and whether it holds trunk or piece voxels.
            float level = 1e9f;
            for (std::size_t n = 0; n < sm.voxelCount(); ++n)
                if (d.c.trunk[n]) level = std::min(level, sm[n]);
            std::vector<char> piece(sm.voxelCount(), 0);
            for (const std::size_t n : d.c.trunkPieceVoxels) piece[n] = 1;
            auto enhanced = [&](std::size_t n) {
                return (d.m.mediastinum[n] || d.m.nearLung[n]) && !d.m.denseBone[n] && sm[n] >= level && sm[n] <= 800;
            };
            std::cout << "trunk pieces " << d.c.trunkPieceCount << " (" << d.c.trunkPieceVoxels.size() << " voxels); trunk level "
                      << level << " HU; start enhanced " << enhanced(start) << "\n";
            if (enhanced(start)) {
                std::vector<char> seen(sm.voxelCount(), 0);
                std::deque<std::size_t> queue{start};
                seen[start] = 1;
                long size = 0, intrapulmonary = 0, inTrunk = 0, inPiece = 0, inHeart = 0, inAorta = 0;
                while (!queue.empty()) {
                    const std::size_t n = queue.front();
                    queue.pop_front();
                    ++size;
                    intrapulmonary += d.m.nearLung[n] && !d.m.mediastinum[n];
                    inTrunk += d.c.trunk[n] != 0;
                    inPiece += piece[n];
                    inHeart += d.m.heart[n] != 0;
                    inAorta += haveAorta && d.m.aorta[n];
                    tv::forEachFaceNeighbour(g.size, n, [&](std::size_t q) {
                        if (!seen[q] && enhanced(q)) { seen[q] = 1; queue.push_back(q); }
                    });
                }
                std::cout << "start component " << size << " voxels (" << size * g.voxelVolumeMm3() << " mm3), intrapulmonary "
                          << intrapulmonary << ", trunk " << inTrunk << ", piece " << inPiece << ", heart " << inHeart << ", aorta " << inAorta << "\n";
            }
        }
        auto flags = [&](std::size_t n) {
            std::string f;
            const bool blood = sm[n] >= thr && sm[n] <= bone;
            if (!blood) f += " below_thr(sm)";
            if (!(d.m.nearLung[n] || trunkZone[n])) f += " out_of_zone";
            if (haveAorta && d.m.aorta[n]) f += " aorta";
            if (d.m.denseBone[n]) f += " dense_bone";
            if (d.m.heart[n]) f += " heart";
            if (d.m.lungHull[n]) f += " hull";
            if (d.m.lungs[n]) f += " lungs";
            if (d.m.mediastinum[n]) f += " mediastinum";
            if (d.m.nearLung[n]) f += " nearLung";
            return f;
        };
        if (lab) {
            long bx0 = 1 << 30, bx1 = -1, by0 = 1 << 30, by1 = -1, bz0 = 1 << 30, bz1 = -1;
            long nb = 0, nAorta = 0, nZone = 0, nBone = 0, nThr = 0, nHeart = 0;
            for (std::size_t n = 0; n < cc.labels.voxelCount(); ++n) {
                if (cc.labels[n] != lab) continue;
                const int i = int(n % g.size[0]), j = int((n / g.size[0]) % g.size[1]), k = int(n / (std::size_t(g.size[0]) * g.size[1]));
                bx0 = std::min<long>(bx0, i); bx1 = std::max<long>(bx1, i); by0 = std::min<long>(by0, j); by1 = std::max<long>(by1, j);
                bz0 = std::min<long>(bz0, k); bz1 = std::max<long>(bz1, k);
                tv::forEachFaceNeighbour(g.size, n, [&](std::size_t q) {
                    if (d.tree.lumen[q]) return;
                    const bool blood = (sm[q] >= thr || raw[q] >= thr) && sm[q] <= bone;
                    if (!blood) { ++nThr; return; }
                    ++nb;
                    if (!(d.m.nearLung[q] || trunkZone[q])) ++nZone;
                    if (haveAorta && d.m.aorta[q]) ++nAorta;
                    if (d.m.denseBone[q]) ++nBone;
                    if (d.m.heart[q]) ++nHeart;
                });
            }
            std::cout << "component box i " << bx0 << "-" << bx1 << " j " << by0 << "-" << by1 << " k " << bz0 << "-" << bz1
                      << "; off-lumen blood faces " << nb << " (out of zone " << nZone << ", aorta " << nAorta << ", dense bone " << nBone
                      << ", heart " << nHeart << "), faces below threshold " << nThr << "\n";
        }
        // ASCII maps around the start voxel: tree code digit, 'L' lumen not tree, 'b' blood off the
        // lumen (zone-cut), 'a' aorta mask, 'x' dense bone, '.' lung, 'h' heart (tissue), 'm' mediastinum.
        for (int k = std::max(0, fk - mapDk); mapHalf > 0 && k <= std::min(sm.nz() - 1, fk + mapDk); ++k) {
            std::cout << "slice k " << k << " (rows j " << fj - mapHalf << ".." << fj + mapHalf << ", columns i " << fi - mapHalf << ".." << fi + mapHalf << ")\n";
            for (int j = std::max(0, fj - mapHalf); j <= std::min(sm.ny() - 1, fj + mapHalf); ++j) {
                std::string row;
                for (int i = std::max(0, fi - mapHalf); i <= std::min(sm.nx() - 1, fi + mapHalf); ++i) {
                    const std::size_t n = sm.offset(i, j, k);
                    char ch = ' ';
                    if (d.tree.connected[n]) ch = char('0' + d.tree.connected[n]);
                    else if (d.tree.lumen[n]) ch = 'L';
                    else if (haveAorta && d.m.aorta[n]) ch = 'a';
                    else if (d.m.denseBone[n]) ch = 'x';
                    else if ((sm[n] >= thr || raw[n] >= thr) && sm[n] <= bone) ch = 'b';
                    else if (d.m.lungs[n]) ch = '.';
                    else if (d.m.heart[n]) ch = 'h';
                    else if (d.m.mediastinum[n]) ch = 'm';
                    if (i == fi && j == fj) ch = '@';
                    row += ch;
                }
                std::cout << (j % 5 == 0 ? "|" : " ") << row << "\n";
            }
        }
        // 0-1 BFS to the tree.
        const double cut = thr - relax;
        std::vector<int> dist(sm.voxelCount(), std::numeric_limits<int>::max());
        std::vector<std::size_t> prev(sm.voxelCount(), std::size_t(-1));
        std::deque<std::size_t> q;
        dist[start] = 0;
        q.push_back(start);
        std::size_t hit = std::size_t(-1);
        while (!q.empty()) {
            const std::size_t n = q.front();
            q.pop_front();
            if (d.tree.connected[n] && (!toCode || d.tree.connected[n] == toCode)) { hit = n; break; }
            tv::forEachFaceNeighbour(g.size, n, [&](std::size_t m) {
                const bool lumen = d.tree.lumen[m] != 0;
                if (!lumen && !((sm[m] >= cut || raw[m] >= cut) && sm[m] <= bone)) return;
                const int w = lumen ? 0 : 1;
                if (dist[n] + w < dist[m]) {
                    dist[m] = dist[n] + w;
                    prev[m] = n;
                    if (w) q.push_back(m); else q.push_front(m);
                }
            });
        }
        if (hit == std::size_t(-1)) { std::cout << "no path to the tree through blood >= " << cut << "\n"; return 0; }
        std::vector<std::size_t> path;
        for (std::size_t n = hit; n != std::size_t(-1); n = prev[n]) path.push_back(n);
        std::reverse(path.begin(), path.end());
        std::cout << "path to tree: " << path.size() << " voxels, " << dist[hit] << " off the lumen\n";
        for (const std::size_t n : path) {
            const int i = int(n % g.size[0]), j = int((n / g.size[0]) % g.size[1]), k = int(n / (std::size_t(g.size[0]) * g.size[1]));
            std::cout << "  " << i << " " << j << " " << k << " sm " << int(sm[n]) << " raw " << int(raw[n]) << " lumen " << int(d.tree.lumen[n])
                      << " code " << int(d.tree.connected[n]) << " r " << d.tree.radius[n] << flags(n) << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "tree_gap_probe: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
