// The cached connector start-up against the fake exchange and a real store (SQLite and
// PostgreSQL): hits without a network call, misses that sync and save, unsafe offsets, timestamp
// rejections, store failures, the cold-start storm and the start-up limit.

#include "core/connector/cachedconnector.h"
#include "core/connector/syncmetadata.h"
#include "core/store/cachestore.h"
#include "tests/support/fakeexchange/fakeexchange.h"
#include "tests/support/testdatabase.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

using namespace cc;
using namespace std::chrono_literals;
using test::FakeExchange;

namespace {

// The suites' store options: a lookup may take the whole timeout (2 s) here, as it did before
// lookups had a budget of their own (250 ms by default), so that the hits these tests assert
// do not turn into misses on a CI machine loaded by sanitizer builds. The budget itself is
// tested in tst_deadline.
cc::CacheStore::Options storeOptions()
{
    cc::CacheStore::Options o;
    o.lookupTimeout = std::chrono::milliseconds(0); // 0: the timeout
    return o;
}

QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previous = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log << message;
    }
    if (g_previous && type >= QtWarningMsg)
        g_previous(type, context, message);
}

QString logText()
{
    QMutexLocker lock(&g_logMutex);
    return g_log.join(QLatin1Char('\n'));
}

const QString kKey = QStringLiteral("TESTKEY123");
const QByteArray kSecret = "VerySecretValue987";

} // namespace

