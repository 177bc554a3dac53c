// bench_viewer: viewer speed under the current display (scripts/bench/bench_viewer.sh runs it under
// Xvfb with Mesa's software OpenGL). 1024 x 1024 views.
//   1. time to first image: from handing an in-memory volume to a new, shown slice view until its
//      first frame has been swapped to the window;
//   2. slice step to new frame shown, overlay on: stepSlice(+-1) until the view's frameSwapped and
//      a round trip to the X server (XSync: the server has processed the frame's image), median
//      and 90th percentile over many steps;
//   3. the peer: a plain VTK set-up (vtkRenderWindow, vtkImageSliceMapper for the CT with window/
//      level, a second vtkImageSliceMapper showing the label map through a colour table), same
//      volume and overlay, slice step = SetSliceNumber + Render.
// Usage: bench_viewer [--data DIR|--phantom] [--steps N] [--json] [--repaint-only] [--skip-peer]
#include <QApplication>
#include <QGuiApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>
#include <vtkCamera.h>
#include <vtkImageData.h>
#include <vtkImageMapToColors.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include "io/volume_source.h"
#include "model/demo_case.h"
#include "model/overlay_model.h"
#include "model/viewer_model.h"
#include "model/vtk_image_wrap.h"
#include "slice/slice_view.h"
#include "vtkhost/vtk_view_widget.h"

#include <X11/Xlib.h>  // after Qt and VTK: Xlib defines macros (Bool, None, ...) they use as names

namespace {

using Clock = std::chrono::steady_clock;
/// CPU time of this process (all threads, including Mesa's llvmpipe rasterizer threads), ms.
double cpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
    return v[i];
}

/// Waits until `w` has swapped a frame (or 5 s passed), then until the X server has processed
/// everything sent so far (the frame's image included).
bool waitForSwap(tvui::VtkViewWidget* w) {
    QEventLoop loop;
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(w, &tvui::VtkViewWidget::frameSwapped, &loop, &QEventLoop::quit);
    QObject::connect(&guard, &QTimer::timeout, &loop, [&loop] { loop.exit(1); });
    guard.start(5000);
    const bool swapped = loop.exec() == 0;
    if (auto* x11 = qApp->nativeInterface<QNativeInterface::QX11Application>()) XSync(x11->display(), False);
    return swapped;
}

/// Overlay for the benchmark: voxels above 150 HU (bone, enhanced vessels) as label 1 and below
/// -950 HU (air) as label 2, so every slice has overlay pixels.
std::shared_ptr<tv::LabelMap> thresholdLabels(const tv::CtVolume& ct) {
    auto labels = std::make_shared<tv::LabelMap>(ct.geometry());
    for (std::size_t q = 0; q < ct.hu.voxelCount(); ++q)
        (*labels)[q] = ct.hu[q] > 150 ? 1 : ct.hu[q] < -950 ? 2 : 0;
    return labels;
}

struct PeerResult {
    double firstMs = 0, medianMs = 0, p90Ms = 0, cpuMedianMs = 0;
};

