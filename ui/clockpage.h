#pragma once

// The Clock view (issue 17): what the sync log says about the clocks in the chosen range. The
// offset over time of one exchange/environment (a line and bound band per host, steps marked),
// the drift per host, the round-trip and error-bound distributions per exchange and the clock
// events, each linked to the entries it touched. It asks for data (clockRequested) on its
// refresh interval while visible and is handed the log and its analysis (showData); it never
// reads the store itself.

#include "core/timesync/clockhealth.h"

#include <QChart>
#include <QHash>
#include <QWidget>

class QBarSeries;
class QChartView;
class QComboBox;
class QLabel;
class QStackedWidget;
class QTableWidget;
class QTimer;

namespace cc {
namespace ui {

class SyncHistoryChart;

// The drift to plan each credential's ahead margin with (ms per hour), by cache key: that of
// the series it last synced in, when that series' drift is known; credentials of series
// without enough data are absent (the caller uses the default).
QHash<QString, double> planningDriftByIdentity(const ClockHealthReport &report);

// A cache key back into its user and credential IDs (CacheStore::cacheKey()'s inverse); false
// when it is not of that form.
bool splitCacheKey(const QString &key, QString *userId, QString *credentialId);

class ClockPage : public QWidget
{
    Q_OBJECT

public:
    explicit ClockPage(QWidget *parent = nullptr);

    // The range chosen, as the dashboard's: minutes back from now.
    int rangeMinutes() const;
    void setStale(bool stale);
    // The charts' theme (View → Theme); what is shown is drawn again in it.
    void setChartTheme(QChart::ChartTheme theme);

    // For tests and tools.
    QComboBox *rangeCombo() const { return m_range; }
    QComboBox *groupCombo() const { return m_group; }
    SyncHistoryChart *offsetChart() const { return m_offset; }
    QChartView *rttChart() const { return m_rtt; }
    QChartView *boundChart() const { return m_bound; }
    QTableWidget *driftTable() const { return m_drift; }
    QTableWidget *eventTable() const { return m_events; }
    QTableWidget *touchedTable() const { return m_touched; }
    QLabel *emptyState() const { return m_empty; }
    bool isEmptyShown() const;
    const ClockHealthReport &report() const { return m_report; }
    const QList<SyncLogRecord> &records() const { return m_records; }
    // The events table's columns.
    enum EventColumn { EventTime, EventKind, EventExchange, EventHosts, EventChange, EventEntries };
    enum DriftColumn {
        DriftExchange,
        DriftHost,
        DriftValue,
        DriftSyncs,
        DriftLastSync,
        DriftOffset,
        DriftBound
    };

    static QString eventKindText(ClockEventKind kind);

public Q_SLOTS:
    // The log of the range (oldest first) and its analysis. truncated: the log held more rows
    // than were loaded (the oldest were left out).
    void showData(const QList<cc::SyncLogRecord> &records, const cc::ClockHealthReport &report,
                  bool truncated);
    void refreshNow();
    // Activates the events table's row (as a double click or Enter does).
    void activateEvent(int row);

Q_SIGNALS:
    void clockRequested(qint64 sinceMs, qint64 untilMs);
    // Show these entries in the Entries view: by identity (cache keys) or, when an event
    // touched several, the exchange/environment with the keys to pick from.
    void entriesRequested(const QStringList &identities, const QString &exchange,
                          const QString &environment);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override; // a language switched at run time

private:
    void retranslateChoices();
    void retranslateHeaders();
    void showUpdated();
    void showEmptyText();
    void updateTimer();
    void showGroup();
    void fillDrift();
    void fillDistributions();
    void fillEvents();
    void showTouched();

    QComboBox *m_range;
    QComboBox *m_group;
    QLabel *m_updated;
    QLabel *m_empty;
    QStackedWidget *m_stack;
    SyncHistoryChart *m_offset;
    QChartView *m_rtt;
    QChartView *m_bound;
    QTableWidget *m_drift;
    QTableWidget *m_events;
    QTableWidget *m_touched;
    QTimer *m_timer;
    QList<SyncLogRecord> m_records;
    ClockHealthReport m_report;
    QString m_updatedAt; // when the data shown came (HH:mm:ss), empty before any
    bool m_truncated = false;
    bool m_stale = false;
};

} // namespace ui
} // namespace cc
