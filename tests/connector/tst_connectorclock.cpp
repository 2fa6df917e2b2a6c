// The cached connector and the sync log (issue 17), against the fake exchange and a real store
// (SQLite, PostgreSQL, PgBouncer): every sync it runs and every timestamp rejection it meets is
// logged after initialized(); a log that cannot be written never costs the start; the measured
// drift feeds its margin and the opt-in adaptive TTL, and travels with the entry to later hits.

#include "core/connector/cachedconnector.h"
#include "core/connector/syncmetadata.h"
#include "core/store/cachestore.h"
#include "core/store/entryjson.h"
#include "core/store/synclogquery.h"
#include "core/timesync/hostclock.h"
#include "tests/support/fakeexchange/fakeexchange.h"
#include "tests/support/syncseries.h"
#include "tests/support/testdatabase.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTest>

#include <cmath>
#include <limits>
#include <memory>

using namespace cc;
using namespace std::chrono_literals;
using test::FakeExchange;

namespace {

const QString kKey = QStringLiteral("TESTKEY123");
const QByteArray kSecret = "VerySecretValue987";
const QString kUser = QStringLiteral("user1");
const QString kCred = QStringLiteral("cred1");

} // namespace

class TestConnectorClock : public QObject
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
    std::unique_ptr<CacheStore> store(CacheStore::Options options = CacheStore::Options())
    {
        auto s = std::make_unique<CacheStore>(m_db->config(), options);
        s->open();
        return s;
    }
    QList<SyncLogRecord> logRows(CacheStore &s, std::optional<SyncLogRecord::Kind> kind = {})
    {
        SyncLogQuery q;
        q.kind = kind;
        auto rows = s.syncLog(q);
        if (!rows.ok())
            QTest::qFail(qPrintable(rows.error().message()), __FILE__, __LINE__);
        return rows.ok() ? rows.value() : QList<SyncLogRecord>();
    }
    // Lets the connector's queued log flush run.
    static void settle()
    {
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents();
    }
    // Ok syncs of this credential from this host, one every 10 minutes for `count` syncs up to
    // 1 minute ago, whose offsets drift by ppm.
    void seedSeries(CacheStore &s, double ppm, int count, double boundMs = 2.0)
    {
        for (const SyncLogRecord &r :
             test::driftingSyncs(CacheStore::cacheKey(kUser, kCred), profile().baseUrl.toString(),
                                 SyncSource::Connector, ppm, count, boundMs, 5))
            QCOMPARE(s.appendSyncLog(r), StoreError());
    }

