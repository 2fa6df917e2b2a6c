// Reliability and security, against SQLite and a real PostgreSQL:
//  - the history checker itself, on histories built to break each rule;
//  - a randomized multi-process history of get/set/invalidate/cleanup, checked for foreign,
//    unwritten, stale, expired or invalidated offsets, lost acknowledged writes, values read out
//    of order, and exact hit counts; on PostgreSQL also across a server crash;
//  - the server stopped and killed under load (engine threads, a cached connector, the CLI): no
//    crash, no call outliving its timeouts, misses while down, recovery, no acknowledged write
//    lost, no wrong offset served;
//  - acknowledged writes and the audit log surviving a crash with the WAL writer slowed down, so
//    that only a synchronous commit saves them;
//  - the database down while the exchange misbehaves: start-up still bounded by its limit;
//  - secrets (API keys, database passwords) never in a table, a log, CLI output, an error
//    message or a settings file; the settings file private;
//  - TLS to PostgreSQL: verify-full with the test CA connects, with another CA fails in words.
//
// Figures are printed as "figure:" lines (tests/reliability/RELIABILITY.md quotes them).

#include "core/connector/cachedconnector.h"
#include "core/store/cachestore.h"
#include "tests/reliability/historychecker.h"
#include "tests/support/fakeexchange/fakeexchange.h"
#include "tests/support/storeinternals.h"
#include "tests/support/testdatabase.h"
#ifdef CC_TEST_WITH_UI
#include "ui/profiles.h"
#endif

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace cc;
using namespace std::chrono_literals;
using test::HistoryOp;

namespace {

QMutex g_logMutex;
QString g_log;
QtMessageHandler g_previous = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log += QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') +
                 message + QLatin1Char('\n');
    }
    // The test's own lines ("figure: ...") and anything critical reach the output.
    const bool ours =
        type == QtInfoMsg && context.category && qstrcmp(context.category, "default") == 0;
    if (g_previous && (type == QtCriticalMsg || type == QtFatalMsg || ours))
        g_previous(type, context, message);
}

qint64 nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

QString backendName()
{
    return test::TestDatabase::postgresRequested() ? QStringLiteral("postgres")
                                                   : QStringLiteral("sqlite");
}

QString cliPath()
{
    return qEnvironmentVariable("CC_BINARY_DIR") + QStringLiteral("/bin/connector-cache");
}

struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
    qint64 elapsedMs = 0;
};

CliRun runCli(const QStringList &args, const QProcessEnvironment &env = {})
{
    QProcess p;
    if (!env.isEmpty())
        p.setProcessEnvironment(env);
    QElapsedTimer timer;
    timer.start();
    p.start(cliPath(), args);
    CliRun r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("(the CLI did not finish within 60 s)");
        return r;
    }
    r.elapsedMs = timer.elapsed();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

HistoryOp hop(HistoryOp::Kind kind, const QString &key, qint64 start, qint64 end, qint64 value = 0)
{
    HistoryOp op;
    op.kind = kind;
    op.key = key;
    op.startUs = start;
    op.endUs = end;
    op.value = value;
    op.ttlUs = 30'000'000;
    return op;
}

HistoryOp hit(const QString &key, qint64 start, qint64 end, qint64 value, qint64 count,
              const QString &row = QStringLiteral("r1"))
{
    HistoryOp op = hop(HistoryOp::Kind::Get, key, start, end, value);
    op.outcome = HistoryOp::Hit;
    op.hitCount = count;
    op.rowId = row;
    return op;
}

HistoryOp miss(const QString &key, qint64 start, qint64 end)
{
    HistoryOp op = hop(HistoryOp::Kind::Get, key, start, end);
    op.outcome = HistoryOp::Miss;
    return op;
}

HistoryOp setOp(const QString &key, qint64 start, qint64 end, qint64 value, bool ok = true)
{
    HistoryOp op = hop(HistoryOp::Kind::Set, key, start, end, value);
    op.ok = ok;
    return op;
}

HistoryOp invalidateOp(const QString &key, qint64 start, qint64 end, bool ok = true)
{
    HistoryOp op = hop(HistoryOp::Kind::Invalidate, key, start, end);
    op.ok = ok;
    return op;
}

} // namespace

