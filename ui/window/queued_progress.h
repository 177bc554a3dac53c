#pragma once
// QueuedProgressSink: a tv::ProgressSink that workers call from any thread and that hands at most
// one update per whole percent or new stage to a callback on `receiver`'s (GUI) thread. Shared by
// the study and mask loaders.
#include <QObject>
#include <QPointer>
#include <QString>
#include <atomic>
#include <functional>
#include <mutex>
#include <string>

#include "util/progress.h"

namespace tvui {

class QueuedProgressSink final : public tv::ProgressSink {
public:
    using Callback = std::function<void(int percent, const QString& stage)>;
    QueuedProgressSink(QObject* receiver, Callback onProgress);
    void report(double fraction, const std::string& stage) override;

private:
    QPointer<QObject> receiver_;
    Callback onProgress_;
    std::atomic<int> lastPercent_{-1};
    std::mutex stageMutex_;
    std::string lastStage_;
};

}  // namespace tvui
