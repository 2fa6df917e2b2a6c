#include "core/store/sqldialect.h"
#include "core/store/tablename.h"

namespace cc {

SqlDialect::SqlDialect(const DatabaseConfig &config)
    : m_backend(config.backend)
    , m_schema(config.isPostgres() ? config.schema : QString())
{}

QString SqlDialect::quoteIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString SqlDialect::stringLiteral(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    if (!quoted.contains(QLatin1Char('\\')))
        return QLatin1Char('\'') + quoted + QLatin1Char('\'');
    // An escape string means the same with standard_conforming_strings on or off.
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    return QStringLiteral("E'") + quoted + QLatin1Char('\'');
}

QString SqlDialect::qualified(const QString &bareName) const
{
    if (m_schema.isEmpty())
        return quoteIdentifier(bareName);
    return quoteIdentifier(m_schema) + QLatin1Char('.') + quoteIdentifier(bareName);
}

QString SqlDialect::qualifiedLiteral(const QString &bareName) const
{
    return stringLiteral(qualified(bareName));
}

bool SqlDialect::tableOfToken(QStringView token, Table *table)
{
    static const QLatin1String prefix("connector_cache_");
    for (Table t : kAllTables) {
        const QString name = tableName(t);
        const bool match = t == Table::Cache ? token == QLatin1String("cache")
                                             : name.size() == prefix.size() + token.size() &&
                                                   QStringView(name).mid(prefix.size()) == token;
        if (match) {
            *table = t;
            return true;
        }
    }
    return false;
}

QString SqlDialect::sql(const QString &statement) const
{
    qsizetype open = statement.indexOf(QLatin1Char('{'));
    if (open < 0)
        return statement;
    QString out;
    out.reserve(statement.size() + 64);
    qsizetype from = 0;
    while (open >= 0) {
        const qsizetype close = statement.indexOf(QLatin1Char('}'), open);
        if (close < 0)
            break;
        QStringView token = QStringView(statement).mid(open + 1, close - open - 1);
        const bool literal = token.size() > 2 && token.startsWith(QLatin1Char('\'')) &&
                             token.endsWith(QLatin1Char('\''));
        if (literal)
            token = token.mid(1, token.size() - 2);
        Table table;
        if (tableOfToken(token, &table)) {
            out += QStringView(statement).mid(from, open - from);
            out += literal ? tableLiteral(table) : this->table(table);
            from = close + 1;
        }
        open = statement.indexOf(QLatin1Char('{'), open + 1);
    }
    out += QStringView(statement).mid(from);
    return out;
}

QString SqlDialect::schemaExpression() const
{
    return m_schema.isEmpty() ? QStringLiteral("current_schema()") : stringLiteral(m_schema);
}

QString SqlDialect::ts(const QString &quotedColumn) const
{
    if (isPostgres())
        return QStringLiteral("CAST(EXTRACT(EPOCH FROM %1) * 1000 AS BIGINT)").arg(quotedColumn);
    return quotedColumn;
}

QString SqlDialect::tsParam() const
{
    if (isPostgres())
        return QStringLiteral(
            "(TIMESTAMP '1970-01-01 00:00:00' + CAST(? AS BIGINT) * INTERVAL '1 millisecond')");
    return QStringLiteral("?");
}

QString SqlDialect::jsonParam() const
{
    return isPostgres() ? QStringLiteral("CAST(? AS JSONB)") : QStringLiteral("?");
}

QString SqlDialect::ilike() const
{
    // SQLite's LIKE is case-insensitive for ASCII already.
    return isPostgres() ? QStringLiteral("ILIKE") : QStringLiteral("LIKE");
}

QString SqlDialect::timestampType() const
{
    return isPostgres() ? QStringLiteral("TIMESTAMP(3)") : QStringLiteral("INTEGER");
}

QString SqlDialect::serialPrimaryKey(const QString &column) const
{
    return isPostgres() ? QStringLiteral("\"%1\" BIGSERIAL PRIMARY KEY").arg(column)
                        : QStringLiteral("\"%1\" INTEGER PRIMARY KEY AUTOINCREMENT").arg(column);
}

QString SqlDialect::skipLocked() const
{
    return isPostgres() ? QStringLiteral(" FOR UPDATE SKIP LOCKED") : QString();
}

QStringList SqlDialect::createCacheTable() const
{
    // Index and constraint names are never qualified: they live in their table's schema.
    const QString t = table(Table::Cache);
    const QString on = QStringLiteral(" ON ") + t;
    if (isPostgres()) {
        // Exactly what `prisma migrate` generates for the seed's model (mapped to the table
        // name its troubleshooting section lists), so the seed's service can use a table we
        // create, unchanged. @default(cuid()) and @updatedAt are filled by the client.
        return {
            QStringLiteral("CREATE TABLE ") + t + QStringLiteral(R"( (
    "id" TEXT NOT NULL,
    "cacheKey" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "exchange" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "timeOffset" INTEGER NOT NULL DEFAULT 0,
    "lastSyncTime" TIMESTAMP(3) NOT NULL,
    "isValid" BOOLEAN NOT NULL DEFAULT true,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "hitCount" INTEGER NOT NULL DEFAULT 0,
    "metadata" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT ")" CC_CACHE_TABLE_NAME R"(_pkey" PRIMARY KEY ("id")
))"),
            QStringLiteral(R"(CREATE UNIQUE INDEX ")" CC_CACHE_TABLE_NAME R"(_cacheKey_key")") +
                on + QStringLiteral(R"(("cacheKey"))"),
            QStringLiteral(R"(CREATE INDEX ")" CC_CACHE_TABLE_NAME R"(_cacheKey_idx")") + on +
                QStringLiteral(R"(("cacheKey"))"),
            QStringLiteral(R"(CREATE INDEX ")" CC_CACHE_TABLE_NAME R"(_userId_idx")") + on +
                QStringLiteral(R"(("userId"))"),
            QStringLiteral(R"(CREATE INDEX ")" CC_CACHE_TABLE_NAME R"(_expiresAt_idx")") + on +
                QStringLiteral(R"(("expiresAt"))"),
        };
    }
    // SQLite: Prisma's SQLite mapping (DateTime as milliseconds, Json as TEXT).
    return {
        QStringLiteral("CREATE TABLE ") + t + QStringLiteral(R"( (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cacheKey" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "exchange" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "timeOffset" INTEGER NOT NULL DEFAULT 0,
    "lastSyncTime" INTEGER NOT NULL,
    "isValid" BOOLEAN NOT NULL DEFAULT true,
    "expiresAt" INTEGER NOT NULL,
    "hitCount" INTEGER NOT NULL DEFAULT 0,
    "metadata" TEXT,
    "createdAt" INTEGER NOT NULL,
    "updatedAt" INTEGER NOT NULL
))"),
        QStringLiteral(R"(CREATE UNIQUE INDEX ")" CC_CACHE_TABLE_NAME R"(_cacheKey_key")") + on +
            QStringLiteral(R"(("cacheKey"))"),
        QStringLiteral(R"(CREATE INDEX ")" CC_CACHE_TABLE_NAME R"(_userId_idx")") + on +
            QStringLiteral(R"(("userId"))"),
        QStringLiteral(R"(CREATE INDEX ")" CC_CACHE_TABLE_NAME R"(_expiresAt_idx")") + on +
            QStringLiteral(R"(("expiresAt"))"),
    };
}

} // namespace cc
