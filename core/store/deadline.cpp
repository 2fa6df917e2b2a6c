#include "core/store/deadline.h"

#include "core/logging.h"

#include <QElapsedTimer>

#include <libpq-fe.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace cc::store {

namespace {

using Clock = std::chrono::steady_clock;

Clock::time_point toTimePoint(const QDeadlineTimer &deadline)
{
    const qint64 left = qMax<qint64>(0, deadline.remainingTime());
    return Clock::now() + std::chrono::milliseconds(left);
}

} // namespace

struct StallGuard::State
{
    int socket = -1;
    CancelHandle cancel;
    bool armed = false;
    Clock::time_point deadline;
    bool cancelled = false;
    bool cut = false;
};

namespace {

// One thread for the whole process, started with the first guard, never stopped (it sleeps
// while nothing is armed). Every field of every State is guarded by its mutex.
class Watchdog
{
public:
    static Watchdog &instance()
    {
        static Watchdog *watchdog = new Watchdog; // never destroyed: its thread may outlive main
        return *watchdog;
    }

    std::mutex mutex;
    std::condition_variable wake;
    std::vector<std::shared_ptr<StallGuard::State>> states;
    // When the thread wakes next by itself: an arm() with a later deadline need not wake it
    // (a lookup arms and disarms once per call; waking the thread each time would cost a
    // context switch).
    Clock::time_point waitingUntil = Clock::time_point::max();

private:
    Watchdog()
    {
        std::thread([this] { run(); }).detach();
    }

    void run()
    {
        std::unique_lock<std::mutex> lock(mutex);
        for (;;) {
            const Clock::time_point now = Clock::now();
            Clock::time_point next = Clock::time_point::max();
            for (const auto &s : states) {
                if (!s->armed || s->cut)
                    continue;
                if (!s->cancelled && now >= s->deadline) {
                    s->cancelled = true;
                    cancelBounded(s->cancel);
                }
                const Clock::time_point cutAt = s->deadline + std::chrono::milliseconds(kGraceMs);
                if (s->cancelled && now >= cutAt) {
                    s->cut = true;
                    cutSocket(s->socket);
                    continue;
                }
                next = std::min(next, s->cancelled ? cutAt : s->deadline);
            }
            waitingUntil = next;
            if (next == Clock::time_point::max())
                wake.wait(lock);
            else
                wake.wait_until(lock, next);
        }
    }
};

} // namespace

CancelHandle cancelHandleOf(pg_conn *conn)
{
    if (!conn)
        return CancelHandle();
    PGcancel *cancel = PQgetCancel(conn);
    if (!cancel)
        return CancelHandle();
    return CancelHandle(cancel, [](PGcancel *c) { PQfreeCancel(c); });
}

bool cancelBounded(const CancelHandle &handle, int waitMs)
{
    if (!handle)
        return false;
    struct Outcome
    {
        std::mutex mutex;
        std::condition_variable done;
        bool finished = false;
        bool delivered = false;
    };
    auto outcome = std::make_shared<Outcome>();
    std::thread([handle, outcome] {
        char reason[256] = {};
        const bool ok = PQcancel(handle.get(), reason, int(sizeof reason)) != 0;
        if (!ok) {
            qCWarning(lcStore).noquote()
                << "cannot cancel the statement that ran out of time:" << QString::fromUtf8(reason);
        }
        std::lock_guard<std::mutex> lock(outcome->mutex);
        outcome->finished = true;
        outcome->delivered = ok;
        outcome->done.notify_all();
    }).detach();
    if (waitMs <= 0)
        return false;
    std::unique_lock<std::mutex> lock(outcome->mutex);
    outcome->done.wait_for(lock, std::chrono::milliseconds(waitMs),
                           [&] { return outcome->finished; });
    return outcome->delivered;
}

void cutSocket(int socket)
{
    if (socket >= 0)
        ::shutdown(socket, SHUT_RDWR);
}

