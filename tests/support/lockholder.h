#pragma once

// A second connection to the test database with an open transaction (PostgreSQL), holding
// locks as another process's long write would.

#include "core/store/cachestore.h"
#include "core/store/databaseconfig.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <future>
#include <thread>

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

// Another process holding a user's rows for a moment: a LockHolder on a thread of its own
// locks them, the constructor returns once they are locked (or with the error), and the lock
// ends after `ms`. The destructor waits for that.
class BriefLock
{
public:
    BriefLock(const DatabaseConfig &direct, const QString &name, const QString &user, int ms,
              const QString &table = CacheStore::tableName())
    {
        std::future<QString> outcome = m_locked.get_future();
        m_thread = std::thread([this, direct, name, user, ms, table]() {
            LockHolder holder(direct, name);
            QString error = holder.error();
            if (error.isEmpty())
                error = holder.lockUser(user, table);
            m_locked.set_value(error);
            QThread::msleep(static_cast<unsigned long>(ms));
            holder.release();
        });
        m_error = outcome.get();
    }
    ~BriefLock() { wait(); }
    BriefLock(const BriefLock &) = delete;
    BriefLock &operator=(const BriefLock &) = delete;

    QString error() const { return m_error; }
    // Until the lock has ended.
    void wait()
    {
        if (m_thread.joinable())
            m_thread.join();
    }

private:
    std::promise<QString> m_locked; // outlives the thread (joined first)
    std::thread m_thread;
    QString m_error;
};

} // namespace cc::test
