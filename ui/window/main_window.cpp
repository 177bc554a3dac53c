#include "window/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QToolBar>
#include <QDebug>

#include "io/nifti_io.h"
#include "util/errors.h"
#include "model/demo_case.h"
#include "model/mask_label_tables.h"
#include "model/window_presets.h"
#include "screenshot/screenshot_renderer.h"
#include "slice/slice_view.h"
#include "view3d/volume_presets.h"
#include "view3d/volume_view_widget_3d.h"
#include "window/overlay_panel.h"
#include "window/series_browser.h"
#include "window/view_layout.h"

namespace tvui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("ThromboView"));
    setAcceptDrops(true);
    layout_ = new ViewLayout(&model_, &overlay_, this);
    setCentralWidget(layout_);
    if (auto* v3d = qobject_cast<VolumeViewWidget3D*>(layout_->view(ViewId::ThreeD)))
        connect(v3d, &VolumeViewWidget3D::presetChosen, this,
                [this](const QString&, const QString& reason) { statusBar()->showMessage(reason, 8000); });
    auto* dock = new QDockWidget(tr("Overlay"), this);
    dock->setObjectName("overlayDock");
    dock->setWidget(new OverlayPanel(&overlay_, dock));
    addDockWidget(Qt::RightDockWidgetArea, dock);
    buildMenus();
    buildToolbar();
    buildStatusBar();

    connect(&loader_, &StudyLoader::progress, this, [this](int pct, const QString& stage) {
        progress_->setValue(pct);
        progress_->setFormat(stage + " %p%");
    });
    connect(&loader_, &StudyLoader::loaded, this, [this](std::shared_ptr<const tv::CtVolume> v, const QStringList& warnings) {
        masks_.cancel();  // masks queued for the previous study would be read and then dropped
        setBusy(false);
        overlay_.clear();
        showVolume(std::move(v));
        recent_.add(pendingPath_);
        refreshRecentMenu();
        if (!warnings.isEmpty()) statusBar()->showMessage(tr("%1 warning(s): %2").arg(warnings.size()).arg(warnings.first()), 15000);
    });
    connect(&loader_, &StudyLoader::demoLoaded, this,
            [this](std::shared_ptr<const tv::CtVolume> v, std::shared_ptr<const tv::LabelMap> labels) {
                masks_.cancel();
                setBusy(false);
                showVolume(std::move(v));
                overlay_.clear();
                overlay_.addLayer(std::move(labels), demoLabelsName(), phantomLabelTable());
            });
    connect(&loader_, &StudyLoader::seriesFound, this, [this](const QString& path, const std::vector<tv::SeriesSummary>& series) {
        setBusy(false);
        SeriesBrowser browser(series, this);
        if (browser.exec() != QDialog::Accepted) return;
        setBusy(true, tr("Loading"));
        loader_.loadSeries(path, browser.selectedSeriesUid());
    });
    connect(&loader_, &StudyLoader::failed, this, [this](const QString& message) {
        setBusy(false);
        QMessageBox::warning(this, tr("Could not open the study"), message);
    });
    connect(&loader_, &StudyLoader::cancelled, this, [this] {
        setBusy(false);
        statusBar()->showMessage(tr("Loading cancelled"), 5000);
    });
    connectMaskLoader();
    for (auto o : {SliceOrientation::Axial, SliceOrientation::Coronal, SliceOrientation::Sagittal})
        connect(layout_->sliceView(o), &SliceView::hoverText, hover_, &QLabel::setText);
    resize(1400, 900);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Open &folder..."), QKeySequence::Open, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open DICOM folder"));
        if (!dir.isEmpty()) openPath(dir);
    });
    file->addAction(tr("Open f&ile (DICOM or NIfTI)..."), this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open image file"), {}, tr("Images (*.nii *.nii.gz *.dcm *)"));
        if (!f.isEmpty()) openPath(f);
    });
    recentMenu_ = file->addMenu(tr("&Recent studies"));
    refreshRecentMenu();
    file->addAction(tr("Open &demo case (synthetic phantom)"), this, &MainWindow::openDemo);
    file->addSeparator();
    file->addAction(tr("Load &mask as a layer (NIfTI)..."), this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Load label masks"), {}, tr("NIfTI (*.nii *.nii.gz)"));
        for (const QString& f : files) loadMask(f);
    });
    file->addAction(tr("Remove all mask &layers"), this, [this] { overlay_.clear(); });
    file->addSeparator();
    QMenu* shots = file->addMenu(tr("Export &screenshot"));
    shots->addAction(tr("Current view (screen resolution)..."), QKeySequence(tr("Ctrl+P")), this, [this] { exportScreenshot(false, 1); });
    shots->addAction(tr("Current view (2x resolution)..."), this, [this] { exportScreenshot(false, 2); });
    shots->addAction(tr("Layout (screen resolution)..."), this, [this] { exportScreenshot(true, 1); });
    shots->addAction(tr("Layout (2x resolution)..."), this, [this] { exportScreenshot(true, 2); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto* layouts = new QActionGroup(this);
    const std::pair<QString, LayoutKind> kinds[] = {{tr("One view"), LayoutKind::Single},
                                                    {tr("2 x 2"), LayoutKind::Grid2x2},
                                                    {tr("One large + three small"), LayoutKind::OneLargeThreeSmall}};
    int n = 0;
    for (const auto& [name, kind] : kinds) {
        QAction* a = view->addAction(name, this, [this, k = kind] { layout_->setLayoutKind(k); });
        a->setCheckable(true);
        a->setChecked(kind == layout_->layoutKind());
        a->setShortcut(QKeySequence(QStringLiteral("Ctrl+%1").arg(++n)));
        layouts->addAction(a);
    }
    view->addSeparator();
    QMenu* mainView = view->addMenu(tr("Main view"));
    for (ViewId id : {ViewId::Axial, ViewId::Coronal, ViewId::Sagittal, ViewId::ThreeD})
        mainView->addAction(viewIdName(id), this, [this, id] { layout_->setMainView(id); });
    view->addAction(tr("&Reset zoom and pan"), QKeySequence(tr("Ctrl+R")), this, [this] { layout_->resetViews(); });
    QAction* linkZoom = view->addAction(tr("&Link zoom and pan"), this, [this](bool on) { layout_->setZoomPanLinked(on); });
    linkZoom->setCheckable(true);
    linkZoom->setChecked(layout_->viewLink()->isEnabled());
    linkZoom->setToolTip(tr("Zoom (as mm per pixel) and pan (through a shared patient point) follow in all slice views"));
    QAction* corner = view->addAction(tr("Corner &text"), this, [this](bool on) { layout_->setCornerTextVisible(on); });
    corner->setCheckable(true);
    corner->setChecked(true);
    QAction* cross = view->addAction(tr("&Crosshair"), this, [this](bool on) { layout_->setCrosshairVisible(on); });
    cross->setCheckable(true);
    cross->setChecked(true);
    QAction* ov = view->addAction(tr("&Overlay"), QKeySequence(tr("O")), this, [this](bool on) { overlay_.setVisible(on); });
    ov->setCheckable(true);
    ov->setChecked(true);
    connect(&overlay_, &OverlayModel::styleChanged, ov, [this, ov] { ov->setChecked(overlay_.isVisible()); });

    QMenu* presets3d = view->addMenu(tr("3D preset"));
    for (const VolumePreset& p : volumePresets()) {
        QAction* a = presets3d->addAction(QString::fromStdString(p.title), this, [this, id = p.id] {
            if (auto* w = qobject_cast<VolumeViewWidget3D*>(layout_->view(ViewId::ThreeD))) w->setPreset(QString::fromStdString(id));
        });
        a->setToolTip(QString::fromStdString(p.purpose));
    }

    QMenu* presets = menuBar()->addMenu(tr("&Window"));
    int key = 0;
    for (const WindowPreset& p : windowPresets()) {
        QAction* a = presets->addAction(QStringLiteral("%1  (L %2 / W %3)").arg(p.label).arg(p.level).arg(p.width), this,
                                        [this, name = p.name] { model_.applyPreset(name); });
        a->setToolTip(p.meaning);
        a->setShortcut(QKeySequence(QStringLiteral("F%1").arg(++key)));
    }
}

void MainWindow::buildToolbar() {
    QToolBar* bar = addToolBar(tr("Slab"));
    bar->setObjectName("slabToolbar");
    bar->addWidget(new QLabel(tr(" Slab: "), bar));
    auto* mode = new QComboBox(bar);
    mode->addItems({tr("Off"), tr("MIP"), tr("MinIP"), tr("Mean")});
    auto* thick = new QDoubleSpinBox(bar);
    thick->setRange(1.0, 100.0);
    thick->setSuffix(tr(" mm"));
    thick->setValue(model_.slab().thicknessMm);
    auto apply = [this, mode, thick] {
        model_.setSlab({static_cast<SlabMode>(mode->currentIndex()), thick->value()});
    };
    connect(mode, &QComboBox::currentIndexChanged, this, apply);
    connect(thick, &QDoubleSpinBox::valueChanged, this, apply);
    bar->addWidget(mode);
    bar->addWidget(thick);
}

void MainWindow::buildStatusBar() {
    hover_ = new QLabel(this);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 100);
    progress_->setMaximumWidth(320);
    cancel_ = new QPushButton(tr("Cancel"), this);
    connect(cancel_, &QPushButton::clicked, &loader_, &StudyLoader::cancel);
    connect(cancel_, &QPushButton::clicked, &masks_, &MaskLoader::cancel);
    statusBar()->addWidget(hover_, 1);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancel_);
    setBusy(false);
}

