#include "ui/profilesdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cc {
namespace ui {

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

} // namespace ui
} // namespace cc
