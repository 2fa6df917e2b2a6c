#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "core/store/databaseconfig.h"
#include "core/store/synclogquery.h"
#include "core/store/tablename.h"
#include "core/store/types.h"
#include "core/store/validation.h"

#include <QSqlDatabase>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

namespace cc {
namespace test {
struct StoreInternals;
}

namespace monitoring {
struct AlertRule;
struct Silence;
struct AlertEvent;
} // namespace monitoring

class ChangeFeed;
class QueryCanceller;
class Dialect;

// The schema as found in the database.
struct SchemaStatus
{
    enum class State {
        Missing,  // no cache table and no version: run migrate
        SeedOnly, // the seed's table exists, ours do not yet: migrate adopts it
        Outdated, // ours exist at an older version: migrate upgrades
        Current,  // ready
        TooNew,   // written by a newer connector-cache: refuse
    };
    State state = State::Missing;
    int version = 0; // 0 when none recorded
};

// The schema as it actually is, beyond its recorded version (schema::check()): what is missing
// or of the wrong type, each named in words. Empty lists: whole.
struct SchemaCheck
{
    QStringList schema;     // tables, columns (and PostgreSQL types), indexes: exit 5
    QStringList privileges; // what the role may not do that a connector needs: exit 7
    bool ok() const { return schema.isEmpty() && privileges.isEmpty(); }
};

struct MigrationReport
{
    int fromVersion = 0;
    int toVersion = 0;
    bool createdCacheTable = false; // false: an existing (seed-created) table was adopted
    QStringList steps;              // what was done, in words
};

// How get() counts a hit in the row's hitCount.
enum class HitCounting {
    // The lookup is a read. Hits are added to their rows with the history counters: every
    // historyFlushInterval (at the next call after it), on flushHistory(), close() and
    // destruction, in one transaction. A hit costs the server a read; other readers see the
    // count up to one interval late, and hits not yet written are lost if the process dies (as
    // the history's counters are). get() itself returns the count including this process's
    // pending hits.
    Batched,
    // Each hit is one UPDATE ... RETURNING, as the seed counts: every reader sees every earlier
    // hit at once, and no two hits on a row see the same count. A write per read.
    PerLookup,
};

struct CacheStoreOptions
{
    std::chrono::milliseconds timeout{2000}; // connect + statement bound
    // A lookup's own budget (get, lookupOffset: what a connector's start waits on): its
    // statements, and its one retry, are given up after it (a table locked ACCESS EXCLUSIVE
    // costs that much, then a miss). Connecting keeps timeout; writes, stats and admin calls
    // too. 0: timeout.
    std::chrono::milliseconds lookupTimeout{250};
    int batchSize = 20000;     // rows per cleanup / bulk-invalidate batch (about 30 ms of locks)
    bool notifyChanges = true; // PostgreSQL NOTIFY on writes
    std::chrono::milliseconds historyFlushInterval{5000}; // history counters and batched hits
    HitCounting hitCounting = HitCounting::Batched;
    // stats() counts every entry exactly up to about this many entries; beyond, it scales the
    // counts of a sample of about statsSampleRows entries (CacheStats::estimated), so that the
    // dashboard's refresh costs the same at a million entries as at ten thousand. 0: always
    // exact.
    qint64 exactStatsUpTo = 100000;
    int statsSampleRows = 15000;
    QString profile; // recorded in the audit log
    // What set() accepts: TTL and sync-time bounds, unknown exchanges (validation.h).
    EntryLimits entryLimits;
    // How long cleanup keeps the sync log's rows (issue 17).
    std::chrono::seconds syncLogRetention{30 * 24 * 3600};
};

// The cache engine: the seed's ConnectorStateCacheService in C++, on PostgreSQL or SQLite.
//
// Threading: a CacheStore owns one database connection, created by open() and usable only from
// the thread that called open() (Qt's rule for QSqlDatabase). Use one CacheStore per thread.
//
// Failure: no method throws. Reads that fail are misses (get) or errors (admin calls); writes
// report failure. After a lost connection the next call reconnects. Every call is bounded by
// Options::timeout (connect timeout, statement timeout, TCP user timeout).
class CacheStore
{
public:
    static constexpr int kSchemaVersion = 3;
    static constexpr std::chrono::seconds kDefaultTtl{15 * 60};
    static QString tableName() { return QStringLiteral(CC_CACHE_TABLE_NAME); }

