// The console on a real hot standby (scripts/with-standby.sh): it opens read-only, with a
// "standby, read-only" badge and the replay lag in the status bar, and every write action off
// with a tooltip that says why. On a multi-host URL it follows a failover by itself.

#include "core/store/cachestore.h"
#include "tests/support/standby.h"
#include "tests/support/testdatabase.h"
#include "tests/ui/consolesuite.h"
#include "ui/entrymodel.h"
#include "ui/mainwindow.h"
#include "ui/storeworker.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace cc;
using cc::test::standbyHost;
using cc::test::standbyPort;
using namespace cc::ui;

class TestConsoleStandby : public QObject, public test::ConsoleSuite
{
    Q_OBJECT

private:
    std::unique_ptr<MainWindow> openWindow(const QString &url)
    {
        return openConnected(std::make_unique<MainWindow>(),
                             testProfile(QStringLiteral("replica"), url));
    }

private Q_SLOTS:
    void initTestCase()
    {
        prepareSuite("console-standby-test");
        QVERIFY2(!standbyHost().isEmpty() && standbyPort() > 0,
                 "no standby given: run this suite through scripts/with-standby.sh (ctest does)");
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        CacheStore primary(m_db->config());
        QVERIFY(primary.migrate().ok());
        TimeSyncState state;
        state.timeOffsetMs = 42;
        QCOMPARE(primary.set(QStringLiteral("u1"), QStringLiteral("c1"), QStringLiteral("BYBIT"),
                             QStringLiteral("TESTNET"), state),
                 StoreError());
        primary.close();
        QVERIFY(test::waitForStandbyReplay(*m_db));
    }

    void opensReadOnlyOnAStandby()
    {
        const auto window = openWindow(QStringLiteral("postgresql://%1:%2/%3")
                                           .arg(standbyHost())
                                           .arg(standbyPort())
                                           .arg(m_db->config().databaseName));
        QVERIFY(window);
        auto *badge = window->findChild<QLabel *>(QStringLiteral("standbyBadge"));
        QVERIFY(badge);
        QVERIFY(badge->isVisible());
        QCOMPARE(badge->text(), QStringLiteral("standby, read-only"));
        QVERIFY(badge->toolTip().contains(QStringLiteral("read-only standby")));
        QVERIFY2(window->statusText().contains(QStringLiteral("standby · replay lag")) &&
                     window->statusText().contains(QStringLiteral("polling")),
                 qPrintable(window->statusText()));
        QVERIFY(!window->privileges().canWrite);
        for (const char *name : {"invalidate", "invalidateMatching", "cleanup"}) {
            QAction *action = window->action(QLatin1String(name));
            QVERIFY(action);
            QVERIFY2(!action->isEnabled(), name);
            QVERIFY2(action->toolTip().contains(QStringLiteral("read-only standby")) &&
                         action->toolTip().contains(QStringLiteral("primary")),
                     qPrintable(action->toolTip()));
        }
        // Reads work: the entry is listed.
        QVERIFY(QTest::qWaitFor([&]() { return window->entryModel()->rowCount() == 1; }, 20000));
    }

    void primaryHasNoBadge()
    {
        const auto window = openWindow(m_db->url());
        QVERIFY(window);
        auto *badge = window->findChild<QLabel *>(QStringLiteral("standbyBadge"));
        QVERIFY(!badge || !badge->isVisible());
        QVERIFY(window->privileges().canWrite);
        QVERIFY(window->action(QStringLiteral("cleanup"))->isEnabled());
    }

    // Last (it ends the primary's life): the console on the read-write multi-host URL, open on
    // the primary; the primary stopped at once, the console notices, and the standby is
    // promoted. The console reconnects by itself to the only server that writes now, opens
    // writable (no badge, the write actions on) and its status bar names the server that
    // answered.
    void followsAFailoverByItself()
    {
        const int primaryPort = qEnvironmentVariableIntValue("PGPORT");
        QString primaryHost = qEnvironmentVariable("PGHOST", QStringLiteral("localhost"));
        if (primaryHost.startsWith(QLatin1Char('/')))
            primaryHost = QStringLiteral("localhost");
        const QString url =
            QStringLiteral("postgresql://%1:%2,%3:%4/%5?target_session_attrs=read-write")
                .arg(primaryHost)
                .arg(primaryPort)
                .arg(standbyHost())
                .arg(standbyPort())
                .arg(m_db->config().databaseName);
        const auto window = openWindow(url);
        QVERIFY(window);
        auto *server = window->findChild<QLabel *>(QStringLiteral("statusServer"));
        QVERIFY(server);
        QVERIFY2(server->toolTip().contains(QStringLiteral(":%1").arg(primaryPort)),
                 qPrintable(server->toolTip()));
        QVERIFY(window->privileges().canWrite);
        QVERIFY(QTest::qWaitFor([&]() { return window->entryModel()->rowCount() == 1; }, 20000));

        QVERIFY(test::TestDatabase::stopServer(true));
        const auto restart = qScopeGuard([]() { test::TestDatabase::startServer(); });
        // The next reload finds the primary gone and no server that takes writes (the standby
        // is not promoted yet): the console says the connection is lost.
        window->refresh();
        QVERIFY2(QTest::qWaitFor([&]() { return window->banner()->isVisible(); }, 30000),
                 qPrintable(window->statusText()));
        QVERIFY2(!window->statusText().contains(QStringLiteral("| connected")),
                 qPrintable(window->statusText()));
        QVERIFY2(test::promoteStandby(m_db->config().databaseName),
                 "the standby was not promoted within 30 s");

        // Its own retries reach the promoted server: no click.
        const QString standbyServer = QStringLiteral("%1:%2").arg(standbyHost()).arg(standbyPort());
        QVERIFY2(QTest::qWaitFor(
                     [&]() {
                         return window->privileges().canWrite && !window->banner()->isVisible() &&
                                server->toolTip().contains(standbyServer);
                     },
                     60000),
                 qPrintable(window->statusText() + QLatin1String(" / ") + server->toolTip() +
                            QLatin1String(" / ") + window->banner()->text()));
        QVERIFY2(window->statusText().contains(QStringLiteral("connected")) &&
                     !window->statusText().contains(QStringLiteral("read-only")),
                 qPrintable(window->statusText()));
        auto *badge = window->findChild<QLabel *>(QStringLiteral("standbyBadge"));
        QVERIFY(!badge || !badge->isVisible());
        QVERIFY(window->action(QStringLiteral("cleanup"))->isEnabled());
        // It reads from the promoted server: the entry is listed again, not stale.
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return window->entryModel()->rowCount() == 1 && !window->entryModel()->isStale();
            },
            20000));
    }

    void cleanupTestCase() { m_db.reset(); }
};

QTEST_MAIN(TestConsoleStandby)
#include "tst_console_standby.moc"
