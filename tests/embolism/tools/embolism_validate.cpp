// embolism_validate BACKGROUND.nii.gz OUTDIR [--raise HU] [--levels central,lobar,segmental] [--per N] [--seed S]
//                   [--artery-mask REF.nii.gz] (sites only inside a reference pulmonary-artery mask)
// Runs the detector on the background, then one lesion-insertion experiment; prints JSON.
#include <iostream>
#include <sstream>

#include "embolism/embolism_json.h"
#include "evaluation/validation_run.h"
#include "io/nifti_io.h"

int main(int argc, char** argv) {
    if (argc < 3) { std::cerr << "usage: embolism_validate BG.nii.gz OUTDIR [--raise HU] [--levels a,b] [--per N] [--seed S]\n"; return 1; }
    tv::ValidationConfig cfg;
    double raise = 0;
    std::string arteryMask;
    for (int a = 3; a + 1 < argc; a += 2) {
        const std::string k = argv[a], v = argv[a + 1];
        if (k == "--raise") raise = std::stod(v);
        else if (k == "--per") cfg.clotsPerLevel = std::stoi(v);
        else if (k == "--spacing") cfg.minSpacingMm = std::stod(v);
        else if (k == "--artery-mask") arteryMask = v;
        else if (k == "--seed") cfg.seed = static_cast<std::uint32_t>(std::stoul(v));
        else if (k == "--levels") {
            cfg.levels.clear();
            std::stringstream ss(v); std::string l;
            while (std::getline(ss, l, ',')) cfg.levels.insert(l == "central" ? tv::VesselLevel::Central : l == "lobar" ? tv::VesselLevel::Lobar : tv::VesselLevel::Segmental);
        }
    }
    try {
        tv::CtVolume bg = tv::readNiftiCt(argv[1]);
        if (!arteryMask.empty()) cfg.referenceArteries = tv::readNiftiLabelsOnGrid(arteryMask, bg.geometry());
        tv::EmbolismParams p;
        if (raise > 0) tv::raiseBloodPool(bg, raise, p);
        std::filesystem::create_directories(argv[2]);
        cfg.writeDir = std::filesystem::path(argv[2]);
        const auto r0 = tv::detectEmboli(bg, p, tv::noProgress(), tv::neverCancel());
        nlohmann::json out;
        out["background"] = tv::embolismToJson(r0);
        out["background"]["timing_ms"] = r0.timingMs;
        const auto v = tv::runInsertionExperiment(bg, p, cfg);
        out["insertion"] = v.metrics;
        std::cout << out.dump(1) << "\n";
    } catch (const std::exception& e) {
        std::cerr << "embolism_validate: " << e.what() << "\n";
        return 2;
    }
}
