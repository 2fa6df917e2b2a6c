// Exchange profiles, response parsers, the offset estimator and the time sync against the fake
// exchange, and request signing against documented examples.

#include "core/connector/signing.h"
#include "core/timesync/timesync.h"
#include "tests/support/fakeexchange/fakeexchange.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace cc;
using test::FakeExchange;

namespace {
constexpr qint64 kNow = 1688639403423; // the documented Bybit example's time
}

class TestTimeSync : public QObject
{
    Q_OBJECT

    SyncResult syncWith(FakeExchange &fake, Exchange exchange, SyncOptions options = SyncOptions())
    {
        QString error;
        auto profile = ExchangeProfile::resolve(exchangeName(exchange), QStringLiteral("TESTNET"),
                                                fake.baseUrl().toString(), &error);
        if (!profile)
            qFatal("%s", qPrintable(error));
        QNetworkAccessManager network;
        TimeSync sync(&network);
        QSignalSpy done(&sync, &TimeSync::finished);
        sync.start(*profile, options);
        if (!done.wait(options.totalTimeoutMs + 5000))
            return SyncResult();
        return done.at(0).at(0).value<SyncResult>();
    }

private Q_SLOTS:
    void profilesComeFromOneTable()
    {
        QCOMPARE(ExchangeProfile::lookup(Exchange::Bybit, Environment::Mainnet).host(),
                 QStringLiteral("api.bybit.com"));
        QCOMPARE(ExchangeProfile::lookup(Exchange::Bybit, Environment::Testnet).host(),
                 QStringLiteral("api-testnet.bybit.com"));
        QCOMPARE(ExchangeProfile::lookup(Exchange::Bybit, Environment::Demo).host(),
                 QStringLiteral("api-demo.bybit.com"));
        QCOMPARE(ExchangeProfile::lookup(Exchange::BingX, Environment::Mainnet).host(),
                 QStringLiteral("open-api.bingx.com"));
        // BingX's VST environment stands in for a testnet.
        QCOMPARE(ExchangeProfile::lookup(Exchange::BingX, Environment::Testnet).host(),
                 QStringLiteral("open-api-vst.bingx.com"));
        QCOMPARE(ExchangeProfile::lookup(Exchange::BingX, Environment::Demo).host(),
                 QStringLiteral("open-api-vst.bingx.com"));
        QCOMPARE(ExchangeProfile::lookup(Exchange::Bybit, Environment::Testnet).aheadLimitMs, 1000);

        QString error;
        auto p = ExchangeProfile::resolve(QStringLiteral("bybit"), QStringLiteral("testnet"),
                                          QStringLiteral("http://127.0.0.1:9999"), &error);
        QVERIFY2(p, qPrintable(error));
        QCOMPARE(p->url(p->timePath).toString(),
                 QStringLiteral("http://127.0.0.1:9999/v5/market/time"));
        QVERIFY(!ExchangeProfile::resolve(QStringLiteral("kraken"), QStringLiteral("testnet"),
                                          QString(), &error));
        QVERIFY(error.contains(QStringLiteral("unknown exchange 'kraken'")));
        QVERIFY(!ExchangeProfile::resolve(QStringLiteral("bybit"), QStringLiteral("paper"),
                                          QString(), &error));
        QVERIFY(error.contains(QStringLiteral("unknown environment")));
        QVERIFY(!ExchangeProfile::resolve(QStringLiteral("bybit"), QStringLiteral("testnet"),
                                          QStringLiteral("ftp://host"), &error));
        QVERIFY(error.contains(QStringLiteral("not a base URL")));
        QVERIFY(!ExchangeProfile::resolve(QStringLiteral("bybit"), QStringLiteral("testnet"),
                                          QStringLiteral("https://host/v5"), &error));
        QVERIFY(error.contains(QStringLiteral("no path")));
    }

