#pragma once

#include "core/store/cachestore.h"
#include "core/store/canceller.h"
#include "core/store/changefeed.h"
#include "core/store/synclogquery.h"
#include "core/timesync/clockhealth.h"
#include "ui/alertformat.h"

#include <QObject>
#include <QPair>

#include <atomic>
#include <memory>

namespace cc {
namespace ui {

using Identity = QPair<QString, QString>; // userId, credentialId

// The console's only door to the database. Lives in a worker thread and owns its CacheStore
// (connections are per thread); every slot is called through post() (a queued call) and answers
// with a signal carrying the caller's token, so that late answers can be recognised and dropped.
// The GUI thread never waits on it.
class StoreWorker : public QObject
{
    Q_OBJECT

public:
    explicit StoreWorker(QObject *parent = nullptr);
    ~StoreWorker() override;

    // Thread-safe: asks the bulk action started with `token` to stop after its current batch
    // (also when it has not started yet: it then stops after its first batch).
    void requestCancel(quint64 token) { m_cancelToken = token; }
    // Thread-safe: stops whatever runs now and whatever is queued (the window is closing).
    void requestCancel() { m_cancelToken = kCancelAll; }
    // Thread-safe: rows per batch of cleanup and bulk invalidation from the next open() on
    // (0: the engine's default). Smaller batches mean finer progress and a quicker cancel.
    void setBatchSize(int rows) { m_batchSize = rows; }
    // Thread-safe: from the next open() on, the dashboard's figures are counted exactly up to
    // `exactUpTo` entries and estimated from a sample of about `sampleRows` beyond
    // (CacheStoreOptions::exactStatsUpTo, statsSampleRows); 0: the engine's defaults.
    void setStatsEstimate(qint64 exactUpTo, int sampleRows)
    {
        m_exactStatsUpTo = exactUpTo;
        m_statsSampleRows = sampleRows;
    }
    // Thread-safe: stops the exact count started with `token` (loadExactStats()): dropped if
    // still queued, cancelled on the server (PostgreSQL) if running. It then answers failed()
    // with StoreError::Cancelled.
    void cancelExactStats(quint64 token)
    {
        m_exactCancel = token;
        if (m_exactRunning.load() == token)
            cancelRunningQuery();
    }
    // Thread-safe: the entry browser moved on to `generation` (a new filter, sort or reload).
    // Page and count requests of an older generation still in the queue are then dropped before
    // they run: their answers would be thrown away anyway. Generations only grow.
    void supersedeBrowsing(quint64 generation)
    {
        quint64 seen = m_browseGeneration.load();
        while (seen < generation && !m_browseGeneration.compare_exchange_weak(seen, generation)) {
        }
    }
    // Thread-safe: the browser's milestones (loadMilestones()) for a generation older than
    // `generation` are no longer wanted: their statement, if it runs now, is cancelled on the
    // server (PostgreSQL) so that the new filter's first page does not wait behind it.
    void cancelStaleMilestones(quint64 generation)
    {
        const quint64 running = m_milestonesRunning.load();
        if (running != 0 && running < generation)
            cancelRunningQuery();
    }

    // Thread-safe: cancels the statement the worker runs at this moment (PostgreSQL's PQcancel);
    // the request it serves then answers with StoreError::Cancelled. False when none runs, and
    // on SQLite, whose statements are local and short.
    bool cancelRunningQuery()
    {
        const auto canceller = std::atomic_load(&m_canceller);
        return canceller && canceller->cancel();
    }
    // Thread-safe: the same, but only while the worker runs a read of the entry browser or the
    // dashboard (the status bar's Cancel): a bulk action has its own cancel between batches.
    // (A read that ends just as this is called leaves a window of the server's round trip in
    // which the next statement could be hit; a bulk batch hit so reports itself cancelled.)
    bool cancelRunningRead() { return m_readRunning.load() && cancelRunningQuery(); }

    static void registerTypes();

