// libpq's query form of the multi-host URL against two real servers (scripts/with-standby.sh: the
// test cluster and a pg_basebackup standby of it): postgresql:///db?host=h1,h2&port=p1,p2 and
// hostaddr= lists pick the server as postgresql://h1:p1,h2:p2/db does, target_session_attrs
// decides which, and after the primary is stopped and the standby promoted the same URL writes
// to the promoted server, for the store and the CLI.

#include "core/store/cachestore.h"
#include "tests/support/clirun.h"
#include "tests/support/standby.h"
#include "tests/support/testdatabase.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace cc;
using cc::test::standbyHost;
using cc::test::standbyPort;

class TestMultiHost : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;

    // The primary over TCP (with-standby.sh replicates over loopback, so it listens there).
    static QString primaryHost()
    {
        const QString host = qEnvironmentVariable("PGHOST", QStringLiteral("localhost"));
        return host.startsWith(QLatin1Char('/')) ? QStringLiteral("localhost") : host;
    }
    static int primaryPort() { return qEnvironmentVariableIntValue("PGPORT"); }

    // postgresql:///DB?host=...&port=...[&more]
    QString queryUrl(const QString &hostsAndPorts, const QString &more = QString()) const
    {
        return QStringLiteral("postgresql:///%1?%2%3")
            .arg(m_db->config().databaseName, hostsAndPorts,
                 more.isEmpty() ? QString() : QLatin1Char('&') + more);
    }

    QVariant onStandby(const QString &sql) const
    {
        return test::onStandby(m_db->config().databaseName, sql);
    }

    bool waitForReplay() const { return test::waitForStandbyReplay(*m_db); }

    // Which server a store on `url` lands on: its port, and whether it is the standby.
    static std::pair<int, bool> landsOn(const QString &url)
    {
        QString error;
        const DatabaseConfig config = DatabaseConfig::fromUrl(url, &error);
        if (!error.isEmpty())
            qWarning().noquote() << url << error;
        CacheStore store(config);
        if (store.open())
            return {-1, false};
        const auto info = store.serverInfo();
        return {info.ok() ? info->port : -1, store.isStandby()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!standbyHost().isEmpty() && standbyPort() > 0,
                 "no standby given: run this suite through scripts/with-standby.sh (ctest does)");
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        QVERIFY(m_db->isPostgres());
        QVERIFY(primaryPort() > 0);
        CacheStore primary(m_db->config());
        QVERIFY(primary.migrate().ok());
        TimeSyncState state;
        state.timeOffsetMs = -7;
        QCOMPARE(primary.set(QStringLiteral("u1"), QStringLiteral("c1"), QStringLiteral("BYBIT"),
                             QStringLiteral("TESTNET"), state),
                 StoreError());
        primary.close();
        QVERIFY2(waitForReplay(), "the standby did not replay the fixture within 30 s");
    }

    // The query form lands where the authority form does, and target_session_attrs decides.
    void theQueryFormPicksTheServer()
    {
        const QString hosts = QStringLiteral("host=%1,%2&port=%3,%4")
                                  .arg(standbyHost(), primaryHost())
                                  .arg(standbyPort())
                                  .arg(primaryPort());
        // The first that answers: the standby.
        QCOMPARE(landsOn(queryUrl(hosts)), std::make_pair(standbyPort(), true));
        // The first that writes: the primary, second in the list.
        const QString readWrite =
            queryUrl(hosts, QStringLiteral("target_session_attrs=read-write"));
        QCOMPARE(landsOn(readWrite), std::make_pair(primaryPort(), false));
        const QString authority = QStringLiteral("postgresql://%1:%2,%3:%4/%5?target_session_attrs="
                                                 "read-write")
                                      .arg(standbyHost())
                                      .arg(standbyPort())
                                      .arg(primaryHost())
                                      .arg(primaryPort())
                                      .arg(m_db->config().databaseName);
        QCOMPARE(landsOn(authority), landsOn(readWrite));
        // With the primary first, "standby" and "read-only" still pick the standby.
        const QString primaryFirst = QStringLiteral("host=%1,%2&port=%3,%4")
                                         .arg(primaryHost(), standbyHost())
                                         .arg(primaryPort())
                                         .arg(standbyPort());
        QCOMPARE(landsOn(queryUrl(primaryFirst, QStringLiteral("target_session_attrs=standby"))),
                 std::make_pair(standbyPort(), true));
        QCOMPARE(landsOn(queryUrl(primaryFirst, QStringLiteral("target_session_attrs=read-only"))),
                 std::make_pair(standbyPort(), true));
        QCOMPARE(landsOn(queryUrl(primaryFirst)), std::make_pair(primaryPort(), false));

        // The CLI: status names the server that answered; a write goes to the primary.
        test::CliRun status =
            test::runCli({QStringLiteral("status"), QStringLiteral("--database"), readWrite});
        QVERIFY2(status.code == 0, qPrintable(status.err));
        QVERIFY2(
            status.out.contains(
                QStringLiteral("answered:  %1:%2 — primary").arg(primaryHost()).arg(primaryPort())),
            qPrintable(status.out));
        const test::CliRun set = test::runCli(
            {QStringLiteral("set"), QStringLiteral("u2"), QStringLiteral("c2"),
             QStringLiteral("--exchange"), QStringLiteral("BYBIT"), QStringLiteral("--environment"),
             QStringLiteral("TESTNET"), QStringLiteral("--offset"), QStringLiteral("21"),
             QStringLiteral("--database"), readWrite});
        QVERIFY2(set.code == 0, qPrintable(set.err));
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT \"timeOffset\" FROM connector_state_cache "
                                             "WHERE \"userId\" = 'u2'"))
                     .toInt(),
                 21);
        // Without target_session_attrs the standby answers, and a write is refused there.
        const test::CliRun refused =
            test::runCli({QStringLiteral("invalidate"), QStringLiteral("u2"), QStringLiteral("c2"),
                          QStringLiteral("--database"), queryUrl(hosts)});
        QCOMPARE(refused.code, 7);
    }

    // hostaddr= lists: a dead address first (port 1 on loopback refuses at once), then the
    // primary's; also with the addresses alone.
    void hostaddrListsPickTheServer()
    {
        const QString named = QStringLiteral("host=localhost,localhost&hostaddr=127.0.0.1,"
                                             "127.0.0.1&port=1,%1")
                                  .arg(primaryPort());
        QCOMPARE(landsOn(queryUrl(named)), std::make_pair(primaryPort(), false));
        const QString bare =
            QStringLiteral("hostaddr=127.0.0.1,127.0.0.1&port=1,%1").arg(primaryPort());
        QCOMPARE(landsOn(queryUrl(bare)), std::make_pair(primaryPort(), false));
        const QString toStandby = QStringLiteral("hostaddr=127.0.0.1,%1&port=%2,%3")
                                      .arg(standbyHost())
                                      .arg(primaryPort())
                                      .arg(standbyPort());
        QCOMPARE(landsOn(queryUrl(toStandby, QStringLiteral("target_session_attrs=standby"))),
                 std::make_pair(standbyPort(), true));
        const test::CliRun status =
            test::runCli({QStringLiteral("get"), QStringLiteral("u1"), QStringLiteral("c1"),
                          QStringLiteral("--database"), queryUrl(bare)});
        QVERIFY2(status.code == 0, qPrintable(status.err));
        QVERIFY2(status.out.contains(QStringLiteral("-7")), qPrintable(status.out));
    }

    // Last (it ends the primary's life): the primary stopped at once, the standby promoted; a
    // store open on the query-form URL across the failover writes to the promoted server within
    // a few calls, and the CLI's next run does too.
    void failoverWithTheQueryForm()
    {
        const QString readWrite = queryUrl(QStringLiteral("host=%1,%2&port=%3,%4")
                                               .arg(primaryHost(), standbyHost())
                                               .arg(primaryPort())
                                               .arg(standbyPort()),
                                           QStringLiteral("target_session_attrs=read-write"));
        QString error;
        CacheStore::Options options;
        options.timeout = std::chrono::milliseconds(2000);
        CacheStore store(DatabaseConfig::fromUrl(readWrite, &error), options);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(store.open(), StoreError());
        QCOMPARE(store.serverInfo()->port, primaryPort());
        QVERIFY(waitForReplay());

        QVERIFY(test::TestDatabase::stopServer(true));
        const auto restart = qScopeGuard([]() { test::TestDatabase::startServer(); });
        QVERIFY(onStandby(QStringLiteral("SELECT pg_promote(true, 30)")).toBool());

        TimeSyncState state;
        state.timeOffsetMs = 33;
        QCOMPARE(test::writeOnceWritable(store, QStringLiteral("u3"), QStringLiteral("c3"), state),
                 StoreError());
        QCOMPARE(store.serverInfo()->port, standbyPort());
        QVERIFY(!store.isStandby());
        const test::CliRun status =
            test::runCli({QStringLiteral("status"), QStringLiteral("--database"), readWrite});
        QVERIFY2(status.code == 0, qPrintable(status.err));
        QVERIFY2(
            status.out.contains(
                QStringLiteral("answered:  %1:%2 — primary").arg(standbyHost()).arg(standbyPort())),
            qPrintable(status.out));
        const test::CliRun get =
            test::runCli({QStringLiteral("get"), QStringLiteral("u3"), QStringLiteral("c3"),
                          QStringLiteral("--database"), readWrite});
        QVERIFY2(get.code == 0, qPrintable(get.err));
        QVERIFY2(get.out.contains(QStringLiteral("33")), qPrintable(get.out));
    }

    void cleanupTestCase() { m_db.reset(); }
};

QTEST_GUILESS_MAIN(TestMultiHost)
#include "tst_multihost.moc"
