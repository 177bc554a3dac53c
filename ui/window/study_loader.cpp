#include "window/study_loader.h"

#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>
#include <filesystem>

#include "io/nifti_io.h"
#include "io/volume_source.h"
#include "model/demo_case.h"
#include "util/errors.h"

namespace tvui {

StudyLoader::StudyLoader(QObject* parent)
    : QObject(parent),
      sink_(std::make_unique<QueuedProgressSink>(this, [this](int percent, const QString& stage) {
          emit progress(percent, stage);
      })) {
    qRegisterMetaType<std::vector<tv::SeriesSummary>>();
    qRegisterMetaType<std::shared_ptr<const tv::CtVolume>>();
    qRegisterMetaType<std::shared_ptr<const tv::LabelMap>>();
}

StudyLoader::~StudyLoader() {
    cancel();
    QThreadPool::globalInstance()->waitForDone();  // the worker refers to sink_
}

void StudyLoader::cancel() {
    if (cancel_) cancel_->cancel();
}

void StudyLoader::open(const QString& path) { start(path, std::nullopt, true); }

void StudyLoader::loadSeries(const QString& path, const QString& seriesUid) {
    start(path, seriesUid.toStdString(), false);
}

QString describeLoadError(const std::exception& e) {
    if (dynamic_cast<const tv::UnsupportedEncodingError*>(&e))
        return QStringLiteral("The images use an encoding this build cannot decode.\n\n%1").arg(e.what());
    if (dynamic_cast<const tv::InconsistentSeriesError*>(&e))
        return QStringLiteral("The series is not one consistent CT volume.\n\n%1").arg(e.what());
    if (dynamic_cast<const tv::UnreadableFileError*>(&e))
        return QStringLiteral("A file could not be read.\n\n%1").arg(e.what());
    if (dynamic_cast<const tv::InvalidArgumentError*>(&e))
        return QStringLiteral("The study could not be opened as asked.\n\n%1").arg(e.what());
    return QStringLiteral("Loading failed.\n\n%1").arg(e.what());
}

void StudyLoader::run(
    std::function<void(tv::ProgressSink&, const tv::CancelToken&, std::function<void(std::function<void(StudyLoader*)>)>)> job) {
    if (busy_) return;
    busy_ = true;
    cancel_ = std::make_shared<tv::CancelFlag>();
    auto cancelFlag = cancel_;
    QueuedProgressSink* sink = sink_.get();
    QPointer<StudyLoader> self(this);
    QThreadPool::globalInstance()->start([self, sink, cancelFlag, job] {
        // Hands a result to the GUI thread; the loader is idle again when it runs there.
        auto post = [self](std::function<void(StudyLoader*)> fn) {
            QMetaObject::invokeMethod(self.data(), [self, fn] {
                if (!self) return;
                self->busy_ = false;
                fn(self.data());
            }, Qt::QueuedConnection);
        };
        try {
            job(*sink, *cancelFlag, post);
        } catch (const tv::CancelledError&) {
            post([](StudyLoader* o) { emit o->cancelled(); });
        } catch (const std::exception& e) {
            const QString msg = describeLoadError(e);
            post([msg](StudyLoader* o) { emit o->failed(msg); });
        }
    });
}

void StudyLoader::openDemo() {
    run([](tv::ProgressSink& sink, const tv::CancelToken& cancel, auto post) {
        DemoCase d = makeDemoCase(sink, cancel);
        post([d](StudyLoader* o) { emit o->demoLoaded(d.ct, d.labels); });
    });
}

void StudyLoader::start(const QString& path, const std::optional<std::string>& uid, bool scanFirst) {
    const std::filesystem::path p = path.toStdString();
    run([p, uid, scanFirst, path](tv::ProgressSink& sink, const tv::CancelToken& cancel, auto post) {
        if (scanFirst && std::filesystem::is_directory(p)) {
            tv::DicomScanResult scan = tv::scanDicom(p, sink, cancel);
            std::vector<tv::SeriesSummary> ct;
            for (auto& s : scan.series)
                if (s.modality == "CT" || s.modality.empty()) ct.push_back(s);
            if (ct.size() > 1) {
                post([path, ct](StudyLoader* o) { emit o->seriesFound(path, ct); });
                return;
            }
        }
        tv::SeriesLoadReport report;
        auto volume = std::make_shared<tv::CtVolume>(tv::loadVolume(p, uid, sink, cancel, &report));
        QStringList warnings;
        for (const auto& w : report.warnings) warnings << QString::fromStdString(w);
        for (const auto& s : report.skipped)
            warnings << QStringLiteral("skipped %1: %2").arg(QString::fromStdString(s.path.string()),
                                                             QString::fromStdString(s.reason));
        std::shared_ptr<const tv::CtVolume> result = std::move(volume);
        post([result, warnings](StudyLoader* o) { emit o->loaded(result, warnings); });
    });
}

}  // namespace tvui
