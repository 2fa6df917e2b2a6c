#pragma once

// Client-side bounds on a PostgreSQL connection, whatever the server or a proxy in between does
// (README, "Timeouts"). The server bounds a statement itself (statement_timeout), but a backend
// that stopped (SIGSTOP, a frozen VM) or a proxy that stopped relaying answers nothing, not even
// its own timeout; the kernel's TCP timers do not help while the peer still acknowledges.
//
//   StallGuard     one per open connection: a process-wide watchdog thread that, once the call's
//                  deadline passes, asks the server to cancel the statement (cancelBounded) and,
//                  kGraceMs later, shuts the connection's socket down, so that whatever libpq
//                  call the store's thread is blocked in (QtSql's QPSQL runs its statements
//                  blocking) returns at once with a broken connection.
//   cancelBounded  PQcancel on a thread of its own: it opens a connection of its own to the
//                  server, which may hang as the statement does; nobody waits for it.
//   resolveHost    the name lookup libpq would do, bounded (getaddrinfo cannot be).
//   probeServers   libpq's non-blocking connect (PQconnectStartParams, PQconnectPoll), bounded:
//                  which servers answer at all, before QtSql's blocking connect is asked (its
//                  connect_timeout is whole seconds, 2 at the least, and 0 is "forever").

#include <QDeadlineTimer>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

struct pg_cancel;
struct pg_conn;

namespace cc::store {

// How long after its deadline a statement is given to answer the cancel request before its
// connection is cut: a server that is merely slow answers a cancel within milliseconds.
constexpr qint64 kGraceMs = 250;

// A cancel handle (PQgetCancel) shared by whoever may still use it.
using CancelHandle = std::shared_ptr<pg_cancel>;
CancelHandle cancelHandleOf(pg_conn *conn);

// Sends a cancel request on a detached thread and waits for it at most waitMs (0: not at all).
// True when the request was delivered within that time.
bool cancelBounded(const CancelHandle &handle, int waitMs = 0);

// Cuts a socket (shutdown(2) both ways): blocked reads and writes on it return at once; libpq
// then reports the connection broken. The descriptor stays open (its owner closes it).
void cutSocket(int socket);

class StallGuard
{
public:
    // socket: PQsocket() of the connection, which must stay open until the guard goes.
    StallGuard(int socket, CancelHandle cancel);
    ~StallGuard(); // after it returns the watchdog no longer touches the socket
    StallGuard(const StallGuard &) = delete;
    StallGuard &operator=(const StallGuard &) = delete;

    // Cancel at deadline, cut at deadline + kGraceMs; forgets what an earlier arm() did.
    void arm(const QDeadlineTimer &deadline);
    void disarm();
    // Since the last arm(): whether the watchdog sent a cancel request, and whether it cut the
    // connection.
    bool cancelled() const;
    bool cut() const;

    struct State;

private:
    std::shared_ptr<State> m_state;
};

// Resolves host (a name, not an address or a socket directory) to at most maxAddresses numeric
// addresses (IPv6 and IPv4, in getaddrinfo's order of preference), giving up at deadline.
// False with *error in words when the lookup failed or did not answer in time.
bool resolveHost(const QString &host, const QDeadlineTimer &deadline, QStringList *addresses,
                 QString *error, int maxAddresses = 3);

// resolveHost for several names at once: the lookups run side by side, all bounded by the
// same deadline. (*addresses)[i] and (*errors)[i] belong to hosts[i]: addresses when the name
// was found, an error in words when not. True when at least one name was found.
bool resolveHosts(const QStringList &hosts, const QDeadlineTimer &deadline,
                  QList<QStringList> *addresses, QStringList *errors, int maxAddresses = 3);

// One place libpq may connect to: its host (a name, a socket directory or a numeric address),
// the numeric address it is reached at (libpq's hostaddr; empty: libpq's own way, for a socket
// directory), and its port (empty: libpq's default).
struct ConnectTarget
{
    QString host;
    QString address;
    QString port;
};

// What a server did when asked to start a session.
enum class ServerAnswer {
    Answered, // something came back: an SSL reply, an authentication request, an error
    Refused,  // the connection failed at once (refused, unreachable, a bad parameter)
    Silent,   // nothing came back in time (a stopped server, a proxy that holds everything)
    Unknown,  // not waited for: a target before it in the list answered first
};

// Starts a libpq connection to every target at once, without blocking (conninfo with the
// target's host, hostaddr and port in place of its own; an empty target: conninfo as it is),
// and polls their sockets until the server's first answer; then closes them (PQfinish). No
// password is sent and no session starts: that a server answers is all it tells. libpq tries
// a list's hosts in its order, so the probe is over once the first target that was not refused
// has answered (those after it are Unknown); while an earlier one has not, it is waited for up
// to the deadline, or half the time left when a later one answered already. What has not
// answered by then is Silent. *waitedMs: how long it took.
QList<ServerAnswer> probeServers(const QString &conninfo, const QList<ConnectTarget> &targets,
                                 const QDeadlineTimer &deadline, qint64 *waitedMs = nullptr);

// Whether libpq would look host up by name: not empty, not a socket directory ("/…", "@…"), not
// a numeric IPv4 or IPv6 address, not a list of hosts.
bool needsNameLookup(const QString &host);

} // namespace cc::store

namespace cc::store {

// How a pooled session's first statement went (preflightSession).
enum class Preflight {
    Ready,   // logged in and a statement was answered
    Stalled, // the login or the statement was not answered by the deadline
    Failed,  // refused, or the login failed: the real connect says why, in its own words
};

// Logs in with conninfo (libpq's non-blocking calls, bounded by deadline) and runs `SELECT 1`,
// then closes the session. For a transaction-mode pooler: it answers the login itself (its
// auth_file) and only hands the statement to a server, so a pooler whose servers are down or
// stopped holds the first statement for its query_wait_timeout or for ever, and QtSql's QPSQL
// runs five statements blocking inside QSqlDatabase::open(), where no watchdog can reach them.
// Asked just before that open, this finds the pooler that holds statements within the call's
// budget.
Preflight preflightSession(const QString &conninfo, const QDeadlineTimer &deadline);

// Logs in with conninfo, libpq's non-blocking calls bounded by deadline (a server that accepts
// and never answers, or stalls in the middle of the login, is given up at the deadline, not at
// libpq's connect_timeout of whole seconds). Ready: *conn is the new connection, in
// non-blocking mode, the caller's to PQfinish. Failed: *conn is the failed one (its
// PQerrorMessage says why), also the caller's. Stalled: *conn is null.
Preflight loginSession(const QString &conninfo, const QDeadlineTimer &deadline, pg_conn **conn);

} // namespace cc::store
