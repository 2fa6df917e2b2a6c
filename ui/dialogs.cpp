#include "ui/dialogs.h"

#include "core/connector/cachedconnector.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScatterSeries>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

namespace cc {
namespace ui {

ConfirmDialog::ConfirmDialog(const QString &title, const QString &question,
                             const QString &typeToConfirm, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("confirmDialog"));
    setWindowTitle(title);
    setMinimumWidth(460);
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()
                        ->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this)
                        .pixmap(iconSize, iconSize));
    icon->setAlignment(Qt::AlignTop);
    top->addWidget(icon);
    top->addSpacing(8);
    auto *text = new QLabel(question, this);
    text->setWordWrap(true);
    text->setObjectName(QStringLiteral("confirmQuestion"));
    top->addWidget(text, 1);
    layout->addLayout(top);
    layout->addSpacing(6);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(title);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    if (!typeToConfirm.isEmpty()) {
        auto *hint = new QLabel(tr("This profile is tagged <b>production</b>. Type its name, "
                                   "<b>%1</b>, to confirm.")
                                    .arg(typeToConfirm.toHtmlEscaped()),
                                this);
        hint->setWordWrap(true);
        layout->addWidget(hint);
        m_edit = new QLineEdit(this);
        m_edit->setObjectName(QStringLiteral("typeToConfirm"));
        layout->addWidget(m_edit);
        m_ok->setEnabled(false);
        m_edit->setFocus(); // the operator types at once
        auto *cancel = buttons->button(QDialogButtonBox::Cancel);
        connect(m_edit, &QLineEdit::textChanged, this,
                [this, cancel, typeToConfirm](const QString &t) {
                    // Once the name is right, Enter confirms; until then it cancels.
                    const bool match = t == typeToConfirm;
                    m_ok->setEnabled(match);
                    m_ok->setDefault(match);
                    cancel->setDefault(!match);
                });
    }
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ProfilesDialog::ProfilesDialog(QWidget *parent)
    : QDialog(parent)
    , m_profiles(ProfileStore::load())
{
    setObjectName(QStringLiteral("profilesDialog"));
    setWindowTitle(tr("Connection profiles"));
    resize(720, 420);
    auto *layout = new QHBoxLayout(this);
    auto *left = new QVBoxLayout;
    m_list = new QTableWidget(0, 2, this);
    m_list->setHorizontalHeaderLabels({tr("Name"), tr("Environment")});
    m_list->verticalHeader()->hide();
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    left->addWidget(m_list);
    auto *row = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    row->addWidget(add);
    row->addWidget(remove);
    left->addLayout(row);
    layout->addLayout(left, 1);

    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_url = new QLineEdit(this);
    m_url->setPlaceholderText(QStringLiteral("postgresql://user@host:5432/db"));
    m_url->setToolTip(tr("No password here: it goes to the keychain, or libpq's ~/.pgpass, "
                         "PGPASSWORD or service file."));
    m_tag = new QComboBox(this);
    for (auto tag : {ConnectionProfile::Tag::Production, ConnectionProfile::Tag::Staging,
                     ConnectionProfile::Tag::Test})
        m_tag->addItem(ConnectionProfile::tagName(tag), int(tag));
    m_sslMode = new QComboBox(this);
    m_sslMode->addItem(tr("(from the URL or libpq)"), QString());
    for (const char *mode : {"disable", "prefer", "require", "verify-ca", "verify-full"})
        m_sslMode->addItem(QLatin1String(mode), QLatin1String(mode));
    m_caFile = new QLineEdit(this);
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile);
    caRow->addWidget(browse);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Database URL:"), m_url);
    form->addRow(tr("Environment:"), m_tag);
    form->addRow(tr("TLS mode:"), m_sslMode);
    form->addRow(tr("CA file:"), caRow);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828"));
    form->addRow(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addStretch();
    right->addWidget(buttons);
    layout->addLayout(right, 2);

    connect(add, &QPushButton::clicked, this, [this]() {
        store(m_current);
        ConnectionProfile p;
        p.name = tr("New profile %1").arg(m_profiles.size() + 1);
        p.url = QStringLiteral("postgresql://");
        m_profiles << p;
        refreshList();
        m_list->selectRow(int(m_profiles.size()) - 1);
    });
    connect(remove, &QPushButton::clicked, this, [this]() {
        if (m_current < 0 || m_current >= m_profiles.size())
            return;
        m_profiles.removeAt(m_current);
        m_current = -1;
        refreshList();
    });
    connect(browse, &QPushButton::clicked, this, [this]() {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("CA certificate"), QString(), tr("Certificates (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
    connect(m_list, &QTableWidget::currentCellChanged, this, [this](int current) {
        store(m_current);
        load(current);
    });
    auto *connectButton = buttons->addButton(tr("Save and &connect"), QDialogButtonBox::ApplyRole);
    connectButton->setObjectName(QStringLiteral("connectButton"));
    connect(connectButton, &QPushButton::clicked, this, [this]() {
        const int chosen = m_current;
        if (chosen < 0 || !saveAll())
            return;
        m_connectTo = m_profiles.at(chosen);
        accept();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, [this]() {
        if (saveAll())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    refreshList();
    if (!m_profiles.isEmpty())
        m_list->selectRow(0);
}

bool ProfilesDialog::saveAll()
{
    store(m_current);
    for (const ConnectionProfile &p : std::as_const(m_profiles)) {
        QString error;
        p.config(&error);
        if (!error.isEmpty()) {
            m_error->setText(tr("Profile \"%1\": %2").arg(p.name, error));
            return false;
        }
    }
    ProfileStore::save(m_profiles);
    return true;
}

void ProfilesDialog::refreshList()
{
    m_list->setRowCount(int(m_profiles.size()));
    for (int i = 0; i < m_profiles.size(); ++i) {
        const ConnectionProfile &p = m_profiles.at(i);
        m_list->setItem(i, 0, new QTableWidgetItem(p.name));
        auto *tag = new QTableWidgetItem(ConnectionProfile::tagName(p.tag));
        tag->setForeground(ConnectionProfile::tagColor(p.tag));
        m_list->setItem(i, 1, tag);
    }
}

void ProfilesDialog::load(int row)
{
    m_current = row;
    const bool valid = row >= 0 && row < m_profiles.size();
    for (QWidget *w : {static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_url),
                       static_cast<QWidget *>(m_tag), static_cast<QWidget *>(m_sslMode),
                       static_cast<QWidget *>(m_caFile)})
        w->setEnabled(valid);
    if (!valid)
        return;
    const ConnectionProfile &p = m_profiles.at(row);
    m_name->setText(p.name);
    m_url->setText(p.url);
    m_tag->setCurrentIndex(m_tag->findData(int(p.tag)));
    m_sslMode->setCurrentIndex(std::max(0, m_sslMode->findData(p.sslMode)));
    m_caFile->setText(p.sslRootCert);
}

void ProfilesDialog::store(int row)
{
    if (row < 0 || row >= m_profiles.size())
        return;
    ConnectionProfile &p = m_profiles[row];
    p.name = m_name->text().trimmed();
    p.url = m_url->text().trimmed();
    p.tag = ConnectionProfile::Tag(m_tag->currentData().toInt());
    p.sslMode = m_sslMode->currentData().toString();
    p.sslRootCert = m_caFile->text().trimmed();
    if (QTableWidgetItem *item = m_list->item(row, 0))
        item->setText(p.name);
}

TestSyncDialog::TestSyncDialog(const CacheEntry *entry, bool canWrite,
                               const QString &readOnlyReason, QWidget *parent)
    : QDialog(parent)
    , m_canWrite(canWrite)
    , m_network(new QNetworkAccessManager(this))
    , m_sync(new TimeSync(m_network, Clock::system(), this))
{
    setObjectName(QStringLiteral("testSyncDialog"));
    setWindowTitle(tr("Test sync"));
    resize(640, 560);
    if (entry) {
        m_entry = *entry;
        m_hasEntry = true;
    }
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_exchange = new QComboBox(this);
    m_exchange->addItem(QStringLiteral("BYBIT"));
    m_exchange->addItem(QStringLiteral("BINGX"));
    m_environment = new QComboBox(this);
    m_environment->addItems(
        {QStringLiteral("TESTNET"), QStringLiteral("DEMO"), QStringLiteral("MAINNET")});
    m_baseUrl = new QLineEdit(this);
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_baseUrl->setPlaceholderText(tr("default host of the exchange and environment"));
    m_user = new QLineEdit(this);
    m_credential = new QLineEdit(this);
    if (m_hasEntry) {
        m_exchange->setCurrentText(m_entry.exchange);
        m_environment->setCurrentText(m_entry.environment);
        m_user->setText(m_entry.userId);
        m_credential->setText(m_entry.credentialId);
    }
    form->addRow(tr("Exchange:"), m_exchange);
    form->addRow(tr("Environment:"), m_environment);
    form->addRow(tr("Base URL:"), m_baseUrl);
    form->addRow(tr("User:"), m_user);
    form->addRow(tr("Credential:"), m_credential);
    layout->addLayout(form);

    m_result = new QPlainTextEdit(this);
    m_result->setObjectName(QStringLiteral("syncResult"));
    m_result->setReadOnly(true);
    m_result->setMaximumHeight(150);
    layout->addWidget(m_result);
    auto *chart = new QChart;
    chart->setTitle(tr("Samples: offset against round trip"));
    chart->legend()->hide();
    m_chart = new QChartView(chart, this);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(200);
    layout->addWidget(m_chart, 1);

    auto *buttons = new QHBoxLayout;
    m_run = new QPushButton(tr("Run sync"), this);
    m_run->setObjectName(QStringLiteral("runSync"));
    m_cancel = new QPushButton(tr("Cancel sync"), this);
    m_cancel->setEnabled(false);
    m_write = new QPushButton(tr("Write to cache…"), this);
    m_write->setObjectName(QStringLiteral("writeSync"));
    m_write->setEnabled(false);
    if (!canWrite)
        m_write->setToolTip(readOnlyReason);
    auto *close = new QPushButton(tr("Close"), this);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    buttons->addWidget(m_write);
    buttons->addWidget(close);
    layout->addLayout(buttons);

    connect(m_run, &QPushButton::clicked, this, &TestSyncDialog::run);
    connect(m_cancel, &QPushButton::clicked, this, &TestSyncDialog::cancelSync);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_sync, &TimeSync::finished, this, &TestSyncDialog::onFinished);
    connect(m_write, &QPushButton::clicked, this, [this]() {
        if (!m_last.ok())
            return;
        const QString user = m_user->text().trimmed();
        const QString credential = m_credential->text().trimmed();
        if (user.isEmpty() || credential.isEmpty()) {
            QMessageBox::warning(this, tr("Write to cache"),
                                 tr("Give the user and the credential the offset belongs to."));
            return;
        }
        ConfirmDialog confirm(tr("Write"),
                              tr("Write offset %1 ms (± %2 ms) for %3 / %4 to the cache?")
                                  .arg(m_last.offsetMs)
                                  .arg(m_last.errorBoundMs, 0, 'f', 1)
                                  .arg(user, credential),
                              QString(), this);
        if (confirm.exec() != QDialog::Accepted)
            return;
        TimeSyncState state;
        state.timeOffsetMs = m_last.offsetMs;
        state.lastSyncTime = QDateTime::fromMSecsSinceEpoch(m_last.finishedAtMs, Qt::UTC);
        state.metadata = QJsonObject{
            {QStringLiteral("sync"),
             QJsonObject{{QStringLiteral("errorBoundMs"), m_last.errorBoundMs},
                         {QStringLiteral("rttMs"), m_last.rttMs},
                         {QStringLiteral("samples"), m_last.samplesUsed},
                         {QStringLiteral("source"), QStringLiteral("console test sync")},
                         {QStringLiteral("host"), m_last.host}}}};
        Q_EMIT writeRequested(user, credential, m_exchange->currentText(),
                              m_environment->currentText(), state);
    });
}

TestSyncDialog::~TestSyncDialog() = default;

bool TestSyncDialog::isRunning() const
{
    return m_sync->isRunning();
}

void TestSyncDialog::run()
{
    QString error;
    const auto profile = ExchangeProfile::resolve(
        m_exchange->currentText(), m_environment->currentText(), m_baseUrl->text(), &error);
    if (!profile) {
        m_result->setPlainText(error);
        return;
    }
    m_result->setPlainText(tr("Syncing with %1…").arg(profile->displayName()));
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_write->setEnabled(false);
    m_sync->start(*profile, m_options);
}

void TestSyncDialog::cancelSync()
{
    m_sync->cancel();
}

void TestSyncDialog::reject()
{
    m_sync->cancel(); // never leave a request running behind a closed dialog
    QDialog::reject();
}

void TestSyncDialog::onFinished(const SyncResult &result)
{
    m_last = result;
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    if (!result.ok()) {
        m_result->setPlainText(result.error == SyncResult::Error::Cancelled
                                   ? tr("Cancelled.")
                                   : tr("The sync failed: %1").arg(result.errorMessage));
        return;
    }
    QString text = tr("Offset: %1 ms (server minus local)\nError bound: ± %2 ms\nRound trip: %3 ms "
                      "(%4 of %5 samples used)\n")
                       .arg(result.offsetMs)
                       .arg(result.errorBoundMs, 0, 'f', 1)
                       .arg(result.rttMs, 0, 'f', 1)
                       .arg(result.samplesUsed)
                       .arg(result.samples.size());
    if (m_hasEntry) {
        const qint64 diff = m_entry.timeOffsetMs - result.offsetMs;
        const auto profile = ExchangeProfile::lookup(
            exchangeFromName(m_entry.exchange).value_or(Exchange::Bybit),
            environmentFromName(m_entry.environment).value_or(Environment::Testnet));
        const SafetyCheck check = CachedConnector::checkSafety(m_entry, Clock::system()->nowMs(),
                                                               profile, ConnectorOptions(), true);
        // The cached offset would be accepted if, signed with its own margin, a request stays
        // inside the exchange's window measured against this fresh offset.
        const double margin = check.uncertaintyMs;
        const double lead = double(diff) - margin; // how far ahead a request would run
        const bool accepted = lead < profile.aheadLimitMs && -lead < profile.recvWindowMs;
        text += tr("Cached offset: %1 ms, differs by %2 ms\nThe exchange would %3 a request signed "
                   "with the cached offset.")
                    .arg(m_entry.timeOffsetMs)
                    .arg(diff)
                    .arg(accepted ? tr("accept") : tr("REJECT"));
    }
    m_result->setPlainText(text);
    m_write->setEnabled(m_canWrite);

    QChart *chart = m_chart->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    auto *used = new QScatterSeries;
    auto *dropped = new QScatterSeries;
    dropped->setColor(Qt::gray);
    double minY = 1e18, maxY = -1e18, maxX = 1;
    for (const SyncSample &s : result.samples) {
        (s.dropped ? dropped : used)->append(s.rttMs(), s.offsetMs());
        minY = std::min(minY, s.offsetMs());
        maxY = std::max(maxY, s.offsetMs());
        maxX = std::max(maxX, s.rttMs());
    }
    chart->addSeries(used);
    chart->addSeries(dropped);
    auto *x = new QValueAxis;
    x->setTitleText(tr("round trip (ms)"));
    x->setRange(0, maxX * 1.1);
    auto *y = new QValueAxis;
    y->setTitleText(tr("offset (ms)"));
    y->setRange(minY - 5, maxY + 5);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QScatterSeries *s : {used, dropped}) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
}

ShortcutsDialog::ShortcutsDialog(const QList<QPair<QString, QString>> &shortcuts, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard shortcuts"));
    auto *layout = new QVBoxLayout(this);
    auto *table = new QTableWidget(int(shortcuts.size()), 2, this);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int i = 0; i < shortcuts.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(shortcuts.at(i).first));
        table->setItem(i, 1, new QTableWidgetItem(shortcuts.at(i).second));
    }
    table->resizeColumnsToContents();
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(420, 420);
}

} // namespace ui
} // namespace cc
