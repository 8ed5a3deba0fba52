#pragma once
// The one exception type that crosses the core boundary, and the progress-and-cancel callback that every long
// operation in core takes.

#include "util/printablename.h"

#include <functional>
#include <stdexcept>
#include <string>

namespace qs {

/// Every failure that core reports. The message is one line that names the file, node or tensor concerned
/// and, where it helps, what the user can do about it. Only the application decides how to show it.
/// Names taken from files may hold NUL bytes, line breaks or bytes that are not UTF-8; the message keeps them
/// as \xNN (printableName), so it stays whole, one line and valid UTF-8 whatever the names hold.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(printableName(message)) {}
};

/// Thrown when a progress callback asked to stop. Not a failure: callers usually swallow it quietly.
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};

/// Reports progress of a long operation. `fraction` is in [0, 1]; `stage` is a short English phrase that the
/// studio translates (app/studio/stagetitle.cpp). Returning false asks the operation to stop (`Cancelled`).
using ProgressCallback = std::function<bool(double fraction, const std::string& stage)>;

/// Calls `progress` if set and throws `Cancelled` when it returns false.
inline void reportProgress(const ProgressCallback& progress, double fraction, const std::string& stage) {
    if (progress && !progress(fraction, stage))
        throw Cancelled();
}

} // namespace qs
