// A transaction-mode pooler whose servers stop answering (issue 15, item 1): PgBouncer logs a
// client in by itself and hands its statements to a server session, so with every server
// session stopped (SIGSTOP) the login works and the first statement is held for ever. QtSql's
// QPSQL runs five statements inside QSqlDatabase::open(), out of any watchdog's reach; a
// connector's start through the pooler must still give up within its budget (a miss), and
// work again once the servers do.

#include "core/store/cachestore.h"
#include "tests/support/testdatabase.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <csignal>
#include <memory>
#include <sys/types.h>

using namespace cc;

namespace {

constexpr qint64 kTimeoutMs = 800;
constexpr qint64 kMarginMs = 1500; // "the budget plus a small margin": behaviour, not speed
constexpr qint64 kHangMs = 20000;  // what a test waits before it calls the call hung

// SIGCONT for the stopped server sessions on every path out of a test.
struct Continue
{
    QList<qint64> pids;
    void resume()
    {
        for (qint64 pid : std::as_const(pids))
            ::kill(pid_t(pid), SIGCONT);
        pids.clear();
    }
    ~Continue() { resume(); }
};

} // namespace

class TestPoolerStall : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;

    static CacheStore::Options options()
    {
        CacheStore::Options o;
        o.timeout = std::chrono::milliseconds(kTimeoutMs);
        o.notifyChanges = false;
        return o;
    }

private Q_SLOTS:
    void init()
    {
        if (qEnvironmentVariable("CC_TEST_BACKEND") != QLatin1String("pgbouncer"))
            QSKIP("through PgBouncer only (run through with-postgres.sh and with-pgbouncer.sh)");
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        QVERIFY(m_db->config().pooled);
        CacheStore store(m_db->config(), options());
        QVERIFY(store.migrate().ok());
    }
    void cleanup() { m_db.reset(); }

    void heldStatementsAreAMissWithinTheBudget()
    {
        {
            CacheStore writer(m_db->config(), options());
            QCOMPARE(writer.set(QStringLiteral("u1"), QStringLiteral("c1"), QStringLiteral("BYBIT"),
                                QStringLiteral("MAINNET"), TimeSyncState{-42, {}, {}}),
                     StoreError());
            QVERIFY(writer.lookupOffset(QStringLiteral("u1"), QStringLiteral("c1")).isHit());
        }
        // Every server session of this database but the fixture's own (direct) one: the
        // pooler's, idle in its pool, which it hands the next client's statement.
        const QString others = QStringLiteral(
            "SELECT string_agg(pid::text, ',') FROM pg_stat_activity WHERE datname = "
            "current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()");
        Continue stopped;
        for (const QString &pid : m_db->scalar(others).toString().split(QLatin1Char(','))) {
            if (pid.toLongLong() > 0)
                stopped.pids << pid.toLongLong();
        }
        QVERIFY2(!stopped.pids.isEmpty(), "the pooler kept no server session open");
        for (qint64 pid : std::as_const(stopped.pids))
            QCOMPARE(::kill(pid_t(pid), SIGSTOP), 0);

        // A cold start through the pooler, on a thread: a hung call fails the test instead of
        // hanging it (the servers are resumed, which lets it return).
        OffsetLookup lookup;
        qint64 took = -1;
        std::unique_ptr<QThread> start(QThread::create([&]() {
            QElapsedTimer t;
            t.start();
            CacheStore store(m_db->config(), options());
            lookup = store.lookupOffset(QStringLiteral("u1"), QStringLiteral("c1"));
            took = t.elapsed();
        }));
        start->start();
        const bool returned = start->wait(kHangMs);
        stopped.resume();
        QVERIFY(start->wait(kHangMs));
        QVERIFY2(returned, "the lookup waited for the held statement");
        QVERIFY(!lookup.isHit()); // a miss for the connector
        QVERIFY2(lookup.errorMessage.contains(QStringLiteral("did not answer within 800 ms")),
                 qPrintable(lookup.errorMessage));
        QVERIFY2(took <= kTimeoutMs + kMarginMs, qPrintable(QString::number(took)));

        // The servers run again: the next start through the pooler is a hit.
        QTest::qWait(600);
        CacheStore again(m_db->config(), options());
        const OffsetLookup hit = again.lookupOffset(QStringLiteral("u1"), QStringLiteral("c1"));
        QVERIFY2(hit.isHit(), qPrintable(hit.errorMessage));
        QCOMPARE(hit.record.timeOffsetMs, qint64(-42));
        qInfo("gave up after %lld ms at a %lld ms budget", took, kTimeoutMs);
    }
};

QTEST_GUILESS_MAIN(TestPoolerStall)
#include "tst_poolerstall.moc"
