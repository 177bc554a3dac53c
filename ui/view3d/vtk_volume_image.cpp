#include "view3d/vtk_volume_image.h"

#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkPointData.h>
#include <vtkShortArray.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <thread>
#include <vector>

#include "view3d/body_clip.h"

namespace tvui {

namespace {

template <typename ArrayT, typename T>
vtkSmartPointer<vtkImageData> wrapBuffer(const tv::Image<T>& image, const char* name) {
    const tv::ImageGeometry& g = image.geometry();
    auto array = vtkSmartPointer<ArrayT>::New();
    array->SetName(name);
    // save = 1: VTK must not free the buffer, which belongs to the core image. The const_cast is
    // safe because mapper and filter inputs are read-only in VTK.
    array->SetArray(const_cast<T*>(image.data()), static_cast<vtkIdType>(image.voxelCount()), 1);
    auto out = vtkSmartPointer<vtkImageData>::New();
    out->SetDimensions(g.size[0], g.size[1], g.size[2]);
    out->SetSpacing(g.spacing.x(), g.spacing.y(), g.spacing.z());
    out->SetOrigin(0.0, 0.0, 0.0);
    out->GetPointData()->SetScalars(array);
    return out;
}

}  // namespace

vtkSmartPointer<vtkImageData> wrapHu(const tv::CtVolume& ct) {
    return wrapBuffer<vtkShortArray>(ct.hu, "HU");
}

vtkSmartPointer<vtkImageData> wrapLabels(const tv::LabelMap& labels) {
    return wrapBuffer<vtkUnsignedCharArray>(labels, "labels");
}

vtkSmartPointer<vtkMatrix4x4> indexFrameToPatient(const tv::ImageGeometry& geometry) {
    auto m = vtkSmartPointer<vtkMatrix4x4>::New();
    m->Identity();
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c) m->SetElement(r, c, geometry.direction(r, c));
        m->SetElement(r, 3, geometry.origin(r));
    }
    return m;
}

tv::Index3 lodBlockSize(const tv::ImageGeometry& geometry, std::size_t targetVoxels) {
    tv::Index3 block{1, 1, 1};
    const double voxels = static_cast<double>(geometry.voxelCount());
    if (targetVoxels == 0 || voxels <= static_cast<double>(targetVoxels)) return block;
    // Common target spacing s so that the extent volume / s^3 is about targetVoxels.
    const Eigen::Vector3d extent = geometry.spacing.cwiseProduct(
        Eigen::Vector3d(geometry.size[0], geometry.size[1], geometry.size[2]));
    const double s = std::cbrt(extent.prod() / static_cast<double>(targetVoxels));
    for (int a = 0; a < 3; ++a)
        block[a] = std::max(1, static_cast<int>(std::lround(s / geometry.spacing(a))));
    // Rounding can leave the count above the target: grow the largest-spacing-deficit axis.
    auto count = [&]() {
        double n = 1;
        for (int a = 0; a < 3; ++a) n *= std::ceil(geometry.size[a] / static_cast<double>(block[a]));
        return n;
    };
    while (count() > 1.25 * static_cast<double>(targetVoxels)) {
        int best = 0;
        for (int a = 1; a < 3; ++a)
            if (block[a] * geometry.spacing(a) < block[best] * geometry.spacing(best)) best = a;
        ++block[best];
    }
    return block;
}

namespace {

// Runs f(k0, k1) on slice ranges split over the cores.
template <typename F>
void forSlices(int slices, F&& f) {
    const int threads =
        std::max(1, std::min<int>(slices, static_cast<int>(std::thread::hardware_concurrency())));
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(f, slices * t / threads, slices * (t + 1) / threads);
    for (std::thread& th : pool) th.join();
}

// Slice k of `ct` as the render copies see it: the HU buffer itself, or with `body`, a copy in
// `scratch` with the voxels outside the body at kOutsideBodyHu.
const std::int16_t* clippedSlice(const tv::CtVolume& ct, const tv::LabelMap* body, int k,
                                 std::vector<std::int16_t>& scratch) {
    const std::int16_t* s = ct.hu.slice(k);
    if (!body) return s;
    const std::size_t sxy = static_cast<std::size_t>(ct.hu.nx()) * ct.hu.ny();
    const std::uint8_t* m = body->slice(k);
    scratch.resize(sxy);
    for (std::size_t n = 0; n < sxy; ++n) scratch[n] = m[n] ? s[n] : kOutsideBodyHu;
    return scratch.data();
}

vtkSmartPointer<vtkImageData> newImageLike(const tv::ImageGeometry& g) {
    auto out = vtkSmartPointer<vtkImageData>::New();
    out->SetDimensions(g.size[0], g.size[1], g.size[2]);
    out->SetSpacing(g.spacing.x(), g.spacing.y(), g.spacing.z());
    out->SetOrigin(0.0, 0.0, 0.0);
    out->AllocateScalars(VTK_SHORT, 1);
    return out;
}

}  // namespace

vtkSmartPointer<vtkImageData> clippedForRendering(const tv::CtVolume& ct, const tv::LabelMap& body) {
    const tv::ImageGeometry& g = ct.geometry();
    auto out = newImageLike(g);
    auto* dst = static_cast<std::int16_t*>(out->GetScalarPointer());
    forSlices(g.size[2], [&](int k0, int k1) {
        for (std::size_t n = ct.hu.offset(0, 0, k0); n < ct.hu.offset(0, 0, k1); ++n) dst[n] = clippedHu(ct, &body, n);
    });
    return out;
}

