#include "core/store/changefeed.h"

#include "core/logging.h"
#include "core/store/cachestore_p.h"
#include "core/store/pgnative.h"

#include <QCryptographicHash>
#include <QSocketNotifier>
#include <QSqlError>
#include <QTimer>

#include <libpq-fe.h>

namespace cc {

ChangeFeed::ChangeFeed(CacheStore::Private *store)
    : m_store(store)
{
    if (!m_store->isPostgres())
        return;
    m_drain = new QTimer(this);
    m_drain->setInterval(1000);
    connect(m_drain, &QTimer::timeout, this, [this]() {
        subscribe(); // after a reconnect: a new connection has no LISTEN
        drain();
    });
    m_drain->start();
    subscribe();
}

ChangeFeed::~ChangeFeed()
{
    if (m_store)
        m_store->feeds.removeAll(this);
}

bool ChangeFeed::isActive() const
{
    return m_store && m_generation != 0 && m_generation == m_store->connectionGeneration;
}

QString CacheStore::notifyChannel(const QString &schema)
{
    const QString base = QStringLiteral("connector_cache_changed");
    if (schema.isEmpty() || schema == QLatin1String("public"))
        return base;
    // A hash, not the name: a channel is an identifier of at most 63 bytes, and a schema's
    // name may be longer or hold quotes, spaces or anything else.
    const QByteArray digest =
        QCryptographicHash::hash(schema.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return base + QLatin1Char('_') + QString::fromLatin1(digest);
}

void ChangeFeed::subscribe()
{
    // Through a transaction-mode pooler a LISTEN stays on whichever server session ran it, and
    // its notifications go to whichever client holds that session next: pooled stores poll.
    // A standby refuses LISTEN (and NOTIFY is not replicated): it polls too.
    if (!m_store || !m_store->isPostgres() || m_store->pooled() || m_store->standby ||
        !m_store->db.isOpen() || m_generation == m_store->connectionGeneration)
        return;
    connectionGone();
    PGconn *conn = pgnative::connectionOf(m_store->db);
    if (!conn)
        return;
    QSqlQuery listen(m_store->db);
    if (!listen.exec(QStringLiteral("LISTEN \"%1\"").arg(m_store->q->changeChannel()))) {
        qCWarning(lcStore).noquote()
            << "cannot subscribe to change notifications:" << listen.lastError().text();
        return;
    }
    listen.finish();
    m_generation = m_store->connectionGeneration;
    m_notifier = new QSocketNotifier(qintptr(PQsocket(conn)), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &ChangeFeed::readSocket);
    drain(); // anything that came with the LISTEN's answer
}

void ChangeFeed::readSocket()
{
    PGconn *conn = m_store ? pgnative::connectionOf(m_store->db) : nullptr;
    if (!conn || PQconsumeInput(conn) == 0) {
        // The connection broke: the store notices at its next statement and reconnects, and
        // the timer subscribes again then. Until then the socket would report EOF forever.
        if (m_notifier)
            m_notifier->setEnabled(false);
        return;
    }
    drain();
}

void ChangeFeed::drain()
{
    if (!isActive())
        return;
    PGconn *conn = pgnative::connectionOf(m_store->db);
    if (!conn)
        return;
    while (PGnotify *notify = PQnotifies(conn)) {
        const QString channel = QString::fromUtf8(notify->relname);
        const QString payload = QString::fromUtf8(notify->extra);
        PQfreemem(notify);
        if (channel == m_store->q->changeChannel())
            Q_EMIT changed(payload);
    }
}

void ChangeFeed::connectionGone()
{
    delete m_notifier;
    m_notifier = nullptr;
    m_generation = 0;
}

void ChangeFeed::storeGone()
{
    connectionGone();
    m_store = nullptr;
    if (m_drain)
        m_drain->stop();
}

} // namespace cc
