#pragma once

#include "core/store/cachestore.h"
#include "core/store/pgnative.h"
#include "core/store/syncnumbers.h"

#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

#include <functional>
#include <optional>

namespace cc::store {

// A statement that selects an entry's columns, spelled for each transport: `qt` selects
// CacheStore::Private::columns() (timestamps as numbers computed by the server), `native`
// the stored columns themselves, which libpq reads in binary (a timestamp is a number of
// microseconds there: nothing for the server to compute).
struct EntrySql
{
    QString qt, native;
    bool isEmpty() const { return qt.isEmpty(); }
};

using EntryFn = std::function<void(const CacheEntry &)>;
// A row of the offset columns: the entry's id and its OffsetRecord.
using OffsetFn = std::function<void(const QString &id, const OffsetRecord &)>;

// How the rows of entries are read on the store's connection. The session picks one
// implementation per backend when it is made; callers never branch on it.
class EntryTransport
{
public:
    virtual ~EntryTransport() = default;
    // Runs sql with binds on the (connected) session and hands each row to onRow. On failure
    // sets *error (classified by the session) and returns false.
    virtual bool entries(const EntrySql &sql, const QVariantList &binds, StoreError *error,
                         const QString &what, const EntryFn &onRow) = 0;
    // The same for a statement selecting the offset columns (readOffsetFrom()).
    virtual bool offsets(const EntrySql &sql, const QVariantList &binds, StoreError *error,
                         const QString &what, const OffsetFn &onRow) = 0;
    // The connection was closed or replaced: forget what lived on it.
    virtual void reset() = 0;
    // The next connection is pooled (DatabaseConfig::pooled): leave nothing on the session.
    virtual void setPooled(bool, int /*timeoutMs*/) {}

    // The transport for a session's backend.
    static std::unique_ptr<EntryTransport> create(CacheStore::Private *session);
};

// QSqlQuery, through the session's statement cache (SQLite; PostgreSQL's fallback).
class QtSqlTransport : public EntryTransport
{
public:
    explicit QtSqlTransport(CacheStore::Private *session)
        : m_session(session)
    {}
    bool entries(const EntrySql &sql, const QVariantList &binds, StoreError *error,
                 const QString &what, const EntryFn &onRow) override;
    bool offsets(const EntrySql &sql, const QVariantList &binds, StoreError *error,
                 const QString &what, const OffsetFn &onRow) override;
    void reset() override {}

private:
    CacheStore::Private *m_session;
};

// PostgreSQL: protocol-level prepared statements on the QPSQL connection's own libpq handle
// (pgnative.h says why); QSqlQuery when the handle is out of reach or the table's column types
// are not the ones it reads.
class LibpqTransport : public EntryTransport
{
public:
    explicit LibpqTransport(CacheStore::Private *session)
        : m_session(session)
        , m_fallback(session)
    {}
    bool entries(const EntrySql &sql, const QVariantList &binds, StoreError *error,
                 const QString &what, const EntryFn &onRow) override;
    bool offsets(const EntrySql &sql, const QVariantList &binds, StoreError *error,
                 const QString &what, const OffsetFn &onRow) override;
    void reset() override { m_native.reset(); }
    void setPooled(bool pooled, int) override { m_native.setPooled(pooled); }

private:
    // Runs sql natively, calling onRow per row; false with *handled when it ran (or failed),
    // *handled false when the fallback must run it.
    template<typename OnRow>
    bool runNative(const EntrySql &sql, const QVariantList &binds, StoreError *error,
                   const QString &what, const OnRow &onRow, bool *handled);

private:
    CacheStore::Private *m_session;
    pgnative::Statements m_native;
    QtSqlTransport m_fallback;
};

QJsonObject parseMetadata(const QVariant &value);

// A row of the entry columns as a CacheEntry, from a QSqlQuery (QueryRow) or a native
// statement's row (pgnative::Row): both read text, int64, boolean and value by column.
struct QueryRow
{
    const QSqlQuery &query;
    QString text(int i) const { return query.value(i).toString(); }
    qint64 int64(int i) const { return query.value(i).toLongLong(); }
    bool boolean(int i) const { return query.value(i).toBool(); }
    QVariant value(int i) const { return query.value(i); }
};

// A row of the offset columns (CacheStore::Private::offsetColumns()): id, timeOffset,
// lastSyncTime, expiresAt, updatedAt, isValid, then the metadata as text, whose sync account's
// numbers the client parses (readSyncNumbers()).
template<typename Row>
OffsetRecord readOffsetFrom(const Row &row, QString *id)
{
    OffsetRecord r;
    *id = row.text(0);
    r.timeOffsetMs = row.int64(1);
    r.lastSyncMs = row.int64(2);
    r.expiresAtMs = row.int64(3);
    r.updatedAtMs = row.int64(4);
    r.isValid = row.boolean(5);
    readSyncNumbers(row.text(6).toUtf8(), &r);
    return r;
}

template<typename Row>
CacheEntry readEntryFrom(const Row &row, int first = 0)
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

} // namespace cc::store
