#include "ui/dashboard.h"
#include "ui/cards.h"
#include "ui/countaxis.h"
#include "ui/timedisplay.h"

#include "ui/entrymodel.h"
#include "ui/icons.h"
#include "ui/retranslate.h"
#include "ui/startuppanel.h"

#include <QAction>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLineF>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QPen>
#include <QScrollArea>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

namespace cc {
namespace ui {

namespace {

template<typename T>
T *kept(T *object, const char *property, const char *source)
{
    return Retranslate::keep(object, property, Dashboard::staticMetaObject.className(), source);
}

// A dashboard chart whose `title` is the source text, translated again when the language
// changes.
QChartView *chartView(const char *title, QWidget *parent)
{
    QChartView *view = makeChartView(parent);
    kept(view->chart(), "title", title);
    return view;
}

void clearChart(QChart *chart)
{
    chart->setLocale(QLocale()); // the language may have been chosen after the chart was made
    chart->removeAllSeries();
    const auto axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        chart->removeAxis(axis);
        delete axis;
    }
}

} // namespace

Dashboard::Dashboard(QWidget *parent)
    : QWidget(parent)
    , m_timer(new QTimer(this))
{
    // The controls stay on top; the cards and charts below scroll when the window is smaller
    // than they need (1024×640): the charts keep the height their labels need.
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("dashboardScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);

    auto *controls = new QHBoxLayout;
    controls->addWidget(kept(new QLabel(this), "text", QT_TR_NOOP("Range:")));
    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("rangeCombo"));
    m_range->addItem(QString(), QList<QVariant>{60, 1});
    m_range->addItem(QString(), QList<QVariant>{24 * 60, 15});
    m_range->addItem(QString(), QList<QVariant>{7 * 24 * 60, 120});
    m_range->setCurrentIndex(1);
    controls->addWidget(m_range);
    controls->addSpacing(16);
    controls->addWidget(kept(new QLabel(this), "text", QT_TR_NOOP("Refresh every:")));
    m_interval = new QComboBox(this);
    m_interval->setObjectName(QStringLiteral("intervalCombo"));
    for (int seconds : {5, 15, 30, 60, 300})
        m_interval->addItem(QString(), seconds);
    retranslateChoices();
    m_interval->setCurrentIndex(1);
    controls->addWidget(m_interval);
    m_pause = new QToolButton(this);
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_pause->setCheckable(true);
    m_pause->setText(tr("Pause"));
    m_pause->setIcon(resourceIcon("pause"));
    m_pause->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    kept(m_pause, "toolTip", QT_TR_NOOP("Stop refreshing the dashboard"));
    controls->addWidget(m_pause);
    controls->addStretch();
    // The exact count's progress and outcome, with its Cancel (see countExactlyAction()).
    m_exactStatus = new QLabel(this);
    m_exactStatus->setObjectName(QStringLiteral("exactCountStatus"));
    controls->addWidget(m_exactStatus);
    m_cancelExact = new QToolButton(this);
    m_cancelExact->setObjectName(QStringLiteral("cancelExactCountButton"));
    kept(m_cancelExact, "text", QT_TR_NOOP("Cancel"));
    kept(m_cancelExact, "toolTip", QT_TR_NOOP("Stop counting exactly; the estimates stay"));
    m_cancelExact->hide();
    controls->addWidget(m_cancelExact);
    controls->addSpacing(12);
    m_updated = new QLabel(this);
    m_updated->setObjectName(QStringLiteral("updatedLabel"));
    controls->addWidget(m_updated);
    controls->setContentsMargins(9, 9, 9, 0);
    outer->addLayout(controls);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    auto *cards = new QGridLayout;
    addCard(QStringLiteral("entries"), QT_TR_NOOP("Entries"));
    addCard(QStringLiteral("valid"), QT_TR_NOOP("Valid"));
    addCard(QStringLiteral("expired"), QT_TR_NOOP("Expired"));
    addCard(QStringLiteral("invalid"), QT_TR_NOOP("Invalidated"));
    addCard(QStringLiteral("hitRate"), QT_TR_NOOP("Hit rate"));
    addCard(QStringLiteral("misses"), QT_TR_NOOP("Misses"));
    addCard(QStringLiteral("saved"), QT_TR_NOOP("Syncs saved"));
    addCard(QStringLiteral("oldest"), QT_TR_NOOP("Oldest offset"));
    // Lay the cards' frames out in two rows.
    const QStringList order{QStringLiteral("entries"), QStringLiteral("valid"),
                            QStringLiteral("expired"), QStringLiteral("invalid"),
                            QStringLiteral("hitRate"), QStringLiteral("misses"),
                            QStringLiteral("saved"),   QStringLiteral("oldest")};
    for (int i = 0; i < order.size(); ++i)
        cards->addWidget(m_cards.value(order.at(i))->parentWidget(), i / 4, i % 4);
    layout->addLayout(cards);
    m_countExactly = kept(new QAction(this), "text", QT_TR_NOOP("Count entries e&xactly"));
    m_countExactly->setObjectName(QStringLiteral("countExactly"));
    m_countExactly->setEnabled(false);
    kept(m_countExactly, "toolTip",
         QT_TR_NOOP("Count every entry instead of estimating from a sample"));
    connect(m_countExactly, &QAction::triggered, this, [this]() {
        if (m_counting || !m_estimated)
            return;
        setCounting(true);
        Q_EMIT exactCountRequested(rangeMinutes());
    });
    connect(m_cancelExact, &QToolButton::clicked, this, [this]() {
        if (!m_counting)
            return;
        Q_EMIT exactCountCancelled();
        exactCountStopped(true);
    });
    for (const QString &key : {QStringLiteral("entries"), QStringLiteral("valid"),
                               QStringLiteral("expired"), QStringLiteral("invalid")}) {
        QLabel *value = m_cards.value(key);
        value->parentWidget()->setContextMenuPolicy(Qt::ActionsContextMenu);
        value->parentWidget()->addAction(m_countExactly);
        value->installEventFilter(this); // a click on an estimate counts exactly
    }

    m_charts = new QGridLayout;
    m_rateView = chartView(QT_TR_NOOP("Hit rate"), this);
    m_rateView->setObjectName(QStringLiteral("hitRateChart"));
    m_trafficView = chartView(QT_TR_NOOP("Hits and misses"), this);
    m_trafficView->setObjectName(QStringLiteral("trafficChart"));
    m_expiryView = chartView(QT_TR_NOOP("Expiry outlook (valid entries)"), this);
    m_breakdownView = chartView(QT_TR_NOOP("Entries by exchange and environment"), this);
    // Start-up times against the seed's figures, time saved, expiration and size.
    m_startup = new StartupPanel(this);
    cards->addWidget(m_startup->cards(), 0, 4, 2, 2);
    layoutCharts(3);
    layout->addLayout(m_charts, 1);

    connect(m_range, &QComboBox::currentIndexChanged, this, &Dashboard::refreshNow);
    connect(m_interval, &QComboBox::currentIndexChanged, this, &Dashboard::updateTimer);
    connect(m_pause, &QToolButton::toggled, this, [this](bool paused) {
        m_pause->setText(paused ? tr("Resume") : tr("Pause"));
        m_pause->setIcon(resourceIcon(paused ? "resume" : "pause"));
        updateTimer();
    });
    connect(m_timer, &QTimer::timeout, this, &Dashboard::refreshNow);
    for (QChartView *view : {m_rateView, m_trafficView}) {
        view->viewport()->setMouseTracking(true);
        view->viewport()->installEventFilter(this);
    }
}

bool Dashboard::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::MouseButtonRelease && m_estimated && !m_counting &&
        static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
        for (const QString &key : {QStringLiteral("entries"), QStringLiteral("valid"),
                                   QStringLiteral("expired"), QStringLiteral("invalid")}) {
            if (watched == m_cards.value(key))
                m_countExactly->trigger();
        }
    }
    if (event->type() == QEvent::MouseMove) {
        for (QChartView *view : {m_rateView, m_trafficView}) {
            if (watched != view->viewport())
                continue;
            const auto *move = static_cast<QMouseEvent *>(event);
            const QString tip = pointTipAt(view, move->position().toPoint());
            if (tip.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(move->globalPosition().toPoint(), tip, view);
        }
    }
    return QWidget::eventFilter(watched, event);
}

