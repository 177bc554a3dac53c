#pragma once
// Lobar fissures: thin bright plates inside the lung. Found as voxels whose Hessian has one strongly
// negative eigenvalue and two small ones, with the plate normal close to that of the expected
// fissure, inside a band around a geometric prior; a surface is fitted to them when enough of the
// prior surface is supported, otherwise the geometric prior is kept (and reported as such).
#include <string>

#include "image/image.h"
#include "lung/lung_params.h"
#include "lung/lung_regions.h"
#include "util/progress.h"

namespace tv {

/// Fissure surface in a lung's normalised coordinates, a height map over (u, w):
/// v = a + b*u + c*w + d*u^2 + e*u*w + f*w^2 (a plane when d = e = f = 0).
struct FissureSurface {
    std::string name;                  // "left_oblique", "right_oblique", "right_horizontal"
    double a = 0, b = 0, c = 0;
    double d = 0, e = 0, f = 0;        // curvature terms (0 for the prior and the plane fit)
    std::string method = "geometric";  // "fissure" (fitted to detected plate voxels) or "geometric"
    std::string shape = "plane";       // "quadratic" when the curved fit replaced the plane
    double support = 0;                // fraction of the fitted surface's cells (in the lung) with fissure voxels
    std::size_t candidatePoints = 0;   // plate voxels inside the search band
    std::size_t inlierPoints = 0;      // plate voxels within the final fit band
    double peakContrast = 0;           // plate voxels on the best surface / on a typical nearby one
    double v(double u, double w) const { return a + b * u + c * w + d * u * u + e * u * w + f * w * w; }
};

struct FissureSet {
    FissureSurface leftOblique, rightOblique, rightHorizontal;
};

/// Geometric priors: the oblique fissure runs from the anterior base (v about 0.05) up to about
/// two thirds of the height posteriorly; the horizontal fissure is level at about 0.55 of the
/// height (textbook anatomy: oblique fissure from T4-T5 posteriorly to the 6th costochondral
/// junction; horizontal fissure at the 4th costal cartilage).
FissureSet geometricFissures();

/// Lobe (kRUL ... kLLL) of a point at normalised coordinates (u, v, w) of lung `side`: below the
/// oblique fissure the lower lobe; on the right, above it, the middle lobe only below the
/// horizontal fissure and in front of `middleLobePosteriorLimit` (the fissures' junction at the
/// mid-axillary line), else the upper lobe.
int lobeAt(int side, double u, double v, double w, const FissureSet& f, double middleLobePosteriorLimit);

/// `smoothed`: HU after the opacity smoothing; `labels`: lung labels (1 left, 2 right) on the same
/// grid; `ext`: extents indexed by Side.
FissureSet detectFissures(const Image<std::int16_t>& smoothed, const LabelMap& labels,
                          const std::array<LungExtent, 2>& ext, const LungOpacityParams& p,
                          const CancelToken& cancel);

}  // namespace tv
