#include "dicom/dicom_header.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <cstdio>
#include <sstream>

#include "dicom/dicom_codecs.h"
#include "util/errors.h"

namespace tv {
namespace {

// Elements longer than this are left on disk: everything the header needs is far shorter, while
// pixel data (hundreds of kilobytes) is skipped.
constexpr Uint32 kHeaderMaxReadLength = 4096;

std::string tagLabel(const DcmTagKey& key, const char* name) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "(%04X,%04X)", key.getGroup(), key.getElement());
    return std::string(name) + " " + buf;
}

/// Value of a string tag; empty when the tag is absent or empty. Any failure other than "not
/// found" means the element exists but cannot be read, which is reported.
std::string optionalString(DcmItem& item, const DcmTagKey& key, const char* name, const std::filesystem::path& path) {
    OFString value;
    const OFCondition cond = item.findAndGetOFStringArray(key, value);
    if (cond == EC_TagNotFound) return {};
    if (cond.bad()) throw UnreadableFileError(path.string(), "cannot read " + tagLabel(key, name) + ": " + cond.text());
    // Trailing/leading padding spaces are not part of the value.
    std::string s(value.c_str());
    const auto first = s.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

std::string requiredString(DcmItem& item, const DcmTagKey& key, const char* name, const std::filesystem::path& path) {
    std::string s = optionalString(item, key, name, path);
    if (s.empty()) throw UnreadableFileError(path.string(), "mandatory tag " + tagLabel(key, name) + " is missing or empty");
    return s;
}

/// Number of values of an element; 0 when absent or empty.
unsigned long valueCount(DcmItem& item, const DcmTagKey& key) {
    DcmElement* elem = nullptr;
    if (item.findAndGetElement(key, elem).bad() || elem == nullptr) return 0;
    if (elem->getLength() == 0) return 0;
    return elem->getVM();
}

/// Decimal-string (DS) or float values; DCMTK parses DS locale-independently (OFStandard::atof).
template <std::size_t N>
std::optional<std::array<double, N>> optionalDoubles(DcmItem& item, const DcmTagKey& key, const char* name,
                                                     const std::filesystem::path& path) {
    const unsigned long vm = valueCount(item, key);
    if (vm == 0) return std::nullopt;
    if (vm != N) {
        std::ostringstream msg;
        msg << tagLabel(key, name) << " has " << vm << " values; expected " << N;
        throw UnreadableFileError(path.string(), msg.str());
    }
    std::array<double, N> values{};
    for (std::size_t n = 0; n < N; ++n) {
        Float64 v = 0;
        const OFCondition cond = item.findAndGetFloat64(key, v, static_cast<unsigned long>(n));
        if (cond.bad())
            throw UnreadableFileError(path.string(), "cannot read value " + std::to_string(n + 1) + " of " +
                                                         tagLabel(key, name) + ": " + cond.text());
        values[n] = v;
    }
    return values;
}

std::optional<double> optionalDouble(DcmItem& item, const DcmTagKey& key, const char* name,
                                     const std::filesystem::path& path) {
    if (valueCount(item, key) == 0) return std::nullopt;
    Float64 v = 0;
    const OFCondition cond = item.findAndGetFloat64(key, v);
    if (cond.bad()) throw UnreadableFileError(path.string(), "cannot read " + tagLabel(key, name) + ": " + cond.text());
    return v;
}

/// US (unsigned short) tag; `fallback` when absent.
int optionalUint16(DcmItem& item, const DcmTagKey& key, const char* name, const std::filesystem::path& path,
                   int fallback) {
    Uint16 v = 0;
    const OFCondition cond = item.findAndGetUint16(key, v);
    if (cond == EC_TagNotFound) return fallback;
    if (cond.bad()) {
        if (valueCount(item, key) == 0) return fallback;
        throw UnreadableFileError(path.string(), "cannot read " + tagLabel(key, name) + ": " + cond.text());
    }
    return v;
}

/// IS (integer string) tag; `fallback` when absent or empty.
int optionalInteger(DcmItem& item, const DcmTagKey& key, const char* name, const std::filesystem::path& path,
                    int fallback) {
    if (valueCount(item, key) == 0) return fallback;
    Sint32 v = 0;
    const OFCondition cond = item.findAndGetSint32(key, v);
    if (cond.bad()) throw UnreadableFileError(path.string(), "cannot read " + tagLabel(key, name) + ": " + cond.text());
    return v;
}

/// Native pixel data as the last element of the file: its value occupies the file's final
/// `length` bytes. Anything else (encapsulated, undefined length, trailing elements) stays unknown.
void locateNativePixelData(DcmDataset& ds, const std::filesystem::path& path, DicomImageHeader& h) {
    if (!h.hasPixelData || DcmXfer(ds.getOriginalXfer()).isEncapsulated() || ds.card() == 0) return;
    DcmElement* last = ds.getElement(ds.card() - 1);
    if (last == nullptr || last->getTag() != DCM_PixelData) return;
    const Uint32 length = last->getLengthField();
    if (length == DCM_UndefinedLength || length == 0) return;
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec || size < length) return;
    h.fileSize = size;
    h.pixelDataLength = length;
    h.pixelDataOffset = size - length;
}

}  // namespace

