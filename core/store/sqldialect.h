#pragma once

#include "core/store/databaseconfig.h"

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

    bool isPostgres() const { return m_backend == DatabaseConfig::Backend::PostgreSQL; }

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
};

} // namespace cc
