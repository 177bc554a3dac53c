#pragma once
// StudyLoader: opens a study off the GUI thread. A folder is first scanned for DICOM series (so the
// window can offer a series browser when it holds several); then the chosen series (or a NIfTI
// file) is loaded with tv::loadVolume. Progress and cancellation go through tv::ProgressSink and
// tv::CancelToken; results and readable error messages come back as queued signals.
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "dicom/dicom_scan.h"
#include "image/image.h"
#include "util/progress.h"
#include "window/queued_progress.h"

namespace tvui {

class StudyLoader : public QObject {
    Q_OBJECT
public:
    explicit StudyLoader(QObject* parent = nullptr);
    ~StudyLoader() override;

    bool isBusy() const { return busy_; }

    /// Scans `path` when it is a folder; emits seriesFound (2+ CT-like series) or goes straight on
    /// to loading (0/1 series, NIfTI file, single DICOM file).
    void open(const QString& path);
    /// Loads one series of `path` (after the user chose it in the series browser).
    void loadSeries(const QString& path, const QString& seriesUid);
    /// Generates the built-in demo case (synthetic phantom + truth labels) off the GUI thread.
    void openDemo();
    /// Asks the running operation to stop; it ends with cancelled().
    void cancel();

signals:
    void progress(int percent, const QString& stage);
    void seriesFound(const QString& path, const std::vector<tv::SeriesSummary>& series);
    void loaded(std::shared_ptr<const tv::CtVolume> volume, const QStringList& warnings);
    void demoLoaded(std::shared_ptr<const tv::CtVolume> volume, std::shared_ptr<const tv::LabelMap> labels);
    void failed(const QString& message);
    void cancelled();

private:
    void start(const QString& path, const std::optional<std::string>& uid, bool scanFirst);
    void run(std::function<void(tv::ProgressSink&, const tv::CancelToken&, std::function<void(std::function<void(StudyLoader*)>)>)> job);

    std::unique_ptr<QueuedProgressSink> sink_;
    std::shared_ptr<tv::CancelFlag> cancel_;
    bool busy_ = false;
};

/// A readable one-paragraph message for an exception from the loader.
QString describeLoadError(const std::exception& e);

}  // namespace tvui

Q_DECLARE_METATYPE(std::vector<tv::SeriesSummary>)
Q_DECLARE_METATYPE(std::shared_ptr<const tv::CtVolume>)
Q_DECLARE_METATYPE(std::shared_ptr<const tv::LabelMap>)
