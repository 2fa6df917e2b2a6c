#include "ui/mainwindow.h"

#include "ui/activitypage.h"
#include "ui/alertspage.h"
#include "ui/clockpage.h"
#include "ui/confirmdialog.h"
#include "ui/dashboard.h"
#include "ui/describe.h"
#include "ui/entriespage.h"
#include "ui/entrymodel.h"
#include "ui/fleetpage.h"
#include "ui/icons.h"
#include "ui/profilesdialog.h"
#include "ui/retranslate.h"
#include "ui/shortcutsdialog.h"
#include "ui/synchistorychart.h"
#include "ui/testsyncdialog.h"
#include "ui/theme.h"
#include "ui/timedisplay.h"

#include "core/store/filterquery.h"

#include <QAction>
#include <QActionGroup>
#include <QChartView>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFrame>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPixmap>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

// Resources of a static library must be registered by hand, outside any namespace.
static void initResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace cc {
namespace ui {

namespace {

// Sets a text of `object` to the translation of `source` and keeps it for a language change
// (Retranslate::keep() in MainWindow's context).
template<typename T>
T *kept(T *object, const char *property, const char *source)
{
    return Retranslate::keep(object, property, MainWindow::staticMetaObject.className(), source);
}

// The banner's property holding when the server stopped answering (a QDateTime; none while it
// answers or when the connection broke otherwise).
constexpr char kNotAnsweringSince[] = "notAnsweringSince";

// The connection banner's words while reconnecting (countdown 0: reconnecting now).
QString lostBannerText(const QLabel *banner, int countdown)
{
    const QDateTime since = banner->property(kNotAnsweringSince).toDateTime();
    if (since.isValid()) {
        const QString at = QLocale().toString(since.time(), QStringLiteral("HH:mm:ss"));
        return countdown > 0
                   ? MainWindow::tr("Server not answering since %1 — retrying in %Ln s", nullptr,
                                    countdown)
                         .arg(at)
                   : MainWindow::tr("Server not answering since %1 — reconnecting…").arg(at);
    }
    return countdown > 0 ? MainWindow::tr("Connection lost — retrying in %Ln s", nullptr, countdown)
                         : MainWindow::tr("Connection lost — reconnecting…");
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_worker(new StoreWorker)
    , m_vault(new PasswordVault(this))
    , m_reconnectTimer(new QTimer(this))
    , m_pingTimer(new QTimer(this))
    , m_tickTimer(new QTimer(this))
    , m_pushDebounce(new QTimer(this))
    , m_queryIndicatorDelay(new QTimer(this))
{
    initResources();
    Describe::installEnglishPluralForms();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Connector Cache Console"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/connector-cache.svg")));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("store worker"));
    m_thread.start();

    createActions();
    createCentral();
    setupMonitoring();
    createMenus();

    connect(m_worker, &StoreWorker::opened, this, &MainWindow::onOpened);
    connect(m_worker, &StoreWorker::openFailed, this, &MainWindow::onOpenFailed);
    connect(m_worker, &StoreWorker::connectionLost, this, &MainWindow::onConnectionLost);
    connect(m_worker, &StoreWorker::pinged, this, [this](quint64 token, qint64 latencyUs) {
        if (token == m_pingToken)
            m_statusLatency->setText(
                tr("round trip %1 ms").arg(double(latencyUs) / 1000.0, 0, 'f', 1));
    });
    connect(m_worker, &StoreWorker::dashboardLoaded, this,
            [this](quint64 token, const CacheStats &stats, const QList<HistoryBucket> &history,
                   const QList<BreakdownRow> &breakdown, int bucket) {
                if (token != m_dashboardToken)
                    return;
                m_dashboardLoading = false;
                updateQueryIndicator();
                m_dashboard->showData(stats, history, breakdown, bucket);
            });
    connect(m_worker, &StoreWorker::pageLoaded, m_model, &EntryModel::onPageLoaded);
    connect(m_worker, &StoreWorker::countLoaded, m_model, &EntryModel::onCountLoaded);
    connect(m_worker, &StoreWorker::auditLoaded, this,
            [this](quint64 token, const QList<AuditRecord> &records) {
                if (token != m_auditToken)
                    return;
                m_activity->showRecords(records);
            });
    connect(m_worker, &StoreWorker::previewReady, this, [this](quint64 token, qint64 count) {
        if (token == m_previewToken && m_onPreview) {
            auto handler = std::move(m_onPreview);
            m_onPreview = nullptr;
            handler(count);
        }
    });
    connect(m_worker, &StoreWorker::cleanupPreviewReady, this,
            [this](quint64 token, qint64 deletes, qint64 expired) {
                if (token == m_previewToken && m_onCleanupPreview) {
                    auto handler = std::move(m_onCleanupPreview);
                    m_onCleanupPreview = nullptr;
                    handler(deletes, expired);
                }
            });
    connect(m_worker, &StoreWorker::progress, this, [this](quint64 token, qint64 done) {
        if (token == m_actionToken && m_progress) {
            if (m_progress->maximum() > 0)
                m_progress->setValue(int(std::min<qint64>(done, m_progress->maximum() - 1)));
            m_progress->setLabelText(tr("%Ln entries done…", nullptr, int(done)));
        }
    });
    connect(m_worker, &StoreWorker::actionFinished, this,
            [this](quint64 token, const QString &action, qint64 rows, const StoreError &error) {
                bool cancelled = false;
                if (m_progress && token == m_actionToken) {
                    cancelled = m_progress->wasCanceled();
                    m_progress->reset();
                    m_progress->deleteLater();
                }
                // A test sync dialog's write: the dialog says how it ended, failures included.
                const QPointer<TestSyncDialog> writer = m_testSyncWrites.take(token);
                if (writer)
                    writer->writeFinished(error ? error.message() : QString());
                if (cancelled)
                    statusBar()->showMessage(error ? error.message() : tr("Cancelled."), 8000);
                else if (error && writer)
                    statusBar()->showMessage(tr("Test sync not written: %1").arg(error.message()),
                                             15000);
                else if (error)
                    // Rows left locked by another transaction (SQLSTATE 55P03): a part was done.
                    QMessageBox::warning(this,
                                         error.sqlState() == QLatin1String("55P03")
                                             ? tr("Invalidation incomplete")
                                             : tr("Action failed"),
                                         error.message());
                else {
                    // In words, with the reason when fewer (or more) rows changed than previewed.
                    QString message = Describe::actionDone(action, rows);
                    const QString why = Describe::previewDifference(
                        action, token == m_actionToken ? m_expected : -1, rows);
                    if (!why.isEmpty())
                        message += QStringLiteral(" (%1)").arg(why);
                    statusBar()->showMessage(message, 15000);
                }
                m_model->reload();
                m_dashboard->refreshNow();
                loadAudit();
                Q_EMIT actionCompleted(action, rows, error.message());
            });
    connect(m_worker, &StoreWorker::failed, this, [this](quint64 token, const StoreError &error) {
        if (error.kind() == StoreError::Cancelled)
            return; // the operator's own Cancel, already said in the status bar
        // A read that failed alone (the server stopped a slow query at the timeout; the
        // connection is fine and stays): what it was to bring is not coming. The browser stops
        // waiting ("Not loaded", F5 asks again) instead of showing "Loading…" forever.
        if ((token >> 24) == m_model->generation() && m_model->isLoading()) {
            m_model->abandon();
            m_worker->supersedeBrowsing(m_model->generation());
        }
        if (token == m_dashboardToken)
            m_dashboardLoading = false;
        updateQueryIndicator();
        statusBar()->showMessage(error.message(), 10000);
    });
    // Pushed changes (PostgreSQL NOTIFY): coalesce bursts into one refresh.
    m_pushDebounce->setSingleShot(true);
    m_pushDebounce->setInterval(300);
    connect(m_worker, &StoreWorker::changedElsewhere, m_pushDebounce, qOverload<>(&QTimer::start));
    connect(m_pushDebounce, &QTimer::timeout, this, [this]() {
        m_model->reload();
        if (m_dashboard->isVisible())
            m_dashboard->refreshNow();
        loadAudit();
    });
    connect(m_dashboard, &Dashboard::dashboardRequested, this, [this](int range, int bucket) {
        if (!m_connected)
            return;
        m_dashboardToken = nextToken();
        m_dashboardLoading = true;
        updateQueryIndicator();
        m_worker->post(&StoreWorker::loadDashboard, m_dashboardToken, range, bucket);
    });
    connect(m_model, &EntryModel::pageRequested, this,
            [this](quint64 token, const BrowseRequest &request, int firstRow) {
                if (!m_connected)
                    return; // asked again by the reload that follows the (re)connection
                const quint64 generation = m_model->generation();
                m_worker->supersedeBrowsing(generation);
                m_worker->post(&StoreWorker::loadPage, token, generation, request, firstRow);
            });
    connect(m_model, &EntryModel::countRequested, this,
            [this](quint64 token, const EntryFilter &filter) {
                if (!m_connected)
                    return;
                const quint64 generation = m_model->generation();
                m_worker->supersedeBrowsing(generation);
                m_worker->post(&StoreWorker::loadCount, token, generation, filter);
            });
    // Far jumps in the browser: the milestones of each filter and sort, computed in the
    // background; those of a superseded generation are cancelled if they still run.
    connect(m_model, &EntryModel::milestonesRequested, this,
            [this](quint64 token, const BrowseRequest &request, qint64 every) {
                if (m_connected)
                    m_worker->post(&StoreWorker::loadMilestones, token, m_model->generation(),
                                   request, every);
            });
    connect(m_model, &EntryModel::countRequested, this,
            [this]() { m_worker->cancelStaleMilestones(m_model->generation()); });
    connect(m_worker, &StoreWorker::milestonesLoaded, m_model, &EntryModel::onMilestonesLoaded);

    connectClock();
    setupExactCount();
    connect(m_model, &EntryModel::loadingChanged, this, &MainWindow::updateQueryIndicator);
    connect(m_model, &EntryModel::countRequested, this, &MainWindow::updateQueryIndicator);
    connect(m_model, &EntryModel::countChanged, this, &MainWindow::updateQueryIndicator);
    m_queryIndicatorDelay->setSingleShot(true);
    m_queryIndicatorDelay->setInterval(400);
    connect(m_queryIndicatorDelay, &QTimer::timeout, this,
            [this]() { m_queryIndicator->setVisible(isQueryRunning()); });
    // A pooled connection cannot LISTEN (ChangeFeed stays inactive): poll for others' writes.
    auto *pooledPoll = new QTimer(this);
    pooledPoll->setObjectName(QStringLiteral("pooledPoll"));
    pooledPoll->setInterval(5000);
    connect(pooledPoll, &QTimer::timeout, this, [this]() {
        if (m_connected && m_config.isPostgres() && (m_config.pooled || m_server.standby))
            m_pushDebounce->start();
    });
    pooledPoll->start();

    m_reconnectTimer->setInterval(1000);
    connect(m_reconnectTimer, &QTimer::timeout, this, [this]() {
        if (--m_countdown > 0) {
            m_banner->setText(lostBannerText(m_banner, m_countdown));
            return;
        }
        m_reconnectTimer->stop();
        m_banner->setText(lostBannerText(m_banner, 0));
        // A fresh open: a new connection, LISTEN again, the role's privileges read again.
        m_worker->post(&StoreWorker::open, m_config, m_profile.name, m_demo);
    });
    m_pingTimer->setInterval(10000);
    connect(m_pingTimer, &QTimer::timeout, this, [this]() {
        m_pingToken = nextToken();
        m_worker->post(&StoreWorker::ping, m_pingToken);
    });
    m_tickTimer->setInterval(1000);
    connect(m_tickTimer, &QTimer::timeout, this, [this]() {
        if (currentPage() == Page::Entries)
            m_model->tick();
    });
    m_tickTimer->start();

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_entries->restoreState(settings);
    setTheme(settings.value(QStringLiteral("view/theme"), QStringLiteral("system")).toString());
    updateActions();
}

