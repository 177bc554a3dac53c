// Linked zoom and pan across the three slice views under Xvfb: zoom is shared as mm per pixel,
// pan through a shared patient point; checked on the camera geometry and on the pixels of a bright
// cube in a synthetic volume whose three slice images have different extents.
#include <catch2/catch.hpp>

#include <QApplication>
#include <QMouseEvent>
#include <cmath>

#include "model/viewer_model.h"
#include "slice/slice_view.h"
#include "ui_test_support.h"
#include "window/view_layout.h"

namespace {

// In-plane side of the bright cube at the volume centre: 29 voxels of 0.8 mm (voxel centres
// within 11.6 mm of the centre along i and j).
constexpr double kCubeMm = 23.2;

// 161 x 121 x 51 voxels of 0.8 x 0.8 x 3 mm: axial 128 x 96 mm, coronal 128 x 150 mm, sagittal
// 96 x 150 mm, so in square views the axial view fits its image at another scale than the others. Soft tissue (0 HU) with a 1000 HU
// cube of kCubeMm centred on the volume centre.
std::shared_ptr<tv::CtVolume> cubeVolume() {
    tv::ImageGeometry g;
    g.size = {161, 121, 51};
    g.spacing = {0.8, 0.8, 3.0};
    g.origin = {-64.0, -48.0, -60.0};
    auto v = std::make_shared<tv::CtVolume>();
    v->hu = tv::Image<std::int16_t>(g, 0);
    const Eigen::Vector3d c((g.size[0] - 1) / 2.0, (g.size[1] - 1) / 2.0, (g.size[2] - 1) / 2.0);
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                const Eigen::Vector3d d = (Eigen::Vector3d(i, j, k) - c).cwiseProduct(g.spacing).cwiseAbs();
                if (d.maxCoeff() < kCubeMm / 2.0) v->hu.at(i, j, k) = 1000;
            }
    return v;
}

struct Run {
    int length = 0;
    double centre = 0;
};

// Longest run of bright pixels (gray > 200: the cube at the mediastinum window) on image row `y`;
// the white orientation letters on the same row are shorter runs.
Run brightRun(const QImage& img, int y) {
    Run best;
    int start = -1;
    for (int x = 0; x <= img.width(); ++x) {
        const bool bright = x < img.width() && qGray(img.pixel(x, y)) > 200;
        if (bright && start < 0) start = x;
        if (!bright && start >= 0) {
            if (x - start > best.length) best = {x - start, (start + x - 1) / 2.0};
            start = -1;
        }
    }
    return best;
}

QImage render(tvui::SliceView* v) {
    QApplication::processEvents();
    return v->grabImage();
}

void middleDrag(tvui::SliceView* v, QPointF from, QPointF to) {
    QMouseEvent press(QEvent::MouseButtonPress, from, v->mapToGlobal(from), Qt::MiddleButton, Qt::MiddleButton, Qt::NoModifier);
    QApplication::sendEvent(v, &press);
    QMouseEvent move(QEvent::MouseMove, to, v->mapToGlobal(to), Qt::NoButton, Qt::MiddleButton, Qt::NoModifier);
    QApplication::sendEvent(v, &move);
    QMouseEvent release(QEvent::MouseButtonRelease, to, v->mapToGlobal(to), Qt::MiddleButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(v, &release);
}

struct Fixture {
    tvui::ViewerModel model;
    tvui::ViewLayout layout{&model, nullptr, nullptr, false};
    tvui::SliceView* ax;
    tvui::SliceView* co;
    tvui::SliceView* sa;
    Eigen::Vector3d cube;
    Fixture() {
        model.setVolume(cubeVolume());
        cube = model.cursor();  // the volume centre: the cube's centre
        layout.setCrosshairVisible(false);
        layout.setCornerTextVisible(false);
        tvuitest::showAndWait(&layout, 820, 820);
        ax = layout.sliceView(tvui::SliceOrientation::Axial);
        co = layout.sliceView(tvui::SliceOrientation::Coronal);
        sa = layout.sliceView(tvui::SliceOrientation::Sagittal);
        for (auto* v : {ax, co, sa}) render(v);
    }
};

}  // namespace

