#include "ui/clockpage.h"

#include "ui/countaxis.h"
#include "ui/retranslate.h"
#include "ui/synchistorychart.h"
#include "ui/timedisplay.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace cc {
namespace ui {

namespace {

constexpr int kRefreshSeconds = 30;
constexpr int kEventIndexRole = Qt::UserRole + 1;
constexpr int kIdentityRole = Qt::UserRole + 2;

// The distributions' bins (ms): where round trips and bounds of real syncs fall.
const double kBinEdges[] = {10, 20, 50, 100, 200, 500, 1000};

QString groupText(Exchange exchange, Environment environment)
{
    return exchangeName(exchange) + QLatin1Char(' ') + environmentName(environment);
}

QString signedMs(double ms, int decimals = 0)
{
    const QLocale locale;
    const QString number = locale.toString(std::abs(ms), 'f', decimals);
    return (ms > 0   ? QStringLiteral("+")
            : ms < 0 ? QStringLiteral("−")
                     : QString()) +
           number + QStringLiteral(" ms");
}

// Sets a text that the language switch translates again (ClockPage's context).
template<typename T>
T *kept(T *object, const char *property, const char *source)
{
    return Retranslate::keep(object, property, ClockPage::staticMetaObject.className(), source);
}

// `title`: the source text (QT_TR_NOOP), translated again when the language changes.
QChartView *makeBarView(const char *title, const QString &name, QWidget *parent)
{
    auto *chart = new QChart;
    kept(chart, "title", title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setLocalizeNumbers(true);
    auto *view = new QChartView(chart, parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(160);
    return view;
}

// The headers are set by ClockPage::retranslateHeaders().
QTableWidget *makeTable(int columns, const QString &name, QWidget *parent)
{
    auto *table = new QTableWidget(0, columns, parent);
    table->setObjectName(name);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    return table;
}

QTableWidgetItem *cell(const QString &text, const QString &tip = QString(),
                       Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *item = new QTableWidgetItem(text);
    item->setToolTip(tip.isEmpty() ? text : tip);
    item->setTextAlignment(align);
    return item;
}

QString timeText(qint64 ms)
{
    return TimeDisplay::shortText(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
}

QString fullTime(qint64 ms)
{
    return TimeDisplay::fullText(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
}

QString spanText(qint64 ms)
{
    const qint64 minutes = ms / 60'000;
    if (minutes < 120)
        return ClockPage::tr("%Ln min", nullptr, int(minutes));
    const double hours = double(ms) / 3'600'000.0;
    return ClockPage::tr("%1 h").arg(QLocale().toString(hours, 'f', 1));
}

} // namespace

QHash<QString, double> planningDriftByIdentity(const ClockHealthReport &report)
{
    // Each credential's latest series, and its drift if known.
    QHash<QString, const SeriesHealth *> latest;
    for (const SeriesHealth &s : report.series) {
        for (const QString &identity : s.identities) {
            const SeriesHealth *&seen = latest[identity];
            if (!seen || s.lastSyncAtMs > seen->lastSyncAtMs)
                seen = &s;
        }
    }
    QHash<QString, double> drifts;
    for (auto it = latest.cbegin(); it != latest.cend(); ++it) {
        if (it.value()->drift.known)
            drifts.insert(it.key(), it.value()->drift.planningMsPerHour());
    }
    return drifts;
}

bool splitCacheKey(const QString &key, QString *userId, QString *credentialId)
{
    // The separator is the only '_' left raw: parts holding '_' or '%' are percent-encoded.
    const int at = int(key.indexOf(QLatin1Char('_')));
    if (at <= 0 || at == key.size() - 1 || key.indexOf(QLatin1Char('_'), at + 1) >= 0)
        return false;
    const bool encoded = key.contains(QLatin1Char('%'));
    auto decode = [encoded](const QString &part) {
        return encoded ? QUrl::fromPercentEncoding(part.toUtf8()) : part;
    };
    *userId = decode(key.left(at));
    *credentialId = decode(key.mid(at + 1));
    return true;
}

ClockPage::ClockPage(QWidget *parent)
    : QWidget(parent)
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("clockPage"));
    auto *layout = new QVBoxLayout(this);
    auto *controls = new QHBoxLayout;
    controls->addWidget(kept(new QLabel(this), "text", QT_TR_NOOP("Range:")));
    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("clockRangeCombo"));
    for (int minutes : {60, 24 * 60, 7 * 24 * 60, 30 * 24 * 60})
        m_range->addItem(QString(), minutes);
    retranslateChoices();
    m_range->setCurrentIndex(1);
    controls->addWidget(m_range);
    controls->addSpacing(16);
    controls->addWidget(kept(new QLabel(this), "text", QT_TR_NOOP("Offset of:")));
    m_group = new QComboBox(this);
    m_group->setObjectName(QStringLiteral("clockGroupCombo"));
    kept(m_group, "toolTip",
         QT_TR_NOOP("The exchange and environment whose offset the chart shows, a line "
                    "per syncing host"));
    m_group->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    controls->addWidget(m_group);
    controls->addStretch();
    m_updated = new QLabel(this);
    m_updated->setObjectName(QStringLiteral("clockUpdatedLabel"));
    controls->addWidget(m_updated);
    layout->addLayout(controls);

    m_stack = new QStackedWidget(this);
    m_empty = new QLabel(m_stack);
    m_empty->setObjectName(QStringLiteral("clockEmptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::RichText);
    m_empty->setMargin(40);
    m_stack->addWidget(m_empty);

    auto *content = new QSplitter(Qt::Vertical, m_stack);
    content->setObjectName(QStringLiteral("clockSplitter"));
    auto *top = new QWidget(content);
    auto *topRow = new QHBoxLayout(top);
    topRow->setContentsMargins(0, 0, 0, 0);
    m_offset = new SyncHistoryChart(QString(), top);
    kept(m_offset->chart(), "title",
         QT_TR_NOOP("Offset (exchange minus host) with its error bound"));
    m_offset->setObjectName(QStringLiteral("clockOffsetChart"));
    topRow->addWidget(m_offset, 3);
    auto *distributions = new QVBoxLayout;
    m_rtt = makeBarView(QT_TR_NOOP("Round trips (ok syncs)"), QStringLiteral("clockRttChart"), top);
    m_bound =
        makeBarView(QT_TR_NOOP("Error bounds (ok syncs)"), QStringLiteral("clockBoundChart"), top);
    distributions->addWidget(m_rtt);
    distributions->addWidget(m_bound);
    topRow->addLayout(distributions, 2);

    auto *bottom = new QWidget(content);
    auto *bottomRow = new QHBoxLayout(bottom);
    bottomRow->setContentsMargins(0, 0, 0, 0);
    auto *driftBox = new QVBoxLayout;
    driftBox->addWidget(kept(new QLabel(bottom), "text", QT_TR_NOOP("<b>Drift per host</b>")));
    m_drift = makeTable(DriftBound + 1, QStringLiteral("clockDriftTable"), bottom);
    driftBox->addWidget(m_drift);
    bottomRow->addLayout(driftBox, 5);
    auto *eventBox = new QVBoxLayout;
    eventBox->addWidget(
        kept(new QLabel(bottom), "text",
             QT_TR_NOOP("<b>Clock events</b> (double-click: the entries they touched)")));
    m_events = makeTable(EventEntries + 1, QStringLiteral("clockEventTable"), bottom);
    eventBox->addWidget(m_events);
    bottomRow->addLayout(eventBox, 5);
    auto *touchedBox = new QVBoxLayout;
    touchedBox->addWidget(kept(new QLabel(bottom), "text", QT_TR_NOOP("<b>Entries touched</b>")));
    m_touched = makeTable(2, QStringLiteral("clockTouchedTable"), bottom);
    kept(m_touched, "toolTip",
         QT_TR_NOOP("The credentials whose cached offsets the selected event touched; "
                    "double-click one to show it in Entries"));
    retranslateHeaders();
    touchedBox->addWidget(m_touched);
    bottomRow->addLayout(touchedBox, 2);
    content->addWidget(top);
    content->addWidget(bottom);
    content->setStretchFactor(0, 3);
    content->setStretchFactor(1, 2);
    content->setChildrenCollapsible(false);
    m_stack->addWidget(content);
    layout->addWidget(m_stack, 1);

    connect(m_range, &QComboBox::currentIndexChanged, this, &ClockPage::refreshNow);
    connect(m_group, &QComboBox::currentIndexChanged, this, &ClockPage::showGroup);
    connect(m_timer, &QTimer::timeout, this, &ClockPage::refreshNow);
    connect(m_events, &QTableWidget::activated, this,
            [this](const QModelIndex &index) { activateEvent(index.row()); });
    connect(m_events, &QTableWidget::itemSelectionChanged, this, &ClockPage::showTouched);
    connect(m_touched, &QTableWidget::activated, this, [this](const QModelIndex &index) {
        const QTableWidgetItem *item = m_touched->item(index.row(), 0);
        const QTableWidgetItem *event = m_events->item(m_events->currentRow(), EventTime);
        if (!item || !event)
            return;
        const ClockEvent &e = m_report.events.at(event->data(kEventIndexRole).toInt());
        Q_EMIT entriesRequested({item->data(kIdentityRole).toString()}, exchangeName(e.exchange),
                                environmentName(e.environment));
    });
    showData({}, {}, false);
    m_updatedAt.clear();
    m_updated->clear();
}

void ClockPage::retranslateChoices()
{
    const char *ranges[] = {QT_TR_NOOP("Last hour"), QT_TR_NOOP("Last 24 hours"),
                            QT_TR_NOOP("Last 7 days"), QT_TR_NOOP("Last 30 days")};
    for (int i = 0; i < m_range->count() && i < int(std::size(ranges)); ++i)
        m_range->setItemText(i, tr(ranges[i])); // the selection stays
}

void ClockPage::retranslateHeaders()
{
    m_drift->setHorizontalHeaderLabels({tr("Exchange"), tr("Host"), tr("Drift"), tr("Syncs"),
                                        tr("Last sync"), tr("Offset"), tr("Bound")});
    m_drift->horizontalHeaderItem(DriftValue)
        ->setToolTip(tr("How fast the exchange's clock runs against the host's, in parts per "
                        "million (3.6 ms per hour each), ± three standard errors"));
    m_events->setHorizontalHeaderLabels(
        {tr("Time"), tr("Event"), tr("Exchange"), tr("Hosts"), tr("Change"), tr("Entries")});
    m_touched->setHorizontalHeaderLabels({tr("User"), tr("Credential")});
}

void ClockPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // The kept texts (labels, tooltips, the charts' titles: a chart is no child of its
        // view), the range's items, the headers; then what was shown, drawn again in words of
        // the new language, the event chosen kept. (The offset chart redraws itself.)
        Retranslate::apply(this);
        for (QChartView *view : {static_cast<QChartView *>(m_offset), m_rtt, m_bound})
            Retranslate::apply(view->chart());
        retranslateChoices();
        retranslateHeaders();
        showUpdated();
        showEmptyText();
        const QTableWidgetItem *current = m_events->item(m_events->currentRow(), EventTime);
        const int chosenEvent = current && !m_events->selectedItems().isEmpty()
                                    ? current->data(kEventIndexRole).toInt()
                                    : -1;
        fillDrift();
        fillDistributions();
        fillEvents();
        for (int row = 0; chosenEvent >= 0 && row < m_events->rowCount(); ++row) {
            if (m_events->item(row, EventTime)->data(kEventIndexRole).toInt() == chosenEvent)
                m_events->selectRow(row);
        }
    }
    QWidget::changeEvent(event);
}

void ClockPage::showUpdated()
{
    if (m_stale) {
        m_updated->setText(tr("Data may be out of date"));
        return;
    }
    if (m_updatedAt.isEmpty())
        return;
    m_updated->setText(
        tr("Updated %1 · %Ln log rows", nullptr, int(m_records.size())).arg(m_updatedAt) +
        (m_truncated ? tr(" (the newest only: the range holds more)") : QString()));
}

void ClockPage::showEmptyText()
{
    m_empty->setText(
        tr("<h3>No syncs logged in this range</h3>"
           "<p>The sync log fills as clocks are synced: every sync a cached connector makes "
           "(on a cache miss or when its entry expires), every <tt>connector-cache sync</tt> "
           "run, and this console's <b>Test sync</b> (Ctrl+T) append a row, as do the "
           "timestamp rejections connectors meet.</p>"
           "<p>Choose a longer range above, or run a sync to see the offset, the drift per "
           "host and the clock events here.</p>"));
}

int ClockPage::rangeMinutes() const
{
    return m_range->currentData().toInt();
}

bool ClockPage::isEmptyShown() const
{
    return m_stack->currentWidget() == m_empty;
}

void ClockPage::setStale(bool stale)
{
    m_stack->setEnabled(!stale);
    m_stale = stale;
    if (stale)
        showUpdated();
}

void ClockPage::setChartTheme(QChart::ChartTheme theme)
{
    for (QChartView *view : {static_cast<QChartView *>(m_offset), m_rtt, m_bound})
        view->chart()->setTheme(theme);
    showGroup();
    fillDistributions();
}

void ClockPage::updateTimer()
{
    if (isVisible())
        m_timer->start(kRefreshSeconds * 1000);
    else
        m_timer->stop();
}

void ClockPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refreshNow();
    updateTimer();
}

void ClockPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateTimer();
}

