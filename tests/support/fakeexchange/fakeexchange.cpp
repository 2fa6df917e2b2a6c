#include "tests/support/fakeexchange/fakeexchange.h"

#include <QDateTime>
#include <QMessageAuthenticationCode>
#include <QMetaObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <cmath>
#include <utility>

namespace cc::test {

namespace {

// Per-connection parse state, kept as a dynamic property-free side table.
struct Connection
{
    QByteArray buffer;
    bool answeredOnce = false;
};

QByteArray statusLine(int status)
{
    switch (status) {
    case 200:
        return "HTTP/1.1 200 OK";
    case 500:
        return "HTTP/1.1 500 Internal Server Error";
    case 502:
        return "HTTP/1.1 502 Bad Gateway";
    case 404:
        return "HTTP/1.1 404 Not Found";
    default:
        return "HTTP/1.1 " + QByteArray::number(status) + " Status";
    }
}

} // namespace

FakeExchange::FakeExchange(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &FakeExchange::onNewConnection);
}

FakeExchange::~FakeExchange() = default;

bool FakeExchange::listen(quint16 port)
{
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server->serverPort();
    return true;
}

QUrl FakeExchange::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()));
}

void FakeExchange::setCredentials(const QString &apiKey, const QByteArray &secret)
{
    QMutexLocker lock(&m_mutex);
    m_apiKey = apiKey;
    m_secret = secret;
}

void FakeExchange::setDriftPpm(double ppm)
{
    m_driftEpochMs = QDateTime::currentMSecsSinceEpoch();
    m_driftPpm = ppm;
}

qint64 FakeExchange::serverTimeAt(qint64 localMs) const
{
    qint64 server = localMs + m_skewMs.load();
    const double ppm = m_driftPpm.load();
    if (ppm != 0)
        server += qint64(std::llround(ppm * 1e-6 * double(localMs - m_driftEpochMs.load())));
    const qint64 step = m_stepMs.load();
    if (step != 0 && localMs >= m_stepAtMs.load())
        server += step;
    return server;
}

void FakeExchange::resetCounters()
{
    m_timeRequests = 0;
    m_signedRequests = 0;
    m_rejected = 0;
    m_connections = 0;
    m_tlsAttempts = 0;
}

FakeExchange::Fault FakeExchange::takeFault()
{
    const int count = m_faultCount.load();
    const Fault fault = Fault(m_fault.load());
    if (fault == Fault::None)
        return Fault::None;
    if (count == 0)
        return Fault::None;
    if (count > 0)
        --m_faultCount;
    return fault;
}

void FakeExchange::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_connections;
        auto state = std::make_shared<Connection>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, state]() {
            state->buffer += socket->readAll();
            if (!state->answeredOnce && state->buffer.startsWith('\x16')) {
                // A TLS ClientHello on this plain-HTTP port: answer in plain text, as a
                // misconfigured proxy would, so the client's handshake fails.
                ++m_tlsAttempts;
                socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: "
                              "close\r\n\r\n");
                socket->disconnectFromHost();
                state->buffer.clear();
                return;
            }
            for (;;) {
                const int end = int(state->buffer.indexOf("\r\n\r\n"));
                if (end < 0)
                    return;
                const QByteArray head = state->buffer.left(end);
                const QList<QByteArray> lines = head.split('\n');
                const QList<QByteArray> request = lines.value(0).trimmed().split(' ');
                QHash<QByteArray, QByteArray> headers;
                for (int i = 1; i < lines.size(); ++i) {
                    const int colon = int(lines.at(i).indexOf(':'));
                    if (colon > 0)
                        headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                       lines.at(i).mid(colon + 1).trimmed());
                }
                const int length = headers.value("content-length", "0").toInt();
                if (state->buffer.size() < end + 4 + length)
                    return;
                state->buffer.remove(0, end + 4 + length);
                const bool keepAlive = headers.value("connection").toLower() != "close";
                const bool first = !state->answeredOnce;
                state->answeredOnce = true;
                handle(socket, request.value(0), request.value(1), headers, first, keepAlive);
            }
        });
    }
}

