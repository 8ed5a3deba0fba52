#include "keepfloatcommand.h"

#include <QCoreApplication>
#include <algorithm>

namespace qs {

namespace {

QString commandText(const QStringList& layers, bool keepFloat) {
    const char* single = keepFloat ? "Keep %1 float" : "Quantize %1";
    const char* several = keepFloat ? "Keep %n layers float" : "Quantize %n layers";
    if (layers.size() == 1)
        return QCoreApplication::translate("qs::KeepFloatCommand", single).arg(layers.front());
    return QCoreApplication::translate("qs::KeepFloatCommand", several, nullptr, int(layers.size()));
}

} // namespace

KeepFloatCommand::KeepFloatCommand(Document* document, const QStringList& layers, bool keepFloat)
    : ConfigCommand(document, commandText(layers, keepFloat)) {
    std::vector<std::string>& floatLayers = mutableAfter().floatLayers;
    for (const QString& name : layers) {
        const std::string layer = name.toStdString();
        auto found = std::find(floatLayers.begin(), floatLayers.end(), layer);
        if (keepFloat && found == floatLayers.end())
            floatLayers.push_back(layer);
        else if (!keepFloat && found != floatLayers.end())
            floatLayers.erase(found);
    }
}

} // namespace qs
