#include "ui/alertmonitor.h"

#include <QCoreApplication>

namespace cc {
namespace ui {

namespace {
constexpr qint64 kWeekMs = 7LL * 24 * 60 * 60 * 1000;
}

AlertMonitor::AlertMonitor(const Clock *clock)
    : m_clock(clock)
    , m_evaluator(clock)
{}

void AlertMonitor::reset()
{
    m_evaluator = monitoring::AlertEvaluator(m_clock);
    m_mayEdit.reset();
    m_maySample = true;
}

Result<AlertSnapshot> AlertMonitor::evaluate(CacheStore &store)
{
    AlertSnapshot snapshot;
    // The expiry and size sample the console's refresh contributes (at most once a minute per
    // database; a role that may not write the history just does not sample).
    if (m_maySample) {
        auto sampled = store.sampleTableHealth();
        if (!sampled.ok() && sampled.error().kind() == StoreError::PermissionDenied)
            m_maySample = false; // said once in the log; not asked again on this connection
    }
    if (!m_mayEdit) {
        auto may = store.mayEditAlertRules();
        if (!may.ok() && may.error().kind() == StoreError::Unreachable)
            return may.error();
        m_mayEdit = may.ok() && may.value();
    }
    snapshot.mayEdit = *m_mayEdit;
    QList<monitoring::AlertRule> rules;
    auto stored = store.alertRules();
    if (stored.ok()) {
        rules = stored.value();
    } else if (stored.error().kind() == StoreError::Unreachable) {
        return stored.error();
    } else {
        // A role that may not read the rule table still sees the seed's defaults evaluated.
        rules = monitoring::defaultRules();
        snapshot.rulesNote =
            QCoreApplication::translate("AlertMonitor", "the seed's default rules: %1")
                .arg(stored.error().message());
    }
    auto statuses = m_evaluator.evaluate(store, rules);
    if (!statuses.ok())
        return statuses.error();
    const qint64 now = m_clock->nowMs();
    snapshot.at = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
    snapshot.statuses = statuses.value();

    auto history = store.alertEvents(QDateTime::fromMSecsSinceEpoch(now - kWeekMs, Qt::UTC), 500);
    if (history.ok()) {
        snapshot.history = history.value();
    }
    // The changes of state seen now, into the alert history: core's one rule for every front end
    // (monitoring::recordStateChanges), compared with each rule's last recorded state, written
    // once however many evaluators see it. Best effort: a role that may not write the history
    // still sees the rules evaluated. Read back for the views when something was written.
    // A standby takes no writes: the primary's evaluators record the changes.
    if (store.isStandby())
        return snapshot;
    auto recorded = monitoring::recordStateChanges(store, snapshot.statuses, now);
    if (recorded.ok() && !recorded->isEmpty()) {
        auto again = store.alertEvents(QDateTime::fromMSecsSinceEpoch(now - kWeekMs, Qt::UTC), 500);
        if (again.ok())
            snapshot.history = again.value();
    }
    return snapshot;
}

} // namespace ui
} // namespace cc
