#pragma once

// Clock health (issue 17): what the sync log says about the clocks. Pure functions over value
// types, no I/O, no store: the log's rows come in as SyncLogRecord, the answers go out as
// DriftEstimate, ClockEvent and TtlChoice. The CLI, the connector and the console call these
// and nothing else, so that a drift, a step or an ahead margin means the same thing everywhere.

#include "core/timesync/exchange.h"
#include "core/timesync/hostclock.h"
#include "core/timesync/timesync.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

namespace cc {

// Bybit and BingX reject a timestamp more than this far ahead of their clock.
constexpr double kAheadLimitMs = 1000.0;
// The drift assumed while none is measured (the connector's long-standing default).
constexpr double kDefaultDriftMsPerHour = 50.0;
// 1 ppm of drift is 3.6 ms per hour.
constexpr double kMsPerHourPerPpm = 3.6;

// Who ran a sync.
enum class SyncSource { Connector, Cli, Console, Simulation };
QString syncSourceName(SyncSource source); // "connector", "cli", "console", "simulation"
std::optional<SyncSource> syncSourceFromName(const QString &name);

// A sync's outcome as the log spells it: "ok", "timeout", "connection-refused", "host-not-found",
// "tls", "connection-closed", "network", "http", "bad-answer", "exchange-error", "cancelled".
QString syncOutcomeName(SyncResult::Error error);
std::optional<SyncResult::Error> syncOutcomeFromName(const QString &name);

// One row of the sync log: a sync (ok or failed), or a timestamp rejection the connector met
// (Bybit 10002, BingX 100421) with the server time the exchange carried. Never holds a key.
struct SyncLogRecord
{
    enum class Kind { Sync, Rejection };

    Kind kind = Kind::Sync;
    qint64 atMs = 0;  // local wall time (UTC ms) the sync finished / the rejection arrived
    QString identity; // the credential's cache key
    Exchange exchange = Exchange::Bybit;
    Environment environment = Environment::Testnet;
    QString baseUrl;
    SyncSource source = SyncSource::Connector;
    SyncResult::Error outcome = SyncResult::Error::None; // Rejection: None
    QString errorMessage;                                // failed sync / rejection: in words
    // Sync: the measured offset (server minus local). Rejection: the offset the rejected request
    // was signed with.
    qint64 offsetMs = 0;
    double rttMs = 0;
    double errorBoundMs = 0;
    int samples = 0;
    QString hostName;
    QString bootId;
    double realtimeMinusBoottimeMs = 0; // at the chosen sample (Rejection: when it arrived)
    // Sync: the chosen sample's server time. Rejection: the server time the answer carried.
    qint64 serverTimeMs = 0;
    int errorCode = 0; // Rejection: the exchange's code (10002, 100421)

    bool isOkSync() const { return kind == Kind::Sync && outcome == SyncResult::Error::None; }

    // A record of a finished sync (ok or not) run on the host `host` describes. The clock pair's
    // difference comes from the result's chosen sample when it has one, else from host.
    static SyncLogRecord fromSync(const SyncResult &result, const QString &identity,
                                  const QString &baseUrl, SyncSource source, const HostInfo &host);
    // A record of a timestamp rejection: the exchange answered errorCode at local time atMs,
    // carrying serverTimeMs, to a request signed with signedOffsetMs.
    static SyncLogRecord fromRejection(qint64 atMs, const QString &identity, Exchange exchange,
                                       Environment environment, const QString &baseUrl,
                                       SyncSource source, int errorCode, qint64 serverTimeMs,
                                       qint64 signedOffsetMs, const HostInfo &host);
};

// The syncs of one host against one exchange server: the unit drift and steps are judged in.
// Every credential synced from that host to that server measures the same two clocks, so their
// syncs form one series.
struct ClockSeriesKey
{
    QString hostName;
    Exchange exchange = Exchange::Bybit;
    Environment environment = Environment::Testnet;
    QString baseUrl;

