// The VTK-in-Qt-6 bridge: a VTK scene rendered through VtkViewWidget must reach the widget's
// framebuffer (a blank or garbage grab is exactly the failure mode the bridge's rules prevent).
#include <catch2/catch.hpp>

#include <QApplication>
#include <QElapsedTimer>
#include <QScreen>

#include <functional>

#include <vtkActor.h>
#include <vtkNew.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkSphereSource.h>

#include "ui_test_support.h"
#include "vtkhost/vtk_view_widget.h"

TEST_CASE("VtkViewWidget shows a VTK render in its framebuffer", "[ui]") {
    tvuitest::ensureApp();
    tvui::VtkViewWidget w;
    vtkNew<vtkSphereSource> sphere;
    sphere->SetThetaResolution(48);
    sphere->SetPhiResolution(48);
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputConnection(sphere->GetOutputPort());
    vtkNew<vtkActor> actor;
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(1.0, 0.0, 0.0);
    actor->GetProperty()->SetAmbient(1.0);
    actor->GetProperty()->SetDiffuse(0.0);
    w.renderer()->AddActor(actor);
    w.renderer()->SetBackground(0.0, 0.0, 1.0);
    w.renderer()->ResetCamera();
    tvuitest::showAndWait(&w, 320, 240);

    const QImage img = w.grabImage();
    tvuitest::saveForInspection(img, "vtk_host_sphere");
    REQUIRE(img.width() >= 320);
    REQUIRE(img.height() >= 240);
    // Centre: the red sphere. Corner: the blue background. Alpha must be opaque.
    const QRgb centre = img.pixel(img.width() / 2, img.height() / 2);
    const QRgb corner = img.pixel(3, 3);
    CHECK(qRed(centre) > 200);
    CHECK(qBlue(centre) < 50);
    CHECK(qBlue(corner) > 200);
    CHECK(qRed(corner) < 50);
    CHECK(qAlpha(centre) == 255);

    // A second render after a change must show the change (the state cache survives Qt's use).
    actor->GetProperty()->SetColor(0.0, 1.0, 0.0);
    const QImage img2 = w.grabImage();
    CHECK(qGreen(img2.pixel(img2.width() / 2, img2.height() / 2)) > 200);
}

namespace {
// What the X server shows at the widget's place (the root window, not the widget's grab path),
// read until `expected` holds at the centre or 3 s pass; returns the last read.
QImage screenUntil(QWidget& w, const std::function<bool(QRgb)>& expected) {
    const QPoint origin = w.mapToGlobal(QPoint(0, 0));
    QElapsedTimer t;
    t.start();
    QImage img;
    do {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        img = w.screen()->grabWindow(0, origin.x(), origin.y(), 200, 160).toImage();
        if (img.width() == 200 && expected(img.pixel(100, 80))) break;
    } while (t.elapsed() < 3000);
    return img;
}
}  // namespace

TEST_CASE("VtkViewWidget's frames reach the screen, not only grabs", "[ui]") {
    // The frame is blitted into a native window's back buffer and swapped: read what the X
    // server shows at the widget's place (not the widget's own grab path).
    tvuitest::ensureApp();
    tvui::VtkViewWidget w;
    w.renderer()->SetBackground(0.0, 0.0, 1.0);
    int swaps = 0;
    QObject::connect(&w, &tvui::VtkViewWidget::frameSwapped, [&swaps] { ++swaps; });
    tvuitest::showAndWait(&w, 200, 160);
    w.raise();  // above any window another test left at the same place
    QElapsedTimer t;
    t.start();
    while (swaps == 0 && t.elapsed() < 3000) QApplication::processEvents(QEventLoop::AllEvents, 20);
    REQUIRE(swaps > 0);
    // The swap is queued on the X connection; the server may show it a moment later, so the
    // screen is read until the expected colour appears (or 3 s pass).
    const QImage blue = screenUntil(w, [](QRgb p) { return qBlue(p) > 200 && qRed(p) < 50; });
    REQUIRE(blue.width() == 200);
    CHECK(qBlue(blue.pixel(100, 80)) > 200);
    CHECK(qRed(blue.pixel(100, 80)) < 50);

    // A change shows up on screen after the next swap.
    const int before = swaps;
    w.renderer()->SetBackground(1.0, 0.0, 0.0);
    w.requestRender();
    t.restart();
    while (swaps == before && t.elapsed() < 3000) QApplication::processEvents(QEventLoop::AllEvents, 20);
    REQUIRE(swaps > before);
    const QImage red = screenUntil(w, [](QRgb p) { return qRed(p) > 200 && qBlue(p) < 50; });
    CHECK(qRed(red.pixel(100, 80)) > 200);
    CHECK(qBlue(red.pixel(100, 80)) < 50);
}
