#pragma once

#include "core/store/cachestats.h"

#include <QHash>
#include <QObject>

class QChartView;
class QLabel;
class QWidget;

namespace cc {
namespace ui {

// What the dashboard's start-up and growth figures come from, over the chosen range: the
// connectors' initialisation times by outcome (the per-minute histograms), the syncs they
// avoided and the time that saved, the expiration rate and the table's size.
struct StartupFigures
{
    qint64 hitStarts = 0;
    qint64 missStarts = 0;
    double hitP50Ms = -1; // -1: no start of that kind in the range
    double hitP95Ms = -1;
    double missP50Ms = -1;
    double missP95Ms = -1;
    double hitMeanMs = -1;
    double missMeanMs = -1;
    qint64 expired = 0;
    double expiredPerHour = 0;
    qint64 entries = -1;   // the last sample, -1 when none
    qint64 sizeBytes = -1; // the last sample (PostgreSQL), -1 when none
    // Time saved: each hit start avoided a miss's measured cost, less the hit's own.
    double savedMs() const
    {
        return hitStarts > 0 && missMeanMs >= 0 && hitMeanMs >= 0
                   ? double(hitStarts) * qMax(0.0, missMeanMs - hitMeanMs)
                   : -1;
    }
};

// The seed's figures the dashboard compares with: 250 ms with the cache, 1,700 ms without.
constexpr double kSeedHitMs = 250.0;
constexpr double kSeedMissMs = 1700.0;

// The dashboard's start-up part: four cards, two by two (hit p50/p95, miss p50/p95 with the
// seed's figures, time saved, expired per hour and size) and two charts (initialisation p95 per
// bucket by outcome with the seed's figures as lines; expirations and size over time). Numbers in
// the locale's separators.
class StartupPanel : public QObject
{
    Q_OBJECT

public:
    explicit StartupPanel(QWidget *parent);

    QWidget *cards() const { return m_cardsWidget; }
    QChartView *timesChart() const { return m_timesView; }
    QChartView *growthChart() const { return m_growthView; }
    QString cardText(const QString &key) const;    // "hitInit", "missInit", "timeSaved", "growth"
    QString cardNote(const QString &key) const;    // its tooltip: counts, the seed's figure
    QString cardCaption(const QString &key) const; // its caption ("Time saved")

    static StartupFigures figures(const QList<HistoryBucket> &history, int rangeMinutes);
    void showData(const QList<HistoryBucket> &history, int bucketMinutes, int rangeMinutes);
    void setStale(bool stale);

protected:
    // QEvent::LanguageChange of the cards' widget: everything shown in the new language.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLabel *addCard(const QString &key, int column);
    void setNote(const QString &key, const QString &note);
    void retranslate(); // the captions and the charts' titles

    QWidget *m_cardsWidget;
    QHash<QString, QLabel *> m_cards;
    QHash<QString, QLabel *> m_captions;
    // The data last shown, shown again in a new language.
    QList<HistoryBucket> m_history;
    int m_bucketMinutes = 1;
    int m_rangeMinutes = 60;
    bool m_shown = false;
    bool m_stale = false;
    QHash<QString, QWidget *> m_frames;
    QChartView *m_timesView;
    QChartView *m_growthView;
};

} // namespace ui
} // namespace cc
