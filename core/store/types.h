#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariant>

namespace cc {

// The state the connector needs back: its clock offset to the exchange and when it was
// measured. metadata is free-form JSON (the time sync stores its round trip, error bound and
// sample count there, under "sync").
struct TimeSyncState
{
    qint64 timeOffsetMs = 0; // server time minus local time
    QDateTime lastSyncTime;  // UTC; null means "now" on set()
    QJsonObject metadata;
};

// One row of connector_state_cache, with the seed's field names.
struct CacheEntry
{
    enum class State { Valid, Expired, Invalidated };

    QString id;
    QString cacheKey;
    QString userId;
    QString credentialId;
    QString exchange;
    QString environment;
    qint64 timeOffsetMs = 0;
    QDateTime lastSyncTime;
    bool isValid = true;
    QDateTime expiresAt;
    qint64 hitCount = 0;
    QJsonObject metadata;
    QDateTime createdAt;
    QDateTime updatedAt;

    // Invalidated wins over expired: an invalidated entry never comes back.
    State stateAt(qint64 nowMs) const
    {
        if (!isValid)
            return State::Invalidated;
        return expiresAt.toMSecsSinceEpoch() > nowMs ? State::Valid : State::Expired;
    }
    qint64 ageMs(qint64 nowMs) const { return nowMs - lastSyncTime.toMSecsSinceEpoch(); }
};

QString stateName(CacheEntry::State state); // "valid", "expired", "invalid"

// What `get` found.
struct Lookup
{
    enum class Outcome {
        Hit,         // valid entry returned, hitCount incremented
        Miss,        // no entry for this identity
        Expired,     // entry exists but its TTL has passed (entry holds the old row)
        Invalidated, // entry exists but was invalidated (entry holds the old row)
        Failed,      // the store failed; treated as a miss by callers (error says why)
    };
    Outcome outcome = Outcome::Miss;
    CacheEntry entry; // meaningful for Hit, Expired, Invalidated
    QString errorMessage;

    bool isHit() const { return outcome == Outcome::Hit; }
    bool hasEntry() const
    {
        return outcome == Outcome::Hit || outcome == Outcome::Expired ||
               outcome == Outcome::Invalidated;
    }
};

// Server-side filter for list, browse, count and bulk invalidation. Empty fields match all.
// Every text is bound as a parameter: quotes, backslashes, % and _ are literals.
struct EntryFilter
{
    enum class State { Any, Valid, Expired, Invalid };

    QString userId;       // exact
    QString credentialId; // exact
    QString exchange;     // exact, case-insensitive ("bybit" == "BYBIT")
    QString environment;  // exact, case-insensitive
    QString text;         // substring of user, credential or cache key, case-insensitive
    State state = State::Any;
    QDateTime syncedBefore; // lastSyncTime < syncedBefore, when valid

    bool isEmpty() const
    {
        return userId.isEmpty() && credentialId.isEmpty() && exchange.isEmpty() &&
               environment.isEmpty() && text.isEmpty() && state == State::Any &&
               !syncedBefore.isValid();
    }
    QJsonObject toJson() const;            // for the audit log
    static QString stateName(State state); // "any", "valid", "expired", "invalid"
};
// Parses "any", "valid", "expired", "invalid" (or "invalidated"); false for anything else.
bool filterStateFromName(const QString &name, EntryFilter::State *state);

// Columns the browser can sort by (server side).
enum class SortColumn {
    CacheKey,
    UserId,
    CredentialId,
    Exchange,
    Environment,
    TimeOffset,
    LastSyncTime,
    ExpiresAt,
    HitCount,
    UpdatedAt,
};
QString sortColumnName(SortColumn column); // the seed's field name, e.g. "lastSyncTime"
bool sortColumnFromName(const QString &name, SortColumn *column);

// A keyset page request: rows strictly after `after` (an opaque cursor from a previous page),
// or starting at `offset` rows when no cursor is given (for jumps in a scrolled view).
struct BrowseRequest
{
    EntryFilter filter;
    SortColumn sortColumn = SortColumn::CacheKey;
    Qt::SortOrder sortOrder = Qt::AscendingOrder;
    int limit = 100;
    QString after;     // cursor; empty for the first page
    qint64 offset = 0; // used only when `after` is empty
};

struct BrowsePage
{
    QList<CacheEntry> entries;
    QString nextCursor; // empty when this was the last page
};

struct CacheStats
{
    qint64 total = 0;
    qint64 valid = 0;
    qint64 expired = 0;   // past expiresAt, not invalidated
    qint64 invalid = 0;   // invalidated
    qint64 totalHits = 0; // sum of hitCount over all entries (the seed's figure)
    // From the hit/miss history, over the window asked for:
    qint64 windowSeconds = 0;
    qint64 hits = 0;
    qint64 misses = 0;
    double hitRate = 0.0; // hits / (hits + misses); 0 when there were no lookups
    // Age of the oldest and newest lastSyncTime among all entries, -1 when empty.
    qint64 oldestSyncAgeMs = -1;
    qint64 newestSyncAgeMs = -1;
    // Valid entries that expire within 5, 15 and 60 minutes from now.
    qint64 expiringIn5m = 0;
    qint64 expiringIn15m = 0;
    qint64 expiringIn60m = 0;
    // True when the entry counts above (total to expiringIn60m) are scaled from a sample of a
    // large table rather than counted; the hit/miss history figures are always exact.
    bool estimated = false;
};

// Entries per exchange and environment, for the dashboard's breakdown.
struct BreakdownRow
{
    QString exchange;
    QString environment;
    qint64 total = 0;
    qint64 valid = 0;
    qint64 expired = 0;
    qint64 invalid = 0;
    qint64 hits = 0;
};

// One bucket of the per-minute history (or wider buckets when asked).
struct HistoryBucket
{
    QDateTime start; // UTC, start of the bucket
    qint64 hits = 0;
    qint64 misses = 0;
    qint64 sets = 0;
    qint64 invalidations = 0;
    qint64 cleanups = 0; // entries deleted by cleanup
};

// One row of the audit log: every administrative action.
struct AuditRecord
{
    qint64 id = 0;
    QDateTime at;
    QString osUser;
    QString dbRole;
    QString profile;
    QString action; // "invalidate", "invalidate-matching", "cleanup", "set", "migrate", ...
    QString filter; // JSON of the filter or identity it applied to
    qint64 rowsAffected = 0;
    QString outcome; // "ok", or the error in words
};

struct ServerInfo
{
    QString backend; // "PostgreSQL" or "SQLite"
    QString version; // server version
    QString role;    // database role (PostgreSQL) or file owner
    QString database;
    qint64 latencyUs = -1; // a trivial query's round trip
};

// What the connected role may do with our tables.
struct Privileges
{
    bool canRead = true;
    bool canWrite = true; // update/delete on connector_state_cache
    bool canAudit = true; // insert into the audit log
};

} // namespace cc

Q_DECLARE_METATYPE(cc::ServerInfo)
Q_DECLARE_METATYPE(cc::Privileges)
Q_DECLARE_METATYPE(cc::CacheStats)
Q_DECLARE_METATYPE(cc::HistoryBucket)
Q_DECLARE_METATYPE(cc::BreakdownRow)
Q_DECLARE_METATYPE(cc::CacheEntry)
Q_DECLARE_METATYPE(cc::AuditRecord)
Q_DECLARE_METATYPE(cc::BrowseRequest)
Q_DECLARE_METATYPE(cc::EntryFilter)
Q_DECLARE_METATYPE(cc::TimeSyncState)
