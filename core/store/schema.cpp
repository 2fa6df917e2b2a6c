#include "core/store/schema.h"
#include "core/store/pgnative.h"
#include "core/store/tablename.h"

#include "core/logging.h"
#include "core/monitoring/alerts.h"

#include <QHash>
#include <QRegularExpression>
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

// The columns of one of our tables (or the seed's), in the dialect's schema. On PostgreSQL
// read from the catalog by the qualified name (QPSQL's record() would splice a schema name into
// its own SQL unquoted).
QStringList columnsOf(QSqlDatabase &db, const SqlDialect &dialect, const QString &table)
{
    QStringList names;
    if (dialect.isPostgres()) {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT attname FROM pg_attribute WHERE attrelid = "
                                  "to_regclass(%1) AND attnum > 0 AND NOT attisdropped ORDER BY "
                                  "attnum")
                       .arg(dialect.qualifiedLiteral(table)))) {
            while (q.next())
                names << q.value(0).toString();
        }
        return names;
    }
    const QSqlRecord record = db.record(table);
    for (int i = 0; i < record.count(); ++i)
        names << record.fieldName(i);
    return names;
}

// A table or index of ours as messages name it: bare, or qualified when a schema is set.
QString shownName(const SqlDialect &dialect, const QString &name)
{
    return dialect.schema().isEmpty() ? name : dialect.qualified(name);
}

// Token-named tables in our steps ({meta}, {history}, ...): the bare name.
QString tokenTable(const QString &token)
{
    Table table;
    return SqlDialect::tableOfToken(token, &table) ? tableName(table) : token;
}

constexpr int kCacheFillFactor = 80;

QString oneLineError(const QSqlError &e)
{
    return (e.databaseText().isEmpty() ? e.text() : e.databaseText()).simplified();
}

