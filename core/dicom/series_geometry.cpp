#include "dicom/series_geometry.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "util/errors.h"

namespace tv {
namespace {

constexpr std::size_t kMaxFilesNamed = 5;

std::string fileList(const std::vector<const DicomImageHeader*>& files) {
    std::ostringstream out;
    for (std::size_t n = 0; n < files.size() && n < kMaxFilesNamed; ++n) out << (n ? ", " : "") << files[n]->path.string();
    if (files.size() > kMaxFilesNamed) out << " and " << files.size() - kMaxFilesNamed << " more";
    return out.str();
}

std::string vec(const Eigen::Vector3d& v, int precision = 4) {
    std::ostringstream out;
    out.precision(precision);
    out << "(" << v.x() << ", " << v.y() << ", " << v.z() << ")";
    return out.str();
}

void checkModality(const std::vector<DicomImageHeader>& headers) {
    std::vector<const DicomImageHeader*> notCt;
    for (const auto& h : headers)
        if (h.modality != "CT") notCt.push_back(&h);
    if (notCt.empty()) return;
    throw InconsistentSeriesError(seriesLabel(headers.front()) + ": modality " + notCt.front()->modality +
                                  " in " + std::to_string(notCt.size()) + " of " + std::to_string(headers.size()) +
                                  " files (" + fileList(notCt) + "); expected CT (only CT volumes in Hounsfield "
                                  "units are loaded)");
}

void checkPixelModule(const std::vector<DicomImageHeader>& headers) {
    for (const auto& h : headers) {
        requireVolumeTags(h);
        if (h.numberOfFrames != 1)
            throw UnsupportedEncodingError(h.path.string() + ": multi-frame image (" + std::to_string(h.numberOfFrames) +
                                           " frames); expected one frame per file (classic CT Image Storage)");
        if (h.samplesPerPixel != 1)
            throw UnsupportedEncodingError(h.path.string() + ": SamplesPerPixel " + std::to_string(h.samplesPerPixel) +
                                           " (" + h.photometricInterpretation + "); expected 1 (grayscale CT)");
        if (h.bitsAllocated != 8 && h.bitsAllocated != 16)
            throw UnsupportedEncodingError(h.path.string() + ": BitsAllocated " + std::to_string(h.bitsAllocated) +
                                           "; expected 8 or 16");
    }
}

void checkSameSize(const std::vector<DicomImageHeader>& headers) {
    const auto& ref = headers.front();
    std::vector<const DicomImageHeader*> differ;
    for (const auto& h : headers)
        if (h.rows != ref.rows || h.columns != ref.columns) differ.push_back(&h);
    if (differ.empty()) return;
    std::ostringstream msg;
    msg << seriesLabel(ref) << ": inconsistent image size: " << differ.front()->path.string() << " is "
        << differ.front()->columns << "x" << differ.front()->rows << " (columns x rows) but " << ref.path.string()
        << " is " << ref.columns << "x" << ref.rows << "; expected one size for all " << headers.size()
        << " slices (" << differ.size() << " differ: " << fileList(differ) << ")";
    throw InconsistentSeriesError(msg.str());
}

void checkSameOrientation(const std::vector<DicomImageHeader>& headers, double tol) {
    const auto& ref = headers.front();
    const auto& o = *ref.orientation;
    const Eigen::Vector3d r(o[0], o[1], o[2]), c(o[3], o[4], o[5]);
    if (std::abs(r.norm() - 1) > 0.01 || std::abs(c.norm() - 1) > 0.01 || std::abs(r.dot(c)) > 0.01)
        throw InconsistentSeriesError(ref.path.string() + ": ImageOrientationPatient (0020,0037) row " + vec(r) +
                                      " and column " + vec(c) + " are not two perpendicular unit vectors");
    std::vector<const DicomImageHeader*> differ;
    for (const auto& h : headers)
        for (std::size_t n = 0; n < 6; ++n)
            if (std::abs((*h.orientation)[n] - o[n]) > tol) {
                differ.push_back(&h);
                break;
            }
    if (differ.empty()) return;
    const auto& d = *differ.front()->orientation;
    std::ostringstream msg;
    msg << seriesLabel(ref) << ": inconsistent orientation: " << differ.front()->path.string()
        << " has ImageOrientationPatient " << d[0] << "\\" << d[1] << "\\" << d[2] << "\\" << d[3] << "\\" << d[4]
        << "\\" << d[5] << " but " << ref.path.string() << " has " << o[0] << "\\" << o[1] << "\\" << o[2] << "\\"
        << o[3] << "\\" << o[4] << "\\" << o[5] << "; expected the same orientation (within " << tol << ") for all "
        << headers.size() << " slices (" << differ.size() << " differ: " << fileList(differ) << ")";
    throw InconsistentSeriesError(msg.str());
}

void checkSamePixelSpacing(const std::vector<DicomImageHeader>& headers, double tol) {
    const auto& ref = headers.front();
    const auto& s = *ref.pixelSpacing;
    if (!(s[0] > 0) || !(s[1] > 0))
        throw InconsistentSeriesError(ref.path.string() + ": PixelSpacing (0028,0030) " + std::to_string(s[0]) + "\\" +
                                      std::to_string(s[1]) + "; expected two positive values in mm");
    std::vector<const DicomImageHeader*> differ;
    for (const auto& h : headers)
        if (std::abs((*h.pixelSpacing)[0] - s[0]) > tol || std::abs((*h.pixelSpacing)[1] - s[1]) > tol)
            differ.push_back(&h);
    if (differ.empty()) return;
    const auto& d = *differ.front()->pixelSpacing;
    std::ostringstream msg;
    msg << seriesLabel(ref) << ": inconsistent pixel spacing: " << differ.front()->path.string() << " has PixelSpacing "
        << d[0] << "\\" << d[1] << " mm but " << ref.path.string() << " has " << s[0] << "\\" << s[1]
        << " mm; expected the same pixel spacing (within " << tol << " mm) for all " << headers.size() << " slices ("
        << differ.size() << " differ: " << fileList(differ) << ")";
    throw InconsistentSeriesError(msg.str());
}

Eigen::Vector3d position(const DicomImageHeader& h) {
    return {(*h.position)[0], (*h.position)[1], (*h.position)[2]};
}

double median(std::vector<double> v) {
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    if (v.size() % 2 == 1) return *mid;
    return 0.5 * (*mid + *std::max_element(v.begin(), mid));
}

}  // namespace

SliceArrangement arrangeSlices(const std::vector<DicomImageHeader>& headers, const SliceStackTolerances& tol) {
    if (headers.empty()) throw InvalidArgumentError("arrangeSlices: a series needs at least one image");
    checkModality(headers);
    checkPixelModule(headers);
    checkSameSize(headers);
    checkSameOrientation(headers, tol.orientation);
    checkSamePixelSpacing(headers, tol.pixelSpacingMm);

    const auto& ref = headers.front();
    const auto& o = *ref.orientation;
    const Eigen::Vector3d row = Eigen::Vector3d(o[0], o[1], o[2]).normalized();  // direction of increasing column i
    const Eigen::Vector3d col = Eigen::Vector3d(o[3], o[4], o[5]).normalized();  // direction of increasing row j
    const Eigen::Vector3d normal = row.cross(col).normalized();

    SliceArrangement out;
    const std::size_t n = headers.size();
    std::vector<double> along(n);
    for (std::size_t s = 0; s < n; ++s) along[s] = position(headers[s]).dot(normal);
    out.order.resize(n);
    std::iota(out.order.begin(), out.order.end(), std::size_t{0});
    // Position along the normal decides; the path only breaks exact ties so the result is repeatable.
    std::sort(out.order.begin(), out.order.end(), [&](std::size_t a, std::size_t b) {
        if (along[a] != along[b]) return along[a] < along[b];
        return headers[a].path < headers[b].path;
    });

    const auto& first = headers[out.order.front()];
    const auto at = [&](std::size_t k) -> const DicomImageHeader& { return headers[out.order[k]]; };
    const auto alongAt = [&](std::size_t k) { return along[out.order[k]]; };

    // Duplicates first: they would also distort the median step used below.
    for (std::size_t k = 0; k + 1 < n; ++k) {
        if (alongAt(k + 1) - alongAt(k) < tol.duplicateMm) {
            std::ostringstream msg;
            msg << seriesLabel(ref) << ": duplicate slice position: " << at(k).path.string() << " and "
                << at(k + 1).path.string() << " both lie at " << alongAt(k) << " mm along the slice normal "
                << vec(normal) << " (ImagePositionPatient " << vec(position(at(k))) << " and "
                << vec(position(at(k + 1))) << "); expected one image per position";
            throw InconsistentSeriesError(msg.str());
        }
    }

    // Gantry tilt (or a sheared stack): positions must advance along the normal only. The largest
    // in-plane drift relative to the first slice is compared with a fraction of a pixel.
    const double minPixel = std::min((*ref.pixelSpacing)[0], (*ref.pixelSpacing)[1]);
    double worstShift = 0;
    std::size_t worstK = 0;
    for (std::size_t k = 1; k < n; ++k) {
        const Eigen::Vector3d d = position(at(k)) - position(first);
        const double shift = (d - d.dot(normal) * normal).norm();
        if (shift > worstShift) {
            worstShift = shift;
            worstK = k;
        }
    }
    if (worstShift > tol.inPlaneShiftPixels * minPixel) {
        const Eigen::Vector3d d = position(at(worstK)) - position(first);
        const double angle = std::atan2(worstShift, std::abs(d.dot(normal))) * 180.0 / M_PI;
        std::ostringstream msg;
        msg.precision(4);
        msg << seriesLabel(ref) << ": gantry tilt or sheared slice stack: from " << first.path.string() << " to "
            << at(worstK).path.string() << " the position moves " << worstShift << " mm within the image plane over "
            << std::abs(d.dot(normal)) << " mm along the slice normal (about " << angle
            << " degrees); expected positions along the slice normal " << vec(normal)
            << " (row x column direction cosines), within " << tol.inPlaneShiftPixels << " pixel";
        throw InconsistentSeriesError(msg.str());
    }

    double sliceSpacing = 0;
    if (n == 1) {
        sliceSpacing = ref.sliceThickness.value_or(1.0);
        out.warnings.push_back(ref.path.string() + ": single-image series; slice spacing taken from SliceThickness (" +
                               std::to_string(sliceSpacing) + " mm)");
        if (!(sliceSpacing > 0)) sliceSpacing = 1.0;
    } else {
        std::vector<double> steps(n - 1);
        for (std::size_t k = 0; k + 1 < n; ++k) steps[k] = alongAt(k + 1) - alongAt(k);
        const double med = median(steps);
        for (std::size_t k = 0; k + 1 < n; ++k) {
            if (steps[k] > tol.missingSliceFactor * med) {
                std::ostringstream msg;
                msg << seriesLabel(ref) << ": missing slice: gap of " << steps[k] << " mm between "
                    << at(k).path.string() << " (at " << alongAt(k) << " mm along the normal) and "
                    << at(k + 1).path.string() << " (at " << alongAt(k + 1) << " mm); expected steps of " << med
                    << " mm (the median step; gaps over " << tol.missingSliceFactor << "x the median mean missing "
                    << "images, about " << std::lround(steps[k] / med) - 1 << " here)";
                throw InconsistentSeriesError(msg.str());
            }
        }
        const double allowed = std::max(tol.spacingAbsoluteMm, tol.spacingRelative * med);
        for (std::size_t k = 0; k + 1 < n; ++k) {
            if (std::abs(steps[k] - med) > allowed) {
                std::ostringstream msg;
                msg << seriesLabel(ref) << ": inconsistent slice spacing: step of " << steps[k] << " mm between "
                    << at(k).path.string() << " and " << at(k + 1).path.string() << "; expected " << med
                    << " mm (the median step) within " << allowed << " mm";
                throw InconsistentSeriesError(msg.str());
            }
        }
        sliceSpacing = (alongAt(n - 1) - alongAt(0)) / static_cast<double>(n - 1);
        if (ref.sliceThickness && std::abs(*ref.sliceThickness - sliceSpacing) > allowed) {
            std::ostringstream w;
            w << "SliceThickness " << *ref.sliceThickness << " mm differs from the spacing between slice positions ("
              << sliceSpacing << " mm); the spacing from positions is used";
            out.warnings.push_back(w.str());
        }
    }

    ImageGeometry& g = out.geometry;
    g.size = {ref.columns, ref.rows, static_cast<int>(n)};
    // PixelSpacing is (row spacing, column spacing): the distance between rows is the step along j.
    g.spacing = {(*ref.pixelSpacing)[1], (*ref.pixelSpacing)[0], sliceSpacing};
    g.origin = position(first);
    g.direction.col(0) = row;
    g.direction.col(1) = col;
    g.direction.col(2) = normal;
    return out;
}

}  // namespace tv
