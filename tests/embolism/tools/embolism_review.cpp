// embolism_review VOLUME.nii.gz [TRUTH.nii.gz] [--raise HU] [--out DIR [--band-out LO HI]] [--no-thin-lumen] [--no-wrapped-core] [--no-rest-reach] [--no-round-apart] [--fine-sigma2 MM] [--fine-max-radius MM] [--central-width X] [--central-min-depth MM] [--central-reached-share S] [--fine-closing MM] [--fine-slab-share S] [--fine-min-binning N] [--fine-min-pixels N] [--fine-max-aorta S] [--fine-breached-hole 0|1] [--fine-breached-central 0|1] [--fine-central-section-level 0|1] [--off-tree-two-sided 0|1] [--fine-lung-as-hole 0|1] [--two-sided-mixing-core 0|1] [--min-core-contrast X] [--no-fine-pass] [--lung-bridges 0|1] [--pe-params FILE]: every detector candidate
// (operating point 0) with its score, features and the truth labels it overlaps (voxels), and
// per truth lesion where it lies among the detector's stage masks and, per closing radius, how many
// of its working voxels fail which test of the lumen completion first (candidates.h DefectTest). --out writes DIR/volume.nii.gz (after any raise) and
// DIR/candidates.nii.gz (label = rank in the list) and, with a truth, DIR/stages.nii.gz (1 heart mask,
// 2 arterial tree, 3 both, 4 aorta) and DIR/levels.nii.gz (the tree's ArteryCode) for screenshots. Review tool for README "Embolus detector validation" (why a clot is
// missed, what each background finding is); not a test.
#include <array>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "embolism/candidates.h"
#include "embolism/embolism_detector.h"
#include "embolism/embolism_params_reader.h"
#include "embolism/working_grid.h"
#include "detector_stages.h"
#include "evaluation/lesion_insertion.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 2) { std::cerr << "usage: embolism_review VOLUME.nii.gz [TRUTH.nii.gz] [--raise HU] [--out DIR] [--pe-params FILE] "
                                   "[switches listed at the top of embolism_review.cpp]\n"; return 1; }
    try {
        tv::CtVolume ct = tv::readNiftiCt(argv[1]);
        std::string truthPath, outDir;
        double bandLo = 0, bandHi = 0;  // --band-out LO HI (see below)
        double raise = 0;
        bool reportedOnly = false;
        tv::EmbolismParams p;
        // --pe-params FILE: the detector's parameters from a JSON file (readEmbolismParamsFile, as
        // `thromboview analyze --pe-params` reads it); the switches below apply over it wherever they stand.
        for (int a = 2; a + 1 < argc; ++a)
            if (std::string(argv[a]) == "--pe-params") p = tv::readEmbolismParamsFile(argv[a + 1]);
        for (int a = 2; a < argc; ++a) {
            const std::string s = argv[a];
            if (s == "--pe-params" && a + 1 < argc) { ++a; continue; }  // read above
            if (s == "--raise" && a + 1 < argc) raise = std::stod(argv[++a]);
            else if (s == "--out" && a + 1 < argc) outDir = argv[++a];
            else if (s == "--band-out" && a + 2 < argc) { bandLo = std::stod(argv[++a]); bandHi = std::stod(argv[++a]); }
            else if (s == "--no-own-side") p.ownSideEnclosure = false;  // the polo-mint terms read the plain enclosure, as before s33-centralecc
            else if (s == "--no-wrapped-core") p.wrappedCoreSplit = false;  // as before s27-web (wrapped_core_split.h)
            else if (s == "--wrapped-core-min-mm3" && a + 1 < argc) p.wrappedCoreMinMm3 = std::stod(argv[++a]);  // EmbolismParams::wrappedCoreMinMm3 (s42-airway)
            else if (s == "--wrapped-core-min-wrap" && a + 1 < argc) p.wrappedCoreMinWrap = std::stod(argv[++a]);  // EmbolismParams::wrappedCoreMinWrap
            else if (s == "--wrapped-core-max-share" && a + 1 < argc) p.wrappedCoreMaxShare = std::stod(argv[++a]);  // EmbolismParams::wrappedCoreMaxShare
            else if (s == "--no-rest-reach") p.wrappedCoreMinRestBeyondMm3 = 0;  // the wrapped-core split as before s29-wallside
            else if (s == "--airway-centroid-hu" && a + 1 < argc) p.airwayWrapMaxCentroidHu = std::stod(argv[++a]);  // EmbolismParams::airwayWrapMaxCentroidHu (s43)
            else if (s == "--airway-core-min-mm3" && a + 1 < argc) p.airwayWrapCoreMinMm3 = std::stod(argv[++a]);  // EmbolismParams::airwayWrapCoreMinMm3
            else if (s == "--airway-core-min-wrap" && a + 1 < argc) p.airwayWrapCoreMinWrap = std::stod(argv[++a]);  // EmbolismParams::airwayWrapCoreMinWrap
            else if (s == "--via-heart-share" && a + 1 < argc) p.viaHeartMaxFaceShare = std::stod(argv[++a]);  // EmbolismParams::viaHeartMaxFaceShare (stop 34; 1: off)
            else if (s == "--no-round-apart") p.roundSectionApart = false;  // round-section voxels joined to what they touch, as before s30-wallcentral
            else if (s == "--no-thin-lumen") p.thinLumenNoiseSd = 0;  // as before 2026-11-30 (thin_vessel_lumen.h)
            else if (s == "--gap-tube-band") p.gapTubeAtMouthCalibre = false;  // the gap's tube sized by its band calibre (before s27)
            else if (s == "--oblique-max-axis-z" && a + 1 < argc) p.fineObliqueMaxAxisZ = std::stod(argv[++a]);  // ObliquePassParams::fineObliqueMaxAxisZ (s33-leftlower)
            else if (s == "--oblique-min-support" && a + 1 < argc) p.fineObliqueMinSupport = std::stoi(argv[++a]);  // ObliquePassParams::fineObliqueMinSupport
            else if (s == "--oblique-section-from-seeds" && a + 1 < argc) p.obliqueSectionLevelFromSeeds = std::stoi(argv[++a]) != 0;  // ObliquePassParams::obliqueSectionLevelFromSeeds (s36-hilarlobar; 0: off)
            else if (s == "--cutoff-slab-radius" && a + 1 < argc) p.cutoffSlabMaxVesselRadiusMm = std::stod(argv[++a]);  // EmbolismParams::cutoffSlabMaxVesselRadiusMm (s35-hilumecc; 0: off)
            else if (s == "--cutoff-slab-slice-share" && a + 1 < argc) p.cutoffSlabMinSliceRadiusShare = std::stod(argv[++a]);  // EmbolismParams::cutoffSlabMinSliceRadiusShare
            else if (s == "--open-wall" && a + 1 < argc) p.openWallDefect = std::stoi(argv[++a]) != 0;  // EmbolismParams::openWallDefect (s39-openwall; 0: off)
            else if (s == "--open-wall-covered" && a + 1 < argc) p.openWallMinCoveredShare = std::stod(argv[++a]);  // EmbolismParams::openWallMinCoveredShare
            else if (s == "--cutoff-slab-covered-share" && a + 1 < argc) p.cutoffSlabMaxCoveredShare = std::stod(argv[++a]);  // EmbolismParams::cutoffSlabMaxCoveredShare (s36-inplaneocc; negative: off)
            else if (s == "--fine-sigma2" && a + 1 < argc) p.fineSecondSigmaMm = std::stod(argv[++a]);  // 0: one scale
            else if (s == "--fine-closing" && a + 1 < argc) p.fineClosingRadiusMm = std::stod(argv[++a]);  // the fine pass's deficit closing (s27-lobar)
            else if (s == "--fine-slab-share" && a + 1 < argc) p.fineSlabMinHoleShare = std::stod(argv[++a]);  // 0: every fine candidate scored as a hole (box flatness, core contrast) (s27-lobar)
            else if (s == "--fine-min-binning" && a + 1 < argc) p.fineMinBinning = std::stoi(argv[++a]);  // EmbolismParams::fineMinBinning (1: the fine pass also on unbinned scans)
            else if (s == "--fine-core-section-blood" && a + 1 < argc) p.fineCoreAgainstSectionBlood = std::stoi(argv[++a]) != 0;  // EmbolismParams::fineCoreAgainstSectionBlood (s37-smallseg)
            else if (s == "--fine-min-pixels" && a + 1 < argc) p.fineMinPixels = std::stoi(argv[++a]);  // EmbolismParams::fineMinPixels (s29)
            else if (s == "--fine-max-aorta" && a + 1 < argc) p.fineMaxAortaShare = std::stod(argv[++a]);  // EmbolismParams::fineMaxAortaShare (s29)
            else if (s == "--fine-breached-hole" && a + 1 < argc) p.fineBreachedHole = std::stoi(argv[++a]) != 0;  // EmbolismParams::fineBreachedHole (s27-breach)
            else if (s == "--fine-breached-central" && a + 1 < argc) p.fineBreachedHoleCentralExempt = std::stoi(argv[++a]) != 0;  // EmbolismParams::fineBreachedHoleCentralExempt
            else if (s == "--fine-central-section-level" && a + 1 < argc) p.fineCentralVetoSectionLevel = std::stoi(argv[++a]) != 0;  // EmbolismParams::fineCentralVetoSectionLevel (s28-breach)
            else if (s == "--off-tree-two-sided" && a + 1 < argc) p.offTreeVetoSparesTwoSided = std::stoi(argv[++a]) != 0;  // EmbolismParams::offTreeVetoSparesTwoSided (s29-segmental)
            else if (s == "--fine-lung-as-hole" && a + 1 < argc) p.fineLungScoredAsHole = std::stoi(argv[++a]) != 0;  // EmbolismParams::fineLungScoredAsHole (s30-segraised)
            else if (s == "--branching-occlusion-width" && a + 1 < argc) p.branchingOcclusionMaxWidthToRadius = std::stod(argv[++a]);  // EmbolismParams::branchingOcclusionMaxWidthToRadius (s31-segocc; 1.5: off)
            else if (s == "--two-sided-mixing-core" && a + 1 < argc) p.twoSidedOcclusionMixingFromCore = std::stoi(argv[++a]) != 0;  // EmbolismParams::twoSidedOcclusionMixingFromCore (s30-cutmix)
            else if (s == "--central-width" && a + 1 < argc) p.centralOcclusionMaxWidthToRadius = std::stod(argv[++a]);  // EmbolismParams::centralOcclusionMaxWidthToRadius (s31-wideveto; 1.25: off)
            else if (s == "--central-reached-share" && a + 1 < argc) p.centralOcclusionMaxReachedShare = std::stod(argv[++a]);  // EmbolismParams::centralOcclusionMaxReachedShare (s31-wideveto; 0: as s31-centralocc)
            else if (s == "--central-min-depth" && a + 1 < argc) p.centralOcclusionMinDepthMm = std::stod(argv[++a]);  // EmbolismParams::centralOcclusionMinDepthMm (s31-centralocc)
            else if (s == "--no-fine-pass") p.fineDefectPass = false;  // EmbolismParams::fineDefectPass off: the working grid's candidates a fine-pass repeat hides at operating point 0
            else if (s == "--min-core-contrast" && a + 1 < argc) p.minCoreContrastNorm = std::stod(argv[++a]);  // EmbolismParams::minCoreContrastNorm (stop 37: the knife edge's margin)
            else if (s == "--reported") reportedOnly = true;  // list the reported findings only (the detector at its operating point)
            else if (s == "--fine-max-radius" && a + 1 < argc) p.fineMaxVesselRadiusMm = std::stod(argv[++a]);  // what the radius veto holds
            else if (s == "--trunk-pieces" && a + 1 < argc) p.zoneFromTrunkPieces = std::stoi(argv[++a]) != 0;  // EmbolismParams::zoneFromTrunkPieces (stop 39)
            else if (s == "--trunk-piece-min-mm3" && a + 1 < argc) p.trunkPieceMinMm3 = std::stod(argv[++a]);  // EmbolismParams::trunkPieceMinMm3 (stop 40)
            else if (s == "--lung-bridges" && a + 1 < argc) p.lungBridges = std::stoi(argv[++a]) != 0;  // EmbolismParams::lungBridges (s39-bridges; what the bridged arteries add)
            else if (s.rfind("--", 0) == 0) {
                // A mistyped switch read as the truth's path would fail later as an unreadable file.
                std::cerr << "embolism_review: unknown option " << s << " (the switches are listed at the top of embolism_review.cpp)\n";
                return 2;
            } else truthPath = s;
        }
        if (raise > 0) tv::raiseBloodPool(ct, raise, p);
        tv::EmbolismParams all = p;
        if (!reportedOnly) {
            all.operatingPoint = 0.0;
            all.maxCandidates = 255;
        }
        const auto r = tv::detectEmboli(ct, all, tv::noProgress(), tv::neverCancel());
        if (!outDir.empty()) {
            std::filesystem::create_directories(outDir);
            tv::writeNifti(ct, std::filesystem::path(outDir) / "volume.nii.gz");
            tv::writeNifti(r.emboli, std::filesystem::path(outDir) / "candidates.nii.gz");
        }
        // overlap[candidate label][truth label] = voxels
        std::map<int, std::map<int, int>> overlap;
        if (!truthPath.empty()) {
            const tv::LabelMap truth = tv::readNiftiLabelsOnGrid(truthPath, ct.geometry());
            for (std::size_t n = 0; n < truth.voxelCount(); ++n)
                if (r.emboli[n] && truth[n]) ++overlap[r.emboli[n]][truth[n]];
            // Where each truth lesion lies among the detector's stage masks (working grid).
            const tv::tools::DetectorStages stages = tv::tools::runDetectorStages(ct, p);
            const tv::WorkingGrid& wg = stages.wg;
            const tv::Image<float>& sm = stages.sm;
            const tv::ThoraxMasks& m = stages.m;
            const tv::ContrastResult& c = stages.c;
            const tv::VesselTree& tree = stages.tree;
            int k0 = 1 << 30, k1 = -1;
            for (int k = 0; k < c.trunk.nz(); ++k)
                for (int j = 0; j < c.trunk.ny(); ++j)
                    for (int i = 0; i < c.trunk.nx(); ++i)
                        if (c.trunk.at(i, j, k)) { k0 = std::min(k0, k); k1 = std::max(k1, k); }
            std::cout << "working grid " << sm.nx() << "x" << sm.ny() << "x" << sm.nz() << "; trunk seed (" << c.trunkSeed[0] << ","
                      << c.trunkSeed[1] << "," << c.trunkSeed[2] << "), trunk k " << k0 << ".." << k1 << ", carina k " << m.carinaK << ", heart centroid k "
                      << m.heartCentroidK << "\n";
            const tv::LabelMap tw = tv::labelsToWorking(wg, truth);
            std::map<int, std::map<std::string, int>> st;
            for (std::size_t n = 0; n < tw.voxelCount(); ++n) {
                if (!tw[n]) continue;
                auto& e = st[tw[n]];
                ++e["voxels"];
                e["sum_i"] += static_cast<int>(n % tw.nx());
                e["sum_j"] += static_cast<int>((n / tw.nx()) % tw.ny());
                e["sum_k"] += static_cast<int>(n / (static_cast<std::size_t>(tw.nx()) * tw.ny()));
                e["heart"] += m.heart[n];
                e["lungs"] += m.lungs[n];
                e["hull"] += m.lungHull[n];
                e["mediastinum"] += m.mediastinum[n];
                e["lumen"] += tree.lumen[n];
                // Level codes of the arterial tree around the clot (box of 3 voxels around each truth
                // voxel, counted per truth voxel): why a candidate there is or is not "on the arterial tree".
                {
                    const int i = static_cast<int>(n % tw.nx()), j = static_cast<int>((n / tw.nx()) % tw.ny()),
                              k = static_cast<int>(n / (static_cast<std::size_t>(tw.nx()) * tw.ny()));
                    std::array<bool, 7> seen{};
                    for (int c2 = std::max(0, k - 3); c2 <= std::min(tw.nz() - 1, k + 3); ++c2)
                        for (int b = std::max(0, j - 3); b <= std::min(tw.ny() - 1, j + 3); ++b)
                            for (int a = std::max(0, i - 3); a <= std::min(tw.nx() - 1, i + 3); ++a)
                                if (const int code = tree.connected.at(a, b, c2); code > 0 && code < 7) seen[code] = true;
                    static const char* kCodeName[7] = {"", "central", "lobar", "segmental", "subsegmental", "mediastinal_branch", "via_heart"};
                    for (int code = 1; code < 7; ++code)
                        if (seen[code]) ++e[std::string("near_") + kCodeName[code]];
                }
                e["band"] += sm[n] >= p.thrombusLowHu - p.defectFloorMarginHu && sm[n] < tree.lumenThresholdHu;
                // The same band on the unsmoothed working grid: small clots the 1 mm Gaussian lifts into the lumen.
                e["raw_band"] += wg.hu[n] >= p.thrombusLowHu - p.defectFloorMarginHu && wg.hu[n] < tree.lumenThresholdHu;
            }
            if (!outDir.empty()) {
                // Stage map for screenshots: 1 heart mask, 2 arterial tree, 3 both, 4 excluded great
                // systemic artery (aorta), on the input grid.
                tv::LabelMap stage(wg.hu.geometry(), 0);
                for (std::size_t n = 0; n < stage.voxelCount(); ++n)
                    stage[n] = m.aorta.voxelCount() && m.aorta[n] ? 4 : static_cast<std::uint8_t>((m.heart[n] ? 1 : 0) + (tree.connected[n] ? 2 : 0));
                tv::writeNifti(tv::labelsToSource(wg, stage, ct.geometry()), std::filesystem::path(outDir) / "stages.nii.gz");
                // The tree's level codes (ArteryCode 1-6, artery_levels.h) on the input grid.
                tv::writeNifti(tv::labelsToSource(wg, tree.connected, ct.geometry()), std::filesystem::path(outDir) / "levels.nii.gz");
                // --band-out LO HI: smoothed working voxels with LO <= HU < HI (1; 2 where also tree lumen), on the
                // input grid: which voxels a small shift of the lumen threshold adds or removes.
                if (bandHi > bandLo) {
                    tv::LabelMap band(wg.hu.geometry(), 0);
                    int count = 0;
                    for (std::size_t n = 0; n < band.voxelCount(); ++n)
                        if (sm[n] >= bandLo && sm[n] < bandHi) band[n] = tree.lumen[n] ? 2 : 1, ++count;
                    std::cout << "band " << bandLo << ".." << bandHi << " HU: " << count << " working voxels\n";
                    tv::writeNifti(tv::labelsToSource(wg, band, ct.geometry()), std::filesystem::path(outDir) / "band.nii.gz");
                }
            }
            // The closing part's first failing test per truth voxel and closing radius.
            tv::DefectTrace trace;
            std::vector<int> traceLabel;
            for (std::size_t n = 0; n < tw.voxelCount(); ++n)
                if (tw[n]) {
                    trace.voxels.push_back(n);
                    traceLabel.push_back(tw[n]);
                }
            tv::findCandidates(sm, m, tree, p, tv::neverCancel(), &wg.hu, &trace);
            for (const auto& [l, e] : st) {
                std::cout << "truth " << l << ": working centre (" << e.at("sum_i") / e.at("voxels") << "," << e.at("sum_j") / e.at("voxels") << ","
                          << e.at("sum_k") / e.at("voxels") << ")";
                for (const auto& [k, v] : e)
                    if (k.rfind("sum_", 0) != 0) std::cout << " " << k << "=" << v;
                std::cout << "\n  closing tests:";
                const int label = l;
                const tv::DefectTestCounts n = tv::countDefectTests(trace, [&](std::size_t v) { return traceLabel[v] == label; });
                for (std::size_t ri = 0; ri < tv::kClosingRadiusCount; ++ri)
                    for (std::size_t d = 0; d < tv::kDefectTestCount; ++d)
                        if (n[ri][d])
                            std::cout << " r" << p.closingRadiiMm[ri] << ":" << tv::toString(static_cast<tv::DefectTest>(d)) << "=" << n[ri][d];
                int round = 0;
                for (std::size_t v = 0; v < trace.voxels.size(); ++v) round += traceLabel[v] == label && trace.roundSection[v];
                std::cout << "; round section: " << round << "\n";
            }
        }
        std::cout << "contrast " << r.contrastState << " " << r.paEnhancementHu << " HU, noise " << r.paNoiseHu
                  << ", lumen threshold " << r.lumenThresholdHu << "; candidates " << r.candidates.size() << "\n";
        for (std::size_t c = 0; c < r.candidates.size(); ++c) {
            const auto& e = r.candidates[c];
            std::cout << "#" << c + 1 << " score " << e.score << " voxel (" << e.centerVoxel[0] << "," << e.centerVoxel[1] << ","
                      << e.centerVoxel[2] << ") " << tv::toString(e.level) << " " << e.side << " " << e.occlusion;
            for (const auto& [t, v] : overlap[static_cast<int>(c + 1)]) std::cout << " TRUTH" << t << ":" << v;
            std::cout << "\n   ";
            for (const auto& [k, v] : e.features) std::cout << " " << k << "=" << v;
            std::cout << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "embolism_review: " << e.what() << "\n";
        return 2;
    }
}
