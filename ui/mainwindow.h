#pragma once

#include "core/store/types.h"
#include "ui/profiles.h"
#include "ui/storeworker.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QThread>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressDialog;
class QPushButton;
class QStandardItemModel;
class QSystemTrayIcon;
class QTabWidget;
class QTableView;
class QTimer;

namespace cc {
namespace ui {

class ActivityPage;
class ClockPage;
class AlertBar;
class AlertNotifier;
class AlertsPage;
class Dashboard;
class FleetPage;
class EntriesPage;
class EntryModel;
class PasswordVault;
class TestSyncDialog;

// The operator's desk: Dashboard, Entries and Activity, on one connection profile at a time.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // The pages, in the order of their tabs (Alt+1 to Alt+6).
    enum class Page { Dashboard, Entries, Activity, Clock, Alerts, Fleet };
    static QList<Page> allPages()
    {
        return {Page::Dashboard, Page::Entries, Page::Activity,
                Page::Clock,     Page::Alerts,  Page::Fleet};
    }

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a profile (asynchronously; connected() or the banner follows).
    void openProfile(const ConnectionProfile &profile, bool demo = false);

    // For tests and tools.
    void showPage(Page page);
    Page currentPage() const;
    QWidget *page(Page page) const;
    Dashboard *dashboard() const { return m_dashboard; }
    EntriesPage *entriesPage() const { return m_entries; }
    ActivityPage *activityPage() const { return m_activity; }
    ClockPage *clockPage() const { return m_clock; }
    EntryModel *entryModel() const;
    QTableView *entryView() const;
    QTabWidget *tabs() const { return m_tabs; }
    QLineEdit *filterEdit() const;
    QComboBox *stateCombo() const;
    QLabel *banner() const { return m_banner; }
    // Every action with a shortcut in this window: (what it does, its keys), for Help.
    QList<QPair<QString, QString>> shortcutList() const;
    // Moves the keyboard focus into a page (its first focusable widget), as Alt+1/2/3 do.
    void focusPage(Page which);
    QStandardItemModel *auditModel() const;
    QPlainTextEdit *detailsPane() const;
    QAction *action(const QString &name) const { return m_actions.value(name); }
    bool isConnected() const { return m_connected; }
    const Privileges &privileges() const { return m_privileges; }
    const ConnectionProfile &profile() const { return m_profile; }
    StoreWorker *worker() const { return m_worker; }
    QString statusText() const;
    // Monitoring (mainwindow_monitoring.cpp): the alert bar, the tray notifications, the Alerts
    // and Fleet views.
    AlertBar *alertBar() const { return m_alertBar; }
    AlertNotifier *alertNotifier() const { return m_alertNotifier; }
    AlertsPage *alertsPage() const { return m_alertsPage; }
    FleetPage *fleetPage() const { return m_fleetPage; }
    // Evaluates the alert rules now (in the worker), unless an evaluation is under way.
    void evaluateAlerts();
    bool isEvaluatingAlerts() const { return m_alertsToken != 0; }
    // Opens a rule in the Alerts view (the alert bar's and the tray message's click).
    void openAlertRule(const QString &rule);
    // A page's tab title, in the current language.
    static QString pageTitle(Page page);
    // View → Language: installs `language` ("" follows the system, "en", "de", "zh_CN") now;
    // the window and its pages are translated again on the QEvent::LanguageChange that follows
    // (mainwindow_language.cpp).
    void switchLanguage(const QString &language);

public Q_SLOTS:
    void refresh();
    void invalidateSelected();
    void invalidateMatching();
    void cleanupExpired();
    void testSync();
    void exportEntries(const QString &path = QString());
    void exportCharts(const QString &directory = QString());
    // The status bar's Cancel: gives up on the running entry and dashboard queries (their
    // answers are dropped; what is on screen stays).
    void cancelQuery();

Q_SIGNALS:
    void connected();
    void actionCompleted(const QString &action, qint64 rows, const QString &error);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createCentral();
    void setConnected(bool connected);
    void onOpened(const ServerInfo &info, const Privileges &privileges);
    void onOpenFailed(const StoreError &error);
    void onConnectionLost(const StoreError &error);
    void scheduleReconnect();
    // The banner's "Retry now": reconnects at once instead of at the end of the countdown.
    void retryNow();
    // Shows the status bar's "Query running… Cancel" while a query runs (after a short delay,
    // so that quick ones do not flicker), hides it when none does.
    void updateQueryIndicator();
    bool isQueryRunning() const;
    void updateActions();
    void updateEnvironmentBand();
    void loadAudit();
    void setTheme(const QString &theme);
    void runBulk(const QString &title, qint64 expected, const std::function<void(quint64)> &start);
    bool confirm(const QString &title, const QString &question, bool bulk);
    quint64 nextToken() { return ++m_token; }
    void setupMonitoring();
    void resetMonitoring();
    void onAlertsLoaded(quint64 token, const AlertSnapshot &snapshot);
    void updateAlertPermissions(bool mayEditRules);
    // The status bar's server, round trip and state after a connection (and a language change).
    void updateConnectionStatus();
    void retranslateUi(); // mainwindow_language.cpp
    // mainwindow_counting.cpp: the dashboard's exact count on demand.
    void setupExactCount();
    quint64 m_exactToken = 0;

