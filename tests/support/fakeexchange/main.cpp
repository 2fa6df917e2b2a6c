// fake-exchange: the tests' fake Bybit/BingX server as a program, for trying the console's test
// sync and the CLI's `sync --base-url` by hand:
//   fake-exchange --port 8080 --skew-ms 1500 --delay-ms 80 --jitter-ms 20

#include "tests/support/fakeexchange/fakeexchange.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A local fake of Bybit's and BingX's time endpoints."));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("TCP port (0: any)."),
                                  QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption skew(QStringLiteral("skew-ms"),
                                  QStringLiteral("Server clock minus local clock."),
                                  QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption delay(QStringLiteral("delay-ms"), QStringLiteral("Answer delay."),
                                   QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption jitter(QStringLiteral("jitter-ms"), QStringLiteral("Delay jitter."),
                                    QStringLiteral("ms"), QStringLiteral("0"));
    parser.addOptions({port, skew, delay, jitter});
    parser.process(app);
    cc::test::FakeExchange exchange;
    exchange.setSkewMs(parser.value(skew).toLongLong());
    exchange.setDelayMs(parser.value(delay).toInt(), parser.value(jitter).toInt());
    if (!exchange.listen(quint16(parser.value(port).toUInt()))) {
        std::fprintf(stderr, "fake-exchange: cannot listen on port %s\n",
                     qPrintable(parser.value(port)));
        return 1;
    }
    std::printf("fake-exchange listening on %s\n", qPrintable(exchange.baseUrl().toString()));
    std::fflush(stdout);
    return app.exec();
}
