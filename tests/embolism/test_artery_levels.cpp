// Synthetic tests with exact answers for the arterial branching levels (core/embolism/artery_levels):
// a branching tube phantom whose trunk, main, lobar and segmental segments are known.
#include <catch2/catch.hpp>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "embolism/artery_levels.h"
#include "embolism/radius_update.h"
#include "embolism/vessel_tree.h"
#include "test_support.h"

namespace {

struct Segment {
    Eigen::Vector3d a, b;
    double radius;
};

// Paints capsules (segment + radius) into `m` on a 1 mm grid.
void paint(tv::Mask& m, const std::vector<Segment>& segs) {
    const tv::ImageGeometry& g = m.geometry();
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                const Eigen::Vector3d x(i, j, k);
                for (const auto& s : segs) {
                    const Eigen::Vector3d d = s.b - s.a;
                    const double t = std::clamp((x - s.a).dot(d) / d.squaredNorm(), 0.0, 1.0);
                    if ((x - (s.a + t * d)).norm() <= s.radius) m.at(i, j, k) = 1;
                }
            }
}

Eigen::Vector3d P(double i, double j, double k = 35) { return {i, j, k}; }

// Axial-plane tree (k = 35), i = patient left, midline i = 120: trunk (radius 12) leaving a "heart"
// ball, main PAs (9), two lobar arteries per side (5) entering the lungs, two segmental arteries (3)
// at the end of each lobar one; a thin mediastinal branch (3) rising from the trunk; a "pulmonary
// vein" (5) from the lung to a second heart ball; a vessel of lobar calibre (5) that runs up to the
// lung without entering it (a brachiocephalic vein or aortic branch beside the lung). Lungs: i < 55 and i > 185, wrapping around the
// hilum (lung also 25 mm further in, more than 12 mm in front of and behind the main PA's axis).
struct TreePhantom {
    tv::Mask tree, heart, lungs;
    tv::Image<float> radius;
    // `extra`: vessels added to the phantom's tree.
    explicit TreePhantom(const std::vector<Segment>& extra = {}) {
        const tv::ImageGeometry g = tvtest::grid(240, 160, 75, 1.0, 1.0, 1.0);
        tree = tv::Mask(g, 0);
        heart = tv::Mask(g, 0);
        lungs = tv::Mask(g, 0);
        std::vector<Segment> segs = {
            {P(120, 18), P(120, 60), 12},                                      // trunk
            {P(120, 60), P(170, 60), 9}, {P(120, 60), P(70, 60), 9},           // main PAs
            {P(70, 60), P(40, 30), 5}, {P(70, 60), P(40, 95), 5},              // right lobar
            {P(170, 60), P(200, 30), 5}, {P(170, 60), P(200, 95), 5},          // left lobar
            {P(40, 30), P(15, 12), 3}, {P(40, 30), P(15, 45), 3},          // right upper segmental
            {P(40, 95), P(15, 80), 3}, {P(40, 95), P(15, 125), 3},         // right lower segmental
            {P(200, 30), P(225, 12), 3}, {P(200, 30), P(225, 45), 3},      // left segmental
            {P(200, 95), P(225, 80), 3}, {P(200, 95), P(225, 125), 3},
            {P(120, 40), P(120, 40, 72), 3},                                   // mediastinal branch
            {P(120, 25), P(150, 25), 5},                                       // systemic vessel beside the lung
            {P(100, 140), P(30, 140), 5},                                      // vein into the heart ball
        };
        segs.insert(segs.end(), extra.begin(), extra.end());
        paint(tree, segs);
        // Heart: a ball at the trunk's origin and the vein's end (the left atrium of the phantom).
        for (int k = 0; k < g.size[2]; ++k)
            for (int j = 0; j < g.size[1]; ++j)
                for (int i = 0; i < g.size[0]; ++i) {
                    if (std::hypot(i - 120.0, j - 12.0, k - 35.0) <= 16 || std::hypot(i - 112.0, j - 140.0, k - 35.0) <= 16)
                        heart.at(i, j, k) = tree.at(i, j, k) = 1;
                    const bool hilumWrap = (i < 80 || i > 160) && std::abs(j - 60) > 12;
                    lungs.at(i, j, k) = (i < 55 || i > 185 || hilumWrap) && !tree.at(i, j, k);
                }
        radius = tv::distanceInsideMm(tree);
    }
};

}  // namespace

