// View tests on the real contrast chest CT C3N-00247 (../shared/data/chest-ct-contrast), loaded
// with tv::loadVolume, rendered under Xvfb through the slice views and checked pixel by pixel.
// Orientation checks compare the rendered image with two images built directly from the voxels
// (the correct orientation and its vertical mirror), so they do not depend on the view's own
// pixel-to-patient mapping.
#include <catch2/catch.hpp>

#include <QApplication>
#include <algorithm>
#include <cmath>

#include "io/volume_source.h"
#include "model/overlay_model.h"
#include "model/viewer_model.h"
#include "slice/slice_view.h"
#include "test_support.h"
#include "ui_test_support.h"

namespace {

std::shared_ptr<const tv::CtVolume> loadC3n() {
    static std::shared_ptr<const tv::CtVolume> cached;
    if (!cached) {
        const auto dir = tvtest::requireSharedData("chest-ct-contrast/C3N-00247");
        cached = std::make_shared<const tv::CtVolume>(tv::loadVolume(dir));
    }
    return cached;
}

double grayOf(double hu, double level, double width) {
    return std::clamp((hu - (level - width / 2)) / width, 0.0, 1.0) * 255.0;
}

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
    const double n = static_cast<double>(a.size());
    double ma = 0, mb = 0;
    for (std::size_t q = 0; q < a.size(); ++q) { ma += a[q]; mb += b[q]; }
    ma /= n;
    mb /= n;
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t q = 0; q < a.size(); ++q) {
        sab += (a[q] - ma) * (b[q] - mb);
        saa += (a[q] - ma) * (a[q] - ma);
        sbb += (b[q] - mb) * (b[q] - mb);
    }
    return sab / std::sqrt(saa * sbb);
}

/// Correlation of the rendered image with the voxel image whose screen-up is +`upAxis` direction
/// sign `upSign` (screen-right fixed to `rightAxis` increasing). Sampled on a 40 x 40 grid inside
/// the image rectangle found from the view's corners (orientation-free: min/max only).
double orientationScore(tvui::SliceView& view, const QImage& img, const tv::CtVolume& ct, int rightAxis, int upAxis,
                        int upSign, const tv::Index3& fixedVoxel) {
    const auto& g = ct.geometry();
    const double dpr = view.devicePixelRatioF();
    double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
    for (int a : {0, 1})
        for (int b : {0, 1}) {
            Eigen::Vector3d v(fixedVoxel[0], fixedVoxel[1], fixedVoxel[2]);
            v[rightAxis] = a ? g.size[static_cast<std::size_t>(rightAxis)] - 1 : 0;
            v[upAxis] = b ? g.size[static_cast<std::size_t>(upAxis)] - 1 : 0;
            const QPointF p = view.widgetPosOf(g.voxelToPatient(v));
            x0 = std::min(x0, p.x()); x1 = std::max(x1, p.x());
            y0 = std::min(y0, p.y()); y1 = std::max(y1, p.y());
        }
    std::vector<double> rendered, expected;
    const int nr = g.size[static_cast<std::size_t>(rightAxis)], nu = g.size[static_cast<std::size_t>(upAxis)];
    for (int sy = 1; sy < 40; ++sy)
        for (int sx = 1; sx < 40; ++sx) {
            const double fx = sx / 40.0, fy = sy / 40.0;  // fy = 0 at the top of the image rectangle
            const double wx = x0 + fx * (x1 - x0), wy = y0 + fy * (y1 - y0);
            rendered.push_back(qGray(img.pixel(static_cast<int>(wx * dpr), static_cast<int>(wy * dpr))));
            tv::Index3 v = fixedVoxel;
            v[static_cast<std::size_t>(rightAxis)] = static_cast<int>(std::lround(fx * (nr - 1)));
            const double up = upSign > 0 ? (1.0 - fy) : fy;  // fraction along +upAxis
            v[static_cast<std::size_t>(upAxis)] = static_cast<int>(std::lround(up * (nu - 1)));
            expected.push_back(grayOf(ct.hu.at(v[0], v[1], v[2]), 40, 400));
        }
    return correlation(rendered, expected);
}

QImage renderView(tvui::SliceView& view) {
    QApplication::processEvents();
    return view.grabImage();
}

}  // namespace

TEST_CASE("C3N-00247 axial view at mediastinum window: spine at the bottom, heart toward the top", "[ui][realdata]") {
    tvuitest::ensureApp();
    const auto ct = loadC3n();
    const auto& g = ct->geometry();
    // The series is axial with row direction +x (left) and column direction +y (posterior).
    REQUIRE(g.direction(0, 0) > 0.99);
    REQUIRE(g.direction(1, 1) > 0.99);
    tvui::ViewerModel model;
    model.setVolume(ct);
    model.applyPreset("mediastinum");
    tvui::SliceView view(tvui::SliceOrientation::Axial, &model, nullptr);
    tvuitest::showAndWait(&view, 512, 512);
    view.setCornerTextVisible(false);
    view.setCrosshairVisible(false);
    // A slice through the heart: the middle of the 99-slice chest series.
    const int k = g.size[2] / 2;
    view.setSliceIndex(k);
    const QImage img = renderView(view);
    tvuitest::saveForInspection(img, "c3n_axial_mediastinum");

    // Orientation: anterior (j = 0) at the top must match far better than its mirror.
    const tv::Index3 fixed{0, 0, k};
    const double correct = orientationScore(view, img, *ct, 0, 1, -1, fixed);
    const double mirrored = orientationScore(view, img, *ct, 0, 1, +1, fixed);
    INFO("correlation with anterior-up " << correct << ", with posterior-up " << mirrored);
    CHECK(correct > 0.8);
    CHECK(correct > mirrored + 0.3);

    // Anatomy in pixels: bone (saturated white at W400/L40, HU > 240) concentrates in the lower
    // part (the spine); enhanced blood and myocardium (gray 150-235, about 75..210 HU) of the heart
    // lies above it. Tolerance: centroids compared, not exact rows.
    double boneY = 0, boneN = 0, heartY = 0, heartN = 0;
    const int w = img.width(), h = img.height();
    for (int y = 0; y < h; ++y)
        for (int x = w / 4; x < 3 * w / 4; ++x) {
            const int gray = qGray(img.pixel(x, y));
            if (gray >= 254) { boneY += y; ++boneN; }
            else if (gray >= 150 && gray <= 235) { heartY += y; ++heartN; }
        }
    REQUIRE(boneN > 100);
    REQUIRE(heartN > 1000);
    boneY /= boneN;
    heartY /= heartN;
    INFO("bone centroid row " << boneY << ", enhanced soft tissue centroid row " << heartY << " of " << h);
    CHECK(boneY > 0.55 * h);
    CHECK(heartY < boneY - 0.1 * h);
}

