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
    m_states.clear();
    m_seeded = false;
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
    if (!m_seeded) {
        // Where the history left each rule, so that a console started again does not record a
        // change that was recorded before (by itself, another console, the exporter).
        auto last = store.lastAlertEvents();
        if (last.ok()) {
            for (const monitoring::AlertEvent &e : last.value())
                m_states.insert(e.rule, e.to);
            m_seeded = true;
        }
    }

    // The changes of state seen now, into the alert history (a rule never recorded before
    // counts as having been ok).
    QList<monitoring::AlertEvent> changes;
    for (const monitoring::RuleStatus &s : snapshot.statuses) {
        const bool known = m_states.contains(s.rule.name);
        const monitoring::AlertState before =
            m_states.value(s.rule.name, monitoring::AlertState::Ok);
        m_states.insert(s.rule.name, s.state);
        if (before == s.state || (!known && s.state == monitoring::AlertState::NoData))
            continue;
        monitoring::AlertEvent e;
        e.atMs = now;
        e.rule = s.rule.name;
        e.from = before;
        e.to = s.state;
        e.value = s.value;
        e.severity = s.rule.severity;
        e.silenced = s.silenced;
        changes << e;
    }
    // The store writes each only while the rule's latest recorded state is its `from`: a change
    // another evaluator recorded first is not recorded twice. Read back for the views.
    if (!changes.isEmpty() && !store.recordAlertEvents(changes)) {
        auto again = store.alertEvents(QDateTime::fromMSecsSinceEpoch(now - kWeekMs, Qt::UTC), 500);
        if (again.ok())
            snapshot.history = again.value();
    }
    return snapshot;
}

} // namespace ui
} // namespace cc
