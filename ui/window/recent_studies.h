#pragma once
// Most recently opened studies (paths), newest first, kept in QSettings.
#include <QStringList>

namespace tvui {

class RecentStudies {
public:
    static constexpr int kMax = 8;
    QStringList list() const;
    void add(const QString& path);
    void clear();
};

}  // namespace tvui
