#pragma once

#include "core/store/types.h"
#include "core/timesync/clockhealth.h"
#include "core/timesync/timesync.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace cc {

class CacheStore;

// A time sync's account in a cache entry's metadata: the one writer (the connector, the CLI's
// `sync --save`, the console's test-sync dialog) and its reader (the connector's safety rule
// needs errorBoundMs back). The shape, under the key "sync":
//   {"sync": {"errorBoundMs": 4.5, "rttMs": 9, "samples": 5, "source": "connector",
//             "host": "api-testnet.bybit.com", "driftPpm": 12.5, "driftPpmError": 1.8}}
// driftPpm and driftPpmError (issue 17) only when the writer knew the drift of its clock pair
// (DriftEstimate::known): a later cache hit plans with it instead of the default 50 ms/h.
// Entries written by the seed's service carry no such object.
struct SyncMetadata
{
    std::optional<double> errorBoundMs; // unset when absent, not a number or negative
    std::optional<double> rttMs;        // of the sample used; unset when absent or not a number
    std::optional<double> samples;      // samples used; unset when absent or not a number
    QString source; // who synced: "connector", "resync", "refresh ahead", "cli sync", ...
    QString host;
    // The measured drift, both set or neither; unset when absent, not numbers or not
    // OffsetRecord::plausibleDrift().
    std::optional<double> driftPpm;
    std::optional<double> driftPpmError;
};

// The metadata object for a sync's result ({"sync": {...}}), `source` naming who synced, with
// the drift when `drift` is known.
QJsonObject syncMetadata(const SyncResult &result, const QString &source,
                         const DriftEstimate &drift = DriftEstimate());

// What a successful sync writes to the cache: its offset, when it finished (UTC) and
// syncMetadata(result, source, drift).
TimeSyncState syncCacheState(const SyncResult &result, const QString &source,
                             const DriftEstimate &drift = DriftEstimate());

// Puts a known drift into metadata's sync account (creating the account when missing), unless
// it already holds a plausible one; returns whether it wrote. For `set`, whose metadata is the
// caller's.
bool addDriftToMetadata(QJsonObject *metadata, const DriftEstimate &drift);

// This host's drift against an exchange's clock (one environment, one base URL) as the sync
// log measures it: the last 7 days of this host's syncs (5,000 at most), estimateDrift(). What
// `sync --save` and the console's test sync store with the entry they write (through
// syncCacheState() or addDriftToMetadata()), so that connectors plan with a measured drift.
// baseUrl empty: the most recently synced one's. Not known (drift.known false) without enough
// syncs, or when the log cannot be read (readError).
struct HostDrift
{
    DriftEstimate drift;
    QString hostName;
    QString baseUrl;
    QString readError;
};
HostDrift measureHostDrift(CacheStore &store, Exchange exchange, Environment environment,
                           const QString &baseUrl, qint64 nowMs);

// Reads an entry's metadata back (the reverse of syncMetadata()).
SyncMetadata readSyncMetadata(const QJsonObject &metadata);

// The part of an entry a connector's start-up uses, as CacheStore::lookupOffset() reads it.
OffsetRecord offsetRecord(const CacheEntry &entry);

// The drift an entry carries as DriftEstimate::planningMsPerHour() would give it (|ppm| + its
// uncertainty, in ms per hour); unset when the entry carries none (or an implausible one).
std::optional<double> storedDriftMsPerHour(const OffsetRecord &entry);
std::optional<double> storedDriftMsPerHour(const CacheEntry &entry);
// The same as a DriftEstimate (known and fitted, no fit details) for adaptiveTtl(); not known
// when the entry carries none.
DriftEstimate storedDrift(const OffsetRecord &entry);

} // namespace cc
