// Clock health (issue 17): drift, steps, exchange-wide events, the ahead margin and the adaptive
// TTL, from syncs against a drifting and stepping fake exchange (the real TimeSync) and from
// synthetic sync logs.

#include "core/timesync/clockhealth.h"
#include "core/timesync/hostclock.h"
#include "core/timesync/timesync.h"
#include "tests/support/fakeexchange/fakeexchange.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cmath>

using namespace cc;
using test::FakeExchange;

namespace {

constexpr qint64 kT0 = 1'750'000'000'000;
constexpr qint64 kMinute = 60'000;

// The system's clocks, with the host's wall clock moved by a settable amount: what a host
// clock step looks like to TimeSync (through Clock) and to the clock pair at once.
class SteppedHost final : public Clock, public HostClockPair
{
public:
    qint64 nowMs() const override { return Clock::system()->nowMs() + m_shiftMs.load(); }
    qint64 realtimeNs() const override
    {
        return HostClockPair::system()->realtimeNs() + m_shiftMs.load() * 1'000'000;
    }
    qint64 boottimeNs() const override { return HostClockPair::system()->boottimeNs(); }
    void step(qint64 ms) { m_shiftMs.fetch_add(ms); }

private:
    std::atomic<qint64> m_shiftMs{0};
};

// A clock pair that reads fixed values.
class FixedPair final : public HostClockPair
{
public:
    FixedPair(qint64 realtimeNs, qint64 boottimeNs)
        : m_real(realtimeNs)
        , m_boot(boottimeNs)
    {}
    qint64 realtimeNs() const override { return m_real; }
    qint64 boottimeNs() const override { return m_boot; }

private:
    qint64 m_real;
    qint64 m_boot;
};

// A synthetic ok sync.
SyncLogRecord record(qint64 atMs, double offsetMs, double boundMs, const QString &host,
                     const QString &identity = QStringLiteral("u_1"),
                     Exchange exchange = Exchange::Bybit, double hostDeltaMs = 1.6e12,
                     const QString &bootId = QStringLiteral("boot-a"))
{
    SyncLogRecord r;
    r.atMs = atMs;
    r.identity = identity;
    r.exchange = exchange;
    r.environment = Environment::Mainnet;
    r.baseUrl = exchange == Exchange::Bybit ? QStringLiteral("https://api.bybit.com")
                                            : QStringLiteral("https://open-api.bingx.com");
    r.offsetMs = qint64(std::llround(offsetMs));
    r.errorBoundMs = boundMs;
    r.rttMs = 2 * (boundMs - 2.5);
    r.samples = 5;
    r.hostName = host;
    r.bootId = bootId;
    r.realtimeMinusBoottimeMs = hostDeltaMs;
    return r;
}

// A measured offset: the truth, off by at most the bound (as a real sync's is).
double measured(double trueOffsetMs, double boundMs, QRandomGenerator &random)
{
    return trueOffsetMs + (random.generateDouble() * 2 - 1) * (boundMs - 0.5);
}

ClockHealthOptions quickOptions()
{
    ClockHealthOptions o;
    o.minDriftSpanMs = 2000; // seconds of accelerated drift stand for hours of real drift
    return o;
}

} // namespace

class TestClockHealth : public QObject
{
    Q_OBJECT

    FakeExchange m_fake;
    QNetworkAccessManager m_network;

    // One sync against the fake exchange with the real TimeSync, as the log would record it.
    SyncLogRecord syncOnce(const QString &identity, const Clock *clock = Clock::system(),
                           const HostClockPair *pair = HostClockPair::system())
    {
        QString error;
        const auto profile =
            ExchangeProfile::resolve(QStringLiteral("bybit"), QStringLiteral("testnet"),
                                     m_fake.baseUrl().toString(), &error);
        if (!profile)
            qFatal("%s", qPrintable(error));
        TimeSync sync(&m_network, clock);
        sync.setHostClocks(pair);
        QSignalSpy done(&sync, &TimeSync::finished);
        SyncOptions options;
        options.samples = 3;
        sync.start(*profile, options);
        if (!done.wait(15000))
            qFatal("no sync result");
        const auto result = done.at(0).at(0).value<SyncResult>();
        if (!result.ok())
            qFatal("%s", qPrintable(result.errorMessage));
        return SyncLogRecord::fromSync(result, identity, profile->baseUrl.toString(),
                                       SyncSource::Cli, readHostInfo(pair));
    }