MainWindow::~MainWindow()
{
    m_thread.quit();
    m_thread.wait();
}

void MainWindow::showPage(Page which)
{
    m_tabs->setCurrentWidget(page(which));
}

MainWindow::Page MainWindow::currentPage() const
{
    for (Page p : allPages()) {
        if (m_tabs->currentWidget() == page(p))
            return p;
    }
    return Page::Dashboard;
}

QWidget *MainWindow::page(Page which) const
{
    switch (which) {
    case Page::Dashboard:
        return m_dashboard;
    case Page::Entries:
        return m_entries;
    case Page::Activity:
        return m_activity;
    case Page::Clock:
        return m_clock;
    case Page::Alerts:
        return m_alertsPage;
    case Page::Fleet:
        return m_fleetPage;
    }
    return m_dashboard;
}

EntryModel *MainWindow::entryModel() const
{
    return m_model;
}

QTableView *MainWindow::entryView() const
{
    return m_entries->view();
}

QLineEdit *MainWindow::filterEdit() const
{
    return m_entries->filterEdit();
}

QComboBox *MainWindow::stateCombo() const
{
    return m_entries->stateCombo();
}

QPlainTextEdit *MainWindow::detailsPane() const
{
    return m_entries->detailsPane();
}

QStandardItemModel *MainWindow::auditModel() const
{
    return m_activity->auditModel();
}

