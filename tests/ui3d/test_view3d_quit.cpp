// Quitting while the 3D view still prepares its full-quality data (body mask, render copies, CPU
// gradients: seconds on a large volume) must neither crash nor keep the user waiting for the whole
// preparation: on aboutToQuit the view's workers are told to stop and the application waits for
// them, so no worker runs on while the process tears down (a worker computing the body mask once
// crashed at exit). Its own executable: the quit signal cancels the 3D workers for the process.
#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>
#include <memory>

#include "phantom/chest_phantom.h"
#include "ui_test_support.h"
#include "view3d/volume_view_3d.h"
#include "view3d/volume_view_widget_3d.h"

TEST_CASE("3D widget: quitting during the full-quality preparation stops it and waits for it", "[ui3d]") {
    tvuitest::ensureApp();
    tv::ChestPhantomParams params;
    params.size = {384, 384, 192};
    params.spacing = {0.9, 0.9, 1.6};
    tv::ChestPhantom p = tv::makeChestPhantom(params);
    auto ct = std::make_shared<const tv::CtVolume>(std::move(p.ct));

    // The same preparation, run to the end, is the yardstick for "did not wait for all of it".
    tvui::VolumeViewWidget3D w;
    w.view().setMapperKind(tvui::VolumeMapperKind::Cpu);
    const tvui::VolumeQuality quality = w.view().quality();
    REQUIRE(quality.clipToBody);
    QElapsedTimer t;
    t.start();
    (void)tvui::prepareFullQuality(*ct, quality, true);
    const qint64 fullMs = t.elapsed();

    tvuitest::showAndWait(&w, 320, 320);
    qint64 quitAt = -1;
    QObject::connect(&w, &tvui::VolumeViewWidget3D::volumeShown, [&] {
        // The LOD image is up; the full-quality job has just been queued. Quit a moment later,
        // while it runs.
        QTimer::singleShot(100, [&] {
            quitAt = t.elapsed();
            QCoreApplication::quit();
        });
    });
    QTimer::singleShot(0, [&] { w.setVolume(ct); });
    QTimer::singleShot(120000, [] { QCoreApplication::quit(); });  // safety net
    t.restart();
    QCoreApplication::exec();
    REQUIRE(quitAt >= 0);
    const qint64 waitedMs = t.elapsed() - quitAt;
    CHECK(tvui::VolumeViewWidget3D::runningWorkers() == 0);  // nothing runs on into the teardown
    std::printf("3D quit: full-quality preparation alone %lld ms; quitting during it waited %lld ms\n",
                static_cast<long long>(fullMs), static_cast<long long>(waitedMs));
    CHECK(waitedMs < fullMs / 2);
}
