#include "core/connector/cachedconnector.h"

#include "core/logging.h"
#include "core/store/cachestore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHostInfo>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>

#include <cmath>

namespace cc {

QString sourceName(InitResult::Source source)
{
    switch (source) {
    case InitResult::Source::None:
        return QStringLiteral("none");
    case InitResult::Source::CacheHit:
        return QStringLiteral("cache HIT");
    case InitResult::Source::PeerSync:
        return QStringLiteral("cache HIT after a peer's sync");
    case InitResult::Source::StaleButSafe:
        return QStringLiteral("stale cache, still safe");
    case InitResult::Source::Synced:
        return QStringLiteral("cache MISS");
    case InitResult::Source::LiveSync:
        return QStringLiteral("cache unavailable, live sync");
    }
    return QString();
}

namespace {

double entryErrorBound(const CacheEntry &entry, double unknown)
{
    const QJsonObject sync = entry.metadata.value(QStringLiteral("sync")).toObject();
    const QJsonValue bound = sync.value(QStringLiteral("errorBoundMs"));
    if (bound.isDouble() && bound.toDouble() >= 0)
        return bound.toDouble();
    return unknown;
}

} // namespace

CachedConnector::CachedConnector(QString userId, QString credentialId, ExchangeProfile profile,
                                 Credentials credentials, CacheStore *store,
                                 QNetworkAccessManager *network, const Clock *clock,
                                 ConnectorOptions options, QObject *parent)
    : QObject(parent)
    , m_userId(std::move(userId))
    , m_credentialId(std::move(credentialId))
    , m_profile(std::move(profile))
    , m_credentials(std::move(credentials))
    , m_store(store)
    , m_network(network)
    , m_clock(clock ? clock : Clock::system())
    , m_options(std::move(options))
    , m_sync(new TimeSync(network, m_clock, this))
    , m_limitTimer(new QTimer(this))
    , m_pollTimer(new QTimer(this))
{
    qRegisterMetaType<cc::InitResult>();
    qRegisterMetaType<cc::ApiCallResult>();
    if (m_options.holder.isEmpty()) {
        m_options.holder =
            QStringLiteral("%1:%2:%3")
                .arg(QHostInfo::localHostName())
                .arg(QCoreApplication::applicationPid())
                .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    }
    m_limitTimer->setSingleShot(true);
    connect(m_limitTimer, &QTimer::timeout, this, &CachedConnector::onStartupLimit);
    m_pollTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, this, &CachedConnector::pollPeer);
    connect(m_sync, &TimeSync::finished, this, &CachedConnector::onSyncFinished);
}

CachedConnector::~CachedConnector()
{
    releaseLease();
}

SafetyCheck CachedConnector::checkSafety(const CacheEntry &entry, qint64 nowMs,
                                         const ExchangeProfile &profile,
                                         const ConnectorOptions &options, bool ignoreTtl)
{
    SafetyCheck check;
    const qint64 age = std::max<qint64>(0, entry.ageMs(nowMs));
    check.uncertaintyMs = entryErrorBound(entry, options.unknownErrorBoundMs) +
                          double(age) / 3'600'000.0 * options.driftMsPerHour;
    if (!entry.isValid) {
        check.reason = QStringLiteral("the entry was invalidated");
        return check;
    }
    if (!ignoreTtl && entry.expiresAt.toMSecsSinceEpoch() <= nowMs) {
        check.reason = QStringLiteral("the entry expired");
        return check;
    }
    // We sign with offset - uncertainty, so a request never runs ahead of the exchange; it may
    // then lag by up to twice the uncertainty plus its own transit, which must stay inside the
    // recv window (and, for a symmetric window, inside the ahead limit too).
    const double window =
        std::min(profile.recvWindowMs,
                 profile.exchange == Exchange::Bybit ? profile.recvWindowMs : profile.aheadLimitMs);
    if (2.0 * check.uncertaintyMs + options.latencyAllowanceMs > window) {
        check.reason = QStringLiteral("its uncertainty (±%1 ms after %2 s) no longer fits the "
                                      "exchange's %3 ms window")
                           .arg(check.uncertaintyMs, 0, 'f', 0)
                           .arg(age / 1000)
                           .arg(window, 0, 'f', 0);
        return check;
    }
    check.safe = true;
    return check;
}

