#include "synthetic_dicom.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmjpeg/djencode.h>
#include <dcmtk/dcmjpls/djencode.h>

#include <cmath>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace tvtest {
namespace {

void check(const OFCondition& c, const std::string& what) {
    if (c.bad()) throw std::runtime_error("synthetic DICOM writer: " + what + ": " + c.text());
}

std::string newUid() {
    char buf[100];
    dcmGenerateUniqueIdentifier(buf, SITE_INSTANCE_UID_ROOT);
    return buf;
}

std::string ds(double v) {
    std::ostringstream out;
    out.precision(10);
    out << v;
    return out.str();
}

void registerEncoders() {
    static std::once_flag once;
    std::call_once(once, [] {
        DJEncoderRegistration::registerCodecs();
        DJLSEncoderRegistration::registerCodecs();
        DcmRLEEncoderRegistration::registerCodecs();
    });
}

E_TransferSyntax xferOf(Encoding e) {
    switch (e) {
        case Encoding::ExplicitLittle: return EXS_LittleEndianExplicit;
        case Encoding::ImplicitLittle: return EXS_LittleEndianImplicit;
        case Encoding::ExplicitBig: return EXS_BigEndianExplicit;
        case Encoding::JpegLossless: return EXS_JPEGProcess14SV1;
        case Encoding::JpegLs: return EXS_JPEGLSLossless;
        case Encoding::Rle: return EXS_RLELossless;
        case Encoding::Mpeg2Unsupported: return EXS_MPEG2MainProfileAtMainLevel;
    }
    return EXS_LittleEndianExplicit;
}

}  // namespace

Eigen::Vector3d normalOf(const SeriesSpec& spec) { return spec.rowDirection.cross(spec.columnDirection).normalized(); }

std::int32_t storedValue(const SeriesSpec& spec, int i, int j, int k) {
    const std::int64_t raw = i + static_cast<std::int64_t>(spec.columns) * (j + static_cast<std::int64_t>(spec.rows) * k);
    const std::int64_t range = std::int64_t{1} << spec.bitsStored;
    std::int64_t v = raw % range;
    if (spec.signedPixels) v -= range / 2;  // covers negative values, exercising sign extension
    return static_cast<std::int32_t>(v);
}

std::int16_t expectedHu(const SeriesSpec& spec, int i, int j, int k) {
    return static_cast<std::int16_t>(std::nearbyint(spec.slope * storedValue(spec, i, j, k) + spec.intercept));
}

std::vector<SliceSpec> planSeries(const fs::path& dir, SeriesSpec& spec) {
    if (spec.studyUid.empty()) spec.studyUid = newUid();
    if (spec.seriesUid.empty()) spec.seriesUid = newUid();
    fs::create_directories(dir);
    const Eigen::Vector3d n = normalOf(spec);
    std::vector<SliceSpec> slices;
    for (int k = 0; k < spec.slices; ++k) {
        SliceSpec s;
        char name[64];
        std::snprintf(name, sizeof name, "%s%02d.dcm", spec.filePrefix.c_str(), k);
        s.file = dir / name;
        s.k = k;
        s.position = spec.origin + k * spec.sliceStep * n;
        s.orientation = {spec.rowDirection.x(), spec.rowDirection.y(), spec.rowDirection.z(),
                         spec.columnDirection.x(), spec.columnDirection.y(), spec.columnDirection.z()};
        s.pixelSpacing = {spec.rowSpacing, spec.columnSpacing};
        s.modality = spec.modality;
        s.instanceNumber = k + 1;
        slices.push_back(s);
    }
    return slices;
}

