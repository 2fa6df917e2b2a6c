#pragma once

#include "core/store/types.h"
#include "core/timesync/clockhealth.h"
#include "core/timesync/timesync.h"

#include <QDialog>

#include <optional>

class QChartView;
class QComboBox;
class QLineEdit;
class QNetworkAccessManager;
class QPlainTextEdit;
class QPushButton;

namespace cc {
namespace ui {

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
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *credentialEdit() const { return m_credential; }
    QPlainTextEdit *resultText() const { return m_result; }
    bool isRunning() const;
    const SyncResult &lastResult() const { return m_last; }
    void setSyncOptions(const SyncOptions &options) { m_options = options; }
    // Writing to a production profile asks, as the other production actions do, for the
    // profile's name to be typed. Empty: not production.
    void setProductionProfile(const QString &name) { m_productionProfile = name; }

Q_SIGNALS:
    // The operator confirmed writing the result for this identity.
    void writeRequested(const QString &userId, const QString &credentialId, const QString &exchange,
                        const QString &environment, const cc::TimeSyncState &state);
    // A sync finished (ok or failed; not when cancelled): its record for the sync log, source
    // "console", identity the user and credential given (empty when none is).
    void syncLogged(const cc::SyncLogRecord &record);

public Q_SLOTS:
    void run();
    void cancelSync();
    // The answer to the last writeRequested, from whoever wrote it (the window's worker):
    // empty: written, and the comparison now holds the written offset; else why it was not
    // (the comparison as before). Until it comes, the dialog says it is writing.
    void writeFinished(const QString &error);

protected:
    void reject() override;

private:
    void onFinished(const SyncResult &result);
    void showResult(); // m_last against m_entry, in words
    void clearSamples();

    CacheEntry m_entry;
    bool m_hasEntry = false;
    struct PendingWrite
    {
        QString userId;
        QString credentialId;
        TimeSyncState state;
    };
    std::optional<PendingWrite> m_pendingWrite; // asked for, not answered yet
    bool m_canWrite = false;
    QNetworkAccessManager *m_network;
    TimeSync *m_sync;
    SyncOptions m_options;
    SyncResult m_last;
    QString m_productionProfile;
    QString m_lastSource; // the exchange, environment and base URL of m_last
    QString m_lastBaseUrl;
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

} // namespace ui
} // namespace cc
