#pragma once

#include "core/clock.h"
#include "core/connector/signing.h"
#include "core/result.h"
#include "core/store/types.h"
#include "core/timesync/clockhealth.h"
#include "core/timesync/timesync.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <optional>

class QNetworkAccessManager;
class QTimer;

namespace cc {

class CacheStore;

struct ConnectorOptions
{
    std::chrono::seconds ttl{15 * 60}; // of entries this connector writes
    double driftMsPerHour = 50;        // assumed local clock drift against the exchange
    double unknownErrorBoundMs = 250;  // for entries without sync metadata (written by the seed)
    int latencyAllowanceMs = 500;      // a request's own transit, kept inside the window
    // initialize() reports within this, whatever the exchange does (a store call already under
    // way finishes first: each is bounded by the store's own timeout).
    int startupLimitMs = 8000;
    SyncOptions sync;
    // The cold-start storm: of the processes that find an identity's entry missing, expired or
    // unsafe at once, the one holding the store's sync lease syncs. The others use the old
    // offset at once when it is still safe by drift, else wait (polling) for the holder's result
    // up to leaseWaitMs, and sync themselves when it does not come (a crashed holder's lease
    // lapses after leaseMs).
    int leaseMs = 5000;
    int leaseWaitMs = 2000;
    int leasePollMs = 100;
    QString holder; // lease holder name; default host:pid:random
    // Refresh ahead (XFetch, Vattani et al. 2015): a hit whose entry is close to expiry
    // refreshes it in the background with probability exp(-remaining / (delta * beta)), delta
    // being the sync's duration, so a busy credential never sees a miss. 0 turns it off.
    double refreshAheadBeta = 1.0;
    // --- clock health (issue 17) ---
    // Every sync this connector runs (ok or failed) and every timestamp rejection it meets that
    // carries the server's time is appended to the store's sync log (source "connector"): after
    // initialized(), never on the start's path, and a write that fails is only a warning.
    bool logSyncs = true;
    // Plan with the drift measured for this credential from this host (its syncs in the log,
    // DriftEstimate::planningMsPerHour()) instead of driftMsPerHour once it is known: for the
    // margin subtracted from signed timestamps and for adaptive expiry. Read after a sync this
    // connector ran (one query on the log's identity index, at most driftLookupRows rows of the
    // last driftLookbackMs); a cache hit never reads the log.
    // The drift travels with the entry: a save stores the drift planned with (metadata
    // sync.driftPpm/driftPpmError, syncmetadata.h), and when the drift becomes known only after
    // the save (read after initialized()), the entry this connector saved is rewritten with it
    // once, unless another process wrote a newer sync meanwhile. A cache hit plans with the
    // drift its entry carries (safety check, margin, adaptive expiry of later saves) until this
    // connector measures its own. False: driftMsPerHour always, and no drift is stored.
    bool measuredDrift = true;
    int driftLookupRows = 500;
    qint64 driftLookbackMs = 7 * 86'400'000LL;
    // Opt-in adaptive expiry: the entries this connector writes get adaptiveTtl() at the
    // measured drift (between adaptiveTtlOptions' minimum and maximum, the ahead margin kept
    // above its safety) instead of ttl; ttl while the drift is not known. The log is read before
    // the save only when at least the store's timeout is left of the start-up limit; otherwise
    // ttl.
    bool adaptiveTtl = false;
    AdaptiveTtlOptions adaptiveTtlOptions;
};

// Whether a cached offset may still be used, and why not.
struct SafetyCheck
{
    bool safe = false;
    double uncertaintyMs = 0; // error bound at sync time + age × drift
    QString reason;           // when not safe, in words
};

struct InitResult
{
    enum class Source {
        None,
        CacheHit,     // a valid, safe entry: no network call at all
        PeerSync,     // another process synced while we waited for its lease
        StaleButSafe, // expired but still safe by drift: another process syncs, or our sync
                      // failed or ran out of time (the entry is left as it was)
        Synced,       // we synced and saved
        LiveSync,     // we synced; the cache was unavailable (store failure) or not saved
    };
    bool ok = false;
    QString error;
    Source source = Source::None;
    Lookup::Outcome cacheOutcome = Lookup::Outcome::Miss;
    qint64 offsetMs = 0;
    double errorBoundMs = 0; // the offset's uncertainty at start-up (bound + age × drift)
    qint64 elapsedMs = 0;
    int exchangeRequests = 0;
    SyncResult sync; // when a sync ran (also a failed one that StaleButSafe stood in for)
};
QString sourceName(InitResult::Source source);

// The answer to a signed request.
struct ApiCallResult
{
    bool ok = false;
    int httpStatus = 0;
    QByteArray body;
    qint64 code = 0;
    QString error;        // in words
    bool retried = false; // the timestamp was rejected once and the call retried after a resync
};

// The seed's BybitConnectorWithCache and BingXConnectorWithCache as one component: a cold
// start looks the credential's offset up in the cache and, when it is there and still safe,
// signs its first request without a round trip to the exchange; otherwise it syncs (one
// process per identity at a time, through the store's lease) and saves the result.
//
// An expired entry whose offset is still safe by drift (bound + age × drift inside the window)
// stands in while another process syncs, when our own sync fails, and when the start-up limit
// is reached; an invalidated entry never does. A failed sync never writes to the cache.
//
// A store failure is a miss: the connector works without the cache, only slower. Lives in one
// thread with its CacheStore (the store is synchronous; its calls are bounded by its timeout).
// Secrets stay in this object's memory: never saved, logged or printed.
//
// `network` (not owned) may be null: the connector then makes its own QNetworkAccessManager
// when it first goes to the exchange, so that a start-up served by the cache builds none.
class CachedConnector : public QObject
{
    Q_OBJECT

public:
    CachedConnector(QString userId, QString credentialId, ExchangeProfile profile,
                    Credentials credentials, CacheStore *store, QNetworkAccessManager *network,
                    const Clock *clock = Clock::system(),
                    ConnectorOptions options = ConnectorOptions(), QObject *parent = nullptr);
    ~CachedConnector() override;