TEST_CASE("widest-path calibre: a thick vessel reached through a narrow neck has the neck's calibre", "[embolism][unit]") {
    const tv::ImageGeometry g = tvtest::grid(120, 40, 40, 1.0, 1.0, 1.0);
    tv::Mask m(g, 0), seeds(g, 0);
    // radius 9 (seeded), then a 20 mm neck of radius 3, then radius 6 again.
    paint(m, {{P(5, 20, 20), P(40, 20, 20), 9}, {P(40, 20, 20), P(60, 20, 20), 3}, {P(60, 20, 20), P(110, 20, 20), 6}});
    const auto r = tv::distanceInsideMm(m);
    for (int j = 0; j < 40; ++j)
        for (int k = 0; k < 40; ++k) seeds.at(10, j, k) = m.at(10, j, k);
    const auto b = tv::widestPathCalibreTenthMm(m, r, seeds);
    CHECK(b.at(10, 20, 20) == static_cast<int>(std::lround(r.at(10, 20, 20) * 10)));  // a seed keeps its own radius
    CHECK(b.at(25, 20, 20) >= 90);              // along the wide part: its own calibre (>= 9 mm)
    CHECK(b.at(50, 20, 20) == Approx(r.at(50, 20, 20) * 10).margin(1));  // in the neck: the neck
    CHECK(r.at(90, 20, 20) >= 6.0f);            // the distal vessel is 6 mm wide ...
    CHECK(b.at(90, 20, 20) <= 40);              // ... but reached through the 3 mm neck
    CHECK(b.at(90, 20, 20) >= 30);
    CHECK(b.at(5, 5, 5) == 0);                  // outside the domain: unreached
}

TEST_CASE("artery levels of a branching tube phantom follow the tree, not the lung hull", "[embolism][unit]") {
    const TreePhantom ph;
    const auto codes = tv::arteryLevels(ph.tree, ph.radius, ph.heart, tv::hilarZone(ph.tree, ph.radius, ph.heart, ph.lungs, 120, tv::EmbolismParams{}), tv::closeMm(ph.lungs, 6.0), tv::EmbolismParams{});
    auto at = [&](int i, int j, int k = 35) { return static_cast<tv::ArteryCode>(codes.at(i, j, k)); };
    using C = tv::ArteryCode;
    CHECK(at(120, 40) == C::Central);   // trunk
    CHECK(at(95, 60) == C::Central);    // right main PA (mediastinal)
    CHECK(at(145, 60) == C::Central);   // left main PA
    // Lobar arteries in the hilum, not surrounded by aerated lung: lobar, not central.
    CHECK(at(60, 50) == C::Lobar);
    CHECK(at(60, 72) == C::Lobar);
    CHECK(at(180, 50) == C::Lobar);
    CHECK(at(180, 72) == C::Lobar);
    CHECK_FALSE(ph.lungs.at(60, 50, 35));
    // ... and inside it.
    CHECK(at(45, 35) == C::Lobar);
    CHECK(at(194, 88) == C::Lobar);
    // Segmental arteries: next generation, both lungs.
    CHECK(at(28, 21) == C::Segmental);
    CHECK(at(28, 110) == C::Segmental);
    CHECK(at(212, 21) == C::Segmental);
    CHECK(at(212, 110) == C::Segmental);
    // Lobar calibre beside the lung, never entering it: not lobar (central blood pool vessel).
    CHECK(tv::hilarZone(ph.tree, ph.radius, ph.heart, ph.lungs, 120, tv::EmbolismParams{}).at(149, 25, 35));  // lung wraps it ...
    CHECK(at(149, 25) == C::Central);  // ... but it does not lead into the lung
    // A thin vessel in the mediastinum (bronchial, pericardial): no pulmonary-artery level.
    CHECK(at(120, 40, 60) == C::MediastinalBranch);
    // The vein reaches the tree only through the heart: no arterial level, even in the lung.
    CHECK(at(60, 140) == C::ViaHeart);
    CHECK(at(40, 140) == C::ViaHeart);
    CHECK(at(120, 12) == C::Central);   // the cardiac chamber itself: central blood pool
    CHECK(at(5, 5, 5) == C::None);
    // Reported levels: neither a mediastinal branch nor a vein has one.
    CHECK_FALSE(tv::levelOfCode(static_cast<std::uint8_t>(C::MediastinalBranch)).has_value());
    CHECK_FALSE(tv::levelOfCode(static_cast<std::uint8_t>(C::ViaHeart)).has_value());
}