int CachedConnector::safetyMarginMs() const
{
    return int(std::ceil(m_errorBoundMs));
}

qint64 CachedConnector::requestTimestampMs() const
{
    return m_clock->nowMs() + m_offsetMs - safetyMarginMs();
}

void CachedConnector::initialize()
{
    if (m_initializing)
        return;
    m_initializing = true;
    m_initialized = false;
    m_exchangeRequests = 0;
    m_pending = InitResult();
    m_hasOldEntry = false;
    m_started.start();
    m_limitTimer->start(std::max(1, m_options.startupLimitMs));
    // Let the caller connect to initialized() before a cache hit reports it.
    QTimer::singleShot(0, this, &CachedConnector::lookUp);
}

void CachedConnector::lookUp()
{
    if (!m_initializing)
        return;
    if (!m_store) {
        m_pending.cacheOutcome = Lookup::Outcome::Failed;
        startSync(InitResult::Source::LiveSync, false);
        return;
    }
    const Lookup lookup = m_store->get(m_userId, m_credentialId);
    m_pending.cacheOutcome = lookup.outcome;
    const qint64 now = m_clock->nowMs();
    if (lookup.outcome == Lookup::Outcome::Failed) {
        qCWarning(lcConnector).noquote()
            << "Cache unavailable (" << lookup.errorMessage << ") - performing live time sync...";
        startSync(InitResult::Source::LiveSync, false);
        return;
    }
    if (lookup.isHit()) {
        const SafetyCheck check = checkSafety(lookup.entry, now, m_profile, m_options);
        if (check.safe) {
            useEntry(lookup.entry, InitResult::Source::CacheHit, lookup.outcome);
            return;
        }
        qCInfo(lcConnector).noquote() << "Cached offset not safe:" << check.reason;
    }
    if (lookup.hasEntry() && lookup.entry.isValid) {
        m_oldEntry = lookup.entry;
        m_hasOldEntry = true;
    }
    // A miss: of all the processes starting now, one syncs; the rest wait for its result.
    auto lease = m_store->acquireSyncLease(m_userId, m_credentialId, m_options.holder,
                                           std::chrono::milliseconds(m_options.leaseMs));
    if (!lease.ok()) {
        qCWarning(lcConnector).noquote()
            << "Sync lease unavailable (" << lease.error().message() << ") - syncing anyway";
        startSync(InitResult::Source::Synced, true);
        return;
    }
    if (lease.value()) {
        m_holdsLease = true;
        startSync(InitResult::Source::Synced, true);
        return;
    }
    qCInfo(lcConnector).noquote() << "Another process is syncing this credential - waiting up to"
                                  << m_options.leaseWaitMs << "ms for its result";
    m_waiting.start();
    m_pollTimer->start(std::max(1, m_options.leasePollMs));
}

void CachedConnector::pollPeer()
{
    if (!m_initializing)
        return;
    const qint64 now = m_clock->nowMs();
    auto entry = m_store->entry(m_userId, m_credentialId);
    if (entry.ok() && entry->stateAt(now) == CacheEntry::State::Valid &&
        (!m_hasOldEntry || entry->updatedAt > m_oldEntry.updatedAt ||
         entry->lastSyncTime > m_oldEntry.lastSyncTime)) {
        const Lookup lookup = m_store->get(m_userId, m_credentialId); // counts the hit
        if (lookup.isHit() && checkSafety(lookup.entry, now, m_profile, m_options).safe) {
            useEntry(lookup.entry, InitResult::Source::PeerSync, lookup.outcome);
            return;
        }
    }
    if (m_waiting.elapsed() < m_options.leaseWaitMs) {
        m_pollTimer->start(std::max(1, m_options.leasePollMs));
        return;
    }
    if (m_hasOldEntry && checkSafety(m_oldEntry, now, m_profile, m_options, true).safe) {
        qCInfo(lcConnector).noquote() << "Peer sync not done yet - using the expired offset, "
                                         "still safe by drift";
        useEntry(m_oldEntry, InitResult::Source::StaleButSafe, m_pending.cacheOutcome);
        return;
    }
    // The peer is slow or gone: its lease lapses on its own; sync ourselves.
    auto lease = m_store->acquireSyncLease(m_userId, m_credentialId, m_options.holder,
                                           std::chrono::milliseconds(m_options.leaseMs));
    m_holdsLease = lease.ok() && lease.value();
    startSync(InitResult::Source::Synced, true);
}

