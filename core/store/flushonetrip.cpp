// A flush's writes (batched hits, start-ups and rejections, history minutes) in one transaction
// sent as one message (PostgreSQL): a connector's exit, and every flush, costs one round trip
// instead of one or four per kind (a transaction each: BEGIN, settings, statement, COMMIT on a
// pooled connection). The statements are the separate writes' own (hitcounters.cpp,
// inithistory.cpp), their values inlined as literals (pgnative::inlineBinds), joined by ';'
// into one simple query: the server runs them as one implicit transaction (the set_config(…,
// true) of its first statement hold for the rest), so on a pooled connection they stay on one
// server session and nothing outlives them. If any of them fails the server rolls them all
// back: nothing is taken from what is pending, and flushCounters() runs the separate writes,
// whose failures then tell which part failed without the others being lost.
#include "core/store/cachestore_p.h"
#include "core/store/canceller.h"
#include "core/store/deadline.h"
#include "core/store/pgnative.h"

#include "core/logging.h"

#include <QSet>
#include <QSqlError>

#include <libpq-fe.h>

#include <memory>

namespace cc {

namespace {

// How long the flush waits for a history row another transaction holds (as flushCounters()).
constexpr qint64 kOneTripLockTimeoutMs = 100;

struct ResultDeleter
{
    void operator()(PGresult *r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

} // namespace

using namespace store;

bool CacheStore::Private::flushInOneTrip(StoreError *error, bool mayWait)
{
    if (!isPostgres() || standby || !connected())
        return false;
    PGconn *conn = pgConnection(); // QPSQL's, or the store's own (a cold start's: connectNative())
    if (!conn || PQtransactionStatus(conn) != PQTRANS_IDLE)
        return false; // not QPSQL's libpq, or inside a transaction of the caller's
    const Budget budget(this);
    const QString what = QStringLiteral("writing the hit counts and the history");

    QList<Setting> settings{{"synchronous_commit", QStringLiteral("off")}};
    settings << transactionBounds();
    settings << Setting{"lock_timeout", QString::number(qMin<qint64>(
                                            kOneTripLockTimeoutMs, q->m_options.timeout.count()))};
    QStringList statements{settingsSql(settings, true)};
    QString inlineError;
    const auto add = [&](const QString &sql, const QVariantList &binds) {
        const QString text = inlined(sql, binds, &inlineError);
        if (!text.isNull())
            statements << text;
        return !text.isNull();
    };
    int hitsAt = -1; // the statement whose rows name the hits passed by
    if (mayWait && pendingHits.size() == 1) {
        if (!add(oneHitFlushSql(), {pendingHits.cbegin().value(), pendingHits.cbegin().key()}))
            return false;
    } else if (!pendingHits.isEmpty()) {
        hitsAt = int(statements.size());
        if (!add(hitsFlushSql(), hitsFlushBinds()))
            return false;
    }
    for (const auto &[sql, binds] : monitoringStatements()) {
        if (!add(sql, binds))
            return false;
    }
    const QString historySql = historyFlushSql();
    QList<qint64> minutes;
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        const Counters &c = it.value();
        minutes << it.key();
        if (!c.isEmpty() &&
            !add(historySql, {it.key(), c.hits, c.misses, c.sets, c.invalidations, c.cleanups}))
            return false;
    }
    if (statements.size() == 1) { // nothing to write but empty minutes
        pending.clear();
        return true;
    }

    QueryCanceller::Running running(*canceller);
    const QByteArray text = statements.join(QStringLiteral(";\n")).toUtf8();
    if (!PQsendQuery(conn, text.constData())) {
        *error = fail(pgnative::errorOf(conn, nullptr), what);
        return false;
    }
    bool timedOut = false;
    QSqlError failure;
    QSet<QString> passedBy;
    for (int index = 0;; ++index) {
        if (pgnative::waitUntilReady(conn, giveUp(), &timedOut) == pgnative::Wait::Failed) {
            if (timedOut)
                stalled = true;
            *error = fail(pgnative::errorOf(conn, nullptr), what);
            return false;
        }
        ResultPtr result(PQgetResult(conn));
        if (!result)
            break;
        const ExecStatusType status = PQresultStatus(result.get());
        if (status == PGRES_TUPLES_OK && index == hitsAt) {
            for (int row = 0; row < PQntuples(result.get()); ++row)
                passedBy.insert(QString::fromUtf8(PQgetvalue(result.get(), row, 0)));
        } else if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK &&
                   failure.type() == QSqlError::NoError) {
            failure = pgnative::errorOf(conn, result.get());
        }
        if (PQstatus(conn) == CONNECTION_BAD) {
            if (failure.type() == QSqlError::NoError)
                failure = pgnative::errorOf(conn, nullptr);
            break;
        }
    }
    if (failure.type() != QSqlError::NoError) {
        // Rolled back as a whole by the server: everything is still pending.
        *error = fail(failure, what);
        qCDebug(lcCache).noquote() << QStringLiteral("Flushing in one round trip failed (%1); "
                                                     "writing each part on its own")
                                          .arg(error->message());
        return false;
    }
    for (auto it = pendingHits.begin(); it != pendingHits.end();) {
        if (passedBy.contains(it.key()))
            ++it;
        else
            it = pendingHits.erase(it);
    }
    pendingMonitoring.clear();
    for (qint64 minute : std::as_const(minutes))
        pending.remove(minute);
    return true;
}

} // namespace cc
