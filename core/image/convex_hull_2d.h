#pragma once
// Convex hull of 2-D points (Andrew's monotone chain), shared by the lung's per-slice hull
// (lung/slice_hull.h) and the embolus detector's artery cross-sections (embolism/round_sections.h).
#include <vector>

#include <Eigen/Core>

namespace tv {

/// The hull's vertices counter-clockwise (x right, y up), without collinear points; fewer than three
/// points are returned as they are (sorted by x, then y).
std::vector<Eigen::Vector2d> convexHull2d(std::vector<Eigen::Vector2d> points);

}  // namespace tv
