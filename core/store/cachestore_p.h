#pragma once

// CacheStore's private half (the Qt/KDE convention: not installed, not for callers). One
// Private per store, its jobs each defined in a file of their own:
//   session.cpp      connecting, classifying errors, running statements, the statement cache
//   transport.{h,cpp} how rows of entries are read: libpq's protocol-level statements on
//                    PostgreSQL, QSqlQuery otherwise (one interface, two implementations)
//   hitcounters.cpp  the hit/miss/set counters, the batched hits and their flush
//   entrysql.cpp     filters to WHERE, the identity condition, the lookup, cursors, browsing
//   statistics.cpp   stats (with its sampling plan), breakdown, history
//   leaseaudit.cpp   the sync lease, the audit log, server info and privileges

#include "core/store/cachestore.h"
#include "core/store/canceller.h"
#include "core/store/deadline.h"
#include "core/store/sqldialect.h"
#include "core/store/transport.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <limits>
#include <map>
#include <memory>
#include <utility>

namespace cc {

namespace store {

constexpr qint64 kMsPerMinute = 60 * 1000;

// The buffered history counters of one minute.
struct Counters
{
    qint64 hits = 0;
    qint64 misses = 0;
    qint64 sets = 0;
    qint64 invalidations = 0;
    qint64 cleanups = 0;
    bool isEmpty() const { return !hits && !misses && !sets && !invalidations && !cleanups; }
};

QString osUserName();
// NOT NULL text columns: an empty QString binds as NULL, "" does not.
QString nonNull(const QString &s);
bool containsNul(const QString &s);

// A statement run() executed, finished (QSqlQuery::finish()) when it goes out of scope or is
// assigned another, on every path: the connection must have no query of its own in progress
// before the next statement, which pgnative relies on. Move-only.
class ActiveQuery
{
public:
    ActiveQuery() = default;
    explicit ActiveQuery(QSqlQuery *query)
        : m_query(query)
    {}
    ActiveQuery(ActiveQuery &&other) noexcept
        : m_query(std::exchange(other.m_query, nullptr))
    {}
    ActiveQuery &operator=(ActiveQuery &&other) noexcept
    {
        if (this != &other) {
            finish();
            m_query = std::exchange(other.m_query, nullptr);
        }
        return *this;
    }
    ~ActiveQuery() { finish(); }
    ActiveQuery(const ActiveQuery &) = delete;
    ActiveQuery &operator=(const ActiveQuery &) = delete;

    // Finishes now (before the scope ends), e.g. before running another statement.
    void finish()
    {
        if (m_query)
            m_query->finish();
        m_query = nullptr;
    }
    QSqlQuery *operator->() const { return m_query; }
    QSqlQuery &operator*() const { return *m_query; }
    explicit operator bool() const { return m_query != nullptr; }

private:
    QSqlQuery *m_query = nullptr;
};

} // namespace store

struct CacheStore::Private
{
    CacheStore *q;
    SqlDialect dialect;

    // --- session (session.cpp) ---------------------------------------------------------------
    QString connectionName;
    QSqlDatabase db;
    std::map<QString, std::unique_ptr<QSqlQuery>> prepared;
    // Direct PostgreSQL: statements run once so far on this connection, sent as text with their
    // values inlined (statement()).
    std::map<QString, std::unique_ptr<QSqlQuery>> ranOnce;
    std::unique_ptr<store::EntryTransport> transport; // how rows of entries are read
    // PostgreSQL: the store's own libpq connection, logged in within the call's deadline
    // (store::loginSession) by the calls that need no QtSql: the lookups' rows (entries(),
    // offsets()) and the flush in one trip. A connector's cold start runs on it alone: no
    // QtSql plug-in loaded, no QPSQL open() (five statements), no probe. A call that needs
    // QtSql closes it and connect() opens QPSQL's: one session at a time.
    struct PgConnDeleter
    {
        void operator()(pg_conn *conn) const;
    };
    std::unique_ptr<pg_conn, PgConnDeleter> native;
    // The libpq connection native statements run on: QPSQL's own while it is open, else ours
    // (null when neither is).
    pg_conn *pgConnection() const;
    bool connected() const;       // QPSQL's connection or ours is open
    bool connectionAlive() const; // ... and not broken
    QString dbRole;
    StoreError lastConnectError;
    QElapsedTimer sinceConnectFailure;
    quint64 connectionGeneration = 0; // + 1 for every connection opened
    bool mayCreateSqliteFile = false; // migrate() creates a missing SQLite file, nothing else
    bool sqliteFileIsOurs = false;    // created by this connection (WAL is then ours to choose)
    // SQLite: since a statement gave up on another process's lock. For one timeout after it
    // no statement waits again (busy_timeout 0), so that a call and what follows it (the
    // CLI's audit row) wait one --timeout in all, not one each.
    QElapsedTimer sinceSqliteBusy;
    // SQLite: the busy timeout statements wait now (ms): 0 just after a busy failure.
    int sqliteBusyWaitMs() const;
    void setSqliteBusyTimeout(int ms); // a PRAGMA only when it changes
    int sqliteBusyMs = -1;             // the connection's busy timeout now; -1: unknown
    int sqliteBusyCap = std::numeric_limits<int>::max(); // a flush's: at most this long
    QList<ChangeFeed *> feeds;
    std::shared_ptr<QueryCanceller> canceller =
        std::make_shared<QueryCanceller>(); // subscribeChanges()'s, told when the connection goes

