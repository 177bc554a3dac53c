// A DICOMDIR decides which files are scanned: referenced images only, names matched
// case-insensitively, referenced-but-missing files listed as skipped.
#include <catch2/catch.hpp>

#include <dcmtk/dcmdata/dcddirif.h>

#include "dicom/dicom_scan.h"
#include "io/volume_source.h"
#include "synthetic_dicom.h"
#include "test_support.h"

namespace fs = std::filesystem;

TEST_CASE("a DICOMDIR lists the files to scan, resolved case-insensitively", "[dicom]") {
    const auto dir = tvtest::scratchDir("dicom_dicomdir");
    tvtest::SeriesSpec spec;
    spec.slices = 6;
    auto slices = tvtest::planSeries(dir, spec);
    // DICOMDIR file IDs: at most 8 upper-case characters per component, no extension.
    for (auto& s : slices) {
        char name[16];
        std::snprintf(name, sizeof name, "IM%06d", s.k);
        s.file = dir / "DICOM" / name;
    }
    fs::create_directories(dir / "DICOM");
    tvtest::writeSlices(spec, slices);
    // A second series on disk that the DICOMDIR does not reference.
    tvtest::SeriesSpec other;
    tvtest::writeSeries(dir / "unlisted", other);

    DicomDirInterface dicomdir;
    dicomdir.enableInventMode(OFTrue);
    REQUIRE(dicomdir.createNewDicomDir(DicomDirInterface::AP_GeneralPurpose, (dir / "DICOMDIR").c_str(), "TVTEST").good());
    for (const auto& s : slices) {
        const std::string id = "DICOM/" + s.file.filename().string();
        INFO(id);
        REQUIRE(dicomdir.addDicomFile(id.c_str(), dir.c_str()).good());
    }
    REQUIRE(dicomdir.writeDicomDir().good());

    // Media copied on another system: lower-case folder name, one referenced file lost.
    fs::rename(dir / "DICOM", dir / "dicom");
    fs::remove(dir / "dicom" / "IM000005");

    const tv::DicomScanResult scan = tv::scanDicom(dir);
    REQUIRE(scan.series.size() == 1);
    CHECK(scan.series[0].seriesInstanceUid == spec.seriesUid);
    CHECK(scan.series[0].imageCount() == 5);
    REQUIRE(scan.skipped.size() == 1);
    CHECK(scan.skipped[0].path.filename() == "IM000005");
    CHECK_THAT(scan.skipped[0].reason, Catch::Contains("listed in DICOMDIR") && Catch::Contains("not found"));

    // The missing file was the last slice: the rest loads as a 5-slice volume.
    const tv::CtVolume ct = tv::loadVolume(dir);
    CHECK(ct.hu.size() == tv::Index3{32, 32, 5});
    CHECK(ct.hu.at(7, 8, 4) == tvtest::expectedHu(spec, 7, 8, 4));
}
