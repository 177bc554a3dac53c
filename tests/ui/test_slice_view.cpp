// Slice views on real data under Xvfb: pixels, HU read-out, scrolling, overlay coverage.
// Data: ../shared/data/pa-crop (NIfTI crop of a contrast chest CT with a pulmonary artery mask).
#include <catch2/catch.hpp>

#include <QApplication>
#include <cmath>

#include "io/nifti_io.h"
#include "model/overlay_model.h"
#include "model/viewer_model.h"
#include "slice/slice_view.h"
#include "test_support.h"
#include "ui_test_support.h"

namespace {

struct PaCrop {
    std::shared_ptr<tv::CtVolume> ct;
    std::shared_ptr<tv::LabelMap> mask;
};

PaCrop loadPaCrop() {
    const auto dir = tvtest::requireSharedData("pa-crop");
    PaCrop d;
    d.ct = std::make_shared<tv::CtVolume>(tv::readNiftiCt(dir / "ct_cropped.nii.gz"));
    d.mask = std::make_shared<tv::LabelMap>(tv::readNiftiLabelsOnGrid(dir / "pulmonary_artery.nii.gz", d.ct->geometry()));
    return d;
}

QImage render(tvui::SliceView& v) {
    QApplication::processEvents();
    return v.grabImage();
}

}  // namespace

TEST_CASE("slice view: HU read-out under a widget position matches the volume", "[ui][realdata]") {
    tvuitest::ensureApp();
    const PaCrop d = loadPaCrop();
    tvui::ViewerModel model;
    tvui::OverlayModel overlay;
    model.setVolume(d.ct);
    tvui::SliceView view(tvui::SliceOrientation::Axial, &model, &overlay);
    tvuitest::showAndWait(&view, 400, 400);
    render(view);
    // A few widget positions: the patient point under each must be the voxel whose HU we read.
    for (const QPointF pos : {QPointF(200, 200), QPointF(150, 260), QPointF(260, 140)}) {
        const auto p = view.patientAt(pos);
        REQUIRE(p.has_value());
        const Eigen::Vector3d ijk = d.ct->geometry().patientToVoxel(*p);
        const int i = static_cast<int>(std::lround(ijk.x())), j = static_cast<int>(std::lround(ijk.y())),
                  k = static_cast<int>(std::lround(ijk.z()));
        REQUIRE(d.ct->geometry().contains(i, j, k));
        int hu = 0;
        REQUIRE(model.huAt(*p, hu));
        CHECK(hu == d.ct->hu.at(i, j, k));
        CHECK(k == view.sliceIndex());  // axial view of an axial grid: the slice is k
        // And back: the voxel centre projects to within one screen voxel of the position.
        const QPointF back = view.widgetPosOf(d.ct->geometry().voxelToPatient(Eigen::Vector3d(i, j, k)));
        CHECK(std::abs(back.x() - pos.x()) < 4.0);
        CHECK(std::abs(back.y() - pos.y()) < 4.0);
    }
}

TEST_CASE("slice view: scrolling changes the image and the slice index", "[ui][realdata]") {
    tvuitest::ensureApp();
    const PaCrop d = loadPaCrop();
    tvui::ViewerModel model;
    model.setVolume(d.ct);
    tvui::SliceView view(tvui::SliceOrientation::Axial, &model, nullptr);
    tvuitest::showAndWait(&view, 300, 300);
    const QImage a = render(view);
    const int s0 = view.sliceIndex();
    view.stepSlice(5);
    const QImage b = render(view);
    CHECK(view.sliceIndex() == s0 + 5);
    // Five slices (7.5 mm) apart in contrast-enhanced CT: far more than 5% of pixels differ.
    CHECK(tvuitest::countDifferent(a, b) > a.width() * a.height() / 20);
    view.stepSlice(-5);
    const QImage c = render(view);
    CHECK(tvuitest::countDifferent(a, c) == 0);  // same slice, same camera: identical frame
}

