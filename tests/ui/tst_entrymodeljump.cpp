// Issue 15, severe 3: the entry browser's far jumps. Once its milestones have arrived, a page far
// from anything loaded is asked as "after the nearest milestone, skipping fewer than K rows"
// (never a deep OFFSET), and shows exactly the rows an OFFSET page holds; a jump asked while the
// milestones are on their way waits for them instead of queueing an OFFSET.

#include "core/store/cachestore.h"
#include "tests/support/testdatabase.h"
#include "tests/ui/consolesuite.h"
#include "ui/entrymodel.h"

#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <functional>
#include <memory>

using namespace cc;
using cc::ui::EntryModel;

namespace {

constexpr qint64 kNow = 1749989100000; // 2025-06-15 12:05:00 UTC
constexpr int kRows = 5000;

struct Asked
{
    BrowseRequest request;
    int firstRow = 0;
};

} // namespace

class TestEntryModelJump : public QObject, public test::ConsoleSuite
{
    Q_OBJECT

private:
    ManualClock m_clock{kNow};
    std::unique_ptr<CacheStore> m_store;
    std::unique_ptr<EntryModel> m_model;
    QList<Asked> m_asked;
    bool m_holdMilestones = false;
    bool m_failMilestones = false;
    int m_milestoneRequests = 0;
    std::function<void()> m_heldMilestones;