private Q_SLOTS:
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
        fake()->setDelayMs(5, 2);
    }
    void cleanup()
    {
        m_fake.reset();
        m_db.reset();
    }

    void aMissLogsItsSyncAndAHitLogsNothing()
    {
        auto s = store();
        fake()->setSkewMs(-1200);
        QNetworkAccessManager network;
        {
            CachedConnector c(kUser, kCred, profile(), Credentials(kKey, kSecret), s.get(),
                              &network);
            const InitResult r = c.initializeBlocking();
            QVERIFY2(r.ok, qPrintable(r.error));
            QCOMPARE(r.source, InitResult::Source::Synced);
            settle();
        }
        QList<SyncLogRecord> rows = logRows(*s);
        QCOMPARE(rows.size(), 1);
        const SyncLogRecord &row = rows.first();
        QCOMPARE(row.kind, SyncLogRecord::Kind::Sync);
        QCOMPARE(row.source, SyncSource::Connector);
        QCOMPARE(row.identity, CacheStore::cacheKey(kUser, kCred));
        QCOMPARE(row.outcome, SyncResult::Error::None);
        QCOMPARE(row.hostName, readHostInfo().hostName);
        QCOMPARE(row.baseUrl, profile().baseUrl.toString());
        QVERIFY2(qAbs(row.offsetMs + 1200) <= row.errorBoundMs + 2,
                 qPrintable(QString::number(row.offsetMs)));
        QVERIFY(row.samples > 0);
        // A hit: no sync, no row.
        {
            CachedConnector c(kUser, kCred, profile(), Credentials(kKey, kSecret), s.get(),
                              &network);
            QCOMPARE(c.initializeBlocking().source, InitResult::Source::CacheHit);
            settle();
        }
        QCOMPARE(logRows(*s).size(), 1);
    }

    void aFailedSyncIsLoggedToo()
    {
        auto s = store();
        fake()->setFault(FakeExchange::Fault::Http500);
        QNetworkAccessManager network;
        {
            CachedConnector c(kUser, kCred, profile(), Credentials(kKey, kSecret), s.get(),
                              &network);
            QVERIFY(!c.initializeBlocking().ok);
        }
        const QList<SyncLogRecord> rows = logRows(*s);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().outcome, SyncResult::Error::Http);
        QVERIFY(!rows.first().errorMessage.isEmpty());
    }

    void aRejectionIsLoggedWithTheServerTimeItCarried_data()
    {
        QTest::addColumn<int>("exchange");
        QTest::addColumn<int>("code");
        QTest::newRow("bybit 10002") << int(Exchange::Bybit) << 10002;
        QTest::newRow("bingx 100421") << int(Exchange::BingX) << 100421;
    }

    void aRejectionIsLoggedWithTheServerTimeItCarried()
    {
        QFETCH(int, exchange);
        QFETCH(int, code);
        const Exchange ex = Exchange(exchange);
        fake()->setSkewMs(-8000);
        auto s = store();
        TimeSyncState wrong; // a cached offset of 0 where the truth is -8000
        wrong.timeOffsetMs = 0;
        wrong.lastSyncTime = QDateTime::currentDateTimeUtc();
        wrong.metadata =
            QJsonObject{{QStringLiteral("sync"), QJsonObject{{QStringLiteral("errorBoundMs"), 5}}}};
        QCOMPARE(s->set(kUser, kCred, exchangeName(ex), QStringLiteral("TESTNET"), wrong),
                 StoreError());
        QNetworkAccessManager network;
        {
            CachedConnector c(kUser, kCred, profile(ex), Credentials(kKey, kSecret), s.get(),
                              &network);
            QCOMPARE(c.initializeBlocking().source, InitResult::Source::CacheHit);
            const ApiCallResult call = c.verifyConnectionBlocking();
            QVERIFY2(call.ok, qPrintable(call.error));
            settle();
        }
        const QList<SyncLogRecord> rejections = logRows(*s, SyncLogRecord::Kind::Rejection);
        QCOMPARE(rejections.size(), 1);
        const SyncLogRecord &r = rejections.first();
        QCOMPARE(r.errorCode, code);
        QCOMPARE(r.exchange, ex);
        // The server time it carried: about 8 s behind the local time it arrived at, and the
        // event says the signed timestamp was about 8 s ahead.
        QVERIFY2(qAbs(r.serverTimeMs - (r.atMs - 8000)) < 200,
                 qPrintable(QString::number(r.serverTimeMs - r.atMs)));
        const QList<ClockEvent> events = rejectionEvents(rejections);
        QCOMPARE(events.size(), 1);
        QVERIFY2(events.first().deltaMs < -7700 && events.first().deltaMs > -8300,
                 qPrintable(QString::number(events.first().deltaMs)));
        // The resync after it is logged as a sync.
        QCOMPARE(logRows(*s, SyncLogRecord::Kind::Sync).size(), 1);
    }

    void aMissingLogTableNeverCostsTheStart()
    {
        auto s = store();
        QCOMPARE(m_db->exec(QStringLiteral("DROP TABLE connector_cache_sync_log")), QString());
        QNetworkAccessManager network;
        {
            CachedConnector c(kUser, kCred, profile(), Credentials(kKey, kSecret), s.get(),
                              &network);
            const InitResult r = c.initializeBlocking();
            QVERIFY2(r.ok, qPrintable(r.error));
            QCOMPARE(r.source, InitResult::Source::Synced); // saved: the cache itself works
            settle();
        }
        auto entry = s->entry(kUser, kCred);
        QVERIFY(entry.ok());
        QVERIFY(entry->isValid);
        // The next start is a hit, log or no log.
        CachedConnector c(kUser, kCred, profile(), Credentials(kKey, kSecret), s.get(), &network);
        QCOMPARE(c.initializeBlocking().source, InitResult::Source::CacheHit);
    }

    void anUnreachableStoreStillStartsWithinItsLimit()
    {
        QString error;
        const DatabaseConfig config = DatabaseConfig::fromUrl(
            m_db->isPostgres() ? QStringLiteral("postgresql://nobody@127.0.0.1:1/none")
                               : QStringLiteral("sqlite:///proc/no/such/dir/cache.db"),
            &error);
        QVERIFY(error.isEmpty());
        CacheStore::Options storeOptions;
        storeOptions.timeout = 300ms;
        CacheStore s(config, storeOptions);
        ConnectorOptions options;
        options.adaptiveTtl = true;
        QNetworkAccessManager network;
        QElapsedTimer timer;
        timer.start();
        {
            CachedConnector c(kUser, kCred, profile(), Credentials(kKey, kSecret), &s, &network,
                              Clock::system(), options);
            const InitResult r = c.initializeBlocking();
            QVERIFY2(r.ok, qPrintable(r.error));
            QCOMPARE(r.source, InitResult::Source::LiveSync);
            settle();
        }
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }

    void theMeasuredDriftSetsTheMarginAndTheAdaptiveTtl()
    {
        auto s = store();
        seedSeries(*s, 200, 13); // 200 ppm over 2 h: 720 ms/h
        ConnectorOptions options;
        options.adaptiveTtl = true;
        QNetworkAccessManager network;
        CachedConnector c(kUser, kCred, profile(), Credentials(kKey, kSecret), s.get(), &network,
                          Clock::system(), options);
        const InitResult r = c.initializeBlocking();
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.source, InitResult::Source::Synced);
        const DriftEstimate &drift = c.measuredDrift();
        QVERIFY(drift.known);
        QVERIFY2(qAbs(drift.ppm - 200) <= drift.ppmError + 5,
                 qPrintable(QString::number(drift.ppm)));
        QCOMPARE(c.driftMsPerHour(), drift.planningMsPerHour());
        QVERIFY(c.driftMsPerHour() > 700);
        // The TTL saved: the adaptive choice, and the margin at its end above the safety.
        const qint64 ttlMs = qint64(c.lastSavedTtl().count()) * 1000;
        const TtlChoice expected = adaptiveTtl(r.sync.errorBoundMs, drift);
        QVERIFY(expected.adaptive);
        QVERIFY2(qAbs(ttlMs - expected.ttlMs) <= 1000, qPrintable(QString::number(ttlMs)));
        QVERIFY(ttlMs < 2 * 3'600'000);
        QVERIFY(aheadMarginMs(r.sync.errorBoundMs, ttlMs, c.driftMsPerHour()) >= 500);
        auto entry = s->entry(kUser, kCred);
        QVERIFY(entry.ok());
        const qint64 written =
            entry->expiresAt.toMSecsSinceEpoch() - entry->updatedAt.toMSecsSinceEpoch();
        QVERIFY2(qAbs(written - ttlMs) < 2000, qPrintable(QString::number(written)));
    }

    void adaptiveTtlWithoutDataIsTheFixedTtl()
    {
        auto s = store();
        ConnectorOptions options;
        options.adaptiveTtl = true;
        options.ttl = 600s;
        QNetworkAccessManager network;
        CachedConnector c(kUser, kCred, profile(), Credentials(kKey, kSecret), s.get(), &network,
                          Clock::system(), options);
        QVERIFY(c.initializeBlocking().ok);
        QVERIFY(!c.measuredDrift().known);
        QCOMPARE(c.lastSavedTtl(), std::chrono::seconds(600));
        QCOMPARE(c.driftMsPerHour(), options.driftMsPerHour);
    }

    void adaptiveTtlIsOffByDefault()
    {
        auto s = store();
        seedSeries(*s, 1, 13); // a steady clock: adaptive would give the 2 h maximum
        QNetworkAccessManager network;
        CachedConnector c(kUser, kCred, profile(), Credentials(kKey, kSecret), s.get(), &network);
        QVERIFY(c.initializeBlocking().ok);
        QCOMPARE(c.lastSavedTtl(), ConnectorOptions().ttl);
        // The measured drift is still read (after the start) for the connector's own margin.
        settle();
        QVERIFY(c.measuredDrift().known);
        QVERIFY(c.driftMsPerHour() < ConnectorOptions().driftMsPerHour);
    }

    // The drift travels with the entry: a connector that measured 3000 ppm after its save
    // rewrites its entry with it; a later hit plans with it (a wider margin subtracted, an older
    // entry refused sooner) where an entry without one gets the default 50 ms/h.
    void aHitPlansWithTheDriftItsEntryCarries()
    {
        auto s = store();
        seedSeries(*s, 3000, 13); // 3000 ppm over 2 h: 10.8 s an hour
        QNetworkAccessManager network;
        {
            CachedConnector c(kUser, kCred, profile(), Credentials(kKey, kSecret), s.get(),
                              &network);
            const InitResult r = c.initializeBlocking();
            QVERIFY2(r.ok, qPrintable(r.error));
            QCOMPARE(r.source, InitResult::Source::Synced);
            QTRY_VERIFY(c.measuredDrift().known); // read after initialized()
            settle();
        }
        auto entry = s->entry(kUser, kCred);
        QVERIFY(entry.ok());
        const QJsonObject sync = entry->metadata.value(QStringLiteral("sync")).toObject();
        QVERIFY2(sync.value(QStringLiteral("driftPpm")).isDouble(),
                 QJsonDocument(entry->metadata).toJson().constData());
        const double ppm = sync.value(QStringLiteral("driftPpm")).toDouble();
        const double ppmError = sync.value(QStringLiteral("driftPpmError")).toDouble();
        QVERIFY2(qAbs(ppm - 3000) <= ppmError + 30, qPrintable(QString::number(ppm)));
        QVERIFY(sync.value(QStringLiteral("errorBoundMs")).isDouble()); // the account kept
        // The same entry without its drift, for another credential.
        TimeSyncState plain;
        plain.timeOffsetMs = entry->timeOffsetMs;
        plain.lastSyncTime = entry->lastSyncTime;
        QJsonObject plainSync = sync;
        plainSync.remove(QStringLiteral("driftPpm"));
        plainSync.remove(QStringLiteral("driftPpmError"));
        plain.metadata = QJsonObject{{QStringLiteral("sync"), plainSync}};
        QCOMPARE(s->set(kUser, QStringLiteral("plain"), QStringLiteral("BYBIT"),
                        QStringLiteral("TESTNET"), plain),
                 StoreError());

        // The store's lookup reads it back (the server takes it out of the metadata).
        const OffsetLookup withDrift = s->lookupOffset(kUser, kCred);
        const OffsetLookup without = s->lookupOffset(kUser, QStringLiteral("plain"));
        QVERIFY(withDrift.isHit() && without.isHit());
        QVERIFY(withDrift.record.driftPpm && withDrift.record.driftPpmError);
        QCOMPARE(*withDrift.record.driftPpm, ppm);
        QCOMPARE(*withDrift.record.driftPpmError, ppmError);
        QVERIFY(!without.record.driftPpm && !without.record.driftPpmError);

        // One minute after the sync: both safe, the margin of the one with the drift ~180 ms
        // smaller (3000 ppm for a minute), the other's 50 ms/h (under a millisecond).
        const qint64 synced = entry->lastSyncTime.toMSecsSinceEpoch();
        const ConnectorOptions options;
        const SafetyCheck a =
            CachedConnector::checkSafety(withDrift.record, synced + 60'000, profile(), options);
        const SafetyCheck b =
            CachedConnector::checkSafety(without.record, synced + 60'000, profile(), options);
        QVERIFY2(a.safe && b.safe, qPrintable(a.reason + b.reason));
        QVERIFY2(a.uncertaintyMs - b.uncertaintyMs > 170,
                 qPrintable(QStringLiteral("%1 vs %2").arg(a.uncertaintyMs).arg(b.uncertaintyMs)));
        const double bound = *withDrift.record.errorBoundMs;
        const double marginWith =
            aheadMarginMs(bound, 60'000, *storedDriftMsPerHour(withDrift.record));
        QVERIFY(marginWith < entryAheadMarginMs(s->entry(kUser, QStringLiteral("plain")).value(),
                                                synced + 60'000) -
                                 170);
        QCOMPARE(entryAheadMarginMs(entry.value(), synced + 60'000), marginWith);
        // Fourteen minutes after (still inside the TTL): 2.5 s of drift no longer fits Bybit's
        // 5 s window twice over; the default's 12 ms still does.
        const qint64 late = synced + 14 * 60'000;
        const SafetyCheck refused =
            CachedConnector::checkSafety(withDrift.record, late, profile(), options);
        QVERIFY(!refused.safe);
        QVERIFY2(refused.reason.contains(QStringLiteral("as measured when it was saved")),
                 qPrintable(refused.reason));
        QVERIFY(CachedConnector::checkSafety(without.record, late, profile(), options).safe);
        // measuredDrift off: the stored drift is not used.
        ConnectorOptions off;
        off.measuredDrift = false;
        QVERIFY(CachedConnector::checkSafety(withDrift.record, late, profile(), off).safe);

        // A connector's hit a minute after the sync plans with it.
        ManualClock later(synced + 60'000);
        CachedConnector c(kUser, kCred, profile(), Credentials(kKey, kSecret), s.get(), &network,
                          &later);
        const InitResult r = c.initializeBlocking();
        QCOMPARE(r.source, InitResult::Source::CacheHit);
        QVERIFY(c.entryDrift().known);
        QCOMPARE(c.driftMsPerHour(), *storedDriftMsPerHour(withDrift.record));
        QVERIFY2(qAbs(r.errorBoundMs - a.uncertaintyMs) < 0.01,
                 qPrintable(QString::number(r.errorBoundMs)));
        QVERIFY(c.safetyMarginMs() >= int(a.uncertaintyMs));
        CachedConnector d(kUser, QStringLiteral("plain"), profile(), Credentials(kKey, kSecret),
                          s.get(), &network, &later);
        const InitResult rd = d.initializeBlocking();
        QCOMPARE(rd.source, InitResult::Source::CacheHit);
        QVERIFY(!d.entryDrift().known);
        QCOMPARE(d.driftMsPerHour(), ConnectorOptions().driftMsPerHour);
        QVERIFY(r.errorBoundMs - rd.errorBoundMs > 170);
        qInfo("stored drift %.2f ± %.2f ppm; uncertainty a minute after the sync %.1f ms with it, "
              "%.1f ms without",
              ppm, ppmError, r.errorBoundMs, rd.errorBoundMs);
    }

    // With adaptive expiry, the drift read before the save goes into the entry at once, and
    // the TTL follows it.
    void adaptiveSaveStoresTheDriftItChoseBy()
    {
        auto s = store();
        seedSeries(*s, 200, 13);
        ConnectorOptions options;
        options.adaptiveTtl = true;
        QNetworkAccessManager network;
        CachedConnector c(kUser, kCred, profile(), Credentials(kKey, kSecret), s.get(), &network,
                          Clock::system(), options);
        QVERIFY(c.initializeBlocking().ok);
        QVERIFY(c.measuredDrift().known);
        auto entry = s->entry(kUser, kCred); // before any flush: written by the save itself
        QVERIFY(entry.ok());
        const SyncMetadata m = readSyncMetadata(entry->metadata);
        QVERIFY(m.driftPpm && m.driftPpmError);
        QVERIFY2(qAbs(*m.driftPpm - c.measuredDrift().ppm) < 0.01,
                 qPrintable(QString::number(*m.driftPpm)));
        QVERIFY(*m.driftPpmError >= c.measuredDrift().ppmError); // rounded up, never down
    }

    // Anything but two plausible numbers counts as no drift at all: the default 50 ms/h.
    void aCorruptStoredDriftCountsAsAbsent_data()
    {
        QTest::addColumn<QJsonValue>("ppm");
        QTest::addColumn<QJsonValue>("ppmError");
        QTest::newRow("text") << QJsonValue(QStringLiteral("3000")) << QJsonValue(1.0);
        QTest::newRow("absurd") << QJsonValue(5e9) << QJsonValue(1.0);
        QTest::newRow("absurd error") << QJsonValue(3000.0) << QJsonValue(1e12);
        QTest::newRow("negative error") << QJsonValue(3000.0) << QJsonValue(-1.0);
        QTest::newRow("error missing") << QJsonValue(3000.0) << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << QJsonValue(1.0);
        QTest::newRow("object") << QJsonValue(QJsonObject{{QStringLiteral("ppm"), 3000}})
                                << QJsonValue(1.0);
    }

    void aCorruptStoredDriftCountsAsAbsent()
    {
        QFETCH(QJsonValue, ppm);
        QFETCH(QJsonValue, ppmError);
        auto s = store();
        QJsonObject sync{{QStringLiteral("errorBoundMs"), 5.0}, {QStringLiteral("driftPpm"), ppm}};
        if (!ppmError.isUndefined())
            sync.insert(QStringLiteral("driftPpmError"), ppmError);
        TimeSyncState state;
        state.timeOffsetMs = -20;
        state.lastSyncTime = QDateTime::currentDateTimeUtc().addSecs(-120);
        state.metadata = QJsonObject{{QStringLiteral("sync"), sync}};
        QCOMPARE(s->set(kUser, kCred, QStringLiteral("BYBIT"), QStringLiteral("TESTNET"), state),
                 StoreError());
        const OffsetLookup lookup = s->lookupOffset(kUser, kCred);
        QVERIFY(lookup.isHit());
        QVERIFY(!lookup.record.driftPpm && !lookup.record.driftPpmError);
        QCOMPARE(lookup.record.errorBoundMs, std::optional<double>(5.0));
        QVERIFY(!storedDriftMsPerHour(lookup.record));
        auto entry = s->entry(kUser, kCred);
        QVERIFY(entry.ok());
        QVERIFY(!storedDriftMsPerHour(entry.value()));
        QVERIFY(!readSyncMetadata(entry->metadata).driftPpm);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(entryAheadMarginMs(entry.value(), now),
                 entryAheadMarginMs(entry.value(), now, kDefaultDriftMsPerHour));
        const SafetyCheck check =
            CachedConnector::checkSafety(lookup.record, now, profile(), ConnectorOptions());
        QVERIFY(check.safe);
        QVERIFY2(qAbs(check.uncertaintyMs -
                      offsetUncertaintyMs(5.0, now - state.lastSyncTime.toMSecsSinceEpoch(),
                                          kDefaultDriftMsPerHour)) < 0.01,
                 qPrintable(QString::number(check.uncertaintyMs)));
        // A hit on it plans with the default.
        QNetworkAccessManager network;
        CachedConnector c(kUser, kCred, profile(), Credentials(kKey, kSecret), s.get(), &network);
        QCOMPARE(c.initializeBlocking().source, InitResult::Source::CacheHit);
        QVERIFY(!c.entryDrift().known);
        QCOMPARE(c.driftMsPerHour(), ConnectorOptions().driftMsPerHour);
    }

    void plausibleDriftRejectsNaN()
    {
        QVERIFY(OffsetRecord::plausibleDrift(3000, 2));
        QVERIFY(OffsetRecord::plausibleDrift(-3000, 0));
        QVERIFY(!OffsetRecord::plausibleDrift(std::nan(""), 1));
        QVERIFY(!OffsetRecord::plausibleDrift(3000, std::nan("")));
        QVERIFY(!OffsetRecord::plausibleDrift(std::numeric_limits<double>::infinity(), 1));
        OffsetRecord r;
        r.setDrift(3000.0, std::nan(""));
        QVERIFY(!r.driftPpm && !r.driftPpmError);
    }
};

QTEST_GUILESS_MAIN(TestConnectorClock)
#include "tst_connectorclock.moc"
