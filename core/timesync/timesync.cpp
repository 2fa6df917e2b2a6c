#include "core/timesync/timesync.h"

#include "core/logging.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslSocket>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace cc {

namespace {

QString transportError(QNetworkReply::NetworkError code, const QString &text,
                       SyncResult::Error *kind)
{
    switch (code) {
    case QNetworkReply::ConnectionRefusedError:
        *kind = SyncResult::Error::ConnectionRefused;
        return QStringLiteral("connection refused");
    case QNetworkReply::HostNotFoundError:
        *kind = SyncResult::Error::HostNotFound;
        return QStringLiteral("host not found (DNS)");
    case QNetworkReply::RemoteHostClosedError:
        *kind = SyncResult::Error::ConnectionClosed;
        return QStringLiteral("the server closed the connection without an answer");
    case QNetworkReply::SslHandshakeFailedError:
        *kind = SyncResult::Error::Tls;
        return QStringLiteral("TLS handshake failed: %1").arg(text);
    case QNetworkReply::TimeoutError:
        *kind = SyncResult::Error::Timeout;
        return QStringLiteral("timed out");
    default:
        *kind = SyncResult::Error::Network;
        return text;
    }
}

// What an HTTP error answer says, in words: the status, a hint for the common ones, and the
// exchange's own code and message when the body carries them.
QString httpError(Exchange exchange, int status, const QString &reason, const QByteArray &body)
{
    QString text = QStringLiteral("HTTP %1 %2").arg(status).arg(reason).trimmed();
    if (status == 429)
        text += QStringLiteral(" (rate limited: wait before the next sync)");
    else if (status == 403)
        text += QStringLiteral(" (forbidden: the host may block this IP address or region)");
    const QByteArray trimmed = body.trimmed();
    const ApiAnswer answer = parseApiAnswer(exchange, trimmed);
    if (answer.isJson && answer.code > 0) // the exchange's own code (missing: -1)
        text += QStringLiteral(", code %1: %2").arg(answer.code).arg(answer.message.left(200));
    else if (trimmed.startsWith('<'))
        text += QStringLiteral(", an HTML error page");
    else if (!trimmed.isEmpty()) {
        QString excerpt = QString::fromUtf8(trimmed.left(120)).simplified();
        for (QChar &c : excerpt) {
            if (!c.isPrint())
                c = QLatin1Char('?');
        }
        text += QStringLiteral(": \"%1\"").arg(excerpt);
    }
    return text;
}

} // namespace

double offsetUncertaintyMs(double errorBoundMs, qint64 ageMs, double driftMsPerHour)
{
    return errorBoundMs + double(std::max<qint64>(0, ageMs)) / 3'600'000.0 * driftMsPerHour;
}

qint64 signedRequestTimestampMs(qint64 localNowMs, qint64 offsetMs, double uncertaintyMs)
{
    return localNowMs + offsetMs - qint64(std::ceil(std::max(0.0, uncertaintyMs)));
}

bool timestampFitsWindow(const ExchangeProfile &profile, double uncertaintyMs, int transitMs,
                         QString *why)
{
    // Signed with offset - uncertainty, a request is never ahead; it lags by up to twice the
    // uncertainty plus its own transit. Bybit accepts a lag up to the recv window; BingX's
    // window is symmetric, bounded by both.
    const int window = profile.exchange == Exchange::Bybit
                           ? profile.recvWindowMs
                           : std::min(profile.recvWindowMs, profile.aheadLimitMs);
    const double worstLag = 2.0 * uncertaintyMs + transitMs;
    if (worstLag <= window) {
        if (why)
            why->clear();
        return true;
    }
    if (why)
        *why = QStringLiteral("its uncertainty (±%1 ms) no longer fits the exchange's %2 ms "
                              "window")
                   .arg(uncertaintyMs, 0, 'f', 0)
                   .arg(window);
    return false;
}

