#include "tests/support/stallproxy.h"

#include <QByteArray>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

namespace cc::test {

namespace {

int connectUpstream(const QString &host, int port)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *result = nullptr;
    if (getaddrinfo(host.toUtf8().constData(), QByteArray::number(port).constData(), &hints,
                    &result) != 0)
        return -1;
    int fd = -1;
    for (addrinfo *a = result; a; a = a->ai_next) {
        fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (fd < 0)
            continue;
        if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0)
            break;
        ::close(fd);
        fd = -1;
    }
    freeaddrinfo(result);
    return fd;
}

struct Pair
{
    int client = -1;
    int server = -1;
};

// Moves what is readable on from to to; false when from closed or failed.
bool relay(int from, int to)
{
    char buffer[16384];
    const ssize_t n = ::recv(from, buffer, sizeof buffer, 0);
    if (n <= 0)
        return false;
    ssize_t sent = 0;
    while (sent < n) {
        const ssize_t m = ::send(to, buffer + sent, size_t(n - sent), MSG_NOSIGNAL);
        if (m <= 0)
            return false;
        sent += m;
    }
    return true;
}

} // namespace

StallProxy::StallProxy(const QString &host, int port)
    : m_host(host.isEmpty() ? qEnvironmentVariable("PGHOST", QStringLiteral("localhost")) : host)
    , m_upstreamPort(port > 0 ? port : qEnvironmentVariableIntValue("PGPORT"))
{
    if (m_upstreamPort <= 0)
        m_upstreamPort = 5432;
    if (::pipe(m_wake) != 0)
        return;
    m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(m_listen, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        ::listen(m_listen, 16) != 0 ||
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return;
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { run(); });
}

StallProxy::~StallProxy()
{
    m_stop = true;
    wake();
    if (m_thread.joinable())
        m_thread.join();
    for (int fd : {m_listen, m_wake[0], m_wake[1]}) {
        if (fd >= 0)
            ::close(fd);
    }
}

void StallProxy::stall()
{
    m_stalled = true;
    wake();
}

void StallProxy::resume()
{
    m_stalled = false;
    wake();
}

void StallProxy::wake()
{
    const char c = 0;
    if (m_wake[1] >= 0)
        (void)!::write(m_wake[1], &c, 1);
}

void StallProxy::run()
{
    std::vector<Pair> pairs;
    while (!m_stop) {
        const bool stalled = m_stalled;
        std::vector<pollfd> fds;
        fds.push_back({m_wake[0], POLLIN, 0});
        if (!stalled) {
            fds.push_back({m_listen, POLLIN, 0});
            for (const Pair &p : pairs) {
                fds.push_back({p.client, POLLIN, 0});
                fds.push_back({p.server, POLLIN, 0});
            }
        }
        if (::poll(fds.data(), fds.size(), -1) < 0)
            continue;
        if (fds[0].revents) {
            char drain[64];
            (void)!::read(m_wake[0], drain, sizeof drain);
            continue; // the state changed: poll again with the new one
        }
        if (stalled)
            continue;
        if (fds[1].revents & POLLIN) {
            const int client = ::accept(m_listen, nullptr, nullptr);
            if (client >= 0) {
                const int server = connectUpstream(m_host, m_upstreamPort);
                if (server < 0)
                    ::close(client);
                else
                    pairs.push_back({client, server});
            }
        }
        std::vector<Pair> kept;
        const size_t polled = (fds.size() - 2) / 2;
        for (size_t i = 0; i < polled; ++i) {
            const pollfd &c = fds[2 + 2 * i];
            const pollfd &s = fds[3 + 2 * i];
            bool alive = true;
            if (c.revents)
                alive = relay(pairs[i].client, pairs[i].server);
            if (alive && s.revents)
                alive = relay(pairs[i].server, pairs[i].client);
            if (alive) {
                kept.push_back(pairs[i]);
            } else {
                ::close(pairs[i].client);
                ::close(pairs[i].server);
            }
        }
        // A connection accepted above is not in fds yet: keep it too.
        for (size_t i = polled; i < pairs.size(); ++i)
            kept.push_back(pairs[i]);
        pairs = std::move(kept);
    }
    for (const Pair &p : pairs) {
        ::close(p.client);
        ::close(p.server);
    }
}

} // namespace cc::test
