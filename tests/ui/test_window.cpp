// Main window, linked crosshair and screenshot rendering under Xvfb (synthetic phantom: no shared
// data needed).
#include <catch2/catch.hpp>

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <cstdlib>

#include "model/demo_case.h"
#include "model/overlay_model.h"
#include "model/viewer_model.h"
#include "screenshot/screenshot_renderer.h"
#include "slice/slice_view.h"
#include "ui_test_support.h"
#include "window/main_window.h"
#include "window/view_layout.h"

namespace {

const tvui::DemoCase& demo() {
    static const tvui::DemoCase d = tvui::makeDemoCase();
    return d;
}

}  // namespace

TEST_CASE("main window opens the demo case off the GUI thread and switches layouts", "[ui]") {
    tvuitest::ensureApp();
    tvui::MainWindow w;
    tvuitest::showAndWait(&w, 1000, 700);
    w.openDemo();
    QElapsedTimer t;
    t.start();
    while (!w.model().hasVolume() && t.elapsed() < 120000) QApplication::processEvents(QEventLoop::AllEvents, 50);
    REQUIRE(w.model().hasVolume());
    CHECK(w.model().volume()->info.synthetic);
    CHECK(w.windowTitle().contains("SYNTHETIC"));
    CHECK(w.overlay().hasLabels());
    for (auto kind : {tvui::LayoutKind::Single, tvui::LayoutKind::OneLargeThreeSmall, tvui::LayoutKind::Grid2x2}) {
        w.viewLayout()->setLayoutKind(kind);
        QApplication::processEvents();
        const bool threeVisible = w.viewLayout()->view(tvui::ViewId::Coronal)->isVisible();
        CHECK(threeVisible == (kind != tvui::LayoutKind::Single));
    }
}

TEST_CASE("clicking in the axial view moves the other views to that point", "[ui]") {
    tvuitest::ensureApp();
    tvui::ViewerModel model;
    model.setVolume(demo().ct);
    tvui::SliceView axial(tvui::SliceOrientation::Axial, &model, nullptr);
    tvui::SliceView coronal(tvui::SliceOrientation::Coronal, &model, nullptr);
    tvui::SliceView sagittal(tvui::SliceOrientation::Sagittal, &model, nullptr);
    tvuitest::showAndWait(&axial, 300, 300);
    const int corBefore = coronal.sliceIndex(), sagBefore = sagittal.sliceIndex();
    const QPointF click(90, 200);  // left of centre (patient right), below centre (posterior)
    const auto target = axial.patientAt(click);
    REQUIRE(target.has_value());
    QMouseEvent press(QEvent::MouseButtonPress, click, axial.mapToGlobal(click), Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&axial, &press);
    QMouseEvent release(QEvent::MouseButtonRelease, click, axial.mapToGlobal(click), Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(&axial, &release);
    CHECK((model.cursor() - *target).norm() < 1e-6);
    const Eigen::Vector3d v = demo().ct->geometry().patientToVoxel(*target);
    CHECK(coronal.sliceIndex() == static_cast<int>(std::lround(v.y())));
    CHECK(sagittal.sliceIndex() == static_cast<int>(std::lround(v.x())));
    CHECK(coronal.sliceIndex() > corBefore);   // posterior of the centre: larger j
    CHECK(sagittal.sliceIndex() < sagBefore);  // patient right of the centre: smaller i
    CHECK(axial.sliceIndex() == static_cast<int>(std::lround(v.z())));  // the axial slice stays
}

TEST_CASE("screenshot rendering gives the requested size above screen resolution", "[ui]") {
    tvuitest::ensureApp();
    tvui::ViewerModel model;
    tvui::OverlayModel overlay;
    model.setVolume(demo().ct);
    tvui::addDemoLayer(overlay, demo());
    tvui::ScreenshotRequest r;
    r.view = tvui::ViewId::Coronal;
    r.size = QSize(1800, 1300);  // larger than the 1600x1000 Xvfb screen of the test run
    const QImage img = tvui::renderScreenshot(model, overlay, r);
    tvuitest::saveForInspection(img, "screenshot_coronal_1800x1300");
    REQUIRE(img.size() == QSize(1800, 1300));
    // Not blank: the phantom's lungs (black) and body (gray) both appear in the middle band.
    int dark = 0, mid = 0;
    for (int x = 100; x < 1700; x += 4) {
        const int g = qGray(img.pixel(x, 650));
        dark += g < 20;
        mid += g > 60 && g < 200;
    }
    CHECK(dark > 30);
    CHECK(mid > 30);
}

TEST_CASE("no display is reported, not crashed on", "[ui]") {
    const char* saved = std::getenv("DISPLAY");
    const std::string keep = saved ? saved : "";
    const char* platform = std::getenv("QT_QPA_PLATFORM");
    const std::string keepPlatform = platform ? platform : "";
    unsetenv("QT_QPA_PLATFORM");
    unsetenv("WAYLAND_DISPLAY");
    unsetenv("DISPLAY");
    QString why;
    CHECK_FALSE(tvui::displayAvailable(&why));
    CHECK(why.contains("xvfb-run"));
    setenv("DISPLAY", ":987", 1);  // no server there
    CHECK_FALSE(tvui::displayAvailable(&why));
    if (!keep.empty()) setenv("DISPLAY", keep.c_str(), 1);
    else unsetenv("DISPLAY");
    if (!keepPlatform.empty()) setenv("QT_QPA_PLATFORM", keepPlatform.c_str(), 1);
}
