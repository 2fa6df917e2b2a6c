#include "core/store/cachestore_p.h"
#include "core/store/pgnative.h"
#include "core/store/standby.h"
#include "core/store/tablename.h"

#include <libpq-fe.h>

#include <QElapsedTimer>
#include <QFileInfo>

namespace cc {

using namespace store;

// --- the storm ----------------------------------------------------------------------------------

Result<bool> CacheStore::Private::acquireSyncLease(const QString &userId,
                                                   const QString &credentialId,
                                                   const QString &holder,
                                                   std::chrono::milliseconds duration)
{
    StoreError error = checkIdentity(userId, credentialId);
    if (!error)
        error = refuseOnStandby(QStringLiteral("taking the sync lease"));
    if (error)
        return error;
    const qint64 now = q->m_clock->nowMs();
    ActiveQuery query = run(
        dialect.sql(QStringLiteral(
            "INSERT INTO {lease} (\"cache_key\", \"holder\", "
            "\"expires_at_ms\") VALUES (?, ?, ?) ON CONFLICT (\"cache_key\") DO UPDATE "
            "SET \"holder\" = excluded.\"holder\", \"expires_at_ms\" = "
            "excluded.\"expires_at_ms\" WHERE \"connector_cache_lease\".\"expires_at_ms\" "
            "<= ? OR \"connector_cache_lease\".\"holder\" = excluded.\"holder\"")),
        {CacheStore::cacheKey(userId, credentialId), holder, now + qint64(duration.count()), now},
        &error, QStringLiteral("taking the sync lease"));
    if (!query)
        return error;
    const bool acquired = query->numRowsAffected() > 0;
    return acquired;
}

StoreError CacheStore::Private::releaseSyncLease(const QString &userId, const QString &credentialId,
                                                 const QString &holder)
{
    StoreError error = refuseOnStandby(QStringLiteral("releasing the sync lease"));
    if (error)
        return error;
    ActiveQuery query = run(dialect.sql(QStringLiteral("DELETE FROM {lease} WHERE "
                                                       "\"cache_key\" = ? AND \"holder\" = ?")),
                            {CacheStore::cacheKey(userId, credentialId), holder}, &error,
                            QStringLiteral("releasing the sync lease"));
    return error;
}

// --- administration -----------------------------------------------------------------------------

Result<ServerInfo> CacheStore::Private::serverInfo()
{
    StoreError error = connect();
    if (error)
        return error;
    ServerInfo info;
    info.backend = isPostgres() ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite");
    QElapsedTimer timer;
    timer.start();
    if (!run(QStringLiteral("SELECT 1"), {}, &error, QStringLiteral("pinging")))
        return error; // (finished at once)
    info.latencyUs = timer.nsecsElapsed() / 1000;
    const QString sql =
        isPostgres()
            ? QStringLiteral(
                  "SELECT current_setting('server_version'), current_user, current_database(), "
                  "pg_is_in_recovery(), CASE WHEN NOT pg_is_in_recovery() THEN -1 "
                  "WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() AND "
                  "EXISTS (SELECT 1 FROM pg_stat_wal_receiver) THEN 0 "
                  "ELSE COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - "
                  "pg_last_xact_replay_timestamp()), -1) END, ") +
                  dialect.schemaExpression() // where the tables are: the URL's schema or the path's
            : QStringLiteral("SELECT sqlite_version()");
    ActiveQuery query = run(sql, {}, &error, QStringLiteral("reading the server version"));
    if (!query)
        return error;
    if (query->next()) {
        info.version = query->value(0).toString();
        if (isPostgres()) {
            info.role = query->value(1).toString();
            info.database = query->value(2).toString();
            info.standby = query->value(3).toBool();
            info.replayLagSeconds = query->value(4).toDouble();
            info.schema = query->value(5).toString();
        }
    }
    if (isPostgres()) {
        query.finish();
        setStandby(info.standby);
        if (PGconn *conn = pgnative::connectionOf(db)) {
            info.host = QString::fromLocal8Bit(PQhost(conn));
            info.port = QString::fromLatin1(PQport(conn)).toInt();
        }
    }
    if (!isPostgres()) {
        info.role = osUserName();
        info.database = q->m_config.sqlitePath;
    }
    return info;
}

Result<Privileges> CacheStore::Private::privileges()
{
    StoreError error = connect();
    if (error)
        return error;
    Privileges p;
    if (!isPostgres()) {
        const QFileInfo file(q->m_config.sqlitePath);
        p.canRead = true;
        p.canWrite = q->m_config.sqlitePath == QLatin1String(":memory:") || !file.exists() ||
                     file.isWritable();
        p.canAudit = p.canWrite;
        return p;
    }
    ActiveQuery query =
        run(dialect.sql(QStringLiteral("SELECT has_table_privilege({'cache'}, 'SELECT'), "
                                       "has_table_privilege({'cache'}, 'UPDATE') AND "
                                       "has_table_privilege({'cache'}, 'DELETE') AND "
                                       "has_table_privilege({'cache'}, 'INSERT'), "
                                       "CASE WHEN to_regclass({'audit'}) IS NULL THEN FALSE ELSE "
                                       "has_table_privilege({'audit'}, 'INSERT') END")),
            {}, &error, QStringLiteral("checking the role's privileges"));
    if (!query)
        return error;
    if (query->next()) {
        p.canRead = query->value(0).toBool();
        p.canWrite = query->value(1).toBool();
        p.canAudit = query->value(2).toBool();
    }
    if (standby) {
        // Whatever the GRANTs, a standby takes no writes.
        p.canWrite = p.canAudit = false;
        p.readOnlyReason = standbyReadOnlyReason(where());
    }
    return p;
}

StoreError CacheStore::Private::recordAudit(const AuditRecord &record)
{
    if (StoreError refused = refuseOnStandby(QStringLiteral("writing the audit log")))
        return refused;
    const qint64 at = record.at.isValid() ? record.at.toMSecsSinceEpoch() : q->m_clock->nowMs();
    // The audit log is what an operator reads after an incident: its rows wait for the disk.
    return durable(QStringLiteral("writing the audit log"), [&]() -> StoreError {
        StoreError error;
        ActiveQuery query = run(
            dialect.sql(QStringLiteral(
                            "INSERT INTO {audit} (\"at\", \"os_user\", \"db_role\", "
                            "\"profile\", \"action\", \"filter\", \"rows_affected\", \"outcome\") "
                            "VALUES (%1, ?, ?, ?, ?, ?, ?, ?)")
                            .arg(dialect.tsParam())),
            {at, nonNull(record.osUser.isEmpty() ? osUserName() : record.osUser),
             nonNull(record.dbRole.isEmpty() ? dbRole : record.dbRole),
             nonNull(record.profile.isEmpty() ? q->m_options.profile : record.profile),
             nonNull(record.action), nonNull(record.filter), record.rowsAffected,
             record.outcome.isEmpty() ? QStringLiteral("ok") : record.outcome},
            &error, QStringLiteral("writing the audit log"));
        return error;
    });
}

Result<QList<AuditRecord>> CacheStore::Private::auditLog(const QDateTime &since, int limit)
{
    StoreError error;
    ActiveQuery query =
        run(dialect.sql(QStringLiteral(
                            "SELECT \"id\", %1, \"os_user\", \"db_role\", \"profile\", \"action\", "
                            "\"filter\", \"rows_affected\", \"outcome\" FROM {audit} "
                            "WHERE \"at\" >= %2 ORDER BY \"id\" DESC LIMIT ?")
                            .arg(dialect.ts(QStringLiteral("\"at\"")), dialect.tsParam())),
            {since.isValid() ? since.toMSecsSinceEpoch() : qint64(0), qMax(1, limit)}, &error,
            QStringLiteral("reading the audit log"));
    if (!query)
        return error;
    QList<AuditRecord> records;
    while (query->next()) {
        AuditRecord r;
        r.id = query->value(0).toLongLong();
        r.at = QDateTime::fromMSecsSinceEpoch(query->value(1).toLongLong(), Qt::UTC);
        r.osUser = query->value(2).toString();
        r.dbRole = query->value(3).toString();
        r.profile = query->value(4).toString();
        r.action = query->value(5).toString();
        r.filter = query->value(6).toString();
        r.rowsAffected = query->value(7).toLongLong();
        r.outcome = query->value(8).toString();
        records << r;
    }
    return records;
}

} // namespace cc