TimeSync::TimeSync(QNetworkAccessManager *network, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock ? clock : Clock::system())
    , m_requestTimer(new QTimer(this))
    , m_totalTimer(new QTimer(this))
{
    qRegisterMetaType<cc::SyncSample>();
    qRegisterMetaType<cc::SyncResult>();
    m_requestTimer->setSingleShot(true);
    m_totalTimer->setSingleShot(true);
    connect(m_requestTimer, &QTimer::timeout, this, &TimeSync::onRequestTimeout);
    connect(m_totalTimer, &QTimer::timeout, this, &TimeSync::onRequestTimeout);
}

TimeSync::~TimeSync()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

double TimeSync::wallNowMs() const
{
    return m_wallAtStart + double(m_mono.nsecsElapsed()) / 1e6;
}

void TimeSync::start(const ExchangeProfile &profile, const SyncOptions &options)
{
    if (m_running)
        cancel();
    m_profile = profile;
    m_options = options;
    m_options.samples = std::clamp(options.samples, 1, 50);
    m_result = SyncResult();
    m_result.host = profile.host();
    m_result.exchange = profile.exchange;
    m_result.environment = profile.environment;
    m_running = true;
    m_timedOut = false;
    m_mono.start();
    m_wallAtStart = double(m_clock->nowMs());
    m_totalTimer->start(std::max(1, options.totalTimeoutMs));
    qCDebug(lcSync).noquote() << "time sync with" << profile.displayName() << "samples"
                              << m_options.samples;
    // Start asynchronously so that finished() is never emitted from inside start().
    QTimer::singleShot(0, this, &TimeSync::sendNext);
}

void TimeSync::cancel()
{
    if (!m_running)
        return;
    finish(SyncResult::Error::Cancelled, QStringLiteral("cancelled"));
}

void TimeSync::sendNext()
{
    if (!m_running)
        return;
    if (m_profile.baseUrl.scheme() == QLatin1String("https") && !QSslSocket::supportsSsl()) {
        finish(SyncResult::Error::Tls,
               QStringLiteral("TLS is not available to this program (no TLS backend: install "
                              "OpenSSL 3 or use an http:// base URL for a local server)"));
        return;
    }
    QNetworkRequest request(m_profile.url(m_profile.timePath));
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", "connector-cache/" CC_VERSION_STRING);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    m_sentAt = wallNowMs();
    ++m_result.requests;
    m_reply = network()->get(request);
    connect(m_reply.data(), &QNetworkReply::finished, this, &TimeSync::onReplyFinished);
    m_requestTimer->start(std::max(1, m_options.requestTimeoutMs));
}

QNetworkAccessManager *TimeSync::network()
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    return m_network;
}

void TimeSync::onRequestTimeout()
{
    if (!m_running)
        return;
    m_timedOut = true;
    const bool total = sender() == m_totalTimer;
    finish(SyncResult::Error::Timeout,
           total ? QStringLiteral("no complete sync within %1 ms").arg(m_options.totalTimeoutMs)
                 : QStringLiteral("no answer within %1 ms").arg(m_options.requestTimeoutMs));
}

void TimeSync::onReplyFinished()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply || reply != sender())
        return;
    const double t3 = wallNowMs();
    m_requestTimer->stop();
    m_reply = nullptr;
    reply->deleteLater();
    if (!m_running)
        return;

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError && status == 0) {
        SyncResult::Error kind;
        const QString what = transportError(reply->error(), reply->errorString(), &kind);
        finish(kind, what);
        return;
    }
    if (status >= 400) {
        const QString reason =
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        finish(SyncResult::Error::Http, httpError(m_profile.exchange, status, reason, body));
        return;
    }
    const ParsedTime parsed =
        parseServerTime(m_profile.exchange, body, qint64(t3), m_options.maxSkewMs);
    if (!parsed.time) {
        const bool exchangeSaid = parsed.error.startsWith(QLatin1String("Bybit answered")) ||
                                  parsed.error.startsWith(QLatin1String("BingX answered"));
        finish(exchangeSaid ? SyncResult::Error::ExchangeError : SyncResult::Error::BadAnswer,
               parsed.error);
        return;
    }
    SyncSample sample;
    sample.t0Ms = m_sentAt;
    sample.t3Ms = t3;
    sample.serverMs = parsed.time->ms;
    sample.resolutionMs = parsed.time->resolutionMs;
    sample.realtimeMinusBoottimeMs = m_hostClocks->realtimeMinusBoottimeMs();
    m_result.samples << sample;
    Q_EMIT sampleTaken(sample);
    if (m_result.samples.size() >= m_options.samples) {
        finish(SyncResult::Error::None, QString());
        return;
    }
    sendNext();
}

