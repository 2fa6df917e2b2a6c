#include "core/store/cachestore.h"
#include "core/store/pgnative.h"

#include "core/logging.h"
#include "core/store/cuid.h"
#include "core/store/estimate.h"
#include "core/store/schema.h"
#include "core/store/sqldialect.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <pwd.h>
#include <unistd.h>

namespace cc {

namespace {

std::atomic<quint64> g_connectionCounter{0};

constexpr qint64 kMsPerMinute = 60 * 1000;
// After a failed connection attempt, calls fail at once for this long instead of each waiting
// for the connect timeout again (a dead server must not slow every cache lookup down).
constexpr qint64 kFailFastMs = 500;
// History buckets kept in memory while the database cannot take them.
constexpr int kMaxPendingMinutes = 24 * 60;
constexpr int kMaxPendingHitRows = 100000;
constexpr int kFlushAtPendingHitRows = 1000; // rows with batched hits that start a flush early
constexpr int kCleanupDeadlockRetries = 5;   // batches of one cleanup run again after a deadlock

QString quoted(const QString &identifier)
{
    return QLatin1Char('"') + identifier + QLatin1Char('"');
}

QString osUserName()
{
    for (const char *name : {"USER", "LOGNAME", "USERNAME"}) {
        const QString value = qEnvironmentVariable(name);
        if (!value.isEmpty())
            return value;
    }
    if (const passwd *pw = getpwuid(geteuid()))
        return QString::fromLocal8Bit(pw->pw_name);
    return QStringLiteral("uid %1").arg(geteuid());
}

// libpq's messages span lines ("...failed: Connection refused\n\tIs the server running...");
// one line reads better in a status bar and a log.
QString oneLine(QString text)
{
    text.replace(QLatin1String("QPSQL: Unable to connect"), QString());
    return text.simplified();
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QJsonObject parseMetadata(const QVariant &value)
{
    if (value.isNull())
        return QJsonObject();
    const QByteArray text = value.toString().toUtf8();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (doc.isObject())
        return doc.object();
    // Written by someone else as a non-object: keep it visible rather than dropping it.
    QJsonObject wrapped;
    if (doc.isArray())
        wrapped.insert(QStringLiteral("value"), doc.array());
    else
        wrapped.insert(QStringLiteral("value"), QString::fromUtf8(text));
    return wrapped;
}

// NOT NULL text columns: an empty QString binds as NULL, "" does not.
QString nonNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

bool containsNul(const QString &s)
{
    return s.contains(QChar(0));
}

struct Counters
{
    qint64 hits = 0;
    qint64 misses = 0;
    qint64 sets = 0;
    qint64 invalidations = 0;
    qint64 cleanups = 0;
    bool isEmpty() const { return !hits && !misses && !sets && !invalidations && !cleanups; }
};

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

} // namespace

struct CacheStore::Private
{
    CacheStore *q;
    SqlDialect dialect;
    QString connectionName;
    QSqlDatabase db;
    std::map<QString, std::unique_ptr<QSqlQuery>> prepared;
    pgnative::Statements native; // the lookup's statements on PostgreSQL
    QString dbRole;
    StoreError lastConnectError;
    QElapsedTimer sinceConnectFailure;
    QMap<qint64, Counters> pending;     // minute -> counters not yet written
    QHash<QString, qint64> pendingHits; // row id -> hits not yet added to hitCount (Batched)
    QElapsedTimer sinceFlush;
    // The lookup's statements, per identity shape (the seed's key alone, or both keys): for
    // QSqlQuery, and for PostgreSQL's native path (raw columns, read in binary).
    struct LookupSql
    {
        QString hit, miss, nativeHit, nativeMiss;
    };
    LookupSql seedKeySql, bothKeysSql;

    Private(CacheStore *owner, DatabaseConfig::Backend backend)
        : q(owner)
        , dialect(backend)
    {
        connectionName = QStringLiteral("cc-store-%1").arg(++g_connectionCounter);
        sinceFlush.start();
    }

    bool isPostgres() const { return dialect.isPostgres(); }

    QString columns() const
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

    // A row of columns() as a CacheEntry, from a QSqlQuery or a native statement's row.
    struct QueryRow
    {
        const QSqlQuery &query;
        QString text(int i) const { return query.value(i).toString(); }
        qint64 int64(int i) const { return query.value(i).toLongLong(); }
        bool boolean(int i) const { return query.value(i).toBool(); }
        QVariant value(int i) const { return query.value(i); }
    };
    template<typename Row>
    static CacheEntry readEntryFrom(const Row &row, int first = 0)
    {
        const auto time = [&](int i) {
            return QDateTime::fromMSecsSinceEpoch(row.int64(first + i), Qt::UTC);
        };
        CacheEntry e;
        e.id = row.text(first + 0);
        e.cacheKey = row.text(first + 1);
        e.userId = row.text(first + 2);
        e.credentialId = row.text(first + 3);
        e.exchange = row.text(first + 4);
        e.environment = row.text(first + 5);
        e.timeOffsetMs = row.int64(first + 6);
        e.lastSyncTime = time(7);
        e.isValid = row.boolean(first + 8);
        e.expiresAt = time(9);
        e.hitCount = row.int64(first + 10);
        e.metadata = parseMetadata(row.value(first + 11));
        e.createdAt = time(12);
        e.updatedAt = time(13);
        return e;
    }
    static CacheEntry readEntry(const QSqlQuery &query, int first = 0)
    {
        return readEntryFrom(QueryRow{query}, first);
    }

    // columns() for the native path: the stored columns themselves, which it reads in binary
    // (a timestamp is a number of microseconds there: nothing for the server to compute).
    static QString nativeColumns()
    {
        return QStringLiteral(
            "\"id\", \"cacheKey\", \"userId\", \"credentialId\", \"exchange\", "
            "\"environment\", \"timeOffset\", \"lastSyncTime\", \"isValid\", "
            "\"expiresAt\", \"hitCount\", CAST(\"metadata\" AS TEXT), \"createdAt\", "
            "\"updatedAt\"");
    }

    // Runs a statement that selects columns() (sql) or nativeColumns() (nativeSql) and hands
    // each row to onRow as a CacheEntry: on PostgreSQL as a protocol-level prepared statement
    // (pgnative.h says why), else, or when the driver's libpq handle is out of reach or the
    // table's column types are not the ones it reads, through QSqlQuery.
    template<typename OnRow>
    bool entries(const QString &sql, const QString &nativeSql, const QVariantList &binds,
                 StoreError *error, const QString &what, OnRow onRow)
    {
        *error = connect();
        if (error->isError())
            return false;
        if (isPostgres()) {
            QSqlError failure;
            switch (native.exec(
                db, nativeSql, binds, [&](const pgnative::Row &row) { onRow(readEntryFrom(row)); },
                &failure)) {
            case pgnative::Statements::Outcome::Done:
                return true;
            case pgnative::Statements::Outcome::Failed:
                *error = fail(failure, what);
                return false;
            case pgnative::Statements::Outcome::Unsupported:
                break;
            }
        }
        QSqlQuery *query = run(sql, binds, error, what);
        if (!query)
            return false;
        while (query->next())
            onRow(readEntry(*query));
        query->finish();
        return true;
    }

    // --- connection --------------------------------------------------------------------------

    QString where() const { return q->m_config.displayString(); }

    void dropConnection()
    {
        prepared.clear();
        native.reset();
        if (db.isValid()) {
            db.close();
        }
    }

