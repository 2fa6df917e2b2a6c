#pragma once

// A second connection to the test database with an open transaction (PostgreSQL), holding
// locks as another process's long write would.

#include "core/store/cachestore.h"
#include "core/store/databaseconfig.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace cc::test {

class LockHolder
{
public:
    LockHolder(const DatabaseConfig &direct, const QString &name)
        : m_name(name)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
        db.setDatabaseName(direct.databaseName);
        if (!db.open())
            m_error = db.lastError().text();
        else if (!db.transaction())
            m_error = db.lastError().text();
    }
    ~LockHolder()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            if (db.isOpen()) {
                db.rollback();
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    LockHolder(const LockHolder &) = delete;
    LockHolder &operator=(const LockHolder &) = delete;

    QString error() const { return m_error; }
    // Runs `sql` in the open transaction; empty on success.
    QString exec(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        return q.exec(sql) ? QString() : q.lastError().text();
    }
    // Locks the rows of the user (SELECT ... FOR UPDATE) in table (qualified, for a suite
    // that runs in a schema); empty on success.
    QString lockUser(const QString &user, const QString &table = CacheStore::tableName())
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.exec(QStringLiteral("SELECT 1 FROM %1 WHERE \"userId\" = '%2' FOR UPDATE")
                        .arg(table, user)))
            return q.lastError().text();
        return q.next() ? QString() : QStringLiteral("no row for %1").arg(user);
    }
    // Ends the transaction, its locks with it.
    void release() { QSqlDatabase::database(m_name, false).rollback(); }

private:
    QString m_name;
    QString m_error;
};

} // namespace cc::test
