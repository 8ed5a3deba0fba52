#include "graphnodestyle.h"

#include "chartstyle.h"
#include "palettecolors.h"

#include <QFontMetricsF>
#include <algorithm>

namespace qs {
namespace {

void captureAdvances(const QFont& font, std::array<double, 128>& advances) {
    const QFontMetricsF metrics(font);
    for (int c = 0; c < 128; ++c)
        advances[c] = c < 32 ? 0.0 : metrics.horizontalAdvance(QChar(c));
}

double widthOf(const std::string& text, const std::array<double, 128>& advances) {
    double width = 0.0;
    for (unsigned char c : text)
        width += c < 128 ? advances[c] : (c >= 0xC0 ? advances['m'] : 0.0);
    return width;
}

} // namespace

GraphNodeStyle::GraphNodeStyle() {
    m_titleFont.setPixelSize(12);
    m_titleFont.setBold(true);
    m_textFont.setPixelSize(10);
    captureAdvances(m_titleFont, m_titleAdvance);
    captureAdvances(m_textFont, m_textAdvance);
}

double GraphNodeStyle::titleWidth(const std::string& text) const {
    return widthOf(text, m_titleAdvance);
}

double GraphNodeStyle::textWidth(const std::string& text) const {
    return widthOf(text, m_textAdvance);
}

LayoutSize GraphNodeStyle::boxSize(const GraphSceneNode& node) const {
    if (node.kind != GraphSceneNode::Kind::Operator) {
        const double width = textWidth(node.title) + 2.0 * horizontalPadding + 8.0;
        return {std::clamp(width, minWidth * 0.75, tensorBoxMaxWidth), tensorBoxHeight};
    }
    double width = titleWidth(node.title) + 2.0 * horizontalPadding + 4.0;
    double height = headerHeight;
    if (!node.subtitle.empty()) {
        width = std::max(width, std::min(textWidth(node.subtitle), 160.0) + 2.0 * horizontalPadding);
        height += subtitleHeight;
    }
    for (const auto& row : node.weightRows)
        width = std::max(width, textWidth(row.first + "  " + row.second) + 2.0 * horizontalPadding);
    const size_t rows = node.weightRows.size() + (node.hiddenWeightRows > 0 ? 1 : 0);
    height += rowHeight * static_cast<double>(rows);
    if (height > headerHeight)
        height += bottomPadding;
    return {std::clamp(width, minWidth, maxWidth), height};
}

QColor GraphNodeStyle::categoryColor(OpCategory category) {
    switch (category) {
    case OpCategory::Layer:
        return QColor(0x3b, 0x5f, 0x8f);
    case OpCategory::Activation:
        return QColor(0x8e, 0x3b, 0x30);
    case OpCategory::Normalization:
        return QColor(0x2f, 0x6f, 0x5e);
    case OpCategory::Pooling:
        return QColor(0x4a, 0x7a, 0x3a);
    case OpCategory::Shape:
        return QColor(0x7a, 0x5a, 0x44);
    case OpCategory::Math:
        return QColor(0x58, 0x5a, 0x8c);
    case OpCategory::DataMovement:
        return QColor(0x8c, 0x6e, 0x2c);
    case OpCategory::Quantization:
        return QColor(0x8a, 0x4a, 0x78);
    case OpCategory::ControlFlow:
        return QColor(0x6a, 0x48, 0x8c);
    case OpCategory::InputOutput:
        return QColor(0x5c, 0x5c, 0x5c);
    case OpCategory::Other:
        return QColor(0x7c, 0x7c, 0x7c);
    }
    return QColor(0x7c, 0x7c, 0x7c);
}

QColor GraphNodeStyle::selectionColor() {
    return QColor(0xe8, 0x8a, 0x1a);
}

QColor GraphNodeStyle::headerTextColor(const QColor& header) {
    const double luminance = 0.2126 * header.redF() + 0.7152 * header.greenF() + 0.0722 * header.blueF();
    return luminance > 0.5 ? QColor(0x1a, 0x1a, 0x1a) : QColor(Qt::white);
}

QColor GraphNodeStyle::heatMapColor(ErrorBand band) {
    return errorBandQColor(band);
}

QColor GraphNodeStyle::backgroundColor(const QPalette& palette) {
    return palette.color(QPalette::Base);
}

QColor GraphNodeStyle::bodyColor(const QPalette& palette) {
    return blendColors(palette.color(QPalette::Base), palette.color(QPalette::Text),
                       hasDarkBase(palette) ? 0.13 : 0.045);
}

QColor GraphNodeStyle::nameColor(const QPalette& palette) {
    return blendColors(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.82);
}

QColor GraphNodeStyle::rowColor(const QPalette& palette) {
    return blendColors(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.67);
}

QColor GraphNodeStyle::edgeColor(const QPalette& palette) {
    return blendColors(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.52);
}

} // namespace qs
