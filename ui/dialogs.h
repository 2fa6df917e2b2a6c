#pragma once

#include "core/store/types.h"
#include "core/timesync/timesync.h"
#include "ui/profiles.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QChartView;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace cc {
namespace ui {

// Confirms a change to data. With a non-empty `typeToConfirm` (bulk actions on a profile tagged
// production) the operator must type that text before OK is enabled.
class ConfirmDialog : public QDialog
{
    Q_OBJECT

public:
    ConfirmDialog(const QString &title, const QString &question, const QString &typeToConfirm,
                  QWidget *parent = nullptr);
    QLineEdit *confirmEdit() const { return m_edit; }
    QPushButton *okButton() const { return m_ok; }

private:
    QLineEdit *m_edit = nullptr;
    QPushButton *m_ok = nullptr;
};

// Edits the connection profiles (never a password).
class ProfilesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ProfilesDialog(QWidget *parent = nullptr);
    QList<ConnectionProfile> profiles() const { return m_profiles; }
    // The profile to open now, when the dialog was closed with Connect.
    std::optional<ConnectionProfile> connectTo() const { return m_connectTo; }

private:
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
    QLabel *m_error;
    int m_current = -1;
};

// Runs a time sync against an exchange (testnet by default) and compares it with the cached
// offset; offers to write the result to the cache.
class TestSyncDialog : public QDialog
{
    Q_OBJECT

public:
    TestSyncDialog(const CacheEntry *entry, bool canWrite, const QString &readOnlyReason,
                   QWidget *parent = nullptr);
    ~TestSyncDialog() override;

    QComboBox *exchangeCombo() const { return m_exchange; }
    QComboBox *environmentCombo() const { return m_environment; }
    QLineEdit *baseUrlEdit() const { return m_baseUrl; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *writeButton() const { return m_write; }
    QPlainTextEdit *resultText() const { return m_result; }
    bool isRunning() const;
    const SyncResult &lastResult() const { return m_last; }
    void setSyncOptions(const SyncOptions &options) { m_options = options; }

Q_SIGNALS:
    // The operator confirmed writing the result for this identity.
    void writeRequested(const QString &userId, const QString &credentialId, const QString &exchange,
                        const QString &environment, const cc::TimeSyncState &state);

public Q_SLOTS:
    void run();
    void cancelSync();

protected:
    void reject() override;

private:
    void onFinished(const SyncResult &result);

    CacheEntry m_entry;
    bool m_hasEntry = false;
    bool m_canWrite = false;
    QNetworkAccessManager *m_network;
    TimeSync *m_sync;
    SyncOptions m_options;
    SyncResult m_last;
    QComboBox *m_exchange;
    QComboBox *m_environment;
    QLineEdit *m_baseUrl;
    QLineEdit *m_user;
    QLineEdit *m_credential;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QPushButton *m_write;
    QPlainTextEdit *m_result;
    QChartView *m_chart;
};

// Help → Keyboard shortcuts.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(const QList<QPair<QString, QString>> &shortcuts,
                             QWidget *parent = nullptr);
};

} // namespace ui
} // namespace cc
