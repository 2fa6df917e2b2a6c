#include "core/store/entryjson.h"

#include <QJsonValue>

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
    QJsonObject o = toJson(entry);
    o.insert(QStringLiteral("state"), stateName(entry.stateAt(nowMs)));
    o.insert(QStringLiteral("ageMs"), entry.ageMs(nowMs));
    return o;
}

} // namespace cc
