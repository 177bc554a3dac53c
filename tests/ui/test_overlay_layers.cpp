// Overlay layers under Xvfb: two label-map layers drawn in order over a slice view, each label's
// pixels changing exactly where that label is; hiding layers restores the pixels; a mask on another
// grid is refused by File > Load mask with a message naming the file and both grids.
#include <catch2/catch.hpp>

#include <QApplication>
#include <QElapsedTimer>
#include <cmath>
#include <functional>

#include "io/nifti_io.h"
#include "io/volume_source.h"
#include "model/mask_label_tables.h"
#include "model/overlay_model.h"
#include "model/viewer_model.h"
#include "slice/slice_view.h"
#include "test_support.h"
#include "ui_test_support.h"
#include "window/main_window.h"
#include "window/overlay_panel.h"

#include <QTreeWidget>

namespace {

constexpr int kSlice = 5;

tv::ImageGeometry grid() {
    tv::ImageGeometry g;
    g.size = {40, 30, 11};
    g.origin = {-20, -15, -5};
    return g;
}

std::shared_ptr<tv::CtVolume> flatVolume() {
    auto v = std::make_shared<tv::CtVolume>();
    v->hu = tv::Image<std::int16_t>(grid(), 0);  // 0 HU everywhere: one gray at any window
    return v;
}

struct Box {
    int i0, i1, j0, j1, label;  // inclusive voxel ranges on every slice
};

std::shared_ptr<tv::LabelMap> boxes(const std::vector<Box>& bs) {
    auto m = std::make_shared<tv::LabelMap>(grid(), 0);
    for (int k = 0; k < grid().size[2]; ++k)
        for (const Box& b : bs)
            for (int j = b.j0; j <= b.j1; ++j)
                for (int i = b.i0; i <= b.i1; ++i) m->at(i, j, k) = static_cast<std::uint8_t>(b.label);
    return m;
}

// Layer "lungs": 1 and 2 side by side. Layer "findings": 1 away from them, 2 overlapping lungs 1.
const std::vector<Box> kLungs = {{4, 13, 4, 13, 1}, {20, 33, 4, 13, 2}};
const std::vector<Box> kFindings = {{10, 24, 18, 25, 1}, {8, 12, 8, 12, 2}};

tvui::LabelTable table(QColor c1, double a1, QColor c2, double a2) {
    tvui::LabelTable t = tvui::defaultLabelTable();
    t[1] = {QStringLiteral("one"), c1, a1, true};
    t[2] = {QStringLiteral("two"), c2, a2, true};
    return t;
}

// Same arithmetic as the slice pipeline: gray rounded, then each layer blended and rounded.
QRgb blend(QRgb under, QColor c, double a) {
    auto ch = [a](int u, int v) { return static_cast<int>(static_cast<float>(u) + (static_cast<float>(v) - static_cast<float>(u)) * static_cast<float>(a) + 0.5f); };
    return qRgb(ch(qRed(under), c.red()), ch(qGreen(under), c.green()), ch(qBlue(under), c.blue()));
}

bool near(QRgb a, QRgb b) {
    return std::abs(qRed(a) - qRed(b)) <= 2 && std::abs(qGreen(a) - qGreen(b)) <= 2 && std::abs(qBlue(a) - qBlue(b)) <= 2;
}

// Label of `bs` at continuous voxel (x, y): -1 within one voxel of a box edge (the texture is
// filtered linearly across one voxel there), else the box label or 0.
int labelAway(const std::vector<Box>& bs, double x, double y) {
    int label = 0;
    for (const Box& b : bs) {
        const double dx = std::max(b.i0 - 0.5 - x, x - b.i1 - 0.5), dy = std::max(b.j0 - 0.5 - y, y - b.j1 - 0.5);
        const double outside = std::max(dx, dy);  // < 0 inside; |outside| < 1: within a voxel of an edge
        if (std::abs(outside) < 1.0) return -1;
        if (outside < 0) label = b.label;
    }
    return label;
}

struct Checker {
    tvui::SliceView& view;
    const QImage& plain;  // without overlay: pixels that are not the flat gray carry text, skipped
    QRgb gray;
    const tv::ImageGeometry g = grid();
    // Calls f(pixel, lungs label, findings label) for every on-image pixel away from all box edges.
    long forEach(const QImage& img, const std::function<void(QRgb, int, int, int, int)>& f) {
        long n = 0;
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x) {
                const auto p = view.patientAt(QPointF(x + 0.5, y + 0.5));
                if (!p) continue;
                const Eigen::Vector3d v = g.patientToVoxel(*p);
                if (v.x() < 0.5 || v.y() < 0.5 || v.x() > g.size[0] - 1.5 || v.y() > g.size[1] - 1.5) continue;
                const int a = labelAway(kLungs, v.x(), v.y()), b = labelAway(kFindings, v.x(), v.y());
                if (a < 0 || b < 0 || plain.pixel(x, y) != gray) continue;
                f(img.pixel(x, y), a, b, x, y);
                ++n;
            }
        return n;
    }
};