QString MainWindow::statusText() const
{
    return QStringList{m_statusProfile->text(), m_statusServer->text(), m_statusState->text()}.join(
        QStringLiteral(" | "));
}

void MainWindow::createActions()
{
    // Icons are ours (resources/icons), so the console looks the same under every style.
    // `text` is the source text (QT_TR_NOOP), translated again when the language changes.
    auto make = [this](const QString &name, const char *text, const QKeySequence &key,
                       const char *icon, auto slot) {
        auto *a = kept(new QAction(resourceIcon(icon), QString(), this), "text", text);
        a->setObjectName(name);
        if (!key.isEmpty())
            a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        m_actions.insert(name, a);
        return a;
    };
    make(QStringLiteral("refresh"), QT_TR_NOOP("&Refresh"), QKeySequence::Refresh, "refresh",
         &MainWindow::refresh);
    // One zone for every time shown, remembered: UTC, or the machine's local zone.
    TimeDisplay::load();
    auto *utc = kept(new QAction(this), "text", QT_TR_NOOP("Times in &UTC"));
    utc->setObjectName(QStringLiteral("utcTimes"));
    utc->setCheckable(true);
    utc->setChecked(TimeDisplay::isUtc());
    connect(utc, &QAction::toggled, this, [this](bool on) {
        TimeDisplay::setUtc(on);
        m_statusZone->setText(TimeDisplay::caption());
        refresh(); // the table, its details, the log and the charts, in the new zone
    });
    m_actions.insert(QStringLiteral("utcTimes"), utc);
    make(QStringLiteral("filter"), QT_TR_NOOP("&Filter entries"), QKeySequence::Find, "filter",
         [this]() {
             showPage(Page::Entries);
             m_entries->filterEdit()->setFocus();
             m_entries->filterEdit()->selectAll();
         });
    make(QStringLiteral("invalidate"), QT_TR_NOOP("&Invalidate selected"), QKeySequence::Delete,
         "invalidate", &MainWindow::invalidateSelected);
    make(QStringLiteral("invalidateMatching"), QT_TR_NOOP("Invalidate all &matching…"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete), "invalidate-matching",
         &MainWindow::invalidateMatching);
    make(QStringLiteral("cleanup"), QT_TR_NOOP("&Clean up expired…"),
         QKeySequence(Qt::CTRL | Qt::Key_L), "cleanup", &MainWindow::cleanupExpired);
    make(QStringLiteral("testSync"), QT_TR_NOOP("&Test sync…"), QKeySequence(Qt::CTRL | Qt::Key_T),
         "test-sync", &MainWindow::testSync);
    make(QStringLiteral("export"), QT_TR_NOOP("&Export entries…"),
         QKeySequence(Qt::CTRL | Qt::Key_E), "export", [this]() { exportEntries(); });
    make(QStringLiteral("exportCharts"), QT_TR_NOOP("Export &charts as PNG…"), QKeySequence(),
         "export-charts", [this]() { exportCharts(); });
    make(QStringLiteral("profiles"), QT_TR_NOOP("Connection &profiles…"),
         QKeySequence(Qt::CTRL | Qt::Key_P), "profiles", [this]() {
             ProfilesDialog dialog(this, m_profile.name);
             if (dialog.exec() == QDialog::Accepted && dialog.connectTo())
                 openProfile(*dialog.connectTo());
         });
    make(QStringLiteral("quit"), QT_TR_NOOP("&Quit"), QKeySequence::Quit, "quit", &QWidget::close);
    make(QStringLiteral("about"), QT_TR_NOOP("&About"), QKeySequence(), "about", [this]() {
        QMessageBox::about(
            this, tr("About Connector Cache Console"),
            tr("<h3>Connector Cache Console %1</h3><p>Watches and administers the exchange "
               "connectors' time-offset cache.</p><p>Qt %2<br>Database driver: %3<br>"
               "Server: %4 %5</p>")
                .arg(QStringLiteral(CC_VERSION_STRING), QString::fromLatin1(qVersion()),
                     m_config.isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"),
                     m_server.backend, m_server.version));
    });
    make(QStringLiteral("shortcuts"), QT_TR_NOOP("&Keyboard shortcuts"), QKeySequence::HelpContents,
         "shortcuts", [this]() {
             ShortcutsDialog dialog(shortcutList(), this);
             dialog.exec();
         });
}

