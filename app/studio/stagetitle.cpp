#include "stagetitle.h"

#include <QCoreApplication>

namespace qs {

namespace {

constexpr const char* kContext = "qs::ProgressStage";

// Every phrase core passes to a progress callback (reportProgress and direct calls in core/model, core/data,
// core/quant, core/eval, core/workflow and core/export). The source text is the phrase itself.
const char* const kFixedStages[] = {
    // Loading a model.
    QT_TRANSLATE_NOOP("qs::ProgressStage", "reading"),
    //: Parsing the protobuf of an ONNX file.
    QT_TRANSLATE_NOOP("qs::ProgressStage", "parsing"),
    //: Running the ONNX checker on a model that was just read.
    QT_TRANSLATE_NOOP("qs::ProgressStage", "checking"),
    QT_TRANSLATE_NOOP("qs::ProgressStage", "inferring shapes"),
    //: Converting the ONNX graph into the internal graph.
    QT_TRANSLATE_NOOP("qs::ProgressStage", "converting graph"),
    //: Sorting the graph's nodes topologically.
    QT_TRANSLATE_NOOP("qs::ProgressStage", "sorting"),
    QT_TRANSLATE_NOOP("qs::ProgressStage", "loaded"),
    // Image folders and data.
    QT_TRANSLATE_NOOP("qs::ProgressStage", "Checking images"),
    QT_TRANSLATE_NOOP("qs::ProgressStage", "Loading images"),
    QT_TRANSLATE_NOOP("qs::ProgressStage", "Scanning calibration images"),
    QT_TRANSLATE_NOOP("qs::ProgressStage", "Scanning evaluation images"),
    // Calibration and quantization.
    QT_TRANSLATE_NOOP("qs::ProgressStage", "Calibrating"),
    QT_TRANSLATE_NOOP("qs::ProgressStage", "Computing activation ranges"),
    QT_TRANSLATE_NOOP("qs::ProgressStage", "Quantizing weights"),
    QT_TRANSLATE_NOOP("qs::ProgressStage", "Correcting biases"),
    // Evaluation and sensitivity.
    QT_TRANSLATE_NOOP("qs::ProgressStage", "evaluating"),
    QT_TRANSLATE_NOOP("qs::ProgressStage", "running the float model"),
    QT_TRANSLATE_NOOP("qs::ProgressStage", "sensitivity measured"),
    // Export.
    //: Replacing quantized layers by QuantizeLinear/DequantizeLinear nodes.
    QT_TRANSLATE_NOOP("qs::ProgressStage", "rewriting the graph"),
    QT_TRANSLATE_NOOP("qs::ProgressStage", "encoding weights"),
    QT_TRANSLATE_NOOP("qs::ProgressStage", "encoding biases"),
    QT_TRANSLATE_NOOP("qs::ProgressStage", "quantized graph built"),
    //: Checking the exported model and serializing it to protobuf.
    QT_TRANSLATE_NOOP("qs::ProgressStage", "checking and serializing"),
    //: Writing the exported file.
    QT_TRANSLATE_NOOP("qs::ProgressStage", "writing"),
    QT_TRANSLATE_NOOP("qs::ProgressStage", "exported"),
    QT_TRANSLATE_NOOP("qs::ProgressStage", "done"),
};

/// A stage whose phrase is a fixed prefix followed by a variable part; `title` shows that part as %1.
struct PrefixedStage {
    const char* prefix;
    const char* title;
};

const PrefixedStage kPrefixedStages[] = {
    //: %1 is the image folder whose files are being listed.
    {"Listing ", QT_TRANSLATE_NOOP("qs::ProgressStage", "Listing %1")},
    //: Sensitivity analysis: only layer %1 is quantized while the model runs.
    {"quantizing only ", QT_TRANSLATE_NOOP("qs::ProgressStage", "quantizing only %1")},
};

const char* fixedStage(const QString& stage) {
    for (const char* known : kFixedStages)
        if (stage == QLatin1String(known))
            return known;
    return nullptr;
}

const PrefixedStage* prefixedStage(const QString& stage) {
    for (const PrefixedStage& known : kPrefixedStages)
        if (stage.startsWith(QLatin1String(known.prefix)) && stage.size() > int(qstrlen(known.prefix)))
            return &known;
    return nullptr;
}

} // namespace

QString stageTitle(const QString& stage) {
    if (const char* known = fixedStage(stage))
        return QCoreApplication::translate(kContext, known);
    if (const PrefixedStage* known = prefixedStage(stage))
        return QCoreApplication::translate(kContext, known->title)
            .arg(stage.mid(int(qstrlen(known->prefix))));
    return stage;
}

QString stageTitle(const std::string& stage) {
    return stageTitle(QString::fromStdString(stage));
}

bool isKnownStage(const QString& stage) {
    return fixedStage(stage) != nullptr || prefixedStage(stage) != nullptr;
}

} // namespace qs