QString Dashboard::pointTipAt(QChartView *view, const QPoint &pos) const
{
    QChart *chart = view->chart();
    const QPointF at = chart->mapFromScene(view->mapToScene(pos));
    const QRectF near =
        chart->plotArea().adjusted(-kTipRadius, -kTipRadius, kTipRadius, kTipRadius);
    if (!near.contains(at))
        return QString();
    const QLineSeries *best = nullptr;
    QPointF bestPoint;
    qreal bestDistance = kTipRadius;
    const auto seriesList = chart->series();
    for (QAbstractSeries *abstract : seriesList) {
        const auto *line = qobject_cast<QLineSeries *>(abstract);
        if (!line || !line->isVisible())
            continue;
        const auto points = line->points();
        for (const QPointF &p : points) {
            const qreal d = QLineF(chart->mapToPosition(p, abstract), at).length();
            if (d <= bestDistance) {
                bestDistance = d;
                best = line;
                bestPoint = p;
            }
        }
    }
    if (!best)
        return QString();
    const QString unit = best->property("unit").toString();
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(qint64(bestPoint.x()));
    return QStringLiteral("%1\n%2: %3%4")
        .arg(t.toString(m_timeFormat), best->name(),
             QLocale().toString(bestPoint.y(), 'f', unit.isEmpty() ? 0 : 1), unit);
}