TEST_CASE("levelNear takes the most central level around a point off the centreline", "[embolism][unit]") {
    const TreePhantom ph;
    tv::VesselTree t;
    t.connected = tv::arteryLevels(ph.tree, ph.radius, ph.heart, tv::hilarZone(ph.tree, ph.radius, ph.heart, ph.lungs, 120, tv::EmbolismParams{}), tv::closeMm(ph.lungs, 6.0), tv::EmbolismParams{});
    const tv::EmbolismParams p;
    // Near the wall of the right main PA (8 mm off its centreline): the wall voxels themselves carry
    // a small path calibre, the vessel is central.
    CHECK(static_cast<tv::ArteryCode>(t.connected.at(95, 52, 35)) != tv::ArteryCode::Central);
    CHECK(tv::levelNear(t, {95, 52, 35}, 9.0, p) == tv::VesselLevel::Central);
    // In a lobar artery 25 mm beyond the division (at 14 mm, (60, 50), the box of radius + 1 voxel now
    // reaches the main artery's lumen at the division, covered by its balls and central since
    // s13-pe-lobar: the division zone, where a finding is reported at the more central level).
    CHECK(tv::levelNear(t, {52, 42, 35}, 5.0, p) == tv::VesselLevel::Lobar);
    CHECK(tv::levelNear(t, {28, 21, 35}, 3.0, p) == tv::VesselLevel::Segmental);
    // No tree nearby: from the radius alone.
    CHECK(tv::levelNear(t, {120, 150, 5}, 3.0, p) == tv::VesselLevel::Segmental);
}

namespace {
// Hilum phantom (3-D, 1 mm grid, midline i = 120): trunk (radius 12) from a heart ball, right and left
// main PAs (10) to their first division at i = 90 / 150, two lobar arteries per side (right 4.5,
// left 5) that first run 30 mm through the mediastinum (no lung within 15 mm: outside the hilar zone,
// the case coded central before s13-pe-lobar) and then into the lungs (i < 60, i > 180), each dividing
// into two segmental arteries (2.5) in the lung.
struct HilumPhantom {
    tv::Mask tree, heart, lungs;
    tv::Image<float> radius;
    std::vector<Segment> segs;
    std::vector<tv::ArteryCode> expected;
    HilumPhantom() {
        const tv::ImageGeometry g = tvtest::grid(240, 150, 80, 1.0, 1.0, 1.0);
        tree = tv::Mask(g, 0);
        heart = tv::Mask(g, 0);
        lungs = tv::Mask(g, 0);
        using C = tv::ArteryCode;
        auto add = [&](Eigen::Vector3d a, Eigen::Vector3d b, double r, C c) {
            segs.push_back({a, b, r});
            expected.push_back(c);
        };
        add(P(120, 14, 40), P(120, 60, 40), 12, C::Central);                                // trunk
        add(P(120, 60, 40), P(90, 60, 40), 10, C::Central);                                 // right main PA
        add(P(120, 60, 40), P(150, 60, 40), 10, C::Central);                                // left main PA
        const Eigen::Vector3d rUp(40, 35, 25), rLo(40, 85, 55), lUp(200, 35, 25), lLo(200, 85, 55);
        add(P(90, 60, 40), rUp, 4.5, C::Lobar);                                             // right upper lobar
        add(P(90, 60, 40), rLo, 4.5, C::Lobar);                                             // right lower lobar
        add(P(150, 60, 40), lUp, 5.0, C::Lobar);                                            // left upper lobar
        add(P(150, 60, 40), lLo, 5.0, C::Lobar);                                            // left lower lobar
        for (const auto& e : {rUp, rLo})
            for (const double dj : {-20.0, 20.0}) add(e, e + Eigen::Vector3d(-25, dj, 0), 2.5, C::Segmental);
        for (const auto& e : {lUp, lLo})
            for (const double dj : {-20.0, 20.0}) add(e, e + Eigen::Vector3d(25, dj, 0), 2.5, C::Segmental);
        paint(tree, segs);
        for (int k = 0; k < g.size[2]; ++k)
            for (int j = 0; j < g.size[1]; ++j)
                for (int i = 0; i < g.size[0]; ++i) {
                    if (std::hypot(i - 120.0, j - 8.0, k - 40.0) <= 14) heart.at(i, j, k) = tree.at(i, j, k) = 1;
                    lungs.at(i, j, k) = (i < 60 || i > 180) && !tree.at(i, j, k);
                }
        radius = tv::distanceInsideMm(tree);
    }
};
}  // namespace

