// The 3D view as a Qt widget (VolumeViewWidget3D on B1's VtkViewWidget host) under Xvfb: it shows
// the volume, an interaction switches to the level of detail, and the full-quality frame follows
// on its own once the interaction stops; the crosshair follows the ViewerModel cursor.
#include <catch2/catch.hpp>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>
#include <memory>

#include "model/overlay_model.h"
#include "model/viewer_model.h"
#include "phantom/chest_phantom.h"
#include "ui_test_support.h"
#include "view3d/volume_view_widget_3d.h"

namespace {

// Processes events until `done` or `ms` elapse; returns whether `done` became true.
template <typename F>
bool waitFor(F done, int ms) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms) {
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return done();
}

}  // namespace

TEST_CASE("3D widget: LOD while interacting, full quality after, crosshair from the model", "[ui3d]") {
    tvuitest::ensureApp();
    tv::ChestPhantomParams params;
    params.size = {160, 160, 64};
    params.spacing = {2.0, 2.0, 4.0};
    tv::ChestPhantom p = tv::makeChestPhantom(params);
    auto labels = std::make_shared<tv::LabelMap>(p.truth.geometry());
    for (std::size_t n = 0; n < labels->voxelCount(); ++n)
        (*labels)[n] = p.truth[n] == tv::kPulmonaryArtery ? 1 : 0;

    tvui::ViewerModel model;
    tvui::OverlayModel overlay;
    tvui::VolumeViewWidget3D w;
    w.setViewerModel(&model);
    w.setOverlayModel(&overlay);
    w.setPreset("bone");
    tvuitest::showAndWait(&w, 400, 400);
    const QImage blank = w.grabImage();

    int fullShown = 0;
    QObject::connect(&w, &tvui::VolumeViewWidget3D::fullQualityShown, [&] { ++fullShown; });
    int volumeShown = 0;
    QObject::connect(&w, &tvui::VolumeViewWidget3D::volumeShown, [&] { ++volumeShown; });
    model.setVolume(std::make_shared<const tv::CtVolume>(std::move(p.ct)));
    // The copies are built on workers: the call returns at once, saying so in the view.
    CHECK(w.preparing());
    REQUIRE(waitFor([&] { return volumeShown > 0; }, 60000));
    CHECK(w.showingLevelOfDetail());  // first image: the LOD
    const QImage lod = w.grabImage();
    CHECK(tvuitest::countDifferent(blank, lod) > 400 * 400 / 20);

    // The timer brings full quality without any further call.
    QElapsedTimer t;
    t.start();
    REQUIRE(waitFor([&] { return fullShown > 0; }, 60000));
    std::printf("widget: full quality shown %lld ms after the volume was set\n",
                static_cast<long long>(t.elapsed()));
    CHECK_FALSE(w.showingLevelOfDetail());
    const QImage full = w.grabImage();
    tvuitest::saveForInspection(full, "view3d_widget_full");
    CHECK(tvuitest::countDifferent(lod, full) > 500);

    // An interaction step renders the LOD again, then full quality returns.
    w.view().rotate(25.0, 10.0);
    w.interactionStep();
    CHECK(w.showingLevelOfDetail());
    REQUIRE(waitFor([&] { return fullShown > 1; }, 60000));

    // Crosshair follows the model's cursor.
    const QImage before = w.grabImage();
    const tv::ImageGeometry& g = model.volume()->geometry();
    model.setCursor(g.voxelToPatient(Eigen::Vector3d(30, 40, 20)));
    CHECK((w.view().crosshair() - model.cursor()).norm() < 1e-6);
    const QImage after = w.grabImage();
    CHECK(tvuitest::countDifferent(before, after) > 50);

    // Overlay model: a label map becomes a surface; hiding the label removes it.
    int surfacesShown = 0;
    QObject::connect(&w, &tvui::VolumeViewWidget3D::surfacesShown, [&] { ++surfacesShown; });
    overlay.setLabels(labels, "pulmonary artery (synthetic truth)");
    CHECK(w.preparing());  // surfaces are built on a worker
    REQUIRE(waitFor([&] { return surfacesShown > 0; }, 60000));
    CHECK_FALSE(w.preparing());
    REQUIRE(w.view().labelSurfaces().labels() == std::vector<std::uint8_t>{1});
    const QImage withSurface = w.grabImage();
    tvuitest::saveForInspection(withSurface, "view3d_widget_surface");
    CHECK(tvuitest::countDifferent(after, withSurface) > 500);
    overlay.setLabelVisible(1, false);
    const QImage hidden = w.grabImage();
    CHECK(tvuitest::countDifferent(after, hidden) < 50);
}
