#pragma once

#include "core/store/databaseconfig.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

#include "core/result.h"

#include <QTest>

namespace cc {
// So that QCOMPARE(store.set(...), StoreError()) prints the error's words when it fails.
inline char *toString(const StoreError &error)
{
    return QTest::toString(
        QStringLiteral("StoreError(%1, \"%2\")").arg(int(error.kind())).arg(error.message()));
}
} // namespace cc

namespace cc::test {

// A fresh, empty database for one test: an SQLite file in a temporary directory, or a new
// database on the PostgreSQL server given by libpq's environment (PGHOST, PGPORT, ...), which
// scripts/with-postgres.sh provides. The backend comes from $CC_TEST_BACKEND ("sqlite" or
// "postgres"; default sqlite). Dropped again in the destructor.
class TestDatabase
{
public:
    explicit TestDatabase(const QString &tag = QString());
    ~TestDatabase();
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    // PostgreSQL, directly ("postgres") or through scripts/with-pgbouncer.sh ("pgbouncer").
    static bool postgresRequested();
    // CC_TEST_BACKEND=pgbouncer: config() and url() name the pooler (pooled), fixtures the
    // server itself.
    static bool pooledRequested();

    bool isValid() const { return m_errorMessage.isEmpty(); }
    QString errorMessage() const { return m_errorMessage; }
    bool isPostgres() const { return m_config.isPostgres(); }
    const DatabaseConfig &config() const { return m_config; }
    QString url() const; // for the CLI's --database (no password: libpq's environment has it)
    // The same database reached directly (without the pooler), as fixtures reach it.
    DatabaseConfig directConfig() const;

    // Runs SQL on the test database through a connection of its own (fixtures). Statements
    // separated by ";\n" are run one by one. Returns an error message, empty on success.
    QString exec(const QString &sql) const;
    // First column of the first row of a query, or an invalid QVariant.
    QVariant scalar(const QString &sql) const;

    // A timestamp literal for raw SQL in this database's dialect (ms since the epoch, UTC).
    QString timestampLiteral(qint64 ms) const;
    // Inserts rows g = 1..count into the seed's table in one statement; `values` is the select
    // list (its 14 columns, in the table's order) written in terms of g. An error message, empty
    // on success.
    QString insertGenerated(int count, const QString &values) const;

    // Stop and start the test cluster (PostgreSQL only), for database-loss tests.
    static bool stopServer(bool immediate = true);
    static bool startServer();

private:
    DatabaseConfig m_config;
    QString m_adminConnection;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_errorMessage;
};

} // namespace cc::test
