#include "core/store/transport.h"

#include "core/store/cachestore_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

namespace cc::store {

std::unique_ptr<EntryTransport> EntryTransport::create(CacheStore::Private *session)
{
    if (session->isPostgres())
        return std::make_unique<LibpqTransport>(session);
    return std::make_unique<QtSqlTransport>(session);
}

bool QtSqlTransport::entries(const EntrySql &sql, const QVariantList &binds, StoreError *error,
                             const QString &what, const EntryFn &onRow)
{
    ActiveQuery query = m_session->run(sql.qt, binds, error, what);
    if (!query)
        return false;
    while (query->next())
        onRow(readEntryFrom(QueryRow{*query}));
    return true;
}

bool QtSqlTransport::offsets(const EntrySql &sql, const QVariantList &binds, StoreError *error,
                             const QString &what, const OffsetFn &onRow)
{
    ActiveQuery query = m_session->run(sql.qt, binds, error, what);
    if (!query)
        return false;
    QString id;
    while (query->next()) {
        const OffsetRecord record = readOffsetFrom(QueryRow{*query}, &id);
        onRow(id, record);
    }
    return true;
}

template<typename OnRow>
bool LibpqTransport::runNative(const EntrySql &sql, const QVariantList &binds, StoreError *error,
                               const QString &what, const OnRow &onRow, bool *handled)
{
    QSqlError failure;
    *handled = true;
    switch (m_native.exec(m_session->pgConnection(), sql.native, binds, onRow, &failure,
                          m_session->giveUp())) {
    case pgnative::Statements::Outcome::Done:
        return true;
    case pgnative::Statements::Outcome::Failed:
        if (m_native.timedOut())
            m_session->stalled = true;
        *error = m_session->fail(failure, what);
        return false;
    case pgnative::Statements::Outcome::Unsupported:
        break;
    }
    *handled = false;
    return false;
}

bool LibpqTransport::entries(const EntrySql &sql, const QVariantList &binds, StoreError *error,
                             const QString &what, const EntryFn &onRow)
{
    bool handled = false;
    const bool ok = runNative(
        sql, binds, error, what, [&](const pgnative::Row &row) { onRow(readEntryFrom(row)); },
        &handled);
    return handled ? ok : m_fallback.entries(sql, binds, error, what, onRow);
}

bool LibpqTransport::offsets(const EntrySql &sql, const QVariantList &binds, StoreError *error,
                             const QString &what, const OffsetFn &onRow)
{
    bool handled = false;
    QString id;
    const bool ok = runNative(
        sql, binds, error, what,
        [&](const pgnative::Row &row) {
            const OffsetRecord record = readOffsetFrom(row, &id);
            onRow(id, record);
        },
        &handled);
    return handled ? ok : m_fallback.offsets(sql, binds, error, what, onRow);
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

} // namespace cc::store
