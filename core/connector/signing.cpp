#include "core/connector/signing.h"

#include <QDebug>
#include <QMessageAuthenticationCode>
#include <QUrl>

namespace cc {

QDebug operator<<(QDebug debug, const Credentials &credentials)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Credentials(key " << credentials.apiKey().left(4) << "…, secret ***)";
    return debug;
}

QByteArray bybitSignature(const QByteArray &secret, qint64 timestampMs, const QString &apiKey,
                          int recvWindowMs, const QByteArray &payload)
{
    const QByteArray message = QByteArray::number(timestampMs) + apiKey.toUtf8() +
                               QByteArray::number(recvWindowMs) + payload;
    return QMessageAuthenticationCode::hash(message, secret, QCryptographicHash::Sha256).toHex();
}

QList<QPair<QByteArray, QByteArray>> bybitHeaders(const Credentials &credentials,
                                                  qint64 timestampMs, int recvWindowMs,
                                                  const QByteArray &payload)
{
    return {
        {"X-BAPI-API-KEY", credentials.apiKey().toUtf8()},
        {"X-BAPI-TIMESTAMP", QByteArray::number(timestampMs)},
        {"X-BAPI-RECV-WINDOW", QByteArray::number(recvWindowMs)},
        {"X-BAPI-SIGN", bybitSignature(credentials.apiSecret(), timestampMs, credentials.apiKey(),
                                       recvWindowMs, payload)},
        {"X-BAPI-SIGN-TYPE", "2"},
    };
}

QByteArray bingxSignature(const QByteArray &secret, const QByteArray &queryString)
{
    return QMessageAuthenticationCode::hash(queryString, secret, QCryptographicHash::Sha256)
        .toHex();
}

QByteArray bingxSignedQuery(const Credentials &credentials,
                            const QList<QPair<QString, QString>> &parameters, qint64 timestampMs,
                            int recvWindowMs)
{
    QByteArray query;
    auto append = [&](const QString &key, const QString &value) {
        if (!query.isEmpty())
            query += '&';
        query += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    };
    for (const auto &p : parameters)
        append(p.first, p.second);
    append(QStringLiteral("recvWindow"), QString::number(recvWindowMs));
    append(QStringLiteral("timestamp"), QString::number(timestampMs));
    return query + "&signature=" + bingxSignature(credentials.apiSecret(), query);
}

} // namespace cc
