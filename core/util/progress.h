#pragma once
// Small interfaces through which long core operations report progress and learn about cancellation.
// The GUI implements them with Qt (signals to a progress bar, a cancel button); tests and the CLI use
// the simple implementations below. Core never uses globals for this.
#include <atomic>
#include <string>

#include "util/errors.h"

namespace tv {

/// Receives progress of a long operation. Implementations must be thread-safe: decoding reports
/// from several worker threads.
class ProgressSink {
public:
    virtual ~ProgressSink() = default;
    /// `fraction` in [0, 1] of the current stage; `stage` is a short human-readable label.
    virtual void report(double fraction, const std::string& stage) = 0;
};

/// Lets the caller ask a running operation to stop. Checking is cheap (one atomic load).
class CancelToken {
public:
    virtual ~CancelToken() = default;
    virtual bool isCancelled() const = 0;
    /// Throws CancelledError when cancellation was requested.
    void throwIfCancelled() const {
        if (isCancelled()) throw CancelledError();
    }
};

/// Ignores all progress.
class NullProgress final : public ProgressSink {
public:
    void report(double, const std::string&) override {}
};

/// A cancel flag that anyone holding a reference can set (GUI cancel button, tests).
class CancelFlag final : public CancelToken {
public:
    void cancel() { flag_.store(true, std::memory_order_relaxed); }
    bool isCancelled() const override { return flag_.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> flag_{false};
};

/// Never cancelled.
inline const CancelToken& neverCancel() {
    static const CancelFlag token;
    return token;
}

inline ProgressSink& noProgress() {
    static NullProgress sink;
    return sink;
}

}  // namespace tv
