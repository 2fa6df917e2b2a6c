// Issue 15, severe 3: far jumps in the browser. Milestones (every K-th row's key, one pass) and
// a page asked as "after this cursor, skipping n rows" must land exactly where a plain OFFSET
// lands, on both backends, in both orders, with a filter and with ties in the sort column; bad
// cursor and offset combinations are refused in words.

#include "core/store/cachestore.h"
#include "tests/support/testdatabase.h"

#include <QTest>

#include <memory>

using namespace cc;

namespace {

constexpr qint64 kNow = 1749989100000; // 2025-06-15 12:05:00 UTC
constexpr int kRows = 2300;

QStringList ids(const QList<CacheEntry> &entries)
{
    QStringList out;
    for (const CacheEntry &e : entries)
        out << e.id;
    return out;
}

} // namespace

class TestBrowseJump : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    ManualClock m_clock{kNow};

    std::unique_ptr<CacheStore> migrated()
    {
        auto s = std::make_unique<CacheStore>(m_db->config(), CacheStore::Options(), &m_clock);
        auto report = s->migrate();
        if (!report.ok())
            QTest::qFail(qPrintable(report.error().message()), __FILE__, __LINE__);
        return s;
    }
    // A time in this database's dialect from an integer expression of g (ms since the epoch).
    QString timeOf(const QString &msExpression) const
    {
        return m_db->isPostgres() ? QStringLiteral("TIMESTAMP '1970-01-01' + CAST(%1 AS BIGINT) "
                                                   "* INTERVAL '1 millisecond'")
                                        .arg(msExpression)
                                  : QStringLiteral("(%1)").arg(msExpression);
    }
    // kRows rows with many ties: hit counts 0..6, 13 distinct sync times, two exchanges.
    void fill()
    {
        const QString values =
            QStringLiteral("'r' || g, 'u' || g || '_c', 'u' || g, 'c', CASE WHEN g % 3 = 0 THEN "
                           "'BINGX' ELSE 'BYBIT' END, 'MAINNET', g % 11 - 5, %1, g % 5 <> 0, %2, "
                           "g % 7, NULL, %3, %3")
                .arg(timeOf(QStringLiteral("%1 - (g % 13) * 1000").arg(kNow)),
                     timeOf(QStringLiteral("%1 + (g % 17) * 60000").arg(kNow)),
                     timeOf(QString::number(kNow)));
        QCOMPARE(m_db->insertGenerated(kRows, values), QString());
    }
    // Every row the request's filter and sort select, in order (plain OFFSET pages).
    QList<CacheEntry> everyRow(CacheStore &s, BrowseRequest request)
    {
        QList<CacheEntry> all;
        request.limit = 1000;
        request.after.clear();
        for (request.offset = 0;; request.offset += request.limit) {
            auto page = s.browse(request);
            if (!page.ok())
                QTest::qFail(qPrintable(page.error().message()), __FILE__, __LINE__);
            all << page->entries;
            if (page->nextCursor.isEmpty())
                break;
        }
        return all;
    }

