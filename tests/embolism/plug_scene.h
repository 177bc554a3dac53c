#pragma once
// Scenes for the complete-occlusion searches (core/embolism/stump_occlusions.h) built with the maps
// findStumpPlugs reads set directly, and what the tests compare: the plug voxels found and the voxels
// holding clot (the answer). Shared by test_stump_occlusions.cpp and test_gap_occlusions.cpp.
#include <set>

#include "embolism/candidates.h"
#include "embolism/stump_occlusions.h"
#include "tube_phantom.h"

namespace tvtest {

struct PlugScene {
    tv::Image<float> s;
    tv::ThoraxMasks masks;
    tv::VesselTree tree;
};

/// A scene of `fillHu` on grid `g` with empty lung, heart, lumen and tree maps (the test paints them).
inline PlugScene emptyPlugScene(const tv::ImageGeometry& g, float fillHu) {
    PlugScene t{tv::Image<float>(g, fillHu), {}, {}};
    t.masks.lungs = tv::Mask(g, 0);
    t.masks.heart = tv::Mask(g, 0);
    t.tree.lumen = tv::Mask(g, 0);
    t.tree.connected = tv::Mask(g, 0);
    return t;
}

/// A scene painted voxel by voxel: `at(i, j, k)` gives the voxel's HU (`.hu`) and tree code (`.code`);
/// voxels of exactly `bloodHu` are tree lumen carrying that code. The tree is finished with a lumen
/// threshold of 255 HU (test_gap_occlusions.cpp, test_gap_tube_calibre.cpp).
template <class At>
PlugScene paintedPlugScene(const tv::ImageGeometry& g, float fillHu, float bloodHu, At at) {
    PlugScene t = emptyPlugScene(g, fillHu);
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                const auto v = at(i, j, k);
                t.s.at(i, j, k) = v.hu;
                if (v.hu == bloodHu) {
                    t.tree.lumen.at(i, j, k) = 1;
                    t.tree.connected.at(i, j, k) = v.code;
                }
            }
    tv::testing::finishTestTree(t.tree, bloodHu, 255);
    return t;
}

/// The scene placed in the mediastinum (no lung hull: the lung cut-off search does not apply), the
/// candidates findCandidates gives and the contrast they are scored against.
struct MediastinalCandidates {
    tv::ContrastResult contrast;
    tv::CandidateMaps found;
};
inline MediastinalCandidates candidatesInMediastinum(PlugScene& t, float bloodHu, const tv::EmbolismParams& p) {
    MediastinalCandidates out;
    out.contrast = tv::testing::putInMediastinum(t.masks, t.s.geometry(), bloodHu);
    out.found = tv::findCandidates(t.s, t.masks, t.tree, p, tv::neverCancel());
    return out;
}

/// Offsets of the plug voxels findStumpPlugs returns for the thrombus band [floorHu, ceilHu).
inline std::set<std::size_t> plugOffsets(const PlugScene& t, double floorHu, double ceilHu, const tv::EmbolismParams& p) {
    std::set<std::size_t> out;
    for (const auto& v : tv::findStumpPlugs(t.s, t.masks, t.tree, floorHu, ceilHu, p, tv::neverCancel())) out.insert(v.offset);
    return out;
}

/// Offsets of the voxels of `t` whose value is `clotHu`.
inline std::set<std::size_t> voxelsOfValue(const PlugScene& t, float clotHu) {
    std::set<std::size_t> out;
    for (std::size_t n = 0; n < t.s.voxelCount(); ++n)
        if (t.s[n] == clotHu) out.insert(n);
    return out;
}

/// How many of `found` lie in `truth` (the phantoms' "nothing outside the clot" checks).
inline std::size_t countInside(const std::set<std::size_t>& found, const std::set<std::size_t>& truth) {
    std::size_t n = 0;
    for (const std::size_t v : found) n += truth.count(v);
    return n;
}

}  // namespace tvtest
