#include "tests/support/testdatabase.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace cc::test {

namespace {

QSqlDatabase openRaw(const DatabaseConfig &config, const QString &name, const QString &dbName)
{
    if (config.isSqlite()) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(config.sqlitePath);
        db.open();
        return db;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    if (!dbName.isEmpty())
        db.setDatabaseName(dbName);
    db.setConnectOptions(config.postgresConnectOptions(5000));
    db.open();
    if (db.isOpen() && !config.schema.isEmpty() && !dbName.isEmpty()) {
        // CC_TEST_SCHEMA: the store qualifies every table with the schema; fixtures write
        // plain names and find the same tables through their own session's search path (the
        // store's session keeps the default one, so a statement it left unqualified fails).
        const QString schema =
            QLatin1Char('"') +
            QString(config.schema).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
            QLatin1Char('"');
        QSqlQuery q(db);
        q.exec(QStringLiteral("CREATE SCHEMA IF NOT EXISTS ") + schema);
        q.exec(QStringLiteral("SET search_path TO ") + schema);
    }
    return db;
}

QString clusterArgs()
{
    // pg_virtualenv names its cluster "regress".
    const QString env = qEnvironmentVariable("CC_TEST_PG_CLUSTER", QStringLiteral("15 regress"));
    return env;
}

bool pgCtl(const QStringList &extra)
{
    QStringList args = clusterArgs().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    args += extra;
    QProcess p;
    p.start(QStringLiteral("pg_ctlcluster"), args);
    if (!p.waitForFinished(60000))
        return false;
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

bool TestDatabase::postgresRequested()
{
    const QString backend = qEnvironmentVariable("CC_TEST_BACKEND");
    return backend.compare(QStringLiteral("postgres"), Qt::CaseInsensitive) == 0 ||
           backend.compare(QStringLiteral("pgbouncer"), Qt::CaseInsensitive) == 0;
}

bool TestDatabase::pooledRequested()
{
    return qEnvironmentVariable("CC_TEST_BACKEND")
               .compare(QStringLiteral("pgbouncer"), Qt::CaseInsensitive) == 0;
}

TestDatabase::TestDatabase(const QString &tag)
{
    const QString suffix = QUuid::createUuid().toString(QUuid::Id128).left(12);
    if (!postgresRequested()) {
        m_dir = std::make_unique<QTemporaryDir>();
        m_config.backend = DatabaseConfig::Backend::SQLite;
        m_config.sqlitePath =
            m_dir->filePath(QStringLiteral("cache-%1.db").arg(tag.isEmpty() ? suffix : tag));
        return;
    }
    if (qEnvironmentVariableIsEmpty("PGHOST") && qEnvironmentVariableIsEmpty("PGPORT")) {
        m_errorMessage =
            QStringLiteral("CC_TEST_BACKEND=postgres but no server is given: run the suite through "
                           "scripts/with-postgres.sh (ctest does) or set PGHOST/PGPORT");
        return;
    }
    m_config.backend = DatabaseConfig::Backend::PostgreSQL;
    m_config.databaseName = QStringLiteral("cc_test_%1").arg(suffix.toLower());
    m_config.schema = qEnvironmentVariable("CC_TEST_SCHEMA"); // the tables in this schema
    if (pooledRequested()) {
        // The store goes through scripts/with-pgbouncer.sh's pooler; fixtures (CREATE
        // DATABASE, exec(), scalar()) still reach the server itself.
        if (qEnvironmentVariableIsEmpty("CC_TEST_PGBOUNCER_PORT")) {
            m_errorMessage = QStringLiteral("CC_TEST_BACKEND=pgbouncer but no pooler is given: "
                                            "run the suite through scripts/with-pgbouncer.sh");
            return;
        }
        m_config.host = qEnvironmentVariable("CC_TEST_PGBOUNCER_HOST", QStringLiteral("127.0.0.1"));
        m_config.port = qEnvironmentVariableIntValue("CC_TEST_PGBOUNCER_PORT");
        m_config.pooled = true;
    }
    m_adminConnection = QStringLiteral("cc-test-admin-%1").arg(suffix);
    {
        QSqlDatabase admin = openRaw(directConfig(), m_adminConnection, QString());
        if (!admin.isOpen()) {
            m_errorMessage =
                QStringLiteral("cannot reach the test server: %1").arg(admin.lastError().text());
            return;
        }
        QSqlQuery q(admin);
        if (!q.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(m_config.databaseName)))
            m_errorMessage = q.lastError().text();
    }
}

TestDatabase::~TestDatabase()
{
    if (!m_adminConnection.isEmpty()) {
        {
            QSqlDatabase admin = QSqlDatabase::database(m_adminConnection, false);
            if (!admin.isOpen())
                admin.open();
            QSqlQuery q(admin);
            q.exec(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)")
                       .arg(m_config.databaseName));
            admin.close();
        }
        QSqlDatabase::removeDatabase(m_adminConnection);
    }
}