    // Thread-safe: queues a call of one of the slots below on the worker's thread, e.g.
    // `worker->post(&StoreWorker::ping, token)`. Calls run one at a time in the order they were
    // posted. The slot and its arguments are checked by the compiler (no method names as strings);
    // the arguments are copied now, as a queued signal's would be.
    template<typename... Params, typename... Args>
    void post(void (StoreWorker::*slot)(Params...), Args &&...args)
    {
        static_assert(sizeof...(Params) == sizeof...(Args), "wrong number of arguments");
        QMetaObject::invokeMethod(
            this, [this, slot, args...]() { (this->*slot)(args...); }, Qt::QueuedConnection);
    }

public Q_SLOTS:
    // Connects; with `demo`, an empty database is migrated and filled with demo data first.
    void open(const cc::DatabaseConfig &config, const QString &profile, bool demo);
    void close();
    void ping(quint64 token);

    void loadDashboard(quint64 token, int rangeMinutes, int bucketMinutes);
    // `generation` is the entry browser's (see supersedeBrowsing()).
    void loadPage(quint64 token, quint64 generation, const cc::BrowseRequest &request,
                  int firstRow);
    void loadCount(quint64 token, quint64 generation, const cc::EntryFilter &filter);
    // The browser's milestones (CacheStore::browseMilestones()) for the request's filter and
    // sort, `every` rows apart; answers milestonesLoaded, also on failure (with the error, and
    // an empty list: the browser then keeps jumping with offsets). A lost connection is also
    // reported as for any read.
    void loadMilestones(quint64 token, quint64 generation, const cc::BrowseRequest &request,
                        qint64 every);
    // The dashboard's counts by state counted exactly (every row, never a sample), for when the
    // dashboard shows estimates; answers exactStatsLoaded (or failed, see cancelExactStats()).
    void loadExactStats(quint64 token, int rangeMinutes);
    void loadEntry(quint64 token, const QString &userId, const QString &credentialId);
    void loadAudit(quint64 token, const QDateTime &since);

    void previewInvalidate(quint64 token, const cc::EntryFilter &filter);
    void invalidateIdentities(quint64 token, const QList<cc::ui::Identity> &identities);
    void invalidateMatching(quint64 token, const cc::EntryFilter &filter);
    void previewCleanup(quint64 token);
    // The cleanup preview in parts: what cleanup deletes, and how many of those are expired
    // (the Expired card's kind); the rest are invalidated entries past their expiry.
    void previewCleanupParts(quint64 token);
    void cleanup(quint64 token);
    void writeSync(quint64 token, const QString &userId, const QString &credentialId,
                   const QString &exchange, const QString &environment,
                   const cc::TimeSyncState &state);
    void exportEntries(quint64 token, const cc::EntryFilter &filter, const QString &path,
                       bool json);
    // The sync log (issue 17): the rows `query` selects, the newest up to its limit, handed
    // over oldest first; with `analyze` also their clock health (analyzeClockHealth(), run here
    // off the GUI thread). Answers with syncLogLoaded.
    void loadSyncLog(quint64 token, const cc::SyncLogQuery &query, bool analyze);
    // Appends a sync's record (the console's test sync) to the log; answers failed() on error.
    void appendSyncLog(quint64 token, const cc::SyncLogRecord &record);

    // Alerts (ui/alertmonitor.h): evaluates the rules now and answers with alertsLoaded.
    void loadAlerts(quint64 token);
    // Administrative: each audited, each answered with actionFinished ("alert-rule-set",
    // "alert-rule-delete", "alert-silence").
    void saveAlertRule(quint64 token, const cc::monitoring::AlertRule &rule);
    void deleteAlertRule(quint64 token, const QString &name);
    void addAlertSilence(quint64 token, const QString &rule,
                         const cc::monitoring::Silence &silence);

Q_SIGNALS:
    void opened(const cc::ServerInfo &info, const cc::Privileges &privileges);
    // Errors cross the thread whole: kind, message and SQLSTATE.
    void openFailed(const cc::StoreError &error);
    void connectionLost(const cc::StoreError &error);
    void pinged(quint64 token, qint64 latencyUs);
    void changedElsewhere(const QString &payload); // PostgreSQL NOTIFY

