#pragma once

#include <QString>

#include <atomic>
#include <memory>
#include <thread>

namespace cc::test {

// A TCP proxy on 127.0.0.1 that relays every connection to a server (PostgreSQL's
// PGHOST/PGPORT by default) and can be told to stop relaying: a pooler or a load balancer that
// holds a query, as a network partition behind a proxy looks from the client. While stalled it
// neither reads nor writes nor accepts (connections queue in the kernel); resume() relays again,
// as if nothing had happened. Runs on a thread of its own, so that a client blocked on it in
// the test's own thread does not stop it.
class StallProxy
{
public:
    // Connects to host:port for each client (empty host and 0: PGHOST and PGPORT).
    explicit StallProxy(const QString &host = QString(), int port = 0);
    ~StallProxy();
    StallProxy(const StallProxy &) = delete;
    StallProxy &operator=(const StallProxy &) = delete;

    bool isListening() const { return m_port > 0; }
    int port() const { return m_port; }
    void stall();
    void resume();

private:
    void run();
    void wake();

    QString m_host;
    int m_upstreamPort = 0;
    int m_listen = -1;
    int m_port = 0;
    int m_wake[2] = {-1, -1};
    std::atomic<bool> m_stalled{false};
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace cc::test
