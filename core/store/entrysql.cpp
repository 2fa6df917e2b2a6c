#include "core/store/cachestore_p.h"
#include "core/store/tablename.h"
#include "core/store/validation.h"

#include "core/logging.h"

#include <QJsonDocument>
#include <QMutex>
#include <QSet>

namespace cc {

namespace {

QString quoted(const QString &identifier)
{
    return QLatin1Char('"') + identifier + QLatin1Char('"');
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

// The base64url JSON a keyset cursor travels as.
QString encodeCursor(SortColumn column, Qt::SortOrder order, const QVariant &value,
                     const QString &id)
{
    QJsonObject o;
    o.insert(QStringLiteral("c"), sortColumnName(column));
    o.insert(QStringLiteral("o"),
             order == Qt::AscendingOrder ? QStringLiteral("asc") : QStringLiteral("desc"));
    if (value.userType() == QMetaType::QString)
        o.insert(QStringLiteral("s"), value.toString());
    else
        o.insert(QStringLiteral("n"), QString::number(value.toLongLong()));
    o.insert(QStringLiteral("id"), id);
    return QString::fromLatin1(
        QJsonDocument(o)
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool isTimeColumn(SortColumn column)
{
    return column == SortColumn::LastSyncTime || column == SortColumn::ExpiresAt ||
           column == SortColumn::UpdatedAt;
}

bool isNumberColumn(SortColumn column)
{
    return isTimeColumn(column) || column == SortColumn::TimeOffset ||
           column == SortColumn::HitCount;
}

// columns() for the native path: the stored columns themselves, which it reads in binary
// (a timestamp is a number of microseconds there: nothing for the server to compute).
QString nativeColumns()
{
    return QStringLiteral("\"id\", \"cacheKey\", \"userId\", \"credentialId\", \"exchange\", "
                          "\"environment\", \"timeOffset\", \"lastSyncTime\", \"isValid\", "
                          "\"expiresAt\", \"hitCount\", CAST(\"metadata\" AS TEXT), \"createdAt\", "
                          "\"updatedAt\"");
}

// The offset columns (readOffsetFrom()): the times as numbers and the metadata as text, whose
// sync account's numbers the client takes out (readSyncNumbers()). Having the server do it
// with ten jsonb expressions cost a statement parsed and planned on every call (a pooled
// connection's unnamed statement) about 40 % more: 181 against 116 µs through PgBouncer.
QString offsetColumns(const SqlDialect &d, bool native)
{
    const auto time = [&](const char *column) {
        const QString quoted = QLatin1Char('"') + QLatin1String(column) + QLatin1Char('"');
        return native ? quoted : d.ts(quoted);
    };
    return QStringLiteral("\"id\", \"timeOffset\", %1, %2, %3, \"isValid\", %4")
        .arg(time("lastSyncTime"), time("expiresAt"), time("updatedAt"),
             d.isPostgres() ? QStringLiteral("CAST(\"metadata\" AS TEXT)")
                            : QStringLiteral("\"metadata\""));
}

// Rows already reported as holding values of the wrong type (once per database and row).
QMutex g_oddRowsMutex;
QSet<QString> g_oddRowsReported;

} // namespace

using namespace store;

// SQLite only: whether the row holds a timeOffset that is not an integer or times that are not
// times (SQLite stores what it is given). Such a row is a miss, reported once in words.
bool CacheStore::Private::oddRow(const QString &id, const QString &userId,
                                 const QString &credentialId)
{
    if (isPostgres())
        return false; // the column types hold
    StoreError error;
    ActiveQuery query =
        run(dialect.sql(QStringLiteral(
                "SELECT typeof(\"timeOffset\"), typeof(\"expiresAt\"), "
                "typeof(\"lastSyncTime\"), quote(\"timeOffset\"), quote(\"expiresAt\"), "
                "quote(\"lastSyncTime\") FROM {cache} WHERE \"id\" = ?")),
            {id}, &error, QStringLiteral("checking the entry's values"));
    if (!query || !query->next())
        return false;
    QStringList wrong;
    const char *names[] = {"timeOffset", "expiresAt", "lastSyncTime"};
    for (int i = 0; i < 3; ++i) {
        if (query->value(i).toString() != QLatin1String("integer"))
            wrong << QStringLiteral("%1 = %2 (%3, not %4)")
                         .arg(QLatin1String(names[i]), query->value(3 + i).toString().left(40),
                              query->value(i).toString(),
                              i == 0 ? QStringLiteral("a whole number of milliseconds")
                                     : QStringLiteral("a time in milliseconds"));
    }
    if (wrong.isEmpty())
        return false;
    const QString key = where() + QLatin1Char('\n') + id;
    QMutexLocker lock(&g_oddRowsMutex);
    if (!g_oddRowsReported.contains(key)) {
        g_oddRowsReported.insert(key);
        qCWarning(lcCache).noquote()
            << QStringLiteral("Cache entry %1 (row %2) holds values the schema does not allow: "
                              "%3 — treated as a miss; the next sync rewrites it")
                   .arg(CacheStore::cacheKey(userId, credentialId), id,
                        wrong.join(QStringLiteral(", ")));
    }
    return true;
}

QString CacheStore::Private::columns() const
{
    const SqlDialect &d = dialect;
    return QStringLiteral("\"id\", \"cacheKey\", \"userId\", \"credentialId\", \"exchange\", "
                          "\"environment\", \"timeOffset\", %1, \"isValid\", %2, \"hitCount\", "
                          "%3, %4, %5")
        .arg(d.ts(QStringLiteral("\"lastSyncTime\"")), d.ts(QStringLiteral("\"expiresAt\"")),
             d.isPostgres() ? QStringLiteral("CAST(\"metadata\" AS TEXT)")
                            : QStringLiteral("\"metadata\""),
             d.ts(QStringLiteral("\"createdAt\"")), d.ts(QStringLiteral("\"updatedAt\"")));
}

CacheEntry CacheStore::Private::readEntry(const QSqlQuery &query, int first)
{
    return readEntryFrom(QueryRow{query}, first);
}

// The WHERE clause (without the keyword) for a filter, with its bound values appended.
QString CacheStore::Private::whereClause(const EntryFilter &f, qint64 nowMs,
                                         QVariantList *binds) const
{
    QStringList parts;
    if (containsNul(f.userId) || containsNul(f.credentialId) || containsNul(f.exchange) ||
        containsNul(f.environment) || containsNul(f.text)) {
        // No stored text holds NUL (PostgreSQL cannot store it): nothing matches.
        return QStringLiteral("1 = 0");
    }
    if (!f.userId.isEmpty()) {
        parts << QStringLiteral("\"userId\" = ?");
        *binds << f.userId;
    }
    if (!f.credentialId.isEmpty()) {
        parts << QStringLiteral("\"credentialId\" = ?");
        *binds << f.credentialId;
    }
    if (!f.exchange.isEmpty()) {
        parts << QStringLiteral("UPPER(\"exchange\") = ?");
        *binds << f.exchange.trimmed().toUpper();
    }
    if (!f.environment.isEmpty()) {
        parts << QStringLiteral("UPPER(\"environment\") = ?");
        *binds << f.environment.trimmed().toUpper();
    }
    if (!f.text.isEmpty()) {
        if (isPostgres()) {
            parts << QStringLiteral("(\"userId\" ILIKE ? ESCAPE '\\' OR \"credentialId\" "
                                    "ILIKE ? ESCAPE '\\' OR \"cacheKey\" ILIKE ? ESCAPE '\\')");
            const QString pattern = likePattern(f.text);
            *binds << pattern << pattern << pattern;
        } else {
            // instr() has no pattern characters and no pattern length limit (LIKE has 50 kB).
            parts << QStringLiteral("(instr(LOWER(\"userId\"), LOWER(?)) > 0 OR "
                                    "instr(LOWER(\"credentialId\"), LOWER(?)) > 0 OR "
                                    "instr(LOWER(\"cacheKey\"), LOWER(?)) > 0)");
            *binds << f.text << f.text << f.text;
        }
    }
    switch (f.state) {
    case EntryFilter::State::Any:
        break;
    case EntryFilter::State::Valid:
        parts << QStringLiteral("(\"isValid\" AND \"expiresAt\" > %1)").arg(dialect.tsParam());
        *binds << nowMs;
        break;
    case EntryFilter::State::Expired:
        parts << QStringLiteral("(\"isValid\" AND \"expiresAt\" <= %1)").arg(dialect.tsParam());
        *binds << nowMs;
        break;
    case EntryFilter::State::Invalid:
        parts << QStringLiteral("NOT \"isValid\"");
        break;
    }
    if (f.syncedBefore.isValid()) {
        parts << QStringLiteral("\"lastSyncTime\" < %1").arg(dialect.tsParam());
        *binds << f.syncedBefore.toMSecsSinceEpoch();
    }
    if (parts.isEmpty())
        return QStringLiteral("1 = 1");
    return parts.join(QStringLiteral(" AND "));
}

// The identity condition: the cache key (ours, and the seed's spelling when it differs)
// and, always, the identity columns themselves. identityBinds() appends its values to
// *binds and returns whether the two keys coincide, which is all a statement already
// built needs; identityClause() is the condition's text for that shape.
bool CacheStore::Private::identityBinds(const QString &userId, const QString &credentialId,
                                        QVariantList *binds) const
{
    const QString ours = CacheStore::cacheKey(userId, credentialId);
    const QString seed = userId + QLatin1Char('_') + credentialId;
    const bool oneKey = ours == seed;
    *binds << ours;
    if (!oneKey)
        *binds << seed;
    *binds << userId << credentialId;
    return oneKey;
}
QString CacheStore::Private::identityClause(bool oneKey)
{
    return oneKey ? QStringLiteral("\"cacheKey\" = ? AND \"userId\" = ? AND "
                                   "\"credentialId\" = ?")
                  : QStringLiteral("\"cacheKey\" IN (?, ?) AND \"userId\" = ? AND "
                                   "\"credentialId\" = ?");
}
QString CacheStore::Private::identityClause(const QString &userId, const QString &credentialId,
                                            QVariantList *binds) const
{
    return identityClause(identityBinds(userId, credentialId, binds));
}

StoreError CacheStore::Private::checkIdentity(const QString &userId,
                                              const QString &credentialId) const
{
    if (userId.isEmpty() || credentialId.isEmpty())
        return StoreError(StoreError::InvalidArgument,
                          QStringLiteral("userId and credentialId must not be empty"));
    if (containsNul(userId) || containsNul(credentialId))
        return StoreError(StoreError::InvalidArgument,
                          QStringLiteral("userId and credentialId must not contain NUL"));
    return StoreError();
}

// A lookup's two statements for one identity shape and column list: the hit (a read, or with
// HitCounting::PerLookup an UPDATE … RETURNING that counts it) and the miss that tells
// expired, invalidated and missing apart. Built once per shape: the hot path allocates no SQL.
CacheStore::Private::LookupSql CacheStore::Private::lookupSql(bool seedKey,
                                                              const QString &qtColumns,
                                                              const QString &nativeCols) const
{
    const QString identity = identityClause(seedKey);
    // On a standby the hit is a read whatever the counting: it takes no UPDATE.
    QString hit = q->m_options.hitCounting == HitCounting::Batched || standby
                      ? QStringLiteral("SELECT %3 FROM {cache} WHERE %1 AND "
                                       "\"isValid\" AND \"expiresAt\" > %2")
                      // Saturating at the seed's INT maximum (hitcounters.cpp).
                      : QStringLiteral("UPDATE {cache} SET \"hitCount\" = "
                                       "CASE WHEN \"hitCount\" < 2147483647 THEN "
                                       "\"hitCount\" + 1 ELSE \"hitCount\" END WHERE %1 "
                                       "AND \"isValid\" AND \"expiresAt\" > %2 RETURNING %3");
    const QString miss = QStringLiteral("SELECT %2 FROM {cache} WHERE %1");
    LookupSql sql;
    // SQLite keeps whatever a writer put in a column: a row whose offset or times are not
    // integers is never a hit (read as numbers they would be 0), only a miss (oddRow()).
    if (!dialect.isPostgres())
        hit.replace(QStringLiteral("%1 AND"),
                    QStringLiteral("%1 AND typeof(\"timeOffset\") = 'integer' AND "
                                   "typeof(\"expiresAt\") = 'integer' AND "
                                   "typeof(\"lastSyncTime\") = 'integer' AND"));
    sql.hit.qt = dialect.sql(hit.arg(identity, dialect.tsParam(), qtColumns));
    sql.miss.qt = dialect.sql(miss.arg(identity, qtColumns));
    sql.hit.native = dialect.sql(hit.arg(identity, dialect.tsParam(), nativeCols));
    sql.miss.native = dialect.sql(miss.arg(identity, nativeCols));
    return sql;
}

Lookup CacheStore::Private::getOnce(const QString &userId, const QString &credentialId,
                                    StoreError *error)
{
    const qint64 now = q->m_clock->nowMs();
    QVariantList binds;
    // The statements are built once per identity shape: the hot path allocates no SQL text.
    const bool seedKey = identityBinds(userId, credentialId, &binds);
    LookupSql &sql = seedKey ? seedKeySql : bothKeysSql;
    const bool batched = q->m_options.hitCounting == HitCounting::Batched && !standby;
    if (sql.hit.isEmpty())
        sql = lookupSql(seedKey, columns(), nativeColumns());
    QVariantList hitBinds = binds;
    hitBinds << now;
    Lookup lookup;
    bool found = false;
    // The seed's key and ours may both match: the newer sync wins.
    const auto take = [&](const CacheEntry &e) {
        if (!found || e.lastSyncTime > lookup.entry.lastSyncTime)
            lookup.entry = e;
        found = true;
    };
    const QString what = QStringLiteral("cache lookup");
    if (!entries(sql.hit, hitBinds, error, what, take))
        return lookup;
    if (found) {
        lookup.outcome = Lookup::Outcome::Hit;
        if (batched) {
            qint64 &hits = pendingHits[lookup.entry.id];
            ++hits;
            lookup.entry.hitCount += hits;
        }
        return lookup;
    }
    if (!entries(sql.miss, binds, error, what, take))
        return lookup;
    if (!found) {
        lookup.outcome = Lookup::Outcome::Miss;
        return lookup;
    }
    if (oddRow(lookup.entry.id, userId, credentialId)) {
        lookup.outcome = Lookup::Outcome::Miss;
        lookup.entry = CacheEntry();
        return lookup;
    }
    if (batched)
        lookup.entry.hitCount += pendingHits.value(lookup.entry.id); // hits not yet written
    switch (lookup.entry.stateAt(now)) {
    case CacheEntry::State::Invalidated:
        lookup.outcome = Lookup::Outcome::Invalidated;
        break;
    case CacheEntry::State::Expired:
        lookup.outcome = Lookup::Outcome::Expired;
        break;
    case CacheEntry::State::Valid:
        // Written between our two statements: not counted as a hit; a miss costs a sync only.
        lookup.outcome = Lookup::Outcome::Miss;
        lookup.entry = CacheEntry();
        break;
    }
    return lookup;
}

OffsetLookup CacheStore::Private::lookupOffsetOnce(const QString &userId,
                                                   const QString &credentialId, StoreError *error)
{
    const qint64 now = q->m_clock->nowMs();
    QVariantList binds;
    const bool seedKey = identityBinds(userId, credentialId, &binds);
    LookupSql &sql = seedKey ? seedKeyOffsetSql : bothKeysOffsetSql;
    const bool batched = q->m_options.hitCounting == HitCounting::Batched && !standby;
    if (sql.hit.isEmpty())
        sql = lookupSql(seedKey, offsetColumns(dialect, false), offsetColumns(dialect, true));
    QVariantList hitBinds = binds;
    hitBinds << now;
    OffsetLookup lookup;
    QString foundId;
    bool found = false;
    // The seed's key and ours may both match: the newer sync wins (as in getOnce()).
    const auto take = [&](const QString &id, const OffsetRecord &r) {
        if (!found || r.lastSyncMs > lookup.record.lastSyncMs) {
            lookup.record = r;
            foundId = id;
        }
        found = true;
    };
    const QString what = QStringLiteral("cache lookup");
    if (!offsets(sql.hit, hitBinds, error, what, take))
        return lookup;
    if (found) {
        lookup.outcome = Lookup::Outcome::Hit;
        if (batched)
            ++pendingHits[foundId];
        return lookup;
    }
    if (!offsets(sql.miss, binds, error, what, take))
        return lookup;
    if (!found)
        lookup.outcome = Lookup::Outcome::Miss;
    else if (oddRow(foundId, userId, credentialId))
        lookup = OffsetLookup();
    else if (!lookup.record.isValid)
        lookup.outcome = Lookup::Outcome::Invalidated;
    else if (lookup.record.expiresAtMs <= now)
        lookup.outcome = Lookup::Outcome::Expired;
    else // written between our two statements: a miss costs a sync only (as in getOnce())
        lookup = OffsetLookup();
    return lookup;
}

Result<CacheEntry> CacheStore::Private::entry(const QString &userId, const QString &credentialId)
{
    StoreError error = checkIdentity(userId, credentialId);
    if (error)
        return error;
    if (!pendingHits.isEmpty() && q->isOpen())
        flush(); // this process's own hits show at once
    QVariantList binds;
    const QString identity = identityClause(userId, credentialId, &binds);
    ActiveQuery query = run(dialect.sql(QStringLiteral("SELECT %1 FROM {cache} WHERE %2 "
                                                       "ORDER BY \"lastSyncTime\" DESC")
                                            .arg(columns(), identity)),
                            binds, &error, QStringLiteral("reading the entry"));
    if (!query)
        return error;
    if (!query->next()) {
        return StoreError(
            StoreError::InvalidArgument,
            QStringLiteral("no cache entry for user %1, credential %2").arg(userId, credentialId));
    }
    const CacheEntry e = readEntry(*query);
    return e;
}

Result<qint64> CacheStore::Private::count(const EntryFilter &filter)
{
    QVariantList binds;
    const QString where = whereClause(filter, q->m_clock->nowMs(), &binds);
    StoreError error;
    ActiveQuery query =
        run(dialect.sql(QStringLiteral("SELECT COUNT(*) FROM {cache} WHERE %1").arg(where)), binds,
            &error, QStringLiteral("counting entries"));
    if (!query)
        return error;
    const qint64 n = query->next() ? query->value(0).toLongLong() : 0;
    return n;
}

Result<BrowsePage> CacheStore::Private::browse(const BrowseRequest &request)
{
    if (!pendingHits.isEmpty() && q->isOpen())
        flush(); // this process's own hits show at once
    if (request.limit < 1 || request.limit > 10000)
        return StoreError(
            StoreError::InvalidArgument,
            QStringLiteral("a page holds 1 to 10000 entries (asked for %1)").arg(request.limit));
    if (request.offset < 0 || request.offset > kMaxBrowseOffset)
        return StoreError(StoreError::InvalidArgument,
                          QStringLiteral("a page skips 0 to %1 rows (after its cursor, or from "
                                         "the first row); asked to skip %2")
                              .arg(kMaxBrowseOffset)
                              .arg(request.offset));
    const SortColumn column = request.sortColumn;
    const bool asc = request.sortOrder == Qt::AscendingOrder;
    const QString col = quoted(sortColumnName(column));
    QVariantList binds;
    QString where = whereClause(request.filter, q->m_clock->nowMs(), &binds);

    if (!request.after.isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(
            QByteArray::fromBase64(request.after.toLatin1(), QByteArray::Base64UrlEncoding));
        if (StoreError bad = validateCursor(request.after, column, request.sortOrder))
            return bad;
        const QJsonObject o = doc.object();
        const QString valueSql = isTimeColumn(column) ? dialect.tsParam() : QStringLiteral("?");
        where += QStringLiteral(" AND (%1, \"id\") %2 (%3, ?)")
                     .arg(col, asc ? QStringLiteral(">") : QStringLiteral("<"), valueSql);
        if (isNumberColumn(column))
            binds << o.value(QStringLiteral("n")).toString().toLongLong();
        else
            binds << o.value(QStringLiteral("s")).toString();
        binds << o.value(QStringLiteral("id")).toString();
    }
    const QString dir = asc ? QStringLiteral("ASC") : QStringLiteral("DESC");
    QString sql = dialect.sql(QStringLiteral("SELECT %1 FROM {cache} WHERE %2 ORDER BY %3 "
                                             "%4, \"id\" %4 LIMIT ?")
                                  .arg(columns(), where, col, dir));
    binds << request.limit + 1;
    if (request.offset > 0) { // after the cursor when there is one: a seek, then a short walk
        sql += QStringLiteral(" OFFSET ?");
        binds << request.offset;
    }
    StoreError error;
    ActiveQuery query = run(sql, binds, &error, QStringLiteral("browsing entries"));
    if (!query)
        return error;
    BrowsePage page;
    bool more = false;
    while (query->next()) {
        if (page.entries.size() == request.limit) {
            more = true;
            break;
        }
        page.entries << readEntry(*query);
    }
    if (more && !page.entries.isEmpty()) {
        const CacheEntry &last = page.entries.constLast();
        QVariant value;
        switch (column) {
        case SortColumn::CacheKey:
            value = last.cacheKey;
            break;
        case SortColumn::UserId:
            value = last.userId;
            break;
        case SortColumn::CredentialId:
            value = last.credentialId;
            break;
        case SortColumn::Exchange:
            value = last.exchange;
            break;
        case SortColumn::Environment:
            value = last.environment;
            break;
        case SortColumn::TimeOffset:
            value = last.timeOffsetMs;
            break;
        case SortColumn::LastSyncTime:
            value = last.lastSyncTime.toMSecsSinceEpoch();
            break;
        case SortColumn::ExpiresAt:
            value = last.expiresAt.toMSecsSinceEpoch();
            break;
        case SortColumn::HitCount:
            value = last.hitCount;
            break;
        case SortColumn::UpdatedAt:
            value = last.updatedAt.toMSecsSinceEpoch();
            break;
        }
        page.nextCursor = encodeCursor(column, request.sortOrder, value, last.id);
    }
    return page;
}

Result<QList<BrowseMilestone>> CacheStore::Private::browseMilestones(const EntryFilter &filter,
                                                                     SortColumn column,
                                                                     Qt::SortOrder order,
                                                                     qint64 every)
{
    if (every < 1 || every > kMaxBrowseOffset)
        return StoreError(StoreError::InvalidArgument,
                          QStringLiteral("milestones are 1 to %1 rows apart (asked for %2)")
                              .arg(kMaxBrowseOffset)
                              .arg(every));
    if (!pendingHits.isEmpty() && q->isOpen())
        flush(); // counted as browse() counts them, so that the positions agree
    const bool asc = order == Qt::AscendingOrder;
    const QString col = quoted(sortColumnName(column));
    const QString dir = asc ? QStringLiteral("ASC") : QStringLiteral("DESC");
    QVariantList binds;
    const QString where = whereClause(filter, q->m_clock->nowMs(), &binds);
    // One pass over the filtered rows in browse()'s order (the same ORDER BY, the same
    // collation): the key of every `every`-th row and its 1-based number, which is the 0-based
    // position of the row after it. The number of milestones is bounded (a larger step is asked
    // for beyond it), so the answer stays small whatever the table holds.
    constexpr int kMaxMilestones = 100000;
    const QString value = isTimeColumn(column) ? dialect.ts(col) : col;
    const QString sql = dialect.sql(
        QStringLiteral("SELECT \"v\", \"id\", \"rn\" FROM (SELECT %1 AS \"v\", \"id\", "
                       "row_number() OVER (ORDER BY %2 %3, \"id\" %3) AS \"rn\" FROM {cache} "
                       "WHERE %4) s WHERE \"rn\" % %5 = 0 ORDER BY \"rn\" LIMIT %6")
            .arg(value, col, dir, where, QString::number(every),
                 QString::number(kMaxMilestones + 1)));
    StoreError error;
    ActiveQuery query = run(sql, binds, &error, QStringLiteral("finding browse milestones"));
    if (!query)
        return error;
    QList<BrowseMilestone> milestones;
    while (query->next()) {
        if (milestones.size() == kMaxMilestones)
            return StoreError(StoreError::InvalidArgument,
                              QStringLiteral("more than %1 milestones %2 rows apart; ask for a "
                                             "larger step")
                                  .arg(kMaxMilestones)
                                  .arg(every));
        const QVariant v = isNumberColumn(column) ? QVariant(query->value(0).toLongLong())
                                                  : QVariant(query->value(0).toString());
        BrowseMilestone m;
        m.position = query->value(2).toLongLong();
        m.cursor = encodeCursor(column, order, v, query->value(1).toString());
        milestones << m;
    }
    return milestones;
}

Result<QList<BrowseMilestone>> CacheStore::browseMilestones(const EntryFilter &filter,
                                                            SortColumn column, Qt::SortOrder order,
                                                            qint64 every)
{
    return d->browseMilestones(filter, column, order, every);
}

} // namespace cc
