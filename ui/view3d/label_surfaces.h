#pragma once
// Label-map overlays in the 3D view as surfaces: one smoothed, decimated iso-surface per label
// (discrete flying edges -> windowed-sinc smoothing -> decimation -> normals), each with its own
// color, opacity and visibility. Style changes are live (no rebuild); a new label map rebuilds.
// The meshes can be built on a worker thread (buildLabelMeshes) and installed on the GUI thread
// (LabelSurfaces::setMeshes), which is what the Qt widget does so the GUI never waits for them.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <vtkNew.h>
#include <vtkSmartPointer.h>

#include "image/image.h"

class vtkActor;
class vtkAssembly;
class vtkPolyData;

namespace tvui {

struct LabelStyle3D {
    std::uint8_t label = 1;
    double r = 1.0, g = 0.0, b = 0.0;  // 0..1
    double opacity = 1.0;              // 0..1; below 1 the surface is blended over the volume
    bool visible = true;
};

struct SurfaceOptions {
    int smoothingIterations = 15;   // windowed sinc; 0 = off
    double passBand = 0.1;          // lower = smoother (VTK's range 0..2)
    double decimation = 0.5;        // fraction of triangles removed; 0 = off
};

/// One finished surface (with normals) per label present in `labels`; holds `labels` alive.
struct LabelMeshes {
    std::shared_ptr<const tv::LabelMap> labels;
    std::map<std::uint8_t, vtkSmartPointer<vtkPolyData>> surfaces;
};

/// Builds the surfaces of every label in `labels` (about 0.1-0.5 s per label on a 512x512x100 grid
/// here). Thread-safe: reads `labels` and creates only new VTK objects, so it may run on a worker.
LabelMeshes buildLabelMeshes(std::shared_ptr<const tv::LabelMap> labels, const SurfaceOptions& options = {});

class LabelSurfaces {
public:
    LabelSurfaces();
    ~LabelSurfaces();
    LabelSurfaces(const LabelSurfaces&) = delete;
    LabelSurfaces& operator=(const LabelSurfaces&) = delete;

    /// Builds one surface per label that occurs in `labels` on the calling thread (see
    /// buildLabelMeshes) and shows them. Labels without a style get a default color from a fixed
    /// palette. `labels` is kept alive by the shared pointer while surfaces exist.
    void setLabelMap(std::shared_ptr<const tv::LabelMap> labels,
                     const std::vector<LabelStyle3D>& styles = {},
                     const SurfaceOptions& options = {});
    /// Shows surfaces built by buildLabelMeshes() (cheap: one actor per label).
    void setMeshes(LabelMeshes meshes, const std::vector<LabelStyle3D>& styles = {});
    void clear();

    /// Updates color/opacity/visibility of one label (no rebuild). Unknown labels are remembered
    /// and used if a later label map contains them.
    void setStyle(const LabelStyle3D& style);

    /// Labels that have a surface, ascending.
    std::vector<std::uint8_t> labels() const;
    /// True when at least one surface is shown (the volume is then dimmed: VolumeView3D).
    bool anyVisible() const;
    /// Triangles in the surface of `label` (0 when it has none).
    long long triangleCount(std::uint8_t label) const;

    /// One prop holding all label surfaces, placed in LPS (add it to the scene once).
    vtkAssembly* assembly() const;

private:
    void applyStyle(std::uint8_t label);

    std::shared_ptr<const tv::LabelMap> labels_;
    std::map<std::uint8_t, LabelStyle3D> styles_;
    std::map<std::uint8_t, vtkSmartPointer<vtkActor>> actors_;
    vtkNew<vtkAssembly> assembly_;
};

/// The default color of `label` (a fixed palette, so a label keeps its color between runs).
LabelStyle3D defaultLabelStyle(std::uint8_t label);

}  // namespace tvui
