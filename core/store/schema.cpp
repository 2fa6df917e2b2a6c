#include "core/store/schema.h"
#include "core/store/pgnative.h"
#include "core/store/tablename.h"

#include "core/logging.h"
#include "core/monitoring/alerts.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <libpq-fe.h>

namespace cc::schema {

namespace {

StoreError queryError(const QSqlQuery &q, const QString &what)
{
    return StoreError(StoreError::QueryFailed,
                      QStringLiteral("%1 failed: %2").arg(what, q.lastError().text()));
}

QStringList columnsOf(QSqlDatabase &db, const QString &table)
{
    QStringList names;
    const QSqlRecord record = db.record(table);
    for (int i = 0; i < record.count(); ++i)
        names << record.fieldName(i);
    return names;
}

constexpr int kCacheFillFactor = 80;

QString oneLineError(const QSqlError &e)
{
    return (e.databaseText().isEmpty() ? e.text() : e.databaseText()).simplified();
}

// Our migrations, one list of statements per version. Never edit a released step: add one.
QList<QStringList> steps(const SqlDialect &d)
{
    const QString ts = d.timestampType();
    QList<QStringList> all;
    // v1: version bookkeeping and the per-minute hit/miss history.
    all << QStringList{
        QStringLiteral("CREATE TABLE IF NOT EXISTS \"connector_cache_meta\" ("
                       "\"key\" TEXT NOT NULL PRIMARY KEY, \"value\" TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS \"connector_cache_history\" ("
                       "\"minute\" BIGINT NOT NULL PRIMARY KEY," // minutes since the epoch, UTC
                       "\"hits\" BIGINT NOT NULL DEFAULT 0,"
                       "\"misses\" BIGINT NOT NULL DEFAULT 0,"
                       "\"sets\" BIGINT NOT NULL DEFAULT 0,"
                       "\"invalidations\" BIGINT NOT NULL DEFAULT 0,"
                       "\"cleanups\" BIGINT NOT NULL DEFAULT 0)"),
    };
    // v2: the audit log and the sync lease.
    all << QStringList{
        QStringLiteral("CREATE TABLE IF NOT EXISTS \"connector_cache_audit\" (%1,"
                       "\"at\" %2 NOT NULL,"
                       "\"os_user\" TEXT NOT NULL,"
                       "\"db_role\" TEXT NOT NULL,"
                       "\"profile\" TEXT NOT NULL,"
                       "\"action\" TEXT NOT NULL,"
                       "\"filter\" TEXT NOT NULL,"
                       "\"rows_affected\" BIGINT NOT NULL DEFAULT 0,"
                       "\"outcome\" TEXT NOT NULL)")
            .arg(d.serialPrimaryKey(QStringLiteral("id")), ts),
        QStringLiteral("CREATE INDEX IF NOT EXISTS \"connector_cache_audit_at_idx\" ON "
                       "\"connector_cache_audit\"(\"at\")"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS \"connector_cache_lease\" ("
                       "\"cache_key\" TEXT NOT NULL PRIMARY KEY,"
                       "\"holder\" TEXT NOT NULL,"
                       "\"expires_at_ms\" BIGINT NOT NULL)"),
    };
    // v3: clock health (issue 17) and cache-health monitoring (issue 16). Times are UTC
    // milliseconds since the epoch in BIGINT columns ("*_ms"), the same on both dialects.
    const QString dbl = QStringLiteral("DOUBLE PRECISION"); // SQLite: REAL affinity
    all << QStringList{
        // Every sync (connector, CLI, console) and every timestamp rejection a connector met.
        // Never holds a key. Pruned by cleanup (retention).
        QStringLiteral("CREATE TABLE IF NOT EXISTS \"connector_cache_sync_log\" (%1,"
                       "\"at_ms\" BIGINT NOT NULL,"
                       "\"kind\" TEXT NOT NULL,"     // "sync", "rejection"
                       "\"identity\" TEXT NOT NULL," // the credential's cache key
                       "\"exchange\" TEXT NOT NULL,"
                       "\"environment\" TEXT NOT NULL,"
                       "\"base_url\" TEXT NOT NULL,"
                       "\"source\" TEXT NOT NULL,"  // "connector", "cli", "console"
                       "\"outcome\" TEXT NOT NULL," // "ok" or the error kind
                       "\"error\" TEXT NOT NULL DEFAULT '',"
                       "\"offset_ms\" BIGINT NOT NULL DEFAULT 0,"
                       "\"rtt_ms\" %2 NOT NULL DEFAULT 0,"
                       "\"error_bound_ms\" %2 NOT NULL DEFAULT 0,"
                       "\"samples\" INTEGER NOT NULL DEFAULT 0,"
                       "\"host\" TEXT NOT NULL DEFAULT '',"
                       "\"boot_id\" TEXT NOT NULL DEFAULT '',"
                       "\"realtime_minus_boottime_ms\" %2 NOT NULL DEFAULT 0,"
                       "\"server_time_ms\" BIGINT NOT NULL DEFAULT 0,"
                       "\"error_code\" INTEGER NOT NULL DEFAULT 0)")
            .arg(d.serialPrimaryKey(QStringLiteral("id")), dbl),
        QStringLiteral("CREATE INDEX IF NOT EXISTS \"connector_cache_sync_log_at_idx\" ON "
                       "\"connector_cache_sync_log\"(\"at_ms\")"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS \"connector_cache_sync_log_identity_idx\" ON "
                       "\"connector_cache_sync_log\"(\"identity\", \"at_ms\")"),
        // The per-minute history gains what the seed's metrics need: entries that expired
        // unrenewed, timestamp rejections, and the table's size sampled once a minute (NULL
        // where nobody sampled it).
        QStringLiteral("ALTER TABLE \"connector_cache_history\" ADD COLUMN \"expired\" BIGINT "
                       "NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE \"connector_cache_history\" ADD COLUMN \"rejections\" "
                       "BIGINT NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE \"connector_cache_history\" ADD COLUMN \"entries\" BIGINT"),
        QStringLiteral("ALTER TABLE \"connector_cache_history\" ADD COLUMN \"size_bytes\" BIGINT"),
        // Connector start-ups per minute and outcome ("hit", "miss-synced", "stale-safe",
        // "failed"): count, sum and fixed latency buckets, non-cumulative (b_le_N counts
        // durations in (previous bound, N] ms; above 5000 ms is count minus their sum). No row
        // per start.
        QStringLiteral("CREATE TABLE IF NOT EXISTS \"connector_cache_init_history\" ("
                       "\"minute\" BIGINT NOT NULL,"
                       "\"outcome\" TEXT NOT NULL,"
                       "\"count\" BIGINT NOT NULL DEFAULT 0,"
                       "\"sum_ms\" %1 NOT NULL DEFAULT 0,"
                       "\"b_le_25\" BIGINT NOT NULL DEFAULT 0,"
                       "\"b_le_50\" BIGINT NOT NULL DEFAULT 0,"
                       "\"b_le_100\" BIGINT NOT NULL DEFAULT 0,"
                       "\"b_le_250\" BIGINT NOT NULL DEFAULT 0,"
                       "\"b_le_500\" BIGINT NOT NULL DEFAULT 0,"
                       "\"b_le_1000\" BIGINT NOT NULL DEFAULT 0,"
                       "\"b_le_2500\" BIGINT NOT NULL DEFAULT 0,"
                       "\"b_le_5000\" BIGINT NOT NULL DEFAULT 0,"
                       "PRIMARY KEY (\"minute\", \"outcome\"))")
            .arg(dbl),
        // Alert rules shared by every console and CLI on this database; silences; and every
        // change of a rule's state.
        QStringLiteral("CREATE TABLE IF NOT EXISTS \"connector_cache_alert_rule\" ("
                       "\"name\" TEXT NOT NULL PRIMARY KEY,"
                       "\"metric\" TEXT NOT NULL,"
                       "\"comparison\" TEXT NOT NULL," // "below", "above"
                       "\"threshold\" %1 NOT NULL,"
                       "\"window_s\" BIGINT NOT NULL,"
                       "\"pending_s\" BIGINT NOT NULL DEFAULT 0,"
                       "\"severity\" TEXT NOT NULL," // "warning", "critical"
                       "\"enabled\" INTEGER NOT NULL DEFAULT 1,"
                       "\"updated_at_ms\" BIGINT NOT NULL DEFAULT 0,"
                       "\"updated_by\" TEXT NOT NULL DEFAULT '')")
            .arg(dbl),
        QStringLiteral("CREATE TABLE IF NOT EXISTS \"connector_cache_alert_silence\" (%1,"
                       "\"rule\" TEXT NOT NULL,"
                       "\"until_ms\" BIGINT NOT NULL,"
                       "\"reason\" TEXT NOT NULL,"
                       "\"created_at_ms\" BIGINT NOT NULL,"
                       "\"created_by\" TEXT NOT NULL DEFAULT '')")
            .arg(d.serialPrimaryKey(QStringLiteral("id"))),
        QStringLiteral("CREATE TABLE IF NOT EXISTS \"connector_cache_alert_event\" (%1,"
                       "\"at_ms\" BIGINT NOT NULL,"
                       "\"rule\" TEXT NOT NULL,"
                       "\"from_state\" TEXT NOT NULL,"
                       "\"to_state\" TEXT NOT NULL," // "ok", "pending", "firing", "no data"
                       "\"value\" %2,"               // NULL: no data
                       "\"severity\" TEXT NOT NULL,"
                       "\"silenced\" INTEGER NOT NULL DEFAULT 0)")
            .arg(d.serialPrimaryKey(QStringLiteral("id")), dbl),
        QStringLiteral("CREATE INDEX IF NOT EXISTS \"connector_cache_alert_event_at_idx\" ON "
                       "\"connector_cache_alert_event\"(\"at_ms\")"),
    };
    return all;
}

// Every hit rewrites its row (hitCount + 1). With room left on each page the new version
// stays on the page and no index changes (a HOT update): a fraction of the cost, and no index
// bloat. Prisma creates the table with fillfactor 100; 80 leaves room on pages written from
// now on. Best effort, outside the migration's transaction: a role that does not own the
// table (the seed's may) cannot change it, and the cache works either way.
void tuneForHitCounting(QSqlDatabase &db, MigrationReport *report)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(array_to_string(reloptions, ','), '') FROM "
                               "pg_class WHERE oid = to_regclass('" CC_CACHE_TABLE "')")) ||
        !q.next())
        return;
    if (q.value(0).toString().contains(QStringLiteral("fillfactor=")))
        return; // chosen by someone already
    if (q.exec(QStringLiteral("ALTER TABLE " CC_CACHE_TABLE " SET (fillfactor = %1)")
                   .arg(kCacheFillFactor))) {
        report->steps << QStringLiteral("set fillfactor %1 on " CC_CACHE_TABLE_NAME ", so that hit "
                                        "counting updates rows in place")
                             .arg(kCacheFillFactor);
    } else {
        report->steps << QStringLiteral("left fillfactor of " CC_CACHE_TABLE_NAME " as it is (%1)")
                             .arg(oneLineError(q.lastError()));
    }
}

} // namespace

