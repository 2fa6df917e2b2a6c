#include "core/store/cachestore_p.h"

#include "core/logging.h"
#include "core/store/changefeed.h"
#include "core/store/deadline.h"
#include "core/store/pgnative.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <algorithm>

#include <libpq-fe.h>
#include <pwd.h>
#include <unistd.h>

namespace cc {

namespace store {

QString osUserName()
{
    for (const char *name : {"USER", "LOGNAME", "USERNAME"}) {
        const QString value = qEnvironmentVariable(name);
        if (!value.isEmpty())
            return value;
    }
    if (const passwd *pw = getpwuid(geteuid()))
        return QString::fromLocal8Bit(pw->pw_name);
    return QStringLiteral("uid %1").arg(geteuid());
}

QString nonNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

bool containsNul(const QString &s)
{
    return s.contains(QChar(0));
}

} // namespace store

namespace {

std::atomic<quint64> g_connectionCounter{0};

// After a failed connection attempt, calls fail at once for this long instead of each waiting
// for the connect timeout again (a dead server must not slow every cache lookup down).
constexpr qint64 kFailFastMs = 500;

// libpq's messages span lines ("...failed: Connection refused\n\tIs the server running...");
// one line reads better in a status bar and a log.
QString oneLine(QString text)
{
    text.replace(QLatin1String("QPSQL: Unable to connect"), QString());
    return text.simplified();
}

// What a failed SQLite statement means, from its result code (QSqlError::nativeErrorCode()
// holds it for QSQLITE's statement errors; https://sqlite.org/rescode.html). Qt's transaction
// errors (BEGIN, COMMIT) carry no code: for those alone the message's words decide.
enum class SqliteClass { NoSuchTable, NoSuchColumn, ReadOnly, Busy, Gone, Other };

SqliteClass sqliteClass(const QString &nativeCode, const QString &text)
{
    bool numeric = false;
    const int extended = nativeCode.toInt(&numeric);
    if (numeric) {
        switch (extended & 0xff) { // the primary code of an extended one
        case 1: // SQLITE_ERROR: generic; a missing table or column is one of its kinds
            if (text.contains(QLatin1String("no such column")))
                return SqliteClass::NoSuchColumn;
            return text.contains(QLatin1String("no such table")) ? SqliteClass::NoSuchTable
                                                                 : SqliteClass::Other;
        case 3:  // SQLITE_PERM
        case 8:  // SQLITE_READONLY
        case 23: // SQLITE_AUTH
            return SqliteClass::ReadOnly;
        case 5: // SQLITE_BUSY
        case 6: // SQLITE_LOCKED
            return SqliteClass::Busy;
        case 10: // SQLITE_IOERR
        case 14: // SQLITE_CANTOPEN
            return SqliteClass::Gone;
        default:
            return SqliteClass::Other;
        }
    }
    if (text.contains(QLatin1String("no such table")))
        return SqliteClass::NoSuchTable;
    if (text.contains(QLatin1String("readonly")))
        return SqliteClass::ReadOnly;
    if (text.contains(QLatin1String("locked")) || text.contains(QLatin1String("busy")))
        return SqliteClass::Busy;
    if (text.contains(QLatin1String("unable to open")) || text.contains(QLatin1String("disk I/O")))
        return SqliteClass::Gone;
    return SqliteClass::Other;
}

} // namespace

using namespace store;

CacheStore::Private::Private(CacheStore *owner, const DatabaseConfig &config)
    : q(owner)
    , dialect(config)
{
    connectionName = QStringLiteral("cc-store-%1").arg(++g_connectionCounter);
    transport = EntryTransport::create(this);
    sinceFlush.start();
}

CacheStore::Private::Budget::Budget(Private *d, std::chrono::milliseconds budget)
    : m_d(d)
{
    if (m_d->callDepth++ == 0) {
        m_d->callBudget = budget.count() > 0 ? budget : m_d->q->m_options.timeout;
        m_d->callDeadline = QDeadlineTimer(m_d->callBudget);
        if (m_d->guard)
            m_d->guard->arm(m_d->callDeadline);
    }
}

CacheStore::Private::Budget::~Budget()
{
    if (--m_d->callDepth == 0 && m_d->guard)
        m_d->guard->disarm();
}

qint64 CacheStore::Private::budgetMs() const
{
    return callDepth > 0 ? callBudget.count() : q->m_options.timeout.count();
}

std::chrono::milliseconds CacheStore::Private::lookupBudget() const
{
    const std::chrono::milliseconds lookup = q->m_options.lookupTimeout;
    return lookup.count() > 0 ? lookup : q->m_options.timeout;
}

QDeadlineTimer CacheStore::Private::giveUp() const
{
    if (callDepth == 0)
        return QDeadlineTimer(q->m_options.timeout.count() + kGraceMs);
    return QDeadlineTimer(qMax<qint64>(0, callDeadline.remainingTime()) + kGraceMs);
}

void CacheStore::Private::dropConnection()
{
    // First of all: the watchdog must not touch the socket once it is closed (and its number
    // perhaps given to another connection).
    guard.reset();
    stalled = false;
    native.reset();
    for (ChangeFeed *feed : std::as_const(feeds))
        feed->connectionGone();
    canceller->detach();
    prepared.clear();
    ranOnce.clear();
    transport->reset();
    if (db.isValid()) {
        db.close();
    }
    sqliteBusyMs = -1;
}

namespace {

// Connecting keeps the connect budget (Options::timeout) inside a call with a shorter one (a
// lookup's, Options::lookupTimeout): a first connect under load or to a far server may take
// longer than a lookup may wait on a lock. The call's own budget starts again once connected.
struct ConnectBudget
{
    CacheStore::Private *d;
    std::chrono::milliseconds saved{0};
    explicit ConnectBudget(CacheStore::Private *p)
        : d(p)
    {
        if (d->callDepth > 0 && d->callBudget < d->q->options().timeout)
            reset(d->q->options().timeout, &saved);
    }
    ~ConnectBudget()
    {
        if (saved.count() > 0)
            reset(saved, nullptr);
    }
    ConnectBudget(const ConnectBudget &) = delete;
    ConnectBudget &operator=(const ConnectBudget &) = delete;
    void reset(std::chrono::milliseconds budget, std::chrono::milliseconds *old)
    {
        if (old)
            *old = d->callBudget;
        d->callBudget = budget;
        d->callDeadline = QDeadlineTimer(budget);
        if (d->guard)
            d->guard->arm(d->callDeadline);
    }
};

} // namespace

StoreError CacheStore::Private::connect()
{
    if (db.isValid() && db.isOpen())
        return StoreError();
    if (native)
        closeNative(); // a call that needs QtSql: one session at a time
    if (const StoreError recent = recentFailure())
        return recent;
    const ConnectBudget connectBudget(this);
    const Budget budget(this);
    freshSession();
    const DatabaseConfig &config = q->m_config;
    const int timeoutMs = int(q->m_options.timeout.count());
    if (!db.isValid()) {
        db = QSqlDatabase::addDatabase(
            isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), connectionName);
    }
    if (!db.isValid()) {
        return StoreError(
            StoreError::Unreachable,
            QStringLiteral("the Qt SQL driver for %1 is not installed (install "
                           "libqt6sql6-%2)")
                .arg(isPostgres() ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite"),
                     isPostgres() ? QStringLiteral("psql") : QStringLiteral("sqlite")));
    }
    if (isPostgres()) {
        // Which servers answer, within the call's deadline, before QtSql's blocking connect is
        // asked (chooseTargets): a server that accepts and never answers is found here.
        const StoreError unreachable = chooseTargets(timeoutMs);
        if (unreachable)
            return unreachable;
        if (pooled()) {
            // A pooler logs a client in by itself and holds its statements while no server
            // answers: asked first, within the deadline (QPSQL's open() would wait for ever).
            if (const StoreError held = preflightPooler(timeoutMs))
                return held;
        }
        db.setHostName(config.host);
        if (config.port > 0)
            db.setPort(config.port);
        db.setUserName(config.user);
        db.setPassword(config.password);
        db.setDatabaseName(config.databaseName);
        QString options = config.postgresConnectOptions(timeoutMs);
        if (!targetOptions.isEmpty()) // last: libpq takes the later of two values
            options += QLatin1Char(';') + targetOptions;
        db.setConnectOptions(options);
    } else {
        const QString path = config.sqlitePath;
        if (path.isEmpty()) {
            return StoreError(StoreError::InvalidArgument, QStringLiteral("no SQLite file given"));
        }
        // Only migrate creates a database (and its directory): a mistyped path elsewhere is an
        // error in words, never a new empty file. A file that exists is opened read-only when
        // this user may not write it or its directory (reads then create no -journal, -wal or
        // -shm file there), and its journal mode is left as its owner chose (ours: WAL).
        QStringList options{QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(timeoutMs)};
        sqliteFileIsOurs = false;
        sinceSqliteBusy.invalidate();
        if (path != QLatin1String(":memory:")) {
            const QFileInfo info(path);
            if (!info.exists()) {
                if (!mayCreateSqliteFile && !QFileInfo(info.absolutePath()).isDir()) {
                    return StoreError(StoreError::Unreachable,
                                      QStringLiteral("cannot open database %1: the directory %2 "
                                                     "does not exist — check the path (connector-"
                                                     "cache migrate creates both)")
                                          .arg(where(), info.absolutePath()));
                }
                if (!mayCreateSqliteFile) {
                    return StoreError(StoreError::SchemaMissing,
                                      QStringLiteral("no SQLite database at %1 — check the path, "
                                                     "or run connector-cache migrate to create it")
                                          .arg(info.absoluteFilePath()));
                }
                if (!QDir().mkpath(info.absolutePath())) {
                    return failConnect(
                        QStringLiteral("cannot create the directory %1").arg(info.absolutePath()));
                }
                sqliteFileIsOurs = true;
            } else if (info.size() == 0 && mayCreateSqliteFile) {
                sqliteFileIsOurs = true; // an empty file: no journal mode chosen yet
            } else if (!info.isWritable() || !QFileInfo(info.absolutePath()).isWritable()) {
                options << QStringLiteral("QSQLITE_OPEN_READONLY");
            }
        }
        db.setDatabaseName(path);
        db.setConnectOptions(options.join(QLatin1Char(';')));
    }
    QElapsedTimer opening;
    opening.start();
    if (!db.open()) {
        const QSqlError e = db.lastError();
        const QString reason = oneLine(e.databaseText().isEmpty() ? e.text() : e.databaseText());
        if (!isPostgres())
            return failConnect(reason);
        return loginFailed(reason, opening.elapsed(), timeoutMs);
    }
    if (!isPostgres())
        sqliteBusyMs = timeoutMs; // QSQLITE_BUSY_TIMEOUT above
    if (isPostgres()) {
        // From here on a statement that is not answered in time is cancelled, then cut.
        if (PGconn *conn = pgnative::connectionOf(db)) {
            guard =
                std::make_unique<store::StallGuard>(PQsocket(conn), store::cancelHandleOf(conn));
            guard->arm(callDeadline);
        }
    }
    QStringList pragmas;
    if (!isPostgres()) {
        // WAL lets readers run beside a writer; switched on only for a file migrate created:
        // another owner's rollback-journal file stays as it is.
        if (sqliteFileIsOurs)
            pragmas << QStringLiteral("PRAGMA journal_mode = WAL");
        pragmas << QStringLiteral("PRAGMA synchronous = NORMAL");
    }
    const QString setupSql = isPostgres() ? sessionSetupSql(timeoutMs) : QString();
    for (const QString &sql : isPostgres() ? QStringList{setupSql} : pragmas) {
        QSqlQuery query(db);
        if (!query.exec(sql)) {
            const QString text =
                gaveUp() ? QStringLiteral("the server did not answer within %1 ms").arg(budgetMs())
                         : query.lastError().text();
            const bool stalledNow = gaveUp();
            query = QSqlQuery();
            guard.reset();
            db.close();
            return failConnect(text, stalledNow); // not again at once (see above)
        }
        if (isPostgres() && query.next()) {
            dbRole = query.value(0).toString();
            setStandby(query.value(1).toBool());
        }
    }
    if (!isPostgres())
        dbRole = osUserName();
    sinceConnectFailure.invalidate();
    lastConnectError = StoreError();
    ++connectionGeneration;
    if (isPostgres()) {
        if (PGconn *conn = pgnative::connectionOf(db))
            canceller->attach(PQgetCancel(conn));
    }
    qCDebug(lcStore).noquote() << "connected to" << where();
    return StoreError();
}

