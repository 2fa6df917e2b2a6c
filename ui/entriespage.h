#pragma once

#include "core/store/types.h"
#include "core/timesync/clockhealth.h"

#include <QPair>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QStringListModel;
class QPlainTextEdit;
class QSettings;
class QSplitter;
class QTableView;

namespace cc {
namespace ui {

class EntryModel;
class SyncHistoryChart;

// The Entries page: the filter bar (text and state), the entry table on an EntryModel and the
// details of the selected entry beside it. It asks for nothing itself: the model's page and
// count requests go to whoever forwards them to the worker (the main window).
class EntriesPage : public QWidget
{
    Q_OBJECT

public:
    explicit EntriesPage(QWidget *parent = nullptr);

    EntryModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *stateCombo() const { return m_stateCombo; }
    QPlainTextEdit *detailsPane() const { return m_details; }

    // The loaded entries among the selected rows (a row whose page is not loaded is left out).
    QList<CacheEntry> selectedEntries() const;
    // The entry of the one selected row, if exactly one is selected and loaded.
    const CacheEntry *currentEntry() const;
    // The window's actions on the rows, offered by right click after the page's own.
    void addRowActions(const QList<QAction *> &actions);
    // While not connected the filter is checked but not applied; connecting applies it.
    void setConnected(bool connected);
    // Greys the table and details (as the dashboard's cards) while they may be out of date.
    void setStale(bool stale);
    // Parses the filter bar into the model's filter (or shows why it cannot).
    void applyFilter();

    // The filters applied lately (newest first, at most kRecentFilters), offered as completions.
    QStringList recentFilters() const { return m_recent; }
    static constexpr int kRecentFilters = 10;
    // Filters saved under a name (kept in the settings at once), offered by the Saved button.
    void saveFilter(const QString &name, const QString &text);
    QList<QPair<QString, QString>> savedFilters() const; // name, filter text
    // Shown when the filter matches nothing: says so, with a button that clears the filter.
    QWidget *noMatchesBar() const { return m_noMatches; }
    QLabel *filterWarning() const { return m_filterWarning; }

    // The selected credential's own sync history (issue 17), below its details: asked for by
    // syncHistoryRequested when one entry is selected, shown by showSyncHistory.
    SyncHistoryChart *syncHistoryChart() const { return m_history; }
    void showSyncHistory(const QString &cacheKey, const QList<cc::SyncLogRecord> &records);

    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);

    // Widens the User column to the widest user ID on screen (never narrower than it is).
    void fitUserColumn();
    static constexpr int kUserColumnLimit = 360; // px; longer IDs are elided in the middle

protected:
    // A language switched at run time: titles, headers, the filter bar and details again.
    void changeEvent(QEvent *event) override;

Q_SIGNALS:
    void syncHistoryRequested(const QString &cacheKey);

private:
    void fitColumnsToTitles();
    void retranslateStates();
    void showDetails();
    // Refreshes and pushed changes reload the model: the selection is kept by identity and
    // re-selected once its rows are loaded again (the details pane stays meanwhile).
    void rememberSelection();
    void restoreSelection();
    void rememberFilter();
    void rebuildSavedMenu();
    // The state combo's choice written into the filter text as its state: term.
    void stateChosen();

    bool m_connected = false;
    QList<QPair<QString, QString>> m_reselect; // (userId, credentialId) to select after a reload
    bool m_restoring = false;
    EntryModel *m_model;
    QTableView *m_view;
    QLineEdit *m_filter;
    QComboBox *m_stateCombo;
    QLabel *m_filterError;
    QLabel *m_filterWarning;
    QWidget *m_noMatches;
    QMenu *m_savedMenu;
    QStringList m_recent;
    QStringListModel *m_recentModel;
    QLabel *m_countLabel;
    QPlainTextEdit *m_details;
    QSplitter *m_splitter;
    SyncHistoryChart *m_history;
    QString m_historyKey;  // the credential the chart is for (or is being loaded for)
    int m_sortSection = 0; // the last sortable column sorted by
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace ui
} // namespace cc