    AlertBar *m_alertBar = nullptr;
    AlertNotifier *m_alertNotifier = nullptr;
    AlertsPage *m_alertsPage = nullptr;
    FleetPage *m_fleetPage = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QTimer *m_alertTimer = nullptr;
    quint64 m_alertsToken = 0;

    QThread m_thread;
    StoreWorker *m_worker;
    PasswordVault *m_vault;
    ConnectionProfile m_profile;
    DatabaseConfig m_config;
    bool m_demo = false;
    bool m_connected = false;
    static constexpr int kMaxPasswordPrompts = 3;
    int m_passwordPrompts = 0; // prompts shown since the profile was opened
    QString m_pendingPassword; // typed, not yet confirmed by a connection
    Privileges m_privileges;
    ServerInfo m_server;
    quint64 m_token = 0;
    quint64 m_dashboardToken = 0;
    quint64 m_auditToken = 0;
    quint64 m_pingToken = 0;
    quint64 m_previewToken = 0;
    quint64 m_actionToken = 0;
    qint64 m_expected = -1; // the running action's previewed count, -1 when none
    // Test sync dialogs' writes in flight, by token: each dialog is told how its write ended
    // (it says "Writing…" until then) and shows a failure itself.
    QHash<quint64, QPointer<TestSyncDialog>> m_testSyncWrites;
    std::function<void(qint64)> m_onPreview;
    std::function<void(qint64, qint64)> m_onCleanupPreview; // deletes, of which expired
    QPointer<QProgressDialog> m_progress;

    QHash<QString, QAction *> m_actions;
    QTabWidget *m_tabs;
    Dashboard *m_dashboard;
    EntriesPage *m_entries;
    EntryModel *m_model; // the entries page's
    ActivityPage *m_activity;
    // The Clock view (issue 17) and the sync-log reads in flight: its range, and the selected
    // credential's history for the details pane.
    ClockPage *m_clock;
    quint64 m_clockToken = 0;
    quint64 m_historyToken = 0;
    QString m_historyKey;
    void connectClock();
    QLabel *m_band;
    QLabel *m_banner;
    QPushButton *m_retryButton;
    QWidget *m_queryIndicator;
    bool m_dashboardLoading = false;
    QLabel *m_statusProfile;
    QLabel *m_statusZone;
    QLabel *m_statusServer;
    QLabel *m_statusLatency;
    QLabel *m_statusState;
    QTimer *m_reconnectTimer;
    QTimer *m_pingTimer;
    QTimer *m_tickTimer;
    QTimer *m_pushDebounce;
    QTimer *m_queryIndicatorDelay;
    int m_backoffSeconds = 1;
    int m_countdown = 0;
};

} // namespace ui
} // namespace cc