StoreError CacheStore::Private::recentFailure() const
{
    if (sinceConnectFailure.isValid() && sinceConnectFailure.elapsed() < kFailFastMs)
        return lastConnectError;
    // A server that just left a statement unanswered is not asked again at once: the call that
    // gave up (its retry after a lost connection included) keeps to its budget.
    if (sinceStall.isValid() && sinceStall.elapsed() < kFailFastMs)
        return stallError;
    return StoreError();
}

void CacheStore::Private::freshSession()
{
    prepared.clear();
    ranOnce.clear();
    transport->reset();
    transport->setPooled(pooled(), int(q->m_options.timeout.count()));
}

QList<CacheStore::Private::Setting> CacheStore::Private::sessionSettings(int timeoutMs) const
{
    // TimeZone is one of the parameters a pooler tracks per client and sets again when it
    // hands a client a server session (PgBouncer: client_encoding, DateStyle, TimeZone,
    // standard_conforming_strings, application_name), so it never leaks to another client.
    QList<Setting> settings{{"TimeZone", QStringLiteral("UTC")}};
    // The others are session state that a transaction-mode pooler would hand to its next
    // client: pooled connections set them per transaction (SET LOCAL) instead.
    if (!pooled()) {
        settings << Setting{"statement_timeout", QString::number(timeoutMs)}
                 // A hit's counter increment need not wait for a disk flush; writes that
                 // matter (set, invalidate) ask for a synchronous commit themselves.
                 << Setting{"synchronous_commit", QStringLiteral("off")};
    }
    return settings;
}