    void dashboardLoaded(quint64 token, const cc::CacheStats &stats,
                         const QList<cc::HistoryBucket> &history,
                         const QList<cc::BreakdownRow> &breakdown, int bucketMinutes);
    void pageLoaded(quint64 token, int firstRow, const QList<cc::CacheEntry> &entries,
                    const QString &nextCursor);
    void countLoaded(quint64 token, qint64 count);
    void milestonesLoaded(quint64 token, const QList<cc::BrowseMilestone> &milestones,
                          const cc::StoreError &error);
    void exactStatsLoaded(quint64 token, const cc::CacheStats &stats);
    // A page or count query is about to run (a superseded request never gets this far).
    void browseStarted(quint64 token);
    void entryLoaded(quint64 token, const cc::CacheEntry &entry);
    void auditLoaded(quint64 token, const QList<cc::AuditRecord> &records);
    void previewReady(quint64 token, qint64 count);
    void cleanupPreviewReady(quint64 token, qint64 deletes, qint64 expired);
    void progress(quint64 token, qint64 done);
    // The outcome of an action that changes data (or exports); a no-error StoreError on success,
    // kind Cancelled when the operator stopped it.
    void actionFinished(quint64 token, const QString &action, qint64 rows,
                        const cc::StoreError &error);
    void failed(quint64 token, const cc::StoreError &error);
    // truncated: the range held more rows than the query's limit (the oldest were left out).
    void syncLogLoaded(quint64 token, const QList<cc::SyncLogRecord> &records,
                       const cc::ClockHealthReport &report, bool truncated);
    void alertsLoaded(quint64 token, const cc::ui::AlertSnapshot &snapshot);

private:
    bool ready(quint64 token);
    bool superseded(quint64 generation) const { return generation < m_browseGeneration.load(); }
    void report(quint64 token, const StoreError &error);
    void audit(const QString &action, const QString &filter, qint64 rows, const StoreError &error);
    // The outcome of a bulk action: its error, or Cancelled when the operator stopped it.
    StoreError outcome(quint64 token, const StoreError &error, qint64 rows) const;

    std::unique_ptr<CacheStore> m_store;
    std::unique_ptr<class AlertMonitor> m_alerts; // created by open()
    QString m_profile;
    bool isCancelled(quint64 token) const
    {
        const quint64 c = m_cancelToken.load();
        return c == token || c == kCancelAll;
    }
    static constexpr quint64 kCancelAll = ~quint64(0);
    std::atomic<quint64> m_cancelToken{0};
    std::atomic<int> m_batchSize{0};
    std::atomic<qint64> m_exactStatsUpTo{0};
    std::atomic<int> m_statsSampleRows{0};
    std::atomic<quint64> m_exactCancel{0};  // see cancelExactStats()
    std::atomic<quint64> m_exactRunning{0}; // the exact count running now, 0: none
    std::atomic<quint64> m_browseGeneration{0};
    std::atomic<quint64> m_milestonesRunning{0}; // its generation; 0: none runs
    bool m_lost = false;
    // The server last announced with opened(): host, port and standby flag. A store that
    // reconnects on its own to another server of a multi-host URL (a failover finished between
    // two calls) is announced again, its privileges with it.
    QString m_announcedServer;
    std::unique_ptr<ChangeFeed> m_feed;          // PostgreSQL NOTIFYs, see open()
    std::shared_ptr<QueryCanceller> m_canceller; // atomic_load/atomic_store: read by any thread
    std::atomic<bool> m_readRunning{false};      // see cancelRunningRead()
    // Marks a read of the browser or the dashboard for its scope.
    struct ReadScope
    {
        explicit ReadScope(std::atomic<bool> &flag)
            : m_flag(flag)
        {
            m_flag = true;
        }
        ~ReadScope() { m_flag = false; }
        ReadScope(const ReadScope &) = delete;
        ReadScope &operator=(const ReadScope &) = delete;
        std::atomic<bool> &m_flag;
    };
};

} // namespace ui
} // namespace cc
