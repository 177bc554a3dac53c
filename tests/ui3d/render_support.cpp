#include "render_support.h"

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPNGWriter.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace tvtest3d {

void requireDisplay() {
    const char* d = std::getenv("DISPLAY");
    if (!d || !*d) {
        std::printf("SKIPPED: no X display (run the view tests under xvfb-run)\n");
        std::exit(77);
    }
}

vtkSmartPointer<vtkRenderWindow> makeOffscreenWindow(int width, int height) {
    auto win = vtkSmartPointer<vtkRenderWindow>::New();
    win->SetOffScreenRendering(1);
    win->SetMultiSamples(0);
    win->SetSize(width, height);
    return win;
}

Frame renderAndGrab(vtkRenderWindow* window) {
    window->Render();
    window->WaitForCompletion();
    Frame f;
    const int* size = window->GetSize();
    f.width = size[0];
    f.height = size[1];
    vtkNew<vtkUnsignedCharArray> pixels;
    window->GetPixelData(0, 0, f.width - 1, f.height - 1, 0, pixels);  // back buffer
    f.rgb.assign(pixels->GetPointer(0), pixels->GetPointer(0) + 3 * static_cast<std::size_t>(f.width) * f.height);
    return f;
}

int countDifferent(const Frame& a, const Frame& b, int tolerance) {
    int n = 0;
    for (std::size_t p = 0; p + 2 < a.rgb.size() && p + 2 < b.rgb.size(); p += 3) {
        const int d = std::max({std::abs(a.rgb[p] - b.rgb[p]), std::abs(a.rgb[p + 1] - b.rgb[p + 1]),
                                std::abs(a.rgb[p + 2] - b.rgb[p + 2])});
        if (d > tolerance) ++n;
    }
    return n;
}

int maxDifferenceNear(const Frame& a, const Frame& b, int x, int y, int r) {
    int best = 0;
    for (int yy = std::max(0, y - r); yy <= std::min(a.height - 1, y + r); ++yy)
        for (int xx = std::max(0, x - r); xx <= std::min(a.width - 1, x + r); ++xx)
            for (int c = 0; c < 3; ++c) best = std::max(best, std::abs(a.at(xx, yy)[c] - b.at(xx, yy)[c]));
    return best;
}

void savePng(const Frame& f, const std::string& name) {
    const std::filesystem::path dir = "/tmp/thromboview-tests";
    std::filesystem::create_directories(dir);
    vtkNew<vtkImageData> img;
    img->SetDimensions(f.width, f.height, 1);
    img->AllocateScalars(VTK_UNSIGNED_CHAR, 3);
    std::memcpy(img->GetScalarPointer(), f.rgb.data(), f.rgb.size());
    vtkNew<vtkPNGWriter> w;
    w->SetFileName((dir / (name + ".png")).string().c_str());
    w->SetInputData(img);
    w->Write();
}

Eigen::Vector2d project(vtkRenderer* renderer, const Eigen::Vector3d& p) {
    renderer->SetWorldPoint(p.x(), p.y(), p.z(), 1.0);
    renderer->WorldToDisplay();
    double d[3];
    renderer->GetDisplayPoint(d);
    return {d[0], d[1]};
}

}  // namespace tvtest3d
