#include "ui/storeworker.h"

#include "core/clock.h"
#include "core/connector/syncmetadata.h"
#include "core/store/entryjson.h"
#include "core/timesync/exchange.h"
#include "ui/alertmonitor.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <climits>

namespace cc {
namespace ui {

namespace {

QString csvField(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) &&
        !value.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('\r')) &&
        !value.startsWith(QLatin1Char('=')) && !value.startsWith(QLatin1Char('+')) &&
        !value.startsWith(QLatin1Char('-')) && !value.startsWith(QLatin1Char('@')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    // A leading = + - @ would be a formula in a spreadsheet: keep it text.
    if (!value.isEmpty() && QStringLiteral("=+-@").contains(value.at(0)))
        quoted.prepend(QLatin1Char('\''));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

// Which server a ServerInfo describes, as far as the window cares (ping()).
QString serverIdentity(const ServerInfo &info)
{
    return QStringLiteral("%1:%2:%3").arg(info.host).arg(info.port).arg(info.standby ? 1 : 0);
}

} // namespace

void StoreWorker::registerTypes()
{
    qRegisterMetaType<cc::StoreError>();
    qRegisterMetaType<cc::DatabaseConfig>();
    qRegisterMetaType<cc::ServerInfo>();
    qRegisterMetaType<cc::Privileges>();
    qRegisterMetaType<cc::CacheStats>();
    qRegisterMetaType<cc::HistoryBucket>();
    qRegisterMetaType<QList<cc::HistoryBucket>>();
    qRegisterMetaType<cc::BreakdownRow>();
    qRegisterMetaType<QList<cc::BreakdownRow>>();
    qRegisterMetaType<cc::CacheEntry>();
    qRegisterMetaType<QList<cc::CacheEntry>>();
    qRegisterMetaType<cc::AuditRecord>();
    qRegisterMetaType<QList<cc::AuditRecord>>();
    qRegisterMetaType<cc::BrowseRequest>();
    qRegisterMetaType<QList<cc::BrowseMilestone>>();
    qRegisterMetaType<cc::EntryFilter>();
    qRegisterMetaType<cc::TimeSyncState>();
    qRegisterMetaType<QList<cc::ui::Identity>>("QList<cc::ui::Identity>");
    qRegisterMetaType<cc::SyncLogRecord>();
    qRegisterMetaType<QList<cc::SyncLogRecord>>();
    qRegisterMetaType<cc::ClockHealthReport>();
    qRegisterMetaType<cc::SyncLogQuery>();
    qRegisterMetaType<cc::ui::AlertSnapshot>();
    qRegisterMetaType<cc::monitoring::AlertRule>();
    qRegisterMetaType<cc::monitoring::Silence>();
    qRegisterMetaType<cc::monitoring::AlertEvent>();
}

StoreWorker::StoreWorker(QObject *parent)
    : QObject(parent)
{
    registerTypes();
}

StoreWorker::~StoreWorker() = default;

void StoreWorker::open(const DatabaseConfig &config, const QString &profile, bool demo)
{
    close();
    m_profile = profile;
    CacheStore::Options options;
    options.profile = profile;
    options.timeout = std::chrono::milliseconds(3000);
    if (m_batchSize > 0)
        options.batchSize = m_batchSize;
    if (m_exactStatsUpTo > 0)
        options.exactStatsUpTo = m_exactStatsUpTo;
    if (m_statsSampleRows > 0)
        options.statsSampleRows = m_statsSampleRows;
    m_store = std::make_unique<CacheStore>(config, options);
    m_alerts = std::make_unique<AlertMonitor>();
    StoreError error = m_store->open();
    if (error.kind() == StoreError::SchemaMissing && demo && config.isSqlite()) {
        auto report = m_store->migrate();
        if (!report.ok()) {
            Q_EMIT openFailed(report.error());
            return;
        }
        auto written = m_store->fillDemo(2000, 1);
        if (!written.ok()) {
            Q_EMIT openFailed(written.error());
            return;
        }
        error = m_store->open();
    }
    if (error) {
        Q_EMIT openFailed(error);
        return;
    }
    auto info = m_store->serverInfo();
    auto privileges = m_store->privileges();
    if (!info.ok()) {
        Q_EMIT openFailed(info.error());
        return;
    }
    m_lost = false;
    // Writes made elsewhere arrive as NOTIFYs (PostgreSQL; the feed re-LISTENs by itself after
    // a reconnect and is inactive on SQLite).
    m_feed = m_store->subscribeChanges();
    connect(m_feed.get(), &ChangeFeed::changed, this, &StoreWorker::changedElsewhere);
    std::atomic_store(&m_canceller, m_store->canceller());
    m_announcedServer = serverIdentity(info.value());
    Q_EMIT opened(info.value(), privileges.valueOr(Privileges()));
}

void StoreWorker::close()
{
    m_feed.reset(); // before its store
    m_store.reset();
    std::atomic_store(&m_canceller, std::shared_ptr<QueryCanceller>());
}

bool StoreWorker::ready(quint64 token)
{
    if (m_store)
        return true;
    Q_EMIT failed(token, StoreError(StoreError::Unreachable, tr("Not connected to a database.")));
    return false;
}

void StoreWorker::report(quint64 token, const StoreError &error)
{
    // Lost: the store dropped its connection (it broke, or the server did not answer within the
    // timeout and the store gave it up). A statement the server itself stopped at the timeout
    // (a slow query) fails alone: the connection is fine and stays.
    if (error.kind() == StoreError::Unreachable && (!m_store || !m_store->isOpen())) {
        if (!m_lost) {
            m_lost = true;
            Q_EMIT connectionLost(error);
        }
    }
    Q_EMIT failed(token, error);
}

void StoreWorker::ping(quint64 token)
{
    if (!ready(token))
        return;
    auto info = m_store->serverInfo();
    if (!info.ok()) {
        report(token, info.error());
        return;
    }
    const QString server = serverIdentity(info.value());
    if (m_lost || server != m_announcedServer) {
        m_lost = false;
        m_announcedServer = server;
        auto privileges = m_store->privileges();
        Q_EMIT opened(info.value(), privileges.valueOr(Privileges()));
    }
    Q_EMIT pinged(token, info->latencyUs);
}

void StoreWorker::loadDashboard(quint64 token, int rangeMinutes, int bucketMinutes)
{
    const ReadScope reading(m_readRunning);
    if (!ready(token))
        return;
    auto stats = m_store->stats(std::chrono::minutes(rangeMinutes));
    if (!stats.ok()) {
        report(token, stats.error());
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto history = m_store->history(now.addSecs(-qint64(rangeMinutes) * 60), now, bucketMinutes);
    if (!history.ok()) {
        report(token, history.error());
        return;
    }
    auto breakdown = m_store->breakdown();
    if (!breakdown.ok()) {
        report(token, breakdown.error());
        return;
    }
    Q_EMIT dashboardLoaded(token, stats.value(), history.value(), breakdown.value(), bucketMinutes);
}

void StoreWorker::loadPage(quint64 token, quint64 generation, const BrowseRequest &request,
                           int firstRow)
{
    if (superseded(generation))
        return;
    if (!ready(token))
        return;
    Q_EMIT browseStarted(token);
    const ReadScope reading(m_readRunning);
    auto page = m_store->browse(request);
    if (!page.ok()) {
        report(token, page.error());
        return;
    }
    Q_EMIT pageLoaded(token, firstRow, page->entries, page->nextCursor);
}

void StoreWorker::loadCount(quint64 token, quint64 generation, const EntryFilter &filter)
{
    if (superseded(generation))
        return;
    if (!ready(token))
        return;
    Q_EMIT browseStarted(token);
    const ReadScope reading(m_readRunning);
    auto n = m_store->count(filter);
    if (!n.ok()) {
        report(token, n.error());
        return;
    }
    Q_EMIT countLoaded(token, n.value());
}

void StoreWorker::loadMilestones(quint64 token, quint64 generation, const BrowseRequest &request,
                                 qint64 every)
{
    if (superseded(generation))
        return;
    if (!ready(token))
        return;
    const ReadScope reading(m_readRunning); // the status bar's Cancel stops it too
    m_milestonesRunning = generation;
    auto milestones =
        m_store->browseMilestones(request.filter, request.sortColumn, request.sortOrder, every);
    m_milestonesRunning = 0;
    if (!milestones.ok()) {
        if (!m_store->isOpen())
            report(token, milestones.error());
        Q_EMIT milestonesLoaded(token, {}, milestones.error());
        return;
    }
    Q_EMIT milestonesLoaded(token, milestones.value(), StoreError());
}

void StoreWorker::loadExactStats(quint64 token, int rangeMinutes)
{
    const StoreError cancelled(StoreError::Cancelled, tr("Exact count cancelled."));
    if (m_exactCancel.load() == token) {
        Q_EMIT failed(token, cancelled);
        return;
    }
    if (!ready(token))
        return;
    m_exactRunning = token;
    auto stats = m_store->stats(std::chrono::minutes(rangeMinutes), CacheStore::Precision::Exact);
    m_exactRunning = 0;
    if (!stats.ok()) {
        // Stopped by the operator: the server says "canceling statement", said here in words.
        report(token, m_exactCancel.load() == token ? cancelled : stats.error());
        return;
    }
    Q_EMIT exactStatsLoaded(token, stats.value());
}

void StoreWorker::loadEntry(quint64 token, const QString &userId, const QString &credentialId)
{
    if (!ready(token))
        return;
    auto e = m_store->entry(userId, credentialId);
    if (!e.ok()) {
        report(token, e.error());
        return;
    }
    Q_EMIT entryLoaded(token, e.value());
}

void StoreWorker::loadAudit(quint64 token, const QDateTime &since)
{
    if (!ready(token))
        return;
    auto log = m_store->auditLog(since, 5000);
    if (!log.ok()) {
        report(token, log.error());
        return;
    }
    Q_EMIT auditLoaded(token, log.value());
}

void StoreWorker::audit(const QString &action, const QString &filter, qint64 rows,
                        const StoreError &error)
{
    AuditRecord r;
    r.action = action;
    r.filter = filter;
    r.rowsAffected = rows;
    // The log is read by other tools and consoles in other languages: outcomes in English.
    if (error.kind() == StoreError::Cancelled)
        r.outcome = QStringLiteral("cancelled after %1 rows").arg(rows);
    else
        r.outcome = error ? error.message() : QStringLiteral("ok");
    m_store->recordAudit(r);
}

StoreError StoreWorker::outcome(quint64 token, const StoreError &error, qint64 rows) const
{
    if (error || !isCancelled(token))
        return error;
    return StoreError(StoreError::Cancelled,
                      tr("Cancelled by the operator after %n entries.", nullptr, int(rows)));
}

void StoreWorker::previewInvalidate(quint64 token, const EntryFilter &filter)
{
    if (!ready(token))
        return;
    auto n = m_store->countInvalidatable(filter);
    if (!n.ok()) {
        report(token, n.error());
        return;
    }
    Q_EMIT previewReady(token, n.value());
}

void StoreWorker::invalidateIdentities(quint64 token, const QList<Identity> &identities)
{
    if (!ready(token))
        return;
    qint64 total = 0;
    StoreError error;
    QJsonArray list;
    for (const Identity &id : identities) {
        list << QJsonObject{{QStringLiteral("userId"), id.first},
                            {QStringLiteral("credentialId"), id.second}};
    }
    for (const Identity &id : identities) {
        if (isCancelled(token))
            break;
        auto n = m_store->invalidate(id.first, id.second);
        if (!n.ok()) {
            error = n.error();
            break;
        }
        total += n.value();
        Q_EMIT progress(token, total);
    }
    const QString filter = QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact));
    error = outcome(token, error, total);
    audit(identities.size() == 1 ? QStringLiteral("invalidate")
                                 : QStringLiteral("invalidate-selection"),
          filter, total, error);
    if (error.kind() == StoreError::Unreachable)
        report(token, error);
    Q_EMIT actionFinished(token, QStringLiteral("invalidate"), total, error);
}

void StoreWorker::invalidateMatching(quint64 token, const EntryFilter &filter)
{
    if (!ready(token))
        return;
    // As the CLI's `invalidate --matching`: rows another transaction holds locked are tried
    // again a few times; those still left valid make a partial result, said with how many were
    // left and audited with the rows really invalidated.
    CacheStore::BulkInvalidation result;
    auto n = m_store->invalidateMatching(
        filter,
        [this, token](qint64 done) {
            Q_EMIT progress(token, done);
            return !isCancelled(token);
        },
        &result);
    const QString json =
        QString::fromUtf8(QJsonDocument(filter.toJson()).toJson(QJsonDocument::Compact));
    const qint64 rows = n.ok() ? n.value() : result.invalidated;
    const StoreError error = outcome(token, n.ok() ? StoreError() : n.error(), rows);
    audit(QStringLiteral("invalidate-matching"), json, rows, error); // the log's words: English
    if (error.kind() == StoreError::Unreachable)
        report(token, error);
    if (!n.ok() && result.left > 0) {
        StoreError partial(StoreError::QueryFailed,
                           tr("%Ln entries invalidated, but %1 matching entries were left valid: "
                              "another transaction holds them locked. Run the invalidation "
                              "again later; it takes only what is left.",
                              nullptr, int(std::min<qint64>(rows, INT_MAX)))
                               .arg(result.left));
        partial.setSqlState(n.error().sqlState());
        Q_EMIT actionFinished(token, QStringLiteral("invalidate-matching"), rows, partial);
        return;
    }
    Q_EMIT actionFinished(token, QStringLiteral("invalidate-matching"), rows, error);
}

void StoreWorker::previewCleanup(quint64 token)
{
    if (!ready(token))
        return;
    auto n = m_store->countExpired();
    if (!n.ok()) {
        report(token, n.error());
        return;
    }
    Q_EMIT previewReady(token, n.value());
}

void StoreWorker::previewCleanupParts(quint64 token)
{
    if (!ready(token))
        return;
    auto deletes = m_store->countExpired();
    if (!deletes.ok()) {
        report(token, deletes.error());
        return;
    }
    EntryFilter expiredOnly;
    expiredOnly.state = EntryFilter::State::Expired;
    auto expired = m_store->count(expiredOnly);
    if (!expired.ok()) {
        report(token, expired.error());
        return;
    }
    Q_EMIT cleanupPreviewReady(token, deletes.value(), std::min(expired.value(), deletes.value()));
}

void StoreWorker::cleanup(quint64 token)
{
    if (!ready(token))
        return;
    auto n = m_store->cleanupExpired([this, token](qint64 done) {
        Q_EMIT progress(token, done);
        return !isCancelled(token);
    });
    const qint64 rows = n.ok() ? n.value() : 0;
    const StoreError error = outcome(token, n.ok() ? StoreError() : n.error(), rows);
    audit(QStringLiteral("cleanup"), QStringLiteral("{}"), rows, error);
    if (error.kind() == StoreError::Unreachable)
        report(token, error);
    Q_EMIT actionFinished(token, QStringLiteral("cleanup"), rows, error);
}

void StoreWorker::writeSync(quint64 token, const QString &userId, const QString &credentialId,
                            const QString &exchange, const QString &environment,
                            const TimeSyncState &state)
{
    if (!ready(token))
        return;
    // The drift travels with the entry, as `sync --save` writes it (issue 17): this host's, as
    // its sync log measures it against that exchange (the test sync itself logged last; none
    // when not known).
    TimeSyncState written = state;
    const auto ex = exchangeFromName(exchange);
    const auto env = environmentFromName(environment);
    if (ex && env) {
        const HostDrift host =
            measureHostDrift(*m_store, *ex, *env, QString(), Clock::system()->nowMs());
        addDriftToMetadata(&written.metadata, host.drift);
    }
    // The audit row keeps what the offset was and what it became (null: no entry before).
    const auto before = m_store->entry(userId, credentialId);
    const StoreError error = m_store->set(userId, credentialId, exchange, environment, written);
    const QJsonObject what{{QStringLiteral("userId"), userId},
                           {QStringLiteral("credentialId"), credentialId},
                           {QStringLiteral("source"), QStringLiteral("test sync")},
                           {QStringLiteral("oldOffsetMs"),
                            before.ok() ? QJsonValue(double(before->timeOffsetMs)) : QJsonValue()},
                           {QStringLiteral("newOffsetMs"), double(written.timeOffsetMs)}};
    audit(QStringLiteral("set"),
          QString::fromUtf8(QJsonDocument(what).toJson(QJsonDocument::Compact)), error ? 0 : 1,
          error);
    Q_EMIT actionFinished(token, QStringLiteral("set"), error ? 0 : 1, error);
}

void StoreWorker::exportEntries(quint64 token, const EntryFilter &filter, const QString &path,
                                bool json)
{
    if (!ready(token))
        return;
    // Every export is audited, whatever its end: what (the filter and the format), how many
    // rows and where to.
    auto finish = [this, token, &filter, &path, json](qint64 rows, const StoreError &error) {
        const QJsonObject what{
            {QStringLiteral("filter"), filter.toJson()},
            {QStringLiteral("format"), json ? QStringLiteral("json") : QStringLiteral("csv")},
            {QStringLiteral("destination"), path}};
        audit(QStringLiteral("export"),
              QString::fromUtf8(QJsonDocument(what).toJson(QJsonDocument::Compact)), rows, error);
        Q_EMIT actionFinished(token, QStringLiteral("export"), rows, error);
    };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        finish(0, StoreError(StoreError::InvalidArgument,
                             tr("Cannot write %1: %2").arg(path, file.errorString())));
        return;
    }
    BrowseRequest request;
    request.filter = filter;
    request.limit = 2000;
    qint64 rows = 0;
    if (json)
        file.write("[\n");
    else
        file.write("userId,credentialId,cacheKey,exchange,environment,timeOffset,lastSyncTime,"
                   "expiresAt,isValid,hitCount,metadata\n");
    // Streamed page by page with keyset cursors: memory stays flat whatever the row count.
    for (;;) {
        auto page = m_store->browse(request);
        if (!page.ok()) {
            file.cancelWriting();
            report(token, page.error());
            finish(rows, page.error());
            return;
        }
        for (const CacheEntry &e : page->entries) {
            if (json) {
                const QJsonObject o = toJson(e);
                file.write((rows > 0 ? ",\n  " : "  ") +
                           QJsonDocument(o).toJson(QJsonDocument::Compact));
            } else {
                const QStringList fields{
                    csvField(e.userId),
                    csvField(e.credentialId),
                    csvField(e.cacheKey),
                    csvField(e.exchange),
                    csvField(e.environment),
                    QString::number(e.timeOffsetMs),
                    iso(e.lastSyncTime),
                    iso(e.expiresAt),
                    e.isValid ? QStringLiteral("true") : QStringLiteral("false"),
                    QString::number(e.hitCount),
                    csvField(e.metadata.isEmpty()
                                 ? QString()
                                 : QString::fromUtf8(
                                       QJsonDocument(e.metadata).toJson(QJsonDocument::Compact)))};
                file.write(fields.join(QLatin1Char(',')).toUtf8() + '\n');
            }
            ++rows;
        }
        Q_EMIT progress(token, rows);
        if (page->nextCursor.isEmpty() || isCancelled(token))
            break;
        request.after = page->nextCursor;
    }
    if (json)
        file.write("\n]\n");
    if (isCancelled(token)) {
        file.cancelWriting();
        finish(rows, StoreError(StoreError::Cancelled, tr("Export cancelled.")));
        return;
    }
    if (!file.commit()) {
        finish(rows, StoreError(StoreError::InvalidArgument,
                                tr("Cannot write %1: %2").arg(path, file.errorString())));
        return;
    }
    finish(rows, StoreError());
}

