#pragma once

// An entry of the cache, the state it carries and what a lookup found.

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

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

// The keys of a time sync's account in an entry's metadata, {"sync": {"errorBoundMs": …,
// "rttMs": …, "samples": …, "source": …, "host": …, "driftPpm": …, "driftPpmError": …}}
// (the drift only when the writer had measured one): named once, for its writer and reader
// (core/connector/syncmetadata.h) and for the statement that reads them on the server
// (CacheStore::lookupOffset()).
namespace syncKeys {
inline constexpr char sync[] = "sync";
inline constexpr char errorBoundMs[] = "errorBoundMs";
inline constexpr char rttMs[] = "rttMs";
inline constexpr char samples[] = "samples";
inline constexpr char source[] = "source";
inline constexpr char host[] = "host";
inline constexpr char driftPpm[] = "driftPpm";
inline constexpr char driftPpmError[] = "driftPpmError";
} // namespace syncKeys

// What a connector's start-up reads of an entry (CacheStore::lookupOffset()): numbers only, so
// that the hot path builds no strings, times or JSON per call.
struct OffsetRecord
{
    qint64 timeOffsetMs = 0;
    qint64 lastSyncMs = 0; // ms since 1970-01-01 UTC
    qint64 expiresAtMs = 0;
    qint64 updatedAtMs = 0;
    bool isValid = false;
    // The sync account's numbers in the metadata (syncKeys), unset where absent or not numbers;
    // a negative error bound counts as absent.
    std::optional<double> errorBoundMs, rttMs, samples;
    // The drift the writer had measured for this credential's clock pair (issue 17): ppm and
    // its uncertainty, both set or neither; unset where absent or not plausibleDrift().
    std::optional<double> driftPpm, driftPpmError;

    qint64 ageMs(qint64 nowMs) const { return nowMs - lastSyncMs; }

    // A stored drift worth planning with: finite numbers, |ppm| and its uncertainty (never
    // negative) within kMaxStoredDriftPpm. Anything else in the metadata counts as absent.
    static constexpr double kMaxStoredDriftPpm = 100'000; // 10 %: 6 minutes an hour
    static bool plausibleDrift(double ppm, double ppmError)
    {
        // Written so that NaN fails every comparison.
        return ppm >= -kMaxStoredDriftPpm && ppm <= kMaxStoredDriftPpm && ppmError >= 0 &&
               ppmError <= kMaxStoredDriftPpm;
    }
    void setDrift(std::optional<double> ppm, std::optional<double> ppmError)
    {
        driftPpm.reset();
        driftPpmError.reset();
        if (ppm && ppmError && plausibleDrift(*ppm, *ppmError)) {
            driftPpm = ppm;
            driftPpmError = ppmError;
        }
    }
};

// What lookupOffset() found: get()'s outcome, and the record for Hit, Expired and Invalidated.
struct OffsetLookup
{
    Lookup::Outcome outcome = Lookup::Outcome::Miss;
    OffsetRecord record;
    QString errorMessage; // Failed only

    bool isHit() const { return outcome == Lookup::Outcome::Hit; }
    bool hasEntry() const
    {
        return outcome == Lookup::Outcome::Hit || outcome == Lookup::Outcome::Expired ||
               outcome == Lookup::Outcome::Invalidated;
    }
};

} // namespace cc

Q_DECLARE_METATYPE(cc::CacheEntry)
Q_DECLARE_METATYPE(cc::TimeSyncState)
