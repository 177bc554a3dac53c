#pragma once
// MaskLoader: reads NIfTI label maps for the open volume off the GUI thread (File > Load mask,
// drag and drop, --mask). Reading a compressed mask and re-placing it on the volume's grid
// (tv::readNiftiLabelsPlacedOnGrid) takes from milliseconds to seconds; the GUI keeps running.
// Requests run one at a time in the order given (layers stack in that order), with progress,
// cancellation (the running request and the queued ones) and readable error messages.
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <deque>
#include <memory>

#include "image/image.h"
#include "util/progress.h"
#include "window/queued_progress.h"

namespace tvui {

struct MaskRequest {
    QString path;
    std::shared_ptr<const tv::CtVolume> volume;  // the mask is placed on this volume's grid
    bool quiet = false;             // failure goes to the status bar only (no message box)
    bool openAsStudyIfNotLabels = false;  // a dropped NIfTI that is no label map is a study
};

struct LoadedMask {
    std::shared_ptr<const tv::LabelMap> labels;  // on the request volume's grid
    bool replaced = false;                       // saved on another crop of the same lattice
    tv::Index3 offsetVoxels{0, 0, 0};
};

class MaskLoader : public QObject {
    Q_OBJECT
public:
    explicit MaskLoader(QObject* parent = nullptr);
    ~MaskLoader() override;

    void enqueue(MaskRequest request);
    /// Stops the running request (it ends with cancelled()) and drops the queued ones.
    void cancel();
    bool isBusy() const { return running_; }

signals:
    void progress(int percent, const QString& stage);
    void loaded(const tvui::MaskRequest& request, const tvui::LoadedMask& mask);
    /// `wrongGrid`: the file is a label map on a grid it cannot be placed on without interpolation.
    void failed(const tvui::MaskRequest& request, const QString& message, bool wrongGrid);
    void cancelled(const tvui::MaskRequest& request);
    /// The queue is empty and nothing runs.
    void idle();

private:
    void startNext();

    QThreadPool pool_;  // its own, so masks never wait behind a study load (and vice versa)
    std::deque<MaskRequest> queue_;
    std::shared_ptr<tv::CancelFlag> cancel_;
    std::unique_ptr<QueuedProgressSink> sink_;
    bool running_ = false;
};

/// A readable message for an exception from reading or placing a mask (names the file).
QString describeMaskError(const std::exception& e, bool* wrongGrid = nullptr);

}  // namespace tvui
