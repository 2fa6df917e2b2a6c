// `connector-cache check`, the monitoring plugin, run as the real executable: every exit code
// (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN), the status line and its performance data, over a
// history recorded through the store, on SQLite and PostgreSQL.

#include "app/cli/monitor.h"
#include "core/store/cachestore.h"
#include "tests/support/clirun.h"
#include "tests/support/testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QTest>

using namespace cc;
using namespace std::chrono_literals;

namespace {

constexpr qint64 kMinute = 60000;

struct Run : test::CliRun
{
    QString statusLine() const { return out.section(QLatin1Char('\n'), 0, 0); }
};

} // namespace

class TestCheck : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;

    Run check(QStringList args, const QString &database = QString(),
              const QString &command = QStringLiteral("check"))
    {
        args.prepend(command);
        args << QStringLiteral("--database") << (database.isEmpty() ? m_db->url() : database);
        Run r;
        static_cast<test::CliRun &>(r) = test::runCli(args);
        return r;
    }

    // Twenty minutes of lookups up to now, `hits` and `misses` a minute, through the store.
    void record(int hits, int misses)
    {
        const qint64 now = Clock::system()->nowMs();
        ManualClock clock(now - 19 * kMinute);
        CacheStore::Options options;
        options.historyFlushInterval = 1h;
        CacheStore store(m_db->config(), options, &clock);
        auto report = store.migrate();
        QVERIFY2(report.ok(), qPrintable(report.error().message()));
        TimeSyncState state;
        state.timeOffsetMs = 3;
        QCOMPARE(store.set(QStringLiteral("u"), QStringLiteral("c"), QStringLiteral("BYBIT"),
                           QStringLiteral("MAINNET"), state, 24h),
                 StoreError());
        for (int minute = 0; minute < 20; ++minute) {
            for (int i = 0; i < hits; ++i)
                QVERIFY(store.get(QStringLiteral("u"), QStringLiteral("c")).isHit());
            for (int i = 0; i < misses; ++i)
                QVERIFY(!store.get(QStringLiteral("u"), QStringLiteral("gone")).isHit());
            QCOMPARE(store.flushHistory(), StoreError());
            clock.advanceMs(kMinute);
        }
    }