TEST_CASE("hilum phantom: lobar from the main artery's first division to the segmental branches, per voxel", "[embolism][unit]") {
    const HilumPhantom ph;
    const tv::EmbolismParams p;
    const auto hilar = tv::hilarZone(ph.tree, ph.radius, ph.heart, ph.lungs, 120, p);
    const auto codes = tv::arteryLevels(ph.tree, ph.radius, ph.heart, hilar, tv::closeMm(ph.lungs, 6.0), p);
    // Every lumen voxel of one vessel only, at least 12 mm from its segment's ends (the main arteries'
    // balls reach into the branches at the division) and at least the next level's radius from the
    // wall (central: lobarRadius; lobar and segmental: segmentalRadius; the thinner rim keeps its own
    // path calibre), has its level.
    const tv::ImageGeometry& g = ph.tree.geometry();
    std::vector<int> checked(ph.segs.size(), 0), wrong(ph.segs.size(), 0);
    int medialLobarOutsideHilum = 0;
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                if (!ph.tree.at(i, j, k) || ph.heart.at(i, j, k)) continue;
                const Eigen::Vector3d x(i, j, k);
                int owner = -1, owners = 0;
                bool nearEnd = false;
                for (std::size_t s = 0; s < ph.segs.size(); ++s) {
                    const auto& sg = ph.segs[s];
                    const Eigen::Vector3d d = sg.b - sg.a;
                    const double t = std::clamp((x - sg.a).dot(d) / d.squaredNorm(), 0.0, 1.0);
                    if ((x - (sg.a + t * d)).norm() > sg.radius + 1.5) continue;
                    ++owners;
                    owner = static_cast<int>(s);
                    nearEnd = nearEnd || (x - sg.a).norm() < 12 || (x - sg.b).norm() < 12;
                }
                // Beside the heart ball the trunk's centre lies in the chamber (no path source there).
                if (owners != 1 || nearEnd || std::hypot(i - 120.0, j - 8.0, k - 40.0) < 14 + 12) continue;
                const double core = ph.expected[owner] == tv::ArteryCode::Central ? p.lobarRadiusMm : p.segmentalRadiusMm;
                if (ph.radius.at(i, j, k) < core) continue;
                ++checked[owner];
                if (static_cast<tv::ArteryCode>(codes.at(i, j, k)) != ph.expected[owner]) ++wrong[owner];
                if (ph.expected[owner] == tv::ArteryCode::Lobar && !hilar.at(i, j, k) && ph.radius.at(i, j, k) >= 4) ++medialLobarOutsideHilum;
            }
    for (std::size_t s = 0; s < ph.segs.size(); ++s) {
        INFO("segment " << s << " expected code " << static_cast<int>(ph.expected[s]));
        CHECK(checked[s] >= 20);
        CHECK(wrong[s] == 0);
    }
    // The phantom tests the case it was built for: lobar centreline outside the hilar zone.
    CHECK(medialLobarOutsideHilum > 20);
}

TEST_CASE("ball cover: on anisotropic voxels the ball reaches its radius in every direction", "[embolism][unit]") {
    // C3N-00247's working grid: 1.13 x 1.13 x 3 mm. One centre with a 20 mm ball in an open domain.
    const tv::ImageGeometry g = tvtest::grid(41, 41, 17, 1.13, 1.13, 3.0);
    const tv::Mask domain(g, 1);
    tv::Mask centre(g, 0);
    centre.at(20, 20, 8) = 1;
    const tv::Image<float> radius(g, 20.0f);
    tv::Image<std::uint8_t> code(g, 0);
    tv::coverByCentreBalls(domain, radius, centre, 0.0, code, tv::ArteryCode::Central);
    const double slack = tv::ballCoverPathSlack(g.spacing);
    // The path detour is larger on thick slices than on cubic voxels (26-neighbour steps).
    CHECK(slack > tv::ballCoverPathSlack(Eigen::Vector3d(1, 1, 1)) + 0.05);
    int inside = 0, missed = 0, beyond = 0;
    for (int k = 0; k < 17; ++k)
        for (int j = 0; j < 41; ++j)
            for (int i = 0; i < 41; ++i) {
                const double mm = std::hypot((i - 20) * 1.13, (j - 20) * 1.13, (k - 8) * 3.0);
                if (mm <= 20.0) {
                    ++inside;
                    missed += code.at(i, j, k) == 0;
                }
                // Reach bounded by the slack and half a voxel.
                if (mm > 20.0 * slack + 1.5 + 0.1) beyond += code.at(i, j, k) != 0;
            }
    CHECK(inside > 3000);
    CHECK(missed == 0);
    CHECK(beyond == 0);
}

