#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "core/store/types.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QTimer>

#include <optional>

namespace cc {
namespace ui {

// The entry browser's model: a window onto a table of any size. Rows arrive in pages from the
// StoreWorker (keyset paging where the previous page's cursor is known; for jumps, a seek from
// the nearest milestone plus a short offset, or a plain offset before the milestones are
// known), the row count separately; pages far from what is on screen are dropped, so memory
// stays flat at a million rows. Every request carries a generation: answers for a previous
// filter or sort are ignored.
//
// Milestones (CacheStore::browseMilestones()): once the count says the rows fill more than
// milestoneFromRows(), the model asks once per generation for every K-th row's key (K a multiple
// of the page size, at least milestoneMinEvery(), so that there are at most about 2,000), after
// milestoneDelayMs() without another reload (a burst of pushed changes reloads every few hundred
// ms: no pass over a million rows for each), or at once when a far jump needs them. A jump asked
// while they are being computed waits for them (it shows "Loading…") instead of queueing an
// OFFSET that walks half the table.
class EntryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        UserColumn,
        CredentialColumn,
        ExchangeColumn,
        EnvironmentColumn,
        OffsetColumn,
        LastSyncColumn,
        AgeColumn,
        ExpiresInColumn,
        HitsColumn,
        StateColumn,
        AheadMarginColumn, // issue 17: how far the offset may be from the 1 s "ahead" line
        ColumnCount
    };
    enum Role { EntryRole = Qt::UserRole + 1, StateRole };

    static constexpr int kPageSize = 200;
    static constexpr int kMaxPages = 24; // rows kept: at most 4,800 whatever the table holds
    static constexpr qint64 kMilestonesFromRows = 20 * kPageSize;
    static constexpr qint64 kMilestoneMinEvery = 5 * kPageSize;
    static constexpr qint64 kMaxMilestones = 2000;
    static constexpr int kMilestoneDelayMs = 1500;

