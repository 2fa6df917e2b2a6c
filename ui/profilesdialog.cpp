#include "ui/profilesdialog.h"

#include "core/store/cachestore.h"
#include "core/store/dotenv.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace cc {
namespace ui {

ProfilesDialog::ProfilesDialog(QWidget *parent, const QString &currentName)
    : QDialog(parent)
    , m_profiles(ProfileStore::load())
    , m_vault(new PasswordVault(this))
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
    m_list->setObjectName(QStringLiteral("profileList"));
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
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_tag->setObjectName(QStringLiteral("tagCombo"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(PasswordVault::isAvailable()
                                       ? tr("kept in the system keychain")
                                       : tr("not saved: asked for when connecting"));
    m_passwordNotice = new QLabel(this);
    m_passwordNotice->setObjectName(QStringLiteral("passwordNotice"));
    m_passwordNotice->setWordWrap(true);
    m_passwordNotice->setStyleSheet(QStringLiteral("color: #b26a00"));
    m_passwordNotice->hide();
    // The application's own .env (Prisma's DATABASE_URL), and whether a pooler is in between.
    m_envFile = new QLineEdit(this);
    m_envFile->setObjectName(QStringLiteral("envFileEdit"));
    m_envFile->setReadOnly(true);
    m_envFile->setPlaceholderText(tr("none: the URL above"));
    m_envFile->setToolTip(tr("DATABASE_URL is read from this file at every connect; its "
                             "password is used for the session and never saved."));
    auto *importEnv = new QPushButton(tr("Import from .env…"), this);
    importEnv->setObjectName(QStringLiteral("importEnvButton"));
    auto *envRow = new QHBoxLayout;
    envRow->addWidget(m_envFile);
    envRow->addWidget(importEnv);
    m_pooled =
        new QCheckBox(tr("Through a transaction-mode pooler (PgBouncer, Supavisor, …)"), this);
    m_pooled->setObjectName(QStringLiteral("pooledCheck"));
    m_pooled->setToolTip(tr("No prepared statements, no session settings, live updates by "
                            "polling. Set by pgbouncer=true in the URL too."));
    connect(importEnv, &QPushButton::clicked, this, [this]() {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("The application's .env"), QString(),
            tr("dotenv files (.env*);;All files (*)"), nullptr, QFileDialog::DontResolveSymlinks);
        if (!file.isEmpty())
            importEnvFile(file);
    });
    // A URL typed by hand replaces the file's.
    connect(m_url, &QLineEdit::textEdited, m_envFile, &QLineEdit::clear);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Database URL:"), m_url);
    form->addRow(tr("From .env:"), envRow);
    form->addRow(QString(), m_pooled);
    form->addRow(tr("Password:"), m_password);
    form->addRow(m_passwordNotice);
    form->addRow(tr("Environment:"), m_tag);
    form->addRow(tr("TLS mode:"), m_sslMode);
    form->addRow(tr("CA file:"), caRow);
    m_testButton = new QPushButton(tr("&Test connection"), this);
    m_testButton->setObjectName(QStringLiteral("testConnectionButton"));
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(m_testButton, m_testResult);
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
    connect(m_url, &QLineEdit::editingFinished, this, &ProfilesDialog::stripPassword);
    connect(m_testButton, &QPushButton::clicked, this, &ProfilesDialog::testConnection);
    // The list follows the name and the tag as they are edited.
    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &name) {
        if (QTableWidgetItem *item = m_list->item(m_current, 0))
            item->setText(name.trimmed());
    });
    connect(m_tag, &QComboBox::currentIndexChanged, this, [this]() {
        if (QTableWidgetItem *item = m_list->item(m_current, 1)) {
            const auto tag = ConnectionProfile::Tag(m_tag->currentData().toInt());
            item->setText(ConnectionProfile::tagName(tag));
            item->setForeground(ConnectionProfile::tagColor(tag));
        }
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
    if (!m_profiles.isEmpty()) {
        int first = 0;
        for (int i = 0; i < m_profiles.size(); ++i) {
            if (m_profiles.at(i).name == currentName)
                first = i;
        }
        m_list->selectRow(first);
    }
}

ProfilesDialog::~ProfilesDialog() = default;

void ProfilesDialog::stripPassword()
{
    const QString typed = m_url->text().trimmed();
    QString error;
    const DatabaseConfig config = DatabaseConfig::fromUrl(typed, &error);
    QString password;
    QString stripped;
    if (error.isEmpty() && !config.password.isEmpty()) {
        password = config.password;
        stripped = config.toUrl();
    } else if (!error.isEmpty() && DatabaseConfig::withoutPassword(typed) != typed) {
        stripped = DatabaseConfig::withoutPassword(typed); // "***" marks where it was
    }
    if (stripped.isEmpty())
        return;
    m_url->setText(stripped);
    if (!password.isEmpty())
        m_password->setText(password);
    m_passwordNotice->setText(
        password.isEmpty()
            ? tr("The password was removed from the URL and is not saved; type it into the "
                 "password field.")
        : PasswordVault::isAvailable()
            ? tr("The password was taken out of the URL: it goes to the system keychain, "
                 "never into the settings file.")
            : tr("The password was taken out of the URL and is not saved (there is no system "
                 "keychain): the console asks for it when connecting; ~/.pgpass or PGPASSWORD "
                 "work too."));
    m_passwordNotice->show();
}

void ProfilesDialog::testConnection()
{
    stripPassword();
    store(m_current);
    if (m_current < 0 || m_current >= m_profiles.size())
        return;
    QString error;
    DatabaseConfig config = m_profiles.at(m_current).config(&error);
    if (!error.isEmpty()) {
        m_testResult->setText(error);
        return;
    }
    if (!m_password->text().isEmpty() || m_envFile->text().isEmpty())
        config.password = m_password->text(); // else the .env file's
    m_testButton->setEnabled(false);
    m_testResult->setText(tr("Connecting…"));
    const quint64 run = ++m_testRun;
    QPointer<ProfilesDialog> self(this);
    // Off the GUI thread: a server that does not answer must not freeze the dialog.
    QThread *thread = QThread::create([self, run, config]() {
        CacheStore::Options options;
        options.timeout = std::chrono::milliseconds(5000);
        CacheStore store(config, options);
        const StoreError opened = store.open();
        QString text;
        bool ok = false;
        if (opened && opened.kind() != StoreError::SchemaMissing &&
            opened.kind() != StoreError::SchemaTooNew) {
            text = opened.message();
        } else {
            const auto info = store.serverInfo();
            const SchemaStatus schema = store.schemaStatus();
            if (!info.ok()) {
                text = info.error().message();
            } else {
                ok = true;
                QString schemaText;
                switch (schema.state) {
                case SchemaStatus::State::Current:
                    schemaText =
                        ProfilesDialog::tr("schema version %1, current").arg(schema.version);
                    break;
                case SchemaStatus::State::Outdated:
                    schemaText =
                        ProfilesDialog::tr("schema version %1, needs migrate").arg(schema.version);
                    break;
                case SchemaStatus::State::SeedOnly:
                    schemaText = ProfilesDialog::tr("the seed's table only, needs migrate");
                    break;
                case SchemaStatus::State::Missing:
                    schemaText = ProfilesDialog::tr("no schema yet, needs migrate");
                    break;
                case SchemaStatus::State::TooNew:
                    schemaText = ProfilesDialog::tr("schema version %1, newer than this console")
                                     .arg(schema.version);
                    break;
                }
                // Through a pooler or straight to the server, as the profile (or the URL's
                // pgbouncer=true) says; the same words as `connector-cache status`.
                const QString connection =
                    info->standby ? ProfilesDialog::tr("a read-only standby")
                    : config.pooled
                        ? ProfilesDialog::tr("pooled connection (prepared statements off, live "
                                             "updates by polling)")
                        : ProfilesDialog::tr("direct connection");
                text = ProfilesDialog::tr("Connected: %1 %2 as %3, database %4; %5; %6; round "
                                          "trip %7 ms.")
                           .arg(info->backend, info->version, info->role, info->database,
                                schemaText, connection,
                                QLocale().toString(double(info->latencyUs) / 1000.0, 'f', 1));
            }
        }
        QMetaObject::invokeMethod(qApp, [self, run, text, ok]() {
            if (!self || run != self->m_testRun)
                return;
            self->m_testButton->setEnabled(true);
            self->m_testResult->setStyleSheet(ok ? QStringLiteral("color: #2e7d32")
                                                 : QStringLiteral("color: #c62828"));
            self->m_testResult->setText(text);
        });
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

bool ProfilesDialog::importEnvFile(const QString &path)
{
    if (m_current < 0 || m_current >= m_profiles.size())
        return false;
    QString error;
    const QString url = readDotEnvValue(path, QStringLiteral("DATABASE_URL"), &error);
    DatabaseConfig config;
    if (!url.isNull()) {
        config = DatabaseConfig::fromUrl(url, &error);
        if (!error.isEmpty())
            error = tr("DATABASE_URL in %1: %2").arg(path, error);
    }
    if (!error.isEmpty()) {
        m_error->setText(error);
        return false;
    }
    m_error->clear();
    // The URL is shown without its password, which stays in the file: only the path is saved.
    m_url->setText(config.toUrl());
    m_envFile->setText(path);
    m_pooled->setChecked(config.pooled || m_pooled->isChecked());
    m_passwordNotice->setText(
        config.password.isEmpty()
            ? tr("The URL comes from %1 at every connect.").arg(path)
            : tr("The URL comes from %1 at every connect; its password is used for the session "
                 "and never saved.")
                  .arg(path));
    m_passwordNotice->show();
    for (const QString &note : std::as_const(config.notes))
        m_passwordNotice->setText(m_passwordNotice->text() + QLatin1Char('\n') + note);
    store(m_current);
    return true;
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
    if (PasswordVault::isAvailable()) {
        for (auto it = m_passwords.cbegin(); it != m_passwords.cend(); ++it) {
            if (!it.value().isEmpty())
                m_vault->write(it.key(), it.value(), [](const QString &) {});
        }
    }
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
                       static_cast<QWidget *>(m_caFile), static_cast<QWidget *>(m_password),
                       static_cast<QWidget *>(m_pooled), static_cast<QWidget *>(m_testButton)})
        w->setEnabled(valid);
    if (!valid)
        return;
    const ConnectionProfile &p = m_profiles.at(row);
    m_name->setText(p.name);
    m_url->setText(p.url);
    m_tag->setCurrentIndex(m_tag->findData(int(p.tag)));
    m_sslMode->setCurrentIndex(std::max(0, m_sslMode->findData(p.sslMode)));
    m_caFile->setText(p.sslRootCert);
    m_envFile->setText(p.envFile);
    m_pooled->setChecked(p.pooled);
    m_password->setText(m_passwords.value(p.name));
    m_passwordNotice->hide();
    m_testResult->clear();
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
    p.envFile = m_envFile->text();
    p.pooled = m_pooled->isChecked();
    m_passwords.insert(p.name, m_password->text());
    if (QTableWidgetItem *item = m_list->item(row, 0))
        item->setText(p.name);
}

} // namespace ui
} // namespace cc