void FakeExchange::handle(QTcpSocket *socket, const QByteArray &method, const QByteArray &target,
                          const QHash<QByteArray, QByteArray> &headers, bool firstOnConnection,
                          bool keepAlive)
{
    const QUrl url(QString::fromLatin1(target));
    const QString path = url.path();
    const bool bybitTime = path == QLatin1String("/v5/market/time");
    const bool bingxTime = path == QLatin1String("/openApi/swap/v2/server/time");
    const bool bingxLegacy =
        path == QLatin1String("/openApi/swap/v1/common/server/time") && method == "POST";
    const bool bybitSigned = path == QLatin1String("/v5/user/query-api") ||
                             path == QLatin1String("/v5/account/wallet-balance");
    const bool bingxSigned = path == QLatin1String("/openApi/swap/v2/user/balance");

    Fault fault = Fault::None;
    if (bybitTime || bingxTime || bingxLegacy) {
        ++m_timeRequests;
        fault = takeFault();
    } else if (bybitSigned || bingxSigned) {
        ++m_signedRequests;
    }
    int delay = m_delayMs.load();
    const int jitter = m_jitterMs.load();
    if (jitter > 0)
        delay += int(QRandomGenerator::global()->bounded(2 * jitter + 1)) - jitter;
    if (firstOnConnection)
        delay += m_firstExtraMs.load();
    delay = std::max(0, delay);

    QPointer<QTcpSocket> guard(socket);
    auto respond = [this, guard, fault, method, url, headers, bybitTime, bingxTime, bingxLegacy,
                    bybitSigned, bingxSigned, keepAlive](qint64 serverMs) {
        if (!guard)
            return;
        QTcpSocket *s = guard.data();
        if (fault == Fault::NoAnswer)
            return;
        if (fault == Fault::CloseConnection) {
            s->abort();
            return;
        }
        int status = 200;
        QByteArray contentType = "application/json";
        QByteArray body;
        if (bybitTime || bingxTime || bingxLegacy) {
            if (fault == Fault::Html) {
                status = 502;
                contentType = "text/html";
                body = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 "
                       "Bad Gateway</h1></center></body></html>";
            } else if (fault == Fault::Http500) {
                status = 500;
                body = "{\"error\":\"internal\"}";
            } else {
                body = timeBody(bybitTime, bingxLegacy, fault, serverMs);
            }
        } else if (bybitSigned || bingxSigned) {
            body = signedBody(bybitSigned, url, headers, serverMs);
        } else {
            status = 404;
            body = "{\"code\":404,\"msg\":\"no such endpoint\"}";
        }
        QByteArray response = statusLine(status) + "\r\nContent-Type: " + contentType +
                              "\r\nContent-Length: " + QByteArray::number(body.size()) +
                              "\r\nTimenow: " + QByteArray::number(serverMs) +
                              (keepAlive ? "\r\nConnection: keep-alive" : "\r\nConnection: close") +
                              "\r\n\r\n" + body;
        s->write(response);
        if (!keepAlive)
            s->disconnectFromHost();
    };
    // The server reads its clock halfway through the delay: the delay stands for a symmetric
    // network path, so the true offset is the midpoint estimate's.
    const int before = delay * m_asymmetryPermille.load() / 1000;
    const int after = delay - before;
    auto readClockThenAnswer = [this, respond, after]() {
        const qint64 serverMs = serverTimeAt(QDateTime::currentMSecsSinceEpoch());
        if (after > 0)
            QTimer::singleShot(after, this, [respond, serverMs]() { respond(serverMs); });
        else
            respond(serverMs);
    };
    if (before > 0)
        QTimer::singleShot(before, this, readClockThenAnswer);
    else
        readClockThenAnswer();
}

QByteArray FakeExchange::timeBody(bool bybit, bool legacy, Fault fault, qint64 serverMs)
{
    QByteArray body;
    if (bybit) {
        const qint64 ms = serverMs;
        const QByteArray seconds = QByteArray::number(ms / 1000);
        const QByteArray nanos = QByteArray::number(ms) + "123456";
        const int code = fault == Fault::ErrorCode ? 10006 : 0;
        const QByteArray msg = code ? "Too many visits!" : "OK";
        switch (BybitVariant(m_variant.load())) {
        case BybitVariant::Nano:
            body = "{\"retCode\":" + QByteArray::number(code) + ",\"retMsg\":\"" + msg +
                   "\",\"result\":{\"timeSecond\":\"" + seconds + "\",\"timeNano\":\"" +
                   (fault == Fault::WrongUnit ? seconds : nanos) +
                   "\"},\"retExtInfo\":{},\"time\":" + QByteArray::number(ms) + "}";
            break;
        case BybitVariant::MillisOnly:
            body = "{\"retCode\":" + QByteArray::number(code) + ",\"retMsg\":\"" + msg +
                   "\",\"result\":{},\"retExtInfo\":{},\"time\":" +
                   (fault == Fault::WrongUnit ? seconds : QByteArray::number(ms)) + "}";
            break;
        case BybitVariant::SecondsOnly:
            body = "{\"retCode\":" + QByteArray::number(code) + ",\"retMsg\":\"" + msg +
                   "\",\"result\":{\"timeSecond\":\"" + seconds + "\"},\"retExtInfo\":{}}";
            break;
        }
        if (fault == Fault::MissingField)
            body = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{},\"retExtInfo\":{}}";
    } else {
        const bool useLegacy = legacy || m_legacyBingx.load();
        const QByteArray field = useLegacy ? "currentTime" : "serverTime";
        const int code = fault == Fault::ErrorCode ? 100410 : 0;
        body = "{\"code\":" + QByteArray::number(code) + ",\"msg\":\"" +
               (code ? QByteArray("rate limited") : QByteArray()) + "\",\"data\":{\"" + field +
               "\":" +
               (fault == Fault::WrongUnit ? QByteArray::number(serverMs / 1000)
                                          : QByteArray::number(serverMs)) +
               "}}";
        if (fault == Fault::MissingField)
            body = "{\"code\":0,\"msg\":\"\",\"data\":{}}";
    }
    if (fault == Fault::Truncated)
        body.truncate(body.size() / 2);
    return body;
}

