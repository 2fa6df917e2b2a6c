#include "ui/alerthistoryview.h"

#include "ui/retranslate.h"
#include "ui/timedisplay.h"

#include <QEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace cc {
namespace ui {

void AlertHistoryView::retranslateHeaders()
{
    m_model->setHorizontalHeaderLabels({tr("Time"), tr("Rule"), tr("From"), tr("To"), tr("Value"),
                                        tr("Severity"), tr("Silenced")});
}

void AlertHistoryView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        Retranslate::apply(this);
        retranslateHeaders();
        Retranslate::fitTitles(m_view);
        AlertFormat::fitStateColumns(m_view, {2, 3});
        // The states, severities and values in the new language's words.
        if (!m_events.isEmpty())
            fill();
    }
    QWidget::changeEvent(event);
}

AlertHistoryView::AlertHistoryView(QWidget *parent)
    : QWidget(parent)
    , m_model(new QStandardItemModel(0, Columns, this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("alertHistoryFilter"));
    m_filter->setClearButtonEnabled(true);
    Retranslate::keep(m_filter, "placeholderText", staticMetaObject.className(),
                      QT_TR_NOOP("Filter the alert history"));
    layout->addWidget(m_filter);
    retranslateHeaders();
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("alertHistoryView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(Time, Qt::DescendingOrder);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    const QFontMetrics metrics = m_view->fontMetrics();
    const QStringList samples{QStringLiteral("0000-00-00 00:00:00"),
                              QStringLiteral("hit_rate_critical"),
                              QStringLiteral("no data"),
                              QStringLiteral("pending"),
                              QStringLiteral("100.0 %"),
                              QStringLiteral("critical")};
    for (int c = 0; c < samples.size(); ++c)
        m_view->setColumnWidth(c, metrics.horizontalAdvance(samples.at(c)) + 24);
    Retranslate::fitTitles(m_view);
    AlertFormat::fitStateColumns(m_view, {2, 3});
    layout->addWidget(m_view, 1);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
}

void AlertHistoryView::showEvents(const QList<monitoring::AlertEvent> &events,
                                  const QHash<QString, QString> &metricOf)
{
    m_events = events;
    m_metricOf = metricOf;
    fill();
}

void AlertHistoryView::fill()
{
    const QList<monitoring::AlertEvent> &events = m_events;
    const QHash<QString, QString> &metricOf = m_metricOf;
    m_model->setRowCount(0);
    for (const monitoring::AlertEvent &e : events) {
        QList<QStandardItem *> row;
        for (int c = 0; c < Columns; ++c)
            row << new QStandardItem;
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC);
        row.at(Time)->setText(
            TimeDisplay::inZone(at).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        row.at(Time)->setData(e.atMs, Qt::UserRole);
        row.at(Rule)->setText(e.rule);
        row.at(From)->setText(AlertFormat::state(e.from));
        row.at(To)->setText(AlertFormat::state(e.to));
        row.at(To)->setForeground(AlertFormat::stateColor(e.to, e.severity));
        row.at(Value)->setText(metricOf.contains(e.rule) || !e.value.hasData
                                   ? AlertFormat::value(metricOf.value(e.rule), e.value)
                                   : QLocale().toString(e.value.value, 'g', 4));
        row.at(Value)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row.at(Severity)->setText(AlertFormat::severity(e.severity));
        row.at(Silenced)->setText(e.silenced ? tr("yes") : QString());
        m_model->appendRow(row);
    }
}

void AlertHistoryView::clear()
{
    m_events.clear();
    m_metricOf.clear();
    m_model->setRowCount(0);
}

} // namespace ui
} // namespace cc
