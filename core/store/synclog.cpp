// The sync log (issue 17): every sync a connector, the CLI or the console ran, and every
// timestamp rejection a connector met, one row each in connector_cache_sync_log. What the rows
// mean is core/timesync/clockhealth's business; this file only writes, reads and prunes them.
//
// Every statement goes through run() (prepared once on a direct connection, sent as text with
// its values inlined on a pooled one) inside lazy(): on a pooled connection that is a
// transaction of its own with SET LOCAL statement_timeout and lock_timeout, on a direct one the
// session's statement_timeout bounds it. A log row is a diagnostic, not a cache entry: its
// commit does not wait for the disk.

#include "core/logging.h"
#include "core/store/cachestore.h"
#include "core/store/cachestore_p.h"
#include "core/store/synclogquery.h"

#include <QSqlQuery>
#include <QVariant>

#include <cmath>

namespace cc {

using namespace store;

namespace {

constexpr int kMaxSyncLogRows = 100000;

QString kindName(SyncLogRecord::Kind kind)
{
    return kind == SyncLogRecord::Kind::Rejection ? QStringLiteral("rejection")
                                                  : QStringLiteral("sync");
}

// The outcome column of a rejection (toJson spells it the same way).
const QString kRejected = QStringLiteral("rejected");

bool finite(double v)
{
    return std::isfinite(v);
}

// Why a record may not be written, empty when it may.
QString invalidRecord(const SyncLogRecord &r)
{
    for (const QString *s : {&r.identity, &r.baseUrl, &r.errorMessage, &r.hostName, &r.bootId}) {
        if (containsNul(*s))
            return QStringLiteral("a sync-log record may not hold a NUL character");
    }
    if (r.atMs <= 0)
        return QStringLiteral("a sync-log record needs the time it happened");
    if (!finite(r.rttMs) || !finite(r.errorBoundMs) || !finite(r.realtimeMinusBoottimeMs))
        return QStringLiteral("a sync-log record's round trip, error bound and host clock "
                              "difference must be finite numbers");
    return QString();
}

// Reads a whole number from a column, refusing text that is not one (SQLite keeps whatever it
// was given, whatever the column's type).
bool wholeNumber(const QVariant &v, qint64 *out)
{
    if (v.isNull())
        return false;
    bool ok = false;
    const qint64 n = v.toLongLong(&ok);
    if (!ok) {
        // A REAL holding a whole number (SQLite may hand one back for an INTEGER column).
        const double d = v.toDouble(&ok);
        if (!ok || !std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9.0e15)
            return false;
        *out = qint64(d);
        return true;
    }
    *out = n;
    return true;
}

bool realNumber(const QVariant &v, double *out)
{
    if (v.isNull())
        return false;
    bool ok = false;
    const double d = v.toDouble(&ok);
    if (!ok || !std::isfinite(d))
        return false;
    *out = d;
    return true;
}

// One row into a record; empty reason on success, else what is wrong with it in words.
QString readRecord(const QSqlQuery &q, SyncLogRecord *r)
{
    const QString kind = q.value(1).toString();
    if (kind == QLatin1String("sync"))
        r->kind = SyncLogRecord::Kind::Sync;
    else if (kind == QLatin1String("rejection"))
        r->kind = SyncLogRecord::Kind::Rejection;
    else
        return QStringLiteral("kind \"%1\" is neither sync nor rejection").arg(kind.left(40));
    if (!wholeNumber(q.value(0), &r->atMs) || r->atMs <= 0)
        return QStringLiteral("at_ms is not a time");
    r->identity = q.value(2).toString(); // empty: a sync for no credential (`sync` unsaved)
    const QString exchange = q.value(3).toString();
    const std::optional<Exchange> ex = exchangeFromName(exchange);
    if (!ex)
        return QStringLiteral("exchange \"%1\" is not one this version knows")
            .arg(exchange.left(40));
    r->exchange = *ex;
    const QString environment = q.value(4).toString();
    const std::optional<Environment> env = environmentFromName(environment);
    if (!env)
        return QStringLiteral("environment \"%1\" is not one this version knows")
            .arg(environment.left(40));
    r->environment = *env;
    r->baseUrl = q.value(5).toString();
    const QString source = q.value(6).toString();
    const std::optional<SyncSource> src = syncSourceFromName(source);
    if (!src)
        return QStringLiteral("source \"%1\" is not one this version knows").arg(source.left(40));
    r->source = *src;
    const QString outcome = q.value(7).toString();
    if (r->kind == SyncLogRecord::Kind::Rejection) {
        if (outcome != kRejected)
            return QStringLiteral("a rejection's outcome is \"%1\", not \"rejected\"")
                .arg(outcome.left(40));
        r->outcome = SyncResult::Error::None;
    } else {
        const std::optional<SyncResult::Error> out = syncOutcomeFromName(outcome);
        if (!out)
            return QStringLiteral("outcome \"%1\" is not one this version knows")
                .arg(outcome.left(40));
        r->outcome = *out;
    }
    r->errorMessage = q.value(8).toString();
    qint64 samples = 0;
    qint64 errorCode = 0;
    if (!wholeNumber(q.value(9), &r->offsetMs))
        return QStringLiteral("offset_ms is not a whole number");
    if (!realNumber(q.value(10), &r->rttMs) || r->rttMs < 0)
        return QStringLiteral("rtt_ms is not a non-negative number");
    if (!realNumber(q.value(11), &r->errorBoundMs) || r->errorBoundMs < 0)
        return QStringLiteral("error_bound_ms is not a non-negative number");
    if (!wholeNumber(q.value(12), &samples) || samples < 0 || samples > 1000000)
        return QStringLiteral("samples is not a count");
    r->samples = int(samples);
    r->hostName = q.value(13).toString();
    r->bootId = q.value(14).toString();
    if (!realNumber(q.value(15), &r->realtimeMinusBoottimeMs))
        return QStringLiteral("realtime_minus_boottime_ms is not a number");
    if (!wholeNumber(q.value(16), &r->serverTimeMs))
        return QStringLiteral("server_time_ms is not a whole number");
    if (!wholeNumber(q.value(17), &errorCode) || errorCode < INT_MIN || errorCode > INT_MAX)
        return QStringLiteral("error_code is not a whole number");
    r->errorCode = int(errorCode);
    return QString();
}

} // namespace

StoreError CacheStore::appendSyncLog(const SyncLogRecord &record)
{
    const QString invalid = invalidRecord(record);
    if (!invalid.isEmpty())
        return StoreError(StoreError::InvalidArgument, invalid);
    const bool rejection = record.kind == SyncLogRecord::Kind::Rejection;
    const QString what = QStringLiteral("writing the sync log");
    return d->lazy(what, [&]() -> StoreError {
        StoreError error;
        ActiveQuery query = d->run(
            QStringLiteral("INSERT INTO ") + d->dialect.table(Table::SyncLog) +
                QStringLiteral(
                    " (\"at_ms\", \"kind\", \"identity\", \"exchange\", \"environment\", "
                    "\"base_url\", \"source\", \"outcome\", \"error\", \"offset_ms\", \"rtt_ms\", "
                    "\"error_bound_ms\", \"samples\", \"host\", \"boot_id\", "
                    "\"realtime_minus_boottime_ms\", \"server_time_ms\", \"error_code\") VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {record.atMs, kindName(record.kind), nonNull(record.identity),
             exchangeName(record.exchange), environmentName(record.environment),
             nonNull(record.baseUrl), syncSourceName(record.source),
             rejection ? kRejected : syncOutcomeName(record.outcome), nonNull(record.errorMessage),
             record.offsetMs, record.rttMs, record.errorBoundMs, record.samples,
             nonNull(record.hostName), nonNull(record.bootId), record.realtimeMinusBoottimeMs,
             record.serverTimeMs, record.errorCode},
            &error, what);
        return error;
    });
}

Result<QList<SyncLogRecord>> CacheStore::syncLog(const SyncLogQuery &query)
{
    QStringList conditions;
    QVariantList binds;
    if (!query.identity.isEmpty()) {
        conditions << QStringLiteral("\"identity\" = ?");
        binds << query.identity;
    }
    if (query.exchange) {
        conditions << QStringLiteral("\"exchange\" = ?");
        binds << exchangeName(*query.exchange);
    }
    if (query.environment) {
        conditions << QStringLiteral("\"environment\" = ?");
        binds << environmentName(*query.environment);
    }
    if (!query.host.isEmpty()) {
        conditions << QStringLiteral("\"host\" = ?");
        binds << query.host;
    }
    if (query.sinceMs > 0) {
        conditions << QStringLiteral("\"at_ms\" >= ?");
        binds << query.sinceMs;
    }
    if (query.untilMs > 0) {
        conditions << QStringLiteral("\"at_ms\" < ?");
        binds << query.untilMs;
    }
    if (query.kind) {
        conditions << QStringLiteral("\"kind\" = ?");
        binds << kindName(*query.kind);
    }
    for (const QVariant &v : std::as_const(binds)) {
        if (v.typeId() == QMetaType::QString && containsNul(v.toString()))
            return StoreError(StoreError::InvalidArgument,
                              QStringLiteral("a sync-log filter may not hold a NUL character"));
    }
    const int limit = qBound(1, query.limit, kMaxSyncLogRows);
    binds << limit;
    const QString order = query.newestFirst ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString sql =
        QStringLiteral("SELECT \"at_ms\", \"kind\", \"identity\", \"exchange\", \"environment\", "
                       "\"base_url\", \"source\", \"outcome\", \"error\", \"offset_ms\", "
                       "\"rtt_ms\", \"error_bound_ms\", \"samples\", \"host\", \"boot_id\", "
                       "\"realtime_minus_boottime_ms\", \"server_time_ms\", \"error_code\", "
                       "\"id\" FROM ") +
        d->dialect.table(Table::SyncLog) +
        (conditions.isEmpty()
             ? QString()
             : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "))) +
        QStringLiteral(" ORDER BY \"at_ms\" %1, \"id\" %1 LIMIT ?").arg(order);
    const QString what = QStringLiteral("reading the sync log");
    QList<SyncLogRecord> records;
    int refused = 0;
    const StoreError error = d->lazy(what, [&]() -> StoreError {
        records.clear();
        refused = 0;
        StoreError e;
        ActiveQuery q = d->run(sql, binds, &e, what);
        if (!q)
            return e;
        while (q->next()) {
            SyncLogRecord r;
            const QString reason = readRecord(*q, &r);
            if (!reason.isEmpty()) {
                // A row this version cannot read is left out, never served half-read.
                ++refused;
                qCWarning(lcStore).noquote() << QStringLiteral("Sync log row %1 left out: %2")
                                                    .arg(q->value(18).toString().left(20), reason);
                continue;
            }
            records << r;
        }
        return e;
    });
    if (error)
        return error;
    if (refused > 0) {
        qCWarning(lcStore).noquote()
            << QStringLiteral("Reading the sync log: %1 unreadable row(s) left out").arg(refused);
    }
    return records;
}

Result<qint64> CacheStore::pruneSyncLog(const QDateTime &olderThan)
{
    if (!olderThan.isValid())
        return StoreError(StoreError::InvalidArgument,
                          QStringLiteral("pruning the sync log needs a valid time"));
    const qint64 before = olderThan.toMSecsSinceEpoch();
    const QString sql = QStringLiteral("DELETE FROM ") + d->dialect.table(Table::SyncLog) +
                        QStringLiteral(" WHERE \"id\" IN (SELECT \"id\" FROM ") +
                        d->dialect.table(Table::SyncLog) +
                        QStringLiteral(" WHERE \"at_ms\" < ? LIMIT ?)");
    const QString what = QStringLiteral("pruning the sync log");
    const int batch = qMax(1, m_options.batchSize);
    qint64 total = 0;
    StoreError error;
    for (;;) {
        qint64 affected = 0;
        error = d->lazy(what, [&]() -> StoreError {
            StoreError e;
            ActiveQuery q = d->run(sql, {before, batch}, &e, what);
            if (q)
                affected = q->numRowsAffected();
            return e;
        });
        if (error)
            break;
        total += affected;
        if (affected < batch)
            break;
    }
    if (error) {
        if (total == 0)
            return error;
        return StoreError(error.kind(), QStringLiteral("%1 (%2 sync-log rows were deleted "
                                                       "before the failure)")
                                            .arg(error.message())
                                            .arg(total));
    }
    if (total > 0)
        qCInfo(lcStore).noquote() << QStringLiteral("Pruned %1 sync-log rows").arg(total);
    return total;
}

} // namespace cc
