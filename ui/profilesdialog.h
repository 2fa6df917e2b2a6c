#pragma once

#include "ui/profiles.h"

#include <QDialog>
#include <QHash>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace cc {
namespace ui {

// Edits the connection profiles. A password never goes into a profile: typed into the URL it is
// moved to the (masked) password field, which goes to the OS keychain when there is one.
class ProfilesDialog : public QDialog
{
    Q_OBJECT

public:
    // Opens on the profile named `currentName` (the first one when there is none such).
    explicit ProfilesDialog(QWidget *parent = nullptr, const QString &currentName = QString());
    ~ProfilesDialog() override;
    QList<ConnectionProfile> profiles() const { return m_profiles; }
    // The profile to open now, when the dialog was closed with Connect.
    std::optional<ConnectionProfile> connectTo() const { return m_connectTo; }
    // "Import from .env…" without its file dialog: the current profile takes its URL from
    // DATABASE_URL in `path` (read again at every connect; the password never saved). False,
    // with the reason shown, when the file has no usable DATABASE_URL.
    bool importEnvFile(const QString &path);

private:
    // Takes a password typed into the URL out of it, into the password field, and says so.
    void stripPassword();
    void testConnection();
    void load(int row);
    void store(int row);
    void refreshList();
    bool saveAll();

    std::optional<ConnectionProfile> m_connectTo;

    QList<ConnectionProfile> m_profiles;
    QTableWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QComboBox *m_tag;
    QComboBox *m_sslMode;
    QLineEdit *m_caFile;
    QLineEdit *m_password;
    QLineEdit *m_envFile; // the dotenv file the URL comes from, or empty
    QCheckBox *m_pooled;
    QLabel *m_passwordNotice;
    QPushButton *m_testButton;
    QLabel *m_testResult;
    QHash<QString, QString> m_passwords; // by profile name, for the keychain on save
    PasswordVault *m_vault;
    quint64 m_testRun = 0;
    QLabel *m_error;
    int m_current = -1;
};

} // namespace ui
} // namespace cc