void TimeSync::estimate(QList<SyncSample> *samples, SyncResult *result)
{
    if (samples->isEmpty())
        return;
    // The first request pays for DNS, TCP and TLS set-up; if it is clearly slower than the rest,
    // it says nothing about the offset.
    if (samples->size() >= 3) {
        double fastestRest = (*samples)[1].rttMs();
        for (int i = 2; i < samples->size(); ++i)
            fastestRest = std::min(fastestRest, (*samples)[i].rttMs());
        if ((*samples)[0].rttMs() > 1.5 * fastestRest + 1.0)
            (*samples)[0].dropped = true;
    }
    int best = -1;
    int used = 0;
    for (int i = 0; i < samples->size(); ++i) {
        const SyncSample &s = samples->at(i);
        if (s.dropped)
            continue;
        ++used;
        if (best < 0 || s.rttMs() < samples->at(best).rttMs())
            best = i;
    }
    const SyncSample &chosen = samples->at(best);
    result->offsetExactMs = chosen.offsetMs();
    result->offsetMs = qint64(std::llround(chosen.offsetMs()));
    result->rttMs = chosen.rttMs();
    // rtt / 2 + server resolution, + the local clock's resolution, + rounding to whole ms.
    result->errorBoundMs = chosen.errorBoundMs() + kLocalClockResolutionMs + 0.5;
    result->samplesUsed = used;
    result->chosenSample = best;
    result->serverTimeMs = chosen.serverMs;
    result->realtimeMinusBoottimeMs = chosen.realtimeMinusBoottimeMs;
}

void TimeSync::finish(SyncResult::Error error, const QString &message)
{
    if (!m_running)
        return;
    m_running = false;
    m_requestTimer->stop();
    m_totalTimer->stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply.data();
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    m_result.error = error;
    m_result.finishedAtMs = qint64(wallNowMs());
    if (error == SyncResult::Error::None) {
        estimate(&m_result.samples, &m_result);
        qCInfo(lcSync).noquote() << QStringLiteral("%1: offset %2 ms ± %3 ms (round trip %4 ms, "
                                                   "%5 of %6 samples)")
                                        .arg(m_profile.displayName())
                                        .arg(m_result.offsetMs)
                                        .arg(m_result.errorBoundMs, 0, 'f', 1)
                                        .arg(m_result.rttMs, 0, 'f', 1)
                                        .arg(m_result.samplesUsed)
                                        .arg(m_result.samples.size());
    } else {
        m_result.errorMessage =
            QStringLiteral("%1 %2: %3")
                .arg(exchangeName(m_profile.exchange), m_profile.host(), message);
        if (error == SyncResult::Error::Cancelled)
            qCInfo(lcSync).noquote() << "time sync cancelled:" << m_result.errorMessage;
        else
            qCWarning(lcSync).noquote() << "time sync failed:" << m_result.errorMessage;
    }
    Q_EMIT finished(m_result);
}

SyncResult TimeSync::runBlocking(const ExchangeProfile &profile, const SyncOptions &options,
                                 const Clock *clock)
{
    QNetworkAccessManager network;
    TimeSync sync(&network, clock);
    SyncResult result;
    QEventLoop loop;
    QObject::connect(&sync, &TimeSync::finished, &loop, [&](const SyncResult &r) {
        result = r;
        loop.quit();
    });
    sync.start(profile, options);
    loop.exec();
    return result;
}

} // namespace cc
