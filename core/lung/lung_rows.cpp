#include "lung/lung_rows.h"

namespace tv {

LungRowSpans lungRowSpans(const std::uint8_t* slice, int nx, int ny, std::uint8_t label, bool lateralPlus) {
    LungRowSpans s;
    s.medial.assign(static_cast<std::size_t>(ny), -1);
    s.lateral.assign(static_cast<std::size_t>(ny), -1);
    s.jFirst = ny;
    for (int j = 0; j < ny; ++j) {
        const std::uint8_t* row = slice + static_cast<std::size_t>(j) * nx;
        int first = -1, last = -1;
        for (int i = 0; i < nx; ++i)
            if (row[i] == label) {
                if (first < 0) first = i;
                last = i;
            }
        if (last < 0) continue;
        s.medial[j] = lateralPlus ? first : last;
        s.lateral[j] = lateralPlus ? last : first;
        if (s.jFirst == ny) s.jFirst = j;
        s.jLast = j;
    }
    if (s.jLast < 0) s.jFirst = 0;
    return s;
}

}  // namespace tv