    explicit EntryModel(const Clock *clock = Clock::system(), QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

    void setFilter(const EntryFilter &filter);
    const EntryFilter &filter() const { return m_filter; }
    SortColumn sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    // Throws away what is loaded and asks again (after a change elsewhere, or F5).
    void reload();
    // Gives up on the pages and count being loaded (the operator cancelled the query): their
    // answers are dropped when they come, and nothing more is asked until reload().
    void abandon();
    bool isAbandoned() const { return m_abandoned; }
    bool isLoading() const { return !m_pending.isEmpty() || m_countPending; }
    // The entry at a row if its page is loaded.
    const CacheEntry *entryAt(int row) const;
    // The row of an entry (by its identity) among the loaded pages; -1 when not loaded.
    int rowOf(const QString &userId, const QString &credentialId) const;
    qint64 totalCount() const { return m_count; }
    bool isCountKnown() const { return m_countKnown; }
    int loadedPages() const { return int(m_pages.size()); }
    quint64 generation() const { return m_generation; }
    // Marks the data as possibly out of date (connection lost): shown greyed.
    void setStale(bool stale);
    bool isStale() const { return m_stale; }
    // Milestones: asked once the count exceeds fromRows (delayMs after the count arrives, or at
    // a far jump), at least minEvery rows apart (rounded up to whole pages); for tests and
    // benchmarks on smaller tables. Applies from the next reload().
    void setMilestonePolicy(qint64 fromRows, qint64 minEvery, int delayMs = kMilestoneDelayMs);
    int milestoneDelayMs() const { return m_milestoneDelayMs; }
    qint64 milestoneFromRows() const { return m_milestonesFromRows; }
    qint64 milestoneMinEvery() const { return m_milestoneMinEvery; }
    // The milestones of this generation (empty until they arrive) and how far apart they are.
    const QList<BrowseMilestone> &milestones() const { return m_milestones; }
    qint64 milestoneEvery() const { return m_milestoneEvery; }
    bool areMilestonesPending() const { return m_milestonesPending; }

    // The ages and expiry countdowns move with the clock: repaint those columns.
    void tick();
    // The language changed: the headers and the words in the cells (states, durations) again.
    void retranslate();

    // The Ahead margin column (issue 17): aheadMarginMs() of an entry's error bound and age at
    // the measured drift of its series (ms per hour, by cache key; see
    // planningDriftByIdentity()), else the default drift; shown red below the safety. Not
    // sortable: it depends on the clock and on the metadata, which the database does not sort
    // by cheaply.
    void setPlanningDrifts(const QHash<QString, double> &msPerHourByKey);
    void setAheadSafetyMs(double safetyMs);
    double aheadSafetyMs() const { return m_aheadSafetyMs; }
    // The margin of an entry now, unset when its metadata holds no error bound.
    std::optional<double> aheadMargin(const CacheEntry &entry) const;
    static constexpr double kDefaultAheadSafetyMs = 500;

public Q_SLOTS:
    void onPageLoaded(quint64 token, int firstRow, const QList<cc::CacheEntry> &entries,
                      const QString &nextCursor);
    void onCountLoaded(quint64 token, qint64 count);
    // An empty list with an error: jumps go on with plain offsets this generation.
    void onMilestonesLoaded(quint64 token, const QList<cc::BrowseMilestone> &milestones,
                            const cc::StoreError &error);

Q_SIGNALS:
    // The model wants rows [firstRow, firstRow + kPageSize): the owner forwards this to the
    // worker, whose answer comes back through onPageLoaded with the same token.
    void pageRequested(quint64 token, const cc::BrowseRequest &request, int firstRow);
    void countRequested(quint64 token, const cc::EntryFilter &filter);
    // The model wants the milestones of `request`'s filter and sort, `every` rows apart (the
    // owner forwards it to StoreWorker::loadMilestones; the answer comes to onMilestonesLoaded).
    void milestonesRequested(quint64 token, const cc::BrowseRequest &request, qint64 every);
    // The count for the current filter arrived (an answer for an earlier one does not count).
    void countChanged(qint64 count);
    void loadingChanged(bool loading);

private:
    void requestPage(int page) const;
    quint64 token(int page) const { return (m_generation << 24) | quint64(page & 0xFFFFFF); }
    static constexpr int kMilestonesToken = 0xFFFFFF; // token(kMilestonesToken): not a page
    void requestMilestones();
    bool milestonesWorthIt() const
    {
        return m_countKnown && m_count > m_milestonesFromRows && m_milestones.isEmpty() &&
               !m_milestonesPending && !m_milestonesFailed && !m_abandoned;
    }
    void evict(int keepAround);

    const Clock *m_clock;
    EntryFilter m_filter;
    SortColumn m_sortColumn = SortColumn::CacheKey;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    quint64 m_generation = 1;
    int m_rows = 0;
    qint64 m_count = 0;
    bool m_countKnown = false;
    bool m_stale = false;
    bool m_abandoned = false;
    bool m_countPending = false;
    QHash<int, QList<CacheEntry>> m_pages;
    QHash<int, QString> m_cursors; // page -> cursor that starts it
    mutable QSet<int> m_pending;
    mutable int m_lastWanted = 0;
    QHash<QString, double> m_drifts; // ms per hour by cache key
    double m_aheadSafetyMs = kDefaultAheadSafetyMs;
    qint64 m_milestonesFromRows = kMilestonesFromRows;
    qint64 m_milestoneMinEvery = kMilestoneMinEvery;
    QList<BrowseMilestone> m_milestones; // sorted by position
    qint64 m_milestoneEvery = 0;
    bool m_milestonesPending = false;
    bool m_milestonesFailed = false; // this generation's: not asked again until reload()
    int m_milestoneDelayMs = kMilestoneDelayMs;
    QTimer m_milestoneTimer;      // the quiet time after a count before they are asked
    mutable QSet<int> m_deferred; // pages (also in m_pending) waiting for the milestones
};

QString formatDuration(qint64 ms); // "4s", "12m 5s", "3h 2m", "2d 4h"

} // namespace ui
} // namespace cc
