#pragma once

// The streaming hot standby scripts/with-standby.sh starts beside the test server (the
// `standby` ctest backend): where it is, what it has replayed, and its promotion.

#include "core/store/cachestore.h"
#include "tests/support/testdatabase.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

namespace cc::test {

inline QString standbyHost()
{
    return qEnvironmentVariable("CC_TEST_STANDBY_HOST");
}
inline int standbyPort()
{
    return qEnvironmentVariableIntValue("CC_TEST_STANDBY_PORT");
}

// The first column of the first row of `sql` on the standby's copy of `database`, through a
// connection of its own; invalid when the standby could not answer.
inline QVariant onStandby(const QString &database, const QString &sql)
{
    const QString name = QStringLiteral("cc-test-standby-raw");
    QVariant result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(standbyHost());
        db.setPort(standbyPort());
        db.setDatabaseName(database);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                result = q.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

// Waits (30 s at most) until the standby has replayed everything written to `primary` so far.
inline bool waitForStandbyReplay(const TestDatabase &primary)
{
    const QString lsn = primary.scalar(QStringLiteral("SELECT pg_current_wal_lsn()")).toString();
    if (lsn.isEmpty())
        return false;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30000) {
        if (onStandby(primary.config().databaseName,
                      QStringLiteral("SELECT pg_last_wal_replay_lsn() >= '%1'::pg_lsn").arg(lsn))
                .toBool())
            return true;
        QThread::msleep(50);
    }
    return false;
}

// Promotes the standby of `database`'s server and waits (30 s at most) until it takes writes.
inline bool promoteStandby(const QString &database)
{
    return onStandby(database, QStringLiteral("SELECT pg_promote(true, 30)")).toBool();
}

// Writes an entry through `store` until a server takes it (30 s at most): after the primary
// went away and the standby was promoted, the first calls fail on the lost connection, then
// the store reconnects to the server that writes now. The last call's error, none on success.
inline StoreError writeOnceWritable(CacheStore &store, const QString &user,
                                    const QString &credential, const TimeSyncState &state)
{
    QElapsedTimer timer;
    timer.start();
    StoreError written(StoreError::Unreachable, QStringLiteral("not tried"));
    while (written && timer.elapsed() < 30000) {
        written =
            store.set(user, credential, QStringLiteral("BYBIT"), QStringLiteral("TESTNET"), state);
        if (written)
            QThread::msleep(200);
    }
    return written;
}

} // namespace cc::test
