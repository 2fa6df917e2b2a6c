#pragma once

// An entry of the cache, the state it carries and what a lookup found.

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

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

} // namespace cc

Q_DECLARE_METATYPE(cc::CacheEntry)
Q_DECLARE_METATYPE(cc::TimeSyncState)
