// Issue 14, "The application's own URL": a Prisma DATABASE_URL with ?schema=NAME, read from the
// application's .env by the real CLI. The seed's table is created by hand in that schema, with
// the columns and indexes Prisma's migration gives it; migrate adopts it there, every command
// finds it there, status names the schema, and nothing is created in public. The schema's name
// holds a double quote and spaces. A real PostgreSQL; never a mock.

#include "core/store/cachestore.h"
#include "core/store/sqldialect.h"
#include "tests/support/clirun.h"
#include "tests/support/testdatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace cc;

namespace {

const QString kSchema = QStringLiteral("tenant \"one\" app");

QJsonObject jsonOf(const test::CliRun &r)
{
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

} // namespace

class TestPrismaSchema : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    QTemporaryDir m_dir;

    static QString quoted(const QString &schema) { return SqlDialect::quoteIdentifier(schema); }

    // A .env as `prisma init` writes it, the URL naming the user, password, host and port, the
    // schema percent-encoded as Prisma's docs ask.
    QString writeEnv(const QString &name, const QString &schema, const QString &user = QString(),
                     const QString &password = QString())
    {
        const QString url =
            QStringLiteral("postgresql://%1:%2@%3:%4/%5?schema=%6&connection_limit=1")
                .arg(user.isEmpty() ? qEnvironmentVariable("PGUSER", QStringLiteral("postgres"))
                                    : user,
                     password.isEmpty() ? qEnvironmentVariable("PGPASSWORD") : password,
                     qEnvironmentVariable("PGHOST", QStringLiteral("localhost")))
                .arg(qEnvironmentVariableIntValue("PGPORT"))
                .arg(m_db->config().databaseName,
                     QString::fromUtf8(QUrl::toPercentEncoding(schema)));
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return QString();
        file.write(QStringLiteral("# Environment variables declared in this file are "
                                  "automatically made available to Prisma.\n"
                                  "DATABASE_URL=\"%1\"\n")
                       .arg(url)
                       .toUtf8());
        return path;
    }

    test::CliRun cli(QStringList args, const QString &envFile)
    {
        args << QStringLiteral("--env-file") << envFile;
        return test::runCli(args);
    }

    qint64 count(const QString &sql) const { return m_db->scalar(sql).toLongLong(); }

