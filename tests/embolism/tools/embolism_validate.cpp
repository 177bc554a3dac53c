// embolism_validate BACKGROUND.nii.gz OUTDIR [--raise HU] [--levels central,lobar,segmental] [--per N] [--seed S]
//                   [--artery-mask REF.nii.gz] (sites only inside a reference pulmonary-artery mask)
//                   [--rounds R] [--round-spacing MM] (distance of a round's clots from earlier rounds'
//                   clots; default --spacing)
//                   [--occlusive-fill cylinder|section] (how occlusive clots fill their artery,
//                   lesion_insertion.h OcclusiveFill; default cylinder, the validation's clots)
//                   [--beyond-occlusion skip|keep] (a site beyond an occlusive clot of the same round
//                   that closes its artery is not used, round_placement.h; default skip; keep: as
//                   before s26)
//                   [--beyond-occlusion-contrast enhanced|washout] (the lumen beyond an occlusive clot that
//                   closes its artery: enhanced as the background had it (default), or washed out to
//                   unopacified blood, occlusion_washout.h; washout needs --beyond-occlusion skip)
//                   [--beyond-sites reachability|territory] (enhanced mode with the washout mode's placement)
//                   [--record-routes 1] (per detected clot the finding's search and score)
//                   [--clot-sizing site|section] (central/eccentric clots scale with the site radius or with the
//                   artery's calibre in its section at the site, clot_sizing.h; default section)
// [--site-lung-bridges 1] (sites from the tree with the lung bridges on, the detector as configured:
//                   ValidationConfig::siteLungBridges)
// [--stump-min-plug-share S] (EmbolismParams::stumpMinPlugShare)
// [--lung-bridges 0|1] [--lung-bridge-junction MM2] (the detector's EmbolismParams::lungBridges and
//                   lungBridgeJunctionMinAreaMm2; with --lung-bridges 0 --site-lung-bridges 1: the same sites, the
//                   detector without the bridges, s39-bridges)
// [--trunk-pieces 0|1] (the detector's EmbolismParams::zoneFromTrunkPieces, stop 39; the sites keep the tree without it)
// [--trunk-piece-min-mm3 X] (EmbolismParams::trunkPieceMinMm3, stop 40)
// [--beyond-occlusion-pass 0|1] (the detector's EmbolismParams::beyondOcclusionPass, beyond_occlusion_pass.h)
// [--beyond-min-mm3 X] (its trigger's EmbolismParams::beyondOcclusionMinMm3)
// [--via-heart-veto 0|1] (the detector's EmbolismParams::viaHeartVeto, candidate_scoring.cpp; stop 34)
// [--pe-params FILE] (the detector's parameters from a JSON file, as `thromboview analyze --pe-params` reads
//                   it; the detector switches of this list win over it) [--sweep-floor SCORE] (operating-point sweep, operating_point_sweep.h: every finding down to SCORE listed per
//                   round and for the background as "sweep_findings"; the metrics stay those at the operating point)
// Clots that are no visible defect (clot_visibility.h) are counted apart: summary "not_visible_per_level",
// not in "per_level".
// Runs the detector on the background, then R lesion-insertion rounds (seed S+r; each round keeps
// --spacing from the clots of earlier rounds, so the rounds use disjoint sites and clots never
// overlap; each round is a separate detector run). Prints JSON: "rounds" (per-round metrics),
// "summary" (per-level truth/detected summed over rounds, false positives per round); "insertion" is
// round 0 (kept for older readers).
#include <algorithm>
#include <iostream>
#include <sstream>

