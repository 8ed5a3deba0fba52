#pragma once
// The representable values of one quantized tensor and its clipping range, drawn over the tensor's histogram.
#include <QString>
#include <QVector>
#include <limits>
namespace qs {
struct QuantGrid {
    QString description;          ///< e.g. "uniform int8 per-tensor, mse range"
    QVector<double> levels;       ///< representable values, ascending (uniform levels, log levels, centroids)
    double clipMin = 0.0;         ///< values below are clipped to it
    double clipMax = 0.0;         ///< values above are clipped to it
    double clippedFraction = 0.0; ///< 0..1, share of the values outside [clipMin, clipMax]
    double sqnrDb =
        std::numeric_limits<double>::quiet_NaN(); ///< quantization SQNR of the tensor, NaN if unknown
};
} // namespace qs
