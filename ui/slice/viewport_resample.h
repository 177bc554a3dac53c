#pragma once
// Draws the composed slice image into a view-sized RGBA frame on the CPU, as the GPU would with a
// linearly filtered, edge-clamped texture on a quad covering the voxels (each voxel centred on its
// scene position, extending half a voxel either way), black outside. With software OpenGL a
// textured quad over a 1024x1024 view costs 15-20 ms of rasterizer time per frame; this costs a
// few ms and the frame is then copied into VTK's framebuffer without any fragment shading.
#include <cstdint>
#include <vector>

namespace tvui {

/// Where the view looks: scene point (mm) at the view centre and mm per device pixel.
struct ViewportMapping {
    int width = 0, height = 0;  // device pixels
    double centreX = 0, centreY = 0;
    double mmPerPixel = 1;
};

/// `rgb`: nx x ny pixels, 3 bytes each, row 0 at the bottom (scene y = 0), voxel (i, j) centred at
/// scene (i * sx, j * sy). Writes width x height RGBA pixels (alpha 255) into `out`, row 0 at the
/// bottom (OpenGL order).
void resampleToViewport(const std::uint8_t* rgb, int nx, int ny, double sx, double sy, const ViewportMapping& m,
                        std::vector<std::uint8_t>& out);

}  // namespace tvui