void MainWindow::setBusy(bool busy, const QString& what) {
    progress_->setVisible(busy);
    cancel_->setVisible(busy);
    progress_->setValue(0);
    progress_->setFormat(what + " %p%");
}

void MainWindow::refreshRecentMenu() {
    recentMenu_->clear();
    const QStringList items = recent_.list();
    for (const QString& p : items) recentMenu_->addAction(p, this, [this, p] { openPath(p); });
    if (items.isEmpty()) recentMenu_->addAction(tr("(none)"))->setEnabled(false);
    else {
        recentMenu_->addSeparator();
        recentMenu_->addAction(tr("Clear list"), this, [this] {
            recent_.clear();
            refreshRecentMenu();
        });
    }
}

void MainWindow::openPath(const QString& path) {
    if (loader_.isBusy()) return;
    pendingPath_ = path;
    setBusy(true, tr("Opening"));
    loader_.open(path);
}

void MainWindow::openDemo() {
    if (loader_.isBusy()) return;
    setBusy(true, tr("Generating phantom"));
    loader_.openDemo();
}

void MainWindow::showVolume(std::shared_ptr<const tv::CtVolume> volume) {
    const tv::VolumeInfo& info = volume->info;
    QString title = QStringLiteral("ThromboView - %1").arg(QString::fromStdString(
        info.seriesDescription.empty() ? info.sourcePath : info.seriesDescription));
    if (info.synthetic) title += tr(" [SYNTHETIC PHANTOM]");
    setWindowTitle(title);
    model_.setVolume(std::move(volume));
}