private Q_SLOTS:
    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        m_clock.setMs(kNow);
    }
    void cleanup() { m_db.reset(); }

    void milestonesMatchOffsetPositions_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::addColumn<bool>("filtered");
        for (SortColumn column :
             {SortColumn::CacheKey, SortColumn::HitCount, SortColumn::LastSyncTime,
              SortColumn::Exchange, SortColumn::TimeOffset}) {
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                for (bool filtered : {false, true}) {
                    QTest::addRow("%s %s%s", qPrintable(sortColumnName(column)),
                                  order == Qt::AscendingOrder ? "asc" : "desc",
                                  filtered ? " filtered" : "")
                        << int(column) << int(order) << filtered;
                }
            }
        }
    }
    void milestonesMatchOffsetPositions()
    {
        QFETCH(int, column);
        QFETCH(int, order);
        QFETCH(bool, filtered);
        auto s = migrated();
        fill();
        BrowseRequest request;
        request.sortColumn = SortColumn(column);
        request.sortOrder = Qt::SortOrder(order);
        if (filtered) {
            request.filter.exchange = QStringLiteral("BYBIT");
            request.filter.state = EntryFilter::State::Valid;
        }
        const QList<CacheEntry> all = everyRow(*s, request);
        const qint64 n = s->count(request.filter).value();
        QCOMPARE(all.size(), n);
        QVERIFY(n > 1000);

        constexpr qint64 every = 97; // not a divisor of anything here: the last one is inside
        auto milestones =
            s->browseMilestones(request.filter, request.sortColumn, request.sortOrder, every);
        QVERIFY2(milestones.ok(), qPrintable(milestones.error().message()));
        QCOMPARE(milestones->size(), n / every);
        for (int i = 0; i < milestones->size(); ++i) {
            const BrowseMilestone &m = milestones->at(i);
            QCOMPARE(m.position, (i + 1) * every);
            // The rows after the milestone, skipping 0 or a few of them, are the rows OFFSET
            // finds at that position.
            for (qint64 skip : {qint64(0), qint64(1), qint64(every - 1)}) {
                BrowseRequest seek = request;
                seek.after = m.cursor;
                seek.offset = skip;
                seek.limit = 25;
                auto page = s->browse(seek);
                QVERIFY2(page.ok(), qPrintable(page.error().message()));
                BrowseRequest plain = request;
                plain.offset = m.position + skip;
                plain.limit = 25;
                const QStringList expected = ids(s->browse(plain)->entries);
                QCOMPARE(ids(page->entries), expected);
                QCOMPARE(ids(page->entries), ids(all.mid(int(m.position + skip), 25)));
            }
        }
        // nearestMilestone() picks the one at or before a row.
        const QList<BrowseMilestone> list = milestones.value();
        QCOMPARE(nearestMilestone(list, every - 1), nullptr);
        QCOMPARE(nearestMilestone(list, every)->position, every);
        QCOMPARE(nearestMilestone(list, 3 * every + 5)->position, 3 * every);
        QCOMPARE(nearestMilestone(list, n + 1000)->position, list.constLast().position);
    }

    void cursorPlusOffsetIsTheOffsetPage()
    {
        auto s = migrated();
        fill();
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            BrowseRequest first;
            first.sortColumn = SortColumn::HitCount; // ties: the id breaks them
            first.sortOrder = order;
            first.limit = 30;
            auto page = s->browse(first);
            QVERIFY(page.ok() && !page->nextCursor.isEmpty());
            BrowseRequest jump = first;
            jump.after = page->nextCursor;
            jump.offset = 1717;
            jump.limit = 40;
            auto jumped = s->browse(jump);
            QVERIFY2(jumped.ok(), qPrintable(jumped.error().message()));
            BrowseRequest plain = first;
            plain.offset = 30 + 1717;
            plain.limit = 40;
            QCOMPARE(ids(jumped->entries), ids(s->browse(plain)->entries));
            // Its next cursor carries on where OFFSET would.
            BrowseRequest next = first;
            next.after = jumped->nextCursor;
            next.limit = 40;
            plain.offset += 40;
            QCOMPARE(ids(s->browse(next)->entries), ids(s->browse(plain)->entries));
            // Past the end: empty, no cursor.
            jump.offset = kRows;
            auto beyond = s->browse(jump);
            QVERIFY(beyond.ok());
            QVERIFY(beyond->entries.isEmpty());
            QVERIFY(beyond->nextCursor.isEmpty());
        }
    }

    void badCursorAndOffsetCombinationsAreRefused()
    {
        auto s = migrated();
        fill();
        BrowseRequest first;
        first.sortColumn = SortColumn::HitCount;
        first.limit = 10;
        const QString cursor = s->browse(first)->nextCursor;
        QVERIFY(!cursor.isEmpty());
        auto refused = [&](const BrowseRequest &request, const char *words) {
            auto page = s->browse(request);
            if (page.ok())
                return false;
            if (page.error().kind() != StoreError::InvalidArgument ||
                !page.error().message().contains(QLatin1String(words))) {
                qWarning("%s", qPrintable(page.error().message()));
                return false;
            }
            return true;
        };
        BrowseRequest bad = first;
        bad.after = cursor;
        bad.offset = -1;
        QVERIFY(refused(bad, "skip"));
        bad.offset = std::numeric_limits<qint64>::min();
        QVERIFY(refused(bad, "skip"));
        bad.offset = kMaxBrowseOffset + 1;
        QVERIFY(refused(bad, "skip"));
        bad.offset = std::numeric_limits<qint64>::max();
        QVERIFY(refused(bad, "skip"));
        bad.after.clear(); // without a cursor too: a negative offset is no longer ignored
        bad.offset = -5;
        QVERIFY(refused(bad, "skip"));
        // A cursor of another sort, or garbage, with an offset.
        bad = first;
        bad.sortColumn = SortColumn::CacheKey;
        bad.after = cursor;
        bad.offset = 5;
        QVERIFY(refused(bad, "another sort order"));
        bad = first;
        bad.sortOrder = Qt::DescendingOrder;
        bad.after = cursor;
        bad.offset = 5;
        QVERIFY(refused(bad, "another sort order"));
        bad = first;
        bad.after = QStringLiteral("eyJjIjoiaGl0Q291bnQifQ"); // {"c":"hitCount"}
        bad.offset = 5;
        QVERIFY(refused(bad, "malformed"));
        bad.after = QStringLiteral("'; DROP TABLE connector_state_cache; --");
        QVERIFY(refused(bad, "malformed"));
        // Milestones a nonsense step apart.
        for (qint64 every : {qint64(0), qint64(-3), std::numeric_limits<qint64>::min()}) {
            auto milestones =
                s->browseMilestones(EntryFilter(), SortColumn::CacheKey, Qt::AscendingOrder, every);
            QVERIFY(!milestones.ok());
            QCOMPARE(milestones.error().kind(), StoreError::InvalidArgument);
        }
        // Too many milestones for one answer.
        auto tooMany =
            s->browseMilestones(EntryFilter(), SortColumn::CacheKey, Qt::AscendingOrder, 1);
        QVERIFY(tooMany.ok()); // 2,300: well within the bound
        QCOMPARE(tooMany->size(), kRows);
        // The table still answers.
        QCOMPARE(s->count(EntryFilter()).value(), kRows);
    }

    void noRowsNoMilestones()
    {
        auto s = migrated();
        auto none =
            s->browseMilestones(EntryFilter(), SortColumn::ExpiresAt, Qt::DescendingOrder, 10);
        QVERIFY2(none.ok(), qPrintable(none.error().message()));
        QVERIFY(none->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBrowseJump)
#include "tst_browsejump.moc"
