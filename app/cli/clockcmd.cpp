#include "app/cli/clockcmd.h"

#include "core/clock.h"
#include "core/store/synclogquery.h"
#include "core/store/timeexpr.h"
#include "core/store/validation.h"
#include "core/timesync/hostclock.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSysInfo>

#include <algorithm>
#include <cmath>

namespace cc::cli {

namespace {

constexpr int kClockRowLimit = 100000; // the newest rows `clock` analyses

QString tr(const char *text)
{
    return QCoreApplication::translate("cc::cli::ClockCommand", text);
}

QString isoMs(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs)
                  : QStringLiteral("-");
}

QString human(qint64 ms)
{
    const qint64 s = qAbs(ms) / 1000;
    QString text;
    if (s < 120)
        text = QStringLiteral("%1s").arg(s);
    else if (s < 2 * 3600)
        text = QStringLiteral("%1m").arg(s / 60);
    else if (s < 2 * 86400)
        text = QStringLiteral("%1h").arg(s / 3600);
    else
        text = QStringLiteral("%1d").arg(s / 86400);
    return ms < 0 ? QLatin1Char('-') + text : text;
}

QString value(const ClockCommandContext &c, const char *name)
{
    return c.parser.value(QLatin1String(name));
}

bool isSet(const ClockCommandContext &c, const char *name)
{
    return c.parser.isSet(QLatin1String(name));
}

// --exchange / --environment into the query; false after printing the usage error.
bool takeExchange(const ClockCommandContext &c, SyncLogQuery *query, int *code)
{
    if (isSet(c, "exchange")) {
        query->exchange = exchangeFromName(value(c, "exchange"));
        if (!query->exchange) {
            *code = c.usage(tr("--exchange takes BYBIT or BINGX"));
            return false;
        }
    }
    if (isSet(c, "environment")) {
        query->environment = environmentFromName(value(c, "environment"));
        if (!query->environment) {
            *code = c.usage(tr("--environment takes MAINNET, TESTNET or DEMO"));
            return false;
        }
    }
    return true;
}

bool takeSince(const ClockCommandContext &c, qint64 defaultAgoMs, qint64 nowMs, qint64 *sinceMs,
               int *code)
{
    *sinceMs = defaultAgoMs > 0 ? nowMs - defaultAgoMs : 0;
    if (!isSet(c, "since"))
        return true;
    QString why;
    const auto t = parseTimeExpression(value(c, "since"), nowMs, &why);
    if (!t) {
        *code = c.usage(tr("--since takes an ISO 8601 time (2025-06-15T12:00:00Z) or a duration "
                           "ago (90s, 15m, 24h, 7d): %1")
                            .arg(why));
        return false;
    }
    *sinceMs = t->toMSecsSinceEpoch();
    return true;
}

QString driftText(const DriftEstimate &d)
{
    if (!d.fitted)
        return tr("not enough data");
    QString text = QStringLiteral("%1 ± %2 ppm")
                       .arg(d.ppm, 0, 'f', d.ppmError < 1 ? 2 : 1)
                       .arg(d.ppmError, 0, 'f', d.ppmError < 1 ? 2 : 1);
    if (!d.known)
        text += tr(" (span too short)");
    return text;
}

} // namespace