void CachedConnector::useEntry(const CacheEntry &entry, InitResult::Source source,
                               Lookup::Outcome outcome)
{
    InitResult r;
    r.ok = true;
    r.source = source;
    r.cacheOutcome = outcome;
    r.offsetMs = entry.timeOffsetMs;
    r.errorBoundMs = checkSafety(entry, m_clock->nowMs(), m_profile, m_options, true).uncertaintyMs;
    qCInfo(lcConnector).noquote() << QStringLiteral(
                                         "Loaded cached time sync (age: %1s, offset: %2ms)")
                                         .arg(entry.ageMs(m_clock->nowMs()) / 1000)
                                         .arg(entry.timeOffsetMs);
    finishInit(r);
    if (source != InitResult::Source::CacheHit || !m_store || m_options.refreshAheadBeta <= 0)
        return;
    const QJsonObject sync = entry.metadata.value(QStringLiteral("sync")).toObject();
    const double rtt = sync.value(QStringLiteral("rttMs")).toDouble(200);
    const double samples = sync.value(QStringLiteral("samples")).toDouble(m_options.sync.samples);
    const double delta = std::max(50.0, rtt * std::max(1.0, samples));
    const qint64 remaining = entry.expiresAt.toMSecsSinceEpoch() - m_clock->nowMs();
    const double u = 1.0 - QRandomGenerator::global()->generateDouble(); // (0, 1]
    if (!shouldRefreshAhead(remaining, delta, m_options.refreshAheadBeta, u))
        return;
    auto lease = m_store->acquireSyncLease(m_userId, m_credentialId, m_options.holder,
                                           std::chrono::milliseconds(m_options.leaseMs));
    if (!lease.ok() || !lease.value())
        return; // someone else is refreshing it
    m_holdsLease = true;
    m_refreshing = true;
    qCInfo(lcConnector).noquote()
        << QStringLiteral("Refreshing ahead of expiry (%1 s left)").arg(remaining / 1000);
    m_sync->start(m_profile, m_options.sync);
}

bool CachedConnector::shouldRefreshAhead(qint64 remainingMs, double syncDurationMs, double beta,
                                         double u)
{
    if (beta <= 0 || u <= 0 || u > 1)
        return false;
    // XFetch: refresh when now - delta * beta * ln(u) >= expiry.
    return -syncDurationMs * beta * std::log(u) >= double(remainingMs);
}

void CachedConnector::startSync(InitResult::Source successSource, bool save)
{
    m_pending.source = successSource;
    m_saveAfterSync = save;
    if (successSource == InitResult::Source::Synced)
        qCInfo(lcConnector).noquote() << "Cache miss - performing full time sync...";
    SyncOptions options = m_options.sync;
    // Never let the sync outlive the start-up limit.
    const int left = m_options.startupLimitMs - int(m_started.elapsed());
    options.totalTimeoutMs = std::max(1, std::min(options.totalTimeoutMs, left));
    m_sync->start(m_profile, options);
}

