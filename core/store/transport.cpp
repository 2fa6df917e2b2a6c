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

bool LibpqTransport::entries(const EntrySql &sql, const QVariantList &binds, StoreError *error,
                             const QString &what, const EntryFn &onRow)
{
    QSqlError failure;
    switch (m_native.exec(
        m_session->db, sql.native, binds,
        [&](const pgnative::Row &row) { onRow(readEntryFrom(row)); }, &failure)) {
    case pgnative::Statements::Outcome::Done:
        return true;
    case pgnative::Statements::Outcome::Failed:
        *error = m_session->fail(failure, what);
        return false;
    case pgnative::Statements::Outcome::Unsupported:
        break;
    }
    return m_fallback.entries(sql, binds, error, what, onRow);
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
