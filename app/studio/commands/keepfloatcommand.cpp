#include "keepfloatcommand.h"

#include <QCoreApplication>
#include <algorithm>

namespace qs {

namespace {

QString commandText(const QStringList& layers, bool keepFloat) {
    const char* single = keepFloat ? QT_TRANSLATE_NOOP("qs::KeepFloatCommand", "Keep %1 float")
                                   : QT_TRANSLATE_NOOP("qs::KeepFloatCommand", "Quantize %1");
    const char* several = keepFloat ? QT_TRANSLATE_N_NOOP("qs::KeepFloatCommand", "Keep %n layers float")
                                    : QT_TRANSLATE_N_NOOP("qs::KeepFloatCommand", "Quantize %n layers");
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