namespace {
// A clot (ellipsoid of semi-axes `length` along the artery and `width` across) cut out of the
// TreePhantom's lumen at `centre`; the tree graded as the detector does (gradeVesselTree: radius of
// the 2.5 mm-closed lumen, then the levels). Returns the level treeLevelNear reports at the clot's
// centre with the candidate's vessel radius (largest tree radius within 2 voxels of the clot,
// computeFeatures), before and after regradeWithDefectsFilled.
struct ClotLevels {
    std::optional<tv::VesselLevel> before, after;
    std::optional<tv::VesselLevel> reported;  // findingLevel after the regrading (the detector's rule)
    std::optional<tv::VesselLevel> occlusion;  // occlusionLevel of `reported` (the rule for complete occlusions)
    std::optional<tv::VesselLevel> partial;    // partialLevel of `reported` (the rule for partial findings)
    std::uint8_t codeAtCentreAfter = 0;
};
ClotLevels clotLevels(const TreePhantom& ph, const Eigen::Vector3d& centre, const Eigen::Vector3d& axis, double length, double width,
                      const tv::EmbolismParams& p = {}) {
    tv::ThoraxMasks m;
    m.heart = ph.heart;
    m.lungs = ph.lungs;
    m.lungHull = tv::closeMm(ph.lungs, 6.0);
    m.midlineX = 120;
    tv::VesselTree t;
    t.lumen = ph.tree;
    std::vector<std::size_t> clot;
    const tv::ImageGeometry& g = ph.tree.geometry();
    const Eigen::Vector3d u = axis.normalized();
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                const Eigen::Vector3d d = Eigen::Vector3d(i, j, k) - centre;
                const double along = d.dot(u), across = (d - along * u).norm();
                if (along * along / (length * length) + across * across / (width * width) > 1.0) continue;
                t.lumen.at(i, j, k) = 0;
                clot.push_back(t.lumen.offset(i, j, k));
            }
    t.connected = t.lumen;
    tv::gradeVesselTree(t, m, p, tv::neverCancel());
    double radius = 0;
    for (const std::size_t n : clot) {
        const int i = static_cast<int>(n % g.size[0]), j = static_cast<int>((n / g.size[0]) % g.size[1]),
                  k = static_cast<int>(n / (static_cast<std::size_t>(g.size[0]) * g.size[1]));
        for (int dk = -2; dk <= 2; ++dk)
            for (int dj = -2; dj <= 2; ++dj)
                for (int di = -2; di <= 2; ++di) radius = std::max(radius, static_cast<double>(t.radius.at(i + di, j + dj, k + dk)));
    }
    const tv::Index3 c{static_cast<int>(std::lround(centre[0])), static_cast<int>(std::lround(centre[1])), static_cast<int>(std::lround(centre[2]))};
    ClotLevels out;
    out.before = tv::treeLevelNear(t, c, radius);
    tv::regradeWithDefectsFilled(t, m, clot, p, tv::neverCancel());
    out.after = tv::treeLevelNear(t, c, radius);
    out.reported = tv::findingLevel(t, clot, c, radius);
    if (out.reported) {
        out.occlusion = tv::occlusionLevel(t, clot, *out.reported, p);
        out.partial = tv::partialLevel(t, clot, *out.reported, p);
    }
    out.codeAtCentreAfter = t.connected.at(c[0], c[1], c[2]);
    tv::clearTreeVoxels(t, clot);
    CHECK(t.connected.at(c[0], c[1], c[2]) == 0);  // the clot is no enhanced lumen
    return out;
}
}  // namespace

TEST_CASE("a clot's level is its artery's level graded with the clot filled in: central, lobar, segmental", "[embolism][unit]") {
    const TreePhantom ph;
    using L = tv::VesselLevel;
    // Right main PA (radius 9, central), clot 0.6 R wide and 12 mm long halfway to the division: its
    // rim of contrast (3.6 mm) is thinner than a lobar artery, so the rim and the artery beyond the
    // clot's distal end are graded by the rim's calibre.
    const ClotLevels central = clotLevels(ph, P(95, 60), {1, 0, 0}, 12, 5.4);
    INFO("central before " << (central.before ? tv::toString(*central.before) : "none"));
    CHECK(central.before != L::Central);
    REQUIRE(central.after.has_value());
    CHECK(*central.after == L::Central);
    CHECK(static_cast<tv::ArteryCode>(central.codeAtCentreAfter) == tv::ArteryCode::Central);
    // Right upper lobar artery (radius 5), halfway along: clot 0.6 R wide, 8 mm long.
    const ClotLevels lobar = clotLevels(ph, P(55, 45), {-1, -1, 0}, 8, 3.0);
    INFO("lobar before " << (lobar.before ? tv::toString(*lobar.before) : "none"));
    CHECK(lobar.before != L::Lobar);
    REQUIRE(lobar.after.has_value());
    CHECK(*lobar.after == L::Lobar);
    // Right upper segmental artery (radius 3): clot 0.6 R wide, 6 mm long.
    const ClotLevels segmental = clotLevels(ph, P(28, 21), {-25, -18, 0}, 6, 1.8);
    INFO("segmental before " << (segmental.before ? tv::toString(*segmental.before) : "none"));
    REQUIRE(segmental.after.has_value());
    CHECK(*segmental.after == L::Segmental);
}