QList<QPair<QString, QString>> MainWindow::shortcutList() const
{
    // Derived from the actions themselves (the window's, its pages' and their views'), so the
    // list cannot drift from what the keys do.
    QList<QPair<QString, QString>> list;
    const QList<QAction *> actions = findChildren<QAction *>();
    for (const QAction *a : actions) {
        if (a->shortcut().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence &key : a->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        const auto entry =
            qMakePair(a->text().remove(QLatin1Char('&')), keys.join(QStringLiteral(", ")));
        if (!list.contains(entry))
            list << entry;
    }
    return list;
}

void MainWindow::focusPage(Page which)
{
    // Into the page: its first widget that takes the keyboard (the filter box on Entries).
    QWidget *target = which == Page::Entries ? m_entries->filterEdit() : nullptr;
    QWidget *container = page(which);
    for (QWidget *w = container->nextInFocusChain(); !target && w && w != container;
         w = w->nextInFocusChain()) {
        if (container->isAncestorOf(w) && w->isVisibleTo(container) && w->isEnabled() &&
            (w->focusPolicy() & Qt::TabFocus))
            target = w;
    }
    (target ? target : container)->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::createMenus()
{
    QMenu *file = kept(menuBar()->addMenu(QString()), "title", QT_TR_NOOP("&File"));
    // Every saved profile, one click away; the current one checked, each with its tag's colour.
    QMenu *connectMenu =
        kept(file->addMenu(resourceIcon("connect"), QString()), "title", QT_TR_NOOP("&Connect to"));
    connectMenu->setObjectName(QStringLiteral("connectMenu"));
    connect(connectMenu, &QMenu::aboutToShow, this, [this, connectMenu]() {
        connectMenu->clear();
        const QList<ConnectionProfile> profiles =
            QList<ConnectionProfile>{ProfileStore::embeddedDefault()} + ProfileStore::load();
        for (const ConnectionProfile &p : profiles) {
            QPixmap swatch(12, 12);
            swatch.fill(ConnectionProfile::tagColor(p.tag));
            QAction *a = connectMenu->addAction(QIcon(swatch), p.name);
            a->setCheckable(true);
            a->setChecked(p.name == m_profile.name);
            connect(a, &QAction::triggered, this, [this, p]() { openProfile(p); });
        }
    });
    file->addAction(m_actions.value(QStringLiteral("profiles")));
    file->addSeparator();
    file->addAction(m_actions.value(QStringLiteral("export")));
    file->addAction(m_actions.value(QStringLiteral("exportCharts")));
    file->addSeparator();
    file->addAction(m_actions.value(QStringLiteral("quit")));

    QMenu *view = kept(menuBar()->addMenu(QString()), "title", QT_TR_NOOP("&View"));
    view->addAction(m_actions.value(QStringLiteral("refresh")));
    view->addAction(m_actions.value(QStringLiteral("filter")));
    view->addAction(m_actions.value(QStringLiteral("utcTimes")));
    view->addAction(m_dashboard->countExactlyAction());
    int digit = Qt::Key_1;
    for (Page p : allPages()) {
        auto *go =
            new QAction(m_tabs->tabText(m_tabs->indexOf(page(p))).remove(QLatin1Char('&')), this);
        go->setObjectName(QStringLiteral("goTo%1").arg(int(p)));
        go->setShortcut(QKeySequence(Qt::ALT | Qt::Key(digit++)));
        connect(go, &QAction::triggered, this, [this, p]() {
            showPage(p);
            focusPage(p);
        });
        view->addAction(go);
    }
    // A menu of exclusive choices kept in the settings under `key`; `apply` runs on a change.
    using Choice = std::pair<QString, const char *>; // value, label's source text
    auto choices = [this](QMenu *menu, const QString &key, const QString &fallback,
                          const QList<Choice> &options,
                          std::function<void(const QString &)> apply) {
        auto *group = new QActionGroup(this);
        const QString current = QSettings().value(key, fallback).toString();
        for (const Choice &choice : options) {
            QAction *a = kept(menu->addAction(QString()), "text", choice.second);
            a->setCheckable(true);
            a->setChecked(choice.first == current);
            group->addAction(a);
            connect(a, &QAction::triggered, this, [key, value = choice.first, apply]() {
                QSettings().setValue(key, value);
                ProfileStore::restrictSettingsFile();
                apply(value);
            });
        }
    };
    choices(kept(view->addMenu(QString()), "title", QT_TR_NOOP("&Theme")),
            QStringLiteral("view/theme"), QStringLiteral("system"),
            {{QStringLiteral("system"), QT_TR_NOOP("Follow the system")},
             {QStringLiteral("light"), QT_TR_NOOP("Light")},
             {QStringLiteral("dark"), QT_TR_NOOP("Dark")}},
            [this](const QString &theme) { setTheme(theme); });
    choices(kept(view->addMenu(QString()), "title", QT_TR_NOOP("&Language")),
            QStringLiteral("view/language"), QString(),
            {{QString(), QT_TR_NOOP("Follow the system")},
             // Each language by its own name, never translated.
             {QStringLiteral("en"), "English"},
             {QStringLiteral("de"), "Deutsch"},
             {QStringLiteral("zh_CN"), "简体中文"}},
            [this](const QString &language) { switchLanguage(language); });

    QMenu *actions = kept(menuBar()->addMenu(QString()), "title", QT_TR_NOOP("&Actions"));
    for (const char *name : {"invalidate", "invalidateMatching", "cleanup", "testSync"})
        actions->addAction(m_actions.value(QLatin1String(name)));

    QMenu *help = kept(menuBar()->addMenu(QString()), "title", QT_TR_NOOP("&Help"));
    help->addAction(m_actions.value(QStringLiteral("shortcuts")));
    help->addAction(m_actions.value(QStringLiteral("about")));

    QToolBar *bar = kept(addToolBar(QString()), "windowTitle", QT_TR_NOOP("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(20, 20));
    for (const char *name : {"profiles", "", "refresh", "", "invalidate", "invalidateMatching",
                             "cleanup", "", "testSync", "export"}) {
        if (!*name)
            bar->addSeparator();
        else
            bar->addAction(m_actions.value(QLatin1String(name)));
    }
}

void MainWindow::createCentral()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_band = new QLabel(central);
    m_band->setObjectName(QStringLiteral("environmentBand"));
    m_band->setAlignment(Qt::AlignCenter);
    m_band->setMargin(3);
    layout->addWidget(m_band);
    m_banner = new QLabel(central);
    m_banner->setObjectName(QStringLiteral("connectionBanner"));
    m_banner->setAlignment(Qt::AlignCenter);
    m_banner->setMargin(6);
    m_banner->setStyleSheet(QStringLiteral(
        "QLabel#connectionBanner { background: #b71c1c; color: white; font-weight: bold }"));
    m_banner->hide();
    // "Retry now" inside the banner: no waiting out the backoff once the database is back.
    auto *bannerRow = new QHBoxLayout(m_banner);
    bannerRow->setContentsMargins(0, 0, 4, 0);
    bannerRow->addStretch();
    m_retryButton = kept(new QPushButton(m_banner), "text", QT_TR_NOOP("Retry now"));
    m_retryButton->setObjectName(QStringLiteral("retryButton"));
    bannerRow->addWidget(m_retryButton);
    connect(m_retryButton, &QPushButton::clicked, this, &MainWindow::retryNow);
    layout->addWidget(m_banner);

    m_tabs = new QTabWidget(central);
    m_tabs->setDocumentMode(true);
    m_dashboard = new Dashboard(m_tabs);
    m_tabs->addTab(m_dashboard, resourceIcon("dashboard"), pageTitle(Page::Dashboard));

    m_entries = new EntriesPage(m_tabs);
    m_model = m_entries->model();
    m_tabs->addTab(m_entries, resourceIcon("entries"), pageTitle(Page::Entries));
    QList<QAction *> rowActions;
    for (const char *name : {"invalidate", "invalidateMatching", "testSync", "export"})
        rowActions << m_actions.value(QLatin1String(name));
    m_entries->addRowActions(rowActions);
    m_activity = new ActivityPage(m_tabs);
    m_tabs->addTab(m_activity, resourceIcon("activity"), pageTitle(Page::Activity));
    m_clock = new ClockPage(m_tabs);
    m_tabs->addTab(m_clock, resourceIcon("clock"), pageTitle(Page::Clock));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this]() {
        if (currentPage() == Page::Activity)
            loadAudit();
    });

    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_statusProfile = new QLabel(this);
    m_statusServer = new QLabel(this);
    m_statusLatency = new QLabel(this);
    m_statusState = new QLabel(tr("not connected"), this);
    m_statusState->setObjectName(QStringLiteral("connectionState"));
    // Which zone every time on screen is in (View → Times in UTC switches it).
    m_statusZone = new QLabel(TimeDisplay::caption(), this);
    m_statusZone->setObjectName(QStringLiteral("statusZone"));
    m_statusProfile->setObjectName(QStringLiteral("statusProfile"));
    m_statusServer->setObjectName(QStringLiteral("statusServer"));
    m_statusLatency->setObjectName(QStringLiteral("statusLatency"));
    // A running query, with the way to give up on it.
    m_queryIndicator = new QWidget(this);
    m_queryIndicator->setObjectName(QStringLiteral("queryIndicator"));
    auto *queryRow = new QHBoxLayout(m_queryIndicator);
    queryRow->setContentsMargins(4, 0, 4, 0);
    queryRow->addWidget(kept(new QLabel(m_queryIndicator), "text", QT_TR_NOOP("Query running…")));
    auto *cancelQueryButton = kept(new QPushButton(m_queryIndicator), "text", QT_TR_NOOP("Cancel"));
    cancelQueryButton->setObjectName(QStringLiteral("cancelQueryButton"));
    kept(cancelQueryButton, "toolTip",
         QT_TR_NOOP("Stop waiting for the entries or dashboard query"));
    queryRow->addWidget(cancelQueryButton);
    connect(cancelQueryButton, &QPushButton::clicked, this, &MainWindow::cancelQuery);
    statusBar()->addPermanentWidget(m_queryIndicator);
    m_queryIndicator->hide();
    bool first = true;
    for (QLabel *label :
         {m_statusProfile, m_statusServer, m_statusLatency, m_statusState, m_statusZone}) {
        if (!first) {
            auto *line = new QFrame(this);
            line->setFrameShape(QFrame::VLine);
            line->setFrameShadow(QFrame::Plain);
            line->setForegroundRole(QPalette::Mid);
            statusBar()->addPermanentWidget(line);
        }
        first = false;
        label->setContentsMargins(4, 0, 4, 0);
        statusBar()->addPermanentWidget(label);
    }

    resize(1320, 840);
}

void MainWindow::setConnected(bool connected)
{
    m_connected = connected;
    m_entries->setConnected(connected);
    m_entries->setStale(!connected);
    updateQueryIndicator();
}

void MainWindow::openProfile(const ConnectionProfile &profile, bool demo)
{
    QString error;
    const DatabaseConfig config = profile.config(&error);
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Profile"),
                             tr("Profile \"%1\": %2").arg(profile.name, error));
        return;
    }
    if (m_connected) {
        // Switching: what is on screen belongs to the previous database until the new one answers.
        m_dashboard->setStale(true);
        m_model->setStale(true);
    }
    m_profile = profile;
    m_config = config;
    m_demo = demo;
    setConnected(false);
    m_passwordPrompts = 0;
    m_pendingPassword.clear();
    m_reconnectTimer->stop();
    m_backoffSeconds = 1;
    m_banner->hide();
    m_activity->clear();
    resetMonitoring();
    m_statusState->setText(tr("connecting…"));
    m_statusProfile->setText(profile.name);
    updateEnvironmentBand();
    updateActions();
    auto open = [this]() { m_worker->post(&StoreWorker::open, m_config, m_profile.name, m_demo); };
    if (config.isPostgres() && PasswordVault::isAvailable()) {
        m_vault->read(profile.name,
                      [this, open](const QString &password, bool found, const QString &) {
                          if (found)
                              m_config.password = password;
                          open();
                      });
    } else {
        open();
    }
}