    // --- deadlines (session.cpp; deadline.h) ---------------------------------------------
    // Every call into the session (connect, run, entries, offsets, durable, lazy) runs under a
    // Budget: the outermost one starts the call's deadline (its budget, Options::timeout unless
    // given, from now) and arms the connection's StallGuard with it; nested ones share it. A
    // statement still unanswered at the deadline is cancelled, and kGraceMs later its
    // connection is cut and dropped.
    class Budget
    {
    public:
        explicit Budget(Private *d, std::chrono::milliseconds budget = {});
        ~Budget();
        Budget(const Budget &) = delete;
        Budget &operator=(const Budget &) = delete;

    private:
        Private *m_d;
    };
    QDeadlineTimer callDeadline;
    std::chrono::milliseconds callBudget{0}; // the outermost Budget's
    int callDepth = 0;
    // The running call's budget in ms (Options::timeout outside of a call), and a lookup's.
    qint64 budgetMs() const;
    std::chrono::milliseconds lookupBudget() const;
    std::unique_ptr<store::StallGuard> guard; // the open PostgreSQL connection's
    bool stalled = false;     // the native transport gave the connection up at the deadline
    QElapsedTimer sinceStall; // since a connection was given up: calls fail fast for a moment
    StoreError stallError;
    // The servers connect() found answering (probeServers) with the addresses it looked their
    // names up at (resolveHosts): libpq's host, hostaddr and port lists, in conninfo syntax
    // (space-separated); empty when libpq is left to choose (a service, a hostaddr of the URL).
    QString targetOptions;
    // connect()'s: looks up, probes, sets targetOptions. With probeOne false one target is not
    // probed (connectNative(): its own login keeps to the deadline); several always are.
    StoreError chooseTargets(int timeoutMs, bool probeOne = true);
    StoreError preflightPooler(int timeoutMs); // connect()'s: a pooler that holds statements
    // When a statement that has not answered is given up (the deadline plus the grace for the
    // cancel request).
    QDeadlineTimer giveUp() const;
    bool gaveUp() const { return stalled || (guard && guard->cut()); }
    // --- hot standbys (standby.cpp) ----------------------------------------------------------
    bool standby = false; // the server is in recovery: reads only, no hit counting, no history
    void setStandby(bool inRecovery);
    // PermissionDenied in words when the server is (still) a standby; checked before any write.
    StoreError refuseOnStandby(const QString &what);

    Private(CacheStore *owner, const DatabaseConfig &config); // dialect: backend and schema

