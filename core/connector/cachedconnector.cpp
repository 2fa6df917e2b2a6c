#include "core/connector/cachedconnector.h"
#include "core/connector/startuprecorder.h"

#include "core/connector/syncmetadata.h"
#include "core/logging.h"
#include "core/store/cachestore.h"
#include "core/timesync/hostclock.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHostInfo>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>
#include <utility>

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

double entryErrorBound(const OffsetRecord &entry, double unknown)
{
    return entry.errorBoundMs.value_or(unknown);
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
    m_sync->disconnect(this);
    releaseLease();
    // Rows a pending flush would have written (bounded by the store's timeout); no drift read.
    m_readDriftAfterFlush = false;
    flushSyncLog();
}

SafetyCheck CachedConnector::checkSafety(const CacheEntry &entry, qint64 nowMs,
                                         const ExchangeProfile &profile,
                                         const ConnectorOptions &options, bool ignoreTtl)
{
    return checkSafety(offsetRecord(entry), nowMs, profile, options, ignoreTtl);
}

SafetyCheck CachedConnector::checkSafety(const OffsetRecord &entry, qint64 nowMs,
                                         const ExchangeProfile &profile,
                                         const ConnectorOptions &options, bool ignoreTtl)
{
    SafetyCheck check;
    const qint64 age = std::max<qint64>(0, entry.ageMs(nowMs));
    const double drift = entryDriftMsPerHour(entry, options);
    check.uncertaintyMs =
        offsetUncertaintyMs(entryErrorBound(entry, options.unknownErrorBoundMs), age, drift);
    if (!entry.isValid) {
        check.reason = QStringLiteral("the entry was invalidated");
        return check;
    }
    if (!ignoreTtl && entry.expiresAtMs <= nowMs) {
        check.reason = QStringLiteral("the entry expired");
        return check;
    }
    QString why;
    if (!timestampFitsWindow(profile, check.uncertaintyMs, options.latencyAllowanceMs, &why)) {
        check.reason = QStringLiteral("%1 (%2 s after its sync, assuming %3 ms/h of drift%4)")
                           .arg(why)
                           .arg(age / 1000)
                           .arg(drift, 0, 'f', 1)
                           .arg(drift != options.driftMsPerHour
                                    ? QStringLiteral(", as measured when it was saved")
                                    : QString());
        return check;
    }
    check.safe = true;
    return check;
}

double CachedConnector::errorBoundMs() const
{
    if (m_measuredAtMs <= 0) // nothing measured yet: offset 0, no margin
        return m_errorBoundMs;
    return offsetUncertaintyMs(m_errorBoundMs, m_clock->nowMs() - m_measuredAtMs, driftMsPerHour());
}

int CachedConnector::safetyMarginMs() const
{
    return int(std::ceil(errorBoundMs()));
}

qint64 CachedConnector::requestTimestampMs() const
{
    return signedRequestTimestampMs(m_clock->nowMs(), m_offsetMs, errorBoundMs());
}

QList<QPair<QByteArray, QByteArray>>
CachedConnector::bybitSignedHeaders(const QByteArray &payload) const
{
    return bybitHeaders(m_credentials, requestTimestampMs(), m_profile.recvWindowMs, payload);
}

QByteArray CachedConnector::bingxSignedQuery(const QList<QPair<QString, QString>> &parameters) const
{
    return cc::bingxSignedQuery(m_credentials, parameters, requestTimestampMs(),
                                m_profile.recvWindowMs);
}

QPair<QByteArray, QByteArray> CachedConnector::apiKeyHeader() const
{
    return {m_profile.exchange == Exchange::Bybit ? QByteArray("X-BAPI-API-KEY")
                                                  : QByteArray("X-BX-APIKEY"),
            m_credentials.apiKey().toUtf8()};
}

bool CachedConnector::isRefreshing() const
{
    return m_purpose == SyncPurpose::Refresh && m_sync->isRunning();
}

void CachedConnector::adopt(qint64 offsetMs, double boundMs, qint64 measuredAtMs)
{
    const bool changed = m_offsetMs != offsetMs || m_errorBoundMs != boundMs;
    m_offsetMs = offsetMs;
    m_errorBoundMs = boundMs;
    m_measuredAtMs = measuredAtMs;
    if (changed && m_initialized)
        Q_EMIT offsetChanged(m_offsetMs, errorBoundMs());
}