private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("cc.*.info=false")); }
    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
    }
    void cleanup() { m_db.reset(); }

    void okWhenHealthy()
    {
        record(9, 1);
        const Run r = check({});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.statusLine().startsWith(QStringLiteral("CONNECTOR-CACHE OK - ")),
                 qPrintable(r.out));
        // Performance data: name=value;warn;crit, Nagios ranges ("0.8:" alerts below 0.8).
        const QString perf = r.statusLine().section(QStringLiteral(" | "), 1);
        QVERIFY2(perf.contains(QStringLiteral("hit_rate=0.9;0.8:;0.5:")), qPrintable(perf));
        QVERIFY2(perf.contains(QStringLiteral("init_p95_ms=U;500")), qPrintable(perf));
        QVERIFY2(perf.contains(QStringLiteral("lookups=200;1:")), qPrintable(perf));
        QVERIFY2(r.statusLine().contains(QStringLiteral("no data: init_p95_high")),
                 qPrintable(r.out));
        // One line per rule after the status line.
        QVERIFY2(r.out.contains(QStringLiteral("\nhit_rate_low: ok, hit_rate 0.9 (below 0.8 over "
                                               "15m for 5m, warning)")),
                 qPrintable(r.out));

        const Run one = check({QStringLiteral("--rule"), QStringLiteral("hit_rate_critical")});
        QCOMPARE(one.code, 0);
        QVERIFY2(one.statusLine().startsWith(QStringLiteral("CONNECTOR-CACHE OK - 1 of 1 rules")),
                 qPrintable(one.out));
    }

    void warningOnALowHitRate()
    {
        record(7, 3);
        const Run r = check({});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.statusLine().startsWith(
                     QStringLiteral("CONNECTOR-CACHE WARNING - hit_rate_low 0.7 below 0.8")),
                 qPrintable(r.out));
        QVERIFY2(r.statusLine().contains(QStringLiteral("hit_rate=0.7;0.8:;0.5:")),
                 qPrintable(r.out));
    }

    void criticalOnAVeryLowHitRate()
    {
        record(3, 7);
        Run r = check({});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.statusLine().startsWith(QStringLiteral("CONNECTOR-CACHE CRITICAL - ")),
                 qPrintable(r.out));
        QVERIFY2(r.statusLine().contains(QStringLiteral("hit_rate_critical 0.3 below 0.5")),
                 qPrintable(r.out));
        // --json: the rules with their states, for scripts.
        r = check({QStringLiteral("--json")});
        QCOMPARE(r.code, 2);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("CRITICAL"));
        bool seen = false;
        for (const QJsonValue &v : o.value(QStringLiteral("rules")).toArray()) {
            const QJsonObject rule = v.toObject();
            if (rule.value(QStringLiteral("name")).toString() != QLatin1String("hit_rate_critical"))
                continue;
            seen = true;
            QCOMPARE(rule.value(QStringLiteral("state")).toString(), QStringLiteral("firing"));
            QCOMPARE(rule.value(QStringLiteral("metric")).toString(), QStringLiteral("hit_rate"));
            QCOMPARE(rule.value(QStringLiteral("comparison")).toString(), QStringLiteral("below"));
            QCOMPARE(rule.value(QStringLiteral("threshold")).toDouble(), 0.5);
            QCOMPARE(rule.value(QStringLiteral("window")).toInt(), 900);
            QCOMPARE(rule.value(QStringLiteral("pendingFor")).toInt(), 300);
            QCOMPARE(rule.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
            QCOMPARE(rule.value(QStringLiteral("value")).toDouble(), 0.3);
            QVERIFY(rule.value(QStringLiteral("since")).isString());
        }
        QVERIFY(seen);
    }

    // A fresh cache: no lookups for 30 minutes is the connectors gone quiet.
    void warningWhenConnectorsAreQuiet()
    {
        CacheStore store(m_db->config());
        QVERIFY(store.migrate().ok());
        const Run r = check({});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.statusLine().contains(QStringLiteral("no_lookups 0 below 1")),
                 qPrintable(r.out));
    }

    void unknownWhenNothingCanBeSaid()
    {
        // An unreachable database.
        Run r = check({QStringLiteral("--timeout"), QStringLiteral("1000")},
                      QStringLiteral("postgresql://127.0.0.1:1/none?connect_timeout=1"));
        QCOMPARE(r.code, 3);
        QVERIFY2(r.statusLine().startsWith(QStringLiteral("CONNECTOR-CACHE UNKNOWN - ")),
                 qPrintable(r.out + r.err));
        // No schema yet.
        r = check({});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.statusLine().contains(QStringLiteral("migrate")), qPrintable(r.out));
        record(9, 1);
        // A rule that does not exist, and one without data.
        r = check({QStringLiteral("--rule"), QStringLiteral("nosuch")});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.statusLine().contains(QStringLiteral("no rule 'nosuch'")), qPrintable(r.out));
        r = check({QStringLiteral("--rule"), QStringLiteral("init_p95_high")});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.statusLine().startsWith(QStringLiteral("CONNECTOR-CACHE UNKNOWN - "
                                                          "init_p95_high: no data")),
                 qPrintable(r.out));
        // A bad command line is UNKNOWN too, never CRITICAL (2).
        r = check({QStringLiteral("extra")});
        QCOMPARE(r.code, 3);
        r = check({QStringLiteral("--window"), QStringLiteral("5m")});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(QStringLiteral("does not take --window")), qPrintable(r.err));
    }

    // The exporter binds loopback unless another address is written out as an IP literal.
    void exporterListenAddresses()
    {
        QHostAddress address;
        quint16 port = 0;
        QString error;
        for (const char *text : {"9187", ":9187", "localhost:9187", "127.0.0.1:9187"}) {
            QVERIFY2(cli::parseListenAddress(QLatin1String(text), &address, &port, &error), text);
            QCOMPARE(address, QHostAddress(QHostAddress::LocalHost));
            QCOMPARE(port, quint16(9187));
        }
        QVERIFY(cli::parseListenAddress(QStringLiteral("[::1]:0"), &address, &port, &error));
        QVERIFY(address.isLoopback());
        QVERIFY(cli::parseListenAddress(QStringLiteral("0.0.0.0:9187"), &address, &port, &error));
        QCOMPARE(address, QHostAddress(QStringLiteral("0.0.0.0")));
        QVERIFY(cli::parseListenAddress(QStringLiteral("10.1.2.3:80"), &address, &port, &error));
        QVERIFY(!address.isLoopback());
        for (const char *text : {"example.com:9187", "::1:9187", "127.0.0.1:65536",
                                 "127.0.0.1:", "127.0.0.1:http", ""}) {
            error.clear();
            QVERIFY2(!cli::parseListenAddress(QLatin1String(text), &address, &port, &error), text);
            QVERIFY2(!error.isEmpty(), text);
        }
        // The real executable refuses a host name before serving anything.
        const Run r = check({QStringLiteral("--listen"), QStringLiteral("example.com:9187")},
                            QString(), QStringLiteral("exporter"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("not the host name 'example.com'")),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCheck)
#include "tst_check.moc"
