#pragma once
// Icons drawn from the studio's SVG line icons (resources/icons/<name>.svg) in the colours of the current
// palette: strokes written as "currentColor" take the window text colour (the highlighted text colour for a
// selected menu entry, a faded one when disabled), so one set of files reads on light and dark themes. Each
// pixmap is rendered at the size asked for, so icons stay sharp at any screen scale, and a palette change
// (applyTheme) shows at the next repaint.

#include <QIcon>
#include <QIconEngine>
#include <QString>

namespace qs {

class ThemedIconEngine : public QIconEngine {
public:
    /// `svg` is the icon's SVG source; "currentColor" in it is replaced by the palette colour.
    explicit ThemedIconEngine(QByteArray svg);

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override;
    QIconEngine* clone() const override;
    QString key() const override;
    bool isNull() override { return m_svg.isEmpty(); }

private:
    QByteArray m_svg;
};

/// The studio icon `name` (":/icons/<name>.svg"); a null icon, with a warning, when there is none.
QIcon themedIcon(const QString& name);

} // namespace qs
