#pragma once
// What a drag carries that the studio can use: a model, a folder of images, a config file.

#include <QString>

class QMimeData;

namespace qs {

/// The first local .onnx file of the drag, or "".
QString droppedModelPath(const QMimeData* mime);
/// The first local .qsproj file of the drag, or "".
QString droppedProject(const QMimeData* mime);
/// The first local folder of the drag, or "".
QString droppedFolder(const QMimeData* mime);
/// The first local .json file of the drag, or "".
QString droppedConfig(const QMimeData* mime);

} // namespace qs
