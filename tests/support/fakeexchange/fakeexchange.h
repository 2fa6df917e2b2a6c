#pragma once

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QTcpServer>
#include <QThread>
#include <QUrl>

#include <atomic>
#include <memory>

class QTcpSocket;

namespace cc::test {

// A local HTTP/1.1 server answering Bybit's and BingX's real response formats, for tests,
// benchmarks and manual runs of the console (exchanges are not reachable from CI machines).
//
// Endpoints: GET /v5/market/time (Bybit), GET /openApi/swap/v2/server/time (BingX),
// POST /openApi/swap/v1/common/server/time (BingX legacy, data.currentTime), and the signed
// GET /v5/user/query-api and /v5/account/wallet-balance (Bybit headers) and
// GET /openApi/swap/v2/user/balance (BingX query), which check the signature and the exchange's
// timestamp window (Bybit: server - recvWindow <= ts < server + 1000; BingX: symmetric) and
// answer 10002 / 100421 carrying the server time, as the real ones do. Keep-alive is honoured;
// a TLS handshake is answered in plain text (so an https:// client fails its handshake).
//
// Settings are thread-safe; the server itself lives in the thread that created it (use
// FakeExchangeThread to run it beside blocking code).
class FakeExchange : public QObject
{
    Q_OBJECT

public:
    enum class BybitVariant { Nano, MillisOnly, SecondsOnly };
    enum class Fault {
        None,
        CloseConnection, // close without answering
        Html,            // a 502 HTML page from a "proxy"
        Truncated,       // JSON cut in the middle
        Http500,
        ErrorCode, // retCode / code != 0
        WrongUnit, // seconds where milliseconds belong
        MissingField,
        NoAnswer, // accept and never answer (a hang)
    };

    explicit FakeExchange(QObject *parent = nullptr);
    ~FakeExchange() override;

    bool listen(quint16 port = 0); // 127.0.0.1
    quint16 port() const { return m_port.load(); }
    QUrl baseUrl() const;

    // Server time = local time + skew.
    void setSkewMs(qint64 skew) { m_skewMs = skew; }
    qint64 skewMs() const { return m_skewMs.load(); }
    // The server's clock runs ppm parts per million faster (negative: slower) than the local
    // one, from now on: server time = local + skew + ppm × 1e-6 × (local − the moment of this
    // call) (+ the step below). 0 stops the drift (what it accumulated is dropped).
    void setDriftPpm(double ppm);
    double driftPpm() const { return m_driftPpm.load(); }
    // From local wall time atMs (UTC ms) on, the server's clock reads stepMs later (an NTP step
    // or a failover on the exchange's side). stepMs 0 removes the step.
    void setStep(qint64 atMs, qint64 stepMs)
    {
        m_stepAtMs = atMs;
        m_stepMs = stepMs;
    }
    // The server time the fake answers with at local wall time localMs.
    qint64 serverTimeAt(qint64 localMs) const;
    // Each answer waits delay ± jitter ms (uniform); the first request on each connection waits
    // firstExtraMs more (connection set-up, as the real first request pays for TLS).
    void setDelayMs(int delay, int jitter = 0)
    {
        m_delayMs = delay;
        m_jitterMs = jitter;
    }
    void setFirstRequestExtraMs(int extra) { m_firstExtraMs = extra; }
    // The share of each delay spent before the server reads its clock (the request's path);
    // 0.5 is a symmetric link, 0.8 a request path four times slower than the answer's.
    void setAsymmetry(double shareBeforeClock)
    {
        m_asymmetryPermille = int(shareBeforeClock * 1000);
    }
    void setBybitVariant(BybitVariant v) { m_variant = int(v); }
    void setLegacyBingx(bool legacy) { m_legacyBingx = legacy; }
    // The next `count` time requests fail with `fault` (count < 0: all of them).
    void setFault(Fault fault, int count = -1)
    {
        m_fault = int(fault);
        m_faultCount = count;
    }
    // Credentials the signed endpoints accept.
    void setCredentials(const QString &apiKey, const QByteArray &secret);

    int timeRequests() const { return m_timeRequests.load(); }
    int signedRequests() const { return m_signedRequests.load(); }
    int rejectedTimestamps() const { return m_rejected.load(); }
    int connections() const { return m_connections.load(); }
    // TLS handshakes attempted on this plain-HTTP port (answered in plain text, so they fail).
    int tlsAttempts() const { return m_tlsAttempts.load(); }
    void resetCounters();

private:
    void onNewConnection();
    void handle(QTcpSocket *socket, const QByteArray &method, const QByteArray &target,
                const QHash<QByteArray, QByteArray> &headers, bool firstOnConnection,
                bool keepAlive);
    QByteArray timeBody(bool bybit, bool legacy, Fault fault, qint64 serverMs);
    QByteArray signedBody(bool bybit, const QUrl &url, const QHash<QByteArray, QByteArray> &headers,
                          qint64 serverMs);
    Fault takeFault();

    QTcpServer *m_server; // a child, so that it moves with us to another thread
    std::atomic<quint16> m_port{0};
    std::atomic<qint64> m_skewMs{0};
    std::atomic<double> m_driftPpm{0};
    std::atomic<qint64> m_driftEpochMs{0};
    std::atomic<qint64> m_stepAtMs{0};
    std::atomic<qint64> m_stepMs{0};
    std::atomic<int> m_delayMs{0};
    std::atomic<int> m_jitterMs{0};
    std::atomic<int> m_firstExtraMs{0};
    std::atomic<int> m_asymmetryPermille{500};
    std::atomic<int> m_variant{int(BybitVariant::Nano)};
    std::atomic<bool> m_legacyBingx{false};
    std::atomic<int> m_fault{int(Fault::None)};
    std::atomic<int> m_faultCount{0};
    std::atomic<int> m_timeRequests{0};
    std::atomic<int> m_signedRequests{0};
    std::atomic<int> m_rejected{0};
    std::atomic<int> m_connections{0};
    std::atomic<int> m_tlsAttempts{0};
    mutable QMutex m_mutex;
    QString m_apiKey;
    QByteArray m_secret;
};

// A FakeExchange in a thread of its own, for code that blocks (a blocking sync, a store).
class FakeExchangeThread
{
public:
    FakeExchangeThread();
    ~FakeExchangeThread();
    FakeExchange *exchange() const { return m_exchange; }
    QUrl baseUrl() const { return m_exchange->baseUrl(); }

private:
    QThread m_thread;
    FakeExchange *m_exchange = nullptr;
};

} // namespace cc::test