    void parsesEveryBybitVariant_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("field");
        QTest::newRow("documented")
            << QByteArray(
                   "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"timeSecond\":\"1688639403\","
                   "\"timeNano\":\"1688639403423213947\"},\"retExtInfo\":{},\"time\":"
                   "1688639403423}")
            << qint64(1688639403423) << QStringLiteral("result.timeNano");
        // Nanoseconds round to the nearest millisecond (here up), not down.
        QTest::newRow("nano rounds")
            << QByteArray("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"timeSecond\":"
                          "\"1688639403\",\"timeNano\":\"1688639403423613947\"},\"time\":"
                          "1688639403423}")
            << qint64(1688639403424) << QStringLiteral("result.timeNano");
        QTest::newRow("ms only") << QByteArray("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{},"
                                               "\"time\":1688639403420}")
                                 << qint64(1688639403420) << QStringLiteral("time");
        QTest::newRow("seconds only")
            << QByteArray(
                   "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"timeSecond\":\"1688639403\"}}")
            << qint64(1688639403500) << QStringLiteral("result.timeSecond");
    }

    void parsesEveryBybitVariant()
    {
        QFETCH(QByteArray, body);
        QFETCH(qint64, ms);
        QFETCH(QString, field);
        const ParsedTime t = parseBybitServerTime(body, kNow);
        QVERIFY2(t.time, qPrintable(t.error));
        QCOMPARE(t.time->ms, ms);
        QCOMPARE(t.time->field, field);
        // The resolution says how far the value may be off: half a ms for rounded nanoseconds,
        // one ms for a millisecond field, a second for timeSecond.
        const double expected = field == QLatin1String("result.timeNano") ? 0.5
                                : field == QLatin1String("time")          ? 1.0
                                                                          : 1000.0;
        QCOMPARE(t.time->resolutionMs, expected);
    }

    void parsesEveryBingxVariant()
    {
        ParsedTime t = parseBingxServerTime(
            "{\"code\":0,\"msg\":\"\",\"data\":{\"serverTime\":1688639403411}}", kNow);
        QVERIFY2(t.time, qPrintable(t.error));
        QCOMPARE(t.time->ms, 1688639403411);
        t = parseBingxServerTime(
            "{\"code\":0,\"msg\":\"\",\"data\":{\"currentTime\":1688639403412}}", kNow);
        QVERIFY2(t.time, qPrintable(t.error));
        QCOMPARE(t.time->ms, 1688639403412);
        QCOMPARE(t.time->field, QStringLiteral("data.currentTime"));
    }

    void malformedAnswersAreRefusedInWords_data()
    {
        QTest::addColumn<int>("exchange");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        const int bybit = int(Exchange::Bybit);
        const int bingx = int(Exchange::BingX);
        QTest::newRow("empty") << bybit << QByteArray() << QStringLiteral("empty");
        QTest::newRow("html") << bybit << QByteArray("<html><body>502 Bad Gateway</body></html>")
                              << QStringLiteral("HTML, not JSON");
        QTest::newRow("truncated") << bybit << QByteArray("{\"retCode\":0,\"retMsg\":\"OK\",\"res")
                                   << QStringLiteral("not valid JSON");
        QTest::newRow("array") << bybit << QByteArray("[1,2]") << QStringLiteral("not an object");
        QTest::newRow("retCode") << bybit
                                 << QByteArray(
                                        "{\"retCode\":10006,\"retMsg\":\"Too many visits!\"}")
                                 << QStringLiteral("retCode 10006: Too many visits!");
        QTest::newRow("no retCode")
            << bybit << QByteArray("{\"time\":1688639403423}") << QStringLiteral("no retCode");
        QTest::newRow("missing") << bybit << QByteArray("{\"retCode\":0,\"result\":{}}")
                                 << QStringLiteral("none of result.timeNano");
        QTest::newRow("nano as number")
            << bybit << QByteArray("{\"retCode\":0,\"result\":{\"timeNano\":1688639403423213947}}")
            << QStringLiteral("not a string of digits");
        QTest::newRow("nano in seconds")
            << bybit << QByteArray("{\"retCode\":0,\"result\":{\"timeNano\":\"1688639403\"}}")
            << QStringLiteral("looks like seconds, expected nanoseconds");
        QTest::newRow("ms in seconds")
            << bybit << QByteArray("{\"retCode\":0,\"time\":1688639403}")
            << QStringLiteral("looks like seconds, expected milliseconds");
        // Found by the fuzzer (tests/fuzz/regressions/exchange_time/seconds-overflow): scaling
        // a huge seconds value to milliseconds overflowed.
        QTest::newRow("seconds overflow")
            << bybit
            << QByteArray("{\"retCode\":0,\"result\":{\"timeSecond\":\"3377237727880678806\"}}")
            << QStringLiteral("looks like nanoseconds, expected seconds");
        QTest::newRow("implausible")
            << bybit << QByteArray("{\"retCode\":0,\"time\":1588639403423}")
            << QStringLiteral("implausible");
        QTest::newRow("text value") << bybit << QByteArray("{\"retCode\":0,\"time\":\"soon\"}")
                                    << QStringLiteral("time is not an integer");
        QTest::newRow("bingx code")
            << bingx << QByteArray("{\"code\":100410,\"msg\":\"rate limited\"}")
            << QStringLiteral("code 100410: rate limited");
        QTest::newRow("bingx seconds")
            << bingx << QByteArray("{\"code\":0,\"data\":{\"serverTime\":1688639403}}")
            << QStringLiteral("looks like seconds");
        QTest::newRow("bingx missing") << bingx << QByteArray("{\"code\":0,\"data\":{}}")
                                       << QStringLiteral("neither data.serverTime");
        QTest::newRow("bingx html")
            << bingx << QByteArray("\n<!DOCTYPE html><html><body>Access denied</body></html>")
            << QStringLiteral("HTML, not JSON");
        QTest::newRow("bingx truncated")
            << bingx << QByteArray("{\"code\":0,\"msg\":\"\",\"data\":{\"serverTi")
            << QStringLiteral("not valid JSON");
        QTest::newRow("bingx no code")
            << bingx << QByteArray("{\"data\":{\"serverTime\":1688639403411}}")
            << QStringLiteral("no code; not a BingX answer");
        QTest::newRow("bingx code as text")
            << bingx << QByteArray("{\"code\":\"oops\",\"data\":{\"serverTime\":1688639403411}}")
            << QStringLiteral("BingX answered code oops");
        QTest::newRow("bingx implausible")
            << bingx << QByteArray("{\"code\":0,\"data\":{\"serverTime\":1788639403411}}")
            << QStringLiteral("implausible");
        QTest::newRow("bingx microseconds")
            << bingx << QByteArray("{\"code\":0,\"data\":{\"currentTime\":1688639403411000}}")
            << QStringLiteral("looks like microseconds, expected milliseconds");
        QTest::newRow("bingx float")
            << bingx << QByteArray("{\"code\":0,\"data\":{\"serverTime\":1688639403411.5}}")
            << QStringLiteral("not an integer");
    }

    void malformedAnswersAreRefusedInWords()
    {
        QFETCH(int, exchange);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const ParsedTime t = parseServerTime(Exchange(exchange), body, kNow);
        QVERIFY(!t.time);
        QVERIFY2(t.error.contains(expected), qPrintable(t.error));
    }

    void readsTheServerTimeFromTimestampRejections()
    {
        const ApiAnswer bybit = parseApiAnswer(
            Exchange::Bybit,
            "{\"retCode\":10002,\"retMsg\":\"invalid request, please check your server timestamp "
            "or recv_window param. req_timestamp[1678978981964],server_timestamp[1678978987372],"
            "recv_window[5000]\",\"result\":{},\"retExtInfo\":{},\"time\":1678978987373}");
        QVERIFY(bybit.timestampRejected);
        QCOMPARE(bybit.serverTimeMs.value_or(0), 1678978987372);
        const ApiAnswer bingx = parseApiAnswer(
            Exchange::BingX,
            "{\"code\":100421,\"msg\":\"Null timestamp or timestamp mismatch\",\"timestamp\":"
            "1678978987375}");
        QVERIFY(bingx.timestampRejected);
        QCOMPARE(bingx.serverTimeMs.value_or(0), 1678978987375);
        QVERIFY(!parseApiAnswer(Exchange::Bybit, "<html>").isJson);
        // Another error is no timestamp rejection, and a rejection without the field says so
        // by carrying no time.
        const ApiAnswer sign = parseApiAnswer(
            Exchange::Bybit, "{\"retCode\":10004,\"retMsg\":\"error sign!\",\"time\":1}");
        QVERIFY(!sign.timestampRejected);
        QCOMPARE(sign.code, 10004);
        const ApiAnswer bare =
            parseApiAnswer(Exchange::BingX, "{\"code\":100421,\"msg\":\"timestamp mismatch\"}");
        QVERIFY(bare.timestampRejected);
        QVERIFY(!bare.serverTimeMs);
    }

    void estimatorKeepsTheFastestAndDropsASlowFirstSample()
    {
        QList<SyncSample> samples;
        auto add = [&](double t0, double t3, qint64 server) {
            SyncSample s;
            s.t0Ms = t0;
            s.t3Ms = t3;
            s.serverMs = server;
            samples << s;
        };
        add(0, 300, 1150);   // set-up: slow, and its midpoint is off
        add(400, 440, 1420); // rtt 40, offset 1000
        add(500, 520, 1510); // rtt 20, offset 1000: the winner
        add(600, 700, 1700); // rtt 100, offset 1050
        SyncResult r;
        TimeSync::estimate(&samples, &r);
        QVERIFY(samples.at(0).dropped);
        QCOMPARE(r.samplesUsed, 3);
        QCOMPARE(r.offsetMs, 1000);
        QCOMPARE(r.rttMs, 20.0);
        QCOMPARE(r.chosenSample, 2);
        QCOMPARE(r.serverTimeMs, 1510);
        // rtt/2 + server resolution + local clock resolution + rounding to whole ms
        QCOMPARE(r.errorBoundMs, 10.0 + 1.0 + kLocalClockResolutionMs + 0.5);

        // A first sample that is not slow stays in.
        QList<SyncSample> even;
        for (int i = 0; i < 3; ++i) {
            SyncSample s;
            s.t0Ms = i * 100;
            s.t3Ms = i * 100 + 30 - i;
            s.serverMs = 5000 + i * 100;
            even << s;
        }
        TimeSync::estimate(&even, &r);
        QVERIFY(!even.at(0).dropped);
        QCOMPARE(r.samplesUsed, 3);
    }

    void recoversTheSkewWithinItsBound_data()
    {
        QTest::addColumn<int>("exchange");
        QTest::addColumn<qint64>("skew");
        QTest::addColumn<int>("variant");
        QTest::newRow("bybit ahead")
            << int(Exchange::Bybit) << qint64(1500) << int(FakeExchange::BybitVariant::Nano);
        QTest::newRow("bybit behind")
            << int(Exchange::Bybit) << qint64(-2750) << int(FakeExchange::BybitVariant::MillisOnly);
        QTest::newRow("bingx") << int(Exchange::BingX) << qint64(420)
                               << int(FakeExchange::BybitVariant::Nano);
    }

    void recoversTheSkewWithinItsBound()
    {
        QFETCH(int, exchange);
        QFETCH(qint64, skew);
        QFETCH(int, variant);
        FakeExchange fake;
        QVERIFY(fake.listen());
        fake.setSkewMs(skew);
        fake.setDelayMs(30, 15);
        fake.setFirstRequestExtraMs(150);
        fake.setBybitVariant(FakeExchange::BybitVariant(variant));
        const SyncResult r = syncWith(fake, Exchange(exchange));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage));
        QCOMPARE(r.samples.size(), 5);
        QCOMPARE(r.requests, 5);
        QVERIFY(r.samples.at(0).dropped); // the set-up sample
        QVERIFY2(qAbs(r.offsetExactMs - double(skew)) <= r.errorBoundMs,
                 qPrintable(QStringLiteral("offset %1, skew %2, bound %3")
                                .arg(r.offsetExactMs)
                                .arg(skew)
                                .arg(r.errorBoundMs)));
        // Keep-alive: every sample on one connection.
        QCOMPARE(fake.connections(), 1);
        QCOMPARE(fake.timeRequests(), 5);
    }

    void beatsAOneSampleUncorrectedEstimate()
    {
        // An asymmetric, jittery link: 65 % of each delay before the server reads its clock.
        FakeExchange fake;
        QVERIFY(fake.listen());
        const qint64 skew = 2000;
        fake.setSkewMs(skew);
        fake.setDelayMs(60, 30);
        fake.setAsymmetry(0.65);
        double ours = 0, ccxt = 0;
        constexpr int kRuns = 6;
        for (int run = 0; run < kRuns; ++run) {
            const SyncResult r = syncWith(fake, Exchange::Bybit);
            QVERIFY2(r.ok(), qPrintable(r.errorMessage));
            // The true offset lies within the reported bound in every run.
            QVERIFY2(qAbs(r.offsetExactMs - double(skew)) <= r.errorBoundMs,
                     qPrintable(QStringLiteral("run %1: offset %2, bound %3")
                                    .arg(run)
                                    .arg(r.offsetExactMs)
                                    .arg(r.errorBoundMs)));
            ours += qAbs(r.offsetExactMs - double(skew));
            // ccxt's way: one request, local time read after the reply, no correction.
            const SyncSample &first = r.samples.constFirst();
            ccxt += qAbs(double(first.serverMs) - first.t3Ms - double(skew));
        }
        qInfo("mean error: ours %.1f ms, one uncorrected sample %.1f ms", ours / kRuns,
              ccxt / kRuns);
        QVERIFY(ours < ccxt);
    }

    void secondsOnlyAnswersCarryTheirCoarseBound()
    {
        FakeExchange fake;
        QVERIFY(fake.listen());
        fake.setSkewMs(3300);
        fake.setBybitVariant(FakeExchange::BybitVariant::SecondsOnly);
        SyncOptions options;
        options.samples = 3; // configurable
        const SyncResult r = syncWith(fake, Exchange::Bybit, options);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage));
        QCOMPARE(r.requests, 3);
        QCOMPARE(fake.timeRequests(), 3);
        QVERIFY(r.errorBoundMs >= 1000);
        QVERIFY(qAbs(r.offsetExactMs - 3300) <= r.errorBoundMs);
    }

    void legacyBingxEndpointAnswersToo()
    {
        FakeExchange fake;
        QVERIFY(fake.listen());
        fake.setLegacyBingx(true);
        fake.setSkewMs(-300);
        const SyncResult r = syncWith(fake, Exchange::BingX);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage));
        QVERIFY(qAbs(r.offsetMs + 300) <= r.errorBoundMs + 1);
    }

    void failuresNameExchangeHostAndReason_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("html") << int(FakeExchange::Fault::Html) << int(SyncResult::Error::Http)
                              << QStringLiteral("HTTP 502 Bad Gateway, an HTML error page");
        QTest::newRow("500") << int(FakeExchange::Fault::Http500) << int(SyncResult::Error::Http)
                             << QStringLiteral(
                                    "HTTP 500 Internal Server Error: \"{\"error\":\"internal\"}\"");
        QTest::newRow("truncated")
            << int(FakeExchange::Fault::Truncated) << int(SyncResult::Error::BadAnswer)
            << QStringLiteral("not valid JSON");
        QTest::newRow("code") << int(FakeExchange::Fault::ErrorCode)
                              << int(SyncResult::Error::ExchangeError)
                              << QStringLiteral("retCode 10006");
        QTest::newRow("unit") << int(FakeExchange::Fault::WrongUnit)
                              << int(SyncResult::Error::BadAnswer)
                              << QStringLiteral("looks like seconds");
        QTest::newRow("missing") << int(FakeExchange::Fault::MissingField)
                                 << int(SyncResult::Error::BadAnswer)
                                 << QStringLiteral("none of result.timeNano");
        QTest::newRow("closed") << int(FakeExchange::Fault::CloseConnection)
                                << int(SyncResult::Error::ConnectionClosed)
                                << QStringLiteral("closed the connection");
    }

    void failuresNameExchangeHostAndReason()
    {
        QFETCH(int, fault);
        QFETCH(int, kind);
        QFETCH(QString, expected);
        FakeExchange fake;
        QVERIFY(fake.listen());
        fake.setFault(FakeExchange::Fault(fault));
        const SyncResult r = syncWith(fake, Exchange::Bybit);
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error), kind);
        QVERIFY2(r.errorMessage.startsWith(QStringLiteral("BYBIT 127.0.0.1: ")),
                 qPrintable(r.errorMessage));
        QVERIFY2(r.errorMessage.contains(expected), qPrintable(r.errorMessage));
    }

    void aHangingExchangeTimesOut()
    {
        FakeExchange fake;
        QVERIFY(fake.listen());
        fake.setFault(FakeExchange::Fault::NoAnswer);
        SyncOptions options;
        options.requestTimeoutMs = 300;
        QElapsedTimer timer;
        timer.start();
        const SyncResult r = syncWith(fake, Exchange::Bybit, options);
        QCOMPARE(r.error, SyncResult::Error::Timeout);
        QVERIFY2(r.errorMessage.contains(QStringLiteral("no answer within 300 ms")),
                 qPrintable(r.errorMessage));
        QVERIFY(timer.elapsed() < 5000); // bounded: nowhere near a default socket timeout
    }

    void aTlsFailureIsWorded()
    {
        // https:// to a port that answers the handshake in plain text.
        FakeExchange fake;
        QVERIFY(fake.listen());
        QString error;
        auto profile = ExchangeProfile::resolve(
            QStringLiteral("BYBIT"), QStringLiteral("MAINNET"),
            QStringLiteral("https://127.0.0.1:%1").arg(fake.port()), &error);
        QVERIFY2(profile, qPrintable(error));
        QNetworkAccessManager network;
        TimeSync sync(&network);
        QSignalSpy done(&sync, &TimeSync::finished);
        sync.start(*profile);
        QVERIFY(done.wait(10000));
        const SyncResult r = done.at(0).at(0).value<SyncResult>();
        QCOMPARE(r.error, SyncResult::Error::Tls);
        QVERIFY2(r.errorMessage.startsWith(QStringLiteral("BYBIT 127.0.0.1: TLS handshake failed")),
                 qPrintable(r.errorMessage));
        QVERIFY(fake.tlsAttempts() >= 1);
        QCOMPARE(fake.timeRequests(), 0);
    }

    void refusedConnectionsAreWorded()
    {
        QString error;
        auto profile = ExchangeProfile::resolve(QStringLiteral("BINGX"), QStringLiteral("MAINNET"),
                                                QStringLiteral("http://127.0.0.1:1"), &error);
        QVERIFY(profile);
        const SyncResult r = TimeSync::runBlocking(*profile);
        QCOMPARE(r.error, SyncResult::Error::ConnectionRefused);
        QCOMPARE(r.errorMessage, QStringLiteral("BINGX 127.0.0.1: connection refused"));
    }

    void cancelStopsAtOnce()
    {
        FakeExchange fake;
        QVERIFY(fake.listen());
        fake.setDelayMs(2000);
        QString error;
        auto profile = ExchangeProfile::resolve(QStringLiteral("BYBIT"), QStringLiteral("TESTNET"),
                                                fake.baseUrl().toString(), &error);
        QNetworkAccessManager network;
        TimeSync sync(&network);
        QSignalSpy done(&sync, &TimeSync::finished);
        sync.start(*profile);
        QTest::qWait(100);
        sync.cancel();
        QCOMPARE(done.size(), 1);
        QCOMPARE(done.at(0).at(0).value<SyncResult>().error, SyncResult::Error::Cancelled);
        QVERIFY(!sync.isRunning());
    }

    void signedTimestampsStayBehindTheExchange()
    {
        // 10 ms bound, 2 h old at 50 ms/h: 110 ms of uncertainty.
        QCOMPARE(offsetUncertaintyMs(10, 2 * 3'600'000, 50), 110.0);
        QCOMPARE(offsetUncertaintyMs(10, -5, 50), 10.0); // a clock set back: no negative age
        // Local 1000, offset +500, uncertainty 110.2: margin 111 (rounded up).
        QCOMPARE(signedRequestTimestampMs(1000, 500, 110.2), qint64(1000 + 500 - 111));
        // Whatever the true offset within the bound, the timestamp is not ahead of the server,
        // so Bybit's "less than 1 s ahead" holds with a second to spare.
        for (double trueOffset : {389.8, 500.0, 610.2}) {
            const double server = 1000 + trueOffset;
            QVERIFY(double(signedRequestTimestampMs(1000, 500, 110.2)) <= server);
        }
        const auto bybit = ExchangeProfile::lookup(Exchange::Bybit, Environment::Testnet);
        const auto bingx = ExchangeProfile::lookup(Exchange::BingX, Environment::Testnet);
        QString why;
        QVERIFY(timestampFitsWindow(bybit, 2250, 500, &why));
        QVERIFY(why.isEmpty());
        QVERIFY(!timestampFitsWindow(bybit, 2251, 500, &why));
        QVERIFY2(why.contains(QStringLiteral("5000 ms window")), qPrintable(why));
        QVERIFY(timestampFitsWindow(bingx, 2000, 500));
        QVERIFY(!timestampFitsWindow(bingx, 2300, 500));
    }

    void signsAsTheDocumentationShows()
    {
        // BingX's documented example (spot authentication page).
        QCOMPARE(bingxSignature("UuGuyEGt6ZEkpUObCYCmIfh0elYsZVh80jlYwpJuRZEw70t6vomMH7Sjmf94ztSI",
                                "quoteOrderQty=20&side=BUY&symbol=ETHUSDT&timestamp=1649404670162"
                                "&type=MARKET"),
                 QByteArray("428a3c383bde514baff0d10d3c20e5adfaacaf799e324546dafe5ccc480dd827"));
        // Bybit v5: timestamp + key + recv window + query string; the expected value computed
        // independently with Python's hmac module.
        QCOMPARE(bybitSignature("secret", 1658384314791, QStringLiteral("XXXXXXXXXX"), 5000,
                                "category=option&symbol=BTC-29JUL22-25000-C"),
                 QByteArray("02e9182e346177050f199ce1e0703d738589e3763805ed71590ced65539a73a7"));
        // A POST signs its JSON body; a GET without parameters signs an empty payload
        // (python3 hmac, at test-writing time).
        QCOMPARE(bybitSignature("YYYYYYYYYY", 1672211928338, QStringLiteral("XXXXXXXXXX"), 5000,
                                "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":"
                                "\"Buy\",\"orderType\":\"Limit\",\"qty\":\"0.001\","
                                "\"price\":\"10000\"}"),
                 QByteArray("291f142aa881fbd4823c75da6afca729d22ee3d5529c3e8b826494af67fac5a8"));
        QCOMPARE(bybitSignature("YYYYYYYYYY", 1672211928338, QStringLiteral("XXXXXXXXXX"), 5000,
                                QByteArray()),
                 QByteArray("89d62ea20e1eb2d99cdc04d0f99ef73c819bf4507ae4ea1191729e6b38337a45"));
        const Credentials c(QStringLiteral("XXXXXXXXXX"), "secret");
        const auto headers =
            bybitHeaders(c, 1658384314791, 5000, "category=option&symbol=BTC-29JUL22-25000-C");
        QCOMPARE(headers.size(), 5);
        QCOMPARE(headers.at(0).first, QByteArray("X-BAPI-API-KEY"));
        QCOMPARE(headers.at(1).second, QByteArray("1658384314791"));
        const QByteArray query = bingxSignedQuery(
            c, {{QStringLiteral("symbol"), QStringLiteral("BTC-USDT")}}, 1649404670162, 5000);
        QCOMPARE(query,
                 QByteArray("symbol=BTC-USDT&recvWindow=5000&timestamp=1649404670162"
                            "&signature="
                            "7c6c0a9dae3bc7cdab67d9d06b088968f09b32ea1707a41449b5a5bc4f18b04b"));
        QCOMPARE(headers.at(2), qMakePair(QByteArray("X-BAPI-RECV-WINDOW"), QByteArray("5000")));
        QCOMPARE(headers.at(3).second,
                 QByteArray("02e9182e346177050f199ce1e0703d738589e3763805ed71590ced65539a73a7"));
        QCOMPARE(headers.at(4), qMakePair(QByteArray("X-BAPI-SIGN-TYPE"), QByteArray("2")));
        // Secrets never print.
        QString printed;
        QDebug(&printed) << Credentials(QStringLiteral("KEY123456"), "Hunter2Value");
        QVERIFY(!printed.contains(QStringLiteral("Hunter2Value")));
        QVERIFY(!printed.contains(QStringLiteral("KEY123456")));
    }
};

QTEST_GUILESS_MAIN(TestTimeSync)
#include "tst_timesync.moc"
