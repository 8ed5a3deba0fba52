#pragma once
// Colours that custom-painted views derive from the palette, so that they read on light and dark themes
// alike.

#include <QColor>
#include <QPalette>

namespace qs {

/// `from` moved towards `to` by `amount` (0 gives `from`, 1 gives `to`).
inline QColor blendColors(const QColor& from, const QColor& to, double amount) {
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * amount),
                            float(from.greenF() + (to.greenF() - from.greenF()) * amount),
                            float(from.blueF() + (to.blueF() - from.blueF()) * amount));
}

/// True when the palette's base (the background of views) is dark.
inline bool hasDarkBase(const QPalette& palette) {
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace qs
