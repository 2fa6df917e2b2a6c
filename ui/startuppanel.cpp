#include "ui/startuppanel.h"
#include "ui/cards.h"
#include "ui/countaxis.h"

#include "ui/timedisplay.h"

#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QDateTimeAxis>
#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QVBoxLayout>
#include <QValueAxis>

namespace cc {
namespace ui {

namespace {

InitTimes hitsOf(const HistoryBucket &b)
{
    return b.initTimes(InitOutcome::Hit);
}
// A miss: the offset synced with the exchange (the seed's 1,700 ms path).
InitTimes missesOf(const HistoryBucket &b)
{
    return b.initTimes(InitOutcome::MissSynced);
}
double quantile(const InitTimes &t, double q)
{
    return t.quantileMs(q).value_or(-1.0);
}

QString ms(double v)
{
    return v < 0 ? QStringLiteral("–") : QLocale().toString(v, 'f', 0);
}

QString duration(double milliseconds)
{
    const qint64 s = qint64(milliseconds / 1000.0);
    const QLocale locale;
    if (s >= 2 * 3600)
        return QCoreApplication::translate("StartupPanel", "%1 h").arg(locale.toString(s / 3600));
    if (s >= 120)
        return QCoreApplication::translate("StartupPanel", "%1 min").arg(locale.toString(s / 60));
    return QCoreApplication::translate("StartupPanel", "%1 s").arg(locale.toString(s));
}

QChartView *chartView(QWidget *parent)
{
    return makeChartView(parent);
}

void clear(QChart *chart)
{
    chart->setLocale(QLocale());
    chart->removeAllSeries();
    const auto axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        chart->removeAxis(axis);
        delete axis;
    }
}

} // namespace

StartupPanel::StartupPanel(QWidget *parent)
    : QObject(parent)
    , m_cardsWidget(new QWidget(parent))
{
    setObjectName(QStringLiteral("startupPanel"));
    auto *grid = new QGridLayout(m_cardsWidget);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    for (const QString &key : {QStringLiteral("hitInit"), QStringLiteral("missInit"),
                               QStringLiteral("timeSaved"), QStringLiteral("growth")})
        addCard(key, int(m_cards.size()));
    m_timesView = chartView(parent);
    m_timesView->setObjectName(QStringLiteral("startupChart"));
    m_growthView = chartView(parent);
    m_growthView->setObjectName(QStringLiteral("growthChart"));
    retranslate();
    // This is no widget: the cards' widget tells it when the language changes.
    m_cardsWidget->installEventFilter(this);
}

void StartupPanel::retranslate()
{
    const QLocale locale;
    m_captions.value(QStringLiteral("hitInit"))
        ->setText(
            tr("Start-up, hit p50/p95 · seed %1 ms").arg(locale.toString(kSeedHitMs, 'f', 0)));
    m_captions.value(QStringLiteral("missInit"))
        ->setText(
            tr("Start-up, miss p50/p95 · seed %1 ms").arg(locale.toString(kSeedMissMs, 'f', 0)));
    m_captions.value(QStringLiteral("timeSaved"))->setText(tr("Time saved"));
    m_captions.value(QStringLiteral("growth"))->setText(tr("Expired per hour · entries"));
    m_timesView->chart()->setTitle(tr("Connector start-up time, p95"));
    m_growthView->chart()->setTitle(tr("Expirations and size"));
}

QString StartupPanel::cardCaption(const QString &key) const
{
    const QLabel *label = m_captions.value(key);
    return label ? label->text() : QString();
}

bool StartupPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_cardsWidget && event->type() == QEvent::LanguageChange) {
        // The captions and titles, then the figures, notes, series and axes drawn again from
        // the data last shown, in the new language's words and numbers.
        retranslate();
        if (m_shown) {
            const bool stale = m_stale;
            showData(m_history, m_bucketMinutes, m_rangeMinutes);
            setStale(stale);
        }
    }
    return QObject::eventFilter(watched, event);
}

QLabel *StartupPanel::addCard(const QString &key, int column)
{
    QLabel *caption = nullptr;
    QLabel *value = makeCard(key, m_cardsWidget, &caption);
    caption->setObjectName(QStringLiteral("caption_") + key);
    m_captions.insert(key, caption);
    auto *frame = value->parentWidget();
    m_cards.insert(key, value);
    m_frames.insert(key, frame);
    // Two by two, beside the dashboard's own cards: no height taken from the charts.
    static_cast<QGridLayout *>(m_cardsWidget->layout())->addWidget(frame, column / 2, column % 2);
    return value;
}

QString StartupPanel::cardText(const QString &key) const
{
    const QLabel *label = m_cards.value(key);
    return label ? label->text() : QString();
}