void MainWindow::onOpened(const ServerInfo &info, const Privileges &privileges)
{
    setConnected(true);
    m_server = info;
    m_privileges = privileges;
    m_banner->setProperty(kNotAnsweringSince, QVariant());
    m_banner->hide();
    m_reconnectTimer->stop();
    m_backoffSeconds = 1;
    if (!m_pendingPassword.isEmpty()) {
        // The typed password worked: now, and only now, offer to keep it.
        const QString password = m_pendingPassword;
        m_pendingPassword.clear();
        if (PasswordVault::isAvailable() &&
            QMessageBox::question(this, tr("Password"),
                                  tr("Remember this password in the system keychain?")) ==
                QMessageBox::Yes)
            m_vault->write(m_profile.name, password, [](const QString &) {});
    }
    updateConnectionStatus();
    m_pingTimer->start();
    m_dashboard->setStale(false);
    m_model->setStale(false);
    updateActions();
    m_entries->applyFilter();
    m_model->reload();
    if (m_dashboard->isVisible())
        m_dashboard->refreshNow();
    m_clock->refreshNow(); // also the measured drifts of the entries' Ahead margin
    Q_EMIT connected();
}

void MainWindow::updateConnectionStatus()
{
    m_statusServer->setText(
        tr("%1 %2 as %3").arg(m_server.backend, m_server.version, m_server.role));
    m_statusLatency->setText(
        tr("round trip %1 ms").arg(double(m_server.latencyUs) / 1000.0, 0, 'f', 1));
    m_statusState->setText(m_privileges.canWrite ? tr("connected") : tr("connected (read-only)"));
    {
        // A hot standby: read-only whatever the role's GRANTs, with a badge saying so and the
        // replay lag beside it; the write actions say why they are off (updateActions()).
        auto *badge = findChild<QLabel *>(QStringLiteral("standbyBadge"));
        if (!badge) {
            badge = new QLabel(this);
            badge->setObjectName(QStringLiteral("standbyBadge"));
            badge->setContentsMargins(6, 0, 6, 0);
            badge->setStyleSheet(QStringLiteral("background: #b26a00; color: white; "
                                                "font-weight: bold; border-radius: 3px"));
            statusBar()->insertPermanentWidget(0, badge);
        }
        badge->setText(tr("standby, read-only"));
        badge->setToolTip(m_privileges.readOnlyReason);
        badge->setVisible(m_server.standby);
        if (m_server.standby)
            m_statusState->setText((m_server.replayLagSeconds < 0
                                        ? tr("connected to a standby · nothing replayed yet")
                                        : tr("connected to a standby · replay lag %1 s")
                                              .arg(qRound64(m_server.replayLagSeconds))) +
                                   tr(" · live updates: polling (a standby cannot LISTEN)"));
        if (!m_server.host.isEmpty())
            m_statusServer->setToolTip(
                tr("Answered by %1")
                    .arg(m_server.port > 0
                             ? QStringLiteral("%1:%2").arg(m_server.host).arg(m_server.port)
                             : m_server.host));
    }
    if (m_config.isPostgres() && m_config.pooled)
        m_statusState->setText(m_statusState->text() +
                               tr(" · live updates: polling (pooled connection)"));
}