int runClockCommand(const ClockCommandContext &c)
{
    const qint64 now = Clock::system()->nowMs();
    SyncLogQuery query;
    int code = 0;
    if (!takeExchange(c, &query, &code))
        return code;
    if (!takeSince(c, 24 * 3'600'000LL, now, &query.sinceMs, &code))
        return code;
    query.limit = kClockRowLimit;
    query.newestFirst = true; // when the window holds more, the newest are analysed
    const StoreError opened = c.openStore();
    if (opened)
        return c.failed(opened);
    auto rows = c.store()->syncLog(query);
    if (!rows.ok())
        return c.failed(rows.error());
    QList<SyncLogRecord> log = rows.value();
    std::reverse(log.begin(), log.end());
    const bool truncated = log.size() >= kClockRowLimit;
    const ClockHealthReport report = analyzeClockHealth(log);

    // Steps and rejections per group, in the window.
    const auto countFor = [&](const SeriesHealth &s, bool rejections) {
        int n = 0;
        for (const ClockEvent &e : report.events) {
            if (e.exchange != s.key.exchange || e.environment != s.key.environment)
                continue;
            const bool isRejection = e.kind == ClockEventKind::Rejection;
            if (isRejection != rejections)
                continue;
            if (e.hosts.contains(s.key.hostName) &&
                (e.baseUrl.isEmpty() || e.baseUrl == s.key.baseUrl))
                ++n;
        }
        return n;
    };

    if (c.json) {
        QJsonObject o = toJson(report);
        QJsonArray groups = o.value(QStringLiteral("groups")).toArray();
        for (int i = 0; i < groups.size(); ++i) {
            QJsonObject g = groups.at(i).toObject();
            g.insert(QStringLiteral("steps"), countFor(report.series.at(i), false));
            g.insert(QStringLiteral("rejections"), countFor(report.series.at(i), true));
            groups.replace(i, g);
        }
        o.insert(QStringLiteral("groups"), groups);
        o.insert(QStringLiteral("since"), isoMs(query.sinceMs));
        o.insert(QStringLiteral("rows"), log.size());
        o.insert(QStringLiteral("truncated"), truncated);
        c.printJson(o);
        return 0;
    }
    QTextStream &out = c.out;
    out << tr("Clock health since %1 (%2 log rows)").arg(isoMs(query.sinceMs)).arg(log.size())
        << "\n";
    if (truncated)
        out << tr("(only the newest %1 rows were analysed: narrow --since)").arg(kClockRowLimit)
            << "\n";
    if (report.series.isEmpty()) {
        out << tr("No syncs in the log for this window.") << "\n";
        out.flush();
        return 0;
    }
    out << "\n"
        << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
               .arg(tr("EXCHANGE"), -8)
               .arg(tr("ENV"), -8)
               .arg(tr("HOST"), -20)
               .arg(tr("OFFSET"), 9)
               .arg(tr("DRIFT"), -24)
               .arg(tr("SYNCS"), 6)
               .arg(tr("STEPS"), 5)
               .arg(tr("REJ"), 4)
               .arg(tr("LAST SYNC"));
    for (const SeriesHealth &s : report.series) {
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                   .arg(exchangeName(s.key.exchange), -8)
                   .arg(environmentName(s.key.environment), -8)
                   .arg(escapeForDisplay(s.key.hostName).left(20), -20)
                   .arg(QStringLiteral("%1 ms").arg(s.latestOffsetMs), 9)
                   .arg(driftText(s.drift), -24)
                   .arg(s.syncs, 6)
                   .arg(countFor(s, false), 5)
                   .arg(countFor(s, true), 4)
                   .arg(isoMs(s.lastSyncAtMs));
    }
    if (!report.events.isEmpty()) {
        out << "\n" << tr("Events:") << "\n";
        for (const ClockEvent &e : report.events) {
            out << "  " << isoMs(e.atMs) << "  " << clockEventKindName(e.kind).leftJustified(13)
                << " " << exchangeName(e.exchange) << " " << environmentName(e.environment) << "  "
                << (e.exchangeWide ? tr("%1 hosts").arg(e.seenBy) : escapeForDisplay(e.hostName))
                << "  "
                << QStringLiteral("%1%2 ms")
                       .arg(e.deltaMs >= 0 ? QStringLiteral("+") : QString())
                       .arg(e.deltaMs, 0, 'f', 1);
            if (e.kind == ClockEventKind::Rejection)
                out << "  " << tr("code %1").arg(e.errorCode);
            out << "\n";
        }
    }
    out.flush();
    return 0;
}

