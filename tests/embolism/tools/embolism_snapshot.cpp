// embolism_snapshot: renders an axial slice of a CT (NIfTI) with an optional label overlay as PNG,
// for looking at embolus candidates. Usage:
//   embolism_snapshot CT.nii.gz OUT.png K [I J HALF] [--mask LABELS.nii.gz] [--zoom Z] [--window C W]
// Without I J HALF the whole slice is drawn. Labels are drawn as coloured outlines so the
// underlying HU stay visible; a small cross marks (I, J).
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "io/nifti_io.h"
#include "png_writer.h"

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: embolism_snapshot CT.nii.gz OUT.png K [I J HALF] [--mask M] [--zoom Z] [--window C W]\n";
        return 1;
    }
    std::vector<std::string> pos;
    std::optional<std::string> maskPath;
    int zoom = 3;
    double wc = 100, ww = 700;
    for (int a = 1; a < argc; ++a) {
        const std::string s = argv[a];
        if (s == "--mask" && a + 1 < argc) maskPath = argv[++a];
        else if (s == "--zoom" && a + 1 < argc) zoom = std::stoi(argv[++a]);
        else if (s == "--window" && a + 2 < argc) { wc = std::stod(argv[++a]); ww = std::stod(argv[++a]); }
        else pos.push_back(s);
    }
    try {
        const tv::CtVolume ct = tv::readNiftiCt(pos.at(0));
        std::optional<tv::LabelMap> mask;
        if (maskPath) mask = tv::readNiftiLabelsOnGrid(*maskPath, ct.geometry());
        const int k = std::stoi(pos.at(2));
        int i0 = 0, j0 = 0, i1 = ct.hu.nx() - 1, j1 = ct.hu.ny() - 1, ci = -1, cj = -1;
        if (pos.size() >= 6) {
            ci = std::stoi(pos[3]);
            cj = std::stoi(pos[4]);
            const int h = std::stoi(pos[5]);
            i0 = std::max(0, ci - h); i1 = std::min(ct.hu.nx() - 1, ci + h);
            j0 = std::max(0, cj - h); j1 = std::min(ct.hu.ny() - 1, cj + h);
        }
        const int w = (i1 - i0 + 1) * zoom, hgt = (j1 - j0 + 1) * zoom;
        std::vector<std::uint8_t> rgb(static_cast<std::size_t>(w) * hgt * 3);
        static const std::uint8_t colours[6][3] = {{255, 40, 40}, {40, 255, 40}, {60, 120, 255},
                                                   {255, 220, 0}, {255, 0, 255}, {0, 255, 255}};
        for (int y = 0; y < hgt; ++y)
            for (int x = 0; x < w; ++x) {
                const int i = i0 + x / zoom, j = j0 + y / zoom;
                const double v = (ct.hu.at(i, j, k) - (wc - ww / 2)) / ww * 255.0;
                std::uint8_t g = static_cast<std::uint8_t>(std::clamp(v, 0.0, 255.0));
                std::uint8_t r = g, gg = g, b = g;
                if (mask) {
                    const int l = mask->at(i, j, k);
                    // Outline: a labelled voxel whose 4-neighbour differs, drawn on the pixel border.
                    if (l) {
                        const bool edge = (x % zoom == 0 && (i == 0 || mask->at(i - 1, j, k) != l)) ||
                                          (x % zoom == zoom - 1 && (i + 1 >= ct.hu.nx() || mask->at(i + 1, j, k) != l)) ||
                                          (y % zoom == 0 && (j == 0 || mask->at(i, j - 1, k) != l)) ||
                                          (y % zoom == zoom - 1 && (j + 1 >= ct.hu.ny() || mask->at(i, j + 1, k) != l));
                        if (edge) {
                            const auto* c = colours[(l - 1) % 6];
                            r = c[0]; gg = c[1]; b = c[2];
                        }
                    }
                }
                if (ci >= 0 && ((i == ci && std::abs(j - cj) >= 3 && std::abs(j - cj) <= 5) ||
                                (j == cj && std::abs(i - ci) >= 3 && std::abs(i - ci) <= 5))) {
                    r = 255; gg = 255; b = 0;
                }
                auto* p = &rgb[(static_cast<std::size_t>(y) * w + x) * 3];
                p[0] = r; p[1] = gg; p[2] = b;
            }
        tvtest::writePngRgb(pos.at(1), w, hgt, rgb);
    } catch (const std::exception& e) {
        std::cerr << "embolism_snapshot: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