QString CacheStore::Private::sessionSetupSql(int timeoutMs) const
{
    // A hot standby serves reads only (standby.cpp).
    return settingsSql(sessionSettings(timeoutMs), false,
                       QStringLiteral("current_user, pg_is_in_recovery()"));
}

StoreError CacheStore::Private::loginFailed(const QString &reason, qint64 elapsedMs, int timeoutMs)
{
    // Neither QPSQL nor a failed PGconn keeps an SQLSTATE: ask libpq itself why, unless the
    // attempt took (most of) the connect timeout, which no refused login does.
    if (elapsedMs < timeoutMs / 2) {
        const pgnative::LoginFailure login = pgnative::diagnoseLogin(conninfo(timeoutMs), giveUp());
        if (login.authentication)
            return failLogin(reason, login.sqlState);
        // A pooler checks the password itself and refuses with a protocol error (PgBouncer:
        // 08P01, "password authentication failed", "SASL authentication failed"): there and
        // only there its words tell a refused login from any other protocol error.
        if (pooled() && login.sqlState == QLatin1String("08P01") &&
            reason.contains(QLatin1String("authentication failed")))
            return failLogin(reason, login.sqlState);
    }
    // An attempt that used the whole budget is not repeated at once (the lookup's retry after
    // a lost connection included): a call keeps to its bound.
    return failConnect(reason, elapsedMs >= timeoutMs);
}

void CacheStore::Private::PgConnDeleter::operator()(pg_conn *conn) const
{
    PQfinish(conn);
}

pg_conn *CacheStore::Private::pgConnection() const
{
    if (db.isValid() && db.isOpen())
        return pgnative::connectionOf(db);
    return native.get();
}

bool CacheStore::Private::connected() const
{
    return (db.isValid() && db.isOpen()) || native;
}

bool CacheStore::Private::connectionAlive() const
{
    if (db.isValid() && db.isOpen())
        return true;
    return native && PQstatus(native.get()) == CONNECTION_OK;
}

void CacheStore::Private::closeNative()
{
    if (!native)
        return;
    guard.reset(); // the watchdog must not touch the socket once it is closed
    stalled = false;
    canceller->detach();
    transport->reset();
    native.reset();
}

bool CacheStore::Private::readLoginReport(pg_conn *conn)
{
    const char *role = PQparameterStatus(conn, "session_authorization");
    const char *hotStandby = PQparameterStatus(conn, "in_hot_standby"); // PostgreSQL 14 on
    if (!role || !hotStandby)
        return false;
    dbRole = QString::fromUtf8(role);
    setStandby(qstrcmp(hotStandby, "on") == 0);
    return true;
}

