// 3D view rendered offscreen under Xvfb (Mesa software OpenGL), pixels checked. Scenes use the
// synthetic chest phantom (known anatomy: the spine's position is known exactly) and C3N-00247.
// PNGs of every scene go to /tmp/thromboview-tests/view3d_*.png.
#include <catch2/catch.hpp>

#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "io/volume_source.h"
#include "phantom/chest_phantom.h"
#include "render_support.h"
#include "test_support.h"
#include "view3d/volume_view_3d.h"

namespace {

struct PhantomScene {
    std::shared_ptr<const tv::CtVolume> ct;
    std::shared_ptr<const tv::LabelMap> truth;
    Eigen::Vector3d spine{0, 0, 0};  // centroid of the vertebral bone (posterior midline), LPS
};

const PhantomScene& phantomScene() {
    static const PhantomScene scene = [] {
        tv::ChestPhantom p = tv::makeChestPhantom(tv::ChestPhantomParams{});
        PhantomScene s;
        const tv::ImageGeometry& g = p.ct.geometry();
        const Eigen::Vector3d centre =
            g.voxelToPatient(Eigen::Vector3d((g.size[0] - 1) / 2.0, (g.size[1] - 1) / 2.0, (g.size[2] - 1) / 2.0));
        // Spine: bone within 25 mm of the midline, posterior to the centre.
        Eigen::Vector3d sum = Eigen::Vector3d::Zero();
        long n = 0;
        for (int k = 0; k < g.size[2]; ++k)
            for (int j = 0; j < g.size[1]; ++j)
                for (int i = 0; i < g.size[0]; ++i) {
                    if (p.truth.at(i, j, k) != tv::kBone) continue;
                    const Eigen::Vector3d x = g.voxelToPatient(Eigen::Vector3d(i, j, k));
                    if (std::abs(x.x() - centre.x()) < 25.0 && x.y() > centre.y() + 30.0) {
                        sum += x;
                        ++n;
                    }
                }
        REQUIRE(n > 100);
        s.spine = sum / static_cast<double>(n);
        s.ct = std::make_shared<const tv::CtVolume>(std::move(p.ct));
        s.truth = std::make_shared<const tv::LabelMap>(std::move(p.truth));
        return s;
    }();
    return scene;
}

bool isBackgroundLike(const unsigned char* px) { return px[0] < 60 && px[1] < 60 && px[2] < 70; }

}  // namespace

TEST_CASE("3D bone preset shows the phantom's spine where it projects", "[ui3d]") {
    tvtest3d::requireDisplay();
    const PhantomScene& s = phantomScene();
    auto win = tvtest3d::makeOffscreenWindow(400, 400);
    tvui::VolumeView3D view;
    view.attachTo(win);
    view.setVolume(s.ct);
    view.setPreset("bone");
    view.setCrosshairVisible(false);
    view.rotate(180.0, 0.0);  // posterior view: the spine is the nearest structure

    view.setVolumeVisible(false);
    const tvtest3d::Frame empty = tvtest3d::renderAndGrab(win);
    view.setVolumeVisible(true);
    const tvtest3d::Frame bone = tvtest3d::renderAndGrab(win);
    tvtest3d::savePng(bone, "view3d_phantom_bone_posterior");
    CHECK(view.resolvedMapperKind() != tvui::VolumeMapperKind::Auto);

    const Eigen::Vector2d p = tvtest3d::project(view.renderer(), s.spine);
    const int x = static_cast<int>(p.x()), y = static_cast<int>(p.y());
    REQUIRE(x > 20);
    REQUIRE(x < 380);
    INFO("spine projects to " << x << "," << y);
    // Bone is ivory: bright, red >= blue; the empty scene there is the dark background.
    const unsigned char* px = bone.at(x, y);
    CHECK(isBackgroundLike(empty.at(x, y)));
    CHECK(px[0] + px[1] + px[2] > 240);
    CHECK(px[0] >= px[2]);
    // Beside the body (laterally, 60 mm outside the volume's edge): background only.
    const Eigen::Vector2d outside = tvtest3d::project(
        view.renderer(), s.spine + Eigen::Vector3d(s.ct->geometry().size[0] * s.ct->geometry().spacing.x(), 0, 0));
    if (outside.x() >= 0 && outside.x() < 400)
        CHECK(isBackgroundLike(bone.at(static_cast<int>(outside.x()), y)));
    // The bone preset hides soft tissue: much of the image stays background.
    const int changed = tvtest3d::countDifferent(empty, bone);
    CHECK(changed > 400 * 400 / 20);
    CHECK(changed < 400 * 400 * 3 / 4);
}

