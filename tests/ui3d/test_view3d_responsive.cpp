// "The GUI never freezes" for the 3D view: while a study with a mask is loaded into the 3D widget
// (LOD copy, full-quality copy, the CPU ray caster's shading gradients, label surfaces, first LOD
// and full-quality frames), a 10 ms heartbeat timer on the GUI thread must keep ticking. The
// longest gap between ticks, less the time the thread only waited for a CPU (GuiStallMeter), is
// the longest GUI freeze.
//
// Bound: kMaxStallMs = 400 ms. What remains on the GUI thread is rendering (first LOD frame, first
// frame with the surfaces, the full-quality frame of a 320x320 widget) and installing finished VTK
// objects: the longest gap measured 229-343 ms on 2 cores at load average 7-11 (other builds
// running), so the bound leaves room for load. The code before the work moved to workers froze the
// GUI thread for 5.3 s in this test (same load): gradients of the LOD and full copies and the
// surfaces were all computed inside setVolume()/setLabels() and the first renders.
#include <catch2/catch.hpp>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "model/overlay_model.h"
#include "model/viewer_model.h"
#include "phantom/chest_phantom.h"
#include "gui_stall_meter.h"
#include "ui_test_support.h"
#include "view3d/volume_view_widget_3d.h"

namespace {

constexpr qint64 kMaxStallMs = 400;

}  // namespace

TEST_CASE("3D widget: loading a volume with a mask never freezes the GUI thread", "[ui3d]") {
    tvuitest::ensureApp();
    tv::ChestPhantomParams params;
    params.size = {384, 384, 192};
    params.spacing = {0.9, 0.9, 1.6};
    tv::ChestPhantom p = tv::makeChestPhantom(params);
    auto labels = std::make_shared<tv::LabelMap>(p.truth.geometry());
    for (std::size_t n = 0; n < labels->voxelCount(); ++n) {
        const std::uint8_t t = p.truth[n];
        (*labels)[n] = t == tv::kPulmonaryArtery ? 1 : t == tv::kEmbolus ? 2 : 0;
    }
    auto ct = std::make_shared<const tv::CtVolume>(std::move(p.ct));

    tvui::ViewerModel model;
    tvui::OverlayModel overlay;
    tvui::VolumeViewWidget3D w;
    w.view().setMapperKind(tvui::VolumeMapperKind::Cpu);  // the path with CPU gradients
    w.setViewerModel(&model);
    w.setOverlayModel(&overlay);
    w.setPreset("vessels");
    tvuitest::showAndWait(&w, 320, 320);

    int fullShown = 0;
    QObject::connect(&w, &tvui::VolumeViewWidget3D::fullQualityShown, [&] { ++fullShown; });
    tvuitest::GuiStallMeter heartbeat;
    heartbeat.start();
    QElapsedTimer total;
    total.start();
    // Loaded from inside the event loop, as the main window does when the loader finishes, so a
    // blocking call shows up as a gap between heartbeats.
    QTimer::singleShot(30, [&] {
        model.setVolume(ct);
        overlay.setLabels(labels, "pulmonary artery and filling defects (synthetic truth)");
    });
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        const bool done = fullShown > 0 && w.view().labelSurfaces().labels().size() == 2;
        if (done || total.elapsed() > 120000) loop.quit();
    });
    poll.start();
    loop.exec();
    const qint64 stall = heartbeat.longestStallMs();
    std::printf("3D load with mask: full quality and surfaces after %lld ms; longest GUI-thread stall %lld ms "
                "(bound %lld ms; wall gap %lld ms, run-queue wait %s)\n",
                static_cast<long long>(total.elapsed()), static_cast<long long>(stall),
                static_cast<long long>(kMaxStallMs), static_cast<long long>(heartbeat.longestWallGapMs()),
                heartbeat.excludesRunQueueWait() ? "excluded" : "not measurable, included");
    REQUIRE(fullShown > 0);
    REQUIRE(w.view().labelSurfaces().labels() == std::vector<std::uint8_t>{1, 2});
    CHECK_FALSE(w.showingLevelOfDetail());
    std::printf("surface triangles: %lld (label 1), %lld (label 2)\n", w.view().labelSurfaces().triangleCount(1),
                w.view().labelSurfaces().triangleCount(2));
    CHECK(stall < kMaxStallMs);
    tvuitest::saveForInspection(w.grabImage(), "view3d_responsive_full");
}
