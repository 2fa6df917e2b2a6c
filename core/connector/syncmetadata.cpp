#include "core/connector/syncmetadata.h"
#include "core/store/cachestore.h"
#include "core/store/syncnumbers.h"

#include <QDateTime>
#include <QSysInfo>

#include <cmath>

namespace cc {

namespace {

const QString kSync = QLatin1String(syncKeys::sync);
const QString kErrorBound = QLatin1String(syncKeys::errorBoundMs);
const QString kRtt = QLatin1String(syncKeys::rttMs);
const QString kSamples = QLatin1String(syncKeys::samples);
const QString kSource = QLatin1String(syncKeys::source);
const QString kHost = QLatin1String(syncKeys::host);
const QString kDriftPpm = QLatin1String(syncKeys::driftPpm);
const QString kDriftPpmError = QLatin1String(syncKeys::driftPpmError);

// A drift worth storing: known, and within what a reader accepts. Rounded to what matters (a
// hundredth of a ppm is 36 µs an hour).
bool storable(const DriftEstimate &drift)
{
    return drift.known && OffsetRecord::plausibleDrift(drift.ppm, drift.ppmError);
}

double rounded(double ppm)
{
    return std::round(ppm * 100.0) / 100.0;
}

void putDrift(QJsonObject *sync, const DriftEstimate &drift)
{
    sync->insert(kDriftPpm, rounded(drift.ppm));
    // Rounded up: the stored uncertainty never understates the measured one.
    sync->insert(kDriftPpmError, std::ceil(drift.ppmError * 100.0) / 100.0);
}

} // namespace

QJsonObject syncMetadata(const SyncResult &result, const QString &source,
                         const DriftEstimate &drift)
{
    QJsonObject sync{{kErrorBound, result.errorBoundMs},
                     {kRtt, result.rttMs},
                     {kSamples, result.samplesUsed},
                     {kSource, source},
                     {kHost, result.host}};
    if (storable(drift))
        putDrift(&sync, drift);
    return QJsonObject{{kSync, sync}};
}

TimeSyncState syncCacheState(const SyncResult &result, const QString &source,
                             const DriftEstimate &drift)
{
    TimeSyncState state;
    state.timeOffsetMs = result.offsetMs;
    state.lastSyncTime = QDateTime::fromMSecsSinceEpoch(result.finishedAtMs, Qt::UTC);
    state.metadata = syncMetadata(result, source, drift);
    return state;
}

bool addDriftToMetadata(QJsonObject *metadata, const DriftEstimate &drift)
{
    if (!storable(drift) || readSyncMetadata(*metadata).driftPpm)
        return false;
    const QJsonValue existing = metadata->value(kSync);
    if (!existing.isUndefined() && !existing.isObject())
        return false; // someone else's "sync": left as it is
    QJsonObject sync = existing.toObject();
    putDrift(&sync, drift);
    metadata->insert(kSync, sync);
    return true;
}

SyncMetadata readSyncMetadata(const QJsonObject &metadata)
{
    // The numbers as the offset lookup reads them (one reader for both).
    OffsetRecord numbers;
    store::readSyncNumbers(metadata, &numbers);
    SyncMetadata m;
    m.errorBoundMs = numbers.errorBoundMs;
    m.rttMs = numbers.rttMs;
    m.samples = numbers.samples;
    m.driftPpm = numbers.driftPpm;
    m.driftPpmError = numbers.driftPpmError;
    const QJsonObject sync = metadata.value(kSync).toObject();
    m.source = sync.value(kSource).toString();
    m.host = sync.value(kHost).toString();
    return m;
}

OffsetRecord offsetRecord(const CacheEntry &entry)
{
    OffsetRecord r;
    r.timeOffsetMs = entry.timeOffsetMs;
    r.lastSyncMs = entry.lastSyncTime.toMSecsSinceEpoch();
    r.expiresAtMs = entry.expiresAt.toMSecsSinceEpoch();
    r.updatedAtMs = entry.updatedAt.toMSecsSinceEpoch();
    r.isValid = entry.isValid;
    const SyncMetadata sync = readSyncMetadata(entry.metadata);
    r.errorBoundMs = sync.errorBoundMs;
    r.rttMs = sync.rttMs;
    r.samples = sync.samples;
    r.setDrift(sync.driftPpm, sync.driftPpmError);
    return r;
}

std::optional<double> storedDriftMsPerHour(const OffsetRecord &entry)
{
    const DriftEstimate drift = storedDrift(entry);
    return drift.known ? std::optional<double>(drift.planningMsPerHour()) : std::nullopt;
}

std::optional<double> storedDriftMsPerHour(const CacheEntry &entry)
{
    return storedDriftMsPerHour(offsetRecord(entry));
}

DriftEstimate storedDrift(const OffsetRecord &entry)
{
    DriftEstimate d;
    if (!entry.driftPpm || !entry.driftPpmError)
        return d;
    d.known = true;
    d.fitted = true;
    d.ppm = *entry.driftPpm;
    d.ppmError = *entry.driftPpmError;
    return d;
}

namespace {
constexpr qint64 kDriftLookbackMs = 7 * 86'400'000LL; // what a drift is measured from
constexpr int kDriftRowLimit = 5000;
} // namespace

HostDrift measureHostDrift(CacheStore &store, Exchange exchange, Environment environment,
                           const QString &baseUrl, qint64 nowMs)
{
    HostDrift host;
    host.hostName = QSysInfo::machineHostName();
    host.baseUrl = baseUrl;
    SyncLogQuery query;
    query.exchange = exchange;
    query.environment = environment;
    query.host = host.hostName;
    query.kind = SyncLogRecord::Kind::Sync;
    query.sinceMs = nowMs - kDriftLookbackMs;
    query.limit = kDriftRowLimit;
    query.newestFirst = true;
    auto rows = store.syncLog(query);
    QList<SyncLogRecord> series;
    if (rows.ok()) {
        for (const SyncLogRecord &r : rows.value()) {
            if (host.baseUrl.isEmpty() && r.isOkSync())
                host.baseUrl = r.baseUrl; // the most recently synced base URL
            if (r.baseUrl == host.baseUrl)
                series.prepend(r);
        }
    } else {
        host.readError = rows.error().message();
    }
    host.drift = estimateDrift(series);
    return host;
}

} // namespace cc
