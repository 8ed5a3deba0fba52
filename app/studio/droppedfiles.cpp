#include "droppedfiles.h"

#include <QFileInfo>
#include <QMimeData>
#include <QUrl>
#include <functional>

namespace qs {

namespace {

QString firstLocal(const QMimeData* mime, const std::function<bool(const QString&)>& accepts) {
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && accepts(url.toLocalFile()))
            return url.toLocalFile();
    return {};
}

} // namespace

QString droppedModelPath(const QMimeData* mime) {
    return firstLocal(mime, [](const QString& path) {
        return path.endsWith(QLatin1String(".onnx"), Qt::CaseInsensitive) && !QFileInfo(path).isDir();
    });
}

QString droppedProject(const QMimeData* mime) {
    return firstLocal(mime, [](const QString& path) {
        return path.endsWith(QLatin1String(".qsproj"), Qt::CaseInsensitive) && !QFileInfo(path).isDir();
    });
}

QString droppedFolder(const QMimeData* mime) {
    return firstLocal(mime, [](const QString& path) { return QFileInfo(path).isDir(); });
}

QString droppedConfig(const QMimeData* mime) {
    return firstLocal(mime, [](const QString& path) {
        return path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) && !QFileInfo(path).isDir();
    });
}

} // namespace qs