class TestReliability : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    QTemporaryDir m_home;

    // The worker processes of the invariant test; `during` runs in this thread meanwhile (a
    // fault). Returns the merged history.
    // The workers run for durationMs; with a `during` fault they run until durationMs / 3 after
    // it has returned (however long the fault took), so that every run has a stretch after it.
    QList<HistoryOp> runWorkers(int workers, qint64 durationMs, const std::function<void()> &during,
                                bool *ok)
    {
        *ok = false;
        QTemporaryDir dir;
        std::vector<std::unique_ptr<QProcess>> procs;
        const QString exe =
            QCoreApplication::applicationDirPath() + QStringLiteral("/cc_invariant_worker");
        const quint32 seed = QRandomGenerator::global()->generate() % 1000000;
        qInfo().noquote() << QStringLiteral("invariant workers: seed %1").arg(seed);
        for (int i = 0; i < workers; ++i) {
            auto p = std::make_unique<QProcess>();
            p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            const qint64 budgetMs = during ? durationMs + 300000 : durationMs;
            p->start(exe, {m_db->url(), QString::number(i + 1), QString::number(budgetMs),
                           QString::number(seed + quint32(i)),
                           dir.filePath(QStringLiteral("w%1.log").arg(i))});
            if (!p->waitForStarted()) {
                qWarning() << "cannot start" << exe;
                return {};
            }
            procs.push_back(std::move(p));
        }
        if (during) {
            during();
            QTest::qWait(int(durationMs / 3));
            QFile stop(dir.filePath(QStringLiteral("stop")));
            if (!stop.open(QIODevice::WriteOnly))
                return {};
        }
        for (auto &p : procs) {
            if (!p->waitForFinished(int(durationMs) + 120000) ||
                p->exitStatus() != QProcess::NormalExit || p->exitCode() != 0) {
                qWarning() << "a worker failed or crashed:" << p->exitStatus() << p->exitCode();
                return {};
            }
        }
        QList<HistoryOp> ops;
        for (int i = 0; i < workers; ++i) {
            QFile f(dir.filePath(QStringLiteral("w%1.log").arg(i)));
            if (!f.open(QIODevice::ReadOnly))
                return {};
            for (const QByteArray &line : f.readAll().split('\n')) {
                if (line.isEmpty())
                    continue;
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                HistoryOp op;
                const QString kind = o.value(QStringLiteral("op")).toString();
                op.kind = kind == QLatin1String("get")          ? HistoryOp::Kind::Get
                          : kind == QLatin1String("set")        ? HistoryOp::Kind::Set
                          : kind == QLatin1String("invalidate") ? HistoryOp::Kind::Invalidate
                                                                : HistoryOp::Kind::Cleanup;
                op.worker = o.value(QStringLiteral("w")).toInt();
                op.key = o.value(QStringLiteral("key")).toString();
                op.startUs = o.value(QStringLiteral("start")).toInteger();
                op.endUs = o.value(QStringLiteral("end")).toInteger();
                op.value = o.value(QStringLiteral("value")).toInteger();
                op.ttlUs = o.value(QStringLiteral("ttlUs")).toInteger();
                op.hitCount = o.value(QStringLiteral("hitCount")).toInteger();
                op.rowId = o.value(QStringLiteral("rowId")).toString();
                op.outcome = o.value(QStringLiteral("outcome")).toInt(HistoryOp::Miss);
                op.ok = o.value(QStringLiteral("ok")).toBool(true);
                ops << op;
            }
        }
        *ok = true;
        return ops;
    }

    test::HistoryCheckOptions finalState()
    {
        test::HistoryCheckOptions options;
        CacheStore store(m_db->config());
        for (int k = 0; k < 4; ++k) {
            const QString key = QStringLiteral("k%1").arg(k);
            auto e = store.entry(QStringLiteral("inv"), key);
            if (e.ok())
                options.finalRows.insert(e->id, {key, e->hitCount});
        }
        return options;
    }

    static qint64 invariantDurationMs()
    {
        bool ok = false;
        const int seconds = qEnvironmentVariableIntValue("CC_INVARIANT_SECONDS", &ok);
        return ok && seconds > 0 ? qint64(seconds) * 1000 : 6000;
    }

    // Kills the server (pg_ctl stop -m immediate) right after `writes`, which have been
    // acknowledged, with an asynchronously committed control row written last; restarts it.
    // Returns whether the control row was lost, i.e. whether the crash really lost the WAL not
    // yet flushed (else a surviving write proves nothing).
    bool crashRightAfter(int attempt)
    {
        bool inserted = false;
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("control"));
            db.setDatabaseName(m_db->config().databaseName);
            db.setConnectOptions(m_db->config().postgresConnectOptions(5000));
            if (db.open()) {
                QSqlQuery q(db);
                inserted =
                    q.exec(QStringLiteral("SET synchronous_commit = off")) &&
                    q.exec(QStringLiteral("INSERT INTO cc_control VALUES (%1)").arg(attempt));
            }
            if (!test::TestDatabase::stopServer(true))
                qWarning() << "could not kill the server";
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("control"));
        if (!test::TestDatabase::startServer())
            qWarning() << "could not restart the server";
        const QVariant n = m_db->scalar(
            QStringLiteral("SELECT COUNT(*) FROM cc_control WHERE n = %1").arg(attempt));
        return inserted && n.isValid() && n.toLongLong() == 0;
    }

    // Slows the WAL writer down (10 s instead of 200 ms), so that an asynchronous commit stays
    // in memory until a crash; undone by the returned guard.
    auto slowWalWriter()
    {
        const QString error =
            m_db->exec(QStringLiteral("ALTER SYSTEM SET wal_writer_delay = '10s';\n"
                                      "SELECT pg_reload_conf();\n"
                                      "CREATE TABLE cc_control (n INTEGER)"));
        if (!error.isEmpty())
            qWarning().noquote() << error;
        QTest::qWait(1000); // the WAL writer reads the new delay when it next wakes
        return qScopeGuard([this]() {
            m_db->exec(QStringLiteral("ALTER SYSTEM RESET wal_writer_delay;\n"
                                      "SELECT pg_reload_conf()"));
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toLocal8Bit());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toLocal8Bit());
        QCoreApplication::setOrganizationName(QStringLiteral("connector-cache-test"));
        QCoreApplication::setApplicationName(QStringLiteral("reliability"));
        g_previous = qInstallMessageHandler(capture);
        // Every category at every level: a secret must not appear even in debug output.
        QLoggingCategory::setFilterRules(QStringLiteral("cc.*=true"));
    }

    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        CacheStore s(m_db->config());
        QVERIFY(s.migrate().ok());
    }
    void cleanup() { m_db.reset(); }

    // The checker must be able to fail: each rule on a history made to break it.
    void checkerFindsEachKindOfViolation()
    {
        const QString k0 = QStringLiteral("k0"), k1 = QStringLiteral("k1");
        auto violations = [](const QList<HistoryOp> &ops,
                             test::HistoryCheckOptions options = test::HistoryCheckOptions()) {
            const QStringList found = test::checkHistory(ops, options).violations;
            for (const QString &v : found)
                qDebug().noquote() << "found:" << v;
            return found;
        };
        auto count = [&](const QList<HistoryOp> &ops,
                         test::HistoryCheckOptions options = test::HistoryCheckOptions()) {
            return int(violations(ops, options).size());
        };
        // A legal history: reads concurrent with writes may see either value.
        const QList<HistoryOp> legal{setOp(k0, 0, 10, 1),   hit(k0, 5, 15, 1, 1),
                                     setOp(k0, 20, 30, 2),  hit(k0, 25, 35, 1, 2),
                                     hit(k0, 40, 50, 2, 3), invalidateOp(k0, 60, 70),
                                     miss(k0, 65, 75),      miss(k0, 80, 90)};
        test::HistoryCheckOptions final;
        final.finalRows.insert(QStringLiteral("r1"), {k0, 3});
        final.historyHits = 3;
        final.historyMisses = 2;
        QCOMPARE(violations(legal, final), QStringList());

        QCOMPARE(count({setOp(k0, 0, 10, 1), setOp(k0, 20, 30, 2), hit(k0, 40, 50, 1, 1)}),
                 1); // stale: overwritten before the get
        QCOMPARE(count({setOp(k0, 0, 10, 1), invalidateOp(k0, 20, 30), hit(k0, 40, 50, 1, 1)}),
                 1); // invalidated before the get
        QCOMPARE(count({setOp(k0, 0, 10, 1), hit(k1, 40, 50, 1, 1)}), 1); // foreign
        QCOMPARE(count({hit(k0, 40, 50, 7, 1)}), 1);                      // never written
        QCOMPARE(count({hit(k0, 0, 5, 1, 1), setOp(k0, 10, 20, 1)}), 1);  // too early
        {
            HistoryOp shortLived = setOp(k0, 0, 10, 1);
            shortLived.ttlUs = 1'000'000;
            QCOMPARE(count({shortLived, hit(k0, 1'100'000, 1'100'010, 1, 1)}), 1);
            QCOMPARE(violations({shortLived, hit(k0, 900'000, 900'010, 1, 1)}), QStringList());
        }
        // A lost acknowledged write; not when a failed invalidate may have taken effect.
        QCOMPARE(count({setOp(k0, 0, 10, 1), miss(k0, 100, 110)}), 1);
        QCOMPARE(
            violations({setOp(k0, 0, 10, 1), invalidateOp(k0, 5, 200, false), miss(k0, 100, 110)}),
            QStringList());
        // Out of order: a failed set may have taken effect, but then the older value cannot
        // come back.
        QCOMPARE(count({setOp(k0, 0, 10, 1), setOp(k0, 100, 110, 2, false), hit(k0, 105, 120, 2, 1),
                        hit(k0, 130, 140, 1, 2)}),
                 1);
        // Hit counts: the same count twice, a count skipped, a final count not matching.
        QCOMPARE(count({setOp(k0, 0, 10, 1), hit(k0, 20, 30, 1, 1), hit(k0, 40, 50, 1, 1)}),
                 2); // the duplicate, and counts {1, 1} are not 1..2
        QCOMPARE(count({setOp(k0, 0, 10, 1), hit(k0, 20, 30, 1, 1), hit(k0, 40, 50, 1, 3)}), 1);
        test::HistoryCheckOptions wrongFinal;
        wrongFinal.finalRows.insert(QStringLiteral("r1"), {k0, 2});
        QCOMPARE(count({setOp(k0, 0, 10, 1), hit(k0, 20, 30, 1, 1)}, wrongFinal), 1);
        test::HistoryCheckOptions wrongHistory;
        wrongHistory.historyHits = 2;
        QCOMPARE(count({setOp(k0, 0, 10, 1), hit(k0, 20, 30, 1, 1)}, wrongHistory), 1);
        // Across a crash, counts may repeat between epochs (asynchronous increments), not within.
        test::HistoryCheckOptions crash;
        crash.outagesUs << qMakePair(qint64(35), qint64(38));
        QCOMPARE(
            violations({setOp(k0, 0, 10, 1), hit(k0, 20, 30, 1, 1), hit(k0, 40, 50, 1, 1)}, crash),
            QStringList());
        QCOMPARE(count({setOp(k0, 0, 10, 1), hit(k0, 40, 50, 1, 1), hit(k0, 60, 70, 1, 1)}, crash),
                 1);
        // A hit overlapping the outage may have been counted before the crash and lost.
        QCOMPARE(
            violations({setOp(k0, 0, 10, 1), hit(k0, 33, 36, 1, 1), hit(k0, 40, 50, 1, 1)}, crash),
            QStringList());
    }

    void randomizedHistoryKeepsTheInvariants()
    {
        constexpr int kWorkers = 4;
        const qint64 durationMs = invariantDurationMs();
        bool ok = false;
        const QList<HistoryOp> ops = runWorkers(kWorkers, durationMs, {}, &ok);
        QVERIFY(ok);
        test::HistoryCheckOptions options = finalState();
        options.historyHits = m_db->scalar(QStringLiteral("SELECT COALESCE(SUM(\"hits\"), 0) FROM "
                                                          "\"connector_cache_history\""))
                                  .toLongLong();
        options.historyMisses =
            m_db->scalar(QStringLiteral("SELECT COALESCE(SUM(\"misses\"), 0) FROM "
                                        "\"connector_cache_history\""))
                .toLongLong();
        const test::HistoryCheckResult r = test::checkHistory(ops, options);
        qInfo().noquote()
            << QStringLiteral("figure: invariants %1: %2 operations by %3 processes in %4 s, %5 "
                              "gets, %6 hits checked, %7 gets checked against an acknowledged "
                              "write, %8 hits checked for order, %9 rows' hitCount compared, %10 "
                              "failed calls, %11 violations")
                   .arg(backendName())
                   .arg(r.operations)
                   .arg(kWorkers)
                   .arg(durationMs / 1000)
                   .arg(r.gets)
                   .arg(r.hitsChecked)
                   .arg(r.mustHitChecked)
                   .arg(r.orderChecked)
                   .arg(r.rowsCompared)
                   .arg(r.failed)
                   .arg(r.violations.size());
        QVERIFY2(r.violations.isEmpty(),
                 qPrintable(r.violations.mid(0, 20).join(QLatin1Char('\n'))));
        // The run must have exercised what it checks.
        QVERIFY(r.operations > 400);
        QVERIFY(r.hitsChecked > 50);
        QVERIFY(r.mustHitChecked > 10);
        QVERIFY(r.orderChecked > 50);
    }

    void randomizedHistoryAcrossACrash()
    {
        if (!m_db->isPostgres())
            QSKIP("killing the server applies to PostgreSQL");
        constexpr int kWorkers = 4;
        const qint64 durationMs = std::max<qint64>(invariantDurationMs(), 6000);
        qint64 downFrom = 0, downTo = 0;
        bool stopped = false, started = false;
        bool ok = false;
        const QList<HistoryOp> ops = runWorkers(
            kWorkers, durationMs,
            [&]() {
                QTest::qWait(int(durationMs / 3));
                downFrom = nowUs();
                stopped = test::TestDatabase::stopServer(true);
                QTest::qWait(1000);
                started = test::TestDatabase::startServer();
                downTo = nowUs();
            },
            &ok);
        QVERIFY(stopped);
        QVERIFY(started);
        QVERIFY(ok);
        test::HistoryCheckOptions options = finalState();
        options.outagesUs << qMakePair(downFrom, downTo);
        const test::HistoryCheckResult r = test::checkHistory(ops, options);
        qint64 before = 0, during = 0, after = 0, failedWhileDown = 0;
        for (const HistoryOp &op : ops) {
            const bool failed =
                op.kind == HistoryOp::Kind::Get ? op.outcome == HistoryOp::Failed : !op.ok;
            if (op.endUs < downFrom) {
                ++before;
            } else if (op.startUs > downTo) {
                ++after;
            } else {
                ++during;
                failedWhileDown += failed ? 1 : 0;
            }
        }
        qInfo().noquote() << QStringLiteral(
                                 "figure: invariants across a crash: %1 operations (%2 before, %3 "
                                 "while down, %4 of them failed, %5 after), %6 hits checked, %7 "
                                 "gets checked against an acknowledged write, %8 violations")
                                 .arg(r.operations)
                                 .arg(before)
                                 .arg(during)
                                 .arg(failedWhileDown)
                                 .arg(after)
                                 .arg(r.hitsChecked)
                                 .arg(r.mustHitChecked)
                                 .arg(r.violations.size());
        QVERIFY2(r.violations.isEmpty(),
                 qPrintable(r.violations.mid(0, 20).join(QLatin1Char('\n'))));
        QVERIFY(failedWhileDown > 0); // the crash was felt
        QVERIFY(after > 100);         // and the workers recovered by themselves
        QVERIFY(r.mustHitChecked > 10);
    }

    void serverStoppedAndKilledUnderLoad()
    {
        if (!m_db->isPostgres())
            QSKIP("stopping the server applies to PostgreSQL");
        CacheStore::Options options;
        options.timeout = 1000ms;
        // Acknowledged writes before the faults.
        {
            CacheStore s(m_db->config(), options);
            for (int i = 0; i < 50; ++i) {
                TimeSyncState st;
                st.timeOffsetMs = i;
                QCOMPARE(s.set(QStringLiteral("ack"), QStringLiteral("k%1").arg(i),
                               QStringLiteral("BYBIT"), QStringLiteral("TESTNET"), st, 3600s),
                         StoreError());
            }
        }
        constexpr int kThreads = 3;
        std::atomic<bool> stop{false};
        std::atomic<int> failed{0}, succeeded{0}, wrong{0};
        std::atomic<qint64> longestMs{0};
        std::atomic<qint64> lastAcked[kThreads];
        for (auto &a : lastAcked)
            a = 0;
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back(QThread::create([&, t]() {
                CacheStore s(m_db->config(), options);
                int i = 0;
                qint64 value = 0;
                while (!stop) {
                    QElapsedTimer timer;
                    timer.start();
                    bool ok;
                    if (i++ % 4 == 0) {
                        TimeSyncState st;
                        st.timeOffsetMs = ++value;
                        ok = !s.set(QStringLiteral("load%1").arg(t), QStringLiteral("k"),
                                    QStringLiteral("BYBIT"), QStringLiteral("TESTNET"), st)
                                  .isError();
                        if (ok)
                            lastAcked[t] = value;
                    } else {
                        const int k = i % 50;
                        const Lookup l = s.get(QStringLiteral("ack"), QStringLiteral("k%1").arg(k));
                        ok = l.isHit();
                        if (ok && l.entry.timeOffsetMs != k)
                            ++wrong;
                    }
                    longestMs = std::max(longestMs.load(), qint64(timer.elapsed()));
                    if (ok)
                        ++succeeded;
                    else
                        ++failed;
                    QThread::msleep(5);
                }
            }));
            threads.back()->start();
        }
        auto joinThreads = qScopeGuard([&]() {
            stop = true;
            for (auto &t : threads)
                t->wait(60000);
        });
        test::FakeExchangeThread fake;
        QString error;
        const auto profile = ExchangeProfile::resolve(
            QStringLiteral("BYBIT"), QStringLiteral("TESTNET"), fake.baseUrl().toString(), &error);
        QVERIFY2(profile, qPrintable(error));
        int faults = 0, recoveryFailures = 0;
        for (const bool immediate : {false, true}) {
            QTest::qWait(700);
            const int failedBefore = failed, succeededBefore = succeeded;
            QVERIFY(test::TestDatabase::stopServer(immediate)); // fast shutdown, then a crash
            QTest::qWait(700);
            // The connector while the server is down: a live sync, within its start-up limit.
            {
                CacheStore s(m_db->config(), options);
                QNetworkAccessManager network;
                ConnectorOptions copts;
                copts.startupLimitMs = 4000;
                CachedConnector c(QStringLiteral("ack"), QStringLiteral("k1"), *profile,
                                  Credentials(QStringLiteral("key"), "secret"), &s, &network,
                                  Clock::system(), copts);
                const InitResult r = c.initializeBlocking();
                QVERIFY2(r.ok, qPrintable(r.error));
                QCOMPARE(r.source, InitResult::Source::LiveSync);
                QVERIFY2(r.elapsedMs <= copts.startupLimitMs,
                         qPrintable(QString::number(r.elapsedMs)));
            }
            // The CLI while the server is down: exit 4 and what to do, in words.
            for (const QStringList &command :
                 {QStringList{QStringLiteral("stats")},
                  QStringList{QStringLiteral("get"), QStringLiteral("ack"),
                              QStringLiteral("k1")}}) {
                const CliRun cli =
                    runCli(QStringList{QStringLiteral("--timeout"), QStringLiteral("1000"),
                                       QStringLiteral("--database"), m_db->url()} +
                           command);
                QCOMPARE(cli.exitCode, 4);
                QVERIFY2(cli.err.contains(QStringLiteral("cannot reach database")) ||
                             cli.err.contains(QStringLiteral("lost the connection")),
                         qPrintable(cli.err));
                QVERIFY2(cli.elapsedMs < 30000, qPrintable(QString::number(cli.elapsedMs)));
            }
            QVERIFY(failed > failedBefore); // misses while down
            QVERIFY(test::TestDatabase::startServer());
            const int failedAfterRestart = failed;
            // Recovery by itself: the threads succeed again and stop failing.
            QVERIFY(QTest::qWaitFor([&]() { return succeeded > succeededBefore + 60; }, 30000));
            const int failedThen = failed;
            QTest::qWait(500);
            QCOMPARE(failed.load(), failedThen); // and then no more failures: fully recovered
            recoveryFailures += failedThen - failedAfterRestart;
            ++faults;
        }
        joinThreads.dismiss();
        stop = true;
        for (auto &t : threads)
            QVERIFY(t->wait(60000));
        QCOMPARE(wrong.load(), 0); // never a wrong offset
        // Bounded: a connect timeout (2 s) and a statement timeout (1 s), twice at most (one
        // reconnect), never minutes.
        QVERIFY2(longestMs.load() < 10000, qPrintable(QString::number(longestMs.load())));
        CacheStore s(m_db->config(), options);
        for (int i = 0; i < 50; ++i) {
            auto e = s.entry(QStringLiteral("ack"), QStringLiteral("k%1").arg(i));
            QVERIFY2(e.ok(), qPrintable(e.error().message()));
            QCOMPARE(e->timeOffsetMs, i);
        }
        // The load's acknowledged writes, racing the faults, are there (a later one that failed
        // may also have reached the server: at least the last acknowledged value).
        for (int t = 0; t < kThreads; ++t) {
            auto e = s.entry(QStringLiteral("load%1").arg(t), QStringLiteral("k"));
            QVERIFY2(e.ok(), qPrintable(e.error().message()));
            QVERIFY2(e->timeOffsetMs >= lastAcked[t],
                     qPrintable(QStringLiteral("thread %1: %2 stored, %3 acknowledged")
                                    .arg(t)
                                    .arg(e->timeOffsetMs)
                                    .arg(lastAcked[t].load())));
        }
        // After recovery the connector syncs and saves, and the next start is a cache hit.
        {
            QNetworkAccessManager network;
            CachedConnector first(QStringLiteral("after"), QStringLiteral("c"), *profile,
                                  Credentials(QStringLiteral("key"), "secret"), &s, &network);
            const InitResult r1 = first.initializeBlocking();
            QVERIFY2(r1.ok, qPrintable(r1.error));
            QCOMPARE(r1.source, InitResult::Source::Synced);
            CachedConnector second(QStringLiteral("after"), QStringLiteral("c"), *profile,
                                   Credentials(QStringLiteral("key"), "secret"), &s, &network);
            const InitResult r2 = second.initializeBlocking();
            QVERIFY2(r2.ok, qPrintable(r2.error));
            QCOMPARE(r2.source, InitResult::Source::CacheHit);
            QCOMPARE(r2.exchangeRequests, 0);
        }
        const CliRun cli =
            runCli({QStringLiteral("--json"), QStringLiteral("--database"), m_db->url(),
                    QStringLiteral("get"), QStringLiteral("ack"), QStringLiteral("k7")});
        QCOMPARE(cli.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(cli.out.toUtf8())
                     .object()
                     .value(QStringLiteral("timeOffset"))
                     .toInt(-1),
                 7);
        qInfo().noquote() << QStringLiteral("figure: faults: %1 (a fast shutdown and a crash), %2 "
                                            "calls failed fast while down, %3 succeeded, longest "
                                            "call %4 ms, 0 wrong offsets, %5 acknowledged writes "
                                            "checked after, %6 failures after the restarts")
                                 .arg(faults)
                                 .arg(failed.load())
                                 .arg(succeeded.load())
                                 .arg(longestMs.load())
                                 .arg(50 + kThreads)
                                 .arg(recoveryFailures);
    }

    // An acknowledged set, invalidate or bulk invalidation survives a crash that loses what was
    // committed asynchronously; the engine's and the CLI's.
    void acknowledgedWritesSurviveACrash()
    {
        if (!m_db->isPostgres())
            QSKIP("crash durability applies to PostgreSQL");
        auto restore = slowWalWriter();
        bool controlLost = false;
        int attempt = 0, checked = 0;
        while (!controlLost && attempt < 3) {
            ++attempt;
            auto store = std::make_unique<CacheStore>(m_db->config());
            QCOMPARE(store->open(), StoreError());
            const QString user = QStringLiteral("dur%1").arg(attempt);
            TimeSyncState st;
            st.timeOffsetMs = 11;
            for (const QString &c :
                 {QStringLiteral("inv"), QStringLiteral("b1"), QStringLiteral("b2")})
                QCOMPARE(store->set(user, c, QStringLiteral("BYBIT"), QStringLiteral("TESTNET"), st,
                                    3600s),
                         StoreError());
            // Make sure the preparation is on disk before the writes under test.
            QCOMPARE(m_db->exec(QStringLiteral("CHECKPOINT")), QString());
            // The writes under test, each acknowledged.
            for (int i = 0; i < 5; ++i) {
                st.timeOffsetMs = 100 + i;
                QCOMPARE(store->set(user, QStringLiteral("s%1").arg(i), QStringLiteral("BYBIT"),
                                    QStringLiteral("TESTNET"), st, 3600s),
                         StoreError());
            }
            QCOMPARE(store->invalidate(user, QStringLiteral("inv")).valueOr(-1), 1);
            EntryFilter bulk;
            bulk.userId = user;
            bulk.text = QStringLiteral("b");
            QCOMPARE(store->invalidateMatching(bulk).valueOr(-1), 2);
            const CliRun cli = runCli({QStringLiteral("--database"), m_db->url(),
                                       QStringLiteral("set"), user, QStringLiteral("cli"),
                                       QStringLiteral("--exchange"), QStringLiteral("BINGX"),
                                       QStringLiteral("--environment"), QStringLiteral("MAINNET"),
                                       QStringLiteral("--offset"), QStringLiteral("-4242")});
            QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
            store.reset(); // its connection dies with the server
            controlLost = crashRightAfter(attempt);
            store = std::make_unique<CacheStore>(m_db->config());
            // Every acknowledged write is there, whether or not the crash lost the control row.
            for (int i = 0; i < 5; ++i) {
                auto e = store->entry(user, QStringLiteral("s%1").arg(i));
                QVERIFY2(e.ok(), qPrintable(e.error().message()));
                QCOMPARE(e->timeOffsetMs, 100 + i);
                QVERIFY(e->isValid);
            }
            for (const QString &c :
                 {QStringLiteral("inv"), QStringLiteral("b1"), QStringLiteral("b2")}) {
                auto e = store->entry(user, c);
                QVERIFY2(e.ok(), qPrintable(e.error().message()));
                QVERIFY2(!e->isValid, qPrintable(c + QStringLiteral(" is valid again")));
            }
            auto e = store->entry(user, QStringLiteral("cli"));
            QVERIFY2(e.ok(), qPrintable(e.error().message()));
            QCOMPARE(e->timeOffsetMs, -4242);
            checked += 9;
        }
        // Without this the test could not fail: the crash must have lost an asynchronous commit.
        QVERIFY2(controlLost, "the asynchronously committed control row survived every crash");
        qInfo().noquote() << QStringLiteral("figure: durability: %1 crashes with unflushed WAL, "
                                            "%2 acknowledged writes checked, none lost")
                                 .arg(attempt)
                                 .arg(checked);
    }

    // The audit log of an administrative action survives a crash as the action does. FAILS
    // today: CacheStore::recordAudit commits asynchronously (the session's synchronous_commit is
    // off), so an acknowledged invalidation can survive while its audit record is lost.
    void auditRecordsSurviveACrash()
    {
        if (!m_db->isPostgres())
            QSKIP("crash durability applies to PostgreSQL");
        auto restore = slowWalWriter();
        TimeSyncState st;
        QCOMPARE(CacheStore(m_db->config())
                     .set(QStringLiteral("audit"), QStringLiteral("c"), QStringLiteral("BYBIT"),
                          QStringLiteral("TESTNET"), st),
                 StoreError());
        bool controlLost = false;
        int attempt = 0;
        while (!controlLost && attempt < 3) {
            ++attempt;
            const CliRun cli =
                runCli({QStringLiteral("--database"), m_db->url(), QStringLiteral("invalidate"),
                        QStringLiteral("audit"), QStringLiteral("c")});
            QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
            QVERIFY2(!cli.err.contains(QStringLiteral("audit log was not written")),
                     qPrintable(cli.err));
            controlLost = crashRightAfter(1000 + attempt);
            auto e = CacheStore(m_db->config()).entry(QStringLiteral("audit"), QStringLiteral("c"));
            QVERIFY2(e.ok(), qPrintable(e.error().message()));
            QVERIFY(!e->isValid); // the invalidation itself survived
            const qint64 records =
                m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM connector_cache_audit WHERE "
                                            "action = 'invalidate'"))
                    .toLongLong();
            QVERIFY2(records == attempt,
                     qPrintable(QStringLiteral("%1 invalidations acknowledged, %2 audit records "
                                               "after the crash")
                                    .arg(attempt)
                                    .arg(records)));
        }
        QVERIFY2(controlLost, "the asynchronously committed control row survived every crash");
    }

    // The database down and the exchange misbehaving at once: every start-up still ends within
    // its limit, with a reason in words.
    void databaseDownAndExchangeFaultsAtOnce()
    {
        if (!m_db->isPostgres())
            QSKIP("stopping the server applies to PostgreSQL");
        test::FakeExchangeThread fake;
        QString error;
        const auto profile = ExchangeProfile::resolve(
            QStringLiteral("BYBIT"), QStringLiteral("TESTNET"), fake.baseUrl().toString(), &error);
        QVERIFY2(profile, qPrintable(error));
        QVERIFY(test::TestDatabase::stopServer(true));
        auto restart = qScopeGuard([]() { test::TestDatabase::startServer(); });
        CacheStore::Options options;
        options.timeout = 1000ms;
        CacheStore s(m_db->config(), options);
        QNetworkAccessManager network;
        ConnectorOptions copts;
        copts.startupLimitMs = 2500;
        int runs = 0;
        for (const auto fault :
             {test::FakeExchange::Fault::CloseConnection, test::FakeExchange::Fault::Html,
              test::FakeExchange::Fault::Truncated, test::FakeExchange::Fault::Http500,
              test::FakeExchange::Fault::ErrorCode, test::FakeExchange::Fault::WrongUnit,
              test::FakeExchange::Fault::MissingField, test::FakeExchange::Fault::NoAnswer}) {
            fake.exchange()->setFault(fault);
            CachedConnector c(QStringLiteral("both"), QStringLiteral("down"), *profile,
                              Credentials(QStringLiteral("key"), "secret"), &s, &network,
                              Clock::system(), copts);
            QElapsedTimer timer;
            timer.start();
            const InitResult r = c.initializeBlocking();
            const qint64 elapsed = timer.elapsed();
            QVERIFY2(!r.ok, qPrintable(QStringLiteral("fault %1").arg(int(fault))));
            QVERIFY2(!r.error.isEmpty(), qPrintable(QStringLiteral("fault %1").arg(int(fault))));
            // The limit, plus the event loop's own turn.
            QVERIFY2(elapsed <= copts.startupLimitMs + 1000,
                     qPrintable(QStringLiteral("fault %1: %2 ms").arg(int(fault)).arg(elapsed)));
            ++runs;
        }
        fake.exchange()->setFault(test::FakeExchange::Fault::None);
        qInfo().noquote() << QStringLiteral("figure: %1 exchange faults with the database down, "
                                            "each start-up ended within its limit")
                                 .arg(runs);
    }

    void secretsNeverLeak()
    {
        const QString apiKey = QStringLiteral("AKEYpq7Zr2LmN0vX");
        const QByteArray apiSecret = "SECRETw9Jd3Kf8Hs1Qz";
        const QString dbPassword = QStringLiteral("DbPw-4fGh8Jk2Lm");
        {
            QMutexLocker lock(&g_logMutex);
            g_log.clear();
        }
        DatabaseConfig config = m_db->config();
        QString role;
        if (m_db->isPostgres()) {
            role = QStringLiteral("cc_secret_%1").arg(QDateTime::currentMSecsSinceEpoch());
            QCOMPARE(m_db->exec(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2';\n"
                                               "GRANT ALL ON ALL TABLES IN SCHEMA public TO %1;\n"
                                               "GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO %1")
                                    .arg(role, dbPassword)),
                     QString());
            config.user = role;
            config.password = dbPassword;
            config.host = qEnvironmentVariable("PGHOST");
        }
        auto dropRole = qScopeGuard([&]() {
            if (!role.isEmpty())
                m_db->exec(QStringLiteral("DROP OWNED BY %1").arg(role));
        });
        {
            test::FakeExchangeThread fake;
            fake.exchange()->setCredentials(apiKey, apiSecret);
            fake.exchange()->setSkewMs(-7000);
            CacheStore store(config);
            QCOMPARE(store.open(), StoreError());
            QNetworkAccessManager network;
            QString error;
            const auto profile =
                ExchangeProfile::resolve(QStringLiteral("BYBIT"), QStringLiteral("TESTNET"),
                                         fake.baseUrl().toString(), &error);
            // A wrong cached offset, so that the run goes through rejection, resync and retry.
            TimeSyncState wrong;
            wrong.timeOffsetMs = 0;
            QCOMPARE(store.set(QStringLiteral("u"), QStringLiteral("c"), QStringLiteral("BYBIT"),
                               QStringLiteral("TESTNET"), wrong),
                     StoreError());
            CachedConnector c(QStringLiteral("u"), QStringLiteral("c"), *profile,
                              Credentials(apiKey, apiSecret), &store, &network);
            QVERIFY(c.initializeBlocking().ok);
            const ApiCallResult verified = c.verifyConnectionBlocking();
            QVERIFY2(verified.ok, qPrintable(verified.error));
            QVERIFY(verified.retried); // the rejection and retry path ran
            qDebug() << "credentials in a debug line:" << Credentials(apiKey, apiSecret);
            qDebug() << "database in a debug line:" << config.displayString();
            // A failed connection's message, with the password given.
            DatabaseConfig bad = config;
            bad.port = 1;
            CacheStore unreachable(bad);
            qWarning() << unreachable.open().message();
            AuditRecord r;
            r.action = QStringLiteral("test");
            store.recordAudit(r);
            store.flushHistory();
        }
        // The CLI with the password in libpq's environment, talking at debug level.
        QString cliOutput;
        {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            QString url = m_db->url();
            if (m_db->isPostgres()) {
                env.insert(QStringLiteral("PGPASSWORD"), dbPassword);
                url = QStringLiteral("postgresql://%1@%2/%3")
                          .arg(role, QStringLiteral("localhost"), m_db->config().databaseName);
            }
            for (const QStringList &command :
                 {QStringList{QStringLiteral("status")}, QStringList{QStringLiteral("stats")},
                  QStringList{QStringLiteral("list")},
                  QStringList{QStringLiteral("get"), QStringLiteral("u"), QStringLiteral("c")},
                  QStringList{QStringLiteral("audit")}}) {
                const CliRun cli = runCli(
                    QStringList{QStringLiteral("--verbose"), QStringLiteral("--database"), url} +
                        command,
                    env);
                QVERIFY2(cli.exitCode == 0 || cli.exitCode == 3, qPrintable(cli.err));
                cliOutput += cli.out + cli.err;
            }
            QVERIFY(cliOutput.contains(QStringLiteral("BYBIT"))); // the scan sees output
        }
