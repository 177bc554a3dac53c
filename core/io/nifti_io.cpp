#include "io/nifti_io.h"

#include <nifti2_io.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <sstream>

#include "image/grid_placement.h"

namespace tv {
namespace {

struct NiftiDeleter {
    void operator()(nifti_image* n) const { nifti_image_free(n); }
};
using NiftiPtr = std::unique_ptr<nifti_image, NiftiDeleter>;

// RAS (NIfTI world) <-> LPS (DICOM patient): x and y change sign.
const Eigen::Matrix3d kRasToLps = Eigen::Vector3d(-1.0, -1.0, 1.0).asDiagonal();

NiftiPtr openNifti(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path)) throw UnreadableFileError(path.string(), "file does not exist");
    nifti_set_debug_level(0);
    NiftiPtr nim(nifti_image_read(path.c_str(), 1));
    if (!nim) throw UnreadableFileError(path.string(), "not a readable NIfTI file (header or data corrupt)");
    if (!nim->data) throw UnreadableFileError(path.string(), "NIfTI image data could not be read (truncated?)");
    if (nim->nx < 1 || nim->ny < 1 || nim->nz < 1 || nim->nvox != nim->nx * nim->ny * nim->nz) {
        std::ostringstream m;
        m << "expected a 3-D scalar volume, found dimensions " << nim->dim[0] << "-D ("
          << nim->nx << "x" << nim->ny << "x" << nim->nz << "x" << nim->nt << ")";
        throw UnreadableFileError(path.string(), m.str());
    }
    return nim;
}

ImageGeometry geometryOf(const nifti_image& n) {
    ImageGeometry g;
    g.size = {static_cast<int>(n.nx), static_cast<int>(n.ny), static_cast<int>(n.nz)};
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    const nifti_dmat44* src = nullptr;
    if (n.sform_code > 0) src = &n.sto_xyz;
    else if (n.qform_code > 0) src = &n.qto_xyz;
    if (src) {
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 4; ++c) m(r, c) = src->m[r][c];
    } else {  // ANALYZE-style: spacing only, axis-aligned
        m(0, 0) = n.dx > 0 ? n.dx : 1.0;
        m(1, 1) = n.dy > 0 ? n.dy : 1.0;
        m(2, 2) = n.dz > 0 ? n.dz : 1.0;
    }
    const Eigen::Matrix3d linearLps = kRasToLps * m.topLeftCorner<3, 3>();
    for (int c = 0; c < 3; ++c) {
        const double len = linearLps.col(c).norm();
        g.spacing[c] = len > 0 ? len : 1.0;
        g.direction.col(c) = len > 0 ? Eigen::Vector3d(linearLps.col(c) / len) : Eigen::Vector3d::Unit(c);
    }
    g.origin = kRasToLps * m.topRightCorner<3, 1>();
    return g;
}

template <typename Fn>
void forEachValue(const nifti_image& n, const std::filesystem::path& path, Fn&& fn) {
    const auto count = static_cast<std::size_t>(n.nvox);
    auto loop = [&](const auto* p) {
        for (std::size_t i = 0; i < count; ++i) fn(i, static_cast<double>(p[i]));
    };
    switch (n.datatype) {
        case DT_UINT8: loop(static_cast<const std::uint8_t*>(n.data)); break;
        case DT_INT8: loop(static_cast<const std::int8_t*>(n.data)); break;
        case DT_INT16: loop(static_cast<const std::int16_t*>(n.data)); break;
        case DT_UINT16: loop(static_cast<const std::uint16_t*>(n.data)); break;
        case DT_INT32: loop(static_cast<const std::int32_t*>(n.data)); break;
        case DT_UINT32: loop(static_cast<const std::uint32_t*>(n.data)); break;
        case DT_FLOAT32: loop(static_cast<const float*>(n.data)); break;
        case DT_FLOAT64: loop(static_cast<const double*>(n.data)); break;
        default: {
            std::ostringstream m;
            m << "unsupported NIfTI datatype code " << n.datatype
              << " (expected an integer or float scalar type)";
            throw UnreadableFileError(path.string(), m.str());
        }
    }
}