DicomImageHeader headerFromDataset(DcmDataset& ds, const std::filesystem::path& path,
                                   const std::string& transferSyntaxUid) {
    DicomImageHeader h;
    h.path = path;
    h.transferSyntaxUid = transferSyntaxUid;
    h.sopClassUid = optionalString(ds, DCM_SOPClassUID, "SOPClassUID", path);
    h.sopInstanceUid = optionalString(ds, DCM_SOPInstanceUID, "SOPInstanceUID", path);
    // Study and series UIDs are type 1, but anonymisers sometimes blank them (the JPEG 2000 sample
    // data has none); the scan then groups such images by folder and frame of reference instead.
    h.studyInstanceUid = optionalString(ds, DCM_StudyInstanceUID, "StudyInstanceUID", path);
    h.seriesInstanceUid = optionalString(ds, DCM_SeriesInstanceUID, "SeriesInstanceUID", path);
    h.frameOfReferenceUid = optionalString(ds, DCM_FrameOfReferenceUID, "FrameOfReferenceUID", path);
    h.modality = requiredString(ds, DCM_Modality, "Modality", path);
    h.studyDescription = optionalString(ds, DCM_StudyDescription, "StudyDescription", path);
    h.seriesDescription = optionalString(ds, DCM_SeriesDescription, "SeriesDescription", path);
    h.patientName = optionalString(ds, DCM_PatientName, "PatientName", path);
    h.patientId = optionalString(ds, DCM_PatientID, "PatientID", path);
    h.studyDate = optionalString(ds, DCM_StudyDate, "StudyDate", path);
    h.manufacturer = optionalString(ds, DCM_Manufacturer, "Manufacturer", path);
    h.convolutionKernel = optionalString(ds, DCM_ConvolutionKernel, "ConvolutionKernel", path);
    h.seriesNumber = optionalInteger(ds, DCM_SeriesNumber, "SeriesNumber", path, 0);
    h.instanceNumber = optionalInteger(ds, DCM_InstanceNumber, "InstanceNumber", path, 0);
    h.hasPixelData = ds.tagExists(DCM_PixelData);
    h.rows = optionalUint16(ds, DCM_Rows, "Rows", path, 0);
    h.columns = optionalUint16(ds, DCM_Columns, "Columns", path, 0);
    h.numberOfFrames = optionalInteger(ds, DCM_NumberOfFrames, "NumberOfFrames", path, 1);

    h.orientation = optionalDoubles<6>(ds, DCM_ImageOrientationPatient, "ImageOrientationPatient", path);
    h.position = optionalDoubles<3>(ds, DCM_ImagePositionPatient, "ImagePositionPatient", path);
    h.pixelSpacing = optionalDoubles<2>(ds, DCM_PixelSpacing, "PixelSpacing", path);
    h.sliceThickness = optionalDouble(ds, DCM_SliceThickness, "SliceThickness", path);

    h.samplesPerPixel = optionalUint16(ds, DCM_SamplesPerPixel, "SamplesPerPixel", path, 1);
    h.photometricInterpretation =
        optionalString(ds, DCM_PhotometricInterpretation, "PhotometricInterpretation", path);
    h.bitsAllocated = optionalUint16(ds, DCM_BitsAllocated, "BitsAllocated", path, 0);
    h.bitsStored = optionalUint16(ds, DCM_BitsStored, "BitsStored", path, 0);
    h.highBit = optionalUint16(ds, DCM_HighBit, "HighBit", path, h.bitsStored - 1);
    h.pixelRepresentation = optionalUint16(ds, DCM_PixelRepresentation, "PixelRepresentation", path, 0);
    // Absent Modality LUT means stored values are already the output units (identity).
    h.rescaleSlope = optionalDouble(ds, DCM_RescaleSlope, "RescaleSlope", path).value_or(1.0);
    h.rescaleIntercept = optionalDouble(ds, DCM_RescaleIntercept, "RescaleIntercept", path).value_or(0.0);
    return h;
}

