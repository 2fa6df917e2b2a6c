#include "core/connector/syncmetadata.h"

#include <QDateTime>

namespace cc {

namespace {

const QString kSync = QLatin1String(syncKeys::sync);
const QString kErrorBound = QLatin1String(syncKeys::errorBoundMs);
const QString kRtt = QLatin1String(syncKeys::rttMs);
const QString kSamples = QLatin1String(syncKeys::samples);
const QString kSource = QLatin1String(syncKeys::source);
const QString kHost = QLatin1String(syncKeys::host);

} // namespace

QJsonObject syncMetadata(const SyncResult &result, const QString &source)
{
    return QJsonObject{{kSync, QJsonObject{{kErrorBound, result.errorBoundMs},
                                           {kRtt, result.rttMs},
                                           {kSamples, result.samplesUsed},
                                           {kSource, source},
                                           {kHost, result.host}}}};
}

TimeSyncState syncCacheState(const SyncResult &result, const QString &source)
{
    TimeSyncState state;
    state.timeOffsetMs = result.offsetMs;
    state.lastSyncTime = QDateTime::fromMSecsSinceEpoch(result.finishedAtMs, Qt::UTC);
    state.metadata = syncMetadata(result, source);
    return state;
}

SyncMetadata readSyncMetadata(const QJsonObject &metadata)
{
    SyncMetadata m;
    const QJsonObject sync = metadata.value(kSync).toObject();
    const QJsonValue bound = sync.value(kErrorBound);
    if (bound.isDouble() && bound.toDouble() >= 0)
        m.errorBoundMs = bound.toDouble();
    const QJsonValue rtt = sync.value(kRtt);
    if (rtt.isDouble())
        m.rttMs = rtt.toDouble();
    const QJsonValue samples = sync.value(kSamples);
    if (samples.isDouble())
        m.samples = samples.toDouble();
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
    return r;
}

} // namespace cc