QByteArray FakeExchange::signedBody(bool bybit, const QUrl &url,
                                    const QHash<QByteArray, QByteArray> &headers, qint64 serverMs)
{
    QString apiKey;
    QByteArray secret;
    {
        QMutexLocker lock(&m_mutex);
        apiKey = m_apiKey;
        secret = m_secret;
    }
    if (bybit) {
        const QByteArray key = headers.value("x-bapi-api-key");
        const qint64 ts = headers.value("x-bapi-timestamp").toLongLong();
        const int recv = headers.value("x-bapi-recv-window", "5000").toInt();
        const QByteArray query = url.query(QUrl::FullyEncoded).toLatin1();
        const QByteArray expected =
            QMessageAuthenticationCode::hash(QByteArray::number(ts) + key +
                                                 QByteArray::number(recv) + query,
                                             secret, QCryptographicHash::Sha256)
                .toHex();
        if (key != apiKey.toUtf8() || headers.value("x-bapi-sign") != expected)
            return "{\"retCode\":10004,\"retMsg\":\"error sign! origin_string[...]\",\"result\":{},"
                   "\"retExtInfo\":{},\"time\":" +
                   QByteArray::number(serverMs) + "}";
        // Bybit's rule: server_time - recv_window <= timestamp < server_time + 1000.
        if (!(serverMs - recv <= ts && ts < serverMs + 1000)) {
            ++m_rejected;
            return "{\"retCode\":10002,\"retMsg\":\"invalid request, please check your server "
                   "timestamp or recv_window param. req_timestamp[" +
                   QByteArray::number(ts) + "],server_timestamp[" + QByteArray::number(serverMs) +
                   "],recv_window[" + QByteArray::number(recv) +
                   "]\",\"result\":{},\"retExtInfo\":{},\"time\":" + QByteArray::number(serverMs) +
                   "}";
        }
        return "{\"retCode\":0,\"retMsg\":\"\",\"result\":{\"apiKey\":\"" + key +
               "\",\"readOnly\":1},\"retExtInfo\":{},\"time\":" + QByteArray::number(serverMs) +
               "}";
    }
    QByteArray query = url.query(QUrl::FullyEncoded).toLatin1();
    const int at = int(query.lastIndexOf("&signature="));
    const QByteArray signature = at >= 0 ? query.mid(at + 11) : QByteArray();
    const QByteArray signedPart = at >= 0 ? query.left(at) : query;
    const QUrlQuery params(QString::fromLatin1(signedPart));
    const qint64 ts = params.queryItemValue(QStringLiteral("timestamp")).toLongLong();
    const int recv = params.hasQueryItem(QStringLiteral("recvWindow"))
                         ? params.queryItemValue(QStringLiteral("recvWindow")).toInt()
                         : 5000;
    const QByteArray expected =
        QMessageAuthenticationCode::hash(signedPart, secret, QCryptographicHash::Sha256).toHex();
    if (headers.value("x-bx-apikey") != apiKey.toUtf8() || signature != expected)
        return "{\"code\":100001,\"msg\":\"Signature verification failed\",\"timestamp\":" +
               QByteArray::number(serverMs) + "}";
    if (ts - serverMs > recv || serverMs - ts > recv) {
        ++m_rejected;
        return "{\"code\":100421,\"msg\":\"Null timestamp or timestamp mismatch\",\"timestamp\":" +
               QByteArray::number(serverMs) + "}";
    }
    return "{\"code\":0,\"msg\":\"\",\"data\":{\"balance\":{\"asset\":\"USDT\",\"balance\":\"100\"}"
           "}}";
}

FakeExchangeThread::FakeExchangeThread()
{
    m_thread.start();
    m_exchange = new FakeExchange;
    m_exchange->moveToThread(&m_thread);
    bool ok = false;
    QMetaObject::invokeMethod(
        m_exchange, [&]() { ok = m_exchange->listen(); }, Qt::BlockingQueuedConnection);
    Q_UNUSED(ok);
}

FakeExchangeThread::~FakeExchangeThread()
{
    QMetaObject::invokeMethod(m_exchange, &QObject::deleteLater);
    m_thread.quit();
    m_thread.wait();
}

} // namespace cc::test