void StoreWorker::loadSyncLog(quint64 token, const SyncLogQuery &query, bool analyze)
{
    if (!ready(token))
        return;
    SyncLogQuery newest = query;
    newest.newestFirst = true; // a limit cuts the oldest rows off, not the newest
    const auto rows = m_store->syncLog(newest);
    if (!rows.ok()) {
        report(token, rows.error());
        return;
    }
    QList<SyncLogRecord> records = rows.value();
    const bool truncated = newest.limit > 0 && records.size() >= newest.limit;
    std::reverse(records.begin(), records.end());
    const ClockHealthReport health = analyze ? analyzeClockHealth(records) : ClockHealthReport();
    Q_EMIT syncLogLoaded(token, records, health, truncated);
}

void StoreWorker::appendSyncLog(quint64 token, const SyncLogRecord &record)
{
    if (!ready(token))
        return;
    const StoreError error = m_store->appendSyncLog(record);
    if (error)
        report(token, error);
}

void StoreWorker::loadAlerts(quint64 token)
{
    if (!ready(token))
        return;
    auto snapshot = m_alerts->evaluate(*m_store);
    if (!snapshot.ok()) {
        report(token, snapshot.error());
        return;
    }
    Q_EMIT alertsLoaded(token, snapshot.value());
}

void StoreWorker::saveAlertRule(quint64 token, const monitoring::AlertRule &rule)
{
    if (!ready(token))
        return;
    const StoreError error = m_store->saveAlertRule(rule);
    const QJsonObject what{
        {QStringLiteral("name"), rule.name},
        {QStringLiteral("metric"), rule.metric},
        {QStringLiteral("comparison"), monitoring::comparisonName(rule.comparison)},
        {QStringLiteral("threshold"), rule.threshold},
        {QStringLiteral("window"), double(rule.window.count())},
        {QStringLiteral("pendingFor"), double(rule.pendingFor.count())},
        {QStringLiteral("severity"), monitoring::severityName(rule.severity)},
        {QStringLiteral("enabled"), rule.enabled}};
    audit(QStringLiteral("alert-rule-set"),
          QString::fromUtf8(QJsonDocument(what).toJson(QJsonDocument::Compact)), error ? 0 : 1,
          error);
    if (error.kind() == StoreError::Unreachable)
        report(token, error);
    Q_EMIT actionFinished(token, QStringLiteral("alert-rule-set"), error ? 0 : 1, error);
}

