// The console's monitoring (issue 16), offscreen, against SQLite and a real PostgreSQL: the
// alert bar and its click, tray notifications on the firing transition only while the window
// is hidden, the Alerts view (states, a role that may not edit, audited edits), the alert
// history in Activity, and the fleet view with one reachable and one unreachable profile.

#include "core/store/cachestore.h"
#include "tests/support/arrivalspy.h"
#include "tests/support/testdatabase.h"
#include "ui/activitypage.h"
#include "ui/alertbar.h"
#include "ui/alerthistoryview.h"
#include "ui/alertspage.h"
#include "ui/fleetpage.h"
#include "ui/mainwindow.h"
#include "ui/storeworker.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace cc;
using namespace cc::ui;

class TestConsoleAlerts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    QTemporaryDir m_home;

    std::unique_ptr<MainWindow> openWindow(const QString &url = QString())
    {
        auto window = std::make_unique<MainWindow>();
        ConnectionProfile profile;
        profile.name = QStringLiteral("ops-desk");
        profile.url = url.isEmpty() ? m_db->url() : url;
        profile.tag = ConnectionProfile::Tag::Test;
        QSignalSpy connected(window.get(), &MainWindow::connected);
        window->openProfile(profile);
        window->show();
        if (!connected.wait(20000))
            return nullptr;
        return window;
    }

    // Evaluates the rules now and waits for the answer.
    static bool evaluate(MainWindow *window)
    {
        // An evaluation started earlier (the connection, a timer) may be under way: its answer
        // could predate what the test just changed. Wait it out first.
        if (!QTest::qWaitFor([&]() { return !window->isEvaluatingAlerts(); }, 20000))
            return false;
        test::ArrivalSpy loaded(window->worker(), &StoreWorker::alertsLoaded);
        window->evaluateAlerts();
        return loaded.waitFor(1, 20000) &&
               QTest::qWaitFor([&]() { return !window->isEvaluatingAlerts(); }, 20000);
    }

    // No lookups in the last half hour: the seed's no_lookups rule fires (no pending period).
    void quietConnectors() const
    {
        QCOMPARE(m_db->exec(QStringLiteral("DELETE FROM connector_cache_history")), QString());
    }
    // Lookups in the current minute: no_lookups stops firing.
    void busyConnectors() const
    {
        const qint64 minute = QDateTime::currentMSecsSinceEpoch() / 60000;
        QCOMPARE(m_db->exec(QStringLiteral("DELETE FROM connector_cache_history WHERE minute >= "
                                           "%1;\nINSERT INTO connector_cache_history (minute, "
                                           "hits, misses, sets, invalidations, cleanups) VALUES "
                                           "(%1, 90, 10, 10, 0, 0), (%2, 90, 10, 10, 0, 0)")
                                .arg(minute)
                                .arg(minute + 1)),
                 QString());
    }

    static QString cell(const QStandardItemModel *model, int row, int column)
    {
        return model->index(row, column).data().toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toLocal8Bit());
        QApplication::setOrganizationName(QStringLiteral("connector-cache-test"));
        QApplication::setApplicationName(QStringLiteral("console-alerts-test"));
        StoreWorker::registerTypes();
    }

    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        CacheStore store(m_db->config());
        QVERIFY(store.migrate().ok());
        QCOMPARE(store.fillDemo(300, 7).value(), 300);
    }
    void cleanup() { m_db.reset(); }

    void alertBarShowsAFiringRuleAndOpensIt()
    {
        busyConnectors();
        auto window = openWindow();
        QVERIFY(window);
        QVERIFY(evaluate(window.get()));
        QVERIFY2(!window->alertBar()->isVisible(), qPrintable(window->alertBar()->text()));

        quietConnectors();
        QVERIFY(evaluate(window.get()));
        QVERIFY(window->alertBar()->isVisible());
        QCOMPARE(window->alertBar()->currentRule(), QStringLiteral("no_lookups"));
        QVERIFY2(window->alertBar()->text().contains(QStringLiteral("no_lookups")),
                 qPrintable(window->alertBar()->text()));
        QVERIFY(window->alertBar()->text().contains(QStringLiteral("below 1")));
        QVERIFY(window->alertBar()->text().contains(QStringLiteral("since")));
        // Above the views, in the warning colour.
        QVERIFY(window->alertBar()->geometry().bottom() <= window->tabs()->geometry().top());
        QVERIFY(window->alertBar()->styleSheet().contains(QStringLiteral("#c77c02")));

        window->showPage(MainWindow::Page::Dashboard);
        QTest::mouseClick(window->alertBar(), Qt::LeftButton);
        QCOMPARE(window->currentPage(), MainWindow::Page::Alerts);
        QCOMPARE(window->alertsPage()->currentRule(), QStringLiteral("no_lookups"));

        // The rule stops firing: the bar goes.
        busyConnectors();
        QVERIFY(evaluate(window.get()));
        QVERIFY(!window->alertBar()->isVisible());
    }

    void trayNotifiesOnTheFiringTransitionOnlyWhileHidden()
    {
        busyConnectors();
        auto window = openWindow();
        QVERIFY(window);
        QVERIFY(evaluate(window.get()));
        AlertNotifier *notifier = window->alertNotifier();
        QCOMPARE(notifier->sent().size(), 0);

        // Starts firing while the operator looks at the window: the bar, no tray message.
        quietConnectors();
        QVERIFY(evaluate(window.get()));
        QVERIFY(window->alertBar()->isVisible());
        QCOMPARE(notifier->sent().size(), 0);
        // Hidden while it keeps firing: no transition, no message.
        window->hide();
        QVERIFY(evaluate(window.get()));
        QCOMPARE(notifier->sent().size(), 0);

        // Stops, then starts again while hidden: one message.
        busyConnectors();
        QVERIFY(evaluate(window.get()));
        quietConnectors();
        QSignalSpy notified(notifier, &AlertNotifier::notified);
        QVERIFY(evaluate(window.get()));
        QCOMPARE(notifier->sent().size(), 1);
        QCOMPARE(notified.size(), 1);
        QCOMPARE(notifier->sent().constFirst().rule, QStringLiteral("no_lookups"));
        QVERIFY(notifier->sent().constFirst().title.contains(QStringLiteral("no_lookups")));
        QVERIFY2(notifier->sent().constFirst().message.contains(QStringLiteral("lookups")),
                 qPrintable(notifier->sent().constFirst().message));
        // Still firing: nothing more.
        QVERIFY(evaluate(window.get()));
        QVERIFY(evaluate(window.get()));
        QCOMPARE(notifier->sent().size(), 1);

        // Minimised counts as not looking.
        window->showMinimized();
        busyConnectors();
        QVERIFY(evaluate(window.get()));
        quietConnectors();
        QVERIFY(evaluate(window.get()));
        QCOMPARE(notifier->sent().size(), 2);
    }

    void alertsViewListsRulesWithTheirStates()
    {
        quietConnectors();
        auto window = openWindow();
        QVERIFY(window);
        QVERIFY(evaluate(window.get()));
        AlertsPage *page = window->alertsPage();
        QStandardItemModel *rules = page->rulesModel();
        QVERIFY(rules->rowCount() >= 7);
        const int row = page->rowOf(QStringLiteral("no_lookups"));
        QVERIFY(row >= 0);
        QCOMPARE(cell(rules, row, AlertsPage::State), QStringLiteral("firing"));
        QCOMPARE(cell(rules, row, AlertsPage::Value), QStringLiteral("0"));
        QCOMPARE(cell(rules, row, AlertsPage::Condition), QStringLiteral("below 1"));
        QCOMPARE(cell(rules, row, AlertsPage::Window), QStringLiteral("30 min"));
        QVERIFY(!cell(rules, row, AlertsPage::Since).isEmpty());
        const int hitRate = page->rowOf(QStringLiteral("hit_rate_low"));
        QVERIFY(hitRate >= 0);
        QCOMPARE(cell(rules, hitRate, AlertsPage::State), QStringLiteral("no data"));
        QCOMPARE(cell(rules, hitRate, AlertsPage::Condition), QStringLiteral("below 80.0 %"));

        // Alt+4 reaches the view like the others.
        window->showPage(MainWindow::Page::Dashboard);
        QAction *go = window->findChild<QAction *>(
            QStringLiteral("goTo%1").arg(int(MainWindow::Page::Alerts)));
        QVERIFY(go);
        QCOMPARE(go->shortcut(), QKeySequence(Qt::ALT | Qt::Key_4));
        go->trigger();
        QCOMPARE(window->currentPage(), MainWindow::Page::Alerts);
    }

    void fleetShowsAReachableAndAnUnreachableProfileWithoutBlocking()
    {
        FleetPage fleet;
        fleet.resize(1100, 300);
        fleet.show();
        ConnectionProfile good;
        good.name = QStringLiteral("testnet");
        good.url = m_db->url();
        good.tag = ConnectionProfile::Tag::Staging;
        ConnectionProfile gone;
        gone.name = QStringLiteral("mainnet-eu");
        // Nobody listens on port 1: refused at once.
        gone.url = QStringLiteral("postgresql://cc@127.0.0.1:1/connector_cache");
        gone.tag = ConnectionProfile::Tag::Production;
        fleet.setProfiles({good, gone});
        QCOMPARE(fleet.model()->rowCount(), 2);
        QCOMPARE(cell(fleet.model(), 1, FleetPage::Environment), QStringLiteral("production"));

        // The GUI thread keeps turning while both refresh.
        qint64 worstGapMs = 0;
        QElapsedTimer gap;
        gap.start();
        QTimer ticker;
        ticker.setInterval(10);
        connect(&ticker, &QTimer::timeout, &fleet,
                [&]() { worstGapMs = qMax(worstGapMs, gap.restart()); });
        ticker.start();
        fleet.start();
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return fleet.refreshCount(good.name) >= 1 && fleet.refreshCount(gone.name) >= 1;
            },
            20000));
        ticker.stop();
        QVERIFY2(worstGapMs < 500, qPrintable(QString::number(worstGapMs)));

        const QStandardItemModel *m = fleet.model();
        QCOMPARE(cell(m, 0, FleetPage::Profile), good.name);
        QCOMPARE(cell(m, 0, FleetPage::Reachable), QStringLiteral("yes"));
        QCOMPARE(cell(m, 0, FleetPage::Environment), QStringLiteral("staging"));
        QVERIFY2(cell(m, 0, FleetPage::HitRate).endsWith(QStringLiteral("%")) ||
                     cell(m, 0, FleetPage::HitRate) == QStringLiteral("no data"),
                 qPrintable(cell(m, 0, FleetPage::HitRate)));
        QVERIFY(!cell(m, 0, FleetPage::Firing).isEmpty());
        QVERIFY(!cell(m, 0, FleetPage::Updated).isEmpty());
        QVERIFY(cell(m, 0, FleetPage::Updated) != QStringLiteral("never"));

        QCOMPARE(cell(m, 1, FleetPage::Profile), gone.name);
        const QString why = cell(m, 1, FleetPage::Reachable);
        QVERIFY2(why.startsWith(QStringLiteral("no: ")) && why.size() > 10, qPrintable(why));
        QCOMPARE(cell(m, 1, FleetPage::Updated), QStringLiteral("never"));
        QVERIFY(cell(m, 1, FleetPage::HitRate).isEmpty());

        // Polite: a refresh asked for while one runs is not queued behind it.
        fleet.refreshNow();
        fleet.refreshNow();
        QVERIFY(QTest::qWaitFor([&]() { return fleet.refreshCount(good.name) >= 2; }, 20000));
        QTest::qWait(300);
        QCOMPARE(fleet.refreshCount(good.name), 2);

        // A double-click opens the profile.
        QSignalSpy activated(&fleet, &FleetPage::profileActivated);
        const QRect rect = fleet.view()->visualRect(fleet.model()->index(0, 0));
        // (The view acts on a double-click only on the row pressed just before, as a mouse does.)
        QTest::mouseClick(fleet.view()->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(fleet.view()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0).at(0).value<ConnectionProfile>().name, good.name);
    }
};

QTEST_MAIN(TestConsoleAlerts)
#include "tst_consolealerts.moc"
