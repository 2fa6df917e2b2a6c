#include "ui/timedisplay.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTimeZone>

namespace cc {
namespace ui {

namespace {
bool g_utc = true;
const char kKey[] = "view/utcTimes";
} // namespace

bool TimeDisplay::isUtc()
{
    return g_utc;
}

void TimeDisplay::setUtc(bool utc)
{
    g_utc = utc;
    QSettings().setValue(QLatin1String(kKey), utc);
}

void TimeDisplay::load()
{
    g_utc = QSettings().value(QLatin1String(kKey), true).toBool();
}

QString TimeDisplay::zoneName()
{
    if (g_utc)
        return QStringLiteral("UTC");
    const QByteArray id = QTimeZone::systemTimeZoneId();
    return id.isEmpty() ? QCoreApplication::translate("TimeDisplay", "local time")
                        : QString::fromUtf8(id);
}

QString TimeDisplay::caption()
{
    return QCoreApplication::translate("TimeDisplay", "times in %1").arg(zoneName());
}

QDateTime TimeDisplay::inZone(const QDateTime &t)
{
    return g_utc ? t.toUTC() : t.toLocalTime();
}

QString TimeDisplay::shortText(const QDateTime &t, const QDateTime &now)
{
    if (!t.isValid())
        return QString();
    const QDateTime shown = inZone(t);
    if (shown.date() == inZone(now).date())
        return shown.toString(QStringLiteral("HH:mm:ss"));
    return shown.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

qint64 TimeDisplay::axisShiftMs(const QDateTime &t)
{
    return g_utc ? -qint64(t.toLocalTime().offsetFromUtc()) * 1000 : 0;
}

QString TimeDisplay::fullText(const QDateTime &t)
{
    if (!t.isValid())
        return QString();
    return QStringLiteral("%1 %2").arg(
        inZone(t).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")), zoneName());
}

} // namespace ui
} // namespace cc
