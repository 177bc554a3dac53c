#include "evaluation/detection_matching.h"

#include <fstream>
#include <map>
#include <sstream>

#include "embolism/volume_ops.h"
#include "util/errors.h"

namespace tv {

std::vector<TruthLesion> truthFromMask(const LabelMap& mask, bool labelsAreLesions) {
    std::vector<TruthLesion> out;
    const auto& g = mask.geometry();
    std::map<int, int> index;
    Components cc;
    if (!labelsAreLesions) {
        Mask m(g, 0);
        for (std::size_t n = 0; n < m.voxelCount(); ++n) m[n] = mask[n] ? 1 : 0;
        cc = connectedComponents(m, true);
    }
    std::vector<Eigen::Vector3d> sums;
    for (std::size_t n = 0; n < mask.voxelCount(); ++n) {
        if (!mask[n]) continue;
        const int key = labelsAreLesions ? mask[n] : cc.labels[n];
        auto it = index.find(key);
        if (it == index.end()) {
            it = index.emplace(key, static_cast<int>(out.size())).first;
            out.push_back({key, {0, 0, 0}, "", {}});
            sums.emplace_back(0, 0, 0);
        }
        out[it->second].voxels.push_back(n);
        const int nx = g.size[0], ny = g.size[1];
        sums[it->second] += Eigen::Vector3d(static_cast<double>(n % nx), static_cast<double>((n / nx) % ny),
                                            static_cast<double>(n / (static_cast<std::size_t>(nx) * ny)));
    }
    for (std::size_t l = 0; l < out.size(); ++l) out[l].centerLps = g.voxelToPatient(sums[l] / static_cast<double>(out[l].voxels.size()));
    return out;
}

std::vector<TruthLesion> truthFromCsv(const std::filesystem::path& csv) {
    std::ifstream f(csv);
    if (!f) throw UnreadableFileError(csv.string(), "cannot open the ground-truth CSV");
    std::string line;
    std::vector<TruthLesion> out;
    bool header = true;
    int row = 0;
    while (std::getline(f, line)) {
        ++row;
        if (line.empty()) continue;
        std::stringstream ss(line);
        std::string cell;
        std::vector<std::string> cells;
        while (std::getline(ss, cell, ',')) cells.push_back(cell);
        if (header) {
            header = false;
            if (!cells.empty() && (cells[0] == "x" || cells[0] == "x_lps_mm")) continue;
        }
        if (cells.size() < 3)
            throw UnreadableFileError(csv.string(), "row " + std::to_string(row) + ": expected x,y,z[,level] (LPS mm), found " + line);
        TruthLesion t;
        t.id = static_cast<int>(out.size()) + 1;
        for (int d = 0; d < 3; ++d) {
            std::istringstream num(cells[d]);
            num.imbue(std::locale::classic());
            if (!(num >> t.centerLps[d]))
                throw UnreadableFileError(csv.string(), "row " + std::to_string(row) + ": not a number: '" + cells[d] + "'");
        }
        if (cells.size() > 3) t.level = cells[3];
        out.push_back(t);
    }
    return out;
}

MatchResult matchDetections(const EmbolismResult& r, const std::vector<TruthLesion>& truth, double tol) {
    MatchResult m;
    m.truthCount = static_cast<int>(truth.size());
    m.truthHit.assign(truth.size(), false);
    m.candidateHit.assign(r.candidates.size(), false);
    m.truthCandidate.assign(truth.size(), -1);
    for (std::size_t t = 0; t < truth.size(); ++t) {
        if (!truth[t].voxels.empty()) {
            std::map<int, int> overlap;  // candidate label -> overlapping voxels
            for (const std::size_t n : truth[t].voxels) {
                const int l = r.emboli.voxelCount() ? r.emboli[n] : 0;
                if (l > 0 && l <= static_cast<int>(r.candidates.size())) {
                    m.truthHit[t] = true;
                    m.candidateHit[l - 1] = true;
                    ++overlap[l];
                }
            }
            int most = 0;
            for (const auto& [l, count] : overlap)
                if (count > most) {
                    most = count;
                    m.truthCandidate[t] = l - 1;
                }
        } else {
            double nearest = tol;
            for (std::size_t c = 0; c < r.candidates.size(); ++c) {
                const double d = (r.candidates[c].centerLpsMm - truth[t].centerLps).norm();
                if (d <= tol) {
                    m.truthHit[t] = true;
                    m.candidateHit[c] = true;
                    if (d <= nearest) {
                        nearest = d;
                        m.truthCandidate[t] = static_cast<int>(c);
                    }
                }
            }
        }
    }
    for (bool h : m.truthHit) m.detected += h;
    for (bool h : m.candidateHit) m.falsePositives += !h;
    return m;
}

nlohmann::json MatchResult::toJson(const std::vector<TruthLesion>& truth) const {
    std::map<std::string, std::pair<int, int>> perLevel;
    for (std::size_t t = 0; t < truth.size(); ++t) {
        auto& pl = perLevel[truth[t].level.empty() ? "all" : truth[t].level];
        ++pl.first;
        pl.second += truthHit[t];
    }
    nlohmann::json levels = nlohmann::json::object();
    for (const auto& [lvl, v] : perLevel)
        levels[lvl] = {{"truth", v.first}, {"detected", v.second}, {"sensitivity", v.first ? double(v.second) / v.first : 0.0}};
    return {{"truth_lesions", truthCount},
            {"detected", detected},
            {"sensitivity", truthCount ? double(detected) / truthCount : 0.0},
            {"false_positives", falsePositives},
            {"per_level", levels}};
}

}  // namespace tv
