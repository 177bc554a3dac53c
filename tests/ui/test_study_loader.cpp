// StudyLoader: loading off the GUI thread, readable errors, cancellation.
#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QElapsedTimer>

#include "test_support.h"
#include "ui_test_support.h"
#include "window/study_loader.h"

namespace {

/// Processes events until `done` or 120 s.
template <typename F>
void waitFor(F done) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < 120000) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

struct Outcome {
    std::shared_ptr<const tv::CtVolume> volume;
    QString error;
    bool cancelled = false;
    int progressReports = 0;
    bool finished() const { return volume || !error.isEmpty() || cancelled; }
};

void watch(tvui::StudyLoader& loader, Outcome& o) {
    QObject::connect(&loader, &tvui::StudyLoader::loaded, [&o](auto v, const QStringList&) { o.volume = v; });
    QObject::connect(&loader, &tvui::StudyLoader::failed, [&o](const QString& m) { o.error = m; });
    QObject::connect(&loader, &tvui::StudyLoader::cancelled, [&o] { o.cancelled = true; });
    QObject::connect(&loader, &tvui::StudyLoader::progress, [&o](int, const QString&) { ++o.progressReports; });
}

}  // namespace

TEST_CASE("study loader loads a DICOM folder off the GUI thread with progress", "[ui][realdata]") {
    tvuitest::ensureApp();
    const auto dir = tvtest::requireSharedData("chest-ct-contrast/C3N-00247");
    tvui::StudyLoader loader;
    Outcome o;
    watch(loader, o);
    loader.open(QString::fromStdString(dir.string()));
    CHECK(loader.isBusy());  // returned at once: the work runs on a pool thread
    waitFor([&] { return o.finished(); });
    REQUIRE(o.volume);
    CHECK(o.error.isEmpty());
    CHECK(o.volume->hu.nz() == 99);
    CHECK(o.progressReports > 0);
    CHECK_FALSE(loader.isBusy());
}

TEST_CASE("study loader reports a missing path as a readable message naming it", "[ui]") {
    tvuitest::ensureApp();
    tvui::StudyLoader loader;
    Outcome o;
    watch(loader, o);
    loader.open("/nonexistent/study-folder");
    waitFor([&] { return o.finished(); });
    CHECK_FALSE(o.volume);
    CHECK(o.error.contains("/nonexistent/study-folder"));
}

TEST_CASE("study loader cancel stops a running load", "[ui][realdata]") {
    tvuitest::ensureApp();
    const auto dir = tvtest::requireSharedData("chest-ct-contrast/C3N-00247");
    tvui::StudyLoader loader;
    Outcome o;
    watch(loader, o);
    loader.open(QString::fromStdString(dir.string()));
    loader.cancel();  // before the worker's first cancellation check
    waitFor([&] { return o.finished(); });
    CHECK(o.cancelled);
    CHECK_FALSE(o.volume);
}