void ClockPage::refreshNow()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Q_EMIT clockRequested(now - qint64(rangeMinutes()) * 60'000, now);
}

QString ClockPage::eventKindText(ClockEventKind kind)
{
    switch (kind) {
    case ClockEventKind::ExchangeStep:
        return tr("Exchange clock step");
    case ClockEventKind::HostStep:
        return tr("Host clock step");
    case ClockEventKind::Reboot:
        return tr("Host reboot");
    case ClockEventKind::Rejection:
        return tr("Timestamp rejection");
    }
    return QString();
}

void ClockPage::showData(const QList<SyncLogRecord> &records, const ClockHealthReport &report,
                         bool truncated)
{
    m_records = records;
    m_report = report;
    m_stack->setEnabled(true);
    m_stale = false;
    m_truncated = truncated;
    m_updatedAt = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
    showUpdated();
    if (records.isEmpty()) {
        showEmptyText();
        m_stack->setCurrentWidget(m_empty);
    } else {
        m_stack->setCurrentIndex(1);
    }
    // The exchange/environment groups present, the one chosen kept.
    const QString chosen = m_group->currentText();
    QMap<QString, QPair<int, int>> groups;
    for (const SyncLogRecord &r : records)
        groups.insert(groupText(r.exchange, r.environment),
                      qMakePair(int(r.exchange), int(r.environment)));
    {
        const QSignalBlocker blocker(m_group);
        m_group->clear();
        for (auto it = groups.cbegin(); it != groups.cend(); ++it)
            m_group->addItem(it.key(), QList<QVariant>{it.value().first, it.value().second});
        m_group->setCurrentIndex(std::max(0, m_group->findText(chosen)));
    }
    showGroup();
    fillDrift();
    fillDistributions();
    fillEvents();
}

