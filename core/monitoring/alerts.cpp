#include "core/monitoring/alerts.h"

#include "core/store/cachestore.h"

namespace cc::monitoring {

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
using std::chrono::minutes;

AlertRule rule(const char *name, const char *metric, Comparison comparison, double threshold,
               std::chrono::seconds window, std::chrono::seconds pendingFor, Severity severity)
{
    AlertRule r;
    r.name = QLatin1String(name);
    r.metric = QLatin1String(metric);
    r.comparison = comparison;
    r.threshold = threshold;
    r.window = window;
    r.pendingFor = pendingFor;
    r.severity = severity;
    return r;
}

bool usesMetric(const QList<AlertRule> &rules, const char *metric)
{
    for (const AlertRule &r : rules) {
        if (r.enabled && r.metric == QLatin1String(metric))
            return true;
    }
    return false;
}

} // namespace

QString comparisonName(Comparison c)
{
    return c == Comparison::Below ? QStringLiteral("below") : QStringLiteral("above");
}

QString severityName(Severity s)
{
    return s == Severity::Critical ? QStringLiteral("critical") : QStringLiteral("warning");
}

QString alertStateName(AlertState s)
{
    switch (s) {
    case AlertState::Ok:
        return QStringLiteral("ok");
    case AlertState::Pending:
        return QStringLiteral("pending");
    case AlertState::Firing:
        return QStringLiteral("firing");
    case AlertState::NoData:
        return QStringLiteral("no data");
    }
    return QString();
}

bool comparisonFromName(const QString &name, Comparison *out)
{
    if (name == QLatin1String("below") || name == QLatin1String("above")) {
        *out = name == QLatin1String("below") ? Comparison::Below : Comparison::Above;
        return true;
    }
    return false;
}

bool severityFromName(const QString &name, Severity *out)
{
    if (name == QLatin1String("warning") || name == QLatin1String("critical")) {
        *out = name == QLatin1String("critical") ? Severity::Critical : Severity::Warning;
        return true;
    }
    return false;
}

bool alertStateFromName(const QString &name, AlertState *out)
{
    for (AlertState s :
         {AlertState::Ok, AlertState::Pending, AlertState::Firing, AlertState::NoData}) {
        if (name == alertStateName(s)) {
            *out = s;
            return true;
        }
    }
    return false;
}

bool isValidRuleName(const QString &name)
{
    if (name.isEmpty() || name.size() > 64)
        return false;
    for (QChar c : name) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'_'))
            return false;
    }
    return true;
}

const Silence *AlertRule::activeSilence(qint64 atMs) const
{
    const Silence *best = nullptr;
    for (const Silence &s : silences) {
        if (s.until.isValid() && s.until.toMSecsSinceEpoch() > atMs &&
            (!best || s.until > best->until))
            best = &s;
    }
    return best;
}

QList<AlertRule> defaultRules()
{
    return {
        rule("hit_rate_low", metric::kHitRate, Comparison::Below, 0.80, minutes(15), minutes(5),
             Severity::Warning),
        rule("hit_rate_critical", metric::kHitRate, Comparison::Below, 0.50, minutes(15),
             minutes(5), Severity::Critical),
        rule("init_p95_high", metric::kInitP95Ms, Comparison::Above, 500, minutes(15), minutes(5),
             Severity::Warning),
        rule("misses_high", metric::kMissesPerMinute, Comparison::Above, 100, minutes(5),
             minutes(5), Severity::Warning),
        rule("timestamp_rejections", metric::kRejections, Comparison::Above, 0, minutes(5),
             minutes(0), Severity::Critical),
        rule("no_lookups", metric::kLookups, Comparison::Below, 1, minutes(30), minutes(0),
             Severity::Warning),
        rule("expiring_soon", metric::kExpiring5mShare, Comparison::Above, 0.5, minutes(5),
             minutes(0), Severity::Warning),
    };
}

AlertEvaluator::AlertEvaluator(const Clock *clock)
    : m_clock(clock)
{}

