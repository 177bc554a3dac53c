#pragma once
// Where the blood-pool raise simulation (raiseBloodPool, lesion_insertion.h) may act: the enhanced
// blood pool connected to the pulmonary trunk, *above the diaphragm*, as whole connected vessels.
//
// Why (README "Embolus detector validation", defect found 2026-11-29): raising "tree voxels of the
// detector's vessel zone, dilated" raised the enhanced liver of C3N-00247 (reached from the right
// atrium through the IVC and hepatic veins) inside a rectangular zone edge, and the aortic arch in one
// half only (the zone cut it). A venous-phase liver (100-130 HU) is as bright as the blood there, so
// no HU rule separates it; the diaphragm does. Connected components of the lumen (no zone box) give
// whole vessels: a vessel is raised everywhere or nowhere.
#include <vector>

#include "embolism/volume_ops.h"

namespace tv {

/// Diaphragm height per (i, j) column of a working grid (k = superior): the lowest slice of aerated
/// lung in the column, counted only where it lies below `maxBaseK` (the heart's centroid slice): the
/// lungs mask holds the airways, whose lowest voxels (trachea, main and lobar bronchi in the
/// mediastinum) lie at or above the carina, and lung draped over the heart ends at the heart's top;
/// the lung bases over the diaphragm lie below the heart's centroid. Columns without such lung (mediastinum, heart) are interpolated linearly along i
/// between the nearest lung columns of the same row (one side only: copied); rows without any lung
/// copy the nearest row along j that has a value. Row-major [j * nx + i]. Empty when `lungs` is empty
/// (no cut). A crop without a diaphragm (pa-crop) gets the crop's lowest lung slices, i.e. no cut.
std::vector<double> diaphragmSliceMap(const Mask& lungs, double maxBaseK);

/// The region to raise: voxels of `lumen` (enhanced blood, bone excluded by the caller) at or above
/// the diaphragm map, 6-connected to `seeds` (trunk and arterial tree) through such voxels.
Mask supradiaphragmaticBloodPool(const Mask& lumen, const Mask& seeds, const std::vector<double>& diaphragmK);

}  // namespace tv
