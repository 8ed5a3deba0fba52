#include "strategytrials.h"

#include "eval/evaluation.h"
#include "workflow/modelsizes.h"

#include <QCoreApplication>

namespace qs {

namespace {

QString schemeText(const QuantScheme& scheme) {
    switch (scheme.kind) {
    case SchemeKind::Float:
        return QStringLiteral("float");
    case SchemeKind::Log:
        return QStringLiteral("log%1").arg(scheme.bits);
    case SchemeKind::Codebook:
        return QStringLiteral("codebook%1").arg(scheme.bits);
    case SchemeKind::Uniform:
        break;
    }
    return QStringLiteral("%1%2")
        .arg(scheme.bits)
        .arg(scheme.granularity == Granularity::PerChannel
                 ? QCoreApplication::translate("qs::StrategyTrials", " per-channel")
                 : QString());
}

} // namespace

QString StrategyTrials::describe(const QuantStrategy& strategy) {
    QString text = QStringLiteral("W%1 · A%2 · %3")
                       .arg(schemeText(strategy.weights))
                       .arg(strategy.activations.bits)
                       .arg(QString::fromStdString(strategy.calibration.method));
    if (!strategy.layers.empty())
        text += QCoreApplication::translate("qs::StrategyTrials", " · %n override(s)", nullptr,
                                            int(strategy.layers.size()));
    const size_t kept = strategy.floatLayers.size() + strategy.floatOpTypes.size();
    if (kept)
        text += QCoreApplication::translate("qs::StrategyTrials", " · %n kept float", nullptr, int(kept));
    return text;
}

int StrategyTrials::record(const QuantConfig& config, const QString& evaluationFolder,
                           const EvaluationResult& evaluation, const ModelSizes& sizes) {
    StrategyTrial trial;
    trial.config = config;
    trial.config.sourceName.clear();
    trial.label = describe(config.strategy());
    trial.evaluationFolder = evaluationFolder;
    trial.quantizedBytes = qint64(sizes.quantizedWeightBytes);
    trial.floatBytes = qint64(sizes.floatWeightBytes);
    trial.labelled = evaluation.labelled && evaluation.candidateTop1.has_value();
    trial.accuracy = trial.labelled ? *evaluation.candidateTop1 : evaluation.agreementTop1;
    if (const int existing = idOf(config, evaluationFolder)) {
        for (StrategyTrial& known : m_trials)
            if (known.id == existing) {
                trial.id = existing;
                known = trial;
            }
        return existing;
    }
    trial.id = m_nextId++;
    m_trials.append(trial);
    return trial.id;
}

std::optional<StrategyTrial> StrategyTrials::find(int id) const {
    for (const StrategyTrial& trial : m_trials)
        if (trial.id == id)
            return trial;
    return std::nullopt;
}

int StrategyTrials::idOf(const QuantConfig& config, const QString& evaluationFolder) const {
    QuantConfig plain = config;
    plain.sourceName.clear();
    const std::string json = quantConfigToJson(plain);
    for (const StrategyTrial& trial : m_trials)
        if (trial.evaluationFolder == evaluationFolder && quantConfigToJson(trial.config) == json)
            return trial.id;
    return 0;
}

void StrategyTrials::clear() {
    m_trials.clear();
    m_nextId = 1;
}

} // namespace qs