void StoreWorker::deleteAlertRule(quint64 token, const QString &name)
{
    if (!ready(token))
        return;
    auto deleted = m_store->deleteAlertRule(name);
    const StoreError error = deleted.ok() ? StoreError() : deleted.error();
    const qint64 rows = deleted.ok() && deleted.value() ? 1 : 0;
    audit(QStringLiteral("alert-rule-delete"),
          QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("name"), name}})
                                .toJson(QJsonDocument::Compact)),
          rows, error);
    if (error.kind() == StoreError::Unreachable)
        report(token, error);
    Q_EMIT actionFinished(token, QStringLiteral("alert-rule-delete"), rows, error);
}

void StoreWorker::addAlertSilence(quint64 token, const QString &rule,
                                  const monitoring::Silence &silence)
{
    if (!ready(token))
        return;
    const StoreError error = m_store->addAlertSilence(rule, silence);
    const QJsonObject what{{QStringLiteral("rule"), rule},
                           {QStringLiteral("until"), iso(silence.until)},
                           {QStringLiteral("reason"), silence.reason}};
    audit(QStringLiteral("alert-silence"),
          QString::fromUtf8(QJsonDocument(what).toJson(QJsonDocument::Compact)), error ? 0 : 1,
          error);
    if (error.kind() == StoreError::Unreachable)
        report(token, error);
    Q_EMIT actionFinished(token, QStringLiteral("alert-silence"), error ? 0 : 1, error);
}

} // namespace ui
} // namespace cc
