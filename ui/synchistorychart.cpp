#include "ui/synchistorychart.h"

#include "ui/retranslate.h"
#include "ui/timedisplay.h"

#include <QAreaSeries>
#include <QBrush>
#include <QChart>
#include <QColor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMap>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace cc {
namespace ui {

namespace {

// A series per host, in a fixed order of colours, so that a host keeps its colour across
// refreshes.
const QColor kHostColors[] = {QColor(0x2f, 0x80, 0xed), QColor(0x2e, 0x9d, 0x4f),
                              QColor(0x9b, 0x51, 0xe0), QColor(0xf2, 0x99, 0x4a),
                              QColor(0x56, 0xcc, 0xf2), QColor(0xeb, 0x57, 0x57)};

QString hostLabel(const QString &host)
{
    return host.isEmpty() ? SyncHistoryChart::tr("(unknown host)") : host;
}

// The y of a host's line nearest in time to atMs (x values are shifted alike).
bool offsetNear(const QList<QPointF> &points, qreal x, qreal *y)
{
    if (points.isEmpty())
        return false;
    const auto it = std::lower_bound(points.cbegin(), points.cend(), x,
                                     [](const QPointF &p, qreal v) { return p.x() < v; });
    if (it == points.cend())
        *y = points.last().y();
    else if (it == points.cbegin())
        *y = it->y();
    else
        *y = (it->x() - x) < (x - std::prev(it)->x()) ? it->y() : std::prev(it)->y();
    return true;
}

} // namespace

SyncHistoryChart::SyncHistoryChart(const QString &title, QWidget *parent)
    : QChartView(new QChart, parent)
{
    chart()->setTitle(title);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    chart()->setAnimationOptions(QChart::NoAnimation);
    chart()->setLocalizeNumbers(true);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
}

void SyncHistoryChart::clear()
{
    m_records.clear();
    m_events.clear();
    clearChart();
}

void SyncHistoryChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // The title if its owner kept it (Retranslate::keep on chart()), then the axis title and
        // the series' names drawn again in the new language.
        Retranslate::apply(chart());
        draw();
    }
    QChartView::changeEvent(event);
}

void SyncHistoryChart::clearChart()
{
    chart()->setLocale(QLocale());
    chart()->removeAllSeries();
    const auto axes = chart()->axes();
    for (QAbstractAxis *axis : axes) {
        chart()->removeAxis(axis);
        delete axis;
    }
    m_steps = nullptr;
    m_rejections = nullptr;
}

void SyncHistoryChart::setRecords(const QList<SyncLogRecord> &records,
                                  const QList<ClockEvent> &events)
{
    m_records = records;
    m_events = events;
    draw();
}

