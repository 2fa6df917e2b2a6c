#pragma once

// A plausible sync log for the demo database (issue 17), so that the demo console's Clock view
// has something to show: three hosts syncing three exchange/environment groups every 15
// minutes for a day and a half, each host's clock drifting at its own rate, one exchange clock
// step seen by every host, one host clock step with the timestamp rejection it caused, a
// reboot and a few failed syncs. Defined in demodata.cpp; CacheStore::fillDemo() writes it.

#include "core/timesync/clockhealth.h"

#include <QList>
#include <QString>

namespace cc {

// A demo entry whose syncs the log tells.
struct DemoCredential
{
    QString cacheKey;
    Exchange exchange = Exchange::Bybit;
    Environment environment = Environment::Mainnet;
};

// What the demo log holds, for the tests that check the Clock view shows it.
namespace demoSyncLogFacts {
inline constexpr char hosts[3][14] = {"trade-eu-1", "trade-eu-2", "backtest-us-1"};
inline constexpr double driftPpm[3] = {4.0, -7.0, 15.0};
// BINGX MAINNET's clock steps this much ahead this long before "now", seen by every host.
inline constexpr double exchangeStepMs = 320;
inline constexpr qint64 exchangeStepAgoMs = 20 * 3'600'000;
// backtest-us-1's wall clock steps this much ahead (its offsets drop by as much), and a Bybit
// request it signed just after is rejected (10002).
inline constexpr double hostStepMs = 1200;
inline constexpr qint64 hostStepAgoMs = 9 * 3'600'000;
// trade-eu-2 restarts (a new boot id).
inline constexpr qint64 rebootAgoMs = 5 * 3'600'000;
inline constexpr qint64 spanMs = 36 * 3'600'000;
inline constexpr qint64 intervalMs = 15 * 60'000;
} // namespace demoSyncLogFacts

// The log, oldest first, for up to three groups of `credentials` (BYBIT MAINNET, BINGX MAINNET
// and BYBIT TESTNET where present; credentials of other groups are left out), ending at nowMs.
// Deterministic for a seed.
QList<SyncLogRecord> demoSyncLog(qint64 nowMs, const QList<DemoCredential> &credentials,
                                 quint32 seed = 1);

} // namespace cc
