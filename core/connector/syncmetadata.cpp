#include "core/connector/syncmetadata.h"

#include <QDateTime>

namespace cc {

namespace {

const QString kSync = QStringLiteral("sync");
const QString kErrorBound = QStringLiteral("errorBoundMs");
const QString kRtt = QStringLiteral("rttMs");
const QString kSamples = QStringLiteral("samples");
const QString kSource = QStringLiteral("source");
const QString kHost = QStringLiteral("host");

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

} // namespace cc
