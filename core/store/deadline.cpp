#include "core/store/deadline.h"

#include "core/logging.h"

#include <QElapsedTimer>

#include <libpq-fe.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

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

bool resolveHost(const QString &host, const QDeadlineTimer &deadline, QStringList *addresses,
                 QString *error, int maxAddresses)
{
    struct Lookup
    {
        std::mutex mutex;
        std::condition_variable done;
        bool finished = false;
        int status = 0;
        QStringList addresses;
    };
    QElapsedTimer waited;
    waited.start();
    auto lookup = std::make_shared<Lookup>();
    const QByteArray name = host.toUtf8();
    // getaddrinfo() has no timeout of its own (resolv.conf's "timeout" and "attempts" give
    // seconds per server): it runs on a thread of its own, left to finish alone if it is late.
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
    std::unique_lock<std::mutex> lock(lookup->mutex);
    const auto until = toTimePoint(deadline);
    if (!lookup->done.wait_until(lock, until, [&] { return lookup->finished; })) {
        *error = QStringLiteral("the name lookup of %1 did not answer within %2 ms")
                     .arg(host)
                     .arg(waited.elapsed());
        return false;
    }
    if (lookup->status != 0 || lookup->addresses.isEmpty()) {
        *error = QStringLiteral("could not translate host name \"%1\" to an address: %2")
                     .arg(host, QString::fromLocal8Bit(lookup->status ? gai_strerror(lookup->status)
                                                                      : "no address"));
        return false;
    }
    *addresses = lookup->addresses;
    return true;
}

} // namespace cc::store
