#include "io/series_info_json.h"

#include <cstdio>
#include <sstream>

#include "dicom/dicom_codecs.h"
#include "dicom/dicom_scan.h"
#include "dicom/dicom_series_loader.h"
#include "io/nifti_io.h"
#include "util/errors.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace tv {
namespace {

json geometryJson(const ImageGeometry& g) {
    json direction = json::array();
    for (int c = 0; c < 3; ++c)
        for (int r = 0; r < 3; ++r) direction.push_back(g.direction(r, c));
    return {{"size", {g.size[0], g.size[1], g.size[2]}},
            {"spacing_mm", {g.spacing.x(), g.spacing.y(), g.spacing.z()}},
            {"origin_lps_mm", {g.origin.x(), g.origin.y(), g.origin.z()}},
            {"direction", direction}};
}

json skippedJson(const std::vector<SkippedFile>& skipped) {
    json out = json::array();
    for (const auto& s : skipped) out.push_back({{"path", s.path.string()}, {"reason", s.reason}});
    return out;
}

json describeNifti(const fs::path& path) {
    const CtVolume ct = readNiftiCt(path);
    json series = {{"series_instance_uid", ""},
                   {"study_instance_uid", ""},
                   {"modality", ""},
                   {"description", path.filename().string()},
                   {"study_description", ""},
                   {"series_number", 0},
                   {"images", ct.hu.nz()},
                   {"rows", ct.hu.ny()},
                   {"columns", ct.hu.nx()},
                   {"transfer_syntaxes", json::array()},
                   {"decodable", true},
                   {"geometry", geometryJson(ct.geometry())},
                   {"warnings", json::array()}};
    return {{"path", path.string()}, {"format", "nifti"}, {"series", json::array({series})}, {"skipped", json::array()}};
}

json describeDicomSeries(const SeriesSummary& s, std::vector<SkippedFile>& skipped) {
    json syntaxes = json::array(), names = json::array();
    bool decodable = true;
    for (const auto& uid : s.transferSyntaxUids) {
        syntaxes.push_back(uid);
        names.push_back(transferSyntaxName(uid));
        decodable = decodable && canDecodeTransferSyntax(uid);
    }
    json out = {{"series_instance_uid", s.seriesInstanceUid},
                {"study_instance_uid", s.studyInstanceUid},
                {"modality", s.modality},
                {"description", s.seriesDescription},
                {"study_description", s.studyDescription},
                {"series_number", s.seriesNumber},
                {"images", s.imageCount()},
                {"rows", s.rows},
                {"columns", s.columns},
                {"transfer_syntaxes", syntaxes},
                {"transfer_syntax_names", names},
                {"decodable", decodable},
                {"geometry", nullptr},
                {"warnings", json::array()}};
    if (s.modality != "CT") {
        out["geometry_error"] = "modality " + s.modality + ": geometry is reported for CT series only";
        return out;
    }
    try {
        SeriesLoadReport report;
        out["geometry"] = geometryJson(readCtSeriesGeometry(s, &report));
        for (const auto& w : report.warnings) out["warnings"].push_back(w);
        skipped.insert(skipped.end(), report.skipped.begin(), report.skipped.end());
    } catch (const CancelledError&) {
        throw;
    } catch (const Error& e) {
        out["geometry_error"] = e.what();
    }
    return out;
}

std::string formatNumber(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

}  // namespace

json describeSeriesAt(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw UnreadableFileError(path.string(), "no such file or folder");
    if (fs::is_regular_file(path, ec) && isNiftiPath(path)) return describeNifti(path);
    DicomScanResult scan = scanDicom(path);
    json series = json::array();
    for (const auto& s : scan.series) series.push_back(describeDicomSeries(s, scan.skipped));
    return {{"path", path.string()}, {"format", "dicom"}, {"series", series}, {"skipped", skippedJson(scan.skipped)}};
}

std::string formatSeriesTable(const json& info) {
    std::ostringstream out;
    const auto& series = info.at("series");
    out << info.at("path").get<std::string>() << ": " << series.size() << " series ("
        << info.at("format").get<std::string>() << ")\n";
    int n = 0;
    for (const auto& s : series) {
        out << "\n[" << ++n << "] " << s.at("modality").get<std::string>() << "  " << s.at("images").get<int>()
            << " images  " << s.at("columns").get<int>() << "x" << s.at("rows").get<int>() << "  \""
            << s.at("description").get<std::string>() << "\"\n";
        if (!s.at("series_instance_uid").get<std::string>().empty())
            out << "    series UID: " << s.at("series_instance_uid").get<std::string>() << "\n";
        if (s.contains("transfer_syntax_names") && !s["transfer_syntax_names"].empty()) {
            out << "    encoding:   ";
            for (std::size_t t = 0; t < s["transfer_syntax_names"].size(); ++t)
                out << (t ? ", " : "") << s["transfer_syntax_names"][t].get<std::string>();
            out << (s.at("decodable").get<bool>() ? "" : "  (cannot be decoded by this build)") << "\n";
        }
        if (!s.at("geometry").is_null()) {
            const auto& g = s["geometry"];
            out << "    volume:     " << g["size"][0].get<int>() << "x" << g["size"][1].get<int>() << "x"
                << g["size"][2].get<int>() << " voxels, spacing " << formatNumber(g["spacing_mm"][0], 4) << " x "
                << formatNumber(g["spacing_mm"][1], 4) << " x " << formatNumber(g["spacing_mm"][2], 4)
                << " mm, origin (" << formatNumber(g["origin_lps_mm"][0], 2) << ", "
                << formatNumber(g["origin_lps_mm"][1], 2) << ", " << formatNumber(g["origin_lps_mm"][2], 2)
                << ") mm LPS\n";
        } else if (s.contains("geometry_error")) {
            out << "    not loadable: " << s["geometry_error"].get<std::string>() << "\n";
        }
        for (const auto& w : s.at("warnings")) out << "    warning: " << w.get<std::string>() << "\n";
    }
    const auto& skipped = info.at("skipped");
    if (!skipped.empty()) {
        out << "\n" << skipped.size() << " file(s) skipped:\n";
        for (const auto& f : skipped)
            out << "    " << f.at("path").get<std::string>() << ": " << f.at("reason").get<std::string>() << "\n";
    }
    return out.str();
}

}  // namespace tv
