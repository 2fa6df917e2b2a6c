// The cache-health metrics and the alert evaluator, over a history recorded through the store
// with a fake clock, on SQLite and a real PostgreSQL (CC_TEST_BACKEND).

#include "core/monitoring/alerts.h"
#include "core/monitoring/metrics.h"
#include "core/store/cachestore.h"
#include "tests/support/testdatabase.h"

#include <QLoggingCategory>
#include <QTest>

using namespace cc;
using namespace cc::monitoring;
using namespace std::chrono_literals;

namespace {

// 2025-06-15 12:05:00 UTC, a minute boundary.
constexpr qint64 kStart = 1749989100000;
constexpr qint64 kMinute = 60000;

AlertRule makeRule(const char *name, const char *metric, Comparison comparison, double threshold,
                   std::chrono::seconds window, std::chrono::seconds pendingFor = 0s)
{
    AlertRule r;
    r.name = QLatin1String(name);
    r.metric = QLatin1String(metric);
    r.comparison = comparison;
    r.threshold = threshold;
    r.window = window;
    r.pendingFor = pendingFor;
    return r;
}

const RuleStatus *find(const QList<RuleStatus> &list, const char *name)
{
    for (const RuleStatus &s : list) {
        if (s.rule.name == QLatin1String(name))
            return &s;
    }
    return nullptr;
}

TimeSyncState synced()
{
    TimeSyncState s;
    s.timeOffsetMs = 12;
    return s;
}

} // namespace

class TestMonitoring : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    ManualClock m_clock{kStart};
    std::unique_ptr<CacheStore> m_store;

    // In the current minute: `hits` lookups of a valid entry and `misses` of a missing one,
    // written to the history at once.
    void lookups(int hits, int misses)
    {
        for (int i = 0; i < hits; ++i)
            QVERIFY(m_store->get(QStringLiteral("u"), QStringLiteral("c")).isHit());
        for (int i = 0; i < misses; ++i)
            QCOMPARE(m_store->get(QStringLiteral("u"), QStringLiteral("gone")).outcome,
                     Lookup::Outcome::Miss);
        QCOMPARE(m_store->flushHistory(), StoreError());
    }
    // `minutes` minutes of lookups, ending with the clock 30 s into the last of them.
    void record(int minutes, int hits, int misses)
    {
        for (int m = 0; m < minutes; ++m) {
            if (m > 0)
                m_clock.advanceMs(kMinute);
            lookups(hits, misses);
        }
    }
    QList<RuleStatus> evaluate(AlertEvaluator &evaluator, const QList<AlertRule> &rules)
    {
        auto result = evaluator.evaluate(*m_store, rules);
        if (!result.ok())
            qWarning("%s", qPrintable(result.error().message()));
        return result.ok() ? result.value() : QList<RuleStatus>();
    }
    QList<RuleStatus> evaluate(const QList<AlertRule> &rules)
    {
        AlertEvaluator evaluator(&m_clock);
        return evaluate(evaluator, rules);
    }