    const ExchangeProfile &profile() const { return m_profile; }
    const ConnectorOptions &options() const { return m_options; }

    void initialize(); // initialized() follows
    bool isInitialized() const { return m_initialized; }
    qint64 offsetMs() const { return m_offsetMs; }
    // The offset's uncertainty now: its bound when measured + age × drift (grows while the
    // process runs).
    double errorBoundMs() const;
    // The drift planned with (ms per hour): the measured one once known (measuredDrift), else
    // the one the entry in use carried (a hit), else ConnectorOptions::driftMsPerHour.
    double driftMsPerHour() const;
    const DriftEstimate &measuredDrift() const { return m_measuredDrift; }
    // The drift the entry in use carried (known only after a hit on an entry that stored one).
    const DriftEstimate &entryDrift() const { return m_entryDrift; }
    // The drift planned with as an estimate: measuredDrift() when known, else entryDrift() when
    // known, else measuredDrift() (not known).
    const DriftEstimate &planningDrift() const;
    // The drift (ms per hour) checkSafety() plans with for an entry: what it carries
    // (storedDriftMsPerHour()) when options.measuredDrift, else options.driftMsPerHour.
    static double entryDriftMsPerHour(const OffsetRecord &entry, const ConnectorOptions &options);
    // The TTL the last save used (ttl, or the adaptive choice).
    std::chrono::seconds lastSavedTtl() const { return m_lastSavedTtl; }
    // When the offset in use was measured (UTC ms).
    qint64 offsetMeasuredAtMs() const { return m_measuredAtMs; }

    // The safety margin subtracted from signed timestamps: the offset's uncertainty now, rounded
    // up, so that a request is never ahead of the exchange's clock (Bybit rejects anything
    // 1 s ahead, whatever the recv window). See signedRequestTimestampMs().
    int safetyMarginMs() const;
    // Local time + offset - margin: the timestamp a signed request carries.
    qint64 requestTimestampMs() const;
    // The recv window sent with signed requests.
    int recvWindowMs() const { return m_profile.recvWindowMs; }
    // Signing for callers that build their own requests (keys never leave this object).
    // Bybit v5: the X-BAPI-* headers for a GET query string or a POST JSON body.
    QList<QPair<QByteArray, QByteArray>> bybitSignedHeaders(const QByteArray &payload) const;
    // BingX: the full query string with recvWindow, timestamp and signature; the key goes in
    // the X-BX-APIKEY header (apiKeyHeader()).
    QByteArray bingxSignedQuery(const QList<QPair<QString, QString>> &parameters) const;
    QPair<QByteArray, QByteArray> apiKeyHeader() const;

    // A cheap authenticated call (the seed's account check). On a timestamp rejection
    // (Bybit 10002, BingX 100421) it invalidates the entry, resyncs, saves and retries once.
    void verifyConnection(); // verified() follows

