// The cached connector's start-ups recorded end to end (issue 16): every initialize() against
// the fake exchange lands in the store's per-minute start-up history with its outcome and
// latency bucket, and a rejected timestamp in the history's rejections, on SQLite and
// PostgreSQL.

#include "core/connector/cachedconnector.h"
#include "core/connector/startuprecorder.h"
#include "core/monitoring/metrics.h"
#include "core/store/cachestore.h"
#include "tests/support/fakeexchange/fakeexchange.h"
#include "tests/support/testdatabase.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QTest>

using namespace cc;
using namespace std::chrono_literals;

namespace {

const QString kKey = QStringLiteral("TESTKEY123");
const QByteArray kSecret = "VerySecretValue987";

// The bucket a duration falls in (upper bounds kInitBucketBoundsMs; the last is open).
int bucketOf(double ms)
{
    int i = 0;
    while (i < int(kInitBucketBoundsMs.size()) && ms > kInitBucketBoundsMs[size_t(i)])
        ++i;
    return i;
}

} // namespace

class TestStartups : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<test::FakeExchangeThread> m_fake;

    ExchangeProfile profile()
    {
        QString error;
        return *ExchangeProfile::resolve(QStringLiteral("BYBIT"), QStringLiteral("TESTNET"),
                                         m_fake->baseUrl().toString(), &error);
    }
    // The start-ups recorded in the last few minutes, per outcome.
    std::array<InitTimes, kInitOutcomeCount> recorded(CacheStore &store)
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto minutes = store.history(now.addSecs(-300), now, 1);
        std::array<InitTimes, kInitOutcomeCount> out{};
        if (!minutes.ok())
            return out;
        for (int i = 0; i < kInitOutcomeCount; ++i)
            out[size_t(i)] = monitoring::sumInitTimes(minutes.value(), {InitOutcome(i)});
        return out;
    }
    qint64 rejections(CacheStore &store)
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto minutes = store.history(now.addSecs(-300), now, 1);
        qint64 n = 0;
        for (const HistoryBucket &b : minutes.value())
            n += b.rejections;
        return n;
    }

