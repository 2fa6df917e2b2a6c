#include "ui/activitypage.h"

#include "ui/timedisplay.h"

#include "ui/describe.h"

#include "ui/alerthistoryview.h"
#include "ui/retranslate.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace cc {
namespace ui {

ActivityPage::ActivityPage(QWidget *parent)
    : QWidget(parent)
{
    auto *av = new QVBoxLayout(this);
    auto *auditFilter = new QLineEdit(this);
    auditFilter->setObjectName(QStringLiteral("auditFilter"));
    auditFilter->setClearButtonEnabled(true);
    Retranslate::keep(auditFilter, "placeholderText", staticMetaObject.className(),
                      QT_TR_NOOP("Filter the audit log"));
    av->addWidget(auditFilter);
    m_auditModel = new QStandardItemModel(0, 8, this);
    retranslateHeaders();
    m_auditProxy = new QSortFilterProxyModel(this);
    m_auditProxy->setSourceModel(m_auditModel);
    m_auditProxy->setFilterKeyColumn(-1);
    m_auditProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    auto *auditView = new QTableView(this);
    auditView->setObjectName(QStringLiteral("auditView"));
    auditView->setModel(m_auditProxy);
    auditView->setSortingEnabled(true);
    auditView->sortByColumn(0, Qt::DescendingOrder); // the latest first
    auditView->setWordWrap(false);
    auditView->setAlternatingRowColors(true);
    auditView->setSelectionBehavior(QAbstractItemView::SelectRows);
    {
        const QFontMetrics auditMetrics = auditView->fontMetrics();
        const QStringList auditSamples{QStringLiteral("0000-00-00 00:00:00"),
                                       QStringLiteral("invalidate-selection"),
                                       QStringLiteral("0000000"),
                                       QStringLiteral("operator"),
                                       QStringLiteral("cc_console_admin"),
                                       QStringLiteral("Embedded (SQLite)"),
                                       QStringLiteral("exchange = BYBIT, state = valid")};
        for (int column = 0; column < auditSamples.size(); ++column)
            auditView->setColumnWidth(column,
                                      auditMetrics.horizontalAdvance(auditSamples.at(column)) + 20);
    }
    Retranslate::fitTitles(auditView);
    auditView->horizontalHeader()->setStretchLastSection(true);
    auditView->verticalHeader()->hide();
    auditView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    av->addWidget(auditView, 2);
    av->addWidget(Retranslate::keep(new QLabel(this), "text", staticMetaObject.className(),
                                    QT_TR_NOOP("Alert history")));
    m_alertHistory = new AlertHistoryView(this);
    av->addWidget(m_alertHistory, 1);
    connect(auditFilter, &QLineEdit::textChanged, m_auditProxy,
            &QSortFilterProxyModel::setFilterFixedString);
}

void ActivityPage::retranslateHeaders()
{
    m_auditModel->setHorizontalHeaderLabels({tr("Time"), tr("Action"), tr("Rows"), tr("OS user"),
                                             tr("Database role"), tr("Profile"), tr("Filter"),
                                             tr("Outcome")});
}

void ActivityPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        Retranslate::apply(this);
        retranslateHeaders();
        if (auto *auditView = findChild<QTableView *>(QStringLiteral("auditView")))
            Retranslate::fitTitles(auditView);
    }
    QWidget::changeEvent(event);
}

void ActivityPage::clear()
{
    m_auditModel->setRowCount(0);
    m_alertHistory->clear();
}

void ActivityPage::showRecords(const QList<AuditRecord> &records)
{
    m_auditModel->setRowCount(0);
    for (const AuditRecord &r : records) {
        QList<QStandardItem *> row;
        row << new QStandardItem(
                   TimeDisplay::inZone(r.at).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
            << new QStandardItem(r.action) << new QStandardItem() << new QStandardItem(r.osUser)
            << new QStandardItem(r.dbRole) << new QStandardItem(r.profile)
            << new QStandardItem(Describe::auditFilter(r.filter)) << new QStandardItem(r.outcome);
        row.at(6)->setToolTip(row.at(6)->text());   // the whole text, however narrow the column
        row.at(6)->setData(r.filter, Qt::UserRole); // the JSON as recorded
        row.at(2)->setData(r.rowsAffected, Qt::DisplayRole); // sorts as a number
        row.at(2)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (r.outcome != QLatin1String("ok"))
            row.last()->setForeground(QColor(0xd0, 0x3b, 0x3b));
        m_auditModel->appendRow(row);
    }
}

} // namespace ui
} // namespace cc
