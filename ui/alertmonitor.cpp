#include "ui/alertmonitor.h"

namespace cc {
namespace ui {

AlertMonitor::AlertMonitor(const Clock *clock)
    : m_clock(clock)
    , m_evaluator(clock)
{}

void AlertMonitor::reset()
{
    m_evaluator = monitoring::AlertEvaluator(m_clock);
    m_states.clear();
}

Result<AlertSnapshot> AlertMonitor::evaluate(CacheStore &store)
{
    const QList<monitoring::AlertRule> rules = monitoring::defaultRules();
    auto statuses = m_evaluator.evaluate(store, rules);
    if (!statuses.ok())
        return statuses.error();
    AlertSnapshot snapshot;
    snapshot.at = QDateTime::fromMSecsSinceEpoch(m_clock->nowMs(), Qt::UTC);
    snapshot.statuses = statuses.value();
    for (const monitoring::RuleStatus &s : snapshot.statuses)
        m_states.insert(s.rule.name, s.state);
    return snapshot;
}

} // namespace ui
} // namespace cc
