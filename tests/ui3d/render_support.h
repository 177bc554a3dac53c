#pragma once
// Offscreen VTK rendering for the 3D-view tests: a window under the X display (Xvfb in CI), frame
// grabs as RGB buffers, pixel comparisons, and PNGs in /tmp/thromboview-tests for a person to look at.
#include <Eigen/Core>
#include <string>
#include <vector>
#include <vtkSmartPointer.h>

class vtkRenderWindow;
class vtkRenderer;

namespace tvtest3d {

/// Exits with 77 (CTest "Skipped") when no X display is available (run under xvfb-run).
void requireDisplay();

vtkSmartPointer<vtkRenderWindow> makeOffscreenWindow(int width, int height);

struct Frame {
    int width = 0, height = 0;
    std::vector<unsigned char> rgb;  // row 0 = bottom (VTK display coordinates)
    const unsigned char* at(int x, int y) const { return &rgb[3 * (static_cast<std::size_t>(y) * width + x)]; }
    int brightness(int x, int y) const { return at(x, y)[0] + at(x, y)[1] + at(x, y)[2]; }
};

/// Renders `window`, waits for OpenGL, and returns its pixels.
Frame renderAndGrab(vtkRenderWindow* window);
/// Pixels whose RGB differs by more than `tolerance` in any channel.
int countDifferent(const Frame& a, const Frame& b, int tolerance = 8);
/// Largest channel difference at (x, y) over a (2r+1)^2 neighbourhood (for projected points).
int maxDifferenceNear(const Frame& a, const Frame& b, int x, int y, int r);
void savePng(const Frame& f, const std::string& name);

/// Display coordinates (pixels, y up) of the world point `p` in `renderer`.
Eigen::Vector2d project(vtkRenderer* renderer, const Eigen::Vector3d& p);

}  // namespace tvtest3d
