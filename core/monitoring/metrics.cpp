#include "core/monitoring/metrics.h"

namespace cc::monitoring {

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;

struct MetricSpec
{
    const char *name;
    const char *description;
    bool history;
};

const QList<MetricSpec> &specs()
{
    static const QList<MetricSpec> list = {
        {metric::kHitRate, "hit rate (hits per lookup)", true},
        {metric::kMissesPerMinute, "misses per minute", true},
        {metric::kLookups, "lookups (hits and misses)", true},
        {metric::kExpiring5mShare, "share of valid entries expiring within 5 minutes", false},
        {metric::kExpiredPerHour, "entries expired unrenewed in the last hour", false},
        {metric::kEntries, "entries in the cache table", false},
        {metric::kInitP95Ms, "connector initialisation time, 95th percentile (ms)", false},
        {metric::kRejections, "timestamp rejections", false},
    };
    return list;
}

const MetricSpec *find(const QString &name)
{
    for (const MetricSpec &s : specs()) {
        if (name == QLatin1String(s.name))
            return &s;
    }
    return nullptr;
}

} // namespace

QStringList metricNames()
{
    QStringList names;
    for (const MetricSpec &s : specs())
        names << QLatin1String(s.name);
    return names;
}

bool isKnownMetric(const QString &name)
{
    return find(name) != nullptr;
}

QString metricDescription(const QString &name)
{
    const MetricSpec *s = find(name);
    return s ? QString::fromUtf8(s->description) : QString();
}

bool isHistoryMetric(const QString &name)
{
    const MetricSpec *s = find(name);
    return s && s->history;
}

MetricValue computeMetric(const QString &name, const MetricInputs &inputs,
                          std::chrono::seconds window, qint64 atMs)
{
    if (isHistoryMetric(name)) {
        const qint64 minutes = qMax<qint64>(1, window.count() / 60);
        const qint64 lastMinute = atMs / kMinuteMs;
        const qint64 firstMinute = lastMinute - minutes + 1;
        qint64 hits = 0;
        qint64 misses = 0;
        bool covered = false; // the history reaches the window's last minute
        for (const HistoryBucket &b : inputs.minutes) {
            const qint64 minute = b.start.toMSecsSinceEpoch() / kMinuteMs;
            if (minute < firstMinute || minute > lastMinute)
                continue;
            covered = covered || minute == lastMinute;
            hits += b.hits;
            misses += b.misses;
        }
        if (!covered)
            return MetricValue::none();
        if (name == QLatin1String(metric::kHitRate))
            return hits + misses > 0 ? MetricValue::of(double(hits) / double(hits + misses))
                                     : MetricValue::none();
        if (name == QLatin1String(metric::kMissesPerMinute))
            return MetricValue::of(double(misses) / double(minutes));
        return MetricValue::of(double(hits + misses)); // lookups
    }
    if (name == QLatin1String(metric::kExpiredPerHour))
        return inputs.expiredLastHour ? MetricValue::of(double(*inputs.expiredLastHour))
                                      : MetricValue::none();
    if (!inputs.stats)
        return MetricValue::none();
    const CacheStats &s = *inputs.stats;
    if (name == QLatin1String(metric::kEntries))
        return MetricValue::of(double(s.total));
    if (name == QLatin1String(metric::kExpiring5mShare))
        return s.valid > 0 ? MetricValue::of(double(s.expiringIn5m) / double(s.valid))
                           : MetricValue::none();
    // init_p95_ms and rejections: the connector does not record them yet.
    return MetricValue::none();
}

} // namespace cc::monitoring
