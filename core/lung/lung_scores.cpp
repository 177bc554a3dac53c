#include "lung/lung_scores.h"

namespace tv {

int ctSeverityLobeScore(double percent, double noneBelowPercent) {
    if (percent <= 0.0 || percent < noneBelowPercent) return 0;
    if (percent < 5.0) return 1;
    if (percent <= 25.0) return 2;
    if (percent <= 50.0) return 3;
    if (percent <= 75.0) return 4;
    return 5;
}

int sixZoneScore(double percent, double noneBelowPercent) {
    if (percent <= 0.0 || percent < noneBelowPercent) return 0;
    if (percent <= 25.0) return 1;
    if (percent <= 50.0) return 2;
    if (percent <= 75.0) return 3;
    return 4;
}

}  // namespace tv
