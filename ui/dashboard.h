#pragma once

#include "core/store/types.h"

#include <QChart>
#include <QHash>
#include <QWidget>

class QChartView;
class QComboBox;
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

public Q_SLOTS:
    void showData(const cc::CacheStats &stats, const QList<cc::HistoryBucket> &history,
                  const QList<cc::BreakdownRow> &breakdown, int bucketMinutes);
    void refreshNow();

Q_SIGNALS:
    void dashboardRequested(int rangeMinutes, int bucketMinutes);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QLabel *addCard(const QString &key, const QString &title);
    void updateTimer();

    QHash<QString, QLabel *> m_cards;
    QComboBox *m_range;
    QComboBox *m_interval;
    QToolButton *m_pause;
    QLabel *m_updated;
    QTimer *m_timer;
    QChartView *m_rateView;
    QChartView *m_trafficView;
    QChartView *m_expiryView;
    QChartView *m_breakdownView;
    QString m_timeFormat = QStringLiteral("HH:mm");
    StartupPanel *m_startup;
};

} // namespace ui
} // namespace cc
