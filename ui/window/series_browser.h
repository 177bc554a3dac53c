#pragma once
// SeriesBrowser: lets the user pick one series when a folder holds several (description, image
// count, size, and a thumbnail of the middle image at a soft-tissue window). The thumbnails are
// decoded on worker threads and filled in as they arrive (a JPEG 2000 slice takes about 0.1 s to
// decode here): the dialog opens at once and stays responsive.
#include <QDialog>
#include <QThreadPool>
#include <vector>

#include "dicom/dicom_scan.h"

class QListWidget;

namespace tvui {

class SeriesBrowser : public QDialog {
    Q_OBJECT
public:
    SeriesBrowser(const std::vector<tv::SeriesSummary>& series, QWidget* parent = nullptr);
    /// Drops thumbnails not yet started and waits for the ones being decoded.
    ~SeriesBrowser() override;
    /// SeriesInstanceUID of the chosen series (after exec() == Accepted).
    QString selectedSeriesUid() const;
    /// Thumbnails still being decoded.
    int pendingThumbnails() const { return pending_; }
    /// The list (one row per series, in the order given), e.g. for tests.
    QListWidget* list() const { return list_; }

    static constexpr int kThumbnailSize = 96;

signals:
    /// The thumbnail of row `row` has been decoded and set (placeholder if it could not be).
    void thumbnailReady(int row);

private:
    QListWidget* list_;
    std::vector<tv::SeriesSummary> series_;
    QThreadPool pool_;  // own pool: closing the dialog cancels what has not started
    int pending_ = 0;
};

/// Thumbnail (size x size) of the middle image of `series`; a gray placeholder when it cannot be
/// decoded (the reason is in the tooltip text written to `why`). Thread-safe (no GUI objects).
QImage seriesThumbnail(const tv::SeriesSummary& series, int size, QString* why = nullptr);
/// The gray placeholder shown until (or instead of) a thumbnail.
QImage seriesThumbnailPlaceholder(int size);

}  // namespace tvui
