// The store's sync log (issue 17): append, read with every filter, limit and order, prune, and
// rows this version cannot read left out rather than mis-served. On SQLite, PostgreSQL and
// PostgreSQL through PgBouncer (CC_TEST_BACKEND).

#include "core/store/cachestore.h"
#include "core/store/sqldialect.h"
#include "core/store/synclogquery.h"
#include "tests/support/testdatabase.h"

#include <QElapsedTimer>
#include <QTest>

#include <cmath>
#include <limits>
#include <memory>

using namespace cc;
using namespace std::chrono_literals;

namespace {

constexpr qint64 kT0 = 1'780'000'000'000; // 2026-05-28

SyncLogRecord record(qint64 atMs, const QString &identity, Exchange exchange = Exchange::Bybit,
                     Environment environment = Environment::Mainnet,
                     const QString &host = QStringLiteral("host-a"))
{
    SyncLogRecord r;
    r.atMs = atMs;
    r.identity = identity;
    r.exchange = exchange;
    r.environment = environment;
    r.baseUrl = QStringLiteral("https://api.bybit.com");
    r.source = SyncSource::Connector;
    r.offsetMs = 120;
    r.rttMs = 31.5;
    r.errorBoundMs = 15.75;
    r.samples = 5;
    r.hostName = host;
    r.bootId = QStringLiteral("0b7c7e3e-5f0e-4c8e-9d6b-5e3f1f0f2a11");
    r.realtimeMinusBoottimeMs = 1'779'000'000'123.25;
    r.serverTimeMs = atMs + 120;
    return r;
}

QList<qint64> times(const QList<SyncLogRecord> &records)
{
    QList<qint64> out;
    for (const SyncLogRecord &r : records)
        out << r.atMs;
    return out;
}

} // namespace

