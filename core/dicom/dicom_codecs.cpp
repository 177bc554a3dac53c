#include "dicom/dicom_codecs.h"

#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/oflog/oflog.h>

#include <mutex>

namespace tv {

void ensureDicomCodecsRegistered() {
    static std::once_flag once;
    std::call_once(once, [] {
        // DCMTK prints parser warnings for every odd file it meets; the scan and the loader turn
        // real problems into exceptions and skip lists, so its console chatter is noise.
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        DJDecoderRegistration::registerCodecs();    // JPEG baseline, extended, lossless (SV1 and NH)
        DJLSDecoderRegistration::registerCodecs();  // JPEG-LS lossless and near-lossless
        DcmRLEDecoderRegistration::registerCodecs();
        // The registries are never cleaned up: decoders stay valid until process exit, so a late
        // worker thread can never find them gone.
    });
}

std::string transferSyntaxName(const std::string& uid) {
    const DcmXfer xfer(uid.c_str());
    if (xfer.getXfer() == EXS_Unknown) return uid;
    return xfer.getXferName();
}

bool isJpeg2000TransferSyntax(const std::string& uid) {
    return uid == "1.2.840.10008.1.2.4.90" || uid == "1.2.840.10008.1.2.4.91";
}

bool canDecodeTransferSyntax(const std::string& uid) {
    const DcmXfer xfer(uid.c_str());
    switch (xfer.getXfer()) {
        case EXS_LittleEndianImplicit:
        case EXS_LittleEndianExplicit:
        case EXS_BigEndianExplicit:
        case EXS_DeflatedLittleEndianExplicit:
        case EXS_JPEGProcess1:
        case EXS_JPEGProcess2_4:
        case EXS_JPEGProcess14:
        case EXS_JPEGProcess14SV1:
        case EXS_JPEGLSLossless:
        case EXS_JPEGLSLossy:
        case EXS_RLELossless:
            return true;
        default:
            break;
    }
    // JPEG 2000 goes to OpenJPEG (dicom/jpeg2000_decoder.h), not to DCMTK.
    return isJpeg2000TransferSyntax(uid);
}

}  // namespace tv
