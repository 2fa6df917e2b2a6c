#include "ui/testsyncdialog.h"

#include "core/connector/cachedconnector.h"
#include "core/connector/syncmetadata.h"
#include "core/store/cachestore.h"
#include "core/timesync/hostclock.h"
#include "ui/confirmdialog.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

namespace cc {
namespace ui {

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
        ConfirmDialog confirm(
            tr("Write"),
            tr("Write offset %1 ms (± %2 ms), measured against %3, for %4 / %5 to the cache?")
                .arg(m_last.offsetMs)
                .arg(m_last.errorBoundMs, 0, 'f', 1)
                .arg(m_lastSource, user, credential),
            m_productionProfile, this);
        if (confirm.exec() != QDialog::Accepted)
            return;
        const TimeSyncState state = syncCacheState(m_last, QStringLiteral("console test sync"));
        // Said written only once the write is answered (writeFinished()): a refused or failed
        // write must not read as done.
        m_pendingWrite = PendingWrite{user, credential, state};
        m_write->setEnabled(false);
        m_result->appendPlainText(tr("Writing to the cache…"));
        Q_EMIT writeRequested(user, credential, m_exchange->currentText(),
                              m_environment->currentText(), state);
    });
}

void TestSyncDialog::writeFinished(const QString &error)
{
    if (!m_pendingWrite)
        return;
    const PendingWrite written = *m_pendingWrite;
    m_pendingWrite.reset();
    m_write->setEnabled(m_canWrite && m_last.ok() && !isRunning());
    if (!error.isEmpty()) {
        m_result->appendPlainText(tr("Not written to the cache: %1").arg(error));
        return;
    }
    // What the cache now holds for this entry: the comparison follows the write.
    if (m_hasEntry && written.userId == m_entry.userId &&
        written.credentialId == m_entry.credentialId) {
        m_entry.timeOffsetMs = written.state.timeOffsetMs;
        m_entry.metadata = written.state.metadata;
        m_entry.isValid = true;
        m_entry.lastSyncTime = QDateTime::currentDateTimeUtc();
        m_entry.expiresAt = m_entry.lastSyncTime.addMSecs(qint64(15) * 60 * 1000);
        if (m_last.ok())
            showResult();
    }
    m_result->appendPlainText(
        tr("Written to the cache for %1 / %2.").arg(written.userId, written.credentialId));
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
    m_lastSource = profile->displayName();
    m_lastBaseUrl = profile->baseUrl.toString();
    if (!m_baseUrl->text().trimmed().isEmpty())
        m_lastSource += QStringLiteral(" ") + profile->baseUrl.toString();
    m_result->setPlainText(tr("Syncing with %1…").arg(m_lastSource));
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
    if (result.error != SyncResult::Error::Cancelled) {
        const QString user = m_user->text().trimmed();
        const QString credential = m_credential->text().trimmed();
        const QString identity = user.isEmpty() || credential.isEmpty()
                                     ? QString()
                                     : CacheStore::cacheKey(user, credential);
        Q_EMIT syncLogged(SyncLogRecord::fromSync(result, identity, m_lastBaseUrl,
                                                  SyncSource::Console, readHostInfo()));
    }
    if (!result.ok()) {
        // The samples on the chart belong to an earlier run: never beside this failure.
        clearSamples();
        m_write->setEnabled(false);
        m_result->setPlainText(result.error == SyncResult::Error::Cancelled
                                   ? tr("Cancelled.")
                                   : tr("The sync failed: %1").arg(result.errorMessage));
        return;
    }
    showResult();
    m_write->setEnabled(m_canWrite);

    clearSamples();
    QChart *chart = m_chart->chart();
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

void TestSyncDialog::clearSamples()
{
    QChart *chart = m_chart->chart();
    chart->removeAllSeries();
    const QList<QAbstractAxis *> axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        chart->removeAxis(axis);
        delete axis;
    }
}

void TestSyncDialog::showResult()
{
    const SyncResult &result = m_last;
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
        text += tr("Cached offset: %1 ms, differs by %2 ms (cached minus measured: positive means "
                   "requests signed with the cached offset run ahead of the exchange's clock, "
                   "negative that they lag behind)\n")
                    .arg(m_entry.timeOffsetMs)
                    .arg(diff);
        if (!m_entry.isValid)
            text += tr("The cached entry is invalidated: connectors do not use it, they sync "
                       "afresh.");
        else
            text += tr("The exchange would %1 a request signed with the cached offset.")
                        .arg(accepted ? tr("accept") : tr("REJECT"));
    }
    m_result->setPlainText(text);
}

} // namespace ui
} // namespace cc