QString StartupPanel::cardNote(const QString &key) const
{
    const QWidget *frame = m_frames.value(key);
    return frame ? frame->toolTip() : QString();
}

void StartupPanel::setNote(const QString &key, const QString &note)
{
    m_frames.value(key)->setToolTip(note);
    m_cards.value(key)->setToolTip(note);
}

void StartupPanel::setStale(bool stale)
{
    m_stale = stale;
    for (QLabel *label : std::as_const(m_cards))
        label->setEnabled(!stale);
}

StartupFigures StartupPanel::figures(const QList<HistoryBucket> &history, int rangeMinutes)
{
    StartupFigures f;
    InitTimes hits;
    InitTimes misses;
    for (const HistoryBucket &b : history) {
        hits.merge(hitsOf(b));
        misses.merge(missesOf(b));
        f.expired += b.expired;
        if (b.entries >= 0)
            f.entries = b.entries;
        if (b.sizeBytes >= 0)
            f.sizeBytes = b.sizeBytes;
    }
    f.hitStarts = hits.count;
    f.missStarts = misses.count;
    f.hitP50Ms = quantile(hits, 0.5);
    f.hitP95Ms = quantile(hits, 0.95);
    f.missP50Ms = quantile(misses, 0.5);
    f.missP95Ms = quantile(misses, 0.95);
    f.hitMeanMs = hits.count > 0 ? hits.sumMs / double(hits.count) : -1;
    f.missMeanMs = misses.count > 0 ? misses.sumMs / double(misses.count) : -1;
    f.expiredPerHour = rangeMinutes > 0 ? double(f.expired) * 60.0 / double(rangeMinutes) : 0;
    return f;
}

