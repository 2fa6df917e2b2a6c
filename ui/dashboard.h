#pragma once

#include "core/store/types.h"

#include <QChart>
#include <QHash>
#include <QWidget>

class QAction;
class QChartView;
class QComboBox;
class QGridLayout;
class QLabel;
class QToolButton;
class QTimer;

namespace cc {
namespace ui {

class StartupPanel;

// Cards and charts: entries by state, hit rate over the chosen range, hits and misses per
// bucket, the expiry outlook and the breakdown by exchange and environment. It asks for data
// (dashboardRequested) on its refresh interval while visible, never while hidden or paused.
class Dashboard : public QWidget
{
    Q_OBJECT

public:
    explicit Dashboard(QWidget *parent = nullptr);

    int rangeMinutes() const;
    int bucketMinutes() const;
    bool isPaused() const;
    int intervalSeconds() const;
    void setStale(bool stale);
    // The value shown on a card, for tests: "entries", "valid", "expired", "invalid",
    // "hitRate", "misses", "saved", "oldest".
    QString cardText(const QString &key) const;
    QChartView *hitRateChart() const { return m_rateView; }
    QChartView *trafficChart() const { return m_trafficView; }
    QList<QChartView *> charts() const;
    // Start-up times, time saved, expiration and size (startuppanel.h).
    StartupPanel *startupPanel() const { return m_startup; }
    void setChartTheme(QChart::ChartTheme theme);
    // The tooltip for the mouse at `pos` (viewport coordinates) over a line chart: the values of
    // the nearest point within kTipRadius pixels, empty when none is that near.
    QString pointTipAt(QChartView *view, const QPoint &pos) const;
    static constexpr int kTipRadius = 40;
    // From this width on the charts stand three in a row, below it two.
    static constexpr int kThreeColumnsFrom = 1200;

    // Exact counts (issue 15): beyond a size the counts by state are estimated from a sample
    // ("≈"). This action (in the count cards' context menu, on a click on an estimate, and in
    // View) asks for an exact count (exactCountRequested); meanwhile the dashboard says
    // "counting…" with a Cancel button (exactCountCancelled). Enabled while estimates show.
    QAction *countExactlyAction() const { return m_countExactly; }
    bool isShowingEstimates() const { return m_estimated; }
    bool isCountingExactly() const { return m_counting; }
    QLabel *exactCountStatus() const { return m_exactStatus; }
    QToolButton *cancelExactCountButton() const { return m_cancelExact; }
    // The exact count's answer: the count cards show it, and the status line keeps it.
    void showExactCounts(const cc::CacheStats &stats);
    // The exact count did not come: cancelled by the operator, or failed with `message`.
    void exactCountStopped(bool cancelled, const QString &message = QString());

public Q_SLOTS:
    void showData(const cc::CacheStats &stats, const QList<cc::HistoryBucket> &history,
                  const QList<cc::BreakdownRow> &breakdown, int bucketMinutes);
    void refreshNow();

Q_SIGNALS:
    void dashboardRequested(int rangeMinutes, int bucketMinutes);
    void exactCountRequested(int rangeMinutes);
    void exactCountCancelled();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override; // a language switched at run time
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QLabel *addCard(const QString &key, const char *title); // title: the source text
    void retranslateChoices();
    // The charts in `columns` columns (2 or 3), row by row.
    void layoutCharts(int columns);
    void updateTimer();
    void setCounting(bool counting);
    void showCounts(const cc::CacheStats &stats, const QString &tip);

    QHash<QString, QLabel *> m_cards;
    QComboBox *m_range;
    QComboBox *m_interval;
    QToolButton *m_pause;
    QLabel *m_updated;
    QTimer *m_timer;
    QGridLayout *m_charts;
    int m_chartColumns = 0;
    QChartView *m_rateView;
    QChartView *m_trafficView;
    QChartView *m_expiryView;
    QChartView *m_breakdownView;
    QString m_timeFormat = QStringLiteral("HH:mm");
    StartupPanel *m_startup;
    QAction *m_countExactly;
    QLabel *m_exactStatus;
    QToolButton *m_cancelExact;
    bool m_estimated = false;
    bool m_counting = false;
};

} // namespace ui
} // namespace cc
