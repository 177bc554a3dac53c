#include "evaluation/clot_sizing.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "evaluation/clot_occlusion.h"

namespace tv {

std::string toString(ClotSizing s) { return s == ClotSizing::Section ? "section" : "site"; }

std::optional<ClotSizing> clotSizingFromString(const std::string& s) {
    if (s == "site") return ClotSizing::Site;
    if (s == "section") return ClotSizing::Section;
    return std::nullopt;
}

SiteSectionSize measureSiteSectionSize(const Image<float>& beforeView, const VesselSite& site, double lumenThresholdHu,
                                       const ClotSizingRule& rule) {
    ClotSpec spec;  // only the site is read (arterySectionAreaMm2)
    spec.site = site;
    const double R = site.radiusMm;
    SiteSectionSize out;
    out.sectionAreaMm2 = arterySectionAreaMm2(beforeView, spec, lumenThresholdHu, rule.maxRadii * R + rule.marginMm);
    out.equivalentRadiusMm = std::sqrt(out.sectionAreaMm2 / std::numbers::pi);
    out.sizingRadiusMm = std::clamp(out.equivalentRadiusMm, R, std::max(R, rule.maxRadii * R));
    return out;
}

}  // namespace tv
