#pragma once
// SeriesBrowser: lets the user pick one series when a folder holds several (description, image
// count, size, and a thumbnail of the middle image at a soft-tissue window).
#include <QDialog>
#include <vector>

#include "dicom/dicom_scan.h"

class QListWidget;

namespace tvui {

class SeriesBrowser : public QDialog {
    Q_OBJECT
public:
    SeriesBrowser(const std::vector<tv::SeriesSummary>& series, QWidget* parent = nullptr);
    /// SeriesInstanceUID of the chosen series (after exec() == Accepted).
    QString selectedSeriesUid() const;

private:
    QListWidget* list_;
    std::vector<tv::SeriesSummary> series_;
};

/// Thumbnail (size x size) of the middle image of `series`; a gray placeholder when it cannot be
/// decoded (the reason is in the tooltip text written to `why`).
QImage seriesThumbnail(const tv::SeriesSummary& series, int size, QString* why = nullptr);

}  // namespace tvui
