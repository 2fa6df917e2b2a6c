#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <functional>
#include <map>

struct pg_conn;
struct pg_result;

namespace cc::pgnative {

// One row of a native statement's result, in PostgreSQL's binary format. Columns are read by
// their type: text-like ones as UTF-8, integers and booleans as numbers, timestamp and
// timestamptz as milliseconds since 1970-01-01 UTC (int64()).
class Row
{
public:
    Row(const pg_result *result, int row)
        : m_result(result)
        , m_row(row)
    {}
    bool isNull(int column) const;
    QString text(int column) const;
    qint64 int64(int column) const;
    bool boolean(int column) const;
    QVariant value(int column) const; // text, or a null QVariant for SQL NULL

private:
    const pg_result *m_result;
    int m_row;
};

// Statements prepared at the protocol level (libpq's PQprepare and PQexecPrepared) on a QPSQL
// connection's own libpq handle, values bound out of line.
//
// QtSql's QPSQL runs a prepared QSqlQuery as SQL "EXECUTE name ('value', …)", the values spelled
// into the text, and the server parses that text on every call. For the cache lookup, the one
// statement a connector start-up waits on, that costs a third of the round trip: 87 µs a lookup
// through QSqlQuery against 54 µs through this class on the same connection (loopback, 2 cores).
//
// Statements live with their connection: call reset() whenever the connection is closed or
// replaced. The connection must have no query of its own in progress (every QSqlQuery of the
// store is finished after use).
class Statements
{
public:
    void reset();

    // Pooled: through a transaction-mode pooler the next statement may run on another server
    // session, where a statement prepared on this one does not exist (or another by its name
    // does). Pooled statements are sent as unnamed ones (PQsendQueryParams): parsed on every
    // call, but nothing is left on the session. (A statement running too long is cancelled by
    // the session's StallGuard, deadline.h: no session statement_timeout may be set there.)
    void setPooled(bool pooled)
    {
        m_pooled = pooled;
        reset();
    }

    enum class Outcome {
        Done,
        Failed,      // *error says why
        Unsupported, // db's libpq handle is out of reach (not QPSQL, another driver build), or
                     // a result column is of a type Row cannot read: use QSqlQuery instead
    };

    // Runs sql ('?' placeholders, as for QSqlQuery) with binds (strings, integers, booleans or
    // null) on conn (the session's libpq connection: QPSQL's own handle, or one of the store's;
    // null: Unsupported). Calls onRow for each row. A SELECT's first run on a connection is sent
    // as the unnamed statement, its result types checked on its result (one round trip: a
    // process that runs it once, a connector's cold start, prepares nothing); from its second
    // run on (direct connections) it is prepared, its types checked once. Other statements are
    // described before their first run (they must not run twice). On failure sets *error (with the
    // server's SQLSTATE as its native code; none when the connection was lost). Sent without
    // blocking (PQsend…, then the socket polled): a statement not answered by giveUp fails with the
    // connection's socket cut (timedOut() says so); the caller drops the connection.
    Outcome exec(pg_conn *conn, const QString &sql, const QVariantList &binds,
                 const std::function<void(const Row &)> &onRow, QSqlError *error,
                 const QDeadlineTimer &giveUp = QDeadlineTimer(QDeadlineTimer::Forever));
    // Whether the last exec() gave up at its deadline.
    bool timedOut() const { return m_timedOut; }

    // '?' placeholders to '$1', '$2', … outside quoted literals and identifiers.
    static QByteArray numberPlaceholders(const QString &sql, int *count);

private:
    std::map<QString, QByteArray> m_names; // sql -> statement name on the current connection;
                                           // empty: its result types are not Row's; "unnamed":
                                           // ran once unnamed (or pooled), types readable
    quint64 m_next = 0;                    // the last name's number
    bool m_pooled = false;
    bool m_timedOut = false;
};

// sql ('?' placeholders outside quoted literals and identifiers) with every placeholder
// replaced by its bind as an SQL literal, quoted by libpq (PQescapeLiteral) on conn: NULL,
// or a quoted literal whose type the server infers from its context as it does for a
// parameter. For pooled connections, where QtSql's prepared statements (a server-side PREPARE)
// cannot be used. On failure (a placeholder without a bind, or the other way round, or libpq
// refusing a value) returns a null QString and sets *error.
QString inlineBinds(pg_conn *conn, const QString &sql, const QVariantList &binds, QString *error);

// The libpq connection under a QPSQL QSqlDatabase (QSqlDriver::handle()), or null when it is
// out of reach (not open, not QPSQL, another driver build). For the store's own files only.
pg_conn *connectionOf(const QSqlDatabase &db);

// Why a PostgreSQL login failed, told from libpq's structured answers rather than its words:
// a second, private attempt with conninfo (libpq's keyword=value string) in which libpq spells
// the server's error as its SQLSTATE alone (PQERRORS_SQLSTATE), and
// PQconnectionNeedsPassword(). Costs one more connection attempt (PQconnectStart, PQconnectPoll
// and poll(2), never blocking in libpq), given up at deadline; call it only after a login
// failed.
struct LoginFailure
{
    bool authentication = false; // the server refused the login, or a password is needed
    bool needsPassword = false;  // none was given and the server asks for one
    QString sqlState;            // e.g. "28P01" (wrong password), "28000"; may be empty;
                                 // PgBouncer refuses a login with "08P01"
};
LoginFailure diagnoseLogin(const QString &conninfo, const QDeadlineTimer &deadline);

// A statement's error (result: its failed result; null: the connection's own) as QtSql's error,
// so that the store classifies it as it does QtSql's: a lost connection carries no SQLSTATE.
QSqlError errorOf(pg_conn *conn, const pg_result *result);

// Waits, without blocking in libpq, until PQgetResult() would not block: Ready; Broken when the
// connection broke (PQgetResult() hands out the error at once); Failed when the wait itself
// failed, or giveUp (an unbounded QDeadlineTimer: never) passed, in which case the socket is
// cut, so that the connection is of no use any more and the store drops it, and *timedOut is
// set.
enum class Wait { Ready, Broken, Failed };
Wait waitUntilReady(pg_conn *conn, const QDeadlineTimer &giveUp, bool *timedOut);

// A QPSQL-style conninfo value: single-quoted, with backslashes and quotes escaped.
QString conninfoQuote(QString value);

} // namespace cc::pgnative
