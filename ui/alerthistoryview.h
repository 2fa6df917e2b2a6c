#pragma once

#include "ui/alertformat.h"

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace cc {
namespace ui {

// The alert history: every change of a rule's state, the latest first, with a filter. Shown
// in the Alerts view and in the Activity view.
class AlertHistoryView : public QWidget
{
    Q_OBJECT

public:
    enum Column { Time, Rule, From, To, Value, Severity, Silenced, Columns };

    explicit AlertHistoryView(QWidget *parent = nullptr);

    QStandardItemModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    void clear();
    // `metricOf`: each rule's metric, to show values in their unit (a plain number otherwise).
    void showEvents(const QList<monitoring::AlertEvent> &events,
                    const QHash<QString, QString> &metricOf = {});

protected:
    void changeEvent(QEvent *event) override; // a language switched at run time

private:
    void retranslateHeaders();
    void fill();                            // the model from m_events
    QList<monitoring::AlertEvent> m_events; // the ones shown, shown again in a new language
    QHash<QString, QString> m_metricOf;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
};

} // namespace ui
} // namespace cc