    // count syncs spaced gapMs apart; before sync number `at`, calls between().
    template<typename F>
    QList<SyncLogRecord> syncSeries(int count, int gapMs, int at, F between,
                                    const Clock *clock = Clock::system(),
                                    const HostClockPair *pair = HostClockPair::system())
    {
        QList<SyncLogRecord> log;
        for (int i = 0; i < count; ++i) {
            if (i == at)
                between();
            log << syncOnce(QStringLiteral("u_%1").arg(i % 5), clock, pair);
            QTest::qWait(gapMs);
        }
        return log;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("cc.sync.info=false"));
        QVERIFY(m_fake.listen());
    }
    void init()
    {
        m_fake.setDriftPpm(0);
        m_fake.setStep(0, 0);
        m_fake.setSkewMs(0);
    }

    void namesRoundTrip()
    {
        for (auto s :
             {SyncSource::Connector, SyncSource::Cli, SyncSource::Console, SyncSource::Simulation})
            QCOMPARE(syncSourceFromName(syncSourceName(s)), s);
        for (auto e : {SyncResult::Error::None, SyncResult::Error::Timeout,
                       SyncResult::Error::ExchangeError, SyncResult::Error::Cancelled})
            QCOMPARE(syncOutcomeFromName(syncOutcomeName(e)), e);
        QCOMPARE(syncOutcomeName(SyncResult::Error::None), QStringLiteral("ok"));
        QVERIFY(!syncOutcomeFromName(QStringLiteral("nonsense")));
        QCOMPARE(clockEventKindName(ClockEventKind::HostStep), QStringLiteral("host-step"));
        QCOMPARE(clockEventKindName(ClockEventKind::ExchangeStep), QStringLiteral("exchange-step"));
    }

    void hostInfoReadsBootIdAndClockPair()
    {
        QTemporaryDir dir;
        QFile boot(dir.filePath(QStringLiteral("boot_id")));
        QVERIFY(boot.open(QIODevice::WriteOnly));
        boot.write("6f1c2a3e-0000-4000-8000-123456789abc\n");
        boot.close();
        const FixedPair pair(1'750'000'000'123'000'000, 3'600'000'000'000);
        const HostInfo info = readHostInfo(&pair, boot.fileName());
        QCOMPARE(info.bootId, QStringLiteral("6f1c2a3e-0000-4000-8000-123456789abc"));
        QVERIFY(!info.hostName.isEmpty());
        QCOMPARE(info.realtimeMinusBoottimeMs, 1'750'000'000'123.0 - 3'600'000.0);
        QVERIFY(readHostInfo(&pair, dir.filePath(QStringLiteral("missing"))).bootId.isEmpty());
        // The system's pair: the wall time the machine booted at, stable between two reads.
        const double a = HostClockPair::system()->realtimeMinusBoottimeMs();
        const double b = HostClockPair::system()->realtimeMinusBoottimeMs();
        QVERIFY(a > 1.0e12);
        QVERIFY(std::abs(a - b) < 1.0);
    }

    void recordsFromSyncsAndRejections()
    {
        const SyncLogRecord r = syncOnce(QStringLiteral("u_1"));
        QVERIFY(r.isOkSync());
        QCOMPARE(r.identity, QStringLiteral("u_1"));
        QCOMPARE(r.exchange, Exchange::Bybit);
        QCOMPARE(r.source, SyncSource::Cli);
        QVERIFY(r.errorBoundMs > 0);
        QVERIFY(r.samples >= 2 && r.samples <= 3); // a slow first sample may be dropped
        QVERIFY(r.serverTimeMs > kT0);
        QVERIFY(r.realtimeMinusBoottimeMs > 1.0e12); // read at the chosen sample
        QCOMPARE(r.hostName, readHostInfo().hostName);

        HostInfo host{QStringLiteral("bot-1"), QStringLiteral("b"), 5.0};
        const SyncLogRecord rej = SyncLogRecord::fromRejection(
            kT0, QStringLiteral("u_1"), Exchange::Bybit, Environment::Mainnet,
            QStringLiteral("https://api.bybit.com"), SyncSource::Connector, 10002, kT0 - 1700, -200,
            host);
        QVERIFY(!rej.isOkSync());
        const QList<ClockEvent> events = rejectionEvents({r, rej});
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).kind, ClockEventKind::Rejection);
        QCOMPARE(events.at(0).errorCode, 10002);
        QCOMPARE(events.at(0).deltaMs, -1500.0); // the server 1.5 s behind the signed offset
        QCOMPARE(events.at(0).identities, QStringList{QStringLiteral("u_1")});
        const QJsonObject rejJson = toJson(rej);
        QCOMPARE(rejJson.value(QStringLiteral("kind")).toString(), QStringLiteral("rejection"));
        QCOMPARE(rejJson.value(QStringLiteral("errorCode")).toInt(), 10002);
        QCOMPARE(toJson(events.at(0)).value(QStringLiteral("errorCode")).toInt(), 10002);
        const QJsonObject syncJson = toJson(r);
        QCOMPARE(syncJson.value(QStringLiteral("outcome")).toString(), QStringLiteral("ok"));
        QCOMPARE(syncJson.value(QStringLiteral("source")).toString(), QStringLiteral("cli"));
        QVERIFY(!syncJson.contains(QStringLiteral("errorCode")));
        for (const QString &key : syncJson.keys())
            QVERIFY2(!key.contains(QLatin1String("secret"), Qt::CaseInsensitive) &&
                         !key.contains(QLatin1String("apiKey"), Qt::CaseInsensitive),
                     qPrintable(key)); // the log never holds keys
    }

    void driftMeasuredWithinItsUncertainty_data()
    {
        QTest::addColumn<double>("ppm");
        QTest::newRow("+10000 ppm") << 10000.0;
        QTest::newRow("-8000 ppm") << -8000.0;
    }

    void driftMeasuredWithinItsUncertainty()
    {
        QFETCH(double, ppm);
        m_fake.setSkewMs(-250);
        m_fake.setDriftPpm(ppm);
        const QList<SyncLogRecord> log = syncSeries(16, 250, -1, [] {});
        const DriftEstimate drift = estimateDrift(log, quickOptions());
        qInfo("drift %.0f ± %.0f ppm (true %.0f) from %d syncs over %lld ms", drift.ppm,
              drift.ppmError, ppm, drift.syncs, drift.spanMs);
        QVERIFY(drift.known);
        QCOMPARE(drift.syncs, 16);
        QVERIFY2(std::abs(drift.ppm - ppm) <= drift.ppmError, "outside its stated uncertainty");
        QVERIFY(drift.ppmError < 0.35 * std::abs(ppm)); // and the uncertainty says something
        QCOMPARE(drift.stepsRemoved, 0);
        // A drift of thousands of ppm is not a step.
        QVERIFY(analyzeSeries(log, quickOptions()).events.isEmpty());
        // The same data with the default minimum span (30 minutes): not enough yet.
        QVERIFY(!estimateDrift(log).known);
    }

    void exchangeStepFoundAndClassified()
    {
        m_fake.setDriftPpm(-5000);
        qint64 stepAt = 0;
        const QList<SyncLogRecord> log = syncSeries(16, 200, 8, [&] {
            stepAt = QDateTime::currentMSecsSinceEpoch() + 100;
            m_fake.setStep(stepAt, 300);
        });
        const SeriesHealth health = analyzeSeries(log, quickOptions());
        QCOMPARE(health.events.size(), 1);
        const ClockEvent &e = health.events.at(0);
        QCOMPARE(e.kind, ClockEventKind::ExchangeStep);
        QVERIFY2(std::abs(e.deltaMs - 300) <= e.toleranceMs,
                 qPrintable(QString::number(e.deltaMs)));
        QVERIFY(e.afterMs < stepAt && stepAt <= e.atMs);
        QCOMPARE(e.hostName, readHostInfo().hostName);
        // The drift is still measured, the step taken out.
        QVERIFY(health.drift.known);
        QCOMPARE(health.drift.stepsRemoved, 1);
        QVERIFY2(std::abs(health.drift.ppm + 5000) <= health.drift.ppmError,
                 qPrintable(QString::number(health.drift.ppm)));
        // All five credentials synced before it: all touched; one series, one event.
        QCOMPARE(e.identities.size(), 5);
        const ClockHealthReport report = analyzeClockHealth(log, quickOptions());
        QCOMPARE(report.series.size(), 1);
        QCOMPARE(report.events.size(), 1);
    }

    void hostStepClassifiedHostSide()
    {
        m_fake.setDriftPpm(10000);
        SteppedHost host;
        const QList<SyncLogRecord> log = syncSeries(
            16, 200, 8, [&] { host.step(700); }, &host, &host);
        const SeriesHealth health = analyzeSeries(log, quickOptions());
        QCOMPARE(health.events.size(), 1);
        const ClockEvent &e = health.events.at(0);
        QCOMPARE(e.kind, ClockEventKind::HostStep);
        // The host's clock went 700 ms ahead: the offset (exchange minus host) fell by 700 ms.
        QVERIFY2(std::abs(e.deltaMs + 700) < 1.0, qPrintable(QString::number(e.deltaMs)));
        QVERIFY(log.at(8).offsetMs - log.at(7).offsetMs < -650);
        QVERIFY2(
            std::abs(health.drift.ppm - 10000) <= health.drift.ppmError,
            qPrintable(QStringLiteral("%1 ± %2").arg(health.drift.ppm).arg(health.drift.ppmError)));
    }

    void rebootIsNotAHostStep()
    {
        QList<SyncLogRecord> log;
        for (int i = 0; i < 12; ++i) {
            const bool after = i >= 6;
            log << record(kT0 + i * 10 * kMinute, 40 + 0.0002 * i * 10 * kMinute, 10,
                          QStringLiteral("bot-1"), QStringLiteral("u_1"), Exchange::Bybit,
                          after ? 1.7e12 : 1.6e12,
                          after ? QStringLiteral("boot-b") : QStringLiteral("boot-a"));
        }
        const SeriesHealth health = analyzeSeries(log);
        QCOMPARE(health.events.size(), 1);
        QCOMPARE(health.events.at(0).kind, ClockEventKind::Reboot);
        QCOMPARE(health.events.at(0).atMs, kT0 + 60 * kMinute);
    }

    void exchangeWideEventReportedOnce()
    {
        // Eight bots on eight hosts, each with its own drift and sync phase, syncing every five
        // minutes; the exchange's clock steps +250 ms at 14:05. One bot's host also steps later,
        // and a BingX series sees nothing.
        QRandomGenerator random(17);
        const qint64 stepAt = kT0 + 125 * kMinute;
        QList<SyncLogRecord> log;
        for (int h = 0; h < 8; ++h) {
            const double ppm = 5 + 5 * h;
            const QString host = QStringLiteral("bot-%1").arg(h);
            double hostDelta = 1.6e12;
            for (qint64 t = kT0 + h * 20'000; t < kT0 + 240 * kMinute; t += 5 * kMinute) {
                double truth = -30 + ppm * 1e-6 * double(t - kT0) + (t >= stepAt ? 250 : 0);
                if (h == 3 && t >= kT0 + 200 * kMinute) {
                    truth -= 900; // the host's clock stepped 900 ms ahead
                    hostDelta = 1.6e12 + 900;
                }
                const double bound = 8 + random.bounded(20);
                log << record(t, measured(truth, bound, random), bound, host,
                              QStringLiteral("u_%1").arg(h), Exchange::Bybit, hostDelta);
            }
        }
        for (qint64 t = kT0; t < kT0 + 240 * kMinute; t += 7 * kMinute)
            log << record(t, 12 + 0.00002 * double(t - kT0), 6, QStringLiteral("bot-0"),
                          QStringLiteral("u_x"), Exchange::BingX);
        const ClockHealthReport report = analyzeClockHealth(log);
        QCOMPARE(report.series.size(), 9);
        QList<ClockEvent> steps;
        QList<ClockEvent> hostSteps;
        for (const ClockEvent &e : report.events) {
            if (e.kind == ClockEventKind::ExchangeStep)
                steps << e;
            else if (e.kind == ClockEventKind::HostStep)
                hostSteps << e;
            else
                QFAIL(qPrintable(clockEventKindName(e.kind)));
        }
        QCOMPARE(steps.size(), 1);
        const ClockEvent &wide = steps.at(0);
        QVERIFY(wide.exchangeWide);
        QCOMPARE(wide.seenBy, 8);
        QCOMPARE(wide.hosts.size(), 8);
        QCOMPARE(wide.identities.size(), 8);
        QVERIFY(wide.hostName.isEmpty());
        QCOMPARE(wide.exchange, Exchange::Bybit);
        QVERIFY(std::abs(wide.deltaMs - 250) < 30);
        QVERIFY(wide.afterMs < stepAt && stepAt <= wide.atMs);
        QCOMPARE(hostSteps.size(), 1);
        QCOMPARE(hostSteps.at(0).hostName, QStringLiteral("bot-3"));
        QCOMPARE(hostSteps.at(0).deltaMs, -900.0);
        for (const SeriesHealth &s : report.series) {
            QVERIFY(s.drift.known);
            if (s.key.exchange == Exchange::Bybit) {
                const double truePpm = 5 + 5 * s.key.hostName.mid(4).toInt();
                QVERIFY2(std::abs(s.drift.ppm - truePpm) <= s.drift.ppmError,
                         qPrintable(QStringLiteral("%1: %2 ± %3")
                                        .arg(s.key.hostName)
                                        .arg(s.drift.ppm)
                                        .arg(s.drift.ppmError)));
            }
        }

        // The CLI's JSON shape.
        const QJsonObject json = toJson(report);
        QCOMPARE(json.value(QStringLiteral("groups")).toArray().size(), 9);
        const QJsonObject group = json.value(QStringLiteral("groups")).toArray().at(0).toObject();
        for (const char *field : {"exchange", "environment", "host", "offsetMs", "driftPpm",
                                  "driftPpmError", "syncs", "lastSyncAt"})
            QVERIFY2(group.contains(QLatin1String(field)), field);
        QCOMPARE(group.value(QStringLiteral("exchange")).toString(), QStringLiteral("BYBIT"));
        QCOMPARE(group.value(QStringLiteral("syncs")).toInt(), 48);
        QVERIFY(group.value(QStringLiteral("lastSyncAt")).toString().endsWith(u'Z'));
        const QJsonArray events = json.value(QStringLiteral("events")).toArray();
        QCOMPARE(events.size(), 2);
        const QJsonObject wideJson = events.at(0).toObject();
        QCOMPARE(wideJson.value(QStringLiteral("kind")).toString(),
                 QStringLiteral("exchange-step"));
        QVERIFY(wideJson.value(QStringLiteral("host")).isNull());
        QCOMPARE(wideJson.value(QStringLiteral("deltaMs")).toDouble(), wide.deltaMs);
        QCOMPARE(wideJson.value(QStringLiteral("at")).toString(),
                 QDateTime::fromMSecsSinceEpoch(wide.atMs, Qt::UTC).toString(Qt::ISODateWithMs));
        QCOMPARE(events.at(1).toObject().value(QStringLiteral("host")).toString(),
                 QStringLiteral("bot-3"));

        // The same step seen by one bot of eight is that bot's own exchange-side step.
        QList<SyncLogRecord> lone;
        for (const SyncLogRecord &r : log) {
            if (r.exchange != Exchange::Bybit)
                continue;
            SyncLogRecord copy = r;
            if (r.hostName != QStringLiteral("bot-5") && r.atMs >= stepAt)
                copy.offsetMs -= 250;
            if (r.hostName == QStringLiteral("bot-3") && r.atMs >= kT0 + 200 * kMinute)
                continue;
            lone << copy;
        }
        const ClockHealthReport single = analyzeClockHealth(lone);
        QCOMPARE(single.events.size(), 1);
        QVERIFY(!single.events.at(0).exchangeWide);
        QCOMPARE(single.events.at(0).hostName, QStringLiteral("bot-5"));
    }

    void pureFastDriftIsNeverAStep_data()
    {
        QTest::addColumn<double>("ppm");
        QTest::newRow("3000 ppm") << 3000.0;
        QTest::newRow("-5000 ppm") << -5000.0;
        QTest::newRow("20000 ppm") << 20000.0;
        QTest::newRow("12 ppm") << 12.0;
    }

    void pureFastDriftIsNeverAStep()
    {
        QFETCH(double, ppm);
        // Irregular intervals from 30 s to 20 min, and one six-hour gap (at 20000 ppm the offset
        // moves 432 s in it), bounds from 3 to 60 ms, every measurement anywhere in its bound.
        QRandomGenerator random(4711);
        QList<SyncLogRecord> log;
        qint64 t = kT0;
        for (int i = 0; i < 200; ++i) {
            t += i == 100 ? 6 * 60 * kMinute : 30'000 + qint64(random.bounded(19 * 60'000));
            const double bound = 3 + random.bounded(57);
            log << record(t, measured(ppm * 1e-6 * double(t - kT0), bound, random), bound,
                          QStringLiteral("bot-1"));
        }
        const SeriesHealth health = analyzeSeries(log);
        QVERIFY2(health.events.isEmpty(), qPrintable(QStringLiteral("%1 events, first %2 ms")
                                                         .arg(health.events.size())
                                                         .arg(health.events.value(0).deltaMs)));
        QVERIFY(health.drift.known);
        QVERIFY2(
            std::abs(health.drift.ppm - ppm) <= health.drift.ppmError,
            qPrintable(QStringLiteral("%1 ± %2").arg(health.drift.ppm).arg(health.drift.ppmError)));
    }

    void notEnoughData()
    {
        QList<SyncLogRecord> log{record(kT0, 10, 5, QStringLiteral("h")),
                                 record(kT0 + 10 * kMinute, 11, 5, QStringLiteral("h"))};
        DriftEstimate d = estimateDrift(log);
        QVERIFY(!d.known);
        QCOMPARE(d.syncs, 2);
        QCOMPARE(d.planningMsPerHour(), kDefaultDriftMsPerHour);
        log << record(kT0 + 20 * kMinute, 12, 5, QStringLiteral("h"));
        QVERIFY(!estimateDrift(log).known); // 20 minutes: under the 30-minute span
        log << record(kT0 + 30 * kMinute, 13, 5, QStringLiteral("h"));
        d = estimateDrift(log);
        QVERIFY(d.known);
        QVERIFY(std::abs(d.ppm - 1.0 / 0.6) < d.ppmError); // 1 ms per 10 minutes
        QCOMPARE(d.planningMsPerHour(), (std::abs(d.ppm) + d.ppmError) * 3.6);
        // Failed syncs and other series do not count.
        SyncLogRecord failed = record(kT0 + 40 * kMinute, 900, 5, QStringLiteral("h"));
        failed.outcome = SyncResult::Error::Timeout;
        QCOMPARE(estimateDrift(log + QList<SyncLogRecord>{failed}).syncs, 4);
        // Too few syncs to judge a step: a jump between two syncs is not called one.
        QList<SyncLogRecord> three{record(kT0, 0, 5, QStringLiteral("h")),
                                   record(kT0 + kMinute, 0, 5, QStringLiteral("h")),
                                   record(kT0 + 2 * kMinute, 400, 5, QStringLiteral("h"))};
        QVERIFY(analyzeSeries(three).events.isEmpty());
    }

    void aheadMargin()
    {
        QCOMPARE(aheadMarginMs(20, 0), 980.0);
        QCOMPARE(aheadMarginMs(20, 3'600'000), 930.0);            // 50 ms/h by default
        QCOMPARE(aheadMarginMs(20, 1'800'000, 3.6 * 100), 800.0); // 100 ppm for half an hour
        QCOMPARE(aheadMarginMs(20, -5000), 980.0);                // a future time is age 0
        QCOMPARE(aheadMarginMs(20, 3'600'000, -200), aheadMarginMs(20, 3'600'000, 200));
    }

    void adaptiveTtlNeverLongerThanTheSafetyAllows()
    {
        const AdaptiveTtlOptions options;
        DriftEstimate unknown;
        TtlChoice c = adaptiveTtl(20, unknown, options);
        QVERIFY(!c.adaptive);
        QCOMPARE(c.ttlMs, 15 * kMinute);

        for (double ppm : {0.0, 1.0, 12.0, 50.0, 300.0, 1000.0, 5000.0, -20000.0}) {
            for (double bound : {2.0, 25.0, 150.0, 480.0}) {
                DriftEstimate d;
                d.known = true;
                d.ppm = ppm;
                d.ppmError = std::abs(ppm) * 0.1 + 0.5;
                c = adaptiveTtl(bound, d, options);
                QVERIFY(c.adaptive);
                QVERIFY(c.ttlMs >= options.minTtlMs && c.ttlMs <= options.maxTtlMs);
                const double margin = aheadMarginMs(bound, c.ttlMs, d.planningMsPerHour());
                QCOMPARE(c.marginAtExpiryMs, margin);
                if (c.safetyHeld) {
                    QVERIFY2(margin >= options.safetyMs,
                             qPrintable(QStringLiteral("%1 ppm, %2 ms").arg(ppm).arg(bound)));
                    // The longest such TTL: a second more breaks it, unless capped.
                    if (c.ttlMs < options.maxTtlMs)
                        QVERIFY(aheadMarginMs(bound, c.ttlMs + 1000, d.planningMsPerHour()) <
                                options.safetyMs);
                } else {
                    QCOMPARE(c.ttlMs, options.minTtlMs);
                    QVERIFY(margin < options.safetyMs);
                }
            }
        }
        // 12 ppm ± 1.7: 49 ms/h, nowhere near the safety within 2 h: the maximum.
        DriftEstimate slow;
        slow.known = true;
        slow.ppm = 12;
        slow.ppmError = 1.7;
        QCOMPARE(adaptiveTtl(20, slow, options).ttlMs, 2 * 60 * kMinute);
        // 5000 ppm (18 s/h): (1000 - 500 - 20) / 18000 ms/h = 96 s.
        DriftEstimate fast;
        fast.known = true;
        fast.ppm = 5000;
        fast.ppmError = 0;
        QCOMPARE(adaptiveTtl(20, fast, options).ttlMs, 96'000);
        // A bound eating the whole budget: the minimum, flagged.
        c = adaptiveTtl(600, slow, options);
        QVERIFY(!c.safetyHeld);
        QCOMPARE(c.ttlMs, options.minTtlMs);
    }
};

QTEST_GUILESS_MAIN(TestClockHealth)
#include "tst_clockhealth.moc"
