#pragma once

#include <QString>

// The tables of the cache, named in one place: the seed's connector_state_cache and ours. SQL
// never spells a table by itself: SqlDialect::table() quotes the name and qualifies it with
// the schema of the URL (Prisma's schema=), so that every statement finds the tables there.
#define CC_CACHE_TABLE_NAME "connector_state_cache" // for messages; SQL: SqlDialect::table()

namespace cc {

// Our own tables, beside the seed's connector_state_cache (whose columns we never alter):
//   connector_cache_meta     key/value; "schema_version"                         (v1)
//   connector_cache_history  per-minute hits, misses, sets, invalidations, cleanups (v1)
//   connector_cache_audit    every administrative action                          (v2)
//   connector_cache_lease    who is syncing an identity right now (the storm)     (v2)
//   connector_cache_sync_log       every sync and timestamp rejection (clock health)   (v3)
//   connector_cache_init_history   connector start-ups per minute and outcome          (v3)
//   connector_cache_alert_rule     alert rules; _alert_silence, _alert_event           (v3)
//   (v3 also adds expired, rejections, entries, size_bytes to connector_cache_history)
enum class Table {
    Cache, // the seed's
    Meta,
    History,
    Audit,
    Lease,
    SyncLog,
    InitHistory,
    AlertRule,
    AlertSilence,
    AlertEvent,
};
constexpr Table kAllTables[] = {
    Table::Cache,   Table::Meta,        Table::History,   Table::Audit,        Table::Lease,
    Table::SyncLog, Table::InitHistory, Table::AlertRule, Table::AlertSilence, Table::AlertEvent};

// The table's bare name (unquoted, unqualified): for messages and catalog lookups.
inline QString tableName(Table table)
{
    switch (table) {
    case Table::Cache:
        return QStringLiteral(CC_CACHE_TABLE_NAME);
    case Table::Meta:
        return QStringLiteral("connector_cache_meta");
    case Table::History:
        return QStringLiteral("connector_cache_history");
    case Table::Audit:
        return QStringLiteral("connector_cache_audit");
    case Table::Lease:
        return QStringLiteral("connector_cache_lease");
    case Table::SyncLog:
        return QStringLiteral("connector_cache_sync_log");
    case Table::InitHistory:
        return QStringLiteral("connector_cache_init_history");
    case Table::AlertRule:
        return QStringLiteral("connector_cache_alert_rule");
    case Table::AlertSilence:
        return QStringLiteral("connector_cache_alert_silence");
    case Table::AlertEvent:
        return QStringLiteral("connector_cache_alert_event");
    }
    return QString();
}

} // namespace cc
