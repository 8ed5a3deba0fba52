#include "stagelog.h"

#include <iostream>
#include <unistd.h>

namespace qs::cli {

StageLog::StageLog(const std::string& label, bool quiet)
    : line_(label), lineCallback_(line_.callback()), quiet_(quiet || isatty(STDERR_FILENO)) {}

ProgressCallback StageLog::callback() {
    return [this](double fraction, const std::string& stage) {
        // Stage phrases may carry counters ("calibrating 3/16"); a line only for words not seen before.
        std::string words = stage.substr(0, stage.find_first_of("0123456789("));
        if (!quiet_ && seenStages_.insert(words).second) {
            std::cerr << "quantscope-cli: " << stage << '\n';
        }
        return lineCallback_(fraction, stage);
    };
}

} // namespace qs::cli