class TestConnector : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<test::FakeExchangeThread> m_fake;

    FakeExchange *fake() { return m_fake->exchange(); }

    ExchangeProfile profile(Exchange exchange = Exchange::Bybit)
    {
        QString error;
        return *ExchangeProfile::resolve(exchangeName(exchange), QStringLiteral("TESTNET"),
                                         m_fake->baseUrl().toString(), &error);
    }
    std::unique_ptr<CacheStore> store()
    {
        auto s = std::make_unique<CacheStore>(m_db->config(), storeOptions());
        s->open();
        return s;
    }
    static TimeSyncState state(qint64 offset, double bound, qint64 syncedAgoMs = 0)
    {
        TimeSyncState s;
        s.timeOffsetMs = offset;
        s.lastSyncTime = QDateTime::fromMSecsSinceEpoch(
            QDateTime::currentMSecsSinceEpoch() - syncedAgoMs, Qt::UTC);
        if (bound >= 0)
            s.metadata = QJsonObject{
                {QStringLiteral("sync"), QJsonObject{{QStringLiteral("errorBoundMs"), bound}}}};
        return s;
    }
    static TimeSyncState stateAt(qint64 offset, double bound, qint64 syncedAtMs)
    {
        TimeSyncState s = state(offset, bound);
        s.lastSyncTime = QDateTime::fromMSecsSinceEpoch(syncedAtMs, Qt::UTC);
        return s;
    }
    InitResult init(CacheStore *s, Exchange exchange = Exchange::Bybit,
                    ConnectorOptions options = ConnectorOptions(),
                    const QString &user = QStringLiteral("user1"),
                    const Clock *clock = Clock::system())
    {
        QNetworkAccessManager network;
        CachedConnector connector(user, QStringLiteral("cred1"), profile(exchange),
                                  Credentials(kKey, kSecret), s, &network, clock, options);
        return connector.initializeBlocking();
    }

    // Several connectors, each with its own store connection and network access in a thread
    // of its own (as separate processes would), starting at once on one identity.
    std::vector<InitResult> storm(int connectors, const Clock *clock,
                                  ConnectorOptions options = ConnectorOptions())
    {
        std::vector<std::unique_ptr<QThread>> threads;
        std::vector<InitResult> results(static_cast<size_t>(connectors));
        const QUrl base = m_fake->baseUrl();
        const DatabaseConfig config = m_db->config();
        std::atomic<int> ready{0};
        for (int i = 0; i < connectors; ++i) {
            threads.emplace_back(QThread::create([&, i]() {
                CacheStore s(config, storeOptions(), clock);
                s.open();
                QNetworkAccessManager network;
                QString error;
                auto p = ExchangeProfile::resolve(
                    QStringLiteral("BYBIT"), QStringLiteral("TESTNET"), base.toString(), &error);
                CachedConnector c(QStringLiteral("storm"), QStringLiteral("cred"), *p,
                                  Credentials(kKey, kSecret), &s, &network, clock, options);
                // Start together: every connection is open before anyone looks the entry up.
                ++ready;
                while (ready.load() < connectors)
                    QThread::yieldCurrentThread();
                results[size_t(i)] = c.initializeBlocking();
            }));
        }
        for (auto &t : threads)
            t->start();
        for (auto &t : threads)
            t->wait(60000);
        return results;
    }
    static int count(const std::vector<InitResult> &results, InitResult::Source source)
    {
        int n = 0;
        for (const InitResult &r : results)
            n += r.source == source ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase() { g_previous = qInstallMessageHandler(capture); }

    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        {
            CacheStore s(m_db->config(), storeOptions());
            QVERIFY(s.migrate().ok());
        }
        m_fake = std::make_unique<test::FakeExchangeThread>();
        fake()->setCredentials(kKey, kSecret);
        fake()->setDelayMs(10, 3);
        QMutexLocker lock(&g_logMutex);
        g_log.clear();
    }
    void cleanup()
    {
        m_fake.reset();
        m_db.reset();
    }

    // A sync's account in the cache is written and read in one place (syncmetadata.h); the
    // safety rule uses the bound read back.
    void syncMetadataIsWrittenAndReadBackInOnePlace()
    {
        auto s = store();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        SyncResult r;
        r.offsetMs = -1234;
        r.errorBoundMs = 3.5;
        r.rttMs = 7.25;
        r.samplesUsed = 4;
        r.host = QStringLiteral("api-testnet.bybit.com");
        r.finishedAtMs = now - 60'000;
        const TimeSyncState written = syncCacheState(r, QStringLiteral("cli sync"));
        QCOMPARE(written.timeOffsetMs, -1234);
        QCOMPARE(written.lastSyncTime.toMSecsSinceEpoch(), now - 60'000);
        QCOMPARE(written.lastSyncTime.timeSpec(), Qt::UTC);
        QCOMPARE(written.metadata, syncMetadata(r, QStringLiteral("cli sync")));
        QCOMPARE(s->set(QStringLiteral("user1"), QStringLiteral("cred1"), QStringLiteral("BYBIT"),
                        QStringLiteral("TESTNET"), written),
                 StoreError());
        auto entry = s->entry(QStringLiteral("user1"), QStringLiteral("cred1"));
        QVERIFY(entry.ok());
        const SyncMetadata read = readSyncMetadata(entry->metadata);
        QCOMPARE(read.errorBoundMs.value_or(-1), 3.5);
        QCOMPARE(read.rttMs.value_or(-1), 7.25);
        QCOMPARE(read.samples.value_or(-1), 4.0);
        QCOMPARE(read.source, QStringLiteral("cli sync"));
        QCOMPARE(read.host, QStringLiteral("api-testnet.bybit.com"));
        const ConnectorOptions options;
        QCOMPARE(CachedConnector::checkSafety(entry.value(), now, profile(), options, true)
                     .uncertaintyMs,
                 offsetUncertaintyMs(3.5, entry->ageMs(now), options.driftMsPerHour));

        // The seed writes no metadata: nothing is read, and the rule assumes its unknown bound.
        CacheEntry seed = entry.value();
        seed.metadata = QJsonObject();
        const SyncMetadata none = readSyncMetadata(seed.metadata);
        QVERIFY(!none.errorBoundMs && !none.rttMs && !none.samples);
        QVERIFY(none.source.isEmpty() && none.host.isEmpty());
        QCOMPARE(CachedConnector::checkSafety(seed, now, profile(), options, true).uncertaintyMs,
                 offsetUncertaintyMs(options.unknownErrorBoundMs, seed.ageMs(now),
                                     options.driftMsPerHour));
        // A negative or non-numeric bound is unknown too.
        for (const QJsonValue &bad : {QJsonValue(-1.0), QJsonValue(QStringLiteral("3"))}) {
            const QJsonObject m{
                {QStringLiteral("sync"), QJsonObject{{QStringLiteral("errorBoundMs"), bad}}}};
            QVERIFY(!readSyncMetadata(m).errorBoundMs);
        }

        // The connector saves through the same writer.
        const InitResult init =
            this->init(s.get(), Exchange::Bybit, ConnectorOptions(), QStringLiteral("user2"));
        QVERIFY2(init.ok, qPrintable(init.error));
        QCOMPARE(init.source, InitResult::Source::Synced);
        auto saved = s->entry(QStringLiteral("user2"), QStringLiteral("cred1"));
        QVERIFY(saved.ok());
        QCOMPARE(saved->metadata, syncMetadata(init.sync, QStringLiteral("connector")));
        QCOMPARE(readSyncMetadata(saved->metadata).errorBoundMs.value_or(-1),
                 init.sync.errorBoundMs);
    }

    void aHitStartsWithoutTheNetwork()
    {
        auto s = store();
        QCOMPARE(s->set(QStringLiteral("user1"), QStringLiteral("cred1"), QStringLiteral("BYBIT"),
                        QStringLiteral("TESTNET"), state(145, 12, 4000)),
                 StoreError());
        const InitResult r = init(s.get());
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.source, InitResult::Source::CacheHit);
        QCOMPARE(r.offsetMs, 145);
        QCOMPARE(r.exchangeRequests, 0);
        QCOMPARE(fake()->timeRequests(), 0);
        const QString log = logText();
        QVERIFY2(log.contains(QStringLiteral("Loaded cached time sync (age: 4s, offset: 145ms)")),
                 qPrintable(log));
        QVERIFY(log.contains(QStringLiteral("(cache HIT)")));
        QVERIFY(log.contains(QStringLiteral("Initialized in")));
    }

    // The store batches hit counts; a connector that started on a hit has its hit written
    // right after start-up (a serverless function may be frozen soon after), not 5 s later.
    void theHitIsWrittenRightAfterStartUp()
    {
        auto s = store();
        QCOMPARE(s->set(QStringLiteral("user1"), QStringLiteral("cred1"), QStringLiteral("BYBIT"),
                        QStringLiteral("TESTNET"), state(145, 12, 4000)),
                 StoreError());
        QNetworkAccessManager network;
        CachedConnector connector(QStringLiteral("user1"), QStringLiteral("cred1"),
                                  profile(Exchange::Bybit), Credentials(kKey, kSecret), s.get(),
                                  &network);
        QCOMPARE(connector.initializeBlocking().source, InitResult::Source::CacheHit);
        CacheStore other(m_db->config(), storeOptions());
        auto counted = [&]() {
            auto e = other.entry(QStringLiteral("user1"), QStringLiteral("cred1"));
            return e.ok() ? e->hitCount : -1;
        };
        QVERIFY(QTest::qWaitFor([&]() { return counted() == 1; }, 3000));
    }

    void aMissSyncsAndSaves()
    {
        fake()->setSkewMs(2300);
        auto s = store();
        const InitResult r = init(s.get());
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.source, InitResult::Source::Synced);
        QCOMPARE(r.cacheOutcome, Lookup::Outcome::Miss);
        QCOMPARE(r.exchangeRequests, 5);
        QVERIFY(qAbs(r.offsetMs - 2300) <= r.errorBoundMs + 1);
        QVERIFY(logText().contains(QStringLiteral("Cache miss - performing full time sync...")));
        auto saved = s->entry(QStringLiteral("user1"), QStringLiteral("cred1"));
        QVERIFY(saved.ok());
        QCOMPARE(saved->timeOffsetMs, r.offsetMs);
        QCOMPARE(saved->exchange, QStringLiteral("BYBIT"));
        const QJsonObject sync = saved->metadata.value(QStringLiteral("sync")).toObject();
        QVERIFY(sync.value(QStringLiteral("errorBoundMs")).toDouble() > 0);
        QCOMPARE(sync.value(QStringLiteral("samples")).toInt(), r.sync.samplesUsed);
        // The next cold start is a hit.
        const InitResult again = init(s.get());
        QCOMPARE(again.source, InitResult::Source::CacheHit);
        QCOMPARE(again.exchangeRequests, 0);
        QCOMPARE(fake()->timeRequests(), 5);
    }

    void expiredOrDriftedOffsetsResync()
    {
        {
            // TTL on a manual clock: one second before expiry a hit, at expiry a resync.
            ManualClock clock(QDateTime::currentMSecsSinceEpoch());
            CacheStore s(m_db->config(), storeOptions(), &clock);
            QCOMPARE(s.open(), StoreError());
            QCOMPARE(s.set(QStringLiteral("ttl"), QStringLiteral("cred1"), QStringLiteral("BYBIT"),
                           QStringLiteral("TESTNET"), stateAt(10, 5, clock.nowMs()), 60s),
                     StoreError());
            clock.advanceMs(59'000);
            InitResult r =
                init(&s, Exchange::Bybit, ConnectorOptions(), QStringLiteral("ttl"), &clock);
            QCOMPARE(r.source, InitResult::Source::CacheHit);
            QCOMPARE(fake()->timeRequests(), 0);
            clock.advanceMs(1'000);
            r = init(&s, Exchange::Bybit, ConnectorOptions(), QStringLiteral("ttl"), &clock);
            QCOMPARE(r.cacheOutcome, Lookup::Outcome::Expired);
            QCOMPARE(r.source, InitResult::Source::Synced);
            QCOMPARE(r.exchangeRequests, 5);
            QCOMPARE(fake()->timeRequests(), 5);
            // Saved again, valid for a full TTL from now.
            const auto saved = s.entry(QStringLiteral("ttl"), QStringLiteral("cred1"));
            QVERIFY(saved.ok());
            QCOMPARE(saved->stateAt(clock.nowMs()), CacheEntry::State::Valid);
            QVERIFY(saved->expiresAt.toMSecsSinceEpoch() >= clock.nowMs() + 14 * 60'000);
        }
        auto s = store();
        InitResult r;

        // Valid by TTL but synced 60 h ago: 100 ms + 60 h × 50 ms/h, doubled, no longer fits 5 s.
        QCOMPARE(s->set(QStringLiteral("user2"), QStringLiteral("cred1"), QStringLiteral("BYBIT"),
                        QStringLiteral("TESTNET"), state(10, 100, 60LL * 3600 * 1000)),
                 StoreError());
        r = init(s.get(), Exchange::Bybit, ConnectorOptions(), QStringLiteral("user2"));
        QCOMPARE(r.cacheOutcome, Lookup::Outcome::Hit);
        QCOMPARE(r.source, InitResult::Source::Synced);
        QVERIFY(logText().contains(QStringLiteral("no longer fits")));

        // The same entry is safe for a connector assuming a tenth of the drift.
        QCOMPARE(s->set(QStringLiteral("user3"), QStringLiteral("cred1"), QStringLiteral("BYBIT"),
                        QStringLiteral("TESTNET"), state(10, 100, 60LL * 3600 * 1000)),
                 StoreError());
        ConnectorOptions slowDrift;
        slowDrift.driftMsPerHour = 5;
        r = init(s.get(), Exchange::Bybit, slowDrift, QStringLiteral("user3"));
        QCOMPARE(r.source, InitResult::Source::CacheHit);
    }

    void seedEntriesWithoutMetadataAssumeAConservativeBound()
    {
        auto s = store();
        QCOMPARE(s->set(QStringLiteral("user1"), QStringLiteral("cred1"), QStringLiteral("BYBIT"),
                        QStringLiteral("TESTNET"), state(33, -1, 1000)),
                 StoreError());
        QNetworkAccessManager network;
        CachedConnector c(QStringLiteral("user1"), QStringLiteral("cred1"), profile(),
                          Credentials(kKey, kSecret), s.get(), &network);
        const InitResult r = c.initializeBlocking();
        QCOMPARE(r.source, InitResult::Source::CacheHit);
        QVERIFY(r.errorBoundMs >= 250);
        QCOMPARE(c.safetyMarginMs(), int(std::ceil(r.errorBoundMs)));
        const qint64 expected = QDateTime::currentMSecsSinceEpoch() + 33 - c.safetyMarginMs();
        QVERIFY(qAbs(c.requestTimestampMs() - expected) < 50);
    }

    void aRejectedTimestampInvalidatesResyncsAndRetriesOnce_data()
    {
        QTest::addColumn<int>("exchange");
        QTest::newRow("bybit 10002") << int(Exchange::Bybit);
        QTest::newRow("bingx 100421") << int(Exchange::BingX);
    }

    void aRejectedTimestampInvalidatesResyncsAndRetriesOnce()
    {
        QFETCH(int, exchange);
        const Exchange ex = Exchange(exchange);
        fake()->setSkewMs(-8000); // the exchange's clock is 8 s behind ours
        auto s = store();
        // A cached offset that is wrong (someone's bad sync): 0 instead of -8000.
        QCOMPARE(s->set(QStringLiteral("user1"), QStringLiteral("cred1"), exchangeName(ex),
                        QStringLiteral("TESTNET"), state(0, 5)),
                 StoreError());
        QNetworkAccessManager network;
        CachedConnector c(QStringLiteral("user1"), QStringLiteral("cred1"), profile(ex),
                          Credentials(kKey, kSecret), s.get(), &network);
        const InitResult r = c.initializeBlocking();
        QCOMPARE(r.source, InitResult::Source::CacheHit);
        const ApiCallResult call = c.verifyConnectionBlocking();
        QVERIFY2(call.ok, qPrintable(call.error));
        QVERIFY(call.retried);
        QCOMPARE(fake()->rejectedTimestamps(), 1);
        QCOMPARE(fake()->signedRequests(), 2);
        QCOMPARE(fake()->timeRequests(), 5);
        QVERIFY(qAbs(c.offsetMs() + 8000) < 100);
        auto saved = s->entry(QStringLiteral("user1"), QStringLiteral("cred1"));
        QVERIFY(saved->isValid);
        QVERIFY(qAbs(saved->timeOffsetMs + 8000) < 100);
        QVERIFY(!logText().contains(QString::fromLatin1(kSecret)));
    }

    void aResyncThatFailsRetriesWithTheServerTimeTheRejectionCarried()
    {
        fake()->setSkewMs(-8000);
        auto s = store();
        QCOMPARE(s->set(QStringLiteral("user1"), QStringLiteral("cred1"), QStringLiteral("BYBIT"),
                        QStringLiteral("TESTNET"), state(0, 5)),
                 StoreError());
        QNetworkAccessManager network;
        CachedConnector c(QStringLiteral("user1"), QStringLiteral("cred1"), profile(),
                          Credentials(kKey, kSecret), s.get(), &network);
        QCOMPARE(c.initializeBlocking().source, InitResult::Source::CacheHit);
        fake()->setFault(FakeExchange::Fault::Http500); // the time endpoint is down
        const ApiCallResult call = c.verifyConnectionBlocking();
        QVERIFY2(call.ok, qPrintable(call.error));
        QVERIFY(call.retried);
        QCOMPARE(fake()->signedRequests(), 2);
        QCOMPARE(fake()->rejectedTimestamps(), 1);
        QVERIFY2(qAbs(c.offsetMs() + 8000) < 100, qPrintable(QString::number(c.offsetMs())));
        // Invalidated, and not rewritten from a failed sync.
        auto entry = s->entry(QStringLiteral("user1"), QStringLiteral("cred1"));
        QVERIFY(entry.ok());
        QVERIFY(!entry->isValid);
        QCOMPARE(entry->timeOffsetMs, 0);
    }

    void theSafetyMarginGrowsWithTheOffsetsAge()
    {
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        CacheStore s(m_db->config(), storeOptions(), &clock);
        QCOMPARE(s.open(), StoreError());
        QCOMPARE(s.set(QStringLiteral("user1"), QStringLiteral("cred1"), QStringLiteral("BYBIT"),
                       QStringLiteral("TESTNET"), stateAt(250, 10, clock.nowMs()), 24h),
                 StoreError());
        QNetworkAccessManager network;
        CachedConnector c(QStringLiteral("user1"), QStringLiteral("cred1"), profile(),
                          Credentials(kKey, kSecret), &s, &network, &clock);
        QCOMPARE(c.initializeBlocking().source, InitResult::Source::CacheHit);
        QCOMPARE(c.safetyMarginMs(), 10);
        QCOMPARE(c.requestTimestampMs(), clock.nowMs() + 250 - 10);
        clock.advanceMs(2 * 3'600'000); // two hours at 50 ms/h
        QCOMPARE(c.errorBoundMs(), 110.0);
        QCOMPARE(c.requestTimestampMs(), clock.nowMs() + 250 - 110);
        // The signing helpers carry that timestamp.
        const auto headers = c.bybitSignedHeaders("category=linear");
        QCOMPARE(headers.at(1).second, QByteArray::number(clock.nowMs() + 250 - 110));
        QVERIFY(c.bingxSignedQuery({}).contains("timestamp=" +
                                                QByteArray::number(clock.nowMs() + 250 - 110)));
    }

    void aGoodOffsetSignsAcceptedRequests()
    {
        fake()->setSkewMs(900);
        auto s = store();
        QNetworkAccessManager network;
        CachedConnector c(QStringLiteral("user1"), QStringLiteral("cred1"), profile(),
                          Credentials(kKey, kSecret), s.get(), &network);
        QVERIFY(c.initializeBlocking().ok);
        const ApiCallResult call = c.verifyConnectionBlocking();
        QVERIFY2(call.ok, qPrintable(call.error));
        QVERIFY(!call.retried);
        QCOMPARE(fake()->rejectedTimestamps(), 0);
    }

    // A connector given no QNetworkAccessManager builds none for a start-up served by the
    // cache (a cold start's hit pays for no network set-up), and makes one, shared by its sync
    // and its signed requests, when it first goes to the exchange.
    void withoutAManagerTheConnectorMakesItsOwnOnlyWhenNeeded()
    {
        auto s = store();
        QCOMPARE(s->set(QStringLiteral("user1"), QStringLiteral("cred1"), QStringLiteral("BYBIT"),
                        QStringLiteral("TESTNET"), state(145, 12, 4000)),
                 StoreError());
        const auto managers = [](const QObject &o) {
            return o.findChildren<QNetworkAccessManager *>(Qt::FindChildrenRecursively).size();
        };
        {
            CachedConnector hit(QStringLiteral("user1"), QStringLiteral("cred1"), profile(),
                                Credentials(kKey, kSecret), s.get(), nullptr);
            QCOMPARE(hit.initializeBlocking().source, InitResult::Source::CacheHit);
            QCOMPARE(managers(hit), 0);
        }
        fake()->setSkewMs(700);
        CachedConnector miss(QStringLiteral("user2"), QStringLiteral("cred1"), profile(),
                             Credentials(kKey, kSecret), s.get(), nullptr);
        const InitResult r = miss.initializeBlocking();
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.source, InitResult::Source::Synced);
        QVERIFY(qAbs(r.offsetMs - 700) <= r.errorBoundMs + 1);
        QCOMPARE(managers(miss), 1);
        const ApiCallResult call = miss.verifyConnectionBlocking();
        QVERIFY2(call.ok, qPrintable(call.error));
        QCOMPARE(managers(miss), 1); // the sync's, not a second one
        QCOMPARE(fake()->rejectedTimestamps(), 0);
    }

    void aBrokenStoreFallsBackToALiveSync()
    {
        QString error;
        CacheStore broken(DatabaseConfig::fromUrl(
            m_db->isPostgres() ? QStringLiteral("postgresql://x@127.0.0.1:1/none")
                               : QStringLiteral("sqlite:///proc/none/x.db"),
            &error));
        const InitResult r = init(&broken);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.source, InitResult::Source::LiveSync);
        QCOMPARE(r.cacheOutcome, Lookup::Outcome::Failed);
        QCOMPARE(r.exchangeRequests, 5);
        const InitResult none = init(nullptr);
        QVERIFY(none.ok);
        QCOMPARE(none.source, InitResult::Source::LiveSync);
    }

    void aFailedSyncNeverTouchesTheCache()
    {
        fake()->setFault(FakeExchange::Fault::Html);
        auto s = store();
        const InitResult r = init(s.get());
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("HTTP 502")), qPrintable(r.error));
        QVERIFY2(r.error.startsWith(QStringLiteral("BYBIT 127.0.0.1: ")), qPrintable(r.error));
        QCOMPARE(s->count(EntryFilter()).value(), 0);
        // And the lease is free again for the next try.
        QCOMPARE(s->acquireSyncLease(QStringLiteral("user1"), QStringLiteral("cred1"),
                                     QStringLiteral("other"), 1s)
                     .value(),
                 true);
    }

    void aFailedSyncLeavesAnExistingEntryAsItWas()
    {
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        CacheStore s(m_db->config(), storeOptions(), &clock);
        QCOMPARE(s.open(), StoreError());
        // Expired, and too uncertain to stand in: the failure is reported.
        QCOMPARE(s.set(QStringLiteral("user1"), QStringLiteral("cred1"), QStringLiteral("BYBIT"),
                       QStringLiteral("TESTNET"), stateAt(77, 2400, clock.nowMs()), 60s),
                 StoreError());
        // Expired but still safe by drift: it stands in, and is left as it was too.
        QCOMPARE(s.set(QStringLiteral("user2"), QStringLiteral("cred1"), QStringLiteral("BYBIT"),
                       QStringLiteral("TESTNET"), stateAt(88, 5, clock.nowMs()), 60s),
                 StoreError());
        const CacheEntry before1 =
            s.entry(QStringLiteral("user1"), QStringLiteral("cred1")).value();
        const CacheEntry before2 =
            s.entry(QStringLiteral("user2"), QStringLiteral("cred1")).value();
        clock.advanceMs(16 * 60'000);
        fake()->setFault(FakeExchange::Fault::Truncated);

        InitResult r =
            init(&s, Exchange::Bybit, ConnectorOptions(), QStringLiteral("user1"), &clock);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("not valid JSON")), qPrintable(r.error));
        r = init(&s, Exchange::Bybit, ConnectorOptions(), QStringLiteral("user2"), &clock);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.source, InitResult::Source::StaleButSafe);
        QCOMPARE(r.offsetMs, 88);
        QVERIFY(!r.sync.ok()); // the failed sync is reported alongside
        QVERIFY(logText().contains(QStringLiteral("still safe by drift")));

        for (const CacheEntry &before : {before1, before2}) {
            const CacheEntry after = s.entry(before.userId, before.credentialId).value();
            QCOMPARE(after.timeOffsetMs, before.timeOffsetMs);
            QCOMPARE(after.lastSyncTime, before.lastSyncTime);
            QCOMPARE(after.expiresAt, before.expiresAt);
            QCOMPARE(after.isValid, true);
            QCOMPARE(after.metadata, before.metadata);
        }
    }

    void startUpNeverOutlivesItsLimit()
    {
        fake()->setFault(FakeExchange::Fault::NoAnswer);
        auto s = store();
        ConnectorOptions options;
        options.startupLimitMs = 800;
        QElapsedTimer timer;
        timer.start();
        const InitResult r = init(s.get(), Exchange::Bybit, options);
        QVERIFY(!r.ok);
        QVERIFY(timer.elapsed() < 3000);
        QVERIFY2(r.error.contains(QStringLiteral("800 ms")), qPrintable(r.error));

        // With an expired offset that is still safe, the limit yields that offset instead.
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        CacheStore manual(m_db->config(), storeOptions(), &clock);
        QCOMPARE(manual.open(), StoreError());
        QCOMPARE(manual.set(QStringLiteral("user2"), QStringLiteral("cred1"),
                            QStringLiteral("BYBIT"), QStringLiteral("TESTNET"),
                            stateAt(42, 5, clock.nowMs()), 60s),
                 StoreError());
        clock.advanceMs(120'000);
        const InitResult stale =
            init(&manual, Exchange::Bybit, options, QStringLiteral("user2"), &clock);
        QVERIFY2(stale.ok, qPrintable(stale.error));
        QCOMPARE(stale.source, InitResult::Source::StaleButSafe);
        QCOMPARE(stale.offsetMs, 42);
    }

    void refreshAheadKeepsABusyCredentialWarm()
    {
        // The XFetch rule: certain at expiry, practically never with most of the TTL left.
        QVERIFY(CachedConnector::shouldRefreshAhead(0, 1000, 1.0, 0.5));
        QVERIFY(!CachedConnector::shouldRefreshAhead(840'000, 1000, 1.0, 0.5));
        QVERIFY(CachedConnector::shouldRefreshAhead(500, 1000, 1.0, 0.5)); // -ln(0.5) = 0.69
        QVERIFY(!CachedConnector::shouldRefreshAhead(800, 1000, 1.0, 0.5));
        QVERIFY(!CachedConnector::shouldRefreshAhead(0, 1000, 0.0, 0.5)); // off

        auto s = store();
        QCOMPARE(s->set(QStringLiteral("user1"), QStringLiteral("cred1"), QStringLiteral("BYBIT"),
                        QStringLiteral("TESTNET"), state(5, 5), 2s),
                 StoreError());
        const qint64 expiresBefore = s->entry(QStringLiteral("user1"), QStringLiteral("cred1"))
                                         ->expiresAt.toMSecsSinceEpoch();
        QNetworkAccessManager network;
        ConnectorOptions options;
        options.refreshAheadBeta = 1e6; // make the draw certain for the test
        CachedConnector c(QStringLiteral("user1"), QStringLiteral("cred1"), profile(),
                          Credentials(kKey, kSecret), s.get(), &network, Clock::system(), options);
        QSignalSpy refreshed(&c, &CachedConnector::refreshedAhead);
        const InitResult r = c.initializeBlocking();
        QCOMPARE(r.source, InitResult::Source::CacheHit); // the start itself does not wait
        QCOMPARE(r.exchangeRequests, 0);
        QVERIFY(refreshed.wait(10000));
        QVERIFY(refreshed.at(0).at(0).value<SyncResult>().ok());
        QCOMPARE(fake()->timeRequests(), 5);
        auto after = s->entry(QStringLiteral("user1"), QStringLiteral("cred1"));
        QVERIFY(after->expiresAt.toMSecsSinceEpoch() > expiresBefore + 60'000);
        QCOMPARE(after->metadata.value(QStringLiteral("sync"))
                     .toObject()
                     .value(QStringLiteral("source"))
                     .toString(),
                 QStringLiteral("refresh ahead"));
    }

    void theStormOnAnExpiredSafeEntrySyncsOnceAndNobodyWaits()
    {
        fake()->setDelayMs(60, 10); // ~300 ms for a sync of 5 samples
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        {
            CacheStore s(m_db->config(), storeOptions(), &clock);
            QCOMPARE(s.open(), StoreError());
            QCOMPARE(s.set(QStringLiteral("storm"), QStringLiteral("cred"), QStringLiteral("BYBIT"),
                           QStringLiteral("TESTNET"), stateAt(64, 5, clock.nowMs())),
                     StoreError());
        }
        clock.advanceMs(16 * 60'000); // past the 15 min TTL; 5 + 13 ms of uncertainty: safe
        constexpr int kConnectors = 6;
        const std::vector<InitResult> results = storm(kConnectors, &clock);
        for (const InitResult &r : results)
            QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(count(results, InitResult::Source::Synced), 1);
        // The rest used the old offset at once (or the new one, if they looked after the save).
        QCOMPARE(count(results, InitResult::Source::StaleButSafe) +
                     count(results, InitResult::Source::CacheHit),
                 kConnectors - 1);
        QCOMPARE(count(results, InitResult::Source::PeerSync), 0);
        QCOMPARE(fake()->timeRequests(), 5); // one sync's burst
    }

    void theStormOnAnExpiredUnsafeEntryWaitsForOneSync()
    {
        fake()->setDelayMs(60, 10);
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        {
            CacheStore s(m_db->config(), storeOptions(), &clock);
            QCOMPARE(s.open(), StoreError());
            QCOMPARE(s.set(QStringLiteral("storm"), QStringLiteral("cred"), QStringLiteral("BYBIT"),
                           QStringLiteral("TESTNET"), stateAt(64, 2400, clock.nowMs())),
                     StoreError());
        }
        clock.advanceMs(16 * 60'000); // expired, and ±2400 ms does not fit Bybit's window
        constexpr int kConnectors = 6;
        ConnectorOptions options;
        options.leaseWaitMs = 5000;
        const std::vector<InitResult> results = storm(kConnectors, &clock, options);
        for (const InitResult &r : results)
            QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(count(results, InitResult::Source::Synced), 1);
        QCOMPARE(count(results, InitResult::Source::PeerSync) +
                     count(results, InitResult::Source::CacheHit),
                 kConnectors - 1);
        QCOMPARE(count(results, InitResult::Source::StaleButSafe), 0);
        QCOMPARE(fake()->timeRequests(), 5);
        // Everyone ended up with the one measured offset.
        for (const InitResult &r : results)
            QCOMPARE(r.offsetMs, results.front().offsetMs);
    }

    void theStormAcrossProcessesSyncsOnce()
    {
        // Separate processes, each with its own database connection, against one entry that
        // expired a minute ago and is too uncertain to stand in.
        fake()->setDelayMs(60, 10);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        {
            ManualClock past(now - 16 * 60'000);
            CacheStore s(m_db->config(), storeOptions(), &past);
            QCOMPARE(s.open(), StoreError());
            QCOMPARE(s.set(QStringLiteral("procs"), QStringLiteral("cred"), QStringLiteral("BYBIT"),
                           QStringLiteral("TESTNET"), stateAt(64, 2400, past.nowMs())),
                     StoreError());
        }
        constexpr int kProcesses = 5;
        const QString worker =
            QCoreApplication::applicationDirPath() + QStringLiteral("/cc_connector_worker");
        const QString startAt = QString::number(QDateTime::currentMSecsSinceEpoch() + 2500);
        std::vector<std::unique_ptr<QProcess>> processes;
        for (int i = 0; i < kProcesses; ++i) {
            auto p = std::make_unique<QProcess>();
            p->setProcessChannelMode(QProcess::SeparateChannels);
            p->start(worker, {m_db->url(), m_fake->baseUrl().toString(), QStringLiteral("procs"),
                              QStringLiteral("cred"), startAt});
            QVERIFY2(p->waitForStarted(10000), qPrintable(p->errorString()));
            processes.push_back(std::move(p));
        }
        QStringList sources;
        for (auto &p : processes) {
            QVERIFY(p->waitForFinished(60000));
            const QByteArray out = p->readAllStandardOutput().trimmed();
            const QJsonObject o = QJsonDocument::fromJson(out.split('\n').last()).object();
            QVERIFY2(o.value(QStringLiteral("ok")).toBool(),
                     qPrintable(QString::fromUtf8(out + p->readAllStandardError())));
            sources << o.value(QStringLiteral("source")).toString();
        }
        QCOMPARE(sources.count(QStringLiteral("cache MISS")), 1);
        QCOMPARE(sources.count(QStringLiteral("cache HIT after a peer's sync")) +
                     sources.count(QStringLiteral("cache HIT")),
                 kProcesses - 1);
        QCOMPARE(fake()->timeRequests(), 5); // one sync's burst, not five
    }

    void aHolderThatFailsHandsOverWithoutTheFullWait()
    {
        // The lease is held by a "process" that then gives up without saving: a waiter takes
        // over as soon as the lease is free, not after leaseWaitMs.
        auto s = store();
        QCOMPARE(s->acquireSyncLease(QStringLiteral("user1"), QStringLiteral("cred1"),
                                     QStringLiteral("crashed"), 60s)
                     .value(),
                 true);
        ConnectorOptions options;
        options.leaseWaitMs = 60'000;
        options.startupLimitMs = 60'000;
        QNetworkAccessManager network;
        CachedConnector c(QStringLiteral("user1"), QStringLiteral("cred1"), profile(),
                          Credentials(kKey, kSecret), s.get(), &network, Clock::system(), options);
        QSignalSpy done(&c, &CachedConnector::initialized);
        c.initialize();
        // A round trip through the connector's own queue: initialize() queued the lookup before
        // this call, so when it returns the lookup has run and decided (no sleeping and hoping).
        QEventLoop drained;
        QMetaObject::invokeMethod(
            &c, [&drained]() { drained.quit(); }, Qt::QueuedConnection);
        drained.exec();
        // It decided to wait for the holder: no result, no sync started, nothing sent.
        QVERIFY2(logText().contains(QStringLiteral("Another process is syncing this credential - "
                                                   "waiting up to")),
                 qPrintable(logText()));
        QCOMPARE(done.size(), 0);
        QVERIFY(!c.isInitialized());
        TimeSync *sync = c.findChild<TimeSync *>();
        QVERIFY(sync);
        QVERIFY(!sync->isRunning());
        QCOMPARE(fake()->timeRequests(), 0);
        QCOMPARE(s->releaseSyncLease(QStringLiteral("user1"), QStringLiteral("cred1"),
                                     QStringLiteral("crashed")),
                 StoreError());
        QVERIFY(done.wait(10'000));
        const InitResult r = done.at(0).at(0).value<InitResult>();
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.source, InitResult::Source::Synced);
        QCOMPARE(fake()->timeRequests(), 5);
    }

    void verifyingDuringStartUpIsRefusedInWords()
    {
        auto s = store();
        fake()->setDelayMs(200);
        QNetworkAccessManager network;
        CachedConnector c(QStringLiteral("user1"), QStringLiteral("cred1"), profile(),
                          Credentials(kKey, kSecret), s.get(), &network);
        QSignalSpy verified(&c, &CachedConnector::verified);
        c.initialize();
        c.verifyConnection();
        QVERIFY(verified.wait(5000));
        const ApiCallResult r = verified.at(0).at(0).value<ApiCallResult>();
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("has not finished")), qPrintable(r.error));
        QCOMPARE(fake()->signedRequests(), 0);
    }

    void theColdStartStormSyncsOnce()
    {
        fake()->setDelayMs(60, 10); // ~300 ms for a sync of 5 samples
        constexpr int kProcesses = 6;
        std::vector<std::unique_ptr<QThread>> threads;
        std::vector<InitResult> results(kProcesses);
        const QUrl base = m_fake->baseUrl();
        const DatabaseConfig config = m_db->config();
        for (int i = 0; i < kProcesses; ++i) {
            threads.emplace_back(QThread::create([&, i]() {
                CacheStore s(config, storeOptions());
                s.open();
                QNetworkAccessManager network;
                QString error;
                auto p = ExchangeProfile::resolve(
                    QStringLiteral("BYBIT"), QStringLiteral("TESTNET"), base.toString(), &error);
                ConnectorOptions options;
                options.leaseWaitMs = 4000;
                CachedConnector c(QStringLiteral("storm"), QStringLiteral("cred"), *p,
                                  Credentials(kKey, kSecret), &s, &network, Clock::system(),
                                  options);
                results[size_t(i)] = c.initializeBlocking();
            }));
        }
        for (auto &t : threads)
            t->start();
        for (auto &t : threads)
            QVERIFY(t->wait(30000));
        int synced = 0;
        int peer = 0;
        for (const InitResult &r : results) {
            QVERIFY2(r.ok, qPrintable(r.error));
            synced += r.source == InitResult::Source::Synced ? 1 : 0;
            peer += (r.source == InitResult::Source::PeerSync ||
                     r.source == InitResult::Source::CacheHit)
                        ? 1
                        : 0;
        }
        QCOMPARE(synced, 1);
        QCOMPARE(peer, kProcesses - 1);
        QCOMPARE(fake()->timeRequests(), 5); // one sync's samples, not six
    }
};

QTEST_GUILESS_MAIN(TestConnector)
#include "tst_connector.moc"
