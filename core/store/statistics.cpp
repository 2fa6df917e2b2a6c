#include "core/store/statistics.h"

#include "core/logging.h"
#include "core/store/cachestore_p.h"
#include "core/store/tablename.h"

#include <cmath>

namespace cc {

qint64 chooseSampledTotal(double sampleRate, double liveRows, double plannerRows)
{
    double best = sampleRate;
    if (liveRows > 0 && plannerRows > 0 && std::abs(liveRows - plannerRows) <= 0.15 * plannerRows) {
        best = liveRows;
    } else {
        double nearest = 0.25 * sampleRate;
        for (double candidate : {liveRows, plannerRows}) {
            if (candidate > 0 && std::abs(candidate - sampleRate) <= nearest) {
                nearest = std::abs(candidate - sampleRate);
                best = candidate;
            }
        }
    }
    return qint64(best + 0.5);
}

using namespace store;

namespace {

// The sampled-statistics plan for a table too large to count on every dashboard refresh.
struct StatsSample
{
    bool sample = false;     // false: count exactly
    double percent = 100.0;  // PostgreSQL: TABLESAMPLE SYSTEM percentage
    qint64 liveRows = -1;    // PostgreSQL: the server's live-row count, -1 when unknown
    double plannerRows = -1; // PostgreSQL: last VACUUM/ANALYZE's density × the pages now
    QVariantList windows;    // SQLite: rowid ranges (first, last) to read
    qint64 rowidSpan = 0;    // SQLite: max(rowid) - min(rowid) + 1
    qint64 windowRows = 0;   // SQLite: rowids covered by the windows
};

constexpr int kSqliteWindows = 32;
// A state seen fewer times than this in a sample is counted exactly (up to a bound) instead.
constexpr qint64 kRareInSample = 10;

} // namespace

Result<CacheStats> CacheStore::Private::stats(std::chrono::seconds window, bool mayEstimate)
{
    flush();
    const qint64 now = q->m_clock->nowMs();
    const bool pg = isPostgres();
    StoreError error;

    // How large is the table? Cheap: catalog figures on PostgreSQL, the rowid range on SQLite.
    StatsSample plan;
    const qint64 limit = mayEstimate ? q->m_options.exactStatsUpTo : 0;
    const qint64 target = qMax(1000, q->m_options.statsSampleRows);
    if (limit > 0 && pg) {
        ActiveQuery query =
            run(dialect.sql(QStringLiteral(
                    "SELECT c.\"reltuples\", c.\"relpages\", pg_relation_size(c.\"oid\") / "
                    "current_setting('block_size')::INTEGER, "
                    "pg_stat_get_live_tuples(c.\"oid\") FROM pg_class c WHERE c.\"oid\" = "
                    "to_regclass({'cache'})")),
                {}, &error, QStringLiteral("estimating the table size"));
        if (!query)
            return error;
        if (query->next()) {
            const double reltuples = query->value(0).toDouble();
            const double relpages = query->value(1).toDouble();
            const double pages = query->value(2).toDouble();
            const qint64 live = query->value(3).toLongLong();
            // The planner's estimate: the density seen by the last VACUUM or ANALYZE times the
            // pages there are now; without one, a conservative 60 rows per 8 kB page.
            const double density = reltuples >= 0 && relpages > 0 ? reltuples / relpages : 60.0;
            const double estimate = qMax(double(live), density * pages);
            if (estimate > double(limit)) {
                plan.sample = true;
                plan.percent = qMin(100.0, 100.0 * double(target) / estimate);
                if (reltuples >= 0 && relpages > 0)
                    plan.plannerRows = reltuples / relpages * pages;
                plan.liveRows = live > 0 ? live : -1;
                if (plan.percent >= 50.0)
                    plan.sample = false;
            }
        }
    } else if (limit > 0) {
        ActiveQuery query =
            run(dialect.sql(QStringLiteral("SELECT MIN(rowid), MAX(rowid) FROM {cache}")), {},
                &error, QStringLiteral("estimating the table size"));
        // A table without rowids (WITHOUT ROWID) cannot be sampled this way: count it.
        if (query && query->next() && !query->value(0).isNull()) {
            const qint64 first = query->value(0).toLongLong();
            const qint64 last = query->value(1).toLongLong();
            plan.rowidSpan = last - first + 1;
            if (plan.rowidSpan > limit && plan.rowidSpan > 2 * target) {
                // One window of rowids at a fixed pseudo-random place in each of 32 equal
                // strata: the same rows each time (no flicker between refreshes), spread over
                // the whole table.
                plan.sample = true;
                const qint64 width = (target + kSqliteWindows - 1) / kSqliteWindows;
                const qint64 stratum = plan.rowidSpan / kSqliteWindows;
                quint32 x = 2463534242u;
                for (int i = 0; i < kSqliteWindows; ++i) {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    const qint64 room = qMax<qint64>(1, stratum - width);
                    const qint64 begin = first + i * stratum + qint64(x % quint64(room));
                    plan.windows << begin << begin + width - 1;
                    plan.windowRows += width;
                }
            }
        }
        error = StoreError();
    }

    // One pass over the rows (all of them, or the sample). The four time bounds are computed
    // once in a one-row subquery, not per row.
    const QString ts = dialect.tsParam();
    const QString aggregates =
        QStringLiteral("SELECT COUNT(*), "
                       "COUNT(*) FILTER (WHERE \"isValid\" AND \"expiresAt\" > p.n0), "
                       "COUNT(*) FILTER (WHERE \"isValid\" AND \"expiresAt\" <= p.n0), "
                       "COUNT(*) FILTER (WHERE NOT \"isValid\"), "
                       "COALESCE(SUM(CAST(\"hitCount\" AS BIGINT)), 0), %1, %2, "
                       "COUNT(*) FILTER (WHERE \"isValid\" AND \"expiresAt\" > p.n0 AND "
                       "\"expiresAt\" <= p.n5), "
                       "COUNT(*) FILTER (WHERE \"isValid\" AND \"expiresAt\" > p.n0 AND "
                       "\"expiresAt\" <= p.n15), "
                       "COUNT(*) FILTER (WHERE \"isValid\" AND \"expiresAt\" > p.n0 AND "
                       "\"expiresAt\" <= p.n60) ")
            .arg(dialect.ts(QStringLiteral("MIN(\"lastSyncTime\")")),
                 dialect.ts(QStringLiteral("MAX(\"lastSyncTime\")")));
    const QString bounds = QStringLiteral("(SELECT %1 AS n0, %1 AS n5, %1 AS n15, %1 AS n60%2) p")
                               .arg(ts, pg ? QStringLiteral(" OFFSET 0") : QString());
    QVariantList binds;
    for (qint64 minutes : {0, 5, 15, 60})
        binds << now + minutes * kMsPerMinute;
    QString sql;
    if (!plan.sample) {
        sql = aggregates + QStringLiteral("FROM %1 CROSS JOIN {cache}").arg(bounds);
    } else if (pg) {
        // SYSTEM reads whole pages picked at random; REPEATABLE picks the same pages each time.
        sql = aggregates + QStringLiteral("FROM %1 CROSS JOIN {cache} "
                                          "TABLESAMPLE SYSTEM (CAST(? AS FLOAT8)) REPEATABLE (7)")
                               .arg(bounds);
        binds << plan.percent;
    } else {
        QStringList rows;
        for (int i = 0; i < kSqliteWindows; ++i)
            rows << QStringLiteral("(?, ?)");
        sql = QStringLiteral("WITH w(a, b) AS (VALUES %1) ").arg(rows.join(QLatin1Char(','))) +
              aggregates +
              QStringLiteral("FROM %1 CROSS JOIN w CROSS JOIN {cache} t WHERE "
                             "t.rowid BETWEEN w.a AND w.b")
                  .arg(bounds);
        binds = plan.windows + binds;
    }
    CacheStats s;
    {
        ActiveQuery query =
            run(dialect.sql(sql), binds, &error, QStringLiteral("computing statistics"));
        if (!query)
            return error;
        if (query->next()) {
            s.total = query->value(0).toLongLong();
            s.valid = query->value(1).toLongLong();
            s.expired = query->value(2).toLongLong();
            s.invalid = query->value(3).toLongLong();
            s.totalHits = query->value(4).toLongLong();
            if (!query->value(5).isNull()) {
                s.oldestSyncAgeMs = now - query->value(5).toLongLong();
                s.newestSyncAgeMs = now - query->value(6).toLongLong();
            }
            s.expiringIn5m = query->value(7).toLongLong();
            s.expiringIn15m = query->value(8).toLongLong();
            s.expiringIn60m = query->value(9).toLongLong();
        }
    }
    if (plan.sample) {
        qCDebug(lcCache).noquote()
            << QStringLiteral("stats: sampled %1 rows (%2 %, live rows %3, rowid span %4)")
                   .arg(s.total)
                   .arg(plan.percent)
                   .arg(plan.liveRows)
                   .arg(plan.rowidSpan);
    }
    // What the sample saw of each rare state, before scaling: below kRareInSample rows the
    // scaled figure is noise, and 0 may hide real rows ("≈ 0" while there are some).
    const qint64 sampledInvalid = s.invalid, sampledExpired = s.expired;
    const qint64 sampled5m = s.expiringIn5m, sampled15m = s.expiringIn15m,
                 sampled60m = s.expiringIn60m;
    if (plan.sample && s.total > 0) {
        // Scale the sample to the table. SQLite: rows per sampled rowid times the rowid span;
        // PostgreSQL: see chooseSampledTotal().
        const qint64 total =
            pg ? chooseSampledTotal(double(s.total) * 100.0 / plan.percent, double(plan.liveRows),
                                    plan.plannerRows)
               : qint64(double(s.total) * double(plan.rowidSpan) / double(plan.windowRows) + 0.5);
        const double scale = double(total) / double(s.total);
        auto scaled = [scale](qint64 n) { return qint64(double(n) * scale + 0.5); };
        s.invalid = qMin(total, scaled(s.invalid));
        s.expired = qMin(total - s.invalid, scaled(s.expired));
        s.valid = total - s.invalid - s.expired;
        s.expiringIn60m = qMin(s.valid, scaled(s.expiringIn60m));
        s.expiringIn15m = qMin(s.expiringIn60m, scaled(s.expiringIn15m));
        s.expiringIn5m = qMin(s.expiringIn15m, scaled(s.expiringIn5m));
        s.totalHits = scaled(s.totalHits);
        s.total = total;
        s.estimated = true;
        // A state the sample saw rarely or never is counted exactly instead, up to a bound (a
        // count that reaches it keeps the estimate): the time states through the expiresAt
        // index, the invalidated ones by a scan that stops at the bound.
        const qint64 bound = qMax<qint64>(1000, qint64(scale * 20.0));
        const auto exactUpTo = [&](const QString &condition, const QVariantList &values,
                                   qint64 *value) -> StoreError {
            StoreError e;
            QVariantList all = values;
            all << bound;
            ActiveQuery query =
                run(dialect.sql(QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM {cache}"
                                               " WHERE %1 LIMIT ?) AS rare")
                                    .arg(condition)),
                    all, &e, QStringLiteral("counting a rare state exactly"));
            if (!query)
                return e;
            const qint64 n = query->next() ? query->value(0).toLongLong() : 0;
            if (n < bound)
                *value = n;
            return e;
        };
        const QString valid = QStringLiteral("\"isValid\" AND \"expiresAt\" > %1").arg(ts);
        const QString within = valid + QStringLiteral(" AND \"expiresAt\" <= %1").arg(ts);
        struct Rare
        {
            qint64 sampled;
            qint64 *value;
            QString condition;
            QVariantList binds;
        };
        const QList<Rare> rare{
            {sampledInvalid, &s.invalid, QStringLiteral("NOT \"isValid\""), {}},
            {sampledExpired,
             &s.expired,
             QStringLiteral("\"isValid\" AND \"expiresAt\" <= %1").arg(ts),
             {now}},
            {sampled5m, &s.expiringIn5m, within, {now, now + 5 * kMsPerMinute}},
            {sampled15m, &s.expiringIn15m, within, {now, now + 15 * kMsPerMinute}},
            {sampled60m, &s.expiringIn60m, within, {now, now + 60 * kMsPerMinute}},
        };
        for (const Rare &r : rare) {
            if (r.sampled >= kRareInSample)
                continue;
            if (StoreError e = exactUpTo(r.condition, r.binds, r.value))
                return e;
        }
        s.valid = qMax<qint64>(0, s.total - s.invalid - s.expired);
        s.expiringIn60m = qMin(s.valid, s.expiringIn60m);
        s.expiringIn15m = qMin(s.expiringIn60m, s.expiringIn15m);
        s.expiringIn5m = qMin(s.expiringIn15m, s.expiringIn5m);
    } else if (plan.sample) {
        // The sample found nothing (an emptied table not yet vacuumed): count exactly.
        return stats(window, false);
    }
    s.windowSeconds = window.count();
    const qint64 fromMinute = (now - qint64(window.count()) * 1000) / kMsPerMinute;
    ActiveQuery query = run(dialect.sql(QStringLiteral(
                                "SELECT COALESCE(SUM(\"hits\"), 0), COALESCE(SUM(\"misses\"), 0) "
                                "FROM {history} WHERE \"minute\" >= ?")),
                            {fromMinute}, &error, QStringLiteral("reading the hit/miss history"));
    if (!query)
        return error;
    if (query->next()) {
        s.hits = query->value(0).toLongLong();
        s.misses = query->value(1).toLongLong();
    }
    if (s.hits + s.misses > 0)
        s.hitRate = double(s.hits) / double(s.hits + s.misses);
    return s;
}

