// The cache-health metrics and the alert evaluator, over a history recorded through the store
// with a fake clock, on SQLite and a real PostgreSQL (CC_TEST_BACKEND).

#include "core/monitoring/alerts.h"
#include "core/monitoring/metrics.h"
#include "core/store/cachestore.h"
#include "core/timesync/hostclock.h"
#include "tests/support/testdatabase.h"

#include <QLoggingCategory>
#include <QTest>

#include <cmath>

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
        QCOMPARE(find(s, "expiring_soon")->state, AlertState::Ok);     // one entry, a day to live
        QCOMPARE(find(s, "init_p95_high")->state, AlertState::NoData); // no start-up recorded
        QCOMPARE(find(s, "timestamp_rejections")->state, AlertState::Ok);
        QCOMPARE(find(s, "timestamp_rejections")->value.value, 0.0);
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
        QCOMPARE(s.at(0).state, AlertState::NoData); // no start-up: no percentile
        QCOMPARE(s.at(1).state, AlertState::Ok);     // no rejection in a recorded window: 0
        QCOMPARE(s.at(1).value.value, 0.0);
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
        QCOMPARE(s.at(1).state, AlertState::NoData); // nobody has sampled the table yet
        QCOMPARE(s.at(2).state, AlertState::Firing);
        QCOMPARE(s.at(2).value.value, 4.0);
        // The front ends' sample: at most once a minute.
        QCOMPARE(m_store->sampleTableHealth().value(), true);
        QCOMPARE(m_store->sampleTableHealth().value(), false);
        {
            CacheStore other(m_db->config(), CacheStore::Options(), &m_clock);
            QCOMPARE(other.open(), StoreError());
            QCOMPARE(other.sampleTableHealth().value(), false); // sampled by another process
        }
        s = evaluate(evaluator, rules);
        QCOMPARE(s.at(1).state, AlertState::Ok);
        QCOMPARE(s.at(1).value.value, 0.0);
        auto now = m_store->history(m_clock.now(), m_clock.now(), 1);
        QVERIFY(now.ok());
        QCOMPARE(now->constFirst().entries, 4);
        if (m_db->isPostgres())
            QVERIFY(now->constFirst().sizeBytes > 8192);
        else
            QCOMPARE(now->constFirst().sizeBytes, -1);
        m_clock.advanceMs(2 * kMinute);
        s = evaluate(evaluator, rules);
        QCOMPARE(s.at(0).state, AlertState::Firing); // held 2 min in this evaluator
        QCOMPARE(s.at(0).since.toMSecsSinceEpoch(), m_clock.nowMs() - 2 * kMinute);
        QCOMPARE(evaluate(rules).at(0).state, AlertState::Pending); // a new one starts over

        // The three expire unrenewed (at 4 min 30 s): the expiration rate, once sampled.
        m_clock.advanceMs(3 * kMinute);
        QCOMPARE(m_store->sampleTableHealth().value(), true);
        s = evaluate(evaluator, rules);
        QCOMPARE(s.at(1).value.value, 3.0);
        QCOMPARE(s.at(1).state, AlertState::Firing);
        QCOMPARE(s.at(0).state, AlertState::Ok); // no valid entry expires soon now
        // One renewed now still expired unrenewed for a minute: it keeps counting; a cleanup
        // deleting the others takes nothing back either.
        QCOMPARE(m_store->set(QStringLiteral("soon"), QStringLiteral("c0"), QStringLiteral("BYBIT"),
                              QStringLiteral("TESTNET"), synced(), 4min),
                 StoreError());
        m_clock.advanceMs(kMinute);
        QCOMPARE(m_store->cleanupExpired().value(), 2); // samples first
        QCOMPARE(evaluate(evaluator, rules).at(1).value.value, 3.0);
        // An hour later the window holds c0's own expiry (at 9 min 30 s) alone.
        m_clock.advanceMs(61 * kMinute);
        QCOMPARE(m_store->sampleTableHealth().value(), true);
        s = evaluate(evaluator, rules);
        QCOMPARE(s.at(1).value.value, 1.0);
        QCOMPARE(s.at(1).state, AlertState::Ok);
        // Per bucket of the history too, by the minute the entries expired in.
        auto minutes =
            m_store->history(QDateTime::fromMSecsSinceEpoch(kStart, Qt::UTC), m_clock.now(), 1);
        QVERIFY(minutes.ok());
        QCOMPARE(minutes->at(4).expired, 3);
        QCOMPARE(minutes->at(9).expired, 1); // c0 expired again at 9 min 30 s
        QCOMPARE(expiredPerHour(minutes.value()).hasData, true);
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

    // Start-ups: count, sum and fixed buckets per outcome, through the store's buffer into the
    // history; the percentiles interpolated in their bucket.
    void initTimesAndRejections()
    {
        for (int i = 0; i < 19; ++i)
            m_store->recordInitialization(InitOutcome::Hit, 30);
        m_store->recordInitialization(InitOutcome::Hit, 3000);
        for (int i = 0; i < 10; ++i)
            m_store->recordInitialization(InitOutcome::MissSynced, 1700);
        m_store->recordInitialization(InitOutcome::StaleSafe, 7000);
        m_store->recordInitialization(InitOutcome::Failed, 25);
        m_store->recordRejection();
        m_store->recordRejection();
        // Buffered: nothing written before the flush.
        {
            CacheStore other(m_db->config(), CacheStore::Options(), &m_clock);
            QCOMPARE(other.open(), StoreError());
            auto before = other.history(m_clock.now(), m_clock.now(), 1);
            QVERIFY(before.ok());
            QCOMPARE(before->constFirst().initTimes(InitOutcome::Hit).count, 0);
        }
        QCOMPARE(m_store->flushHistory(), StoreError());
        // Another process adds to the same minute's rows.
        {
            CacheStore other(m_db->config(), CacheStore::Options(), &m_clock);
            QCOMPARE(other.open(), StoreError());
            other.recordInitialization(InitOutcome::Hit, 30);
            other.recordRejection();
        } // flushed on destruction
        auto minutes = m_store->history(m_clock.now().addSecs(-60), m_clock.now(), 1);
        QVERIFY2(minutes.ok(), qPrintable(minutes.error().message()));
        QCOMPARE(minutes->size(), 2);
        const HistoryBucket &b = minutes->constLast();
        QCOMPARE(b.rejections, 3);
        const InitTimes &hit = b.initTimes(InitOutcome::Hit);
        QCOMPARE(hit.count, 21);
        QCOMPARE(hit.sumMs, 20.0 * 30 + 3000);
        QCOMPARE(hit.buckets[1], 20);                                  // (25, 50]
        QCOMPARE(hit.buckets[7], 1);                                   // (2500, 5000]
        QCOMPARE(b.initTimes(InitOutcome::MissSynced).buckets[6], 10); // (1000, 2500]
        QCOMPARE(b.initTimes(InitOutcome::StaleSafe).buckets[8], 1);   // above 5000
        QCOMPARE(b.initTimes(InitOutcome::Failed).buckets[0], 1);      // 25 is <= 25
        QCOMPARE(minutes->constFirst().initTimes(InitOutcome::Hit).count, 0);
        // Wider buckets add the minutes up.
        auto wide = m_store->history(m_clock.now().addSecs(-3600), m_clock.now(), 60);
        QVERIFY(wide.ok());
        QCOMPARE(wide->constLast().initTimes(InitOutcome::Hit).count, 21);

        // p95 of the hits: rank 19.95 of 21 falls in (25, 50] holding 20: 25 + 25 * 19.95/20.
        const QList<AlertRule> rules{
            makeRule("p95", metric::kInitP95Ms, Comparison::Above, 500, 15min),
            makeRule("hit_p95", metric::kInitHitP95Ms, Comparison::Above, 250, 15min),
            makeRule("miss_p50", metric::kInitMissP50Ms, Comparison::Above, 1000, 15min),
            makeRule("rejections", metric::kRejections, Comparison::Above, 0, 5min),
            makeRule("hit_p50", metric::kInitHitP50Ms, Comparison::Above, 100, 15min)};
        QList<RuleStatus> s = evaluate(rules);
        QVERIFY(qFuzzyCompare(s.at(1).value.value, 25.0 + 25.0 * 19.95 / 20.0));
        QCOMPARE(s.at(1).state, AlertState::Ok);
        // Every outcome: 33 start-ups, rank 31.35: 31 up to 2500 ms, one in (2500, 5000].
        QVERIFY(qFuzzyCompare(s.at(0).value.value, 2500.0 + 2500.0 * 0.35));
        QCOMPARE(s.at(0).state, AlertState::Firing);
        QVERIFY(qFuzzyCompare(s.at(2).value.value, 1000.0 + 1500.0 * 5.0 / 10.0));
        QCOMPARE(s.at(2).state, AlertState::Firing);
        QCOMPARE(s.at(3).value.value, 3.0);
        QCOMPARE(s.at(3).state, AlertState::Firing);
        QCOMPARE(s.at(4).state, AlertState::Ok);
        // Past the windows: no start-ups (no data), no rejections (ok).
        m_clock.advanceMs(16 * kMinute);
        s = evaluate(rules);
        QCOMPARE(s.at(0).state, AlertState::NoData);
        QCOMPARE(s.at(3).state, AlertState::Ok);
        QCOMPARE(s.at(3).value.value, 0.0);
    }

    // init_p95_ms with a pending period, judged from the history minute by minute.
    void slowStartupsPendThenFire()
    {
        const QList<AlertRule> rules{
            makeRule("p95", metric::kInitP95Ms, Comparison::Above, 500, 1min, 2min)};
        m_store->recordInitialization(InitOutcome::Hit, 40);
        QCOMPARE(m_store->flushHistory(), StoreError());
        QCOMPARE(evaluate(rules).at(0).state, AlertState::Ok);
        for (int minute = 1; minute <= 3; ++minute) {
            m_clock.advanceMs(kMinute);
            m_store->recordInitialization(InitOutcome::MissSynced, 1700);
            QCOMPARE(m_store->flushHistory(), StoreError());
            const RuleStatus s = evaluate(rules).at(0);
            QCOMPARE(s.state, minute < 3 ? AlertState::Pending : AlertState::Firing);
        }
        m_clock.advanceMs(kMinute); // a minute without start-ups
        QCOMPARE(evaluate(rules).at(0).state, AlertState::NoData);
    }

    // The rule table: seeded by migrate, edited, silenced; the evaluator works from it and
    // every change of state is recorded once, whoever evaluates.
    void tableRulesSilencesAndEvents()
    {
        auto rules = m_store->alertRules();
        QVERIFY2(rules.ok(), qPrintable(rules.error().message()));
        QCOMPARE(rules->size(), defaultRules().size());
        QStringList names;
        for (const AlertRule &r : rules.value())
            names << r.name;
        QVERIFY(names.contains(QStringLiteral("hit_rate_low")));
        QVERIFY(names.contains(QStringLiteral("init_p95_high")));

        AlertRule quiet = makeRule("quiet", metric::kLookups, Comparison::Below, 1, 5min, 0s);
        quiet.severity = Severity::Critical;
        QCOMPARE(m_store->saveAlertRule(quiet), StoreError());
        AlertRule bad = quiet;
        bad.metric = QStringLiteral("nope");
        QCOMPARE(m_store->saveAlertRule(bad).kind(), StoreError::InvalidArgument);
        bad = quiet;
        bad.name = QStringLiteral("Bad Name");
        QCOMPARE(m_store->saveAlertRule(bad).kind(), StoreError::InvalidArgument);
        quiet.threshold = 2; // an update by name
        QCOMPARE(m_store->saveAlertRule(quiet), StoreError());
        rules = m_store->alertRules();
        const AlertRule *stored = nullptr;
        for (const AlertRule &r : rules.value()) {
            if (r.name == QLatin1String("quiet"))
                stored = &r;
        }
        QVERIFY(stored);
        QCOMPARE(stored->threshold, 2.0);
        QCOMPARE(stored->severity, Severity::Critical);
        QCOMPARE(stored->window, std::chrono::seconds(5min));
        QCOMPARE(stored->updatedAt.toMSecsSinceEpoch(), m_clock.nowMs());
        QVERIFY(!stored->updatedBy.isEmpty());

        // Silences: only for a rule that exists, ending in the future; gone once over.
        QCOMPARE(m_store
                     ->addAlertSilence(QStringLiteral("nosuch"),
                                       Silence(m_clock.now().addSecs(600), QStringLiteral("x")))
                     .kind(),
                 StoreError::InvalidArgument);
        QCOMPARE(m_store
                     ->addAlertSilence(QStringLiteral("quiet"),
                                       Silence(m_clock.now().addSecs(-1), QStringLiteral("x")))
                     .kind(),
                 StoreError::InvalidArgument);
        QCOMPARE(m_store->addAlertSilence(
                     QStringLiteral("quiet"),
                     Silence(m_clock.now().addSecs(600), QStringLiteral("maintenance"))),
                 StoreError());

        // Evaluated from the table: quiet fires (no lookups), silenced.
        AlertEvaluator evaluator(&m_clock);
        QStringList writeErrors;
        auto s = evaluator.refresh(*m_store, &writeErrors);
        QVERIFY2(s.ok(), qPrintable(s.error().message()));
        QVERIFY2(writeErrors.isEmpty(), qPrintable(writeErrors.join(QLatin1Char('\n'))));
        const RuleStatus *q = find(s.value(), "quiet");
        QVERIFY(q);
        QCOMPARE(q->state, AlertState::Firing);
        QVERIFY(q->silenced);
        QCOMPARE(q->silence.reason, QStringLiteral("maintenance"));
        auto events = m_store->alertEvents(QDateTime());
        QVERIFY(events.ok());
        qint64 quietEvents = 0;
        for (const AlertEvent &e : events.value()) {
            if (e.rule == QLatin1String("quiet")) {
                ++quietEvents;
                QCOMPARE(e.from, AlertState::Ok);
                QCOMPARE(e.to, AlertState::Firing);
                QCOMPARE(e.value.value, 0.0);
                QVERIFY(e.silenced);
                QCOMPARE(e.severity, Severity::Critical);
                QCOMPARE(e.atMs, m_clock.nowMs());
            }
        }
        QCOMPARE(quietEvents, 1);
        const qint64 all = events->size();
        // The same states again, from this evaluator and from another front end: nothing new.
        QVERIFY(evaluator.refresh(*m_store).ok());
        {
            CacheStore other(m_db->config(), CacheStore::Options(), &m_clock);
            QCOMPARE(other.open(), StoreError());
            AlertEvaluator console(&m_clock);
            QVERIFY(console.refresh(other).ok());
            // A change another evaluator already recorded is not recorded again.
            AlertEvent stale;
            stale.atMs = m_clock.nowMs();
            stale.rule = QStringLiteral("quiet");
            stale.from = AlertState::Ok;
            stale.to = AlertState::Firing;
            QCOMPARE(other.recordAlertEvents({stale}), StoreError());
        }
        QCOMPARE(m_store->alertEvents(QDateTime())->size(), all);

        // Lookups: quiet goes back to ok, once.
        m_clock.advanceMs(kMinute);
        lookups(3, 0);
        QVERIFY(evaluator.refresh(*m_store).ok());
        QVERIFY(evaluator.refresh(*m_store).ok());
        auto last = m_store->lastAlertEvents();
        QVERIFY(last.ok());
        bool seen = false;
        for (const AlertEvent &e : last.value()) {
            if (e.rule == QLatin1String("quiet")) {
                seen = true;
                QCOMPARE(e.from, AlertState::Firing);
                QCOMPARE(e.to, AlertState::Ok);
                QCOMPARE(e.value.value, 3.0);
            }
        }
        QVERIFY(seen);
        auto recent = m_store->alertEvents(m_clock.now());
        QVERIFY(recent.ok());
        int quietNow = 0;
        for (const AlertEvent &e : recent.value())
            quietNow += e.rule == QLatin1String("quiet") ? 1 : 0;
        QCOMPARE(quietNow, 1);
        // The silence ends: gone from the rule.
        m_clock.advanceMs(10 * kMinute);
        rules = m_store->alertRules();
        QVERIFY(rules.ok());
        for (const AlertRule &r : rules.value()) {
            if (r.name == QLatin1String("quiet"))
                QVERIFY(r.silences.isEmpty());
        }
        // Deleted with its silences; deleting again finds nothing.
        QCOMPARE(m_store->deleteAlertRule(QStringLiteral("quiet")).value(), true);
        QCOMPARE(m_store->deleteAlertRule(QStringLiteral("quiet")).value(), false);
    }

    // migrate seeds the defaults into an empty table once: an operator who deleted every rule
    // keeps none.
    void migrationSeedsTheDefaultsOnce()
    {
        const auto rules = m_store->alertRules();
        QVERIFY(rules.ok() && !rules->isEmpty());
        for (const AlertRule &r : rules.value())
            QCOMPARE(m_store->deleteAlertRule(r.name).value(), true);
        auto report = m_store->migrate();
        QVERIFY(report.ok());
        QCOMPARE(m_store->alertRules()->size(), 0);
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

    // Issue 17: clock events from the sync log feed the rules. Twelve syncs five minutes apart
    // ending now, per host; `stepAfter` of them, the offset steps by stepMs (the host's own clock
    // pair unchanged: an exchange-side step); driftPpm drifts the offset throughout.
    void logSeries(const QString &host, double driftPpm, int stepAfter, double stepMs, qint64 endMs)
    {
        for (int i = 0; i < 12; ++i) {
            SyncLogRecord r;
            r.atMs = endMs - qint64(11 - i) * 5 * kMinute;
            r.identity = host + QStringLiteral("_cred");
            r.exchange = Exchange::Bybit;
            r.environment = Environment::Testnet;
            r.baseUrl = QStringLiteral("https://api-testnet.bybit.com");
            r.source = SyncSource::Connector;
            r.offsetMs = -300 + qint64(std::llround(driftPpm * 1e-6 * double(r.atMs - endMs) +
                                                    (i >= stepAfter ? stepMs : 0.0)));
            r.errorBoundMs = 3;
            r.rttMs = 6;
            r.samples = 5;
            r.hostName = host;
            r.bootId = host + QStringLiteral("-boot");
            r.realtimeMinusBoottimeMs = 1.7e12;
            r.serverTimeMs = r.atMs + r.offsetMs;
            QCOMPARE(m_store->appendSyncLog(r), StoreError());
        }
    }
    void logRejection(qint64 atMs)
    {
        const HostInfo host{QStringLiteral("h1"), QStringLiteral("h1-boot"), 1.7e12};
        QCOMPARE(m_store->appendSyncLog(SyncLogRecord::fromRejection(
                     atMs, QStringLiteral("h1_cred"), Exchange::Bybit, Environment::Testnet,
                     QStringLiteral("https://api-testnet.bybit.com"), SyncSource::Connector, 10002,
                     atMs - 1500, 0, host)),
                 StoreError());
    }

    void clockMetricsAreKnownAndStored()
    {
        for (const char *name : {"clock_steps", "clock_rejections", "clock_reboots"}) {
            QVERIFY2(isKnownMetric(QLatin1String(name)), name);
            QVERIFY(isClockMetric(QLatin1String(name)));
            QVERIFY(!isHistoryMetric(QLatin1String(name)));
            QVERIFY(metricNames().contains(QLatin1String(name)));
            QVERIFY(!metricDescription(QLatin1String(name)).isEmpty());
        }
        AlertRule steps = makeRule("clock_step", "clock_steps", Comparison::Above, 0, 1h);
        QCOMPARE(m_store->saveAlertRule(steps), StoreError());
        bool found = false;
        const auto stored = m_store->alertRules();
        QVERIFY(stored.ok());
        for (const AlertRule &r : stored.value())
            found = found || (r.name == steps.name && r.metric == steps.metric);
        QVERIFY(found);
    }

    // A 400 ms exchange step seen by two hosts within the same minutes is one exchange-wide
    // event: clock_steps is 1 over the hour (firing since the step), 0 over the last 15 min.
    void aClockStepFiresTheRule()
    {
        const qint64 now = m_clock.nowMs();
        logSeries(QStringLiteral("h1"), 2, 7, 400, now - 20'000);
        logSeries(QStringLiteral("h2"), -3, 7, 400, now - 10'000);
        const qint64 stepSeenAt = now - 20'000 - 4 * 5 * kMinute; // h1's 8th sync
        const QList<AlertRule> rules{
            makeRule("step_hour", "clock_steps", Comparison::Above, 0, 1h, 10min),
            makeRule("step_recent", "clock_steps", Comparison::Above, 0, 15min),
            makeRule("reboots", "clock_reboots", Comparison::Above, 0, 1h),
            makeRule("clock_rejections", "clock_rejections", Comparison::Above, 0, 1h)};
        const QList<RuleStatus> s = evaluate(rules);
        QCOMPARE(s.size(), 4);
        const RuleStatus *hour = find(s, "step_hour");
        QVERIFY(hour->value.hasData);
        QCOMPARE(hour->value.value, 1.0); // one exchange-wide event, not two
        QCOMPARE(hour->state, AlertState::Firing);
        QVERIFY2(qAbs(hour->since.toMSecsSinceEpoch() - stepSeenAt) <= kMinute,
                 qPrintable(hour->since.toString(Qt::ISODateWithMs)));
        QCOMPARE(find(s, "step_recent")->value.value, 0.0);
        QCOMPARE(find(s, "step_recent")->state, AlertState::Ok);
        QCOMPARE(find(s, "reboots")->state, AlertState::Ok);
        QCOMPARE(find(s, "clock_rejections")->state, AlertState::Ok);
        // The same count the clock analysis gives (`connector-cache clock`).
        auto events = readClockEvents(*m_store, now - 3'600'000, now);
        QVERIFY(events.ok());
        QCOMPARE(events->size(), 1);
        QCOMPARE(events->first().kind, ClockEventKind::ExchangeStep);
        QVERIFY(events->first().exchangeWide);
        QVERIFY2(qAbs(events->first().deltaMs - 400) < 20,
                 qPrintable(QString::number(events->first().deltaMs)));
    }

    // However fast, a drift is no step: 3000 ppm (10.8 s an hour) fires nothing.
    void aDriftOnlyLogFiresNothing()
    {
        const qint64 now = m_clock.nowMs();
        logSeries(QStringLiteral("h1"), 3000, 12, 0, now - 20'000);
        const QList<RuleStatus> s =
            evaluate({makeRule("step_hour", "clock_steps", Comparison::Above, 0, 1h)});
        QCOMPARE(s.first().state, AlertState::Ok);
        QCOMPARE(s.first().value.value, 0.0);
    }

    void rejectionsAndRebootsAreCounted()
    {
        const qint64 now = m_clock.nowMs();
        logSeries(QStringLiteral("h1"), 2, 12, 0, now - 20'000);
        logRejection(now - 50 * kMinute);
        logRejection(now - 5 * kMinute);
        logRejection(now - 3 * 3'600'000); // before the window
        // h3 reboots between its 6th and 7th sync.
        for (int i = 0; i < 8; ++i) {
            SyncLogRecord r;
            r.atMs = now - qint64(7 - i) * 5 * kMinute - 30'000;
            r.identity = QStringLiteral("h3_cred");
            r.baseUrl = QStringLiteral("https://api-testnet.bybit.com");
            r.offsetMs = -100;
            r.errorBoundMs = 3;
            r.hostName = QStringLiteral("h3");
            r.bootId = i < 6 ? QStringLiteral("before") : QStringLiteral("after");
            r.realtimeMinusBoottimeMs = i < 6 ? 1.7e12 : 1.7e12 + 3.6e6;
            r.serverTimeMs = r.atMs + r.offsetMs;
            QCOMPARE(m_store->appendSyncLog(r), StoreError());
        }
        const QList<RuleStatus> s = evaluate(
            {makeRule("rejections_hour", "clock_rejections", Comparison::Above, 1, 1h),
             makeRule("rejections_recent", "clock_rejections", Comparison::Above, 1, 10min),
             makeRule("reboots", "clock_reboots", Comparison::Above, 0, 1h),
             makeRule("steps", "clock_steps", Comparison::Above, 0, 1h)});
        QCOMPARE(find(s, "rejections_hour")->value.value, 2.0);
        QCOMPARE(find(s, "rejections_hour")->state, AlertState::Firing);
        QCOMPARE(find(s, "rejections_recent")->value.value, 1.0);
        QCOMPARE(find(s, "rejections_recent")->state, AlertState::Ok);
        QCOMPARE(find(s, "reboots")->value.value, 1.0);
        QCOMPARE(find(s, "reboots")->state, AlertState::Firing);
        QCOMPARE(find(s, "steps")->value.value, 0.0); // a reboot is not a step
    }

    // Rules on other metrics read no sync log; the exporter's allMetrics reads an hour of it.
    void clockEventsAreReadOnlyWhenUsed()
    {
        const qint64 now = m_clock.nowMs();
        auto plain = AlertEvaluator::readInputs(*m_store, defaultRules(), now);
        QVERIFY(plain.ok());
        QVERIFY(!plain->clockEvents);
        QVERIFY(!computeMetric(QStringLiteral("clock_steps"), plain.value(), 1h).hasData);
        auto all = AlertEvaluator::readInputs(*m_store, {}, now, true);
        QVERIFY(all.ok());
        QVERIFY(all->clockEvents);
        QCOMPARE(computeMetric(QStringLiteral("clock_steps"), all.value(), 1h).value, 0.0);
        // A window longer than what was read has no data rather than a short count.
        QVERIFY(!computeMetric(QStringLiteral("clock_steps"), all.value(), 3h).hasData);
    }
};

QTEST_GUILESS_MAIN(TestMonitoring)
#include "tst_monitoring.moc"
