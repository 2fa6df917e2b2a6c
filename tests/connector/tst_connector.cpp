// The cached connector start-up against the fake exchange and a real store (SQLite and
// PostgreSQL): hits without a network call, misses that sync and save, unsafe offsets, timestamp
// rejections, store failures, the cold-start storm and the start-up limit.

#include "core/connector/cachedconnector.h"
#include "core/store/cachestore.h"
#include "tests/support/fakeexchange/fakeexchange.h"
#include "tests/support/testdatabase.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QNetworkAccessManager>
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
        auto s = std::make_unique<CacheStore>(m_db->config());
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
    InitResult init(CacheStore *s, Exchange exchange = Exchange::Bybit,
                    ConnectorOptions options = ConnectorOptions(),
                    const QString &user = QStringLiteral("user1"))
    {
        QNetworkAccessManager network;
        CachedConnector connector(user, QStringLiteral("cred1"), profile(exchange),
                                  Credentials(kKey, kSecret), s, &network, Clock::system(),
                                  options);
        return connector.initializeBlocking();
    }

private Q_SLOTS:
    void initTestCase() { g_previous = qInstallMessageHandler(capture); }

    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        {
            CacheStore s(m_db->config());
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
        auto s = store();
        QCOMPARE(s->set(QStringLiteral("user1"), QStringLiteral("cred1"), QStringLiteral("BYBIT"),
                        QStringLiteral("TESTNET"), state(10, 5), 1s),
                 StoreError());
        QTest::qWait(1100);
        InitResult r = init(s.get());
        QCOMPARE(r.cacheOutcome, Lookup::Outcome::Expired);
        QCOMPARE(r.source, InitResult::Source::Synced);
        QCOMPARE(r.exchangeRequests, 5);

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
        QCOMPARE(s->count(EntryFilter()).value(), 0);
        // And the lease is free again for the next try.
        QCOMPARE(s->acquireSyncLease(QStringLiteral("user1"), QStringLiteral("cred1"),
                                     QStringLiteral("other"), 1s)
                     .value(),
                 true);
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
                CacheStore s(config);
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
