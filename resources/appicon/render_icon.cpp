// Renders the application icon as PNG at the sizes desktops look for (hicolor theme), at build
// time, so no SVG renderer is needed on the build machine. The drawing matches
// connector-cache.svg: a clock (the time offset) over a database disc (the cache).

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <cstdio>

namespace {

QImage render(int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 256.0, size / 256.0);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x1f, 0x4e, 0x79));
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48);
    p.setBrush(QColor(0x7f, 0xb3, 0xe6));
    p.drawEllipse(QPointF(128, 178), 78, 24);
    p.setBrush(Qt::white);
    p.setPen(QPen(QColor(0x0d, 0x2b, 0x45), 10));
    p.drawEllipse(QPointF(128, 112), 70, 70);
    QPen hand(QColor(0x0d, 0x2b, 0x45), 12, Qt::SolidLine, Qt::RoundCap);
    p.setPen(hand);
    p.drawLine(QPointF(128, 112), QPointF(128, 62));
    p.drawLine(QPointF(128, 112), QPointF(166, 134));
    return image;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: render_icon OUTPUT_DIR\n");
        return 2;
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QString out = QString::fromLocal8Bit(argv[1]);
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
        const QString dir = QStringLiteral("%1/hicolor/%2x%2/apps").arg(out).arg(size);
        if (!QDir().mkpath(dir) ||
            !render(size).save(dir + QStringLiteral("/connector-cache.png"))) {
            std::fprintf(stderr, "render_icon: cannot write %s\n", qPrintable(dir));
            return 1;
        }
    }
    return 0;
}