    static ClockSeriesKey of(const SyncLogRecord &record);
    bool operator==(const ClockSeriesKey &other) const;
    bool operator!=(const ClockSeriesKey &other) const { return !(*this == other); }
};

struct ClockHealthOptions
{
    // Drift is "known" only from this many ok syncs spanning at least this long.
    int minDriftSyncs = 3;
    qint64 minDriftSpanMs = 30 * 60'000;
    // An exchange-side step is judged only in a series with this many ok syncs (fewer cannot
    // tell a step from a drift: which of two disagreeing intervals is the odd one?).
    int minStepSyncs = 4;
    // A change is a step only when it exceeds both bounds, the drift's uncertainty over the
    // interval (three standard errors), and this floor (an amount, never a rate).
    double minStepMs = 5.0;
    // The host's REALTIME - BOOTTIME moving by more than this is a host clock step.
    double hostStepToleranceMs = 2.0;
    // Exchange-side steps of one exchange/environment seen by several series within this window
    // of each other, by more than exchangeEventShare of the series that synced across it (and
    // at least exchangeEventMinSeries), are one exchange clock event.
    qint64 exchangeEventWindowMs = 5 * 60'000;
    double exchangeEventShare = 0.5;
    int exchangeEventMinSeries = 2;
    // A step touched the credentials that synced in its series this long before it.
    qint64 touchLookbackMs = 2 * 3'600'000;
};

// The slope of the offset over time: offset(t) ≈ offsetAtRefMs + ppm × 1e-6 × (t − refMs).
// Positive ppm: the exchange's clock runs faster than the host's.
struct DriftEstimate
{
    bool known = false;  // enough data (ClockHealthOptions::minDriftSyncs, minDriftSpanMs)
    bool fitted = false; // a line was fitted at all (ppm and ppmError mean something)
    double ppm = 0;
    double ppmError = 0; // three standard errors: the truth lies within ppm ± ppmError
    qint64 refMs = 0;
    double offsetAtRefMs = 0; // the fitted line at refMs, steps removed
    int syncs = 0;            // ok syncs used
    qint64 spanMs = 0;        // from the first to the last of them
    int stepsRemoved = 0;     // steps and reboots taken out of the series before the fit

