#include "progressline.h"

#include <cstdio>
#include <unistd.h>

namespace qs::cli {

ProgressLine::ProgressLine(std::string label)
    : m_label(std::move(label)), m_enabled(isatty(STDERR_FILENO) == 1) {}

ProgressLine::~ProgressLine() {
    finish();
}

ProgressCallback ProgressLine::callback() {
    return [this](double fraction, const std::string& stage) {
        draw(fraction, stage);
        return true;
    };
}

void ProgressLine::draw(double fraction, const std::string& stage) {
    const int percent = int(fraction * 100.0 + 0.5);
    if (!m_enabled || percent == m_lastPercent)
        return;
    m_lastPercent = percent;
    std::fprintf(stderr, "\r\033[K%s: %s %3d%%", m_label.c_str(), stage.c_str(), percent);
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressLine::finish() {
    if (!m_drawn)
        return;
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    m_drawn = false;
}

} // namespace qs::cli