TEST_CASE("a finding's level is read from the artery that encloses it, not from a thicker one it touches", "[embolism][unit]") {
    using L = tv::VesselLevel;
    // A segmental-calibre vessel (radius 2.5) running 20 mm along the right lower lobar artery
    // (radius 5, P(70, 60) -> P(40, 95)) just above it, axes 7 mm apart (the walls overlap by half a
    // mm: the two touch along their length, as a segmental artery beside a lobar or main artery does
    // on 3 mm slices). It is reached from the trunk only through that contact, so its path calibre is
    // its own: segmental (in the hilar zone).
    const Eigen::Vector3d dir = (P(40, 95) - P(70, 60)).normalized();
    const Eigen::Vector3d a = P(70, 60) + 12.0 * dir + Eigen::Vector3d(0, 0, 7), b = a + 20.0 * dir;
    const TreePhantom ph({{a, b, 2.5}});
    const Eigen::Vector3d mid = 0.5 * (a + b);
    // Clot 0.6 R wide, 10 mm long, in the thin vessel's middle.
    const ClotLevels thin = clotLevels(ph, mid, dir, 5, 1.5);
    INFO("thin vessel: treeLevelNear's box after the regrading " << (thin.after ? tv::toString(*thin.after) : "none"));
    // The box of the vessel radius reaches the lobar artery's lumen: the rule the detector used before.
    CHECK(thin.after == L::Lobar);
    REQUIRE(thin.reported.has_value());
    CHECK(*thin.reported == L::Segmental);
    CHECK(thin.partial == L::Segmental);  // its filled section is the thin vessel's (partialLevelFromCalibre)
    CHECK(static_cast<tv::ArteryCode>(thin.codeAtCentreAfter) == tv::ArteryCode::Segmental);
    // The same clot in the lobar artery beneath it: lobar.
    const ClotLevels thick = clotLevels(ph, mid - Eigen::Vector3d(0, 0, 7), dir, 5, 3.0);
    REQUIRE(thick.reported.has_value());
    CHECK(*thick.reported == L::Lobar);
}

namespace {
// Cuts ellipsoidal clots out of `lumen`, takes the radius map as the detector does (2.5 mm
// closing), fills the clots in again and checks the incremental update against the whole grid's
// map, voxel for voxel.
void checkRadiusUpdate(tv::Mask lumen, const std::vector<std::pair<Eigen::Vector3d, double>>& clots) {
    const tv::ImageGeometry& g = lumen.geometry();
    std::vector<std::size_t> added;
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i)
                for (const auto& [c, r] : clots) {
                    const Eigen::Vector3d d((i - c[0]) * g.spacing[0], (j - c[1]) * g.spacing[1], (k - c[2]) * g.spacing[2]);
                    if (d.norm() <= r && lumen.at(i, j, k)) {
                        lumen.at(i, j, k) = 0;
                        added.push_back(lumen.offset(i, j, k));
                    }
                }
    REQUIRE(!added.empty());
    tv::Image<float> radius = tv::distanceInsideMm(tv::closeMm(lumen, 2.5));
    for (const std::size_t n : added) lumen[n] = 1;
    const tv::Image<float> whole = tv::distanceInsideMm(tv::closeMm(lumen, 2.5));
    std::size_t changed = 0;
    for (std::size_t n = 0; n < whole.voxelCount(); ++n) changed += whole[n] != radius[n];
    CHECK(changed > 0);  // the filling changes the map, so equality below is not the old map's
    REQUIRE(tv::updateRadiusForAddedLumen(radius, lumen, added, 2.5));
    std::size_t differ = 0;
    for (std::size_t n = 0; n < whole.voxelCount(); ++n) differ += whole[n] != radius[n];
    CHECK(differ == 0);
}
}  // namespace

TEST_CASE("the radius map updated around filled clots equals the whole grid's map", "[embolism][unit]") {
    // Tree phantom, 1 mm (its heart ball of radius 16 mm sets the margins).
    SECTION("tree phantom: a clot in the right main artery") { checkRadiusUpdate(TreePhantom().tree, {{P(95, 60), 5.0}}); }
    SECTION("tree phantom: a clot in a left segmental artery") { checkRadiusUpdate(TreePhantom().tree, {{P(212, 113), 2.5}}); }
    SECTION("thick slices (1.13 x 1.13 x 3 mm as C3N's working grid): an occlusion of a tube") {
        const tv::ImageGeometry g = tvtest::grid(120, 100, 40, 1.13, 1.13, 3.0);
        tv::Mask tube(g, 0);
        for (int k = 0; k < g.size[2]; ++k)
            for (int j = 0; j < g.size[1]; ++j)
                for (int i = 0; i < g.size[0]; ++i)
                    tube.at(i, j, k) = std::hypot((i - 60) * 1.13, (k - 20) * 3.0) <= 4.0 || std::hypot((i - 20) * 1.13, (j - 50) * 1.13) <= 9.0;
        checkRadiusUpdate(tube, {{{60, 70, 20}, 6.0}});
    }
}

