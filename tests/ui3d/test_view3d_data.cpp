// 3D view: the parts that need no display (preset tables, level-of-detail volume).
#include <catch2/catch.hpp>

#include <vtkColorTransferFunction.h>
#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkPiecewiseFunction.h>
#include <vtkVolumeProperty.h>

#include <cmath>

#include "util/errors.h"
#include "view3d/volume_presets.h"
#include "view3d/vtk_volume_image.h"

namespace {

double opacityAt(const char* preset, double hu) {
    vtkNew<vtkVolumeProperty> p;
    tvui::applyPreset(tvui::volumePreset(preset), p);
    return p->GetScalarOpacity()->GetValue(hu);
}

}  // namespace

TEST_CASE("3D presets: lungs, vessels, bone with their HU bands", "[ui3d]") {
    REQUIRE(tvui::volumePresets().size() == 3);
    CHECK(tvui::volumePresets()[0].id == "lungs");
    CHECK(tvui::volumePresets()[1].id == "vessels");
    CHECK(tvui::volumePresets()[2].id == "bone");
    CHECK_THROWS_AS(tvui::volumePreset("mediastinum"), tv::InvalidArgumentError);

    // Air (outside the body, airways) is transparent in every preset, else the view is a grey box.
    for (const char* id : {"lungs", "vessels", "bone"}) CHECK(opacityAt(id, -1000) == 0.0);
    // Lungs: the lung/vessel/airway-wall band is visible; soft tissue and bone are not.
    CHECK(opacityAt("lungs", -450) > 0.15);
    CHECK(opacityAt("lungs", 40) == 0.0);
    CHECK(opacityAt("lungs", 700) == 0.0);
    // Vessels: enhanced blood (+150..+600) visible, unenhanced soft tissue and clot (<= +100) not,
    // bone faint.
    CHECK(opacityAt("vessels", 100) == 0.0);
    CHECK(opacityAt("vessels", 160) > 0.1);
    CHECK(opacityAt("vessels", 400) > 0.4);
    CHECK(opacityAt("vessels", 1200) < 0.2);
    // Bone: bone (+300..+2000) visible, enhanced blood of a venous phase (+150) not.
    CHECK(opacityAt("bone", 150) == 0.0);
    CHECK(opacityAt("bone", 700) > 0.5);
    CHECK(opacityAt("bone", 1500) > 0.9);

    // Points are in ascending HU order (VTK would reorder silently; the tables are documentation).
    for (const tvui::VolumePreset& p : tvui::volumePresets()) {
        for (std::size_t i = 1; i < p.opacity.size(); ++i) CHECK(p.opacity[i].hu > p.opacity[i - 1].hu);
        for (std::size_t i = 1; i < p.color.size(); ++i) CHECK(p.color[i].hu > p.color[i - 1].hu);
    }
}

TEST_CASE("LOD volume: block averages on the same patient positions", "[ui3d]") {
    tv::ImageGeometry g;
    g.size = {64, 48, 10};
    g.spacing = {0.5, 0.5, 3.0};
    g.origin = {-10.0, 20.0, 5.0};
    g.direction << 1, 0, 0, 0, -1, 0, 0, 0, 1;
    tv::CtVolume ct;
    ct.hu = tv::Image<std::int16_t>(g);
    // A ramp along i: block averages are exactly predictable.
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) ct.hu.at(i, j, k) = static_cast<std::int16_t>(10 * i);

    // 30720 voxels to about 3000: the 3 mm axis must stay, in-plane blocks grow.
    const tv::Index3 b = tvui::lodBlockSize(g, 3000);
    CHECK(b[2] == 1);
    CHECK(b[0] == b[1]);
    CHECK(b[0] >= 3);
    vtkSmartPointer<vtkImageData> lod = tvui::downsampleForLod(ct, 3000);
    int dims[3];
    lod->GetDimensions(dims);
    CHECK(dims[0] == (64 + b[0] - 1) / b[0]);
    CHECK(dims[2] == 10);
    const auto* v = static_cast<const std::int16_t*>(lod->GetScalarPointer(0, 0, 0));
    // First block covers i = 0..b-1: mean 10 * (b-1)/2 (integer division truncates).
    CHECK(v[0] == static_cast<std::int16_t>(10 * (b[0] - 1) / 2));

    // The LOD voxel (0,0,0) sits at the centre of its block in patient space: place it with the same
    // user matrix as the full-resolution image and compare with voxelToPatient.
    double pos[3];
    lod->GetPoint(0, pos);
    vtkSmartPointer<vtkMatrix4x4> m = tvui::indexFrameToPatient(g);
    const double in[4] = {pos[0], pos[1], pos[2], 1.0};
    double out[4];
    m->MultiplyPoint(in, out);
    const Eigen::Vector3d expected = g.voxelToPatient(Eigen::Vector3d((b[0] - 1) / 2.0, (b[1] - 1) / 2.0, 0.0));
    CHECK(out[0] == Approx(expected.x()).margin(1e-9));
    CHECK(out[1] == Approx(expected.y()).margin(1e-9));
    CHECK(out[2] == Approx(expected.z()).margin(1e-9));

    // A small volume is not reduced at all.
    CHECK(tvui::lodBlockSize(g, 1'000'000) == tv::Index3{1, 1, 1});
}
