// The 3D view renders only the body (ui/view3d/body_clip.h): a synthetic chest with an arm, a
// table and a vessel, all bright enough for the vessels preset, seen from the front. The arm's far
// part and the table must not show, the vessel must; with the clip off (the old behaviour) the arm
// and the table show, so the test fails on it. In `lungs`, the lateral chest wall (the skin box of
// before) must be background. PNGs: /tmp/thromboview-tests/view3d_body_clip_*.png.
#include <catch2/catch.hpp>

#include <vtkRenderWindow.h>

#include <memory>

#include "render_support.h"
#include "view3d/volume_view_3d.h"

namespace {

constexpr double kMm = 1.5;  // isotropic voxel size

void fillBox(tv::CtVolume& ct, int i0, int i1, int j0, int j1, int k0, int k1, std::int16_t hu) {
    for (int k = k0; k < k1; ++k)
        for (int j = j0; j < j1; ++j)
            for (int i = i0; i < i1; ++i) ct.hu.at(i, j, k) = hu;
}

// 128 x 96 x 40 voxels of 1.5 mm: trunk (40 HU) i 24..83, j 20..69, around lungs (-850 HU, 183 mL)
// i 34..73; a vessel (400 HU) in the lungs; an arm (400 HU, like enhanced vessels and bone) against
// the trunk at i 84..105; a table (400 HU) across the field of view behind the trunk, j 78..82.
std::shared_ptr<const tv::CtVolume> chestWithArmAndTable() {
    tv::ImageGeometry g;
    g.size = {128, 96, 40};
    g.spacing = {kMm, kMm, kMm};
    auto ct = std::make_shared<tv::CtVolume>();
    ct->hu = tv::Image<std::int16_t>(g, -1000);
    fillBox(*ct, 24, 84, 20, 70, 0, 40, 40);
    fillBox(*ct, 34, 74, 28, 62, 0, 40, -850);
    fillBox(*ct, 52, 56, 43, 47, 5, 35, 400);
    fillBox(*ct, 84, 106, 30, 56, 0, 40, 400);
    fillBox(*ct, 8, 121, 78, 83, 0, 40, 400);
    return ct;
}

bool isBackgroundLike(const unsigned char* px) { return px[0] < 60 && px[1] < 60 && px[2] < 70; }

struct Probe {
    const char* what;
    Eigen::Vector3d ijk;
};

}  // namespace

TEST_CASE("3D view clips to the body: arm, table and skin box do not render", "[ui3d][body_clip]") {
    tvtest3d::requireDisplay();
    const auto ct = chestWithArmAndTable();
    auto win = tvtest3d::makeOffscreenWindow(300, 300);
    tvui::VolumeView3D view;
    view.attachTo(win);
    view.setVolume(ct);
    view.setCrosshairVisible(false);
    REQUIRE(view.bodyMask() != nullptr);

    // Arm beyond renderBodyMaskParams().armMarginMm (25 mm = 17 voxels) of the lungs' edge (i 74),
    // table lateral to the arm, vessel (control), lateral chest wall (skin of the `lungs` box).
    const Probe arm{"arm", {99, 42, 20}}, table{"table", {115, 80, 20}}, vessel{"vessel", {53.5, 44.5, 20}},
        chestWall{"chest wall", {27, 45, 20}};
    auto pixel = [&](const tvtest3d::Frame& f, const Probe& p) {
        const Eigen::Vector2d xy = tvtest3d::project(view.renderer(), ct->geometry().voxelToPatient(p.ijk));
        INFO(p.what << " projects to " << xy.transpose());
        REQUIRE(xy.x() >= 2);
        REQUIRE(xy.x() < 298);
        return f.at(static_cast<int>(xy.x()), static_cast<int>(xy.y()));
    };

    view.setPreset("vessels");
    const tvtest3d::Frame clipped = tvtest3d::renderAndGrab(win);
    tvtest3d::savePng(clipped, "view3d_body_clip_vessels");
    CHECK(isBackgroundLike(pixel(clipped, arm)));
    CHECK(isBackgroundLike(pixel(clipped, table)));
    CHECK_FALSE(isBackgroundLike(pixel(clipped, vessel)));

    view.setPreset("lungs");
    const tvtest3d::Frame lungs = tvtest3d::renderAndGrab(win);
    tvtest3d::savePng(lungs, "view3d_body_clip_lungs");
    CHECK(isBackgroundLike(pixel(lungs, chestWall)));

    // The old behaviour, unclipped: the same probes show arm, table and the skin box.
    tvui::VolumeQuality q = view.quality();
    q.clipToBody = false;
    view.setQuality(q);
    CHECK(view.bodyMask() == nullptr);
    const tvtest3d::Frame skinBox = tvtest3d::renderAndGrab(win);
    tvtest3d::savePng(skinBox, "view3d_body_unclipped_lungs");
    CHECK_FALSE(isBackgroundLike(pixel(skinBox, chestWall)));
    view.setPreset("vessels");
    const tvtest3d::Frame unclipped = tvtest3d::renderAndGrab(win);
    tvtest3d::savePng(unclipped, "view3d_body_unclipped_vessels");
    CHECK_FALSE(isBackgroundLike(pixel(unclipped, arm)));
    CHECK_FALSE(isBackgroundLike(pixel(unclipped, table)));
}