    StoreError connect()
    {
        if (db.isValid() && db.isOpen())
            return StoreError();
        if (sinceConnectFailure.isValid() && sinceConnectFailure.elapsed() < kFailFastMs)
            return lastConnectError;
        prepared.clear();
        native.reset();
        const DatabaseConfig &config = q->m_config;
        const int timeoutMs = int(q->m_options.timeout.count());
        if (!db.isValid()) {
            db = QSqlDatabase::addDatabase(
                isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), connectionName);
        }
        if (!db.isValid()) {
            return StoreError(
                StoreError::Unreachable,
                QStringLiteral("the Qt SQL driver for %1 is not installed (install "
                               "libqt6sql6-%2)")
                    .arg(isPostgres() ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite"),
                         isPostgres() ? QStringLiteral("psql") : QStringLiteral("sqlite")));
        }
        if (isPostgres()) {
            db.setHostName(config.host);
            if (config.port > 0)
                db.setPort(config.port);
            db.setUserName(config.user);
            db.setPassword(config.password);
            db.setDatabaseName(config.databaseName);
            db.setConnectOptions(config.postgresConnectOptions(timeoutMs));
        } else {
            const QString path = config.sqlitePath;
            if (path.isEmpty()) {
                return StoreError(StoreError::InvalidArgument,
                                  QStringLiteral("no SQLite file given"));
            }
            if (path != QLatin1String(":memory:")) {
                const QFileInfo info(path);
                if (!QDir().mkpath(info.absolutePath())) {
                    return failConnect(
                        QStringLiteral("cannot create the directory %1").arg(info.absolutePath()));
                }
            }
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(timeoutMs));
        }
        if (!db.open()) {
            const QSqlError e = db.lastError();
            return failConnect(oneLine(e.databaseText().isEmpty() ? e.text() : e.databaseText()));
        }
        QStringList setup;
        if (isPostgres()) {
            setup << QStringLiteral("SET TIME ZONE 'UTC'")
                  << QStringLiteral("SET statement_timeout = %1").arg(timeoutMs)
                  // A hit's counter increment need not wait for a disk flush; writes that
                  // matter (set, invalidate) ask for a synchronous commit themselves.
                  << QStringLiteral("SET synchronous_commit = off");
        } else {
            if (config.sqlitePath != QLatin1String(":memory:"))
                setup << QStringLiteral("PRAGMA journal_mode = WAL");
            setup << QStringLiteral("PRAGMA synchronous = NORMAL");
        }
        for (const QString &sql : std::as_const(setup)) {
            QSqlQuery query(db);
            if (!query.exec(sql)) {
                const QString text = query.lastError().text();
                db.close();
                return failConnect(text);
            }
        }
        if (isPostgres()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT current_user")) && query.next())
                dbRole = query.value(0).toString();
        } else {
            dbRole = osUserName();
        }
        sinceConnectFailure.invalidate();
        lastConnectError = StoreError();
        qCDebug(lcStore).noquote() << "connected to" << where();
        return StoreError();
    }

    StoreError failConnect(const QString &reason)
    {
        const QString text = reason.isEmpty() ? QStringLiteral("no reason given") : reason;
        lastConnectError = StoreError(
            StoreError::Unreachable,
            isPostgres()
                ? QStringLiteral("cannot reach database at %1: %2 — check the URL or profile, "
                                 "or start the server")
                      .arg(where(), text)
                : QStringLiteral("cannot open database %1: %2 — check the path and its "
                                 "permissions")
                      .arg(where(), text));
        sinceConnectFailure.start();
        qCWarning(lcStore).noquote() << lastConnectError.message();
        return lastConnectError;
    }

    // Classifies a failed statement; drops the connection when it is gone.
    StoreError fail(const QSqlError &error, const QString &what)
    {
        const QString code = error.nativeErrorCode();
        const QString text =
            oneLine(error.databaseText().isEmpty() ? error.text() : error.databaseText());
        StoreError result;
        if (isPostgres()) {
            const bool lost = code.isEmpty() || code.startsWith(QLatin1String("08")) ||
                              code == QLatin1String("57P01") || code == QLatin1String("57P02") ||
                              code == QLatin1String("57P03") || !db.isOpen();
            if (lost) {
                dropConnection();
                result = StoreError(StoreError::Unreachable,
                                    QStringLiteral("%1: lost the connection to %2 (%3) — it "
                                                   "will be retried on the next call")
                                        .arg(what, where(), text));
            } else if (code == QLatin1String("57014")) {
                result = StoreError(StoreError::Unreachable,
                                    QStringLiteral("%1: timed out after %2 ms on %3")
                                        .arg(what)
                                        .arg(q->m_options.timeout.count())
                                        .arg(where()));
            } else if (code == QLatin1String("42P01")) {
                result = StoreError(StoreError::SchemaMissing,
                                    QStringLiteral("%1: the cache tables are missing in %2 — run "
                                                   "connector-cache migrate")
                                        .arg(what, where()));
            } else if (code == QLatin1String("42501")) {
                result = StoreError(StoreError::PermissionDenied,
                                    QStringLiteral("%1: the database role %2 may not do this "
                                                   "(%3) — see the GRANTs in the README")
                                        .arg(what, dbRole, text));
            } else {
                result = StoreError(StoreError::QueryFailed,
                                    QStringLiteral("%1: %2 (SQLSTATE %3)").arg(what, text, code));
            }
        } else {
            if (text.contains(QLatin1String("no such table"))) {
                result = StoreError(StoreError::SchemaMissing,
                                    QStringLiteral("%1: the cache tables are missing in %2 — run "
                                                   "connector-cache migrate")
                                        .arg(what, where()));
            } else if (text.contains(QLatin1String("readonly"))) {
                result =
                    StoreError(StoreError::PermissionDenied,
                               QStringLiteral("%1: %2 is read-only (%3)").arg(what, where(), text));
            } else if (text.contains(QLatin1String("locked")) ||
                       text.contains(QLatin1String("busy"))) {
                result = StoreError(StoreError::Unreachable,
                                    QStringLiteral("%1: %2 stayed locked by another process for "
                                                   "%3 ms — try again")
                                        .arg(what, where())
                                        .arg(q->m_options.timeout.count()));
            } else if (text.contains(QLatin1String("unable to open")) ||
                       text.contains(QLatin1String("disk I/O"))) {
                dropConnection();
                result = StoreError(StoreError::Unreachable,
                                    QStringLiteral("%1: %2 (%3)").arg(what, where(), text));
            } else {
                result =
                    StoreError(StoreError::QueryFailed, QStringLiteral("%1: %2").arg(what, text));
            }
        }
        if (isPostgres())
            result.setSqlState(code);
        qCWarning(lcStore).noquote() << result.message();
        return result;
    }

    // A prepared statement for this connection, created once and reused (one round trip per
    // execution on PostgreSQL).
    QSqlQuery *statement(const QString &sql, StoreError *error, const QString &what)
    {
        auto it = prepared.find(sql);
        if (it != prepared.end())
            return it->second.get();
        auto query = std::make_unique<QSqlQuery>(db);
        if (!query->prepare(sql)) {
            *error = fail(query->lastError(), what);
            return nullptr;
        }
        return prepared.emplace(sql, std::move(query)).first->second.get();
    }

    // Runs a statement with bound values. On success the query is positioned before the first
    // row; the caller reads, then calls finish().
    QSqlQuery *run(const QString &sql, const QVariantList &binds, StoreError *error,
                   const QString &what)
    {
        *error = connect();
        if (error->isError())
            return nullptr;
        QSqlQuery *query = statement(sql, error, what);
        if (!query)
            return nullptr;
        for (int i = 0; i < binds.size(); ++i)
            query->bindValue(i, binds.at(i));
        if (!query->exec()) {
            *error = fail(query->lastError(), what);
            return nullptr;
        }
        return query;
    }

