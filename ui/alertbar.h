#pragma once

#include "ui/alertformat.h"

#include <QFrame>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSystemTrayIcon>

class QLabel;
class QSystemTrayIcon;

namespace cc {
namespace ui {

// The strip above the views while any rule fires (and is neither silenced nor disabled): the
// most severe firing rule in its severity's colour, its value, since when, and how many more
// fire. A click asks for that rule to be opened (ruleActivated).
class AlertBar : public QFrame
{
    Q_OBJECT

public:
    explicit AlertBar(QWidget *parent = nullptr);

    // Shows the alerting rules among these, or hides the bar when none alerts.
    void setStatuses(const QList<monitoring::RuleStatus> &statuses);
    // The rule a click opens (the first shown), empty when hidden.
    QString currentRule() const { return m_rule; }
    QString text() const;

Q_SIGNALS:
    void ruleActivated(const QString &rule);

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override; // a language switched at run time

private:
    QLabel *m_label;
    QList<monitoring::RuleStatus> m_statuses; // the last shown, shown again in a new language
    QString m_rule;
};

// Tells the operator through the system tray when a rule starts firing while the console is
// hidden or minimised: once per transition to firing (a rule that keeps firing is not told
// again; one that stops and starts again is). Every notification is also kept in sent(), which
// is what tests read (offscreen there is no tray).
class AlertNotifier : public QObject
{
    Q_OBJECT

public:
    struct Notification
    {
        QString rule;
        QString title;
        QString message;
    };

    explicit AlertNotifier(QObject *parent = nullptr);

    // The tray icon to show messages on (none: only recorded). Not owned.
    void setTrayIcon(QSystemTrayIcon *tray) { m_tray = tray; }
    // A new evaluation; `unattended`: the window is hidden or minimised.
    void update(const QList<monitoring::RuleStatus> &statuses, bool unattended);
    // Forgets what fired (another database was opened).
    void reset() { m_firing.clear(); }
    const QList<Notification> &sent() const { return m_sent; }

Q_SIGNALS:
    void notified(const QString &rule, const QString &title, const QString &message);

private:
    QPointer<QSystemTrayIcon> m_tray;
    QSet<QString> m_firing;
    QList<Notification> m_sent;
};

} // namespace ui
} // namespace cc
