#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace cc {

enum class Exchange { Bybit, BingX };
enum class Environment { Mainnet, Testnet, Demo };

QString exchangeName(Exchange exchange);          // "BYBIT", "BINGX" (the seed's spelling)
QString environmentName(Environment environment); // "MAINNET", "TESTNET", "DEMO"
std::optional<Exchange> exchangeFromName(const QString &name);       // case-insensitive
std::optional<Environment> environmentFromName(const QString &name); // case-insensitive

// Everything the time sync and the signer need to know about one exchange environment.
// All hosts live in one table (ExchangeProfile::lookup), not in scattered literals.
struct ExchangeProfile
{
    Exchange exchange = Exchange::Bybit;
    Environment environment = Environment::Testnet;
    QUrl baseUrl;            // scheme and host, e.g. https://api-testnet.bybit.com
    QString timePath;        // the server-time endpoint
    QString verifyPath;      // a cheap authenticated endpoint (the seed's "account check")
    int aheadLimitMs = 0;    // how far a request timestamp may run ahead of server time
    int recvWindowMs = 5000; // how far it may lag (the recv window we send)
    // Error codes that mean "your timestamp is outside the window".
    int timestampErrorCode = 0;

    // The profile for an exchange and environment, from the host table.
    static ExchangeProfile lookup(Exchange exchange, Environment environment);
    // Parses names ("bybit", "TESTNET") and an optional base-URL override (tests, proxies,
    // regional hosts). Returns nullopt and sets *errorMessage in words when something is wrong.
    static std::optional<ExchangeProfile> resolve(const QString &exchange,
                                                  const QString &environment,
                                                  const QString &baseUrlOverride,
                                                  QString *errorMessage);

    QString host() const { return baseUrl.host(); }
    QString displayName() const; // "BYBIT TESTNET (api-testnet.bybit.com)"
    QUrl url(const QString &path) const;
};

} // namespace cc
