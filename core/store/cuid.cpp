#include "core/store/cuid.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHostInfo>
#include <QRandomGenerator>

#include <atomic>

namespace cc {

namespace {

QString base36(quint64 value, int width)
{
    QString text = QString::number(value, 36);
    if (text.size() > width)
        text = text.right(width);
    return text.rightJustified(width, QLatin1Char('0'));
}

QString fingerprint()
{
    static const QString value = [] {
        const quint64 pid = quint64(QCoreApplication::applicationPid());
        const QByteArray host = QHostInfo::localHostName().toUtf8();
        quint64 sum = quint64(host.size()) + 36;
        for (char c : host)
            sum += quint8(c);
        return base36(pid % (36 * 36), 2) + base36(sum % (36 * 36), 2);
    }();
    return value;
}

} // namespace

QString makeCuid()
{
    static std::atomic<quint32> counter{QRandomGenerator::global()->bounded(1679616u)};
    const quint64 now = quint64(QDateTime::currentMSecsSinceEpoch());
    const quint32 count = counter.fetch_add(1) % 1679616u; // 36^4
    auto *rng = QRandomGenerator::global();
    return QLatin1Char('c') + base36(now, 8) + base36(count, 4) + fingerprint() +
           base36(rng->bounded(1679616u), 4) + base36(rng->bounded(1679616u), 4);
}

} // namespace cc
