// A real hot standby (scripts/with-standby.sh: pg_basebackup -R of the test cluster, streaming):
// the store and the CLI serve reads on it, count no hits, and refuse every write before sending
// it, with exit 7 and words that name the standby and the way to the primary.

#include "core/store/cachestore.h"
#include "core/store/standby.h"
#include "tests/support/clirun.h"
#include "tests/support/standby.h"
#include "tests/support/testdatabase.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace cc;
using cc::test::standbyHost;
using cc::test::standbyPort;

class TestStandby : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;

    // The test database on the standby (libpq's environment has the user and the password,
    // which replication copied from the primary).
    DatabaseConfig standbyConfig() const
    {
        DatabaseConfig config;
        config.backend = DatabaseConfig::Backend::PostgreSQL;
        config.host = standbyHost();
        config.port = standbyPort();
        config.databaseName = m_db->config().databaseName;
        return config;
    }
    QString standbyUrl() const
    {
        return QStringLiteral("postgresql://%1:%2/%3")
            .arg(standbyHost())
            .arg(standbyPort())
            .arg(m_db->config().databaseName);
    }

    QVariant onStandby(const QString &sql) const
    {
        return test::onStandby(m_db->config().databaseName, sql);
    }

    bool waitForReplay() const { return test::waitForStandbyReplay(*m_db); }

    qint64 hitCountOnPrimary(const QString &key) const
    {
        return m_db
            ->scalar(QStringLiteral("SELECT \"hitCount\" FROM connector_state_cache WHERE "
                                    "\"cacheKey\" = '%1'")
                         .arg(key))
            .toLongLong();
    }
    qint64 historyRowsOnPrimary() const
    {
        return m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM connector_cache_history"))
            .toLongLong();
    }

    test::CliRun cli(QStringList args) const
    {
        args << QStringLiteral("--database") << standbyUrl();
        return test::runCli(args);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!standbyHost().isEmpty() && standbyPort() > 0,
                 "no standby given: run this suite through scripts/with-standby.sh (ctest does)");
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        QVERIFY(m_db->isPostgres());
        CacheStore primary(m_db->config());
        QVERIFY(primary.migrate().ok());
        QCOMPARE(primary.open(), StoreError());
        QVERIFY(!primary.isStandby());
        TimeSyncState state;
        state.timeOffsetMs = -145;
        QCOMPARE(primary.set(QStringLiteral("u1"), QStringLiteral("c1"), QStringLiteral("BYBIT"),
                             QStringLiteral("TESTNET"), state),
                 StoreError());
        QCOMPARE(primary.set(QStringLiteral("u2"), QStringLiteral("c2"), QStringLiteral("BINGX"),
                             QStringLiteral("MAINNET"), state, std::chrono::seconds(1)),
                 StoreError());
        QVERIFY(primary.flushHistory().kind() == StoreError::NoError);
        primary.close();
        QVERIFY2(waitForReplay(), "the standby did not replay the fixture within 30 s");
    }

    void primaryIsNoStandby()
    {
        CacheStore primary(m_db->config());
        QCOMPARE(primary.open(), StoreError());
        QVERIFY(!primary.isStandby());
        const auto info = primary.serverInfo();
        QVERIFY(info.ok());
        QVERIFY(!info->standby);
        QCOMPARE(info->replayLagSeconds, -1.0);
        QVERIFY(primary.privileges()->canWrite);
        QVERIFY(primary.privileges()->readOnlyReason.isEmpty());
        QCOMPARE(primary.refuseIfStandby(QStringLiteral("writing")), StoreError());
    }

    void storeDetectsTheStandby()
    {
        CacheStore standby(standbyConfig());
        QCOMPARE(standby.open(), StoreError());
        QVERIFY(standby.isStandby());
        const auto info = standby.serverInfo();
        QVERIFY2(info.ok(), qPrintable(info.error().message()));
        QVERIFY(info->standby);
        // Streaming and caught up (waitForReplay): no lag to speak of.
        QVERIFY2(info->replayLagSeconds >= 0 && info->replayLagSeconds < 30,
                 qPrintable(QString::number(info->replayLagSeconds)));
        QCOMPARE(info->host, standbyHost());
        QCOMPARE(info->port, standbyPort());
        const auto privileges = standby.privileges();
        QVERIFY(privileges.ok());
        QVERIFY(privileges->canRead);
        QVERIFY(!privileges->canWrite);
        QVERIFY(!privileges->canAudit);
        QVERIFY(privileges->readOnlyReason.contains(QStringLiteral("read-only standby")));
    }

    void storeRefusesEveryWrite()
    {
        CacheStore standby(standbyConfig());
        QCOMPARE(standby.open(), StoreError());
        const auto refused = [](const StoreError &error, const char *what) {
            if (error.kind() != StoreError::PermissionDenied)
                return QStringLiteral("%1: kind %2 (%3)")
                    .arg(QLatin1String(what))
                    .arg(int(error.kind()))
                    .arg(error.message());
            if (!error.message().contains(QStringLiteral("read-only standby")) ||
                !error.message().contains(QStringLiteral("primary")) ||
                !error.sqlState().isEmpty()) // refused here, not by the server
                return QStringLiteral("%1: %2").arg(QLatin1String(what), error.message());
            return QString();
        };
        TimeSyncState state;
        state.timeOffsetMs = 7;
        QString problem =
            refused(standby.set(QStringLiteral("u3"), QStringLiteral("c3"), QStringLiteral("BYBIT"),
                                QStringLiteral("TESTNET"), state),
                    "set");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = refused(standby.invalidate(QStringLiteral("u1"), QStringLiteral("c1")).error(),
                          "invalidate");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        EntryFilter all;
        problem = refused(standby.invalidateMatching(all).error(), "invalidateMatching");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = refused(standby.cleanupExpired().error(), "cleanupExpired");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = refused(standby.migrate().error(), "migrate");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        AuditRecord record;
        record.action = QStringLiteral("test");
        problem = refused(standby.recordAudit(record), "recordAudit");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = refused(standby
                              .acquireSyncLease(QStringLiteral("u1"), QStringLiteral("c1"),
                                                QStringLiteral("me"), std::chrono::seconds(5))
                              .error(),
                          "acquireSyncLease");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = refused(standby.fillDemo(10).error(), "fillDemo");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // The entry is as the primary left it.
        QVERIFY(standby.entry(QStringLiteral("u1"), QStringLiteral("c1"))->isValid);
    }

    void lookupsAreServedNotCounted_data()
    {
        QTest::addColumn<bool>("perLookup");
        QTest::newRow("batched") << false;
        QTest::newRow("per lookup") << true;
    }
    void lookupsAreServedNotCounted()
    {
        QFETCH(bool, perLookup);
        const QString key = CacheStore::cacheKey(QStringLiteral("u1"), QStringLiteral("c1"));
        const qint64 hitsBefore = hitCountOnPrimary(key);
        const qint64 historyBefore = historyRowsOnPrimary();
        {
            CacheStore::Options options;
            options.hitCounting = perLookup ? HitCounting::PerLookup : HitCounting::Batched;
            options.historyFlushInterval = std::chrono::milliseconds(0);
            CacheStore standby(standbyConfig(), options);
            QCOMPARE(standby.open(), StoreError());
            for (int i = 0; i < 3; ++i) {
                const Lookup lookup = standby.get(QStringLiteral("u1"), QStringLiteral("c1"));
                QVERIFY2(lookup.outcome == Lookup::Outcome::Hit, qPrintable(lookup.errorMessage));
                QCOMPARE(lookup.entry.timeOffsetMs, qint64(-145));
                QCOMPARE(lookup.entry.hitCount, hitsBefore); // this process's hits not added
                const OffsetLookup offset =
                    standby.lookupOffset(QStringLiteral("u1"), QStringLiteral("c1"));
                QVERIFY(offset.isHit());
            }
            QCOMPARE(standby.get(QStringLiteral("nobody"), QStringLiteral("none")).outcome,
                     Lookup::Outcome::Miss);
            QCOMPARE(standby.flushHistory(), StoreError());
        } // destroyed: flushes again
        QCOMPARE(hitCountOnPrimary(key), hitsBefore);
        QCOMPARE(historyRowsOnPrimary(), historyBefore);
        // Reads the admin pages need.
        CacheStore standby(standbyConfig());
        QCOMPARE(standby.open(), StoreError());
        QVERIFY(standby.stats().ok());
        QVERIFY(standby
                    .history(QDateTime::currentDateTimeUtc().addSecs(-3600),
                             QDateTime::currentDateTimeUtc())
                    .ok());
        BrowseRequest request;
        const auto page = standby.browse(request);
        QVERIFY(page.ok());
        QCOMPARE(page->entries.size(), 2);
        QVERIFY(standby.auditLog().ok());
    }

    void cliStatusSaysStandby()
    {
        const test::CliRun text = cli({QStringLiteral("status")});
        QVERIFY2(text.code == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains(QStringLiteral("standby (read-only), replay lag ")),
                 qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("%1:%2").arg(standbyHost()).arg(standbyPort())),
                 qPrintable(text.out));
        QVERIFY(!text.out.contains(QStringLiteral(", write")));
        const test::CliRun json = cli({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(json.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("standby")).toBool(), true);
        QVERIFY(o.value(QStringLiteral("replayLagSeconds")).toDouble() >= 0);
        QCOMPARE(o.value(QStringLiteral("canWrite")).toBool(true), false);
        QCOMPARE(o.value(QStringLiteral("canAudit")).toBool(true), false);
        // The primary's status says what it is too.
        test::CliRun primary =
            test::runCli({QStringLiteral("status"), QStringLiteral("--database"), m_db->url()});
        QCOMPARE(primary.code, 0);
        QVERIFY2(primary.out.contains(QStringLiteral("primary (read-write)")),
                 qPrintable(primary.out));
    }

    void cliRefusesWrites_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("set") << QStringList{
            QStringLiteral("set"),     QStringLiteral("u9"),
            QStringLiteral("c9"),      QStringLiteral("--exchange"),
            QStringLiteral("BYBIT"),   QStringLiteral("--environment"),
            QStringLiteral("TESTNET"), QStringLiteral("--offset"),
            QStringLiteral("5")};
        QTest::newRow("invalidate") << QStringList{QStringLiteral("invalidate"),
                                                   QStringLiteral("u1"), QStringLiteral("c1")};
        QTest::newRow("invalidate --matching")
            << QStringList{QStringLiteral("invalidate"), QStringLiteral("--matching"),
                           QStringLiteral("--all"), QStringLiteral("--yes")};
        QTest::newRow("cleanup") << QStringList{QStringLiteral("cleanup")};
        QTest::newRow("migrate") << QStringList{QStringLiteral("migrate")};
        QTest::newRow("demo") << QStringList{QStringLiteral("demo"), QStringLiteral("--entries"),
                                             QStringLiteral("5")};
        QTest::newRow("sync --save") << QStringList{QStringLiteral("sync"),
                                                    QStringLiteral("--exchange"),
                                                    QStringLiteral("BYBIT"),
                                                    QStringLiteral("--base-url"),
                                                    QStringLiteral("http://127.0.0.1:9"),
                                                    QStringLiteral("--save"),
                                                    QStringLiteral("u1"),
                                                    QStringLiteral("c1")};
    }
    void cliRefusesWrites()
    {
        QFETCH(QStringList, args);
        const qint64 auditBefore =
            m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM connector_cache_audit")).toLongLong();
        const test::CliRun r = cli(args);
        QVERIFY2(r.code == 7, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(r.err)));
        QVERIFY2(r.err.contains(QStringLiteral("read-only standby")) &&
                     r.err.contains(QStringLiteral("connect to the primary")) &&
                     r.err.contains(QStringLiteral("target_session_attrs=read-write")) &&
                     r.err.contains(QStringLiteral("%1:%2").arg(standbyHost()).arg(standbyPort())),
                 qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("audit log")), qPrintable(r.err));
        QVERIFY(m_db->scalar(QStringLiteral("SELECT \"isValid\" FROM connector_state_cache "
                                            "WHERE \"userId\" = 'u1'"))
                    .toBool());
        QCOMPARE(
            m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM connector_cache_audit")).toLongLong(),
            auditBefore);
    }

    void cliReadsWork()
    {
        const QString key = CacheStore::cacheKey(QStringLiteral("u1"), QStringLiteral("c1"));
        const qint64 hitsBefore = hitCountOnPrimary(key);
        test::CliRun get = cli({QStringLiteral("get"), QStringLiteral("u1"), QStringLiteral("c1")});
        QVERIFY2(get.code == 0, qPrintable(get.err));
        QVERIFY2(get.out.contains(QStringLiteral("not counted: read-only standby")),
                 qPrintable(get.out));
        get = cli({QStringLiteral("get"), QStringLiteral("u1"), QStringLiteral("c1"),
                   QStringLiteral("--json")});
        QCOMPARE(get.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(get.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("timeOffset")).toInt(), -145);
        QCOMPARE(o.value(QStringLiteral("hitCounted")).toBool(true), false);
        QCOMPARE(hitCountOnPrimary(key), hitsBefore);
        for (const QStringList &args :
             {QStringList{QStringLiteral("show"), QStringLiteral("u1"), QStringLiteral("c1")},
              QStringList{QStringLiteral("list")}, QStringList{QStringLiteral("count")},
              QStringList{QStringLiteral("stats")}, QStringList{QStringLiteral("history")},
              QStringList{QStringLiteral("audit")},
              QStringList{QStringLiteral("cleanup"), QStringLiteral("--dry-run")},
              QStringList{QStringLiteral("migrate"), QStringLiteral("--dry-run")},
              QStringList{QStringLiteral("invalidate"), QStringLiteral("--matching"),
                          QStringLiteral("--all"), QStringLiteral("--dry-run")}}) {
            const test::CliRun r = cli(args);
            QVERIFY2(r.code == 0,
                     qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.err));
        }
        // A miss is still exit 3, not a refusal.
        QCOMPARE(
            cli({QStringLiteral("get"), QStringLiteral("nobody"), QStringLiteral("none")}).code, 3);
    }

    void replayLagFollowsThePrimary()
    {
        // A write on the primary reaches the standby's reads.
        CacheStore primary(m_db->config());
        QCOMPARE(primary.open(), StoreError());
        TimeSyncState state;
        state.timeOffsetMs = 321;
        QCOMPARE(primary.set(QStringLiteral("u4"), QStringLiteral("c4"), QStringLiteral("BYBIT"),
                             QStringLiteral("TESTNET"), state),
                 StoreError());
        QVERIFY(waitForReplay());
        CacheStore standby(standbyConfig());
        QCOMPARE(standby.open(), StoreError());
        const Lookup lookup = standby.get(QStringLiteral("u4"), QStringLiteral("c4"));
        QVERIFY(lookup.isHit());
        QCOMPARE(lookup.entry.timeOffsetMs, qint64(321));
        const auto info = standby.serverInfo();
        QVERIFY(info.ok());
        QVERIFY2(info->replayLagSeconds >= 0 && info->replayLagSeconds < 30,
                 qPrintable(QString::number(info->replayLagSeconds)));
    }

    // libpq's multi-host URL: a dead server first and the live one second connects to the live
    // one; with target_session_attrs=read-write and the standby first it lands on the primary,
    // without it on the standby (and a write is refused there).
    void multiHostUrls()
    {
        const QString primaryHost = qEnvironmentVariable("PGHOST", QStringLiteral("localhost"));
        const int primaryPort = qEnvironmentVariableIntValue("PGPORT");
        QVERIFY(primaryPort > 0);
        const QString primary = QStringLiteral("%1:%2").arg(primaryHost).arg(primaryPort);
        const QString standby = QStringLiteral("%1:%2").arg(standbyHost()).arg(standbyPort());
        const QString db = m_db->config().databaseName;
        const auto url = [&](const QString &hosts, const QString &query = QString()) {
            return QStringLiteral("postgresql://%1/%2%3")
                .arg(hosts, db, query.isEmpty() ? QString() : QLatin1Char('?') + query);
        };
        QString error;
        // Port 1 on loopback: refused at once.
        const DatabaseConfig deadFirst =
            DatabaseConfig::fromUrl(url(QStringLiteral("127.0.0.1:1,") + primary), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        {
            CacheStore store(deadFirst);
            QCOMPARE(store.open(), StoreError());
            const auto info = store.serverInfo();
            QVERIFY(info.ok());
            QCOMPARE(info->port, primaryPort);
            QVERIFY(!info->standby);
            QVERIFY(store.get(QStringLiteral("u1"), QStringLiteral("c1")).isHit());
        }
        test::CliRun status = test::runCli({QStringLiteral("status"), QStringLiteral("--database"),
                                            url(QStringLiteral("127.0.0.1:1,") + primary)});
        QVERIFY2(status.code == 0, qPrintable(status.err));
        QVERIFY2(status.out.contains(QStringLiteral("answered:  %1 — primary").arg(primary)),
                 qPrintable(status.out));

        const QString readWrite = url(standby + QLatin1Char(',') + primary,
                                      QStringLiteral("target_session_attrs=read-write"));
        {
            CacheStore store(DatabaseConfig::fromUrl(readWrite, &error));
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(store.open(), StoreError());
            QVERIFY(!store.isStandby());
            QCOMPARE(store.serverInfo()->port, primaryPort);
        }
        status = test::runCli({QStringLiteral("status"), QStringLiteral("--database"), readWrite});
        QVERIFY2(status.code == 0, qPrintable(status.err));
        QVERIFY2(status.out.contains(QStringLiteral("answered:  %1 — primary").arg(primary)),
                 qPrintable(status.out));
        test::CliRun set = test::runCli(
            {QStringLiteral("set"), QStringLiteral("u5"), QStringLiteral("c5"),
             QStringLiteral("--exchange"), QStringLiteral("BYBIT"), QStringLiteral("--environment"),
             QStringLiteral("TESTNET"), QStringLiteral("--offset"), QStringLiteral("9"),
             QStringLiteral("--database"), readWrite});
        QVERIFY2(set.code == 0, qPrintable(set.err));
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT \"timeOffset\" FROM connector_state_cache "
                                             "WHERE \"userId\" = 'u5'"))
                     .toInt(),
                 9);

        // Without target_session_attrs the first that answers is taken: the standby.
        const QString any = url(standby + QLatin1Char(',') + primary);
        status = test::runCli({QStringLiteral("status"), QStringLiteral("--database"), any});
        QVERIFY2(status.out.contains(QStringLiteral("answered:  %1 — standby").arg(standby)),
                 qPrintable(status.out));
        set = test::runCli({QStringLiteral("invalidate"), QStringLiteral("u5"),
                            QStringLiteral("c5"), QStringLiteral("--database"), any});
        QCOMPARE(set.code, 7);
    }

    // Last (it ends the primary's life): the primary stopped at once, the standby promoted; a
    // store on the read-write multi-host URL, open across the failover, writes to the promoted
    // server by itself within a few calls, and the CLI's next run does too.
    void failoverToThePromotedStandby()
    {
        const int primaryPort = qEnvironmentVariableIntValue("PGPORT");
        const QString primaryHost = qEnvironmentVariable("PGHOST", QStringLiteral("localhost"));
        const QString readWrite =
            QStringLiteral("postgresql://%1:%2,%3:%4/%5?target_session_attrs=read-write")
                .arg(primaryHost)
                .arg(primaryPort)
                .arg(standbyHost())
                .arg(standbyPort())
                .arg(m_db->config().databaseName);
        QString error;
        CacheStore::Options options;
        options.timeout = std::chrono::milliseconds(2000);
        CacheStore store(DatabaseConfig::fromUrl(readWrite, &error), options);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(store.open(), StoreError());
        QCOMPARE(store.serverInfo()->port, primaryPort);
        TimeSyncState state;
        state.timeOffsetMs = 11;
        QCOMPARE(store.set(QStringLiteral("u6"), QStringLiteral("c6"), QStringLiteral("BYBIT"),
                           QStringLiteral("TESTNET"), state),
                 StoreError());
        QVERIFY(waitForReplay());

        QVERIFY(test::TestDatabase::stopServer(true));
        const auto restart = qScopeGuard([]() { test::TestDatabase::startServer(); });
        QVERIFY(onStandby(QStringLiteral("SELECT pg_promote(true, 30)")).toBool());
        QVERIFY(!onStandby(QStringLiteral("SELECT pg_is_in_recovery()")).toBool());

        // The same store: the lost connection fails a call or two, then it reconnects to the
        // only server that writes now.
        state.timeOffsetMs = 12;
        QCOMPARE(test::writeOnceWritable(store, QStringLiteral("u6"), QStringLiteral("c6"), state),
                 StoreError());
        QCOMPARE(store.serverInfo()->port, standbyPort());
        QVERIFY(!store.isStandby());
        QCOMPARE(store.get(QStringLiteral("u6"), QStringLiteral("c6")).entry.timeOffsetMs,
                 qint64(12));
        const test::CliRun status =
            test::runCli({QStringLiteral("status"), QStringLiteral("--database"), readWrite});
        QVERIFY2(status.code == 0, qPrintable(status.err));
        QVERIFY2(
            status.out.contains(
                QStringLiteral("answered:  %1:%2 — primary").arg(standbyHost()).arg(standbyPort())),
            qPrintable(status.out));
    }

    void cleanupTestCase() { m_db.reset(); }
};

QTEST_GUILESS_MAIN(TestStandby)
#include "tst_standby.moc"
