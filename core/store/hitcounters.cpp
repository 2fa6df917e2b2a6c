#include "core/store/cachestore_p.h"
#include "core/store/tablename.h"

#include "core/logging.h"

#include <QSet>
#include <QSqlError>
#include <QThread>

#include <algorithm>
#include <iterator>

namespace cc {

namespace {

// History buckets kept in memory while the database cannot take them.
constexpr int kMaxPendingMinutes = 24 * 60;
constexpr int kMaxPendingHitRows = 100000;
constexpr int kFlushAtPendingHitRows = 1000; // rows with batched hits that start a flush early
// hitCount saturates here: the seed's column is a 32-bit INT.
constexpr qint64 kMaxHitCount = 2147483647;
// How long a flush waits for a history row another transaction holds (PostgreSQL).
constexpr qint64 kFlushLockTimeoutMs = 100;
// Pauses before a flush that may wait tries again the rows another transaction held.
constexpr unsigned long kFlushRetryPausesMs[] = {10, 30, 60, 100, 150};

} // namespace

using namespace store;

Counters &CacheStore::Private::counters()
{
    const qint64 minute = q->m_clock->nowMs() / kMsPerMinute;
    return pending[minute];
}

void CacheStore::Private::maybeFlush()
{
    if (sinceFlush.elapsed() >= q->m_options.historyFlushInterval.count() ||
        pendingHits.size() >= kFlushAtPendingHitRows)
        flush();
}

// PostgreSQL's statement for the batched hits (flushHits(), flushInOneTrip()), with its binds
// (hitsFlushBinds(): the pending rows' ids and counts, two arrays in id order). One statement
// (one round trip, its own transaction) for every row: two arrays, unnested side by side. The
// rows are locked first, in id order, by a sorted SELECT ... FOR UPDATE: the join of the UPDATE
// itself visits them in whatever order its plan has, so two processes flushing shared rows
// deadlocked (one flush in ten under four concurrent flushers, tst_cachestore
// concurrentFlushes...). SKIP LOCKED: a row another transaction holds is passed by, never
// waited for (the flush runs inside get() and lookupOffset(), which must not wait on someone
// else's lock); the statement names the rows that exist but were not written, whose hits stay
// pending. The count saturates at 2147483647, the largest value of the seed's INT column: past
// it every flush would fail ("integer out of range") and take the other rows' hits with it.
QString CacheStore::Private::hitsFlushSql() const
{
    return dialect.sql(
        QStringLiteral("WITH v AS (SELECT * FROM unnest(CAST(? AS TEXT[]), CAST(? AS BIGINT[])) "
                       "AS u(id, n)), locked AS MATERIALIZED (SELECT l.\"id\" FROM {cache} AS l "
                       "WHERE l.\"id\" IN (SELECT id FROM v) ORDER BY l.\"id\" FOR UPDATE OF l "
                       "SKIP LOCKED), done AS (UPDATE {cache} AS t SET \"hitCount\" = "
                       "LEAST(CAST(t.\"hitCount\" AS BIGINT) + v.n, %1) FROM v JOIN locked ON "
                       "locked.\"id\" = v.id WHERE t.\"id\" = v.id RETURNING t.\"id\") "
                       "SELECT v.id FROM v WHERE v.id NOT IN (SELECT \"id\" FROM done) AND "
                       "EXISTS (SELECT 1 FROM {cache} AS x WHERE x.\"id\" = v.id)")
            .arg(kMaxHitCount));
}

// One row's hits as a plain keyed UPDATE, saturating as above. For a flush that may wait for
// a lock (flushInOneTrip(mayWait)): on a fresh backend, a connector's exit, the server spends
// 0.19 ms on it against 0.7-0.95 ms on hitsFlushSql()'s joins (log_min_duration_statement,
// loopback, 2 cores). One row: no lock order to keep.
QString CacheStore::Private::oneHitFlushSql() const
{
    return dialect.sql(
        QStringLiteral("UPDATE {cache} SET \"hitCount\" = "
                       "LEAST(CAST(\"hitCount\" AS BIGINT) + ?, %1) WHERE \"id\" = ?")
            .arg(kMaxHitCount));
}

QVariantList CacheStore::Private::hitsFlushBinds() const
{
    QStringList rowIds = pendingHits.keys();
    std::sort(rowIds.begin(), rowIds.end());
    QStringList quotedIds, counts;
    for (const QString &id : std::as_const(rowIds)) {
        QString quoted = id;
        quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        quoted.replace(QLatin1Char('"'), QStringLiteral("\\\""));
        quotedIds << QLatin1Char('"') + quoted + QLatin1Char('"');
        counts << QString::number(pendingHits.value(id));
    }
    return {QLatin1Char('{') + quotedIds.join(QLatin1Char(',')) + QLatin1Char('}'),
            QLatin1Char('{') + counts.join(QLatin1Char(',')) + QLatin1Char('}')};
}

// The hit/miss history's statement for one minute (binds: minute, hits, misses, sets,
// invalidations, cleanups), adding to what the minute's row holds.
QString CacheStore::Private::historyFlushSql() const
{
    return dialect.sql(QStringLiteral(
        "INSERT INTO {history} (\"minute\", \"hits\", \"misses\", \"sets\", "
        "\"invalidations\", \"cleanups\") VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (\"minute\") DO UPDATE SET "
        "\"hits\" = \"connector_cache_history\".\"hits\" + excluded.\"hits\", "
        "\"misses\" = \"connector_cache_history\".\"misses\" + excluded.\"misses\", "
        "\"sets\" = \"connector_cache_history\".\"sets\" + excluded.\"sets\", "
        "\"invalidations\" = \"connector_cache_history\".\"invalidations\" + "
        "excluded.\"invalidations\", "
        "\"cleanups\" = \"connector_cache_history\".\"cleanups\" + excluded.\"cleanups\""));
}

// Adds the batched hits to their rows, in one transaction. On failure they are kept for
// the next flush (at most kMaxPendingHitRows rows: beyond, the counts are dropped rather
// than let grow without bound).
StoreError CacheStore::Private::flushHits(bool waitForLocks)
{
    if (pendingHits.isEmpty())
        return StoreError();
    const QString what = QStringLiteral("counting hits");
    // In the order of the ids, so that two flushes lock shared rows in the same order.
    QStringList ids = pendingHits.keys();
    std::sort(ids.begin(), ids.end());
    StoreError error;
    QSet<QString> keep; // rows locked by another transaction: their hits wait for the next flush
    if (isPostgres()) {
        // One statement for the pending rows (hitsFlushSql() says how); the rows it wrote (or
        // that are gone) leave pendingHits at once, those passed by stay.
        const auto once = [&]() {
            QSet<QString> passedBy;
            const StoreError e = lazy(what, [&]() {
                StoreError failed;
                ActiveQuery query = run(hitsFlushSql(), hitsFlushBinds(), &failed, what);
                if (query) {
                    while (query->next())
                        passedBy.insert(query->value(0).toString());
                }
                return failed;
            });
            if (!e) {
                for (auto it = pendingHits.begin(); it != pendingHits.end();) {
                    if (passedBy.contains(it.key()))
                        ++it;
                    else
                        it = pendingHits.erase(it);
                }
            }
            return e;
        };
        error = once();
        // A row another flush holds is free again in milliseconds: when the caller may wait
        // (not inside a lookup), the rows passed by are tried again, about a third of a second
        // in all, however long another transaction holds them.
        for (int i = 0; waitForLocks && !error && !pendingHits.isEmpty() &&
                        i < int(std::size(kFlushRetryPausesMs));
             ++i) {
            QThread::msleep(kFlushRetryPausesMs[i]);
            error = once();
        }
        keep = QSet<QString>(pendingHits.keyBegin(), pendingHits.keyEnd());
    } else if (!db.transaction()) {
        error = fail(db.lastError(), what);
    } else {
        // Local writes: one statement per row, one commit; saturating as above.
        const QString addSql =
            dialect.sql(QStringLiteral("UPDATE {cache} SET \"hitCount\" = MIN(\"hitCount\" + ?, "
                                       "%1) WHERE \"id\" = ?")
                            .arg(kMaxHitCount));
        for (const QString &id : std::as_const(ids)) {
            ActiveQuery query = run(addSql, {pendingHits.value(id), id}, &error, what);
            if (!query)
                break;
        }
        if (!error && !db.commit())
            error = fail(db.lastError(), what);
        if (error && db.isOpen())
            db.rollback();
    }
    if (error) {
        // Kept for the next flush, up to a bound.
        if (pendingHits.size() > kMaxPendingHitRows) {
            qCWarning(lcCache).noquote()
                << QStringLiteral("Dropped the hits of %1 entries that could not be written")
                       .arg(pendingHits.size());
            pendingHits.clear();
        }
        return error;
    }
    if (!keep.isEmpty())
        qCInfo(lcCache).noquote()
            << QStringLiteral("Hit counts of %1 entries locked by another transaction are kept "
                              "for the next flush")
                   .arg(keep.size());
    for (auto it = pendingHits.begin(); it != pendingHits.end();) {
        if (keep.contains(it.key()))
            ++it;
        else
            it = pendingHits.erase(it);
    }
    return StoreError();
}

StoreError CacheStore::Private::flush(bool waitForLocks)
{
    sinceFlush.restart();
    if (standby) { // a standby takes no writes: its lookups are not counted (standby.cpp)
        pending.clear();
        pendingHits.clear();
        pendingMonitoring.clear();
        return StoreError();
    }
    // SQLite locks the whole file: a flush waits for another writer briefly, never for the
    // whole busy timeout (it runs inside lookups, and at exit).
    const bool sqlite = !isPostgres() && db.isValid() && db.isOpen();
    if (sqlite) {
        sqliteBusyCap = waitForLocks ? 300 : 20; // run() keeps to it
        setSqliteBusyTimeout(qMin(sqliteBusyWaitMs(), sqliteBusyCap));
    }
    const StoreError error = flushCounters(waitForLocks);
    sqliteBusyCap = std::numeric_limits<int>::max();
    if (sqlite && db.isOpen())
        setSqliteBusyTimeout(sqliteBusyWaitMs());
    return error;
}

StoreError CacheStore::Private::flushCounters(bool waitForLocks)
{
    // PostgreSQL: everything in one round trip (flushonetrip.cpp); the rows of hits another
    // transaction held were passed by and, when the caller may wait, are tried again below.
    StoreError oneTrip;
    if (flushInOneTrip(&oneTrip, waitForLocks)) {
        if (!waitForLocks || pendingHits.isEmpty())
            return StoreError();
        return flushHits(true);
    }
    // Else (SQLite, or the one trip failed and wrote nothing) each part on its own: a part that
    // fails keeps its counts and never holds the others back.
    // Those writes run through QtSql: a session on the store's own libpq connection (a cold
    // start's) becomes a QPSQL one.
    if (native)
        (void)connect();
    if (!pendingHits.isEmpty() && db.isValid() && db.isOpen()) {
        const StoreError error = flushHits(waitForLocks);
        if (error)
            return error;
    }
    // Start-ups and rejections (issue 16, inithistory.cpp). Their failure (a role without the
    // grant on connector_cache_init_history) never holds the hit/miss history back.
    if (!pendingMonitoring.isEmpty())
        (void)flushMonitoring();
    if (pending.isEmpty())
        return StoreError();
    if (!db.isValid() || !db.isOpen()) {
        // Keep the counters for later; never let them grow without bound.
        while (pending.size() > kMaxPendingMinutes)
            pending.erase(pending.begin());
        return StoreError(StoreError::Unreachable, QStringLiteral("not connected"));
    }
    const QString sql = historyFlushSql();
    // One transaction for every minute, removed from `pending` only once it committed (a
    // rollback after a partial write must not lose the minutes written before it). On
    // PostgreSQL a minute's row another flush holds is waited for briefly (lock_timeout), never
    // for the whole statement bound: the flush runs inside lookups.
    const QString what = QStringLiteral("writing the hit/miss history");
    StoreError written;
    if (!db.transaction()) {
        written = fail(db.lastError(), what);
    } else {
        if (isPostgres()) {
            QList<Setting> settings{{"synchronous_commit", QStringLiteral("off")}};
            settings << transactionBounds();
            settings << Setting{
                "lock_timeout",
                QString::number(qMin<qint64>(kFlushLockTimeoutMs, q->m_options.timeout.count()))};
            QSqlQuery set(db); // one round trip, unprepared
            if (!set.exec(settingsSql(settings, true)))
                written = fail(set.lastError(), what);
            set.finish();
        }
        QList<qint64> done;
        for (auto it = pending.cbegin(); !written && it != pending.cend(); ++it) {
            const Counters &c = it.value();
            done << it.key();
            if (c.isEmpty())
                continue;
            ActiveQuery query =
                run(sql, {it.key(), c.hits, c.misses, c.sets, c.invalidations, c.cleanups},
                    &written, what);
        }
        if (!written && !db.commit())
            written = fail(db.lastError(), what);
        if (written) {
            if (db.isOpen())
                db.rollback();
        } else {
            for (qint64 minute : std::as_const(done))
                pending.remove(minute);
        }
    }
    if (written) {
        while (pending.size() > kMaxPendingMinutes)
            pending.erase(pending.begin());
    }
    return written;
}

} // namespace cc