QString CacheStore::Private::runSessionSetup(pg_conn *conn, int timeoutMs, bool *silent)
{
    struct ResultDeleter
    {
        void operator()(PGresult *r) const { PQclear(r); }
    };
    const QByteArray setup = sessionSetupSql(timeoutMs).toUtf8();
    if (!PQsendQuery(conn, setup.constData()))
        return oneLine(QString::fromUtf8(PQerrorMessage(conn)));
    bool timedOut = false;
    std::unique_ptr<PGresult, ResultDeleter> last;
    while (pgnative::waitUntilReady(conn, giveUp(), &timedOut) != pgnative::Wait::Failed) {
        PGresult *r = PQgetResult(conn);
        if (!r)
            break;
        last.reset(r);
    }
    *silent = timedOut || gaveUp();
    if (*silent) {
        return (pooled() ? QStringLiteral("the pooler took the login, but a statement sent "
                                          "through it did not answer within %1 ms (its servers "
                                          "are down, stopped or all busy)")
                         : QStringLiteral("the server did not answer within %1 ms"))
            .arg(budgetMs());
    }
    if (!last || PQresultStatus(last.get()) != PGRES_TUPLES_OK || PQntuples(last.get()) != 1) {
        QString text = oneLine(QString::fromUtf8(last ? PQresultErrorMessage(last.get()) : ""));
        if (text.isEmpty())
            text = oneLine(QString::fromUtf8(PQerrorMessage(conn)));
        return text.isEmpty() ? QStringLiteral("the session's setup statement returned no row")
                              : text;
    }
    dbRole = QString::fromUtf8(PQgetvalue(last.get(), 0, 0));
    setStandby(PQgetvalue(last.get(), 0, 1)[0] == 't');
    return QString();
}

StoreError CacheStore::Private::connectNative()
{
    if (!isPostgres())
        return connect();
    if (connected())
        return StoreError();
    if (const StoreError recent = recentFailure())
        return recent;
    const ConnectBudget connectBudget(this);
    const Budget budget(this);
    freshSession();
    const int timeoutMs = int(q->m_options.timeout.count());
    // One server is not probed: the login below keeps to the deadline itself, from the first
    // packet to the session's first answer (QPSQL's blocking open() waits libpq's
    // connect_timeout, whole seconds, once a server answered a probe). Several are, as for
    // QPSQL: libpq tries them in order, and the deadline must not go on the first.
    if (const StoreError unreachable = chooseTargets(timeoutMs, false))
        return unreachable;
    QElapsedTimer opening;
    opening.start();
    pg_conn *raw = nullptr;
    // A direct connection takes the session's settings in the login itself, and the server
    // reports the role and, from PostgreSQL 14 on, whether it is a standby (ParameterStatus
    // session_authorization and in_hot_standby): no round trip for them. A pooler refuses
    // startup options; it gets the setup statement, as does an older server.
    const bool settingsInLogin = !pooled();
    const store::Preflight login =
        store::loginSession(nativeConninfo(timeoutMs, settingsInLogin), callDeadline, &raw);
    std::unique_ptr<pg_conn, PgConnDeleter> conn(raw);
    if (login == store::Preflight::Stalled) {
        return failConnect(QStringLiteral("the server did not answer within %1 ms").arg(budgetMs()),
                           true);
    }
    if (login == store::Preflight::Failed) {
        const QString reason =
            conn ? oneLine(QString::fromUtf8(PQerrorMessage(conn.get())))
                 : QStringLiteral("libpq could not start a connection (out of memory)");
        conn.reset();
        return loginFailed(reason, opening.elapsed(), timeoutMs);
    }
    // From here on a statement that is not answered in time is cancelled, then cut.
    guard = std::make_unique<store::StallGuard>(PQsocket(conn.get()),
                                                store::cancelHandleOf(conn.get()));
    guard->arm(callDeadline);
    bool silent = false;
    const QString failure = settingsInLogin && readLoginReport(conn.get())
                                ? QString()
                                : runSessionSetup(conn.get(), timeoutMs, &silent);
    if (!failure.isEmpty()) {
        guard.reset();
        conn.reset();
        return failConnect(failure, silent); // not again at once when silent (see connect())
    }
    native = std::move(conn);
    sinceConnectFailure.invalidate();
    lastConnectError = StoreError();
    ++connectionGeneration;
    canceller->attach(PQgetCancel(native.get()));
    qCDebug(lcStore).noquote() << "connected to" << where() << "(libpq, for lookups)";
    return StoreError();
}

QString CacheStore::Private::nativeConninfo(int timeoutMs, bool settingsInLogin) const
{
    // QPSQL asks for UTF-8 with a SET; here it is part of the login (PgBouncer tracks it).
    QString info = conninfo(timeoutMs) + QStringLiteral(" client_encoding=UTF8");
    if (!settingsInLogin)
        return info;
    // After the URL's own options: the later -c wins.
    QStringList options;
    const QString own = q->m_config.options.value(QStringLiteral("options")).trimmed();
    if (!own.isEmpty())
        options << own;
    for (const Setting &setting : sessionSettings(timeoutMs))
        options << QStringLiteral("-c %1=%2").arg(QLatin1String(setting.first), setting.second);
    return info + QStringLiteral(" options=") +
           pgnative::conninfoQuote(options.join(QLatin1Char(' ')));
}