// The composite of several layers is built on a worker thread: wait for it (at most 60 s).
void waitForComposite(const tvui::OverlayModel& overlay) {
    QElapsedTimer t;
    t.start();
    while (overlay.compositePending() && t.elapsed() < 60000) QApplication::processEvents(QEventLoop::AllEvents, 10);
    REQUIRE_FALSE(overlay.compositePending());
}

QImage render(tvui::SliceView& v) {
    QApplication::processEvents();
    return v.grabImage().convertToFormat(QImage::Format_RGB32);
}

}  // namespace

TEST_CASE("overlay layers: each label changes exactly its pixels, in layer order, hiding restores", "[ui]") {
    tvuitest::ensureApp();
    tvui::ViewerModel model;
    tvui::OverlayModel overlay;
    model.setVolume(flatVolume());
    tvui::SliceView view(tvui::SliceOrientation::Axial, &model, &overlay);
    tvuitest::showAndWait(&view, 400, 300);
    view.setCornerTextVisible(false);
    view.setCrosshairVisible(false);
    view.setSliceIndex(kSlice);
    const QImage none = render(view);
    const QRgb gray = none.pixel(none.width() / 3, none.height() / 3);  // flat volume: one gray
    REQUIRE(qRed(gray) == qGreen(gray));
    REQUIRE(qRed(gray) > 50);
    Checker c{view, none, gray};

    const QColor red(255, 0, 0), green(0, 255, 0), blue(0, 0, 255), yellow(255, 255, 0);
    overlay.addLayer(boxes(kLungs), "lungs", table(red, 0.5, green, 0.5));
    overlay.addLayer(boxes(kFindings), "findings", table(blue, 0.6, yellow, 0.8));
    REQUIRE(overlay.layerCount() == 2);
    const QImage both = render(view);
    tvuitest::saveForInspection(both, "overlay_layers_both");
    long bad = 0;
    int seen[3][3] = {};
    const long n = c.forEach(both, [&](QRgb px, int a, int b, int, int) {
        QRgb want = gray;
        if (a == 1) want = blend(want, red, 0.5);
        if (a == 2) want = blend(want, green, 0.5);
        if (b == 1) want = blend(want, blue, 0.6);
        if (b == 2) want = blend(want, yellow, 0.8);  // drawn over lungs label 1
        bad += !near(px, want);
        ++seen[a][b];
    });
    CHECK(n > 20000);
    CHECK(bad == 0);
    CHECK(seen[1][2] > 200);  // the overlap was actually on screen
    CHECK(seen[2][0] > 200);
    CHECK(seen[0][1] > 200);

    // Reordered: where they overlap, the lungs (now drawn last) are blended over the findings.
    overlay.moveLayer(1, 0);
    bad = 0;
    long overlap = 0;
    c.forEach(render(view), [&](QRgb px, int a, int b, int, int) {
        if (a != 1 || b != 2) return;
        ++overlap;
        bad += !near(px, blend(blend(gray, yellow, 0.8), red, 0.5));
    });
    CHECK(overlap > 200);
    CHECK(bad == 0);
    overlay.moveLayer(0, 1);

    // Hide the lungs layer: its pixels are back to gray exactly, the findings unchanged.
    overlay.setLayerVisible(0, false);
    const QImage findingsOnly = render(view);
    bad = 0;
    c.forEach(findingsOnly, [&](QRgb px, int, int b, int x, int y) {
        if (b == 0) bad += px != none.pixel(x, y);
        else bad += !near(px, blend(gray, b == 1 ? blue : yellow, b == 1 ? 0.6 : 0.8));
    });
    CHECK(bad == 0);

    // Layer opacity scales every label's opacity of that layer.
    overlay.setLayerOpacity(1, 0.5);
    const QImage half = render(view);
    bad = 0;
    c.forEach(half, [&](QRgb px, int, int b, int, int) {
        if (b == 1) bad += !near(px, blend(gray, blue, 0.3));
    });
    CHECK(bad == 0);

    // Hiding one label of a layer, then the whole layer: the image is the plain one again.
    overlay.setLayerLabelVisible(1, 1, false);
    bad = 0;
    c.forEach(render(view), [&](QRgb px, int, int b, int x, int y) {
        if (b == 1) bad += px != none.pixel(x, y);
    });
    CHECK(bad == 0);
    overlay.setLayerVisible(1, false);
    CHECK(tvuitest::countDifferent(render(view), none) == 0);
    overlay.setLayerVisible(0, true);
    overlay.setLayerVisible(1, true);
    overlay.setVisible(false);  // the global toggle hides all layers
    CHECK(tvuitest::countDifferent(render(view), none) == 0);
}

