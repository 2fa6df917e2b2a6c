#include "tests/reliability/historychecker.h"

#include <QMap>

#include <algorithm>
#include <limits>
#include <vector>

namespace cc::test {

namespace {

using Kind = HistoryOp::Kind;

bool isWrite(const HistoryOp &op)
{
    return op.kind == Kind::Set || op.kind == Kind::Invalidate;
}

QString describe(const HistoryOp &op)
{
    QString what;
    switch (op.kind) {
    case Kind::Get:
        what = QStringLiteral("get");
        break;
    case Kind::Set:
        what = QStringLiteral("set(%1)").arg(op.value);
        break;
    case Kind::Invalidate:
        what = QStringLiteral("invalidate");
        break;
    case Kind::Cleanup:
        what = QStringLiteral("cleanup");
        break;
    }
    return QStringLiteral("%1 of %2 by worker %3 [%4, %5]%6")
        .arg(what, op.key)
        .arg(op.worker)
        .arg(op.startUs)
        .arg(op.endUs)
        .arg(op.ok ? QString() : QStringLiteral(" (failed)"));
}

// The writes of one key, by invocation time, with the running maximum of their response times.
struct KeyWrites
{
    std::vector<const HistoryOp *> byStart;
    std::vector<qint64> maxEndUpTo; // maxEndUpTo[i] = max(byStart[0..i]->endUs)
};

// Which stretch between outages a call lies in: 0 before the first, 1 after it, ...; -1 when it
// overlaps an outage (the server may have died just before or just after it).
int epochOf(const HistoryOp &op, const HistoryCheckOptions &options)
{
    int epoch = 0;
    for (const auto &outage : options.outagesUs) {
        if (op.endUs >= outage.first && op.startUs <= outage.second)
            return -1;
        if (outage.second < op.startUs)
            ++epoch;
    }
    return epoch;
}

} // namespace

HistoryCheckResult checkHistory(const QList<HistoryOp> &ops, const HistoryCheckOptions &options)
{
    HistoryCheckResult result;
    result.operations = ops.size();
    const qint64 slack = options.slackUs;

    QHash<qint64, const HistoryOp *> setsByValue; // values are unique per set
    QHash<QString, KeyWrites> writes;
    QHash<QString, bool> keyHadFailedGet;
    for (const HistoryOp &op : ops) {
        if (op.kind == Kind::Set) {
            if (setsByValue.contains(op.value))
                result.violations << QStringLiteral("history: two sets wrote %1").arg(op.value);
            setsByValue.insert(op.value, &op);
        }
        if (isWrite(op))
            writes[op.key].byStart.push_back(&op);
        if (op.kind == Kind::Get && op.outcome == HistoryOp::Failed)
            keyHadFailedGet[op.key] = true;
        if (op.kind == Kind::Get)
            ++result.gets;
        if ((op.kind == Kind::Get && op.outcome == HistoryOp::Failed) ||
            (op.kind != Kind::Get && !op.ok))
            ++result.failed;
    }
    for (KeyWrites &w : writes) {
        std::sort(w.byStart.begin(), w.byStart.end(),
                  [](const HistoryOp *a, const HistoryOp *b) { return a->startUs < b->startUs; });
        qint64 maxEnd = std::numeric_limits<qint64>::min();
        for (const HistoryOp *op : w.byStart) {
            maxEnd = std::max(maxEnd, op->endUs);
            w.maxEndUpTo.push_back(maxEnd);
        }
    }

    // Hits by key, for the order check: (get, the set it read).
    QHash<QString, std::vector<std::pair<const HistoryOp *, const HistoryOp *>>> hitsByKey;
    // Hit counts by row: (count, epoch).
    QHash<QString, std::vector<std::pair<qint64, int>>> countsByRow;
    QHash<QString, QString> keyOfRow;

    // The acknowledged set a get must find: it certainly ended before the get began, no other
    // write to the key can have taken effect after it, and it certainly had not expired.
    const auto mustHaveRead = [&](const HistoryOp &g) -> const HistoryOp * {
        const auto kwIt = writes.constFind(g.key);
        if (kwIt == writes.constEnd())
            return nullptr;
        const KeyWrites &kw = *kwIt;
        const auto upto =
            std::upper_bound(kw.byStart.begin(), kw.byStart.end(), g.endUs,
                             [](qint64 t, const HistoryOp *w) { return t < w->startUs; });
        const auto n = upto - kw.byStart.begin();
        if (n == 0)
            return nullptr;
        const HistoryOp *s = kw.byStart[size_t(n - 1)];
        if (s->kind != Kind::Set || !s->ok || s->endUs >= g.startUs ||
            s->startUs + s->ttlUs <= g.endUs + slack)
            return nullptr;
        if (n >= 2 && kw.maxEndUpTo[size_t(n - 2)] >= s->startUs)
            return nullptr; // an earlier write may have taken effect after it
        return s;
    };

    for (const HistoryOp &g : ops) {
        if (g.kind != Kind::Get)
            continue;
        const bool hit = g.outcome == HistoryOp::Hit;
        const bool sawEntry =
            hit || g.outcome == HistoryOp::Expired || g.outcome == HistoryOp::Invalidated;
        if (hit)
            ++result.hits;
        if (sawEntry) {
            // Whatever a get returns, it was written for this very key.
            const auto s = setsByValue.constFind(g.value);
            if (s == setsByValue.constEnd()) {
                result.violations << QStringLiteral("%1 returned %2, which no set wrote")
                                         .arg(describe(g))
                                         .arg(g.value);
                continue;
            }
            if ((*s)->key != g.key) {
                result.violations << QStringLiteral("%1 returned %2, written for %3")
                                         .arg(describe(g))
                                         .arg(g.value)
                                         .arg((*s)->key);
                continue;
            }
            if ((*s)->startUs > g.endUs)
                result.violations << QStringLiteral("%1 returned %2 before %3 began")
                                         .arg(describe(g))
                                         .arg(g.value)
                                         .arg(describe(**s));
        }
        if (hit) {
            const HistoryOp &s = *setsByValue.value(g.value);
            // Expired before the get began: the set read its clock before it answered.
            if (g.startUs > s.endUs + s.ttlUs + slack)
                result.violations << QStringLiteral("%1 returned %2 after it expired (%3, TTL "
                                                    "%4 us)")
                                         .arg(describe(g))
                                         .arg(g.value)
                                         .arg(describe(s))
                                         .arg(s.ttlUs);
            // Stale: a write that certainly came after the set and certainly before the get.
            const KeyWrites &kw = writes[g.key];
            auto first =
                std::upper_bound(kw.byStart.begin(), kw.byStart.end(), s.endUs,
                                 [](qint64 t, const HistoryOp *w) { return t < w->startUs; });
            for (auto it = first; it != kw.byStart.end() && (*it)->startUs < g.startUs; ++it) {
                const HistoryOp &w = **it;
                if (w.ok && w.endUs < g.startUs && &w != &s) {
                    result.violations << QStringLiteral("%1 returned %2 after %3 had completed")
                                             .arg(describe(g))
                                             .arg(g.value)
                                             .arg(describe(w));
                    break;
                }
            }
            hitsByKey[g.key].emplace_back(&g, &s);
            countsByRow[g.rowId].emplace_back(g.hitCount, epochOf(g, options));
            keyOfRow.insert(g.rowId, g.key);
            ++result.hitsChecked;
            continue;
        }
        if (g.outcome == HistoryOp::Failed)
            continue;
        // A miss (of any kind) while an acknowledged set certainly preceded the get, was
        // certainly not overwritten or invalidated, and certainly had not expired: the
        // acknowledged write was lost.
        if (const HistoryOp *s = mustHaveRead(g)) {
            ++result.mustHitChecked;
            result.violations << QStringLiteral("%1 missed (outcome %2) after %3 was "
                                                "acknowledged and before it could expire")
                                     .arg(describe(g))
                                     .arg(g.outcome)
                                     .arg(describe(*s));
        }
    }
    // mustHitChecked counts the gets the rule applied to; the ones that hit are checked above.
    for (const HistoryOp &g : ops) {
        if (g.kind == Kind::Get && g.outcome == HistoryOp::Hit && mustHaveRead(g))
            ++result.mustHitChecked;
    }

    // Order: once a get returned a value, no later get returns one certainly written before it.
    for (auto it = hitsByKey.begin(); it != hitsByKey.end(); ++it) {
        auto &hits = it.value();
        std::sort(hits.begin(), hits.end(),
                  [](const auto &a, const auto &b) { return a.first->endUs < b.first->endUs; });
        std::vector<qint64> ends;
        std::vector<const HistoryOp *> newest; // the set with the latest start read so far
        for (const auto &h : hits) {
            ends.push_back(h.first->endUs);
            if (newest.empty() || h.second->startUs > newest.back()->startUs)
                newest.push_back(h.second);
            else
                newest.push_back(newest.back());
        }
        for (const auto &h : hits) {
            const auto before = std::lower_bound(ends.begin(), ends.end(), h.first->startUs);
            const auto n = before - ends.begin();
            if (n == 0)
                continue;
            ++result.orderChecked;
            const HistoryOp *seen = newest[size_t(n - 1)];
            if (h.second->endUs < seen->startUs)
                result.violations << QStringLiteral("%1 returned %2 after an earlier get had "
                                                    "returned the newer %3")
                                         .arg(describe(*h.first))
                                         .arg(h.first->value)
                                         .arg(seen->value);
        }
    }

    // Hit counts: atomic increments, each hit seeing its own count; without faults exactly
    // 1..n on every row, and the row's hitCount n when it is still there.
    const bool faults = !options.outagesUs.isEmpty();
    QHash<QString, qint64> observedByRow;
    for (auto it = countsByRow.begin(); it != countsByRow.end(); ++it) {
        auto &counts = it.value();
        std::sort(counts.begin(), counts.end());
        for (size_t i = 1; i < counts.size(); ++i) {
            if (counts[i] == counts[i - 1] && counts[i].second >= 0) {
                result.violations << QStringLiteral("row %1: two hits saw hitCount %2")
                                         .arg(it.key())
                                         .arg(counts[i].first);
                break;
            }
        }
        observedByRow.insert(it.key(), qint64(counts.size()));
        const bool exact = !faults && !keyHadFailedGet.value(keyOfRow.value(it.key()));
        if (exact) {
            for (size_t i = 0; i < counts.size(); ++i) {
                if (counts[i].first != qint64(i) + 1) {
                    result.violations << QStringLiteral("row %1: hits observed saw counts up to "
                                                        "%2, but %3 hits were observed")
                                             .arg(it.key())
                                             .arg(counts.back().first)
                                             .arg(counts.size());
                    break;
                }
            }
        }
    }
    for (auto it = options.finalRows.cbegin(); it != options.finalRows.cend(); ++it) {
        if (faults || keyHadFailedGet.value(it->key))
            continue;
        ++result.rowsCompared;
        const qint64 observed = observedByRow.value(it.key());
        if (it->hitCount != observed)
            result.violations << QStringLiteral("row %1 (%2): hitCount %3, hits observed %4")
                                     .arg(it.key(), it->key)
                                     .arg(it->hitCount)
                                     .arg(observed);
    }
    if (options.historyHits >= 0 && options.historyHits != result.hits)
        result.violations << QStringLiteral("history table: %1 hits, observed %2")
                                 .arg(options.historyHits)
                                 .arg(result.hits);
    if (options.historyMisses >= 0 && options.historyMisses != result.gets - result.hits)
        result.violations << QStringLiteral("history table: %1 misses, observed %2")
                                 .arg(options.historyMisses)
                                 .arg(result.gets - result.hits);
    return result;
}

} // namespace cc::test