void MainWindow::onOpenFailed(const StoreError &error)
{
    setConnected(false);
    updateActions();
    if (m_config.isPostgres() && error.kind() == StoreError::AuthenticationFailed) {
        // A typed password is kept (offered to the keychain) only once a connection with it
        // succeeded; a refused one is asked for again, at most kMaxPasswordPrompts times.
        m_pendingPassword.clear();
        if (m_passwordPrompts < kMaxPasswordPrompts) {
            ++m_passwordPrompts;
            bool ok = false;
            const QString password =
                QInputDialog::getText(this, tr("Password"),
                                      tr("Password authentication failed.\nPassword for %1:")
                                          .arg(m_config.displayString()),
                                      QLineEdit::Password, QString(), &ok);
            if (ok && !password.isEmpty()) {
                m_config.password = password;
                m_pendingPassword = password;
                m_worker->post(&StoreWorker::open, m_config, m_profile.name, m_demo);
                return;
            }
        }
        m_statusState->setText(tr("not connected"));
        m_banner->setText(m_passwordPrompts >= kMaxPasswordPrompts
                              ? tr("Password authentication failed %n time(s) — not retrying",
                                   nullptr, m_passwordPrompts + 1)
                              : tr("Password authentication failed"));
        m_banner->show();
        return;
    }
    if (error.kind() == StoreError::Unreachable) {
        onConnectionLost(error);
        return;
    }
    m_statusState->setText(tr("not connected"));
    m_banner->setText(error.message());
    m_banner->show();
}

void MainWindow::onConnectionLost(const StoreError &error)
{
    if (m_reconnectTimer->isActive())
        return; // already counting down
    setConnected(false);
    updateActions();
    // The store gave a server up that did not answer within its timeout (a stopped backend, a
    // proxy that holds the query): said so, with the moment it stopped answering.
    if (error.isStall() && !m_banner->property(kNotAnsweringSince).toDateTime().isValid())
        m_banner->setProperty(kNotAnsweringSince, QDateTime::currentDateTime());
    m_statusState->setText(m_banner->property(kNotAnsweringSince).toDateTime().isValid()
                               ? tr("server not answering")
                               : tr("connection lost"));
    m_statusLatency->clear(); // the last round trip says nothing about a server that is gone
    m_statusState->setToolTip(error.message());
    m_dashboard->setStale(true);
    m_clock->setStale(true);
    m_model->setStale(true);
    m_pingTimer->stop();
    scheduleReconnect();
}

bool MainWindow::isQueryRunning() const
{
    return m_connected && (m_model->isLoading() || m_dashboardLoading);
}

void MainWindow::updateQueryIndicator()
{
    if (!isQueryRunning()) {
        m_queryIndicatorDelay->stop();
        m_queryIndicator->hide();
    } else if (!m_queryIndicator->isVisible() && !m_queryIndicatorDelay->isActive()) {
        m_queryIndicatorDelay->start();
    }
}

void MainWindow::cancelQuery()
{
    if (m_model->isLoading()) {
        m_model->abandon();
        // Requests still queued for the abandoned generation are dropped before they run.
        m_worker->supersedeBrowsing(m_model->generation());
    }
    if (m_dashboardLoading) {
        m_dashboardToken = 0; // its answer is dropped
        m_dashboardLoading = false;
    }
    // The statement running now is cancelled on the server (PostgreSQL; SQLite's are local and
    // short); its answer, Cancelled, is dropped like the rest.
    m_worker->cancelRunningRead();
    updateQueryIndicator();
    statusBar()->showMessage(tr("Query cancelled; what was loaded stays on screen (F5 loads "
                                "again)."),
                             8000);
}

void MainWindow::retryNow()
{
    if (m_connected)
        return;
    m_reconnectTimer->stop();
    m_countdown = 0;
    m_banner->setText(lostBannerText(m_banner, 0));
    m_worker->post(&StoreWorker::open, m_config, m_profile.name, m_demo);
}

