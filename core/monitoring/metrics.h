#pragma once

// The cache-health metrics, by the names every front end uses (alert rules, `check`, the
// Prometheus exporter, `stats --json`), computed from the store's history and statistics.

#include "core/store/cachestats.h"
#include "core/timesync/clockhealth.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <initializer_list>
#include <optional>

namespace cc::monitoring {

namespace metric {
inline const char kHitRate[] = "hit_rate";                  // hits / lookups, 0 to 1
inline const char kMissesPerMinute[] = "misses_per_minute"; // misses / minutes of the window
inline const char kLookups[] = "lookups";                   // hits + misses in the window
inline const char kExpiring5mShare[] = "expiring_5m_share"; // valid entries expiring in 5 min
inline const char kExpiredPerHour[] = "expired_per_hour";   // expired unrenewed, per hour
inline const char kEntries[] = "entries";                   // rows in the cache table
inline const char kSizeBytes[] = "size_bytes";              // table size, last sampled (PG)
inline const char kInitP50Ms[] = "init_p50_ms";             // start-ups, every outcome
inline const char kInitP95Ms[] = "init_p95_ms";
inline const char kInitHitP50Ms[] = "init_hit_p50_ms"; // start-ups that were cache hits
inline const char kInitHitP95Ms[] = "init_hit_p95_ms";
inline const char kInitMissP50Ms[] = "init_miss_p50_ms"; // start-ups that synced (miss-synced)
inline const char kInitMissP95Ms[] = "init_miss_p95_ms";
inline const char kRejections[] = "rejections"; // timestamp rejections in the window
// Clock events in the window, from the sync log as `connector-cache clock` classifies them
// (issue 17, analyzeClockHealth()): exchange-side and host clock steps (an exchange-wide step
// once), timestamp rejections the connectors logged, reboots of syncing hosts.
inline const char kClockSteps[] = "clock_steps";
inline const char kClockRejections[] = "clock_rejections";
inline const char kClockReboots[] = "clock_reboots";
} // namespace metric

// Every metric name, in a fixed order.
QStringList metricNames();
bool isKnownMetric(const QString &name);
// What the metric measures, in a few words (help texts, the check's status line).
QString metricDescription(const QString &name);
// True for metrics computed over the per-minute history (their value at a past minute is
// known); false for snapshots of the table now (entries, expiring share) and clock metrics.
bool isHistoryMetric(const QString &name);
// True for the clock metrics (clock_steps, clock_rejections, clock_reboots): counted from the
// sync log's events (MetricInputs::clockEvents); their value at a past minute is known too.
bool isClockMetric(const QString &name);
// Whether a metric's value at a past minute is known (history and clock metrics).
inline bool hasPastValues(const QString &name)
{
    return isHistoryMetric(name) || isClockMetric(name);
}

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
    // The sync log's clock events (analyzeClockHealth()) from clockEventsFromMs to atMs, in
    // time order; empty when not read. Clock metrics have no data without it, nor for a window
    // reaching before clockEventsFromMs.
    std::optional<QList<ClockEvent>> clockEvents;
    qint64 clockEventsFromMs = 0;
};

// Events of a clock metric's kinds (clock_steps: exchange and host steps; clock_rejections;
// clock_reboots) with fromMs < atMs <= toMs; 0 for another metric.
int countClockEvents(const QList<ClockEvent> &events, const QString &metric, qint64 fromMs,
                     qint64 toMs);

// Start-ups of the given outcomes (every outcome when empty) added up over the buckets.
InitTimes sumInitTimes(const QList<HistoryBucket> &buckets,
                       std::initializer_list<InitOutcome> outcomes = {});
// Expired unrenewed entries per hour over the buckets (one-minute or wider, consecutive); none
// when no bucket holds a size sample (nobody sampled the table: sampleTableHealth()).
MetricValue expiredPerHour(const QList<HistoryBucket> &buckets, int bucketMinutes = 1);

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
