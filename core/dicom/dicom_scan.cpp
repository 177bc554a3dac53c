#include "dicom/dicom_scan.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <optional>

#include "dicom/dicom_dir.h"
#include "dicom/dicom_header.h"
#include "util/errors.h"

namespace fs = std::filesystem;

namespace tv {
namespace {

bool isDicomDirName(const fs::path& p) { return p.filename() == "DICOMDIR" || p.filename() == "dicomdir"; }

/// Files to read: the DICOMDIR's references when `root` is or holds one, else every regular file
/// below `root`. Directory entries that cannot be listed become skipped entries, not failures.
std::vector<fs::path> collectFiles(const fs::path& root, std::vector<SkippedFile>& skipped, const CancelToken& cancel) {
    std::error_code ec;
    fs::path dicomdir;
    if (fs::is_regular_file(root, ec) && isDicomDirName(root)) dicomdir = root;
    else if (fs::is_directory(root, ec)) {
        for (const char* name : {"DICOMDIR", "dicomdir"})
            if (fs::is_regular_file(root / name, ec)) {
                dicomdir = root / name;
                break;
            }
    }
    if (!dicomdir.empty()) {
        try {
            DicomDirListing listing = readDicomDir(dicomdir);
            skipped.insert(skipped.end(), listing.missing.begin(), listing.missing.end());
            if (!listing.files.empty()) return listing.files;
            skipped.push_back({dicomdir, "DICOMDIR references no images; the folder was searched instead"});
        } catch (const UnreadableFileError& e) {
            skipped.push_back({dicomdir, std::string(e.what()) + "; the folder was searched instead"});
        }
    }
    if (fs::is_regular_file(root, ec)) return {root};

    std::vector<fs::path> files;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) throw UnreadableFileError(root.string(), "cannot list folder: " + ec.message());
    for (; it != end; it.increment(ec)) {
        if (ec) {
            skipped.push_back({it->path(), "cannot list: " + ec.message()});
            ec.clear();
            continue;
        }
        cancel.throwIfCancelled();
        std::error_code fec;
        if (!it->is_regular_file(fec) || isDicomDirName(it->path())) continue;
        files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

SeriesSummary summaryFrom(const DicomImageHeader& h) {
    SeriesSummary s;
    s.studyInstanceUid = h.studyInstanceUid;
    s.seriesInstanceUid = h.seriesInstanceUid;
    s.studyDescription = h.studyDescription;
    s.seriesDescription = h.seriesDescription;
    s.modality = h.modality;
    s.patientName = h.patientName;
    s.patientId = h.patientId;
    s.studyDate = h.studyDate;
    s.seriesNumber = h.seriesNumber;
    s.rows = h.rows;
    s.columns = h.columns;
    return s;
}

}  // namespace

std::vector<DicomImageHeader> readHeadersParallel(const std::vector<fs::path>& files, std::vector<SkippedFile>& skipped,
                                                  ProgressSink& progress, const CancelToken& cancel,
                                                  const std::string& stage) {
    std::vector<std::optional<DicomImageHeader>> headers(files.size());
    std::vector<std::string> errors(files.size());
    std::atomic<std::size_t> done{0};
    const std::size_t step = std::max<std::size_t>(1, files.size() / 100);
    progress.report(0.0, stage);
    tbb::parallel_for(std::size_t{0}, files.size(), [&](std::size_t n) {
        cancel.throwIfCancelled();
        try {
            headers[n] = readDicomImageHeader(files[n]);
        } catch (const UnreadableFileError& e) {
            errors[n] = reasonWithoutPath(e.what(), files[n]);
        }
        const std::size_t d = ++done;
        if (d % step == 0 || d == files.size())
            progress.report(static_cast<double>(d) / static_cast<double>(files.size()), stage);
    });
    cancel.throwIfCancelled();
    std::vector<DicomImageHeader> out;
    out.reserve(files.size());
    for (std::size_t n = 0; n < files.size(); ++n) {
        if (headers[n]) out.push_back(std::move(*headers[n]));
        else skipped.push_back({files[n], errors[n]});
    }
    return out;
}

DicomScanResult scanDicom(const fs::path& root, ProgressSink& progress, const CancelToken& cancel) {
    std::error_code ec;
    if (!fs::exists(root, ec)) throw UnreadableFileError(root.string(), "no such file or folder");
    DicomScanResult result;
    const std::vector<fs::path> files = collectFiles(root, result.skipped, cancel);
    std::vector<DicomImageHeader> headers =
        readHeadersParallel(files, result.skipped, progress, cancel, "Scanning DICOM headers");

    std::map<std::string, std::size_t> bySeries;
    std::vector<std::vector<DicomImageHeader>> seriesHeaders;
    for (auto& h : headers) {
        if (!h.hasPixelData || h.rows <= 0 || h.columns <= 0) {
            result.skipped.push_back({h.path, "not an image (no pixel data; SOP class " +
                                                  (h.sopClassUid.empty() ? std::string("unknown") : h.sopClassUid) + ")"});
            continue;
        }
        auto [it, inserted] = bySeries.try_emplace(seriesKey(h), result.series.size());
        if (inserted) {
            result.series.push_back(summaryFrom(h));
            seriesHeaders.emplace_back();
        }
        SeriesSummary& s = result.series[it->second];
        s.files.push_back(h.path);
        if (std::find(s.transferSyntaxUids.begin(), s.transferSyntaxUids.end(), h.transferSyntaxUid) ==
            s.transferSyntaxUids.end())
            s.transferSyntaxUids.push_back(h.transferSyntaxUid);
        seriesHeaders[it->second].push_back(std::move(h));
    }
    for (std::size_t n = 0; n < result.series.size(); ++n)
        result.series[n].headers = std::make_shared<const std::vector<DicomImageHeader>>(std::move(seriesHeaders[n]));
    std::sort(result.series.begin(), result.series.end(), [](const SeriesSummary& a, const SeriesSummary& b) {
        if (a.studyInstanceUid != b.studyInstanceUid) return a.studyInstanceUid < b.studyInstanceUid;
        if (a.seriesNumber != b.seriesNumber) return a.seriesNumber < b.seriesNumber;
        return a.seriesInstanceUid < b.seriesInstanceUid;
    });
    std::sort(result.skipped.begin(), result.skipped.end(),
              [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
    return result;
}

}  // namespace tv