#ifdef CC_TEST_WITH_UI
        // The console's settings: a profile typed with its password.
        cc::ui::ConnectionProfile profile;
        profile.name = QStringLiteral("p");
        profile.url = QStringLiteral("postgresql://ops:%1@db.example.com/x").arg(dbPassword);
        cc::ui::ProfileStore::save({profile});
        QFile settings(QSettings().fileName());
        QVERIFY(settings.open(QIODevice::ReadOnly));
        const QString settingsText = QString::fromUtf8(settings.readAll());
        QVERIFY(settingsText.contains(QStringLiteral("db.example.com")));
#else
        const QString settingsText;
#endif
        const QStringList secrets{apiKey, QString::fromLatin1(apiSecret), dbPassword};
        // Every table, every column, as text.
        QString tables;
        int tableCount = 0;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(
                m_db->isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"),
                QStringLiteral("scan"));
            if (m_db->isPostgres()) {
                db.setDatabaseName(m_db->config().databaseName);
                db.setConnectOptions(m_db->config().postgresConnectOptions(5000));
            } else {
                db.setDatabaseName(m_db->config().sqlitePath);
            }
            QVERIFY(db.open());
            for (const QString &table : db.tables()) {
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table)));
                ++tableCount;
                while (q.next()) {
                    for (int i = 0; i < q.record().count(); ++i)
                        tables += q.value(i).toString() + QLatin1Char(' ');
                }
            }
            QVERIFY(tables.contains(QStringLiteral("BYBIT")));    // the scan sees data
            QVERIFY(tables.contains(QStringLiteral("\"sync\""))); // and the sync metadata
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("scan"));
        QString log;
        {
            QMutexLocker lock(&g_logMutex);
            log = g_log;
        }
        QVERIFY(log.contains(QStringLiteral("Initialized in"))); // the scan sees the log
        for (const QString &secret : secrets) {
            QVERIFY2(!tables.contains(secret),
                     qPrintable(QStringLiteral("%1 found in a table").arg(secret)));
            QVERIFY2(!settingsText.contains(secret),
                     qPrintable(QStringLiteral("%1 found in the settings").arg(secret)));
            QVERIFY2(!log.contains(secret),
                     qPrintable(QStringLiteral("%1 found in the log").arg(secret)));
            QVERIFY2(!cliOutput.contains(secret),
                     qPrintable(QStringLiteral("%1 found in the CLI's output").arg(secret)));
        }
        qInfo().noquote() << QStringLiteral(
                                 "figure: secrets %1: %2 tables, %3 characters of log, %4 "
                                 "characters of CLI output and the settings file scanned for 3 "
                                 "secrets, none found")
                                 .arg(backendName())
                                 .arg(tableCount)
                                 .arg(log.size())
                                 .arg(cliOutput.size());
    }

    // Every text filter of the CLI (and the console's filter syntax, through --query) takes quotes,
    // pattern characters, backslashes, SQL and very long input as literals.
    void hostileFiltersAreLiteralThroughTheCli()
    {
        const QStringList users{QStringLiteral("a'b"),  QStringLiteral("a%b"),
                                QStringLiteral("a_b"),  QStringLiteral("a\\b"),
                                QStringLiteral("a\"b"), QStringLiteral("plain")};
        {
            CacheStore store(m_db->config());
            TimeSyncState st;
            for (const QString &u : users)
                QCOMPARE(store.set(u, QStringLiteral("c"), QStringLiteral("BYBIT"),
                                   QStringLiteral("TESTNET"), st),
                         StoreError());
        }
        auto expectedForText = [&](const QString &text) {
            int n = 0;
            for (const QString &u : users) {
                const QString key = CacheStore::cacheKey(u, QStringLiteral("c"));
                if (u.contains(text, Qt::CaseInsensitive) ||
                    key.contains(text, Qt::CaseInsensitive) ||
                    QStringLiteral("c").contains(text, Qt::CaseInsensitive))
                    ++n;
            }
            return n;
        };
        const QString drop = QStringLiteral("'; DROP TABLE connector_state_cache; --");
        const QString longText(100000, QLatin1Char('x'));
        QList<std::pair<QStringList, int>> cases;
        for (const QString &u : users)
            cases.append({{QStringLiteral("--user"), u}, 1});
        for (const QString &t : {QStringLiteral("a%"), QStringLiteral("a_"), QStringLiteral("%"),
                                 QStringLiteral("_"), QStringLiteral("\\"), QStringLiteral("'"),
                                 QStringLiteral("\""), QStringLiteral("%b"), drop, longText})
            cases.append({{QStringLiteral("--text"), t}, expectedForText(t)});
        cases.append({{QStringLiteral("--user"), QStringLiteral("a%")}, 0});
        cases.append({{QStringLiteral("--user"), QStringLiteral("a_")}, 0});
        cases.append({{QStringLiteral("--user"), drop}, 0});
        cases.append({{QStringLiteral("--credential"), QStringLiteral("%")}, 0});
        cases.append({{QStringLiteral("--exchange"), drop}, 0});
        cases.append({{QStringLiteral("--environment"), QStringLiteral("' OR '1'='1")}, 0});
        cases.append({{QStringLiteral("--query"), QStringLiteral("user:\"a'b\"")}, 1});
        cases.append({{QStringLiteral("--query"), QStringLiteral("user:\"a\\\\b\"")}, 1});
        cases.append({{QStringLiteral("--query"), drop}, 0});
        cases.append({{QStringLiteral("--query"), QStringLiteral("user:%")}, 0});
        int run = 0;
        for (const auto &[filter, expected] : cases) {
            const CliRun cli =
                runCli(QStringList{QStringLiteral("--json"), QStringLiteral("--database"),
                                   m_db->url(), QStringLiteral("count")} +
                       filter);
            const QString what = filter.first() + QLatin1Char(' ') + filter.last().left(60);
            QVERIFY2(cli.exitCode == 0, qPrintable(what + QStringLiteral(": ") + cli.err));
            QCOMPARE(QJsonDocument::fromJson(cli.out.toUtf8())
                         .object()
                         .value(QStringLiteral("count"))
                         .toInt(-1),
                     expected);
            ++run;
        }
        // Nothing was dropped or changed.
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM connector_state_cache")).toInt(),
                 int(users.size()));
        qInfo().noquote() << QStringLiteral("figure: hostile filters %1: %2 CLI filters matched "
                                            "literally")
                                 .arg(backendName())
                                 .arg(run);
    }

    // A URL typed with a password and a mistake: the error message (printed by the CLI, shown by
    // the console, logged) must not repeat the password. FAILS today: DatabaseConfig::fromUrl
    // appends QUrl::errorString(), which quotes the whole URL ("source was ...", "userinfo =").
    void urlErrorsNeverShowThePassword()
    {
        const QString password = QStringLiteral("Pw-7xQ2vL9s");
        const QStringList urls{
            QStringLiteral("postgresql://ops:%1@db.example.com:5432x/cache"),
            QStringLiteral("postgresql://ops:%1@db.example.com:99999/cache"),
            QStringLiteral("postgresql://ops:%1@db example.com/cache"),
            QStringLiteral("postgresql://ops:%1@db.example.com/ca%zzche"),
            QStringLiteral("postgresql://ops:%1@db.example.com/cache?sslmode=bogus"),
            QStringLiteral("postgresql://ops:%1@db.example.com/cache?bogus=1"),
            QStringLiteral("postgresql://ops:%1@a,,b/cache"),
            QStringLiteral("postgresql://ops:%1@db.example.com/cache#x"),
            QStringLiteral("postgres-with-a-long-scheme://ops:%1@db.example.com/cache"),
        };
        QStringList leaks;
        for (const QString &pattern : urls) {
            const QString url = pattern.arg(password);
            QString error;
            DatabaseConfig::fromUrl(url, &error);
            QVERIFY2(!error.isEmpty(), qPrintable(url));
            if (error.contains(password))
                leaks << QStringLiteral("fromUrl(%1): %2").arg(url, error);
        }
        const CliRun cli = runCli(
            {QStringLiteral("--database"), urls.first().arg(password), QStringLiteral("status")});
        QVERIFY2(cli.exitCode != 0, qPrintable(cli.err));
        if ((cli.out + cli.err).contains(password))
            leaks << QStringLiteral("the CLI printed: %1").arg(cli.err.trimmed());
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    }