QLabel *Dashboard::addCard(const QString &key, const char *title)
{
    QLabel *caption = nullptr;
    QLabel *value = makeCard(key, this, &caption);
    kept(caption, "text", title);
    m_cards.insert(key, value);
    return value;
}

int Dashboard::rangeMinutes() const
{
    return m_range->currentData().toList().value(0).toInt();
}

int Dashboard::bucketMinutes() const
{
    return m_range->currentData().toList().value(1).toInt();
}

bool Dashboard::isPaused() const
{
    return m_pause->isChecked();
}

int Dashboard::intervalSeconds() const
{
    return m_interval->currentData().toInt();
}

QString Dashboard::cardText(const QString &key) const
{
    const QLabel *label = m_cards.value(key);
    return label ? label->text() : QString();
}

QList<QChartView *> Dashboard::charts() const
{
    return {m_rateView, m_trafficView, m_expiryView, m_breakdownView};
}

void Dashboard::updateTimer()
{
    // No polling while hidden or paused.
    if (isVisible() && !isPaused())
        m_timer->start(intervalSeconds() * 1000);
    else
        m_timer->stop();
}

void Dashboard::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refreshNow();
    updateTimer();
}

void Dashboard::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateTimer();
}

void Dashboard::refreshNow()
{
    Q_EMIT dashboardRequested(rangeMinutes(), bucketMinutes());
}

void Dashboard::setStale(bool stale)
{
    for (QLabel *label : std::as_const(m_cards))
        label->setEnabled(!stale);
    m_startup->setStale(stale);
    if (stale && m_counting) // the connection went or changed: its answer is not coming
        exactCountStopped(false, tr("The connection was lost or changed."));
    if (stale)
        m_updated->setText(tr("Data may be out of date"));
}

