#pragma once

#include "core/store/databaseconfig.h"
#include "core/store/tablename.h"

#include <QString>
#include <QStringList>

namespace cc {

// The SQL that differs between PostgreSQL and SQLite. Everything else is written once.
//
// Timestamps: the seed's Prisma model stores DateTime as TIMESTAMP(3) (UTC, no zone) on
// PostgreSQL; SQLite stores milliseconds since the epoch, as Prisma does there. In C++ every
// time is milliseconds since the epoch; ts() and tsParam() convert at the SQL boundary, exactly
// (integer arithmetic, no floating point), so TTL comparisons are exact to the millisecond.
class SqlDialect
{
public:
    explicit SqlDialect(DatabaseConfig::Backend backend)
        : m_backend(backend)
    {}
    // PostgreSQL: the tables live in config.schema (Prisma's schema=); SQLite has no schemas.
    explicit SqlDialect(const DatabaseConfig &config);

    bool isPostgres() const { return m_backend == DatabaseConfig::Backend::PostgreSQL; }

    // --- where the tables are ---------------------------------------------------------------
    // Every statement names its tables through these, never by a literal of its own: schema-
    // qualified with quoted identifiers ("my ""app"" schema"."connector_state_cache"), so that
    // no session search_path is needed (a transaction-mode pooler would not keep one). Without
    // a schema the names stay unqualified ("connector_state_cache": the search path decides,
    // as it always did), so that the statements are the same text as before schemas.
    // The schema, or empty (unqualified names).
    const QString &schema() const { return m_schema; }
    QString table(Table table) const { return qualified(tableName(table)); }
    // A bare name (a table or an index of ours) quoted and qualified.
    QString qualified(const QString &bareName) const;
    // qualified() as an SQL string literal, for to_regclass() and has_table_privilege().
    QString qualifiedLiteral(const QString &bareName) const;
    QString tableLiteral(Table table) const { return qualifiedLiteral(tableName(table)); }
    // An SQL expression naming the schema the tables are in, for catalog filters
    // (information_schema.*.table_schema, pg_namespace.nspname): the schema as a literal, or
    // current_schema() without one.
    QString schemaExpression() const;
    // A statement written with table tokens, the tables filled in: {cache} (the seed's table),
    // {meta}, {history}, {audit}, {lease}, {sync_log}, {init_history}, {alert_rule},
    // {alert_silence}, {alert_event} become table(), and {'cache'} and the like tableLiteral().
    // Call it last, after every QString::arg(), so that a schema name holding "%1" is never
    // taken for a placeholder. Text without tokens is returned as it is (shared, not copied).
    QString sql(const QString &statement) const;
    // The token's table ("cache", "sync_log", ...); false for another word.
    static bool tableOfToken(QStringView token, Table *table);
    static QString quoteIdentifier(const QString &name);
    // A string literal that means `text` whatever standard_conforming_strings says.
    static QString stringLiteral(const QString &text);

    // Expression giving a timestamp column as BIGINT milliseconds since the epoch.
    QString ts(const QString &quotedColumn) const;
    // A placeholder taking BIGINT milliseconds, as the column's timestamp type.
    QString tsParam() const;
    // A placeholder taking JSON text (or NULL) for the metadata column.
    QString jsonParam() const;
    // Case-insensitive LIKE.
    QString ilike() const;
    // A column type for our own tables' timestamps.
    QString timestampType() const;
    // An auto-incrementing BIGINT primary key column definition.
    QString serialPrimaryKey(const QString &column) const;
    // Suffix for the subquery that picks a batch of rows to delete or update.
    QString skipLocked() const;

    // The seed's table and indexes, as Prisma's migration creates them on PostgreSQL (and the
    // equivalent on SQLite). Statements, one per entry.
    QStringList createCacheTable() const;

private:
    DatabaseConfig::Backend m_backend;
    QString m_schema;
};

} // namespace cc
