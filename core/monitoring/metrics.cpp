#include "core/monitoring/metrics.h"

namespace cc::monitoring {

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;

enum class Source { Snapshot, History, ClockLog };

struct MetricSpec
{
    const char *name;
    const char *description;
    Source source;
};

const QList<MetricSpec> &specs()
{
    static const QList<MetricSpec> list = {
        {metric::kHitRate, "hit rate (hits per lookup)", Source::History},
        {metric::kMissesPerMinute, "misses per minute", Source::History},
        {metric::kLookups, "lookups (hits and misses)", Source::History},
        {metric::kExpiring5mShare, "share of valid entries expiring within 5 minutes",
         Source::Snapshot},
        {metric::kExpiredPerHour, "entries expired unrenewed, per hour", Source::History},
        {metric::kEntries, "entries in the cache table", Source::Snapshot},
        {metric::kSizeBytes, "size of the cache table with its indexes (bytes, PostgreSQL)",
         Source::History},
        {metric::kInitP50Ms, "connector initialisation time, median (ms)", Source::History},
        {metric::kInitP95Ms, "connector initialisation time, 95th percentile (ms)",
         Source::History},
        {metric::kInitHitP50Ms, "initialisation time on a cache hit, median (ms)", Source::History},
        {metric::kInitHitP95Ms, "initialisation time on a cache hit, 95th percentile (ms)",
         Source::History},
        {metric::kInitMissP50Ms, "initialisation time on a miss (synced), median (ms)",
         Source::History},
        {metric::kInitMissP95Ms, "initialisation time on a miss (synced), 95th percentile (ms)",
         Source::History},
        {metric::kRejections, "timestamp rejections", Source::History},
        {metric::kClockSteps,
         "clock steps in the sync log (exchange-side and host; an exchange-wide step once)",
         Source::ClockLog},
        {metric::kClockRejections, "timestamp rejections in the sync log", Source::ClockLog},
        {metric::kClockReboots, "reboots of syncing hosts in the sync log", Source::ClockLog},
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
    return s && s->source == Source::History;
}

bool isClockMetric(const QString &name)
{
    const MetricSpec *s = find(name);
    return s && s->source == Source::ClockLog;
}

int countClockEvents(const QList<ClockEvent> &events, const QString &metric, qint64 fromMs,
                     qint64 toMs)
{
    const auto counts = [&](ClockEventKind kind) {
        if (metric == QLatin1String(metric::kClockSteps))
            return kind == ClockEventKind::ExchangeStep || kind == ClockEventKind::HostStep;
        if (metric == QLatin1String(metric::kClockRejections))
            return kind == ClockEventKind::Rejection;
        if (metric == QLatin1String(metric::kClockReboots))
            return kind == ClockEventKind::Reboot;
        return false;
    };
    int n = 0;
    for (const ClockEvent &e : events) {
        // An exchange-wide step is one event (groupExchangeEvents()), however many saw it.
        if (e.atMs > fromMs && e.atMs <= toMs && counts(e.kind))
            ++n;
    }
    return n;
}

InitTimes sumInitTimes(const QList<HistoryBucket> &buckets,
                       std::initializer_list<InitOutcome> outcomes)
{
    InitTimes sum;
    for (const HistoryBucket &b : buckets) {
        if (outcomes.size() == 0) {
            for (const InitTimes &t : b.init)
                sum.merge(t);
        } else {
            for (InitOutcome o : outcomes)
                sum.merge(b.initTimes(o));
        }
    }
    return sum;
}

MetricValue expiredPerHour(const QList<HistoryBucket> &buckets, int bucketMinutes)
{
    qint64 expired = 0;
    bool sampled = false;
    for (const HistoryBucket &b : buckets) {
        expired += b.expired;
        sampled = sampled || b.entries >= 0;
    }
    if (!sampled || buckets.isEmpty())
        return MetricValue::none();
    const double hours = double(buckets.size()) * double(qMax(1, bucketMinutes)) / 60.0;
    return MetricValue::of(double(expired) / hours);
}

MetricValue computeMetric(const QString &name, const MetricInputs &inputs,
                          std::chrono::seconds window, qint64 atMs)
{
    if (isClockMetric(name)) {
        const qint64 from = atMs - qint64(window.count()) * 1000;
        if (!inputs.clockEvents || from < inputs.clockEventsFromMs || atMs > inputs.atMs)
            return MetricValue::none();
        return MetricValue::of(double(countClockEvents(*inputs.clockEvents, name, from, atMs)));
    }
    if (isHistoryMetric(name)) {
        const qint64 minutes = qMax<qint64>(1, window.count() / 60);
        const qint64 lastMinute = atMs / kMinuteMs;
        const qint64 firstMinute = lastMinute - minutes + 1;
        QList<HistoryBucket> span;
        bool covered = false; // the history reaches the window's last minute
        for (const HistoryBucket &b : inputs.minutes) {
            const qint64 minute = b.start.toMSecsSinceEpoch() / kMinuteMs;
            if (minute < firstMinute || minute > lastMinute)
                continue;
            covered = covered || minute == lastMinute;
            span << b;
        }
        if (!covered)
            return MetricValue::none();
        qint64 hits = 0;
        qint64 misses = 0;
        qint64 rejections = 0;
        for (const HistoryBucket &b : std::as_const(span)) {
            hits += b.hits;
            misses += b.misses;
            rejections += b.rejections;
        }
        const auto quantile = [&](double q, std::initializer_list<InitOutcome> outcomes) {
            const std::optional<double> v = sumInitTimes(span, outcomes).quantileMs(q);
            return v ? MetricValue::of(*v) : MetricValue::none();
        };
        if (name == QLatin1String(metric::kHitRate))
            return hits + misses > 0 ? MetricValue::of(double(hits) / double(hits + misses))
                                     : MetricValue::none();
        if (name == QLatin1String(metric::kMissesPerMinute))
            return MetricValue::of(double(misses) / double(minutes));
        if (name == QLatin1String(metric::kRejections))
            return MetricValue::of(double(rejections));
        if (name == QLatin1String(metric::kExpiredPerHour)) {
            // Over the whole window, minutes the history does not hold counting as none.
            const MetricValue v = expiredPerHour(span);
            return v.hasData ? MetricValue::of(v.value * double(span.size()) / double(minutes)) : v;
        }
        if (name == QLatin1String(metric::kSizeBytes)) {
            for (auto it = span.crbegin(); it != span.crend(); ++it) {
                if (it->sizeBytes >= 0)
                    return MetricValue::of(double(it->sizeBytes));
            }
            return MetricValue::none();
        }
        if (name == QLatin1String(metric::kInitP50Ms))
            return quantile(0.5, {});
        if (name == QLatin1String(metric::kInitP95Ms))
            return quantile(0.95, {});
        if (name == QLatin1String(metric::kInitHitP50Ms))
            return quantile(0.5, {InitOutcome::Hit});
        if (name == QLatin1String(metric::kInitHitP95Ms))
            return quantile(0.95, {InitOutcome::Hit});
        if (name == QLatin1String(metric::kInitMissP50Ms))
            return quantile(0.5, {InitOutcome::MissSynced});
        if (name == QLatin1String(metric::kInitMissP95Ms))
            return quantile(0.95, {InitOutcome::MissSynced});
        return MetricValue::of(double(hits + misses)); // lookups
    }
    if (!inputs.stats)
        return MetricValue::none();
    const CacheStats &s = *inputs.stats;
    if (name == QLatin1String(metric::kEntries))
        return MetricValue::of(double(s.total));
    if (name == QLatin1String(metric::kExpiring5mShare))
        return s.valid > 0 ? MetricValue::of(double(s.expiringIn5m) / double(s.valid))
                           : MetricValue::none();
    return MetricValue::none();
}

} // namespace cc::monitoring