void setGeometry(nifti_image& n, const ImageGeometry& g) {
    const Eigen::Affine3d v2p = g.voxelToPatient();
    Eigen::Matrix4d ras = Eigen::Matrix4d::Identity();
    ras.topLeftCorner<3, 3>() = kRasToLps * v2p.linear();
    ras.topRightCorner<3, 1>() = kRasToLps * v2p.translation();
    nifti_dmat44 m{};
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c) m.m[r][c] = ras(r, c);
    n.sform_code = NIFTI_XFORM_SCANNER_ANAT;
    n.qform_code = NIFTI_XFORM_SCANNER_ANAT;
    n.sto_xyz = m;
    n.sto_ijk = nifti_dmat44_inverse(m);
    double dx = 0, dy = 0, dz = 0;
    nifti_dmat44_to_quatern(m, &n.quatern_b, &n.quatern_c, &n.quatern_d, &n.qoffset_x, &n.qoffset_y,
                            &n.qoffset_z, &dx, &dy, &dz, &n.qfac);
    n.qto_xyz = nifti_quatern_to_dmat44(n.quatern_b, n.quatern_c, n.quatern_d, n.qoffset_x, n.qoffset_y,
                                        n.qoffset_z, g.spacing[0], g.spacing[1], g.spacing[2], n.qfac);
    n.qto_ijk = nifti_dmat44_inverse(n.qto_xyz);
    n.dx = n.pixdim[1] = g.spacing[0];
    n.dy = n.pixdim[2] = g.spacing[1];
    n.dz = n.pixdim[3] = g.spacing[2];
    n.xyz_units = NIFTI_UNITS_MM;
}

template <typename T>
void writeImage(const Image<T>& img, int datatype, const std::filesystem::path& path, const char* descrip) {
    if (img.empty()) throw InvalidArgumentError("writeNifti: refusing to write an empty image to " + path.string());
    const int64_t dims[8] = {3, img.nx(), img.ny(), img.nz(), 1, 1, 1, 1};
    NiftiPtr n(nifti_make_new_nim(dims, datatype, 0));
    if (!n) throw Error("writeNifti: could not create a NIfTI header for " + path.string());
    setGeometry(*n, img.geometry());
    std::strncpy(n->descrip, descrip, sizeof(n->descrip) - 1);
    n->scl_slope = 1.0;
    n->scl_inter = 0.0;
    n->nifti_type = NIFTI_FTYPE_NIFTI1_1;
    if (nifti_set_filenames(n.get(), path.c_str(), 0, 1) != 0)
        throw Error(path.string() + ": not a valid NIfTI file name (expected .nii or .nii.gz)");
    // The library owns `data` and frees it with the image: hand it a copy.
    n->data = std::malloc(img.byteSize());
    if (!n->data) throw Error("writeNifti: out of memory for " + path.string());
    std::memcpy(n->data, img.data(), img.byteSize());
    std::error_code ec;
    std::filesystem::remove(path, ec);
    // gzip level 1: CT label maps and HU volumes compress almost as well as at zlib's default
    // level 6, several times faster (the default dominated `analyze` and `convert -o x.nii.gz`).
    const bool gz = path.extension() == ".gz";
    if (znzFile left = nifti_image_write_hdr_img(n.get(), 1, gz ? "wb1" : "wb"); left != nullptr)
        Xznzclose(&left);
    // 348 bytes of header uncompressed; a small, mostly empty map gzips to far less than that.
    const std::uintmax_t minimumBytes = gz ? 20 : 348;
    if (!std::filesystem::exists(path) || std::filesystem::file_size(path) < minimumBytes)
        throw Error(path.string() + ": writing the NIfTI file failed (directory missing or not writable?)");
}

}  // namespace

bool isNiftiPath(const std::filesystem::path& path) {
    std::string s = path.filename().string();
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    auto ends = [&](const std::string& suf) {
        return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
    };
    return ends(".nii") || ends(".nii.gz");
}

