#pragma once

// What the dashboard shows: counts, the breakdown and the per-minute history.

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace cc {

struct CacheStats
{
    qint64 total = 0;
    qint64 valid = 0;
    qint64 expired = 0;   // past expiresAt, not invalidated
    qint64 invalid = 0;   // invalidated
    qint64 totalHits = 0; // sum of hitCount over all entries (the seed's figure)
    // From the hit/miss history, over the window asked for:
    qint64 windowSeconds = 0;
    qint64 hits = 0;
    qint64 misses = 0;
    double hitRate = 0.0; // hits / (hits + misses); 0 when there were no lookups
    // Age of the oldest and newest lastSyncTime among all entries, -1 when empty.
    qint64 oldestSyncAgeMs = -1;
    qint64 newestSyncAgeMs = -1;
    // Valid entries that expire within 5, 15 and 60 minutes from now.
    qint64 expiringIn5m = 0;
    qint64 expiringIn15m = 0;
    qint64 expiringIn60m = 0;
    // True when the entry counts above (total to expiringIn60m) are scaled from a sample of a
    // large table rather than counted; the hit/miss history figures are always exact.
    bool estimated = false;
};

// Entries per exchange and environment, for the dashboard's breakdown.
struct BreakdownRow
{
    QString exchange;
    QString environment;
    qint64 total = 0;
    qint64 valid = 0;
    qint64 expired = 0;
    qint64 invalid = 0;
    qint64 hits = 0;
};

// One bucket of the per-minute history (or wider buckets when asked).
struct HistoryBucket
{
    QDateTime start; // UTC, start of the bucket
    qint64 hits = 0;
    qint64 misses = 0;
    qint64 sets = 0;
    qint64 invalidations = 0;
    qint64 cleanups = 0; // entries deleted by cleanup
};

} // namespace cc

Q_DECLARE_METATYPE(cc::CacheStats)
Q_DECLARE_METATYPE(cc::HistoryBucket)
Q_DECLARE_METATYPE(cc::BreakdownRow)
