// tv_bench_3d: frame times of the 3D view against a plain VTK GPU ray-cast set-up, in one run on the
// same volume, preset and window size. Run through scripts/bench/bench_3d.sh (Xvfb, data set-up).
//
// Measured per configuration: the first frames after the volume is set (they include VTK's one-off
// work: texture upload, gradient computation for shading), then the median frame time while
// rotating (our view: interactive level of detail; the peer has none, so every frame is its full
// frame), and the median full-quality frame time after an interaction. Each frame is timed from
// Render() to glFinish (WaitForCompletion), so queued OpenGL work is counted.
#include <CLI/CLI.hpp>
#include <vtkCamera.h>
#include <vtkGPUVolumeRayCastMapper.h>
#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkPNGWriter.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkVolume.h>
#include <vtkVolumeProperty.h>
#include <vtkWindowToImageFilter.h>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bench_volume.h"
#include "io/volume_source.h"
#include "view3d/volume_view_3d.h"
#include "view3d/vtk_volume_image.h"

namespace {

// Process CPU time (all threads: the ray caster's and llvmpipe's), to read figures taken while
// other processes load the machine: wall time inflates with the load, CPU time much less.
double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

double g_lastCpu = 0;  // CPU seconds of the last secondsOf() call

double secondsOf(const std::function<void()>& f) {
    const double c0 = cpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    f();
    g_lastCpu = cpuSeconds() - c0;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

void savePng(vtkRenderWindow* win, const std::string& path) {
    if (path.empty()) return;
    vtkNew<vtkWindowToImageFilter> grab;
    grab->SetInput(win);
    grab->ReadFrontBufferOff();
    grab->Update();
    vtkNew<vtkPNGWriter> writer;
    writer->SetFileName(path.c_str());
    writer->SetInputConnection(grab->GetOutputPort());
    writer->Write();
}

vtkSmartPointer<vtkRenderWindow> makeWindow(int size) {
    auto win = vtkSmartPointer<vtkRenderWindow>::New();
    win->SetOffScreenRendering(1);
    win->SetSize(size, size);
    win->SetMultiSamples(0);
    return win;
}

void renderAndWait(vtkRenderWindow* win) {
    win->Render();
    win->WaitForCompletion();
}

struct Figures {
    std::string name;
    double firstLod = 0, firstFull = 0, interactive = 0, full = 0;
    double interactiveCpu = 0, fullCpu = 0;  // median CPU seconds per frame
};

struct Options {
    int size = 1024;
    int frames = 20;
    int fullFrames = 5;
    int peerFrames = 3;
    std::string preset = "bone";
    std::string pngPrefix;
    tvui::VolumeQuality quality;
};

Figures benchOurs(const std::shared_ptr<const tv::CtVolume>& ct, tvui::VolumeMapperKind kind,
                  const Options& o) {
    Figures f;
    f.name = kind == tvui::VolumeMapperKind::Cpu ? "ours-cpu" : "ours-gpu";
    auto win = makeWindow(o.size);
    tvui::VolumeView3D view;
    view.attachTo(win);
    view.setMapperKind(kind);
    view.setQuality(o.quality);
    view.setPreset(o.preset);
    const double setVolume = secondsOf([&] { view.setVolume(ct); });
    std::printf("[%s] setVolume (LOD copy) %.3f s\n", f.name.c_str(), setVolume);
    view.setInteractive(true);
    f.firstLod = secondsOf([&] { renderAndWait(win); });
    view.setInteractive(false);
    f.firstFull = secondsOf([&] { renderAndWait(win); });

    std::vector<double> inter, interCpu;
    view.setInteractive(true);
    for (int i = 0; i < o.frames; ++i) {
        view.rotate(4.0, (i % 10 < 5) ? 1.5 : -1.5);
        inter.push_back(secondsOf([&] { renderAndWait(win); }));
        interCpu.push_back(g_lastCpu);
    }
    f.interactiveCpu = median(interCpu);
    if (!o.pngPrefix.empty()) savePng(win, o.pngPrefix + f.name + "-lod.png");
    f.interactive = median(inter);

    std::vector<double> full, fullCpu;
    for (int i = 0; i < o.fullFrames; ++i) {
        view.setInteractive(true);
        view.rotate(15.0, 0.0);
        renderAndWait(win);
        view.setInteractive(false);  // interaction stops: the full-quality frame
        full.push_back(secondsOf([&] { renderAndWait(win); }));
        fullCpu.push_back(g_lastCpu);
    }
    f.fullCpu = median(fullCpu);
    if (!o.pngPrefix.empty()) savePng(win, o.pngPrefix + f.name + "-full.png");
    f.full = median(full);
    view.detach();
    return f;
}

// The reference: a plain VTK set-up, GPU ray-cast mapper with its defaults, no LOD.
Figures benchPeer(const std::shared_ptr<const tv::CtVolume>& ct, const Options& o) {
    Figures f;
    f.name = "peer-vtk-gpu";
    auto win = makeWindow(o.size);
    vtkNew<vtkRenderer> ren;
    win->AddRenderer(ren);
    vtkSmartPointer<vtkImageData> image = tvui::wrapHu(*ct);
    vtkNew<vtkGPUVolumeRayCastMapper> mapper;
    mapper->SetInputData(image);
    vtkNew<vtkVolumeProperty> prop;
    tvui::applyPreset(tvui::volumePreset(o.preset), prop);
    vtkNew<vtkVolume> vol;
    vol->SetMapper(mapper);
    vol->SetProperty(prop);
    vol->SetUserMatrix(tvui::indexFrameToPatient(ct->geometry()));
    ren->AddVolume(vol);
    ren->ResetCamera();
    vtkCamera* cam = ren->GetActiveCamera();
    double fp[3];
    cam->GetFocalPoint(fp);
    cam->SetPosition(fp[0], fp[1] - 1000.0, fp[2]);
    cam->SetViewUp(0, 0, 1);
    ren->ResetCamera();
    f.firstFull = f.firstLod = secondsOf([&] { renderAndWait(win); });
    std::vector<double> frames, cpu;
    for (int i = 0; i < o.peerFrames; ++i) {
        cam->Azimuth(4.0);
        ren->ResetCameraClippingRange();
        frames.push_back(secondsOf([&] { renderAndWait(win); }));
        cpu.push_back(g_lastCpu);
    }
    f.interactiveCpu = f.fullCpu = median(cpu);
    if (!o.pngPrefix.empty()) savePng(win, o.pngPrefix + f.name + ".png");
    f.interactive = f.full = median(frames);
    return f;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"3D view benchmark: our view (LOD, CPU and GPU ray casting) vs plain VTK GPU ray casting"};
    std::string input;
    int slices = 256;
    Options o;
    std::vector<std::string> kinds{"cpu", "gpu"};
    bool peer = true;
    app.add_option("input", input, "CT volume (NIfTI file or DICOM folder)")->required();
    app.add_option("--slices", slices, "resample along k to this many slices (0 = keep)");
    app.add_option("--size", o.size, "window width = height in pixels");
    app.add_option("--frames", o.frames, "rotation frames timed per configuration");
    app.add_option("--full-frames", o.fullFrames, "full-quality frames after interaction");
    app.add_option("--peer-frames", o.peerFrames, "frames of the plain VTK peer (slow)");
    app.add_option("--preset", o.preset, "lungs | vessels | bone");
    app.add_option("--mappers", kinds, "our mapper kinds to time: cpu gpu");
    app.add_option("--peer", peer, "time the plain VTK GPU peer (true/false)");
    app.add_option("--lod-voxels", o.quality.lodTargetVoxels, "LOD volume size (voxels)");
    app.add_option("--lod-isd", o.quality.lodImageSampleDistance, "LOD pixels between rays");
    app.add_option("--lod-sd", o.quality.lodSampleDistanceMm, "LOD mm between samples (0 = spacing)");
    app.add_option("--full-isd", o.quality.fullImageSampleDistance, "full-quality pixels between rays");
    app.add_option("--full-sd", o.quality.fullSampleDistanceMm, "full-quality mm between samples (0 = spacing)");
    app.add_option("--smooth", o.quality.smooth, "render from the in-plane smoothed copy (true/false)");
    app.add_option("--clip", o.quality.clipToBody, "render only the body (true/false; body_clip.h)");
    app.add_option("--png", o.pngPrefix, "save the last frames as <prefix><config>.png");
    double snapAzimuth = 0, snapElevation = 0;
    std::string snapshot;
    app.add_option("--snapshot", snapshot, "only render one full-quality frame into this PNG and exit");
    app.add_option("--azimuth", snapAzimuth, "snapshot: degrees of azimuth from the anterior view");
    app.add_option("--elevation", snapElevation, "snapshot: degrees of elevation");
    CLI11_PARSE(app, argc, argv);

    tv::CtVolume loaded = tv::loadVolume(input);
    if (slices > 0 && slices != loaded.geometry().size[2])
        loaded = tvtest3d::resampleSlices(loaded, slices);
    auto ct = std::make_shared<const tv::CtVolume>(std::move(loaded));
    const tv::ImageGeometry& g = ct->geometry();
    const tv::Index3 block = tvui::lodBlockSize(g, o.quality.lodTargetVoxels);
    std::printf("volume %dx%dx%d spacing %.3f x %.3f x %.3f mm, window %dx%d, preset %s, LOD blocks %dx%dx%d\n",
                g.size[0], g.size[1], g.size[2], g.spacing.x(), g.spacing.y(), g.spacing.z(), o.size,
                o.size, o.preset.c_str(), block[0], block[1], block[2]);

    if (!snapshot.empty()) {
        auto win = makeWindow(o.size);
        tvui::VolumeView3D view;
        view.attachTo(win);
        view.setQuality(o.quality);
        view.setPreset(o.preset);
        view.setVolume(ct);
        view.rotate(snapAzimuth, snapElevation);
        const double t = secondsOf([&] { renderAndWait(win); });
        savePng(win, snapshot);
        std::printf("snapshot %s in %.3f s\n", snapshot.c_str(), t);
        return 0;
    }

    std::vector<Figures> all;
    for (const std::string& k : kinds)
        all.push_back(benchOurs(ct, k == "gpu" ? tvui::VolumeMapperKind::Gpu : tvui::VolumeMapperKind::Cpu, o));
    if (peer) all.push_back(benchPeer(ct, o));

    std::printf("\n%-14s %12s %12s %16s %10s %14s %12s %12s\n", "config", "first-LOD-s", "first-full-s",
                "interactive-ms", "fps", "full-frame-s", "inter-cpu-ms", "full-cpu-s");
    for (const Figures& f : all)
        std::printf("%-14s %12.3f %12.3f %16.1f %10.1f %14.3f %12.1f %12.3f\n", f.name.c_str(), f.firstLod,
                    f.firstFull, f.interactive * 1000.0, f.interactive > 0 ? 1.0 / f.interactive : 0.0, f.full,
                    f.interactiveCpu * 1000.0, f.fullCpu);
    if (peer) {
        const Figures& p = all.back();
        for (std::size_t i = 0; i + 1 < all.size(); ++i)
            std::printf("ratio peer/%s: interactive frame %.1fx faster, full-quality frame %.2fx\n",
                        all[i].name.c_str(), p.interactive / all[i].interactive, p.full / all[i].full);
    }
    // One machine-readable line per configuration for the script.
    for (const Figures& f : all)
        std::printf("RESULT %s first_lod=%.4f first_full=%.4f interactive=%.4f full=%.4f interactive_cpu=%.4f "
                    "full_cpu=%.4f\n",
                    f.name.c_str(), f.firstLod, f.firstFull, f.interactive, f.full, f.interactiveCpu, f.fullCpu);
    return 0;
}
