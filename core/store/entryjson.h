#pragma once

#include "core/store/types.h"

#include <QJsonObject>

namespace cc {

// An entry as JSON, the one shape of every export (the CLI's --json, the console's export):
// the seed's field names, those of its Prisma model ConnectorStateCache:
//   id, cacheKey, userId, credentialId, exchange, environment, timeOffset (ms), lastSyncTime,
//   isValid, expiresAt, hitCount, metadata, createdAt, updatedAt.
// Times are ISO 8601 in UTC with milliseconds ("2025-06-15T12:00:00.000Z"), null when unset;
// metadata is null when empty (the seed's `Json?`).
QJsonObject toJson(const CacheEntry &entry);

// The same, plus what follows from the time nowMs: "state" (valid, expired, invalid: see
// stateName()) and "ageMs" (since lastSyncTime).
QJsonObject toJson(const CacheEntry &entry, qint64 nowMs);

} // namespace cc