StoreError CachedConnector::save(const SyncResult &result, const QString &source)
{
    if (!m_store)
        return StoreError(StoreError::Unreachable, QStringLiteral("no cache store"));
    // The drift travels with the entry (the measured one, else the one the entry in use
    // carried); none when measuredDrift is off.
    const DriftEstimate drift = m_options.measuredDrift ? planningDrift() : DriftEstimate();
    const TimeSyncState state = syncCacheState(result, source, drift);
    m_lastSavedTtl = ttlFor(result);
    const StoreError error =
        m_store->set(m_userId, m_credentialId, exchangeName(m_profile.exchange),
                     environmentName(m_profile.environment), state, m_lastSavedTtl);
    m_savedWithoutDrift.reset();
    if (error)
        qCWarning(lcConnector).noquote() << "Could not save the time sync:" << error.message();
    else if (m_options.measuredDrift && m_options.logSyncs && !m_measuredDrift.known)
        m_savedWithoutDrift =
            SavedSync{result, source, m_clock->nowMs() + qint64(m_lastSavedTtl.count()) * 1000};
    return error;
}

void CachedConnector::runSync(SyncPurpose purpose, const SyncOptions &options)
{
    // A sync under way for another purpose reports Cancelled to that purpose first.
    if (m_sync->isRunning())
        m_sync->cancel();
    m_purpose = purpose;
    m_sync->start(m_profile, options);
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
    m_entryDrift = DriftEstimate();
    m_started.start();
    m_limitTimer->start(std::max(1, m_options.startupLimitMs));
    // Let the caller connect to initialized() before a cache hit reports it.
    QTimer::singleShot(0, this, &CachedConnector::lookUp);
    // Issue 16: start-ups (outcome, duration) and rejections into the store's history.
    recordStartups(this, m_store);
}

