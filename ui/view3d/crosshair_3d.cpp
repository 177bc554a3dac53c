#include "view3d/crosshair_3d.h"

#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>

namespace tvui {

Crosshair3D::Crosshair3D() {
    vtkNew<vtkPolyDataMapper> lineMapper;
    lineMapper->SetInputData(lines_);
    lineMapper->SetScalarModeToUseCellData();
    linesActor_->SetMapper(lineMapper);
    linesActor_->GetProperty()->SetLineWidth(2.0);
    linesActor_->GetProperty()->SetLighting(false);

    vtkNew<vtkPolyDataMapper> dotMapper;
    dotMapper->SetInputData(dot_);
    dotActor_->SetMapper(dotMapper);
    dotActor_->GetProperty()->SetPointSize(9.0);
    dotActor_->GetProperty()->SetRenderPointsAsSpheres(true);
    dotActor_->GetProperty()->SetColor(1.0, 0.9, 0.2);
    dotActor_->GetProperty()->SetLighting(false);
    // Nothing to show until a geometry arrives.
    linesActor_->SetVisibility(false);
    dotActor_->SetVisibility(false);
}

Crosshair3D::~Crosshair3D() = default;

vtkActor* Crosshair3D::linesActor() const { return linesActor_; }
vtkActor* Crosshair3D::dotActor() const { return dotActor_; }

void Crosshair3D::setGeometry(const tv::ImageGeometry& geometry) {
    geometry_ = geometry;
    rebuild();
}

void Crosshair3D::setPosition(const Eigen::Vector3d& lps) {
    lps_ = lps;
    rebuild();
}

void Crosshair3D::rebuild() {
    const bool valid = geometry_.voxelCount() > 0;
    linesActor_->SetVisibility(valid);
    dotActor_->SetVisibility(valid);
    if (!valid) return;

    // Work in continuous voxel indices: the volume spans [-0.5, n-0.5] on each axis.
    Eigen::Vector3d ijk = geometry_.patientToVoxel(lps_);
    for (int a = 0; a < 3; ++a) ijk(a) = std::clamp(ijk(a), -0.5, geometry_.size[a] - 0.5);

    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> cells;
    vtkNew<vtkUnsignedCharArray> colors;
    colors->SetNumberOfComponents(3);
    const unsigned char axisColor[3][3] = {{255, 70, 70}, {70, 230, 70}, {80, 140, 255}};
    for (int a = 0; a < 3; ++a) {
        Eigen::Vector3d from = ijk, to = ijk;
        from(a) = -0.5;
        to(a) = geometry_.size[a] - 0.5;
        const Eigen::Vector3d p0 = geometry_.voxelToPatient(from);
        const Eigen::Vector3d p1 = geometry_.voxelToPatient(to);
        const vtkIdType ids[2] = {points->InsertNextPoint(p0.data()), points->InsertNextPoint(p1.data())};
        cells->InsertNextCell(2, ids);
        colors->InsertNextTypedTuple(axisColor[a]);
    }
    lines_->SetPoints(points);
    lines_->SetLines(cells);
    lines_->GetCellData()->SetScalars(colors);
    lines_->Modified();

    const Eigen::Vector3d centre = geometry_.voxelToPatient(ijk);
    vtkNew<vtkPoints> dotPoints;
    vtkNew<vtkCellArray> verts;
    const vtkIdType id = dotPoints->InsertNextPoint(centre.data());
    verts->InsertNextCell(1, &id);
    dot_->SetPoints(dotPoints);
    dot_->SetVerts(verts);
    dot_->Modified();
}

}  // namespace tvui
