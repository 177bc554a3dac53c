#pragma once
// MainWindow: menus, toolbar, status bar and docks around the ViewLayout. Opening studies goes
// through StudyLoader (off the GUI thread); views and panels listen to the shared models.
#include <QMainWindow>
#include <memory>

#include "image/image.h"
#include "model/overlay_model.h"
#include "model/viewer_model.h"
#include "window/mask_loader.h"
#include "window/recent_studies.h"
#include "window/study_loader.h"

class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;

namespace tvui {

class ViewLayout;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    ViewerModel& model() { return model_; }
    OverlayModel& overlay() { return overlay_; }
    ViewLayout* viewLayout() const { return layout_; }
    StudyLoader& loader() { return loader_; }

    /// Opens a DICOM folder/file or NIfTI file (asynchronously).
    void openPath(const QString& path);
    void openDemo();
    /// Adds a NIfTI label map on the current grid as an overlay layer (label names from
    /// labelTableForMask). Read and placed on a worker (MaskLoader), in the order asked; ends with
    /// maskFinished(). When it cannot be read or lies on another grid: a message box (a status-bar
    /// message when `quiet`), the text in lastMaskError().
    void loadMask(const QString& path, bool quiet = false);
    const QString& lastMaskError() const { return lastMaskError_; }
    MaskLoader& maskLoader() { return masks_; }

signals:
    /// A mask asked for by loadMask() or a drop is in (`added`) or was refused/cancelled.
    void maskFinished(const QString& path, bool added);

protected:
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;

private:
    void enqueueMask(const QString& path, bool quiet, bool openAsStudyIfNotLabels);
    void addMaskLayer(const MaskRequest& request, const LoadedMask& mask);
    void maskFailed(const MaskRequest& request, const QString& message, bool wrongGrid);
    void connectMaskLoader();
    void buildMenus();
    void buildToolbar();
    void buildStatusBar();
    void refreshRecentMenu();
    void setBusy(bool busy, const QString& what = {});
    void showVolume(std::shared_ptr<const tv::CtVolume> volume);
    void exportScreenshot(bool wholeLayout, int scale);

    ViewerModel model_;
    OverlayModel overlay_;
    StudyLoader loader_;
    MaskLoader masks_;
    RecentStudies recent_;
    ViewLayout* layout_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QLabel* hover_ = nullptr;
    QString pendingPath_;
    QString lastMaskError_;
};

}  // namespace tvui
