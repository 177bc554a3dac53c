// oblique_section_probe: renders the plane across a vessel axis through one voxel (trilinear HU), as
// PNG, with the truth outline, and prints the section's lumen / dark / calcium areas. For arteries
// that run in the axial plane, where the fine pass's axial slice cuts them lengthwise. Usage:
//   oblique_section_probe CT.nii.gz OUT.png I J K AX AY AZ [--truth T.nii.gz] [--half MM] [--step MM]
//                         [--window C W] [--threshold HU]
// (AX, AY, AZ): the axis in patient LPS (the validation JSON's axis_lps).
#include <algorithm>
#include <cmath>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "embolism/oblique_defects.h"
#include "io/nifti_io.h"
#include "png_writer.h"

namespace {
double trilinear(const tv::CtVolume& ct, const Eigen::Vector3d& v) {
    const int i = static_cast<int>(std::floor(v.x())), j = static_cast<int>(std::floor(v.y())), k = static_cast<int>(std::floor(v.z()));
    const double fx = v.x() - i, fy = v.y() - j, fz = v.z() - k;
    double s = 0;
    for (int c = 0; c < 2; ++c)
        for (int b = 0; b < 2; ++b)
            for (int a = 0; a < 2; ++a) {
                const int ii = std::clamp(i + a, 0, ct.hu.nx() - 1), jj = std::clamp(j + b, 0, ct.hu.ny() - 1), kk = std::clamp(k + c, 0, ct.hu.nz() - 1);
                s += (a ? fx : 1 - fx) * (b ? fy : 1 - fy) * (c ? fz : 1 - fz) * ct.hu.at(ii, jj, kk);
            }
    return s;
}
}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> pos;
    std::optional<std::string> truthPath;
    double half = 12, step = 0.25, wc = 200, ww = 700, thr = 234, closingMm = 2.0;
    int zoom = 4;
    for (int a = 1; a < argc; ++a) {
        const std::string s = argv[a];
        if (s == "--truth" && a + 1 < argc) truthPath = argv[++a];
        else if (s == "--half" && a + 1 < argc) half = std::stod(argv[++a]);
        else if (s == "--step" && a + 1 < argc) step = std::stod(argv[++a]);
        else if (s == "--closing" && a + 1 < argc) closingMm = std::stod(argv[++a]);
        else if (s == "--zoom" && a + 1 < argc) zoom = std::stoi(argv[++a]);
        else if (s == "--threshold" && a + 1 < argc) thr = std::stod(argv[++a]);
        else if (s == "--window" && a + 2 < argc) { wc = std::stod(argv[++a]); ww = std::stod(argv[++a]); }
        else pos.push_back(s);
    }
    if (pos.size() < 8) {
        std::cerr << "usage: oblique_section_probe CT.nii.gz OUT.png I J K AX AY AZ [--truth T] [--half MM] [--step MM] [--window C W] [--threshold HU] [--zoom Z] [--closing MM]\n";
        return 1;
    }
    try {
        const tv::CtVolume ct = tv::readNiftiCt(pos[0]);
        std::optional<tv::LabelMap> truth;
        if (truthPath) truth = tv::readNiftiLabelsOnGrid(*truthPath, ct.geometry());
        const tv::ImageGeometry& g = ct.geometry();
        const Eigen::Vector3d centreVox(std::stod(pos[2]), std::stod(pos[3]), std::stod(pos[4]));
        const Eigen::Vector3d c = g.voxelToPatient(centreVox);
        const Eigen::Vector3d axis = Eigen::Vector3d(std::stod(pos[5]), std::stod(pos[6]), std::stod(pos[7])).normalized();
        // In-plane unit vectors: u in the axial plane (across the vessel, horizontal), v = axis x u.
        Eigen::Vector3d u = axis.cross(Eigen::Vector3d::UnitZ());
        if (u.norm() < 1e-6) u = Eigen::Vector3d::UnitX();
        u.normalize();
        const Eigen::Vector3d v = axis.cross(u).normalized();
        const int n = static_cast<int>(std::round(2 * half / step)) + 1;
        std::vector<std::uint8_t> rgb(static_cast<std::size_t>(n) * n * 3);
        int lumen = 0, truthPx = 0, truthDark = 0, calcium = 0;
        std::vector<int> lab(static_cast<std::size_t>(n) * n, 0);
        std::vector<double> hu(lab.size());
        for (int y = 0; y < n; ++y)
            for (int x = 0; x < n; ++x) {
                const Eigen::Vector3d p = c + (x * step - half) * u + (half - y * step) * v;  // v up
                const Eigen::Vector3d vox = g.patientToVoxel(p);
                const std::size_t s = static_cast<std::size_t>(y) * n + x;
                hu[s] = trilinear(ct, vox);
                if (truth) {
                    const int i = static_cast<int>(std::lround(vox.x())), j = static_cast<int>(std::lround(vox.y())), k = static_cast<int>(std::lround(vox.z()));
                    if (i >= 0 && j >= 0 && k >= 0 && i < ct.hu.nx() && j < ct.hu.ny() && k < ct.hu.nz()) lab[s] = truth->at(i, j, k);
                }
            }
        for (int y = 0; y < n; ++y)
            for (int x = 0; x < n; ++x) {
                const std::size_t s = static_cast<std::size_t>(y) * n + x;
                const std::uint8_t gr = static_cast<std::uint8_t>(std::clamp((hu[s] - (wc - ww / 2)) / ww * 255.0, 0.0, 255.0));
                std::uint8_t r = gr, gg = gr, b = gr;
                const bool in = hu[s] >= thr;
                lumen += in && hu[s] <= 900;
                calcium += hu[s] > 900;
                if (lab[s]) {
                    ++truthPx;
                    truthDark += !in;
                    const bool edge = (x > 0 && lab[s - 1] != lab[s]) || (x + 1 < n && lab[s + 1] != lab[s]) || (y > 0 && lab[s - n] != lab[s]) ||
                                      (y + 1 < n && lab[s + n] != lab[s]);
                    if (edge) { r = 40; gg = 255; b = 40; }
                }
                if (hu[s] > 900) { r = 255; gg = 60; b = 60; }
                if ((x == n / 2 && std::abs(y - n / 2) <= 2) || (y == n / 2 && std::abs(x - n / 2) <= 2)) { r = 255; gg = 255; b = 0; }
                auto* q = &rgb[s * 3];
                q[0] = r; q[1] = gg; q[2] = b;
            }
        // The fine pass's deficit test in this plane: the closing of the lumen (a disk of closingMm), the
        // dark samples it covers, and the 4-connected deficit holding the centre (or, failing that, the
        // one holding most truth samples): its area, truth share and outline enclosure.
        {
            const int r = static_cast<int>(std::round(closingMm / step));
            std::vector<std::uint8_t> lum(hu.size());
            for (std::size_t s = 0; s < hu.size(); ++s) lum[s] = hu[s] >= thr;
            const std::vector<std::uint8_t> clo = tv::closePlaneWithDisk(lum, n, r);
            std::vector<std::uint8_t> def(hu.size());
            for (std::size_t s = 0; s < hu.size(); ++s) def[s] = clo[s] && !lum[s];
            std::vector<int> lbl(hu.size(), 0);
            int count = 0;
            std::vector<int> area{0}, truthN{0}, faces{0}, lumenFaces{0};
            for (std::size_t st = 0; st < hu.size(); ++st) {
                if (!def[st] || lbl[st]) continue;
                ++count;
                area.push_back(0); truthN.push_back(0); faces.push_back(0); lumenFaces.push_back(0);
                std::vector<std::size_t> stack{st};
                lbl[st] = count;
                while (!stack.empty()) {
                    const std::size_t s = stack.back();
                    stack.pop_back();
                    ++area[count];
                    truthN[count] += lab[s] != 0;
                    const int x = static_cast<int>(s % n), y = static_cast<int>(s / n);
                    const int nb[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
                    for (const auto& d : nb) {
                        const int xx = x + d[0], yy = y + d[1];
                        if (xx < 0 || yy < 0 || xx >= n || yy >= n) continue;
                        const std::size_t q = static_cast<std::size_t>(yy) * n + xx;
                        if (def[q]) { if (!lbl[q]) { lbl[q] = count; stack.push_back(q); } continue; }
                        ++faces[count];
                        lumenFaces[count] += lum[q] != 0;
                    }
                }
            }
            int pick = lbl[static_cast<std::size_t>(n / 2) * n + n / 2];
            if (!pick)
                for (int l = 1; l <= count; ++l)
                    if (truthN[l] > (pick ? truthN[pick] : 0)) pick = l;
            if (pick)
                std::cout << "closing " << closingMm << " mm: deficit " << area[pick] * step * step << " mm2 (truth " << truthN[pick] * step * step << " mm2), enclosure "
                          << (faces[pick] ? double(lumenFaces[pick]) / faces[pick] : 0.0) << " (" << faces[pick] - lumenFaces[pick] << " open faces)\n";
            else
                std::cout << "closing " << closingMm << " mm: no deficit at the centre or on the truth\n";
        }
        std::vector<std::uint8_t> big(static_cast<std::size_t>(n) * zoom * n * zoom * 3);
        for (int y = 0; y < n * zoom; ++y)
            for (int x = 0; x < n * zoom; ++x)
                for (int ch = 0; ch < 3; ++ch)
                    big[(static_cast<std::size_t>(y) * n * zoom + x) * 3 + ch] = rgb[(static_cast<std::size_t>(y / zoom) * n + x / zoom) * 3 + ch];
        tvtest::writePngRgb(pos[1], n * zoom, n * zoom, big);
        const double a = step * step;
        // The dark (below threshold) 4-connected component holding the centre sample: its area,
        // whether it reaches the window's edge, and the share of its outline faces that are lumen.
        {
            std::vector<int> comp(hu.size(), 0);
            std::vector<std::size_t> stack{static_cast<std::size_t>(n / 2) * n + n / 2};
            int area = 0, faces = 0, lumenFaces = 0, truthIn = 0;
            bool edge = false;
            if (hu[stack.back()] < thr) comp[stack.back()] = 1; else stack.clear();
            while (!stack.empty()) {
                const std::size_t s = stack.back();
                stack.pop_back();
                ++area;
                truthIn += lab[s] != 0;
                const int x = static_cast<int>(s % n), y = static_cast<int>(s / n);
                if (x == 0 || y == 0 || x == n - 1 || y == n - 1) { edge = true; continue; }
                for (const std::size_t q : {s - 1, s + 1, s - n, s + n}) {
                    if (hu[q] >= thr) { ++faces; lumenFaces += hu[q] <= 900; continue; }
                    if (!comp[q]) { comp[q] = 1; stack.push_back(q); }
                }
            }
            std::cout << "centre dark component " << area * a << " mm2 (truth " << truthIn * a << "), reaches edge " << edge
                      << ", lumen faces " << lumenFaces << "/" << faces << " = " << (faces ? double(lumenFaces) / faces : 0.0) << "\n";
        }
        std::cout << "axis " << axis.transpose() << " u " << u.transpose() << " v " << v.transpose() << " (v up in the PNG, u right)\n"
                  << "window " << 2 * half << " mm, lumen (>= " << thr << ", <= 900) " << lumen * a << " mm2, calcium " << calcium * a
                  << " mm2, truth " << truthPx * a << " mm2 (below threshold " << truthDark * a << ")\n";
    } catch (const std::exception& e) {
        std::cerr << "oblique_section_probe: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
