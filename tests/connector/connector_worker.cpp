// One process of the cold-start storm test (tst_connector): starts a CachedConnector for one
// identity at a given moment and prints how it initialized, as one JSON line.
//   cc_connector_worker DATABASE_URL BASE_URL USER CREDENTIAL START_AT_EPOCH_MS

#include "core/connector/cachedconnector.h"
#include "core/store/cachestore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QThread>

#include <cstdio>

using namespace cc;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 6) {
        std::fprintf(stderr, "usage: cc_connector_worker DATABASE_URL BASE_URL USER CREDENTIAL "
                             "START_AT_EPOCH_MS\n");
        return 2;
    }
    QString error;
    const DatabaseConfig config = DatabaseConfig::fromUrl(args.at(1), &error);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    const auto profile = ExchangeProfile::resolve(QStringLiteral("BYBIT"),
                                                  QStringLiteral("TESTNET"), args.at(2), &error);
    if (!profile) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    CacheStore store(config);
    store.open(); // a failure is a miss: the connector still starts
    QNetworkAccessManager network;
    ConnectorOptions options;
    options.leaseWaitMs = 5000;
    options.refreshAheadBeta = 0;
    CachedConnector connector(args.at(3), args.at(4), *profile,
                              Credentials(QStringLiteral("KEY"), "SECRET"), &store, &network,
                              Clock::system(), options);
    // Everyone starts at the same moment, with the connection already open.
    const qint64 startAt = args.at(5).toLongLong();
    while (QDateTime::currentMSecsSinceEpoch() < startAt)
        QThread::usleep(200);
    const InitResult r = connector.initializeBlocking();
    const QJsonObject out{{QStringLiteral("ok"), r.ok},
                          {QStringLiteral("source"), sourceName(r.source)},
                          {QStringLiteral("offset"), r.offsetMs},
                          {QStringLiteral("requests"), r.exchangeRequests},
                          {QStringLiteral("error"), r.error}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return r.ok ? 0 : 1;
}