int runSyncsCommand(const ClockCommandContext &c)
{
    const qint64 now = Clock::system()->nowMs();
    SyncLogQuery query;
    int code = 0;
    if (isSet(c, "user") != isSet(c, "credential"))
        return c.usage(tr("--user and --credential go together (they name one credential)"));
    if (isSet(c, "user")) {
        const StoreError bad = validateIdentity(value(c, "user"), value(c, "credential"));
        if (bad)
            return c.usage(bad.message());
        query.identity = CacheStore::cacheKey(value(c, "user"), value(c, "credential"));
    }
    if (!takeExchange(c, &query, &code))
        return code;
    if (isSet(c, "host")) {
        query.host = value(c, "host");
        if (query.host.isEmpty())
            return c.usage(tr("--host needs a host name"));
    }
    if (!takeSince(c, 0, now, &query.sinceMs, &code))
        return code;
    query.limit = 100;
    if (isSet(c, "limit")) {
        bool ok = false;
        query.limit = value(c, "limit").toInt(&ok);
        if (!ok || query.limit < 1 || query.limit > 100000)
            return c.usage(tr("--limit takes 1 to 100000"));
    }
    query.newestFirst = true;
    const StoreError opened = c.openStore();
    if (opened)
        return c.failed(opened);
    auto rows = c.store()->syncLog(query);
    if (!rows.ok())
        return c.failed(rows.error());
    if (c.json) {
        QJsonArray list;
        for (const SyncLogRecord &r : rows.value())
            list << toJson(r);
        c.printJson(QJsonObject{{QStringLiteral("syncs"), list}});
        return 0;
    }
    QTextStream &out = c.out;
    for (const SyncLogRecord &r : rows.value()) {
        const bool rejection = r.kind == SyncLogRecord::Kind::Rejection;
        out << isoMs(r.atMs) << "  "
            << (rejection ? tr("rejection %1").arg(r.errorCode) : syncOutcomeName(r.outcome))
                   .leftJustified(16)
            << " " << exchangeName(r.exchange) << " "
            << environmentName(r.environment).leftJustified(7) << " "
            << escapeForDisplay(r.identity.isEmpty() ? QStringLiteral("-") : r.identity) << "  "
            << tr("offset %1 ms ± %2").arg(r.offsetMs).arg(r.errorBoundMs, 0, 'f', 1) << "  "
            << tr("rtt %1 ms").arg(r.rttMs, 0, 'f', 1) << "  " << escapeForDisplay(r.hostName)
            << " [" << syncSourceName(r.source) << "]";
        if (!r.errorMessage.isEmpty())
            out << "  " << escapeForDisplay(r.errorMessage);
        out << "\n";
    }
    if (rows->isEmpty())
        out << tr("No rows in the sync log match.") << "\n";
    out.flush();
    return 0;
}

AutoTtl chooseAutoTtl(CacheStore &store, Exchange exchange, Environment environment,
                      const QString &baseUrl, double errorBoundMs, qint64 nowMs,
                      const AdaptiveTtlOptions &options)
{
    const HostDrift measured = measureHostDrift(store, exchange, environment, baseUrl, nowMs);
    AutoTtl ttl;
    ttl.drift = measured.drift;
    ttl.hostName = measured.hostName;
    ttl.baseUrl = measured.baseUrl;
    ttl.readError = measured.readError;
    ttl.choice = adaptiveTtl(errorBoundMs, ttl.drift, options);
    if (!ttl.readError.isEmpty())
        ttl.choice.reason =
            tr("the sync log could not be read (%1): the fixed TTL").arg(ttl.readError);
    return ttl;
}

QString describeAutoTtl(const AutoTtl &ttl)
{
    return tr("%1 (%2: %3)")
        .arg(human(ttl.choice.ttlMs), ttl.choice.adaptive ? tr("adaptive") : tr("fixed"),
             ttl.choice.reason);
}

QJsonObject autoTtlJson(const AutoTtl &ttl)
{
    return QJsonObject{
        {QStringLiteral("ttlSeconds"), ttl.choice.ttlMs / 1000},
        {QStringLiteral("adaptive"), ttl.choice.adaptive},
        {QStringLiteral("safetyHeld"), ttl.choice.safetyHeld},
        {QStringLiteral("marginAtExpiryMs"), ttl.choice.marginAtExpiryMs},
        {QStringLiteral("reason"), ttl.choice.reason},
        {QStringLiteral("driftKnown"), ttl.drift.known},
        {QStringLiteral("driftPpm"), ttl.drift.fitted ? QJsonValue(ttl.drift.ppm) : QJsonValue()},
        {QStringLiteral("driftPpmError"),
         ttl.drift.fitted ? QJsonValue(ttl.drift.ppmError) : QJsonValue()},
        {QStringLiteral("driftSyncs"), ttl.drift.syncs},
    };
}

StoreError logCliSync(CacheStore &store, const SyncResult &result, const QString &identity,
                      const QString &baseUrl)
{
    SyncLogRecord record =
        SyncLogRecord::fromSync(result, identity, baseUrl, SyncSource::Cli, readHostInfo());
    if (record.atMs <= 0)
        record.atMs = Clock::system()->nowMs(); // a sync refused before it ran
    return store.appendSyncLog(record);
}

} // namespace cc::cli