void MainWindow::scheduleReconnect()
{
    m_countdown = m_backoffSeconds;
    m_backoffSeconds = std::min(m_backoffSeconds * 2, 30);
    m_banner->setText(lostBannerText(m_banner, m_countdown));
    m_banner->show();
    m_reconnectTimer->start();
}

void MainWindow::updateEnvironmentBand()
{
    const QColor color = ConnectionProfile::tagColor(m_profile.tag);
    m_band->setText(
        tr("%1 — %2").arg(m_profile.name, ConnectionProfile::tagName(m_profile.tag).toUpper()));
    m_band->setStyleSheet(
        QStringLiteral("background: %1; color: white; font-weight: bold").arg(color.name()));
    setWindowTitle(tr("%1 [%2] — Connector Cache Console")
                       .arg(m_profile.name, ConnectionProfile::tagName(m_profile.tag)));
}

void MainWindow::updateActions()
{
    const bool canChange = m_connected && m_privileges.canWrite;
    const QString why =
        !m_connected ? tr("Not connected to a database")
        : !m_privileges.readOnlyReason.isEmpty()
            ? m_privileges.readOnlyReason
            : tr("The database role %1 may only read; ask for the admin GRANTs in the README")
                  .arg(m_server.role);
    for (const char *name : {"invalidate", "invalidateMatching", "cleanup"}) {
        QAction *a = m_actions.value(QLatin1String(name));
        a->setEnabled(canChange);
        a->setToolTip(canChange ? a->text().remove(QLatin1Char('&')) : why);
    }
    m_actions.value(QStringLiteral("export"))->setEnabled(m_connected);
    m_actions.value(QStringLiteral("refresh"))->setEnabled(m_connected);
}

void MainWindow::refresh()
{
    if (!m_connected)
        return;
    m_model->reload();
    m_dashboard->refreshNow();
    if (m_clock->isVisible())
        m_clock->refreshNow();
    loadAudit();
}

void MainWindow::loadAudit()
{
    if (!m_connected)
        return;
    m_auditToken = nextToken();
    m_worker->post(&StoreWorker::loadAudit, m_auditToken,
                   QDateTime::currentDateTimeUtc().addDays(-30));
}

bool MainWindow::confirm(const QString &title, const QString &question, bool bulk)
{
    ConfirmDialog dialog(title, question,
                         bulk && m_profile.isProduction() ? m_profile.name : QString(), this);
    return dialog.exec() == QDialog::Accepted;
}

void MainWindow::runBulk(const QString &title, qint64 expected,
                         const std::function<void(quint64)> &start)
{
    m_actionToken = nextToken();
    m_expected = expected;
    auto *progress =
        new QProgressDialog(title, tr("Cancel"), 0, int(std::max<qint64>(expected, 0)), this);
    progress->setObjectName(QStringLiteral("progressDialog"));
    progress->setWindowTitle(QString(title).remove(QStringLiteral("…")));
    fitWindowTitle(progress);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    connect(progress, &QProgressDialog::canceled, this, [this, token = m_actionToken]() {
        m_worker->requestCancel(token); // stops after the current batch
    });
    m_progress = progress;
    start(m_actionToken);
}

void MainWindow::invalidateSelected()
{
    if (!m_connected || !m_privileges.canWrite)
        return;
    QList<Identity> identities;
    for (const CacheEntry &e : m_entries->selectedEntries())
        identities << Identity(e.userId, e.credentialId);
    if (identities.isEmpty()) {
        statusBar()->showMessage(tr("Select the entries to invalidate first."), 5000);
        return;
    }
    const QString question =
        identities.size() == 1
            ? tr("Invalidate the entry of %1 / %2? Its connector will resync on its next start.")
                  .arg(identities.first().first, identities.first().second)
            : tr("Invalidate the %Ln selected entries? Their connectors will resync on their next "
                 "start.",
                 nullptr, int(identities.size()));
    if (!confirm(tr("Invalidate"), question, identities.size() > 1))
        return;
    runBulk(tr("Invalidating…"), identities.size(), [this, identities](quint64 token) {
        m_worker->post(&StoreWorker::invalidateIdentities, token, identities);
    });
}

void MainWindow::invalidateMatching()
{
    if (!m_connected || !m_privileges.canWrite)
        return;
    const EntryFilter filter = m_model->filter();
    m_previewToken = nextToken();
    m_onPreview = [this, filter](qint64 count) {
        if (count == 0) {
            QMessageBox::information(this, tr("Invalidate"),
                                     tr("No valid entry matches the filter."));
            return;
        }
        const QString question =
            filter.isEmpty()
                ? tr("No filter is set: invalidate ALL %Ln entries in %1?", nullptr, int(count))
                      .arg(m_profile.name)
                : tr("Invalidate %Ln entries matching %1 in %2?", nullptr, int(count))
                      .arg(Describe::filter(filter), m_profile.name);
        if (!confirm(tr("Invalidate"), question, true))
            return;
        runBulk(tr("Invalidating…"), count, [this, filter](quint64 token) {
            m_worker->post(&StoreWorker::invalidateMatching, token, filter);
        });
    };
    m_worker->post(&StoreWorker::previewInvalidate, m_previewToken, filter);
}

void MainWindow::cleanupExpired()
{
    if (!m_connected || !m_privileges.canWrite)
        return;
    m_previewToken = nextToken();
    m_onPreview = nullptr;
    m_onCleanupPreview = [this](qint64 count, qint64 expired) {
        if (count == 0) {
            QMessageBox::information(this, tr("Clean up"), tr("There are no expired entries."));
            return;
        }
        // Cleanup deletes every entry past its expiry: the Expired card's entries and the
        // invalidated ones whose time has also run out. Said so when there are such.
        const qint64 invalidated = count - expired;
        QString question =
            invalidated > 0
                ? tr("Delete %Ln entries past their expiry from %1?", nullptr, int(count))
                          .arg(m_profile.name) +
                      QStringLiteral("\n\n") +
                      tr("%Ln expired (as on the Expired card) and %1 invalidated entries that "
                         "have expired since: cleanup deletes both.",
                         nullptr, int(expired))
                          .arg(QLocale().toString(invalidated))
                : tr("Delete %Ln expired entries from %1?", nullptr, int(count))
                      .arg(m_profile.name);
        if (!confirm(tr("Delete"), question, true))
            return;
        runBulk(tr("Deleting expired entries…"), count,
                [this](quint64 token) { m_worker->post(&StoreWorker::cleanup, token); });
    };
    m_worker->post(&StoreWorker::previewCleanupParts, m_previewToken);
}