TEST_CASE("3D level of detail renders, differs from full quality, and is faster", "[ui3d]") {
    tvtest3d::requireDisplay();
    const PhantomScene& s = phantomScene();
    auto win = tvtest3d::makeOffscreenWindow(512, 512);
    tvui::VolumeView3D view;
    view.attachTo(win);
    view.setVolume(s.ct);
    view.setPreset("vessels");
    view.setVolumeVisible(false);
    const tvtest3d::Frame empty = tvtest3d::renderAndGrab(win);
    view.setVolumeVisible(true);

    const tvtest3d::Frame full = tvtest3d::renderAndGrab(win);  // includes one-off preparation
    view.setInteractive(true);
    const tvtest3d::Frame lodFirst = tvtest3d::renderAndGrab(win);
    using clock = std::chrono::steady_clock;
    auto t0 = clock::now();
    const tvtest3d::Frame lod = tvtest3d::renderAndGrab(win);
    const double lodSeconds = std::chrono::duration<double>(clock::now() - t0).count();
    view.setInteractive(false);
    t0 = clock::now();
    const tvtest3d::Frame full2 = tvtest3d::renderAndGrab(win);
    const double fullSeconds = std::chrono::duration<double>(clock::now() - t0).count();
    tvtest3d::savePng(full, "view3d_phantom_vessels_full");
    tvtest3d::savePng(lod, "view3d_phantom_vessels_lod");
    std::printf("512x512 phantom vessels: LOD %.3f s, full %.3f s\n", lodSeconds, fullSeconds);

    // Both show the scene (enhanced vessels and heart cover a good part of the view).
    CHECK(tvtest3d::countDifferent(empty, lod) > 512 * 512 / 20);
    CHECK(tvtest3d::countDifferent(empty, full) > 512 * 512 / 20);
    // The LOD is a different (coarser) image, but of the same scene: most pixels that show the
    // volume in one show it in the other.
    const int diff = tvtest3d::countDifferent(full, lod, 20);
    CHECK(diff > 1000);
    CHECK(diff < tvtest3d::countDifferent(empty, full));
    // Full quality is reproducible (same camera, same image).
    CHECK(tvtest3d::countDifferent(full, full2, 2) < 50);
    // Loose speed bound (the benchmark measures properly): the LOD frame is cheaper.
    CHECK(lodSeconds < fullSeconds);
}

TEST_CASE("3D crosshair follows setCrosshair", "[ui3d]") {
    tvtest3d::requireDisplay();
    const PhantomScene& s = phantomScene();
    auto win = tvtest3d::makeOffscreenWindow(400, 400);
    tvui::VolumeView3D view;
    view.attachTo(win);
    view.setVolume(s.ct);
    view.setPreset("bone");
    view.rotate(30.0, 20.0);  // oblique, so all three lines are visible

    const tv::ImageGeometry& g = s.ct->geometry();
    const Eigen::Vector3d a = g.voxelToPatient(Eigen::Vector3d(g.size[0] * 0.3, g.size[1] * 0.4, g.size[2] * 0.5));
    const Eigen::Vector3d b = g.voxelToPatient(Eigen::Vector3d(g.size[0] * 0.7, g.size[1] * 0.6, g.size[2] * 0.3));
    view.setCrosshair(a);
    CHECK((view.crosshair() - a).norm() < 1e-9);
    const tvtest3d::Frame fa = tvtest3d::renderAndGrab(win);
    view.setCrosshair(b);
    const tvtest3d::Frame fb = tvtest3d::renderAndGrab(win);
    view.setCrosshairVisible(false);
    const tvtest3d::Frame none = tvtest3d::renderAndGrab(win);
    tvtest3d::savePng(fa, "view3d_crosshair_a");
    tvtest3d::savePng(fb, "view3d_crosshair_b");

    CHECK(tvtest3d::countDifferent(fa, fb) > 200);
    // The yellow dot is drawn at the projected position, over the volume.
    for (const auto& [frame, point] : {std::pair{&fa, a}, std::pair{&fb, b}}) {
        const Eigen::Vector2d p = tvtest3d::project(view.renderer(), point);
        const unsigned char* px = frame->at(static_cast<int>(p.x()), static_cast<int>(p.y()));
        INFO("dot at " << p.transpose() << " rgb " << int(px[0]) << "," << int(px[1]) << "," << int(px[2]));
        CHECK(px[0] > 200);
        CHECK(px[1] > 180);
        CHECK(px[2] < 120);
        CHECK(tvtest3d::maxDifferenceNear(*frame, none, static_cast<int>(p.x()), static_cast<int>(p.y()), 2) > 60);
    }
}

