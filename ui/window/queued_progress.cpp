#include "window/queued_progress.h"

#include <QMetaObject>

namespace tvui {

QueuedProgressSink::QueuedProgressSink(QObject* receiver, Callback onProgress)
    : receiver_(receiver), onProgress_(std::move(onProgress)) {}

void QueuedProgressSink::report(double fraction, const std::string& stage) {
    const int percent = static_cast<int>(fraction * 100.0 + 0.5);
    const int last = lastPercent_.exchange(percent);
    {
        std::lock_guard<std::mutex> lock(stageMutex_);
        if (percent == last && stage == lastStage_) return;
        lastStage_ = stage;
    }
    QObject* receiver = receiver_.data();
    if (!receiver) return;
    QPointer<QObject> guard(receiver);
    const QString s = QString::fromStdString(stage);
    Callback cb = onProgress_;
    QMetaObject::invokeMethod(receiver, [guard, cb, percent, s] {
        if (guard) cb(percent, s);
    }, Qt::QueuedConnection);
}

}  // namespace tvui