    // Tables of ours or the seed's in a schema.
    qint64 cacheTablesIn(const QString &schema) const
    {
        return count(QStringLiteral("SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON "
                                    "n.oid = c.relnamespace WHERE n.nspname = %1 AND c.relkind = "
                                    "'r' AND (c.relname = 'connector_state_cache' OR c.relname "
                                    "LIKE 'connector\\_cache\\_%')")
                         .arg(SqlDialect::stringLiteral(schema)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        QVERIFY2(m_db->isPostgres(),
                 "schemas exist on PostgreSQL: run as tst_prismaschema_postgres");
        QVERIFY(m_dir.isValid());
    }

    void adoptsTheSeedsTableInTheApplicationsSchema()
    {
        const QString s = quoted(kSchema);
        // What Prisma's migration creates for the seed's model with schema=NAME in the URL.
        QCOMPARE(m_db->exec(QStringLiteral(
                                "CREATE SCHEMA %1;\n"
                                "CREATE TABLE %1.\"connector_state_cache\" (\"id\" TEXT NOT NULL, "
                                "\"cacheKey\" TEXT NOT NULL, \"userId\" TEXT NOT NULL, "
                                "\"credentialId\" TEXT NOT NULL, \"exchange\" TEXT NOT NULL, "
                                "\"environment\" TEXT NOT NULL, \"timeOffset\" INTEGER NOT NULL "
                                "DEFAULT 0, \"lastSyncTime\" TIMESTAMP(3) NOT NULL, \"isValid\" "
                                "BOOLEAN NOT NULL DEFAULT true, \"expiresAt\" TIMESTAMP(3) NOT "
                                "NULL, \"hitCount\" INTEGER NOT NULL DEFAULT 0, \"metadata\" "
                                "JSONB, \"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT "
                                "CURRENT_TIMESTAMP, \"updatedAt\" TIMESTAMP(3) NOT NULL, "
                                "CONSTRAINT \"connector_state_cache_pkey\" PRIMARY KEY (\"id\"));\n"
                                "CREATE UNIQUE INDEX \"connector_state_cache_cacheKey_key\" ON "
                                "%1.\"connector_state_cache\"(\"cacheKey\");\n"
                                "CREATE INDEX \"connector_state_cache_userId_idx\" ON "
                                "%1.\"connector_state_cache\"(\"userId\");\n"
                                "CREATE INDEX \"connector_state_cache_expiresAt_idx\" ON "
                                "%1.\"connector_state_cache\"(\"expiresAt\");\n"
                                "INSERT INTO %1.\"connector_state_cache\" VALUES ('seedrow1', "
                                "'u1_c1', 'u1', 'c1', 'BYBIT', 'MAINNET', -55, now(), true, "
                                "now() + interval '1 hour', 0, NULL, now(), now())")
                                .arg(s)),
                 QString());
        const QString env = writeEnv(QStringLiteral("app.env"), kSchema);
        QVERIFY(!env.isEmpty());

        // Before migrate: the seed's table is found in its schema, ours are not there yet.
        test::CliRun r = cli({QStringLiteral("status")}, env);
        QCOMPARE(r.code, 5);
        QVERIFY2(r.out.contains(QStringLiteral("run connector-cache migrate")), qPrintable(r.out));

        r = cli({QStringLiteral("migrate")}, env);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("adopted the existing ") + s +
                                QStringLiteral(".\"connector_state_cache\" in place")),
                 qPrintable(r.out));
        QVERIFY2(!r.out.contains(QStringLiteral("created schema")), qPrintable(r.out));
        QCOMPARE(cacheTablesIn(kSchema), 10);
        QCOMPARE(cacheTablesIn(QStringLiteral("public")), 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM %1.\"connector_state_cache\"").arg(s)),
                 1);

        // The seed's row is a hit; a set lands in the schema's table.
        r = cli({QStringLiteral("get"), QStringLiteral("u1"), QStringLiteral("c1"),
                 QStringLiteral("--json")},
                env);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(jsonOf(r).value(QStringLiteral("timeOffset")).toInt(), -55);
        r = cli({QStringLiteral("set"), QStringLiteral("u2"), QStringLiteral("c2"),
                 QStringLiteral("--exchange"), QStringLiteral("BINGX"),
                 QStringLiteral("--environment"), QStringLiteral("TESTNET"),
                 QStringLiteral("--offset"), QStringLiteral("9")},
                env);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(count(QStringLiteral("SELECT \"timeOffset\" FROM %1.\"connector_state_cache\" "
                                      "WHERE \"userId\" = 'u2'")
                           .arg(s)),
                 9);
        r = cli({QStringLiteral("list"), QStringLiteral("--json")}, env);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(jsonOf(r).value(QStringLiteral("entries")).toArray().size(), 2);
        // Hits and history went to the schema's tables too.
        QVERIFY(count(QStringLiteral("SELECT COALESCE(SUM(\"hits\"), 0) FROM "
                                     "%1.\"connector_cache_history\"")
                          .arg(s)) >= 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM %1.\"connector_cache_audit\" WHERE "
                                      "\"action\" = 'migrate'")
                           .arg(s)),
                 1);

        // status names the schema, in words and in JSON, and finds everything in place.
        r = cli({QStringLiteral("status")}, env);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("tables:    in schema ") + s +
                                QStringLiteral(" (the URL's schema=)")),
                 qPrintable(r.out));
        r = cli({QStringLiteral("status"), QStringLiteral("--json")}, env);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(jsonOf(r).value(QStringLiteral("tableSchema")).toString(), kSchema);
        QCOMPARE(jsonOf(r).value(QStringLiteral("tableSchemaFrom")).toString(),
                 QStringLiteral("url"));
        QVERIFY(jsonOf(r).value(QStringLiteral("schemaCurrent")).toBool());
        QCOMPARE(jsonOf(r).value(QStringLiteral("schemaProblems")).toArray().size(), 0);

        // Again: nothing to do; still nothing in public, and the same URL without schema= (the
        // search path's public) finds no cache at all.
        r = cli({QStringLiteral("migrate")}, env);
        QVERIFY2(r.code == 0 && r.out.contains(QStringLiteral("nothing to do")),
                 qPrintable(r.out + r.err));
        QCOMPARE(cacheTablesIn(QStringLiteral("public")), 0);
        r = test::runCli({QStringLiteral("get"), QStringLiteral("u1"), QStringLiteral("c1"),
                          QStringLiteral("--database"),
                          QStringLiteral("postgresql:///") + m_db->config().databaseName});
        QCOMPARE(r.code, 5);

        // A table of ours dropped by hand is named in the schema, and put back there.
        QCOMPARE(m_db->exec(QStringLiteral("DROP TABLE %1.\"connector_cache_lease\"").arg(s)),
                 QString());
        r = cli({QStringLiteral("status")}, env);
        QCOMPARE(r.code, 5);
        QVERIFY2(r.out.contains(s + QStringLiteral(".\"connector_cache_lease\" is missing")),
                 qPrintable(r.out));
        r = cli({QStringLiteral("migrate")}, env);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(cacheTablesIn(kSchema), 10);
        QCOMPARE(cacheTablesIn(QStringLiteral("public")), 0);
    }

    // migrate creates a schema that is not there yet, when the role may; a role that may not
    // is told so in words (exit 7), and nothing is left half-made.
    void migrateCreatesTheSchemaWhenTheRoleMay()
    {
        const QString fresh = QStringLiteral("fresh \"app\" schema");
        const QString role = QStringLiteral("cc_plain_%1").arg(QDateTime::currentMSecsSinceEpoch());
        QCOMPARE(m_db->exec(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD 'pw'").arg(role)),
                 QString());
        const QString denied =
            writeEnv(QStringLiteral("plain.env"), fresh, role, QStringLiteral("pw"));
        test::CliRun r = cli({QStringLiteral("migrate")}, denied);
        QCOMPARE(r.code, 7);
        QVERIFY2(r.err.contains(QStringLiteral("may not create schemas")), qPrintable(r.err));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pg_namespace WHERE nspname = %1")
                           .arg(SqlDialect::stringLiteral(fresh))),
                 0);

        const QString env = writeEnv(QStringLiteral("owner.env"), fresh);
        r = cli({QStringLiteral("migrate")}, env);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("created schema ") + quoted(fresh)),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("created table ") + quoted(fresh) +
                                QStringLiteral(".\"connector_state_cache\"")),
                 qPrintable(r.out));
        QCOMPARE(cacheTablesIn(fresh), 10);
        QCOMPARE(cacheTablesIn(QStringLiteral("public")), 0);
        r = cli({QStringLiteral("set"), QStringLiteral("u"), QStringLiteral("c"),
                 QStringLiteral("--exchange"), QStringLiteral("BYBIT"),
                 QStringLiteral("--environment"), QStringLiteral("MAINNET"),
                 QStringLiteral("--offset"), QStringLiteral("3")},
                env);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        r = cli({QStringLiteral("get"), QStringLiteral("u"), QStringLiteral("c"),
                 QStringLiteral("--json")},
                env);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(jsonOf(r).value(QStringLiteral("timeOffset")).toInt(), 3);

        // Without USAGE on the schema the role is told what to GRANT, not "no cache here".
        r = cli({QStringLiteral("status")},
                writeEnv(QStringLiteral("nousage.env"), fresh, role, QStringLiteral("pw")));
        QCOMPARE(r.code, 7);
        QVERIFY2(r.err.contains(QStringLiteral("USAGE on the schema")), qPrintable(r.err));
        m_db->exec(QStringLiteral("DROP OWNED BY %1;\nDROP ROLE %1").arg(role));
    }

    void cleanupTestCase() { m_db.reset(); }
};

QTEST_GUILESS_MAIN(TestPrismaSchema)
#include "tst_prismaschema.moc"