private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("cc.*.info=false")); }
    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        CacheStore s(m_db->config());
        QVERIFY(s.migrate().ok());
        m_fake = std::make_unique<test::FakeExchangeThread>();
        m_fake->exchange()->setCredentials(kKey, kSecret);
        m_fake->exchange()->setDelayMs(10, 3);
    }
    void cleanup()
    {
        m_fake.reset();
        m_db.reset();
    }

    void outcomesMapAsTheHistoryCountsThem()
    {
        InitResult r;
        QCOMPARE(initOutcomeOf(r), InitOutcome::Failed);
        r.ok = true;
        r.source = InitResult::Source::CacheHit;
        QCOMPARE(initOutcomeOf(r), InitOutcome::Hit);
        r.source = InitResult::Source::Synced;
        QCOMPARE(initOutcomeOf(r), InitOutcome::MissSynced);
        r.source = InitResult::Source::PeerSync;
        QCOMPARE(initOutcomeOf(r), InitOutcome::MissSynced);
        r.source = InitResult::Source::LiveSync;
        QCOMPARE(initOutcomeOf(r), InitOutcome::MissSynced);
        r.source = InitResult::Source::StaleButSafe;
        QCOMPARE(initOutcomeOf(r), InitOutcome::StaleSafe);
        QCOMPARE(initOutcomeName(InitOutcome::MissSynced), QStringLiteral("miss-synced"));
        InitOutcome o;
        QVERIFY(initOutcomeFromName(QStringLiteral("stale-safe"), &o));
        QCOMPARE(o, InitOutcome::StaleSafe);
        QVERIFY(!initOutcomeFromName(QStringLiteral("miss"), &o));
    }

    // A cold start syncs (miss-synced), the next one is a hit; a failed one is counted too;
    // each with its duration's bucket. Re-initialising the same connector records each time,
    // once.
    void everyInitializeIsRecorded()
    {
        CacheStore store(m_db->config());
        QCOMPARE(store.open(), StoreError());
        QNetworkAccessManager network;
        InitResult miss, hit, again;
        {
            CachedConnector c(QStringLiteral("u1"), QStringLiteral("c1"), profile(),
                              Credentials(kKey, kSecret), &store, &network);
            miss = c.initializeBlocking();
        }
        {
            CachedConnector c(QStringLiteral("u1"), QStringLiteral("c1"), profile(),
                              Credentials(kKey, kSecret), &store, &network);
            hit = c.initializeBlocking();
            again = c.initializeBlocking();
        }
        QVERIFY2(miss.ok, qPrintable(miss.error));
        QCOMPARE(miss.source, InitResult::Source::Synced);
        QCOMPARE(hit.source, InitResult::Source::CacheHit);
        QCOMPARE(again.source, InitResult::Source::CacheHit);
        // The exchange down and no entry: a failure.
        m_fake->exchange()->setFault(test::FakeExchange::Fault::Http500);
        InitResult failed;
        {
            CachedConnector c(QStringLiteral("u2"), QStringLiteral("c2"), profile(),
                              Credentials(kKey, kSecret), &store, &network);
            failed = c.initializeBlocking();
        }
        QVERIFY(!failed.ok);
        QCOMPARE(store.flushHistory(), StoreError());

        // Read back through another connection: what the database holds.
        CacheStore reader(m_db->config());
        QCOMPARE(reader.open(), StoreError());
        const auto times = recorded(reader);
        const InitTimes &hits = times[size_t(InitOutcome::Hit)];
        const InitTimes &misses = times[size_t(InitOutcome::MissSynced)];
        const InitTimes &failures = times[size_t(InitOutcome::Failed)];
        QCOMPARE(hits.count, 2);
        QCOMPARE(misses.count, 1);
        QCOMPARE(failures.count, 1);
        QCOMPARE(times[size_t(InitOutcome::StaleSafe)].count, 0);
        QCOMPARE(misses.buckets[size_t(bucketOf(double(miss.elapsedMs)))], 1);
        QCOMPARE(misses.sumMs, double(miss.elapsedMs));
        QCOMPARE(hits.sumMs, double(hit.elapsedMs + again.elapsedMs));
        QCOMPARE(failures.buckets[size_t(bucketOf(double(failed.elapsedMs)))], 1);
        QVERIFY(miss.elapsedMs >= 10); // the fake's 10 ms round trips
    }

    // A timestamp the exchange rejects (a wrong cached offset) is counted as a rejection.
    void aRejectedTimestampIsCounted()
    {
        m_fake->exchange()->setSkewMs(-8000);
        CacheStore store(m_db->config());
        QCOMPARE(store.open(), StoreError());
        TimeSyncState wrong;
        wrong.timeOffsetMs = 0;
        wrong.lastSyncTime = QDateTime::currentDateTimeUtc();
        wrong.metadata =
            QJsonObject{{QStringLiteral("sync"), QJsonObject{{QStringLiteral("errorBoundMs"), 5}}}};
        QCOMPARE(store.set(QStringLiteral("u1"), QStringLiteral("c1"), QStringLiteral("BYBIT"),
                           QStringLiteral("TESTNET"), wrong),
                 StoreError());
        QNetworkAccessManager network;
        CachedConnector c(QStringLiteral("u1"), QStringLiteral("c1"), profile(),
                          Credentials(kKey, kSecret), &store, &network);
        QCOMPARE(c.initializeBlocking().source, InitResult::Source::CacheHit);
        const ApiCallResult call = c.verifyConnectionBlocking();
        QVERIFY2(call.ok, qPrintable(call.error));
        QVERIFY(call.retried);
        QCOMPARE(m_fake->exchange()->rejectedTimestamps(), 1);
        QCOMPARE(store.flushHistory(), StoreError());
        QCOMPARE(rejections(store), 1);
        // An accepted call adds none.
        QVERIFY(c.verifyConnectionBlocking().ok);
        QCOMPARE(store.flushHistory(), StoreError());
        QCOMPARE(rejections(store), 1);
    }
};

QTEST_GUILESS_MAIN(TestStartups)
#include "tst_startups.moc"