QString CacheStore::Private::conninfo(int timeoutMs) const
{
    // As QPSQL builds it from the same settings.
    const DatabaseConfig &config = q->m_config;
    QStringList parts;
    if (!config.host.isEmpty())
        parts << QStringLiteral("host=") + pgnative::conninfoQuote(config.host);
    if (!config.databaseName.isEmpty())
        parts << QStringLiteral("dbname=") + pgnative::conninfoQuote(config.databaseName);
    if (!config.user.isEmpty())
        parts << QStringLiteral("user=") + pgnative::conninfoQuote(config.user);
    if (!config.password.isEmpty())
        parts << QStringLiteral("password=") + pgnative::conninfoQuote(config.password);
    if (config.port > 0)
        parts << QStringLiteral("port=%1").arg(config.port);
    QString options = config.postgresConnectOptions(timeoutMs);
    options.replace(QLatin1Char(';'), QLatin1Char(' '));
    parts << options;
    if (!targetOptions.isEmpty())
        parts << targetOptions;
    return parts.join(QLatin1Char(' '));
}

StoreError CacheStore::Private::chooseTargets(int timeoutMs, bool probeOne)
{
    targetOptions.clear();
    const DatabaseConfig &config = q->m_config;
    const QString host = config.host.isEmpty() ? qEnvironmentVariable("PGHOST") : config.host;
    // Left to libpq and probed as a whole: a service or a hostaddr (the URL's, a list's or the
    // environment's), a list in PGHOST, the default socket directory.
    const bool listHasAddresses =
        std::any_of(config.hosts.cbegin(), config.hosts.cend(),
                    [](const DatabaseConfig::Endpoint &e) { return !e.hostaddr.isEmpty(); });
    const bool leftToLibpq =
        config.options.contains(QStringLiteral("hostaddr")) || listHasAddresses ||
        config.options.contains(QStringLiteral("service")) ||
        !qEnvironmentVariableIsEmpty("PGHOSTADDR") || !qEnvironmentVariableIsEmpty("PGSERVICE") ||
        (!config.isMultiHost() && (host.isEmpty() || host.contains(QLatin1Char(','))));
    const QString base = conninfo(timeoutMs);
    QList<store::ConnectTarget> targets;
    QStringList notFound; // names that could not be looked up, in words
    if (!leftToLibpq) {
        const QList<DatabaseConfig::Endpoint> endpoints =
            config.isMultiHost() ? config.hosts
                                 : QList<DatabaseConfig::Endpoint>{{host, config.port, {}}};
        // libpq's own name lookup (getaddrinfo) has no bound: the names are looked up here,
        // within the deadline, and libpq is handed their addresses (hostaddr), the name kept
        // (host) for TLS (SNI, verify-full) and its messages. With other servers to choose
        // from, the lookups get half the time left: a name server that does not answer must
        // not leave no time to reach the others.
        QStringList names;
        for (const DatabaseConfig::Endpoint &e : endpoints) {
            if (store::needsNameLookup(e.host) && !names.contains(e.host))
                names << e.host;
        }
        QList<QStringList> found;
        QStringList errors;
        const QDeadlineTimer lookups =
            endpoints.size() > 1 ? QDeadlineTimer(qMax<qint64>(0, callDeadline.remainingTime()) / 2)
                                 : callDeadline;
        if (!names.isEmpty())
            store::resolveHosts(names, lookups, &found, &errors);
        bool portNumeric = false;
        const QString envPort = qEnvironmentVariable("PGPORT");
        envPort.toInt(&portNumeric);
        for (const DatabaseConfig::Endpoint &e : endpoints) {
            // An empty entry of a port list is libpq's 5432, not PGPORT: spell PGPORT out.
            const QString port =
                e.port > 0 ? QString::number(e.port) : (portNumeric ? envPort : QString());
            const qsizetype n = names.indexOf(e.host);
            if (n < 0) {
                targets << store::ConnectTarget{e.host, QString(), port};
                continue;
            }
            if (found.at(n).isEmpty() && !notFound.contains(errors.at(n)))
                notFound << errors.at(n);
            for (const QString &address : found.at(n))
                targets << store::ConnectTarget{e.host, address, port};
        }
        if (targets.isEmpty()) {
            // A name server that did not answer (deadline.cpp) is a stall.
            return failConnect(notFound.join(QStringLiteral("; ")), lookups.hasExpired());
        }
    }
    qint64 waited = 0;
    // One target and a login that keeps to the deadline itself (connectNative()): nothing to
    // choose, so no probe (it would cost a connection of its own).
    const bool probe = probeOne || leftToLibpq || targets.size() != 1;
    const QList<store::ServerAnswer> answers =
        probe ? store::probeServers(base, targets, callDeadline, &waited)
              : QList<store::ServerAnswer>{store::ServerAnswer::Answered};
    QList<store::ConnectTarget> answering;
    QStringList silent;
    for (qsizetype i = 0; i < answers.size(); ++i) {
        if (answers.at(i) != store::ServerAnswer::Silent) {
            if (i < targets.size())
                answering << targets.at(i);
        } else if (i < targets.size()) {
            const store::ConnectTarget &t = targets.at(i);
            silent << (t.address.isEmpty() || t.address == t.host
                           ? t.host
                           : QStringLiteral("%1 (%2)").arg(t.host, t.address)) +
                          (t.port.isEmpty() ? QString() : QLatin1Char(':') + t.port);
        }
    }
    const bool noneAnswered =
        leftToLibpq ? answers.value(0) == store::ServerAnswer::Silent : answering.isEmpty();
    if (noneAnswered) {
        // The call's budget, as every message of a call given up says (waited: about as long).
        const qint64 budget = budgetMs();
        QString text = answers.size() > 1
                           ? QStringLiteral("none of the servers (%1) answered within %2 ms")
                                 .arg(silent.join(QStringLiteral(", ")))
                                 .arg(budget)
                           : QStringLiteral("the server did not answer within %1 ms").arg(budget);
        if (!notFound.isEmpty())
            text += QStringLiteral("; ") + notFound.join(QStringLiteral("; "));
        return failConnect(text, true);
    }
    if (!silent.isEmpty() || !notFound.isEmpty()) {
        qCInfo(lcStore).noquote() << "connecting without"
                                  << (silent + notFound).join(QStringLiteral("; "))
                                  << QStringLiteral("(silent for %1 ms)").arg(waited);
    }
    if (leftToLibpq)
        return StoreError();
    QStringList hosts, addresses, ports;
    bool anyAddress = false, anyPort = false;
    for (const store::ConnectTarget &t : std::as_const(answering)) {
        hosts << t.host;
        addresses << t.address;
        ports << t.port;
        anyAddress = anyAddress || !t.address.isEmpty();
        anyPort = anyPort || !t.port.isEmpty();
    }
    // Lists of one length (libpq's rule), empty entries for "libpq's own".
    QStringList parts{QStringLiteral("host=") +
                      pgnative::conninfoQuote(hosts.join(QLatin1Char(',')))};
    if (anyPort)
        parts << QStringLiteral("port=") + pgnative::conninfoQuote(ports.join(QLatin1Char(',')));
    if (anyAddress) {
        parts << QStringLiteral("hostaddr=") +
                     pgnative::conninfoQuote(addresses.join(QLatin1Char(',')));
    }
    targetOptions = parts.join(QLatin1Char(' '));
    return StoreError();
}

