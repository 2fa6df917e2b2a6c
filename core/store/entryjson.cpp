#include "core/store/entryjson.h"

#include "core/connector/syncmetadata.h"
#include "core/timesync/clockhealth.h"

#include <QJsonValue>

#include <cmath>

namespace cc {

namespace {

QJsonValue isoOrNull(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

} // namespace

QJsonObject toJson(const CacheEntry &entry)
{
    return QJsonObject{{QStringLiteral("id"), entry.id},
                       {QStringLiteral("cacheKey"), entry.cacheKey},
                       {QStringLiteral("userId"), entry.userId},
                       {QStringLiteral("credentialId"), entry.credentialId},
                       {QStringLiteral("exchange"), entry.exchange},
                       {QStringLiteral("environment"), entry.environment},
                       {QStringLiteral("timeOffset"), entry.timeOffsetMs},
                       {QStringLiteral("lastSyncTime"), isoOrNull(entry.lastSyncTime)},
                       {QStringLiteral("isValid"), entry.isValid},
                       {QStringLiteral("expiresAt"), isoOrNull(entry.expiresAt)},
                       {QStringLiteral("hitCount"), entry.hitCount},
                       {QStringLiteral("metadata"),
                        entry.metadata.isEmpty() ? QJsonValue() : QJsonValue(entry.metadata)},
                       {QStringLiteral("createdAt"), isoOrNull(entry.createdAt)},
                       {QStringLiteral("updatedAt"), isoOrNull(entry.updatedAt)}};
}

QJsonObject toJson(const CacheEntry &entry, qint64 nowMs)
{
    return toJson(entry, nowMs, storedDriftMsPerHour(entry).value_or(kDefaultDriftMsPerHour));
}

QJsonObject toJson(const CacheEntry &entry, qint64 nowMs, double driftMsPerHour)
{
    QJsonObject o = toJson(entry);
    o.insert(QStringLiteral("state"), stateName(entry.stateAt(nowMs)));
    o.insert(QStringLiteral("ageMs"), entry.ageMs(nowMs));
    // Rounded to 0.1 ms: the bound itself is no finer.
    o.insert(QStringLiteral("aheadMarginMs"),
             std::round(entryAheadMarginMs(entry, nowMs, driftMsPerHour) * 10.0) / 10.0);
    return o;
}

double entryErrorBoundMs(const CacheEntry &entry)
{
    const QJsonValue bound = entry.metadata.value(QStringLiteral("sync"))
                                 .toObject()
                                 .value(QStringLiteral("errorBoundMs"));
    if (bound.isDouble() && std::isfinite(bound.toDouble()) && bound.toDouble() >= 0)
        return bound.toDouble();
    return kUnknownEntryErrorBoundMs;
}

double entryAheadMarginMs(const CacheEntry &entry, qint64 nowMs, double driftMsPerHour)
{
    return aheadMarginMs(entryErrorBoundMs(entry), std::max<qint64>(0, entry.ageMs(nowMs)),
                         driftMsPerHour);
}

double entryAheadMarginMs(const CacheEntry &entry, qint64 nowMs)
{
    return entryAheadMarginMs(entry, nowMs,
                              storedDriftMsPerHour(entry).value_or(kDefaultDriftMsPerHour));
}

} // namespace cc
