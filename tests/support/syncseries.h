#pragma once

// A sync log as a host that drifts would write it: for the clock-health tests.

#include "core/store/cachestore.h"
#include "core/timesync/hostclock.h"

#include <QDateTime>
#include <QList>

#include <cmath>

namespace cc::test {

// Ok syncs of `identity` from this host against BYBIT TESTNET at baseUrl, one every 10 minutes
// for `count` syncs up to a minute ago, whose offsets drift by ppm (0 a minute ago).
inline QList<SyncLogRecord> driftingSyncs(const QString &identity, const QString &baseUrl,
                                          SyncSource source, double ppm, int count, double boundMs,
                                          int samples)
{
    const HostInfo host = readHostInfo();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<SyncLogRecord> log;
    for (int i = 0; i < count; ++i) {
        SyncLogRecord r;
        r.atMs = now - 60'000 - qint64(count - 1 - i) * 600'000;
        r.identity = identity;
        r.exchange = Exchange::Bybit;
        r.environment = Environment::Testnet;
        r.baseUrl = baseUrl;
        r.source = source;
        r.offsetMs = qint64(std::llround(ppm * 1e-6 * double(r.atMs - now)));
        r.errorBoundMs = boundMs;
        r.rttMs = 2 * boundMs;
        r.samples = samples;
        r.hostName = host.hostName;
        r.bootId = host.bootId;
        r.realtimeMinusBoottimeMs = host.realtimeMinusBoottimeMs;
        r.serverTimeMs = r.atMs + r.offsetMs;
        log << r;
    }
    return log;
}

} // namespace cc::test
