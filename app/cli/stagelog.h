#pragma once
// Progress of long commands on stderr: one line the first time each stage appears ("calibrating",
// "evaluating", ...), plus the redrawn percentage line when stderr is a terminal. Results go to stdout only.

#include "progressline.h"
#include "util/error.h"

#include <set>
#include <string>

namespace qs::cli {

class StageLog {
public:
    /// `quiet` suppresses the stage lines (the terminal progress line stays).
    StageLog(const std::string& label, bool quiet);
    ProgressCallback callback();
    void finish() { line_.finish(); }

private:
    ProgressLine line_;
    ProgressCallback lineCallback_;
    std::set<std::string> seenStages_;
    bool quiet_ = false;
};

} // namespace qs::cli
