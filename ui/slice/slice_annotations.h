#pragma once
// The 2-D decorations of a slice view: linked crosshair lines, orientation letters on the four
// edges, corner text (patient, study, slice, window, cursor HU/position; can be hidden) and the
// "SYNTHETIC PHANTOM" banner for generated data.
#include <QString>
#include <array>
#include <vtkNew.h>

class vtkActor;
class vtkPoints;
class vtkPolyData;
class vtkRenderer;
class vtkTextActor;

namespace tvui {

struct CornerTexts {
    QString upperLeft, upperRight, lowerLeft, lowerRight;
};

class SliceAnnotations {
public:
    SliceAnnotations();
    ~SliceAnnotations();
    SliceAnnotations(const SliceAnnotations&) = delete;
    SliceAnnotations& operator=(const SliceAnnotations&) = delete;

    void addTo(vtkRenderer* renderer);

    /// Crosshair through scene point (x, y) spanning the image [0,w] x [0,h] (scene mm), with a gap
    /// of `gap` mm around the centre so the voxel under it stays visible.
    void setCrosshair(double x, double y, double w, double h, double gap);
    void setCrosshairVisible(bool visible);
    void setOrientationLetters(const QString& left, const QString& right, const QString& top, const QString& bottom);
    void setCornerTexts(const CornerTexts& texts);
    void setCornerTextVisible(bool visible);
    bool cornerTextVisible() const { return cornerVisible_; }
    void setSyntheticBanner(bool synthetic);
    /// Font size factor (1 = screen sizes); large offscreen renders scale text with the image.
    void setFontScale(double scale);

private:
    vtkNew<vtkPoints> crossPoints_;
    vtkNew<vtkPolyData> crossData_;
    vtkNew<vtkActor> crossActor_;
    // Plain text actors with fixed font sizes: only the text that changed is rasterized again
    // (vtkCornerAnnotation re-measures all eight texts whenever one changes, e.g. every slice step).
    std::array<vtkNew<vtkTextActor>, 4> orientation_;  // left, right, top, bottom
    std::array<vtkNew<vtkTextActor>, 4> corners_;      // upper left, upper right, lower left, lower right
    vtkNew<vtkTextActor> banner_;
    bool cornerVisible_ = true;
    double fontScale_ = 1.0;
};

}  // namespace tvui