    // Runs fn inside a transaction whose commit waits for the disk (PostgreSQL: the session
    // commits asynchronously for hit counters; this overrides it).
    template<typename Fn>
    StoreError durable(const QString &what, Fn fn)
    {
        StoreError error = connect();
        if (error)
            return error;
        if (!db.transaction())
            return fail(db.lastError(), what);
        if (isPostgres()) {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("SET LOCAL synchronous_commit = on"))) {
                error = fail(query.lastError(), what);
                if (db.isOpen())
                    db.rollback();
                return error;
            }
        }
        error = fn();
        if (error) {
            if (db.isOpen())
                db.rollback();
            return error;
        }
        if (!db.commit()) {
            error = fail(db.lastError(), what);
            if (db.isOpen())
                db.rollback();
        }
        return error;
    }

    // --- history counters --------------------------------------------------------------------

    Counters &counters()
    {
        const qint64 minute = q->m_clock->nowMs() / kMsPerMinute;
        return pending[minute];
    }

    void maybeFlush()
    {
        if (sinceFlush.elapsed() >= q->m_options.historyFlushInterval.count() ||
            pendingHits.size() >= kFlushAtPendingHitRows)
            flush();
    }

    // Adds the batched hits to their rows, in one transaction. On failure they are kept for
    // the next flush (at most kMaxPendingHitRows rows: beyond, the counts are dropped rather
    // than let grow without bound).
    StoreError flushHits()
    {
        if (pendingHits.isEmpty())
            return StoreError();
        const QString what = QStringLiteral("counting hits");
        // In the order of the ids, so that two flushes lock shared rows in the same order.
        QStringList ids = pendingHits.keys();
        std::sort(ids.begin(), ids.end());
        StoreError error;
        if (isPostgres()) {
            // One statement (one round trip, its own transaction) for every row: two arrays,
            // unnested side by side. The rows are locked first, in id order, by a sorted
            // SELECT ... FOR UPDATE: the join of the UPDATE itself visits them in whatever order
            // its plan has, so two processes flushing shared rows deadlocked (one flush in ten
            // under four concurrent flushers, tst_cachestore concurrentFlushes...).
            QStringList quotedIds, counts;
            for (const QString &id : std::as_const(ids)) {
                QString quoted = id;
                quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
                quoted.replace(QLatin1Char('"'), QStringLiteral("\\\""));
                quotedIds << QLatin1Char('"') + quoted + QLatin1Char('"');
                counts << QString::number(pendingHits.value(id));
            }
            QSqlQuery *query =
                run(QStringLiteral(
                        "WITH v AS (SELECT * FROM unnest(CAST(? AS TEXT[]), CAST(? AS BIGINT[])) "
                        "AS u(id, n)), locked AS MATERIALIZED (SELECT l.\"id\" FROM "
                        "\"connector_state_cache\" AS l WHERE l.\"id\" IN (SELECT id FROM v) "
                        "ORDER BY l.\"id\" FOR UPDATE OF l) "
                        "UPDATE \"connector_state_cache\" AS t SET \"hitCount\" = t.\"hitCount\" "
                        "+ v.n FROM v JOIN locked ON locked.\"id\" = v.id WHERE t.\"id\" = v.id"),
                    {QLatin1Char('{') + quotedIds.join(QLatin1Char(',')) + QLatin1Char('}'),
                     QLatin1Char('{') + counts.join(QLatin1Char(',')) + QLatin1Char('}')},
                    &error, what);
            if (query)
                query->finish();
        } else if (!db.transaction()) {
            error = fail(db.lastError(), what);
        } else {
            // Local writes: one statement per row, one commit.
            const QString addSql =
                QStringLiteral("UPDATE \"connector_state_cache\" SET "
                               "\"hitCount\" = \"hitCount\" + ? WHERE \"id\" = ?");
            for (const QString &id : std::as_const(ids)) {
                QSqlQuery *query = run(addSql, {pendingHits.value(id), id}, &error, what);
                if (!query)
                    break;
                query->finish();
            }
            if (!error && !db.commit())
                error = fail(db.lastError(), what);
            if (error && db.isOpen())
                db.rollback();
        }
        if (error) {
            // Kept for the next flush, up to a bound.
            if (pendingHits.size() > kMaxPendingHitRows)
                pendingHits.clear();
            return error;
        }
        pendingHits.clear();
        return StoreError();
    }

    StoreError flush()
    {
        sinceFlush.restart();
        if (!pendingHits.isEmpty() && db.isValid() && db.isOpen()) {
            const StoreError error = flushHits();
            if (error)
                return error;
        }
        if (pending.isEmpty())
            return StoreError();
        if (!db.isValid() || !db.isOpen()) {
            // Keep the counters for later; never let them grow without bound.
            while (pending.size() > kMaxPendingMinutes)
                pending.erase(pending.begin());
            return StoreError(StoreError::Unreachable, QStringLiteral("not connected"));
        }
        const QString sql = QStringLiteral(
            "INSERT INTO \"connector_cache_history\" (\"minute\", \"hits\", \"misses\", \"sets\", "
            "\"invalidations\", \"cleanups\") VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (\"minute\") DO UPDATE SET "
            "\"hits\" = \"connector_cache_history\".\"hits\" + excluded.\"hits\", "
            "\"misses\" = \"connector_cache_history\".\"misses\" + excluded.\"misses\", "
            "\"sets\" = \"connector_cache_history\".\"sets\" + excluded.\"sets\", "
            "\"invalidations\" = \"connector_cache_history\".\"invalidations\" + "
            "excluded.\"invalidations\", "
            "\"cleanups\" = \"connector_cache_history\".\"cleanups\" + excluded.\"cleanups\"");
        while (!pending.isEmpty()) {
            auto it = pending.begin();
            const Counters c = it.value();
            if (c.isEmpty()) {
                pending.erase(it);
                continue;
            }
            StoreError error;
            QSqlQuery *query =
                run(sql, {it.key(), c.hits, c.misses, c.sets, c.invalidations, c.cleanups}, &error,
                    QStringLiteral("writing the hit/miss history"));
            if (!query) {
                while (pending.size() > kMaxPendingMinutes)
                    pending.erase(pending.begin());
                return error;
            }
            query->finish();
            pending.erase(pending.begin());
        }
        return StoreError();
    }

    // --- filters -----------------------------------------------------------------------------

    // The WHERE clause (without the keyword) for a filter, with its bound values appended.
    QString whereClause(const EntryFilter &f, qint64 nowMs, QVariantList *binds) const
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
    bool identityBinds(const QString &userId, const QString &credentialId,
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
    static QString identityClause(bool oneKey)
    {
        return oneKey ? QStringLiteral("\"cacheKey\" = ? AND \"userId\" = ? AND "
                                       "\"credentialId\" = ?")
                      : QStringLiteral("\"cacheKey\" IN (?, ?) AND \"userId\" = ? AND "
                                       "\"credentialId\" = ?");
    }
    QString identityClause(const QString &userId, const QString &credentialId,
                           QVariantList *binds) const
    {
        return identityClause(identityBinds(userId, credentialId, binds));
    }

    StoreError checkIdentity(const QString &userId, const QString &credentialId) const
    {
        if (userId.isEmpty() || credentialId.isEmpty())
            return StoreError(StoreError::InvalidArgument,
                              QStringLiteral("userId and credentialId must not be empty"));
        if (containsNul(userId) || containsNul(credentialId))
            return StoreError(StoreError::InvalidArgument,
                              QStringLiteral("userId and credentialId must not contain NUL"));
        return StoreError();
    }

    Lookup getOnce(const QString &userId, const QString &credentialId, StoreError *error);
    Result<CacheStats> stats(std::chrono::seconds window, bool mayEstimate);
};

CacheStore::CacheStore(DatabaseConfig config, Options options, const Clock *clock)
    : d(std::make_unique<Private>(this, config.backend))
    , m_config(std::move(config))
    , m_options(options)
    , m_clock(clock ? clock : Clock::system())
{}

CacheStore::~CacheStore()
{
    if (isOpen())
        d->flush();
    d->prepared.clear();
    if (d->db.isValid())
        d->db.close();
    d->db = QSqlDatabase();
    QSqlDatabase::removeDatabase(d->connectionName);
}

StoreError CacheStore::open()
{
    d->sinceConnectFailure.invalidate(); // an explicit open always tries
    StoreError error = d->connect();
    if (error)
        return error;
    auto status = schema::detect(d->db, d->dialect);
    if (!status.ok())
        return status.error();
    switch (status->state) {
    case SchemaStatus::State::Current:
        return StoreError();
    case SchemaStatus::State::TooNew:
        return StoreError(StoreError::SchemaTooNew,
                          QStringLiteral("%1 has schema version %2, newer than this "
                                         "connector-cache knows (%3) — upgrade connector-cache")
                              .arg(m_config.displayString())
                              .arg(status->version)
                              .arg(kSchemaVersion));
    case SchemaStatus::State::SeedOnly:
        return StoreError(StoreError::SchemaMissing,
                          QStringLiteral("%1 holds the seed's cache table but not our tables yet "
                                         "— run connector-cache migrate (it adopts the table in "
                                         "place and changes none of its columns)")
                              .arg(m_config.displayString()));
    case SchemaStatus::State::Outdated:
        return StoreError(StoreError::SchemaMissing,
                          QStringLiteral("%1 has schema version %2, this connector-cache needs %3 "
                                         "— run connector-cache migrate")
                              .arg(m_config.displayString())
                              .arg(status->version)
                              .arg(kSchemaVersion));
    case SchemaStatus::State::Missing:
        break;
    }
    return StoreError(StoreError::SchemaMissing,
                      QStringLiteral("%1 has no connector cache yet — run connector-cache migrate")
                          .arg(m_config.displayString()));
}

void CacheStore::close()
{
    if (isOpen())
        d->flush();
    d->dropConnection();
}

bool CacheStore::isOpen() const
{
    return d->db.isValid() && d->db.isOpen();
}

SchemaStatus CacheStore::schemaStatus()
{
    if (d->connect())
        return SchemaStatus();
    return schema::detect(d->db, d->dialect).valueOr(SchemaStatus());
}

Result<MigrationReport> CacheStore::migrate()
{
    d->sinceConnectFailure.invalidate();
    StoreError error = d->connect();
    if (error)
        return error;
    d->prepared.clear();
    auto report = schema::migrate(d->db, d->dialect);
    if (!report.ok() && report.error().kind() == StoreError::QueryFailed && !d->db.isOpen())
        d->dropConnection();
    return report;
}

