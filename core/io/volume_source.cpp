#include "io/volume_source.h"

#include <algorithm>
#include <sstream>

#include "dicom/dicom_header.h"
#include "dicom/dicom_scan.h"
#include "io/nifti_io.h"
#include "util/errors.h"

namespace fs = std::filesystem;

namespace tv {
namespace {

std::string describe(const SeriesSummary& s) {
    std::ostringstream out;
    out << s.seriesInstanceUid << " (" << s.modality << ", " << s.imageCount() << " images";
    if (!s.seriesDescription.empty()) out << ", \"" << s.seriesDescription << "\"";
    out << ")";
    return out.str();
}

std::string listSeries(const std::vector<const SeriesSummary*>& series) {
    std::string out;
    for (const auto* s : series) out += "\n  " + describe(*s);
    return out;
}

const SeriesSummary& chooseSeries(const DicomScanResult& scan, const fs::path& path,
                                  const std::optional<std::string>& seriesUid) {
    std::vector<const SeriesSummary*> all, ct;
    for (const auto& s : scan.series) {
        all.push_back(&s);
        if (s.modality == "CT") ct.push_back(&s);
    }
    if (all.empty()) {
        std::string why = "no DICOM images found";
        if (!scan.skipped.empty())
            why += " (" + std::to_string(scan.skipped.size()) + " file(s) skipped; first: " +
                   scan.skipped.front().path.string() + ": " + scan.skipped.front().reason + ")";
        throw UnreadableFileError(path.string(), why);
    }
    if (seriesUid) {
        for (const auto* s : all)
            if (s->seriesInstanceUid == *seriesUid) return *s;
        throw InvalidArgumentError(path.string() + ": no series with SeriesInstanceUID " + *seriesUid +
                                   "; series found:" + listSeries(all));
    }
    if (ct.size() == 1) return *ct.front();
    // A single non-CT series is handed to the loader, whose modality error names its files.
    if (all.size() == 1) return *all.front();
    if (ct.empty())
        throw InconsistentSeriesError(path.string() + ": no CT series found; expected a CT series, found:" +
                                      listSeries(all));
    throw InvalidArgumentError(path.string() + ": " + std::to_string(ct.size()) +
                               " CT series found; choose one by SeriesInstanceUID (--series UID):" + listSeries(ct));
}

void noteScanSkips(const DicomScanResult& scan, SeriesLoadReport* report) {
    if (report) report->skipped.insert(report->skipped.end(), scan.skipped.begin(), scan.skipped.end());
}

}  // namespace

CtVolume loadVolume(const fs::path& path, const std::optional<std::string>& seriesUid, ProgressSink& progress,
                    const CancelToken& cancel, SeriesLoadReport* report) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw UnreadableFileError(path.string(), "no such file or folder");
    if (fs::is_regular_file(path, ec) && isNiftiPath(path)) {
        if (seriesUid)
            throw InvalidArgumentError(path.string() + ": a NIfTI file holds one volume; --series applies to DICOM only");
        CtVolume ct = readNiftiCt(path);
        ct.info.sourcePath = path.string();
        return ct;
    }

    std::optional<std::string> uid = seriesUid;
    fs::path root = path;
    if (fs::is_regular_file(path, ec) && path.filename() != "DICOMDIR") {
        // One DICOM file stands for its series: load that series from the file's folder.
        const DicomImageHeader h = readDicomImageHeader(path);
        if (uid && *uid != h.seriesInstanceUid)
            throw InvalidArgumentError(path.string() + " belongs to series " + h.seriesInstanceUid + ", not " + *uid);
        if (!h.seriesInstanceUid.empty()) uid = h.seriesInstanceUid;
        root = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    }
    const DicomScanResult scan = scanDicom(root, progress, cancel);
    const SeriesSummary& series = chooseSeries(scan, path, uid);
    noteScanSkips(scan, report);
    CtVolume ct;
    try {
        ct = loadCtSeries(series, progress, cancel, report);
    } catch (const InconsistentSeriesError& e) {
        // Files the scan could not read may be the missing slices: say so.
        if (scan.skipped.empty()) throw;
        std::string note = std::string(e.what()) + " [" + std::to_string(scan.skipped.size()) +
                           " file(s) in " + root.string() + " could not be read as DICOM images, first: " +
                           scan.skipped.front().path.string() + ": " + scan.skipped.front().reason + "]";
        throw InconsistentSeriesError(note);
    }
    ct.info.sourcePath = path.string();
    return ct;
}

}  // namespace tv