TEST_CASE("a complete occlusion reports at least its own filled calibre's level (occlusionLevelFromCalibre)", "[embolism][unit]") {
    using L = tv::VesselLevel;
    // A lobar-calibre artery (radius 5) reached from the trunk only through a segmental one (radius 3,
    // the right lower segmental branch P(40, 95) -> P(15, 80)): it rises out of the plane from that
    // branch's end, inside the right lung. Its path calibre is the segmental neck's, so a clot in it
    // reads segmental along the path (pa-crop round 0 clot 3: the artery above the occlusion a cut-off
    // piece, the artery below reached through the heart).
    const TreePhantom ph({{P(15, 80), P(15, 80, 68), 5}});
    // Complete occlusion: the clot (10 mm long, as wide as the lumen) fills the whole cross-section.
    const ClotLevels occluded = clotLevels(ph, P(15, 80, 55), {0, 0, 1}, 5, 5.0);
    REQUIRE(occluded.reported.has_value());
    CHECK(*occluded.reported == L::Segmental);  // the path rule (findingLevel) alone
    CHECK(occluded.occlusion == L::Lobar);      // with the clot's own calibre
    tv::EmbolismParams off;
    off.occlusionLevelFromCalibre = false;
    CHECK(clotLevels(ph, P(15, 80, 55), {0, 0, 1}, 5, 5.0, off).occlusion == L::Segmental);
    // An occlusion of the segmental neck itself (radius 3) stays segmental; one of the right main PA
    // (radius 9) stays central: the rule only raises a level to the clot's calibre.
    const ClotLevels segmental = clotLevels(ph, P(28, 88), {-25, -15, 0}, 4, 3.0);
    CHECK(segmental.occlusion == L::Segmental);
    const ClotLevels central = clotLevels(ph, P(95, 60), {1, 0, 0}, 8, 9.0);
    CHECK(central.occlusion == L::Central);
}

namespace {
// Levels of a finding that is not the whole clot, or more than it: the voxels where `isClot` holds
// leave the lumen (the clot on the scan), those where `isFinding` holds are the detector's finding,
// filled in by regradeWithDefectsFilled (the finding can cover part of the clot, or reach beyond
// the artery's wall into the tissue around it). Returns findingLevel, and partialLevel and
// occlusionLevel of it.
struct FindingLevels {
    std::optional<tv::VesselLevel> reported, partial, occlusion;
};
template <typename ClotFn, typename FindingFn>
FindingLevels findingLevels(const TreePhantom& ph, ClotFn isClot, FindingFn isFinding, const tv::EmbolismParams& p = {}) {
    tv::ThoraxMasks m;
    m.heart = ph.heart;
    m.lungs = ph.lungs;
    m.lungHull = tv::closeMm(ph.lungs, 6.0);
    m.midlineX = 120;
    tv::VesselTree t;
    t.lumen = ph.tree;
    std::vector<std::size_t> finding;
    const tv::ImageGeometry& g = ph.tree.geometry();
    Eigen::Vector3d sum(0, 0, 0);
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                const Eigen::Vector3d x(i, j, k);
                if (isClot(x)) t.lumen.at(i, j, k) = 0;
                if (isFinding(x)) {
                    finding.push_back(t.lumen.offset(i, j, k));
                    sum += x;
                }
            }
    REQUIRE(!finding.empty());
    t.connected = t.lumen;
    tv::gradeVesselTree(t, m, p, tv::neverCancel());
    const Eigen::Vector3d c = sum / static_cast<double>(finding.size());
    const tv::Index3 ci{static_cast<int>(std::lround(c[0])), static_cast<int>(std::lround(c[1])), static_cast<int>(std::lround(c[2]))};
    tv::regradeWithDefectsFilled(t, m, finding, p, tv::neverCancel());
    FindingLevels out;
    out.reported = tv::findingLevel(t, finding, ci, 5.0);
    if (out.reported) {
        out.partial = tv::partialLevel(t, finding, *out.reported, p);
        out.occlusion = tv::occlusionLevel(t, finding, *out.reported, p);
    }
    return out;
}

// Position along the right lower lobar artery of TreePhantom (radius 5, P(70, 60) -> P(40, 95)):
// `along` mm from its origin, `lift` the offset out of the axial plane (k).
struct LowerLobar {
    Eigen::Vector3d a = P(70, 60), dir = (P(40, 95) - P(70, 60)).normalized();
    double along(const Eigen::Vector3d& x) const { return (x - a).dot(dir); }
    double offAxis(const Eigen::Vector3d& x) const { return (x - a - along(x) * dir).norm(); }
    double lift(const Eigen::Vector3d& x) const { return x[2] - a[2]; }
};
}  // namespace