TEST_CASE("3D label surfaces: per-label color, live hide", "[ui3d]") {
    tvtest3d::requireDisplay();
    const PhantomScene& s = phantomScene();
    auto win = tvtest3d::makeOffscreenWindow(400, 400);
    tvui::VolumeView3D view;
    view.attachTo(win);
    view.setVolume(s.ct);
    view.setVolumeVisible(false);
    view.setCrosshairVisible(false);
    const tvtest3d::Frame empty = tvtest3d::renderAndGrab(win);

    // Only the pulmonary artery tree (label 4) and the emboli (5), to keep the test quick.
    auto labels = std::make_shared<tv::LabelMap>(s.truth->geometry());
    for (std::size_t n = 0; n < labels->voxelCount(); ++n) {
        const std::uint8_t v = (*s.truth)[n];
        (*labels)[n] = (v == tv::kPulmonaryArtery || v == tv::kEmbolus) ? v : 0;
    }
    tvui::LabelStyle3D artery;
    artery.label = tv::kPulmonaryArtery;
    artery.r = 0.1;
    artery.g = 0.3;
    artery.b = 1.0;
    view.labelSurfaces().setLabelMap(labels, {artery});
    CHECK(view.labelSurfaces().labels() == std::vector<std::uint8_t>{4, 5});
    CHECK(view.labelSurfaces().triangleCount(4) > 1000);
    CHECK(view.labelSurfaces().triangleCount(5) > 10);
    const tvtest3d::Frame shown = tvtest3d::renderAndGrab(win);
    tvtest3d::savePng(shown, "view3d_label_surfaces");

    // Blue dominates wherever the tree is drawn.
    int blue = 0, changed = 0;
    for (int y = 0; y < 400; ++y)
        for (int x = 0; x < 400; ++x) {
            if (tvtest3d::maxDifferenceNear(shown, empty, x, y, 0) <= 8) continue;
            ++changed;
            const unsigned char* px = shown.at(x, y);
            if (px[2] > px[0] + 30) ++blue;
        }
    CHECK(changed > 2000);
    CHECK(blue > changed * 8 / 10);

    artery.visible = false;
    view.labelSurfaces().setStyle(artery);
    tvui::LabelStyle3D clot = tvui::defaultLabelStyle(tv::kEmbolus);
    clot.visible = false;
    view.labelSurfaces().setStyle(clot);
    const tvtest3d::Frame hidden = tvtest3d::renderAndGrab(win);
    CHECK(tvtest3d::countDifferent(hidden, empty) == 0);
}

TEST_CASE("3D GPU ray-cast path renders too (kept for real GPUs)", "[ui3d]") {
    tvtest3d::requireDisplay();
    const PhantomScene& s = phantomScene();
    auto win = tvtest3d::makeOffscreenWindow(256, 256);
    tvui::VolumeView3D view;
    view.attachTo(win);
    view.setMapperKind(tvui::VolumeMapperKind::Gpu);
    view.setVolume(s.ct);
    view.setPreset("bone");
    view.setVolumeVisible(false);
    const tvtest3d::Frame empty = tvtest3d::renderAndGrab(win);
    view.setVolumeVisible(true);
    const tvtest3d::Frame full = tvtest3d::renderAndGrab(win);
    view.setInteractive(true);
    const tvtest3d::Frame lod = tvtest3d::renderAndGrab(win);
    tvtest3d::savePng(full, "view3d_gpu_bone");
    CHECK(view.resolvedMapperKind() == tvui::VolumeMapperKind::Gpu);
    CHECK(tvtest3d::countDifferent(empty, full) > 256 * 256 / 20);
    CHECK(tvtest3d::countDifferent(empty, lod) > 256 * 256 / 20);
}

TEST_CASE("3D presets on C3N-00247 (real contrast chest CT)", "[ui3d][realdata]") {
    const auto dir = tvtest::requireSharedData("chest-ct-contrast/C3N-00247");
    tvtest3d::requireDisplay();
    auto ct = std::make_shared<const tv::CtVolume>(tv::loadVolume(dir));
    auto win = tvtest3d::makeOffscreenWindow(400, 400);
    tvui::VolumeView3D view;
    view.attachTo(win);
    view.setVolume(ct);
    view.setCrosshairVisible(false);
    view.setVolumeVisible(false);
    const tvtest3d::Frame empty = tvtest3d::renderAndGrab(win);
    view.setVolumeVisible(true);
    // Tolerances: the fraction of the 400x400 view that shows the volume, from the screenshots of
    // this series (body ~290 mm wide fills ~60% of the view): bone and vessels are sparse (5-60%),
    // lungs show both lungs (>15%).
    int coverage[3];
    int n = 0;
    for (const char* id : {"lungs", "vessels", "bone"}) {
        view.setPreset(id);
        const tvtest3d::Frame f = tvtest3d::renderAndGrab(win);
        tvtest3d::savePng(f, std::string("view3d_c3n_") + id);
        coverage[n++] = tvtest3d::countDifferent(empty, f);
    }
    const int total = 400 * 400;
    INFO("coverage lungs " << coverage[0] << " vessels " << coverage[1] << " bone " << coverage[2]);
    CHECK(coverage[0] > total * 15 / 100);
    CHECK(coverage[1] > total * 5 / 100);
    CHECK(coverage[2] > total * 5 / 100);
    CHECK(coverage[2] < total * 60 / 100);
}
