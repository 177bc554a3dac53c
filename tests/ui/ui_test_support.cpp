#include "ui_test_support.h"

#include <QEventLoop>
#include <QTimer>

#include "window/main_window.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QWidget>
#include <cstdlib>
#include <iostream>

#include "vtkhost/vtk_view_widget.h"

namespace tvuitest {

void ensureApp() {
    if (QApplication::instance()) return;
    const char* platform = std::getenv("QT_QPA_PLATFORM");
    const bool needsX = platform == nullptr || std::string(platform).rfind("xcb", 0) == 0;
    if (needsX && (std::getenv("DISPLAY") == nullptr || *std::getenv("DISPLAY") == '\0')) {
        std::cout << "SKIPPED: no X display (run view tests under xvfb-run, see scripts/test.sh)" << std::endl;
        std::exit(77);
    }
    tvui::installVtkSurfaceFormat();
    static int argc = 1;
    static char name[] = "thromboview-ui-test";
    static char* argv[] = {name, nullptr};
    new QApplication(argc, argv);  // lives until process exit, like a real application
}

void showAndWait(QWidget* w, int width, int height) {
    w->resize(width, height);
    w->show();
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 2000) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        if (w->isVisible() && t.elapsed() > 100) break;
    }
    QApplication::processEvents();
}

double meanGray(const QImage& img, int x0, int y0, int x1, int y1) {
    double sum = 0;
    long n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            sum += qGray(img.pixel(x, y));
            ++n;
        }
    return n ? sum / static_cast<double>(n) : 0.0;
}

int countDifferent(const QImage& a, const QImage& b) {
    if (a.size() != b.size()) return -1;
    int n = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            if ((a.pixel(x, y) & 0xffffff) != (b.pixel(x, y) & 0xffffff)) ++n;
    return n;
}

QString saveForInspection(const QImage& img, const QString& name) {
    QDir().mkpath("/tmp/thromboview-tests");
    const QString path = "/tmp/thromboview-tests/" + name + ".png";
    img.save(path);
    return path;
}

bool waitForMask(tvui::MainWindow& w, const std::function<void()>& trigger, int timeoutMs) {
    QEventLoop loop;
    bool added = false, finished = false;
    const QMetaObject::Connection c = QObject::connect(&w, &tvui::MainWindow::maskFinished, &loop,
                                                       [&](const QString&, bool ok) {
                                                           added = ok;
                                                           finished = true;
                                                           loop.quit();
                                                       });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    trigger();
    if (!finished) loop.exec();
    QObject::disconnect(c);
    return finished && added;
}

}  // namespace tvuitest