CtVolume readNiftiCt(const std::filesystem::path& path) {
    NiftiPtr n = openNifti(path);
    CtVolume ct;
    ct.hu = Image<std::int16_t>(geometryOf(*n));
    const double slope = (n->scl_slope != 0.0 && std::isfinite(n->scl_slope)) ? n->scl_slope : 1.0;
    const double inter = std::isfinite(n->scl_inter) ? n->scl_inter : 0.0;
    auto* out = ct.hu.data();
    forEachValue(*n, path, [&](std::size_t i, double v) {
        const double hu = std::round(v * slope + inter);
        out[i] = static_cast<std::int16_t>(std::clamp(hu, -32768.0, 32767.0));
    });
    ct.info.modality = "CT";
    ct.info.sourcePath = path.string();
    ct.info.seriesDescription = n->descrip;
    return ct;
}

LabelMap readNiftiLabels(const std::filesystem::path& path) {
    NiftiPtr n = openNifti(path);
    LabelMap labels(geometryOf(*n));
    auto* out = labels.data();
    forEachValue(*n, path, [&](std::size_t i, double v) {
        if (!(v >= 0.0 && v <= 255.0) || v != std::floor(v)) {
            std::ostringstream m;
            m << "expected integer labels 0..255, found value " << v << " at voxel index " << i;
            throw UnreadableFileError(path.string(), m.str());
        }
        out[i] = static_cast<std::uint8_t>(v);
    });
    return labels;
}

namespace {
std::string gridMismatchMessage(const std::filesystem::path& path, const ImageGeometry& g, const ImageGeometry& grid) {
    std::ostringstream m;
    m << path.string() << ": mask grid " << g.size[0] << "x" << g.size[1] << "x" << g.size[2]
      << " (spacing " << g.spacing.transpose() << ", origin " << g.origin.transpose()
      << ") does not match the volume grid " << grid.size[0] << "x" << grid.size[1] << "x"
      << grid.size[2] << " (spacing " << grid.spacing.transpose() << ", origin "
      << grid.origin.transpose() << ")";
    return m.str();
}
}  // namespace

LabelMap readNiftiLabelsOnGrid(const std::filesystem::path& path, const ImageGeometry& grid) {
    LabelMap labels = readNiftiLabels(path);
    if (!labels.geometry().sameGrid(grid, 0.01))
        throw InconsistentSeriesError(gridMismatchMessage(path, labels.geometry(), grid));
    labels.setGeometry(grid);  // snap to the volume's exact numbers
    return labels;
}

PlacedLabels readNiftiLabelsPlacedOnGrid(const std::filesystem::path& path, const ImageGeometry& grid,
                                         ProgressSink& progress, const CancelToken& cancel) {
    PlacedLabels out;
    cancel.throwIfCancelled();
    progress.report(0.0, "reading " + path.filename().string());
    LabelMap labels = readNiftiLabels(path);
    cancel.throwIfCancelled();
    progress.report(0.8, "placing " + path.filename().string() + " on the volume's grid");
    if (labels.geometry().sameGrid(grid, 0.01)) {
        labels.setGeometry(grid);
        out.labels = std::move(labels);
        return out;
    }
    const std::optional<Index3> offset = wholeVoxelOffset(labels.geometry(), grid);
    if (!offset) throw InconsistentSeriesError(gridMismatchMessage(path, labels.geometry(), grid));
    try {
        out.labels = placeOnGrid(labels, grid, *offset);
    } catch (const InvalidArgumentError&) {
        throw InconsistentSeriesError(gridMismatchMessage(path, labels.geometry(), grid) +
                                      ": same voxel lattice, but the mask does not overlap the volume");
    }
    out.replaced = true;
    out.offsetVoxels = *offset;
    return out;
}

void writeNifti(const CtVolume& volume, const std::filesystem::path& path) {
    writeImage(volume.hu, DT_INT16, path, "ThromboView CT (HU)");
}

void writeNifti(const LabelMap& labels, const std::filesystem::path& path) {
    writeImage(labels, DT_UINT8, path, "ThromboView label map");
}

}  // namespace tv