StoreError CacheStore::Private::preflightPooler(int timeoutMs)
{
    QElapsedTimer waited;
    waited.start();
    if (store::preflightSession(conninfo(timeoutMs), callDeadline) != store::Preflight::Stalled)
        return StoreError(); // ready, or refused: QtSql's connect then says why in its words
    qCInfo(lcStore).noquote()
        << QStringLiteral("pooler preflight gave up after %1 ms").arg(waited.elapsed());
    return failConnect(
        QStringLiteral("the pooler took the login, but a statement sent through it did not "
                       "answer within %1 ms (its servers are down, stopped or all busy)")
            .arg(budgetMs()),
        true);
}

StoreError CacheStore::Private::failLogin(const QString &reason, const QString &sqlState)
{
    lastConnectError = StoreError(
        StoreError::AuthenticationFailed,
        QStringLiteral("cannot log in to %1 as %2: %3 — check the password (or the role)")
            .arg(where(),
                 q->m_config.user.isEmpty() ? QStringLiteral("the default role") : q->m_config.user,
                 reason.isEmpty() ? QStringLiteral("no reason given") : reason));
    lastConnectError.setSqlState(sqlState);
    sinceConnectFailure.start();
    qCWarning(lcStore).noquote() << lastConnectError.message();
    return lastConnectError;
}

StoreError CacheStore::Private::failConnect(const QString &reason, bool silent)
{
    const QString text = reason.isEmpty() ? QStringLiteral("no reason given") : reason;
    lastConnectError = StoreError(
        StoreError::Unreachable,
        isPostgres() ? QStringLiteral("cannot reach database at %1: %2 — check the URL or profile, "
                                      "or start the server")
                           .arg(where(), text)
                     : QStringLiteral("cannot open database %1: %2 — check the path and its "
                                      "permissions")
                           .arg(where(), text));
    sinceConnectFailure.start();
    if (silent) {
        // Flagged for the console ("not answering", not "lost"), and not tried again at once:
        // the call kept to its bound, and so does the lookup's retry after it.
        lastConnectError.setStall();
        sinceStall.start();
        stallError = lastConnectError;
    }
    qCWarning(lcStore).noquote() << lastConnectError.message();
    return lastConnectError;
}