vtkSmartPointer<vtkImageData> smoothedForRendering(const tv::CtVolume& ct, const tv::LabelMap* body) {
    const tv::ImageGeometry& g = ct.geometry();
    auto out = newImageLike(g);
    auto* dst = static_cast<std::int16_t*>(out->GetScalarPointer());
    const int nx = g.size[0], ny = g.size[1];
    forSlices(g.size[2], [&](int k0, int k1) {
        // Edges replicate the border voxel.
        std::vector<std::int32_t> tmp(static_cast<std::size_t>(nx) * ny);
        std::vector<std::int16_t> scratch;
        for (int k = k0; k < k1; ++k) {
            const std::int16_t* s = clippedSlice(ct, body, k, scratch);
            for (int j = 0; j < ny; ++j) {
                const std::int16_t* r = s + static_cast<std::size_t>(j) * nx;
                std::int32_t* t = tmp.data() + static_cast<std::size_t>(j) * nx;
                for (int i = 0; i < nx; ++i)
                    t[i] = r[std::max(0, i - 1)] + 2 * r[i] + r[std::min(nx - 1, i + 1)];
            }
            std::int16_t* d = dst + ct.hu.offset(0, 0, k);
            for (int j = 0; j < ny; ++j) {
                const std::int32_t* a = tmp.data() + static_cast<std::size_t>(std::max(0, j - 1)) * nx;
                const std::int32_t* b = tmp.data() + static_cast<std::size_t>(j) * nx;
                const std::int32_t* c = tmp.data() + static_cast<std::size_t>(std::min(ny - 1, j + 1)) * nx;
                std::int16_t* row = d + static_cast<std::size_t>(j) * nx;
                for (int i = 0; i < nx; ++i) {
                    const std::int32_t v = a[i] + 2 * b[i] + c[i];  // sum of weights 16
                    row[i] = static_cast<std::int16_t>((v + (v >= 0 ? 8 : -8)) / 16);
                }
            }
        }
    });
    return out;
}

vtkSmartPointer<vtkImageData> downsampleForLod(const tv::CtVolume& ct, std::size_t targetVoxels,
                                               const tv::LabelMap* body) {
    const tv::ImageGeometry& g = ct.geometry();
    const tv::Index3 f = lodBlockSize(g, targetVoxels);
    const tv::Index3 n{(g.size[0] + f[0] - 1) / f[0], (g.size[1] + f[1] - 1) / f[1],
                       (g.size[2] + f[2] - 1) / f[2]};
    auto out = vtkSmartPointer<vtkImageData>::New();
    out->SetDimensions(n[0], n[1], n[2]);
    // Each output voxel sits at the centre of its (full) block in the index-scaled frame.
    out->SetSpacing(g.spacing.x() * f[0], g.spacing.y() * f[1], g.spacing.z() * f[2]);
    out->SetOrigin(g.spacing.x() * (f[0] - 1) / 2.0, g.spacing.y() * (f[1] - 1) / 2.0,
                   g.spacing.z() * (f[2] - 1) / 2.0);
    out->AllocateScalars(VTK_SHORT, 1);
    auto* dst = static_cast<std::int16_t*>(out->GetScalarPointer());

    // Output slices are independent: split them over the cores (the 3D view's first frame waits
    // for this).
    auto work = [&](int k0, int k1) {
        std::vector<std::int32_t> sum(static_cast<std::size_t>(n[0]));
        std::vector<std::int32_t> cnt(static_cast<std::size_t>(n[0]));
        std::vector<std::vector<std::int16_t>> scratch(static_cast<std::size_t>(f[2]));
        std::vector<const std::int16_t*> slices(static_cast<std::size_t>(f[2]));
        for (int ko = k0; ko < k1; ++ko) {
            for (int k = ko * f[2]; k < std::min(g.size[2], (ko + 1) * f[2]); ++k)
                slices[k - ko * f[2]] = clippedSlice(ct, body, k, scratch[k - ko * f[2]]);
            for (int jo = 0; jo < n[1]; ++jo) {
                std::fill(sum.begin(), sum.end(), 0);
                std::fill(cnt.begin(), cnt.end(), 0);
                for (int k = ko * f[2]; k < std::min(g.size[2], (ko + 1) * f[2]); ++k)
                    for (int j = jo * f[1]; j < std::min(g.size[1], (jo + 1) * f[1]); ++j) {
                        const std::int16_t* row = slices[k - ko * f[2]] + ct.hu.offset(0, j, 0);
                        for (int io = 0; io < n[0]; ++io) {
                            const int i1 = std::min(g.size[0], (io + 1) * f[0]);
                            std::int32_t s = 0;
                            for (int i = io * f[0]; i < i1; ++i) s += row[i];
                            sum[static_cast<std::size_t>(io)] += s;
                            cnt[static_cast<std::size_t>(io)] += i1 - io * f[0];
                        }
                    }
                std::int16_t* out_row = dst + (static_cast<std::size_t>(ko) * n[1] + jo) * n[0];
                for (int io = 0; io < n[0]; ++io)
                    out_row[io] = static_cast<std::int16_t>(sum[io] / std::max(1, cnt[io]));
            }
        }
    };
    forSlices(n[2], work);
    return out;
}

}  // namespace tvui
