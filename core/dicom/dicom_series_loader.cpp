#include "dicom/dicom_series_loader.h"

#include <tbb/parallel_for.h>

#include <atomic>
#include <map>
#include <mutex>

#include "dicom/dicom_codecs.h"
#include "dicom/dicom_header.h"
#include "dicom/dicom_pixel_decoder.h"
#include "dicom/series_geometry.h"
#include "util/errors.h"

namespace tv {
namespace {

std::string skippedNote(const std::vector<SkippedFile>& skipped) {
    if (skipped.empty()) return {};
    std::string note = " [" + std::to_string(skipped.size()) + " file(s) of the series could not be read: ";
    for (std::size_t n = 0; n < skipped.size() && n < 3; ++n) note += (n ? "; " : "") + skipped[n].reason;
    if (skipped.size() > 3) note += "; ...";
    return note + "]";
}

/// arrangeSlices, with unreadable files of the series added to a geometry error: a truncated file
/// in the middle of a stack shows up as a missing slice, and the user needs to know why.
SliceArrangement arrange(const std::vector<DicomImageHeader>& headers, const std::vector<SkippedFile>& skipped) {
    try {
        return arrangeSlices(headers);
    } catch (const InconsistentSeriesError& e) {
        if (skipped.empty()) throw;
        throw InconsistentSeriesError(e.what() + skippedNote(skipped));
    }
}

std::vector<DicomImageHeader> readSeriesHeaders(const SeriesSummary& series, std::vector<SkippedFile>& skipped,
                                                ProgressSink& progress, const CancelToken& cancel) {
    if (series.files.empty())
        throw InvalidArgumentError("series " + series.seriesInstanceUid + " has no image files to load");
    if (series.headers && series.headers->size() == series.files.size()) return *series.headers;
    std::vector<DicomImageHeader> headers =
        readHeadersParallel(series.files, skipped, progress, cancel, "Reading DICOM headers");
    if (headers.empty())
        throw UnreadableFileError(series.files.front().string(),
                                  "none of the " + std::to_string(series.files.size()) + " files of series " +
                                      series.seriesInstanceUid + " could be read (first: " + skipped.front().reason + ")");
    return headers;
}

void requireDecodable(const std::vector<DicomImageHeader>& headers) {
    for (const auto& h : headers)
        if (!canDecodeTransferSyntax(h.transferSyntaxUid))
            throw UnsupportedEncodingError(unsupportedTransferSyntaxMessage(h.path.string(), h.transferSyntaxUid));
}

VolumeInfo infoFrom(const DicomImageHeader& h) {
    VolumeInfo info;
    info.patientName = h.patientName;
    info.patientId = h.patientId;
    info.studyDate = h.studyDate;
    info.studyDescription = h.studyDescription;
    info.seriesDescription = h.seriesDescription;
    info.seriesInstanceUid = h.seriesInstanceUid;
    info.studyInstanceUid = h.studyInstanceUid;
    info.modality = h.modality;
    info.manufacturer = h.manufacturer;
    info.convolutionKernel = h.convolutionKernel;
    info.sourcePath = h.path.parent_path().string();
    return info;
}

}  // namespace

ImageGeometry readCtSeriesGeometry(const SeriesSummary& series, SeriesLoadReport* report, ProgressSink& progress,
                                   const CancelToken& cancel) {
    std::vector<SkippedFile> skipped;
    const std::vector<DicomImageHeader> headers = readSeriesHeaders(series, skipped, progress, cancel);
    SliceArrangement arrangement = arrange(headers, skipped);
    if (report) {
        report->skipped.insert(report->skipped.end(), skipped.begin(), skipped.end());
        report->warnings.insert(report->warnings.end(), arrangement.warnings.begin(), arrangement.warnings.end());
    }
    return arrangement.geometry;
}

CtVolume loadCtSeries(const SeriesSummary& series, ProgressSink& progress, const CancelToken& cancel,
                      SeriesLoadReport* report) {
    ensureDicomCodecsRegistered();
    std::vector<SkippedFile> skipped;
    std::vector<DicomImageHeader> headers = readSeriesHeaders(series, skipped, progress, cancel);
    requireDecodable(headers);
    SliceArrangement arrangement = arrange(headers, skipped);

    CtVolume ct;
    ct.hu = Image<std::int16_t>(arrangement.geometry);
    const std::size_t nz = arrangement.order.size();
    std::vector<std::string> failure(nz);  // per slice: why its file could not be decoded
    std::atomic<std::size_t> done{0};
    const std::string stage = "Decoding " + std::to_string(nz) + " DICOM slices";
    progress.report(0.0, stage);
    tbb::parallel_for(std::size_t{0}, nz, [&](std::size_t k) {
        cancel.throwIfCancelled();
        try {
            decodeSliceToHu(headers[arrangement.order[k]], ct.hu.slice(static_cast<int>(k)));
        } catch (const UnreadableFileError& e) {
            failure[k] = reasonWithoutPath(e.what(), headers[arrangement.order[k]].path);  // truncated or corrupt pixel data: handled below, never garbage
        }
        progress.report(static_cast<double>(++done) / static_cast<double>(nz), stage);
    });
    cancel.throwIfCancelled();

    // Files whose pixel data proved unreadable are dropped and the stack re-checked: at either end
    // the volume simply gets shorter; inside it is a missing slice, reported as such.
    std::vector<std::size_t> bad;
    for (std::size_t k = 0; k < nz; ++k)
        if (!failure[k].empty()) bad.push_back(k);
    if (!bad.empty()) {
        if (bad.size() == nz)
            throw UnreadableFileError(headers[arrangement.order[0]].path.string(),
                                      "no slice of series " + series.seriesInstanceUid + " could be decoded: " + failure[0]);
        std::map<std::size_t, std::size_t> sliceOfHeader;  // header index -> decoded slice k
        std::vector<DicomImageHeader> kept;
        for (std::size_t k = 0; k < nz; ++k) {
            const std::size_t h = arrangement.order[k];
            if (failure[k].empty()) {
                sliceOfHeader[kept.size()] = k;
                kept.push_back(headers[h]);
            } else {
                skipped.push_back({headers[h].path, failure[k]});
            }
        }
        SliceArrangement again = arrange(kept, skipped);
        CtVolume shorter;
        shorter.hu = Image<std::int16_t>(again.geometry);
        const std::size_t sliceVoxels = static_cast<std::size_t>(again.geometry.size[0]) * again.geometry.size[1];
        for (std::size_t k = 0; k < again.order.size(); ++k) {
            const std::int16_t* src = ct.hu.slice(static_cast<int>(sliceOfHeader.at(again.order[k])));
            std::copy(src, src + sliceVoxels, shorter.hu.slice(static_cast<int>(k)));
        }
        ct.hu = std::move(shorter.hu);
        arrangement.warnings.insert(arrangement.warnings.end(), again.warnings.begin(), again.warnings.end());
        arrangement.order = again.order;
        headers = std::move(kept);
    }

    ct.info = infoFrom(headers[arrangement.order.front()]);
    if (report) {
        report->skipped.insert(report->skipped.end(), skipped.begin(), skipped.end());
        report->warnings.insert(report->warnings.end(), arrangement.warnings.begin(), arrangement.warnings.end());
    }
    return ct;
}

}  // namespace tv
