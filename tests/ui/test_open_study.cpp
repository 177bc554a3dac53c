// Opening studies in the main window under Xvfb: drag and drop (a folder, a file, a NIfTI mask onto
// an open study), the recent-studies list (order, de-duplication, cap, persistence across a
// restart, in a QSettings location of the test's own) and the series browser on a folder with
// several series written with DCMTK.
#include <catch2/catch.hpp>

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QTimer>
#include <QUrl>

#include "io/nifti_io.h"
#include "synthetic_dicom.h"
#include "test_support.h"
#include "ui_test_support.h"
#include "window/main_window.h"
#include "window/recent_studies.h"
#include "window/series_browser.h"

namespace {

template <typename F>
bool waitFor(F done, int ms = 60000) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms) QApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

// QSettings of this test process go to a fresh folder of its own (never the user's settings).
QString isolateSettings(const std::string& name) {
    const auto dir = tvtest::scratchDir(name);
    QCoreApplication::setOrganizationName("ThromboViewTest");
    QCoreApplication::setApplicationName("ThromboViewTest");
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, QString::fromStdString(dir.string()));
    return QString::fromStdString(dir.string());
}

QString q(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

// Drops `paths` on the window as a file manager would: drag enter (must be accepted), then drop.
void drop(QWidget* target, const QStringList& paths) {
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& p : paths) urls << QUrl::fromLocalFile(p);
    mime.setUrls(urls);
    const QPoint pos(target->width() / 2, target->height() / 2);
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    REQUIRE(enter.isAccepted());
    QDropEvent dropEvent(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropEvent);
}

tvtest::SeriesSpec spec(int columns, int rows, int slices, const std::string& description, int number) {
    tvtest::SeriesSpec s;
    s.columns = columns;
    s.rows = rows;
    s.slices = slices;
    s.description = description;
    s.seriesNumber = number;
    s.studyUid = "1.2.826.0.1.3680043.8.498.4242";
    return s;
}

QStringList recentMenuEntries(tvui::MainWindow& w) {
    for (QAction* a : w.menuBar()->actions())
        if (a->menu() && a->text().contains("File"))
            for (QAction* b : a->menu()->actions())
                if (b->menu() && b->text().contains("Recent")) {
                    QStringList out;
                    for (QAction* c : b->menu()->actions())
                        if (!c->isSeparator() && c->isEnabled() && c->text() != "Clear list") out << c->text();
                    return out;
                }
    return {};
}

}  // namespace

TEST_CASE("drag and drop: a folder opens the study, a NIfTI on its grid becomes a mask layer", "[ui]") {
    tvuitest::ensureApp();
    isolateSettings("open_study_drop_settings");
    const auto dir = tvtest::scratchDir("open_study_drop");
    tvtest::SeriesSpec s = spec(40, 36, 12, "dropped series", 3);
    tvtest::writeSeries(dir / "series", s);

    tvui::MainWindow w;
    tvuitest::showAndWait(&w, 900, 700);
    drop(&w, {q(dir / "series")});
    REQUIRE(waitFor([&] { return w.model().hasVolume(); }));
    const auto& g = w.model().volume()->geometry();
    CHECK(g.size == tv::Index3{40, 36, 12});
    CHECK(w.model().volume()->info.seriesDescription == "dropped series");
    CHECK(tvui::RecentStudies().list().value(0) == q(dir / "series"));

    tv::LabelMap mask(g, 0);
    mask.at(5, 5, 5) = 2;
    tv::writeNifti(mask, dir / "lungs.nii.gz");
    // Read on a worker (MaskLoader): the layer arrives with maskFinished.
    REQUIRE(tvuitest::waitForMask(w, [&] { drop(&w, {q(dir / "lungs.nii.gz")}); }));
    REQUIRE(w.overlay().layerCount() == 1);
    CHECK(w.overlay().layer(0).name == "lungs.nii.gz");
    CHECK(w.overlay().layer(0).present == std::vector<int>{2});
    CHECK(w.model().volume()->info.seriesDescription == "dropped series");  // the study stayed

    // A label map on another grid is refused with a message and does not replace the study.
    tv::ImageGeometry other = g;
    other.size[2] += 1;
    other.origin.z() += 0.5 * other.spacing.z();  // off the lattice: a same-lattice crop is re-placed since 2026-11-29
    tv::writeNifti(tv::LabelMap(other, 1), dir / "other_grid.nii.gz");
    CHECK_FALSE(tvuitest::waitForMask(w, [&] { drop(&w, {q(dir / "other_grid.nii.gz")}); }));
    QApplication::processEvents();
    CHECK(w.overlay().layerCount() == 1);
    CHECK(w.lastMaskError().contains("other_grid.nii.gz"));
    CHECK_FALSE(w.loader().isBusy());
    CHECK(w.model().volume()->geometry().size == tv::Index3{40, 36, 12});

    // A NIfTI CT file dropped on a fresh window opens as the study.
    tv::CtVolume ct;
    ct.hu = tv::Image<std::int16_t>(g, -1000);
    ct.hu.at(1, 2, 3) = 321;
    tv::writeNifti(ct, dir / "ct.nii.gz");
    tvui::MainWindow w2;
    tvuitest::showAndWait(&w2, 900, 700);
    drop(&w2, {q(dir / "ct.nii.gz")});
    REQUIRE(waitFor([&] { return w2.model().hasVolume(); }));
    CHECK(w2.model().volume()->hu.at(1, 2, 3) == 321);
    CHECK(w2.overlay().layerCount() == 0);
}

