// connector-cache-coldstart: what a connector's cold start costs, as one process. It does
// exactly what a new backend process (a serverless function's first call) does before its
// first signed request: build a CachedConnector for one identity on a CacheStore of the given
// URL, initialize it (CacheStore::lookupOffset(); on a hit no exchange request), print the
// offset and exit. connector-cache-bench times it against `psql -Atc 'SELECT 1'` through the
// same URL (cold_start_ms against psql_cold_ms).
//
//     connector-cache-coldstart URL USER CREDENTIAL
//     connector-cache-coldstart --start-only
//
// Exit 0 with the offset in ms on stdout on a cache hit; 1 otherwise (a miss would sync with an
// exchange, and the exchange named here is unreachable on purpose: the figure is a hit's).
// --start-only exits 0 as soon as the QCoreApplication stands: the same binary's process start
// alone (its libraries loaded and relocated), the floor under cold_start_ms that the bench
// times against `psql --version` (cold_process_ms against psql_process_ms).

#include "core/connector/cachedconnector.h"
#include "core/store/cachestore.h"
#include "core/store/databaseconfig.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

using namespace cc;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("cc.*=false"));
    const QStringList args = app.arguments();
    if (args.size() == 2 && args.at(1) == QLatin1String("--start-only"))
        return 0;
    if (args.size() != 4) {
        std::fprintf(stderr,
                     "usage: connector-cache-coldstart URL USER CREDENTIAL | --start-only\n");
        return 2;
    }
    QString error;
    const DatabaseConfig config = DatabaseConfig::fromUrl(args.at(1), &error);
    if (!config.isPostgres() && config.sqlitePath.isEmpty()) {
        std::fprintf(stderr, "connector-cache-coldstart: %s\n", qPrintable(error));
        return 2;
    }
    // Port 9 (discard) on loopback: nothing answers, so a miss fails at once instead of
    // reaching an exchange.
    const auto profile =
        ExchangeProfile::resolve(QStringLiteral("BYBIT"), QStringLiteral("TESTNET"),
                                 QStringLiteral("http://127.0.0.1:9"), &error);
    if (!profile) {
        std::fprintf(stderr, "connector-cache-coldstart: %s\n", qPrintable(error));
        return 2;
    }
    CacheStore store(config);
    // No QNetworkAccessManager: the connector makes one on a miss; a hit never needs it.
    CachedConnector connector(args.at(2), args.at(3), *profile,
                              Credentials(QStringLiteral("k"), "s"), &store, nullptr);
    const InitResult r = connector.initializeBlocking();
    if (!r.ok || r.source != InitResult::Source::CacheHit) {
        std::fprintf(stderr, "connector-cache-coldstart: no cache hit (%s)\n",
                     qPrintable(sourceName(r.source)));
        return 1;
    }
    std::printf("%lld\n", static_cast<long long>(r.offsetMs));
    return 0;
}
