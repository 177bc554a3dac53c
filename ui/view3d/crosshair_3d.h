#pragma once
// The MPR crosshair in the 3D view: three lines through the current point, each along one voxel
// axis of the volume and spanning it (each line is where two of the slice views' planes cross),
// plus a dot at the point. Lines are colored by axis: i (left-right) red, j (anterior-posterior)
// green, k (superior-inferior) blue. World coordinates are LPS millimetres.
#include <Eigen/Core>
#include <vtkNew.h>

#include "image/geometry.h"

class vtkActor;
class vtkPolyData;

namespace tvui {

class Crosshair3D {
public:
    Crosshair3D();
    ~Crosshair3D();
    Crosshair3D(const Crosshair3D&) = delete;
    Crosshair3D& operator=(const Crosshair3D&) = delete;

    /// The volume the lines span.
    void setGeometry(const tv::ImageGeometry& geometry);
    /// Moves the crosshair to `lps` (clamped into the volume so the lines always show).
    void setPosition(const Eigen::Vector3d& lps);
    const Eigen::Vector3d& position() const { return lps_; }

    vtkActor* linesActor() const;
    vtkActor* dotActor() const;

private:
    void rebuild();

    tv::ImageGeometry geometry_;
    Eigen::Vector3d lps_{0.0, 0.0, 0.0};
    vtkNew<vtkPolyData> lines_;
    vtkNew<vtkPolyData> dot_;
    vtkNew<vtkActor> linesActor_;
    vtkNew<vtkActor> dotActor_;
};

}  // namespace tvui
