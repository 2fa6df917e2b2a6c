#pragma once

// The cache-health metrics, by the names every front end uses (alert rules, `check`, the
// Prometheus exporter, `stats --json`), computed from the store's history and statistics.

#include "core/store/cachestats.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace cc::monitoring {

namespace metric {
inline const char kHitRate[] = "hit_rate";                  // hits / lookups, 0 to 1
inline const char kMissesPerMinute[] = "misses_per_minute"; // misses / minutes of the window
inline const char kLookups[] = "lookups";                   // hits + misses in the window
inline const char kExpiring5mShare[] = "expiring_5m_share"; // valid entries expiring in 5 min
inline const char kExpiredPerHour[] = "expired_per_hour";   // expired unrenewed, last hour
inline const char kEntries[] = "entries";                   // rows in the cache table
inline const char kInitP95Ms[] = "init_p95_ms";             // not recorded yet: no data
inline const char kRejections[] = "rejections";             // not recorded yet: no data
} // namespace metric

// Every metric name, in a fixed order.
QStringList metricNames();
bool isKnownMetric(const QString &name);
// What the metric measures, in a few words (help texts, the check's status line).
QString metricDescription(const QString &name);
// True for metrics computed over the per-minute history (their value at a past minute is
// known); false for snapshots of the table now (entries, expiring and expired counts) and for
// the metrics nothing records yet.
bool isHistoryMetric(const QString &name);

// A metric's value, or none ("no data": no lookups in the window, nothing recorded).
struct MetricValue
{
    bool hasData = false;
    double value = 0.0;
    static MetricValue none() { return MetricValue(); }
    static MetricValue of(double v) { return MetricValue{true, v}; }
};

// What the metrics are computed from.
struct MetricInputs
{
    qint64 atMs = 0; // the time evaluated
    // One-minute history buckets, consecutive, the last one the minute holding atMs.
    QList<HistoryBucket> minutes;
    // The table now (stats()); empty when not read. Snapshot metrics have no data without it.
    std::optional<CacheStats> stats;
    // Entries whose expiry fell within the hour before atMs and that were not renewed (still
    // expired, not cleaned up); empty when not read.
    std::optional<qint64> expiredLastHour;
};

// The metric over `window` ending with the minute that holds `atMs` (a past time for history
// metrics, to evaluate pending periods; snapshot metrics use inputs.atMs only). The window's
// minutes are the window / 1 min minutes ending with the current one, which is partial.
MetricValue computeMetric(const QString &name, const MetricInputs &inputs,
                          std::chrono::seconds window, qint64 atMs);
inline MetricValue computeMetric(const QString &name, const MetricInputs &inputs,
                                 std::chrono::seconds window)
{
    return computeMetric(name, inputs, window, inputs.atMs);
}

} // namespace cc::monitoring
