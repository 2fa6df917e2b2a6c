#include "ui/alerthistoryview.h"

#include "ui/timedisplay.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace cc {
namespace ui {

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
    m_filter->setPlaceholderText(tr("Filter the alert history"));
    layout->addWidget(m_filter);
    m_model->setHorizontalHeaderLabels({tr("Time"), tr("Rule"), tr("From"), tr("To"), tr("Value"),
                                        tr("Severity"), tr("Silenced")});
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
    layout->addWidget(m_view, 1);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
}

void AlertHistoryView::clear()
{
    m_model->setRowCount(0);
}

} // namespace ui
} // namespace cc
