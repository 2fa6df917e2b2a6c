#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace cc {

// An exchange API key pair. Kept in memory only: never written to the cache, a log or a
// settings file; QDebug prints it redacted.
class Credentials
{
public:
    Credentials() = default;
    Credentials(QString apiKey, QByteArray apiSecret)
        : m_apiKey(std::move(apiKey))
        , m_apiSecret(std::move(apiSecret))
    {}
    ~Credentials() { m_apiSecret.fill('\0'); }
    Credentials(const Credentials &) = default;
    Credentials &operator=(const Credentials &) = default;

    const QString &apiKey() const { return m_apiKey; }
    const QByteArray &apiSecret() const { return m_apiSecret; }
    bool isEmpty() const { return m_apiKey.isEmpty() || m_apiSecret.isEmpty(); }

private:
    QString m_apiKey;
    QByteArray m_apiSecret;
};

QDebug operator<<(QDebug debug,
                  const Credentials &credentials); // "Credentials(key ab…, secret ***)"

// Bybit v5: X-BAPI-SIGN = hex(HMAC-SHA256(secret, timestamp + apiKey + recvWindow + payload)),
// where payload is the query string of a GET or the JSON body of a POST.
QByteArray bybitSignature(const QByteArray &secret, qint64 timestampMs, const QString &apiKey,
                          int recvWindowMs, const QByteArray &payload);
// The headers a signed Bybit v5 request carries.
QList<QPair<QByteArray, QByteArray>> bybitHeaders(const Credentials &credentials,
                                                  qint64 timestampMs, int recvWindowMs,
                                                  const QByteArray &payload);

// BingX: signature = hex(HMAC-SHA256(secret, queryString)), where queryString holds the
// parameters in the order given, including timestamp (and recvWindow); the signature is
// appended as &signature=...; the key travels in the X-BX-APIKEY header.
QByteArray bingxSignature(const QByteArray &secret, const QByteArray &queryString);
// The full signed query string for the parameters (timestamp and recvWindow appended).
QByteArray bingxSignedQuery(const Credentials &credentials,
                            const QList<QPair<QString, QString>> &parameters, qint64 timestampMs,
                            int recvWindowMs);

} // namespace cc