Result<QList<BreakdownRow>> CacheStore::Private::breakdown()
{
    const qint64 now = q->m_clock->nowMs();
    const QString ts = dialect.tsParam();
    const QString sql =
        QStringLiteral(
            "SELECT UPPER(\"exchange\"), UPPER(\"environment\"), COUNT(*), "
            "SUM(CASE WHEN \"isValid\" AND \"expiresAt\" > %1 THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN \"isValid\" AND \"expiresAt\" <= %1 THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN NOT \"isValid\" THEN 1 ELSE 0 END), SUM(CAST(\"hitCount\" AS BIGINT)) "
            "FROM {cache} GROUP BY UPPER(\"exchange\"), UPPER(\"environment\") "
            "ORDER BY 1, 2")
            .arg(ts);
    StoreError error;
    ActiveQuery query =
        run(dialect.sql(sql), {now, now}, &error, QStringLiteral("computing the breakdown"));
    if (!query)
        return error;
    QList<BreakdownRow> rows;
    while (query->next()) {
        BreakdownRow r;
        r.exchange = query->value(0).toString();
        r.environment = query->value(1).toString();
        r.total = query->value(2).toLongLong();
        r.valid = query->value(3).toLongLong();
        r.expired = query->value(4).toLongLong();
        r.invalid = query->value(5).toLongLong();
        r.hits = query->value(6).toLongLong();
        rows << r;
    }
    return rows;
}

