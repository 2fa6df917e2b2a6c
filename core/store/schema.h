#pragma once

#include "core/result.h"
#include "core/store/cachestore.h"
#include "core/store/sqldialect.h"

#include <QSqlDatabase>

namespace cc::schema {

// Our own tables, beside the seed's connector_state_cache (whose columns we never alter):
//   connector_cache_meta     key/value; "schema_version"                         (v1)
//   connector_cache_history  per-minute hits, misses, sets, invalidations, cleanups (v1)
//   connector_cache_audit    every administrative action                          (v2)
//   connector_cache_lease    who is syncing an identity right now (the storm)     (v2)
//   connector_cache_sync_log       every sync and timestamp rejection (clock health)   (v3)
//   connector_cache_init_history   connector start-ups per minute and outcome          (v3)
//   connector_cache_alert_rule     alert rules; _alert_silence, _alert_event           (v3)
//   (v3 also adds expired, rejections, entries, size_bytes to connector_cache_history)
inline QString metaTable()
{
    return QStringLiteral("connector_cache_meta");
}
inline QString historyTable()
{
    return QStringLiteral("connector_cache_history");
}
inline QString auditTable()
{
    return QStringLiteral("connector_cache_audit");
}
inline QString leaseTable()
{
    return QStringLiteral("connector_cache_lease");
}
inline QString syncLogTable()
{
    return QStringLiteral("connector_cache_sync_log");
}
inline QString initHistoryTable()
{
    return QStringLiteral("connector_cache_init_history");
}
inline QString alertRuleTable()
{
    return QStringLiteral("connector_cache_alert_rule");
}
inline QString alertSilenceTable()
{
    return QStringLiteral("connector_cache_alert_silence");
}
inline QString alertEventTable()
{
    return QStringLiteral("connector_cache_alert_event");
}

// The seed model's columns; a table lacking any of them cannot be adopted.
QStringList seedColumns();

bool tableExists(QSqlDatabase &db, const SqlDialect &dialect, const QString &table,
                 StoreError *error);
Result<SchemaStatus> detect(QSqlDatabase &db, const SqlDialect &dialect);
Result<MigrationReport> migrate(QSqlDatabase &db, const SqlDialect &dialect);

// The actual schema against the seed's model and our steps: missing tables, columns, indexes,
// column types (PostgreSQL) and the role's privileges (PostgreSQL; what a connector needs).
Result<SchemaCheck> check(QSqlDatabase &db, const SqlDialect &dialect);
// Puts back our own tables, columns and indexes that are missing at the current version (a
// table dropped by hand, a column of ours dropped); returns what it did, in words.
Result<QStringList> repair(QSqlDatabase &db, const SqlDialect &dialect);

} // namespace cc::schema
