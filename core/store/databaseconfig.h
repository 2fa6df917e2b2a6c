#pragma once

#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace cc {

// Where the cache lives: a PostgreSQL server (production, shared by every backend and console)
// or an SQLite file (the embedded default).
//
// URL forms (see DatabaseConfig::fromUrl):
//   postgresql://[user[:password]@][host][:port][/dbname][?param=value&...]   (also postgres://)
//   postgresql://[user@]host1[:port1],host2[:port2],...[/dbname][?...]   libpq's multi-host URL:
//       libpq tries the hosts in turn (target_session_attrs=read-write: the first that writes)
//   postgresql:///dbname?host=h1,h2&port=5432,5433   the same list in libpq's query form (one
//       port for all or one per host; hostaddr=a1,a2 gives each host its numeric address, and
//       may stand alone; socket directories may be listed too)
//   postgresql://            everything from libpq's environment (PGHOST, PGPORT, PGUSER, ...)
//   sqlite:///absolute/path.db     sqlite:relative/path.db     sqlite::memory:
// Parts left out of a PostgreSQL URL fall back to libpq's conventions: PGHOST, PGPORT, PGUSER,
// PGPASSWORD, PGDATABASE, PGSERVICE and ~/.pgpass, exactly as in psql.
// The query may name the host, port, user or database only when the authority and the path left
// them out (postgresql:///cache?host=/run/postgresql); naming one twice, or giving any parameter
// twice, is refused in words.
// The query's parameters are libpq's (the keywords this libpq knows, checked by libpq's own
// PQconninfoParse) or Prisma's (schema, pgbouncer, connection_limit, pool_timeout,
// socket_timeout, statement_cache_size, sslaccept, sslidentity, sslcert, sslpassword: mapped to
// libpq's equivalent or ignored, with a note each); any other is refused with its name.
class DatabaseConfig
{
public:
    enum class Backend { SQLite, PostgreSQL };

    Backend backend = Backend::SQLite;

    // PostgreSQL. Empty or -1 means "libpq decides" (environment, service file, defaults).
    QString host;
    int port = -1;
    // libpq's multi-host list (postgresql://h1:5432,h2:5433/db, or ?host=h1,h2&port=5432,5433),
    // in the order libpq tries them, each with its port (-1: the default) and numeric address
    // (hostaddr=, empty: looked up from the name); `host` and `port` above hold the first. Empty
    // for one host (a single hostaddr= then stays in `options`).
    struct Endpoint
    {
        QString host; // a name, an address, a socket directory, or empty (hostaddr alone)
        int port = -1;
        QString hostaddr;
        bool operator==(const Endpoint &other) const
        {
            return host == other.host && port == other.port && hostaddr == other.hostaddr;
        }
        bool operator!=(const Endpoint &other) const { return !(*this == other); }
    };
    QList<Endpoint> hosts;
    bool isMultiHost() const { return hosts.size() > 1; }
    QString user;
    QString password; // kept in memory only; never logged, never in displayString()
    QString databaseName;
    // libpq connection parameters from the URL's query: sslmode, sslrootcert, connect_timeout,
    // application_name, service, ... Passed through to libpq unchanged. Never the password
    // (?password= goes to `password`).
    QMap<QString, QString> options;
    // The server is reached through a transaction-mode connection pooler (PgBouncer,
    // Supavisor, RDS Proxy, ...): `pgbouncer=true` in the URL, a profile setting or --pooled.
    // The store then keeps no state on the session between transactions: no named prepared
    // statements, no session SET, no LISTEN (README, "Deploying").
    bool pooled = false;
    // The schema the seed's table and ours live in (Prisma's schema=NAME, any name: every
    // statement qualifies the tables with it, quoted); empty: unqualified names, the search
    // path's schema (public by default). PostgreSQL only.
    QString schema;
    // What the URL held that is Prisma's rather than libpq's, and what was made of it: one
    // line each ("connection_limit=1 ignored: ..."), for the caller to show.
    QStringList notes;

    // SQLite: a file path, or ":memory:".
    QString sqlitePath;

    bool isPostgres() const { return backend == Backend::PostgreSQL; }
    bool isSqlite() const { return backend == Backend::SQLite; }

    // Parses a URL. On failure returns a config with backend SQLite and an empty path, and sets
    // *errorMessage to what was wrong and what to do.
    static DatabaseConfig fromUrl(const QString &url, QString *errorMessage);
    // `url` as typed, with the password of scheme://user:password@host replaced by "***": what
    // may be quoted or kept when the URL does not parse.
    static QString withoutPassword(const QString &url);

    // The embedded default: an SQLite file in the user's application data directory.
    static DatabaseConfig defaultSqlite();
    static QString defaultSqlitePath();

    // The database named by --database, else $CONNECTOR_CACHE_DATABASE, else the default.
    static DatabaseConfig fromArgumentOrEnvironment(const QString &argument, QString *errorMessage);

    // A URL for display and logs: no password, ever.
    QString displayString() const;
    // A URL that parses back to this config, without the password.
    QString toUrl() const;

    // libpq connect options as QPSQL takes them ("key=value;key=value"), with our defaults
    // (connect_timeout, application_name, keepalives) for whatever the URL left out.
    QString postgresConnectOptions(int timeoutMs) const;
};

} // namespace cc

Q_DECLARE_METATYPE(cc::DatabaseConfig)
