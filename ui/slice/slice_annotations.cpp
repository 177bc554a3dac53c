#include "slice/slice_annotations.h"

#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkCornerAnnotation.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

namespace tvui {

SliceAnnotations::SliceAnnotations() {
    crossPoints_->SetNumberOfPoints(8);
    for (int p = 0; p < 8; ++p) crossPoints_->SetPoint(p, 0, 0, 0);
    vtkNew<vtkCellArray> lines;
    for (vtkIdType s = 0; s < 4; ++s) {
        const vtkIdType ids[2] = {2 * s, 2 * s + 1};
        lines->InsertNextCell(2, ids);
    }
    crossData_->SetPoints(crossPoints_);
    crossData_->SetLines(lines);
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(crossData_);
    crossActor_->SetMapper(mapper);
    crossActor_->GetProperty()->SetColor(0.3, 0.9, 0.3);
    crossActor_->GetProperty()->SetOpacity(0.8);
    crossActor_->GetProperty()->SetLighting(false);
    crossActor_->GetProperty()->SetLineWidth(1.0);
    crossActor_->SetPosition(0, 0, 1.0);  // in front of the image plane (z = 0)
    crossActor_->PickableOff();

    for (auto* a : {orientation_.Get(), corners_.Get()}) {
        a->SetMaximumFontSize(16);
        a->SetMinimumFontSize(10);
        a->SetLinearFontScaleFactor(2);
        a->SetNonlinearFontScaleFactor(1);
        a->GetTextProperty()->SetFontFamilyToArial();
        a->GetTextProperty()->SetShadow(true);
    }
    orientation_->GetTextProperty()->SetColor(1.0, 0.85, 0.3);
    orientation_->GetTextProperty()->BoldOn();
    corners_->GetTextProperty()->SetColor(0.9, 0.9, 0.9);

    banner_->SetInput("SYNTHETIC PHANTOM - not patient data");
    banner_->GetTextProperty()->SetColor(1.0, 0.35, 0.2);
    banner_->GetTextProperty()->SetFontSize(15);
    banner_->GetTextProperty()->BoldOn();
    banner_->GetTextProperty()->SetJustificationToCentered();
    banner_->GetTextProperty()->SetVerticalJustificationToTop();
    banner_->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    banner_->GetPositionCoordinate()->SetValue(0.5, 0.94);
    banner_->VisibilityOff();
}

SliceAnnotations::~SliceAnnotations() = default;

void SliceAnnotations::addTo(vtkRenderer* renderer) {
    renderer->AddActor(crossActor_);
    renderer->AddViewProp(orientation_);
    renderer->AddViewProp(corners_);
    renderer->AddViewProp(banner_);
}

void SliceAnnotations::setCrosshair(double x, double y, double w, double h, double gap) {
    const double pts[8][2] = {{0, y}, {x - gap, y}, {x + gap, y}, {w, y},
                              {x, 0}, {x, y - gap}, {x, y + gap}, {x, h}};
    for (int p = 0; p < 8; ++p) crossPoints_->SetPoint(p, pts[p][0], pts[p][1], 0.0);
    crossPoints_->Modified();
    crossData_->Modified();
}

void SliceAnnotations::setCrosshairVisible(bool visible) { crossActor_->SetVisibility(visible); }

void SliceAnnotations::setOrientationLetters(const QString& left, const QString& right, const QString& top,
                                             const QString& bottom) {
    orientation_->SetText(vtkCornerAnnotation::LeftEdge, left.toUtf8().constData());
    orientation_->SetText(vtkCornerAnnotation::RightEdge, right.toUtf8().constData());
    orientation_->SetText(vtkCornerAnnotation::UpperEdge, top.toUtf8().constData());
    orientation_->SetText(vtkCornerAnnotation::LowerEdge, bottom.toUtf8().constData());
}

void SliceAnnotations::setCornerTexts(const CornerTexts& t) {
    corners_->SetText(vtkCornerAnnotation::UpperLeft, t.upperLeft.toUtf8().constData());
    corners_->SetText(vtkCornerAnnotation::UpperRight, t.upperRight.toUtf8().constData());
    corners_->SetText(vtkCornerAnnotation::LowerLeft, t.lowerLeft.toUtf8().constData());
    corners_->SetText(vtkCornerAnnotation::LowerRight, t.lowerRight.toUtf8().constData());
}

void SliceAnnotations::setCornerTextVisible(bool visible) {
    cornerVisible_ = visible;
    corners_->SetVisibility(visible);
}

void SliceAnnotations::setSyntheticBanner(bool synthetic) { banner_->SetVisibility(synthetic); }

}  // namespace tvui