TEST_CASE("a partial finding reports at least its own filled calibre's level (partialLevelFromCalibre)", "[embolism][unit]") {
    using L = tv::VesselLevel;
    const TreePhantom ph;
    const LowerLobar lo;
    // An eccentric clot 16 mm long in the right lower lobar artery (radius 5): it fills the section
    // down to 1 mm below the axis, leaving a rim of contrast 4 mm thick (inscribed radius 2). The
    // detector finds only its distal 6 mm (raised C3N-00247 round 0 clot 5: 12 of 18 voxels found,
    // pa-crop round 1 clot 4: 19 of 61): filled in, the finding's section is the artery's (radius 5),
    // but the path from the trunk still runs through the rim beside the unfound part, under
    // segmental calibre, so the path rule reads the artery beyond it as a thin one.
    const auto inArtery = [&](const Eigen::Vector3d& x) { return lo.offAxis(x) <= 5.0 && ph.tree.at(static_cast<int>(x[0]), static_cast<int>(x[1]), static_cast<int>(x[2])); };
    const auto isClot = [&](const Eigen::Vector3d& x) { return inArtery(x) && lo.along(x) >= 12 && lo.along(x) <= 28 && lo.lift(x) >= -1.0; };
    const auto isFinding = [&](const Eigen::Vector3d& x) { return isClot(x) && lo.along(x) >= 22; };
    const FindingLevels partial = findingLevels(ph, isClot, isFinding);
    REQUIRE(partial.reported.has_value());
    INFO("path rule " << tv::toString(*partial.reported));
    CHECK(*partial.reported > L::Lobar);      // the path rule alone: segmental or thinner
    CHECK(partial.partial == L::Lobar);       // with the finding's own calibre
    tv::EmbolismParams off;
    off.partialLevelFromCalibre = false;
    CHECK(findingLevels(ph, isClot, isFinding, off).partial == partial.reported);
    // The rule only raises a level to the finding's own calibre: the whole clot found reads lobar
    // through the path alone; an eccentric clot of a segmental artery (radius 3) stays segmental.
    CHECK(findingLevels(ph, isClot, isClot).partial == L::Lobar);
    const Eigen::Vector3d sa = P(40, 95), sd = (P(15, 125) - P(40, 95)).normalized();
    const auto segClot = [&](const Eigen::Vector3d& x) {
        const double t = (x - sa).dot(sd);
        return t >= 8 && t <= 16 && (x - sa - t * sd).norm() <= 3.0 && x[2] >= 35;
    };
    const FindingLevels segmental = findingLevels(ph, segClot, segClot);
    CHECK(segmental.partial == L::Segmental);
}

TEST_CASE("the regrading keeps the scan's trunk seeds: a filled finding wider than its artery is no main artery (regradeKeepsTrunkSeeds)", "[embolism][unit]") {
    using L = tv::VesselLevel;
    const TreePhantom ph;
    const LowerLobar lo;
    // A finding that reaches beyond its artery's wall: a ball of radius 8 around the right lower lobar
    // artery's axis (radius 5), 20 mm from its origin: the clot in the artery and the soft tissue
    // around it (raised C3N-00247 round 3 clot 3: a stump plug of 212 voxels, 23 of them on the clot,
    // the rest hilar tissue). Filled in, the ball is wider than main-artery calibre (7 mm); seeded as
    // trunk, it and the artery beyond read central.
    const Eigen::Vector3d centre = lo.a + 20.0 * lo.dir;
    const auto inBall = [&](const Eigen::Vector3d& x) { return (x - centre).norm() <= 8.0; };
    const auto isClot = [&](const Eigen::Vector3d& x) { return inBall(x) && lo.offAxis(x) <= 5.0; };
    const FindingLevels kept = findingLevels(ph, isClot, inBall);
    REQUIRE(kept.reported.has_value());
    CHECK(*kept.reported == L::Lobar);
    CHECK(kept.occlusion == L::Lobar);
    tv::EmbolismParams off;
    off.regradeKeepsTrunkSeeds = false;
    const FindingLevels seeded = findingLevels(ph, isClot, inBall, off);
    REQUIRE(seeded.reported.has_value());
    CHECK(*seeded.reported == L::Central);
    // A clot of the right main PA (radius 9) filled in stays central: it is reached from the trunk
    // at main-artery calibre.
    const auto mainClot = [&](const Eigen::Vector3d& x) { return (x - P(95, 60)).norm() <= 6.0; };
    CHECK(findingLevels(ph, mainClot, mainClot).reported == L::Central);
}
