// Database URL parsing: every accepted form, every refusal in words, and no password ever shown.

#include "core/store/databaseconfig.h"
#include "core/store/sqldialect.h"

#include <QTest>
#include <QUrl>

using namespace cc;

class TestDatabaseConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesPostgresUrls()
    {
        QString error;
        DatabaseConfig c = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql://ops:s%40cret@db.example.com:6432/trading?sslmode="
                           "verify-full&sslrootcert=/etc/ca.pem&application_name=desk"),
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(c.isPostgres());
        QCOMPARE(c.host, QStringLiteral("db.example.com"));
        QCOMPARE(c.port, 6432);
        QCOMPARE(c.user, QStringLiteral("ops"));
        QCOMPARE(c.password, QStringLiteral("s@cret"));
        QCOMPARE(c.databaseName, QStringLiteral("trading"));
        QCOMPARE(c.options.value(QStringLiteral("sslmode")), QStringLiteral("verify-full"));
        QCOMPARE(c.options.value(QStringLiteral("sslrootcert")), QStringLiteral("/etc/ca.pem"));
        QVERIFY(!c.displayString().contains(QStringLiteral("cret")));
        QVERIFY(!c.toUrl().contains(QStringLiteral("cret")));
        const QString options = c.postgresConnectOptions(3000);
        QVERIFY(options.contains(QStringLiteral("connect_timeout=3")));
        QVERIFY(options.contains(QStringLiteral("application_name=desk")));
        QVERIFY(!options.contains(QStringLiteral("cret")));

        // The URL round-trips without its password.
        DatabaseConfig back = DatabaseConfig::fromUrl(c.toUrl(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(back.host, c.host);
        QCOMPARE(back.port, c.port);
        QCOMPARE(back.user, c.user);
        QCOMPARE(back.databaseName, c.databaseName);
        QCOMPARE(back.options, c.options);
        QVERIFY(back.password.isEmpty());
    }

    // A database name with '/': written %2F in the path or given as ?dbname=, and written back
    // (in the query) so that it parses to the same name. Found by the URL fuzzer.
    // An application's Prisma DATABASE_URL as it is: pgbouncer=true means pooled, Prisma's own
    // tuning is ignored with a note each, sslaccept maps to sslmode, schema=public is the
    // default; anything neither knows is still refused.
    void takesPrismaUrls()
    {
        QString error;
        const DatabaseConfig c = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql://app@pooler:6432/app?schema=public&pgbouncer=true&"
                           "connection_limit=1&pool_timeout=10&sslaccept=strict"),
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(c.isPostgres());
        QVERIFY(c.pooled);
        QCOMPARE(c.options.value(QStringLiteral("sslmode")), QStringLiteral("verify-full"));
        QCOMPARE(c.notes.size(), 3);
        QVERIFY(c.notes.at(0).startsWith(QStringLiteral("connection_limit=1 ignored")));
        QVERIFY(!c.options.contains(QStringLiteral("connection_limit")));
        QVERIFY(!c.options.contains(QStringLiteral("schema")));
        // pooled survives the round trip through toUrl().
        const DatabaseConfig again = DatabaseConfig::fromUrl(c.toUrl(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(again.pooled);
        QVERIFY(!DatabaseConfig::fromUrl(QStringLiteral("postgresql://h/db"), &error).pooled);

        // An sslmode given wins over sslaccept.
        QCOMPARE(DatabaseConfig::fromUrl(QStringLiteral("postgresql://h/db?sslmode=disable&"
                                                        "sslaccept=accept_invalid_certs"),
                                         &error)
                     .options.value(QStringLiteral("sslmode")),
                 QStringLiteral("disable"));
        for (const char *bad :
             {"postgresql://h/db?schema=", "postgresql://h/db?schema=a&schema=b",
              "postgresql://h/db?pgbouncer=yes", "postgresql://h/db?sslaccept=maybe",
              "postgresql://h/db?connection_limt=1"}) {
            const DatabaseConfig refused =
                DatabaseConfig::fromUrl(QString::fromLatin1(bad), &error);
            QVERIFY2(!error.isEmpty(), bad);
            QVERIFY2(!refused.isPostgres(), bad);
        }
    }

    // schema=NAME is where the tables live: any name (quotes, spaces, '%', '&'), kept exactly
    // and written back by toUrl(); none given: empty (unqualified names, the search path's).
    void takesPrismasSchema()
    {
        QString error;
        QVERIFY(
            DatabaseConfig::fromUrl(QStringLiteral("postgresql://h/db"), &error).schema.isEmpty());
        QCOMPARE(DatabaseConfig::fromUrl(QStringLiteral("postgresql://h/db?schema=public"), &error)
                     .schema,
                 QStringLiteral("public"));
        const QString hostile = QStringLiteral("my \"app\" schema %1 & co=+");
        const DatabaseConfig c =
            DatabaseConfig::fromUrl(QStringLiteral("postgresql://app@h:5432/db?schema=") +
                                        QString::fromUtf8(QUrl::toPercentEncoding(hostile)) +
                                        QStringLiteral("&connection_limit=1"),
                                    &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(c.schema, hostile);
        QVERIFY(!c.options.contains(QStringLiteral("schema")));
        QVERIFY(c.displayString().contains(QStringLiteral("schema=")));
        const DatabaseConfig back = DatabaseConfig::fromUrl(c.toUrl(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(c.toUrl() + QLatin1String(": ") + error));
        QCOMPARE(back.schema, hostile);
        // Longer than PostgreSQL keeps (63 bytes) would be cut by the server: refused.
        DatabaseConfig::fromUrl(
            QStringLiteral("postgresql://h/db?schema=") + QString(64, QLatin1Char('s')), &error);
        QVERIFY2(error.contains(QStringLiteral("63 bytes")), qPrintable(error));
        // SQLite takes no parameters, schema= included.
        QVERIFY(!DatabaseConfig::fromUrl(QStringLiteral("sqlite:cache.db?schema=app"), &error)
                     .isPostgres());
        QVERIFY(!error.isEmpty());
    }

    // The dialect names every table quoted and qualified with the schema; without one, quoted
    // alone (the statements of before schemas, unchanged).
    void qualifiesTablesWithTheSchema()
    {
        QString error;
        DatabaseConfig config =
            DatabaseConfig::fromUrl(QStringLiteral("postgresql://h/db"), &error);
        const SqlDialect plain(config);
        QCOMPARE(plain.table(Table::Cache), QStringLiteral("\"connector_state_cache\""));
        QCOMPARE(plain.sql(QStringLiteral("SELECT 1 FROM {meta} WHERE x = {'cache'} AND {nope}")),
                 QStringLiteral("SELECT 1 FROM \"connector_cache_meta\" WHERE x = "
                                "'\"connector_state_cache\"' AND {nope}"));
        QCOMPARE(plain.schemaExpression(), QStringLiteral("current_schema()"));
        config.schema = QStringLiteral("my \"app\" {cache} %1 it's\\");
        const SqlDialect schema(config);
        QCOMPARE(schema.table(Table::AlertEvent),
                 QStringLiteral("\"my \"\"app\"\" {cache} %1 it's\\\"."
                                "\"connector_cache_alert_event\""));
        // Filled in once: a token inside the schema's name stays as it is.
        QCOMPARE(schema.sql(QStringLiteral("DELETE FROM {lease}")),
                 QStringLiteral("DELETE FROM \"my \"\"app\"\" {cache} %1 it's\\\"."
                                "\"connector_cache_lease\""));
        QCOMPARE(
            schema.tableLiteral(Table::Meta),
            QStringLiteral("E'\"my \"\"app\"\" {cache} %1 it''s\\\\\".\"connector_cache_meta\"'"));
        // SQLite has no schemas: the same names as without one.
        DatabaseConfig sqlite = DatabaseConfig::fromUrl(QStringLiteral("sqlite:x.db"), &error);
        sqlite.schema = QStringLiteral("app");
        QCOMPARE(SqlDialect(sqlite).table(Table::Cache),
                 QStringLiteral("\"connector_state_cache\""));
    }

    void databaseNamesWithASlashRoundTrip()
    {
        for (const QString &url : {QStringLiteral("postgresql://ops@db/team%2Fcache"),
                                   QStringLiteral("postgresql://ops@db?dbname=team/cache")}) {
            QString error;
            const DatabaseConfig c = DatabaseConfig::fromUrl(url, &error);
            QVERIFY2(error.isEmpty(), qPrintable(url + QLatin1String(": ") + error));
            QCOMPARE(c.databaseName, QStringLiteral("team/cache"));
            const DatabaseConfig back = DatabaseConfig::fromUrl(c.toUrl(), &error);
            QVERIFY2(error.isEmpty(), qPrintable(c.toUrl() + QLatin1String(": ") + error));
            QCOMPARE(back.databaseName, QStringLiteral("team/cache"));
            QCOMPARE(back.host, QStringLiteral("db"));
        }
        QString error;
        DatabaseConfig::fromUrl(QStringLiteral("postgresql://db/team/cache"), &error);
        QVERIFY(error.contains(QStringLiteral("percent-encode it as %2F")));
    }

    // A ',' in the user name is not a second host (found by the URL fuzzer).
    void aCommaInTheUserNameIsNotAHostList()
    {
        QString error;
        const DatabaseConfig c =
            DatabaseConfig::fromUrl(QStringLiteral("postgresql://a%2Cb@db/cache"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(c.user, QStringLiteral("a,b"));
        const DatabaseConfig back = DatabaseConfig::fromUrl(c.toUrl(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(c.toUrl() + QLatin1String(": ") + error));
        QCOMPARE(back.user, QStringLiteral("a,b"));
        QVERIFY(!back.isMultiHost());
        // After the '@' it is: two hosts.
        const DatabaseConfig two =
            DatabaseConfig::fromUrl(QStringLiteral("postgresql://a%2Cb@x,y/cache"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(two.user, QStringLiteral("a,b"));
        QCOMPARE(two.hosts.size(), 2);
    }

    // libpq's failover URL: every host with its port, target_session_attrs, written back as it
    // came and handed to libpq as lists.
    void takesMultiHostUrls()
    {
        QString error;
        const DatabaseConfig c = DatabaseConfig::fromUrl(
            QStringLiteral(
                "postgresql://app:s3cret@db1.example.com:5432,DB2.example.com,[::1]:6543/"
                "cache?target_session_attrs=read-write&connect_timeout=3"),
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(c.isPostgres());
        QVERIFY(c.isMultiHost());
        QCOMPARE(c.hosts.size(), 3);
        QCOMPARE(c.hosts.at(0).host, QStringLiteral("db1.example.com"));
        QCOMPARE(c.hosts.at(0).port, 5432);
        QCOMPARE(c.hosts.at(1).host, QStringLiteral("db2.example.com")); // case-insensitive
        QCOMPARE(c.hosts.at(1).port, -1);
        QCOMPARE(c.hosts.at(2).host, QStringLiteral("::1"));
        QCOMPARE(c.hosts.at(2).port, 6543);
        QCOMPARE(c.host, QStringLiteral("db1.example.com")); // the first, for one-host readers
        QCOMPARE(c.port, 5432);
        QCOMPARE(c.user, QStringLiteral("app"));
        QCOMPARE(c.password, QStringLiteral("s3cret"));
        QCOMPARE(c.databaseName, QStringLiteral("cache"));
        QCOMPARE(c.options.value(QStringLiteral("target_session_attrs")),
                 QStringLiteral("read-write"));
        QCOMPARE(c.displayString(),
                 QStringLiteral("postgresql://app@db1.example.com:5432,db2.example.com,[::1]:6543/"
                                "cache?connect_timeout=3&target_session_attrs=read-write"));
        QVERIFY(!c.displayString().contains(QStringLiteral("s3cret")));
        const DatabaseConfig back = DatabaseConfig::fromUrl(c.toUrl(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(back.hosts == c.hosts);
        QCOMPARE(back.options, c.options);
        // libpq gets the lists (after QPSQL's own host= and port=, which they override).
        const QString options = c.postgresConnectOptions(2000);
        QVERIFY2(options.contains(QStringLiteral("host=db1.example.com,db2.example.com,::1;")),
                 qPrintable(options));
        QVERIFY2(options.contains(QStringLiteral("port=5432,,6543;")), qPrintable(options));
        QVERIFY(options.contains(QStringLiteral("target_session_attrs=read-write")));
        // No database, no user.
        const DatabaseConfig bare =
            DatabaseConfig::fromUrl(QStringLiteral("postgresql://h1:1,h2:2"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(bare.toUrl(), QStringLiteral("postgresql://h1:1,h2:2"));
        QVERIFY(DatabaseConfig::fromUrl(bare.toUrl(), &error).hosts == bare.hosts);
        // One host: no list.
        QVERIFY(
            !DatabaseConfig::fromUrl(QStringLiteral("postgresql://h1:1/d"), &error).isMultiHost());
        QVERIFY(!DatabaseConfig::fromUrl(QStringLiteral("postgresql://h1:1/d"), &error)
                     .postgresConnectOptions(2000)
                     .contains(QStringLiteral("host=")));
    }

    // libpq's other spelling of the list: postgresql:///db?host=h1,h2&port=5432,5433 is the
    // same connection as postgresql://h1:5432,h2:5433/db, to the last field.
    void takesTheQueryFormOfTheHostList()
    {
        QString error;
        const DatabaseConfig query = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql:///cache?host=DB1.example.com,db2.example.com&port=5432,"
                           "5433&target_session_attrs=read-write"),
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const DatabaseConfig authority = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql://db1.example.com:5432,db2.example.com:5433/cache?"
                           "target_session_attrs=read-write"),
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(query.isMultiHost());
        QVERIFY(query.hosts == authority.hosts);
        QCOMPARE(query.hosts.at(0).host, QStringLiteral("db1.example.com"));
        QCOMPARE(query.hosts.at(1).port, 5433);
        QCOMPARE(query.host, authority.host);
        QCOMPARE(query.port, authority.port);
        QCOMPARE(query.options, authority.options);
        QCOMPARE(query.toUrl(), authority.toUrl());
        QCOMPARE(query.postgresConnectOptions(2000), authority.postgresConnectOptions(2000));

        // One port for every host, as libpq takes it.
        const DatabaseConfig onePort = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql:///cache?host=a,b&port=6432"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(onePort.hosts.size(), 2);
        QCOMPARE(onePort.hosts.at(0).port, 6432);
        QCOMPARE(onePort.hosts.at(1).port, 6432);
        // The authority's list without ports, the port in the query.
        const DatabaseConfig listAndPort =
            DatabaseConfig::fromUrl(QStringLiteral("postgresql://a,b/cache?port=6432"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(listAndPort.hosts == onePort.hosts);
        // No port at all: each the default; an empty entry in a port list is the default too.
        const DatabaseConfig somePorts = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql:///cache?host=a,b,c&port=5432,,5434"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(somePorts.hosts.at(1).port, -1);
        QCOMPARE(somePorts.toUrl(), QStringLiteral("postgresql://a:5432,b,c:5434/cache"));

        // Socket directories may be listed; the list then stays in the query.
        const DatabaseConfig sockets = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql:///cache?host=/run/pg1,/run/pg2&port=5432,5433"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(sockets.hosts.at(1).host, QStringLiteral("/run/pg2"));
        QCOMPARE(sockets.toUrl(),
                 QStringLiteral("postgresql:///cache?host=/run/pg1,/run/pg2&port=5432,5433"));
        const DatabaseConfig socketsBack = DatabaseConfig::fromUrl(sockets.toUrl(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(socketsBack.hosts == sockets.hosts);
    }

    // hostaddr= lists: each host its numeric address (no lookup), or the addresses alone.
    void takesHostaddrLists()
    {
        QString error;
        const DatabaseConfig c = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql://app:pw@/cache?host=a.example,b.example&hostaddr=10.0.0.1,"
                           "::1&port=5432,5433&target_session_attrs=read-write"),
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(c.hosts.size(), 2);
        QCOMPARE(c.hosts.at(0).hostaddr, QStringLiteral("10.0.0.1"));
        QCOMPARE(c.hosts.at(1).hostaddr, QStringLiteral("::1"));
        QCOMPARE(c.hosts.at(1).host, QStringLiteral("b.example"));
        QVERIFY(!c.options.contains(QStringLiteral("hostaddr"))); // in the list, not twice
        const QString options = c.postgresConnectOptions(2000);
        QVERIFY2(options.contains(QStringLiteral("host=a.example,b.example;")),
                 qPrintable(options));
        QVERIFY2(options.contains(QStringLiteral("hostaddr=10.0.0.1,::1;")), qPrintable(options));
        QVERIFY2(options.contains(QStringLiteral("port=5432,5433;")), qPrintable(options));
        QVERIFY(!c.toUrl().contains(QStringLiteral("pw")));
        const DatabaseConfig back = DatabaseConfig::fromUrl(c.toUrl(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(c.toUrl() + QLatin1String(": ") + error));
        QVERIFY(back.hosts == c.hosts);
        QCOMPARE(back.options, c.options);

        // The authority's list with the query's addresses.
        const DatabaseConfig mixed = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql://a.example:5432,b.example:5433/cache?hostaddr=10.0.0.1,"
                           "::1&target_session_attrs=read-write"),
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(mixed.hosts == c.hosts);

        // Addresses alone: empty host entries go to libpq, so that PGHOST does not count.
        const DatabaseConfig bare = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql:///cache?hostaddr=127.0.0.1,127.0.0.2&port=5432,5433"),
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(bare.hosts.size(), 2);
        QVERIFY(bare.host.isEmpty());
        QVERIFY2(bare.postgresConnectOptions(2000).contains(QStringLiteral("host=,;")),
                 qPrintable(bare.postgresConnectOptions(2000)));
        QCOMPARE(bare.toUrl(), QStringLiteral("postgresql:///cache?hostaddr=127.0.0.1,127.0.0.2&"
                                              "port=5432,5433"));
        QVERIFY(DatabaseConfig::fromUrl(bare.toUrl(), &error).hosts == bare.hosts);

        // One address stays libpq's single hostaddr, as before.
        const DatabaseConfig one = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql://db.example/cache?hostaddr=10.0.0.7"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!one.isMultiHost());
        QCOMPARE(one.options.value(QStringLiteral("hostaddr")), QStringLiteral("10.0.0.7"));
    }

    void refusesHostListsThatDoNotPair_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ports") << QStringLiteral("postgresql:///d?host=a,b,c&port=1,2")
                               << QStringLiteral("names 3 hosts but 2 ports");
        QTest::newRow("ports for one host") << QStringLiteral("postgresql://h/d?port=1,2")
                                            << QStringLiteral("names 2 ports for one host");
        QTest::newRow("addresses") << QStringLiteral("postgresql:///d?host=a,b&hostaddr=10.0.0.1")
                                   << QStringLiteral("names 2 hosts but 1 addresses");
        QTest::newRow("address for a list")
            << QStringLiteral("postgresql://a,b,c/d?hostaddr=10.0.0.1,10.0.0.2")
            << QStringLiteral("names 3 hosts but 2 addresses");
        QTest::newRow("name as address")
            << QStringLiteral("postgresql:///d?host=a,b&hostaddr=db.example,10.0.0.2")
            << QStringLiteral("'db.example' in hostaddr= is not a numeric IP address");
        QTest::newRow("empty entry")
            << QStringLiteral("postgresql:///d?host=a,,b") << QStringLiteral("has an empty entry");
        QTest::newRow("bad port in list") << QStringLiteral("postgresql:///d?host=a,b&port=1,x")
                                          << QStringLiteral("port 'x' is not a number");
        QTest::newRow("list ports twice") << QStringLiteral("postgresql://a:1,b/d?port=2")
                                          << QStringLiteral("names the port twice");
        QTest::newRow("bad host in list")
            << QStringLiteral("postgresql:///d?host=a,b%20c") << QStringLiteral("host 'b c'");
    }

    void refusesHostListsThatDoNotPair()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        QString error;
        const DatabaseConfig c = DatabaseConfig::fromUrl(url, &error);
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(c.isSqlite() && c.sqlitePath.isEmpty());
    }

    // The keywords are libpq's own (PQconninfoParse): whatever this libpq knows goes through,
    // including those no hand-kept list had; a near miss is named with what was meant.
    void libpqDecidesItsKeywords()
    {
        QString error;
        const DatabaseConfig c = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql://h/d?ssl_min_protocol_version=TLSv1.3&sslcrldir=/etc/crl&"
                           "fallback_application_name=x&requirepeer=postgres"),
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(c.options.value(QStringLiteral("ssl_min_protocol_version")),
                 QStringLiteral("TLSv1.3"));
        QCOMPARE(c.options.value(QStringLiteral("sslcrldir")), QStringLiteral("/etc/crl"));
        QCOMPARE(DatabaseConfig::fromUrl(c.toUrl(), &error).options, c.options);

        DatabaseConfig::fromUrl(QStringLiteral("postgresql://h/d?connect_timout=3"), &error);
        QCOMPARE(error, QStringLiteral("unknown connection parameter 'connect_timout': neither "
                                       "libpq nor Prisma knows it; did you mean "
                                       "'connect_timeout'? Otherwise remove it from the URL"));
        DatabaseConfig::fromUrl(QStringLiteral("postgresql://h/d?connection_limt=1"), &error);
        QVERIFY2(error.contains(QStringLiteral("did you mean 'connection_limit'")),
                 qPrintable(error));
        DatabaseConfig::fromUrl(QStringLiteral("postgresql://h/d?replication=database"), &error);
        QVERIFY2(error.contains(QStringLiteral("replication connection")), qPrintable(error));
        DatabaseConfig::fromUrl(QStringLiteral("postgresql://h/d?application_name=a%00b"), &error);
        QVERIFY2(error.contains(QStringLiteral("NUL")), qPrintable(error));
    }

    // ?password= is libpq's too: it is the session's password, never an option, never shown.
    void takesThePasswordFromTheQuery()
    {
        QString error;
        const DatabaseConfig c = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql://app@h/d?password=s3cret&sslmode=require"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(c.password, QStringLiteral("s3cret"));
        QVERIFY(!c.options.contains(QStringLiteral("password")));
        QVERIFY(!c.toUrl().contains(QStringLiteral("s3cret")));
        QVERIFY(!c.postgresConnectOptions(2000).contains(QStringLiteral("s3cret")));
        DatabaseConfig::fromUrl(QStringLiteral("postgresql://app:Pw1x@h/d?password=Pw2x"), &error);
        QVERIFY2(error.contains(QStringLiteral("names the password twice")), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("Pw1x")) && !error.contains(QStringLiteral("Pw2x")));
    }

    // Prisma's sslcert is the server's CA certificate (libpq's sslrootcert); beside sslkey= it
    // is libpq's client certificate. sslpassword's value is never repeated in a note.
    void readsSslcertAsPrismaOrLibpqMeantIt()
    {
        QString error;
        const DatabaseConfig prisma = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql://h/d?sslmode=require&sslcert=./ca.pem&sslidentity=id.p12&"
                           "sslpassword=Hush"),
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(prisma.options.value(QStringLiteral("sslrootcert")), QStringLiteral("./ca.pem"));
        QVERIFY(!prisma.options.contains(QStringLiteral("sslcert")));
        QVERIFY(!prisma.options.contains(QStringLiteral("sslpassword")));
        QCOMPARE(prisma.notes.size(), 3);
        QVERIFY(prisma.notes.at(0).startsWith(QStringLiteral("sslcert=./ca.pem taken as "
                                                             "sslrootcert=./ca.pem")));
        QVERIFY(!prisma.notes.join(QLatin1Char('\n')).contains(QStringLiteral("Hush")));
        QCOMPARE(DatabaseConfig::fromUrl(prisma.toUrl(), &error).options, prisma.options);

        const DatabaseConfig libpq = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql://h/d?sslmode=verify-full&sslcert=client.crt&"
                           "sslkey=client.key"),
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(libpq.options.value(QStringLiteral("sslcert")), QStringLiteral("client.crt"));
        QVERIFY(!libpq.options.contains(QStringLiteral("sslrootcert")));
        QVERIFY(libpq.notes.isEmpty());
        QCOMPARE(DatabaseConfig::fromUrl(libpq.toUrl(), &error).options, libpq.options);
    }

    // A literal '%' in a parameter, socket directory or database name survives toUrl(): it was
    // written back bare, so "%2541" came back as "A" (found by the URL fuzzer).
    void aPercentSignInTheQueryRoundTrips()
    {
        QString error;
        const DatabaseConfig c = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql://ops@db?sslrootcert=/etc/ca%2541.pem&dbname=a/%2501"
                           "&application_name=100%25"),
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(c.options.value(QStringLiteral("sslrootcert")), QStringLiteral("/etc/ca%41.pem"));
        QCOMPARE(c.options.value(QStringLiteral("application_name")), QStringLiteral("100%"));
        QCOMPARE(c.databaseName, QStringLiteral("a/%01"));
        const DatabaseConfig back = DatabaseConfig::fromUrl(c.toUrl(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(c.toUrl() + QLatin1String(": ") + error));
        QCOMPARE(back.options, c.options);
        QCOMPARE(back.databaseName, c.databaseName);
        const DatabaseConfig socket = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql:///cache?host=/run/pg%2525"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(socket.host, QStringLiteral("/run/pg%25"));
        QCOMPARE(DatabaseConfig::fromUrl(socket.toUrl(), &error).host, socket.host);
    }

    // A noncharacter typed as it is was accepted, written back percent-encoded and then read
    // as something else (found by the URL fuzzer): refused, with where it is.
    void refusesNoncharacters()
    {
        QString error;
        DatabaseConfig::fromUrl(QStringLiteral("postgresql://a") + QChar(0xFFFF) +
                                    QStringLiteral("b@db/cache"),
                                &error);
        QCOMPARE(error, QStringLiteral("the database URL contains the Unicode noncharacter "
                                       "U+ffff (character 15); remove it"));
        DatabaseConfig::fromUrl(QStringLiteral("postgresql://db/cache?application_name=") +
                                    QString::fromUcs4(U"x\U0001FFFE"),
                                &error);
        QVERIFY2(error.contains(QStringLiteral("U+1fffe")), qPrintable(error));
        // Ordinary non-ASCII text is fine, typed or percent-encoded.
        const DatabaseConfig c =
            DatabaseConfig::fromUrl(QStringLiteral("postgresql://caf%C3%A9@db/k\u00e4se"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(c.user, QStringLiteral("caf\u00e9"));
        QCOMPARE(DatabaseConfig::fromUrl(c.toUrl(), &error).databaseName, c.databaseName);
    }

    void leavesTheRestToLibpq()
    {
        QString error;
        DatabaseConfig c = DatabaseConfig::fromUrl(QStringLiteral("postgresql://"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(c.isPostgres());
        QVERIFY(c.host.isEmpty());
        QCOMPARE(c.port, -1);
        c = DatabaseConfig::fromUrl(
            QStringLiteral("postgres:///cache?host=/var/run/postgresql&port=5433"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(c.host, QStringLiteral("/var/run/postgresql"));
        QCOMPARE(c.port, 5433);
        QCOMPARE(c.databaseName, QStringLiteral("cache"));
    }

    // ?user= and ?dbname= (and ?host=, ?port=) beside the same part in the authority or the
    // path were silently ignored, so the URL meant one database to us and another to libpq or a
    // reader: refused in words, as is any parameter given twice.
    void refusesAPartNamedTwice_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::newRow("user") << QStringLiteral("postgresql://alice@db/cache?user=bob")
                              << QStringLiteral("names the user twice");
        QTest::newRow("user with password")
            << QStringLiteral("postgresql://alice:pw@db/cache?user=alice")
            << QStringLiteral("names the user twice");
        QTest::newRow("dbname") << QStringLiteral("postgresql://db/cache?dbname=other")
                                << QStringLiteral("names the database twice");
        QTest::newRow("dbname, socket") << QStringLiteral("postgresql:///cache?dbname=x&host=/run")
                                        << QStringLiteral("names the database twice");
        QTest::newRow("host") << QStringLiteral("postgresql://db/cache?host=/var/run/postgresql")
                              << QStringLiteral("names the host twice");
        QTest::newRow("port") << QStringLiteral("postgresql://db:5433/cache?port=5432")
                              << QStringLiteral("names the port twice");
        QTest::newRow("twice in the query")
            << QStringLiteral("postgresql://db/cache?sslmode=require&sslmode=disable")
            << QStringLiteral("'sslmode' is given twice");
        QTest::newRow("user twice in the query")
            << QStringLiteral("postgresql://db/cache?user=a&user=b")
            << QStringLiteral("'user' is given twice");
    }

    void refusesAPartNamedTwice()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        QString error;
        const DatabaseConfig c = DatabaseConfig::fromUrl(url, &error);
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("pw")));
        QVERIFY(c.isSqlite() && c.sqlitePath.isEmpty());
    }

    // The query still fills what the authority and the path left out.
    void theQueryFillsWhatIsLeftOut()
    {
        QString error;
        const DatabaseConfig c = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql://?user=ops&dbname=cache&host=db&port=5433"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(c.user, QStringLiteral("ops"));
        QCOMPARE(c.databaseName, QStringLiteral("cache"));
        QCOMPARE(c.host, QStringLiteral("db"));
        QCOMPARE(c.port, 5433);
        const DatabaseConfig back = DatabaseConfig::fromUrl(c.toUrl(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(back.user, c.user);
        QCOMPARE(back.databaseName, c.databaseName);
        QCOMPARE(back.host, c.host);
        QCOMPARE(back.port, c.port);
    }

    void parsesSqliteUrls()
    {
        QString error;
        DatabaseConfig c =
            DatabaseConfig::fromUrl(QStringLiteral("sqlite:///tmp/x/cache.db"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(c.isSqlite());
        QCOMPARE(c.sqlitePath, QStringLiteral("/tmp/x/cache.db"));
        c = DatabaseConfig::fromUrl(QStringLiteral("sqlite:rel/cache.db"), &error);
        QCOMPARE(c.sqlitePath, QStringLiteral("rel/cache.db"));
        c = DatabaseConfig::fromUrl(QStringLiteral("sqlite::memory:"), &error);
        QCOMPARE(c.sqlitePath, QStringLiteral(":memory:"));
        QCOMPARE(c.toUrl(), QStringLiteral("sqlite::memory:"));
    }

    void refusesBadUrlsInWords_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("scheme") << QStringLiteral("mysql://x/y") << QStringLiteral("unsupported");
        QTest::newRow("no scheme")
            << QStringLiteral("just words") << QStringLiteral("not a database URL");
        QTest::newRow("sslmode") << QStringLiteral("postgresql://h/d?sslmode=maybe")
                                 << QStringLiteral("sslmode 'maybe'");
        QTest::newRow("unknown param") << QStringLiteral("postgresql://h/d?colour=blue")
                                       << QStringLiteral("unknown connection parameter 'colour'");
        QTest::newRow("timeout") << QStringLiteral("postgresql://h/d?connect_timeout=soon")
                                 << QStringLiteral("connect_timeout");
        QTest::newRow("empty host in a list")
            << QStringLiteral("postgresql://a,,b/d") << QStringLiteral("has an empty entry");
        QTest::newRow("bad port in a list") << QStringLiteral("postgresql://a:5432,b:x/d")
                                            << QStringLiteral("'b:x' in the host list");
        QTest::newRow("port 0 in a list")
            << QStringLiteral("postgresql://a:0,b/d") << QStringLiteral("'a:0' in the host list");
        QTest::newRow("list and query host") << QStringLiteral("postgresql://a,b/d?host=c")
                                             << QStringLiteral("names the host twice");
        QTest::newRow("fragment") << QStringLiteral("postgresql://h/d#x")
                                  << QStringLiteral("fragment");
        QTest::newRow("bad port") << QStringLiteral("postgresql://h:99999/d")
                                  << QStringLiteral("malformed");
        QTest::newRow("sqlite relative //")
            << QStringLiteral("sqlite://rel.db") << QStringLiteral("absolute path");
        QTest::newRow("sqlite params")
            << QStringLiteral("sqlite:a.db?mode=ro") << QStringLiteral("no parameters");
        QTest::newRow("nul") << (QStringLiteral("postgresql://h/d") + QChar(0))
                             << QStringLiteral("NUL");
        // Found by the fuzzer (tests/fuzz/regressions/database_url/query-host-not-a-host): a
        // query host that is neither a host name nor a socket directory did not round-trip.
        QTest::newRow("query host")
            << QStringLiteral("postgres:///cache?host='var/run/postgresql&port=5433")
            << QStringLiteral("neither a host name nor a socket directory");
        QTest::newRow("port zero")
            << QStringLiteral("postgresQl://o:0") << QStringLiteral("port 0 is not a port");
        QTest::newRow("single slash")
            << QStringLiteral("postgresql:/h/d") << QStringLiteral("starts with postgresql://");
    }

    void refusesBadUrlsInWords()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        QString error;
        const DatabaseConfig c = DatabaseConfig::fromUrl(url, &error);
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(c.isSqlite() && c.sqlitePath.isEmpty()); // nothing usable comes back
    }

    void environmentFallback()
    {
        qputenv("CONNECTOR_CACHE_DATABASE", "sqlite:///tmp/from-env.db");
        QString error;
        DatabaseConfig c = DatabaseConfig::fromArgumentOrEnvironment(QString(), &error);
        QCOMPARE(c.sqlitePath, QStringLiteral("/tmp/from-env.db"));
        c = DatabaseConfig::fromArgumentOrEnvironment(QStringLiteral("sqlite:///tmp/arg.db"),
                                                      &error);
        QCOMPARE(c.sqlitePath, QStringLiteral("/tmp/arg.db"));
        qputenv("CONNECTOR_CACHE_DATABASE", "bogus");
        DatabaseConfig::fromArgumentOrEnvironment(QString(), &error);
        QVERIFY(error.startsWith(QStringLiteral("CONNECTOR_CACHE_DATABASE: ")));
        qunsetenv("CONNECTOR_CACHE_DATABASE");
        c = DatabaseConfig::fromArgumentOrEnvironment(QString(), &error);
        QVERIFY(error.isEmpty());
        QVERIFY(c.sqlitePath.endsWith(QStringLiteral("connector-cache/cache.db")));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseConfig)
#include "tst_databaseconfig.moc"