DicomImageHeader readDicomImageHeader(const std::filesystem::path& path) {
    ensureDicomCodecsRegistered();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw UnreadableFileError(path.string(), "not a readable file");
    DcmFileFormat file;
    const OFCondition cond =
        file.loadFile(OFFilename(path.c_str()), EXS_Unknown, EGL_noChange, kHeaderMaxReadLength, ERM_autoDetect);
    if (cond.bad()) throw UnreadableFileError(path.string(), std::string("not a readable DICOM file: ") + cond.text());
    DcmDataset* ds = file.getDataset();
    if (ds == nullptr || ds->card() == 0) throw UnreadableFileError(path.string(), "not a DICOM file (no data elements)");
    std::string xferUid;
    OFString metaXfer;
    if (file.getMetaInfo() != nullptr && file.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, metaXfer).good())
        xferUid = metaXfer.c_str();
    if (xferUid.empty()) xferUid = DcmXfer(ds->getOriginalXfer()).getXferID();
    DicomImageHeader h = headerFromDataset(*ds, path, xferUid);
    locateNativePixelData(*ds, path, h);
    return h;
}

std::string seriesKey(const DicomImageHeader& h) {
    if (!h.seriesInstanceUid.empty()) return h.seriesInstanceUid;
    return "(no SeriesInstanceUID)|" + h.path.parent_path().string() + "|" + h.frameOfReferenceUid + "|" +
           std::to_string(h.seriesNumber) + "|" + h.seriesDescription;
}

std::string seriesLabel(const DicomImageHeader& h) {
    if (!h.seriesInstanceUid.empty()) return "series " + h.seriesInstanceUid;
    return "series \"" + h.seriesDescription + "\" in " + h.path.parent_path().string() + " (no SeriesInstanceUID)";
}

std::string reasonWithoutPath(const std::string& message, const std::filesystem::path& path) {
    const std::string prefix = path.string() + ": ";
    if (message.compare(0, prefix.size(), prefix) == 0) return message.substr(prefix.size());
    return message;
}

void requireVolumeTags(const DicomImageHeader& h) {
    const auto missing = [&](const char* what) {
        throw UnreadableFileError(h.path.string(), std::string("mandatory tag ") + what + " is missing");
    };
    if (!h.hasPixelData) missing("PixelData (7FE0,0010)");
    if (h.rows <= 0) missing("Rows (0028,0010)");
    if (h.columns <= 0) missing("Columns (0028,0011)");
    if (!h.orientation) missing("ImageOrientationPatient (0020,0037)");
    if (!h.position) missing("ImagePositionPatient (0020,0032)");
    if (!h.pixelSpacing) missing("PixelSpacing (0028,0030)");
    if (h.bitsAllocated <= 0) missing("BitsAllocated (0028,0100)");
    if (h.bitsStored <= 0) missing("BitsStored (0028,0101)");
}

}  // namespace tv
