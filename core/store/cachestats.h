#pragma once

// What the dashboard shows: counts, the breakdown and the per-minute history.

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <array>
#include <optional>

namespace cc {

// --- connector start-ups (issue 16) ---------------------------------------------------------
// How a connector's initialize() ended: the cache had its offset (hit), the offset was synced
// with the exchange and stored (miss-synced), an expired offset was used because a sync was
// not possible but the entry was still safe (stale-safe), or it failed.
enum class InitOutcome { Hit, MissSynced, StaleSafe, Failed };
constexpr int kInitOutcomeCount = 4;
QString initOutcomeName(InitOutcome outcome); // "hit", "miss-synced", "stale-safe", "failed"
bool initOutcomeFromName(const QString &name, InitOutcome *out);

// The fixed latency buckets of start-ups (ms): upper bounds of buckets 0..7; bucket 8 holds
// everything above 5000 ms. Non-cumulative, as connector_cache_init_history stores them.
inline constexpr std::array<int, 8> kInitBucketBoundsMs = {25, 50, 100, 250, 500, 1000, 2500, 5000};
constexpr int kInitBucketCount = 9;

// Start-ups of one outcome in one bucket of the history: count, sum and the bucket counts.
struct InitTimes
{
    qint64 count = 0;
    double sumMs = 0.0;
    std::array<qint64, kInitBucketCount> buckets{}; // non-cumulative; [8]: above 5000 ms

    void add(double durationMs);
    void merge(const InitTimes &other);
    bool isEmpty() const { return count == 0; }
    // The q-quantile (0..1), interpolated linearly inside its bucket (as Prometheus'
    // histogram_quantile does); above 5000 ms it is 5000. None when there were no start-ups.
    std::optional<double> quantileMs(double q) const;
};

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
    // Issue 16: entries that expired unrenewed in the bucket (by their expiry minute), timestamp
    // rejections connectors met, and the table's size as last sampled in the bucket (-1: not
    // sampled; bytes only on PostgreSQL).
    qint64 expired = 0;
    qint64 rejections = 0;
    qint64 entries = -1;
    qint64 sizeBytes = -1;
    // Connector start-ups per outcome (index: int(InitOutcome)).
    std::array<InitTimes, kInitOutcomeCount> init{};
    const InitTimes &initTimes(InitOutcome o) const { return init[size_t(o)]; }
    InitTimes &initTimes(InitOutcome o) { return init[size_t(o)]; }
};

} // namespace cc

Q_DECLARE_METATYPE(cc::CacheStats)
Q_DECLARE_METATYPE(cc::HistoryBucket)
Q_DECLARE_METATYPE(cc::BreakdownRow)
