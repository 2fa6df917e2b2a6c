#include "core/store/cachestore.h"

#include "core/logging.h"
#include "core/store/cachestore_p.h"
#include "core/store/changefeed.h"
#include "core/store/cuid.h"
#include "core/store/schema.h"
#include "core/store/tablename.h"
#include "core/store/validation.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QThread>

#include <iterator>
#include <limits>

namespace cc {

namespace {

constexpr int kCleanupDeadlockRetries = 5; // batches of one cleanup run again after a deadlock
// Pauses before a bulk invalidation tries again the rows another transaction held locked.
constexpr unsigned long kBulkRetryPausesMs[] = {50, 200, 750};

} // namespace

using namespace store;

CacheStore::CacheStore(DatabaseConfig config, Options options, const Clock *clock)
    : d(std::make_unique<Private>(this, config))
    , m_config(std::move(config))
    , m_options(options)
    , m_clock(clock ? clock : Clock::system())
{}

CacheStore::~CacheStore()
{
    for (ChangeFeed *feed : std::as_const(d->feeds))
        feed->storeGone();
    d->feeds.clear();
    if (isOpen())
        d->flush(true); // bounded: a locked row is tried again for a moment, not waited for
    if (!d->pendingHits.isEmpty())
        qCWarning(lcCache).noquote()
            << QStringLiteral("The hits of %1 entries held locked by another transaction were "
                              "not added to their hitCount before the store closed")
                   .arg(d->pendingHits.size());
    d->prepared.clear();
    d->ranOnce.clear();
    d->closeNative();
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
    const Private::Budget budget(d.get()); // the schema check is bounded like every call
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
        d->flush(true);
    d->dropConnection();
}

bool CacheStore::isOpen() const
{
    return d->connected();
}

SchemaStatus CacheStore::schemaStatus()
{
    if (d->connect())
        return SchemaStatus();
    const Private::Budget budget(d.get());
    return schema::detect(d->db, d->dialect).valueOr(SchemaStatus());
}

Result<MigrationReport> CacheStore::migrate()
{
    d->sinceConnectFailure.invalidate();
    d->mayCreateSqliteFile = true; // the one call that creates a missing SQLite file
    StoreError error = d->refuseOnStandby(QStringLiteral("migrating the schema")); // connects
    d->mayCreateSqliteFile = false;
    if (error)
        return error;
    d->prepared.clear();
    d->ranOnce.clear();
    auto report = schema::migrate(d->db, d->dialect);
    if (!report.ok() && report.error().kind() == StoreError::QueryFailed && !d->db.isOpen())
        d->dropConnection();
    if (!report.ok())
        return report;
    // At the current version our own tables, columns or indexes may still be gone (dropped by
    // hand): put back, never the seed's.
    auto repaired = schema::repair(d->db, d->dialect);
    if (!repaired.ok())
        return repaired.error();
    if (repaired->isEmpty())
        return report;
    MigrationReport done = report.value();
    done.steps.removeIf(
        [](const QString &step) { return step.contains(QLatin1String("nothing to do")); });
    done.steps << repaired.value();
    return done;
}

Result<SchemaCheck> CacheStore::checkSchema()
{
    StoreError error = d->connect();
    if (error)
        return error;
    return schema::check(d->db, d->dialect);
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

std::shared_ptr<QueryCanceller> CacheStore::canceller() const
{
    return d->canceller;
}

std::unique_ptr<ChangeFeed> CacheStore::subscribeChanges()
{
    if (d->isPostgres())
        d->connect(); // so that the feed can LISTEN at once; else it does after a connect
    std::unique_ptr<ChangeFeed> feed(new ChangeFeed(d.get()));
    d->feeds << feed.get();
    return feed;
}

// --- get / set / invalidate ---------------------------------------------------------------------

namespace {

// What get() and lookupOffset() share around their statements: the identity checked, one
// reconnect after a connection that died since the last call, a failure as a Failed lookup
// (logged: it is a miss for the caller), and the outcome counted in the history.
template<typename L, typename Once>
L lookUp(CacheStore &store, CacheStore::Private *d, const QString &userId,
         const QString &credentialId, const Once &once, StoreError *error)
{
    L lookup;
    *error = d->checkIdentity(userId, credentialId);
    if (!error->isError()) {
        // The lookup's own budget, its retry included (the flush below keeps its own).
        const CacheStore::Private::Budget budget(d, d->lookupBudget());
        lookup = once(error);
        if (error->kind() == StoreError::Unreachable && !d->connected()) {
            d->sinceConnectFailure.invalidate();
            lookup = once(error);
        }
    }
    if (error->isError()) {
        lookup = L();
        lookup.outcome = Lookup::Outcome::Failed;
        lookup.errorMessage = error->message();
        qCWarning(lcCache).noquote()
            << "Cache lookup failed (treated as a miss):"
            << CacheStore::cacheKey(userId, credentialId) << "—" << error->message();
    }
    store::Counters &c = d->counters();
    if (lookup.isHit())
        ++c.hits;
    else
        ++c.misses;
    if (store.isOpen())
        d->maybeFlush();
    return lookup;
}

} // namespace

Lookup CacheStore::get(const QString &userId, const QString &credentialId)
{
    StoreError error;
    const Lookup lookup = lookUp<Lookup>(
        *this, d.get(), userId, credentialId,
        [&](StoreError *e) { return d->getOnce(userId, credentialId, e); }, &error);
    // Only for the log lines, which evaluate it only when they are on.
    const auto key = [&]() { return cacheKey(userId, credentialId); };
    if (error) // lookUp() logged it
        return lookup;
    if (lookup.outcome == Lookup::Outcome::Hit) {
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
    return lookup;
}

OffsetLookup CacheStore::lookupOffset(const QString &userId, const QString &credentialId)
{
    StoreError error;
    const OffsetLookup lookup = lookUp<OffsetLookup>(
        *this, d.get(), userId, credentialId,
        [&](StoreError *e) { return d->lookupOffsetOnce(userId, credentialId, e); }, &error);
    if (!error && lcCache().isInfoEnabled())
        qCInfo(lcCache).noquote()
            << QStringLiteral("Cache %1: %2 (age: %3s)")
                   .arg(lookup.isHit() ? QStringLiteral("HIT") : QStringLiteral("MISS"),
                        cacheKey(userId, credentialId))
                   .arg(lookup.hasEntry() ? lookup.record.ageMs(m_clock->nowMs()) / 1000 : 0);
    return lookup;
}

StoreError CacheStore::set(const QString &userId, const QString &credentialId,
                           const QString &exchange, const QString &environment,
                           const TimeSyncState &state, std::chrono::seconds ttl)
{
    // Bounded values, known exchanges, no secrets in the metadata (validation.h).
    StoreError error = validateEntryInput(userId, credentialId, exchange, environment, state, ttl,
                                          m_clock->nowMs(), m_options.entryLimits);
    if (error)
        return error;
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
    error = d->refuseOnStandby(QStringLiteral("saving the cache entry"));
    if (error)
        return error;
    error = d->durable(QStringLiteral("saving the cache entry"), [&]() -> StoreError {
        StoreError e;
        if (key != seedKey) {
            // An entry the seed's service wrote under its own key spelling: update it in place.
            QVariantList binds{ex, env, state.timeOffsetMs, synced, expires, metadata, now};
            const QString identity = d->identityClause(userId, credentialId, &binds);
            ActiveQuery q =
                d->run(d->dialect.sql(
                           QStringLiteral(
                               "UPDATE {cache} SET \"exchange\" = ?, "
                               "\"environment\" = ?, \"timeOffset\" = ?, \"lastSyncTime\" = %1, "
                               "\"isValid\" = TRUE, \"expiresAt\" = %1, \"metadata\" = %2, "
                               "\"updatedAt\" = %1 WHERE %3")
                               .arg(ts, d->dialect.jsonParam(), identity)),
                       binds, &e, QStringLiteral("saving the cache entry"));
            if (!q)
                return e;
            const int updated = q->numRowsAffected();
            if (updated > 0)
                return e;
        }
        ActiveQuery q = d->run(
            d->dialect.sql(
                QStringLiteral(
                    "INSERT INTO {cache} (\"id\", \"cacheKey\", \"userId\", "
                    "\"credentialId\", \"exchange\", \"environment\", \"timeOffset\", "
                    "\"lastSyncTime\", \"isValid\", \"expiresAt\", \"hitCount\", \"metadata\", "
                    "\"createdAt\", \"updatedAt\") VALUES (?, ?, ?, ?, ?, ?, ?, %1, TRUE, %1, 0, "
                    "%2, "
                    "%1, %1) ON CONFLICT (\"cacheKey\") DO UPDATE SET "
                    "\"exchange\" = excluded.\"exchange\", \"environment\" = "
                    "excluded.\"environment\", "
                    "\"timeOffset\" = excluded.\"timeOffset\", "
                    "\"lastSyncTime\" = excluded.\"lastSyncTime\", \"isValid\" = TRUE, "
                    "\"expiresAt\" = excluded.\"expiresAt\", \"metadata\" = excluded.\"metadata\", "
                    "\"updatedAt\" = excluded.\"updatedAt\" "
                    "WHERE \"connector_state_cache\".\"userId\" = excluded.\"userId\" AND "
                    "\"connector_state_cache\".\"credentialId\" = excluded.\"credentialId\"")
                    .arg(ts, d->dialect.jsonParam())),
            {makeCuid(), key, userId, credentialId, ex, env, state.timeOffsetMs, synced, expires,
             metadata, now, now},
            &e, QStringLiteral("saving the cache entry"));
        if (!q)
            return e;
        const int affected = q->numRowsAffected();
        if (affected < 1) {
            return StoreError(StoreError::Conflict,
                              QStringLiteral("cache key %1 belongs to another identity; the "
                                             "entry was not overwritten")
                                  .arg(key));
        }
        return e;
    });
    if (error && error.kind() == StoreError::Unreachable && !d->connected()) {
        qCWarning(lcCache).noquote() << "Cache write failed:" << key << "—" << error.message();
        return error;
    }
    if (!error) {
        ++d->counters().sets;
        d->maybeFlush();
        if (m_options.notifyChanges && d->isPostgres()) {
            StoreError ignored;
            d->run(QStringLiteral("SELECT pg_notify(?, ?)"),
                   {changeChannel(), QStringLiteral("set")}, &ignored,
                   QStringLiteral("announcing the change")); // finished at once
        }
        qCDebug(lcCache).noquote() << "Cache SET:" << key << "offset" << state.timeOffsetMs << "ms";
    }
    return error;
}

Result<qint64> CacheStore::invalidate(const QString &userId, const QString &credentialId)
{
    StoreError error = d->checkIdentity(userId, credentialId);
    if (!error)
        error = d->refuseOnStandby(QStringLiteral("invalidating the entry"));
    if (error)
        return error;
    qint64 affected = 0;
    const qint64 now = m_clock->nowMs();
    error = d->durable(QStringLiteral("invalidating the entry"), [&]() -> StoreError {
        StoreError e;
        QVariantList binds{now};
        const QString identity = d->identityClause(userId, credentialId, &binds);
        ActiveQuery q = d->run(d->dialect.sql(QStringLiteral("UPDATE {cache} SET \"isValid\" = "
                                                             "FALSE, \"updatedAt\" = %1 WHERE %2")
                                                  .arg(d->dialect.tsParam(), identity)),
                               binds, &e, QStringLiteral("invalidating the entry"));
        if (!q)
            return e;
        affected = q->numRowsAffected();
        return e;
    });
    if (error)
        return error;
    d->counters().invalidations += affected;
    d->maybeFlush();
    d->announce(QStringLiteral("invalidate"));
    qCInfo(lcCache).noquote() << "Cache INVALIDATE:" << cacheKey(userId, credentialId) << "rows"
                              << affected;
    return affected;
}

Result<qint64> CacheStore::countInvalidatable(const EntryFilter &filter)
{
    QVariantList binds;
    const QString where = d->whereClause(filter, m_clock->nowMs(), &binds);
    StoreError error;
    ActiveQuery q = d->run(
        d->dialect.sql(
            QStringLiteral("SELECT COUNT(*) FROM {cache} WHERE %1 AND \"isValid\"").arg(where)),
        binds, &error, QStringLiteral("counting entries to invalidate"));
    if (!q)
        return error;
    const qint64 n = q->next() ? q->value(0).toLongLong() : 0;
    return n;
}

Result<qint64> CacheStore::invalidateMatching(const EntryFilter &filter, const Progress &progress,
                                              BulkInvalidation *outcome)
{
    if (StoreError refused = d->refuseOnStandby(QStringLiteral("invalidating entries")))
        return refused;
    BulkInvalidation ignored;
    BulkInvalidation &result = outcome ? *outcome : ignored;
    result = BulkInvalidation();
    const qint64 now = m_clock->nowMs();
    QVariantList whereBinds;
    const QString where = d->whereClause(filter, now, &whereBinds);
    const QString sql = d->dialect.sql(
        QStringLiteral("UPDATE {cache} SET \"isValid\" = FALSE, "
                       "\"updatedAt\" = %1 WHERE \"id\" IN (SELECT \"id\" FROM {cache}"
                       " WHERE %2 AND \"isValid\" LIMIT ?%3)")
            .arg(d->dialect.tsParam(), where, d->dialect.skipLocked()));
    qint64 total = 0;
    bool stopped = false; // progress() asked to stop: what is left is the caller's choice
    // One pass of batches until a batch comes back short. Rows locked by another transaction
    // are skipped (SKIP LOCKED), so a short batch does not mean that none match any more.
    const auto pass = [&]() -> StoreError {
        for (;;) {
            qint64 affected = 0;
            StoreError error =
                d->durable(QStringLiteral("invalidating entries"), [&]() -> StoreError {
                    StoreError e;
                    QVariantList binds{now};
                    binds << whereBinds << m_options.batchSize;
                    ActiveQuery q = d->run(sql, binds, &e, QStringLiteral("invalidating entries"));
                    if (!q)
                        return e;
                    affected = q->numRowsAffected();
                    return e;
                });
            if (error)
                return error;
            total += affected;
            if (affected < m_options.batchSize)
                return StoreError();
            if (progress && !progress(total)) {
                stopped = true;
                return StoreError();
            }
        }
    };
    // Matching rows still valid that were there before this call (a row renewed since by a
    // set() has a later updatedAt and is a new entry, not one left behind).
    const auto countLeft = [&]() -> Result<qint64> {
        StoreError e;
        QVariantList binds = whereBinds;
        binds << now;
        ActiveQuery q =
            d->run(d->dialect.sql(QStringLiteral("SELECT COUNT(*) FROM {cache} WHERE %1 "
                                                 "AND \"isValid\" AND \"updatedAt\" <= %2")
                                      .arg(where, d->dialect.tsParam())),
                   binds, &e, QStringLiteral("counting entries left valid"));
        if (!q)
            return e;
        const qint64 n = q->next() ? q->value(0).toLongLong() : 0;
        return n;
    };
    StoreError error = pass();
    qint64 left = 0;
    if (!error && !stopped && d->isPostgres()) {
        // Skipped rows: tried again after short pauses, about a second in all.
        for (int retry = 0; !error && retry < int(std::size(kBulkRetryPausesMs)); ++retry) {
            auto n = countLeft();
            if (!n.ok()) {
                error = n.error();
                break;
            }
            left = n.value();
            if (left == 0)
                break;
            QThread::msleep(kBulkRetryPausesMs[retry]);
            error = pass();
            left = -1; // counted again below
        }
        if (!error && left != 0) {
            auto n = countLeft();
            if (n.ok())
                left = n.value();
            else
                error = n.error();
        }
    }
    result.invalidated = total;
    result.left = qMax<qint64>(0, left);
    if (total > 0) {
        d->counters().invalidations += total;
        d->announce(QStringLiteral("invalidate"));
    }
    if (error) {
        StoreError partial(error.kind(), QStringLiteral("%1 (%2 entries were invalidated "
                                                        "before the failure)")
                                             .arg(error.message())
                                             .arg(total));
        partial.setStall(error.isStall()); // the console tells a stall from a lost server
        return partial;
    }
    if (progress)
        progress(total);
    d->maybeFlush();
    const QString filterText =
        QString::fromUtf8(QJsonDocument(filter.toJson()).toJson(QJsonDocument::Compact));
    if (result.left > 0) {
        StoreError partial(
            StoreError::QueryFailed,
            QStringLiteral("invalidated %1 entries, but %2 matching entries stayed valid: another "
                           "transaction held them locked through %3 retries — run the "
                           "invalidation again (it takes only what is left)")
                .arg(total)
                .arg(result.left)
                .arg(std::size(kBulkRetryPausesMs)));
        partial.setSqlState(QStringLiteral("55P03")); // lock_not_available
        qCWarning(lcCache).noquote() << partial.message() << "— filter" << filterText;
        return partial;
    }
    qCInfo(lcCache).noquote() << "Invalidated" << total << "entries matching" << filterText;
    return total;
}

Result<qint64> CacheStore::countExpired()
{
    StoreError error;
    ActiveQuery q = d->run(d->dialect.sql(QStringLiteral("SELECT COUNT(*) FROM {cache} WHERE "
                                                         "\"expiresAt\" <= %1")
                                              .arg(d->dialect.tsParam())),
                           {m_clock->nowMs()}, &error, QStringLiteral("counting expired entries"));
    if (!q)
        return error;
    const qint64 n = q->next() ? q->value(0).toLongLong() : 0;
    return n;
}

Result<qint64> CacheStore::cleanupExpired(const Progress &progress)
{
    if (StoreError refused = d->refuseOnStandby(QStringLiteral("deleting expired entries")))
        return refused;
    (void)sampleTableHealth(); // issue 16: expired entries are counted before they go
    const qint64 now = m_clock->nowMs();
    // PostgreSQL: rows addressed by ctid, so the delete needs no second index lookup per row.
    // No row locks first (FOR UPDATE would write every row twice): a row a connector renews
    // meanwhile has a new ctid by then, so the delete passes it by, as it must.
    const QString sql = d->dialect.sql(
        d->isPostgres() ? QStringLiteral("DELETE FROM {cache} WHERE ctid = ANY(ARRAY(SELECT "
                                         "ctid FROM {cache} WHERE \"expiresAt\" <= %1 LIMIT ?))")
                              .arg(d->dialect.tsParam())
                        : QStringLiteral("DELETE FROM {cache} WHERE \"id\" IN (SELECT \"id\" "
                                         "FROM {cache} WHERE \"expiresAt\" <= %1 LIMIT ?)")
                              .arg(d->dialect.tsParam()));
    qint64 total = 0;
    StoreError error;
    int deadlocks = 0;
    for (;;) {
        ActiveQuery q = d->run(sql, {now, m_options.batchSize}, &error,
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
        total += affected;
        if (affected < m_options.batchSize)
            break;
        if (progress && !progress(total))
            break;
    }
    d->counters().cleanups += total;
    if (total > 0)
        d->announce(QStringLiteral("cleanup"));
    if (error) {
        if (total == 0)
            return error;
        StoreError partial(error.kind(), QStringLiteral("%1 (%2 expired entries were deleted "
                                                        "before the failure)")
                                             .arg(error.message())
                                             .arg(total));
        partial.setStall(error.isStall());
        return partial;
    }
    if (progress)
        progress(total);
    d->maybeFlush();
    qCInfo(lcCache).noquote() << QStringLiteral("Cleaned up %1 expired cache entries").arg(total);
    return total;
}

// --- statistics ---------------------------------------------------------------------------------

Result<CacheStats> CacheStore::stats(std::chrono::seconds window, Precision precision)
{
    return d->stats(window, precision == Precision::Auto);
}
Result<QList<BreakdownRow>> CacheStore::breakdown()
{
    return d->breakdown();
}

Result<QList<HistoryBucket>> CacheStore::history(const QDateTime &from, const QDateTime &to,
                                                 int bucketMinutes)
{
    return d->history(from, to, bucketMinutes);
}

StoreError CacheStore::flushHistory()
{
    StoreError error = d->connect();
    if (error)
        return error;
    return d->flush(true);
}
// --- the storm ----------------------------------------------------------------------------------

Result<bool> CacheStore::acquireSyncLease(const QString &userId, const QString &credentialId,
                                          const QString &holder, std::chrono::milliseconds duration)
{
    return d->acquireSyncLease(userId, credentialId, holder, duration);
}

StoreError CacheStore::releaseSyncLease(const QString &userId, const QString &credentialId,
                                        const QString &holder)
{
    return d->releaseSyncLease(userId, credentialId, holder);
}

// --- browsing -----------------------------------------------------------------------------------

Result<CacheEntry> CacheStore::entry(const QString &userId, const QString &credentialId)
{
    return d->entry(userId, credentialId);
}

Result<qint64> CacheStore::count(const EntryFilter &filter)
{
    return d->count(filter);
}

Result<BrowsePage> CacheStore::browse(const BrowseRequest &request)
{
    return d->browse(request);
}

// --- administration -----------------------------------------------------------------------------

Result<ServerInfo> CacheStore::serverInfo()
{
    return d->serverInfo();
}

Result<Privileges> CacheStore::privileges()
{
    return d->privileges();
}

StoreError CacheStore::recordAudit(const AuditRecord &record)
{
    return d->recordAudit(record);
}

Result<QList<AuditRecord>> CacheStore::auditLog(const QDateTime &since, int limit)
{
    return d->auditLog(since, limit);
}

} // namespace cc
