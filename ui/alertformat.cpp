#include "ui/alertformat.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QLocale>
#include <QTableView>

#include <algorithm>

namespace cc {
namespace ui {
namespace AlertFormat {

namespace {

// lupdate files the tr() calls of this namespace under "cc::ui::AlertFormat": the same context
// here, or no translation is ever found (the words stayed English in every language).
QString tr(const char *text)
{
    return QCoreApplication::translate("cc::ui::AlertFormat", text);
}

bool isRatio(const QString &metric)
{
    return metric == QLatin1String(monitoring::metric::kHitRate) ||
           metric == QLatin1String(monitoring::metric::kExpiring5mShare);
}

} // namespace

QString value(const QString &metric, double v)
{
    const QLocale locale;
    if (isRatio(metric))
        return tr("%1 %").arg(locale.toString(v * 100.0, 'f', 1));
    if (metric == QLatin1String(monitoring::metric::kInitP95Ms))
        return tr("%1 ms").arg(locale.toString(v, 'f', 0));
    if (metric == QLatin1String(monitoring::metric::kMissesPerMinute))
        return tr("%1/min").arg(locale.toString(v, 'f', v < 10 ? 1 : 0));
    return locale.toString(v, 'f', v == double(qint64(v)) ? 0 : 1);
}

QString value(const QString &metric, const monitoring::MetricValue &v)
{
    return v.hasData ? value(metric, v.value) : tr("no data");
}

QString condition(const monitoring::AlertRule &rule)
{
    return (rule.comparison == monitoring::Comparison::Below ? tr("below %1") : tr("above %1"))
        .arg(value(rule.metric, rule.threshold));
}

QString duration(std::chrono::seconds d)
{
    const qint64 s = d.count();
    if (s > 0 && s % 3600 == 0)
        return tr("%1 h").arg(s / 3600);
    if (s > 0 && s % 60 == 0)
        return tr("%1 min").arg(s / 60);
    return tr("%1 s").arg(s);
}

QString state(monitoring::AlertState s)
{
    switch (s) {
    case monitoring::AlertState::Ok:
        return tr("ok");
    case monitoring::AlertState::Pending:
        return tr("pending");
    case monitoring::AlertState::Firing:
        return tr("firing");
    case monitoring::AlertState::NoData:
        return tr("no data");
    }
    return QString();
}

void fitStateColumns(QTableView *view, std::initializer_list<int> columns)
{
    const QFontMetrics metrics = view->fontMetrics();
    int widest = 0;
    for (auto s : {monitoring::AlertState::Ok, monitoring::AlertState::Pending,
                   monitoring::AlertState::Firing, monitoring::AlertState::NoData}) {
        QFont bold = view->font(); // firing rules are shown in bold
        bold.setBold(true);
        widest = std::max({widest, metrics.horizontalAdvance(state(s)),
                           QFontMetrics(bold).horizontalAdvance(state(s))});
    }
    for (int column : columns) {
        if (view->columnWidth(column) < widest + 24)
            view->setColumnWidth(column, widest + 24);
    }
}

QString severity(monitoring::Severity s)
{
    return s == monitoring::Severity::Critical ? tr("critical") : tr("warning");
}

QColor severityColor(monitoring::Severity s)
{
    return s == monitoring::Severity::Critical ? QColor(0xb7, 0x1c, 0x1c)
                                               : QColor(0xc7, 0x7c, 0x02);
}

QColor stateColor(monitoring::AlertState s, monitoring::Severity sev)
{
    switch (s) {
    case monitoring::AlertState::Firing:
        return severityColor(sev);
    case monitoring::AlertState::Pending:
        return QColor(0xc7, 0x7c, 0x02);
    case monitoring::AlertState::Ok:
        return QColor(0x2e, 0x8b, 0x57);
    case monitoring::AlertState::NoData:
        return QColor(0x75, 0x75, 0x75);
    }
    return QColor();
}

QList<monitoring::RuleStatus> alerting(const QList<monitoring::RuleStatus> &statuses)
{
    QList<monitoring::RuleStatus> out;
    for (const monitoring::RuleStatus &s : statuses) {
        if (s.isAlerting())
            out << s;
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const monitoring::RuleStatus &a, const monitoring::RuleStatus &b) {
                         return a.rule.severity == monitoring::Severity::Critical &&
                                b.rule.severity != monitoring::Severity::Critical;
                     });
    return out;
}

QHash<QString, QString> metricsOf(const QList<monitoring::RuleStatus> &statuses)
{
    QHash<QString, QString> out;
    for (const monitoring::RuleStatus &s : statuses)
        out.insert(s.rule.name, s.rule.metric);
    return out;
}

} // namespace AlertFormat
} // namespace ui
} // namespace cc