TEST_CASE("linked zoom: zooming one view gives the others the same mm per pixel", "[ui]") {
    tvuitest::ensureApp();
    Fixture f;
    REQUIRE(f.layout.viewLink()->isEnabled());  // on by default
    const double fitAx = f.ax->mmPerPixel(), fitCo = f.co->mmPerPixel(), fitSa = f.sa->mmPerPixel();
    // Different extents: the fitted scales differ (otherwise the test could not tell linking apart).
    REQUIRE(std::abs(fitAx - fitCo) > 0.02 * fitAx);
    REQUIRE(std::abs(fitSa - fitAx) > 0.02 * fitAx);
    const int cubePxBefore = brightRun(render(f.co), static_cast<int>(f.co->widgetPosOf(f.cube).y())).length;
    CHECK(std::abs(cubePxBefore - kCubeMm / fitCo) <= 3.0);  // about 1.4 px short: the edge blend

    f.ax->zoomBy(2.0);
    const double shared = fitAx / 2.0;
    CHECK(f.ax->mmPerPixel() == Approx(shared).epsilon(1e-9));
    CHECK(f.co->mmPerPixel() == Approx(shared).epsilon(1e-9));
    CHECK(f.sa->mmPerPixel() == Approx(shared).epsilon(1e-9));
    CHECK(f.co->zoom() == Approx(fitCo / shared).epsilon(1e-9));
    // Pixels: the cube is kCubeMm / shared pixels wide in every view, centred where it projects.
    for (auto* v : {f.ax, f.co, f.sa}) {
        const QPointF c = v->widgetPosOf(f.cube);
        const Run run = brightRun(render(v), static_cast<int>(c.y()));
        INFO(tvui::orientationName(v->orientation()).toStdString());
        CHECK(std::abs(run.length - kCubeMm / shared) <= 3.0);
        CHECK(std::abs(run.centre - c.x()) <= 1.5);
    }

    tvuitest::saveForInspection(tvui::grabWithViews(&f.layout), "view_link_zoomed");

    // Reset: every view fits its own image again.
    f.layout.resetViews();
    CHECK(f.ax->mmPerPixel() == Approx(fitAx));
    CHECK(f.co->mmPerPixel() == Approx(fitCo));
    CHECK(f.sa->mmPerPixel() == Approx(fitSa));

    // Unlinked: zooming the axial view leaves the coronal one alone; switching off moves nothing.
    f.co->zoomBy(1.5);
    const double linkedCo = f.co->mmPerPixel();
    f.layout.setZoomPanLinked(false);
    CHECK(f.co->mmPerPixel() == Approx(linkedCo));
    CHECK(f.ax->mmPerPixel() == Approx(linkedCo));
    f.ax->zoomBy(2.0);
    CHECK(f.ax->mmPerPixel() == Approx(linkedCo / 2.0));
    CHECK(f.co->mmPerPixel() == Approx(linkedCo));
    const Run coRun = brightRun(render(f.co), static_cast<int>(f.co->widgetPosOf(f.cube).y()));
    CHECK(std::abs(coRun.length - kCubeMm / linkedCo) <= 3.0);
}

TEST_CASE("linked pan: dragging one view moves the others along the axes they share", "[ui]") {
    tvuitest::ensureApp();
    Fixture f;
    f.ax->zoomBy(1.5);
    auto cubeX = [&](tvui::SliceView* v) {
        const QPointF c = v->widgetPosOf(f.cube);
        return brightRun(render(v), static_cast<int>(c.y())).centre;
    };
    auto cubeY = [&](tvui::SliceView* v) { return v->widgetPosOf(f.cube).y(); };
    const double ax0 = cubeX(f.ax), co0 = cubeX(f.co), sa0 = cubeX(f.sa);
    const double coY0 = cubeY(f.co), saY0 = cubeY(f.sa);

    // Axial drag 40 px to the right (towards patient left): the coronal view shares that axis.
    middleDrag(f.ax, QPointF(200, 200), QPointF(240, 200));
    CHECK(cubeX(f.ax) - ax0 == Approx(40.0).margin(1.5));
    CHECK(cubeX(f.co) - co0 == Approx(40.0).margin(1.5));
    CHECK(cubeX(f.sa) - sa0 == Approx(0.0).margin(1.0));
    CHECK(cubeY(f.co) == Approx(coY0).margin(0.5));

    // Axial drag 30 px down (image follows the mouse: anterior moves down): the sagittal view, whose
    // horizontal axis is anterior-posterior, follows; the coronal view has no such axis.
    middleDrag(f.ax, QPointF(200, 200), QPointF(200, 230));
    CHECK(std::abs(cubeX(f.sa) - sa0) == Approx(30.0).margin(1.5));
    CHECK(cubeX(f.co) - co0 == Approx(40.0).margin(1.5));
    CHECK(cubeY(f.sa) == Approx(saY0).margin(0.5));

    // Sagittal drag up 25 px: superior-inferior is shared with the coronal view only.
    const double axBefore = cubeX(f.ax);
    middleDrag(f.sa, QPointF(200, 200), QPointF(200, 175));
    CHECK(cubeY(f.co) - coY0 == Approx(-25.0).margin(0.5));
    CHECK(cubeY(f.sa) - saY0 == Approx(-25.0).margin(0.5));
    CHECK(cubeX(f.ax) == Approx(axBefore).margin(1.0));

    tvuitest::saveForInspection(tvui::grabWithViews(&f.layout), "view_link_panned");
    f.layout.resetViews();
    // Reset centres every image again: the cube (at the volume centre) returns to the view centres.
    CHECK(cubeX(f.co) == Approx(co0).margin(1.0));
    CHECK(cubeY(f.co) == Approx(coY0).margin(0.5));
    CHECK(cubeX(f.sa) == Approx(sa0).margin(1.0));
    CHECK(cubeX(f.ax) == Approx(f.ax->width() / 2.0).margin(1.5));
}