TEST_CASE("slice view: an overlay label changes exactly the pixels it covers", "[ui][realdata]") {
    tvuitest::ensureApp();
    const PaCrop d = loadPaCrop();
    tvui::ViewerModel model;
    tvui::OverlayModel overlay;
    model.setVolume(d.ct);
    // Put the cursor on a slice through the pulmonary artery mask (the slice with most mask voxels).
    int bestK = 0;
    long bestCount = -1;
    for (int k = 0; k < d.mask->nz(); ++k) {
        long n = 0;
        const std::uint8_t* s = d.mask->slice(k);
        for (int q = 0; q < d.mask->nx() * d.mask->ny(); ++q) n += s[q] != 0;
        if (n > bestCount) { bestCount = n; bestK = k; }
    }
    REQUIRE(bestCount > 50);
    tvui::SliceView view(tvui::SliceOrientation::Axial, &model, &overlay);
    tvuitest::showAndWait(&view, 400, 400);
    view.setCornerTextVisible(false);
    view.setCrosshairVisible(false);
    view.setSliceIndex(bestK);
    overlay.setLabels(d.mask, "pulmonary_artery.nii.gz");
    auto style = overlay.style(1);
    style.opacity = 0.6;
    overlay.setStyle(1, style);
    const QImage on = render(view);
    overlay.setVisible(false);
    const QImage off = render(view);
    tvuitest::saveForInspection(on, "overlay_on");
    tvuitest::saveForInspection(off, "overlay_off");

    // Expected coverage from the label map itself, through the view's own pixel->patient mapping.
    // Tolerance: pixels within one displayed voxel of a mask boundary may go either way (the slice
    // texture is filtered linearly, so colors blend across one voxel at edges); everywhere else the
    // changed/unchanged state must match exactly. All pixels must stay opaque.
    auto labelAt = [&](double x, double y) {
        const auto p = view.patientAt(QPointF(x, y));
        if (!p) return 0;
        const Eigen::Vector3d v = d.ct->geometry().patientToVoxel(*p);
        const int i = static_cast<int>(std::lround(v.x())), j = static_cast<int>(std::lround(v.y())),
                  k = static_cast<int>(std::lround(v.z()));
        return d.mask->geometry().contains(i, j, k) ? int(d.mask->at(i, j, k)) : 0;
    };
    const double dpr = view.devicePixelRatioF();
    const tv::ImageGeometry& g = d.ct->geometry();
    const QPointF a0 = view.widgetPosOf(g.voxelToPatient(Eigen::Vector3d(10, 10, bestK)));
    const QPointF a1 = view.widgetPosOf(g.voxelToPatient(Eigen::Vector3d(11, 10, bestK)));
    const double band = std::abs(a1.x() - a0.x()) + 0.5;  // one voxel on screen, logical px
    long covered = 0, mismatched = 0, translucent = 0;
    for (int y = 1; y < on.height() - 1; ++y)
        for (int x = 1; x < on.width() - 1; ++x) {
            const double lx = (x + 0.5) / dpr, ly = (y + 0.5) / dpr;
            const int l = labelAt(lx, ly);
            bool boundary = false;
            for (int dy = -1; dy <= 1 && !boundary; ++dy)
                for (int dx = -1; dx <= 1; ++dx)
                    if (labelAt(lx + dx * band, ly + dy * band) != l) { boundary = true; break; }
            translucent += qAlpha(on.pixel(x, y)) != 255;
            if (boundary) continue;
            const bool changed = (on.pixel(x, y) & 0xffffff) != (off.pixel(x, y) & 0xffffff);
            covered += l != 0;
            if (changed != (l != 0)) ++mismatched;
        }
    INFO("covered interior pixels " << covered << ", mismatched " << mismatched);
    CHECK(covered > 200);
    CHECK(mismatched == 0);
    CHECK(translucent == 0);
}