QStringList seedColumns()
{
    return {QStringLiteral("id"),         QStringLiteral("cacheKey"),
            QStringLiteral("userId"),     QStringLiteral("credentialId"),
            QStringLiteral("exchange"),   QStringLiteral("environment"),
            QStringLiteral("timeOffset"), QStringLiteral("lastSyncTime"),
            QStringLiteral("isValid"),    QStringLiteral("expiresAt"),
            QStringLiteral("hitCount"),   QStringLiteral("metadata"),
            QStringLiteral("createdAt"),  QStringLiteral("updatedAt")};
}

bool tableExists(QSqlDatabase &db, const SqlDialect &dialect, const QString &table,
                 StoreError *error)
{
    QSqlQuery q(db);
    bool ok;
    if (dialect.isPostgres()) {
        // The name inlined as a literal rather than bound: QPSQL's bound values need a
        // server-side PREPARE, which a transaction-mode pooler may not keep until the EXECUTE.
        QString reason;
        PGconn *conn = pgnative::connectionOf(db);
        const QString sql =
            conn ? pgnative::inlineBinds(
                       conn, QStringLiteral("SELECT to_regclass(quote_ident(?)) IS NOT NULL"),
                       {table}, &reason)
                 : QString();
        if (sql.isNull()) {
            if (error)
                *error =
                    StoreError(StoreError::QueryFailed,
                               QStringLiteral("looking for table %1: %2")
                                   .arg(table, conn ? reason : QStringLiteral("not connected")));
            return false;
        }
        if (!q.exec(sql) || !q.next()) {
            if (error)
                *error = queryError(q, QStringLiteral("looking for table %1").arg(table));
            return false;
        }
        return q.value(0).toBool();
    } else {
        ok = q.prepare(QStringLiteral(
            "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?"));
        q.addBindValue(table);
    }
    if (!ok || !q.exec() || !q.next()) {
        if (error)
            *error = queryError(q, QStringLiteral("looking for table %1").arg(table));
        return false;
    }
    return q.value(0).toBool();
}

