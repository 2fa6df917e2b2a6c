// Hot standbys (pg_is_in_recovery()): the store serves reads and refuses every write before
// sending it, with words that say where writes go. A part of CacheStore::Private
// (cachestore_p.h); the flag itself is set when a connection opens (session.cpp) and when
// serverInfo() reads it again.

#include "core/store/standby.h"

#include "core/store/cachestore_p.h"

namespace cc {

QString standbyRefusalMessage(const QString &what, const QString &server)
{
    return QStringLiteral("%1 refused: %2 is a read-only standby (in recovery) — connect to the "
                          "primary: its own URL, or a multi-host URL with "
                          "target_session_attrs=read-write")
        .arg(what, server);
}

QString standbyReadOnlyReason(const QString &server)
{
    return QStringLiteral("%1 is a read-only standby (in recovery): writes go to the primary (its "
                          "own URL, or a multi-host URL with target_session_attrs=read-write)")
        .arg(server);
}

void CacheStore::Private::setStandby(bool inRecovery)
{
    if (inRecovery == standby)
        return;
    standby = inRecovery;
    // HitCounting::PerLookup's hit statement is an UPDATE, which a standby refuses: the lookup
    // statements are built again for what the server now is.
    seedKeySql = bothKeysSql = seedKeyOffsetSql = bothKeysOffsetSql = LookupSql();
    if (standby) {
        // Nothing a standby could take: hits and history are not written (README, Deploying).
        pending.clear();
        pendingHits.clear();
    }
}

StoreError CacheStore::Private::refuseOnStandby(const QString &what)
{
    StoreError error = connect(); // what the write would do first anyway
    if (error || !standby)
        return error;
    // Promoted since the connection opened: writes go through now.
    store::ActiveQuery query = run(QStringLiteral("SELECT pg_is_in_recovery()"), {}, &error, what);
    if (!query)
        return error;
    setStandby(query->next() && query->value(0).toBool());
    query.finish();
    if (!standby)
        return StoreError();
    return StoreError(StoreError::PermissionDenied, standbyRefusalMessage(what, where()));
}

bool CacheStore::isStandby() const
{
    return d->standby;
}

StoreError CacheStore::refuseIfStandby(const QString &what)
{
    return d->refuseOnStandby(what);
}

} // namespace cc
