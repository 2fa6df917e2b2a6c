// The main window's monitoring: the alert bar above the views, tray notifications, the Alerts
// view and the Fleet view (issue 16). Kept apart from mainwindow.cpp, which only calls
// setupMonitoring() and resetMonitoring().

#include "ui/activitypage.h"
#include "ui/alertbar.h"
#include "ui/alerthistoryview.h"
#include "ui/alertspage.h"
#include "ui/dashboard.h"
#include "ui/fleetpage.h"
#include "ui/icons.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace cc {
namespace ui {

namespace {

bool sameProfiles(const QList<ConnectionProfile> &a, const QList<ConnectionProfile> &b)
{
    if (a.size() != b.size())
        return false;
    for (int i = 0; i < a.size(); ++i) {
        if (a.at(i).name != b.at(i).name || a.at(i).url != b.at(i).url ||
            a.at(i).tag != b.at(i).tag || a.at(i).sslMode != b.at(i).sslMode ||
            a.at(i).sslRootCert != b.at(i).sslRootCert)
            return false;
    }
    return true;
}

} // namespace

void MainWindow::setupMonitoring()
{
    // The alert bar, right above the views.
    m_alertBar = new AlertBar(centralWidget());
    if (auto *layout = qobject_cast<QVBoxLayout *>(centralWidget()->layout()))
        layout->insertWidget(layout->indexOf(m_tabs), m_alertBar);
    connect(m_alertBar, &AlertBar::ruleActivated, this, &MainWindow::openAlertRule);

    m_alertsPage = new AlertsPage(m_tabs);
    m_tabs->addTab(m_alertsPage, resourceIcon("alerts"), pageTitle(Page::Alerts));
    m_fleetPage = new FleetPage(m_tabs);
    m_tabs->addTab(m_fleetPage, resourceIcon("fleet"), pageTitle(Page::Fleet));

    // Tray notifications when a rule starts firing while the window is hidden or minimised.
    m_alertNotifier = new AlertNotifier(this);
    m_tray = new QSystemTrayIcon(windowIcon(), this);
    m_tray->setObjectName(QStringLiteral("trayIcon"));
    m_tray->setToolTip(windowTitle());
    m_alertNotifier->setTrayIcon(m_tray);
    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_tray->show();
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this]() {
        showNormal();
        raise();
        activateWindow();
        const QList<AlertNotifier::Notification> &sent = m_alertNotifier->sent();
        openAlertRule(sent.isEmpty() ? QString() : sent.constLast().rule);
    });
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason) {
        showNormal();
        raise();
        activateWindow();
    });

    // Evaluated in the worker: on each refresh of the dashboard, on F5, after changes pushed
    // from elsewhere, after the rules were edited, and every 30 s whatever is on screen (the
    // window may be hidden: that is when the tray is needed).
    connect(m_worker, &StoreWorker::alertsLoaded, this, &MainWindow::onAlertsLoaded);
    connect(m_worker, &StoreWorker::failed, this, [this](quint64 token, const StoreError &) {
        if (token == m_alertsToken)
            m_alertsToken = 0;
    });
    m_alertTimer = new QTimer(this);
    m_alertTimer->setObjectName(QStringLiteral("alertTimer"));
    m_alertTimer->setInterval(30000);
    connect(m_alertTimer, &QTimer::timeout, this, &MainWindow::evaluateAlerts);
    m_alertTimer->start();
    connect(m_dashboard, &Dashboard::dashboardRequested, this, &MainWindow::evaluateAlerts);
    connect(m_actions.value(QStringLiteral("refresh")), &QAction::triggered, this,
            &MainWindow::evaluateAlerts);
    connect(m_pushDebounce, &QTimer::timeout, this, &MainWindow::evaluateAlerts);
    connect(this, &MainWindow::connected, this, [this]() {
        m_alertsToken = 0;
        updateAlertPermissions(false); // until the worker says whether this role may
        evaluateAlerts();
    });
    connect(this, &MainWindow::actionCompleted, this, [this](const QString &action) {
        if (action.startsWith(QLatin1String("alert-")))
            evaluateAlerts();
    });

    connect(m_tabs, &QTabWidget::currentChanged, this, [this]() {
        if (currentPage() == Page::Alerts)
            evaluateAlerts();
        if (currentPage() == Page::Fleet) {
            // The profiles as saved now (the dialog may have changed them); started on the
            // first visit, then kept refreshing in the background.
            const QList<ConnectionProfile> profiles =
                QList<ConnectionProfile>{ProfileStore::embeddedDefault()} + ProfileStore::load();
            if (!sameProfiles(profiles, m_fleetPage->profiles()) || !m_fleetPage->isRunning()) {
                if (!sameProfiles(profiles, m_fleetPage->profiles()))
                    m_fleetPage->setProfiles(profiles);
                m_fleetPage->start();
            }
        }
    });
    // Edits from the Alerts view: run by the worker, audited there, answered by actionFinished
    // (whose handler reloads the audit log; the rules are evaluated again below).
    connect(m_alertsPage, &AlertsPage::saveRuleRequested, this,
            [this](const monitoring::AlertRule &rule) {
                m_actionToken = nextToken();
                m_expected = -1;
                m_worker->post(&StoreWorker::saveAlertRule, m_actionToken, rule);
            });
    connect(m_alertsPage, &AlertsPage::deleteRuleRequested, this, [this](const QString &name) {
        m_actionToken = nextToken();
        m_expected = -1;
        m_worker->post(&StoreWorker::deleteAlertRule, m_actionToken, name);
    });
    connect(m_alertsPage, &AlertsPage::silenceRequested, this,
            [this](const QString &rule, const monitoring::Silence &silence) {
                m_actionToken = nextToken();
                m_expected = -1;
                m_worker->post(&StoreWorker::addAlertSilence, m_actionToken, rule, silence);
            });
    connect(this, &MainWindow::actionCompleted, this,
            [this](const QString &action, qint64, const QString &error) {
                if (!error.isEmpty() || !action.startsWith(QLatin1String("alert-")))
                    return;
                statusBar()->showMessage(
                    action == QLatin1String("alert-silence")       ? tr("Silence saved")
                    : action == QLatin1String("alert-rule-delete") ? tr("Alert rule deleted")
                                                                   : tr("Alert rule saved"),
                    8000);
            });
    connect(m_fleetPage, &FleetPage::profileActivated, this,
            [this](const ConnectionProfile &profile) {
                openProfile(profile);
                showPage(Page::Dashboard);
            });
}

