// --env-file: the database URL from a Prisma application's .env, as dotenv and docker compose
// write it, used by the real CLI against SQLite and a real PostgreSQL (with the password from
// the file), which never prints the password.

#include "core/store/cachestore.h"
#include "core/store/dotenv.h"
#include "tests/support/clirun.h"
#include "tests/support/testdatabase.h"

#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace cc;

class TestEnvFile : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    QTemporaryDir m_dir;

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return QString();
        file.write(content);
        return path;
    }

    // The test database's URL with the user and password written out, as an app's .env has it.
    QString urlWithPassword(const QString &password) const
    {
        if (!m_db->isPostgres())
            return m_db->url();
        const DatabaseConfig &c = m_db->config();
        const bool pooled = c.pooled;
        return QStringLiteral("postgresql://%1:%2@%3:%4/%5?schema=public&connection_limit=1%6")
            .arg(qEnvironmentVariable("PGUSER", QStringLiteral("postgres")), password,
                 pooled ? c.host : qEnvironmentVariable("PGHOST", QStringLiteral("localhost")))
            .arg(pooled ? c.port : qEnvironmentVariableIntValue("PGPORT"))
            .arg(c.databaseName, pooled ? QStringLiteral("&pgbouncer=true") : QString());
    }

private Q_SLOTS:
    void parsesDotenvAsPrismaAndComposeWriteIt()
    {
        const QMap<QString, QString> v =
            parseDotEnv("# the app's settings\n"
                        "\n"
                        "DATABASE_URL=\"postgresql://app:p%40ss@db:5432/app?schema=public\"\n"
                        "export SHADOW_URL='postgresql://x@y/z'   # a comment after the quote\n"
                        "PLAIN = value with spaces   # comment\n"
                        "HASH=a#b\n"
                        "ESCAPED=\"line\\nnext \\\"quoted\\\"\"\n"
                        "LITERAL='${NOT_EXPANDED}'\n"
                        "REF=${OTHER}\n"
                        "BACKTICK=`raw \\n`\n"
                        "EMPTY=\n"
                        "not an assignment\n"
                        "DATABASE_URL=\"postgresql://later@wins/db\"\r\n"
                        "WINDOWS=crlf\r\n");
        QCOMPARE(v.value(QStringLiteral("DATABASE_URL")),
                 QStringLiteral("postgresql://later@wins/db"));
        QCOMPARE(v.value(QStringLiteral("SHADOW_URL")), QStringLiteral("postgresql://x@y/z"));
        QCOMPARE(v.value(QStringLiteral("PLAIN")), QStringLiteral("value with spaces"));
        QCOMPARE(v.value(QStringLiteral("HASH")), QStringLiteral("a#b"));
        QCOMPARE(v.value(QStringLiteral("ESCAPED")), QStringLiteral("line\nnext \"quoted\""));
        QCOMPARE(v.value(QStringLiteral("LITERAL")), QStringLiteral("${NOT_EXPANDED}"));
        QCOMPARE(v.value(QStringLiteral("REF")), QStringLiteral("${OTHER}"));
        QCOMPARE(v.value(QStringLiteral("BACKTICK")), QStringLiteral("raw \\n"));
        QVERIFY(v.contains(QStringLiteral("EMPTY")));
        QCOMPARE(v.value(QStringLiteral("WINDOWS")), QStringLiteral("crlf"));
        QVERIFY(!v.contains(QStringLiteral("not")));
    }

    void readsOneValueOrSaysWhyNot()
    {
        QString error;
        QVERIFY(readDotEnvValue(m_dir.filePath(QStringLiteral("missing.env")),
                                QStringLiteral("DATABASE_URL"), &error)
                    .isNull());
        QVERIFY2(error.contains(QStringLiteral("cannot read")), qPrintable(error));
        const QString none = writeFile(QStringLiteral("none.env"), "OTHER=1\n");
        QVERIFY(readDotEnvValue(none, QStringLiteral("DATABASE_URL"), &error).isNull());
        QVERIFY2(error.contains(QStringLiteral("has no DATABASE_URL=")), qPrintable(error));
        const QString ref =
            writeFile(QStringLiteral("ref.env"), "DATABASE_URL=postgresql://u:${SECRET}@h/d\n");
        QVERIFY(readDotEnvValue(ref, QStringLiteral("DATABASE_URL"), &error).isNull());
        QVERIFY2(error.contains(QStringLiteral("not expanded")), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("SECRET"))); // the value is never quoted
        QVERIFY(readDotEnvValue(m_dir.path(), QStringLiteral("DATABASE_URL"), &error).isNull());
        QVERIFY2(error.contains(QStringLiteral("directory")), qPrintable(error));
    }

    void initTestCase()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        CacheStore store(m_db->config());
        QVERIFY(store.migrate().ok());
        TimeSyncState state;
        state.timeOffsetMs = -77;
        QCOMPARE(store.set(QStringLiteral("u1"), QStringLiteral("c1"), QStringLiteral("BYBIT"),
                           QStringLiteral("TESTNET"), state),
                 StoreError());
    }

    // The CLI connects with the file's URL, its password included (PGPASSWORD is taken away
    // from the process so that only the file can provide it), and never prints the password.
    void theCliUsesTheFileAndNeverPrintsThePassword()
    {
        const QString password = qEnvironmentVariable("PGPASSWORD");
        if (m_db->isPostgres())
            QVERIFY2(!password.isEmpty(), "the PostgreSQL suites run with a password (PGPASSWORD)");
        const QString path = writeFile(
            QStringLiteral(".env"),
            QStringLiteral("# written by prisma init\nexport DATABASE_URL=\"%1\"\nOTHER=x\n")
                .arg(urlWithPassword(password))
                .toUtf8());
        QVERIFY(!path.isEmpty());
        const QByteArray savedPassword = qgetenv("PGPASSWORD");
        qunsetenv("PGPASSWORD");
        const auto restore = qScopeGuard([&]() { qputenv("PGPASSWORD", savedPassword); });
        for (const QStringList &args :
             {QStringList{QStringLiteral("status")},
              QStringList{QStringLiteral("get"), QStringLiteral("u1"), QStringLiteral("c1"),
                          QStringLiteral("--json")},
              QStringList{QStringLiteral("status"), QStringLiteral("--json")}}) {
            const test::CliRun r =
                test::runCli(args + QStringList{QStringLiteral("--env-file"), path});
            QVERIFY2(r.code == 0,
                     qPrintable(args.join(QLatin1Char(' ')) + QLatin1String(": ") + r.err));
            if (m_db->isPostgres()) {
                QVERIFY2(!r.out.contains(password) && !r.err.contains(password),
                         qPrintable(r.out + r.err));
                // Prisma's own parameter is named and ignored.
                QVERIFY2(r.err.contains(QStringLiteral("connection_limit=1 ignored")),
                         qPrintable(r.err));
            }
        }
        const test::CliRun get =
            test::runCli({QStringLiteral("get"), QStringLiteral("u1"), QStringLiteral("c1"),
                          QStringLiteral("--env-file"), path});
        QVERIFY(get.out.contains(QStringLiteral("-77 ms")));
        if (m_db->isPostgres()) {
            // A wrong password in the file: refused login, and still not printed.
            const QString wrong =
                writeFile(QStringLiteral("wrong.env"),
                          QStringLiteral("DATABASE_URL='%1'\n")
                              .arg(urlWithPassword(QStringLiteral("Xyzzy42wrong")))
                              .toUtf8());
            const test::CliRun refused =
                test::runCli({QStringLiteral("status"), QStringLiteral("--env-file"), wrong});
            QCOMPARE(refused.code, 4);
            QVERIFY2(!refused.out.contains(QStringLiteral("Xyzzy42wrong")) &&
                         !refused.err.contains(QStringLiteral("Xyzzy42wrong")),
                     qPrintable(refused.err));
        }
    }

    void theCliSaysWhatIsWrongWithTheFile()
    {
        test::CliRun r = test::runCli({QStringLiteral("status"), QStringLiteral("--env-file"),
                                       m_dir.filePath(QStringLiteral("nope.env"))});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("cannot read")), qPrintable(r.err));
        const QString bad =
            writeFile(QStringLiteral("bad.env"),
                      "DATABASE_URL=\"postgresql://app:Sup3rSecret@db/app?colour=blue\"\n");
        r = test::runCli({QStringLiteral("status"), QStringLiteral("--env-file"), bad});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("DATABASE_URL in")) &&
                     r.err.contains(QStringLiteral("colour")),
                 qPrintable(r.err));
        QVERIFY(!r.err.contains(QStringLiteral("Sup3rSecret")));
        r = test::runCli({QStringLiteral("status"), QStringLiteral("--env-file"), bad,
                          QStringLiteral("--database"), m_db->url()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("not both")), qPrintable(r.err));
    }

    void cleanupTestCase() { m_db.reset(); }
};

QTEST_GUILESS_MAIN(TestEnvFile)
#include "tst_envfile.moc"