    // The drift to plan with: |ppm| + ppmError in ms per hour when known, else the default.
    double planningMsPerHour() const;
};

enum class ClockEventKind { ExchangeStep, HostStep, Reboot, Rejection };
QString clockEventKindName(ClockEventKind kind); // "exchange-step", "host-step", "reboot",
                                                 // "rejection"

struct ClockEvent
{
    ClockEventKind kind = ClockEventKind::ExchangeStep;
    qint64 atMs = 0;    // the sync (or rejection) that revealed it
    qint64 afterMs = 0; // the sync before it: the event happened in (afterMs, atMs]
    Exchange exchange = Exchange::Bybit;
    Environment environment = Environment::Testnet;
    QString hostName; // empty for an exchange-wide event (see hosts)
    QString baseUrl;
    // How much the offset moved because of it (exchange minus host): an exchange step of +300
    // ms is +300; a host clock stepping 700 ms ahead is -700; a rejection: the server time it
    // carried minus (local time + the offset the request was signed with).
    double deltaMs = 0;
    double toleranceMs = 0; // what bounds and drift allowed in that interval
    bool exchangeWide = false;
    int seenBy = 1;         // series that saw it (exchange-wide: more than one)
    QStringList hosts;      // hosts that saw it
    QStringList identities; // credentials whose cached offsets it touched
    int errorCode = 0;      // Rejection: the exchange's code
};

// What one series says: its drift, its steps and reboots, and its latest sync.
struct SeriesHealth
{
    ClockSeriesKey key;
    DriftEstimate drift;
    QList<ClockEvent> events; // steps and reboots, in time order (no rejections)
    int syncs = 0;            // ok syncs
    int failedSyncs = 0;
    qint64 firstSyncAtMs = 0; // the earliest ok sync
    qint64 lastSyncAtMs = 0;  // the latest ok sync
    qint64 latestOffsetMs = 0;
    double latestErrorBoundMs = 0;
    QStringList identities; // credentials seen in the series
};

// The drift of one series (records of other series, failed syncs and rejections are ignored):
// steps and reboots are found and taken out first, then an error-bound-weighted line fit with
// Huber weights (a point further from the line than its own bound counts less) gives the slope;
// its uncertainty is the larger of what the bounds and what the scatter allow.
DriftEstimate estimateDrift(const QList<SyncLogRecord> &series,
                            const ClockHealthOptions &options = ClockHealthOptions());

// Drift and events of one series. Between consecutive ok syncs: a new boot id is a reboot; the
// host's REALTIME − BOOTTIME moving is a host step; what remains of the offset change beyond
// the fitted drift, both bounds and the drift's uncertainty is an exchange-side step. A pure
// drift, however fast, is never a step: every change is judged against the fitted slope.
SeriesHealth analyzeSeries(const QList<SyncLogRecord> &series,
                           const ClockHealthOptions &options = ClockHealthOptions());

// Exchange-side steps of several series that happened together (see ClockHealthOptions) become
// one exchange-wide event; the rest are returned as they are. Sorted by time.
QList<ClockEvent> groupExchangeEvents(const QList<SeriesHealth> &series,
                                      const ClockHealthOptions &options = ClockHealthOptions());

// The rejection records of the log as events.
QList<ClockEvent> rejectionEvents(const QList<SyncLogRecord> &log);

struct ClockHealthReport
{
    QList<SeriesHealth> series; // by exchange, environment, host, base URL
    QList<ClockEvent> events;   // grouped steps, reboots and rejections, in time order
};

// The whole log: split into series, each analysed, exchange-wide steps grouped, rejections
// added.
ClockHealthReport analyzeClockHealth(const QList<SyncLogRecord> &log,
                                     const ClockHealthOptions &options = ClockHealthOptions());

// How far an entry's offset may still be from the exchange's 1 s "ahead" line in the worst
// case: aheadLimitMs − (errorBound + |drift| × age). The connector's safety rule and the
// console both use this; pass DriftEstimate::planningMsPerHour() (the measured drift, or 50
// ms/h while none is known).
double aheadMarginMs(double errorBoundMs, qint64 ageMs,
                     double driftMsPerHour = kDefaultDriftMsPerHour,
                     double aheadLimitMs = kAheadLimitMs);

struct AdaptiveTtlOptions
{
    qint64 minTtlMs = 60'000;
    qint64 maxTtlMs = 2 * 3'600'000;
    double safetyMs = 500;           // the ahead margin must stay above this for the whole TTL
    qint64 fixedTtlMs = 15 * 60'000; // without enough data
    double aheadLimitMs = kAheadLimitMs;
};

struct TtlChoice
{
    qint64 ttlMs = 0;
    bool adaptive = false;  // false: the fixed TTL (drift not known)
    bool safetyHeld = true; // false: even the minimum TTL ends below the safety margin
    double marginAtExpiryMs = 0;
    QString reason; // in words, for logs and `--ttl auto` output
};

// The longest TTL in [minTtlMs, maxTtlMs] at whose end the ahead margin at the measured drift
// (planningMsPerHour) is still at least safetyMs; the fixed TTL when the drift is not known.
// When not even minTtlMs keeps the safety (a huge bound or drift), minTtlMs with safetyHeld
// false.
TtlChoice adaptiveTtl(double errorBoundMs, const DriftEstimate &drift,
                      const AdaptiveTtlOptions &options = AdaptiveTtlOptions());

// The JSON shapes of `connector-cache clock --json` and `syncs --json`, one home for the field
// names. Times are ISO 8601 in UTC with milliseconds, as entries' are.
//   a series:  exchange, environment, host, baseUrl, offsetMs, errorBoundMs, driftKnown,
//              driftPpm, driftPpmError (null without a fit), syncs, failedSyncs, lastSyncAt,
//              identities
//   an event:  at, after, kind, exchange, environment, host (null when exchange-wide), baseUrl,
//              deltaMs, toleranceMs, exchangeWide, seenBy, hosts, identities, errorCode
//              (rejections only)
//   a report:  groups (series), events
//   a record:  at, kind ("sync", "rejection"), identity, exchange, environment, baseUrl, source,
//              outcome, error, offsetMs, rttMs, errorBoundMs, samples, host, bootId,
//              realtimeMinusBoottimeMs, serverTime, errorCode (rejections only)
QJsonObject toJson(const SeriesHealth &series);
QJsonObject toJson(const ClockEvent &event);
QJsonObject toJson(const ClockHealthReport &report);
QJsonObject toJson(const SyncLogRecord &record);

} // namespace cc