void MainWindow::connectMaskLoader() {
    connect(&masks_, &MaskLoader::progress, this, [this](int pct, const QString& stage) {
        if (loader_.isBusy()) return;  // the study's progress has the bar
        progress_->setValue(pct);
        progress_->setFormat(stage + " %p%");
    });
    connect(&masks_, &MaskLoader::loaded, this, &MainWindow::addMaskLayer);
    connect(&masks_, &MaskLoader::failed, this, &MainWindow::maskFailed);
    connect(&masks_, &MaskLoader::cancelled, this, [this](const MaskRequest& r) {
        statusBar()->showMessage(tr("Loading the mask cancelled"), 5000);
        emit maskFinished(r.path, false);
    });
    connect(&masks_, &MaskLoader::idle, this, [this] {
        if (!loader_.isBusy()) setBusy(false);
    });
}

void MainWindow::loadMask(const QString& path, bool quiet) { enqueueMask(path, quiet, false); }

void MainWindow::enqueueMask(const QString& path, bool quiet, bool openAsStudyIfNotLabels) {
    MaskRequest r;
    r.path = path;
    r.volume = model_.volume();
    r.quiet = quiet;
    r.openAsStudyIfNotLabels = openAsStudyIfNotLabels;
    if (!loader_.isBusy()) setBusy(true, tr("Loading mask"));
    masks_.enqueue(std::move(r));
}

