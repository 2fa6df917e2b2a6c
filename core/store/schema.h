#pragma once

#include "core/result.h"
#include "core/store/cachestore.h"
#include "core/store/sqldialect.h"

#include <QSqlDatabase>

namespace cc::schema {

// The tables: tablename.h (Table, tableName()); statements name them through SqlDialect
// (table(), sql() with {tokens}), qualified with the URL's schema.

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