Result<QList<HistoryBucket>> CacheStore::Private::history(const QDateTime &from,
                                                          const QDateTime &to, int bucketMinutes)
{
    if (!from.isValid() || !to.isValid() || to < from)
        return StoreError(StoreError::InvalidArgument,
                          QStringLiteral("the history range must have a start before its end"));
    if (bucketMinutes < 1)
        return StoreError(StoreError::InvalidArgument,
                          QStringLiteral("history buckets are at least one minute wide"));
    const qint64 fromMinute =
        from.toMSecsSinceEpoch() / kMsPerMinute / bucketMinutes * bucketMinutes;
    const qint64 toMinute = to.toMSecsSinceEpoch() / kMsPerMinute;
    const qint64 count = (toMinute - fromMinute) / bucketMinutes + 1;
    if (count > 100000)
        return StoreError(
            StoreError::InvalidArgument,
            QStringLiteral("%1 history buckets asked for; use wider buckets").arg(count));
    flush();
    StoreError error;
    ActiveQuery query = run(
        dialect.sql(QStringLiteral("SELECT (\"minute\" / ?) * ?, SUM(\"hits\"), SUM(\"misses\"), "
                                   "SUM(\"sets\"), SUM(\"invalidations\"), SUM(\"cleanups\") FROM "
                                   "{history} WHERE \"minute\" >= ? AND \"minute\" <= ? "
                                   "GROUP BY 1 ORDER BY 1")),
        {bucketMinutes, bucketMinutes, fromMinute, toMinute}, &error,
        QStringLiteral("reading the hit/miss history"));
    if (!query)
        return error;
    QList<HistoryBucket> buckets;
    buckets.reserve(int(count));
    for (qint64 i = 0; i < count; ++i) {
        HistoryBucket b;
        b.start = QDateTime::fromMSecsSinceEpoch((fromMinute + i * bucketMinutes) * kMsPerMinute,
                                                 Qt::UTC);
        buckets << b;
    }
    while (query->next()) {
        const qint64 index = (query->value(0).toLongLong() - fromMinute) / bucketMinutes;
        if (index < 0 || index >= count)
            continue;
        HistoryBucket &b = buckets[int(index)];
        b.hits = query->value(1).toLongLong();
        b.misses = query->value(2).toLongLong();
        b.sets = query->value(3).toLongLong();
        b.invalidations = query->value(4).toLongLong();
        b.cleanups = query->value(5).toLongLong();
    }
    query.finish();
    error = readMonitoringHistory(fromMinute, toMinute, bucketMinutes, &buckets); // issue 16
    if (error)
        return error;
    return buckets;
}

} // namespace cc
