#pragma once

#include "core/store/types.h"
#include "core/timesync/timesync.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace cc {

// A time sync's account in a cache entry's metadata: the one writer (the connector, the CLI's
// `sync --save`, the console's test-sync dialog) and its reader (the connector's safety rule
// needs errorBoundMs back). The shape, under the key "sync":
//   {"sync": {"errorBoundMs": 4.5, "rttMs": 9, "samples": 5, "source": "connector",
//             "host": "api-testnet.bybit.com"}}
// Entries written by the seed's service carry no such object.
struct SyncMetadata
{
    std::optional<double> errorBoundMs; // unset when absent, not a number or negative
    std::optional<double> rttMs;        // of the sample used; unset when absent or not a number
    std::optional<double> samples;      // samples used; unset when absent or not a number
    QString source; // who synced: "connector", "resync", "refresh ahead", "cli sync", ...
    QString host;
};

// The metadata object for a sync's result ({"sync": {...}}), `source` naming who synced.
QJsonObject syncMetadata(const SyncResult &result, const QString &source);

// What a successful sync writes to the cache: its offset, when it finished (UTC) and
// syncMetadata(result, source).
TimeSyncState syncCacheState(const SyncResult &result, const QString &source);

// Reads an entry's metadata back (the reverse of syncMetadata()).
SyncMetadata readSyncMetadata(const QJsonObject &metadata);

// The part of an entry a connector's start-up uses, as CacheStore::lookupOffset() reads it.
OffsetRecord offsetRecord(const CacheEntry &entry);

} // namespace cc
