// fake-exchange: the tests' fake Bybit/BingX server as a program, for trying the console's test
// sync and the CLI's `sync --base-url` by hand:
//   fake-exchange --port 8080 --skew-ms 1500 --delay-ms 80 --jitter-ms 20 --first-extra-ms 200
//   connector-cache sync --exchange BYBIT --environment TESTNET --base-url http://127.0.0.1:8080
// It prints "fake-exchange listening on http://127.0.0.1:PORT" once it listens.

#include "tests/support/fakeexchange/fakeexchange.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using cc::test::FakeExchange;

namespace {

bool faultFromName(const QString &name, FakeExchange::Fault *fault)
{
    static const QList<QPair<QString, FakeExchange::Fault>> names = {
        {QStringLiteral("none"), FakeExchange::Fault::None},
        {QStringLiteral("close"), FakeExchange::Fault::CloseConnection},
        {QStringLiteral("html"), FakeExchange::Fault::Html},
        {QStringLiteral("truncated"), FakeExchange::Fault::Truncated},
        {QStringLiteral("http500"), FakeExchange::Fault::Http500},
        {QStringLiteral("error-code"), FakeExchange::Fault::ErrorCode},
        {QStringLiteral("wrong-unit"), FakeExchange::Fault::WrongUnit},
        {QStringLiteral("missing-field"), FakeExchange::Fault::MissingField},
        {QStringLiteral("hang"), FakeExchange::Fault::NoAnswer},
    };
    for (const auto &n : names) {
        if (n.first == name) {
            *fault = n.second;
            return true;
        }
    }
    return false;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "fake-exchange: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A local fake of Bybit's and BingX's time endpoints and signed account endpoints."));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("TCP port (0: any)."),
                                  QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption skew(QStringLiteral("skew-ms"),
                                  QStringLiteral("Server clock minus local clock."),
                                  QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption delay(QStringLiteral("delay-ms"), QStringLiteral("Answer delay."),
                                   QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption jitter(QStringLiteral("jitter-ms"),
                                    QStringLiteral("Delay jitter (uniform, ±)."),
                                    QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption firstExtra(
        QStringLiteral("first-extra-ms"),
        QStringLiteral("Extra delay of the first request on each connection."),
        QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption asymmetry(
        QStringLiteral("asymmetry"),
        QStringLiteral("Share of each delay before the server reads its clock (0.5: symmetric)."),
        QStringLiteral("share"), QStringLiteral("0.5"));
    const QCommandLineOption fault(
        QStringLiteral("fault"),
        QStringLiteral("Time requests fail with: close, html, truncated, http500, error-code, "
                       "wrong-unit, missing-field, hang."),
        QStringLiteral("fault"), QStringLiteral("none"));
    const QCommandLineOption variant(
        QStringLiteral("bybit-variant"),
        QStringLiteral("Bybit time answer: nano (documented), ms (top-level time only), s "
                       "(timeSecond only)."),
        QStringLiteral("variant"), QStringLiteral("nano"));
    const QCommandLineOption legacy(QStringLiteral("legacy-bingx"),
                                    QStringLiteral("BingX answers data.currentTime."));
    const QCommandLineOption apiKey(QStringLiteral("api-key"),
                                    QStringLiteral("API key the signed endpoints accept."),
                                    QStringLiteral("key"), QStringLiteral("TESTKEY"));
    const QCommandLineOption apiSecret(QStringLiteral("api-secret"),
                                       QStringLiteral("API secret the signed endpoints accept."),
                                       QStringLiteral("secret"), QStringLiteral("TESTSECRET"));
    parser.addOptions({port, skew, delay, jitter, firstExtra, asymmetry, fault, variant, legacy,
                       apiKey, apiSecret});
    parser.process(app);

    FakeExchange exchange;
    exchange.setSkewMs(parser.value(skew).toLongLong());
    exchange.setDelayMs(parser.value(delay).toInt(), parser.value(jitter).toInt());
    exchange.setFirstRequestExtraMs(parser.value(firstExtra).toInt());
    bool ok = false;
    const double share = parser.value(asymmetry).toDouble(&ok);
    if (!ok || share < 0 || share > 1)
        return fail(QStringLiteral("--asymmetry takes a number from 0 to 1"));
    exchange.setAsymmetry(share);
    FakeExchange::Fault f = FakeExchange::Fault::None;
    if (!faultFromName(parser.value(fault), &f))
        return fail(QStringLiteral("unknown --fault '%1'").arg(parser.value(fault)));
    exchange.setFault(f);
    const QString v = parser.value(variant);
    if (v == QLatin1String("nano"))
        exchange.setBybitVariant(FakeExchange::BybitVariant::Nano);
    else if (v == QLatin1String("ms"))
        exchange.setBybitVariant(FakeExchange::BybitVariant::MillisOnly);
    else if (v == QLatin1String("s"))
        exchange.setBybitVariant(FakeExchange::BybitVariant::SecondsOnly);
    else
        return fail(QStringLiteral("unknown --bybit-variant '%1' (nano, ms, s)").arg(v));
    exchange.setLegacyBingx(parser.isSet(legacy));
    exchange.setCredentials(parser.value(apiKey), parser.value(apiSecret).toUtf8());
    if (!exchange.listen(quint16(parser.value(port).toUInt()))) {
        std::fprintf(stderr, "fake-exchange: cannot listen on port %s\n",
                     qPrintable(parser.value(port)));
        return 1;
    }
    std::printf("fake-exchange listening on %s\n", qPrintable(exchange.baseUrl().toString()));
    std::fflush(stdout);
    return app.exec();
}