QString TestDatabase::timestampLiteral(qint64 ms) const
{
    return isPostgres() ? QStringLiteral("TIMESTAMP '1970-01-01' + CAST(%1 AS BIGINT) * "
                                         "INTERVAL '1 millisecond'")
                              .arg(ms)
                        : QString::number(ms);
}

QString TestDatabase::insertGenerated(int count, const QString &values) const
{
    const QString columns =
        QStringLiteral("INSERT INTO connector_state_cache (\"id\", \"cacheKey\", \"userId\", "
                       "\"credentialId\", \"exchange\", \"environment\", \"timeOffset\", "
                       "\"lastSyncTime\", \"isValid\", \"expiresAt\", \"hitCount\", \"metadata\", "
                       "\"createdAt\", \"updatedAt\") ");
    return exec(
        isPostgres()
            ? columns +
                  QStringLiteral("SELECT %1 FROM generate_series(1, %2) g").arg(values).arg(count)
            : QStringLiteral("WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 "
                             "FROM s WHERE g < %1) ")
                      .arg(count) +
                  columns + QStringLiteral("SELECT %1 FROM s").arg(values));
}

QString TestDatabase::url() const
{
    if (m_config.isSqlite())
        return QStringLiteral("sqlite://") + m_config.sqlitePath;
    if (m_config.pooled)
        return m_config.toUrl();
    if (!m_config.schema.isEmpty())
        return QStringLiteral("postgresql:///%1?schema=%2")
            .arg(m_config.databaseName,
                 QString::fromUtf8(QUrl::toPercentEncoding(m_config.schema)));
    return QStringLiteral("postgresql:///") + m_config.databaseName;
}

DatabaseConfig TestDatabase::directConfig() const
{
    DatabaseConfig direct = m_config;
    if (direct.isPostgres()) {
        direct.host.clear(); // libpq's environment: the server itself
        direct.port = -1;
        direct.pooled = false;
    }
    return direct;
}

QString TestDatabase::exec(const QString &sql) const
{
    const QString name =
        QStringLiteral("cc-test-exec-%1").arg(QRandomGenerator::global()->generate());
    QString error;
    {
        QSqlDatabase db = openRaw(directConfig(), name, m_config.databaseName);
        if (!db.isOpen()) {
            error = db.lastError().text();
        } else {
            const QStringList statements = sql.split(QStringLiteral(";\n"), Qt::SkipEmptyParts);
            for (const QString &statement : statements) {
                if (statement.trimmed().isEmpty())
                    continue;
                QSqlQuery q(db);
                if (!q.exec(statement)) {
                    error = q.lastError().text() + QStringLiteral(" in: ") + statement;
                    break;
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

QVariant TestDatabase::scalar(const QString &sql) const
{
    const QString name =
        QStringLiteral("cc-test-scalar-%1").arg(QRandomGenerator::global()->generate());
    QVariant result;
    {
        QSqlDatabase db = openRaw(directConfig(), name, m_config.databaseName);
        QSqlQuery q(db);
        if (db.isOpen() && q.exec(sql) && q.next())
            result = q.value(0);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

bool TestDatabase::stopServer(bool immediate)
{
    return pgCtl(immediate ? QStringList{QStringLiteral("stop"), QStringLiteral("-m"),
                                         QStringLiteral("immediate")}
                           : QStringList{QStringLiteral("stop")});
}

bool TestDatabase::startServer()
{
    return pgCtl({QStringLiteral("start")});
}

} // namespace cc::test