QString CacheStore::cacheKey(const QString &userId, const QString &credentialId)
{
    auto special = [](const QString &s) {
        return s.contains(QLatin1Char('_')) || s.contains(QLatin1Char('%'));
    };
    if (!special(userId) && !special(credentialId))
        return userId + QLatin1Char('_') + credentialId;
    auto encode = [](QString s) {
        s.replace(QLatin1Char('%'), QStringLiteral("%25"));
        s.replace(QLatin1Char('_'), QStringLiteral("%5F"));
        return s;
    };
    return encode(userId) + QLatin1Char('_') + encode(credentialId);
}

QSqlDatabase CacheStore::database() const
{
    return d->db;
}

// --- get / set / invalidate ---------------------------------------------------------------------

Lookup CacheStore::Private::getOnce(const QString &userId, const QString &credentialId,
                                    StoreError *error)
{
    const qint64 now = q->m_clock->nowMs();
    QVariantList binds;
    // The statements are built once per identity shape: the hot path allocates no SQL text.
    const bool seedKey = identityBinds(userId, credentialId, &binds);
    LookupSql &sql = seedKey ? seedKeySql : bothKeysSql;
    const bool batched = q->m_options.hitCounting == HitCounting::Batched;
    if (sql.hit.isEmpty()) {
        const QString identity = identityClause(seedKey);
        const QString hit =
            batched ? QStringLiteral("SELECT %3 FROM \"connector_state_cache\" WHERE %1 AND "
                                     "\"isValid\" AND \"expiresAt\" > %2")
                    : QStringLiteral("UPDATE \"connector_state_cache\" SET \"hitCount\" = "
                                     "\"hitCount\" + 1 WHERE %1 AND \"isValid\" AND "
                                     "\"expiresAt\" > %2 RETURNING %3");
        const QString miss = QStringLiteral("SELECT %2 FROM \"connector_state_cache\" WHERE %1");
        sql.hit = hit.arg(identity, dialect.tsParam(), columns());
        sql.miss = miss.arg(identity, columns());
        sql.nativeHit = hit.arg(identity, dialect.tsParam(), nativeColumns());
        sql.nativeMiss = miss.arg(identity, nativeColumns());
    }
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
    if (!entries(sql.hit, sql.nativeHit, hitBinds, error, what, take))
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
    if (!entries(sql.miss, sql.nativeMiss, binds, error, what, take))
        return lookup;
    if (!found) {
        lookup.outcome = Lookup::Outcome::Miss;
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

Lookup CacheStore::get(const QString &userId, const QString &credentialId)
{
    Lookup lookup;
    StoreError error = d->checkIdentity(userId, credentialId);
    if (!error) {
        lookup = d->getOnce(userId, credentialId, &error);
        // A connection that died since the last call: reconnect once and try again.
        if (error.kind() == StoreError::Unreachable && !d->db.isOpen()) {
            d->sinceConnectFailure.invalidate();
            lookup = d->getOnce(userId, credentialId, &error);
        }
    }
    // Only for the log lines, which evaluate it only when they are on.
    const auto key = [&]() { return cacheKey(userId, credentialId); };
    if (error) {
        lookup = Lookup();
        lookup.outcome = Lookup::Outcome::Failed;
        lookup.errorMessage = error.message();
        qCWarning(lcCache).noquote()
            << "Cache lookup failed (treated as a miss):" << key() << "—" << error.message();
    } else if (lookup.outcome == Lookup::Outcome::Hit) {
        qCInfo(lcCache).noquote() << QStringLiteral("Cache HIT: %1 (age: %2s, hits: %3)")
                                         .arg(key())
                                         .arg(lookup.entry.ageMs(m_clock->nowMs()) / 1000)
                                         .arg(lookup.entry.hitCount);
    } else if (lookup.outcome == Lookup::Outcome::Expired) {
        qCInfo(lcCache).noquote() << QStringLiteral("Cache EXPIRED: %1 (expired at: %2)")
                                         .arg(key(), lookup.entry.expiresAt.toString(Qt::ISODate));
    } else if (lookup.outcome == Lookup::Outcome::Invalidated) {
        qCInfo(lcCache).noquote() << QStringLiteral("Cache INVALIDATED: %1").arg(key());
    } else {
        qCInfo(lcCache).noquote() << QStringLiteral("Cache MISS: %1").arg(key());
    }
    Counters &c = d->counters();
    if (lookup.isHit())
        ++c.hits;
    else
        ++c.misses;
    if (isOpen())
        d->maybeFlush();
    return lookup;
}

StoreError CacheStore::set(const QString &userId, const QString &credentialId,
                           const QString &exchange, const QString &environment,
                           const TimeSyncState &state, std::chrono::seconds ttl)
{
    StoreError error = d->checkIdentity(userId, credentialId);
    if (error)
        return error;
    if (exchange.trimmed().isEmpty() || environment.trimmed().isEmpty() || containsNul(exchange) ||
        containsNul(environment))
        return StoreError(StoreError::InvalidArgument,
                          QStringLiteral("exchange and environment must be given, e.g. BYBIT "
                                         "and TESTNET"));
    if (ttl.count() <= 0)
        return StoreError(StoreError::InvalidArgument,
                          QStringLiteral("the TTL must be positive (got %1 s)").arg(ttl.count()));
    if (state.timeOffsetMs > std::numeric_limits<qint32>::max() ||
        state.timeOffsetMs < std::numeric_limits<qint32>::min())
        return StoreError(StoreError::InvalidArgument,
                          QStringLiteral("time offset %1 ms does not fit the seed's Int column")
                              .arg(state.timeOffsetMs));
    const qint64 now = m_clock->nowMs();
    const qint64 synced =
        state.lastSyncTime.isValid() ? state.lastSyncTime.toMSecsSinceEpoch() : now;
    const qint64 expires = now + qint64(ttl.count()) * 1000;
    const QVariant metadata =
        state.metadata.isEmpty()
            ? QVariant(QMetaType(QMetaType::QString))
            : QVariant(
                  QString::fromUtf8(QJsonDocument(state.metadata).toJson(QJsonDocument::Compact)));
    const QString ex = exchange.trimmed().toUpper();
    const QString env = environment.trimmed().toUpper();
    const QString key = cacheKey(userId, credentialId);
    const QString seedKey = userId + QLatin1Char('_') + credentialId;
    const QString ts = d->dialect.tsParam();

    error = d->durable(QStringLiteral("saving the cache entry"), [&]() -> StoreError {
        StoreError e;
        if (key != seedKey) {
            // An entry the seed's service wrote under its own key spelling: update it in place.
            QVariantList binds{ex, env, state.timeOffsetMs, synced, expires, metadata, now};
            const QString identity = d->identityClause(userId, credentialId, &binds);
            QSqlQuery *q = d->run(
                QStringLiteral("UPDATE \"connector_state_cache\" SET \"exchange\" = ?, "
                               "\"environment\" = ?, \"timeOffset\" = ?, \"lastSyncTime\" = %1, "
                               "\"isValid\" = TRUE, \"expiresAt\" = %1, \"metadata\" = %2, "
                               "\"updatedAt\" = %1 WHERE %3")
                    .arg(ts, d->dialect.jsonParam(), identity),
                binds, &e, QStringLiteral("saving the cache entry"));
            if (!q)
                return e;
            const int updated = q->numRowsAffected();
            q->finish();
            if (updated > 0)
                return e;
        }
        QSqlQuery *q = d->run(
            QStringLiteral(
                "INSERT INTO \"connector_state_cache\" (\"id\", \"cacheKey\", \"userId\", "
                "\"credentialId\", \"exchange\", \"environment\", \"timeOffset\", "
                "\"lastSyncTime\", \"isValid\", \"expiresAt\", \"hitCount\", \"metadata\", "
                "\"createdAt\", \"updatedAt\") VALUES (?, ?, ?, ?, ?, ?, ?, %1, TRUE, %1, 0, %2, "
                "%1, %1) ON CONFLICT (\"cacheKey\") DO UPDATE SET "
                "\"exchange\" = excluded.\"exchange\", \"environment\" = excluded.\"environment\", "
                "\"timeOffset\" = excluded.\"timeOffset\", "
                "\"lastSyncTime\" = excluded.\"lastSyncTime\", \"isValid\" = TRUE, "
                "\"expiresAt\" = excluded.\"expiresAt\", \"metadata\" = excluded.\"metadata\", "
                "\"updatedAt\" = excluded.\"updatedAt\" "
                "WHERE \"connector_state_cache\".\"userId\" = excluded.\"userId\" AND "
                "\"connector_state_cache\".\"credentialId\" = excluded.\"credentialId\"")
                .arg(ts, d->dialect.jsonParam()),
            {makeCuid(), key, userId, credentialId, ex, env, state.timeOffsetMs, synced, expires,
             metadata, now, now},
            &e, QStringLiteral("saving the cache entry"));
        if (!q)
            return e;
        const int affected = q->numRowsAffected();
        q->finish();
        if (affected < 1) {
            return StoreError(StoreError::Conflict,
                              QStringLiteral("cache key %1 belongs to another identity; the "
                                             "entry was not overwritten")
                                  .arg(key));
        }
        return e;
    });
    if (error && error.kind() == StoreError::Unreachable && !d->db.isOpen()) {
        qCWarning(lcCache).noquote() << "Cache write failed:" << key << "—" << error.message();
        return error;
    }
    if (!error) {
        ++d->counters().sets;
        d->maybeFlush();
        if (m_options.notifyChanges && d->isPostgres()) {
            StoreError ignored;
            if (QSqlQuery *q = d->run(QStringLiteral("SELECT pg_notify(?, ?)"),
                                      {notifyChannel(), QStringLiteral("set")}, &ignored,
                                      QStringLiteral("announcing the change")))
                q->finish();
        }
        qCDebug(lcCache).noquote() << "Cache SET:" << key << "offset" << state.timeOffsetMs << "ms";
    }
    return error;
}

namespace {
void announce(CacheStore *store, QSqlDatabase db, const QString &what)
{
    if (!store->options().notifyChanges || !store->config().isPostgres() || !db.isOpen())
        return;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT pg_notify(?, ?)"));
    q.addBindValue(CacheStore::notifyChannel());
    q.addBindValue(what);
    q.exec();
}
} // namespace

Result<qint64> CacheStore::invalidate(const QString &userId, const QString &credentialId)
{
    StoreError error = d->checkIdentity(userId, credentialId);
    if (error)
        return error;
    qint64 affected = 0;
    const qint64 now = m_clock->nowMs();
    error = d->durable(QStringLiteral("invalidating the entry"), [&]() -> StoreError {
        StoreError e;
        QVariantList binds{now};
        const QString identity = d->identityClause(userId, credentialId, &binds);
        QSqlQuery *q = d->run(QStringLiteral("UPDATE \"connector_state_cache\" SET \"isValid\" = "
                                             "FALSE, \"updatedAt\" = %1 WHERE %2")
                                  .arg(d->dialect.tsParam(), identity),
                              binds, &e, QStringLiteral("invalidating the entry"));
        if (!q)
            return e;
        affected = q->numRowsAffected();
        q->finish();
        return e;
    });
    if (error)
        return error;
    d->counters().invalidations += affected;
    d->maybeFlush();
    announce(this, d->db, QStringLiteral("invalidate"));
    qCInfo(lcCache).noquote() << "Cache INVALIDATE:" << cacheKey(userId, credentialId) << "rows"
                              << affected;
    return affected;
}

Result<qint64> CacheStore::countInvalidatable(const EntryFilter &filter)
{
    QVariantList binds;
    const QString where = d->whereClause(filter, m_clock->nowMs(), &binds);
    StoreError error;
    QSqlQuery *q = d->run(
        QStringLiteral("SELECT COUNT(*) FROM \"connector_state_cache\" WHERE %1 AND \"isValid\"")
            .arg(where),
        binds, &error, QStringLiteral("counting entries to invalidate"));
    if (!q)
        return error;
    const qint64 n = q->next() ? q->value(0).toLongLong() : 0;
    q->finish();
    return n;
}

Result<qint64> CacheStore::invalidateMatching(const EntryFilter &filter, const Progress &progress)
{
    const qint64 now = m_clock->nowMs();
    QVariantList whereBinds;
    const QString where = d->whereClause(filter, now, &whereBinds);
    const QString sql =
        QStringLiteral("UPDATE \"connector_state_cache\" SET \"isValid\" = FALSE, "
                       "\"updatedAt\" = %1 WHERE \"id\" IN (SELECT \"id\" FROM "
                       "\"connector_state_cache\" WHERE %2 AND \"isValid\" LIMIT ?%3)")
            .arg(d->dialect.tsParam(), where, d->dialect.skipLocked());
    qint64 total = 0;
    for (;;) {
        qint64 affected = 0;
        StoreError error = d->durable(QStringLiteral("invalidating entries"), [&]() -> StoreError {
            StoreError e;
            QVariantList binds{now};
            binds << whereBinds << m_options.batchSize;
            QSqlQuery *q = d->run(sql, binds, &e, QStringLiteral("invalidating entries"));
            if (!q)
                return e;
            affected = q->numRowsAffected();
            q->finish();
            return e;
        });
        if (error) {
            if (total > 0) {
                d->counters().invalidations += total;
                announce(this, d->db, QStringLiteral("invalidate"));
            }
            return StoreError(error.kind(), QStringLiteral("%1 (%2 entries were invalidated "
                                                           "before the failure)")
                                                .arg(error.message())
                                                .arg(total));
        }
        total += affected;
        if (affected < m_options.batchSize)
            break;
        if (progress && !progress(total))
            break;
    }
    if (progress)
        progress(total);
    d->counters().invalidations += total;
    d->maybeFlush();
    if (total > 0)
        announce(this, d->db, QStringLiteral("invalidate"));
    qCInfo(lcCache).noquote() << "Invalidated" << total << "entries matching"
                              << QJsonDocument(filter.toJson()).toJson(QJsonDocument::Compact);
    return total;
}

Result<qint64> CacheStore::countExpired()
{
    StoreError error;
    QSqlQuery *q = d->run(QStringLiteral("SELECT COUNT(*) FROM \"connector_state_cache\" WHERE "
                                         "\"expiresAt\" <= %1")
                              .arg(d->dialect.tsParam()),
                          {m_clock->nowMs()}, &error, QStringLiteral("counting expired entries"));
    if (!q)
        return error;
    const qint64 n = q->next() ? q->value(0).toLongLong() : 0;
    q->finish();
    return n;
}

Result<qint64> CacheStore::cleanupExpired(const Progress &progress)
{
    const qint64 now = m_clock->nowMs();
    // PostgreSQL: rows addressed by ctid, so the delete needs no second index lookup per row.
    // No row locks first (FOR UPDATE would write every row twice): a row a connector renews
    // meanwhile has a new ctid by then, so the delete passes it by, as it must.
    const QString sql =
        d->isPostgres()
            ? QStringLiteral(
                  "DELETE FROM \"connector_state_cache\" WHERE ctid = ANY(ARRAY(SELECT "
                  "ctid FROM \"connector_state_cache\" WHERE \"expiresAt\" <= %1 LIMIT ?))")
                  .arg(d->dialect.tsParam())
            : QStringLiteral("DELETE FROM \"connector_state_cache\" WHERE \"id\" IN (SELECT \"id\" "
                             "FROM \"connector_state_cache\" WHERE \"expiresAt\" <= %1 LIMIT ?)")
                  .arg(d->dialect.tsParam());
    qint64 total = 0;
    StoreError error;
    int deadlocks = 0;
    for (;;) {
        QSqlQuery *q = d->run(sql, {now, m_options.batchSize}, &error,
                              QStringLiteral("deleting expired entries"));
        if (!q) {
            // A writer locking the same expired rows in another order (a hit flush goes by id,
            // this delete by heap position) deadlocked with this batch, and PostgreSQL rolled
            // the batch back whole so the writer could go on: run it again.
            if (error.sqlState() == QLatin1String("40P01") &&
                ++deadlocks <= kCleanupDeadlockRetries) {
                qCInfo(lcCache).noquote()
                    << "Cleanup: a batch lost a deadlock with another writer; running it again";
                continue;
            }
            break;
        }
        const qint64 affected = q->numRowsAffected();
        q->finish();
        total += affected;
        if (affected < m_options.batchSize)
            break;
        if (progress && !progress(total))
            break;
    }
    d->counters().cleanups += total;
    if (total > 0)
        announce(this, d->db, QStringLiteral("cleanup"));
    if (error) {
        if (total == 0)
            return error;
        return StoreError(error.kind(), QStringLiteral("%1 (%2 expired entries were deleted "
                                                       "before the failure)")
                                            .arg(error.message())
                                            .arg(total));
    }
    if (progress)
        progress(total);
    d->maybeFlush();
    qCInfo(lcCache).noquote() << QStringLiteral("Cleaned up %1 expired cache entries").arg(total);
    return total;
}

// --- statistics ---------------------------------------------------------------------------------

namespace {

// The sampled-statistics plan for a table too large to count on every dashboard refresh.
struct StatsSample
{
    bool sample = false;     // false: count exactly
    double percent = 100.0;  // PostgreSQL: TABLESAMPLE SYSTEM percentage
    qint64 liveRows = -1;    // PostgreSQL: the server's live-row count, -1 when unknown
    double plannerRows = -1; // PostgreSQL: last VACUUM/ANALYZE's density × the pages now
    QVariantList windows;    // SQLite: rowid ranges (first, last) to read
    qint64 rowidSpan = 0;    // SQLite: max(rowid) - min(rowid) + 1
    qint64 windowRows = 0;   // SQLite: rowids covered by the windows
};

constexpr int kSqliteWindows = 32;

} // namespace

Result<CacheStats> CacheStore::Private::stats(std::chrono::seconds window, bool mayEstimate)
{
    flush();
    const qint64 now = q->m_clock->nowMs();
    const bool pg = isPostgres();
    StoreError error;

    // How large is the table? Cheap: catalog figures on PostgreSQL, the rowid range on SQLite.
    StatsSample plan;
    const qint64 limit = mayEstimate ? q->m_options.exactStatsUpTo : 0;
    const qint64 target = qMax(1000, q->m_options.statsSampleRows);
    if (limit > 0 && pg) {
        QSqlQuery *query = run(
            QStringLiteral("SELECT c.\"reltuples\", c.\"relpages\", pg_relation_size(c.\"oid\") / "
                           "current_setting('block_size')::INTEGER, "
                           "pg_stat_get_live_tuples(c.\"oid\") FROM pg_class c WHERE c.\"oid\" = "
                           "to_regclass('\"connector_state_cache\"')"),
            {}, &error, QStringLiteral("estimating the table size"));
        if (!query)
            return error;
        if (query->next()) {
            const double reltuples = query->value(0).toDouble();
            const double relpages = query->value(1).toDouble();
            const double pages = query->value(2).toDouble();
            const qint64 live = query->value(3).toLongLong();
            // The planner's estimate: the density seen by the last VACUUM or ANALYZE times the
            // pages there are now; without one, a conservative 60 rows per 8 kB page.
            const double density = reltuples >= 0 && relpages > 0 ? reltuples / relpages : 60.0;
            const double estimate = qMax(double(live), density * pages);
            if (estimate > double(limit)) {
                plan.sample = true;
                plan.percent = qMin(100.0, 100.0 * double(target) / estimate);
                if (reltuples >= 0 && relpages > 0)
                    plan.plannerRows = reltuples / relpages * pages;
                plan.liveRows = live > 0 ? live : -1;
                if (plan.percent >= 50.0)
                    plan.sample = false;
            }
        }
        query->finish();
    } else if (limit > 0) {
        QSqlQuery *query = run(QStringLiteral("SELECT MIN(rowid), MAX(rowid) FROM "
                                              "\"connector_state_cache\""),
                               {}, &error, QStringLiteral("estimating the table size"));
        // A table without rowids (WITHOUT ROWID) cannot be sampled this way: count it.
        if (query && query->next() && !query->value(0).isNull()) {
            const qint64 first = query->value(0).toLongLong();
            const qint64 last = query->value(1).toLongLong();
            plan.rowidSpan = last - first + 1;
            if (plan.rowidSpan > limit && plan.rowidSpan > 2 * target) {
                // One window of rowids at a fixed pseudo-random place in each of 32 equal
                // strata: the same rows each time (no flicker between refreshes), spread over
                // the whole table.
                plan.sample = true;
                const qint64 width = (target + kSqliteWindows - 1) / kSqliteWindows;
                const qint64 stratum = plan.rowidSpan / kSqliteWindows;
                quint32 x = 2463534242u;
                for (int i = 0; i < kSqliteWindows; ++i) {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    const qint64 room = qMax<qint64>(1, stratum - width);
                    const qint64 begin = first + i * stratum + qint64(x % quint64(room));
                    plan.windows << begin << begin + width - 1;
                    plan.windowRows += width;
                }
            }
        }
        if (query)
            query->finish();
        error = StoreError();
    }

    // One pass over the rows (all of them, or the sample). The four time bounds are computed
    // once in a one-row subquery, not per row.
    const QString ts = dialect.tsParam();
    const QString aggregates =
        QStringLiteral("SELECT COUNT(*), "
                       "COUNT(*) FILTER (WHERE \"isValid\" AND \"expiresAt\" > p.n0), "
                       "COUNT(*) FILTER (WHERE \"isValid\" AND \"expiresAt\" <= p.n0), "
                       "COUNT(*) FILTER (WHERE NOT \"isValid\"), "
                       "COALESCE(SUM(CAST(\"hitCount\" AS BIGINT)), 0), %1, %2, "
                       "COUNT(*) FILTER (WHERE \"isValid\" AND \"expiresAt\" > p.n0 AND "
                       "\"expiresAt\" <= p.n5), "
                       "COUNT(*) FILTER (WHERE \"isValid\" AND \"expiresAt\" > p.n0 AND "
                       "\"expiresAt\" <= p.n15), "
                       "COUNT(*) FILTER (WHERE \"isValid\" AND \"expiresAt\" > p.n0 AND "
                       "\"expiresAt\" <= p.n60) ")
            .arg(dialect.ts(QStringLiteral("MIN(\"lastSyncTime\")")),
                 dialect.ts(QStringLiteral("MAX(\"lastSyncTime\")")));
    const QString bounds = QStringLiteral("(SELECT %1 AS n0, %1 AS n5, %1 AS n15, %1 AS n60%2) p")
                               .arg(ts, pg ? QStringLiteral(" OFFSET 0") : QString());
    QVariantList binds;
    for (qint64 minutes : {0, 5, 15, 60})
        binds << now + minutes * kMsPerMinute;
    QString sql;
    if (!plan.sample) {
        sql =
            aggregates + QStringLiteral("FROM %1 CROSS JOIN \"connector_state_cache\"").arg(bounds);
    } else if (pg) {
        // SYSTEM reads whole pages picked at random; REPEATABLE picks the same pages each time.
        sql = aggregates + QStringLiteral("FROM %1 CROSS JOIN \"connector_state_cache\" "
                                          "TABLESAMPLE SYSTEM (CAST(? AS FLOAT8)) REPEATABLE (7)")
                               .arg(bounds);
        binds << plan.percent;
    } else {
        QStringList rows;
        for (int i = 0; i < kSqliteWindows; ++i)
            rows << QStringLiteral("(?, ?)");
        sql = QStringLiteral("WITH w(a, b) AS (VALUES %1) ").arg(rows.join(QLatin1Char(','))) +
              aggregates +
              QStringLiteral("FROM %1 CROSS JOIN w CROSS JOIN \"connector_state_cache\" t WHERE "
                             "t.rowid BETWEEN w.a AND w.b")
                  .arg(bounds);
        binds = plan.windows + binds;
    }
    QSqlQuery *query = run(sql, binds, &error, QStringLiteral("computing statistics"));
    if (!query)
        return error;
    CacheStats s;
    if (query->next()) {
        s.total = query->value(0).toLongLong();
        s.valid = query->value(1).toLongLong();
        s.expired = query->value(2).toLongLong();
        s.invalid = query->value(3).toLongLong();
        s.totalHits = query->value(4).toLongLong();
        if (!query->value(5).isNull()) {
            s.oldestSyncAgeMs = now - query->value(5).toLongLong();
            s.newestSyncAgeMs = now - query->value(6).toLongLong();
        }
        s.expiringIn5m = query->value(7).toLongLong();
        s.expiringIn15m = query->value(8).toLongLong();
        s.expiringIn60m = query->value(9).toLongLong();
    }
    query->finish();
    if (plan.sample) {
        qCDebug(lcCache).noquote()
            << QStringLiteral("stats: sampled %1 rows (%2 %, live rows %3, rowid span %4)")
                   .arg(s.total)
                   .arg(plan.percent)
                   .arg(plan.liveRows)
                   .arg(plan.rowidSpan);
    }
    if (plan.sample && s.total > 0) {
        // Scale the sample to the table. SQLite: rows per sampled rowid times the rowid span;
        // PostgreSQL: see chooseSampledTotal().
        const qint64 total =
            pg ? chooseSampledTotal(double(s.total) * 100.0 / plan.percent, double(plan.liveRows),
                                    plan.plannerRows)
               : qint64(double(s.total) * double(plan.rowidSpan) / double(plan.windowRows) + 0.5);
        const double scale = double(total) / double(s.total);
        auto scaled = [scale](qint64 n) { return qint64(double(n) * scale + 0.5); };
        s.invalid = qMin(total, scaled(s.invalid));
        s.expired = qMin(total - s.invalid, scaled(s.expired));
        s.valid = total - s.invalid - s.expired;
        s.expiringIn60m = qMin(s.valid, scaled(s.expiringIn60m));
        s.expiringIn15m = qMin(s.expiringIn60m, scaled(s.expiringIn15m));
        s.expiringIn5m = qMin(s.expiringIn15m, scaled(s.expiringIn5m));
        s.totalHits = scaled(s.totalHits);
        s.total = total;
        s.estimated = true;
    } else if (plan.sample) {
        // The sample found nothing (an emptied table not yet vacuumed): count exactly.
        return stats(window, false);
    }
    s.windowSeconds = window.count();
    const qint64 fromMinute = (now - qint64(window.count()) * 1000) / kMsPerMinute;
    query = run(QStringLiteral("SELECT COALESCE(SUM(\"hits\"), 0), COALESCE(SUM(\"misses\"), 0) "
                               "FROM \"connector_cache_history\" WHERE \"minute\" >= ?"),
                {fromMinute}, &error, QStringLiteral("reading the hit/miss history"));
    if (!query)
        return error;
    if (query->next()) {
        s.hits = query->value(0).toLongLong();
        s.misses = query->value(1).toLongLong();
    }
    query->finish();
    if (s.hits + s.misses > 0)
        s.hitRate = double(s.hits) / double(s.hits + s.misses);
    return s;
}

Result<CacheStats> CacheStore::stats(std::chrono::seconds window, Precision precision)
{
    return d->stats(window, precision == Precision::Auto);
}

Result<QList<BreakdownRow>> CacheStore::breakdown()
{
    const qint64 now = m_clock->nowMs();
    const QString ts = d->dialect.tsParam();
    const QString sql =
        QStringLiteral(
            "SELECT UPPER(\"exchange\"), UPPER(\"environment\"), COUNT(*), "
            "SUM(CASE WHEN \"isValid\" AND \"expiresAt\" > %1 THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN \"isValid\" AND \"expiresAt\" <= %1 THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN NOT \"isValid\" THEN 1 ELSE 0 END), SUM(CAST(\"hitCount\" AS BIGINT)) "
            "FROM \"connector_state_cache\" GROUP BY UPPER(\"exchange\"), UPPER(\"environment\") "
            "ORDER BY 1, 2")
            .arg(ts);
    StoreError error;
    QSqlQuery *q = d->run(sql, {now, now}, &error, QStringLiteral("computing the breakdown"));
    if (!q)
        return error;
    QList<BreakdownRow> rows;
    while (q->next()) {
        BreakdownRow r;
        r.exchange = q->value(0).toString();
        r.environment = q->value(1).toString();
        r.total = q->value(2).toLongLong();
        r.valid = q->value(3).toLongLong();
        r.expired = q->value(4).toLongLong();
        r.invalid = q->value(5).toLongLong();
        r.hits = q->value(6).toLongLong();
        rows << r;
    }
    q->finish();
    return rows;
}

Result<QList<HistoryBucket>> CacheStore::history(const QDateTime &from, const QDateTime &to,
                                                 int bucketMinutes)
{
    if (!from.isValid() || !to.isValid() || to < from)
        return StoreError(StoreError::InvalidArgument,
                          QStringLiteral("the history range must have a start before its end"));
    if (bucketMinutes < 1)
        return StoreError(StoreError::InvalidArgument,
                          QStringLiteral("history buckets are at least one minute wide"));
    const qint64 fromMinute =
        from.toMSecsSinceEpoch() / kMsPerMinute / bucketMinutes * bucketMinutes;
    const qint64 toMinute = to.toMSecsSinceEpoch() / kMsPerMinute;
    const qint64 count = (toMinute - fromMinute) / bucketMinutes + 1;
    if (count > 100000)
        return StoreError(
            StoreError::InvalidArgument,
            QStringLiteral("%1 history buckets asked for; use wider buckets").arg(count));
    d->flush();
    StoreError error;
    QSqlQuery *q = d->run(
        QStringLiteral("SELECT (\"minute\" / ?) * ?, SUM(\"hits\"), SUM(\"misses\"), "
                       "SUM(\"sets\"), SUM(\"invalidations\"), SUM(\"cleanups\") FROM "
                       "\"connector_cache_history\" WHERE \"minute\" >= ? AND \"minute\" <= ? "
                       "GROUP BY 1 ORDER BY 1"),
        {bucketMinutes, bucketMinutes, fromMinute, toMinute}, &error,
        QStringLiteral("reading the hit/miss history"));
    if (!q)
        return error;
    QList<HistoryBucket> buckets;
    buckets.reserve(int(count));
    for (qint64 i = 0; i < count; ++i) {
        HistoryBucket b;
        b.start = QDateTime::fromMSecsSinceEpoch((fromMinute + i * bucketMinutes) * kMsPerMinute,
                                                 Qt::UTC);
        buckets << b;
    }
    while (q->next()) {
        const qint64 index = (q->value(0).toLongLong() - fromMinute) / bucketMinutes;
        if (index < 0 || index >= count)
            continue;
        HistoryBucket &b = buckets[int(index)];
        b.hits = q->value(1).toLongLong();
        b.misses = q->value(2).toLongLong();
        b.sets = q->value(3).toLongLong();
        b.invalidations = q->value(4).toLongLong();
        b.cleanups = q->value(5).toLongLong();
    }
    q->finish();
    return buckets;
}

StoreError CacheStore::flushHistory()
{
    StoreError error = d->connect();
    if (error)
        return error;
    return d->flush();
}

// --- the storm ----------------------------------------------------------------------------------

Result<bool> CacheStore::acquireSyncLease(const QString &userId, const QString &credentialId,
                                          const QString &holder, std::chrono::milliseconds duration)
{
    StoreError error = d->checkIdentity(userId, credentialId);
    if (error)
        return error;
    const qint64 now = m_clock->nowMs();
    QSqlQuery *q =
        d->run(QStringLiteral(
                   "INSERT INTO \"connector_cache_lease\" (\"cache_key\", \"holder\", "
                   "\"expires_at_ms\") VALUES (?, ?, ?) ON CONFLICT (\"cache_key\") DO UPDATE "
                   "SET \"holder\" = excluded.\"holder\", \"expires_at_ms\" = "
                   "excluded.\"expires_at_ms\" WHERE \"connector_cache_lease\".\"expires_at_ms\" "
                   "<= ? OR \"connector_cache_lease\".\"holder\" = excluded.\"holder\""),
               {cacheKey(userId, credentialId), holder, now + qint64(duration.count()), now},
               &error, QStringLiteral("taking the sync lease"));
    if (!q)
        return error;
    const bool acquired = q->numRowsAffected() > 0;
    q->finish();
    return acquired;
}

StoreError CacheStore::releaseSyncLease(const QString &userId, const QString &credentialId,
                                        const QString &holder)
{
    StoreError error;
    QSqlQuery *q = d->run(QStringLiteral("DELETE FROM \"connector_cache_lease\" WHERE "
                                         "\"cache_key\" = ? AND \"holder\" = ?"),
                          {cacheKey(userId, credentialId), holder}, &error,
                          QStringLiteral("releasing the sync lease"));
    if (q)
        q->finish();
    return error;
}

// --- browsing -----------------------------------------------------------------------------------

Result<CacheEntry> CacheStore::entry(const QString &userId, const QString &credentialId)
{
    StoreError error = d->checkIdentity(userId, credentialId);
    if (error)
        return error;
    if (!d->pendingHits.isEmpty() && isOpen())
        d->flush(); // this process's own hits show at once
    QVariantList binds;
    const QString identity = d->identityClause(userId, credentialId, &binds);
    QSqlQuery *q = d->run(QStringLiteral("SELECT %1 FROM \"connector_state_cache\" WHERE %2 "
                                         "ORDER BY \"lastSyncTime\" DESC")
                              .arg(d->columns(), identity),
                          binds, &error, QStringLiteral("reading the entry"));
    if (!q)
        return error;
    if (!q->next()) {
        q->finish();
        return StoreError(
            StoreError::InvalidArgument,
            QStringLiteral("no cache entry for user %1, credential %2").arg(userId, credentialId));
    }
    const CacheEntry e = Private::readEntry(*q);
    q->finish();
    return e;
}

Result<qint64> CacheStore::count(const EntryFilter &filter)
{
    QVariantList binds;
    const QString where = d->whereClause(filter, m_clock->nowMs(), &binds);
    StoreError error;
    QSqlQuery *q =
        d->run(QStringLiteral("SELECT COUNT(*) FROM \"connector_state_cache\" WHERE %1").arg(where),
               binds, &error, QStringLiteral("counting entries"));
    if (!q)
        return error;
    const qint64 n = q->next() ? q->value(0).toLongLong() : 0;
    q->finish();
    return n;
}

Result<BrowsePage> CacheStore::browse(const BrowseRequest &request)
{
    if (!d->pendingHits.isEmpty() && isOpen())
        d->flush(); // this process's own hits show at once
    if (request.limit < 1 || request.limit > 10000)
        return StoreError(
            StoreError::InvalidArgument,
            QStringLiteral("a page holds 1 to 10000 entries (asked for %1)").arg(request.limit));
    const SortColumn column = request.sortColumn;
    const bool asc = request.sortOrder == Qt::AscendingOrder;
    const QString col = quoted(sortColumnName(column));
    QVariantList binds;
    QString where = d->whereClause(request.filter, m_clock->nowMs(), &binds);

    if (!request.after.isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(
            QByteArray::fromBase64(request.after.toLatin1(), QByteArray::Base64UrlEncoding));
        const QJsonObject o = doc.object();
        SortColumn cursorColumn;
        if (!doc.isObject() ||
            !sortColumnFromName(o.value(QStringLiteral("c")).toString(), &cursorColumn) ||
            cursorColumn != column ||
            o.value(QStringLiteral("o")).toString() !=
                (asc ? QLatin1String("asc") : QLatin1String("desc")) ||
            !o.contains(QStringLiteral("id"))) {
            return StoreError(StoreError::InvalidArgument,
                              QStringLiteral("the page cursor is malformed or belongs to another "
                                             "sort order; start again from the first page"));
        }
        const QString valueSql = isTimeColumn(column) ? d->dialect.tsParam() : QStringLiteral("?");
        where += QStringLiteral(" AND (%1, \"id\") %2 (%3, ?)")
                     .arg(col, asc ? QStringLiteral(">") : QStringLiteral("<"), valueSql);
        if (isNumberColumn(column))
            binds << o.value(QStringLiteral("n")).toString().toLongLong();
        else
            binds << o.value(QStringLiteral("s")).toString();
        binds << o.value(QStringLiteral("id")).toString();
    }
    const QString dir = asc ? QStringLiteral("ASC") : QStringLiteral("DESC");
    QString sql = QStringLiteral("SELECT %1 FROM \"connector_state_cache\" WHERE %2 ORDER BY %3 "
                                 "%4, \"id\" %4 LIMIT ?")
                      .arg(d->columns(), where, col, dir);
    binds << request.limit + 1;
    if (request.after.isEmpty() && request.offset > 0) {
        sql += QStringLiteral(" OFFSET ?");
        binds << request.offset;
    }
    StoreError error;
    QSqlQuery *q = d->run(sql, binds, &error, QStringLiteral("browsing entries"));
    if (!q)
        return error;
    BrowsePage page;
    bool more = false;
    while (q->next()) {
        if (page.entries.size() == request.limit) {
            more = true;
            break;
        }
        page.entries << Private::readEntry(*q);
    }
    q->finish();
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

// --- administration -----------------------------------------------------------------------------

Result<ServerInfo> CacheStore::serverInfo()
{
    StoreError error = d->connect();
    if (error)
        return error;
    ServerInfo info;
    info.backend = d->isPostgres() ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite");
    QElapsedTimer timer;
    timer.start();
    QSqlQuery *q = d->run(QStringLiteral("SELECT 1"), {}, &error, QStringLiteral("pinging"));
    if (!q)
        return error;
    q->finish();
    info.latencyUs = timer.nsecsElapsed() / 1000;
    const QString sql =
        d->isPostgres() ? QStringLiteral("SELECT current_setting('server_version'), current_user, "
                                         "current_database()")
                        : QStringLiteral("SELECT sqlite_version()");
    q = d->run(sql, {}, &error, QStringLiteral("reading the server version"));
    if (!q)
        return error;
    if (q->next()) {
        info.version = q->value(0).toString();
        if (d->isPostgres()) {
            info.role = q->value(1).toString();
            info.database = q->value(2).toString();
        }
    }
    q->finish();
    if (!d->isPostgres()) {
        info.role = osUserName();
        info.database = m_config.sqlitePath;
    }
    return info;
}

Result<Privileges> CacheStore::privileges()
{
    StoreError error = d->connect();
    if (error)
        return error;
    Privileges p;
    if (!d->isPostgres()) {
        const QFileInfo file(m_config.sqlitePath);
        p.canRead = true;
        p.canWrite =
            m_config.sqlitePath == QLatin1String(":memory:") || !file.exists() || file.isWritable();
        p.canAudit = p.canWrite;
        return p;
    }
    QSqlQuery *q = d->run(
        QStringLiteral("SELECT has_table_privilege('connector_state_cache', 'SELECT'), "
                       "has_table_privilege('connector_state_cache', 'UPDATE') AND "
                       "has_table_privilege('connector_state_cache', 'DELETE') AND "
                       "has_table_privilege('connector_state_cache', 'INSERT'), "
                       "CASE WHEN to_regclass('connector_cache_audit') IS NULL THEN FALSE ELSE "
                       "has_table_privilege('connector_cache_audit', 'INSERT') END"),
        {}, &error, QStringLiteral("checking the role's privileges"));
    if (!q)
        return error;
    if (q->next()) {
        p.canRead = q->value(0).toBool();
        p.canWrite = q->value(1).toBool();
        p.canAudit = q->value(2).toBool();
    }
    q->finish();
    return p;
}

StoreError CacheStore::recordAudit(const AuditRecord &record)
{
    const qint64 at = record.at.isValid() ? record.at.toMSecsSinceEpoch() : m_clock->nowMs();
    // The audit log is what an operator reads after an incident: its rows wait for the disk.
    return d->durable(QStringLiteral("writing the audit log"), [&]() -> StoreError {
        StoreError error;
        QSqlQuery *q =
            d->run(QStringLiteral(
                       "INSERT INTO \"connector_cache_audit\" (\"at\", \"os_user\", \"db_role\", "
                       "\"profile\", \"action\", \"filter\", \"rows_affected\", \"outcome\") "
                       "VALUES (%1, ?, ?, ?, ?, ?, ?, ?)")
                       .arg(d->dialect.tsParam()),
                   {at, nonNull(record.osUser.isEmpty() ? osUserName() : record.osUser),
                    nonNull(record.dbRole.isEmpty() ? d->dbRole : record.dbRole),
                    nonNull(record.profile.isEmpty() ? m_options.profile : record.profile),
                    nonNull(record.action), nonNull(record.filter), record.rowsAffected,
                    record.outcome.isEmpty() ? QStringLiteral("ok") : record.outcome},
                   &error, QStringLiteral("writing the audit log"));
        if (q)
            q->finish();
        return error;
    });
}

Result<QList<AuditRecord>> CacheStore::auditLog(const QDateTime &since, int limit)
{
    StoreError error;
    QSqlQuery *q = d->run(
        QStringLiteral("SELECT \"id\", %1, \"os_user\", \"db_role\", \"profile\", \"action\", "
                       "\"filter\", \"rows_affected\", \"outcome\" FROM \"connector_cache_audit\" "
                       "WHERE \"at\" >= %2 ORDER BY \"id\" DESC LIMIT ?")
            .arg(d->dialect.ts(QStringLiteral("\"at\"")), d->dialect.tsParam()),
        {since.isValid() ? since.toMSecsSinceEpoch() : qint64(0), qMax(1, limit)}, &error,
        QStringLiteral("reading the audit log"));
    if (!q)
        return error;
    QList<AuditRecord> records;
    while (q->next()) {
        AuditRecord r;
        r.id = q->value(0).toLongLong();
        r.at = QDateTime::fromMSecsSinceEpoch(q->value(1).toLongLong(), Qt::UTC);
        r.osUser = q->value(2).toString();
        r.dbRole = q->value(3).toString();
        r.profile = q->value(4).toString();
        r.action = q->value(5).toString();
        r.filter = q->value(6).toString();
        r.rowsAffected = q->value(7).toLongLong();
        r.outcome = q->value(8).toString();
        records << r;
    }
    q->finish();
    return records;
}

} // namespace cc
