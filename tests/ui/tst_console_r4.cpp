// The console, round 4 of issue 15, offscreen against SQLite and a real PostgreSQL: the
// dashboard's estimates counted exactly on demand (in the worker, cancellable), a bulk
// invalidation that leaves locked rows behind says so and audits what it did, the language
// switched at run time, and the window at 1024×640.

#include "core/store/cachestore.h"
#include "tests/support/arrivalspy.h"
#include "tests/support/lockholder.h"
#include "tests/support/testdatabase.h"
#include "tests/ui/consolesuite.h"
#include "ui/alertbar.h"
#include "ui/alertformat.h"
#include "ui/alertspage.h"
#include "ui/clockpage.h"
#include "ui/confirmdialog.h"
#include "ui/dashboard.h"
#include "ui/entriespage.h"
#include "ui/entrymodel.h"
#include "ui/fleetpage.h"
#include "ui/mainwindow.h"
#include "ui/profilesdialog.h"
#include "ui/retranslate.h"
#include "ui/startuppanel.h"
#include "ui/storeworker.h"
#include "ui/synchistorychart.h"

#include <QAbstractAxis>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <functional>
#include <memory>

using namespace cc;
using namespace cc::ui;

namespace {

constexpr int kRows = 5000;

using test::LockHolder;

// Answers the next confirmation: types `text` into its type-to-confirm field if there is one,
// then accepts.
void confirmNextDialog(const QString &text = QString())
{
    QTimer::singleShot(0, [=]() {
        auto *dialog = qobject_cast<ConfirmDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            confirmNextDialog(text);
            return;
        }
        if (dialog->confirmEdit())
            QTest::keyClicks(dialog->confirmEdit(), text);
        dialog->accept();
    });
}

// Closes the next message box, keeping its title and text in *seen.
void closeNextMessageBox(QString *seen, int triesLeft = 400)
{
    QTimer::singleShot(50, [=]() {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            if (triesLeft > 0)
                closeNextMessageBox(seen, triesLeft - 1);
            return;
        }
        *seen = box->windowTitle() + QStringLiteral("\n") + box->text();
        box->accept();
    });
}

