#pragma once

// The console's words for alert rules, states and metric values, shared by the alert bar, the
// Alerts view, the Activity view's alert history and the fleet view; and the types the store
// worker hands the GUI thread about alerts.

#include "core/monitoring/alerts.h"

#include <QColor>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

#include <initializer_list>

class QTableView;

namespace cc {
namespace ui {

// What one evaluation of the alert rules found, read and evaluated in the store worker.
struct AlertSnapshot
{
    QDateTime at; // when evaluated (UTC)
    QList<monitoring::RuleStatus> statuses;
    QList<monitoring::AlertEvent> history; // the last week's changes of state, latest first
    // Why the rules shown are the seed's defaults rather than the database's (empty when they
    // are the database's).
    QString rulesNote;
    // Whether this role may change rules and silences (CacheStore::mayEditAlertRules()).
    bool mayEdit = false;
};

namespace AlertFormat {

// A metric's value in its unit: "84.2 %" for ratios, "312 ms", "1,204" (the locale's
// separators); "no data" when there is none.
QString value(const QString &metric, const monitoring::MetricValue &value);
QString value(const QString &metric, double value);
// "below 80 %", "above 500 ms".
QString condition(const monitoring::AlertRule &rule);
// "15 min", "2 h", "0 s".
QString duration(std::chrono::seconds d);
QString state(monitoring::AlertState state);         // translated
QString severity(monitoring::Severity severity);     // translated
QColor severityColor(monitoring::Severity severity); // amber, red
// Widens `columns` of `view` to the widest state word in the language now installed (German's
// "ausgelöst" and "ausstehend" are wider than the English samples the widths start from).
void fitStateColumns(QTableView *view, std::initializer_list<int> columns);
QColor stateColor(monitoring::AlertState state, monitoring::Severity severity);
// The firing rules that should reach an operator (isAlerting()), the critical ones first.
QList<monitoring::RuleStatus> alerting(const QList<monitoring::RuleStatus> &statuses);
// Each rule's metric, by the rule's name.
QHash<QString, QString> metricsOf(const QList<monitoring::RuleStatus> &statuses);

} // namespace AlertFormat

} // namespace ui
} // namespace cc

Q_DECLARE_METATYPE(cc::monitoring::AlertRule)
Q_DECLARE_METATYPE(cc::monitoring::RuleStatus)
Q_DECLARE_METATYPE(cc::monitoring::Silence)
Q_DECLARE_METATYPE(cc::monitoring::AlertEvent)
Q_DECLARE_METATYPE(cc::ui::AlertSnapshot)
