#include "core/store/cachestore_p.h"
#include "core/store/tablename.h"

#include <QSqlError>

#include <algorithm>

namespace cc {

namespace {

// History buckets kept in memory while the database cannot take them.
constexpr int kMaxPendingMinutes = 24 * 60;
constexpr int kMaxPendingHitRows = 100000;
constexpr int kFlushAtPendingHitRows = 1000; // rows with batched hits that start a flush early

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

// Adds the batched hits to their rows, in one transaction. On failure they are kept for
// the next flush (at most kMaxPendingHitRows rows: beyond, the counts are dropped rather
// than let grow without bound).
StoreError CacheStore::Private::flushHits()
{
    if (pendingHits.isEmpty())
        return StoreError();
    const QString what = QStringLiteral("counting hits");
    // In the order of the ids, so that two flushes lock shared rows in the same order.
    QStringList ids = pendingHits.keys();
    std::sort(ids.begin(), ids.end());
    StoreError error;
    if (isPostgres()) {
        // One statement (one round trip, its own transaction) for every row: two arrays,
        // unnested side by side. The rows are locked first, in id order, by a sorted
        // SELECT ... FOR UPDATE: the join of the UPDATE itself visits them in whatever order
        // its plan has, so two processes flushing shared rows deadlocked (one flush in ten
        // under four concurrent flushers, tst_cachestore concurrentFlushes...).
        QStringList quotedIds, counts;
        for (const QString &id : std::as_const(ids)) {
            QString quoted = id;
            quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
            quoted.replace(QLatin1Char('"'), QStringLiteral("\\\""));
            quotedIds << QLatin1Char('"') + quoted + QLatin1Char('"');
            counts << QString::number(pendingHits.value(id));
        }
        error = lazy(what, [&]() {
            StoreError e;
            ActiveQuery query =
                run(QStringLiteral(
                        "WITH v AS (SELECT * FROM unnest(CAST(? AS TEXT[]), CAST(? AS BIGINT[])) "
                        "AS u(id, n)), locked AS MATERIALIZED (SELECT l.\"id\" FROM " CC_CACHE_TABLE
                        " AS l WHERE l.\"id\" IN (SELECT id FROM v) "
                        "ORDER BY l.\"id\" FOR UPDATE OF l) "
                        "UPDATE " CC_CACHE_TABLE " AS t SET \"hitCount\" = t.\"hitCount\" "
                        "+ v.n FROM v JOIN locked ON locked.\"id\" = v.id WHERE t.\"id\" = v.id"),
                    {QLatin1Char('{') + quotedIds.join(QLatin1Char(',')) + QLatin1Char('}'),
                     QLatin1Char('{') + counts.join(QLatin1Char(',')) + QLatin1Char('}')},
                    &e, what);
            return e;
        });
    } else if (!db.transaction()) {
        error = fail(db.lastError(), what);
    } else {
        // Local writes: one statement per row, one commit.
        const QString addSql = QStringLiteral("UPDATE " CC_CACHE_TABLE " SET "
                                              "\"hitCount\" = \"hitCount\" + ? WHERE \"id\" = ?");
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
        if (pendingHits.size() > kMaxPendingHitRows)
            pendingHits.clear();
        return error;
    }
    pendingHits.clear();
    return StoreError();
}

StoreError CacheStore::Private::flush()
{
    sinceFlush.restart();
    if (!pendingHits.isEmpty() && db.isValid() && db.isOpen()) {
        const StoreError error = flushHits();
        if (error)
            return error;
    }
    if (!pendingMonitoring.isEmpty()) {
        const StoreError error = flushMonitoring(); // start-ups and rejections (issue 16)
        if (error)
            return error;
    }
    if (pending.isEmpty())
        return StoreError();
    if (!db.isValid() || !db.isOpen()) {
        // Keep the counters for later; never let them grow without bound.
        while (pending.size() > kMaxPendingMinutes)
            pending.erase(pending.begin());
        return StoreError(StoreError::Unreachable, QStringLiteral("not connected"));
    }
    const QString sql = QStringLiteral(
        "INSERT INTO \"connector_cache_history\" (\"minute\", \"hits\", \"misses\", \"sets\", "
        "\"invalidations\", \"cleanups\") VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (\"minute\") DO UPDATE SET "
        "\"hits\" = \"connector_cache_history\".\"hits\" + excluded.\"hits\", "
        "\"misses\" = \"connector_cache_history\".\"misses\" + excluded.\"misses\", "
        "\"sets\" = \"connector_cache_history\".\"sets\" + excluded.\"sets\", "
        "\"invalidations\" = \"connector_cache_history\".\"invalidations\" + "
        "excluded.\"invalidations\", "
        "\"cleanups\" = \"connector_cache_history\".\"cleanups\" + excluded.\"cleanups\"");
    StoreError written = lazy(QStringLiteral("writing the hit/miss history"), [&]() {
        while (!pending.isEmpty()) {
            auto it = pending.begin();
            const Counters c = it.value();
            if (c.isEmpty()) {
                pending.erase(it);
                continue;
            }
            StoreError error;
            ActiveQuery query =
                run(sql, {it.key(), c.hits, c.misses, c.sets, c.invalidations, c.cleanups}, &error,
                    QStringLiteral("writing the hit/miss history"));
            if (!query)
                return error;
            pending.erase(pending.begin());
        }
        return StoreError();
    });
    if (written) {
        while (pending.size() > kMaxPendingMinutes)
            pending.erase(pending.begin());
    }
    return written;
}

} // namespace cc