void ClockPage::showGroup()
{
    const QList<QVariant> key = m_group->currentData().toList();
    if (key.size() != 2) {
        m_offset->clear();
        return;
    }
    const auto exchange = Exchange(key.at(0).toInt());
    const auto environment = Environment(key.at(1).toInt());
    QList<SyncLogRecord> rows;
    for (const SyncLogRecord &r : std::as_const(m_records)) {
        if (r.exchange == exchange && r.environment == environment)
            rows << r;
    }
    QList<ClockEvent> events;
    for (const ClockEvent &e : std::as_const(m_report.events)) {
        if (e.exchange == exchange && e.environment == environment)
            events << e;
    }
    m_offset->setRecords(rows, events);
}

void ClockPage::fillDrift()
{
    const QLocale locale;
    m_drift->setRowCount(0);
    for (const SeriesHealth &s : std::as_const(m_report.series)) {
        const int row = m_drift->rowCount();
        m_drift->insertRow(row);
        const DriftEstimate &d = s.drift;
        m_drift->setItem(row, DriftExchange,
                         cell(groupText(s.key.exchange, s.key.environment), s.key.baseUrl));
        m_drift->setItem(row, DriftHost,
                         cell(s.key.hostName.isEmpty() ? tr("(unknown host)") : s.key.hostName));
        QString driftText;
        QString driftTip;
        if (d.known) {
            driftText = tr("%1 ± %2 ppm")
                            .arg((d.ppm > 0 ? QStringLiteral("+") : QString()) +
                                     locale.toString(d.ppm, 'f', 2),
                                 locale.toString(d.ppmError, 'f', 2));
            driftTip =
                tr("%1 ms per hour; fitted over %Ln ok syncs spanning %2", nullptr, d.syncs)
                    .arg(locale.toString(d.ppm * kMsPerHourPerPpm, 'f', 1), spanText(d.spanMs));
            if (d.stepsRemoved > 0)
                driftTip += tr("; %Ln steps taken out first", nullptr, d.stepsRemoved);
        } else {
            driftText = tr("not enough data");
            driftTip = tr("Drift is measured from %1 ok syncs spanning %2 or more; this host has "
                          "%Ln spanning %3. Until then the ahead margin assumes %4 ms per hour.",
                          nullptr, d.syncs)
                           .arg(ClockHealthOptions().minDriftSyncs)
                           .arg(spanText(ClockHealthOptions().minDriftSpanMs), spanText(d.spanMs),
                                locale.toString(kDefaultDriftMsPerHour, 'f', 0));
        }
        m_drift->setItem(row, DriftValue,
                         cell(driftText, driftTip, Qt::AlignRight | Qt::AlignVCenter));
        QString syncs = locale.toString(s.syncs);
        if (s.failedSyncs > 0)
            syncs += tr(" (%Ln failed)", nullptr, s.failedSyncs);
        m_drift->setItem(row, DriftSyncs,
                         cell(syncs, QString(), Qt::AlignRight | Qt::AlignVCenter));
        m_drift->setItem(row, DriftLastSync,
                         s.lastSyncAtMs > 0
                             ? cell(timeText(s.lastSyncAtMs), fullTime(s.lastSyncAtMs))
                             : cell(tr("never (only failed syncs)")));
        m_drift->setItem(
            row, DriftOffset,
            cell(signedMs(double(s.latestOffsetMs)), QString(), Qt::AlignRight | Qt::AlignVCenter));
        m_drift->setItem(row, DriftBound,
                         cell(QStringLiteral("± ") + locale.toString(s.latestErrorBoundMs, 'f', 1) +
                                  QStringLiteral(" ms"),
                              QString(), Qt::AlignRight | Qt::AlignVCenter));
    }
    m_drift->resizeColumnsToContents();
}

