#pragma once

#include <QMutex>

#include <atomic>
#include <memory>

struct pg_cancel;

namespace cc {

// Cancels the statement a CacheStore is running, from any thread: CacheStore::canceller() hands
// it out (a shared_ptr, so it may outlive the store; it is inert then).
//
// PostgreSQL: cancel() asks the server to cancel the statement running now (libpq's PQcancel,
// over a connection of its own, waited for at most a second), and that call of the store returns
// StoreError::Cancelled. When
// no statement runs, cancel() does nothing and returns false. A statement that finishes just as
// the request arrives is not cancelled (the server ignores a late request).
// SQLite: cancel() does nothing and returns false (statements there are local and short).
class QueryCanceller
{
public:
    QueryCanceller() = default;
    ~QueryCanceller();
    QueryCanceller(const QueryCanceller &) = delete;
    QueryCanceller &operator=(const QueryCanceller &) = delete;

    // True when a cancel request went to the server.
    bool cancel();

    // --- for the store (its thread) ---------------------------------------------------------
    void attach(pg_cancel *handle); // the new connection's PQgetCancel(), owned from now on
    void detach();                  // the connection goes
    // Marks a statement as running for its scope.
    class Running
    {
    public:
        explicit Running(QueryCanceller &c)
            : m_c(c)
        {
            m_c.m_requested.store(false); // a request that missed the last statement is moot
            m_c.m_running.store(true);
        }
        ~Running() { m_c.m_running.store(false); }
        Running(const Running &) = delete;
        Running &operator=(const Running &) = delete;

    private:
        QueryCanceller &m_c;
    };
    // Whether a cancel was requested since the last call (and forgets it).
    bool takeRequested() { return m_requested.exchange(false); }

private:
    QMutex m_mutex; // guards m_handle (a cancel in flight keeps its own reference)
    std::shared_ptr<pg_cancel> m_handle;
    std::atomic<bool> m_running{false};
    std::atomic<bool> m_requested{false};
};

} // namespace cc
