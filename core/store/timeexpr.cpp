#include "core/store/timeexpr.h"

#include <QRegularExpression>

namespace cc {

std::optional<qint64> parseDurationMs(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d{1,9})\\s*(ms|s|m|h|d)?\\s*$"));
    const auto match = re.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 n = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    if (unit == QLatin1String("ms"))
        return n;
    if (unit == QLatin1String("m"))
        return n * 60'000;
    if (unit == QLatin1String("h"))
        return n * 3'600'000;
    if (unit == QLatin1String("d"))
        return n * 86'400'000;
    return n * 1000; // "s" or a bare number
}

std::optional<QDateTime> parseTimeExpression(const QString &text, qint64 nowMs,
                                             QString *errorMessage)
{
    auto fail = [&](const QString &why) -> std::optional<QDateTime> {
        if (errorMessage)
            *errorMessage = text.left(40) + QLatin1Char(' ') + why;
        return std::nullopt;
    };
    QDateTime at;
    if (const auto ago = parseDurationMs(text)) {
        at = QDateTime::fromMSecsSinceEpoch(nowMs - *ago, Qt::UTC);
    } else {
        at = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
        if (!at.isValid())
            return fail(QStringLiteral("is neither an ISO 8601 time nor a duration ago such as "
                                       "2h"));
        if (at.timeSpec() == Qt::LocalTime)
            at.setTimeSpec(Qt::UTC);
        at = at.toUTC();
    }
    // ISO 8601 as printed (toFilterQuery(), --json) covers the years 0 to 9999 only.
    const int year = at.date().year();
    if (!at.isValid() || year < 0 || year > 9999)
        return fail(QStringLiteral("lies outside the years 0 to 9999; give a later time or a "
                                   "shorter duration"));
    if (errorMessage)
        errorMessage->clear();
    return at;
}

} // namespace cc