    using Options = CacheStoreOptions;

    explicit CacheStore(DatabaseConfig config, Options options = Options(),
                        const Clock *clock = Clock::system());
    ~CacheStore(); // flushes the history counters
    CacheStore(const CacheStore &) = delete;
    CacheStore &operator=(const CacheStore &) = delete;

    const DatabaseConfig &config() const { return m_config; }
    const Options &options() const { return m_options; }
    const Clock *clock() const { return m_clock; }

    // Connects and checks the schema. Unreachable, SchemaMissing or SchemaTooNew in words.
    StoreError open();
    void close();
    bool isOpen() const;

    SchemaStatus schemaStatus();
    // Creates or upgrades our schema; adopts a seed-created table in place; puts back our own
    // tables, columns and indexes found missing (never the seed's).
    Result<MigrationReport> migrate();
    // Compares the actual schema and the role's privileges with what this program needs.
    Result<SchemaCheck> checkSchema();

    // --- the seed's service ---------------------------------------------------------------
    // A valid entry is a hit (hitCount + 1, atomically, in the same statement); expired,
    // invalidated, missing and failed lookups are misses and are counted as such.
    // Never returns another identity's entry, whatever the table holds.
    Lookup get(const QString &userId, const QString &credentialId);
    // get() narrowed to what a connector's start-up needs: the same outcome, hit counting and
    // history, reading the offset, the times and the sync account's numbers (OffsetRecord)
    // instead of the whole row, and building no CacheEntry.
    OffsetLookup lookupOffset(const QString &userId, const QString &credentialId);

    // Upsert. The entry expires ttl after now (as in the seed's service). Fails with Conflict
    // when the cache key is held by another identity (never overwrites a foreign entry).
    StoreError set(const QString &userId, const QString &credentialId, const QString &exchange,
                   const QString &environment, const TimeSyncState &state,
                   std::chrono::seconds ttl = kDefaultTtl);

    // progress(doneSoFar) is called after each batch of a bulk operation; returning false stops
    // before the next batch: the rows done so far stay done and their count is returned.
    using Progress = std::function<bool(qint64 doneSoFar)>;

    // Marks the identity's entry invalid. Returns how many rows matched (0: no such entry).
    Result<qint64> invalidate(const QString &userId, const QString &credentialId);
    // Marks every not-yet-invalidated entry matching the filter invalid, in bounded batches.
    // Rows another transaction holds locked are passed by (SKIP LOCKED) and tried again a few
    // times (about a second in all); matching rows still valid after that are not a success:
    // the call then fails (QueryFailed, SQLSTATE 55P03, the counts in words), and *outcome, if
    // given, says how many were invalidated and how many were left, on success as on failure.
    struct BulkInvalidation
    {
        qint64 invalidated = 0;
        qint64 left = 0; // matching entries left valid: locked by another transaction
    };
    Result<qint64> invalidateMatching(const EntryFilter &filter, const Progress &progress = {},
                                      BulkInvalidation *outcome = nullptr);
    // How many entries invalidateMatching(filter) would touch now (its preview).
    Result<qint64> countInvalidatable(const EntryFilter &filter);

    // Deletes expired entries in bounded batches (each its own short transaction).
    Result<qint64> cleanupExpired(const Progress &progress = {});
    Result<qint64> countExpired();