private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("cc.*.info=false")); }
    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        m_clock.setMs(kStart + 30000);
        CacheStore::Options options;
        options.historyFlushInterval = 1h; // only the explicit flushes
        m_store = std::make_unique<CacheStore>(m_db->config(), options, &m_clock);
        auto report = m_store->migrate();
        QVERIFY2(report.ok(), qPrintable(report.error().message()));
        QCOMPARE(m_store->set(QStringLiteral("u"), QStringLiteral("c"), QStringLiteral("BYBIT"),
                              QStringLiteral("MAINNET"), synced(), 24h),
                 StoreError());
    }
    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void metricNamesAreTheIssues()
    {
        for (const char *name : {"hit_rate", "misses_per_minute", "lookups", "expiring_5m_share",
                                 "expired_per_hour", "entries", "init_p95_ms", "rejections"}) {
            QVERIFY2(isKnownMetric(QLatin1String(name)), name);
            QVERIFY(!metricDescription(QLatin1String(name)).isEmpty());
        }
        QVERIFY(!isKnownMetric(QStringLiteral("hitrate")));
        for (const AlertRule &r : defaultRules())
            QVERIFY2(isKnownMetric(r.metric), qPrintable(r.metric));
    }

    void defaultsAreTheSeeds()
    {
        const QList<AlertRule> rules = defaultRules();
        QSet<QString> names;
        for (const AlertRule &r : rules)
            names.insert(r.name);
        QCOMPARE(names.size(), rules.size());
        const AlertRule low = rules.at(0);
        QCOMPARE(low.metric, QStringLiteral("hit_rate"));
        QCOMPARE(low.comparison, Comparison::Below);
        QCOMPARE(low.threshold, 0.8);
        QCOMPARE(low.window, std::chrono::seconds(15min));
        QCOMPARE(low.severity, Severity::Warning);
        const AlertRule critical = rules.at(1);
        QCOMPARE(critical.threshold, 0.5);
        QCOMPARE(critical.severity, Severity::Critical);
        QCOMPARE(rules.at(2).metric, QStringLiteral("init_p95_ms"));
        QCOMPARE(rules.at(2).threshold, 500.0);
        bool quiet = false;
        for (const AlertRule &r : rules) {
            if (r.metric == QLatin1String("lookups")) {
                quiet = true;
                QCOMPARE(r.window, std::chrono::seconds(30min));
                QVERIFY(r.breaches(0) && !r.breaches(1));
            }
        }
        QVERIFY(quiet);
    }

    // The seed's rules over twenty minutes at 90 %, then at 70 %, then at 30 %.
    void defaultRulesOverRecordedHistory()
    {
        record(20, 9, 1);
        QList<RuleStatus> s = evaluate(defaultRules());
        QCOMPARE(s.size(), defaultRules().size());
        QCOMPARE(find(s, "hit_rate_low")->state, AlertState::Ok);
        QCOMPARE(find(s, "hit_rate_low")->value.value, 0.9);
        QCOMPARE(find(s, "hit_rate_critical")->state, AlertState::Ok);
        QCOMPARE(find(s, "no_lookups")->state, AlertState::Ok);
        QCOMPARE(find(s, "no_lookups")->value.value, 200.0); // 30-minute window, 20 recorded
        QCOMPARE(find(s, "misses_high")->state, AlertState::Ok);
        QCOMPARE(find(s, "misses_high")->value.value, 1.0);
        QCOMPARE(find(s, "expiring_soon")->state, AlertState::Ok); // one entry, a day to live
        QCOMPARE(find(s, "init_p95_high")->state, AlertState::NoData);
        QCOMPARE(find(s, "timestamp_rejections")->state, AlertState::NoData);
        for (const RuleStatus &r : s)
            QVERIFY(!r.isAlerting());

        m_clock.advanceMs(kMinute);
        record(20, 7, 3);
        s = evaluate(defaultRules());
        QCOMPARE(find(s, "hit_rate_low")->state, AlertState::Firing);
        QCOMPARE(find(s, "hit_rate_low")->value.value, 0.7);
        QVERIFY(find(s, "hit_rate_low")->isAlerting());
        QCOMPARE(find(s, "hit_rate_critical")->state, AlertState::Ok);

        m_clock.advanceMs(kMinute);
        record(20, 3, 7);
        s = evaluate(defaultRules());
        QCOMPARE(find(s, "hit_rate_low")->state, AlertState::Firing);
        QCOMPARE(find(s, "hit_rate_critical")->state, AlertState::Firing);
        QCOMPARE(find(s, "hit_rate_critical")->value.value, 0.3);
        QCOMPARE(find(s, "hit_rate_critical")->rule.severity, Severity::Critical);
    }

    // Pending until the condition has held for the rule's period, judged from the history.
    void pendingThenFiringThenOk()
    {
        const QList<AlertRule> rules{
            makeRule("low", metric::kHitRate, Comparison::Below, 0.8, 1min, 3min)};
        record(5, 9, 1);
        QCOMPARE(evaluate(rules).at(0).state, AlertState::Ok);
        const qint64 badFrom = (m_clock.nowMs() / kMinute + 1) * kMinute;
        for (int minute = 1; minute <= 4; ++minute) {
            m_clock.advanceMs(kMinute);
            lookups(3, 7);
            const RuleStatus s = evaluate(rules).at(0);
            QCOMPARE(s.value.value, 0.3);
            QCOMPARE(s.since.toMSecsSinceEpoch(), badFrom);
            // 30 s, 1 min 30 s, 2 min 30 s: pending; 3 min 30 s: firing.
            QCOMPARE(s.state, minute < 4 ? AlertState::Pending : AlertState::Firing);
            QCOMPARE(s.isAlerting(), minute == 4);
        }
        m_clock.advanceMs(kMinute);
        lookups(9, 1);
        const RuleStatus s = evaluate(rules).at(0);
        QCOMPARE(s.state, AlertState::Ok);
        QVERIFY(!s.since.isValid());
    }

    void missesPerMinuteAbove()
    {
        const QList<AlertRule> rules{
            makeRule("misses", metric::kMissesPerMinute, Comparison::Above, 5, 5min, 2min)};
        record(5, 1, 4);
        RuleStatus s = evaluate(rules).at(0);
        QCOMPARE(s.state, AlertState::Ok);
        QCOMPARE(s.value.value, 4.0);
        m_clock.advanceMs(kMinute);
        record(5, 0, 12); // windows of 5 min: 4*4+12 = 28 (5.6/min) from the first minute
        s = evaluate(rules).at(0);
        QCOMPARE(s.value.value, 12.0);
        QCOMPARE(s.state, AlertState::Firing);
        QCOMPARE(s.since.toMSecsSinceEpoch(), (m_clock.nowMs() / kMinute - 4) * kMinute);
    }

    // No lookups at all for 30 minutes: connectors gone quiet.
    void noLookupsFiresAfterSilenceOfConnectors()
    {
        const QList<AlertRule> rules = defaultRules();
        QList<RuleStatus> s = evaluate(rules);
        QCOMPARE(find(s, "no_lookups")->state, AlertState::Firing); // a fresh cache
        QCOMPARE(find(s, "no_lookups")->value.value, 0.0);
        QCOMPARE(find(s, "hit_rate_low")->state, AlertState::NoData); // no lookups, no rate
        QCOMPARE(find(s, "misses_high")->state, AlertState::Ok);

        lookups(1, 0);
        s = evaluate(rules);
        QCOMPARE(find(s, "no_lookups")->state, AlertState::Ok);
        QCOMPARE(find(s, "hit_rate_low")->state, AlertState::Ok); // 100 % is not below 80 %
        // Thirty minutes without a lookup: quiet again.
        m_clock.advanceMs(30 * kMinute);
        QCOMPARE(find(evaluate(rules), "no_lookups")->state, AlertState::Firing);
    }

    void metricsWithoutRecordsHaveNoData()
    {
        record(3, 5, 5);
        const QList<AlertRule> rules{
            makeRule("p95", metric::kInitP95Ms, Comparison::Above, 500, 15min),
            makeRule("rejections", metric::kRejections, Comparison::Above, 0, 5min),
            makeRule("rate", metric::kHitRate, Comparison::Below, 0.8, 1min)};
        QList<RuleStatus> s = evaluate(rules);
        QCOMPARE(s.at(0).state, AlertState::NoData);
        QCOMPARE(s.at(1).state, AlertState::NoData);
        QCOMPARE(s.at(2).state, AlertState::Firing);
        // A minute without lookups: a rate of nothing is no data, not 0 %.
        m_clock.advanceMs(kMinute);
        s = evaluate(rules);
        QCOMPARE(s.at(2).state, AlertState::NoData);
        QVERIFY(!s.at(2).value.hasData);
        QVERIFY(!s.at(2).isAlerting());
    }

    // Snapshot metrics: expiring share, expired per hour, entries. Their pending period is
    // remembered by the evaluator across evaluations.
    void snapshotMetrics()
    {
        for (int i = 0; i < 3; ++i)
            QCOMPARE(m_store->set(QStringLiteral("soon"), QStringLiteral("c%1").arg(i),
                                  QStringLiteral("BYBIT"), QStringLiteral("TESTNET"), synced(),
                                  4min),
                     StoreError());
        // Four valid entries, three of them expiring within 5 minutes.
        QList<RuleStatus> s = evaluate(defaultRules());
        QCOMPARE(find(s, "expiring_soon")->value.value, 0.75);
        QCOMPARE(find(s, "expiring_soon")->state, AlertState::Firing);

        const QList<AlertRule> rules{
            makeRule("share", metric::kExpiring5mShare, Comparison::Above, 0.5, 5min, 2min),
            makeRule("expired", metric::kExpiredPerHour, Comparison::Above, 2, 60min),
            makeRule("entries", metric::kEntries, Comparison::Above, 3, 5min)};
        AlertEvaluator evaluator(&m_clock);
        s = evaluate(evaluator, rules);
        QCOMPARE(s.at(0).state, AlertState::Pending);
        QCOMPARE(s.at(1).state, AlertState::Ok);
        QCOMPARE(s.at(1).value.value, 0.0);
        QCOMPARE(s.at(2).state, AlertState::Firing);
        QCOMPARE(s.at(2).value.value, 4.0);
        m_clock.advanceMs(2 * kMinute);
        s = evaluate(evaluator, rules);
        QCOMPARE(s.at(0).state, AlertState::Firing); // held 2 min in this evaluator
        QCOMPARE(s.at(0).since.toMSecsSinceEpoch(), m_clock.nowMs() - 2 * kMinute);
        QCOMPARE(evaluate(rules).at(0).state, AlertState::Pending); // a new one starts over

        // The three expire unrenewed: the expiration rate.
        m_clock.advanceMs(3 * kMinute);
        s = evaluate(evaluator, rules);
        QCOMPARE(s.at(1).value.value, 3.0);
        QCOMPARE(s.at(1).state, AlertState::Firing);
        QCOMPARE(s.at(0).state, AlertState::Ok); // no valid entry expires soon now
        // One renewed is no longer expired; an hour later none expired within the hour.
        QCOMPARE(m_store->set(QStringLiteral("soon"), QStringLiteral("c0"), QStringLiteral("BYBIT"),
                              QStringLiteral("TESTNET"), synced(), 4min),
                 StoreError());
        QCOMPARE(evaluate(evaluator, rules).at(1).value.value, 2.0);
        m_clock.advanceMs(61 * kMinute);
        s = evaluate(evaluator, rules);
        QCOMPARE(s.at(1).value.value, 1.0); // c0 expired again, 57 minutes ago
        QCOMPARE(s.at(1).state, AlertState::Ok);
    }

    void silencesExpire()
    {
        AlertRule quiet = makeRule("quiet", metric::kLookups, Comparison::Below, 1, 30min);
        quiet.silences << Silence{m_clock.now().addSecs(-60), QStringLiteral("over already")}
                       << Silence{m_clock.now().addSecs(600), QStringLiteral("maintenance")};
        AlertRule disabled = quiet;
        disabled.name = QStringLiteral("disabled");
        disabled.enabled = false;
        disabled.silences.clear();
        const QList<AlertRule> rules{quiet, disabled};
        QList<RuleStatus> s = evaluate(rules);
        QCOMPARE(s.at(0).state, AlertState::Firing);
        QVERIFY(s.at(0).silenced);
        QCOMPARE(s.at(0).silence.reason, QStringLiteral("maintenance"));
        QVERIFY(!s.at(0).isAlerting());
        QVERIFY(!s.at(1).isAlerting());
        QVERIFY(s.at(1).state != AlertState::Firing);
        m_clock.advanceMs(9 * kMinute);
        QVERIFY(evaluate(rules).at(0).silenced);
        m_clock.advanceMs(2 * kMinute); // the silence has ended
        s = evaluate(rules);
        QCOMPARE(s.at(0).state, AlertState::Firing);
        QVERIFY(!s.at(0).silenced);
        QVERIFY(s.at(0).isAlerting());
    }

    // The demo's week of history evaluates like any other: the rate is the history's.
    void demoHistory()
    {
        QVERIFY(m_store->fillDemo(300, 5).ok());
        const QList<RuleStatus> s = evaluate(defaultRules());
        const RuleStatus *low = find(s, "hit_rate_low");
        QVERIFY(low->value.hasData);
        auto minutes = m_store->history(m_clock.now().addSecs(-14 * 60), m_clock.now(), 1);
        QVERIFY(minutes.ok());
        qint64 hits = 0, all = 0;
        for (const HistoryBucket &b : minutes.value()) {
            hits += b.hits;
            all += b.hits + b.misses;
        }
        QVERIFY(all > 0);
        QCOMPARE(low->value.value, double(hits) / double(all));
        QCOMPARE(find(s, "no_lookups")->state, AlertState::Ok);
    }
};

QTEST_GUILESS_MAIN(TestMonitoring)
#include "tst_monitoring.moc"