// With CC_TEST_SCREENSHOTS=DIR, saves what `widget` shows as DIR/NAME.png (to look at; the
// test asserts nothing on it).
void snapshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("CC_TEST_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QTest::qWait(200);
    widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace

class TestConsoleR4 : public QObject, public test::ConsoleSuite
{
    Q_OBJECT

private:
    // `beforeOpen` runs on the new window before it connects.
    std::unique_ptr<MainWindow> openWindow(const std::function<void(MainWindow *)> &beforeOpen = {},
                                           const QString &applicationName = QString())
    {
        auto window = std::make_unique<MainWindow>();
        if (beforeOpen)
            beforeOpen(window.get());
        QString url = m_db->url();
        if (!applicationName.isEmpty() && m_db->isPostgres())
            url += QStringLiteral("?application_name=") + applicationName;
        return openConnected(std::move(window), testProfile(QStringLiteral("r4-desk"), url));
    }

    // A window whose dashboard estimates beyond 1,000 entries (a sample of about 1,000), on
    // the Dashboard, its estimates shown.
    std::unique_ptr<MainWindow> openEstimating(const QString &applicationName = QString())
    {
        auto window = openWindow([](MainWindow *w) { w->worker()->setStatsEstimate(1000, 1000); },
                                 applicationName);
        if (!window)
            return nullptr;
        window->showPage(MainWindow::Page::Dashboard);
        if (!QTest::qWaitFor(
                [&]() {
                    return window->dashboard()
                        ->cardText(QStringLiteral("entries"))
                        .startsWith(QStringLiteral("≈"));
                },
                20000))
            return nullptr;
        return window;
    }

private Q_SLOTS:
    void initTestCase() { prepareSuite("console-r4-test"); }

    void init()
    {
        const QString problem = prepareDatabase(kRows, 5);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    void cleanup() { m_db.reset(); }

    // --- 1. an estimate counted exactly on demand ------------------------------------------

    void anEstimateIsCountedExactlyOnDemand()
    {
        auto window = openEstimating();
        QVERIFY2(window, "the dashboard never showed an estimate");
        Dashboard *dashboard = window->dashboard();
        QAction *action = dashboard->countExactlyAction();
        QVERIFY(action->isEnabled());
        // Offered in the count cards' context menu and in the View menu.
        auto *card = dashboard->findChild<QWidget *>(QStringLiteral("card_entries"));
        QVERIFY(card && card->actions().contains(action));
        bool inViewMenu = false;
        for (QAction *menu : window->menuBar()->actions()) {
            if (menu->menu() && menu->menu()->actions().contains(action))
                inViewMenu = true;
        }
        QVERIFY(inViewMenu);

        CacheStore direct(m_db->config());
        const auto exact = direct.stats(std::chrono::hours(24), CacheStore::Precision::Exact);
        QVERIFY(exact.ok());
        QCOMPARE(exact->total, qint64(kRows));

        // A click on the estimate asks; the dashboard says "counting…" until the answer.
        auto *value = dashboard->findChild<QLabel *>(QStringLiteral("value_entries"));
        QVERIFY(value);
        QTest::mouseClick(value, Qt::LeftButton);
        QVERIFY(dashboard->isCountingExactly());
        QCOMPARE(dashboard->exactCountStatus()->text(), QStringLiteral("counting…"));
        QVERIFY(dashboard->cancelExactCountButton()->isVisible());
        QVERIFY(!action->isEnabled()); // one count at a time
        const QLocale locale;
        QVERIFY2(QTest::qWaitFor([&]() { return !dashboard->isCountingExactly(); }, 20000),
                 "the exact count never came");
        QCOMPARE(dashboard->cardText(QStringLiteral("entries")), locale.toString(exact->total));
        QCOMPARE(dashboard->cardText(QStringLiteral("valid")), locale.toString(exact->valid));
        QCOMPARE(dashboard->cardText(QStringLiteral("expired")), locale.toString(exact->expired));
        QCOMPARE(dashboard->cardText(QStringLiteral("invalid")), locale.toString(exact->invalid));
        QVERIFY2(dashboard->exactCountStatus()->text().contains(locale.toString(exact->total)),
                 qPrintable(dashboard->exactCountStatus()->text()));
        QVERIFY(!dashboard->cancelExactCountButton()->isVisible());
        snapshot(window.get(), QStringLiteral("exact-count"));

        // The next refresh estimates again; the status line keeps the exact figure.
        dashboard->refreshNow();
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return dashboard->cardText(QStringLiteral("entries"))
                    .startsWith(QStringLiteral("≈"));
            },
            20000));
        QVERIFY(dashboard->exactCountStatus()->text().contains(locale.toString(exact->total)));
        QVERIFY(action->isEnabled());
        // The menu entry asks as well.
        action->trigger();
        QVERIFY(dashboard->isCountingExactly());
        QVERIFY(QTest::qWaitFor([&]() { return !dashboard->isCountingExactly(); }, 20000));
        QCOMPARE(dashboard->cardText(QStringLiteral("entries")), locale.toString(exact->total));
    }

    void anExactCountCanBeCancelledWithoutBlocking()
    {
        if (!m_db->isPostgres())
            QSKIP("holds a table lock in another connection: PostgreSQL");
        auto window = openEstimating();
        QVERIFY2(window, "the dashboard never showed an estimate");
        Dashboard *dashboard = window->dashboard();
        QVERIFY(drainWorker(window->worker()));
        // Another transaction holds the table: the count waits on it (as it would scan a huge
        // table), up to the worker's 3 s statement timeout.
        LockHolder holder(m_db->directConfig(), QStringLiteral("count-holder"));
        QVERIFY2(holder.error().isEmpty(), qPrintable(holder.error()));
        QCOMPARE(holder.exec(QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE")
                                 .arg(CacheStore::tableName())),
                 QString());
        dashboard->countExactlyAction()->trigger();
        QVERIFY(dashboard->isCountingExactly());
        // The GUI goes on meanwhile: a timer fires on time, the status says "counting…".
        QElapsedTimer beat;
        beat.start();
        bool fired = false;
        QTimer::singleShot(100, [&fired]() { fired = true; });
        QVERIFY(QTest::qWaitFor([&]() { return fired; }, 1000));
        QVERIFY2(beat.elapsed() < 600, qPrintable(QString::number(beat.elapsed())));
        QTest::qWait(300);
        QVERIFY(dashboard->isCountingExactly());
        QCOMPARE(dashboard->exactCountStatus()->text(), QStringLiteral("counting…"));

        snapshot(window.get(), QStringLiteral("exact-counting"));
        QElapsedTimer cancelled;
        cancelled.start();
        QTest::mouseClick(dashboard->cancelExactCountButton(), Qt::LeftButton);
        QVERIFY(!dashboard->isCountingExactly());
        QCOMPARE(dashboard->exactCountStatus()->text(), QStringLiteral("Exact count cancelled"));
        // Cancelled on the server: the worker is free long before the statement timeout.
        QVERIFY(drainWorker(window->worker()));
        QVERIFY2(cancelled.elapsed() < 2000, qPrintable(QString::number(cancelled.elapsed())));
        QVERIFY(dashboard->cardText(QStringLiteral("entries")).startsWith(QStringLiteral("≈")));
        QVERIFY(window->isConnected());
        QVERIFY(!window->banner()->isVisible());
        QVERIFY(dashboard->countExactlyAction()->isEnabled());

        // The lock gone, a count runs to its end.
        holder.exec(QStringLiteral("ROLLBACK"));
        dashboard->countExactlyAction()->trigger();
        QVERIFY(QTest::qWaitFor([&]() { return !dashboard->isCountingExactly(); }, 20000));
        QCOMPARE(dashboard->cardText(QStringLiteral("entries")), QLocale().toString(kRows));
    }

    // --- 2. a bulk invalidation that leaves locked rows behind ------------------------------

    void aPartialInvalidationSaysWhatWasLeftAndAuditsWhatItDid()
    {
        if (!m_db->isPostgres())
            QSKIP("SKIP LOCKED is PostgreSQL's; SQLite locks the whole file");
        auto window = openWindow();
        QVERIFY(window);
        CacheStore direct(m_db->config());
        EntryFilter bybit;
        bybit.exchange = QStringLiteral("BYBIT");
        const qint64 before = direct.countInvalidatable(bybit).value();
        QVERIFY(before > 1);
        // One user's valid BYBIT entries are held by another transaction.
        BrowseRequest request;
        request.filter = bybit;
        request.filter.state = EntryFilter::State::Valid;
        request.limit = 1;
        const auto first = direct.browse(request);
        QVERIFY(first.ok() && first->entries.size() == 1);
        const QString user = first->entries.first().userId;
        EntryFilter held = bybit;
        held.userId = user;
        const qint64 left = direct.countInvalidatable(held).value();
        QVERIFY(left >= 1 && left < before);
        LockHolder holder(m_db->directConfig(), QStringLiteral("bulk-holder"));
        QVERIFY2(holder.error().isEmpty(), qPrintable(holder.error()));
        QCOMPARE(holder.lockUser(user), QString());

        window->showPage(MainWindow::Page::Entries);
        window->filterEdit()->setText(QStringLiteral("exchange:bybit"));
        window->entriesPage()->applyFilter();
        QVERIFY(QTest::qWaitFor(
            [&]() { return window->entryModel()->filter().exchange == QStringLiteral("BYBIT"); },
            5000));
        QSignalSpy done(window.get(), &MainWindow::actionCompleted);
        QString box;
        confirmNextDialog(QStringLiteral("r4-desk"));
        closeNextMessageBox(&box);
        window->invalidateMatching();
        QVERIFY(done.wait(20000));
        QCOMPARE(done.at(0).at(0).toString(), QStringLiteral("invalidate-matching"));
        QCOMPARE(done.at(0).at(1).toLongLong(), before - left);
        const QString error = done.at(0).at(2).toString();
        QVERIFY2(error.contains(QStringLiteral("%1 matching entries were left valid").arg(left)),
                 qPrintable(error));
        QVERIFY2(box.startsWith(QStringLiteral("Invalidation incomplete")), qPrintable(box));
        QVERIFY2(box.contains(QString::number(left)), qPrintable(box));
        QCOMPARE(direct.countInvalidatable(bybit).value(), left);
        // Audited with the rows really invalidated and the words of what was left.
        const auto log = direct.auditLog();
        QVERIFY(log.ok() && !log->isEmpty());
        QCOMPARE(log->constFirst().action, QStringLiteral("invalidate-matching"));
        QCOMPARE(log->constFirst().rowsAffected, before - left);
        QVERIFY2(log->constFirst().outcome.contains(QStringLiteral("stayed valid")),
                 qPrintable(log->constFirst().outcome));
    }

    // --- 3. the language switched at run time -----------------------------------------------

    void theLanguageSwitchesWithoutARestart()
    {
        // A sync log, so that the Clock view draws its charts (axes to be translated).
        {
            CacheStore direct(m_db->config());
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            for (int i = 0; i < 6; ++i) {
                SyncLogRecord r;
                r.atMs = now - qint64(6 - i) * 60'000;
                r.identity = QStringLiteral("user1_cred1");
                r.baseUrl = QStringLiteral("https://api-testnet.bybit.com");
                r.offsetMs = 40 + i;
                r.rttMs = 30;
                r.errorBoundMs = 15;
                r.samples = 5;
                r.hostName = QStringLiteral("desk-host");
                QCOMPARE(direct.appendSyncLog(r), StoreError());
            }
        }
        auto window = openWindow();
        QVERIFY(window);
        // What each view shows before the switch: the dashboard's start-up charts drawn, the
        // Clock view's charts drawn, the alert rules evaluated.
        window->showPage(MainWindow::Page::Dashboard);
        auto *startup = window->dashboard()->findChild<StartupPanel *>();
        QVERIFY(startup);
        QVERIFY(QTest::qWaitFor(
            [&]() { return !startup->growthChart()->chart()->axes().isEmpty(); }, 20000));
        auto *clock = qobject_cast<ClockPage *>(window->page(MainWindow::Page::Clock));
        QVERIFY(clock);
        window->showPage(MainWindow::Page::Clock);
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return !clock->rttChart()->chart()->axes().isEmpty() &&
                       !clock->offsetChart()->chart()->axes().isEmpty();
            },
            20000));
        AlertsPage *alerts = window->alertsPage();
        QVERIFY(QTest::qWaitFor([&]() { return alerts->rulesModel()->rowCount() > 0; }, 20000));
        FleetPage *fleet = window->fleetPage();
        auto *alertBar = window->findChild<AlertBar *>();
        QVERIFY(alertBar);
        auto axisTitle = [](QChart *chart, Qt::Orientation orientation) {
            const auto axes = chart->axes(orientation);
            return axes.isEmpty() ? QString() : axes.constFirst()->titleText();
        };
        auto labelShown = [](QWidget *root, const QString &text) {
            for (QLabel *label : root->findChildren<QLabel *>()) {
                if (label->text() == text)
                    return true;
            }
            return false;
        };
        QCOMPARE(axisTitle(clock->rttChart()->chart(), Qt::Horizontal),
                 QStringLiteral("round trip (ms)"));
        QCOMPARE(clock->rangeCombo()->currentIndex(), 1);
        window->showPage(MainWindow::Page::Entries);
        EntryModel *model = window->entryModel();
        QVERIFY(QTest::qWaitFor([&]() { return model->isCountKnown(); }, 20000));
        auto languageAction = [&](const QString &name) -> QAction * {
            for (QMenu *menu : window->menuBar()->findChildren<QMenu *>()) {
                for (QAction *a : menu->actions()) {
                    if (a->text() == name && a->isCheckable())
                        return a;
                }
            }
            return nullptr;
        };
        auto *state = window->findChild<QLabel *>(QStringLiteral("connectionState"));
        QVERIFY(state);
        const QString connectedText = state->text();
        QVERIFY2(connectedText == QStringLiteral("connected"), qPrintable(connectedText));
        QHeaderView *header = window->entryView()->horizontalHeader();
        const int entriesTab = window->tabs()->indexOf(window->entriesPage());
        auto headerText = [&](int column) {
            return model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        };
        auto restore = qScopeGuard([]() { Language::apply(QString()); });

        QAction *deutsch = languageAction(QStringLiteral("Deutsch"));
        QVERIFY(deutsch);
        deutsch->trigger();
        // Applied now, without a restart: menus, actions, a page title, the entry browser's
        // headers, the status bar, a dashboard card's caption.
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return window->menuBar()->actions().at(0)->text() == QStringLiteral("&Datei");
            },
            5000));
        QCOMPARE(window->action(QStringLiteral("refresh"))->text(),
                 QStringLiteral("&Aktualisieren"));
        QCOMPARE(window->tabs()->tabText(entriesTab), QStringLiteral("&Einträge"));
        QCOMPARE(headerText(EntryModel::StateColumn), QStringLiteral("Zustand"));
        QCOMPARE(headerText(EntryModel::UserColumn), QStringLiteral("Benutzer"));
        QCOMPARE(state->text(), QStringLiteral("verbunden"));
        bool caption = false;
        for (QLabel *label : window->dashboard()->findChildren<QLabel *>())
            caption = caption || label->text() == QStringLiteral("Trefferquote");
        QVERIFY(caption);
        // The Activity view's audit log headers as well.
        QCOMPARE(window->auditModel()->horizontalHeaderItem(1)->text(), QStringLiteral("Aktion"));
        snapshot(window.get(), QStringLiteral("german-entries"));
        // The State column fits its German title and words.
        QVERIFY2(header->sectionSize(EntryModel::StateColumn) >=
                     header->sectionSizeHint(EntryModel::StateColumn),
                 qPrintable(QString::number(header->sectionSize(EntryModel::StateColumn))));
        // Nothing waits for a restart: the Clock, Alerts and Fleet views, the alert bar and the
        // start-up cards are German now, none of them shown at the switch.
        QVERIFY2(!window->statusBar()->currentMessage().contains(QLatin1String("start")),
                 qPrintable(window->statusBar()->currentMessage()));
        // The Clock view: its tab, a label, the range's items (the choice kept), the tables'
        // headers, the charts' titles and axis titles.
        QCOMPARE(window->tabs()->tabText(window->tabs()->indexOf(clock)), QStringLiteral("U&hr"));
        QVERIFY(labelShown(clock, QStringLiteral("Zeitraum:")));
        QCOMPARE(clock->rangeCombo()->itemText(1), QStringLiteral("Letzte 24 Stunden"));
        QCOMPARE(clock->rangeCombo()->currentIndex(), 1);
        QCOMPARE(clock->driftTable()->horizontalHeaderItem(ClockPage::DriftExchange)->text(),
                 QStringLiteral("Börse"));
        QCOMPARE(clock->eventTable()->horizontalHeaderItem(ClockPage::EventKind)->text(),
                 QStringLiteral("Ereignis"));
        QCOMPARE(clock->offsetChart()->chart()->title(),
                 QStringLiteral("Versatz (Börse minus Host) mit Fehlerschranke"));
        QCOMPARE(clock->rttChart()->chart()->title(),
                 QStringLiteral("Umlaufzeiten (erfolgreiche Synchronisierungen)"));
        QCOMPARE(axisTitle(clock->rttChart()->chart(), Qt::Horizontal),
                 QStringLiteral("Umlaufzeit (ms)"));
        QCOMPARE(axisTitle(clock->rttChart()->chart(), Qt::Vertical),
                 QStringLiteral("Synchronisierungen"));
        QCOMPARE(axisTitle(clock->offsetChart()->chart(), Qt::Vertical),
                 QStringLiteral("Versatz (ms)"));
        // The Alerts view: a header, a button, a label, the rules' severities in German words.
        QCOMPARE(alerts->rulesModel()->horizontalHeaderItem(AlertsPage::Name)->text(),
                 QStringLiteral("Regel"));
        QCOMPARE(alerts->silencesModel()->horizontalHeaderItem(2)->text(), QStringLiteral("Grund"));
        QCOMPARE(alerts->button(QStringLiteral("new"))->text(), QStringLiteral("&Neue Regel …"));
        QVERIFY(labelShown(alerts, QStringLiteral("Alarmverlauf")));
        const QString severity = alerts->rulesModel()->item(0, AlertsPage::Severity)->text();
        QVERIFY2(severity == QStringLiteral("Warnung") || severity == QStringLiteral("kritisch"),
                 qPrintable(severity));
        QCOMPARE(alertBar->toolTip(), QStringLiteral("Regel in der Ansicht „Alarme“ öffnen"));
        // The Fleet view: its headers.
        QCOMPARE(fleet->model()->horizontalHeaderItem(FleetPage::Profile)->text(),
                 QStringLiteral("Profil"));
        QCOMPARE(fleet->model()->horizontalHeaderItem(FleetPage::Reachable)->text(),
                 QStringLiteral("Erreichbar"));
        // No German title is clipped (their widths were made from English samples), nor a
        // German state word ("ausgelöst", "ausstehend") in the alert tables.
        for (const char *name : {"alertRulesView", "alertSilencesView", "alertHistoryView",
                                 "fleetView", "auditView"}) {
            const auto views = window->findChildren<QTableView *>(QLatin1String(name));
            QVERIFY2(!views.isEmpty(), name);
            for (QTableView *view : views) {
                QHeaderView *h = view->horizontalHeader();
                for (int c = 0; c < h->count() - 1; ++c) { // the last one stretches
                    QVERIFY2(h->sectionSize(c) >= h->sectionSizeHint(c),
                             qPrintable(QStringLiteral("%1, column %2: %3 < %4")
                                            .arg(QLatin1String(name))
                                            .arg(c)
                                            .arg(h->sectionSize(c))
                                            .arg(h->sectionSizeHint(c))));
                }
            }
        }
        QTableView *rulesView = alerts->findChild<QTableView *>(QStringLiteral("alertRulesView"));
        const QString pendingWord = AlertFormat::state(monitoring::AlertState::Pending);
        QCOMPARE(pendingWord, QStringLiteral("ausstehend"));
        QVERIFY(rulesView->columnWidth(AlertsPage::State) >
                rulesView->fontMetrics().horizontalAdvance(pendingWord));
        // The start-up cards and charts (the dashboard hidden: nothing was read again).
        QCOMPARE(startup->cardCaption(QStringLiteral("timeSaved")),
                 QStringLiteral("Gesparte Zeit"));
        QCOMPARE(startup->timesChart()->chart()->title(),
                 QStringLiteral("Startzeit der Konnektoren, p95"));
        QCOMPARE(axisTitle(startup->timesChart()->chart(), Qt::Vertical), QStringLiteral("ms"));
        QVERIFY2(axisTitle(startup->growthChart()->chart(), Qt::Horizontal)
                     .startsWith(QStringLiteral("Zeit (")),
                 qPrintable(axisTitle(startup->growthChart()->chart(), Qt::Horizontal)));

        QAction *english = languageAction(QStringLiteral("English"));
        QVERIFY(english);
        english->trigger();
        QVERIFY(QTest::qWaitFor(
            [&]() { return window->menuBar()->actions().at(0)->text() == QStringLiteral("&File"); },
            5000));
        QCOMPARE(window->action(QStringLiteral("refresh"))->text(), QStringLiteral("&Refresh"));
        QCOMPARE(window->tabs()->tabText(entriesTab), QStringLiteral("&Entries"));
        QCOMPARE(headerText(EntryModel::StateColumn), QStringLiteral("State"));
        QCOMPARE(state->text(), connectedText);
        QCOMPARE(window->auditModel()->horizontalHeaderItem(1)->text(), QStringLiteral("Action"));
        // And every one of those views back in English.
        QCOMPARE(window->tabs()->tabText(window->tabs()->indexOf(clock)), QStringLiteral("&Clock"));
        QCOMPARE(clock->rangeCombo()->itemText(1), QStringLiteral("Last 24 hours"));
        QCOMPARE(clock->rangeCombo()->currentIndex(), 1);
        QCOMPARE(clock->driftTable()->horizontalHeaderItem(ClockPage::DriftExchange)->text(),
                 QStringLiteral("Exchange"));
        QCOMPARE(axisTitle(clock->rttChart()->chart(), Qt::Horizontal),
                 QStringLiteral("round trip (ms)"));
        QCOMPARE(axisTitle(clock->offsetChart()->chart(), Qt::Vertical),
                 QStringLiteral("offset (ms)"));
        QCOMPARE(alerts->rulesModel()->horizontalHeaderItem(AlertsPage::Name)->text(),
                 QStringLiteral("Rule"));
        QCOMPARE(alerts->button(QStringLiteral("new"))->text(), QStringLiteral("&New rule…"));
        const QString severityEn = alerts->rulesModel()->item(0, AlertsPage::Severity)->text();
        QVERIFY2(severityEn == QStringLiteral("warning") ||
                     severityEn == QStringLiteral("critical"),
                 qPrintable(severityEn));
        QCOMPARE(fleet->model()->horizontalHeaderItem(FleetPage::Profile)->text(),
                 QStringLiteral("Profile"));
        QCOMPARE(startup->cardCaption(QStringLiteral("timeSaved")), QStringLiteral("Time saved"));
        QCOMPARE(axisTitle(startup->growthChart()->chart(), Qt::Vertical).isEmpty(), false);
        QVERIFY(axisTitle(startup->growthChart()->chart(), Qt::Horizontal)
                    .startsWith(QStringLiteral("time (")));
        QCOMPARE(alertBar->toolTip(), QStringLiteral("Open the rule in the Alerts view"));
    }

    // --- 4. the window at 1024×640 ------------------------------------------------------------

    void theWindowIsReadableAt1024x640()
    {
        auto window = openWindow();
        QVERIFY(window);
        // No page asks for more than the window has: every page's minimum fits the tabs' room.
        window->resize(1024, 640);
        QTest::qWait(50);
        QStringList tooLarge;
        for (MainWindow::Page page : MainWindow::allPages()) {
            window->showPage(page);
            QWidget *widget = window->page(page);
            const QSize minimum = widget->minimumSizeHint().expandedTo(widget->minimumSize());
            if (minimum.width() > 1024 || minimum.height() > 640)
                tooLarge << QStringLiteral("page %1 needs %2×%3")
                                .arg(int(page))
                                .arg(minimum.width())
                                .arg(minimum.height());
        }
        const QSize needed = window->minimumSizeHint().expandedTo(window->minimumSize());
        QVERIFY2(tooLarge.isEmpty(), qPrintable(tooLarge.join(QStringLiteral("; "))));
        QVERIFY2(
            needed.width() <= 1024 && needed.height() <= 640,
            qPrintable(
                QStringLiteral("the window needs %1×%2").arg(needed.width()).arg(needed.height())));
        QCOMPARE(window->size(), QSize(1024, 640));
        window->showPage(MainWindow::Page::Dashboard);
        snapshot(window.get(), QStringLiteral("dashboard-1024x640"));
        // The charts keep the room their labels need.
        window->showPage(MainWindow::Page::Dashboard);
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return !window->dashboard()
                            ->cardText(QStringLiteral("entries"))
                            .startsWith(QStringLiteral("–"));
            },
            20000));
        {
            auto *updated =
                window->dashboard()->findChild<QLabel *>(QStringLiteral("updatedLabel"));
            const QString before = updated->text();
            QTest::qWait(1100);
            window->dashboard()->refreshNow();
            QVERIFY(QTest::qWaitFor([&]() { return updated->text() != before; }, 20000));
        }
        QTest::qWait(200);
        QList<QChartView *> charts = window->dashboard()->charts();
        charts << window->dashboard()->startupPanel()->timesChart()
               << window->dashboard()->startupPanel()->growthChart();
        QStringList elided;
        for (QChartView *chart : charts) {
            QVERIFY2(chart->height() >= chart->minimumHeight(),
                     qPrintable(QStringLiteral("%1: %2 high")
                                    .arg(chart->chart()->title())
                                    .arg(chart->height())));
            // No axis label, title or legend cut short ("1…", "seed ...").
            for (QGraphicsItem *item : chart->scene()->items()) {
                QString text;
                if (auto *rich = dynamic_cast<QGraphicsTextItem *>(item))
                    text = rich->toPlainText();
                else if (auto *simple = dynamic_cast<QGraphicsSimpleTextItem *>(item))
                    text = simple->text();
                if (item->isVisible() &&
                    (text.contains(QStringLiteral("...")) || text.contains(QStringLiteral("…"))))
                    elided << chart->chart()->title() + QStringLiteral(": ") + text;
            }
        }
        snapshot(window->dashboard()->charts().at(3), QStringLiteral("breakdown-1024x640"));
        QVERIFY2(elided.isEmpty(), qPrintable(elided.join(QStringLiteral(" | "))));
        // The State column is as wide as its title and its words.
        window->showPage(MainWindow::Page::Entries);
        EntryModel *model = window->entryModel();
        QVERIFY(QTest::qWaitFor([&]() { return model->entryAt(0) != nullptr; }, 20000));
        QTableView *view = window->entryView();
        snapshot(window.get(), QStringLiteral("entries-1024x640"));
        QHeaderView *header = view->horizontalHeader();
        QTest::qWait(100);
        const int width = header->sectionSize(EntryModel::StateColumn);
        QVERIFY2(width >= header->sectionSizeHint(EntryModel::StateColumn),
                 qPrintable(QString::number(width)));
        QVERIFY2(width >= static_cast<QAbstractItemView *>(view)->sizeHintForColumn(
                              EntryModel::StateColumn),
                 qPrintable(QStringLiteral("%1 < %2").arg(width).arg(
                     static_cast<QAbstractItemView *>(view)->sizeHintForColumn(
                         EntryModel::StateColumn))));
        // The State is on screen without scrolling sideways, whole; so is a past sync's date.
        view->horizontalScrollBar()->setValue(0);
        const QRect stateCell = view->visualRect(model->index(0, EntryModel::StateColumn));
        QVERIFY2(stateCell.left() >= 0 && stateCell.right() < view->viewport()->width(),
                 qPrintable(QStringLiteral("State at %1..%2, viewport %3 wide")
                                .arg(stateCell.left())
                                .arg(stateCell.right())
                                .arg(view->viewport()->width())));
        const QString pastSync =
            QLocale().toString(QDateTime(QDate(2026, 12, 24), QTime(23, 59, 59)),
                               QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        QVERIFY2(header->sectionSize(EntryModel::LastSyncColumn) >
                     view->fontMetrics().horizontalAdvance(pastSync) + 8,
                 qPrintable(QString::number(header->sectionSize(EntryModel::LastSyncColumn))));
    }
};

QTEST_MAIN(TestConsoleR4)
#include "tst_console_r4.moc"
