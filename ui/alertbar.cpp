#include "ui/alertbar.h"

#include "ui/retranslate.h"
#include "ui/timedisplay.h"

#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QSystemTrayIcon>

namespace cc {
namespace ui {

namespace {

// "CRITICAL hit_rate_critical: hit rate 42.0 % (below 50.0 %) since 14:02:00"
QString describe(const monitoring::RuleStatus &s)
{
    const QString since = s.since.isValid() ? TimeDisplay::shortText(s.since) : QString();
    QString text =
        QCoreApplication::translate("AlertBar", "%1 %2: %3 (%4)")
            .arg(AlertFormat::severity(s.rule.severity).toUpper(), s.rule.name,
                 AlertFormat::value(s.rule.metric, s.value), AlertFormat::condition(s.rule));
    if (!since.isEmpty())
        text += QCoreApplication::translate("AlertBar", " since %1").arg(since);
    return text;
}

} // namespace

AlertBar::AlertBar(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("alertBar"));
    setCursor(Qt::PointingHandCursor);
    setAutoFillBackground(true);
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(8, 4, 8, 4);
    m_label->setObjectName(QStringLiteral("alertBarText"));
    row->addWidget(m_label, 1);
    Retranslate::keep(this, "toolTip", staticMetaObject.className(),
                      QT_TR_NOOP("Open the rule in the Alerts view"));
    hide();
}

void AlertBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        Retranslate::apply(this);
        setStatuses(m_statuses); // the text in the new language's words
    }
    QFrame::changeEvent(event);
}

QString AlertBar::text() const
{
    return m_label->text();
}

void AlertBar::setStatuses(const QList<monitoring::RuleStatus> &statuses)
{
    m_statuses = statuses;
    const QList<monitoring::RuleStatus> firing = AlertFormat::alerting(statuses);
    if (firing.isEmpty()) {
        m_rule.clear();
        m_label->clear();
        hide();
        return;
    }
    const monitoring::RuleStatus &top = firing.constFirst();
    m_rule = top.rule.name;
    QString text = describe(top);
    if (firing.size() > 1)
        text += tr(" — and %n more firing", nullptr, int(firing.size() - 1));
    m_label->setText(text);
    const QColor color = AlertFormat::severityColor(top.rule.severity);
    setStyleSheet(QStringLiteral("QFrame#alertBar { background: %1; }"
                                 "QFrame#alertBar QLabel { color: white; font-weight: bold; }")
                      .arg(color.name()));
    show();
}

void AlertBar::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && !m_rule.isEmpty())
        Q_EMIT ruleActivated(m_rule);
    QFrame::mouseReleaseEvent(event);
}

AlertNotifier::AlertNotifier(QObject *parent)
    : QObject(parent)
{}

void AlertNotifier::update(const QList<monitoring::RuleStatus> &statuses, bool unattended)
{
    QSet<QString> firing;
    for (const monitoring::RuleStatus &s : AlertFormat::alerting(statuses)) {
        firing.insert(s.rule.name);
        if (m_firing.contains(s.rule.name) || !unattended)
            continue;
        Notification n;
        n.rule = s.rule.name;
        n.title = tr("%1 alert: %2").arg(AlertFormat::severity(s.rule.severity), s.rule.name);
        n.message = tr("%1 is %2 (%3 for %4).")
                        .arg(monitoring::metricDescription(s.rule.metric),
                             AlertFormat::value(s.rule.metric, s.value),
                             AlertFormat::condition(s.rule), AlertFormat::duration(s.rule.window));
        m_sent << n;
        if (m_tray && QSystemTrayIcon::isSystemTrayAvailable())
            m_tray->showMessage(n.title, n.message,
                                s.rule.severity == monitoring::Severity::Critical
                                    ? QSystemTrayIcon::Critical
                                    : QSystemTrayIcon::Warning);
        Q_EMIT notified(n.rule, n.title, n.message);
    }
    m_firing = firing;
}

} // namespace ui
} // namespace cc
