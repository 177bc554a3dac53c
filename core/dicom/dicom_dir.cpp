#include "dicom/dicom_dir.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcsequen.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "dicom/dicom_codecs.h"
#include "util/errors.h"

namespace fs = std::filesystem;

namespace tv {
namespace {

bool equalsIgnoreCase(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

/// `base` / components, matching each component case-insensitively when the exact one is absent.
std::optional<fs::path> resolve(const fs::path& base, const std::vector<std::string>& components) {
    fs::path p = base;
    std::error_code ec;
    for (const auto& c : components) {
        if (fs::exists(p / c, ec)) {
            p /= c;
            continue;
        }
        bool found = false;
        for (fs::directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
            if (equalsIgnoreCase(it->path().filename().string(), c)) {
                p = it->path();
                found = true;
                break;
            }
        }
        if (!found) return std::nullopt;
    }
    return p;
}

}  // namespace

DicomDirListing readDicomDir(const fs::path& dicomdirPath) {
    ensureDicomCodecsRegistered();
    DcmFileFormat ff;
    const OFCondition cond = ff.loadFile(OFFilename(dicomdirPath.c_str()));
    if (cond.bad()) throw UnreadableFileError(dicomdirPath.string(), std::string("cannot read DICOMDIR: ") + cond.text());
    DcmSequenceOfItems* records = nullptr;
    if (ff.getDataset()->findAndGetSequence(DCM_DirectoryRecordSequence, records).bad() || records == nullptr)
        throw UnreadableFileError(dicomdirPath.string(),
                                  "DICOMDIR has no DirectoryRecordSequence (0004,1220); expected a media directory");
    DicomDirListing out;
    std::set<fs::path> seen;
    const fs::path base = dicomdirPath.parent_path();
    for (unsigned long n = 0; n < records->card(); ++n) {
        DcmItem* rec = records->getItem(n);
        if (rec == nullptr) continue;
        OFString type;
        if (rec->findAndGetOFString(DCM_DirectoryRecordType, type).bad()) continue;
        // Images only; PRIVATE, SR, PRESENTATION ... records reference files that are not CT slices.
        if (type != "IMAGE") continue;
        DcmElement* id = nullptr;
        if (rec->findAndGetElement(DCM_ReferencedFileID, id).bad() || id == nullptr) continue;
        std::vector<std::string> components;
        for (unsigned long v = 0; v < id->getVM(); ++v) {
            OFString part;
            if (id->getOFString(part, v).good() && !part.empty()) components.emplace_back(part.c_str());
        }
        if (components.empty()) continue;
        fs::path display = base;
        for (const auto& c : components) display /= c;
        if (auto p = resolve(base, components)) {
            if (seen.insert(*p).second) out.files.push_back(*p);
        } else {
            out.missing.push_back({display, "listed in DICOMDIR " + dicomdirPath.string() + " but not found on disk"});
        }
    }
    return out;
}

}  // namespace tv