void MainWindow::resetMonitoring()
{
    m_alertsToken = 0;
    m_alertBar->setStatuses({});
    m_alertNotifier->reset();
    m_alertsPage->clear();
    m_alertsPage->setCanEdit(false, tr("Not connected to a database"));
}

void MainWindow::updateAlertPermissions(bool mayEditRules)
{
    const bool may = m_connected && mayEditRules && m_privileges.canAudit;
    m_alertsPage->setCanEdit(
        may, !m_connected ? tr("Not connected to a database")
                          : tr("The database role %1 may not change alert rules; ask for the admin "
                               "GRANTs in the README")
                                .arg(m_server.role));
}

void MainWindow::evaluateAlerts()
{
    if (!m_connected || m_alertsToken != 0)
        return; // not connected, or an evaluation is queued or running
    m_alertsToken = nextToken();
    m_worker->post(&StoreWorker::loadAlerts, m_alertsToken);
}

void MainWindow::onAlertsLoaded(quint64 token, const AlertSnapshot &snapshot)
{
    if (token != m_alertsToken)
        return;
    m_alertsToken = 0;
    updateAlertPermissions(snapshot.mayEdit);
    m_alertBar->setStatuses(snapshot.statuses);
    m_alertsPage->showSnapshot(snapshot);
    m_activity->alertHistory()->showEvents(snapshot.history,
                                           AlertFormat::metricsOf(snapshot.statuses));
    m_alertNotifier->update(snapshot.statuses, isHidden() || !isVisible() || isMinimized() ||
                                                   windowState().testFlag(Qt::WindowMinimized));
}

void MainWindow::openAlertRule(const QString &rule)
{
    showPage(Page::Alerts);
    if (!rule.isEmpty())
        m_alertsPage->selectRule(rule);
}

} // namespace ui
} // namespace cc
