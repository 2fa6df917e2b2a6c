#pragma once

#include "core/clock.h"
#include "core/store/types.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

#include <optional>

namespace cc {
namespace ui {

// The entry browser's model: a window onto a table of any size. Rows arrive in pages from the
// StoreWorker (keyset paging where the previous page's cursor is known, an offset for jumps),
// the row count separately; pages far from what is on screen are dropped, so memory stays flat
// at a million rows. Every request carries a generation: answers for a previous filter or sort
// are ignored.
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

Q_SIGNALS:
    // The model wants rows [firstRow, firstRow + kPageSize): the owner forwards this to the
    // worker, whose answer comes back through onPageLoaded with the same token.
    void pageRequested(quint64 token, const cc::BrowseRequest &request, int firstRow);
    void countRequested(quint64 token, const cc::EntryFilter &filter);
    // The count for the current filter arrived (an answer for an earlier one does not count).
    void countChanged(qint64 count);
    void loadingChanged(bool loading);

private:
    void requestPage(int page) const;
    quint64 token(int page) const { return (m_generation << 24) | quint64(page & 0xFFFFFF); }
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
};

QString formatDuration(qint64 ms); // "4s", "12m 5s", "3h 2m", "2d 4h"

} // namespace ui
} // namespace cc
