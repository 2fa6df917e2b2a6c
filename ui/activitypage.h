#pragma once

#include "core/store/types.h"

#include <QWidget>

class QSortFilterProxyModel;
class QStandardItemModel;

namespace cc {
namespace ui {

class AlertHistoryView;

// The Activity page: the audit log (who changed what, when, and how it ended), the latest
// first, with a filter over every column.
class ActivityPage : public QWidget
{
    Q_OBJECT

public:
    explicit ActivityPage(QWidget *parent = nullptr);

    QStandardItemModel *auditModel() const { return m_auditModel; }
    // Replaces what is shown with these records.
    void showRecords(const QList<AuditRecord> &records);
    void clear();
    // The alert history (every change of a rule's state), below the audit log.
    AlertHistoryView *alertHistory() const { return m_alertHistory; }

protected:
    void changeEvent(QEvent *event) override; // a language switched at run time

private:
    void retranslateHeaders();
    AlertHistoryView *m_alertHistory;
    QStandardItemModel *m_auditModel;
    QSortFilterProxyModel *m_auditProxy;
};

} // namespace ui
} // namespace cc
