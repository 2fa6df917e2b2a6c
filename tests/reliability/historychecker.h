#pragma once

// The checker of the randomized invariant test: a history of get, set, invalidate and cleanup
// calls made by several processes on a few keys, each with its invocation and response time on
// the machine's shared real-time clock, is checked against the cache's contract. Any order of
// the calls consistent with those times is accepted (a call takes effect at some instant between
// its invocation and its response), so only what no such order could explain is a violation.
//
// A set or invalidate that failed may or may not have taken effect (the commit can reach the
// server while the answer is lost): it may explain what a get saw, but never counts as a write
// that certainly happened.

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace cc::test {

struct HistoryOp
{
    enum class Kind { Get, Set, Invalidate, Cleanup };
    // What a get saw (the values of cc::Lookup::Outcome).
    enum Outcome { Hit = 0, Miss = 1, Expired = 2, Invalidated = 3, Failed = 4 };

    Kind kind = Kind::Get;
    int worker = 0;
    QString key;
    qint64 startUs = 0;  // invocation
    qint64 endUs = 0;    // response
    bool ok = true;      // set, invalidate, cleanup: acknowledged
    int outcome = Miss;  // get
    qint64 value = 0;    // set: the offset written (unique per set); get: the offset returned
    qint64 ttlUs = 0;    // set
    qint64 hitCount = 0; // get (hit): the row's count after this hit
    QString rowId;       // get (hit)
};

struct HistoryCheckOptions
{
    // Tolerance for the millisecond timestamps the database stores (expiry is compared in ms).
    qint64 slackUs = 2000;
    // Windows [from, to] in which the server was down (crash tests): from before it was killed
    // to after it accepted connections again. Hit counters commit asynchronously, so a crash may
    // lose the last increments: counts are then compared within each stretch between outages
    // only (hits overlapping an outage belong to neither), and not against the final rows.
    QList<QPair<qint64, qint64>> outagesUs;
    // The rows left at the end, by row id. Rows absent were deleted by a cleanup.
    struct FinalRow
    {
        QString key;
        qint64 hitCount = 0;
    };
    QHash<QString, FinalRow> finalRows;
    // The history table's totals after every worker flushed; -1: not compared.
    qint64 historyHits = -1;
    qint64 historyMisses = -1;
};

struct HistoryCheckResult
{
    QStringList violations;
    qint64 operations = 0;
    qint64 gets = 0;
    qint64 hits = 0;
    qint64 failed = 0;         // calls that reported a store failure
    qint64 hitsChecked = 0;    // hits checked for foreign, unwritten, expired, stale values
    qint64 mustHitChecked = 0; // non-hits checked against a write that certainly preceded
    qint64 orderChecked = 0;   // hits checked against earlier hits for a newer value
    qint64 rowsCompared = 0;   // rows whose hitCount was compared with the hits observed
};

HistoryCheckResult checkHistory(const QList<HistoryOp> &ops, const HistoryCheckOptions &options);

} // namespace cc::test