    // The model wired to a real store on this thread, answering as the worker does (queued).
    void wire()
    {
        m_model = std::make_unique<EntryModel>(&m_clock);
        EntryModel *model = m_model.get();
        connect(model, &EntryModel::pageRequested, model,
                [this, model](quint64 token, const BrowseRequest &request, int firstRow) {
                    m_asked << Asked{request, firstRow};
                    auto page = m_store->browse(request);
                    QVERIFY2(page.ok(), qPrintable(page.error().message()));
                    const QList<CacheEntry> entries = page->entries;
                    const QString next = page->nextCursor;
                    QMetaObject::invokeMethod(
                        model, [=]() { model->onPageLoaded(token, firstRow, entries, next); },
                        Qt::QueuedConnection);
                });
        connect(model, &EntryModel::countRequested, model,
                [this, model](quint64 token, const EntryFilter &filter) {
                    const qint64 n = m_store->count(filter).value();
                    QMetaObject::invokeMethod(
                        model, [=]() { model->onCountLoaded(token, n); }, Qt::QueuedConnection);
                });
        connect(model, &EntryModel::milestonesRequested, model,
                [this, model](quint64 token, const BrowseRequest &request, qint64 every) {
                    ++m_milestoneRequests;
                    if (m_failMilestones) {
                        const StoreError slow(StoreError::QueryFailed,
                                              QStringLiteral("canceling statement due to "
                                                             "statement timeout"));
                        QMetaObject::invokeMethod(
                            model, [=]() { model->onMilestonesLoaded(token, {}, slow); },
                            Qt::QueuedConnection);
                        return;
                    }
                    auto milestones = m_store->browseMilestones(request.filter, request.sortColumn,
                                                                request.sortOrder, every);
                    QVERIFY2(milestones.ok(), qPrintable(milestones.error().message()));
                    const QList<BrowseMilestone> list = milestones.value();
                    auto deliver = [=]() { model->onMilestonesLoaded(token, list, StoreError()); };
                    if (m_holdMilestones)
                        m_heldMilestones = deliver;
                    else
                        QMetaObject::invokeMethod(model, deliver, Qt::QueuedConnection);
                });
    }
    QStringList shownIds(int firstRow, int rows) const
    {
        QStringList out;
        for (int row = firstRow; row < firstRow + rows; ++row) {
            const CacheEntry *e = m_model->entryAt(row);
            out << (e ? e->id : QString());
        }
        return out;
    }
    QStringList offsetPageIds(qint64 offset, int rows) const
    {
        BrowseRequest plain;
        plain.sortColumn = m_model->sortColumn();
        plain.sortOrder = m_model->sortOrder();
        plain.filter = m_model->filter();
        plain.offset = offset;
        plain.limit = rows;
        QStringList out;
        const auto page = m_store->browse(plain);
        for (const CacheEntry &e : page->entries)
            out << e.id;
        return out;
    }
    // Asks for a row as the view does when it paints it.
    void look(int row) { m_model->data(m_model->index(row, 0), Qt::DisplayRole); }

private Q_SLOTS:
    void initTestCase() { prepareSuite("tst_entrymodeljump"); }
    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        m_clock.setMs(kNow);
        m_store = std::make_unique<CacheStore>(m_db->config(), CacheStore::Options(), &m_clock);
        QVERIFY(m_store->migrate().ok());
        const QString time = m_db->timestampLiteral(kNow);
        // Hit counts 0..9 (ties), unique keys; every row valid for an hour.
        const QString values =
            QStringLiteral("'r' || g, 'u' || g || '_c', 'u' || g, 'c', 'BYBIT', 'MAINNET', 0, %1, "
                           "1 = 1, %2, g % 10, NULL, %1, %1")
                .arg(time, m_db->timestampLiteral(kNow + 3'600'000));
        QCOMPARE(m_db->insertGenerated(kRows, values), QString());
        m_asked.clear();
        m_holdMilestones = false;
        m_failMilestones = false;
        m_milestoneRequests = 0;
        m_heldMilestones = nullptr;
        wire();
    }
    void cleanup()
    {
        m_model.reset();
        m_store.reset();
        m_db.reset();
    }

    void farJumpIsASeekFromTheNearestMilestone_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::newRow("user asc") << int(EntryModel::UserColumn) << int(Qt::AscendingOrder);
        QTest::newRow("hits desc") << int(EntryModel::HitsColumn) << int(Qt::DescendingOrder);
    }
    void farJumpIsASeekFromTheNearestMilestone()
    {
        QFETCH(int, column);
        QFETCH(int, order);
        m_model->setMilestonePolicy(1000, 600); // K: 600 rows, three pages
        m_model->sort(column, Qt::SortOrder(order));
        QTRY_VERIFY(m_model->isCountKnown());
        QTRY_VERIFY(!m_model->milestones().isEmpty());
        QCOMPARE(m_model->milestoneEvery(), 600);
        QCOMPARE(m_model->milestones().size(), kRows / 600);
        QVERIFY(!m_model->isLoading());

        // Page 21 (rows 4200..4399): the milestone at 4200 is exactly there.
        // Page 23 (rows 4600..4799): after the milestone at 4200, skipping 400.
        for (const auto &[row, skip] : {std::pair<int, qint64>{4200, 0}, {4600, 400}}) {
            m_asked.clear();
            look(row + 3);
            QCOMPARE(m_asked.size(), 1);
            const Asked asked = m_asked.constFirst();
            QCOMPARE(asked.firstRow, row);
            QVERIFY(!asked.request.after.isEmpty());
            QCOMPARE(asked.request.offset, skip);
            QVERIFY(asked.request.offset < m_model->milestoneEvery());
            QTRY_VERIFY(m_model->entryAt(row) != nullptr);
            QCOMPARE(shownIds(row, EntryModel::kPageSize),
                     offsetPageIds(row, EntryModel::kPageSize));
        }
        // Scrolling back up from there (no cursor for the page before): seeks as well.
        for (const auto &[row, skip] : {std::pair<int, qint64>{4000, 400}, {3800, 200}}) {
            m_asked.clear();
            look(row + EntryModel::kPageSize - 1);
            QCOMPARE(m_asked.size(), 1);
            QCOMPARE(m_asked.constFirst().firstRow, row);
            QVERIFY(!m_asked.constFirst().request.after.isEmpty());
            QCOMPARE(m_asked.constFirst().request.offset, skip);
            QTRY_VERIFY(m_model->entryAt(row) != nullptr);
            QCOMPARE(shownIds(row, EntryModel::kPageSize),
                     offsetPageIds(row, EntryModel::kPageSize));
        }
        // Before the first milestone: a short plain offset.
        m_asked.clear();
        look(450);
        QCOMPARE(m_asked.size(), 1);
        QVERIFY(m_asked.constFirst().request.after.isEmpty());
        QCOMPARE(m_asked.constFirst().request.offset, 400);
    }

    void jumpWaitsForTheMilestonesOnTheirWay()
    {
        m_model->setMilestonePolicy(1000, 600);
        m_holdMilestones = true;
        m_model->reload();
        QTRY_VERIFY(m_model->isCountKnown());
        QTRY_VERIFY(m_heldMilestones != nullptr);
        QVERIFY(m_model->areMilestonesPending());
        QTRY_VERIFY(!m_model->isLoading());
        m_asked.clear();
        look(3005);                 // page 15
        QVERIFY(m_asked.isEmpty()); // no OFFSET 3000 queued behind the milestones
        QVERIFY(m_model->isLoading());
        m_heldMilestones();
        QCOMPARE(m_asked.size(), 1);
        QCOMPARE(m_asked.constFirst().firstRow, 3000);
        QVERIFY(!m_asked.constFirst().request.after.isEmpty());
        QCOMPARE(m_asked.constFirst().request.offset, 0);
        QTRY_VERIFY(!m_model->isLoading());
        QCOMPARE(shownIds(3000, EntryModel::kPageSize), offsetPageIds(3000, EntryModel::kPageSize));
    }

    void farJumpAsksForTheMilestonesAtOnce()
    {
        m_model->setMilestonePolicy(1000, 600, 600000); // the quiet time does not end here
        m_holdMilestones = true;
        m_model->reload();
        QTRY_VERIFY(m_model->isCountKnown());
        QTRY_VERIFY(!m_model->isLoading());
        QTest::qWait(50);
        QCOMPARE(m_milestoneRequests, 0); // a burst of reloads asks for none
        m_asked.clear();
        look(3005);
        QCOMPARE(m_milestoneRequests, 1); // the jump needs them: asked now ...
        QVERIFY(m_asked.isEmpty());       // ... and the page waits for them
        QVERIFY(m_model->isLoading());
        m_heldMilestones();
        QCOMPARE(m_asked.size(), 1);
        QVERIFY(!m_asked.constFirst().request.after.isEmpty());
        QCOMPARE(m_asked.constFirst().request.offset, 0);
        QTRY_VERIFY(m_model->entryAt(3000) != nullptr);
        QCOMPARE(shownIds(3000, EntryModel::kPageSize), offsetPageIds(3000, EntryModel::kPageSize));
        // Another reload: asked again (positions may have moved), after the quiet time.
        m_model->setMilestonePolicy(1000, 600, 100);
        m_model->reload();
        QTRY_COMPARE(m_milestoneRequests, 2);
    }

    void failedMilestonesFallBackToOffsets()
    {
        m_model->setMilestonePolicy(1000, 600, 0);
        m_failMilestones = true;
        m_model->reload();
        QTRY_VERIFY(m_model->isCountKnown());
        QTRY_VERIFY(!m_model->areMilestonesPending());
        QCOMPARE(m_milestoneRequests, 1);
        QVERIFY(m_model->milestones().isEmpty());
        m_asked.clear();
        look(3005);
        // Not asked again (each jump would wait for another slow pass): a plain offset.
        QCOMPARE(m_milestoneRequests, 1);
        QCOMPARE(m_asked.size(), 1);
        QVERIFY(m_asked.constFirst().request.after.isEmpty());
        QCOMPARE(m_asked.constFirst().request.offset, 3000);
        QTRY_VERIFY(m_model->entryAt(3000) != nullptr);
        QCOMPARE(shownIds(3000, EntryModel::kPageSize), offsetPageIds(3000, EntryModel::kPageSize));
    }

    void milestonesBelongToTheirGeneration()
    {
        m_model->setMilestonePolicy(1000, 600);
        m_holdMilestones = true;
        m_model->reload();
        QTRY_VERIFY(m_heldMilestones != nullptr);
        auto stale = m_heldMilestones;
        m_heldMilestones = nullptr;
        m_holdMilestones = false;
        m_model->sort(EntryModel::HitsColumn, Qt::DescendingOrder); // a new generation
        stale();                                                    // the old sort's: ignored
        QTRY_VERIFY(!m_model->milestones().isEmpty());
        // The milestones now are the hit-count order's: a jump shows that order's rows.
        look(2410);
        QTRY_VERIFY(m_model->entryAt(2400) != nullptr);
        QCOMPARE(shownIds(2400, EntryModel::kPageSize), offsetPageIds(2400, EntryModel::kPageSize));
        // A filter that leaves fewer rows than the threshold asks for none.
        EntryFilter few;
        few.text = QStringLiteral("u12");
        m_model->setFilter(few);
        QTRY_VERIFY(m_model->isCountKnown());
        QVERIFY(m_model->totalCount() < 1000);
        QVERIFY(!m_model->areMilestonesPending());
        QVERIFY(m_model->milestones().isEmpty());
    }

    // The whole path: the console's model, its StoreWorker in its thread, the real database.
    void consoleJumpsFromAMilestone()
    {
        auto window =
            openConnected(std::make_unique<ui::MainWindow>(), testProfile(QStringLiteral("jump")));
        QVERIFY(window);
        window->tabs()->setCurrentIndex(1);
        EntryModel *model = window->entryModel();
        QTRY_VERIFY_WITH_TIMEOUT(model->isCountKnown() && model->totalCount() == kRows, 20000);
        // The default policy: more than 20 pages, so milestones 1,000 rows apart.
        QTRY_VERIFY_WITH_TIMEOUT(!model->milestones().isEmpty(), 20000);
        QCOMPARE(model->milestoneEvery(), EntryModel::kMilestoneMinEvery);
        QCOMPARE(model->milestones().size(), kRows / EntryModel::kMilestoneMinEvery);
        QSignalSpy asked(model, &EntryModel::pageRequested);
        const int row = 3650;
        window->entryView()->scrollTo(model->index(row, 0), QAbstractItemView::PositionAtTop);
        QTRY_VERIFY_WITH_TIMEOUT(model->entryAt(row) != nullptr, 20000);
        bool seeked = false;
        for (const QList<QVariant> &args : asked) {
            const auto request = args.at(1).value<BrowseRequest>();
            if (args.at(2).toInt() == 3600) {
                QVERIFY(!request.after.isEmpty());
                QCOMPARE(request.offset, 600);
                seeked = true;
            }
        }
        QVERIFY(seeked);
        BrowseRequest plain;
        plain.sortColumn = model->sortColumn();
        plain.sortOrder = model->sortOrder();
        plain.offset = 3600;
        plain.limit = EntryModel::kPageSize;
        const auto page = m_store->browse(plain);
        QVERIFY(page.ok());
        for (int i = 0; i < EntryModel::kPageSize; ++i) {
            QVERIFY(model->entryAt(3600 + i));
            QCOMPARE(model->entryAt(3600 + i)->id, page->entries.at(i).id);
        }
    }
};

QTEST_MAIN(TestEntryModelJump)
#include "tst_entrymodeljump.moc"
