#pragma once
// A progress line on stderr ("loading resnet18.onnx  42%"), redrawn in place, shown only when stderr is a
// terminal so that scripts and tests see nothing but results and errors.

#include "util/error.h"

#include <string>

namespace qs::cli {

class ProgressLine {
public:
    explicit ProgressLine(std::string label);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    /// A callback for core operations; never asks to cancel.
    ProgressCallback callback();
    /// Erases the line (also done by the destructor).
    void finish();

private:
    void draw(double fraction, const std::string& stage);

    std::string m_label;
    bool m_enabled = false;
    bool m_drawn = false;
    int m_lastPercent = -1;
};

} // namespace qs::cli