    // Counts by state, hits, sync ages, expiring entries, and the hit rate over `window`. Exact
    // up to Options::exactStatsUpTo entries, estimated from a sample beyond (see there).
    enum class Precision { Auto, Exact };
    Result<CacheStats> stats(std::chrono::seconds window = std::chrono::hours(24),
                             Precision precision = Precision::Auto);
    Result<QList<BreakdownRow>> breakdown();
    // Buckets from `from` to `to` (UTC), each bucketMinutes wide; empty buckets included.
    Result<QList<HistoryBucket>> history(const QDateTime &from, const QDateTime &to,
                                         int bucketMinutes = 1);

    // --- the cold-start storm ----------------------------------------------------------------
    // A cross-process lease on an identity's sync, so that of many processes starting at once
    // only one talks to the exchange. True when `holder` now holds the lease (or already did);
    // false while another holder's lease is live. A lease lapses by itself after `duration`,
    // so a crashed holder never blocks the others for longer than that.
    Result<bool> acquireSyncLease(const QString &userId, const QString &credentialId,
                                  const QString &holder, std::chrono::milliseconds duration);
    StoreError releaseSyncLease(const QString &userId, const QString &credentialId,
                                const QString &holder);

    // --- browsing ---------------------------------------------------------------------------
    Result<CacheEntry> entry(const QString &userId, const QString &credentialId); // no hit
    Result<BrowsePage> browse(const BrowseRequest &request);
    Result<qint64> count(const EntryFilter &filter);
    // Every `every`-th row's place in the rows `filter` selects, sorted by column and order as
    // browse() sorts them (BrowseMilestone): one pass over those rows, for the console to jump
    // far into them with a seek from the nearest milestone instead of an OFFSET. Computed
    // exactly as of now; later writes may shift positions until asked again. InvalidArgument
    // for a step below 1 or more than 100,000 milestones.
    Result<QList<BrowseMilestone>> browseMilestones(const EntryFilter &filter, SortColumn column,
                                                    Qt::SortOrder order, qint64 every);

    // --- the sync log (issue 17) ---
    // One row per sync (ok or failed) and per timestamp rejection (clockhealth.h's
    // SyncLogRecord; it holds no key; its identity is empty for a sync made for no credential).
    // appendSyncLog refuses a record without a time, with NUL characters or with non-finite
    // numbers (InvalidArgument). syncLog returns the rows
    // the query selects, oldest first unless newestFirst; a row this version cannot read
    // (unknown exchange, garbage in a column) is left out with a warning in the log, never
    // served half-read. pruneSyncLog deletes rows older than olderThan in bounded batches and
    // returns how many went. All three are bounded by Options::timeout like every call.
    StoreError appendSyncLog(const SyncLogRecord &record);
    Result<QList<SyncLogRecord>> syncLog(const SyncLogQuery &query);
    Result<qint64> pruneSyncLog(const QDateTime &olderThan);

    // --- administration ---------------------------------------------------------------------
    Result<ServerInfo> serverInfo();
    Result<Privileges> privileges();
    // The server is a hot standby (pg_is_in_recovery() when the connection opened, or at the
    // last serverInfo()): lookups are served without counting hits or history, and every write
    // (set, invalidate, cleanup, migrate, the audit log, leases, demo data) is refused before
    // any SQL with PermissionDenied. refuseIfStandby(what) is that refusal for a caller's own
    // write (an error naming the standby, or none); it notices a promotion.
    bool isStandby() const;
    StoreError refuseIfStandby(const QString &what);
    StoreError recordAudit(const AuditRecord &record); // at, osUser, dbRole filled if empty
    Result<QList<AuditRecord>> auditLog(const QDateTime &since = QDateTime(), int limit = 1000);

    // Demo data: entries across users, exchanges and environments in every state, and a week
    // of per-minute history. Returns the number of entries written.
    Result<qint64> fillDemo(qint64 entries, quint32 seed = 1);

    // Writes the buffered hit/miss/set counters to the history table now.
    StoreError flushHistory();