    static SafetyCheck checkSafety(const OffsetRecord &entry, qint64 nowMs,
                                   const ExchangeProfile &profile, const ConnectorOptions &options,
                                   bool ignoreTtl = false);
    static SafetyCheck checkSafety(const CacheEntry &entry, qint64 nowMs,
                                   const ExchangeProfile &profile, const ConnectorOptions &options,
                                   bool ignoreTtl = false);

    // CLI / TEST / BENCHMARK CONVENIENCE ONLY: run a local QEventLoop until initialized() /
    // verified(). Never from a GUI thread or from code with an event loop of its own.
    InitResult initializeBlocking();
    ApiCallResult verifyConnectionBlocking();

    // Whether a hit with `remainingMs` of TTL left refreshes ahead, given a uniform draw u in
    // (0, 1] (exposed for tests).
    static bool shouldRefreshAhead(qint64 remainingMs, double syncDurationMs, double beta,
                                   double u);
    bool isRefreshing() const;

Q_SIGNALS:
    void initialized(const cc::InitResult &result);
    // The offset in use changed (a resync after a rejected timestamp, a refresh ahead).
    void offsetChanged(qint64 offsetMs, double errorBoundMs);
    // A background refresh-ahead finished (saved when result.ok()).
    void refreshedAhead(const cc::SyncResult &result);
    void verified(const cc::ApiCallResult &result);

private:
    void lookUp();
    enum class SyncPurpose { Init, Retry, Refresh };
    void runSync(SyncPurpose purpose, const SyncOptions &options);
    void startSync(InitResult::Source successSource, bool save);
    void onSyncFinished(const SyncResult &result);
    void onRetrySyncFinished(const SyncResult &result);
    void onRefreshFinished(const SyncResult &result);
    void pollPeer();
    void finishInit(InitResult result);
    void useEntry(const OffsetRecord &entry, InitResult::Source source, Lookup::Outcome outcome);
    void maybeRefreshAhead(const OffsetRecord &entry);
    bool oldEntryStillSafe() const;
    void adopt(qint64 offsetMs, double boundMs, qint64 measuredAtMs);
    StoreError save(const SyncResult &result, const QString &source);
    void sendSigned(bool isRetry);
    void onStartupLimit();
    void releaseLease();

    QString m_userId;
    QString m_credentialId;
    ExchangeProfile m_profile;
    Credentials m_credentials;
    CacheStore *m_store;
    QNetworkAccessManager *m_network;
    const Clock *m_clock;
    ConnectorOptions m_options;

    TimeSync *m_sync;
    QTimer *m_limitTimer;
    QTimer *m_pollTimer;
    QElapsedTimer m_started;
    QElapsedTimer m_waiting;
    InitResult m_pending;
    OffsetRecord m_oldEntry;
    bool m_hasOldEntry = false;
    bool m_holdsLease = false;
    bool m_saveAfterSync = true;
    bool m_initializing = false;
    bool m_initialized = false;
    SyncPurpose m_purpose = SyncPurpose::Init;
    qint64 m_offsetMs = 0;
    double m_errorBoundMs = 0; // when measured
    qint64 m_measuredAtMs = 0;
    // The estimate a timestamp rejection carried, used when the resync after it fails.
    bool m_hasRejectionEstimate = false;
    qint64 m_rejectionOffsetMs = 0;
    double m_rejectionBoundMs = 0;
    int m_exchangeRequests = 0;

    // --- clock health (issue 17) ---
    void logSync(const SyncResult &result);
    void logRejection(qint64 atMs, int errorCode, qint64 serverTimeMs, qint64 signedOffsetMs);
    void scheduleSyncLogFlush();
    void flushSyncLog();
    // Reads this credential's series from the log (plus the syncs queued, not written yet) and
    // keeps its drift estimate.
    void readMeasuredDrift();
    std::chrono::seconds ttlFor(const SyncResult &result) const;
    // The save whose entry lacked the measured drift: rewritten with it once it is known.
    void storeDriftInSavedEntry();
    struct SavedSync
    {
        SyncResult result;
        QString source;
        qint64 expiresAtMs = 0;
    };
    std::optional<SavedSync> m_savedWithoutDrift;
    DriftEstimate m_entryDrift;
    QList<SyncLogRecord> m_syncLogQueue;
    bool m_syncLogFlushScheduled = false;
    bool m_readDriftAfterFlush = false;
    bool m_syncLogWarned = false;
    qint64 m_signedOffsetMs = 0; // of the signed request in flight (timestamp minus local time)
    DriftEstimate m_measuredDrift;
    std::chrono::seconds m_lastSavedTtl{0};
};

} // namespace cc

Q_DECLARE_METATYPE(cc::InitResult)
Q_DECLARE_METATYPE(cc::ApiCallResult)
