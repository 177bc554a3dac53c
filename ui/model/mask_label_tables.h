#pragma once
// Label tables (names, colors, opacities) for the label maps `thromboview analyze` writes, chosen
// by file name, so a mask loaded as an overlay layer reads "left lung" rather than "label 1":
//   lungs.nii.gz    1 left lung, 2 right lung, 3 airway           (core/lung/lung_segmentation.h)
//   opacity.nii.gz  1 ground-glass opacity, 2 consolidation       (core/lung/opacity.h)
//   lobes.nii.gz    1 RUL, 2 RML, 3 RLL, 4 LUL, 5 LLL             (core/lung/lung_regions.h)
//   emboli.nii.gz   n = embolus candidate n                       (core/embolism)
// Colors keep the layers apart when shown together: lungs and lobes in cool translucent tints,
// findings in saturated warm colors. Any other file gets defaultLabelTable(layerIndex), the palette
// rotated by the index of the layer it will become so that layers stay apart.
#include <QString>

#include "model/overlay_model.h"

namespace tvui {

LabelTable labelTableForMask(const QString& fileName, int layerIndex = 0);

}  // namespace tvui