class TestSyncLog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    ManualClock m_clock{kT0};

    std::unique_ptr<CacheStore> migrated(CacheStore::Options options = CacheStore::Options())
    {
        auto s = std::make_unique<CacheStore>(m_db->config(), options, &m_clock);
        auto report = s->migrate();
        if (!report.ok())
            QTest::qFail(
                qPrintable(QStringLiteral("migrate failed: %1").arg(report.error().message())),
                __FILE__, __LINE__);
        return s;
    }

    // Six rows across identities, exchanges, environments, hosts and kinds, one minute apart.
    void fill(CacheStore &s)
    {
        QList<SyncLogRecord> rows{
            record(kT0 + 0 * 60'000, QStringLiteral("u1_c1")),
            record(kT0 + 1 * 60'000, QStringLiteral("u1_c2"), Exchange::BingX),
            record(kT0 + 2 * 60'000, QStringLiteral("u1_c1"), Exchange::Bybit,
                   Environment::Testnet),
            record(kT0 + 3 * 60'000, QStringLiteral("u2_c1"), Exchange::Bybit, Environment::Mainnet,
                   QStringLiteral("host-b")),
            SyncLogRecord::fromRejection(
                kT0 + 4 * 60'000, QStringLiteral("u1_c1"), Exchange::Bybit, Environment::Mainnet,
                QStringLiteral("https://api.bybit.com"), SyncSource::Connector, 10002,
                kT0 + 4 * 60'000 - 1500, 120, HostInfo{QStringLiteral("host-a"), QString(), 5.5}),
            record(kT0 + 5 * 60'000, QStringLiteral("u1_c1")),
        };
        rows[5].source = SyncSource::Cli;
        rows[5].outcome = SyncResult::Error::Timeout;
        rows[5].errorMessage = QStringLiteral("no answer within 5000 ms");
        for (const SyncLogRecord &r : std::as_const(rows))
            QCOMPARE(s.appendSyncLog(r), StoreError());
    }

private Q_SLOTS:
    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        m_clock.setMs(kT0);
    }
    void cleanup() { m_db.reset(); }

    void aRecordReadsBackWhole()
    {
        auto s = migrated();
        SyncLogRecord r = record(kT0, QStringLiteral("u1_c1"), Exchange::BingX, Environment::Demo);
        r.baseUrl = QStringLiteral("https://open-api-vst.bingx.com");
        r.source = SyncSource::Console;
        r.outcome = SyncResult::Error::ConnectionRefused;
        r.errorMessage = QStringLiteral("refused: ünïcødé and 'quotes'");
        r.offsetMs = -987654321;
        QCOMPARE(s->appendSyncLog(r), StoreError());
        const auto read = s->syncLog(SyncLogQuery());
        QVERIFY2(read.ok(), qPrintable(read.error().message()));
        QCOMPARE(read->size(), 1);
        const SyncLogRecord &b = read->first();
        QCOMPARE(b.kind, SyncLogRecord::Kind::Sync);
        QCOMPARE(b.atMs, r.atMs);
        QCOMPARE(b.identity, r.identity);
        QCOMPARE(b.exchange, Exchange::BingX);
        QCOMPARE(b.environment, Environment::Demo);
        QCOMPARE(b.baseUrl, r.baseUrl);
        QCOMPARE(b.source, SyncSource::Console);
        QCOMPARE(b.outcome, SyncResult::Error::ConnectionRefused);
        QCOMPARE(b.errorMessage, r.errorMessage);
        QCOMPARE(b.offsetMs, r.offsetMs);
        QCOMPARE(b.rttMs, r.rttMs);
        QCOMPARE(b.errorBoundMs, r.errorBoundMs);
        QCOMPARE(b.samples, r.samples);
        QCOMPARE(b.hostName, r.hostName);
        QCOMPARE(b.bootId, r.bootId);
        QCOMPARE(b.realtimeMinusBoottimeMs, r.realtimeMinusBoottimeMs);
        QCOMPARE(b.serverTimeMs, r.serverTimeMs);
        QCOMPARE(b.errorCode, 0);
    }

    void aRejectionReadsBackAsOne()
    {
        auto s = migrated();
        const SyncLogRecord r = SyncLogRecord::fromRejection(
            kT0, QStringLiteral("u_c"), Exchange::BingX, Environment::Mainnet,
            QStringLiteral("https://open-api.bingx.com"), SyncSource::Connector, 100421, kT0 - 2000,
            40, HostInfo{QStringLiteral("h"), QStringLiteral("boot"), 1.0});
        QCOMPARE(s->appendSyncLog(r), StoreError());
        const auto read = s->syncLog(SyncLogQuery());
        QVERIFY2(read.ok(), qPrintable(read.error().message()));
        QCOMPARE(read->size(), 1);
        QCOMPARE(read->first().kind, SyncLogRecord::Kind::Rejection);
        QCOMPARE(read->first().errorCode, 100421);
        QCOMPARE(read->first().serverTimeMs, kT0 - 2000);
        QCOMPARE(read->first().offsetMs, qint64(40));
        QVERIFY(!read->first().isOkSync());
    }

    void eachFilterSelects()
    {
        auto s = migrated();
        fill(*s);
        const auto check = [&](const SyncLogQuery &q, const QList<qint64> &expected) {
            const auto read = s->syncLog(q);
            QVERIFY2(read.ok(), qPrintable(read.error().message()));
            QCOMPARE(times(read.value()), expected);
        };
        const auto at = [](int minute) { return kT0 + minute * 60'000; };
        check(SyncLogQuery(), {at(0), at(1), at(2), at(3), at(4), at(5)});
        SyncLogQuery q;
        q.identity = QStringLiteral("u1_c1");
        check(q, {at(0), at(2), at(4), at(5)});
        q = SyncLogQuery();
        q.exchange = Exchange::BingX;
        check(q, {at(1)});
        q = SyncLogQuery();
        q.environment = Environment::Testnet;
        check(q, {at(2)});
        q = SyncLogQuery();
        q.host = QStringLiteral("host-b");
        check(q, {at(3)});
        q = SyncLogQuery();
        q.sinceMs = at(2);
        q.untilMs = at(4); // until is exclusive
        check(q, {at(2), at(3)});
        q = SyncLogQuery();
        q.kind = SyncLogRecord::Kind::Rejection;
        check(q, {at(4)});
        q.kind = SyncLogRecord::Kind::Sync;
        q.identity = QStringLiteral("u1_c1");
        q.exchange = Exchange::Bybit;
        q.environment = Environment::Mainnet;
        q.host = QStringLiteral("host-a");
        check(q, {at(0), at(5)});
        q = SyncLogQuery();
        q.identity = QStringLiteral("nobody");
        check(q, {});
        // The failed sync keeps its outcome, source and words.
        q = SyncLogQuery();
        q.sinceMs = at(5);
        const auto failed = s->syncLog(q);
        QVERIFY(failed.ok());
        QCOMPARE(failed->size(), 1);
        QCOMPARE(failed->first().outcome, SyncResult::Error::Timeout);
        QCOMPARE(failed->first().source, SyncSource::Cli);
        QCOMPARE(failed->first().errorMessage, QStringLiteral("no answer within 5000 ms"));
    }

    void limitAndOrder()
    {
        auto s = migrated();
        fill(*s);
        const auto at = [](int minute) { return kT0 + minute * 60'000; };
        SyncLogQuery q;
        q.limit = 2;
        auto read = s->syncLog(q);
        QVERIFY(read.ok());
        QCOMPARE(times(read.value()), (QList<qint64>{at(0), at(1)}));
        q.newestFirst = true;
        read = s->syncLog(q);
        QVERIFY(read.ok());
        QCOMPARE(times(read.value()), (QList<qint64>{at(5), at(4)}));
        q.limit = 0; // clamped to one row, never "all"
        read = s->syncLog(q);
        QVERIFY(read.ok());
        QCOMPARE(times(read.value()), (QList<qint64>{at(5)}));
        // Rows of the same millisecond keep the order they were written in.
        QCOMPARE(s->appendSyncLog(record(at(9), QStringLiteral("same_1"))), StoreError());
        QCOMPARE(s->appendSyncLog(record(at(9), QStringLiteral("same_2"))), StoreError());
        q = SyncLogQuery();
        q.sinceMs = at(9);
        read = s->syncLog(q);
        QVERIFY(read.ok());
        QCOMPARE(read->size(), 2);
        QCOMPARE(read->at(0).identity, QStringLiteral("same_1"));
        QCOMPARE(read->at(1).identity, QStringLiteral("same_2"));
    }

    void pruneDeletesOnlyOlderRowsInBatches()
    {
        CacheStore::Options options;
        options.batchSize = 2; // six rows: several batches
        auto s = migrated(options);
        fill(*s);
        const auto at = [](int minute) { return kT0 + minute * 60'000; };
        auto pruned = s->pruneSyncLog(QDateTime::fromMSecsSinceEpoch(at(5), Qt::UTC));
        QVERIFY2(pruned.ok(), qPrintable(pruned.error().message()));
        QCOMPARE(pruned.value(), qint64(5));
        auto read = s->syncLog(SyncLogQuery());
        QVERIFY(read.ok());
        QCOMPARE(times(read.value()), (QList<qint64>{at(5)}));
        pruned = s->pruneSyncLog(QDateTime::fromMSecsSinceEpoch(at(5), Qt::UTC));
        QVERIFY(pruned.ok());
        QCOMPARE(pruned.value(), qint64(0));
        QCOMPARE(s->pruneSyncLog(QDateTime()).error().kind(), StoreError::InvalidArgument);
    }

    void refusesRecordsItCannotStore()
    {
        auto s = migrated();
        SyncLogRecord r = record(kT0, QStringLiteral("u_c"));
        r.rttMs = std::numeric_limits<double>::quiet_NaN();
        QCOMPARE(s->appendSyncLog(r).kind(), StoreError::InvalidArgument);
        r = record(kT0, QStringLiteral("u_c"));
        r.errorMessage = QStringLiteral("a") + QChar(0) + QStringLiteral("b");
        QCOMPARE(s->appendSyncLog(r).kind(), StoreError::InvalidArgument);
        r = record(0, QStringLiteral("u_c"));
        QCOMPARE(s->appendSyncLog(r).kind(), StoreError::InvalidArgument);
        auto read = s->syncLog(SyncLogQuery());
        QVERIFY(read.ok());
        QVERIFY(read->isEmpty());
        // A sync made for no credential (`sync` without --save) is logged without identity.
        QCOMPARE(s->appendSyncLog(record(kT0, QString())), StoreError());
        read = s->syncLog(SyncLogQuery());
        QVERIFY(read.ok());
        QCOMPARE(read->size(), 1);
        QVERIFY(read->first().identity.isEmpty());
    }

    void garbageRowsAreLeftOutNotMisServed()
    {
        auto s = migrated();
        QCOMPARE(s->appendSyncLog(record(kT0, QStringLiteral("good_1"))), StoreError());
        const QString insert = QStringLiteral(
            "INSERT INTO connector_cache_sync_log (at_ms, kind, identity, exchange, environment, "
            "base_url, source, outcome, offset_ms) VALUES (%1, %2, %3, %4, %5, '', %6, %7, %8)");
        const QString t = QString::number(kT0 + 1000);
        const auto q = [](const char *text) {
            return QStringLiteral("'%1'").arg(QLatin1String(text));
        };
        QStringList bad{
            insert.arg(t, q("sync"), q("bad_ex"), q("KRAKEN"), q("MAINNET"), q("connector"),
                       q("ok"), QStringLiteral("1")),
            insert.arg(t, q("maybe"), q("bad_kind"), q("BYBIT"), q("MAINNET"), q("connector"),
                       q("ok"), QStringLiteral("1")),
            insert.arg(t, q("sync"), q("bad_env"), q("BYBIT"), q("MOON"), q("connector"), q("ok"),
                       QStringLiteral("1")),
            insert.arg(t, q("sync"), q("bad_source"), q("BYBIT"), q("MAINNET"), q("cron"), q("ok"),
                       QStringLiteral("1")),
            insert.arg(t, q("sync"), q("bad_outcome"), q("BYBIT"), q("MAINNET"), q("connector"),
                       q("fine"), QStringLiteral("1")),
            insert.arg(t, q("rejection"), q("bad_rejection"), q("BYBIT"), q("MAINNET"),
                       q("connector"), q("ok"), QStringLiteral("1")),
        };
        if (!m_db->isPostgres()) {
            // SQLite keeps whatever it is given, whatever the column's declared type.
            bad << insert.arg(t, q("sync"), q("bad_offset"), q("BYBIT"), q("MAINNET"),
                              q("connector"), q("ok"), q("twelve"));
            bad << insert.arg(QStringLiteral("'yesterday'"), q("sync"), q("bad_at"), q("BYBIT"),
                              q("MAINNET"), q("connector"), q("ok"), QStringLiteral("1"));
            bad << QStringLiteral("UPDATE connector_cache_sync_log SET rtt_ms = 'fast' WHERE "
                                  "identity = 'bad_offset'");
        }
        for (const QString &sql : std::as_const(bad)) {
            const QString error = m_db->exec(sql);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        QCOMPARE(s->appendSyncLog(record(kT0 + 2000, QStringLiteral("good_2"))), StoreError());
        const auto read = s->syncLog(SyncLogQuery());
        QVERIFY2(read.ok(), qPrintable(read.error().message()));
        QStringList identities;
        for (const SyncLogRecord &r : read.value())
            identities << r.identity;
        QCOMPARE(identities, (QStringList{QStringLiteral("good_1"), QStringLiteral("good_2")}));
    }

    // The README's GRANT for a schema other than public (backend pgschema): USAGE on it.
    QString schemaUsage(const QStringList &roles) const
    {
        const QString schema = m_db->config().schema;
        return schema.isEmpty() ? QString()
                                : QStringLiteral(";\nGRANT USAGE ON SCHEMA %1 TO ")
                                          .arg(SqlDialect::quoteIdentifier(schema)) +
                                      roles.join(QStringLiteral(", "));
    }

    void theReadmeGrantsLetEachRoleDoItsPart()
    {
        if (!m_db->isPostgres())
            QSKIP("database roles exist on PostgreSQL only");
        auto s = migrated();
        QCOMPARE(s->appendSyncLog(record(kT0 - 40 * 86'400'000LL, QStringLiteral("old_1"))),
                 StoreError());
        const QString suffix = QString::number(QDateTime::currentMSecsSinceEpoch());
        const QString reader = QStringLiteral("cc_log_reader_") + suffix;
        const QString admin = QStringLiteral("cc_log_admin_") + suffix;
        const QString connector = QStringLiteral("cc_log_connector_") + suffix;
        // The sync log's GRANTs the README documents, verbatim apart from the role names.
        QCOMPARE(m_db->exec(QStringLiteral(
                                "CREATE ROLE %1 LOGIN PASSWORD 'pw';\n"
                                "CREATE ROLE %2 LOGIN PASSWORD 'pw';\n"
                                "CREATE ROLE %3 LOGIN PASSWORD 'pw';\n"
                                "GRANT SELECT ON connector_cache_sync_log TO %1;\n"
                                "GRANT SELECT, INSERT, DELETE ON connector_cache_sync_log TO %2;\n"
                                "GRANT USAGE ON SEQUENCE connector_cache_sync_log_id_seq TO %2;\n"
                                "GRANT SELECT, INSERT ON connector_cache_sync_log TO %3;\n"
                                "GRANT USAGE ON SEQUENCE connector_cache_sync_log_id_seq TO %3")
                                .arg(reader, admin, connector) +
                            schemaUsage({reader, admin, connector})),
                 QString());
        auto storeFor = [&](const QString &role) {
            DatabaseConfig config = m_db->directConfig();
            config.user = role;
            config.password = QStringLiteral("pw");
            config.host = qEnvironmentVariable("PGHOST");
            // Through the pooler the role would need its own entry there: the server directly.
            config.pooled = false;
            return std::make_unique<CacheStore>(config, CacheStore::Options(), &m_clock);
        };
        const QDateTime cutoff = QDateTime::fromMSecsSinceEpoch(kT0 - 30 * 86'400'000LL, Qt::UTC);
        {
            auto c = storeFor(connector);
            QCOMPARE(c->appendSyncLog(record(kT0, QStringLiteral("u_c"))), StoreError());
            SyncLogQuery mine;
            mine.identity = QStringLiteral("u_c");
            const auto read = c->syncLog(mine);
            QVERIFY2(read.ok(), qPrintable(read.error().message()));
            QCOMPARE(read->size(), 1);
            QCOMPARE(c->pruneSyncLog(cutoff).error().kind(), StoreError::PermissionDenied);
        }
        {
            auto r = storeFor(reader);
            QVERIFY(r->syncLog(SyncLogQuery()).ok());
            QCOMPARE(r->appendSyncLog(record(kT0, QStringLiteral("u_c"))).kind(),
                     StoreError::PermissionDenied);
        }
        {
            auto a = storeFor(admin);
            QCOMPARE(a->appendSyncLog(record(kT0 + 1, QStringLiteral("cli"))), StoreError());
            const auto pruned = a->pruneSyncLog(cutoff);
            QVERIFY2(pruned.ok(), qPrintable(pruned.error().message()));
            QCOMPARE(pruned.value(), qint64(1));
        }
        m_db->exec(QStringLiteral("DROP OWNED BY %1;\nDROP OWNED BY %2;\nDROP OWNED BY %3")
                       .arg(reader, admin, connector));
    }

    // `clock` analyses up to 100,000 rows: a day of syncs of a thousand credentials from one
    // host is one series, and its analysis must stay linear (it once scanned back over the
    // series for every interval: 4,000 rows took half a minute).
    void aDayOfManyCredentialsIsAnalysedQuickly()
    {
        QList<SyncLogRecord> log;
        for (int i = 0; i < 50000; ++i)
            log << record(kT0 + i * 1000, QStringLiteral("u%1_c").arg(i % 1000));
        QElapsedTimer timer;
        timer.start();
        const ClockHealthReport report = analyzeClockHealth(log);
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(report.series.size(), 1);
        QCOMPARE(report.series.first().syncs, 50000);
        QCOMPARE(report.series.first().identities.size(), 1000);
        QVERIFY(report.events.isEmpty());
    }

    void aMissingTableIsAnErrorNotACrash()
    {
        auto s = migrated();
        QCOMPARE(m_db->exec(QStringLiteral("DROP TABLE connector_cache_sync_log")), QString());
        const StoreError written = s->appendSyncLog(record(kT0, QStringLiteral("u_c")));
        QVERIFY(written.isError());
        QVERIFY(!written.message().isEmpty());
        const auto read = s->syncLog(SyncLogQuery());
        QVERIFY(!read.ok());
        QVERIFY(!s->pruneSyncLog(QDateTime::fromMSecsSinceEpoch(kT0, Qt::UTC)).ok());
        // The cache itself goes on.
        TimeSyncState state;
        state.timeOffsetMs = 5;
        QCOMPARE(s->set(QStringLiteral("u"), QStringLiteral("c"), QStringLiteral("BYBIT"),
                        QStringLiteral("MAINNET"), state),
                 StoreError());
    }

    void anUnreachableStoreIsAnErrorWithinTheTimeout()
    {
        QString error;
        const DatabaseConfig config = DatabaseConfig::fromUrl(
            m_db->isPostgres() ? QStringLiteral("postgresql://nobody@127.0.0.1:1/none")
                               : QStringLiteral("sqlite:///proc/no/such/dir/cache.db"),
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        CacheStore::Options options;
        options.timeout = 500ms;
        CacheStore s(config, options, &m_clock);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(s.appendSyncLog(record(kT0, QStringLiteral("u_c"))).kind(),
                 StoreError::Unreachable);
        QCOMPARE(s.syncLog(SyncLogQuery()).error().kind(), StoreError::Unreachable);
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestSyncLog)
#include "tst_synclog.moc"
