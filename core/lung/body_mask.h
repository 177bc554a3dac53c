#pragma once
// Body mask of a chest CT: the patient without the table, the air around and (optionally) the
// arms. The 3D view renders only what is inside it (README "3D view"); it is a display aid, not a
// segmentation for measurement.
#include <cstdint>

#include "image/image.h"
#include "image/outside_air.h"
#include "util/progress.h"

namespace tv {

struct BodyMaskParams {
    // Air vs tissue; the lung segmentation's airThresholdHu and the embolus detector's airHu use
    // the same value (3D Slicer Lung CT Analyzer: aerated lung below -750, collapsed lung up to 0).
    double airHu = -400;
    OutsideAirRule outsideAir;
    // An air region not touching the field of view's edge counts as outside air by the same rule
    // only when at least this large (air inside a hollow table top); smaller pockets stay inside.
    double minEnclosedOutsideAirMl = 20.0;
    // Arms: body voxels further than armMarginMm left or right of the lungs' widest extent are
    // dropped. The lateral chest wall (ribs, intercostal and serratus muscles, fat, skin) is about
    // 15-25 mm thick; an adducted arm starts right beyond it (C3N-00247: about 17 mm beyond the
    // lung edge). Without lungs (no aerated region of minLungMl), the arms are kept.
    bool removeArms = false;
    double armMarginMm = 25.0;
    double minLungMl = 100.0;  // as the lung segmentation's smallest aerated lung
    // Per-slice erosion of the result (0: none); removes the skin's partial-volume rim.
    double skinMarginMm = 0.0;
    // > 1: computed on a grid binned by this factor along i and j (mean HU) and copied back to the
    // full grid; 4x faster with 2 (a 512 x 512 x 148 chest CT takes seconds at full resolution),
    // edges then lie within one binned pixel of the full-resolution ones.
    int inPlaneStep = 1;
};

struct BodyMask {
    LabelMap mask;                 // 1 = body, on the CT's grid
    bool lungsFound = false;       // an aerated region of at least minLungMl inside the body
    bool armsRemoved = false;      // removeArms was asked, the grid is axial and lungs were found
    int armCutLowI = 0;            // with armsRemoved: voxels with i < armCutLowI or i >= armCutHighI
    int armCutHighI = 0;           //   were dropped
};

/// Per axial slice, the largest region of tissue and of air that is not outside air (isOutsideAir
/// on 3-D air regions), with its holes filled; then optionally the arm clip and the skin margin.
/// Works on crops without outside air (everything is body). Throws CancelledError.
BodyMask computeBodyMask(const Image<std::int16_t>& hu, const BodyMaskParams& p,
                         const CancelToken& cancel = neverCancel());

}  // namespace tv