TEST_CASE("C3N-00247 coronal view shows superior at the top", "[ui][realdata]") {
    tvuitest::ensureApp();
    const auto ct = loadC3n();
    const auto& g = ct->geometry();
    REQUIRE(g.direction(2, 2) > 0.99);  // +k is superior
    tvui::ViewerModel model;
    model.setVolume(ct);
    tvui::SliceView view(tvui::SliceOrientation::Coronal, &model, nullptr);
    tvuitest::showAndWait(&view, 512, 512);
    view.setCornerTextVisible(false);
    view.setCrosshairVisible(false);
    const int j = g.size[1] / 2;
    view.setSliceIndex(j);
    const QImage img = renderView(view);
    tvuitest::saveForInspection(img, "c3n_coronal");
    const tv::Index3 fixed{0, j, 0};
    const double correct = orientationScore(view, img, *ct, 0, 2, +1, fixed);
    const double mirrored = orientationScore(view, img, *ct, 0, 2, -1, fixed);
    INFO("correlation with superior-up " << correct << ", with inferior-up " << mirrored);
    CHECK(correct > 0.8);
    CHECK(correct > mirrored + 0.3);
    // And the view's own mapping agrees: the top edge is more superior than the bottom edge.
    const auto top = view.patientAt(QPointF(256, img.height() * 0.2 / view.devicePixelRatioF()));
    const auto bottom = view.patientAt(QPointF(256, img.height() * 0.8 / view.devicePixelRatioF()));
    REQUIRE(top.has_value());
    REQUIRE(bottom.has_value());
    CHECK(top->z() > bottom->z() + 50.0);
}

TEST_CASE("C3N-00247 HU read-out at known voxels matches the volume", "[ui][realdata]") {
    tvuitest::ensureApp();
    const auto ct = loadC3n();
    const auto& g = ct->geometry();
    tvui::ViewerModel model;
    model.setVolume(ct);
    tvui::SliceView view(tvui::SliceOrientation::Axial, &model, nullptr);
    tvuitest::showAndWait(&view, 512, 512);
    for (const tv::Index3 v : {tv::Index3{256, 256, 49}, tv::Index3{200, 330, 20}, tv::Index3{300, 150, 80}}) {
        view.setSliceIndex(v[2]);
        renderView(view);
        // Widget position of the voxel centre, then the read-out under that position.
        const QPointF pos = view.widgetPosOf(g.voxelToPatient(Eigen::Vector3d(v[0], v[1], v[2])));
        const auto p = view.patientAt(pos);
        REQUIRE(p.has_value());
        int hu = 0;
        REQUIRE(model.huAt(*p, hu));
        INFO("voxel " << v[0] << "," << v[1] << "," << v[2]);
        CHECK(hu == ct->hu.at(v[0], v[1], v[2]));
        // Patient coordinate shown is within half a voxel of the voxel centre (tolerance 0.5 voxel).
        const Eigen::Vector3d centre = g.voxelToPatient(Eigen::Vector3d(v[0], v[1], v[2]));
        CHECK((*p - centre).norm() < 0.5 * g.spacing.norm());
    }
}

TEST_CASE("C3N-00247 slab MIP is brighter than the single slice", "[ui][realdata]") {
    tvuitest::ensureApp();
    const auto ct = loadC3n();
    tvui::ViewerModel model;
    model.setVolume(ct);
    model.applyPreset("lung");
    tvui::SliceView view(tvui::SliceOrientation::Axial, &model, nullptr);
    tvuitest::showAndWait(&view, 400, 400);
    view.setCornerTextVisible(false);
    view.setCrosshairVisible(false);
    const QImage single = renderView(view);
    model.setSlab({tvui::SlabMode::Mip, 15.0});
    const QImage mip = renderView(view);
    model.setSlab({tvui::SlabMode::MinIp, 15.0});
    const QImage minip = renderView(view);
    tvuitest::saveForInspection(mip, "c3n_axial_mip15");
    const double ms = tvuitest::meanGray(single, 0, 0, single.width(), single.height());
    const double mm = tvuitest::meanGray(mip, 0, 0, mip.width(), mip.height());
    const double mn = tvuitest::meanGray(minip, 0, 0, minip.width(), minip.height());
    INFO("mean gray single " << ms << ", MIP " << mm << ", MinIP " << mn);
    // MIP over 5 slices can only raise each pixel, MinIP only lower it; require a visible change.
    CHECK(mm > ms + 2.0);
    CHECK(mn < ms - 2.0);
}
