// A login and a pooled session's first statement, bounded (deadline.h: loginSession,
// preflightSession).

#include "core/store/deadline.h"

#include <libpq-fe.h>

#include <poll.h>

#include <cerrno>
#include <memory>

namespace cc::store {

namespace {

struct ConnDeleter
{
    void operator()(PGconn *c) const { PQfinish(c); }
};

// Waits until the socket is ready for `events` or the deadline passes (false).
bool waitFor(int socket, short events, const QDeadlineTimer &deadline)
{
    for (;;) {
        const qint64 left = deadline.remainingTime();
        if (left == 0)
            return false;
        pollfd fd{socket, events, 0};
        const int ready = ::poll(&fd, 1, left < 0 ? -1 : int(qMin<qint64>(left, 1 << 30)));
        if (ready > 0)
            return true;
        if (ready < 0 && errno != EINTR)
            return true; // let libpq find out what is wrong with the socket
    }
}

} // namespace

Preflight loginSession(const QString &conninfo, const QDeadlineTimer &deadline, PGconn **out)
{
    *out = nullptr;
    const QByteArray info = conninfo.toUtf8();
    std::unique_ptr<PGconn, ConnDeleter> conn(PQconnectStart(info.constData()));
    if (!conn)
        return Preflight::Failed;
    PostgresPollingStatusType polling =
        PQstatus(conn.get()) == CONNECTION_BAD ? PGRES_POLLING_FAILED : PGRES_POLLING_WRITING;
    while (polling != PGRES_POLLING_OK) {
        if (polling == PGRES_POLLING_FAILED) {
            *out = conn.release();
            return Preflight::Failed;
        }
        const short events = polling == PGRES_POLLING_READING ? POLLIN : POLLOUT;
        if (!waitFor(PQsocket(conn.get()), events, deadline))
            return Preflight::Stalled;
        polling = PQconnectPoll(conn.get());
    }
    if (PQsetnonblocking(conn.get(), 1) != 0) {
        *out = conn.release();
        return Preflight::Failed;
    }
    *out = conn.release();
    return Preflight::Ready;
}

Preflight preflightSession(const QString &conninfo, const QDeadlineTimer &deadline)
{
    PGconn *raw = nullptr;
    const Preflight login = loginSession(conninfo, deadline, &raw);
    std::unique_ptr<PGconn, ConnDeleter> conn(raw);
    if (login != Preflight::Ready)
        return login;
    if (!PQsendQuery(conn.get(), "SELECT 1"))
        return Preflight::Failed;
    for (;;) { // the statement out
        const int flushed = PQflush(conn.get());
        if (flushed < 0)
            return Preflight::Failed;
        if (flushed == 0)
            break;
        if (!waitFor(PQsocket(conn.get()), POLLOUT, deadline))
            return Preflight::Stalled;
    }
    for (;;) { // its answer in
        if (!PQconsumeInput(conn.get()))
            return Preflight::Failed;
        if (!PQisBusy(conn.get())) {
            PGresult *result = PQgetResult(conn.get());
            if (!result)
                return Preflight::Ready;
            const ExecStatusType status = PQresultStatus(result);
            PQclear(result);
            if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
                return Preflight::Failed;
            continue;
        }
        if (!waitFor(PQsocket(conn.get()), POLLIN, deadline))
            return Preflight::Stalled;
    }
}

} // namespace cc::store
