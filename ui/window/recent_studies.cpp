#include "window/recent_studies.h"

#include <QSettings>

namespace tvui {

namespace {
const char* kKey = "recentStudies";
}

QStringList RecentStudies::list() const { return QSettings().value(kKey).toStringList(); }

void RecentStudies::add(const QString& path) {
    QStringList l = list();
    l.removeAll(path);
    l.prepend(path);
    while (l.size() > kMax) l.removeLast();
    QSettings().setValue(kKey, l);
}

void RecentStudies::clear() { QSettings().remove(kKey); }

}  // namespace tvui
