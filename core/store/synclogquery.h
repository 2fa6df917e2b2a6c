#pragma once

// Which rows of the sync log (issue 17) CacheStore::syncLog() reads.

#include "core/timesync/clockhealth.h"
#include "core/timesync/exchange.h"

#include <QString>
#include <QtGlobal>

#include <optional>

namespace cc {

struct SyncLogQuery
{
    QString identity; // a credential's cache key (CacheStore::cacheKey); empty: every one
    std::optional<Exchange> exchange;
    std::optional<Environment> environment;
    QString host;             // the syncing host's name; empty: every host
    qint64 sinceMs = 0;       // rows at or after this (UTC ms); 0: no lower bound
    qint64 untilMs = 0;       // rows before this (UTC ms); 0: no upper bound
    int limit = 1000;         // at most this many rows (clamped to 1..100000)
    bool newestFirst = false; // false: oldest first (the order clockhealth's analysis wants)
    std::optional<SyncLogRecord::Kind> kind;
};

} // namespace cc
