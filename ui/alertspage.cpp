#include "ui/alertspage.h"

#include "ui/alerthistoryview.h"
#include "ui/retranslate.h"
#include "ui/timedisplay.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace cc {
namespace ui {

namespace {

bool isRatio(const QString &metric)
{
    return metric == QLatin1String(monitoring::metric::kHitRate) ||
           metric == QLatin1String(monitoring::metric::kExpiring5mShare);
}

// Sets a text that the language switch translates again (AlertsPage's context).
template<typename T>
T *kept(T *object, const char *property, const char *source)
{
    return Retranslate::keep(object, property, AlertsPage::staticMetaObject.className(), source);
}

QTableView *makeTable(QStandardItemModel *model, const QString &name, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

} // namespace

AlertsPage::AlertsPage(QWidget *parent)
    : QWidget(parent)
    , m_rules(new QStandardItemModel(0, Columns, this))
    , m_silences(new QStandardItemModel(0, 4, this))
{
    setObjectName(QStringLiteral("alertsPage"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *intro = kept(new QLabel(this), "text",
                       QT_TR_NOOP("Rules shared by every console and CLI on this database, "
                                  "evaluated on each refresh."));
    intro->setWordWrap(true);
    top->addWidget(intro, 1);
    m_updated = new QLabel(this);
    m_updated->setObjectName(QStringLiteral("alertsUpdated"));
    top->addWidget(m_updated);
    layout->addLayout(top);

    auto *buttons = new QHBoxLayout;
    auto addButton = [this, buttons](const QString &name, const char *text, auto slot) {
        auto *b = kept(new QPushButton(this), "text", text);
        b->setObjectName(name + QStringLiteral("RuleButton"));
        connect(b, &QPushButton::clicked, this, slot);
        buttons->addWidget(b);
        m_buttons.insert(name, b);
    };
    addButton(QStringLiteral("new"), QT_TR_NOOP("&New rule…"), &AlertsPage::newRule);
    addButton(QStringLiteral("edit"), QT_TR_NOOP("&Edit rule…"), &AlertsPage::editRule);
    addButton(QStringLiteral("delete"), QT_TR_NOOP("De&lete rule"), &AlertsPage::deleteCurrentRule);
    addButton(QStringLiteral("silence"), QT_TR_NOOP("&Silence…"), &AlertsPage::silenceCurrentRule);
    m_permission = new QLabel(this);
    m_permission->setObjectName(QStringLiteral("alertsPermission"));
    buttons->addWidget(m_permission, 1);
    layout->addLayout(buttons);

    retranslateHeaders();
    m_rulesView = makeTable(m_rules, QStringLiteral("alertRulesView"), this);
    const QFontMetrics metrics = m_rulesView->fontMetrics();
    const QStringList samples{QStringLiteral("timestamp_rejections"),
                              QStringLiteral("expiring_5m_share"),
                              QStringLiteral("above 500 ms"),
                              QStringLiteral("15 min"),
                              QStringLiteral("5 min"),
                              QStringLiteral("critical"),
                              QStringLiteral("Enabled"),
                              QStringLiteral("no data"),
                              QStringLiteral("100.0 %"),
                              QStringLiteral("00:00:00 0000-00-00")};
    for (int c = 0; c < samples.size(); ++c)
        m_rulesView->setColumnWidth(c, metrics.horizontalAdvance(samples.at(c)) + 24);
    connect(m_rulesView, &QTableView::doubleClicked, this, &AlertsPage::editRule);

    m_silencesView = makeTable(m_silences, QStringLiteral("alertSilencesView"), this);
    m_silencesView->setColumnWidth(0, metrics.horizontalAdvance(samples.at(0)) + 24);
    m_silencesView->setColumnWidth(1, metrics.horizontalAdvance(samples.at(9)) + 24);
    m_silencesView->setColumnWidth(2, metrics.horizontalAdvance(QStringLiteral("M")) * 40);
    Retranslate::fitTitles(m_rulesView);
    Retranslate::fitTitles(m_silencesView);
    AlertFormat::fitStateColumns(m_rulesView, {7});

    m_history = new AlertHistoryView(this);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(m_rulesView);
    auto *silenceBox = new QWidget(split);
    auto *sv = new QVBoxLayout(silenceBox);
    sv->setContentsMargins(0, 4, 0, 0);
    sv->addWidget(kept(new QLabel(silenceBox), "text", QT_TR_NOOP("Silences in force")));
    sv->addWidget(m_silencesView);
    split->addWidget(silenceBox);
    auto *historyBox = new QWidget(split);
    auto *hv = new QVBoxLayout(historyBox);
    hv->setContentsMargins(0, 4, 0, 0);
    hv->addWidget(kept(new QLabel(historyBox), "text", QT_TR_NOOP("Alert history")));
    hv->addWidget(m_history);
    split->addWidget(historyBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 3);
    layout->addWidget(split, 1);
    connect(m_rulesView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AlertsPage::updateButtons);
    setCanEdit(false, tr("Not connected to a database"));
}

void AlertsPage::retranslateHeaders()
{
    m_rules->setHorizontalHeaderLabels({tr("Rule"), tr("Metric"), tr("Condition"), tr("Window"),
                                        tr("For"), tr("Severity"), tr("Enabled"), tr("State"),
                                        tr("Value"), tr("Since"), tr("Silenced until")});
    m_silences->setHorizontalHeaderLabels(
        {tr("Rule"), tr("Silenced until"), tr("Reason"), tr("State")});
}

void AlertsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // The kept texts (labels, buttons), the headers, the buttons' tooltips; the rules and
        // silences shown again in the new language's words (states, severities, durations),
        // the rule chosen kept. (The reason why this role may not edit is its owner's text:
        // MainWindow sets it again.)
        Retranslate::apply(this);
        retranslateHeaders();
        Retranslate::fitTitles(m_rulesView);
        Retranslate::fitTitles(m_silencesView);
        AlertFormat::fitStateColumns(m_rulesView, {7});
        if (m_shown)
            showSnapshot(m_snapshot);
        updateButtons();
    }
    QWidget::changeEvent(event);
}

QPushButton *AlertsPage::button(const QString &name) const
{
    return m_buttons.value(name);
}

void AlertsPage::clear()
{
    m_shown = false;
    m_snapshot = AlertSnapshot();
    m_statuses.clear();
    m_rules->setRowCount(0);
    m_silences->setRowCount(0);
    m_history->clear();
    m_updated->clear();
    updateButtons();
}

void AlertsPage::setCanEdit(bool canEdit, const QString &whyNot)
{
    m_canEdit = canEdit;
    m_whyNot = whyNot;
    m_permission->setText(canEdit ? QString() : whyNot);
    updateButtons();
}

void AlertsPage::updateButtons()
{
    const bool selected = !currentRule().isEmpty();
    const QHash<QString, QString> tips{
        {QStringLiteral("new"), tr("Create a rule")},
        {QStringLiteral("edit"), tr("Change the selected rule")},
        {QStringLiteral("delete"), tr("Delete the selected rule")},
        {QStringLiteral("silence"), tr("Hold back the selected rule's alerts for a while")}};
    for (auto it = m_buttons.begin(); it != m_buttons.end(); ++it) {
        const bool needsRow = it.key() != QLatin1String("new");
        it.value()->setEnabled(m_canEdit && (selected || !needsRow));
        it.value()->setToolTip(m_canEdit ? tips.value(it.key()) : m_whyNot);
    }
}

const monitoring::RuleStatus *AlertsPage::statusOf(const QString &name) const
{
    for (const monitoring::RuleStatus &s : m_statuses) {
        if (s.rule.name == name)
            return &s;
    }
    return nullptr;
}

int AlertsPage::rowOf(const QString &name) const
{
    for (int r = 0; r < m_rules->rowCount(); ++r) {
        if (m_rules->item(r, Name)->text() == name)
            return r;
    }
    return -1;
}

QString AlertsPage::currentRule() const
{
    const QModelIndex index = m_rulesView->currentIndex();
    if (!index.isValid() || !m_rulesView->selectionModel()->isRowSelected(index.row()))
        return QString();
    return m_rules->item(index.row(), Name)->text();
}

void AlertsPage::selectRule(const QString &name)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    m_rulesView->selectRow(row);
    m_rulesView->scrollTo(m_rules->index(row, Name));
    m_rulesView->setFocus(Qt::OtherFocusReason);
}

void AlertsPage::showSnapshot(const AlertSnapshot &snapshot)
{
    const QString selected = currentRule();
    m_snapshot = snapshot;
    m_shown = true;
    m_statuses = snapshot.statuses;
    m_rules->setRowCount(0);
    m_silences->setRowCount(0);
    const qint64 now = snapshot.at.toMSecsSinceEpoch();
    for (const monitoring::RuleStatus &s : snapshot.statuses) {
        const monitoring::AlertRule &r = s.rule;
        QList<QStandardItem *> row;
        for (int c = 0; c < Columns; ++c)
            row << new QStandardItem;
        row.at(Name)->setText(r.name);
        row.at(Metric)->setText(r.metric);
        row.at(Metric)->setToolTip(monitoring::metricDescription(r.metric));
        row.at(Condition)->setText(AlertFormat::condition(r));
        row.at(Window)->setText(AlertFormat::duration(r.window));
        row.at(For)->setText(AlertFormat::duration(r.pendingFor));
        row.at(Severity)->setText(AlertFormat::severity(r.severity));
        row.at(Severity)->setForeground(AlertFormat::severityColor(r.severity));
        row.at(Enabled)->setText(r.enabled ? tr("yes") : tr("no"));
        row.at(State)->setText(AlertFormat::state(s.state));
        row.at(State)->setData(int(s.state), Qt::UserRole);
        row.at(State)->setForeground(AlertFormat::stateColor(s.state, r.severity));
        if (s.state == monitoring::AlertState::Firing) {
            QFont bold = row.at(State)->font();
            bold.setBold(true);
            row.at(State)->setFont(bold);
        }
        row.at(Value)->setText(AlertFormat::value(r.metric, s.value));
        row.at(Value)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row.at(Since)->setText(s.since.isValid() ? TimeDisplay::shortText(s.since) : QString());
        row.at(Since)->setToolTip(s.since.isValid() ? TimeDisplay::fullText(s.since) : QString());
        if (s.silenced) {
            row.at(Silenced)->setText(TimeDisplay::shortText(s.silence.until));
            row.at(Silenced)->setToolTip(s.silence.reason);
        }
        m_rules->appendRow(row);
        for (const monitoring::Silence &silence : r.silences) {
            if (!silence.until.isValid() || silence.until.toMSecsSinceEpoch() <= now)
                continue;
            QList<QStandardItem *> srow{
                new QStandardItem(r.name), new QStandardItem(TimeDisplay::shortText(silence.until)),
                new QStandardItem(silence.reason), new QStandardItem(AlertFormat::state(s.state))};
            srow.at(1)->setToolTip(TimeDisplay::fullText(silence.until));
            srow.at(2)->setToolTip(silence.reason);
            m_silences->appendRow(srow);
        }
    }
    m_history->showEvents(snapshot.history, AlertFormat::metricsOf(snapshot.statuses));
    m_updated->setText(tr("evaluated %1").arg(TimeDisplay::shortText(snapshot.at)));
    m_updated->setToolTip(snapshot.rulesNote);
    if (!snapshot.rulesNote.isEmpty())
        m_updated->setText(m_updated->text() + QStringLiteral(" — ") + snapshot.rulesNote);
    if (!selected.isEmpty())
        selectRule(selected);
    updateButtons();
}

bool AlertsPage::saveRule(const monitoring::AlertRule &rule)
{
    if (!m_canEdit)
        return false;
    Q_EMIT saveRuleRequested(rule);
    return true;
}

bool AlertsPage::deleteRule(const QString &name)
{
    if (!m_canEdit)
        return false;
    Q_EMIT deleteRuleRequested(name);
    return true;
}

bool AlertsPage::silence(const QString &rule, const monitoring::Silence &silence)
{
    if (!m_canEdit)
        return false;
    Q_EMIT silenceRequested(rule, silence);
    return true;
}

void AlertsPage::newRule()
{
    if (!m_canEdit)
        return;
    monitoring::AlertRule rule;
    rule.metric = QLatin1String(monitoring::metric::kHitRate);
    rule.comparison = monitoring::Comparison::Below;
    rule.threshold = 0.8;
    RuleDialog dialog(rule, true, this);
    if (dialog.exec() == QDialog::Accepted)
        saveRule(dialog.rule());
}

void AlertsPage::editRule()
{
    const monitoring::RuleStatus *s = statusOf(currentRule());
    if (!m_canEdit || !s)
        return;
    RuleDialog dialog(s->rule, false, this);
    if (dialog.exec() == QDialog::Accepted)
        saveRule(dialog.rule());
}

void AlertsPage::deleteCurrentRule()
{
    const QString name = currentRule();
    if (!m_canEdit || name.isEmpty())
        return;
    if (QMessageBox::question(this, tr("Delete rule"),
                              tr("Delete the rule %1? Every console and CLI on this database "
                                 "stops evaluating it.")
                                  .arg(name)) != QMessageBox::Yes)
        return;
    deleteRule(name);
}

void AlertsPage::silenceCurrentRule()
{
    const QString name = currentRule();
    if (!m_canEdit || name.isEmpty())
        return;
    SilenceDialog dialog(name, this);
    if (dialog.exec() == QDialog::Accepted)
        silence(name, dialog.silence());
}

RuleDialog::RuleDialog(const monitoring::AlertRule &rule, bool isNew, QWidget *parent)
    : QDialog(parent)
    , m_rule(rule)
{
    setObjectName(QStringLiteral("ruleDialog"));
    setWindowTitle(isNew ? tr("New alert rule") : tr("Edit alert rule %1").arg(rule.name));
    auto *form = new QFormLayout;
    m_name = new QLineEdit(rule.name, this);
    m_name->setObjectName(QStringLiteral("ruleName"));
    m_name->setReadOnly(!isNew);
    m_name->setPlaceholderText(QStringLiteral("hit_rate_low"));
    form->addRow(tr("&Name:"), m_name);
    m_metric = new QComboBox(this);
    m_metric->setObjectName(QStringLiteral("ruleMetric"));
    for (const QString &metric : monitoring::metricNames())
        m_metric->addItem(
            QStringLiteral("%1 — %2").arg(metric, monitoring::metricDescription(metric)), metric);
    m_metric->setCurrentIndex(qMax(0, m_metric->findData(rule.metric)));
    form->addRow(tr("&Metric:"), m_metric);
    auto *condition = new QHBoxLayout;
    m_comparison = new QComboBox(this);
    m_comparison->setObjectName(QStringLiteral("ruleComparison"));
    m_comparison->addItem(tr("below"), int(monitoring::Comparison::Below));
    m_comparison->addItem(tr("above"), int(monitoring::Comparison::Above));
    m_comparison->setCurrentIndex(rule.comparison == monitoring::Comparison::Below ? 0 : 1);
    condition->addWidget(m_comparison);
    m_threshold = new QDoubleSpinBox(this);
    m_threshold->setObjectName(QStringLiteral("ruleThreshold"));
    m_threshold->setRange(0, 1e9);
    m_threshold->setDecimals(2);
    condition->addWidget(m_threshold, 1);
    form->addRow(tr("&Fires when:"), condition);
    m_window = new QSpinBox(this);
    m_window->setObjectName(QStringLiteral("ruleWindow"));
    m_window->setRange(1, 24 * 60);
    m_window->setSuffix(tr(" min"));
    m_window->setValue(int(qMax<qint64>(1, rule.window.count() / 60)));
    form->addRow(tr("Over the last:"), m_window);
    m_pending = new QSpinBox(this);
    m_pending->setObjectName(QStringLiteral("rulePending"));
    m_pending->setRange(0, 24 * 60);
    m_pending->setSuffix(tr(" min"));
    m_pending->setValue(int(rule.pendingFor.count() / 60));
    form->addRow(tr("Held &for:"), m_pending);
    m_severity = new QComboBox(this);
    m_severity->setObjectName(QStringLiteral("ruleSeverity"));
    m_severity->addItem(tr("warning"), int(monitoring::Severity::Warning));
    m_severity->addItem(tr("critical"), int(monitoring::Severity::Critical));
    m_severity->setCurrentIndex(rule.severity == monitoring::Severity::Critical ? 1 : 0);
    form->addRow(tr("&Severity:"), m_severity);
    m_enabled = new QCheckBox(tr("&Enabled"), this);
    m_enabled->setChecked(rule.enabled);
    form->addRow(QString(), m_enabled);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("ruleProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #d03b3b"));
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = box->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Save"));
    connect(box, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(box);
    updateUnit();
    m_threshold->setValue(isRatio(rule.metric) ? rule.threshold * 100.0 : rule.threshold);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &RuleDialog::updateUnit);
    auto check = [this]() {
        const QString why = problem();
        m_problem->setText(why);
        m_ok->setEnabled(why.isEmpty());
    };
    connect(m_name, &QLineEdit::textChanged, this, check);
    check();
}

