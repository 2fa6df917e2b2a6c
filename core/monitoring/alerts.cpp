#include "core/monitoring/alerts.h"

#include "core/logging.h"
#include "core/store/cachestore.h"
#include "core/store/synclogquery.h"

#include <algorithm>

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
    qint64 spanMinutes = allMetrics ? 61 : 1; // the exporter's hour of expirations
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
    qint64 clockSpanMinutes = allMetrics ? 61 : 0;
    for (const AlertRule &r : rules) {
        if (r.enabled && isClockMetric(r.metric))
            clockSpanMinutes = qMax<qint64>(clockSpanMinutes,
                                            r.window.count() / 60 + r.pendingFor.count() / 60 + 60);
    }
    if (clockSpanMinutes > 0) {
        const qint64 from = atMs - clockSpanMinutes * kMinuteMs;
        auto events = readClockEvents(store, from, atMs);
        if (events.ok()) {
            inputs.clockEvents = events.value();
            inputs.clockEventsFromMs = from;
        } else if (events.error().kind() == StoreError::Unreachable) {
            return events.error();
        } else {
            qCWarning(lcStore).noquote()
                << "Clock metrics without data: the sync log could not be read:"
                << events.error().message();
        }
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
    return inputs;
}

Result<QList<ClockEvent>> readClockEvents(CacheStore &store, qint64 fromMs, qint64 toMs)
{
    SyncLogQuery query;
    query.sinceMs = std::max<qint64>(1, fromMs - kClockContextMs);
    query.untilMs = toMs + 1;
    query.limit = kClockRowLimit;
    query.newestFirst = true; // when the span holds more, the newest are analysed
    auto rows = store.syncLog(query);
    if (!rows.ok())
        return rows.error();
    QList<SyncLogRecord> log = rows.value();
    std::reverse(log.begin(), log.end());
    QList<ClockEvent> events;
    for (const ClockEvent &e : analyzeClockHealth(log).events) {
        if (e.atMs > fromMs && e.atMs <= toMs)
            events << e;
    }
    return events;
}

Result<QList<RuleStatus>> AlertEvaluator::evaluate(CacheStore &store, const QList<AlertRule> &rules)
{
    const qint64 now = m_clock->nowMs();
    auto inputs = readInputs(store, rules, now);
    if (!inputs.ok())
        return inputs.error();
    return evaluate(rules, inputs.value());
}

Result<QList<RuleStatus>> AlertEvaluator::evaluate(CacheStore &store)
{
    auto rules = store.alertRules();
    if (!rules.ok())
        return rules.error();
    return evaluate(store, rules.value());
}

Result<QList<RuleStatus>> AlertEvaluator::refresh(CacheStore &store, QStringList *writeErrors)
{
    auto sampled = store.sampleTableHealth();
    if (!sampled.ok() && writeErrors)
        *writeErrors << sampled.error().message();
    auto statuses = evaluate(store);
    if (!statuses.ok())
        return statuses;
    auto recorded = recordStateChanges(store, statuses.value(), m_clock->nowMs());
    if (!recorded.ok() && writeErrors)
        *writeErrors << recorded.error().message();
    return statuses;
}

Result<QList<AlertEvent>> recordStateChanges(CacheStore &store, const QList<RuleStatus> &statuses,
                                             qint64 atMs)
{
    auto last = store.lastAlertEvents();
    if (!last.ok())
        return last.error();
    QHash<QString, AlertState> previous;
    for (const AlertEvent &e : last.value())
        previous.insert(e.rule, e.to);
    QList<AlertEvent> changes;
    for (const RuleStatus &s : statuses) {
        const AlertState from = previous.value(s.rule.name, AlertState::Ok);
        if (from == s.state)
            continue;
        AlertEvent e;
        e.atMs = atMs;
        e.rule = s.rule.name;
        e.from = from;
        e.to = s.state;
        e.value = s.value;
        e.severity = s.rule.severity;
        e.silenced = s.silenced;
        changes << e;
    }
    const StoreError error = store.recordAlertEvents(changes);
    if (error)
        return error;
    return changes;
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
        if (hasPastValues(r.metric)) {
            // Back minute by minute while the condition held, as far as the history (or the
            // clock events read) reaches.
            qint64 earliest = now;
            if (isClockMetric(r.metric))
                earliest = inputs.clockEventsFromMs + r.window.count() * 1000;
            else if (!inputs.minutes.isEmpty())
                earliest = inputs.minutes.constFirst().start.toMSecsSinceEpoch() +
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