PeerResult runPeer(const tv::CtVolume& ct, const tv::LabelMap& labels, int steps) {
    PeerResult r;
    const auto t0 = Clock::now();
    auto ctData = tvui::wrapInIndexFrame(ct);
    auto labelData = tvui::wrapInIndexFrame(labels);
    vtkNew<vtkImageSliceMapper> ctMapper;
    ctMapper->SetInputData(ctData);
    ctMapper->SetOrientationToZ();
    vtkNew<vtkImageSlice> ctSlice;
    ctSlice->SetMapper(ctMapper);
    ctSlice->GetProperty()->SetColorWindow(400);
    ctSlice->GetProperty()->SetColorLevel(40);
    vtkNew<vtkLookupTable> lut;
    lut->SetNumberOfTableValues(256);
    lut->SetTableRange(0, 255);
    lut->Build();
    for (int l = 0; l < 256; ++l) lut->SetTableValue(l, 0, 0, 0, 0);
    lut->SetTableValue(1, 1, 0.2, 0.2, 0.5);
    lut->SetTableValue(2, 0.2, 0.6, 1, 0.5);
    vtkNew<vtkImageMapToColors> colors;
    colors->SetInputData(labelData);
    colors->SetLookupTable(lut);
    colors->SetOutputFormatToRGBA();
    vtkNew<vtkImageSliceMapper> labelMapper;
    labelMapper->SetInputConnection(colors->GetOutputPort());
    labelMapper->SetOrientationToZ();
    vtkNew<vtkImageSlice> labelSlice;
    labelSlice->SetMapper(labelMapper);
    labelSlice->SetPosition(0, 0, 0.1);
    vtkNew<vtkRenderer> ren;
    ren->AddViewProp(ctSlice);
    ren->AddViewProp(labelSlice);
    vtkNew<vtkRenderWindow> win;
    win->SetSize(1024, 1024);
    win->AddRenderer(ren);
    ren->GetActiveCamera()->ParallelProjectionOn();
    const int mid = ct.hu.nz() / 2;
    ctMapper->SetSliceNumber(mid);
    labelMapper->SetSliceNumber(mid);
    ren->ResetCamera();
    win->Render();
    r.firstMs = msSince(t0);
    std::vector<double> times, cpu;
    int k = mid, dir = 1;
    for (int s = 0; s < steps; ++s) {
        if (k + dir < 0 || k + dir >= ct.hu.nz()) dir = -dir;
        k += dir;
        const auto ts = Clock::now();
        const double c0 = cpuMs();
        ctMapper->SetSliceNumber(k);
        labelMapper->SetSliceNumber(k);
        win->Render();
        times.push_back(msSince(ts));
        cpu.push_back(cpuMs() - c0);
    }
    r.medianMs = percentile(times, 0.5);
    r.p90Ms = percentile(times, 0.9);
    r.cpuMedianMs = percentile(cpu, 0.5);
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    std::string data;
    bool phantom = false, json = false, repaintOnly = false, skipPeer = false;
    int steps = 100;
    for (int a = 1; a < argc; ++a) {
        if (!std::strcmp(argv[a], "--data") && a + 1 < argc) data = argv[++a];
        else if (!std::strcmp(argv[a], "--phantom")) phantom = true;
        else if (!std::strcmp(argv[a], "--steps") && a + 1 < argc) steps = std::atoi(argv[++a]);
        else if (!std::strcmp(argv[a], "--json")) json = true;
        // Profiling aids: repaint the same slice (the fixed cost of a frame, no new content) and
        // leave out the peer (so a profiler sees only ThromboView).
        else if (!std::strcmp(argv[a], "--repaint-only")) repaintOnly = true;
        else if (!std::strcmp(argv[a], "--skip-peer")) skipPeer = true;
        else {
            std::cerr << "usage: bench_viewer [--data DIR|--phantom] [--steps N] [--json] [--repaint-only] [--skip-peer]\n";
            return 1;
        }
    }
    tvui::installVtkSurfaceFormat();
    QApplication app(argc, argv);

    std::shared_ptr<const tv::CtVolume> ct;
    std::string source;
    if (!phantom && !data.empty()) {
        ct = std::make_shared<const tv::CtVolume>(tv::loadVolume(data));
        source = data;
    } else {
        ct = tvui::makeDemoCase().ct;
        source = "synthetic phantom (default parameters)";
    }
    const auto labels = thresholdLabels(*ct);

    // 1. First image: new view + volume, shown at 1024 x 1024, until the first swap.
    tvui::ViewerModel model;
    tvui::OverlayModel overlay;
    overlay.setLabels(labels, "bench threshold labels");
    const auto t0 = Clock::now();
    model.setVolume(ct);
    auto* view = new tvui::SliceView(tvui::SliceOrientation::Axial, &model, &overlay);
    view->resize(1024, 1024);
    view->show();
    waitForSwap(view);
    const double firstMs = msSince(t0);
    QApplication::processEvents();

    // 2. Slice steps with the overlay on.
    for (int w = 0; w < 5; ++w) {  // warm-up (shader compilation, texture allocation)
        view->stepSlice(w % 2 ? -1 : 1);
        waitForSwap(view);
    }
    std::vector<double> times, renderTimes, cpuTimes;
    Clock::time_point stepStart;
    QObject::connect(view, &tvui::VtkViewWidget::frameRendered, [&] { renderTimes.push_back(msSince(stepStart)); });
    int dir = 1;
    for (int s = 0; s < steps; ++s) {
        if (view->sliceIndex() + dir < 0 || view->sliceIndex() + dir >= view->sliceCount()) dir = -dir;
        const auto ts = Clock::now();
        const double c0 = cpuMs();
        stepStart = ts;
        if (repaintOnly)
            view->requestRender();
        else
            view->stepSlice(dir);
        if (!waitForSwap(view)) {
            std::cerr << "bench_viewer: no frame after a slice step\n";
            return 2;
        }
        times.push_back(msSince(ts));
        cpuTimes.push_back(cpuMs() - c0);
    }
    const double median = percentile(times, 0.5), p90 = percentile(times, 0.9);
    const double cpuMedian = percentile(cpuTimes, 0.5);
    const double renderMedian = renderTimes.empty() ? 0.0 : percentile(renderTimes, 0.5);
    const QSize px = view->size() * view->devicePixelRatioF();
    delete view;

    // 3. The plain VTK peer, same volume and overlay.
    const PeerResult peer = skipPeer ? PeerResult{1, 1, 1, 1} : runPeer(*ct, *labels, steps);

    nlohmann::json out = {
        {"volume", source},
        {"size", {ct->hu.nx(), ct->hu.ny(), ct->hu.nz()}},
        {"view_pixels", {px.width(), px.height()}},
        {"steps", steps},
        {"thromboview", {{"first_image_ms", firstMs}, {"slice_step_median_ms", median}, {"slice_step_p90_ms", p90},
                         {"slice_step_vtk_render_done_median_ms", renderMedian},
                         {"slice_step_cpu_median_ms", cpuMedian}}},
        {"plain_vtk_peer", {{"first_image_ms", peer.firstMs}, {"slice_step_median_ms", peer.medianMs}, {"slice_step_p90_ms", peer.p90Ms},
                            {"slice_step_cpu_median_ms", peer.cpuMedianMs}}},
        {"speedup_slice_step_median", peer.medianMs / median},
    };
    if (json) {
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::printf("volume: %s (%d x %d x %d), view %d x %d px, %d steps, overlay on\n", source.c_str(), ct->hu.nx(), ct->hu.ny(),
                ct->hu.nz(), px.width(), px.height(), steps);
    std::printf("%-28s %14s %16s %14s %18s\n", "", "first image ms", "step median ms", "step p90 ms", "step CPU median ms");
    std::printf("%-28s %14.1f %16.2f %14.2f %18.2f\n", "thromboview slice view", firstMs, median, p90, cpuMedian);
    std::printf("%-28s %14.1f %16.2f %14.2f %18.2f\n", "plain VTK (slice mappers)", peer.firstMs, peer.medianMs, peer.p90Ms,
                peer.cpuMedianMs);
    std::printf("(thromboview: VTK render + blit into the window done after %.2f ms median; the rest is the swap to the X server and the event loop)\n", renderMedian);
    std::printf("slice step: plain VTK / thromboview = %.2fx\n", peer.medianMs / median);
    std::printf("goals: first image < 1000 ms: %s; step median <= 16 ms: %s\n", firstMs < 1000 ? "met" : "NOT met",
                median <= 16 ? "met" : "NOT met");
    return 0;
}