    bool isPostgres() const { return dialect.isPostgres(); }
    // Reached through a transaction-mode pooler (DatabaseConfig::pooled): nothing may rely on
    // session state between transactions (no PREPARE, no session SET, no LISTEN).
    bool pooled() const;
    // A setting's name and value, for settingsSql().
    using Setting = std::pair<const char *, QString>;
    // statement_timeout and lock_timeout for a transaction of a pooled connection (none for a
    // direct one, whose session has statement_timeout).
    QList<Setting> transactionBounds() const;
    // One statement that makes the settings (for the transaction when `local`, as SET LOCAL
    // does; else for the session) and returns one row: one round trip instead of a SET each.
    static QString settingsSql(const QList<Setting> &settings, bool local,
                               const QString &alsoSelect = QString());
    // sql with binds inlined as literals (pgnative::inlineBinds), for pooled connections.
    QString inlined(const QString &sql, const QVariantList &binds, QString *error) const;
    QString where() const { return q->m_config.displayString(); }
    void dropConnection();
    // Opens QPSQL's connection (QSQLITE's on SQLite) unless open; closes ours first.
    StoreError connect();
    // What the lookups need: any open connection; on PostgreSQL, when none is, ours.
    StoreError connectNative();
    void closeNative();
    // The failure of a connect (or the stall) just now, which connects do not repeat at once.
    StoreError recentFailure() const;
    void freshSession(); // a new connection's statements start from nothing
    // connectNative()'s: the role and the standby flag from the server's report at login
    // (false: not reported, an older server or a pooler); else from the setup statement, run
    // within the deadline (an error's words, or empty; *silent when it was not answered).
    bool readLoginReport(pg_conn *conn);
    QString runSessionSetup(pg_conn *conn, int timeoutMs, bool *silent);
    // The statement connect() and connectNative() run first: the session's settings, and on
    // PostgreSQL the role and whether the server is a standby, in one round trip.
    QString sessionSetupSql(int timeoutMs) const;
    QList<Setting> sessionSettings(int timeoutMs) const; // TimeZone, and direct: the bounds
    // A login that failed after `elapsedMs` with libpq's reason, classified (refused login, or
    // a server that did not answer in time).
    StoreError loginFailed(const QString &reason, qint64 elapsedMs, int timeoutMs);
    // silent: the server (or a name server) did not answer within the budget (a stall).
    StoreError failConnect(const QString &reason, bool silent = false);
    StoreError failLogin(const QString &reason, const QString &sqlState);
    QString conninfo(int timeoutMs) const; // libpq's, as QPSQL builds it
    // The lookup's own login (connectNative()): conninfo() with UTF-8 asked for in the login
    // and, with settingsInLogin, the session's settings in the startup packet's options.
    QString nativeConninfo(int timeoutMs, bool settingsInLogin) const;
    // Classifies a failed statement; drops the connection when it is gone.
    StoreError fail(const QSqlError &error, const QString &what);
    // A prepared statement for this connection, created once and reused (one round trip per
    // execution on PostgreSQL).
    // *inlineValues: run() sends the text with the values inlined instead of binding them.
    QSqlQuery *statement(const QString &sql, StoreError *error, const QString &what,
                         bool *inlineValues);
    // Runs a statement with bound values. On success the query is positioned before the first
    // row, and finished when the returned ActiveQuery goes; on failure it is empty and *error
    // says why.
    store::ActiveQuery run(const QString &sql, const QVariantList &binds, StoreError *error,
                           const QString &what);
    // Runs a statement that selects the entry columns and hands each row to onRow (through
    // the transport: transport.h).
    bool entries(const store::EntrySql &sql, const QVariantList &binds, StoreError *error,
                 const QString &what, const std::function<void(const CacheEntry &)> &onRow);
    // The same for a statement that selects the offset columns (entrysql.cpp, offsetColumns).
    bool offsets(const store::EntrySql &sql, const QVariantList &binds, StoreError *error,
                 const QString &what, const store::OffsetFn &onRow);
    // Runs fn inside a transaction whose commit waits for the disk (PostgreSQL: the session
    // commits asynchronously for hit counters; this overrides it).
    StoreError durable(const QString &what, const std::function<StoreError()> &fn);
    // Runs fn with an asynchronous commit (hit counters, history): on a pooled connection in a
    // transaction of its own with SET LOCAL synchronous_commit = off.
    StoreError lazy(const QString &what, const std::function<StoreError()> &fn);
    // Announces a change on notifyChannel() (PostgreSQL, when Options::notifyChanges).
    void announce(const QString &what);

    // --- hit counters and history (hitcounters.cpp) -----------------------------------------
    QMap<qint64, store::Counters> pending; // minute -> counters not yet written
    QHash<QString, qint64> pendingHits;    // row id -> hits not yet added to hitCount (Batched)
    QElapsedTimer sinceFlush;