Result<MetricInputs> AlertEvaluator::readInputs(CacheStore &store, const QList<AlertRule> &rules,
                                                qint64 atMs, bool allMetrics,
                                                const CacheStats *statsRead)
{
    MetricInputs inputs;
    inputs.atMs = atMs;
    qint64 spanMinutes = allMetrics ? 16 : 1; // the exporter's 15-minute hit ratio
    bool history = false;
    for (const AlertRule &r : rules) {
        if (!r.enabled || !isHistoryMetric(r.metric))
            continue;
        history = true;
        spanMinutes =
            qMax<qint64>(spanMinutes, r.window.count() / 60 + r.pendingFor.count() / 60 + 60);
    }
    if (history || allMetrics) {
        const QDateTime to = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC);
        auto minutesRead = store.history(to.addSecs(-60 * (spanMinutes - 1)), to, 1);
        if (!minutesRead.ok())
            return minutesRead.error();
        inputs.minutes = minutesRead.value();
    }
    if (statsRead) {
        inputs.stats = *statsRead;
    } else if (allMetrics || usesMetric(rules, metric::kEntries) ||
               usesMetric(rules, metric::kExpiring5mShare)) {
        auto stats = store.stats(std::chrono::minutes(15));
        if (!stats.ok())
            return stats.error();
        inputs.stats = stats.value();
    }
    if (allMetrics || usesMetric(rules, metric::kExpiredPerHour)) {
        // Expired entries, newest expiry first, down to an hour ago. A renewed entry has a
        // future expiry and a cleaned-up one is gone: what is left expired unrenewed. Bounded
        // by one page: beyond it the count is a lower bound.
        BrowseRequest request;
        request.filter.state = EntryFilter::State::Expired;
        request.sortColumn = SortColumn::ExpiresAt;
        request.sortOrder = Qt::DescendingOrder;
        request.limit = 10000;
        auto page = store.browse(request);
        if (!page.ok())
            return page.error();
        qint64 n = 0;
        for (const CacheEntry &e : page->entries) {
            if (e.expiresAt.toMSecsSinceEpoch() < atMs - 60 * kMinuteMs)
                break;
            if (e.expiresAt.toMSecsSinceEpoch() <= atMs)
                ++n;
        }
        inputs.expiredLastHour = n;
    }
    return inputs;
}

Result<QList<RuleStatus>> AlertEvaluator::evaluate(CacheStore &store, const QList<AlertRule> &rules)
{
    const qint64 now = m_clock->nowMs();
    auto inputs = readInputs(store, rules, now);
    if (!inputs.ok())
        return inputs.error();
    return evaluate(rules, inputs.value());
}

QList<RuleStatus> AlertEvaluator::evaluate(const QList<AlertRule> &rules,
                                           const MetricInputs &inputs)
{
    const qint64 now = inputs.atMs;
    QList<RuleStatus> out;
    for (const AlertRule &r : rules) {
        RuleStatus status;
        status.rule = r;
        if (const Silence *s = r.activeSilence(now)) {
            status.silenced = true;
            status.silence = *s;
        }
        status.value = computeMetric(r.metric, inputs, r.window, now);
        if (!r.enabled || !status.value.hasData || !r.breaches(status.value.value)) {
            status.state = status.value.hasData ? AlertState::Ok : AlertState::NoData;
            m_snapshotSince.remove(r.name);
            out << status;
            continue;
        }
        qint64 since = now;
        if (isHistoryMetric(r.metric)) {
            // Back minute by minute while the condition held, as far as the history reaches.
            const qint64 earliest = inputs.minutes.isEmpty()
                                        ? now
                                        : inputs.minutes.constFirst().start.toMSecsSinceEpoch() +
                                              r.window.count() * 1000 - kMinuteMs;
            qint64 at = now - kMinuteMs;
            while (at >= earliest) {
                const MetricValue v = computeMetric(r.metric, inputs, r.window, at);
                if (!v.hasData || !r.breaches(v.value))
                    break;
                since = at / kMinuteMs * kMinuteMs;
                at -= kMinuteMs;
            }
            if (since == now)
                since = now / kMinuteMs * kMinuteMs;
        } else {
            since = m_snapshotSince.value(r.name, now);
            m_snapshotSince.insert(r.name, since);
        }
        status.since = QDateTime::fromMSecsSinceEpoch(since, Qt::UTC);
        status.state = now - since >= qint64(r.pendingFor.count()) * 1000 ? AlertState::Firing
                                                                          : AlertState::Pending;
        out << status;
    }
    return out;
}

} // namespace cc::monitoring
