#pragma once

// The offset over time as the sync log tells it: one line per syncing host with the error bound
// as a band around it, and the clock events marked on it. The Clock view shows one
// exchange/environment at a time in it, the details pane one credential's own syncs. It is fed
// log records and events and knows nothing of the store.

#include "core/timesync/clockhealth.h"

#include <QChartView>
#include <QList>
#include <QStringList>

class QAreaSeries;
class QLineSeries;
class QScatterSeries;

namespace cc {
namespace ui {

class SyncHistoryChart : public QChartView
{
    Q_OBJECT

public:
    explicit SyncHistoryChart(const QString &title, QWidget *parent = nullptr);

    // Draws the ok syncs of `records` (failed syncs and rejections are left out of the lines):
    // one offset line and bound band per host, in time order; `events` (steps, reboots,
    // rejections) are marked at the offset their host's line has at that moment. Replaces what
    // was shown.
    void setRecords(const QList<SyncLogRecord> &records,
                    const QList<ClockEvent> &events = QList<ClockEvent>());
    void clear();
    // Compact (the details pane): no axis titles, fewer ticks, a legend only for several hosts.
    void setCompact(bool compact) { m_compact = compact; }

    // For tests and tooltips: the hosts drawn, a host's offset line and band, and the markers
    // ("steps": exchange and host steps and reboots; "rejections").
    QStringList hosts() const;
    QLineSeries *offsetSeries(const QString &host) const;
    QAreaSeries *boundBand(const QString &host) const;
    QScatterSeries *stepMarkers() const { return m_steps; }
    QScatterSeries *rejectionMarkers() const { return m_rejections; }

protected:
    // A language switched at run time: drawn again (axis title, series' names), and the title
    // translated again when its owner kept it with Retranslate::keep(chart(), "title", ...).
    void changeEvent(QEvent *event) override;

private:
    void draw();
    void clearChart();

    QList<SyncLogRecord> m_records;
    QList<ClockEvent> m_events;
    QScatterSeries *m_steps = nullptr;
    QScatterSeries *m_rejections = nullptr;
    bool m_compact = false;
};

} // namespace ui
} // namespace cc
