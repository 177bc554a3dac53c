// Pulmonary artery tree (trunk from the right ventricular outflow, main, lobar, 10 segmental
// arteries per lung as counted by the Qanadli index, two subsegmental branches each) and the
// intrapulmonary veins. Arteries are painted last so they win where a vein crosses them.
#include <cmath>

#include "phantom/phantom_canvas.h"

namespace tv::phantom {
namespace {

using V3 = Eigen::Vector3d;

struct Branch {
    const char* name;
    V3 end;
};

/// A unit vector perpendicular to d (deterministic choice).
V3 perpendicular(const V3& d) {
    const V3 ref = std::abs(d.z()) < 0.9 ? V3::UnitZ() : V3::UnitX();
    return d.cross(ref).normalized();
}

PhantomVesselSegment segment(std::string name, const V3& a, const V3& b, double ra, double rb,
                             std::string level, std::string side) {
    PhantomVesselSegment s;
    s.name = std::move(name);
    s.startLps = a;
    s.endLps = b;
    s.startRadiusMm = ra;
    s.endRadiusMm = rb;
    s.level = std::move(level);
    s.side = std::move(side);
    return s;
}

/// Two daughter branches at the end of `parent`, spread 30 degrees either side of its direction
/// (in alternating planes per generation so the tree fills space), then recursively `generations`
/// more times with 0.7 x the length and radius.
void addDaughters(std::vector<PhantomVesselSegment>& out, const PhantomVesselSegment& parent, double length,
                  double radius, int generations, bool rotate) {
    if (generations == 0) return;
    const V3 d = (parent.endLps - parent.startLps).normalized();
    V3 u = perpendicular(d);
    if (rotate) u = d.cross(u);
    const double c30 = std::cos(M_PI / 6.0), s30 = std::sin(M_PI / 6.0);
    const char* suffixes[2] = {"a", "b"};
    for (int s = 0; s < 2; ++s) {
        const V3 dir = c30 * d + (s == 0 ? s30 : -s30) * u;
        const std::string name = parent.name + (parent.level == "subsegmental" ? "" : " ") + suffixes[s];
        out.push_back(segment(name, parent.endLps, parent.endLps + length * dir, radius, 0.65 * radius,
                              "subsegmental", parent.side));
        const PhantomVesselSegment child = out.back();
        addDaughters(out, child, 0.7 * length, 0.7 * radius, generations - 1, !rotate);
    }
}

/// Lobar artery from `hilum` to `lobarEnd` with its segmental branches, each ending in three
/// generations of subsegmental branches.
void addLobe(std::vector<PhantomVesselSegment>& out, const std::string& side, const std::string& lobe,
             const V3& hilum, const V3& lobarEnd, double ra, double rb, std::initializer_list<Branch> segs) {
    out.push_back(segment(lobe, hilum, lobarEnd, ra, rb, "lobar", side));
    for (const Branch& b : segs) {
        out.push_back(segment(lobe + " " + b.name, lobarEnd, b.end, 3.2, 2.3, "segmental", side));
        const PhantomVesselSegment seg = out.back();
        addDaughters(out, seg, 25.0, 2.0, 3, false);
    }
}

std::vector<PhantomVesselSegment> arteryTree() {
    std::vector<PhantomVesselSegment> t;
    const V3 bifurcation(10, -25, 8), rightHilum(-55, -2, 2), leftHilum(55, 18, 14);
    t.push_back(segment("pulmonary trunk", {22, -60, -45}, bifurcation, 14, 13.5, "trunk", ""));
    // The right PA passes behind the ascending aorta; the left PA arches over the left main bronchus.
    t.push_back(segment("right main PA", bifurcation, {-30, -12, 6}, 11, 10.5, "central", "right"));
    t.push_back(segment("right main PA (hilar)", {-30, -12, 6}, rightHilum, 10.5, 9.5, "central", "right"));
    t.push_back(segment("left main PA", bifurcation, {30, -5, 26}, 11, 10.5, "central", "left"));
    t.push_back(segment("left main PA (hilar)", {30, -5, 26}, leftHilum, 10.5, 9.5, "central", "left"));

    addLobe(t, "right", "RUL", rightHilum, {-62, -8, 40}, 6, 5,
            {{"apical", {-72, 0, 92}}, {"posterior", {-100, 30, 58}}, {"anterior", {-100, -45, 42}}});
    addLobe(t, "right", "RML", rightHilum, {-72, -28, -18}, 5, 4,
            {{"lateral", {-112, -38, -32}}, {"medial", {-62, -62, -38}}});
    addLobe(t, "right", "RLL", rightHilum, {-72, 16, -32}, 7, 5.5,
            {{"superior", {-92, 58, -8}},
             {"medial basal", {-48, 10, -70}},
             {"anterior basal", {-95, -30, -72}},
             {"lateral basal", {-125, 15, -75}},
             {"posterior basal", {-88, 62, -88}}});
    addLobe(t, "left", "LUL", leftHilum, {64, 2, 42}, 6, 5,
            {{"apicoposterior", {72, 10, 95}}, {"posterior", {100, 40, 60}}, {"anterior", {100, -40, 45}}});
    addLobe(t, "left", "lingula", leftHilum, {72, -22, -10}, 5, 4,
            {{"superior", {115, -30, -20}}, {"inferior", {90, -50, -45}}});
    addLobe(t, "left", "LLL", leftHilum, {72, 36, -25}, 7, 5.5,
            {{"superior", {92, 62, 0}},
             {"medial basal", {70, 8, -75}},
             {"anterior basal", {95, -10, -80}},
             {"lateral basal", {120, 30, -80}},
             {"posterior basal", {88, 62, -95}}});
    return t;
}

/// Intrapulmonary veins: from the hilar end of each central vein, three branches fanning into the
/// lung between the arteries, each splitting once more.
void paintVeinTree(Canvas& c, double hu) {
    struct Root {
        V3 start;
        V3 ends[3];
    };
    const Root roots[] = {
        {{-48, -8, -30}, {{-88, -40, 5}, {-108, -12, -22}, {-80, -52, -45}}},  // right superior
        {{-45, 28, -58}, {{-75, 45, -35}, {-110, 35, -70}, {-70, 40, -85}}},   // right inferior
        {{62, -5, -28}, {{95, -25, 10}, {108, 5, -30}, {80, -38, -40}}},       // left superior
        {{62, 15, -60}, {{90, 45, -45}, {112, 15, -65}, {80, 45, -92}}},       // left inferior
    };
    for (const Root& r : roots)
        for (const V3& e : r.ends) {
            paintPulmonaryTube(c, {r.start, e, 3.8, 2.6}, 0.0, kPulmonaryVein, hu);
            const V3 d = (e - r.start).normalized();
            const V3 u = perpendicular(d).cross(d);
            paintPulmonaryTube(c, {e, e + 20.0 * (0.85 * d + 0.5 * u), 2.0, 1.2}, 0.0, kPulmonaryVein, hu);
            paintPulmonaryTube(c, {e, e + 20.0 * (0.85 * d - 0.5 * u), 2.0, 1.2}, 0.0, kPulmonaryVein, hu);
        }
}

}  // namespace

void paintPulmonaryVessels(Canvas& c, const ChestPhantomParams& p, double systemicHu,
                           std::vector<PhantomVesselSegment>& arteries) {
    arteries = arteryTree();
    paintVeinTree(c, systemicHu);
    for (const PhantomVesselSegment& s : arteries) {
        const Tube tube{s.startLps, s.endLps, s.startRadiusMm, s.endRadiusMm};
        if (s.level == "trunk" || s.level == "central")
            paintMediastinalTube(c, tube, 2.0, kPulmonaryArtery, p.paEnhancementHu, p.softTissueHu);
        else
            paintPulmonaryTube(c, tube, 0.0, kPulmonaryArtery, p.paEnhancementHu);
    }
}

}  // namespace tv::phantom
