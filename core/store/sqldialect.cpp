#include "core/store/sqldialect.h"
#include "core/store/tablename.h"

namespace cc {

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
    if (isPostgres()) {
        // Exactly what `prisma migrate` generates for the seed's model (mapped to the table
        // name its troubleshooting section lists), so the seed's service can use a table we
        // create, unchanged. @default(cuid()) and @updatedAt are filled by the client.
        return {
            QStringLiteral(R"(CREATE TABLE )" CC_CACHE_TABLE R"( (
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
            QStringLiteral(R"(CREATE UNIQUE INDEX ")" CC_CACHE_TABLE_NAME
                           R"(_cacheKey_key" ON )" CC_CACHE_TABLE R"(("cacheKey"))"),
            QStringLiteral(R"(CREATE INDEX ")" CC_CACHE_TABLE_NAME
                           R"(_cacheKey_idx" ON )" CC_CACHE_TABLE R"(("cacheKey"))"),
            QStringLiteral(R"(CREATE INDEX ")" CC_CACHE_TABLE_NAME
                           R"(_userId_idx" ON )" CC_CACHE_TABLE R"(("userId"))"),
            QStringLiteral(R"(CREATE INDEX ")" CC_CACHE_TABLE_NAME
                           R"(_expiresAt_idx" ON )" CC_CACHE_TABLE R"(("expiresAt"))"),
        };
    }
    // SQLite: Prisma's SQLite mapping (DateTime as milliseconds, Json as TEXT).
    return {
        QStringLiteral(R"(CREATE TABLE )" CC_CACHE_TABLE R"( (
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
        QStringLiteral(R"(CREATE UNIQUE INDEX ")" CC_CACHE_TABLE_NAME
                       R"(_cacheKey_key" ON )" CC_CACHE_TABLE R"(("cacheKey"))"),
        QStringLiteral(R"(CREATE INDEX ")" CC_CACHE_TABLE_NAME R"(_userId_idx" ON )" CC_CACHE_TABLE
                       R"(("userId"))"),
        QStringLiteral(R"(CREATE INDEX ")" CC_CACHE_TABLE_NAME
                       R"(_expiresAt_idx" ON )" CC_CACHE_TABLE R"(("expiresAt"))"),
    };
}

} // namespace cc
