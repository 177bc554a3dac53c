#pragma once
// The medial and lateral edge of one lung along every image row of an axial slice. Both the hilar
// rule (a component's medial fraction along its own row) and the mediastinal margin (the tissue
// between the two lungs' medial edges) read a slice this way.
#include <cstdint>
#include <vector>

namespace tv {

struct LungRowSpans {
    std::vector<int> medial, lateral;  // per row j: the lung's medial / lateral column, -1 without lung
    int jFirst = 0, jLast = -1;        // first and last row holding the lung (jLast < jFirst: none)
    bool empty() const { return jLast < jFirst; }
};

/// Row spans of the pixels equal to `label` in one nx x ny slice (row-major). `lateralPlus`: the
/// lung's lateral side is towards +i (then its medial edge is the row's first pixel).
LungRowSpans lungRowSpans(const std::uint8_t* slice, int nx, int ny, std::uint8_t label, bool lateralPlus);

}  // namespace tv