bool CachedConnector::oldEntryStillSafe() const
{
    return m_hasOldEntry &&
           checkSafety(m_oldEntry, m_clock->nowMs(), m_profile, m_options, true).safe;
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
    const OffsetLookup lookup = m_store->lookupOffset(m_userId, m_credentialId);
    m_pending.cacheOutcome = lookup.outcome;
    const qint64 now = m_clock->nowMs();
    if (lookup.outcome == Lookup::Outcome::Failed) {
        qCWarning(lcConnector).noquote()
            << "Cache unavailable (" << lookup.errorMessage << ") - performing live time sync...";
        startSync(InitResult::Source::LiveSync, false);
        return;
    }
    if (lookup.isHit()) {
        const SafetyCheck check = checkSafety(lookup.record, now, m_profile, m_options);
        if (check.safe) {
            useEntry(lookup.record, InitResult::Source::CacheHit, lookup.outcome);
            return;
        }
        qCInfo(lcConnector).noquote() << "Cached offset not safe:" << check.reason;
    }
    if (lookup.hasEntry() && lookup.record.isValid) {
        m_oldEntry = lookup.record;
        m_hasOldEntry = true;
    }
    // Of all the processes starting now, the lease holder syncs; the rest use the old offset
    // while it is still safe, or wait for the holder's result.
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
    if (oldEntryStillSafe()) {
        qCInfo(lcConnector).noquote() << "Another process is syncing this credential - using the "
                                         "expired offset, still safe by drift";
        useEntry(m_oldEntry, InitResult::Source::StaleButSafe, m_pending.cacheOutcome);
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
    // The holder's result, when it has saved one since we looked.
    auto takePeerResult = [this]() {
        const qint64 now = m_clock->nowMs();
        auto entry = m_store->entry(m_userId, m_credentialId);
        if (!entry.ok() || entry->stateAt(now) != CacheEntry::State::Valid)
            return false;
        if (m_hasOldEntry && entry->updatedAt.toMSecsSinceEpoch() <= m_oldEntry.updatedAtMs &&
            entry->lastSyncTime.toMSecsSinceEpoch() <= m_oldEntry.lastSyncMs)
            return false;
        const OffsetLookup lookup = m_store->lookupOffset(m_userId, m_credentialId); // a hit
        if (!lookup.isHit() || !checkSafety(lookup.record, now, m_profile, m_options).safe)
            return false;
        useEntry(lookup.record, InitResult::Source::PeerSync, lookup.outcome);
        return true;
    };
    if (takePeerResult())
        return;
    // The holder gave up (released without saving) or its lease lapsed: take over at once
    // rather than waiting out leaseWaitMs; after the wait, sync whatever the lease says.
    auto lease = m_store->acquireSyncLease(m_userId, m_credentialId, m_options.holder,
                                           std::chrono::milliseconds(m_options.leaseMs));
    const bool got = lease.ok() && lease.value();
    if (got) {
        m_holdsLease = true;
        // It may have saved just before releasing.
        if (takePeerResult()) {
            releaseLease();
            return;
        }
    } else if (m_waiting.elapsed() < m_options.leaseWaitMs) {
        m_pollTimer->start(std::max(1, m_options.leasePollMs));
        return;
    }
    if (!got)
        qCInfo(lcConnector).noquote() << "No result from the process holding the sync lease after"
                                      << m_options.leaseWaitMs << "ms - syncing ourselves";
    startSync(InitResult::Source::Synced, true);
}

void CachedConnector::useEntry(const OffsetRecord &entry, InitResult::Source source,
                               Lookup::Outcome outcome)
{
    const qint64 now = m_clock->nowMs();
    InitResult r = m_pending;
    r.ok = true;
    r.error.clear();
    r.source = source;
    r.cacheOutcome = outcome;
    r.offsetMs = entry.timeOffsetMs;
    r.errorBoundMs = checkSafety(entry, now, m_profile, m_options, true).uncertaintyMs;
    if (m_options.measuredDrift)
        m_entryDrift = storedDrift(entry);
    adopt(entry.timeOffsetMs, entryErrorBound(entry, m_options.unknownErrorBoundMs),
          entry.lastSyncMs);
    qCInfo(lcConnector).noquote() << QStringLiteral(
                                         "Loaded cached time sync (age: %1s, offset: %2ms)")
                                         .arg(entry.ageMs(now) / 1000)
                                         .arg(entry.timeOffsetMs);
    finishInit(r);
    if (source == InitResult::Source::CacheHit)
        maybeRefreshAhead(entry);
}

void CachedConnector::maybeRefreshAhead(const OffsetRecord &entry)
{
    if (!m_store || m_options.refreshAheadBeta <= 0)
        return;
    const double rtt = entry.rttMs.value_or(200);
    const double samples = entry.samples.value_or(m_options.sync.samples);
    const double delta = std::max(50.0, rtt * std::max(1.0, samples));
    const qint64 remaining = entry.expiresAtMs - m_clock->nowMs();
    const double u = 1.0 - QRandomGenerator::global()->generateDouble(); // (0, 1]
    if (!shouldRefreshAhead(remaining, delta, m_options.refreshAheadBeta, u))
        return;
    auto lease = m_store->acquireSyncLease(m_userId, m_credentialId, m_options.holder,
                                           std::chrono::milliseconds(m_options.leaseMs));
    if (!lease.ok() || !lease.value())
        return; // someone else is refreshing it
    m_holdsLease = true;
    qCInfo(lcConnector).noquote()
        << QStringLiteral("Refreshing ahead of expiry (%1 s left)").arg(remaining / 1000);
    runSync(SyncPurpose::Refresh, m_options.sync);
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
    runSync(SyncPurpose::Init, options);
}

void CachedConnector::onSyncFinished(const SyncResult &result)
{
    m_exchangeRequests += result.requests;
    logSync(result); // written after initialized(), off the start's path
    switch (m_purpose) {
    case SyncPurpose::Refresh:
        onRefreshFinished(result);
        return;
    case SyncPurpose::Retry:
        onRetrySyncFinished(result);
        return;
    case SyncPurpose::Init:
        break;
    }
    if (!m_initializing)
        return;
    m_pending.sync = result;
    InitResult r = m_pending;
    if (!result.ok()) {
        releaseLease(); // a failed sync never touches the cache
        if (oldEntryStillSafe()) {
            qCWarning(lcConnector).noquote() << "Time sync failed (" << result.errorMessage
                                             << ") - using the expired offset, still safe by drift";
            useEntry(m_oldEntry, InitResult::Source::StaleButSafe, m_pending.cacheOutcome);
            return;
        }
        r.ok = false;
        r.error = result.errorMessage;
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
    adopt(result.offsetMs, result.errorBoundMs, result.finishedAtMs);
    qCInfo(lcConnector).noquote()
        << QStringLiteral("Time sync completed in %1ms").arg(m_started.elapsed());
    // Adaptive expiry needs the measured drift before the save: one bounded read of the log,
    // only while the start-up limit leaves the store's whole timeout for it (else ttl).
    if (m_options.adaptiveTtl && m_saveAfterSync && m_store) {
        const qint64 left = m_options.startupLimitMs - m_started.elapsed();
        if (left >= qint64(m_store->options().timeout.count())) {
            readMeasuredDrift();
            m_readDriftAfterFlush = false;
        } else
            qCInfo(lcConnector).noquote()
                << "Start-up limit too close for the drift lookup - saving with the fixed TTL";
    }
    if (m_saveAfterSync && m_store && save(result, QStringLiteral("connector")))
        r.source = InitResult::Source::LiveSync;
    releaseLease();
    finishInit(r);
}

void CachedConnector::onRefreshFinished(const SyncResult &result)
{
    if (result.ok()) {
        save(result, QStringLiteral("refresh ahead"));
        adopt(result.offsetMs, result.errorBoundMs, result.finishedAtMs);
    }
    releaseLease();
    Q_EMIT refreshedAhead(result);
}

void CachedConnector::onRetrySyncFinished(const SyncResult &result)
{
    if (result.ok()) {
        adopt(result.offsetMs, result.errorBoundMs, result.finishedAtMs);
        if (m_store)
            save(result, QStringLiteral("resync"));
        sendSigned(true);
        return;
    }
    if (m_hasRejectionEstimate) {
        // The rejection itself carried the server's time: as good as one sample. Use it for the
        // retry, but keep it out of the cache (a failed sync never touches it).
        qCWarning(lcConnector).noquote()
            << "Resync failed (" << result.errorMessage
            << ") - retrying with the server time the rejection carried";
        adopt(m_rejectionOffsetMs, m_rejectionBoundMs, m_clock->nowMs());
        sendSigned(true);
        return;
    }
    ApiCallResult r;
    r.error = QStringLiteral("the timestamp was rejected and the resync failed: %1")
                  .arg(result.errorMessage);
    r.retried = true;
    Q_EMIT verified(r);
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
        m_initialized = true;
        qCInfo(lcConnector).noquote() << QStringLiteral("Initialized in %1ms (%2)")
                                             .arg(result.elapsedMs)
                                             .arg(sourceName(result.source));
    } else {
        qCWarning(lcConnector).noquote() << "Initialization failed:" << result.error;
    }
    Q_EMIT initialized(result);
    // The lookup's hit (batched by the store) and the history reach the database right after
    // start-up, off its path: a serverless function may be frozen or reclaimed soon after.
    if (result.ok && result.source == InitResult::Source::CacheHit)
        QTimer::singleShot(0, this, [this]() { m_store->flushHistory(); });
}

void CachedConnector::onStartupLimit()
{
    if (!m_initializing)
        return;
    if (m_purpose == SyncPurpose::Init && m_sync->isRunning()) {
        m_sync->disconnect(this);
        m_sync->cancel();
        connect(m_sync, &TimeSync::finished, this, &CachedConnector::onSyncFinished);
    }
    releaseLease();
    if (oldEntryStillSafe()) {
        qCWarning(lcConnector).noquote()
            << "Start-up limit of" << m_options.startupLimitMs
            << "ms reached - using the expired offset, still safe by drift";
        useEntry(m_oldEntry, InitResult::Source::StaleButSafe, m_pending.cacheOutcome);
        return;
    }
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
    if (m_initializing) {
        ApiCallResult r;
        r.error =
            QStringLiteral("%1: initialize() has not finished yet").arg(m_profile.displayName());
        QTimer::singleShot(0, this, [this, r]() { Q_EMIT verified(r); });
        return;
    }
    m_hasRejectionEstimate = false;
    sendSigned(false);
}

void CachedConnector::sendSigned(bool isRetry)
{
    const qint64 timestamp = requestTimestampMs();
    const int recvWindow = m_profile.recvWindowMs;
    QNetworkRequest request;
    QUrl url = m_profile.url(m_profile.verifyPath);
    if (m_profile.exchange == Exchange::Bybit) {
        // GET /v5/user/query-api: no parameters, so the signed payload is empty.
        request.setUrl(url);
        for (const auto &header : bybitHeaders(m_credentials, timestamp, recvWindow, QByteArray()))
            request.setRawHeader(header.first, header.second);
    } else {
        url.setQuery(
            QString::fromLatin1(cc::bingxSignedQuery(m_credentials, {}, timestamp, recvWindow)),
            QUrl::StrictMode);
        request.setUrl(url);
        request.setRawHeader("X-BX-APIKEY", m_credentials.apiKey().toUtf8());
    }
    request.setTransferTimeout(m_options.sync.requestTimeoutMs);
    ++m_exchangeRequests;
    const qint64 sentAt = m_clock->nowMs();
    QElapsedTimer transit;
    transit.start();
    // A connector given no manager sends through its sync's, made on the first request.
    QNetworkReply *reply = (m_network ? m_network : m_sync->network())->get(request);
    m_signedOffsetMs = timestamp - sentAt; // for the sync log, should it be rejected
    connect(reply, &QNetworkReply::finished, this, [this, reply, isRetry, sentAt, transit]() {
        reply->deleteLater();
        const double rtt = double(transit.nsecsElapsed()) / 1e6;
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
        if (answer.timestampRejected && answer.serverTimeMs) {
            // The server read its clock about half a round trip after we sent.
            logRejection(sentAt + qint64(std::llround(rtt / 2)), int(answer.code),
                         *answer.serverTimeMs, m_signedOffsetMs);
        }
        if (answer.timestampRejected && !isRetry) {
            qCWarning(lcConnector).noquote()
                << "The exchange rejected the request timestamp (code" << answer.code
                << ") - invalidating the cached offset and resyncing";
            if (answer.serverTimeMs) {
                // The server read its clock between our send and receive: one more sample.
                m_hasRejectionEstimate = true;
                m_rejectionOffsetMs =
                    qint64(std::llround(double(*answer.serverTimeMs) - (double(sentAt) + rtt / 2)));
                m_rejectionBoundMs = rtt / 2 + 1.0 + kLocalClockResolutionMs + 0.5;
            }
            if (m_store) {
                const auto invalidated = m_store->invalidate(m_userId, m_credentialId);
                if (!invalidated.ok())
                    qCWarning(lcConnector).noquote() << "Could not invalidate the cached offset:"
                                                     << invalidated.error().message();
            }
            runSync(SyncPurpose::Retry, m_options.sync);
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

namespace cc {

// --- clock health (issue 17) --------------------------------------------------------------------

double CachedConnector::driftMsPerHour() const
{
    if (m_options.measuredDrift && planningDrift().known)
        return planningDrift().planningMsPerHour();
    return m_options.driftMsPerHour;
}

const DriftEstimate &CachedConnector::planningDrift() const
{
    if (!m_measuredDrift.known && m_entryDrift.known)
        return m_entryDrift;
    return m_measuredDrift;
}

double CachedConnector::entryDriftMsPerHour(const OffsetRecord &entry,
                                            const ConnectorOptions &options)
{
    if (!options.measuredDrift)
        return options.driftMsPerHour;
    return storedDriftMsPerHour(entry).value_or(options.driftMsPerHour);
}

void CachedConnector::storeDriftInSavedEntry()
{
    const std::optional<SavedSync> saved = std::exchange(m_savedWithoutDrift, std::nullopt);
    if (!saved || !m_store || !m_measuredDrift.known)
        return;
    // Only the entry as this connector saved it: a newer sync (another process, a resync) or an
    // invalidation since then is left alone.
    const auto current = m_store->entry(m_userId, m_credentialId);
    if (!current.ok() || !current->isValid ||
        current->lastSyncTime.toMSecsSinceEpoch() != saved->result.finishedAtMs ||
        current->timeOffsetMs != saved->result.offsetMs)
        return;
    // The same expiry (to the second below it): only the metadata gains the drift.
    const qint64 left =
        std::min(saved->expiresAtMs, current->expiresAt.toMSecsSinceEpoch()) - m_clock->nowMs();
    if (left < 1000)
        return;
    const StoreError error =
        m_store->set(m_userId, m_credentialId, exchangeName(m_profile.exchange),
                     environmentName(m_profile.environment),
                     syncCacheState(saved->result, saved->source, m_measuredDrift),
                     std::chrono::seconds(left / 1000));
    if (error)
        qCInfo(lcConnector).noquote()
            << "Could not add the measured drift to the cached entry:" << error.message();
}

std::chrono::seconds CachedConnector::ttlFor(const SyncResult &result) const
{
    if (!m_options.adaptiveTtl)
        return m_options.ttl;
    AdaptiveTtlOptions options = m_options.adaptiveTtlOptions;
    options.fixedTtlMs = qint64(m_options.ttl.count()) * 1000;
    const TtlChoice choice = adaptiveTtl(result.errorBoundMs, planningDrift(), options);
    qCInfo(lcConnector).noquote()
        << QStringLiteral("TTL %1 s (%2)").arg(choice.ttlMs / 1000).arg(choice.reason);
    return std::chrono::seconds(std::max<qint64>(1, choice.ttlMs / 1000));
}

void CachedConnector::logSync(const SyncResult &result)
{
    if (!m_options.logSyncs || !m_store)
        return;
    SyncLogRecord record = SyncLogRecord::fromSync(
        result, CacheStore::cacheKey(m_userId, m_credentialId), m_profile.baseUrl.toString(),
        SyncSource::Connector, readHostInfo());
    if (record.atMs <= 0)
        record.atMs = m_clock->nowMs();
    m_syncLogQueue << record;
    if (m_options.measuredDrift && result.ok())
        m_readDriftAfterFlush = true;
    scheduleSyncLogFlush();
}

void CachedConnector::logRejection(qint64 atMs, int errorCode, qint64 serverTimeMs,
                                   qint64 signedOffsetMs)
{
    if (!m_options.logSyncs || !m_store)
        return;
    m_syncLogQueue << SyncLogRecord::fromRejection(
        atMs, CacheStore::cacheKey(m_userId, m_credentialId), m_profile.exchange,
        m_profile.environment, m_profile.baseUrl.toString(), SyncSource::Connector, errorCode,
        serverTimeMs, signedOffsetMs, readHostInfo());
    scheduleSyncLogFlush();
}

void CachedConnector::scheduleSyncLogFlush()
{
    if (m_syncLogFlushScheduled)
        return;
    m_syncLogFlushScheduled = true;
    // Queued: runs after the current call has returned, so after initialized() when a start-up
    // sync finished (finishInit() emits it synchronously).
    QTimer::singleShot(0, this, [this]() {
        m_syncLogFlushScheduled = false;
        flushSyncLog();
    });
}

void CachedConnector::flushSyncLog()
{
    if (!m_store) {
        m_syncLogQueue.clear();
        return;
    }
    const QList<SyncLogRecord> queue = std::exchange(m_syncLogQueue, {});
    for (const SyncLogRecord &record : queue) {
        const StoreError error = m_store->appendSyncLog(record);
        if (error) {
            // Like the cache: a log that cannot be written costs a warning, nothing else. Rows
            // queued behind it are dropped (the store is likely away: no retry storm).
            if (!m_syncLogWarned)
                qCWarning(lcConnector).noquote()
                    << "Could not write the sync log:" << error.message();
            m_syncLogWarned = true;
            m_readDriftAfterFlush = false;
            return;
        }
    }
    if (m_readDriftAfterFlush) {
        m_readDriftAfterFlush = false;
        readMeasuredDrift();
        storeDriftInSavedEntry();
    }
}

void CachedConnector::readMeasuredDrift()
{
    if (!m_store)
        return;
    SyncLogQuery query;
    query.identity = CacheStore::cacheKey(m_userId, m_credentialId);
    query.exchange = m_profile.exchange;
    query.environment = m_profile.environment;
    query.host = readHostInfo().hostName;
    query.kind = SyncLogRecord::Kind::Sync;
    query.sinceMs = m_clock->nowMs() - std::max<qint64>(0, m_options.driftLookbackMs);
    query.limit = std::max(1, m_options.driftLookupRows);
    query.newestFirst = true;
    const auto rows = m_store->syncLog(query);
    if (!rows.ok()) {
        qCInfo(lcConnector).noquote()
            << "Sync log unavailable for the drift (" << rows.error().message()
            << ") - planning with" << m_options.driftMsPerHour << "ms/h";
        return;
    }
    const QString baseUrl = m_profile.baseUrl.toString();
    QList<SyncLogRecord> series;
    for (const SyncLogRecord &r : rows.value()) {
        if (r.baseUrl == baseUrl)
            series.prepend(r);
    }
    // Syncs not written yet belong to the series too.
    for (const SyncLogRecord &r : std::as_const(m_syncLogQueue)) {
        if (r.kind == SyncLogRecord::Kind::Sync && r.hostName == query.host)
            series << r;
    }
    std::stable_sort(
        series.begin(), series.end(),
        [](const SyncLogRecord &a, const SyncLogRecord &b) { return a.atMs < b.atMs; });
    m_measuredDrift = estimateDrift(series);
    if (m_measuredDrift.known)
        qCInfo(lcConnector).noquote()
            << QStringLiteral("Measured drift %1 ± %2 ppm over %3 syncs: planning with %4 ms/h")
                   .arg(m_measuredDrift.ppm, 0, 'f', 2)
                   .arg(m_measuredDrift.ppmError, 0, 'f', 2)
                   .arg(m_measuredDrift.syncs)
                   .arg(m_measuredDrift.planningMsPerHour(), 0, 'f', 1);
}

} // namespace cc