// Classifies a failed statement; drops the connection when it is gone.
StoreError CacheStore::Private::fail(const QSqlError &error, const QString &what)
{
    const QString code = error.nativeErrorCode();
    const QString text =
        oneLine(error.databaseText().isEmpty() ? error.text() : error.databaseText());
    StoreError result;
    if (isPostgres() && gaveUp()) {
        // The deadline passed, the cancel request was not answered either: the connection was
        // cut (deadline.h) and goes now.
        dropConnection();
        result = StoreError(StoreError::Unreachable,
                            QStringLiteral("%1: the server did not answer within %2 ms (%3) — "
                                           "gave up and closed the connection; the next call "
                                           "opens a new one")
                                .arg(what)
                                .arg(budgetMs())
                                .arg(where()));
        result.setStall();
        sinceStall.start();
        stallError = result;
        qCWarning(lcStore).noquote() << result.message();
        return result;
    }
    if (isPostgres()) {
        const bool lost = code.isEmpty() || code.startsWith(QLatin1String("08")) ||
                          code == QLatin1String("57P01") || code == QLatin1String("57P02") ||
                          code == QLatin1String("57P03") || !connectionAlive();
        if (lost) {
            dropConnection();
            result = StoreError(StoreError::Unreachable,
                                QStringLiteral("%1: lost the connection to %2 (%3) — it "
                                               "will be retried on the next call")
                                    .arg(what, where(), text));
        } else if (code == QLatin1String("57014") && canceller->takeRequested()) {
            result = StoreError(StoreError::Cancelled,
                                QStringLiteral("%1: cancelled on request").arg(what));
        } else if (code == QLatin1String("57014")) {
            result = StoreError(StoreError::Unreachable,
                                QStringLiteral("%1: timed out after %2 ms on %3")
                                    .arg(what)
                                    .arg(budgetMs())
                                    .arg(where()));
        } else if (code == QLatin1String("42P01")) {
            result = StoreError(StoreError::SchemaMissing,
                                QStringLiteral("%1: the cache tables are missing in %2 — run "
                                               "connector-cache migrate")
                                    .arg(what, where()));
        } else if (code.startsWith(QLatin1String("28"))) {
            result = StoreError(StoreError::AuthenticationFailed,
                                QStringLiteral("%1: %2 refused the login (%3) — check the "
                                               "password (or the role)")
                                    .arg(what, where(), text));
        } else if (code == QLatin1String("42703")) { // undefined column: the schema drifted
            result = StoreError(StoreError::SchemaIncompatible,
                                QStringLiteral("%1: %2 — connector-cache status names what the "
                                               "schema lacks")
                                    .arg(what, text));
        } else if (code == QLatin1String("42501")) {
            result = StoreError(StoreError::PermissionDenied,
                                QStringLiteral("%1: the database role %2 may not do this "
                                               "(%3) — see the GRANTs in the README")
                                    .arg(what, dbRole, text));
        } else {
            result = StoreError(StoreError::QueryFailed,
                                QStringLiteral("%1: %2 (SQLSTATE %3)").arg(what, text, code));
        }
    } else {
        switch (sqliteClass(code, text)) {
        case SqliteClass::NoSuchTable:
            result = StoreError(StoreError::SchemaMissing,
                                QStringLiteral("%1: the cache tables are missing in %2 — run "
                                               "connector-cache migrate")
                                    .arg(what, where()));
            break;
        case SqliteClass::NoSuchColumn:
            result = StoreError(StoreError::SchemaIncompatible,
                                QStringLiteral("%1: %2 in %3 — connector-cache status names what "
                                               "the schema lacks")
                                    .arg(what, text, where()));
            break;
        case SqliteClass::ReadOnly:
            result =
                StoreError(StoreError::PermissionDenied,
                           QStringLiteral("%1: %2 is read-only (%3)").arg(what, where(), text));
            break;
        case SqliteClass::Busy:
            if (!sinceSqliteBusy.isValid()) {
                sinceSqliteBusy.start(); // waited once: what follows fails at once (a while)
                if (db.isOpen())
                    setSqliteBusyTimeout(0);
            }
            result = StoreError(StoreError::Unreachable,
                                QStringLiteral("%1: %2 stayed locked by another process for "
                                               "%3 ms — try again")
                                    .arg(what, where())
                                    .arg(q->m_options.timeout.count()));
            break;
        case SqliteClass::Gone:
            dropConnection();
            result = StoreError(StoreError::Unreachable,
                                QStringLiteral("%1: %2 (%3)").arg(what, where(), text));
            break;
        case SqliteClass::Other:
            result = StoreError(StoreError::QueryFailed, QStringLiteral("%1: %2").arg(what, text));
            break;
        }
    }
    if (isPostgres())
        result.setSqlState(code);
    qCWarning(lcStore).noquote() << result.message();
    return result;
}

// A prepared statement for this connection, created once and reused (one round trip per
// execution on PostgreSQL).
QSqlQuery *CacheStore::Private::statement(const QString &sql, StoreError *error,
                                          const QString &what, bool *inlineValues)
{
    *inlineValues = pooled(); // every run, not only the first: nothing is prepared there
    auto it = prepared.find(sql);
    if (it != prepared.end())
        return it->second.get();
    auto query = std::make_unique<QSqlQuery>(db);
    // Pooled: QPSQL's prepare() is a server-side PREPARE, which the next transaction may not
    // find on its server session: run() sends the statement's text, its values inlined.
    if (pooled()) {
        *inlineValues = true;
        return prepared.emplace(sql, std::move(query)).first->second.get();
    }
    // Direct PostgreSQL: a statement's first run on a connection goes the same way (one round
    // trip, where PREPARE and EXECUTE are two and a DEALLOCATE follows when the process ends,
    // which a command or a cold start that runs it once would pay for nothing); its second is
    // prepared, for every later one.
    if (isPostgres() && ranOnce.find(sql) == ranOnce.end()) {
        *inlineValues = true;
        return ranOnce.emplace(sql, std::move(query)).first->second.get();
    }
    if (!query->prepare(sql)) {
        *error = fail(query->lastError(), what);
        return nullptr;
    }
    return prepared.emplace(sql, std::move(query)).first->second.get();
}

// Runs a statement with bound values. On success the query is positioned before the first
// row; it is finished when the returned ActiveQuery goes.
int CacheStore::Private::sqliteBusyWaitMs() const
{
    return sinceSqliteBusy.isValid() ? 0 : int(q->m_options.timeout.count());
}

void CacheStore::Private::setSqliteBusyTimeout(int ms)
{
    if (ms == sqliteBusyMs)
        return;
    QSqlQuery pragma(db);
    sqliteBusyMs = pragma.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(ms)) ? ms : -1;
}