TEST_CASE("recent studies: newest first, no duplicates, at most 8, kept across a restart", "[ui]") {
    tvuitest::ensureApp();
    const QString settingsDir = isolateSettings("open_study_recent_settings");
    QStringList added;
    {
        tvui::RecentStudies recent;
        recent.clear();
        for (int i = 0; i < 10; ++i) {
            added << QStringLiteral("/studies/s%1").arg(i);
            recent.add(added.back());
        }
        recent.add("/studies/s4");  // again: moves to the front, not listed twice
        const QStringList l = recent.list();
        CHECK(l.size() == tvui::RecentStudies::kMax);
        CHECK(l.value(0) == "/studies/s4");
        CHECK(l.value(1) == "/studies/s9");
        CHECK(l.count("/studies/s4") == 1);
        CHECK(l.value(6) == "/studies/s3");
        CHECK(l.value(7) == "/studies/s2");  // s0 and s1 fell off the end
        CHECK_FALSE(l.contains("/studies/s1"));
        QSettings().sync();
    }
    // "Restart": a settings object reading the file from disk, and a new window's menu.
    const QString file = QSettings().fileName();
    REQUIRE(file.startsWith(settingsDir));
    QSettings fromDisk(file, QSettings::IniFormat);
    CHECK(fromDisk.value("recentStudies").toStringList().value(0) == "/studies/s4");
    tvui::MainWindow w;
    const QStringList menu = recentMenuEntries(w);
    CHECK(menu.size() == 8);
    CHECK(menu.value(0) == "/studies/s4");
    CHECK(menu.value(7) == "/studies/s2");
}

TEST_CASE("series browser: a folder with several series lists them and the chosen one loads", "[ui]") {
    tvuitest::ensureApp();
    isolateSettings("open_study_series_settings");
    const auto dir = tvtest::scratchDir("open_study_series");
    tvtest::SeriesSpec a = spec(32, 32, 10, "soft tissue 2.5 mm", 2);
    tvtest::SeriesSpec b = spec(48, 40, 7, "lung 5 mm", 5);
    b.filePrefix = "lung_";
    tvtest::writeSeries(dir, a);
    tvtest::writeSeries(dir, b);

    tvui::MainWindow w;
    tvuitest::showAndWait(&w, 900, 700);
    QStringList listed;
    bool sawBrowser = false;
    // The browser is modal: pick "lung 5 mm" from inside its event loop.
    std::function<void()> choose = [&] {
        auto* browser = qobject_cast<tvui::SeriesBrowser*>(QApplication::activeModalWidget());
        if (!browser) {
            QTimer::singleShot(50, choose);
            return;
        }
        sawBrowser = true;
        auto* list = browser->findChild<QListWidget*>();
        if (!list) {
            browser->reject();
            return;
        }
        for (int r = 0; r < list->count(); ++r) listed << list->item(r)->text();
        for (int r = 0; r < list->count(); ++r)
            if (list->item(r)->text().contains("lung 5 mm")) list->setCurrentRow(r);
        browser->accept();
    };
    QTimer::singleShot(50, choose);
    w.openPath(q(dir));
    REQUIRE(waitFor([&] { return w.model().hasVolume(); }));
    CHECK(sawBrowser);
    REQUIRE(listed.size() == 2);
    CHECK(listed.filter("soft tissue 2.5 mm").size() == 1);
    CHECK(listed.filter("lung 5 mm").size() == 1);
    CHECK(listed.filter("10 images").size() == 1);
    CHECK(listed.filter("7 images").size() == 1);
    const auto& g = w.model().volume()->geometry();
    CHECK(g.size == tv::Index3{48, 40, 7});
    CHECK(w.model().volume()->info.seriesDescription == "lung 5 mm");
    CHECK(w.model().volume()->hu.at(3, 4, 5) == tvtest::expectedHu(b, 3, 4, 5));
}