    store::Counters &counters();
    void maybeFlush();
    // waitForLocks: rows another transaction holds are tried again for a bounded moment
    // (flushHistory(), close(), the destructor); without it they are passed by at once and
    // their hits kept for the next flush (the flush inside a lookup).
    StoreError flushHits(bool waitForLocks);
    StoreError flush(bool waitForLocks = false);
    StoreError flushCounters(bool waitForLocks); // flush()'s work
    // The statements of a flush, for flushHits(), flushCounters(), flushMonitoring() and
    // flushInOneTrip(): PostgreSQL's batched hits (binds: hitsFlushBinds()), a history minute,
    // a minute's start-ups and rejections (inithistory.cpp).
    QString hitsFlushSql() const;
    QVariantList hitsFlushBinds() const;
    QString historyFlushSql() const;
    QString initHistorySql() const;
    QString rejectionHistorySql() const;
    QList<QPair<QString, QVariantList>> monitoringStatements() const;
    // PostgreSQL: everything pending (hits, start-ups and rejections, history minutes) in one
    // transaction sent as one message: one round trip (flushonetrip.cpp). Returns false, with
    // nothing written and nothing taken from what is pending, when the separate writes must run
    // instead (their failures then tell what failed; *error says why this one did not go).
    // mayWait (a flush that may wait for locks: close(), the destructor, flushHistory()): one
    // pending row is added by a plain keyed UPDATE (oneHitFlushSql()), which waits for a row
    // another transaction holds up to the trip's lock_timeout (a timeout rolls the trip back;
    // the separate writes, which pass locked rows by, follow): a connector's exit.
    bool flushInOneTrip(StoreError *error, bool mayWait = false);
    QString oneHitFlushSql() const; // binds: the count, the row's id

    // --- monitoring: start-ups, rejections, table health (inithistory.cpp, issue 16) --------
    struct MonitoringMinute
    {
        qint64 rejections = 0;
        std::array<InitTimes, kInitOutcomeCount> init{};
    };
    QMap<qint64, MonitoringMinute> pendingMonitoring; // minute -> not yet written
    qint64 lastHealthSampleMinute = -1;               // sampleTableHealth()'s, this process
    StoreError flushMonitoring();                     // part of flush()
    // Adds the rejections, sizes and start-ups of [fromMinute, toMinute] to history()'s buckets.
    StoreError readMonitoringHistory(qint64 fromMinute, qint64 toMinute, int bucketMinutes,
                                     QList<HistoryBucket> *buckets);

    // --- entry SQL (entrysql.cpp) -----------------------------------------------------------
    // The lookup's statements, per identity shape (the seed's key alone, or both keys).
    struct LookupSql
    {
        store::EntrySql hit, miss;
    };
    LookupSql seedKeySql, bothKeysSql;
    LookupSql seedKeyOffsetSql, bothKeysOffsetSql; // lookupOffset()'s
    LookupSql lookupSql(bool seedKey, const QString &qtColumns, const QString &nativeCols) const;

    QString columns() const;
    static CacheEntry readEntry(const QSqlQuery &query, int first = 0);
    QString whereClause(const EntryFilter &f, qint64 nowMs, QVariantList *binds) const;
    bool identityBinds(const QString &userId, const QString &credentialId,
                       QVariantList *binds) const;
    static QString identityClause(bool oneKey);
    QString identityClause(const QString &userId, const QString &credentialId,
                           QVariantList *binds) const;
    StoreError checkIdentity(const QString &userId, const QString &credentialId) const;
    bool oddRow(const QString &id, const QString &userId, const QString &credentialId);
    Lookup getOnce(const QString &userId, const QString &credentialId, StoreError *error);
    OffsetLookup lookupOffsetOnce(const QString &userId, const QString &credentialId,
                                  StoreError *error);
    Result<CacheEntry> entry(const QString &userId, const QString &credentialId);
    Result<qint64> count(const EntryFilter &filter);
    Result<BrowsePage> browse(const BrowseRequest &request);
    Result<QList<BrowseMilestone>> browseMilestones(const EntryFilter &filter, SortColumn column,
                                                    Qt::SortOrder order, qint64 every);

    // --- statistics (statistics.cpp) --------------------------------------------------------
    Result<CacheStats> stats(std::chrono::seconds window, bool mayEstimate);
    Result<QList<BreakdownRow>> breakdown();
    Result<QList<HistoryBucket>> history(const QDateTime &from, const QDateTime &to,
                                         int bucketMinutes);

    // --- leases, audit, administration (leaseaudit.cpp) -------------------------------------
    Result<bool> acquireSyncLease(const QString &userId, const QString &credentialId,
                                  const QString &holder, std::chrono::milliseconds duration);
    StoreError releaseSyncLease(const QString &userId, const QString &credentialId,
                                const QString &holder);
    Result<ServerInfo> serverInfo();
    Result<Privileges> privileges();
    StoreError recordAudit(const AuditRecord &record);
    Result<QList<AuditRecord>> auditLog(const QDateTime &since, int limit);
};

} // namespace cc
