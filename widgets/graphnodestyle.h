#pragma once
// Fonts, colours and box geometry of the graph view. Character advances are captured once on the GUI thread
// so that box sizes can then be computed on a layout worker thread without touching the font system.

#include "graphlayout.h"
#include "graphscenemodel.h"
#include "opcategory.h"
#include "report/errorbands.h"

#include <QColor>
#include <QFont>
#include <QPalette>
#include <array>
#include <string>

namespace qs {

class GraphNodeStyle {
public:
    static constexpr double headerHeight = 22.0;
    static constexpr double subtitleHeight = 15.0;
    static constexpr double rowHeight = 14.0;
    static constexpr double bottomPadding = 4.0;
    static constexpr double horizontalPadding = 8.0;
    static constexpr double minWidth = 64.0;
    static constexpr double maxWidth = 220.0;
    static constexpr double tensorBoxHeight = 22.0;
    static constexpr double tensorBoxMaxWidth = 180.0;
    static constexpr double cornerRadius = 5.0;

    /// Captures the advances of the default fonts; call on the GUI thread.
    GraphNodeStyle();

    const QFont& titleFont() const { return m_titleFont; }
    const QFont& textFont() const { return m_textFont; }

    /// Size of the box drawn for `node` (thread-safe).
    LayoutSize boxSize(const GraphSceneNode& node) const;

    /// Header colour of a category (white text on it reads on light and dark backgrounds).
    static QColor categoryColor(OpCategory category);
    static QColor selectionColor();
    /// White on dark header colours (every category colour), near-black on light ones (heat-map bands).
    static QColor headerTextColor(const QColor& header);
    /// Header colour of a node in the heat map: the band colour of its value, grey when unmeasured.
    static QColor heatMapColor(ErrorBand band);
    /// The other colours come from the view's palette: mixed from its base (background) and text colours.
    static QColor backgroundColor(const QPalette& palette);
    static QColor bodyColor(const QPalette& palette);
    static QColor nameColor(const QPalette& palette);
    static QColor rowColor(const QPalette& palette);
    static QColor edgeColor(const QPalette& palette);

private:
    double titleWidth(const std::string& text) const;
    double textWidth(const std::string& text) const;

    QFont m_titleFont;
    QFont m_textFont;
    std::array<double, 128> m_titleAdvance{};
    std::array<double, 128> m_textAdvance{};
};

} // namespace qs