Result<SchemaStatus> detect(QSqlDatabase &db, const SqlDialect &dialect)
{
    StoreError error;
    SchemaStatus status;
    const bool hasMeta = tableExists(db, dialect, metaTable(), &error);
    if (error)
        return error;
    if (hasMeta) {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral(
                "SELECT \"value\" FROM \"connector_cache_meta\" WHERE \"key\" = 'schema_version'")))
            return queryError(q, QStringLiteral("reading the schema version"));
        if (q.next())
            status.version = q.value(0).toString().toInt();
    }
    const bool hasCache = tableExists(db, dialect, CacheStore::tableName(), &error);
    if (error)
        return error;
    if (status.version > CacheStore::kSchemaVersion)
        status.state = SchemaStatus::State::TooNew;
    else if (status.version == CacheStore::kSchemaVersion && hasCache)
        status.state = SchemaStatus::State::Current;
    else if (status.version > 0)
        status.state = SchemaStatus::State::Outdated;
    else if (hasCache)
        status.state = SchemaStatus::State::SeedOnly;
    else
        status.state = SchemaStatus::State::Missing;
    return status;
}

Result<MigrationReport> migrate(QSqlDatabase &db, const SqlDialect &dialect)
{
    auto detected = detect(db, dialect);
    if (!detected.ok())
        return detected.error();
    const SchemaStatus status = detected.value();
    if (status.state == SchemaStatus::State::TooNew) {
        return StoreError(StoreError::SchemaTooNew,
                          QStringLiteral("the database has schema version %1, newer than this "
                                         "connector-cache knows (%2); upgrade connector-cache "
                                         "instead of migrating")
                              .arg(status.version)
                              .arg(CacheStore::kSchemaVersion));
    }

    MigrationReport report;
    report.fromVersion = status.version;
    report.toVersion = CacheStore::kSchemaVersion;

    StoreError error;
    const bool hasCache = tableExists(db, dialect, CacheStore::tableName(), &error);
    if (error)
        return error;
    if (hasCache) {
        QStringList missing;
        const QStringList present = columnsOf(db, CacheStore::tableName());
        for (const QString &column : seedColumns()) {
            if (!present.contains(column, Qt::CaseInsensitive))
                missing << column;
        }
        if (!missing.isEmpty()) {
            return StoreError(StoreError::SchemaIncompatible,
                              QStringLiteral("table " CC_CACHE_TABLE_NAME " exists but lacks the "
                                             "seed model's columns %1; it is not the seed's "
                                             "cache table, so it was left untouched")
                                  .arg(missing.join(QStringLiteral(", "))));
        }
    }

    if (!db.transaction())
        return StoreError(StoreError::QueryFailed,
                          QStringLiteral("cannot start the migration transaction: %1")
                              .arg(db.lastError().text()));
    auto run = [&](const QString &sql) {
        QSqlQuery q(db);
        if (!q.exec(sql)) {
            error = queryError(q, QStringLiteral("migration step"));
            if (q.lastError().nativeErrorCode() == QLatin1String("42501"))
                error = StoreError(StoreError::PermissionDenied,
                                   QStringLiteral("the database role may not change the schema: "
                                                  "%1; run migrate as the schema owner")
                                       .arg(q.lastError().databaseText()));
            return false;
        }
        return true;
    };

    if (!hasCache) {
        for (const QString &sql : dialect.createCacheTable()) {
            if (!run(sql)) {
                db.rollback();
                return error;
            }
        }
        report.createdCacheTable = true;
        report.steps << QStringLiteral("created table " CC_CACHE_TABLE_NAME " (the seed's model)");
    } else if (status.version == 0) {
        report.steps << QStringLiteral("adopted the existing " CC_CACHE_TABLE_NAME " in place");
    }

    const QList<QStringList> all = steps(dialect);
    for (int version = status.version + 1; version <= CacheStore::kSchemaVersion; ++version) {
        for (const QString &sql : all.at(version - 1)) {
            if (!run(sql)) {
                db.rollback();
                return error;
            }
        }
        report.steps << QStringLiteral("applied schema version %1").arg(version);
    }
    // The seed's alert rules, once: into an empty rule table that was never seeded (an operator
    // who deleted every rule keeps none).
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral(
                "SELECT (SELECT COUNT(*) FROM \"connector_cache_alert_rule\"), (SELECT COUNT(*) "
                "FROM \"connector_cache_meta\" WHERE \"key\" = 'alert_rules_seeded')")) ||
            !q.next()) {
            error = queryError(q, QStringLiteral("reading the alert rules"));
            db.rollback();
            return error;
        }
        const bool seed = q.value(0).toLongLong() == 0 && q.value(1).toLongLong() == 0;
        q.finish();
        if (seed) {
            const QList<monitoring::AlertRule> rules = monitoring::defaultRules();
            for (const monitoring::AlertRule &r : rules) {
                // Constants of ours ([a-z0-9_] names, numbers): inlined.
                const QString sql =
                    QStringLiteral("INSERT INTO \"connector_cache_alert_rule\" (\"name\", "
                                   "\"metric\", \"comparison\", \"threshold\", \"window_s\", "
                                   "\"pending_s\", \"severity\", \"enabled\", \"updated_at_ms\", "
                                   "\"updated_by\") VALUES ('%1', '%2', '%3', %4, %5, %6, '%7', "
                                   "%8, 0, 'migrate')")
                        .arg(r.name, r.metric, monitoring::comparisonName(r.comparison),
                             QString::number(r.threshold, 'g', 17))
                        .arg(r.window.count())
                        .arg(r.pendingFor.count())
                        .arg(monitoring::severityName(r.severity))
                        .arg(r.enabled ? 1 : 0);
                if (!run(sql)) {
                    db.rollback();
                    return error;
                }
            }
            if (!run(QStringLiteral("INSERT INTO \"connector_cache_meta\" (\"key\", \"value\") "
                                    "VALUES ('alert_rules_seeded', '1') ON CONFLICT (\"key\") DO "
                                    "NOTHING"))) {
                db.rollback();
                return error;
            }
            report.steps << QStringLiteral("added the default alert rules (%1)").arg(rules.size());
        }
    }
    const QString upsert =
        QStringLiteral("INSERT INTO \"connector_cache_meta\" (\"key\", \"value\") VALUES "
                       "('schema_version', '%1') "
                       "ON CONFLICT (\"key\") DO UPDATE SET \"value\" = excluded.\"value\"")
            .arg(CacheStore::kSchemaVersion);
    if (!run(upsert)) {
        db.rollback();
        return error;
    }
    if (!db.commit()) {
        const QString text = db.lastError().text();
        db.rollback();
        return StoreError(StoreError::QueryFailed,
                          QStringLiteral("committing the migration failed: %1").arg(text));
    }
    if (dialect.isPostgres())
        tuneForHitCounting(db, &report);
    if (report.steps.isEmpty())
        report.steps << QStringLiteral("schema already at version %1; nothing to do")
                            .arg(CacheStore::kSchemaVersion);
    for (const QString &step : std::as_const(report.steps))
        qCInfo(lcStore).noquote() << "migrate:" << step;
    return report;
}

} // namespace cc::schema