void Dashboard::showData(const CacheStats &stats, const QList<HistoryBucket> &history,
                         const QList<BreakdownRow> &breakdown, int bucketMinutes)
{
    const QLocale locale;
    // Beyond a size the store scales the counts by state from a sample: shown as such.
    const QString estimatedTip =
        tr("Estimated from a sample of the table; click (or right-click → Count entries exactly) "
           "to count every entry");
    m_estimated = stats.estimated;
    m_countExactly->setEnabled(m_estimated && !m_counting);
    showCounts(stats, stats.estimated ? estimatedTip : QString());
    if (!m_estimated && !m_counting)
        m_exactStatus->clear(); // exact anyway now: an earlier exact count says nothing more
    m_cards.value(QStringLiteral("hitRate"))
        ->setText(stats.hits + stats.misses > 0
                      ? QStringLiteral("%1 %").arg(locale.toString(stats.hitRate * 100.0, 'f', 1))
                      : tr("no lookups"));
    m_cards.value(QStringLiteral("misses"))->setText(locale.toString(stats.misses));
    m_cards.value(QStringLiteral("saved"))->setText(locale.toString(stats.hits));
    m_cards.value(QStringLiteral("saved"))
        ->setToolTip(tr("Cold starts that skipped the time sync in the chosen range"));
    m_cards.value(QStringLiteral("oldest"))
        ->setText(stats.oldestSyncAgeMs < 0 ? QStringLiteral("–")
                                            : formatDuration(stats.oldestSyncAgeMs));
    for (QLabel *label : std::as_const(m_cards))
        label->setEnabled(true);
    m_updated->setText(
        tr("Updated %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    m_startup->showData(history, bucketMinutes, rangeMinutes());

    // Hit rate and traffic over time.
    QChart *rate = m_rateView->chart();
    QChart *traffic = m_trafficView->chart();
    clearChart(rate);
    clearChart(traffic);
    auto *rateSeries = new QLineSeries;
    rateSeries->setName(tr("Hit rate %"));
    auto *hits = new QLineSeries;
    hits->setName(tr("Hits"));
    auto *misses = new QLineSeries;
    misses->setName(tr("Misses"));
    // The same colours in both themes: hits blue, misses amber (a miss costs a sync).
    const QColor blue(0x2f, 0x80, 0xed), amber(0xe0, 0x9b, 0x1a);
    for (QLineSeries *s : {rateSeries, hits})
        s->setPen(QPen(blue, 2));
    misses->setPen(QPen(amber, 2));
    qint64 maxCount = 1;
    const qint64 bucketMs = qint64(bucketMinutes) * 60 * 1000;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    for (const HistoryBucket &b : history) {
        const qreal x = qreal(b.start.toMSecsSinceEpoch() + TimeDisplay::axisShiftMs(b.start));
        const qint64 lookups = b.hits + b.misses;
        if (lookups > 0)
            rateSeries->append(x, 100.0 * qreal(b.hits) / qreal(lookups));
        // The bucket still filling would read as a sudden drop: counts only for whole buckets.
        if (b.start.toMSecsSinceEpoch() + bucketMs > nowMs)
            continue;
        hits->append(x, qreal(b.hits));
        misses->append(x, qreal(b.misses));
        maxCount = std::max(maxCount, std::max(b.hits, b.misses));
    }
    const QString format =
        bucketMinutes >= 60 ? QStringLiteral("dd MMM HH:mm") : QStringLiteral("HH:mm");
    auto addTimeAxes = [&](QChart *chart, qreal maxY, const QString &yTitle) {
        auto *x = new QDateTimeAxis;
        x->setFormat(format);
        // The whole range on the axis, in round steps: 10 min, 4 h or 1 day.
        x->setTickCount(bucketMinutes >= 60 ? 8 : 7);
        if (!history.isEmpty()) {
            const QDateTime last = history.constLast().start.toLocalTime().addMSecs(
                TimeDisplay::axisShiftMs(history.constLast().start));
            x->setRange(last.addMSecs(bucketMs - qint64(rangeMinutes()) * 60 * 1000),
                        last.addMSecs(bucketMs));
        }
        // The axis names its zone: the same as the tables' (View → Times in UTC).
        x->setTitleText(tr("time (%1)").arg(TimeDisplay::zoneName()));
        auto *y = new QValueAxis;
        if (maxY != 100) {
            setCountRange(y, maxY);
        } else {
            y->setRange(0, maxY);
            y->setTickCount(5);
            y->setLabelFormat(QStringLiteral("%.0f"));
        }
        y->setTitleText(yTitle);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        return std::make_pair(x, y);
    };
    rate->addSeries(rateSeries);
    auto rateAxes = addTimeAxes(rate, 100, tr("%"));
    rateSeries->attachAxis(rateAxes.first);
    rateSeries->attachAxis(rateAxes.second);
    traffic->addSeries(hits);
    traffic->addSeries(misses);
    auto trafficAxes =
        addTimeAxes(traffic, qreal(maxCount) * 1.1,
                    bucketMinutes == 1 ? tr("per minute") : tr("per %1 min").arg(bucketMinutes));
    for (QLineSeries *s : {hits, misses}) {
        s->attachAxis(trafficAxes.first);
        s->attachAxis(trafficAxes.second);
    }
    // Hovering near a point shows its values (see pointTipAt()).
    m_timeFormat = format;
    rateSeries->setProperty("unit", QStringLiteral(" %"));

    // Expiry outlook.
    QChart *expiry = m_expiryView->chart();
    clearChart(expiry);
    auto *set = new QBarSet(tr("Valid entries expiring"));
    set->setColor(blue);
    set->setBorderColor(blue);
    *set << qreal(stats.expiringIn5m) << qreal(stats.expiringIn15m) << qreal(stats.expiringIn60m);
    auto *bars = new QBarSeries;
    bars->append(set);
    bars->setLabelsVisible(true);
    expiry->addSeries(bars);
    auto *categories = new QBarCategoryAxis;
    categories->append({tr("within 5 min"), tr("within 15 min"), tr("within 60 min")});
    auto *count = new QValueAxis;
    setCountRange(count, double(stats.expiringIn60m) * 1.15);
    expiry->addAxis(categories, Qt::AlignBottom);
    expiry->addAxis(count, Qt::AlignLeft);
    bars->attachAxis(categories);
    bars->attachAxis(count);
    expiry->legend()->hide();

    // Breakdown by exchange and environment.
    QChart *chart = m_breakdownView->chart();
    clearChart(chart);
    auto *valid = new QBarSet(tr("valid"));
    auto *expired = new QBarSet(tr("expired"));
    auto *invalid = new QBarSet(tr("invalidated"));
    valid->setColor(QColor(0x2e, 0x9d, 0x4f));
    expired->setColor(QColor(0xe0, 0x9b, 0x1a));
    invalid->setColor(QColor(0xd0, 0x3b, 0x3b));
    QStringList names;
    qint64 widest = 1;
    for (const BreakdownRow &row : breakdown) {
        names << row.exchange + QLatin1Char(' ') + row.environment;
        *valid << qreal(row.valid);
        *expired << qreal(row.expired);
        *invalid << qreal(row.invalid);
        widest = std::max(widest, row.valid + row.expired + row.invalid);
    }
    // A row per exchange and environment, each as high as its label: else QtCharts elides the
    // labels to "…" (the page scrolls when the window is small).
    const int rowHeight = m_breakdownView->fontMetrics().height() + 8;
    m_breakdownView->setMinimumHeight(
        std::max(kChartMinimumHeight, 130 + int(breakdown.size()) * rowHeight));
    auto *stacked = new QHorizontalStackedBarSeries;
    stacked->append({valid, expired, invalid});
    chart->addSeries(stacked);
    auto *groups = new QBarCategoryAxis;
    groups->append(names);
    auto *amount = new QValueAxis;
    chart->addAxis(groups, Qt::AlignLeft);
    chart->addAxis(amount, Qt::AlignBottom);
    stacked->attachAxis(groups);
    stacked->attachAxis(amount);
    // The range from the bars, never from the axis itself: with no entries (an empty cache) the
    // axis has none, and applyNiceNumbers() would warn of and draw a range of NaN.
    setCountRange(amount, double(widest));
    connect(stacked, &QHorizontalStackedBarSeries::hovered, stacked,
            [names](bool state, int index, QBarSet *barset) {
                if (!state) {
                    QToolTip::hideText();
                    return;
                }
                QToolTip::showText(QCursor::pos(),
                                   QStringLiteral("%1\n%2: %3")
                                       .arg(names.value(index), barset->label(),
                                            QLocale().toString(qint64(barset->at(index)))));
            });
}

void Dashboard::layoutCharts(int columns)
{
    if (columns == m_chartColumns)
        return;
    m_chartColumns = columns;
    // Three columns when the window is wide; two below kThreeColumnsFrom, so that the axis
    // labels and legends keep their room (the page scrolls instead).
    const QList<QWidget *> order{m_rateView,   m_trafficView,   m_startup->timesChart(),
                                 m_expiryView, m_breakdownView, m_startup->growthChart()};
    for (QWidget *chart : order)
        m_charts->removeWidget(chart);
    for (int i = 0; i < order.size(); ++i)
        m_charts->addWidget(order.at(i), i / columns, i % columns);
    for (int column = 0; column < 3; ++column)
        m_charts->setColumnStretch(column,
                                   column < columns ? (columns == 3 && column == 2 ? 4 : 5) : 0);
}

void Dashboard::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layoutCharts(width() >= kThreeColumnsFrom ? 3 : 2);
}

void Dashboard::retranslateChoices()
{
    const char *ranges[] = {QT_TR_NOOP("Last hour"), QT_TR_NOOP("Last 24 hours"),
                            QT_TR_NOOP("Last 7 days")};
    for (int i = 0; i < m_range->count() && i < int(std::size(ranges)); ++i)
        m_range->setItemText(i, tr(ranges[i]));
    for (int i = 0; i < m_interval->count(); ++i) {
        const int seconds = m_interval->itemData(i).toInt();
        m_interval->setItemText(i, seconds < 60 ? tr("%1 s").arg(seconds)
                                                : tr("%1 min").arg(seconds / 60));
    }
}

void Dashboard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        Retranslate::apply(this);
        for (QChartView *view : charts())
            Retranslate::apply(view->chart());
        retranslateChoices();
        m_pause->setText(isPaused() ? tr("Resume") : tr("Pause"));
        if (m_counting)
            m_exactStatus->setText(tr("counting…"));
        // The series' and axes' names, the cards' tooltips: drawn again in the new language.
        if (isVisible())
            refreshNow();
    }
    QWidget::changeEvent(event);
}