void ClockPage::fillDistributions()
{
    const int bins = int(std::size(kBinEdges)) + 1;
    QStringList categories;
    const QLocale locale;
    // Short labels (the bins' lower edges), so that they fit under narrow bars.
    categories << QStringLiteral("0+"); // (never "<10": axis labels are rich text)
    for (int i = 0; i < bins - 1; ++i)
        categories << QStringLiteral("%1+").arg(locale.toString(kBinEdges[i], 'f', 0));
    auto binOf = [bins](double ms) {
        for (int i = 0; i < bins - 1; ++i) {
            if (ms < kBinEdges[i])
                return i;
        }
        return bins - 1;
    };
    // Per exchange: counts of ok syncs per bin.
    QMap<QString, QList<qreal>> rtt, bound;
    for (const SyncLogRecord &r : std::as_const(m_records)) {
        if (!r.isOkSync())
            continue;
        const QString ex = exchangeName(r.exchange);
        QList<qreal> &rt = rtt[ex];
        QList<qreal> &bd = bound[ex];
        if (rt.isEmpty()) {
            rt.fill(0, bins);
            bd.fill(0, bins);
        }
        rt[binOf(r.rttMs)] += 1;
        bd[binOf(r.errorBoundMs)] += 1;
    }
    for (auto [view, counts, unit] : {std::tuple{m_rtt, &rtt, tr("round trip (ms)")},
                                      std::tuple{m_bound, &bound, tr("error bound (ms)")}}) {
        QChart *chart = view->chart();
        chart->removeAllSeries();
        const auto axes = chart->axes();
        for (QAbstractAxis *axis : axes) {
            chart->removeAxis(axis);
            delete axis;
        }
        if (counts->isEmpty())
            continue;
        auto *series = new QBarSeries;
        qreal most = 1;
        for (auto it = counts->cbegin(); it != counts->cend(); ++it) {
            auto *set = new QBarSet(it.key());
            set->append(it.value());
            most = std::max(most, *std::max_element(it.value().cbegin(), it.value().cend()));
            series->append(set);
        }
        chart->addSeries(series);
        auto *x = new QBarCategoryAxis;
        x->append(categories);
        x->setTitleText(unit);
        auto *y = new QValueAxis;
        setCountRange(y, most * 1.1);
        y->setTitleText(tr("syncs"));
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        series->attachAxis(x);
        series->attachAxis(y);
    }
}

