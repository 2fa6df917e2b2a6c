#include "app/cli/monitor.h"

#include "core/store/validation.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>
#include <optional>

namespace cc::cli {

using namespace cc::monitoring;

namespace {

constexpr quint16 kDefaultPort = 9187;

QString duration(std::chrono::seconds s)
{
    const qint64 n = s.count();
    if (n % 3600 == 0 && n > 0)
        return QStringLiteral("%1h").arg(n / 3600);
    if (n % 60 == 0 && n > 0)
        return QStringLiteral("%1m").arg(n / 60);
    return QStringLiteral("%1s").arg(n);
}

QString number(double v)
{
    return QString::number(v, 'g', 6);
}

// Nagios' threshold ranges: "X:" alerts below X, "X" above X.
QString range(const AlertRule &r)
{
    return r.comparison == Comparison::Below ? number(r.threshold) + QLatin1Char(':')
                                             : number(r.threshold);
}

QString describe(const RuleStatus &s)
{
    const AlertRule &r = s.rule;
    QString text = QStringLiteral("%1: %2, %3 ").arg(r.name, alertStateName(s.state), r.metric);
    text += s.value.hasData ? number(s.value.value) : QStringLiteral("no data");
    text += QStringLiteral(" (%1 %2 over %3")
                .arg(comparisonName(r.comparison), number(r.threshold), duration(r.window));
    if (r.pendingFor.count() > 0)
        text += QStringLiteral(" for %1").arg(duration(r.pendingFor));
    text += QStringLiteral(", %1)").arg(severityName(r.severity));
    if (s.since.isValid())
        text += QStringLiteral(" since %1").arg(s.since.toString(Qt::ISODate));
    if (s.silenced)
        text += QStringLiteral(" [silenced until %1: %2]")
                    .arg(s.silence.until.toString(Qt::ISODate), escapeForDisplay(s.silence.reason));
    if (!r.enabled)
        text += QStringLiteral(" [disabled]");
    return text;
}

QJsonObject toJson(const RuleStatus &s)
{
    const AlertRule &r = s.rule;
    QJsonObject o{
        {QStringLiteral("name"), r.name},
        {QStringLiteral("metric"), r.metric},
        {QStringLiteral("comparison"), comparisonName(r.comparison)},
        {QStringLiteral("threshold"), r.threshold},
        {QStringLiteral("window"), qint64(r.window.count())},
        {QStringLiteral("pendingFor"), qint64(r.pendingFor.count())},
        {QStringLiteral("severity"), severityName(r.severity)},
        {QStringLiteral("enabled"), r.enabled},
        {QStringLiteral("state"), alertStateName(s.state)},
        {QStringLiteral("value"), s.value.hasData ? QJsonValue(s.value.value) : QJsonValue()},
        {QStringLiteral("since"),
         s.since.isValid() ? QJsonValue(s.since.toString(Qt::ISODateWithMs)) : QJsonValue()}};
    if (s.silenced) {
        o.insert(QStringLiteral("silencedUntil"), s.silence.until.toString(Qt::ISODateWithMs));
        o.insert(QStringLiteral("silenceReason"), s.silence.reason);
    }
    return o;
}

const char *statusWord(int status)
{
    switch (status) {
    case PluginOk:
        return "OK";
    case PluginWarning:
        return "WARNING";
    case PluginCritical:
        return "CRITICAL";
    default:
        return "UNKNOWN";
    }
}

int unknown(const MonitorRequest &request, QTextStream &out, const QString &why)
{
    if (request.json) {
        out << QJsonDocument(QJsonObject{{QStringLiteral("status"), QStringLiteral("UNKNOWN")},
                                         {QStringLiteral("error"), why}})
                   .toJson(QJsonDocument::Indented);
    } else {
        out << "CONNECTOR-CACHE UNKNOWN - " << escapeForDisplay(why) << "\n";
    }
    out.flush();
    return PluginUnknown;
}

// The Prometheus text format, a family at a time.
class Exposition
{
public:
    void family(const char *name, const char *type, const char *help)
    {
        m_name = name;
        m_text += QByteArrayLiteral("# HELP ") + name + ' ' + help + '\n';
        m_text += QByteArrayLiteral("# TYPE ") + name + ' ' + type + '\n';
    }
    void sample(double value, const QList<QPair<QByteArray, QString>> &labels = {},
                const char *suffix = "")
    {
        m_text += m_name + suffix;
        if (!labels.isEmpty()) {
            QByteArrayList parts;
            for (const auto &label : labels) {
                QByteArray v = label.second.toUtf8();
                v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
                parts << label.first + "=\"" + v + '"';
            }
            m_text += '{' + parts.join(',') + '}';
        }
        m_text += ' ';
        if (std::isnan(value))
            m_text += "NaN";
        else if (value == std::floor(value) && std::abs(value) < 1e15)
            m_text += QByteArray::number(qint64(value));
        else
            m_text += QByteArray::number(value, 'g', 15);
        m_text += '\n';
    }
    QByteArray text() const { return m_text; }

private:
    QByteArray m_name;
    QByteArray m_text;
};

} // namespace

int runCheck(const MonitorRequest &request, QTextStream &out, QTextStream &err)
{
    Q_UNUSED(err);
    CacheStore store(request.config, request.options);
    const StoreError opened = store.open();
    if (opened)
        return unknown(request, out, opened.message());
    // The table's rules (shared with the exporter and the console).
    auto stored = store.alertRules();
    if (!stored.ok())
        return unknown(request, out, stored.error().message());
    QList<AlertRule> rules = stored.value();
    if (!request.rule.isEmpty()) {
        QList<AlertRule> chosen;
        QStringList names;
        for (const AlertRule &r : std::as_const(rules)) {
            names << r.name;
            if (r.name == request.rule)
                chosen << r;
        }
        if (chosen.isEmpty())
            return unknown(request, out,
                           QStringLiteral("no rule '%1' (rules: %2)")
                               .arg(request.rule, names.join(QStringLiteral(", "))));
        rules = chosen;
    }
    // Best effort, as every front end does: the table's size sample (once a minute) before,
    // the state changes after. A read-only role evaluates all the same.
    (void)store.sampleTableHealth();
    AlertEvaluator evaluator(store.clock());
    auto evaluated = evaluator.evaluate(store, rules);
    if (!evaluated.ok())
        return unknown(request, out, evaluated.error().message());
    const QList<RuleStatus> statuses = evaluated.value();
    (void)recordStateChanges(store, statuses, store.clock()->nowMs());

    int status = PluginOk;
    QStringList alerting, pending, noData;
    for (const RuleStatus &s : statuses) {
        if (s.isAlerting()) {
            status = qMax(status, s.rule.severity == Severity::Critical ? int(PluginCritical)
                                                                        : int(PluginWarning));
            alerting << s.rule.name;
        } else if (s.state == AlertState::Pending && s.rule.enabled && !s.silenced) {
            pending << s.rule.name;
        } else if (s.state == AlertState::NoData && s.rule.enabled) {
            noData << s.rule.name;
        }
    }
    // One rule asked for by name and without data: its state is unknown.
    if (!request.rule.isEmpty() && statuses.size() == 1 &&
        statuses.first().state == AlertState::NoData)
        status = PluginUnknown;

    // Performance data, a metric at a time: the value over its first rule's window, the
    // warning and critical thresholds of its rules.
    QStringList perf;
    QStringList seen;
    for (const RuleStatus &s : statuses) {
        if (seen.contains(s.rule.metric))
            continue;
        seen << s.rule.metric;
        QString warn, crit;
        for (const RuleStatus &other : statuses) {
            if (other.rule.metric != s.rule.metric || !other.rule.enabled)
                continue;
            (other.rule.severity == Severity::Critical ? crit : warn) = range(other.rule);
        }
        QString item = s.rule.metric + QLatin1Char('=') +
                       (s.value.hasData ? number(s.value.value) : QStringLiteral("U")) +
                       QLatin1Char(';') + warn + QLatin1Char(';') + crit;
        while (item.endsWith(QLatin1Char(';')))
            item.chop(1);
        perf << item;
    }

    if (request.json) {
        QJsonArray list;
        for (const RuleStatus &s : statuses)
            list << toJson(s);
        out << QJsonDocument(
                   QJsonObject{{QStringLiteral("status"), QString::fromLatin1(statusWord(status))},
                               {QStringLiteral("rules"), list}})
                   .toJson(QJsonDocument::Indented);
        out.flush();
        return status;
    }
    QString summary;
    if (!alerting.isEmpty()) {
        QStringList parts;
        for (const RuleStatus &s : statuses) {
            if (s.isAlerting())
                parts << QStringLiteral("%1 %2 %3 %4")
                             .arg(s.rule.name, number(s.value.value),
                                  comparisonName(s.rule.comparison), number(s.rule.threshold));
        }
        summary = parts.join(QStringLiteral(", "));
    } else if (status == PluginUnknown) {
        summary = QStringLiteral("%1: no data").arg(request.rule);
    } else {
        summary = QStringLiteral("%1 of %2 rules ok")
                      .arg(statuses.size() - pending.size() - noData.size())
                      .arg(statuses.size());
    }
    if (!pending.isEmpty())
        summary += QStringLiteral("; pending: ") + pending.join(QStringLiteral(", "));
    if (!noData.isEmpty() && status != PluginUnknown)
        summary += QStringLiteral("; no data: ") + noData.join(QStringLiteral(", "));
    out << "CONNECTOR-CACHE " << statusWord(status) << " - " << summary << " | "
        << perf.join(QLatin1Char(' ')) << "\n";
    for (const RuleStatus &s : statuses)
        out << describe(s) << "\n";
    out.flush();
    return status;
}

bool parseListenAddress(const QString &text, QHostAddress *address, quint16 *port, QString *error)
{
    QString host;
    QString portText = text;
    static const QRegularExpression bracketed(QStringLiteral("^\\[([^\\]]*)\\]:(.*)$"));
    const QRegularExpressionMatch m = bracketed.match(text);
    if (m.hasMatch()) {
        host = m.captured(1);
        portText = m.captured(2);
    } else if (text.count(QLatin1Char(':')) == 1) {
        host = text.section(QLatin1Char(':'), 0, 0);
        portText = text.section(QLatin1Char(':'), 1);
    } else if (text.contains(QLatin1Char(':'))) {
        *error = QStringLiteral("--listen: write an IPv6 address in brackets, [::1]:%1")
                     .arg(kDefaultPort);
        return false;
    }
    bool ok = false;
    const int n = portText.toInt(&ok);
    if (!ok || n < 0 || n > 65535 || portText.isEmpty()) {
        *error = QStringLiteral("--listen takes [ADDRESS:]PORT with a port of 0 to 65535 (e.g. "
                                "127.0.0.1:%1), not '%2'")
                     .arg(kDefaultPort)
                     .arg(text.left(60));
        return false;
    }
    *port = quint16(n);
    if (host.isEmpty() || host == QLatin1String("localhost")) {
        *address = QHostAddress(QHostAddress::LocalHost);
        return true;
    }
    QHostAddress parsed;
    if (!parsed.setAddress(host)) {
        *error = QStringLiteral("--listen takes an IP address (127.0.0.1, [::1], 10.0.0.5, "
                                "0.0.0.0), not the host name '%1'")
                     .arg(host.left(60));
        return false;
    }
    *address = parsed;
    return true;
}

QByteArray scrapeMetrics(CacheStore &store, AlertEvaluator &evaluator, qint64 *databaseErrors)
{
    QElapsedTimer timer;
    timer.start();
    const qint64 now = store.clock()->nowMs();
    StoreError error;
    if (!store.isOpen())
        error = store.open();
    std::optional<CacheStats> stats;
    MetricInputs inputs;
    QList<RuleStatus> statuses;
    HistoryBucket allTime; // every start-up and rejection recorded
    QList<AlertRule> rules;
    if (!error) {
        (void)store.sampleTableHealth(); // best effort: a read-only role is still scraped
        auto stored = store.alertRules();
        if (!stored.ok())
            error = stored.error();
        else
            rules = stored.value();
    }
    if (!error) {
        // The whole history: the hit and miss counters.
        auto all = store.stats(std::chrono::seconds(now / 1000));
        if (!all.ok()) {
            error = all.error();
        } else {
            stats = all.value();
            auto read = AlertEvaluator::readInputs(store, rules, now, true, &*stats);
            if (!read.ok())
                error = read.error();
            else
                inputs = read.value();
        }
    }
    if (!error) {
        // Counters since the history began: one bucket (two at most) spanning it all.
        constexpr int kSpanMinutes = 5 * 366 * 24 * 60;
        const QDateTime to = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
        auto span = store.history(to.addSecs(-qint64(kSpanMinutes) * 60), to, kSpanMinutes);
        if (!span.ok()) {
            error = span.error();
        } else {
            for (const HistoryBucket &b : span.value()) {
                allTime.rejections += b.rejections;
                for (int i = 0; i < kInitOutcomeCount; ++i)
                    allTime.init[size_t(i)].merge(b.init[size_t(i)]);
            }
        }
    }
    if (!error) {
        statuses = evaluator.evaluate(rules, inputs);
        (void)recordStateChanges(store, statuses, now);
    }
    if (error)
        ++*databaseErrors;

    Exposition e;
    e.family("connector_cache_up", "gauge",
             "Whether this scrape could read the cache database (1) or not (0).");
    e.sample(error ? 0 : 1);
    if (!error) {
        const CacheStats &s = *stats;
        e.family("connector_cache_entries", "gauge",
                 "Entries in the cache table by state; scaled from a sample beyond 100000 "
                 "entries (see connector_cache_entries_estimated).");
        e.sample(double(s.valid), {{"state", QStringLiteral("valid")}});
        e.sample(double(s.expired), {{"state", QStringLiteral("expired")}});
        e.sample(double(s.invalid), {{"state", QStringLiteral("invalidated")}});
        e.family("connector_cache_entries_estimated", "gauge",
                 "1 when the entry counts are scaled from a sample, 0 when counted.");
        e.sample(s.estimated ? 1 : 0);
        e.family("connector_cache_hits_total", "counter",
                 "Lookups that found a valid entry, from the per-minute history.");
        e.sample(double(s.hits));
        e.family("connector_cache_misses_total", "counter",
                 "Lookups that found no valid entry (missing, expired, invalidated, failed).");
        e.sample(double(s.misses));
        e.family("connector_cache_hit_ratio", "gauge",
                 "Hits per lookup over the window ending now; absent without lookups.");
        for (const auto window : {std::chrono::minutes(5), std::chrono::minutes(15)}) {
            const MetricValue v = computeMetric(QLatin1String(metric::kHitRate), inputs, window);
            if (v.hasData)
                e.sample(v.value, {{"window", duration(window)}});
        }
        e.family("connector_cache_lookups_per_minute", "gauge",
                 "Lookups per minute over the last 5 minutes.");
        e.sample(
            computeMetric(QLatin1String(metric::kLookups), inputs, std::chrono::minutes(5)).value /
            5.0);
        e.family("connector_cache_expiring_entries", "gauge",
                 "Valid entries that expire within the given time from now.");
        e.sample(double(s.expiringIn5m), {{"within", QStringLiteral("5m")}});
        e.sample(double(s.expiringIn15m), {{"within", QStringLiteral("15m")}});
        e.sample(double(s.expiringIn60m), {{"within", QStringLiteral("60m")}});
        e.family("connector_cache_expired_last_hour_entries", "gauge",
                 "Entries whose expiry fell within the last hour and that were not renewed "
                 "(the expiration rate per hour); absent until the table was sampled.");
        const MetricValue expired =
            computeMetric(QLatin1String(metric::kExpiredPerHour), inputs, std::chrono::hours(1));
        if (expired.hasData)
            e.sample(expired.value);
        e.family("connector_cache_table_size_bytes", "gauge",
                 "The cache table with its indexes and TOAST, as last sampled within the hour "
                 "(PostgreSQL's pg_total_relation_size); absent on SQLite.");
        const MetricValue size =
            computeMetric(QLatin1String(metric::kSizeBytes), inputs, std::chrono::hours(1));
        if (size.hasData)
            e.sample(size.value);
        e.family("connector_cache_timestamp_rejections_total", "counter",
                 "Signed requests whose timestamp an exchange rejected, as connectors reported "
                 "them.");
        e.sample(double(allTime.rejections));
        e.family("connector_cache_clock_events", "gauge",
                 "Clock events in the sync log over the last hour by kind, as `connector-cache "
                 "clock` classifies them: exchange-step (an exchange-wide step once), host-step, "
                 "reboot, rejection; absent when the log could not be read.");
        if (inputs.clockEvents) {
            for (const ClockEventKind kind :
                 {ClockEventKind::ExchangeStep, ClockEventKind::HostStep, ClockEventKind::Reboot,
                  ClockEventKind::Rejection}) {
                int n = 0;
                for (const ClockEvent &event : std::as_const(*inputs.clockEvents)) {
                    if (event.kind == kind && event.atMs > now - 3'600'000 && event.atMs <= now)
                        ++n;
                }
                e.sample(double(n),
                         {{"kind", clockEventKindName(kind)}, {"window", QStringLiteral("1h")}});
            }
        }
        e.family("connector_cache_initialization_duration_seconds", "histogram",
                 "Connector start-ups (initialize()) by outcome: hit, miss-synced, stale-safe, "
                 "failed.");
        for (int i = 0; i < kInitOutcomeCount; ++i) {
            const InitTimes &t = allTime.init[size_t(i)];
            const QString outcome = initOutcomeName(InitOutcome(i));
            qint64 cumulative = 0;
            for (size_t b = 0; b < kInitBucketBoundsMs.size(); ++b) {
                cumulative += t.buckets[b];
                e.sample(double(cumulative),
                         {{"outcome", outcome},
                          {"le", QString::number(double(kInitBucketBoundsMs[b]) / 1000.0)}},
                         "_bucket");
            }
            e.sample(double(t.count), {{"outcome", outcome}, {"le", QStringLiteral("+Inf")}},
                     "_bucket");
            e.sample(t.sumMs / 1000.0, {{"outcome", outcome}}, "_sum");
            e.sample(double(t.count), {{"outcome", outcome}}, "_count");
        }
        e.family("connector_cache_oldest_sync_age_seconds", "gauge",
                 "Age of the oldest stored clock offset (lastSyncTime); absent when empty.");
        if (s.oldestSyncAgeMs >= 0)
            e.sample(double(s.oldestSyncAgeMs) / 1000.0);
        e.family("connector_cache_newest_sync_age_seconds", "gauge",
                 "Age of the newest stored clock offset (lastSyncTime); absent when empty.");
        if (s.newestSyncAgeMs >= 0)
            e.sample(double(s.newestSyncAgeMs) / 1000.0);
        e.family("connector_cache_alert_firing", "gauge",
                 "1 while the alert rule fires (held past its pending period, not silenced).");
        for (const RuleStatus &r : std::as_const(statuses))
            e.sample(r.isAlerting() ? 1 : 0,
                     {{"rule", r.rule.name}, {"severity", severityName(r.rule.severity)}});
        e.family("connector_cache_alert_pending", "gauge",
                 "1 while the alert rule's condition holds but not yet for its pending period.");
        for (const RuleStatus &r : std::as_const(statuses))
            e.sample(r.state == AlertState::Pending ? 1 : 0, {{"rule", r.rule.name}});
        e.family("connector_cache_alert_silenced", "gauge", "1 while the alert rule is silenced.");
        for (const RuleStatus &r : std::as_const(statuses))
            e.sample(r.silenced ? 1 : 0, {{"rule", r.rule.name}});
    }
    e.family("connector_cache_exporter_database_errors_total", "counter",
             "Scrapes that could not read the cache database.");
    e.sample(double(*databaseErrors));
    e.family("connector_cache_exporter_scrape_duration_seconds", "gauge",
             "How long this scrape took to read the database and evaluate the rules.");
    e.sample(double(timer.nsecsElapsed()) / 1e9);
    return e.text();
}

int runExporter(const MonitorRequest &request, QTextStream &out, QTextStream &err)
{
    QHostAddress address(QHostAddress::LocalHost);
    quint16 port = kDefaultPort;
    if (!request.listen.isEmpty()) {
        QString why;
        if (!parseListenAddress(request.listen, &address, &port, &why)) {
            err << "connector-cache: " << escapeForDisplay(why) << Qt::endl;
            return 2;
        }
    }
    if (!QCoreApplication::instance()) {
        err << "connector-cache: the exporter needs the program's event loop" << Qt::endl;
        return 1;
    }
    CacheStore store(request.config, request.options);
    AlertEvaluator evaluator(store.clock());
    qint64 databaseErrors = 0;
    QHttpServer server;
    server.route(QStringLiteral("/metrics"), [&]() {
        return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"),
                                   scrapeMetrics(store, evaluator, &databaseErrors));
    });
    server.route(QStringLiteral("/"), []() {
        return QHttpServerResponse(
            QByteArrayLiteral("text/html; charset=utf-8"),
            QByteArrayLiteral("<html><head><title>connector-cache exporter</title></head><body>"
                              "<h1>connector-cache exporter</h1><p><a href=\"/metrics\">"
                              "Metrics</a></p></body></html>\n"));
    });
    const quint16 bound = server.listen(address, port);
    if (!bound) {
        err << "connector-cache: cannot listen on " << address.toString() << ":" << port
            << Qt::endl;
        return 1;
    }
    const bool loopback = address.isLoopback();
    if (!loopback)
        err << "connector-cache: warning: serving metrics beyond this host, on "
            << address.toString() << "; whoever reaches it can read the cache's figures"
            << Qt::endl;
    const QString shownAddress = address.protocol() == QAbstractSocket::IPv6Protocol
                                     ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                                     : address.toString();
    out << "serving http://" << shownAddress << ":" << bound << "/metrics for "
        << escapeForDisplay(request.config.displayString()) << Qt::endl;
    return QCoreApplication::exec();
}

} // namespace cc::cli