void MainWindow::addMaskLayer(const MaskRequest& request, const LoadedMask& mask) {
    const QString name = QFileInfo(request.path).fileName();
    if (request.volume != model_.volume()) {  // another study was opened meanwhile
        lastMaskError_ = tr("%1 was read for the previous study and is not shown").arg(name);
        statusBar()->showMessage(lastMaskError_, 10000);
        emit maskFinished(request.path, false);
        return;
    }
    overlay_.addLayer(mask.labels, name, labelTableForMask(name, overlay_.layerCount()));
    if (mask.replaced) {
        const QString msg = tr("Mask layer added: %1 (saved on another crop of the same grid; re-placed, offset "
                               "%2, %3, %4 voxels)")
                                .arg(name)
                                .arg(mask.offsetVoxels[0])
                                .arg(mask.offsetVoxels[1])
                                .arg(mask.offsetVoxels[2]);
        qInfo().noquote() << msg;
        statusBar()->showMessage(msg, 10000);
    } else {
        statusBar()->showMessage(tr("Mask layer added: %1").arg(name), 5000);
    }
    emit maskFinished(request.path, true);
}

void MainWindow::maskFailed(const MaskRequest& request, const QString& message, bool wrongGrid) {
    lastMaskError_ = message;
    emit maskFinished(request.path, false);
    if (request.openAsStudyIfNotLabels && !wrongGrid) {  // a dropped NIfTI CT: open it as the study
        openPath(request.path);
        return;
    }
    if (request.quiet) {
        statusBar()->showMessage(tr("Mask refused: %1").arg(message), 15000);
        return;
    }
    // Not modal: the request may come from a drop, whose handler must not block the drag source.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Could not load the mask"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::exportScreenshot(bool wholeLayout, int scale) {
    const QString file = QFileDialog::getSaveFileName(this, tr("Save screenshot"), "thromboview.png", tr("PNG (*.png)"));
    if (file.isEmpty()) return;
    QImage img;
    QWidget* target = wholeLayout ? static_cast<QWidget*>(layout_) : layout_->activeSliceView();
    if (scale == 1) {
        img = grabWithViews(target);
    } else {
        ScreenshotRequest r;
        r.wholeLayout = wholeLayout;
        r.view = static_cast<ViewId>(layout_->activeSliceView()->orientation());
        r.size = target->size() * scale;
        img = renderScreenshot(model_, overlay_, r);
    }
    if (img.isNull() || !img.save(file, "PNG")) QMessageBox::warning(this, tr("Screenshot"), tr("Could not write %1").arg(file));
    else statusBar()->showMessage(tr("Saved %1 (%2 x %3)").arg(file).arg(img.width()).arg(img.height()), 8000);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasUrls()) e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
    // NIfTI files dropped on an open study are read as mask layers on a worker (several at once
    // are fine); one on another grid is refused with a message (not opened in place of the study),
    // one that is no label map (a NIfTI CT) is opened as the study; the first other item (folder,
    // DICOM file) is opened as the study.
    for (const QUrl& url : e->mimeData()->urls()) {
        if (!url.isLocalFile()) continue;
        const QString path = url.toLocalFile();
        if (tv::isNiftiPath(path.toStdString()) && model_.hasVolume()) {
            enqueueMask(path, false, true);
            continue;
        }
        openPath(path);
        break;
    }
}

}  // namespace tvui
