#include "slice/slice_annotations.h"

#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <cmath>

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
    // Opaque on purpose: any translucent actor makes VTK 9.1 run its order-independent
    // transparency pass (full-frame float buffers and a composite pass) on every frame, which cost
    // about 15 ms per 1024x1024 frame with software OpenGL. The color is the old 0.8-opacity green
    // over the dark image.
    crossActor_->GetProperty()->SetColor(0.25, 0.75, 0.25);
    crossActor_->GetProperty()->SetOpacity(1.0);
    crossActor_->GetProperty()->SetLighting(false);
    crossActor_->GetProperty()->SetLineWidth(1.0);
    crossActor_->SetPosition(0, 0, 1.0);  // in front of the image plane (z = 0)
    crossActor_->PickableOff();

    // Normalized-viewport anchor and justification of each text (0 left/bottom, 1 centre, 2 right/top).
    struct Place {
        double x, y;
        int h, v;
    };
    const Place edges[4] = {{0.01, 0.5, 0, 1}, {0.99, 0.5, 2, 1}, {0.5, 0.99, 1, 2}, {0.5, 0.01, 1, 0}};
    const Place corners[4] = {{0.01, 0.99, 0, 2}, {0.99, 0.99, 2, 2}, {0.01, 0.01, 0, 0}, {0.99, 0.01, 2, 0}};
    auto setup = [](vtkTextActor* t, const Place& p, int fontSize, bool bold, double r, double g, double b) {
        vtkTextProperty* tp = t->GetTextProperty();
        tp->SetFontFamilyToArial();
        tp->SetFontSize(fontSize);
        tp->SetBold(bold);
        tp->SetShadow(true);
        tp->SetColor(r, g, b);
        tp->SetJustification(p.h == 0 ? VTK_TEXT_LEFT : p.h == 1 ? VTK_TEXT_CENTERED : VTK_TEXT_RIGHT);
        tp->SetVerticalJustification(p.v == 0 ? VTK_TEXT_BOTTOM : p.v == 1 ? VTK_TEXT_CENTERED : VTK_TEXT_TOP);
        t->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
        t->GetPositionCoordinate()->SetValue(p.x, p.y);
        t->PickableOff();
    };
    for (int e = 0; e < 4; ++e) setup(orientation_[static_cast<std::size_t>(e)], edges[e], 15, true, 1.0, 0.85, 0.3);
    for (int c = 0; c < 4; ++c) setup(corners_[static_cast<std::size_t>(c)], corners[c], 12, false, 0.9, 0.9, 0.9);

    banner_->SetInput("SYNTHETIC PHANTOM - not patient data");
    banner_->GetTextProperty()->SetColor(1.0, 0.35, 0.2);
    banner_->GetTextProperty()->SetFontSize(15);
    banner_->GetTextProperty()->BoldOn();
    banner_->GetTextProperty()->SetJustificationToCentered();
    banner_->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    banner_->GetTextProperty()->SetVerticalJustificationToBottom();
    banner_->GetPositionCoordinate()->SetValue(0.5, 0.06);  // above the bottom orientation letter
    banner_->VisibilityOff();
}

SliceAnnotations::~SliceAnnotations() = default;

void SliceAnnotations::addTo(vtkRenderer* renderer) {
    renderer->AddActor(crossActor_);
    for (auto& t : orientation_) renderer->AddViewProp(t);
    for (auto& t : corners_) renderer->AddViewProp(t);
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
    const QString texts[4] = {left, right, top, bottom};
    for (int e = 0; e < 4; ++e) orientation_[static_cast<std::size_t>(e)]->SetInput(texts[e].toUtf8().constData());
}

void SliceAnnotations::setCornerTexts(const CornerTexts& t) {
    const QString texts[4] = {t.upperLeft, t.upperRight, t.lowerLeft, t.lowerRight};
    for (int c = 0; c < 4; ++c) {
        const QByteArray utf8 = texts[c].toUtf8();
        vtkTextActor* a = corners_[static_cast<std::size_t>(c)];
        if (a->GetInput() && utf8 == a->GetInput()) continue;  // unchanged: keep the rasterized text
        a->SetInput(utf8.constData());
    }
}

void SliceAnnotations::setCornerTextVisible(bool visible) {
    cornerVisible_ = visible;
    for (auto& t : corners_) t->SetVisibility(visible);
}

void SliceAnnotations::setSyntheticBanner(bool synthetic) { banner_->SetVisibility(synthetic); }

}  // namespace tvui

namespace tvui {

void SliceAnnotations::setFontScale(double scale) {
    if (std::abs(scale - fontScale_) < 0.05) return;
    fontScale_ = scale;
    auto size = [scale](int base) { return static_cast<int>(base * scale + 0.5); };
    for (auto& t : orientation_) t->GetTextProperty()->SetFontSize(size(15));
    for (auto& t : corners_) t->GetTextProperty()->SetFontSize(size(12));
    banner_->GetTextProperty()->SetFontSize(size(15));
}

}  // namespace tvui
