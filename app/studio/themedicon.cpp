#include "themedicon.h"

#include <QFile>
#include <QGuiApplication>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSvgRenderer>
#include <QtDebug>

namespace qs {

namespace {

constexpr double kDisabledOpacity = 0.45;

QColor strokeColor(QIcon::Mode mode) {
    const QPalette palette = QGuiApplication::palette();
    return palette.color(QPalette::Active,
                         mode == QIcon::Selected ? QPalette::HighlightedText : QPalette::WindowText);
}

} // namespace

ThemedIconEngine::ThemedIconEngine(QByteArray svg) : m_svg(std::move(svg)) {}

void ThemedIconEngine::paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) {
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatio() : 1.0;
    QPixmap image = pixmap(rect.size() * ratio, mode, state);
    image.setDevicePixelRatio(ratio);
    painter->drawPixmap(rect, image);
}

QPixmap ThemedIconEngine::pixmap(const QSize& size, QIcon::Mode mode, QIcon::State) {
    QPixmap image(size);
    image.fill(Qt::transparent);
    if (size.isEmpty())
        return image;
    QByteArray svg = m_svg;
    svg.replace("currentColor", strokeColor(mode).name().toLatin1());
    QSvgRenderer renderer(svg);
    QPainter painter(&image);
    if (mode == QIcon::Disabled)
        painter.setOpacity(kDisabledOpacity);
    renderer.render(&painter, QRectF(QPointF(0, 0), size));
    return image;
}

QIconEngine* ThemedIconEngine::clone() const {
    return new ThemedIconEngine(m_svg);
}

QString ThemedIconEngine::key() const {
    return QStringLiteral("qs-themed-svg");
}

QIcon themedIcon(const QString& name) {
    QFile file(QStringLiteral(":/icons/%1.svg").arg(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning() << "No icon" << file.fileName();
        return QIcon();
    }
    return QIcon(new ThemedIconEngine(file.readAll()));
}

} // namespace qs
