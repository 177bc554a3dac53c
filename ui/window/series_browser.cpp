#include "window/series_browser.h"

#include <QDialogButtonBox>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <vector>

#include "dicom/dicom_header.h"
#include "dicom/dicom_pixel_decoder.h"

namespace tvui {

QImage seriesThumbnailPlaceholder(int size) {
    QImage placeholder(size, size, QImage::Format_RGB32);
    placeholder.fill(QColor(60, 60, 60));
    return placeholder;
}

QImage seriesThumbnail(const tv::SeriesSummary& series, int size, QString* why) {
    const QImage placeholder = seriesThumbnailPlaceholder(size);
    if (series.files.empty()) return placeholder;
    try {
        // Middle file by name is good enough for a thumbnail (no sorting needed to recognise a series).
        std::vector<std::filesystem::path> files = series.files;
        std::sort(files.begin(), files.end());
        const tv::DicomImageHeader h = tv::readDicomImageHeader(files[files.size() / 2]);
        std::vector<std::int16_t> hu(static_cast<std::size_t>(h.rows) * static_cast<std::size_t>(h.columns));
        tv::decodeSliceToHu(h, hu.data());
        QImage img(h.columns, h.rows, QImage::Format_Grayscale8);
        for (int r = 0; r < h.rows; ++r) {
            uchar* line = img.scanLine(r);
            for (int c = 0; c < h.columns; ++c) {
                const double v = (hu[static_cast<std::size_t>(r) * h.columns + c] - (40.0 - 200.0)) / 400.0;
                line[c] = static_cast<uchar>(std::clamp(v, 0.0, 1.0) * 255.0);
            }
        }
        return img.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    } catch (const std::exception& e) {
        if (why) *why = QString::fromUtf8(e.what());
        return placeholder;
    }
}

SeriesBrowser::SeriesBrowser(const std::vector<tv::SeriesSummary>& series, QWidget* parent)
    : QDialog(parent), series_(series) {
    setWindowTitle(tr("Choose a series"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("This folder holds %1 series. Choose the one to open:").arg(series.size())));
    list_ = new QListWidget(this);
    list_->setIconSize(QSize(kThumbnailSize, kThumbnailSize));
    list_->setMinimumSize(560, 360);
    const QIcon placeholder(QPixmap::fromImage(seriesThumbnailPlaceholder(kThumbnailSize)));
    pool_.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
    for (std::size_t row = 0; row < series_.size(); ++row) {
        const tv::SeriesSummary& s = series_[row];
        const QString text = QStringLiteral("%1\n#%2  %3  %4 images  %5 x %6\n%7")
                                 .arg(QString::fromStdString(s.seriesDescription.empty() ? "(no description)" : s.seriesDescription))
                                 .arg(s.seriesNumber)
                                 .arg(QString::fromStdString(s.modality))
                                 .arg(s.imageCount())
                                 .arg(s.columns)
                                 .arg(s.rows)
                                 .arg(QString::fromStdString(s.studyDescription));
        new QListWidgetItem(placeholder, text, list_);
        struct Thumbnail {
            QImage image;
            QString why;
        };
        ++pending_;
        QtConcurrent::run(&pool_, [s] {
            Thumbnail t;
            t.image = seriesThumbnail(s, kThumbnailSize, &t.why);
            return t;
        }).then(this, [this, row](const Thumbnail& t) {
            --pending_;
            QListWidgetItem* item = list_->item(static_cast<int>(row));
            if (!item) return;
            item->setIcon(QIcon(QPixmap::fromImage(t.image)));
            if (!t.why.isEmpty()) item->setToolTip(t.why);
            emit thumbnailReady(static_cast<int>(row));
        });
    }
    list_->setCurrentRow(0);
    layout->addWidget(list_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(list_, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
    layout->addWidget(buttons);
}

SeriesBrowser::~SeriesBrowser() {
    pool_.clear();
    pool_.waitForDone();
}

QString SeriesBrowser::selectedSeriesUid() const {
    const int row = list_->currentRow();
    if (row < 0 || row >= static_cast<int>(series_.size())) return {};
    return QString::fromStdString(series_[static_cast<std::size_t>(row)].seriesInstanceUid);
}

}  // namespace tvui
