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
// stateName()), "ageMs" (since lastSyncTime) and "aheadMarginMs" (entryAheadMarginMs() at
// driftMsPerHour; without it, the drift the entry carries, else the default 50 ms/h).
QJsonObject toJson(const CacheEntry &entry, qint64 nowMs);
QJsonObject toJson(const CacheEntry &entry, qint64 nowMs, double driftMsPerHour);

// The error bound an entry's sync recorded (metadata "sync"."errorBoundMs"), or
// kUnknownEntryErrorBoundMs for an entry without one (the seed's, or written by hand): the
// same fallback as the connector's ConnectorOptions::unknownErrorBoundMs default.
constexpr double kUnknownEntryErrorBoundMs = 250.0;
double entryErrorBoundMs(const CacheEntry &entry);

// The entry's ahead margin at nowMs (clockhealth's aheadMarginMs(): 1000 ms minus its error
// bound and the drift over its age), in ms; the CLI's list/show and the console's column.
// Without driftMsPerHour: the drift the entry's metadata carries (storedDriftMsPerHour(),
// core/connector/syncmetadata.h) when present, else the default 50 ms/h.
double entryAheadMarginMs(const CacheEntry &entry, qint64 nowMs, double driftMsPerHour);
double entryAheadMarginMs(const CacheEntry &entry, qint64 nowMs);

} // namespace cc