StallGuard::StallGuard(int socket, CancelHandle cancel)
    : m_state(std::make_shared<State>())
{
    m_state->socket = socket;
    m_state->cancel = std::move(cancel);
    Watchdog &w = Watchdog::instance();
    std::lock_guard<std::mutex> lock(w.mutex);
    w.states.push_back(m_state);
}

StallGuard::~StallGuard()
{
    Watchdog &w = Watchdog::instance();
    std::lock_guard<std::mutex> lock(w.mutex);
    for (auto it = w.states.begin(); it != w.states.end(); ++it) {
        if (*it == m_state) {
            w.states.erase(it);
            break;
        }
    }
}

void StallGuard::arm(const QDeadlineTimer &deadline)
{
    Watchdog &w = Watchdog::instance();
    std::lock_guard<std::mutex> lock(w.mutex);
    m_state->armed = true;
    m_state->deadline = toTimePoint(deadline);
    m_state->cancelled = false;
    m_state->cut = false;
    if (m_state->deadline < w.waitingUntil) {
        w.waitingUntil = m_state->deadline;
        w.wake.notify_all();
    }
}

void StallGuard::disarm()
{
    Watchdog &w = Watchdog::instance();
    std::lock_guard<std::mutex> lock(w.mutex);
    m_state->armed = false;
}

bool StallGuard::cancelled() const
{
    Watchdog &w = Watchdog::instance();
    std::lock_guard<std::mutex> lock(w.mutex);
    return m_state->cancelled;
}

bool StallGuard::cut() const
{
    Watchdog &w = Watchdog::instance();
    std::lock_guard<std::mutex> lock(w.mutex);
    return m_state->cut;
}

bool needsNameLookup(const QString &host)
{
    if (host.isEmpty() || host.startsWith(QLatin1Char('/')) || host.startsWith(QLatin1Char('@')) ||
        host.contains(QLatin1Char(',')))
        return false;
    const QByteArray text = host.toUtf8();
    unsigned char buffer[sizeof(in6_addr)];
    return inet_pton(AF_INET, text.constData(), buffer) != 1 &&
           inet_pton(AF_INET6, text.constData(), buffer) != 1;
}

namespace {

struct Lookup
{
    std::mutex mutex;
    std::condition_variable done;
    bool finished = false;
    int status = 0;
    QStringList addresses;
};

// getaddrinfo() has no timeout of its own (resolv.conf's "timeout" and "attempts" give seconds
// per server): it runs on a thread of its own, left to finish alone if it is late.
std::shared_ptr<Lookup> startLookup(const QString &host, int maxAddresses)
{
    auto lookup = std::make_shared<Lookup>();
    const QByteArray name = host.toUtf8();
    std::thread([name, lookup, maxAddresses] {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo *result = nullptr;
        const int status = getaddrinfo(name.constData(), nullptr, &hints, &result);
        QStringList found;
        for (addrinfo *a = result; status == 0 && a && found.size() < maxAddresses;
             a = a->ai_next) {
            char text[INET6_ADDRSTRLEN] = {};
            const void *raw = nullptr;
            if (a->ai_family == AF_INET)
                raw = &reinterpret_cast<const sockaddr_in *>(a->ai_addr)->sin_addr;
            else if (a->ai_family == AF_INET6)
                raw = &reinterpret_cast<const sockaddr_in6 *>(a->ai_addr)->sin6_addr;
            if (raw && inet_ntop(a->ai_family, raw, text, sizeof text)) {
                const QString address = QString::fromLatin1(text);
                if (!found.contains(address))
                    found << address;
            }
        }
        if (result)
            freeaddrinfo(result);
        std::lock_guard<std::mutex> lock(lookup->mutex);
        lookup->finished = true;
        lookup->status = status;
        lookup->addresses = found;
        lookup->done.notify_all();
    }).detach();
    return lookup;
}

bool finishLookup(Lookup &lookup, const QString &host, const QDeadlineTimer &deadline,
                  const QElapsedTimer &waited, QStringList *addresses, QString *error)
{
    std::unique_lock<std::mutex> lock(lookup.mutex);
    if (!lookup.done.wait_until(lock, toTimePoint(deadline), [&] { return lookup.finished; })) {
        *error = QStringLiteral("the name lookup of %1 did not answer within %2 ms")
                     .arg(host)
                     .arg(waited.elapsed());
        return false;
    }
    if (lookup.status != 0 || lookup.addresses.isEmpty()) {
        *error = QStringLiteral("could not translate host name \"%1\" to an address: %2")
                     .arg(host, QString::fromLocal8Bit(lookup.status ? gai_strerror(lookup.status)
                                                                     : "no address"));
        return false;
    }
    *addresses = lookup.addresses;
    return true;
}

} // namespace

