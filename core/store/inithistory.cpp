// Issue 16's per-minute figures: connector start-ups by outcome (connector_cache_init_history),
// timestamp rejections, entries that expired unrenewed and the table's size (columns of
// connector_cache_history). Start-ups and rejections are buffered with the hit/miss counters
// and written by flush(); the expiry and size samples are taken by the administrative front
// ends only (sampleTableHealth), never on a connector's path.

#include "core/store/cachestore_p.h"
#include "core/store/tablename.h"

#include <QSqlError>

#include <cmath>

namespace cc {

using namespace store;

namespace {

constexpr int kMaxPendingMonitoringMinutes = 24 * 60;

const char *const kOutcomeNames[kInitOutcomeCount] = {"hit", "miss-synced", "stale-safe", "failed"};

QString bucketColumns()
{
    QStringList names;
    for (int bound : kInitBucketBoundsMs)
        names << QStringLiteral("\"b_le_%1\"").arg(bound);
    return names.join(QStringLiteral(", "));
}

} // namespace

// --- InitTimes ----------------------------------------------------------------------------------

QString initOutcomeName(InitOutcome outcome)
{
    const int i = int(outcome);
    return i >= 0 && i < kInitOutcomeCount ? QLatin1String(kOutcomeNames[i]) : QString();
}

bool initOutcomeFromName(const QString &name, InitOutcome *out)
{
    for (int i = 0; i < kInitOutcomeCount; ++i) {
        if (name == QLatin1String(kOutcomeNames[i])) {
            *out = InitOutcome(i);
            return true;
        }
    }
    return false;
}

void InitTimes::add(double durationMs)
{
    if (!std::isfinite(durationMs) || durationMs < 0)
        durationMs = 0;
    ++count;
    sumMs += durationMs;
    size_t i = 0;
    while (i < kInitBucketBoundsMs.size() && durationMs > kInitBucketBoundsMs[i])
        ++i;
    ++buckets[i];
}

void InitTimes::merge(const InitTimes &other)
{
    count += other.count;
    sumMs += other.sumMs;
    for (size_t i = 0; i < buckets.size(); ++i)
        buckets[i] += other.buckets[i];
}

std::optional<double> InitTimes::quantileMs(double q) const
{
    qint64 total = 0;
    for (qint64 n : buckets)
        total += n;
    if (total <= 0)
        return std::nullopt;
    q = qBound(0.0, q, 1.0);
    const double rank = q * double(total);
    double below = 0;
    for (size_t i = 0; i < buckets.size(); ++i) {
        const double n = double(buckets[i]);
        if (n > 0 && below + n >= rank) {
            if (i == kInitBucketBoundsMs.size())
                return double(kInitBucketBoundsMs.back()); // the open bucket: its lower bound
            const double lower = i == 0 ? 0.0 : double(kInitBucketBoundsMs[i - 1]);
            const double upper = double(kInitBucketBoundsMs[i]);
            return lower + (upper - lower) * qBound(0.0, (rank - below) / n, 1.0);
        }
        below += n;
    }
    return double(kInitBucketBoundsMs.back());
}

// --- recording ----------------------------------------------------------------------------------

void CacheStore::recordInitialization(InitOutcome outcome, double durationMs)
{
    const int i = int(outcome);
    if (i < 0 || i >= kInitOutcomeCount)
        return;
    d->pendingMonitoring[m_clock->nowMs() / kMsPerMinute].init[size_t(i)].add(durationMs);
    d->maybeFlush();
}

void CacheStore::recordRejection()
{
    ++d->pendingMonitoring[m_clock->nowMs() / kMsPerMinute].rejections;
    d->maybeFlush();
}

// The start-up history's statement for one minute and outcome (binds: monitoringStatements()).
QString CacheStore::Private::initHistorySql() const
{
    QStringList sets;
    for (int bound : kInitBucketBoundsMs)
        sets << QStringLiteral("\"b_le_%1\" = \"connector_cache_init_history\".\"b_le_%1\" + "
                               "excluded.\"b_le_%1\"")
                    .arg(bound);
    return dialect.sql(
        QStringLiteral(
            "INSERT INTO {init_history} (\"minute\", \"outcome\", "
            "\"count\", \"sum_ms\", %1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (\"minute\", \"outcome\") DO UPDATE SET "
            "\"count\" = \"connector_cache_init_history\".\"count\" + excluded.\"count\", "
            "\"sum_ms\" = \"connector_cache_init_history\".\"sum_ms\" + "
            "excluded.\"sum_ms\", %2")
            .arg(bucketColumns(), sets.join(QStringLiteral(", "))));
}

// The rejections' statement for one minute (binds: minute, rejections).
QString CacheStore::Private::rejectionHistorySql() const
{
    return dialect.sql(
        QStringLiteral("INSERT INTO {history} (\"minute\", \"rejections\") VALUES (?, ?) "
                       "ON CONFLICT (\"minute\") DO UPDATE SET \"rejections\" = "
                       "\"connector_cache_history\".\"rejections\" + excluded.\"rejections\""));
}

namespace {

// initHistorySql()'s binds for one minute and outcome.
QVariantList initHistoryBinds(qint64 minute, int outcome, const InitTimes &t)
{
    QVariantList binds{minute, initOutcomeName(InitOutcome(outcome)), t.count, t.sumMs};
    for (size_t b = 0; b < kInitBucketBoundsMs.size(); ++b)
        binds << t.buckets[b];
    return binds;
}

} // namespace

// Every statement flushMonitoring() would run for pendingMonitoring, with its binds, in order.
QList<QPair<QString, QVariantList>> CacheStore::Private::monitoringStatements() const
{
    QList<QPair<QString, QVariantList>> statements;
    const QString initSql = initHistorySql();
    const QString rejectionSql = rejectionHistorySql();
    for (auto it = pendingMonitoring.cbegin(); it != pendingMonitoring.cend(); ++it) {
        const qint64 minute = it.key();
        const MonitoringMinute &m = it.value();
        if (m.rejections > 0)
            statements.append({rejectionSql, {minute, m.rejections}});
        for (int i = 0; i < kInitOutcomeCount; ++i) {
            const InitTimes &t = m.init[size_t(i)];
            if (t.isEmpty())
                continue;
            statements.append({initSql, initHistoryBinds(minute, i, t)});
        }
    }
    return statements;
}

StoreError CacheStore::Private::flushMonitoring()
{
    if (pendingMonitoring.isEmpty())
        return StoreError();
    if (!db.isValid() || !db.isOpen()) {
        while (pendingMonitoring.size() > kMaxPendingMonitoringMinutes)
            pendingMonitoring.erase(pendingMonitoring.begin());
        return StoreError(StoreError::Unreachable, QStringLiteral("not connected"));
    }
    const QString what = QStringLiteral("writing the start-up history");
    const QString initSql = initHistorySql();
    const QString rejectionSql = rejectionHistorySql();
    const StoreError written = lazy(what, [&]() {
        while (!pendingMonitoring.isEmpty()) {
            auto it = pendingMonitoring.begin();
            const qint64 minute = it.key();
            MonitoringMinute &m = it.value();
            StoreError error;
            if (m.rejections > 0) {
                ActiveQuery query = run(rejectionSql, {minute, m.rejections}, &error, what);
                if (!query)
                    return error;
                m.rejections = 0; // written: not again if a later statement fails
            }
            for (int i = 0; i < kInitOutcomeCount; ++i) {
                InitTimes &t = m.init[size_t(i)];
                if (t.isEmpty())
                    continue;
                ActiveQuery query = run(initSql, initHistoryBinds(minute, i, t), &error, what);
                if (!query)
                    return error;
                t = InitTimes();
            }
            pendingMonitoring.erase(pendingMonitoring.begin());
        }
        return StoreError();
    });
    if (written.kind() == StoreError::PermissionDenied)
        pendingMonitoring.clear(); // never writable by this role: not kept for later
    if (written) {
        while (pendingMonitoring.size() > kMaxPendingMonitoringMinutes)
            pendingMonitoring.erase(pendingMonitoring.begin());
    }
    return written;
}

// --- reading ------------------------------------------------------------------------------------

StoreError CacheStore::Private::readMonitoringHistory(qint64 fromMinute, qint64 toMinute,
                                                      int bucketMinutes,
                                                      QList<HistoryBucket> *buckets)
{
    const QString what = QStringLiteral("reading the start-up history");
    StoreError error;
    {
        ActiveQuery query =
            run(dialect.sql(QStringLiteral(
                    "SELECT (\"minute\" / ?) * ?, SUM(\"expired\"), SUM(\"rejections\"), "
                    "MAX(\"entries\"), MAX(\"size_bytes\") FROM {history} "
                    "WHERE \"minute\" >= ? AND \"minute\" <= ? GROUP BY 1 ORDER BY 1")),
                {bucketMinutes, bucketMinutes, fromMinute, toMinute}, &error, what);
        if (!query)
            return error;
        while (query->next()) {
            const qint64 index = (query->value(0).toLongLong() - fromMinute) / bucketMinutes;
            if (index < 0 || index >= buckets->size())
                continue;
            HistoryBucket &b = (*buckets)[int(index)];
            b.expired = query->value(1).toLongLong();
            b.rejections = query->value(2).toLongLong();
            b.entries = query->value(3).isNull() ? -1 : query->value(3).toLongLong();
            b.sizeBytes = query->value(4).isNull() ? -1 : query->value(4).toLongLong();
        }
    }
    QStringList sums;
    for (int bound : kInitBucketBoundsMs)
        sums << QStringLiteral("SUM(\"b_le_%1\")").arg(bound);
    ActiveQuery query =
        run(dialect.sql(
                QStringLiteral("SELECT (\"minute\" / ?) * ?, \"outcome\", SUM(\"count\"), "
                               "SUM(\"sum_ms\"), %1 FROM {init_history} "
                               "WHERE \"minute\" >= ? AND \"minute\" <= ? GROUP BY 1, 2 ORDER BY 1")
                    .arg(sums.join(QStringLiteral(", ")))),
            {bucketMinutes, bucketMinutes, fromMinute, toMinute}, &error, what);
    if (!query)
        return error;
    while (query->next()) {
        const qint64 index = (query->value(0).toLongLong() - fromMinute) / bucketMinutes;
        InitOutcome outcome;
        if (index < 0 || index >= buckets->size() ||
            !initOutcomeFromName(query->value(1).toString(), &outcome))
            continue;
        InitTimes &t = (*buckets)[int(index)].initTimes(outcome);
        t.count = query->value(2).toLongLong();
        t.sumMs = query->value(3).toDouble();
        qint64 bounded = 0;
        for (size_t b = 0; b < kInitBucketBoundsMs.size(); ++b) {
            t.buckets[b] = query->value(int(4 + b)).toLongLong();
            bounded += t.buckets[b];
        }
        t.buckets[kInitBucketBoundsMs.size()] = qMax<qint64>(0, t.count - bounded);
    }
    return StoreError();
}

// --- the front ends' sample ---------------------------------------------------------------------

Result<bool> CacheStore::sampleTableHealth()
{
    if (d->standby) // read-only: the primary's front ends sample
        return false;
    const qint64 now = m_clock->nowMs();
    const qint64 minute = now / kMsPerMinute;
    if (d->lastHealthSampleMinute == minute)
        return false;
    const QString what = QStringLiteral("sampling the table's size");
    StoreError error;
    {
        // Sampled this minute already (by any process)?
        ActiveQuery query = d->run(d->dialect.sql(QStringLiteral("SELECT \"entries\" FROM "
                                                                 "{history} WHERE \"minute\" = ?")),
                                   {minute}, &error, what);
        if (!query)
            return error;
        if (query->next() && !query->value(0).isNull()) {
            d->lastHealthSampleMinute = minute;
            return false;
        }
    }
    // Entries that expired within the last hour and were not renewed (nor deleted) since, by
    // the minute they expired in.
    QList<QPair<qint64, qint64>> expired;
    {
        const QString expiry = d->dialect.ts(QStringLiteral("\"expiresAt\""));
        ActiveQuery query = d->run(
            d->dialect.sql(QStringLiteral("SELECT %1 / %2, COUNT(*) FROM {cache} WHERE "
                                          "\"expiresAt\" > %3 AND \"expiresAt\" <= %3 GROUP BY 1")
                               .arg(expiry)
                               .arg(kMsPerMinute)
                               .arg(d->dialect.tsParam())),
            {now - 60 * kMsPerMinute, now}, &error, what);
        if (!query)
            return error;
        while (query->next())
            expired.append({query->value(0).toLongLong(), query->value(1).toLongLong()});
    }
    qint64 entries = 0;
    QVariant bytes; // NULL on SQLite
    {
        const QString sql =
            d->isPostgres()
                ? d->dialect.sql(QStringLiteral("SELECT (SELECT COUNT(*) FROM {cache}), "
                                                "pg_total_relation_size(to_regclass({'cache'}))"))
                : d->dialect.sql(QStringLiteral("SELECT COUNT(*), NULL FROM {cache}"));
        ActiveQuery query = d->run(sql, {}, &error, what);
        if (!query)
            return error;
        if (query->next()) {
            entries = query->value(0).toLongLong();
            if (!query->value(1).isNull())
                bytes = query->value(1).toLongLong();
        }
    }
    if (bytes.isNull())
        bytes = QVariant(QMetaType::fromType<qint64>());
    const QString greatest = d->isPostgres() ? QStringLiteral("GREATEST") : QStringLiteral("MAX");
    error = d->lazy(what, [&]() -> StoreError {
        StoreError e;
        for (const auto &m : std::as_const(expired)) {
            // The largest count seen for the minute: an entry renewed or cleaned up later still
            // expired unrenewed for a while; two samplers never add up the same entries.
            ActiveQuery q = d->run(
                d->dialect.sql(
                    QStringLiteral(
                        "INSERT INTO {history} (\"minute\", \"expired\") "
                        "VALUES (?, ?) ON CONFLICT (\"minute\") DO UPDATE SET \"expired\" "
                        "= %1(\"connector_cache_history\".\"expired\", excluded.\"expired\")")
                        .arg(greatest)),
                {m.first, m.second}, &e, what);
            if (!q)
                return e;
        }
        ActiveQuery q =
            d->run(d->dialect.sql(QStringLiteral(
                       "INSERT INTO {history} (\"minute\", \"entries\", "
                       "\"size_bytes\") VALUES (?, ?, ?) ON CONFLICT (\"minute\") DO UPDATE "
                       "SET \"entries\" = excluded.\"entries\", \"size_bytes\" = "
                       "excluded.\"size_bytes\"")),
                   {minute, entries, bytes}, &e, what);
        return e;
    });
    if (error)
        return error;
    d->lastHealthSampleMinute = minute;
    return true;
}

} // namespace cc
