#pragma once
// The error bands every view and the review report use to judge a layer's quantization error, named once:
// the graph heat-map colours, the chart legends, the diagnosis threshold default and the report's tables all
// read these numbers, so a layer called "poor" in the studio is "poor" in the report.

#include <cmath>
#include <string>

namespace qs {

enum class ErrorBand {
    Unmeasured, ///< no number (not quantized, or not compared)
    Good,       ///< SQNR >= goodSqnrDb
    Fair,       ///< fairSqnrDb <= SQNR < goodSqnrDb
    Poor,       ///< poorSqnrDb <= SQNR < fairSqnrDb
    Bad,        ///< SQNR < poorSqnrDb
};

struct ErrorBands {
    double goodSqnrDb = 30.0;
    double fairSqnrDb = 20.0;
    double poorSqnrDb = 10.0;

    ErrorBand band(double sqnrDb) const {
        if (std::isnan(sqnrDb))
            return ErrorBand::Unmeasured;
        if (sqnrDb >= goodSqnrDb)
            return ErrorBand::Good;
        if (sqnrDb >= fairSqnrDb)
            return ErrorBand::Fair;
        if (sqnrDb >= poorSqnrDb)
            return ErrorBand::Poor;
        return ErrorBand::Bad;
    }
};

/// The default bands; the diagnosis calls a layer weak below fairSqnrDb unless the user sets another value.
inline const ErrorBands& defaultErrorBands() {
    static const ErrorBands bands;
    return bands;
}

/// "good", "fair", "poor", "bad" or "unmeasured" (stable keys for JSON and CSS classes).
inline std::string errorBandKey(ErrorBand band) {
    switch (band) {
    case ErrorBand::Good:
        return "good";
    case ErrorBand::Fair:
        return "fair";
    case ErrorBand::Poor:
        return "poor";
    case ErrorBand::Bad:
        return "bad";
    case ErrorBand::Unmeasured:
        break;
    }
    return "unmeasured";
}

/// The band's colour as 0xRRGGBB (colour-blind-safe ramp: blue, yellow, orange, vermillion; grey unmeasured).
inline unsigned errorBandColor(ErrorBand band) {
    switch (band) {
    case ErrorBand::Good:
        return 0x0072B2;
    case ErrorBand::Fair:
        return 0xE6C229;
    case ErrorBand::Poor:
        return 0xE69F00;
    case ErrorBand::Bad:
        return 0xD55E00;
    case ErrorBand::Unmeasured:
        break;
    }
    return 0x9E9E9E;
}

} // namespace qs
