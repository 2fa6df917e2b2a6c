#pragma once

#include "core/store/cachestore.h"

#include <QObject>
#include <QString>

class QSocketNotifier;
class QTimer;

namespace cc {

// Change notifications from the cache's writers, made by CacheStore::subscribeChanges().
//
// PostgreSQL: LISTENs on CacheStore::notifyChannel() on the store's own connection and emits
// changed(payload) for every NOTIFY there ("set", "invalidate", "cleanup", as the writers
// announce them; our own writes included). It watches the connection's socket, and once a
// second also takes the notifications libpq read off the socket along with the answer to one
// of the store's queries (which the socket then no longer shows). After the store reconnects
// it LISTENs again by itself; notifications sent while the connection was down are lost
// (refresh on reconnect).
//
// SQLite has no notifications, and a pooled connection (DatabaseConfig::pooled) cannot LISTEN:
// there the feed is inactive and never emits; the console polls.
//
// Threading: lives in, and emits on, the store's thread. Destroy it before the store (if the
// store goes first, the feed falls silent).
class ChangeFeed : public QObject
{
    Q_OBJECT

public:
    ~ChangeFeed() override;

    // False on SQLite, on pooled connections, and while the store is not connected.
    bool isActive() const;

Q_SIGNALS:
    void changed(const QString &payload);

private:
    friend class CacheStore;
    friend struct CacheStore::Private;
    explicit ChangeFeed(CacheStore::Private *store);

    void subscribe();      // LISTEN on the store's current connection, if not done yet
    void drain();          // emit what libpq holds; consumeInput: read the socket first
    void readSocket();     // the socket is readable
    void connectionGone(); // the store closes its connection: let go of its socket
    void storeGone();

    CacheStore::Private *m_store;
    QSocketNotifier *m_notifier = nullptr;
    QTimer *m_drain = nullptr;
    quint64 m_generation = 0; // the store connection LISTENed on; 0: none
};

} // namespace cc