#ifdef CC_TEST_WITH_UI
    // The console's settings file is readable by its owner only, whatever the umask, also when
    // it existed before with wider permissions, and stays so when rewritten.
    void settingsFileIsPrivate()
    {
        const mode_t previous = umask(022);
        auto restoreUmask = qScopeGuard([previous]() { umask(previous); });
        const QString path = QSettings().fileName();
        QFile::remove(path);
        auto mode = [&]() {
            struct stat st = {};
            return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777)
                                                                         : -1;
        };
        {
            QSettings s; // another writer first (an older version, the window's geometry)
            s.setValue(QStringLiteral("window/lastProfile"), QStringLiteral("x"));
        }
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ReadGroup | QFileDevice::ReadOther));
        QCOMPARE(mode(), 0644);
        cc::ui::ConnectionProfile profile;
        profile.name = QStringLiteral("p");
        profile.url = QStringLiteral("postgresql://ops@db.example.com/x");
        cc::ui::ProfileStore::save({profile});
        QCOMPARE(mode(), 0600);
        {
            QSettings s; // rewritten as a whole (QSaveFile): the mode must stay
            s.setValue(QStringLiteral("window/geometry"), QByteArray(64, 'g'));
        }
        QCOMPARE(mode(), 0600);
        QCOMPARE(cc::ui::ProfileStore::load().size(), 1);
    }

    // FAILS today: ProfileStore::save keeps a URL it cannot parse verbatim, password included.
    void profileWithAnInvalidUrlKeepsNoPassword()
    {
        const QString password = QStringLiteral("Pw-9kT4mB2q");
        cc::ui::ConnectionProfile profile;
        profile.name = QStringLiteral("typo");
        profile.url =
            QStringLiteral("postgresql://ops:%1@db.example.com:5432x/cache").arg(password);
        cc::ui::ProfileStore::save({profile});
        QFile settings(QSettings().fileName());
        QVERIFY(settings.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(settings.readAll());
        QVERIFY(text.contains(QStringLiteral("typo")));
        QVERIFY2(!text.contains(password), qPrintable(text));
    }
#endif

    // Last: it reconfigures the test cluster's TLS (reset again at the end).
    void tlsVerifyFullWithTheRightCaOnly()
    {
        if (!m_db->isPostgres())
            QSKIP("TLS applies to PostgreSQL");
        // A test CA, a server certificate for localhost from it, and another CA.
        QTemporaryDir dir;
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                              QFileDevice::ExeOther | QFileDevice::ReadGroup |
                                              QFileDevice::ExeGroup);
        auto openssl = [&](const QStringList &args) {
            QProcess p;
            p.setWorkingDirectory(dir.path());
            p.start(QStringLiteral("openssl"), args);
            return p.waitForFinished(30000) && p.exitCode() == 0;
        };
        auto selfSigned = [&](const QString &cn, const QString &name) {
            return openssl({QStringLiteral("req"), QStringLiteral("-x509"),
                            QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                            QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"),
                            QStringLiteral("-subj"), cn, QStringLiteral("-keyout"),
                            name + QStringLiteral(".key"), QStringLiteral("-out"),
                            name + QStringLiteral(".pem")});
        };
        QVERIFY(selfSigned(QStringLiteral("/CN=connector-cache test CA"), QStringLiteral("ca")));
        QVERIFY(selfSigned(QStringLiteral("/CN=another CA"), QStringLiteral("other")));
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-newkey"),
                         QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                         QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                         QStringLiteral("-keyout"), QStringLiteral("server.key"),
                         QStringLiteral("-out"), QStringLiteral("server.csr")}));
        {
            QFile ext(dir.filePath(QStringLiteral("san.ext")));
            QVERIFY(ext.open(QIODevice::WriteOnly));
            ext.write("subjectAltName=DNS:localhost\n");
        }
        QVERIFY(openssl(
            {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
             QStringLiteral("server.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
             QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"),
             QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
             QStringLiteral("san.ext"), QStringLiteral("-out"), QStringLiteral("server.pem")}));
        // The server must own its key, readable by it alone: as root, hand the files to the
        // cluster's owner (postgres); otherwise pg_virtualenv runs the cluster as us.
        if (geteuid() == 0) {
            QCOMPARE(QProcess::execute(QStringLiteral("chown"),
                                       {QStringLiteral("postgres"),
                                        dir.filePath(QStringLiteral("server.key")),
                                        dir.filePath(QStringLiteral("server.pem"))}),
                     0);
        }
        QFile::setPermissions(dir.filePath(QStringLiteral("server.key")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QFile::setPermissions(dir.filePath(QStringLiteral("server.pem")),
                              QFileDevice::ReadOwner | QFileDevice::ReadGroup |
                                  QFileDevice::ReadOther);
        auto reset = qScopeGuard([&]() {
            m_db->exec(QStringLiteral("ALTER SYSTEM RESET ssl;\nALTER SYSTEM RESET ssl_cert_file;\n"
                                      "ALTER SYSTEM RESET ssl_key_file;\nSELECT pg_reload_conf()"));
        });
        QCOMPARE(m_db->exec(QStringLiteral("ALTER SYSTEM SET ssl_cert_file = '%1';\n"
                                           "ALTER SYSTEM SET ssl_key_file = '%2';\n"
                                           "ALTER SYSTEM SET ssl = on;\n"
                                           "SELECT pg_reload_conf()")
                                .arg(dir.filePath(QStringLiteral("server.pem")),
                                     dir.filePath(QStringLiteral("server.key")))),
                 QString());
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return m_db->scalar(QStringLiteral("SHOW ssl")).toString() == QLatin1String("on");
            },
            5000));
        auto connectWith = [&](const QString &ca, const QString &host, bool *encrypted) {
            DatabaseConfig c = m_db->config();
            c.host = host;
            c.options.insert(QStringLiteral("sslmode"), QStringLiteral("verify-full"));
            c.options.insert(QStringLiteral("sslrootcert"), dir.filePath(ca));
            CacheStore s(c);
            const StoreError e = s.open();
            if (!e.isError() && encrypted) {
                QSqlQuery q(test::StoreInternals::database(s));
                *encrypted = q.exec(QStringLiteral(
                                 "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) &&
                             q.next() && q.value(0).toBool();
            }
            return e;
        };
        bool encrypted = false;
        const StoreError good =
            connectWith(QStringLiteral("ca.pem"), QStringLiteral("localhost"), &encrypted);
        QVERIFY2(!good.isError(), qPrintable(good.message()));
        QVERIFY(encrypted); // really over TLS
        const StoreError bad =
            connectWith(QStringLiteral("other.pem"), QStringLiteral("localhost"), nullptr);
        QCOMPARE(bad.kind(), StoreError::Unreachable);
        QVERIFY2(bad.message().contains(QStringLiteral("certificate verify failed")),
                 qPrintable(bad.message()));
        QVERIFY2(bad.message().contains(QStringLiteral("check the URL or profile")),
                 qPrintable(bad.message())); // and what to do
        // The right CA but a name the certificate does not carry.
        const StoreError wrongName =
            connectWith(QStringLiteral("ca.pem"), QStringLiteral("127.0.0.1"), nullptr);
        QCOMPARE(wrongName.kind(), StoreError::Unreachable);
        QVERIFY2(wrongName.message().contains(QStringLiteral("does not match host name")),
                 qPrintable(wrongName.message()));
        qInfo().noquote() << "TLS with another CA:" << bad.message();
        qInfo().noquote() << "TLS with a name not in the certificate:" << wrongName.message();
    }
};

QTEST_GUILESS_MAIN(TestReliability)
#include "tst_reliability.moc"
