#include "core/timesync/exchange.h"

#include <array>

namespace cc {

namespace {

struct HostRow
{
    Exchange exchange;
    Environment environment;
    const char *baseUrl;
};

// The one table of hosts. BingX has no testnet: its VST (virtual) environment plays that role
// for both TESTNET and DEMO.
constexpr std::array<HostRow, 6> kHosts = {{
    {Exchange::Bybit, Environment::Mainnet, "https://api.bybit.com"},
    {Exchange::Bybit, Environment::Testnet, "https://api-testnet.bybit.com"},
    {Exchange::Bybit, Environment::Demo, "https://api-demo.bybit.com"},
    {Exchange::BingX, Environment::Mainnet, "https://open-api.bingx.com"},
    {Exchange::BingX, Environment::Testnet, "https://open-api-vst.bingx.com"},
    {Exchange::BingX, Environment::Demo, "https://open-api-vst.bingx.com"},
}};

} // namespace

QString exchangeName(Exchange exchange)
{
    return exchange == Exchange::Bybit ? QStringLiteral("BYBIT") : QStringLiteral("BINGX");
}

QString environmentName(Environment environment)
{
    switch (environment) {
    case Environment::Mainnet:
        return QStringLiteral("MAINNET");
    case Environment::Testnet:
        return QStringLiteral("TESTNET");
    case Environment::Demo:
        return QStringLiteral("DEMO");
    }
    return QString();
}

std::optional<Exchange> exchangeFromName(const QString &name)
{
    const QString n = name.trimmed().toUpper();
    if (n == QLatin1String("BYBIT"))
        return Exchange::Bybit;
    if (n == QLatin1String("BINGX"))
        return Exchange::BingX;
    return std::nullopt;
}

std::optional<Environment> environmentFromName(const QString &name)
{
    const QString n = name.trimmed().toUpper();
    if (n == QLatin1String("MAINNET"))
        return Environment::Mainnet;
    if (n == QLatin1String("TESTNET"))
        return Environment::Testnet;
    if (n == QLatin1String("DEMO") || n == QLatin1String("VST"))
        return Environment::Demo;
    return std::nullopt;
}

ExchangeProfile ExchangeProfile::lookup(Exchange exchange, Environment environment)
{
    ExchangeProfile p;
    p.exchange = exchange;
    p.environment = environment;
    for (const HostRow &row : kHosts) {
        if (row.exchange == exchange && row.environment == environment)
            p.baseUrl = QUrl(QString::fromLatin1(row.baseUrl));
    }
    if (exchange == Exchange::Bybit) {
        p.timePath = QStringLiteral("/v5/market/time");
        p.verifyPath = QStringLiteral("/v5/user/query-api");
        p.aheadLimitMs = 1000; // never more than 1 s ahead, whatever the recv window
        p.recvWindowMs = 5000;
        p.timestampErrorCode = 10002;
    } else {
        p.timePath = QStringLiteral("/openApi/swap/v2/server/time");
        p.verifyPath = QStringLiteral("/openApi/swap/v2/user/balance");
        p.aheadLimitMs = 5000; // symmetric window
        p.recvWindowMs = 5000;
        p.timestampErrorCode = 100421;
    }
    return p;
}

std::optional<ExchangeProfile> ExchangeProfile::resolve(const QString &exchange,
                                                        const QString &environment,
                                                        const QString &baseUrlOverride,
                                                        QString *errorMessage)
{
    auto fail = [&](const QString &message) -> std::optional<ExchangeProfile> {
        if (errorMessage)
            *errorMessage = message;
        return std::nullopt;
    };
    const auto ex = exchangeFromName(exchange);
    if (!ex)
        return fail(
            QStringLiteral("unknown exchange '%1' (known: BYBIT, BINGX)").arg(exchange.left(40)));
    const auto env = environmentFromName(environment);
    if (!env)
        return fail(QStringLiteral("unknown environment '%1' (known: MAINNET, TESTNET, DEMO)")
                        .arg(environment.left(40)));
    ExchangeProfile p = lookup(*ex, *env);
    if (!baseUrlOverride.trimmed().isEmpty()) {
        const QUrl url(baseUrlOverride.trimmed(), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
            return fail(QStringLiteral("'%1' is not a base URL; expected e.g. "
                                       "https://api-testnet.bybit.com or http://127.0.0.1:8080")
                            .arg(baseUrlOverride.left(120)));
        if (!url.path().isEmpty() && url.path() != QLatin1String("/"))
            return fail(
                QStringLiteral("a base URL has no path; use %1://%2%3")
                    .arg(url.scheme(), url.host(),
                         url.port() > 0 ? QStringLiteral(":%1").arg(url.port()) : QString()));
        QUrl base;
        base.setScheme(url.scheme());
        base.setHost(url.host());
        if (url.port() > 0)
            base.setPort(url.port());
        p.baseUrl = base;
    }
    if (errorMessage)
        errorMessage->clear();
    return p;
}

QString ExchangeProfile::displayName() const
{
    QString host = baseUrl.host();
    if (baseUrl.port() > 0)
        host += QStringLiteral(":%1").arg(baseUrl.port());
    return QStringLiteral("%1 %2 (%3)")
        .arg(exchangeName(exchange), environmentName(environment), host);
}

QUrl ExchangeProfile::url(const QString &path) const
{
    QUrl u = baseUrl;
    u.setPath(path);
    return u;
}

} // namespace cc
