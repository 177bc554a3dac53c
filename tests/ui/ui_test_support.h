#pragma once
// Shared helpers for view tests: one QApplication per test process (created on first use, with the
// surface format VTK needs), skipping when no display exists, and pixel statistics on grabs.
#include <QImage>
#include <QString>
#include <functional>

class QWidget;
namespace tvui {
class MainWindow;
}

namespace tvuitest {

/// Creates the QApplication on first call. Exits with 77 (CTest "Skipped") when no X display can
/// be opened (run the suite under xvfb-run, as scripts/test.sh does).
void ensureApp();

/// Shows `w` at `size` logical pixels and processes events until it has been exposed.
void showAndWait(QWidget* w, int width, int height);

/// Mean gray value (0..255) of the rectangle [x0,x1) x [y0,y1) of `img`.
double meanGray(const QImage& img, int x0, int y0, int x1, int y1);

/// Number of pixels whose RGB differs between `a` and `b` (same size).
int countDifferent(const QImage& a, const QImage& b);

/// Saves `img` as /tmp/thromboview-tests/<name>.png for a person to look at; returns the path.
QString saveForInspection(const QImage& img, const QString& name);

/// Runs `trigger` (e.g. w.loadMask(path, true), or a drop) and processes events until `w` emits
/// maskFinished (or `timeoutMs`); returns whether the mask was added (false on timeout too).
bool waitForMask(tvui::MainWindow& w, const std::function<void()>& trigger, int timeoutMs = 30000);

}  // namespace tvuitest
