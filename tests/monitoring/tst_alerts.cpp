// `connector-cache alerts` and the start-up figures of `stats` / `history`, run as the real
// executable on SQLite and PostgreSQL: listing rules with their states, setting and silencing
// (audited), the alert history, and a role without rights on the rule table refused as
// invalidation refuses it (PostgreSQL).

#include "app/cli/cli.h"
#include "app/cli/monitor.h"
#include "core/monitoring/alerts.h"
#include "core/store/cachestore.h"
#include "tests/support/clirun.h"
#include "tests/support/testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace cc;
using namespace cc::monitoring;
using namespace std::chrono_literals;

namespace {

// runCli with libpq's user and password for another role.
test::CliRun runAs(const QStringList &args, const QString &role)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("CONNECTOR_CACHE_DATABASE"));
    env.insert(QStringLiteral("PGUSER"), role);
    env.insert(QStringLiteral("PGPASSWORD"), QStringLiteral("pw"));
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("CC_BINARY_DIR") + QStringLiteral("/bin/connector-cache"), args);
    p.closeWriteChannel();
    test::CliRun r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QJsonValue parse(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

} // namespace

class TestAlerts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;

    test::CliRun cli(QStringList args)
    {
        args << QStringLiteral("--database") << m_db->url();
        return test::runCli(args);
    }
    QJsonObject rule(const QJsonArray &rules, const QString &name)
    {
        for (const QJsonValue &v : rules) {
            if (v.toObject().value(QStringLiteral("name")).toString() == name)
                return v.toObject();
        }
        return QJsonObject();
    }

