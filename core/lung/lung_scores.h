#pragma once
// Severity scores from percentages of involved lung (clinical-reference.md, "Scores").
namespace tv {

/// Lobe score of the CT severity score (Chang 2005; Pan, Radiology 2020; Francone 2020):
/// 0 none, 1 under 5%, 2 5-25%, 3 26-50%, 4 51-75%, 5 over 75%. Involvement below
/// `noneBelowPercent` counts as none (the method's false-positive floor on normal lungs).
int ctSeverityLobeScore(double percent, double noneBelowPercent);

/// Zone score of the six-zone score: 0 none, then 1-4 by 25% steps (1 up to 25%, 2 up to 50%,
/// 3 up to 75%, 4 above).
int sixZoneScore(double percent, double noneBelowPercent);

}  // namespace tv
