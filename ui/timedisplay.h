#pragma once

#include <QDateTime>
#include <QString>

namespace cc {
namespace ui {

// One time zone for every time the console shows (entries table, details pane, Activity log,
// chart axes): UTC or the machine's local zone, chosen in View → Times in UTC and kept in the
// settings ("view/utcTimes").
class TimeDisplay
{
public:
    static bool isUtc();
    static void setUtc(bool utc); // also saved in the settings
    static void load();           // from the settings (UTC unless chosen otherwise)
    // The zone's name: "UTC", or the local zone's IANA id ("Europe/Berlin").
    static QString zoneName();
    // "times in UTC" / "times in Europe/Berlin" (translated), for the status bar.
    static QString caption();
    // t in the chosen zone.
    static QDateTime inZone(const QDateTime &t);
    // Short: today "HH:mm:ss", an earlier (or later) day with its day and year.
    static QString shortText(const QDateTime &t,
                             const QDateTime &now = QDateTime::currentDateTime());
    // What to add to a time's milliseconds so that a QDateTimeAxis (which draws local time)
    // shows it in the chosen zone: 0 for local, minus the local offset at t for UTC.
    static qint64 axisShiftMs(const QDateTime &t);
    // Full, to the millisecond, with the zone's name.
    static QString fullText(const QDateTime &t);
};

} // namespace ui
} // namespace cc