void CachedConnector::onSyncFinished(const SyncResult &result)
{
    if (m_refreshing) {
        m_refreshing = false;
        if (result.ok() && m_store) {
            TimeSyncState state;
            state.timeOffsetMs = result.offsetMs;
            state.lastSyncTime = QDateTime::fromMSecsSinceEpoch(result.finishedAtMs, Qt::UTC);
            state.metadata = QJsonObject{
                {QStringLiteral("sync"),
                 QJsonObject{{QStringLiteral("errorBoundMs"), result.errorBoundMs},
                             {QStringLiteral("rttMs"), result.rttMs},
                             {QStringLiteral("samples"), result.samplesUsed},
                             {QStringLiteral("source"), QStringLiteral("refresh ahead")},
                             {QStringLiteral("host"), result.host}}}};
            m_store->set(m_userId, m_credentialId, exchangeName(m_profile.exchange),
                         environmentName(m_profile.environment), state, m_options.ttl);
            m_offsetMs = result.offsetMs;
            m_errorBoundMs = result.errorBoundMs;
        }
        releaseLease();
        Q_EMIT refreshedAhead(result);
        return;
    }
    m_exchangeRequests += result.requests;
    if (m_resyncForRetry) {
        m_resyncForRetry = false;
        if (result.ok()) {
            m_offsetMs = result.offsetMs;
            m_errorBoundMs = result.errorBoundMs;
            if (m_store) {
                TimeSyncState state;
                state.timeOffsetMs = result.offsetMs;
                state.metadata =
                    QJsonObject{{QStringLiteral("sync"),
                                 QJsonObject{{QStringLiteral("errorBoundMs"), result.errorBoundMs},
                                             {QStringLiteral("rttMs"), result.rttMs},
                                             {QStringLiteral("samples"), result.samplesUsed},
                                             {QStringLiteral("source"), QStringLiteral("resync")},
                                             {QStringLiteral("host"), result.host}}}};
                m_store->set(m_userId, m_credentialId, exchangeName(m_profile.exchange),
                             environmentName(m_profile.environment), state, m_options.ttl);
            }
            sendSigned(true);
        } else {
            ApiCallResult r;
            r.error = QStringLiteral("the timestamp was rejected and the resync failed: %1")
                          .arg(result.errorMessage);
            r.retried = true;
            Q_EMIT verified(r);
        }
        return;
    }
    if (!m_initializing)
        return;
    InitResult r = m_pending;
    r.sync = result;
    if (!result.ok()) {
        releaseLease();
        r.ok = false;
        r.error = result.errorMessage; // a failed sync never touches the cache
        if (result.error == SyncResult::Error::Timeout &&
            m_started.elapsed() >= m_options.startupLimitMs - 50) {
            // The sync was cut short to honour the start-up limit: say so.
            r.error = QStringLiteral("%1: start-up limit of %2 ms reached (%3)")
                          .arg(m_profile.displayName())
                          .arg(m_options.startupLimitMs)
                          .arg(result.errorMessage);
        }
        finishInit(r);
        return;
    }
    r.ok = true;
    r.offsetMs = result.offsetMs;
    r.errorBoundMs = result.errorBoundMs;
    qCInfo(lcConnector).noquote()
        << QStringLiteral("Time sync completed in %1ms").arg(m_started.elapsed());
    if (m_saveAfterSync && m_store) {
        TimeSyncState state;
        state.timeOffsetMs = result.offsetMs;
        state.lastSyncTime = QDateTime::fromMSecsSinceEpoch(result.finishedAtMs, Qt::UTC);
        state.metadata =
            QJsonObject{{QStringLiteral("sync"),
                         QJsonObject{{QStringLiteral("errorBoundMs"), result.errorBoundMs},
                                     {QStringLiteral("rttMs"), result.rttMs},
                                     {QStringLiteral("samples"), result.samplesUsed},
                                     {QStringLiteral("source"), QStringLiteral("connector")},
                                     {QStringLiteral("host"), result.host}}}};
        const StoreError saved =
            m_store->set(m_userId, m_credentialId, exchangeName(m_profile.exchange),
                         environmentName(m_profile.environment), state, m_options.ttl);
        if (saved) {
            qCWarning(lcConnector).noquote() << "Could not save the time sync:" << saved.message();
            r.source = InitResult::Source::LiveSync;
        }
    }
    releaseLease();
    finishInit(r);
}

void CachedConnector::finishInit(InitResult result)
{
    if (!m_initializing)
        return;
    m_initializing = false;
    m_limitTimer->stop();
    m_pollTimer->stop();
    result.elapsedMs = m_started.elapsed();
    result.exchangeRequests = m_exchangeRequests;
    if (result.ok) {
        m_offsetMs = result.offsetMs;
        m_errorBoundMs = result.errorBoundMs;
        m_initialized = true;
        qCInfo(lcConnector).noquote() << QStringLiteral("Initialized in %1ms (%2)")
                                             .arg(result.elapsedMs)
                                             .arg(sourceName(result.source));
    } else {
        qCWarning(lcConnector).noquote() << "Initialization failed:" << result.error;
    }
    Q_EMIT initialized(result);
}