void SyncHistoryChart::draw()
{
    clearChart();
    const QList<SyncLogRecord> &records = m_records;
    const QList<ClockEvent> &events = m_events;
    // The ok syncs per host, in time order.
    QMap<QString, QList<const SyncLogRecord *>> byHost;
    for (const SyncLogRecord &r : records) {
        if (r.isOkSync())
            byHost[r.hostName].append(&r);
    }
    if (byHost.isEmpty())
        return;
    qint64 minX = std::numeric_limits<qint64>::max();
    qint64 maxX = std::numeric_limits<qint64>::min();
    double minY = std::numeric_limits<double>::max();
    double maxY = std::numeric_limits<double>::lowest();
    auto *x = new QDateTimeAxis;
    auto *y = new QValueAxis;
    y->setTitleText(tr("offset (ms)"));
    y->setLabelFormat(QStringLiteral("%.0f"));
    chart()->addAxis(x, Qt::AlignBottom);
    chart()->addAxis(y, Qt::AlignLeft);
    QMap<QString, QList<QPointF>> lines;
    int colour = 0;
    for (auto it = byHost.begin(); it != byHost.end(); ++it) {
        QList<const SyncLogRecord *> &rows = it.value();
        std::stable_sort(
            rows.begin(), rows.end(),
            [](const SyncLogRecord *a, const SyncLogRecord *b) { return a->atMs < b->atMs; });
        QList<QPointF> centre, upper, lower;
        centre.reserve(rows.size());
        upper.reserve(rows.size());
        lower.reserve(rows.size());
        for (const SyncLogRecord *r : std::as_const(rows)) {
            const QDateTime t = QDateTime::fromMSecsSinceEpoch(r->atMs, Qt::UTC);
            const qreal at = qreal(r->atMs + TimeDisplay::axisShiftMs(t));
            const double bound = std::max(0.0, r->errorBoundMs);
            centre.append(QPointF(at, double(r->offsetMs)));
            upper.append(QPointF(at, double(r->offsetMs) + bound));
            lower.append(QPointF(at, double(r->offsetMs) - bound));
            minX = std::min(minX, qint64(at));
            maxX = std::max(maxX, qint64(at));
            minY = std::min(minY, double(r->offsetMs) - bound);
            maxY = std::max(maxY, double(r->offsetMs) + bound);
        }
        const QColor color = kHostColors[colour++ % int(std::size(kHostColors))];
        auto *area = new QAreaSeries;
        auto *upperLine = new QLineSeries(area);
        auto *lowerLine = new QLineSeries(area);
        upperLine->replace(upper);
        lowerLine->replace(lower);
        area->setUpperSeries(upperLine);
        area->setLowerSeries(lowerLine);
        area->setName(tr("%1 error bound").arg(hostLabel(it.key())));
        area->setObjectName(QStringLiteral("band:") + it.key());
        QColor fill = color;
        fill.setAlpha(50);
        area->setBrush(fill);
        area->setPen(Qt::NoPen);
        chart()->addSeries(area);
        area->attachAxis(x);
        area->attachAxis(y);
        auto *line = new QLineSeries;
        line->setName(hostLabel(it.key()));
        line->setObjectName(QStringLiteral("offset:") + it.key());
        line->setProperty("unit", QStringLiteral(" ms"));
        line->setPen(QPen(color, 2));
        line->replace(centre);
        chart()->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
        lines.insert(it.key(), centre);
        // The band's own legend entry says nothing the line's does not.
        const auto markers = chart()->legend()->markers(area);
        for (QLegendMarker *marker : markers)
            marker->setVisible(false);
    }

    // The events, on the line of a host that saw them.
    QList<QPointF> steps, rejections;
    for (const ClockEvent &e : events) {
        QStringList seenBy = e.hosts;
        if (!e.hostName.isEmpty())
            seenBy.prepend(e.hostName);
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC);
        const qreal at = qreal(e.atMs + TimeDisplay::axisShiftMs(t));
        for (const QString &host : std::as_const(seenBy)) {
            qreal value = 0;
            if (!lines.contains(host) || !offsetNear(lines.value(host), at, &value))
                continue;
            (e.kind == ClockEventKind::Rejection ? rejections : steps).append(QPointF(at, value));
            minX = std::min(minX, qint64(at));
            maxX = std::max(maxX, qint64(at));
            break;
        }
    }
    m_steps = new QScatterSeries;
    m_steps->setObjectName(QStringLiteral("steps"));
    m_steps->setName(tr("clock steps and reboots"));
    m_steps->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_steps->setMarkerSize(11);
    m_steps->setColor(QColor(0xd0, 0x3b, 0x3b));
    m_steps->setBorderColor(Qt::white);
    m_steps->replace(steps);
    m_rejections = new QScatterSeries;
    m_rejections->setObjectName(QStringLiteral("rejections"));
    m_rejections->setName(tr("timestamp rejections"));
    m_rejections->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    m_rejections->setMarkerSize(11);
    m_rejections->setColor(QColor(0xc7, 0x7c, 0x02));
    m_rejections->setBorderColor(Qt::white);
    m_rejections->replace(rejections);
    for (QScatterSeries *s : {m_steps, m_rejections}) {
        chart()->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
        const auto markers = chart()->legend()->markers(s);
        for (QLegendMarker *marker : markers)
            marker->setVisible(!s->points().isEmpty());
    }

    const qint64 span = std::max<qint64>(maxX - minX, 60'000);
    x->setRange(QDateTime::fromMSecsSinceEpoch(minX - span / 50),
                QDateTime::fromMSecsSinceEpoch(maxX + span / 50));
    x->setFormat(span > 20 * 3'600'000 ? QStringLiteral("MM-dd HH:mm") : QStringLiteral("HH:mm"));
    x->setTickCount(6);
    const double pad = std::max(5.0, (maxY - minY) * 0.08);
    y->setRange(std::floor(minY - pad), std::ceil(maxY + pad));
    if (m_compact)
        y->setTickCount(5);
    y->applyNiceNumbers();
    if (m_compact) {
        y->setTitleText(QString());
        x->setTickCount(3);
        x->setFormat(span > 20 * 3'600'000 ? QStringLiteral("dd HH:mm") : QStringLiteral("HH:mm"));
        chart()->legend()->setVisible(byHost.size() > 1);
    } else {
        chart()->legend()->setVisible(true);
    }
}

QStringList SyncHistoryChart::hosts() const
{
    QStringList names;
    const auto all = chart()->series();
    for (QAbstractSeries *s : all) {
        if (s->objectName().startsWith(QLatin1String("offset:")))
            names << s->objectName().mid(7);
    }
    return names;
}

QLineSeries *SyncHistoryChart::offsetSeries(const QString &host) const
{
    const auto all = chart()->series();
    for (QAbstractSeries *s : all) {
        if (s->objectName() == QStringLiteral("offset:") + host)
            return qobject_cast<QLineSeries *>(s);
    }
    return nullptr;
}

QAreaSeries *SyncHistoryChart::boundBand(const QString &host) const
{
    const auto all = chart()->series();
    for (QAbstractSeries *s : all) {
        if (s->objectName() == QStringLiteral("band:") + host)
            return qobject_cast<QAreaSeries *>(s);
    }
    return nullptr;
}

} // namespace ui
} // namespace cc
