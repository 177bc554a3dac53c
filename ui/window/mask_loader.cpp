#include "window/mask_loader.h"

#include <QMetaObject>
#include <QPointer>
#include <optional>

#include "io/nifti_io.h"
#include "util/errors.h"

namespace tvui {

MaskLoader::MaskLoader(QObject* parent)
    : QObject(parent), sink_(std::make_unique<QueuedProgressSink>(this, [this](int percent, const QString& stage) {
          emit progress(percent, stage);
      })) {
    pool_.setMaxThreadCount(1);
}

MaskLoader::~MaskLoader() {
    queue_.clear();
    if (cancel_) cancel_->cancel();
    pool_.waitForDone();  // the worker uses sink_
}

QString describeMaskError(const std::exception& e, bool* wrongGrid) {
    const bool grid = dynamic_cast<const tv::InconsistentSeriesError*>(&e) != nullptr;
    if (wrongGrid) *wrongGrid = grid;
    if (grid)
        return QStringLiteral("The mask is not on the open study's voxel grid (nor on a crop of it), so it cannot be "
                              "drawn without resampling.\n\n%1")
            .arg(QString::fromUtf8(e.what()));
    if (dynamic_cast<const tv::UnreadableFileError*>(&e))
        return QStringLiteral("The mask file could not be read.\n\n%1").arg(QString::fromUtf8(e.what()));
    return QStringLiteral("The file could not be loaded as a label map.\n\n%1").arg(QString::fromUtf8(e.what()));
}

void MaskLoader::enqueue(MaskRequest request) {
    queue_.push_back(std::move(request));
    if (!running_) startNext();
}

void MaskLoader::cancel() {
    queue_.clear();
    if (cancel_) cancel_->cancel();
}

void MaskLoader::startNext() {
    if (queue_.empty()) {
        running_ = false;
        emit idle();
        return;
    }
    running_ = true;
    MaskRequest request = std::move(queue_.front());
    queue_.pop_front();
    cancel_ = std::make_shared<tv::CancelFlag>();
    auto cancelFlag = cancel_;
    QueuedProgressSink* sink = sink_.get();
    QPointer<MaskLoader> self(this);
    pool_.start([self, sink, cancelFlag, request] {
        // Runs `fn` on the GUI thread, then the next request.
        auto post = [self](std::function<void(MaskLoader*)> fn) {
            QMetaObject::invokeMethod(self.data(), [self, fn] {
                if (!self) return;
                fn(self.data());
                self->startNext();
            }, Qt::QueuedConnection);
        };
        try {
            if (!request.volume) throw tv::InvalidArgumentError("no study is open to place the mask on");
            tv::PlacedLabels placed = tv::readNiftiLabelsPlacedOnGrid(request.path.toStdString(),
                                                                      request.volume->geometry(), *sink, *cancelFlag);
            LoadedMask mask;
            mask.labels = std::make_shared<const tv::LabelMap>(std::move(placed.labels));
            mask.replaced = placed.replaced;
            mask.offsetVoxels = placed.offsetVoxels;
            post([request, mask](MaskLoader* o) { emit o->loaded(request, mask); });
        } catch (const tv::CancelledError&) {
            post([request](MaskLoader* o) { emit o->cancelled(request); });
        } catch (const std::exception& e) {
            bool wrongGrid = false;
            const QString message = describeMaskError(e, &wrongGrid);
            post([request, message, wrongGrid](MaskLoader* o) { emit o->failed(request, message, wrongGrid); });
        }
    });
}

}  // namespace tvui