bool resolveHost(const QString &host, const QDeadlineTimer &deadline, QStringList *addresses,
                 QString *error, int maxAddresses)
{
    QElapsedTimer waited;
    waited.start();
    const std::shared_ptr<Lookup> lookup = startLookup(host, maxAddresses);
    return finishLookup(*lookup, host, deadline, waited, addresses, error);
}

bool resolveHosts(const QStringList &hosts, const QDeadlineTimer &deadline,
                  QList<QStringList> *addresses, QStringList *errors, int maxAddresses)
{
    QElapsedTimer waited;
    waited.start();
    std::vector<std::shared_ptr<Lookup>> lookups;
    lookups.reserve(size_t(hosts.size()));
    for (const QString &host : hosts)
        lookups.push_back(startLookup(host, maxAddresses));
    addresses->clear();
    errors->clear();
    bool any = false;
    for (qsizetype i = 0; i < hosts.size(); ++i) {
        QStringList found;
        QString error;
        any =
            finishLookup(*lookups[size_t(i)], hosts.at(i), deadline, waited, &found, &error) || any;
        addresses->append(found);
        errors->append(error);
    }
    return any;
}

QList<ServerAnswer> probeServers(const QString &conninfo, const QList<ConnectTarget> &targets,
                                 const QDeadlineTimer &deadline, qint64 *waitedMs)
{
    struct ConnDeleter
    {
        void operator()(PGconn *c) const { PQfinish(c); }
    };
    struct Probe
    {
        std::unique_ptr<PGconn, ConnDeleter> conn;
        ServerAnswer answer = ServerAnswer::Unknown;
        bool pending = true;
        short events = POLLOUT; // PQconnectStart's first wait is for writing
    };
    QElapsedTimer waited;
    waited.start();
    const QList<ConnectTarget> list =
        targets.isEmpty() ? QList<ConnectTarget>{ConnectTarget()} : targets;
    const QByteArray info = conninfo.toUtf8();
    std::vector<Probe> probes(size_t(list.size()));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const ConnectTarget &t = list.at(i);
        const QByteArray host = t.host.toUtf8(), address = t.address.toUtf8(),
                         port = t.port.toUtf8();
        // Later keywords win over those of the expanded conninfo (dbname, expand_dbname = 1).
        std::vector<const char *> keys{"dbname"}, values{info.constData()};
        const auto add = [&](const char *key, const QByteArray &value) {
            if (!value.isEmpty()) {
                keys.push_back(key);
                values.push_back(value.constData());
            }
        };
        add("host", host);
        add("hostaddr", address);
        add("port", port);
        keys.push_back(nullptr);
        values.push_back(nullptr);
        Probe &p = probes[size_t(i)];
        p.conn.reset(PQconnectStartParams(keys.data(), values.data(), 1));
        if (!p.conn || PQstatus(p.conn.get()) == CONNECTION_BAD) {
            p.answer = ServerAnswer::Refused;
            p.pending = false;
        }
    }
    QDeadlineTimer cutoff = deadline;
    bool laterAnswered = false;
    for (;;) {
        // Over once the first target not refused has answered (libpq takes the list in order).
        bool over = true;
        for (const Probe &p : probes) {
            if (p.answer == ServerAnswer::Refused)
                continue;
            over = !p.pending;
            break;
        }
        if (over)
            break;
        if (!laterAnswered) {
            for (const Probe &p : probes)
                laterAnswered = laterAnswered || p.answer == ServerAnswer::Answered;
            if (laterAnswered)
                cutoff = QDeadlineTimer(qMax<qint64>(0, deadline.remainingTime()) / 2);
        }
        const qint64 left = cutoff.remainingTime();
        if (left == 0)
            break;
        std::vector<pollfd> fds;
        std::vector<size_t> which;
        for (size_t i = 0; i < probes.size(); ++i) {
            if (!probes[i].pending)
                continue;
            fds.push_back(pollfd{PQsocket(probes[i].conn.get()), probes[i].events, 0});
            which.push_back(i);
        }
        const int ready = ::poll(fds.data(), nfds_t(fds.size()),
                                 left < 0 ? -1 : int(qMin<qint64>(left, 1 << 30)));
        if (ready < 0 && errno != EINTR)
            break;
        for (size_t k = 0; ready > 0 && k < fds.size(); ++k) {
            if (fds[k].revents == 0)
                continue;
            Probe &p = probes[which[k]];
            if (p.events == POLLIN) {
                // The server sent something (or closed): it answers.
                p.answer = ServerAnswer::Answered;
                p.pending = false;
                continue;
            }
            switch (PQconnectPoll(p.conn.get())) {
            case PGRES_POLLING_FAILED:
                p.answer = ServerAnswer::Refused;
                p.pending = false;
                break;
            case PGRES_POLLING_OK:
                p.answer = ServerAnswer::Answered;
                p.pending = false;
                break;
            case PGRES_POLLING_READING:
                p.events = POLLIN; // a request went out: what comes back is an answer
                break;
            default:
                p.events = POLLOUT;
                break;
            }
        }
    }
    QList<ServerAnswer> answers;
    bool before = true; // before the first target that answered
    for (Probe &p : probes) {
        if (p.pending)
            p.answer = before ? ServerAnswer::Silent : ServerAnswer::Unknown;
        before = before && p.answer != ServerAnswer::Answered;
        answers << p.answer;
    }
    // A server that answered is left as a client that changed its mind before its startup,
    // which it does not log: our side is shut for writing (a FIN) and its answer read to the
    // end, on a thread of its own, before the socket closes (closing with its answer unread
    // would reset the connection: "could not receive data from client" in the server's log).
    std::vector<std::unique_ptr<PGconn, ConnDeleter>> answered;
    for (Probe &p : probes) {
        if (p.answer == ServerAnswer::Answered && PQsocket(p.conn.get()) >= 0) {
            ::shutdown(PQsocket(p.conn.get()), SHUT_WR);
            answered.push_back(std::move(p.conn));
        }
    }
    probes.clear(); // the others: PQfinish at once
    if (!answered.empty()) {
        std::thread([conns = std::move(answered)]() mutable {
            const QDeadlineTimer drain(2000); // a server that stays open is not waited for long
            for (auto &c : conns) {
                char buffer[512];
                for (;;) {
                    pollfd fd{PQsocket(c.get()), POLLIN, 0};
                    const qint64 left = drain.remainingTime();
                    if (left <= 0 || ::poll(&fd, 1, int(left)) <= 0)
                        break;
                    if (::recv(fd.fd, buffer, sizeof buffer, MSG_DONTWAIT) <= 0)
                        break;
                }
                c.reset();
            }
        }).detach();
    }
    if (waitedMs)
        *waitedMs = waited.elapsed();
    return answers;
}

} // namespace cc::store