void StartupPanel::showData(const QList<HistoryBucket> &history, int bucketMinutes,
                            int rangeMinutes)
{
    m_history = history;
    m_bucketMinutes = bucketMinutes;
    m_rangeMinutes = rangeMinutes;
    m_shown = true;
    const QLocale locale;
    const StartupFigures f = figures(history, rangeMinutes);
    m_cards.value(QStringLiteral("hitInit"))
        ->setText(tr("%1 / %2 ms").arg(ms(f.hitP50Ms), ms(f.hitP95Ms)));
    setNote(QStringLiteral("hitInit"),
            tr("%Ln starts with a cache hit in the range; the seed measured %1 ms with the cache",
               nullptr, int(f.hitStarts))
                .arg(locale.toString(kSeedHitMs, 'f', 0)));
    m_cards.value(QStringLiteral("missInit"))
        ->setText(tr("%1 / %2 ms").arg(ms(f.missP50Ms), ms(f.missP95Ms)));
    setNote(QStringLiteral("missInit"),
            tr("%Ln starts that synced with the exchange in the range; the seed measured %1 ms "
               "without the cache",
               nullptr, int(f.missStarts))
                .arg(locale.toString(kSeedMissMs, 'f', 0)));
    const double saved = f.savedMs();
    m_cards.value(QStringLiteral("timeSaved"))
        ->setText(saved < 0 ? QStringLiteral("–") : duration(saved));
    setNote(QStringLiteral("timeSaved"),
            tr("%Ln syncs saved × %1 ms: each start with a cache hit avoided a miss's measured "
               "cost (the mean start-up with a miss in the range) less its own",
               nullptr, int(f.hitStarts))
                .arg(ms(f.missMeanMs >= 0 && f.hitMeanMs >= 0 ? f.missMeanMs - f.hitMeanMs : -1)));
    m_cards.value(QStringLiteral("growth"))
        ->setText(
            tr("%1 · %2").arg(locale.toString(f.expiredPerHour, 'f', f.expiredPerHour < 10 ? 1 : 0),
                              f.entries < 0 ? QStringLiteral("–") : locale.toString(f.entries)));
    setNote(QStringLiteral("growth"),
            f.sizeBytes < 0
                ? tr("Entries that expired unrenewed, per hour over the range; entries in the "
                     "table as last sampled")
                : tr("Entries that expired unrenewed, per hour over the range; entries in the "
                     "table as last sampled (%1)")
                      .arg(locale.formattedDataSize(f.sizeBytes)));
    setStale(false);

    // Start-up p95 per bucket, with the seed's figures as reference lines.
    QChart *times = m_timesView->chart();
    QChart *growth = m_growthView->chart();
    clear(times);
    clear(growth);
    auto *hitLine = new QLineSeries;
    hitLine->setName(tr("hit"));
    auto *missLine = new QLineSeries;
    missLine->setName(tr("miss"));
    auto *seedHit = new QLineSeries;
    seedHit->setName(tr("seed %1 ms").arg(locale.toString(kSeedHitMs, 'f', 0)));
    auto *seedMiss = new QLineSeries;
    seedMiss->setName(tr("seed %1 ms").arg(locale.toString(kSeedMissMs, 'f', 0)));
    const QColor blue(0x2f, 0x80, 0xed), amber(0xe0, 0x9b, 0x1a);
    hitLine->setPen(QPen(blue, 2));
    missLine->setPen(QPen(amber, 2));
    seedHit->setPen(QPen(blue, 1, Qt::DashLine));
    seedMiss->setPen(QPen(amber, 1, Qt::DashLine));
    auto *expiredLine = new QLineSeries;
    expiredLine->setName(tr("expired unrenewed"));
    expiredLine->setPen(QPen(QColor(0xd0, 0x3b, 0x3b), 2));
    auto *entriesLine = new QLineSeries;
    entriesLine->setName(tr("entries"));
    entriesLine->setPen(QPen(QColor(0x2e, 0x8b, 0x57), 2));
    double maxMs = kSeedMissMs;
    qint64 maxExpired = 1;
    qint64 maxEntries = 1;
    for (const HistoryBucket &b : history) {
        const qreal x = qreal(b.start.toMSecsSinceEpoch() + TimeDisplay::axisShiftMs(b.start));
        const double hp = quantile(hitsOf(b), 0.95);
        const double mp = quantile(missesOf(b), 0.95);
        if (hp >= 0)
            hitLine->append(x, hp);
        if (mp >= 0)
            missLine->append(x, mp);
        maxMs = qMax(maxMs, qMax(hp, mp));
        expiredLine->append(x, qreal(b.expired));
        maxExpired = qMax(maxExpired, b.expired);
        if (b.entries >= 0) {
            entriesLine->append(x, qreal(b.entries));
            maxEntries = qMax(maxEntries, b.entries);
        }
    }
    const qint64 bucketMs = qint64(bucketMinutes) * 60 * 1000;
    qreal x0 = 0;
    qreal x1 = 1;
    if (!history.isEmpty()) {
        const QDateTime last = history.constLast().start.toLocalTime().addMSecs(
            TimeDisplay::axisShiftMs(history.constLast().start));
        x0 = qreal(last.addMSecs(bucketMs - qint64(rangeMinutes) * 60 * 1000).toMSecsSinceEpoch());
        x1 = qreal(last.addMSecs(bucketMs).toMSecsSinceEpoch());
    }
    seedHit->append(x0, kSeedHitMs);
    seedHit->append(x1, kSeedHitMs);
    seedMiss->append(x0, kSeedMissMs);
    seedMiss->append(x1, kSeedMissMs);
    const QString format =
        bucketMinutes >= 60 ? QStringLiteral("dd MMM HH:mm") : QStringLiteral("HH:mm");
    auto timeAxis = [&]() {
        auto *x = new QDateTimeAxis;
        x->setFormat(format);
        x->setTickCount(bucketMinutes >= 60 ? 8 : 7);
        x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(x0)),
                    QDateTime::fromMSecsSinceEpoch(qint64(x1)));
        x->setTitleText(tr("time (%1)").arg(TimeDisplay::zoneName()));
        return x;
    };
    auto valueAxis = [](double maxY, const QString &title) {
        auto *y = new QValueAxis;
        setCountRange(y, maxY); // whole numbers: milliseconds and counts alike
        y->setTitleText(title);
        return y;
    };
    for (QLineSeries *s : {hitLine, missLine, seedHit, seedMiss})
        times->addSeries(s);
    QDateTimeAxis *tx = timeAxis();
    QValueAxis *ty = valueAxis(maxMs * 1.1, tr("ms"));
    times->addAxis(tx, Qt::AlignBottom);
    times->addAxis(ty, Qt::AlignLeft);
    for (QLineSeries *s : {hitLine, missLine, seedHit, seedMiss}) {
        s->attachAxis(tx);
        s->attachAxis(ty);
    }

    growth->addSeries(expiredLine);
    growth->addSeries(entriesLine);
    QDateTimeAxis *gx = timeAxis();
    QValueAxis *gy =
        valueAxis(double(maxExpired) * 1.1,
                  bucketMinutes == 1 ? tr("per minute") : tr("per %1 min").arg(bucketMinutes));
    QValueAxis *gy2 = valueAxis(double(maxEntries) * 1.1, tr("entries"));
    growth->addAxis(gx, Qt::AlignBottom);
    growth->addAxis(gy, Qt::AlignLeft);
    growth->addAxis(gy2, Qt::AlignRight);
    expiredLine->attachAxis(gx);
    expiredLine->attachAxis(gy);
    entriesLine->attachAxis(gx);
    entriesLine->attachAxis(gy2);
}

} // namespace ui
} // namespace cc