private Q_SLOTS:
    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        const test::CliRun migrated = cli({QStringLiteral("migrate")});
        QVERIFY2(migrated.code == 0, qPrintable(migrated.err));
    }
    void cleanup() { m_db.reset(); }

    void listsTheSeededRulesWithTheirStates()
    {
        const test::CliRun r = cli({QStringLiteral("alerts"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonArray rules = parse(r.out).toArray();
        QCOMPARE(rules.size(), defaultRules().size());
        const QJsonObject low = rule(rules, QStringLiteral("hit_rate_low"));
        for (const char *key : {"name", "metric", "comparison", "threshold", "window", "pendingFor",
                                "severity", "state", "value", "since"})
            QVERIFY2(low.contains(QLatin1String(key)), key);
        QCOMPARE(low.value(QStringLiteral("metric")).toString(), QStringLiteral("hit_rate"));
        QCOMPARE(low.value(QStringLiteral("comparison")).toString(), QStringLiteral("below"));
        QCOMPARE(low.value(QStringLiteral("threshold")).toDouble(), 0.8);
        QCOMPARE(low.value(QStringLiteral("window")).toInt(), 900);
        QCOMPARE(low.value(QStringLiteral("state")).toString(), QStringLiteral("no data"));
        QVERIFY(low.value(QStringLiteral("value")).isNull());
        // No lookups on a fresh cache: connectors gone quiet, firing since now.
        const QJsonObject quiet = rule(rules, QStringLiteral("no_lookups"));
        QCOMPARE(quiet.value(QStringLiteral("state")).toString(), QStringLiteral("firing"));
        QCOMPARE(quiet.value(QStringLiteral("value")).toDouble(), 0.0);
        QVERIFY(!quiet.value(QStringLiteral("since")).toString().isEmpty());
        // The text form: one line per rule.
        const test::CliRun text = cli({QStringLiteral("alerts")});
        QCOMPARE(text.code, 0);
        QCOMPARE(text.out.count(QLatin1Char('\n')), defaultRules().size());
        QVERIFY(text.out.contains(QStringLiteral("no_lookups")));
    }

    void setSilenceDeleteAreAuditedAndHistoryRecorded()
    {
        test::CliRun r =
            cli({QStringLiteral("alerts"), QStringLiteral("set"), QStringLiteral("slow_starts"),
                 QStringLiteral("--metric"), QStringLiteral("init_p95_ms"),
                 QStringLiteral("--above"), QStringLiteral("300"), QStringLiteral("--window"),
                 QStringLiteral("10m"), QStringLiteral("--for"), QStringLiteral("2m"),
                 QStringLiteral("--severity"), QStringLiteral("critical")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // Changing one field keeps the others.
        r = cli({QStringLiteral("alerts"), QStringLiteral("set"), QStringLiteral("slow_starts"),
                 QStringLiteral("--above"), QStringLiteral("400")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // Bad input is a usage error (2), nothing written.
        QCOMPARE(cli({QStringLiteral("alerts"), QStringLiteral("set"), QStringLiteral("x"),
                      QStringLiteral("--metric"), QStringLiteral("hitrate"),
                      QStringLiteral("--below"), QStringLiteral("1")})
                     .code,
                 2);
        QCOMPARE(cli({QStringLiteral("alerts"), QStringLiteral("set"), QStringLiteral("new_one"),
                      QStringLiteral("--below"), QStringLiteral("1")})
                     .code,
                 2); // a new rule needs --metric
        QCOMPARE(cli({QStringLiteral("alerts"), QStringLiteral("silence"),
                      QStringLiteral("slow_starts"), QStringLiteral("--for"), QStringLiteral("2h")})
                     .code,
                 2); // a silence needs a reason
        r = cli({QStringLiteral("alerts"), QStringLiteral("silence"), QStringLiteral("slow_starts"),
                 QStringLiteral("--for"), QStringLiteral("2h"), QStringLiteral("--reason"),
                 QStringLiteral("deploy of v2")});
        QVERIFY2(r.code == 0, qPrintable(r.err));

        r = cli({QStringLiteral("alerts"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject slow = rule(parse(r.out).toArray(), QStringLiteral("slow_starts"));
        QCOMPARE(slow.value(QStringLiteral("metric")).toString(), QStringLiteral("init_p95_ms"));
        QCOMPARE(slow.value(QStringLiteral("threshold")).toDouble(), 400.0);
        QCOMPARE(slow.value(QStringLiteral("window")).toInt(), 600);
        QCOMPARE(slow.value(QStringLiteral("pendingFor")).toInt(), 120);
        QCOMPARE(slow.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
        QCOMPARE(slow.value(QStringLiteral("state")).toString(), QStringLiteral("no data"));
        QCOMPARE(slow.value(QStringLiteral("silences")).toArray().size(), 1);
        QCOMPARE(slow.value(QStringLiteral("silences"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("reason"))
                     .toString(),
                 QStringLiteral("deploy of v2"));

        // The audit log: two sets and the silence, with what was set.
        r = cli({QStringLiteral("audit"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        int sets = 0, silences = 0;
        for (const QJsonValue &v : parse(r.out).toArray()) {
            const QJsonObject o = v.toObject();
            const QString action = o.value(QStringLiteral("action")).toString();
            if (action == QLatin1String("alert-set")) {
                ++sets;
                QCOMPARE(o.value(QStringLiteral("outcome")).toString(), QStringLiteral("ok"));
                QVERIFY(o.value(QStringLiteral("filter"))
                            .toString()
                            .contains(QStringLiteral("slow_starts")));
            }
            if (action == QLatin1String("alert-silence")) {
                ++silences;
                QVERIFY(o.value(QStringLiteral("filter"))
                            .toString()
                            .contains(QStringLiteral("deploy of v2")));
            }
        }
        QCOMPARE(sets, 2);
        QCOMPARE(silences, 1);

        // The listings recorded state changes: no_lookups ok -> firing, once.
        r = cli({QStringLiteral("alerts"), QStringLiteral("history"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        int quiet = 0;
        for (const QJsonValue &v : parse(r.out).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("rule")).toString() == QLatin1String("no_lookups")) {
                ++quiet;
                QCOMPARE(o.value(QStringLiteral("from")).toString(), QStringLiteral("ok"));
                QCOMPARE(o.value(QStringLiteral("to")).toString(), QStringLiteral("firing"));
            }
        }
        QCOMPARE(quiet, 1);

        // Disable, delete; deleting again finds nothing (3).
        QCOMPARE(cli({QStringLiteral("alerts"), QStringLiteral("disable"),
                      QStringLiteral("slow_starts")})
                     .code,
                 0);
        QCOMPARE(
            cli({QStringLiteral("alerts"), QStringLiteral("delete"), QStringLiteral("slow_starts")})
                .code,
            0);
        QCOMPARE(
            cli({QStringLiteral("alerts"), QStringLiteral("delete"), QStringLiteral("slow_starts")})
                .code,
            3);
        // check uses the table's rules: the deleted one is unknown now.
        QCOMPARE(
            cli({QStringLiteral("check"), QStringLiteral("--rule"), QStringLiteral("slow_starts")})
                .code,
            3);
    }

    // A role that may read but not edit the rules: refused before anything is written, with
    // invalidation's exit code (7), and the refusal audited.
    void aRoleWithoutRightsIsRefused()
    {
        if (!m_db->isPostgres() || m_db->config().pooled)
            QSKIP("database roles: PostgreSQL, directly");
        const QString role =
            QStringLiteral("cc_alert_reader_%1").arg(QDateTime::currentMSecsSinceEpoch());
        QCOMPARE(m_db->exec(
                     QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD 'pw';\n"
                                    "GRANT SELECT ON connector_state_cache, connector_cache_meta, "
                                    "connector_cache_history, connector_cache_init_history, "
                                    "connector_cache_alert_rule, connector_cache_alert_silence, "
                                    "connector_cache_alert_event, connector_cache_audit TO %1;\n"
                                    "GRANT INSERT ON connector_cache_audit TO %1;\n"
                                    "GRANT USAGE ON SEQUENCE connector_cache_audit_id_seq TO %1")
                         .arg(role)),
                 QString());
        const QStringList database{QStringLiteral("--database"), m_db->url()};
        // Reading works (and the writes it would make are skipped).
        test::CliRun r =
            runAs(QStringList{QStringLiteral("alerts"), QStringLiteral("--json")} + database, role);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(parse(r.out).toArray().size(), defaultRules().size());
        // Invalidation's refusal, for comparison.
        const test::CliRun invalidate = runAs(
            QStringList{QStringLiteral("invalidate"), QStringLiteral("u"), QStringLiteral("c")} +
                database,
            role);
        QCOMPARE(invalidate.code, int(cli::ExitPermission));
        r = runAs(QStringList{QStringLiteral("alerts"), QStringLiteral("set"),
                              QStringLiteral("hit_rate_low"), QStringLiteral("--below"),
                              QStringLiteral("0.1")} +
                      database,
                  role);
        QCOMPARE(r.code, int(cli::ExitPermission));
        QVERIFY2(r.err.contains(QStringLiteral("may not edit alert rules")), qPrintable(r.err));
        r = runAs(QStringList{QStringLiteral("alerts"), QStringLiteral("silence"),
                              QStringLiteral("hit_rate_low"), QStringLiteral("--for"),
                              QStringLiteral("1h"), QStringLiteral("--reason"),
                              QStringLiteral("x")} +
                      database,
                  role);
        QCOMPARE(r.code, int(cli::ExitPermission));
        // Nothing changed.
        r = cli({QStringLiteral("alerts"), QStringLiteral("--json")});
        const QJsonObject low = rule(parse(r.out).toArray(), QStringLiteral("hit_rate_low"));
        QCOMPARE(low.value(QStringLiteral("threshold")).toDouble(), 0.8);
        QCOMPARE(low.value(QStringLiteral("silences")).toArray().size(), 0);
        // The refusals are in the audit log, with the role.
        r = cli({QStringLiteral("audit"), QStringLiteral("--json")});
        int refused = 0;
        for (const QJsonValue &v : parse(r.out).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("action")).toString().startsWith(QStringLiteral("alert-"))) {
                ++refused;
                QCOMPARE(o.value(QStringLiteral("dbRole")).toString(), role);
                QVERIFY(o.value(QStringLiteral("outcome"))
                            .toString()
                            .contains(QStringLiteral("may not edit alert rules")));
            }
        }
        QCOMPARE(refused, 2);
        m_db->exec(QStringLiteral("DROP OWNED BY %1; DROP ROLE %1").arg(role));
    }

    // The README's GRANTs (base and monitoring blocks, role names aside) allow what they say:
    // the admin edits rules and records state changes, the reader reads them and is refused
    // an edit, the connector records its start-ups.
    void theReadmeGrantsAllowWhatTheySay()
    {
        if (!m_db->isPostgres() || m_db->config().pooled)
            QSKIP("database roles: PostgreSQL, directly");
        const QString suffix = QString::number(QDateTime::currentMSecsSinceEpoch());
        const QString reader = QStringLiteral("cc_r_") + suffix;
        const QString admin = QStringLiteral("cc_a_") + suffix;
        const QString connector = QStringLiteral("cc_c_") + suffix;
        QCOMPARE(
            m_db->exec(
                QStringLiteral(
                    "CREATE ROLE %1 LOGIN PASSWORD 'pw';\n"
                    "GRANT SELECT ON connector_state_cache, connector_cache_meta, "
                    "connector_cache_history, connector_cache_audit TO %1;\n"
                    "CREATE ROLE %2 LOGIN PASSWORD 'pw';\n"
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON connector_state_cache, "
                    "connector_cache_history, connector_cache_lease TO %2;\n"
                    "GRANT SELECT ON connector_cache_meta TO %2;\n"
                    "GRANT SELECT, INSERT ON connector_cache_audit TO %2;\n"
                    "GRANT USAGE ON SEQUENCE connector_cache_audit_id_seq TO %2;\n"
                    "CREATE ROLE %3 LOGIN PASSWORD 'pw';\n"
                    "GRANT SELECT, INSERT, UPDATE ON connector_state_cache TO %3;\n"
                    "GRANT SELECT ON connector_cache_meta TO %3;\n"
                    "GRANT SELECT, INSERT, UPDATE ON connector_cache_history TO %3;\n"
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON connector_cache_lease TO %3;\n"
                    // The monitoring block.
                    "GRANT SELECT, INSERT, UPDATE ON connector_cache_init_history TO %3;\n"
                    "GRANT SELECT ON connector_cache_init_history, connector_cache_alert_rule, "
                    "connector_cache_alert_silence, connector_cache_alert_event TO %1;\n"
                    "GRANT SELECT, INSERT, UPDATE ON connector_cache_history, "
                    "connector_cache_init_history TO %2;\n"
                    "GRANT SELECT, INSERT ON connector_cache_alert_event TO %2;\n"
                    "GRANT USAGE ON SEQUENCE connector_cache_alert_event_id_seq TO %2;\n"
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON connector_cache_alert_rule, "
                    "connector_cache_alert_silence TO %2;\n"
                    "GRANT USAGE ON SEQUENCE connector_cache_alert_silence_id_seq TO %2")
                    .arg(reader, admin, connector)),
            QString());
        const QStringList database{QStringLiteral("--database"), m_db->url()};
        test::CliRun r = runAs(QStringList{QStringLiteral("alerts"), QStringLiteral("set"),
                                           QStringLiteral("hit_rate_low"),
                                           QStringLiteral("--below"), QStringLiteral("0.7")} +
                                   database,
                               admin);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = runAs(QStringList{QStringLiteral("alerts"), QStringLiteral("silence"),
                              QStringLiteral("no_lookups"), QStringLiteral("--for"),
                              QStringLiteral("1h"), QStringLiteral("--reason"),
                              QStringLiteral("quiet weekend")} +
                      database,
                  admin);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // check as the admin records the state changes.
        r = runAs(QStringList{QStringLiteral("check")} + database, admin);
        QVERIFY2(r.code == 0 || r.code == 1, qPrintable(r.out + r.err));
        CacheStore owner(m_db->config());
        QCOMPARE(owner.open(), StoreError());
        auto events = owner.alertEvents(QDateTime());
        QVERIFY(events.ok());
        QVERIFY(!events->isEmpty());
        // The reader reads all of it, and is refused an edit.
        r = runAs(QStringList{QStringLiteral("alerts"), QStringLiteral("--json")} + database,
                  reader);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(rule(parse(r.out).toArray(), QStringLiteral("hit_rate_low"))
                     .value(QStringLiteral("threshold"))
                     .toDouble(),
                 0.7);
        r = runAs(QStringList{QStringLiteral("alerts"), QStringLiteral("history")} + database,
                  reader);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = runAs(QStringList{QStringLiteral("alerts"), QStringLiteral("delete"),
                              QStringLiteral("hit_rate_low")} +
                      database,
                  reader);
        QCOMPARE(r.code, int(cli::ExitPermission));
        // The connector records a start-up.
        {
            DatabaseConfig config = m_db->config();
            config.user = connector;
            config.password = QStringLiteral("pw");
            config.host = qEnvironmentVariable("PGHOST");
            CacheStore store(config);
            QCOMPARE(store.open(), StoreError());
            store.recordInitialization(InitOutcome::Hit, 120);
            store.recordRejection();
            QCOMPARE(store.flushHistory(), StoreError());
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto minutes = owner.history(now.addSecs(-120), now, 1);
        QVERIFY(minutes.ok());
        qint64 hits = 0, rejections = 0;
        for (const HistoryBucket &b : minutes.value()) {
            hits += b.initTimes(InitOutcome::Hit).count;
            rejections += b.rejections;
        }
        QCOMPARE(hits, 1);
        QCOMPARE(rejections, 1);
        owner.close();
        for (const QString &role : {reader, admin, connector})
            m_db->exec(QStringLiteral("DROP OWNED BY %1; DROP ROLE %1").arg(role));
    }

    // stats and history --json: the start-up figures the issue names.
    // Issue 17: a 400 ms exchange step in the sync log makes a clock_steps rule set through
    // `alerts set` fire in `check --rule` and in the exporter, which also counts the events by
    // kind.
    void clockStepsThroughSetCheckAndTheExporter()
    {
        {
            CacheStore s(m_db->config());
            QCOMPARE(s.open(), StoreError());
            const qint64 end = QDateTime::currentMSecsSinceEpoch() - 10'000;
            for (int i = 0; i < 12; ++i) {
                SyncLogRecord r;
                r.atMs = end - qint64(11 - i) * 5 * 60'000;
                r.identity = QStringLiteral("u_c");
                r.baseUrl = QStringLiteral("https://api-testnet.bybit.com");
                r.offsetMs = -250 + (i >= 7 ? 400 : 0);
                r.errorBoundMs = 3;
                r.rttMs = 6;
                r.samples = 5;
                r.hostName = QStringLiteral("h1");
                r.bootId = QStringLiteral("b1");
                r.realtimeMinusBoottimeMs = 1.7e12;
                r.serverTimeMs = r.atMs + r.offsetMs;
                QCOMPARE(s.appendSyncLog(r), StoreError());
            }
        }
        test::CliRun r =
            cli({QStringLiteral("alerts"), QStringLiteral("set"), QStringLiteral("clock_step"),
                 QStringLiteral("--metric"), QStringLiteral("clock_steps"),
                 QStringLiteral("--above"), QStringLiteral("0"), QStringLiteral("--window"),
                 QStringLiteral("1h"), QStringLiteral("--severity"), QStringLiteral("critical")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({QStringLiteral("check"), QStringLiteral("--rule"), QStringLiteral("clock_step")});
        QVERIFY2(r.code == 2, qPrintable(r.out + r.err)); // CRITICAL
        QVERIFY2(r.out.contains(QStringLiteral("clock_steps=1")), qPrintable(r.out));
        r = cli({QStringLiteral("alerts"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject step = rule(parse(r.out).toArray(), QStringLiteral("clock_step"));
        QCOMPARE(step.value(QStringLiteral("state")).toString(), QStringLiteral("firing"));

        CacheStore store(m_db->config());
        AlertEvaluator evaluator(store.clock());
        qint64 errors = 0;
        const QByteArray text = cc::cli::scrapeMetrics(store, evaluator, &errors);
        QCOMPARE(errors, 0);
        QVERIFY2(
            text.contains("connector_cache_clock_events{kind=\"exchange-step\",window=\"1h\"} 1\n"),
            text.constData());
        QVERIFY2(
            text.contains("connector_cache_clock_events{kind=\"host-step\",window=\"1h\"} 0\n"),
            text.constData());
        QVERIFY2(text.contains(
                     "connector_cache_alert_firing{rule=\"clock_step\",severity=\"critical\"} 1\n"),
                 text.constData());
    }

    void statsAndHistoryCarryTheStartupFigures()
    {
        {
            CacheStore store(m_db->config());
            QCOMPARE(store.open(), StoreError());
            for (int i = 0; i < 10; ++i)
                store.recordInitialization(InitOutcome::Hit, 200);
            store.recordInitialization(InitOutcome::MissSynced, 1700);
            store.recordRejection();
            QCOMPARE(store.flushHistory(), StoreError());
        }
        test::CliRun r = cli({QStringLiteral("stats"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject stats = parse(r.out).toObject();
        for (const char *key : {"initHitP50Ms", "initHitP95Ms", "initMissP50Ms", "initMissP95Ms",
                                "expiredPerHour", "sizeBytes"})
            QVERIFY2(stats.contains(QLatin1String(key)), key);
        // 10 hits in (100, 250]: p50 at rank 5 is 100 + 150 * 5/10.
        QCOMPARE(stats.value(QStringLiteral("initHitP50Ms")).toDouble(), 175.0);
        QCOMPARE(stats.value(QStringLiteral("initMissP50Ms")).toDouble(), 1000.0 + 1500.0 * 0.5);
        QCOMPARE(stats.value(QStringLiteral("rejections")).toInt(), 1);
        QCOMPARE(stats.value(QStringLiteral("total")).toInt(), 0); // the old keys stay

        r = cli({QStringLiteral("history"), QStringLiteral("--json"), QStringLiteral("--since"),
                 QStringLiteral("5m")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonArray buckets = parse(r.out).toArray();
        QVERIFY(!buckets.isEmpty());
        int starts = 0;
        for (const QJsonValue &v : buckets) {
            const QJsonObject b = v.toObject();
            for (const char *key : {"initHitP50Ms", "initHitP95Ms", "initMissP50Ms",
                                    "initMissP95Ms", "expiredPerHour", "sizeBytes", "hits"})
                QVERIFY2(b.contains(QLatin1String(key)), key);
            starts += b.value(QStringLiteral("initCount"))
                          .toObject()
                          .value(QStringLiteral("hit"))
                          .toInt();
        }
        QCOMPARE(starts, 10);
    }
};

QTEST_GUILESS_MAIN(TestAlerts)
#include "tst_alerts.moc"