    // --- monitoring (issue 16: alertstore.cpp, inithistory.cpp; types in monitoring/alerts.h)
    // The rules with their silences not yet ended (by the store's clock), ordered by name.
    Result<QList<monitoring::AlertRule>> alertRules();
    // Insert or update by name (updated_at/by filled). InvalidArgument for a bad name, unknown
    // metric or a window under a minute.
    StoreError saveAlertRule(const monitoring::AlertRule &rule);
    Result<bool> deleteAlertRule(const QString &name); // false: no such rule (its silences go)
    // InvalidArgument when the rule does not exist or `until` is not in the future.
    StoreError addAlertSilence(const QString &rule, const monitoring::Silence &silence);
    // Appends state changes. Each is written only while the rule's latest recorded state is
    // still event.from (none recorded counts as "ok"), so that two evaluators seeing the same
    // change (exporter and console) record it once.
    StoreError recordAlertEvents(const QList<monitoring::AlertEvent> &events);
    // Newest first, at or after `since` (invalid: all).
    Result<QList<monitoring::AlertEvent>> alertEvents(const QDateTime &since, int limit = 1000);
    Result<QList<monitoring::AlertEvent>> lastAlertEvents(); // each rule's latest event
    // Whether this role may edit rules and silences (PostgreSQL: INSERT, UPDATE and DELETE on
    // the rule table and INSERT on the silence table; SQLite: the file is writable).
    Result<bool> mayEditAlertRules();
    // A connector's start-up and a timestamp rejection: buffered with the history counters and
    // written on flushHistory() (and every historyFlushInterval); never a statement of their own.
    void recordInitialization(InitOutcome outcome, double durationMs);
    void recordRejection();
    // For the administrative front ends (exporter, check, console refresh, cleanup), never a
    // connector: records in the history the entries that expired unrenewed in the last hour
    // (per expiry minute) and the table's size (entries; bytes on PostgreSQL). At most once a
    // minute per database (a sampled minute is skipped, by this process without a statement);
    // returns whether it sampled.
    Result<bool> sampleTableHealth();

    // The cache key for an identity: the seed's "userId_credentialId" when neither part holds
    // '_' or '%', else both parts with '%' and '_' percent-encoded, so that ("a_b","c") and
    // ("a","b_c") never share a key.
    static QString cacheKey(const QString &userId, const QString &credentialId);

    // Change notifications (changefeed.h): the writes of every CacheStore on this database,
    // announced on notifyChannel(), as ChangeFeed::changed(payload) signals in this thread.
    // PostgreSQL only; on SQLite the feed is inactive and never emits. The feed must not
    // outlive the store (if it does, it falls silent).
    std::unique_ptr<ChangeFeed> subscribeChanges();
    // A handle that cancels, from any thread, the statement this store runs at that moment
    // (canceller.h): that call then returns StoreError::Cancelled. PostgreSQL only (PQcancel);
    // on SQLite cancel() does nothing. The same handle for the store's whole life, across
    // reconnects; it may outlive the store (inert then).
    std::shared_ptr<QueryCanceller> canceller() const;
    // The NOTIFY channel writes are announced on (PostgreSQL): one per schema, so that a
    // console on one schema does not refresh for writes in another. Without a schema (the
    // search path's) or for "public", "connector_cache_changed"; else
    // "connector_cache_changed_" and 16 hex digits of the schema name's SHA-256: a valid
    // identifier of 40 bytes whatever the name's length or characters (changefeed.cpp).
    static QString notifyChannel(const QString &schema = QString());
    QString changeChannel() const { return notifyChannel(m_config.schema); } // this store's

    // The private half (cachestore_p.h): named here so that the store's own files (its
    // transports) can refer to it; opaque to everyone else.
    struct Private;

private:
    friend struct test::StoreInternals; // tests reach the store's own connection through it
    std::unique_ptr<Private> d;
    DatabaseConfig m_config;
    Options m_options;
    const Clock *m_clock;
};

} // namespace cc
