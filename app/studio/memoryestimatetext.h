#pragma once
// What calibration (and evaluation, when an evaluation folder is set) is estimated to take in memory, as the
// studio shows it: a line in the data panel, in red with what to do when it is above the default limit (80 %
// of the machine's memory, as the command-line tool uses), and a message when a calibration starts anyway.

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <vector>

namespace qs {

class Document;

struct MemoryEstimateText {
    Q_DECLARE_TR_FUNCTIONS(MemoryEstimateText)
public:
    bool known = false;        ///< false when there is no model yet or the sample shape is not known
    bool exceedsLimit = false; ///< above the default memory limit
    uint64_t bytes = 0;
    QString text;    ///< "Estimated memory for calibration: 120 MiB (batch 32)", or the warning
    QString details; ///< what the estimate counts (for a tooltip)

    /// The estimate for the document's model, config and folders. `sampleDims` is the shape of one
    /// preprocessed sample when an image was read; otherwise the config and the model must fix it.
    static MemoryEstimateText forDocument(const Document& document,
                                          const std::vector<int64_t>& sampleDims = {});
};

} // namespace qs
