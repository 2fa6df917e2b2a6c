#pragma once

// Alert rules on the cache-health metrics (metrics.h) and the one evaluator every front end
// uses: `connector-cache check`, the Prometheus exporter, and later the console.

#include "core/clock.h"
#include "core/monitoring/metrics.h"
#include "core/result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <chrono>
#include <utility>

namespace cc {
class CacheStore;
}

namespace cc::monitoring {

enum class Comparison { Below, Above };
enum class Severity { Warning, Critical };
enum class AlertState { Ok, Pending, Firing, NoData };

QString comparisonName(Comparison c); // "below", "above"
QString severityName(Severity s);     // "warning", "critical"
QString alertStateName(AlertState s); // "ok", "pending", "firing", "no data"
bool comparisonFromName(const QString &name, Comparison *out);
bool severityFromName(const QString &name, Severity *out);
bool alertStateFromName(const QString &name, AlertState *out);
// A rule name as rules are named: 1 to 64 of [a-z0-9_].
bool isValidRuleName(const QString &name);

// A rule's notifications held back until `until`, with why.
struct Silence
{
    Silence() = default;
    Silence(QDateTime until_, QString reason_)
        : until(std::move(until_))
        , reason(std::move(reason_))
    {}

    QDateTime until; // UTC
    QString reason;
    // As stored (CacheStore::alertRules()); ignored by addAlertSilence, which fills them.
    qint64 id = 0;
    QDateTime createdAt; // UTC
    QString createdBy;   // "osUser/dbRole"
};

struct AlertRule
{
    QString name; // unique, [a-z0-9_]
    QString metric;
    Comparison comparison = Comparison::Above;
    double threshold = 0.0;
    std::chrono::seconds window{15 * 60};
    std::chrono::seconds pendingFor{0}; // fires only after the condition held this long
    Severity severity = Severity::Warning;
    bool enabled = true;
    QList<Silence> silences;
    // As stored (CacheStore::alertRules()); saveAlertRule fills them.
    QDateTime updatedAt; // UTC; invalid for defaults never stored
    QString updatedBy;

    // Whether the value breaks the rule.
    bool breaches(double value) const
    {
        return comparison == Comparison::Below ? value < threshold : value > threshold;
    }
    // The silence in force at atMs (the one lasting longest), or nullptr.
    const Silence *activeSilence(qint64 atMs) const;
};

// The seed's defaults: hit rate below 80 % over 15 min (warning) and below 50 % (critical),
// initialisation p95 above 500 ms, misses per minute above 100, timestamp rejections above
// zero, no lookups for 30 minutes, more than half of the valid entries expiring within 5 min.
QList<AlertRule> defaultRules();

// A rule's state at one time.
struct RuleStatus
{
    AlertRule rule;
    AlertState state = AlertState::NoData;
    MetricValue value; // the metric now, over the rule's window
    QDateTime since;   // when the condition began to hold (pending, firing); else invalid
    bool silenced = false;
    Silence silence; // the silence in force when silenced
    // Firing, enabled and not silenced: what a checker or pager should act on.
    bool isAlerting() const { return state == AlertState::Firing && rule.enabled && !silenced; }
};

// One change of a rule's state, as connector_cache_alert_event records it.
struct AlertEvent
{
    qint64 atMs = 0;
    QString rule;
    AlertState from = AlertState::Ok;
    AlertState to = AlertState::Ok;
    MetricValue value; // none: no data
    Severity severity = Severity::Warning;
    bool silenced = false;
    qint64 id = 0; // as stored; ignored by recordAlertEvents
};

// Evaluates rules at the clock's time. For history metrics a rule's pending period is judged
// from the recorded history (the condition at every minute of the period), so that one
// evaluation on its own (a `check` run) knows how long a condition has held. Snapshot metrics
// (entries, expiring and expired counts) have no past values: for those the evaluator
// remembers since when the condition holds, across evaluate() calls on the same evaluator.
class AlertEvaluator
{
public:
    explicit AlertEvaluator(const Clock *clock = Clock::system());

    // Reads what the rules need from the store (history, stats) and evaluates them. Fails only
    // when the store does.
    Result<QList<RuleStatus>> evaluate(CacheStore &store, const QList<AlertRule> &rules);
    // The same with the rules of the store's rule table (CacheStore::alertRules()).
    Result<QList<RuleStatus>> evaluate(CacheStore &store);
    // What every front end (check, exporter, console) does on a refresh: samples the table's
    // health (CacheStore::sampleTableHealth, at most once a minute), evaluates the table's rules
    // and records their state changes (recordStateChanges). The two writes are best effort, so
    // that a read-only role still evaluates: their failures are added to *writeErrors.
    Result<QList<RuleStatus>> refresh(CacheStore &store, QStringList *writeErrors = nullptr);
    // Evaluates from inputs read already (their atMs is the time evaluated).
    QList<RuleStatus> evaluate(const QList<AlertRule> &rules, const MetricInputs &inputs);

    // What evaluate(store, rules) reads: the history back far enough for the rules' windows
    // and pending periods (and an hour more, to date a condition's start), the stats when a
    // snapshot metric is used, the clock events (readClockEvents()) over the same span when a
    // clock metric is used. `allMetrics`: the stats and an hour of history and of clock events
    // whatever the rules use. `statsRead`: stats the caller has read already (not read again).
    // A sync log that cannot be read (other than the database being away) leaves the clock
    // metrics without data, with a warning, rather than failing the other rules.
    static Result<MetricInputs> readInputs(CacheStore &store, const QList<AlertRule> &rules,
                                           qint64 atMs, bool allMetrics = false,
                                           const CacheStats *statsRead = nullptr);

private:
    const Clock *m_clock;
    QHash<QString, qint64> m_snapshotSince; // rule name -> since when its condition holds
};

// The clock events the clock metrics count (issue 17): the sync log analysed by
// analyzeClockHealth(), the one classification `connector-cache clock` shows, over the log from
// kClockContextMs before fromMs (steps are judged against the syncs before them) to toMs, at
// most kClockRowLimit rows (the newest); the events with fromMs < atMs <= toMs, in time order.
constexpr qint64 kClockContextMs = 6 * 3'600'000LL;
constexpr int kClockRowLimit = 50'000;
Result<QList<ClockEvent>> readClockEvents(CacheStore &store, qint64 fromMs, qint64 toMs);

// Records in the alert history (CacheStore::recordAlertEvents) each rule whose state differs
// from its last recorded one (none recorded: "ok"), at atMs. Returns the changes it wrote. For
// whoever evaluates with write access; the store writes a change once however many front ends
// see it.
Result<QList<AlertEvent>> recordStateChanges(CacheStore &store, const QList<RuleStatus> &statuses,
                                             qint64 atMs);

} // namespace cc::monitoring
