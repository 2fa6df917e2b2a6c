// Clock health through the real connector-cache executable (issue 17): syncs against a fake
// exchange that drifts and steps write the log, `clock --json` measures the drift within its
// stated uncertainty and reports the step as exchange-side; `syncs` lists the log; `--ttl auto`
// falls back to the fixed TTL without data and never exceeds what the safety allows; `cleanup`
// prunes the log. SQLite, PostgreSQL and PgBouncer.

#include "core/store/cachestore.h"
#include "core/store/synclogquery.h"
#include "core/timesync/clockhealth.h"
#include "core/timesync/hostclock.h"
#include "tests/support/clirun.h"
#include "tests/support/fakeexchange/fakeexchange.h"
#include "tests/support/syncseries.h"
#include "tests/support/testdatabase.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <memory>

using namespace cc;

namespace {

struct Run : test::CliRun
{
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

} // namespace

class TestClock : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;

    Run cli(QStringList args)
    {
        args << QStringLiteral("--database") << m_db->url();
        if (test::TestDatabase::pooledRequested())
            args << QStringLiteral("--pooled");
        Run r;
        static_cast<test::CliRun &>(r) = test::runCli(args);
        return r;
    }
    Run sync(const test::FakeExchangeThread &fake, const QStringList &extra = {})
    {
        return cli(QStringList{QStringLiteral("sync"), QStringLiteral("--exchange"),
                               QStringLiteral("BYBIT"), QStringLiteral("--base-url"),
                               fake.baseUrl().toString(), QStringLiteral("--samples"),
                               QStringLiteral("3")} +
                   extra);
    }
    std::unique_ptr<CacheStore> store()
    {
        auto s = std::make_unique<CacheStore>(m_db->config());
        s->open();
        return s;
    }
    // Ok syncs from this host against BYBIT TESTNET at baseUrl, one every 10 minutes up to a
    // minute ago, drifting by ppm.
    void seedSeries(CacheStore &s, double ppm, int count, const QString &identity,
                    double boundMs = 2.0)
    {
        for (const SyncLogRecord &r :
             test::driftingSyncs(identity, QStringLiteral("https://api-testnet.bybit.com"),
                                 SyncSource::Cli, ppm, count, boundMs, 3))
            QCOMPARE(s.appendSyncLog(r), StoreError());
    }

private Q_SLOTS:
    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        const Run migrated = cli({QStringLiteral("migrate")});
        QVERIFY2(migrated.code == 0, qPrintable(migrated.err));
    }
    void cleanup() { m_db.reset(); }

    void clockMeasuresTheDriftAndFindsTheExchangeStep()
    {
        test::FakeExchangeThread fake;
        fake.exchange()->setSkewMs(-700);
        fake.exchange()->setDelayMs(1);
        const double ppm = 30000; // 3 %: 30 ms a second, measurable over a few seconds of syncs
        fake.exchange()->setDriftPpm(ppm);
        const QStringList save{QStringLiteral("--save"), QStringLiteral("u1"),
                               QStringLiteral("c1")};
        for (int i = 0; i < 6; ++i) {
            const Run r = sync(fake, save);
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QVERIFY2(!r.err.contains(QStringLiteral("sync log")), qPrintable(r.err));
            QTest::qWait(150);
        }
        // The exchange's clock steps 400 ms ahead from now on.
        const qint64 stepAt = QDateTime::currentMSecsSinceEpoch();
        fake.exchange()->setStep(stepAt, 400);
        for (int i = 0; i < 6; ++i) {
            const Run r = sync(fake, save);
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QTest::qWait(150);
        }
        const Run clock = cli({QStringLiteral("clock"), QStringLiteral("--json")});
        QVERIFY2(clock.code == 0, qPrintable(clock.err));
        const QJsonObject o = clock.json();
        const QJsonArray groups = o.value(QStringLiteral("groups")).toArray();
        QCOMPARE(groups.size(), 1);
        const QJsonObject g = groups.first().toObject();
        for (const char *key : {"exchange", "environment", "host", "offsetMs", "driftPpm",
                                "driftPpmError", "syncs", "lastSyncAt"})
            QVERIFY2(g.contains(QLatin1String(key)), key);
        QCOMPARE(g.value(QStringLiteral("exchange")).toString(), QStringLiteral("BYBIT"));
        QCOMPARE(g.value(QStringLiteral("environment")).toString(), QStringLiteral("TESTNET"));
        QCOMPARE(g.value(QStringLiteral("host")).toString(), readHostInfo().hostName);
        QCOMPARE(g.value(QStringLiteral("syncs")).toInt(), 12);
        const double measured = g.value(QStringLiteral("driftPpm")).toDouble();
        const double uncertainty = g.value(QStringLiteral("driftPpmError")).toDouble();
        QVERIFY2(uncertainty > 0 && uncertainty < ppm / 3,
                 qPrintable(QString::number(uncertainty)));
        qInfo().noquote() << QStringLiteral("drift %1 ppm measured as %2 ± %3 ppm")
                                 .arg(ppm)
                                 .arg(measured, 0, 'f', 0)
                                 .arg(uncertainty, 0, 'f', 0);
        QVERIFY2(std::abs(measured - ppm) <= uncertainty,
                 qPrintable(QStringLiteral("%1 ± %2 ppm").arg(measured).arg(uncertainty)));
        // One event: the step, exchange-side, about +400 ms, between the 6th and 7th sync.
        const QJsonArray events = o.value(QStringLiteral("events")).toArray();
        QCOMPARE(events.size(), 1);
        const QJsonObject e = events.first().toObject();
        for (const char *key : {"at", "kind", "exchange", "environment", "host", "deltaMs"})
            QVERIFY2(e.contains(QLatin1String(key)), key);
        QCOMPARE(e.value(QStringLiteral("kind")).toString(), QStringLiteral("exchange-step"));
        qInfo().noquote() << QStringLiteral("step of 400 ms measured as %1 ms")
                                 .arg(e.value(QStringLiteral("deltaMs")).toDouble(), 0, 'f', 1);
        QVERIFY2(std::abs(e.value(QStringLiteral("deltaMs")).toDouble() - 400) < 60,
                 qPrintable(QString::number(e.value(QStringLiteral("deltaMs")).toDouble())));
        const qint64 at =
            QDateTime::fromString(e.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs)
                .toMSecsSinceEpoch();
        QVERIFY(at >= stepAt);
        QCOMPARE(g.value(QStringLiteral("steps")).toInt(), 1);

        // The text form says the same.
        const Run text = cli({QStringLiteral("clock")});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.contains(QStringLiteral("exchange-step")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("ppm")), qPrintable(text.out));
        // --exchange narrows: nothing for BINGX.
        const Run bingx = cli({QStringLiteral("clock"), QStringLiteral("--exchange"),
                               QStringLiteral("BINGX"), QStringLiteral("--json")});
        QCOMPARE(bingx.code, 0);
        QVERIFY(bingx.json().value(QStringLiteral("groups")).toArray().isEmpty());
    }

    void syncsListsTheLogWithFailuresAndFilters()
    {
        test::FakeExchangeThread fake;
        QCOMPARE(
            sync(fake, {QStringLiteral("--save"), QStringLiteral("u1"), QStringLiteral("c1")}).code,
            0);
        QCOMPARE(sync(fake).code, 0); // no credential: logged without identity
        // A failed sync is logged too (and still fails the command).
        const Run refused =
            cli({QStringLiteral("sync"), QStringLiteral("--exchange"), QStringLiteral("BYBIT"),
                 QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:1"),
                 QStringLiteral("--samples"), QStringLiteral("1")});
        QCOMPARE(refused.code, 6);
        Run r = cli({QStringLiteral("syncs"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonArray rows = r.json().value(QStringLiteral("syncs")).toArray();
        QCOMPARE(rows.size(), 3);
        // Newest first: the refused one.
        QCOMPARE(rows.at(0).toObject().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("connection-refused"));
        QVERIFY(rows.at(1).toObject().value(QStringLiteral("identity")).isNull());
        QCOMPARE(rows.at(2).toObject().value(QStringLiteral("identity")).toString(),
                 QStringLiteral("u1_c1"));
        for (const QJsonValue &v : rows) {
            QCOMPARE(v.toObject().value(QStringLiteral("source")).toString(),
                     QStringLiteral("cli"));
            QCOMPARE(v.toObject().value(QStringLiteral("host")).toString(),
                     readHostInfo().hostName);
        }
        r = cli({QStringLiteral("syncs"), QStringLiteral("--user"), QStringLiteral("u1"),
                 QStringLiteral("--credential"), QStringLiteral("c1"), QStringLiteral("--json")});
        QCOMPARE(r.json().value(QStringLiteral("syncs")).toArray().size(), 1);
        r = cli({QStringLiteral("syncs"), QStringLiteral("--limit"), QStringLiteral("2"),
                 QStringLiteral("--json")});
        QCOMPARE(r.json().value(QStringLiteral("syncs")).toArray().size(), 2);
        r = cli({QStringLiteral("syncs"), QStringLiteral("--host"), QStringLiteral("elsewhere"),
                 QStringLiteral("--json")});
        QCOMPARE(r.json().value(QStringLiteral("syncs")).toArray().size(), 0);
        r = cli({QStringLiteral("syncs")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("connection-refused")), qPrintable(r.out));
        // Usage errors.
        QCOMPARE(
            cli({QStringLiteral("syncs"), QStringLiteral("--user"), QStringLiteral("u1")}).code, 2);
        QCOMPARE(
            cli({QStringLiteral("clock"), QStringLiteral("--exchange"), QStringLiteral("KRAKEN")})
                .code,
            2);
        QCOMPARE(
            cli({QStringLiteral("syncs"), QStringLiteral("--limit"), QStringLiteral("0")}).code, 2);
    }

    void ttlAutoIsTheFixedTtlWithoutData()
    {
        Run r = cli({QStringLiteral("set"), QStringLiteral("u1"), QStringLiteral("c1"),
                     QStringLiteral("--exchange"), QStringLiteral("BYBIT"),
                     QStringLiteral("--environment"), QStringLiteral("TESTNET"),
                     QStringLiteral("--offset"), QStringLiteral("-5"), QStringLiteral("--ttl"),
                     QStringLiteral("auto"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject ttl = r.json().value(QStringLiteral("ttl")).toObject();
        QCOMPARE(ttl.value(QStringLiteral("adaptive")).toBool(), false);
        QCOMPARE(ttl.value(QStringLiteral("ttlSeconds")).toInt(), 900);
        auto s = store();
        auto entry = s->entry(QStringLiteral("u1"), QStringLiteral("c1"));
        QVERIFY(entry.ok());
        QVERIFY(qAbs(entry->expiresAt.toMSecsSinceEpoch() - entry->updatedAt.toMSecsSinceEpoch() -
                     900'000) < 2000);
        // The text form says which and why.
        r = cli({QStringLiteral("set"), QStringLiteral("u1"), QStringLiteral("c1"),
                 QStringLiteral("--exchange"), QStringLiteral("BYBIT"),
                 QStringLiteral("--environment"), QStringLiteral("TESTNET"),
                 QStringLiteral("--offset"), QStringLiteral("-5"), QStringLiteral("--ttl"),
                 QStringLiteral("auto")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("fixed")) &&
                     r.out.contains(QStringLiteral("not known")),
                 qPrintable(r.out));
        // An exchange the log cannot measure takes no auto.
        QCOMPARE(cli({QStringLiteral("set"), QStringLiteral("u1"), QStringLiteral("c1"),
                      QStringLiteral("--exchange"), QStringLiteral("KRAKEN"),
                      QStringLiteral("--environment"), QStringLiteral("TESTNET"),
                      QStringLiteral("--offset"), QStringLiteral("1"), QStringLiteral("--ttl"),
                      QStringLiteral("auto"), QStringLiteral("--allow-unknown-exchange")})
                     .code,
                 2);
    }

    void ttlAutoNeverExceedsWhatTheSafetyAllows_data()
    {
        QTest::addColumn<double>("ppm");
        QTest::newRow("steady clock: the 2 h maximum") << 2.0;
        QTest::newRow("40 ppm") << 40.0;
        QTest::newRow("300 ppm") << 300.0;
        QTest::newRow("3000 ppm: the 1 min minimum, safety not held") << 3000.0;
    }

    void ttlAutoNeverExceedsWhatTheSafetyAllows()
    {
        QFETCH(double, ppm);
        auto s = store();
        seedSeries(*s, ppm, 13, QStringLiteral("other_cred"));
        const QJsonObject metadata{
            {QStringLiteral("sync"), QJsonObject{{QStringLiteral("errorBoundMs"), 20.0}}}};
        const Run r =
            cli({QStringLiteral("set"), QStringLiteral("u1"), QStringLiteral("c1"),
                 QStringLiteral("--exchange"), QStringLiteral("BYBIT"),
                 QStringLiteral("--environment"), QStringLiteral("TESTNET"),
                 QStringLiteral("--offset"), QStringLiteral("-5"), QStringLiteral("--metadata"),
                 QString::fromUtf8(QJsonDocument(metadata).toJson(QJsonDocument::Compact)),
                 QStringLiteral("--ttl"), QStringLiteral("auto"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject ttl = r.json().value(QStringLiteral("ttl")).toObject();
        QVERIFY(ttl.value(QStringLiteral("adaptive")).toBool());
        QVERIFY(ttl.value(QStringLiteral("driftKnown")).toBool());
        const double measured = ttl.value(QStringLiteral("driftPpm")).toDouble();
        const double error = ttl.value(QStringLiteral("driftPpmError")).toDouble();
        QVERIFY2(std::abs(measured - ppm) <= error + 0.5, qPrintable(QString::number(measured)));
        const qint64 ttlMs = qint64(ttl.value(QStringLiteral("ttlSeconds")).toInt()) * 1000;
        QVERIFY(ttlMs >= 60'000 && ttlMs <= 2 * 3'600'000);
        // At the planning drift (|ppm| + its uncertainty), the margin at expiry keeps the 500 ms
        // safety, unless even the minimum cannot (then the minimum, saying so).
        const double planning = (std::abs(measured) + error) * kMsPerHourPerPpm;
        const double margin = aheadMarginMs(20.0, ttlMs, planning);
        if (ttl.value(QStringLiteral("safetyHeld")).toBool()) {
            QVERIFY2(margin >= 500 - 1e-6, qPrintable(QString::number(margin)));
            // And it is the longest such TTL (to the second), or the maximum.
            QVERIFY(ttlMs == 2 * 3'600'000 || aheadMarginMs(20.0, ttlMs + 1000, planning) < 500);
        } else {
            QCOMPARE(ttlMs, qint64(60'000));
            QVERIFY(aheadMarginMs(20.0, 60'000, planning) < 500);
        }
        if (ppm < 10)
            QCOMPARE(ttlMs, qint64(2 * 3'600'000));
        auto entry = s->entry(QStringLiteral("u1"), QStringLiteral("c1"));
        QVERIFY(entry.ok());
        QVERIFY(qAbs(entry->expiresAt.toMSecsSinceEpoch() - entry->updatedAt.toMSecsSinceEpoch() -
                     ttlMs) < 2000);
    }

    void syncSaveTakesTtlAuto()
    {
        test::FakeExchangeThread fake;
        const Run r =
            sync(fake, {QStringLiteral("--save"), QStringLiteral("u1"), QStringLiteral("c1"),
                        QStringLiteral("--ttl"), QStringLiteral("auto"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject ttl = r.json().value(QStringLiteral("ttl")).toObject();
        QCOMPARE(ttl.value(QStringLiteral("adaptive")).toBool(), false); // one sync: not known
        QCOMPARE(ttl.value(QStringLiteral("ttlSeconds")).toInt(), 900);
        QCOMPARE(cli({QStringLiteral("sync"), QStringLiteral("--exchange"), QStringLiteral("BYBIT"),
                      QStringLiteral("--ttl"), QStringLiteral("auto")})
                     .code,
                 2); // --ttl without --save
    }

    void cleanupPrunesTheSyncLog()
    {
        auto s = store();
        const HostInfo host = readHostInfo();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const qint64 ageDays : {40, 35, 31, 10, 1}) {
            SyncLogRecord r;
            r.atMs = now - ageDays * 86'400'000;
            r.identity = QStringLiteral("u_c");
            r.hostName = host.hostName;
            QCOMPARE(s->appendSyncLog(r), StoreError());
        }
        Run r = cli({QStringLiteral("cleanup"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.json().value(QStringLiteral("syncLogPruned")).toInteger(), 3);
        r = cli({QStringLiteral("cleanup"), QStringLiteral("--sync-log-retention"),
                 QStringLiteral("5d")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Pruned 1 sync-log rows")), qPrintable(r.out));
        auto left = s->syncLog(SyncLogQuery());
        QVERIFY(left.ok());
        QCOMPARE(left->size(), 1);
        QCOMPARE(cli({QStringLiteral("cleanup"), QStringLiteral("--sync-log-retention"),
                      QStringLiteral("10m")})
                     .code,
                 2);
    }

    void listAndShowCarryTheAheadMargin()
    {
        const QJsonObject metadata{
            {QStringLiteral("sync"), QJsonObject{{QStringLiteral("errorBoundMs"), 40.0}}}};
        QCOMPARE(
            cli({QStringLiteral("set"), QStringLiteral("u1"), QStringLiteral("c1"),
                 QStringLiteral("--exchange"), QStringLiteral("BYBIT"),
                 QStringLiteral("--environment"), QStringLiteral("TESTNET"),
                 QStringLiteral("--offset"), QStringLiteral("-5"), QStringLiteral("--metadata"),
                 QString::fromUtf8(QJsonDocument(metadata).toJson(QJsonDocument::Compact))})
                .code,
            0);
        Run r = cli({QStringLiteral("show"), QStringLiteral("u1"), QStringLiteral("c1"),
                     QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const double margin = r.json().value(QStringLiteral("aheadMarginMs")).toDouble();
        // 1000 - 40 - 50 ms/h × a few seconds.
        QVERIFY2(margin <= 960 && margin > 959, qPrintable(QString::number(margin)));
        r = cli({QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonObject row =
            r.json().value(QStringLiteral("entries")).toArray().first().toObject();
        QVERIFY(row.value(QStringLiteral("aheadMarginMs")).toDouble() > 959);
        r = cli({QStringLiteral("list")});
        QVERIFY2(r.out.contains(QStringLiteral("AHEAD")) && r.out.contains(QStringLiteral(" 960 ")),
                 qPrintable(r.out));
        r = cli({QStringLiteral("show"), QStringLiteral("u1"), QStringLiteral("c1")});
        QVERIFY2(r.out.contains(QStringLiteral("ahead margin: 960 ms")), qPrintable(r.out));
    }

    // Issue 17: the measured drift travels with the entry. `set --ttl auto` and `sync --save`
    // store the drift they know (metadata sync.driftPpm/driftPpmError); list and show compute
    // the ahead margin with it, the default 50 ms/h without it.
    void theStoredDriftSetsListAndShowsMargin()
    {
        auto s = store();
        seedSeries(*s, 3000, 13, QStringLiteral("other_cred"));
        const QJsonObject metadata{
            {QStringLiteral("sync"), QJsonObject{{QStringLiteral("errorBoundMs"), 40.0}}}};
        const QString syncedAt =
            QDateTime::currentDateTimeUtc().addSecs(-120).toString(Qt::ISODateWithMs);
        const auto set = [&](const char *user, bool autoTtl) {
            QStringList args{
                QStringLiteral("set"),
                QLatin1String(user),
                QStringLiteral("c1"),
                QStringLiteral("--exchange"),
                QStringLiteral("BYBIT"),
                QStringLiteral("--environment"),
                QStringLiteral("TESTNET"),
                QStringLiteral("--offset"),
                QStringLiteral("-5"),
                QStringLiteral("--synced-at"),
                syncedAt,
                QStringLiteral("--metadata"),
                QString::fromUtf8(QJsonDocument(metadata).toJson(QJsonDocument::Compact))};
            if (autoTtl)
                args << QStringLiteral("--ttl") << QStringLiteral("auto");
            return cli(args);
        };
        Run r = set("measured", true);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = set("plain", false);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto show = [&](const char *user) {
            const Run shown = cli({QStringLiteral("show"), QLatin1String(user),
                                   QStringLiteral("c1"), QStringLiteral("--json")});
            if (shown.code != 0)
                qWarning("%s", qPrintable(shown.err));
            return shown.json();
        };
        const QJsonObject measured = show("measured");
        const QJsonObject plain = show("plain");
        const QJsonObject account = measured.value(QStringLiteral("metadata"))
                                        .toObject()
                                        .value(QStringLiteral("sync"))
                                        .toObject();
        const double ppm = account.value(QStringLiteral("driftPpm")).toDouble();
        const double ppmError = account.value(QStringLiteral("driftPpmError")).toDouble();
        QVERIFY2(std::abs(ppm - 3000) <= ppmError + 1, qPrintable(QString::number(ppm)));
        QCOMPARE(account.value(QStringLiteral("errorBoundMs")).toDouble(), 40.0); // kept
        QVERIFY(!plain.value(QStringLiteral("metadata"))
                     .toObject()
                     .value(QStringLiteral("sync"))
                     .toObject()
                     .contains(QStringLiteral("driftPpm")));
        // Two minutes at 3000 ppm: 360 ms; at 50 ms/h: under 2 ms.
        const double withDrift = measured.value(QStringLiteral("aheadMarginMs")).toDouble();
        const double without = plain.value(QStringLiteral("aheadMarginMs")).toDouble();
        QVERIFY2(without > 957 && without < 959, qPrintable(QString::number(without)));
        const double expected =
            aheadMarginMs(40.0, 120'000, (std::abs(ppm) + ppmError) * kMsPerHourPerPpm);
        QVERIFY2(withDrift <= expected + 0.1 && withDrift > expected - 20,
                 qPrintable(QStringLiteral("%1, expected %2").arg(withDrift).arg(expected)));
        QVERIFY(withDrift < without - 300);
        r = cli({QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("measured"),
                 QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject row =
            r.json().value(QStringLiteral("entries")).toArray().first().toObject();
        QVERIFY2(
            row.value(QStringLiteral("aheadMarginMs")).toDouble() < without - 300,
            qPrintable(QString::number(row.value(QStringLiteral("aheadMarginMs")).toDouble())));
    }

    void syncSaveStoresTheMeasuredDrift()
    {
        test::FakeExchangeThread fake;
        fake.exchange()->setDelayMs(1);
        auto s = store();
        // The series of this host against the fake's URL: 3000 ppm, the offset 0 about now.
        const HostInfo host = readHostInfo();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 13; ++i) {
            SyncLogRecord rec;
            rec.atMs = now - 60'000 - qint64(12 - i) * 600'000;
            rec.identity = QStringLiteral("u3_c3");
            rec.exchange = Exchange::Bybit;
            rec.environment = Environment::Testnet;
            rec.baseUrl = fake.baseUrl().toString();
            rec.source = SyncSource::Cli;
            rec.offsetMs = qint64(std::llround(3000e-6 * double(rec.atMs - now)));
            rec.errorBoundMs = 2;
            rec.rttMs = 4;
            rec.samples = 3;
            rec.hostName = host.hostName;
            rec.bootId = host.bootId;
            rec.realtimeMinusBoottimeMs = host.realtimeMinusBoottimeMs;
            rec.serverTimeMs = rec.atMs + rec.offsetMs;
            QCOMPARE(s->appendSyncLog(rec), StoreError());
        }
        const Run r =
            sync(fake, {QStringLiteral("--save"), QStringLiteral("u3"), QStringLiteral("c3")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        auto entry = s->entry(QStringLiteral("u3"), QStringLiteral("c3"));
        QVERIFY(entry.ok());
        const QJsonObject account = entry->metadata.value(QStringLiteral("sync")).toObject();
        QVERIFY2(account.value(QStringLiteral("driftPpm")).isDouble(),
                 QJsonDocument(entry->metadata).toJson().constData());
        QVERIFY2(std::abs(account.value(QStringLiteral("driftPpm")).toDouble() - 3000) <=
                     account.value(QStringLiteral("driftPpmError")).toDouble() + 30,
                 QJsonDocument(entry->metadata).toJson().constData());
        // Without data (another credential's first sync elsewhere) none is stored.
        test::FakeExchangeThread other;
        const Run first =
            sync(other, {QStringLiteral("--save"), QStringLiteral("u4"), QStringLiteral("c4")});
        QVERIFY2(first.code == 0, qPrintable(first.err));
        auto bare = s->entry(QStringLiteral("u4"), QStringLiteral("c4"));
        QVERIFY(bare.ok());
        QVERIFY(!bare->metadata.value(QStringLiteral("sync"))
                     .toObject()
                     .contains(QStringLiteral("driftPpm")));
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
