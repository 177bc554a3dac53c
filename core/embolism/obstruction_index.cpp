#include "embolism/obstruction_index.h"

#include <algorithm>

namespace tv {

double estimateObstructionIndex(const std::vector<ObstructionFinding>& findings) {
    double sum = 0;
    for (const auto& f : findings) {
        int n = 1;
        switch (f.level) {
            case VesselLevel::Central: n = f.side == "central" ? 20 : 10; break;
            case VesselLevel::Lobar: n = 3; break;
            case VesselLevel::Segmental: n = 1; break;
            case VesselLevel::Subsegmental: n = 1; break;
        }
        sum += n * (f.complete ? 2 : 1);
    }
    return std::min(100.0, sum / 40.0 * 100.0);
}

}  // namespace tv
