#include "textformat.h"

#include <cmath>
#include <cstdio>

namespace qs::cli {

std::string formatCount(int64_t count) {
    std::string digits = std::to_string(count < 0 ? -count : count);
    for (int position = int(digits.size()) - 3; position > 0; position -= 3)
        digits.insert(size_t(position), ",");
    return count < 0 ? "-" + digits : digits;
}

std::string formatBytes(int64_t sizeBytes) {
    static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double size = double(sizeBytes);
    int unit = 0;
    while (size >= 1024.0 && unit < 4) {
        size /= 1024.0;
        ++unit;
    }
    char text[32] = {};
    if (unit == 0)
        std::snprintf(text, sizeof text, "%lld B", static_cast<long long>(sizeBytes));
    else
        std::snprintf(text, sizeof text, "%.1f %s", size, units[unit]);
    return text;
}

std::string formatReal(double value) {
    char text[32] = {};
    const double magnitude = std::fabs(value);
    if (value == 0.0 || (magnitude >= 1e-3 && magnitude < 1e5))
        std::snprintf(text, sizeof text, "%.4g", value);
    else
        std::snprintf(text, sizeof text, "%.3g", value);
    return text;
}

} // namespace qs::cli