ActiveQuery CacheStore::Private::run(const QString &sql, const QVariantList &binds,
                                     StoreError *error, const QString &what)
{
    const Budget budget(this);
    *error = connect();
    if (error->isError())
        return ActiveQuery();
    if (sinceSqliteBusy.isValid() && sinceSqliteBusy.elapsed() >= q->m_options.timeout.count()) {
        sinceSqliteBusy.invalidate(); // one timeout on: statements wait for locks again (below)
    }
    // SQLite: another process's lock (a rollback journal's writer) is waited for up to the
    // call's budget (a lookup's own, 250 ms by default, not the timeout of writes), and a
    // flush of counters briefly (sqliteBusyCap).
    if (!isPostgres()) {
        setSqliteBusyTimeout(
            int(std::min<qint64>({sqliteBusyWaitMs(), budgetMs(), sqliteBusyCap})));
    }
    // Cancellable from here: preparing a statement on PostgreSQL plans it, and planning can
    // wait for a lock as long as running can.
    QueryCanceller::Running running(*canceller);
    bool inlineValues = false;
    QSqlQuery *query = statement(sql, error, what, &inlineValues);
    if (!query)
        return ActiveQuery();
    if (inlineValues) {
        QString reason;
        const QString text = inlined(sql, binds, &reason);
        if (text.isNull()) {
            *error =
                StoreError(StoreError::QueryFailed, QStringLiteral("%1: %2").arg(what, reason));
            return ActiveQuery();
        }
        if (!query->exec(text)) {
            *error = fail(query->lastError(), what);
            return ActiveQuery();
        }
        return ActiveQuery(query);
    }
    for (int i = 0; i < binds.size(); ++i)
        query->bindValue(i, binds.at(i));
    if (!query->exec()) {
        *error = fail(query->lastError(), what);
        return ActiveQuery();
    }
    return ActiveQuery(query);
}

// Runs fn inside a transaction whose commit waits for the disk (PostgreSQL: the session
// commits asynchronously for hit counters; this overrides it).
StoreError CacheStore::Private::durable(const QString &what, const std::function<StoreError()> &fn)
{
    const Budget budget(this);
    StoreError error = connect();
    if (error)
        return error;
    if (!db.transaction())
        return fail(db.lastError(), what);
    if (isPostgres()) {
        QSqlQuery query(db);
        if (!query.exec(settingsSql(QList<Setting>{{"synchronous_commit", QStringLiteral("on")}} +
                                        transactionBounds(),
                                    true))) {
            error = fail(query.lastError(), what);
            query = QSqlQuery();
            if (db.isOpen())
                db.rollback();
            return error;
        }
        query.finish();
    }
    error = fn();
    if (error) {
        if (db.isOpen())
            db.rollback();
        return error;
    }
    if (!db.commit()) {
        error = fail(db.lastError(), what);
        if (db.isOpen())
            db.rollback();
    }
    return error;
}

// Runs fn with its commit not waiting for the disk (hit counters and history). Direct
// connections commit that way for the whole session (connect()); a pooled one may not set it
// for the session, so fn runs in a transaction of its own with SET LOCAL.
StoreError CacheStore::Private::lazy(const QString &what, const std::function<StoreError()> &fn)
{
    const Budget budget(this);
    if (!pooled())
        return fn();
    StoreError error = connect();
    if (error)
        return error;
    if (!db.transaction())
        return fail(db.lastError(), what);
    {
        ActiveQuery set =
            run(settingsSql(QList<Setting>{{"synchronous_commit", QStringLiteral("off")}} +
                                transactionBounds(),
                            true),
                {}, &error, what);
    }
    if (!error)
        error = fn();
    if (!error && !db.commit())
        error = fail(db.lastError(), what);
    if (error && db.isOpen())
        db.rollback();
    return error;
}

bool CacheStore::Private::entries(const EntrySql &sql, const QVariantList &binds, StoreError *error,
                                  const QString &what,
                                  const std::function<void(const CacheEntry &)> &onRow)
{
    const Budget budget(this);
    *error = connectNative();
    if (error->isError())
        return false;
    QueryCanceller::Running running(*canceller);
    return transport->entries(sql, binds, error, what, onRow);
}

bool CacheStore::Private::offsets(const EntrySql &sql, const QVariantList &binds, StoreError *error,
                                  const QString &what, const OffsetFn &onRow)
{
    const Budget budget(this);
    *error = connectNative();
    if (error->isError())
        return false;
    QueryCanceller::Running running(*canceller);
    return transport->offsets(sql, binds, error, what, onRow);
}

void CacheStore::Private::announce(const QString &what)
{
    if (!q->m_options.notifyChanges || !isPostgres() || !db.isOpen())
        return;
    StoreError ignored;
    run(QStringLiteral("SELECT pg_notify(?, ?)"), {q->changeChannel(), what}, &ignored,
        QStringLiteral("announcing a change"));
}

QList<CacheStore::Private::Setting> CacheStore::Private::transactionBounds() const
{
    // A direct connection bounds its statements for the session (connect()).
    if (!pooled())
        return {};
    const QString budget = QString::number(budgetMs());
    return {{"statement_timeout", budget}, {"lock_timeout", budget}};
}

QString CacheStore::Private::settingsSql(const QList<Setting> &settings, bool local,
                                         const QString &alsoSelect)
{
    QStringList columns;
    if (!alsoSelect.isEmpty())
        columns << alsoSelect;
    for (const Setting &setting : settings) {
        QString value = setting.second;
        value.replace(QLatin1Char('\''), QStringLiteral("''")); // ours are words and numbers
        columns << QStringLiteral("set_config('%1', '%2', %3)")
                       .arg(QLatin1String(setting.first), value,
                            local ? QStringLiteral("true") : QStringLiteral("false"));
    }
    return QStringLiteral("SELECT ") + columns.join(QStringLiteral(", "));
}

bool CacheStore::Private::pooled() const
{
    return isPostgres() && q->m_config.pooled;
}

QString CacheStore::Private::inlined(const QString &sql, const QVariantList &binds,
                                     QString *error) const
{
    PGconn *conn = pgConnection();
    if (!conn) {
        *error = QStringLiteral("the connection's libpq handle is out of reach");
        return QString();
    }
    return pgnative::inlineBinds(conn, sql, binds, error);
}

} // namespace cc