void MainWindow::testSync()
{
    auto *dialog = new TestSyncDialog(
        m_entries->currentEntry(), m_connected && m_privileges.canWrite,
        m_privileges.readOnlyReason.isEmpty() ? tr("The database role may only read")
                                              : m_privileges.readOnlyReason,
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Writing to production asks for the profile's name, as every production write does.
    dialog->setProductionProfile(m_profile.isProduction() ? m_profile.name : QString());
    connect(dialog, &TestSyncDialog::writeRequested, this,
            [this, dialog](const QString &user, const QString &credential, const QString &exchange,
                           const QString &environment, const TimeSyncState &state) {
                const quint64 token = nextToken();
                m_actionToken = token;
                m_expected = -1;
                m_testSyncWrites.insert(token, dialog);
                m_worker->post(&StoreWorker::writeSync, token, user, credential, exchange,
                               environment, state);
            });
    // Every test sync is logged (issue 17), written to the cache or not.
    connect(dialog, &TestSyncDialog::syncLogged, this, [this](const SyncLogRecord &record) {
        if (m_connected && m_privileges.canWrite)
            m_worker->post(&StoreWorker::appendSyncLog, nextToken(), record);
    });
    dialog->show();
}

void MainWindow::exportEntries(const QString &pathIn)
{
    if (!m_connected)
        return;
    QString path = pathIn;
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Export entries"),
                                            QDir::homePath() + QStringLiteral("/entries.csv"),
                                            tr("CSV (*.csv);;JSON (*.json)"));
    if (path.isEmpty())
        return;
    const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    const EntryFilter filter = m_model->filter();
    runBulk(tr("Exporting…"), m_model->totalCount(), [this, filter, path, json](quint64 token) {
        m_worker->post(&StoreWorker::exportEntries, token, filter, path, json);
    });
    m_expected = -1; // the count on screen is no preview: no explanation when it differs
}

void MainWindow::exportCharts(const QString &directoryIn)
{
    QString directory = directoryIn;
    if (directory.isEmpty())
        directory =
            QFileDialog::getExistingDirectory(this, tr("Export charts to"), QDir::homePath());
    if (directory.isEmpty())
        return;
    int written = 0;
    const QStringList names{QStringLiteral("hit-rate"), QStringLiteral("hits-misses"),
                            QStringLiteral("expiry"), QStringLiteral("breakdown")};
    const auto charts = m_dashboard->charts();
    for (int i = 0; i < charts.size(); ++i) {
        if (charts.at(i)->grab().save(
                QDir(directory).filePath(names.at(i) + QStringLiteral(".png"))))
            ++written;
    }
    statusBar()->showMessage(tr("%Ln charts written to %1", nullptr, written).arg(directory), 8000);
}

void MainWindow::setTheme(const QString &theme)
{
    Theme::apply(theme);
    m_dashboard->setChartTheme(Theme::chartTheme(theme));
    m_clock->setChartTheme(Theme::chartTheme(theme));
    m_entries->syncHistoryChart()->chart()->setTheme(Theme::chartTheme(theme));
}

void MainWindow::connectClock()
{
    connect(m_clock, &ClockPage::clockRequested, this, [this](qint64 sinceMs, qint64 untilMs) {
        if (!m_connected)
            return;
        SyncLogQuery query;
        query.sinceMs = sinceMs;
        query.untilMs = untilMs;
        query.limit = 20000;
        m_clockToken = nextToken();
        m_worker->post(&StoreWorker::loadSyncLog, m_clockToken, query, true);
    });
    connect(m_entries, &EntriesPage::syncHistoryRequested, this, [this](const QString &key) {
        if (!m_connected)
            return;
        SyncLogQuery query;
        query.identity = key;
        query.sinceMs = QDateTime::currentMSecsSinceEpoch() - qint64(30) * 24 * 3'600'000;
        query.limit = 500;
        query.kind = SyncLogRecord::Kind::Sync;
        m_historyToken = nextToken();
        m_historyKey = key;
        m_worker->post(&StoreWorker::loadSyncLog, m_historyToken, query, false);
    });
    connect(m_worker, &StoreWorker::syncLogLoaded, this,
            [this](quint64 token, const QList<SyncLogRecord> &records,
                   const ClockHealthReport &report, bool truncated) {
                if (token == m_clockToken) {
                    m_clock->showData(records, report, truncated);
                    m_model->setPlanningDrifts(planningDriftByIdentity(report));
                } else if (token == m_historyToken) {
                    m_entries->showSyncHistory(m_historyKey, records);
                }
            });
    // An event's entries in the Entries view: one by its identity, several by their exchange and
    // environment (the Clock view lists them one by one beside the event).
    connect(
        m_clock, &ClockPage::entriesRequested, this,
        [this](const QStringList &identities, const QString &exchange, const QString &environment) {
            EntryFilter filter;
            QString user, credential;
            if (identities.size() == 1 && splitCacheKey(identities.first(), &user, &credential)) {
                filter.userId = user;
                filter.credentialId = credential;
            } else {
                filter.exchange = exchange;
                filter.environment = environment;
                statusBar()->showMessage(
                    tr("%Ln entries touched: listed beside the event in the Clock view", nullptr,
                       int(identities.size())),
                    10000);
            }
            m_entries->filterEdit()->setText(toFilterQuery(filter));
            m_entries->applyFilter();
            showPage(Page::Entries);
        });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    m_entries->saveState(settings);
    settings.setValue(QStringLiteral("window/lastProfile"), m_profile.name);
    settings.sync();
    ProfileStore::restrictSettingsFile();
    m_worker->requestCancel();
    event->accept();
}

} // namespace ui
} // namespace cc