TEST_CASE("overlay layers: the composite for 3D numbers layer-label pairs and later layers win", "[ui]") {
    tvuitest::ensureApp();
    tvui::OverlayModel overlay;
    int announced = 0;
    QObject::connect(&overlay, &tvui::OverlayModel::labelsChanged, [&] { ++announced; });
    overlay.addLayer(boxes(kLungs), "lungs");
    CHECK(announced == 1);
    REQUIRE(overlay.labels() == overlay.layer(0).labels);  // one layer: the map itself, at once
    CHECK(overlay.presentLabels() == std::vector<int>{1, 2});
    overlay.addLayer(boxes(kFindings), "findings");
    waitForComposite(overlay);
    CHECK(announced == 2);
    const auto& comp = *overlay.labels();
    CHECK(overlay.presentLabels() == std::vector<int>{1, 2, 3, 4});
    CHECK(overlay.layerLabelOf(2) == std::pair<int, int>(0, 2));
    CHECK(overlay.layerLabelOf(4) == std::pair<int, int>(1, 2));
    CHECK(comp.at(5, 5, 0) == 1);    // lungs 1 only
    CHECK(comp.at(10, 10, 0) == 4);  // findings 2 over lungs 1
    CHECK(comp.at(15, 20, 0) == 3);  // findings 1
    CHECK(overlay.sourceName() == "lungs + findings");
    overlay.moveLayer(1, 0);  // findings at the bottom: lungs 1 now wins where they overlap
    CHECK(overlay.sourceName() == "findings + lungs");
    waitForComposite(overlay);
    CHECK(overlay.layerLabelOf(overlay.labels()->at(10, 10, 0)) == std::pair<int, int>(1, 1));
    overlay.moveLayer(0, 1);
    waitForComposite(overlay);
    CHECK(overlay.labels()->at(10, 10, 0) == 4);
    overlay.setLayerVisible(1, false);  // hidden layers leave the composite
    CHECK(overlay.labels() == overlay.layer(0).labels);
    CHECK(overlay.effectiveRgba(1)[3] == Approx(0.5));
    overlay.removeLayer(0);
    CHECK(overlay.labels() == nullptr);  // the remaining layer is hidden
    CHECK(overlay.layerCount() == 1);
}