void writeSlices(const SeriesSpec& spec, const std::vector<SliceSpec>& slices) {
    registerEncoders();
    const int highBit = spec.bitsStored - 1;
    for (const auto& s : slices) {
        DcmFileFormat ff;
        DcmDataset& d = *ff.getDataset();
        const std::string sopUid = newUid();
        check(d.putAndInsertString(DCM_SOPClassUID, UID_CTImageStorage), "SOPClassUID");
        check(d.putAndInsertString(DCM_SOPInstanceUID, sopUid.c_str()), "SOPInstanceUID");
        check(d.putAndInsertString(DCM_StudyInstanceUID, spec.studyUid.c_str()), "StudyInstanceUID");
        check(d.putAndInsertString(DCM_SeriesInstanceUID, spec.seriesUid.c_str()), "SeriesInstanceUID");
        check(d.putAndInsertString(DCM_Modality, s.modality.c_str()), "Modality");
        check(d.putAndInsertString(DCM_PatientName, "Synthetic^Phantom"), "PatientName");
        check(d.putAndInsertString(DCM_PatientID, "SYN001"), "PatientID");
        check(d.putAndInsertString(DCM_StudyDate, "20240101"), "StudyDate");
        check(d.putAndInsertString(DCM_StudyID, "1"), "StudyID");
        check(d.putAndInsertString(DCM_SeriesDescription, spec.description.c_str()), "SeriesDescription");
        check(d.putAndInsertString(DCM_SeriesNumber, std::to_string(spec.seriesNumber).c_str()), "SeriesNumber");
        check(d.putAndInsertString(DCM_InstanceNumber, std::to_string(s.instanceNumber).c_str()), "InstanceNumber");
        if (s.writePosition) {
            const std::string pos = ds(s.position.x()) + "\\" + ds(s.position.y()) + "\\" + ds(s.position.z());
            check(d.putAndInsertString(DCM_ImagePositionPatient, pos.c_str()), "ImagePositionPatient");
        }
        std::string iop;
        for (std::size_t n = 0; n < 6; ++n) {
            if (n) iop.append("\\");
            iop.append(ds(s.orientation[n]));
        }
        check(d.putAndInsertString(DCM_ImageOrientationPatient, iop.c_str()), "ImageOrientationPatient");
        check(d.putAndInsertString(DCM_PixelSpacing, (ds(s.pixelSpacing[0]) + "\\" + ds(s.pixelSpacing[1])).c_str()),
              "PixelSpacing");
        check(d.putAndInsertString(DCM_SliceThickness, ds(spec.sliceStep).c_str()), "SliceThickness");
        check(d.putAndInsertString(DCM_RescaleSlope, ds(spec.slope).c_str()), "RescaleSlope");
        check(d.putAndInsertString(DCM_RescaleIntercept, ds(spec.intercept).c_str()), "RescaleIntercept");
        check(d.putAndInsertUint16(DCM_SamplesPerPixel, 1), "SamplesPerPixel");
        check(d.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2"), "Photometric");
        check(d.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(spec.rows)), "Rows");
        check(d.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(spec.columns)), "Columns");
        check(d.putAndInsertUint16(DCM_BitsAllocated, 16), "BitsAllocated");
        check(d.putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(spec.bitsStored)), "BitsStored");
        check(d.putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(highBit)), "HighBit");
        check(d.putAndInsertUint16(DCM_PixelRepresentation, spec.signedPixels ? 1 : 0), "PixelRepresentation");

        const E_TransferSyntax xfer = xferOf(spec.encoding);
        if (spec.encoding == Encoding::Mpeg2Unsupported) {
            // Encapsulated pixel data this loader cannot decode: an empty offset table and one fragment.
            auto* pixel = new DcmPixelData(DCM_PixelData);
            auto* seq = new DcmPixelSequence(DCM_PixelSequenceTag);
            seq->insert(new DcmPixelItem(DCM_PixelItemTag));
            auto* fragment = new DcmPixelItem(DCM_PixelItemTag);
            std::vector<Uint8> bytes(64, 0x5a);
            check(fragment->putUint8Array(bytes.data(), static_cast<unsigned long>(bytes.size())), "fragment");
            seq->insert(fragment);
            pixel->putOriginalRepresentation(xfer, nullptr, seq);
            check(d.insert(pixel), "PixelData");
        } else {
            std::vector<Uint16> words(static_cast<std::size_t>(spec.rows) * spec.columns);
            const Uint16 mask = static_cast<Uint16>(spec.bitsStored >= 16 ? 0xffff : ((1u << spec.bitsStored) - 1u));
            for (int j = 0; j < spec.rows; ++j)
                for (int i = 0; i < spec.columns; ++i) {
                    const auto v = static_cast<Uint16>(storedValue(spec, i, j, s.k)) & mask;
                    words[static_cast<std::size_t>(j) * spec.columns + i] =
                        static_cast<Uint16>(v | (spec.bitsStored < 16 ? (spec.unusedHighBits & ~mask) : 0));
                }
            check(d.putAndInsertUint16Array(DCM_PixelData, words.data(), static_cast<unsigned long>(words.size())),
                  "PixelData");
            if (DcmXfer(xfer).isEncapsulated()) check(d.chooseRepresentation(xfer, nullptr), "compress");
        }
        check(ff.saveFile(OFFilename(s.file.c_str()), xfer), "save " + s.file.string());
    }
}

std::vector<SliceSpec> writeSeries(const fs::path& dir, SeriesSpec& spec) {
    auto slices = planSeries(dir, spec);
    writeSlices(spec, slices);
    return slices;
}

}  // namespace tvtest