void Dashboard::showCounts(const CacheStats &stats, const QString &tip)
{
    const QLocale locale;
    for (const auto &[card, value] : {std::pair{QStringLiteral("entries"), stats.total},
                                      std::pair{QStringLiteral("valid"), stats.valid},
                                      std::pair{QStringLiteral("expired"), stats.expired},
                                      std::pair{QStringLiteral("invalid"), stats.invalid}}) {
        QLabel *label = m_cards.value(card);
        label->setText(stats.estimated ? QStringLiteral("≈ %1").arg(locale.toString(value))
                                       : locale.toString(value));
        label->setToolTip(tip);
        label->setCursor(stats.estimated ? Qt::PointingHandCursor : Qt::IBeamCursor);
    }
    // Clean up deletes every entry past its expiry, invalidated or not: said where it counts.
    const QString cleanupTip = tr("Clean up deletes the expired entries and also the invalidated "
                                  "entries that are past their expiry.");
    for (const QString &card : {QStringLiteral("expired"), QStringLiteral("invalid")}) {
        QLabel *label = m_cards.value(card);
        label->setToolTip(label->toolTip().isEmpty()
                              ? cleanupTip
                              : label->toolTip() + QStringLiteral("\n") + cleanupTip);
        label->parentWidget()->setToolTip(label->toolTip());
    }
}