void ClockPage::fillEvents()
{
    const QLocale locale;
    m_events->setRowCount(0);
    // Newest first.
    for (int i = int(m_report.events.size()) - 1; i >= 0; --i) {
        const ClockEvent &e = m_report.events.at(i);
        const int row = m_events->rowCount();
        m_events->insertRow(row);
        auto *time =
            cell(timeText(e.atMs),
                 e.afterMs > 0 ? tr("Between %1 and %2").arg(fullTime(e.afterMs), fullTime(e.atMs))
                               : fullTime(e.atMs));
        time->setData(kEventIndexRole, i);
        m_events->setItem(row, EventTime, time);
        QString kind = eventKindText(e.kind);
        if (e.kind == ClockEventKind::Rejection && e.errorCode != 0)
            kind += tr(" (code %1)").arg(e.errorCode);
        if (e.exchangeWide)
            kind += tr(", exchange-wide");
        m_events->setItem(row, EventKind, cell(kind));
        m_events->setItem(row, EventExchange, cell(groupText(e.exchange, e.environment)));
        QStringList hosts = e.hosts;
        if (hosts.isEmpty() && !e.hostName.isEmpty())
            hosts << e.hostName;
        m_events->setItem(row, EventHosts,
                          cell(e.exchangeWide ? tr("%Ln hosts", nullptr, e.seenBy)
                                              : hosts.join(QStringLiteral(", ")),
                               hosts.join(QStringLiteral("\n"))));
        QString tip = tr("Offset change %1; bounds and drift allowed %2")
                          .arg(signedMs(e.deltaMs, 1), locale.toString(e.toleranceMs, 'f', 1));
        if (e.kind == ClockEventKind::Rejection)
            tip = tr("The exchange's clock minus the signed timestamp's: %1")
                      .arg(signedMs(e.deltaMs, 1));
        else if (e.kind == ClockEventKind::Reboot)
            tip = tr("A new boot id: the host restarted between these syncs");
        m_events->setItem(
            row, EventChange,
            cell(e.kind == ClockEventKind::Reboot ? QStringLiteral("–") : signedMs(e.deltaMs), tip,
                 Qt::AlignRight | Qt::AlignVCenter));
        auto *entries =
            cell(locale.toString(e.identities.size()), e.identities.join(QStringLiteral("\n")),
                 Qt::AlignRight | Qt::AlignVCenter);
        m_events->setItem(row, EventEntries, entries);
        if (e.kind != ClockEventKind::Reboot) {
            const QColor red(0xd0, 0x3b, 0x3b);
            m_events->item(row, EventKind)->setForeground(red);
        }
    }
    m_events->resizeColumnsToContents();
    showTouched();
}

void ClockPage::showTouched()
{
    m_touched->setRowCount(0);
    const QTableWidgetItem *item = m_events->item(m_events->currentRow(), EventTime);
    if (!item || m_events->selectedItems().isEmpty())
        return;
    const ClockEvent &e = m_report.events.at(item->data(kEventIndexRole).toInt());
    for (const QString &identity : e.identities) {
        QString user, credential;
        if (!splitCacheKey(identity, &user, &credential))
            user = identity;
        const int row = m_touched->rowCount();
        m_touched->insertRow(row);
        auto *u = cell(user, identity);
        u->setData(kIdentityRole, identity);
        m_touched->setItem(row, 0, u);
        m_touched->setItem(row, 1, cell(credential, identity));
    }
}

void ClockPage::activateEvent(int row)
{
    const QTableWidgetItem *item = m_events->item(row, EventTime);
    if (!item)
        return;
    const ClockEvent &e = m_report.events.at(item->data(kEventIndexRole).toInt());
    Q_EMIT entriesRequested(e.identities, exchangeName(e.exchange), environmentName(e.environment));
}

} // namespace ui
} // namespace cc