// Our migrations, one list of statements per version. Never edit a released step: add one.
// Tables are named by their tokens ({meta}: SqlDialect::sql() fills in the qualified name);
// expected() and repair() read the statements in this form.
QList<QStringList> steps(const SqlDialect &d)
{
    const QString ts = d.timestampType();
    QList<QStringList> all;
    // v1: version bookkeeping and the per-minute hit/miss history.
    all << QStringList{
        QStringLiteral("CREATE TABLE IF NOT EXISTS {meta} ("
                       "\"key\" TEXT NOT NULL PRIMARY KEY, \"value\" TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS {history} ("
                       "\"minute\" BIGINT NOT NULL PRIMARY KEY," // minutes since the epoch, UTC
                       "\"hits\" BIGINT NOT NULL DEFAULT 0,"
                       "\"misses\" BIGINT NOT NULL DEFAULT 0,"
                       "\"sets\" BIGINT NOT NULL DEFAULT 0,"
                       "\"invalidations\" BIGINT NOT NULL DEFAULT 0,"
                       "\"cleanups\" BIGINT NOT NULL DEFAULT 0)"),
    };
    // v2: the audit log and the sync lease.
    all << QStringList{
        QStringLiteral("CREATE TABLE IF NOT EXISTS {audit} (%1,"
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
                       "{audit}(\"at\")"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS {lease} ("
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
        QStringLiteral("CREATE TABLE IF NOT EXISTS {sync_log} (%1,"
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
                       "{sync_log}(\"at_ms\")"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS \"connector_cache_sync_log_identity_idx\" ON "
                       "{sync_log}(\"identity\", \"at_ms\")"),
        // The per-minute history gains what the seed's metrics need: entries that expired
        // unrenewed, timestamp rejections, and the table's size sampled once a minute (NULL
        // where nobody sampled it).
        QStringLiteral("ALTER TABLE {history} ADD COLUMN \"expired\" BIGINT "
                       "NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE {history} ADD COLUMN \"rejections\" "
                       "BIGINT NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE {history} ADD COLUMN \"entries\" BIGINT"),
        QStringLiteral("ALTER TABLE {history} ADD COLUMN \"size_bytes\" BIGINT"),
        // Connector start-ups per minute and outcome ("hit", "miss-synced", "stale-safe",
        // "failed"): count, sum and fixed latency buckets, non-cumulative (b_le_N counts
        // durations in (previous bound, N] ms; above 5000 ms is count minus their sum). No row
        // per start.
        QStringLiteral("CREATE TABLE IF NOT EXISTS {init_history} ("
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
        QStringLiteral("CREATE TABLE IF NOT EXISTS {alert_rule} ("
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
        QStringLiteral("CREATE TABLE IF NOT EXISTS {alert_silence} (%1,"
                       "\"rule\" TEXT NOT NULL,"
                       "\"until_ms\" BIGINT NOT NULL,"
                       "\"reason\" TEXT NOT NULL,"
                       "\"created_at_ms\" BIGINT NOT NULL,"
                       "\"created_by\" TEXT NOT NULL DEFAULT '')")
            .arg(d.serialPrimaryKey(QStringLiteral("id"))),
        QStringLiteral("CREATE TABLE IF NOT EXISTS {alert_event} (%1,"
                       "\"at_ms\" BIGINT NOT NULL,"
                       "\"rule\" TEXT NOT NULL,"
                       "\"from_state\" TEXT NOT NULL,"
                       "\"to_state\" TEXT NOT NULL," // "ok", "pending", "firing", "no data"
                       "\"value\" %2,"               // NULL: no data
                       "\"severity\" TEXT NOT NULL,"
                       "\"silenced\" INTEGER NOT NULL DEFAULT 0)")
            .arg(d.serialPrimaryKey(QStringLiteral("id")), dbl),
        QStringLiteral("CREATE INDEX IF NOT EXISTS \"connector_cache_alert_event_at_idx\" ON "
                       "{alert_event}(\"at_ms\")"),
    };
    return all;
}

// Every hit rewrites its row (hitCount + 1). With room left on each page the new version
// stays on the page and no index changes (a HOT update): a fraction of the cost, and no index
// bloat. Prisma creates the table with fillfactor 100; 80 leaves room on pages written from
// now on. Best effort, outside the migration's transaction: a role that does not own the
// table (the seed's may) cannot change it, and the cache works either way.
void tuneForHitCounting(QSqlDatabase &db, const SqlDialect &dialect, MigrationReport *report)
{
    QSqlQuery q(db);
    if (!q.exec(
            dialect.sql(QStringLiteral("SELECT COALESCE(array_to_string(reloptions, ','), '') FROM "
                                       "pg_class WHERE oid = to_regclass({'cache'})"))) ||
        !q.next())
        return;
    if (q.value(0).toString().contains(QStringLiteral("fillfactor=")))
        return; // chosen by someone already
    if (q.exec(dialect.sql(
            QStringLiteral("ALTER TABLE {cache} SET (fillfactor = %1)").arg(kCacheFillFactor)))) {
        report->steps << QStringLiteral("set fillfactor %1 on %2, so that hit "
                                        "counting updates rows in place")
                             .arg(QString::number(kCacheFillFactor),
                                  shownName(dialect, tableName(Table::Cache)));
    } else {
        report->steps << QStringLiteral("left fillfactor of %1 as it is (%2)")
                             .arg(shownName(dialect, tableName(Table::Cache)),
                                  oneLineError(q.lastError()));
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
        // The qualified name inlined as a literal of ours rather than bound: QPSQL's bound
        // values need a server-side PREPARE, which a transaction-mode pooler may not keep until
        // the EXECUTE. to_regclass() is NULL for a missing table and a missing schema alike.
        if (!q.exec(QStringLiteral("SELECT to_regclass(%1) IS NOT NULL")
                        .arg(dialect.qualifiedLiteral(table))) ||
            !q.next()) {
            if (error) {
                if (q.lastError().nativeErrorCode() == QLatin1String("42501"))
                    *error = StoreError(
                        StoreError::PermissionDenied,
                        QStringLiteral("looking for table %1: %2 — the role needs USAGE on the "
                                       "schema (see the GRANTs in the README)")
                            .arg(shownName(dialect, table), oneLineError(q.lastError())));
                else
                    *error = queryError(
                        q, QStringLiteral("looking for table %1").arg(shownName(dialect, table)));
            }
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
    const bool hasMeta = tableExists(db, dialect, tableName(Table::Meta), &error);
    if (error)
        return error;
    if (hasMeta) {
        QSqlQuery q(db);
        if (!q.exec(dialect.sql(QStringLiteral("SELECT \"value\" FROM {meta} WHERE \"key\" = "
                                               "'schema_version'")))) {
            // A role without SELECT on it is a permission problem (exit 7), not a failure.
            if (q.lastError().nativeErrorCode() == QLatin1String("42501"))
                return StoreError(StoreError::PermissionDenied,
                                  QStringLiteral("reading the schema version: %1 — see the "
                                                 "GRANTs in the README")
                                      .arg(oneLineError(q.lastError())));
            return queryError(q, QStringLiteral("reading the schema version"));
        }
        if (q.next())
            status.version = q.value(0).toString().toInt();
    }
    const bool hasCache = tableExists(db, dialect, tableName(Table::Cache), &error);
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
    const bool hasCache = tableExists(db, dialect, tableName(Table::Cache), &error);
    if (error)
        return error;
    if (hasCache) {
        QStringList missing;
        const QStringList present = columnsOf(db, dialect, tableName(Table::Cache));
        for (const QString &column : seedColumns()) {
            if (!present.contains(column, Qt::CaseInsensitive))
                missing << column;
        }
        if (!missing.isEmpty()) {
            return StoreError(StoreError::SchemaIncompatible,
                              QStringLiteral("table %1 exists but lacks the "
                                             "seed model's columns %2; it is not the seed's "
                                             "cache table, so it was left untouched")
                                  .arg(shownName(dialect, tableName(Table::Cache)),
                                       missing.join(QStringLiteral(", "))));
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

    // The URL's schema, created when it is not there yet (as Prisma's migration does). Only
    // then: CREATE SCHEMA IF NOT EXISTS checks the database's CREATE privilege even for a
    // schema that exists, which a role owning just its schema lacks.
    if (dialect.isPostgres() && !dialect.schema().isEmpty()) {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = %1)")
                        .arg(SqlDialect::stringLiteral(dialect.schema()))) ||
            !q.next()) {
            error = queryError(q, QStringLiteral("looking for the schema"));
            db.rollback();
            return error;
        }
        const bool schemaExists = q.value(0).toBool();
        q.finish();
        if (!schemaExists) {
            QSqlQuery create(db);
            if (!create.exec(QStringLiteral("CREATE SCHEMA IF NOT EXISTS ") +
                             SqlDialect::quoteIdentifier(dialect.schema()))) {
                const bool denied = create.lastError().nativeErrorCode() == QLatin1String("42501");
                error = StoreError(
                    denied ? StoreError::PermissionDenied : StoreError::QueryFailed,
                    QStringLiteral("creating the schema %1 failed: %2%3")
                        .arg(SqlDialect::quoteIdentifier(dialect.schema()),
                             oneLineError(create.lastError()),
                             denied ? QStringLiteral(" — the role may not create schemas; create "
                                                     "it as its owner (CREATE SCHEMA ... "
                                                     "AUTHORIZATION this role) or GRANT CREATE "
                                                     "ON DATABASE, then run migrate again")
                                    : QString()));
                db.rollback();
                return error;
            }
            report.steps << QStringLiteral("created schema %1")
                                .arg(SqlDialect::quoteIdentifier(dialect.schema()));
        }
    }

    if (!hasCache) {
        for (const QString &sql : dialect.createCacheTable()) {
            if (!run(sql)) {
                db.rollback();
                return error;
            }
        }
        report.createdCacheTable = true;
        report.steps << QStringLiteral("created table %1 (the seed's model)")
                            .arg(shownName(dialect, tableName(Table::Cache)));
    } else if (status.version == 0) {
        report.steps << QStringLiteral("adopted the existing %1 in place")
                            .arg(shownName(dialect, tableName(Table::Cache)));
    }

    const QList<QStringList> all = steps(dialect);
    for (int version = status.version + 1; version <= CacheStore::kSchemaVersion; ++version) {
        for (const QString &sql : all.at(version - 1)) {
            if (!run(dialect.sql(sql))) {
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
        if (!q.exec(dialect.sql(
                QStringLiteral("SELECT (SELECT COUNT(*) FROM {alert_rule}), (SELECT COUNT(*) "
                               "FROM {meta} WHERE \"key\" = 'alert_rules_seeded')"))) ||
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
                    QStringLiteral("INSERT INTO {alert_rule} (\"name\", "
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
                if (!run(dialect.sql(sql))) {
                    db.rollback();
                    return error;
                }
            }
            if (!run(dialect.sql(
                    QStringLiteral("INSERT INTO {meta} (\"key\", \"value\") "
                                   "VALUES ('alert_rules_seeded', '1') ON CONFLICT (\"key\") DO "
                                   "NOTHING")))) {
                db.rollback();
                return error;
            }
            report.steps << QStringLiteral("added the default alert rules (%1)").arg(rules.size());
        }
    }
    const QString upsert =
        QStringLiteral("INSERT INTO {meta} (\"key\", \"value\") VALUES "
                       "('schema_version', '%1') "
                       "ON CONFLICT (\"key\") DO UPDATE SET \"value\" = excluded.\"value\"")
            .arg(CacheStore::kSchemaVersion);
    if (!run(dialect.sql(upsert))) {
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
        tuneForHitCounting(db, dialect, &report);
    if (report.steps.isEmpty())
        report.steps << QStringLiteral("schema already at version %1; nothing to do")
                            .arg(CacheStore::kSchemaVersion);
    for (const QString &step : std::as_const(report.steps))
        qCInfo(lcStore).noquote() << "migrate:" << step;
    return report;
}

namespace {

// What our steps lay down, read from their statements, so that the check never drifts from
// them: per table its columns, and the index names.
struct Expected
{
    QList<QPair<QString, QStringList>> tables; // in creation order
    QStringList indexes;
};

Expected expected(const SqlDialect &dialect)
{
    Expected e;
    static const QRegularExpression createTable(
        QStringLiteral("^CREATE TABLE IF NOT EXISTS \\{(\\w+)\\} \\((.*)\\)$"),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression column(QStringLiteral("(?:^|,)\\s*\"(\\w+)\""));
    static const QRegularExpression addColumn(
        QStringLiteral("^ALTER TABLE \\{(\\w+)\\} ADD COLUMN \"(\\w+)\""));
    static const QRegularExpression createIndex(
        QStringLiteral("^CREATE INDEX IF NOT EXISTS \"(\\w+)\""));
    const auto columnsOfTable = [&e](const QString &table) -> QStringList & {
        for (auto &t : e.tables) {
            if (t.first == table)
                return t.second;
        }
        e.tables.append({table, QStringList()});
        return e.tables.last().second;
    };
    for (const QStringList &step : steps(dialect)) {
        for (const QString &sql : step) {
            if (const auto m = createTable.match(sql); m.hasMatch()) {
                QStringList &columns = columnsOfTable(tokenTable(m.captured(1)));
                auto it = column.globalMatch(m.captured(2));
                while (it.hasNext()) {
                    const QString name = it.next().captured(1);
                    if (!columns.contains(name))
                        columns << name;
                }
            } else if (const auto a = addColumn.match(sql); a.hasMatch()) {
                QStringList &columns = columnsOfTable(tokenTable(a.captured(1)));
                if (!columns.contains(a.captured(2)))
                    columns << a.captured(2);
            } else if (const auto i = createIndex.match(sql); i.hasMatch()) {
                e.indexes << i.captured(1);
            }
        }
    }
    return e;
}

StoreError classified(const QSqlQuery &q, const QString &what)
{
    if (q.lastError().nativeErrorCode() == QLatin1String("42501"))
        return StoreError(StoreError::PermissionDenied,
                          QStringLiteral("%1: %2").arg(what, oneLineError(q.lastError())));
    return queryError(q, what);
}

bool indexExists(QSqlDatabase &db, const SqlDialect &dialect, const QString &name,
                 StoreError *error)
{
    QSqlQuery q(db);
    const QString sql =
        dialect.isPostgres()
            ? QStringLiteral("SELECT to_regclass(%1) IS NOT NULL")
                  .arg(dialect.qualifiedLiteral(name))
            : QStringLiteral("SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'index' AND "
                             "name = '%1'")
                  .arg(name);
    if (!q.exec(sql) || !q.next()) {
        *error =
            classified(q, QStringLiteral("looking for index %1").arg(shownName(dialect, name)));
        return false;
    }
    return q.value(0).toBool();
}

// The type families the seed's columns must have on PostgreSQL (Prisma's, or wider).
QStringList typesFor(const QString &column)
{
    static const QHash<QString, QStringList> types{
        {QStringLiteral("timeOffset"), {QStringLiteral("integer"), QStringLiteral("bigint")}},
        {QStringLiteral("hitCount"), {QStringLiteral("integer"), QStringLiteral("bigint")}},
        {QStringLiteral("isValid"), {QStringLiteral("boolean")}},
        {QStringLiteral("metadata"), {QStringLiteral("jsonb"), QStringLiteral("json")}},
    };
    static const QStringList times{QStringLiteral("timestamp without time zone"),
                                   QStringLiteral("timestamp with time zone")};
    if (column.endsWith(QLatin1String("Time")) || column.endsWith(QLatin1String("At")))
        return times;
    return types.value(column, {QStringLiteral("text"), QStringLiteral("character varying")});
}

} // namespace

Result<SchemaCheck> check(QSqlDatabase &db, const SqlDialect &dialect)
{
    SchemaCheck result;
    StoreError error;
    const QString cache = tableName(Table::Cache);
    const QString shownCache = shownName(dialect, cache);
    // The seed's table: its columns (and types), and the unique cache key that set() upserts on.
    if (!tableExists(db, dialect, cache, &error)) {
        if (error)
            return error;
        result.schema
            << QStringLiteral("table %1 is missing (run connector-cache migrate)").arg(shownCache);
    } else {
        const QStringList present = columnsOf(db, dialect, cache);
        for (const QString &column : seedColumns()) {
            if (!present.contains(column))
                result.schema << QStringLiteral("table %1 lacks the seed model's column \"%2\"")
                                     .arg(shownCache, column);
        }
        QSqlQuery q(db);
        if (dialect.isPostgres()) {
            // In the table's own schema: the URL's, else the one the search path finds first.
            if (!q.exec(QStringLiteral("SELECT column_name, data_type FROM "
                                       "information_schema.columns WHERE table_schema = %1 AND "
                                       "table_name = %2")
                            .arg(dialect.schemaExpression(), SqlDialect::stringLiteral(cache))))
                return classified(q, QStringLiteral("reading the columns of %1").arg(shownCache));
            while (q.next()) {
                const QString name = q.value(0).toString();
                const QString type = q.value(1).toString();
                if (seedColumns().contains(name) && !typesFor(name).contains(type))
                    result.schema << QStringLiteral("column %1.\"%2\" is %3, not %4")
                                         .arg(shownCache, name, type,
                                              typesFor(name).join(QStringLiteral(" or ")));
            }
        }
        const QString uniqueKey =
            dialect.isPostgres()
                ? QStringLiteral("SELECT COUNT(*) FROM pg_index i JOIN pg_attribute a ON "
                                 "a.attrelid = i.indrelid AND a.attnum = i.indkey[0] WHERE "
                                 "i.indrelid = to_regclass(%1) AND i.indisunique AND "
                                 "i.indnkeyatts = 1 AND a.attname = 'cacheKey'")
                      .arg(dialect.qualifiedLiteral(cache))
                : QStringLiteral("SELECT COUNT(*) FROM pragma_index_list('%1') l WHERE "
                                 "l.\"unique\" = 1 AND (SELECT COUNT(*) FROM "
                                 "pragma_index_info(l.name)) = 1 AND (SELECT name FROM "
                                 "pragma_index_info(l.name)) = 'cacheKey'")
                      .arg(cache);
        if (!q.exec(uniqueKey) || !q.next())
            return classified(q, QStringLiteral("looking for the unique index on cacheKey"));
        if (q.value(0).toLongLong() == 0)
            result.schema << QStringLiteral("table %1 has no unique index on \"cacheKey\" (the "
                                            "seed's %2_cacheKey_key): writes cannot upsert")
                                 .arg(shownCache, cache);
    }
    // Ours: every table, column and index our steps lay down.
    const Expected ours = expected(dialect);
    for (const auto &[table, columns] : ours.tables) {
        if (!tableExists(db, dialect, table, &error)) {
            if (error)
                return error;
            result.schema << QStringLiteral("table %1 is missing").arg(shownName(dialect, table));
            continue;
        }
        const QStringList present = columnsOf(db, dialect, table);
        for (const QString &column : columns) {
            if (!present.contains(column))
                result.schema << QStringLiteral("table %1 lacks its column \"%2\"")
                                     .arg(shownName(dialect, table), column);
        }
    }
    for (const QString &index : ours.indexes) {
        if (!indexExists(db, dialect, index, &error)) {
            if (error)
                return error;
            result.schema << QStringLiteral("index %1 is missing").arg(shownName(dialect, index));
        }
    }
    // PostgreSQL: what a connector's role needs (the README's cache_connector GRANTs).
    if (dialect.isPostgres()) {
        const QList<QPair<Table, QStringList>> needed{
            {Table::Cache,
             {QStringLiteral("SELECT"), QStringLiteral("INSERT"), QStringLiteral("UPDATE")}},
            {Table::Meta, {QStringLiteral("SELECT")}},
            {Table::History,
             {QStringLiteral("SELECT"), QStringLiteral("INSERT"), QStringLiteral("UPDATE")}},
            {Table::Lease,
             {QStringLiteral("SELECT"), QStringLiteral("INSERT"), QStringLiteral("UPDATE"),
              QStringLiteral("DELETE")}},
        };
        for (const auto &[table, privileges] : needed) {
            if (!tableExists(db, dialect, tableName(table), &error)) {
                if (error)
                    return error;
                continue; // named above
            }
            QStringList missing;
            for (const QString &privilege : privileges) {
                QSqlQuery q(db);
                if (!q.exec(QStringLiteral("SELECT has_table_privilege(%1, '%2')")
                                .arg(dialect.tableLiteral(table), privilege)) ||
                    !q.next())
                    return classified(q, QStringLiteral("checking the role's privileges"));
                if (!q.value(0).toBool())
                    missing << privilege;
            }
            if (!missing.isEmpty())
                result.privileges << QStringLiteral("%1 on %2")
                                         .arg(missing.join(QStringLiteral(", ")),
                                              shownName(dialect, tableName(table)));
        }
    }
    return result;
}

Result<QStringList> repair(QSqlDatabase &db, const SqlDialect &dialect)
{
    QStringList done;
    StoreError error;
    if (!db.transaction())
        return StoreError(
            StoreError::QueryFailed,
            QStringLiteral("cannot start the repair transaction: %1").arg(db.lastError().text()));
    static const QRegularExpression createTable(
        QStringLiteral("^CREATE TABLE IF NOT EXISTS \\{(\\w+)\\}"));
    static const QRegularExpression addColumn(
        QStringLiteral("^ALTER TABLE \\{(\\w+)\\} ADD COLUMN \"(\\w+)\""));
    static const QRegularExpression createIndex(
        QStringLiteral("^CREATE INDEX IF NOT EXISTS \"(\\w+)\""));
    const auto fail = [&](const QSqlQuery &q) {
        const StoreError e = classified(q, QStringLiteral("repairing the schema"));
        db.rollback();
        return e;
    };
    // Our steps in order: what is missing now is laid down again (a table created again gets
    // the columns later steps added, by those steps' own statements).
    for (const QStringList &step : steps(dialect)) {
        for (const QString &sql : step) {
            QString what;
            if (const auto m = createTable.match(sql); m.hasMatch()) {
                const QString table = tokenTable(m.captured(1));
                if (tableExists(db, dialect, table, &error))
                    continue;
                what =
                    QStringLiteral("created the missing table %1").arg(shownName(dialect, table));
            } else if (const auto a = addColumn.match(sql); a.hasMatch()) {
                const QString table = tokenTable(a.captured(1));
                if (columnsOf(db, dialect, table).contains(a.captured(2)))
                    continue;
                what = QStringLiteral("added the missing column %1.\"%2\"")
                           .arg(shownName(dialect, table), a.captured(2));
            } else if (const auto i = createIndex.match(sql); i.hasMatch()) {
                if (indexExists(db, dialect, i.captured(1), &error))
                    continue;
                what = QStringLiteral("created the missing index %1")
                           .arg(shownName(dialect, i.captured(1)));
            } else {
                continue;
            }
            if (error) {
                db.rollback();
                return error;
            }
            QSqlQuery q(db);
            if (!q.exec(dialect.sql(sql)))
                return fail(q);
            done << what;
        }
    }
    if (!db.commit()) {
        const QString text = db.lastError().text();
        db.rollback();
        return StoreError(StoreError::QueryFailed,
                          QStringLiteral("committing the repair failed: %1").arg(text));
    }
    return done;
}

} // namespace cc::schema