#include "embolism/embolism_json.h"
#include "embolism/embolism_params_reader.h"
#include "evaluation/operating_point_sweep.h"
#include "evaluation/validation_run.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 3) { std::cerr << "usage: embolism_validate BG.nii.gz OUTDIR [--raise HU] [--levels a,b] [--per N] [--spacing MM] [--seed S]\n"
                                  "       [--artery-mask MASK.nii.gz] [--rounds N] [--round-spacing MM] [--occlusive-fill cylinder|section]\n"
                                  "       [--beyond-occlusion skip|keep] [--beyond-occlusion-contrast enhanced|washout]\n"
                                  "       [--clot-sizing site|section] [--fine-breached-hole 0|1] [--fine-breached-central 0|1]\n"
                                  "       [--fine-central-section-level 0|1] [--pe-params FILE] [--sweep-floor SCORE]\n"; return 1; }
    tv::ValidationConfig cfg;
    double raise = 0;
    int rounds = 1;
    std::string arteryMask;
    std::string peParams;  // --pe-params FILE: the detector's parameters (readEmbolismParamsFile), under the switches below
    double roundSpacing = -1;
    int fineMinBinning = -1;  // EmbolismParams::fineMinBinning (-1: its default)
    double stumpMinPlugShare = -1;  // --stump-min-plug-share S: EmbolismParams::stumpMinPlugShare (-1: its default)
    int trunkPieces = -1;     // --trunk-pieces 0|1: EmbolismParams::zoneFromTrunkPieces (-1: its default)
    double trunkPieceMinMm3 = -1;  // --trunk-piece-min-mm3 X: EmbolismParams::trunkPieceMinMm3 (-1: its default)
    int lungBridges = -1;     // --lung-bridges 0|1: EmbolismParams::lungBridges (-1: its default)
    double beyondMinMm3 = -1;  // --beyond-min-mm3 X: EmbolismParams::beyondOcclusionMinMm3 (-1: its default)
    int beyondPass = -1;      // --beyond-occlusion-pass 0|1: EmbolismParams::beyondOcclusionPass (-1: its default)
    int viaHeartVeto = -1;    // --via-heart-veto 0|1: EmbolismParams::viaHeartVeto (-1: its default)
    double junctionMm = -1;   // --lung-bridge-junction MM2 (-1: its default)
    int breachedHole = -1;  // EmbolismParams::fineBreachedHole (-1: its default)
    int breachedCentral = -1;  // EmbolismParams::fineBreachedHoleCentralExempt (-1: its default)
    int sectionLevel = -1;  // EmbolismParams::fineCentralVetoSectionLevel (-1: its default)
    for (int a = 3; a + 1 < argc; a += 2) {
        const std::string k = argv[a], v = argv[a + 1];
        if (k == "--raise") raise = std::stod(v);
        else if (k == "--per") cfg.clotsPerLevel = std::stoi(v);
        else if (k == "--spacing") cfg.minSpacingMm = std::stod(v);
        else if (k == "--artery-mask") arteryMask = v;
        else if (k == "--pe-params") peParams = v;
        else if (k == "--rounds") rounds = std::max(1, std::stoi(v));
        else if (k == "--round-spacing") roundSpacing = std::stod(v);
        else if (k == "--occlusive-fill") {
            const auto f = tv::occlusiveFillFromString(v);
            if (!f) { std::cerr << "--occlusive-fill: cylinder or section\n"; return 1; }
            cfg.occlusiveFill = *f;
        } else if (k == "--beyond-occlusion") {
            if (v != "skip" && v != "keep") { std::cerr << "--beyond-occlusion: skip or keep\n"; return 1; }
            cfg.skipBeyondOcclusions = v == "skip";
        } else if (k == "--beyond-occlusion-contrast") {
            const auto c = tv::beyondContrastFromString(v);
            if (!c) { std::cerr << "--beyond-occlusion-contrast: enhanced or washout\n"; return 1; }
            cfg.beyondContrast = *c;
        } else if (k == "--record-routes") cfg.recordRoutes = v != "0";
        else if (k == "--beyond-sites") {  // reachability (default) | territory (occlusion_territory.h)
            if (v != "reachability" && v != "territory") { std::cerr << "--beyond-sites: reachability or territory\n"; return 1; }
            cfg.beyondSitesTerritory = v == "territory";
        }
        else if (k == "--clot-sizing") {
            const auto z = tv::clotSizingFromString(v);
            if (!z) { std::cerr << "--clot-sizing: site or section\n"; return 1; }
            cfg.clotSizing = *z;
        } else if (k == "--fine-breached-hole") breachedHole = std::stoi(v);
        else if (k == "--fine-breached-central") breachedCentral = std::stoi(v);
        else if (k == "--fine-central-section-level") sectionLevel = std::stoi(v);
        else if (k == "--fine-min-binning") fineMinBinning = std::stoi(v);
        else if (k == "--site-wider-ball-ratio") cfg.widerBall.maxRatio = std::stod(v);
        else if (k == "--site-lung-bridges") cfg.siteLungBridges = v != "0";  // ValidationConfig::siteLungBridges
        else if (k == "--stump-min-plug-share") stumpMinPlugShare = std::stod(v);  // EmbolismParams::stumpMinPlugShare (stop 36)
        else if (k == "--trunk-pieces") trunkPieces = std::stoi(v);  // the detector's EmbolismParams::zoneFromTrunkPieces (stop 39)
        else if (k == "--trunk-piece-min-mm3") trunkPieceMinMm3 = std::stod(v);  // EmbolismParams::trunkPieceMinMm3 (stop 40)
        else if (k == "--lung-bridges") lungBridges = std::stoi(v);  // the detector's EmbolismParams::lungBridges (s39-bridges)
        else if (k == "--beyond-occlusion-pass") beyondPass = std::stoi(v);  // the detector's EmbolismParams::beyondOcclusionPass (stop 32)
        else if (k == "--beyond-min-mm3") beyondMinMm3 = std::stod(v);  // the detector's EmbolismParams::beyondOcclusionMinMm3 (stop 38)
        else if (k == "--via-heart-veto") viaHeartVeto = std::stoi(v);  // the detector's EmbolismParams::viaHeartVeto (stop 34)
        else if (k == "--lung-bridge-junction") junctionMm = std::stod(v);  // EmbolismParams::lungBridgeJunctionMinAreaMm2
        else if (k == "--sweep-floor") cfg.sweepFloor = std::stod(v);  // ValidationConfig::sweepFloor (README "Operating point")
        else if (k == "--seed") cfg.seed = static_cast<std::uint32_t>(std::stoul(v));
        else if (k == "--levels") {
            cfg.levels.clear();
            std::stringstream ss(v); std::string l;
            while (std::getline(ss, l, ',')) cfg.levels.insert(l == "central" ? tv::VesselLevel::Central : l == "lobar" ? tv::VesselLevel::Lobar : tv::VesselLevel::Segmental);
        }
    }
    if (cfg.beyondContrast == tv::BeyondContrast::Washout && !cfg.skipBeyondOcclusions) {
        std::cerr << "--beyond-occlusion-contrast washout needs --beyond-occlusion skip\n";
        return 1;
    }
    try {
        tv::CtVolume bg = tv::readNiftiCt(argv[1]);
        if (!arteryMask.empty()) cfg.referenceArteries = tv::readNiftiLabelsOnGrid(arteryMask, bg.geometry());
        tv::EmbolismParams p = peParams.empty() ? tv::EmbolismParams{} : tv::readEmbolismParamsFile(peParams);
        if (fineMinBinning >= 0) p.fineMinBinning = fineMinBinning;
        if (lungBridges >= 0) p.lungBridges = lungBridges != 0;
        if (trunkPieces >= 0) p.zoneFromTrunkPieces = trunkPieces != 0;
        if (trunkPieceMinMm3 >= 0) p.trunkPieceMinMm3 = trunkPieceMinMm3;
        if (stumpMinPlugShare >= 0) p.stumpMinPlugShare = stumpMinPlugShare;
        if (beyondPass >= 0) p.beyondOcclusionPass = beyondPass != 0;
        if (beyondMinMm3 >= 0) p.beyondOcclusionMinMm3 = beyondMinMm3;
        if (viaHeartVeto >= 0) p.viaHeartVeto = viaHeartVeto != 0;
        if (junctionMm >= 0) p.lungBridgeJunctionMinAreaMm2 = junctionMm;
        if (breachedHole >= 0) p.fineBreachedHole = breachedHole != 0;
        if (breachedCentral >= 0) p.fineBreachedHoleCentralExempt = breachedCentral != 0;
        if (sectionLevel >= 0) p.fineCentralVetoSectionLevel = sectionLevel != 0;
        if (raise > 0) tv::raiseBloodPool(bg, raise, p);
        std::filesystem::create_directories(argv[2]);
        // The raised background, for screenshots of the simulation (README "Embolus detector validation").
        if (raise > 0) tv::writeNifti(bg, std::filesystem::path(argv[2]) / "raised.nii.gz");
        // With --sweep-floor the background runs at the floor too: its findings per operating point.
        const auto all0 = tv::detectEmboli(bg, cfg.sweepFloor >= 0 ? tv::sweepParams(p, cfg.sweepFloor) : p, tv::noProgress(), tv::neverCancel());
        const auto r0 = cfg.sweepFloor >= 0 ? tv::keepFindingsAtOrAbove(all0, p.operatingPoint) : all0;
        nlohmann::json out;
        out["background"] = tv::embolismToJson(r0);
        if (cfg.sweepFloor >= 0) out["background"]["sweep_findings"] = tv::sweepFindings(all0, {});
        out["background"]["timing_ms"] = r0.timingMs;
        nlohmann::json perLevel = nlohmann::json::object(), notVisible = nlohmann::json::object(), fpPerRound = nlohmann::json::array(), skippedPerRound = nlohmann::json::array();
        out["rounds"] = nlohmann::json::array();
        const std::uint32_t seed0 = cfg.seed;
        cfg.excludedSpacingMm = roundSpacing > 0 ? roundSpacing : cfg.minSpacingMm;
        for (int r = 0; r < rounds; ++r) {
            tv::setValidationRound(cfg, seed0, r);
            cfg.writeDir = std::filesystem::path(argv[2]) / ("round" + std::to_string(r));
            std::filesystem::create_directories(*cfg.writeDir);
            const auto v = tv::runInsertionExperiment(bg, p, cfg);
            if (v.usedSitesLps.empty()) break;  // no site left far enough from the earlier rounds
            cfg.excludedSitesLps.insert(cfg.excludedSitesLps.end(), v.usedSitesLps.begin(), v.usedSitesLps.end());
            if (r == 0) out["insertion"] = v.metrics;
            out["rounds"].push_back(v.metrics);
            fpPerRound.push_back(v.falsePositives);
            skippedPerRound.push_back(v.sitesSkippedBeyondOcclusion);
            for (const auto& [level, td] : v.perLevel) {
                auto& e = perLevel[level];
                if (e.is_null()) e = {{"truth", 0}, {"detected", 0}};
                e["truth"] = e["truth"].get<int>() + td.first;
                e["detected"] = e["detected"].get<int>() + td.second;
            }
            for (const auto& [level, cd] : v.notVisiblePerLevel) {
                auto& e = notVisible[level];
                if (e.is_null()) e = {{"clots", 0}, {"detected", 0}};
                e["clots"] = e["clots"].get<int>() + cd.first;
                e["detected"] = e["detected"].get<int>() + cd.second;
            }
        }
        out["summary"] = {{"rounds", fpPerRound.size()}, {"per_level", perLevel}, {"false_positives_per_round", fpPerRound},
                          {"beyond_occlusion_rule", cfg.skipBeyondOcclusions ? "skip" : "keep"},
                          {"sites_skipped_beyond_occlusion_per_round", skippedPerRound},
                          {"not_visible_per_level", notVisible}, {"clot_sizing", tv::toString(cfg.clotSizing)},
                          {"site_wider_ball_ratio", cfg.widerBall.maxRatio}};
        // Only when not the default, so that the default validation's JSON stays as it was.
        if (cfg.beyondContrast != tv::BeyondContrast::Enhanced) out["summary"]["beyond_occlusion_contrast"] = tv::toString(cfg.beyondContrast);
        // A run with a parameter file records the file and every parameter the detector ran with.
        if (!peParams.empty()) {
            out["summary"]["pe_params_file"] = peParams;
            out["summary"]["detector_parameters"] = p;
        }
        std::cout << out.dump(1) << "\n";
    } catch (const std::exception& e) {
        std::cerr << "embolism_validate: " << e.what() << "\n";
        return 2;
    }
}