void CachedConnector::onStartupLimit()
{
    if (!m_initializing)
        return;
    m_sync->disconnect(this);
    m_sync->cancel();
    connect(m_sync, &TimeSync::finished, this, &CachedConnector::onSyncFinished);
    releaseLease();
    InitResult r = m_pending;
    r.ok = false;
    r.error = QStringLiteral("%1: start-up limit of %2 ms reached")
                  .arg(m_profile.displayName())
                  .arg(m_options.startupLimitMs);
    finishInit(r);
}

void CachedConnector::releaseLease()
{
    if (!m_holdsLease || !m_store)
        return;
    m_holdsLease = false;
    m_store->releaseSyncLease(m_userId, m_credentialId, m_options.holder);
}

void CachedConnector::verifyConnection()
{
    sendSigned(false);
}

void CachedConnector::sendSigned(bool isRetry)
{
    const qint64 timestamp = requestTimestampMs();
    const int recvWindow = m_profile.recvWindowMs;
    QNetworkRequest request;
    if (m_profile.exchange == Exchange::Bybit) {
        const QByteArray query = "accountType=UNIFIED";
        QUrl url = m_profile.url(m_profile.verifyPath);
        url.setQuery(QString::fromLatin1(query));
        request.setUrl(url);
        for (const auto &header : bybitHeaders(m_credentials, timestamp, recvWindow, query))
            request.setRawHeader(header.first, header.second);
    } else {
        QUrl url = m_profile.url(m_profile.verifyPath);
        url.setQuery(
            QString::fromLatin1(bingxSignedQuery(m_credentials, {}, timestamp, recvWindow)),
            QUrl::StrictMode);
        request.setUrl(url);
        request.setRawHeader("X-BX-APIKEY", m_credentials.apiKey().toUtf8());
    }
    request.setTransferTimeout(m_options.sync.requestTimeoutMs);
    ++m_exchangeRequests;
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, isRetry]() {
        reply->deleteLater();
        ApiCallResult r;
        r.retried = isRetry;
        r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        if (reply->error() != QNetworkReply::NoError && r.httpStatus == 0) {
            r.error = QStringLiteral("%1: %2").arg(m_profile.displayName(), reply->errorString());
            Q_EMIT verified(r);
            return;
        }
        const ApiAnswer answer = parseApiAnswer(m_profile.exchange, r.body);
        r.code = answer.code;
        if (answer.timestampRejected && !isRetry) {
            qCWarning(lcConnector).noquote()
                << "The exchange rejected the request timestamp (code" << answer.code
                << ") - invalidating the cached offset and resyncing";
            if (answer.serverTimeMs) {
                // A first estimate from the error itself, in case the resync fails.
                m_offsetMs = *answer.serverTimeMs - m_clock->nowMs();
                m_errorBoundMs = 1000;
            }
            if (m_store)
                m_store->invalidate(m_userId, m_credentialId);
            m_resyncForRetry = true;
            m_sync->start(m_profile, m_options.sync);
            return;
        }
        if (!answer.isJson || answer.code != 0 || r.httpStatus >= 400) {
            r.error = QStringLiteral("%1: %2").arg(
                m_profile.displayName(),
                !answer.isJson
                    ? QStringLiteral("HTTP %1, not a JSON answer").arg(r.httpStatus)
                    : QStringLiteral("code %1: %2").arg(answer.code).arg(answer.message));
            Q_EMIT verified(r);
            return;
        }
        r.ok = true;
        Q_EMIT verified(r);
    });
}

InitResult CachedConnector::initializeBlocking()
{
    InitResult result;
    QEventLoop loop;
    auto c = connect(this, &CachedConnector::initialized, &loop, [&](const InitResult &r) {
        result = r;
        loop.quit();
    });
    initialize();
    if (m_initializing)
        loop.exec();
    disconnect(c);
    return result;
}

ApiCallResult CachedConnector::verifyConnectionBlocking()
{
    ApiCallResult result;
    QEventLoop loop;
    auto c = connect(this, &CachedConnector::verified, &loop, [&](const ApiCallResult &r) {
        result = r;
        loop.quit();
    });
    verifyConnection();
    loop.exec();
    disconnect(c);
    return result;
}

} // namespace cc