TEST_CASE("load mask: adds named layers, and a mask on another grid is refused naming both grids", "[ui]") {
    tvuitest::ensureApp();
    const auto dir = tvtest::scratchDir("overlay_layers_masks");
    tv::writeNifti(*boxes(kLungs), dir / "lungs.nii.gz");
    tv::ImageGeometry other = grid();
    other.size = {40, 30, 12};
    // Half a voxel off the volume's lattice: a crop of the same lattice is re-placed since
    // 2026-11-29 (core/image/grid_placement.h), a grid that needs interpolation stays refused.
    other.origin.x() += 0.5 * other.spacing.x();
    tv::writeNifti(tv::LabelMap(other, 1), dir / "other_grid.nii.gz");

    tvui::MainWindow w;
    w.model().setVolume(flatVolume());
    REQUIRE(tvuitest::waitForMask(w, [&] { w.loadMask(QString::fromStdString((dir / "lungs.nii.gz").string()), true); }));
    REQUIRE(w.overlay().layerCount() == 1);
    CHECK(w.overlay().layer(0).name == "lungs.nii.gz");
    CHECK(w.overlay().layer(0).styles[1].name == "left lung");
    CHECK(w.overlay().layer(0).styles[2].name == "right lung");
    CHECK(w.overlay().layer(0).styles[3].name == "airway");

    CHECK_FALSE(tvuitest::waitForMask(w, [&] { w.loadMask(QString::fromStdString((dir / "other_grid.nii.gz").string()), true); }));
    CHECK(w.overlay().layerCount() == 1);
    const std::string msg = w.lastMaskError().toStdString();
    INFO(msg);
    CHECK(msg.find("other_grid.nii.gz") != std::string::npos);
    CHECK(msg.find("40x30x12") != std::string::npos);
    CHECK(msg.find("40x30x11") != std::string::npos);

    // A second good mask stacks as another layer; the Overlay dock lists both with their labels.
    tv::writeNifti(*boxes(kFindings), dir / "opacity.nii.gz");
    REQUIRE(tvuitest::waitForMask(w, [&] { w.loadMask(QString::fromStdString((dir / "opacity.nii.gz").string()), true); }));
    CHECK(w.overlay().layerCount() == 2);
    auto* panel = w.findChild<tvui::OverlayPanel*>();
    REQUIRE(panel);
    REQUIRE(panel->tree()->topLevelItemCount() == 2);
    CHECK(panel->tree()->topLevelItem(1)->text(0) == "opacity.nii.gz");
    REQUIRE(panel->tree()->topLevelItem(1)->childCount() == 2);
    CHECK(panel->tree()->topLevelItem(1)->child(0)->text(0).contains("ground-glass opacity"));
    // Unchecking a layer in the tree hides it in the model.
    panel->tree()->topLevelItem(0)->setCheckState(0, Qt::Unchecked);
    CHECK_FALSE(w.overlay().layer(0).visible);
    panel->tree()->topLevelItem(0)->setCheckState(0, Qt::Checked);
    tvuitest::showAndWait(&w, 1200, 800);
    tvuitest::saveForInspection(tvui::grabWithViews(&w), "overlay_layers_window");
    CHECK(tvui::labelTableForMask("opacity.nii.gz")[1].name == "ground-glass opacity");
    CHECK(tvui::labelTableForMask("/x/lobes.nii.gz")[5].name == "LLL");
    // Unknown masks: label 1 of the second layer is not the first layer's color.
    CHECK(tvui::labelTableForMask("a.nii.gz", 0)[1].color != tvui::labelTableForMask("b.nii.gz", 1)[1].color);
}

TEST_CASE("overlay layers: composite of two full-size layers on P001 is exact, time printed", "[ui][realdata]") {
    tvuitest::ensureApp();
    const auto dir = tvtest::requireSharedData("covid-ct-md/P001");
    const auto ct = std::make_shared<tv::CtVolume>(tv::loadVolume(dir));
    // Two overlapping threshold maps on the real grid: air-like (1) / soft tissue (2), and bone (1).
    auto a = std::make_shared<tv::LabelMap>(ct->geometry(), 0), b = std::make_shared<tv::LabelMap>(ct->geometry(), 0);
    const auto& hu = ct->hu.voxels();
    for (std::size_t q = 0; q < hu.size(); ++q) {
        a->voxels()[q] = hu[q] < -500 ? 1 : (hu[q] < 100 ? 2 : 0);
        b->voxels()[q] = hu[q] > 50 ? 1 : 0;  // overlaps a's label 2 between 50 and 100 HU
    }
    tvui::OverlayModel overlay;
    overlay.addLayer(a, "a");
    QElapsedTimer t;
    t.start();
    overlay.addLayer(b, "b");
    const qint64 returnedMs = t.elapsed();
    waitForComposite(overlay);
    const qint64 ms = t.elapsed();
    WARN("addLayer returned after " << returnedMs << " ms; composite of 2 layers on " << ct->geometry().size[0] << "x" << ct->geometry().size[1] << "x"
                                     << ct->geometry().size[2] << " ready after " << ms << " ms (worker thread)");
    const auto& comp = overlay.labels()->voxels();
    long wrong = 0;
    for (std::size_t q = 0; q < comp.size(); ++q) {
        const int want = b->voxels()[q] ? 3 : a->voxels()[q];  // ids: a1=1, a2=2, b1=3
        wrong += comp[q] != want;
    }
    CHECK(wrong == 0);
}
