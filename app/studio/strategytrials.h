#pragma once
// Every strategy evaluated on the open model, in the order they were tried: the config, its size and its
// accuracy (or agreement with float when the evaluation folder has no labels). The size-versus-accuracy chart
// shows them; choosing one restores its config as one undoable edit.
//
// A strategy evaluated again (same config, same evaluation folder) replaces its earlier entry, so the list
// holds each strategy once, with its latest numbers.

#include "quant/quantconfig.h"

#include <QList>
#include <QString>
#include <optional>

namespace qs {

struct EvaluationResult;
struct ModelSizes;

struct StrategyTrial {
    int id = 0;         ///< stable for the open model; 1, 2, ... in the order first tried
    QString label;      ///< short description, e.g. "W8 per-channel · A8 · mse"
    QuantConfig config; ///< the whole config as evaluated
    QString evaluationFolder;
    qint64 quantizedBytes = 0;
    qint64 floatBytes = 0;
    double accuracy = 0.0; ///< top-1 fraction when labelled, else top-1 agreement with float
    bool labelled = false;
};

class StrategyTrials {
public:
    /// Records an evaluation of `config` on `evaluationFolder`; returns the trial's id.
    int record(const QuantConfig& config, const QString& evaluationFolder, const EvaluationResult& evaluation,
               const ModelSizes& sizes);
    const QList<StrategyTrial>& trials() const { return m_trials; }
    /// The trial with `id`, or nothing.
    std::optional<StrategyTrial> find(int id) const;
    /// The trial whose config equals `config` (evaluated on `evaluationFolder`), or 0.
    int idOf(const QuantConfig& config, const QString& evaluationFolder) const;
    void clear();

    /// A short description of a strategy: weight scheme, activation bits, range method, overrides and layers
    /// kept float.
    static QString describe(const QuantStrategy& strategy);

private:
    QList<StrategyTrial> m_trials;
    int m_nextId = 1;
};

} // namespace qs