void Dashboard::setCounting(bool counting)
{
    m_counting = counting;
    m_cancelExact->setVisible(counting);
    m_countExactly->setEnabled(m_estimated && !counting);
    if (counting)
        m_exactStatus->setText(tr("counting…"));
}

void Dashboard::showExactCounts(const CacheStats &stats)
{
    if (!m_counting)
        return; // cancelled meanwhile: the answer came anyway
    setCounting(false);
    const QString at = QLocale().toString(QTime::currentTime(), QStringLiteral("HH:mm:ss"));
    CacheStats exact = stats;
    exact.estimated = false;
    showCounts(exact, tr("Counted exactly at %1").arg(at));
    // The cards go back to estimates at the next refresh: the status line keeps the figure.
    m_exactStatus->setText(
        tr("Exact count at %1: %2 entries").arg(at, QLocale().toString(stats.total)));
    m_exactStatus->setToolTip(tr("%1 valid, %2 expired, %3 invalidated")
                                  .arg(QLocale().toString(stats.valid),
                                       QLocale().toString(stats.expired),
                                       QLocale().toString(stats.invalid)));
}

void Dashboard::exactCountStopped(bool cancelled, const QString &message)
{
    if (!m_counting)
        return;
    setCounting(false);
    m_exactStatus->setText(cancelled ? tr("Exact count cancelled") : tr("Exact count failed"));
    m_exactStatus->setToolTip(message);
}

void Dashboard::setChartTheme(QChart::ChartTheme theme)
{
    for (QChartView *view : charts())
        view->chart()->setTheme(theme);
}

} // namespace ui
} // namespace cc