void RuleDialog::updateUnit()
{
    const QString metric = m_metric->currentData().toString();
    if (isRatio(metric)) {
        m_threshold->setSuffix(QStringLiteral(" %"));
        m_threshold->setMaximum(100);
    } else {
        m_threshold->setSuffix(metric == QLatin1String(monitoring::metric::kInitP95Ms) ? tr(" ms")
                                                                                       : QString());
        m_threshold->setMaximum(1e9);
    }
}

QString RuleDialog::problem() const
{
    if (!monitoring::isValidRuleName(m_name->text()))
        return tr("The name takes 1 to 64 of a-z, 0-9 and _.");
    return QString();
}

monitoring::AlertRule RuleDialog::rule() const
{
    monitoring::AlertRule r = m_rule;
    r.name = m_name->text();
    r.metric = m_metric->currentData().toString();
    r.comparison = monitoring::Comparison(m_comparison->currentData().toInt());
    r.threshold = isRatio(r.metric) ? m_threshold->value() / 100.0 : m_threshold->value();
    r.window = std::chrono::minutes(m_window->value());
    r.pendingFor = std::chrono::minutes(m_pending->value());
    r.severity = monitoring::Severity(m_severity->currentData().toInt());
    r.enabled = m_enabled->isChecked();
    return r;
}

SilenceDialog::SilenceDialog(const QString &rule, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("silenceDialog"));
    setWindowTitle(tr("Silence %1").arg(rule));
    auto *form = new QFormLayout;
    m_duration = new QComboBox(this);
    m_duration->setObjectName(QStringLiteral("silenceDuration"));
    for (int minutes : {30, 60, 120, 240, 480, 1440, 7 * 1440})
        m_duration->addItem(AlertFormat::duration(std::chrono::minutes(minutes)), minutes);
    m_duration->setCurrentIndex(2);
    form->addRow(tr("&For:"), m_duration);
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("silenceReason"));
    m_reason->setPlaceholderText(tr("Why (recorded with the silence and in the audit log)"));
    form->addRow(tr("&Reason:"), m_reason);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = box->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Silence"));
    m_ok->setEnabled(false);
    connect(m_reason, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_ok->setEnabled(!text.trimmed().isEmpty()); });
    connect(box, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(box);
}

monitoring::Silence SilenceDialog::silence() const
{
    monitoring::Silence s;
    s.until =
        QDateTime::currentDateTimeUtc().addSecs(qint64(m_duration->currentData().toInt()) * 60);
    s.reason = m_reason->text().trimmed();
    return s;
}

} // namespace ui
} // namespace cc
