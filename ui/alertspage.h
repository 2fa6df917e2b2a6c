#pragma once

#include "ui/alertformat.h"

#include <QDialog>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;

namespace cc {
namespace ui {

class AlertHistoryView;

// The Alerts view: every rule with its state, value and since when; the silences in force; the
// alert history. Editing rules and adding silences are administrative actions: offered to a
// role that may (disabled with the reason otherwise), each one audited by the store worker.
class AlertsPage : public QWidget
{
    Q_OBJECT

public:
    enum Column {
        Name,
        Metric,
        Condition,
        Window,
        For,
        Severity,
        Enabled,
        State,
        Value,
        Since,
        Silenced,
        Columns
    };

    explicit AlertsPage(QWidget *parent = nullptr);

    void showSnapshot(const AlertSnapshot &snapshot);
    void clear();
    // Whether this role may change rules; `whyNot` is the buttons' tooltip when it may not.
    void setCanEdit(bool canEdit, const QString &whyNot);
    bool canEdit() const { return m_canEdit; }

    // Selects a rule's row and shows it (the alert bar's click).
    void selectRule(const QString &name);
    QString currentRule() const;
    int rowOf(const QString &name) const;

    QStandardItemModel *rulesModel() const { return m_rules; }
    QStandardItemModel *silencesModel() const { return m_silences; }
    QTableView *rulesView() const { return m_rulesView; }
    AlertHistoryView *history() const { return m_history; }
    QPushButton *button(const QString &name) const; // "new", "edit", "delete", "silence"
    QList<monitoring::RuleStatus> statuses() const { return m_statuses; }

public Q_SLOTS:
    // What the dialogs end in; refused (false) when this role may not edit.
    bool saveRule(const cc::monitoring::AlertRule &rule);
    bool deleteRule(const QString &name);
    bool silence(const QString &rule, const cc::monitoring::Silence &silence);
    void newRule();
    void editRule();
    void deleteCurrentRule();
    void silenceCurrentRule();

Q_SIGNALS:
    void saveRuleRequested(const cc::monitoring::AlertRule &rule);
    void deleteRuleRequested(const QString &name);
    void silenceRequested(const QString &rule, const cc::monitoring::Silence &silence);

protected:
    void changeEvent(QEvent *event) override; // a language switched at run time

private:
    void updateButtons();
    void retranslateHeaders();
    const monitoring::RuleStatus *statusOf(const QString &name) const;

    AlertSnapshot m_snapshot; // the one shown (m_shown), shown again in a new language
    bool m_shown = false;

    QList<monitoring::RuleStatus> m_statuses;
    QStandardItemModel *m_rules;
    QStandardItemModel *m_silences;
    QTableView *m_rulesView;
    QTableView *m_silencesView;
    AlertHistoryView *m_history;
    QLabel *m_updated;
    QLabel *m_permission;
    QHash<QString, QPushButton *> m_buttons;
    bool m_canEdit = false;
    QString m_whyNot;
};

// Creates or changes one rule.
class RuleDialog : public QDialog
{
    Q_OBJECT

public:
    RuleDialog(const monitoring::AlertRule &rule, bool isNew, QWidget *parent = nullptr);
    monitoring::AlertRule rule() const;
    // The rule in words when it cannot be saved ("name: only a-z, 0-9 and _"), empty when fine.
    QString problem() const;

    QLineEdit *nameEdit() const { return m_name; }
    QDoubleSpinBox *thresholdSpin() const { return m_threshold; }

private:
    void updateUnit();

    monitoring::AlertRule m_rule;
    QLineEdit *m_name;
    QComboBox *m_metric;
    QComboBox *m_comparison;
    QDoubleSpinBox *m_threshold;
    QSpinBox *m_window;
    QSpinBox *m_pending;
    QComboBox *m_severity;
    QCheckBox *m_enabled;
    QLabel *m_problem;
    QPushButton *m_ok;
};

// Silences one rule for a while, with the reason.
class SilenceDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SilenceDialog(const QString &rule, QWidget *parent = nullptr);
    monitoring::Silence silence() const;
    QLineEdit *reasonEdit() const { return m_reason; }
    QComboBox *durationCombo() const { return m_duration; }

private:
    QComboBox *m_duration;
    QLineEdit *m_reason;
    QPushButton *m_ok;
};

} // namespace ui
} // namespace cc
