#include "app/cli/alertscmd.h"

#include "core/monitoring/alerts.h"
#include "core/store/timeexpr.h"
#include "core/store/validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <optional>

namespace cc::cli {

using namespace cc::monitoring;

namespace {

QString number(double v)
{
    return QString::number(v, 'g', 6);
}

QString duration(qint64 seconds)
{
    if (seconds > 0 && seconds % 3600 == 0)
        return QStringLiteral("%1h").arg(seconds / 3600);
    if (seconds > 0 && seconds % 60 == 0)
        return QStringLiteral("%1m").arg(seconds / 60);
    return QStringLiteral("%1s").arg(seconds);
}

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonValue valueJson(const MetricValue &v)
{
    return v.hasData ? QJsonValue(v.value) : QJsonValue();
}

QJsonObject ruleJson(const RuleStatus &s)
{
    const AlertRule &r = s.rule;
    QJsonArray silences;
    for (const Silence &silence : r.silences)
        silences << QJsonObject{{QStringLiteral("until"), iso(silence.until)},
                                {QStringLiteral("reason"), silence.reason},
                                {QStringLiteral("createdAt"), iso(silence.createdAt)},
                                {QStringLiteral("createdBy"), silence.createdBy}};
    return QJsonObject{
        {QStringLiteral("name"), r.name},
        {QStringLiteral("metric"), r.metric},
        {QStringLiteral("comparison"), comparisonName(r.comparison)},
        {QStringLiteral("threshold"), r.threshold},
        {QStringLiteral("window"), qint64(r.window.count())},         // seconds
        {QStringLiteral("pendingFor"), qint64(r.pendingFor.count())}, // seconds
        {QStringLiteral("severity"), severityName(r.severity)},
        {QStringLiteral("enabled"), r.enabled},
        {QStringLiteral("state"), alertStateName(s.state)},
        {QStringLiteral("value"), valueJson(s.value)},
        {QStringLiteral("since"), s.since.isValid() ? QJsonValue(iso(s.since)) : QJsonValue()},
        {QStringLiteral("silenced"), s.silenced},
        {QStringLiteral("silences"), silences},
        {QStringLiteral("updatedAt"),
         r.updatedAt.isValid() ? QJsonValue(iso(r.updatedAt)) : QJsonValue()},
        {QStringLiteral("updatedBy"), r.updatedBy}};
}

QString ruleAuditJson(const AlertRule &r)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("rule"), r.name},
                                  {QStringLiteral("metric"), r.metric},
                                  {QStringLiteral("comparison"), comparisonName(r.comparison)},
                                  {QStringLiteral("threshold"), r.threshold},
                                  {QStringLiteral("window"), qint64(r.window.count())},
                                  {QStringLiteral("pendingFor"), qint64(r.pendingFor.count())},
                                  {QStringLiteral("severity"), severityName(r.severity)},
                                  {QStringLiteral("enabled"), r.enabled}})
            .toJson(QJsonDocument::Compact));
}

class Alerts
{
public:
    Alerts(const AlertsContext &context, QTextStream &o, QTextStream &e)
        : c(context)
        , out(o)
        , err(e)
    {}

    int run()
    {
        const QString sub = c.args.value(0);
        const QStringList editing{QStringLiteral("set"), QStringLiteral("silence"),
                                  QStringLiteral("delete"), QStringLiteral("enable"),
                                  QStringLiteral("disable")};
        // Options that belong to one subcommand only.
        const QStringList setOnly{QStringLiteral("metric"), QStringLiteral("below"),
                                  QStringLiteral("above"), QStringLiteral("window"),
                                  QStringLiteral("severity")};
        for (const QString &o : setOnly) {
            if (c.isSet(o.toLatin1().constData()) && sub != QLatin1String("set"))
                return c.usage(QStringLiteral("--%1 belongs to 'alerts set'").arg(o));
        }
        if (c.isSet("reason") && sub != QLatin1String("silence"))
            return c.usage(QStringLiteral("--reason belongs to 'alerts silence'"));
        if (c.isSet("for") && sub != QLatin1String("set") && sub != QLatin1String("silence"))
            return c.usage(QStringLiteral("--for belongs to 'alerts set' and 'alerts silence'"));
        if ((c.isSet("since") || c.isSet("limit")) && sub != QLatin1String("history"))
            return c.usage(QStringLiteral("--since and --limit belong to 'alerts history'"));
        if (sub.isEmpty())
            return list();
        if (sub == QLatin1String("history")) {
            if (c.args.size() != 1)
                return c.usage(QStringLiteral("'alerts history' takes no rule name"));
            return history();
        }
        if (!editing.contains(sub))
            return c.usage(QStringLiteral("'alerts' takes set, silence, delete, enable, disable "
                                          "or history, not '%1'")
                               .arg(sub));
        if (c.args.size() != 2)
            return c.usage(QStringLiteral("'alerts %1' takes a rule's name").arg(sub));
        const QString name = c.args.at(1);
        if (!isValidRuleName(name))
            return c.usage(QStringLiteral("rule names are 1 to 64 characters of a-z, 0-9 and _ "
                                          "(not '%1')")
                               .arg(name.left(70)));
        if (sub == QLatin1String("set"))
            return set(name);
        if (sub == QLatin1String("silence"))
            return silence(name);
        if (sub == QLatin1String("delete"))
            return remove(name);
        return enable(name, sub == QLatin1String("enable"));
    }

private:
    const AlertsContext &c;
    QTextStream &out;
    QTextStream &err;

    CacheStore &store() const { return *c.store(); }

    std::optional<qint64> durationSeconds(const char *option, qint64 atLeast, QString *why) const
    {
        const auto ms = parseDurationMs(c.value(option));
        if (!ms || *ms < atLeast * 1000 || *ms % 1000 != 0) {
            *why = QStringLiteral("--%1 takes a duration in whole seconds of at least %2 (90s, "
                                  "15m, 2h, 7d), not '%3'")
                       .arg(QLatin1String(option), duration(atLeast), c.value(option).left(40));
            return std::nullopt;
        }
        return *ms / 1000;
    }

    // The administrative check invalidation makes by its write: here before anything is
    // written, with the same refusal (PermissionDenied, exit 7), audited.
    StoreError mayEdit(const QString &action, const QString &filter)
    {
        auto may = store().mayEditAlertRules();
        if (!may.ok())
            return may.error();
        if (may.value())
            return StoreError();
        const StoreError refused(
            StoreError::PermissionDenied,
            QStringLiteral("the database role may not edit alert rules (%1 needs INSERT, UPDATE "
                           "and DELETE on connector_cache_alert_rule and INSERT on "
                           "connector_cache_alert_silence)")
                .arg(action));
        c.audit(action, filter, 0, refused);
        return refused;
    }

    int list()
    {
        if (StoreError e = c.openStore())
            return c.failed(e);
        AlertEvaluator evaluator(store().clock());
        QStringList writeErrors; // best effort: a read-only role lists all the same
        auto statuses = evaluator.refresh(store(), &writeErrors);
        if (!statuses.ok())
            return c.failed(statuses.error());
        if (c.json) {
            QJsonArray rows;
            for (const RuleStatus &s : statuses.value())
                rows << ruleJson(s);
            c.printJson(rows);
            return 0;
        }
        if (statuses->isEmpty())
            out << "no alert rules\n";
        for (const RuleStatus &s : statuses.value()) {
            const AlertRule &r = s.rule;
            out << escapeForDisplay(r.name).leftJustified(22) << " "
                << alertStateName(s.state).leftJustified(8) << " "
                << (s.value.hasData ? number(s.value.value) : QStringLiteral("-")).rightJustified(9)
                << "  " << r.metric << " " << comparisonName(r.comparison) << " "
                << number(r.threshold) << " over " << duration(r.window.count());
            if (r.pendingFor.count() > 0)
                out << " for " << duration(r.pendingFor.count());
            out << ", " << severityName(r.severity);
            if (s.since.isValid())
                out << ", since " << iso(s.since);
            if (!r.enabled)
                out << " [disabled]";
            if (s.silenced)
                out << " [silenced until " << iso(s.silence.until) << ": "
                    << escapeForDisplay(s.silence.reason) << "]";
            out << "\n";
        }
        out.flush();
        return 0;
    }

    int set(const QString &name)
    {
        if (c.isSet("below") && c.isSet("above"))
            return c.usage(QStringLiteral("give --below or --above, not both"));
        double threshold = 0;
        const bool hasThreshold = c.isSet("below") || c.isSet("above");
        if (hasThreshold) {
            bool ok = false;
            threshold = c.value(c.isSet("below") ? "below" : "above").toDouble(&ok);
            if (!ok || !std::isfinite(threshold))
                return c.usage(QStringLiteral("--below and --above take a number"));
        }
        if (c.isSet("metric") && !isKnownMetric(c.value("metric")))
            return c.usage(
                QStringLiteral("unknown metric '%1'; the metrics: %2")
                    .arg(c.value("metric").left(40), metricNames().join(QStringLiteral(", "))));
        Severity severity = Severity::Warning;
        if (c.isSet("severity") && !severityFromName(c.value("severity"), &severity))
            return c.usage(QStringLiteral("--severity is warning or critical"));
        QString why;
        std::optional<qint64> window, pendingFor;
        if (c.isSet("window") && !(window = durationSeconds("window", 60, &why)))
            return c.usage(why);
        if (c.isSet("for") && !(pendingFor = durationSeconds("for", 0, &why)))
            return c.usage(why);
        if (StoreError e = c.openStore())
            return c.failed(e);
        auto rules = store().alertRules();
        if (!rules.ok())
            return c.failed(rules.error());
        AlertRule rule;
        bool exists = false;
        for (const AlertRule &r : rules.value()) {
            if (r.name == name) {
                rule = r;
                exists = true;
            }
        }
        if (!exists) {
            if (!c.isSet("metric") || !hasThreshold)
                return c.usage(QStringLiteral("a new rule needs --metric and --below or --above"));
            rule.name = name;
            rule.window = std::chrono::seconds(15 * 60);
            rule.pendingFor = std::chrono::seconds(0);
        }
        if (c.isSet("metric"))
            rule.metric = c.value("metric");
        if (hasThreshold) {
            rule.comparison = c.isSet("below") ? Comparison::Below : Comparison::Above;
            rule.threshold = threshold;
        }
        if (window)
            rule.window = std::chrono::seconds(*window);
        if (pendingFor)
            rule.pendingFor = std::chrono::seconds(*pendingFor);
        if (c.isSet("severity"))
            rule.severity = severity;
        const QString action = QStringLiteral("alert-set");
        if (StoreError e = mayEdit(action, ruleAuditJson(rule)))
            return c.failed(e);
        const StoreError saved = store().saveAlertRule(rule);
        c.audit(action, ruleAuditJson(rule), saved ? 0 : 1, saved);
        if (saved)
            return c.failed(saved);
        if (c.json)
            c.printJson(QJsonObject{{QStringLiteral("saved"), rule.name},
                                    {QStringLiteral("created"), !exists}});
        else
            out << (exists ? "changed" : "created") << " rule " << rule.name << ": " << rule.metric
                << " " << comparisonName(rule.comparison) << " " << number(rule.threshold)
                << " over " << duration(rule.window.count()) << " for "
                << duration(rule.pendingFor.count()) << ", " << severityName(rule.severity)
                << Qt::endl;
        return 0;
    }

    int silence(const QString &name)
    {
        if (!c.isSet("for"))
            return c.usage(QStringLiteral("'alerts silence' needs --for DURATION (2h)"));
        if (!c.isSet("reason") || c.value("reason").trimmed().isEmpty())
            return c.usage(QStringLiteral("'alerts silence' needs --reason TEXT: why"));
        QString why;
        const auto seconds = durationSeconds("for", 1, &why);
        if (!seconds)
            return c.usage(why);
        if (StoreError e = c.openStore())
            return c.failed(e);
        Silence s;
        s.until =
            QDateTime::fromMSecsSinceEpoch(store().clock()->nowMs() + *seconds * 1000, Qt::UTC);
        s.reason = c.value("reason");
        const QString action = QStringLiteral("alert-silence");
        const QString filter =
            QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("rule"), name},
                                                        {QStringLiteral("until"), iso(s.until)},
                                                        {QStringLiteral("reason"), s.reason}})
                                  .toJson(QJsonDocument::Compact));
        if (StoreError e = mayEdit(action, filter))
            return c.failed(e);
        const StoreError added = store().addAlertSilence(name, s);
        c.audit(action, filter, added ? 0 : 1, added);
        if (added)
            return c.failed(added);
        if (c.json)
            c.printJson(QJsonObject{{QStringLiteral("silenced"), name},
                                    {QStringLiteral("until"), iso(s.until)}});
        else
            out << "silenced " << name << " until " << iso(s.until) << Qt::endl;
        return 0;
    }

    int remove(const QString &name)
    {
        if (StoreError e = c.openStore())
            return c.failed(e);
        const QString action = QStringLiteral("alert-delete");
        const QString filter = QStringLiteral("{\"rule\":\"%1\"}").arg(name); // [a-z0-9_]
        if (StoreError e = mayEdit(action, filter))
            return c.failed(e);
        auto deleted = store().deleteAlertRule(name);
        c.audit(action, filter, deleted.ok() && deleted.value() ? 1 : 0,
                deleted.ok() ? StoreError() : deleted.error());
        if (!deleted.ok())
            return c.failed(deleted.error());
        if (!deleted.value()) {
            err << "connector-cache: no alert rule named " << name << Qt::endl;
            return 3; // ExitNotFound
        }
        if (c.json)
            c.printJson(QJsonObject{{QStringLiteral("deleted"), name}});
        else
            out << "deleted rule " << name << Qt::endl;
        return 0;
    }

    int enable(const QString &name, bool on)
    {
        if (StoreError e = c.openStore())
            return c.failed(e);
        auto rules = store().alertRules();
        if (!rules.ok())
            return c.failed(rules.error());
        for (AlertRule rule : rules.value()) {
            if (rule.name != name)
                continue;
            rule.enabled = on;
            const QString action =
                on ? QStringLiteral("alert-enable") : QStringLiteral("alert-disable");
            if (StoreError e = mayEdit(action, ruleAuditJson(rule)))
                return c.failed(e);
            const StoreError saved = store().saveAlertRule(rule);
            c.audit(action, ruleAuditJson(rule), saved ? 0 : 1, saved);
            if (saved)
                return c.failed(saved);
            if (c.json)
                c.printJson(
                    QJsonObject{{QStringLiteral("rule"), name}, {QStringLiteral("enabled"), on}});
            else
                out << (on ? "enabled" : "disabled") << " rule " << name << Qt::endl;
            return 0;
        }
        err << "connector-cache: no alert rule named " << name << Qt::endl;
        return 3; // ExitNotFound
    }

    int history()
    {
        qint64 sinceMs = Clock::system()->nowMs() - 24 * 3600 * 1000;
        if (c.isSet("since")) {
            QString why;
            const auto t = parseTimeExpression(c.value("since"), Clock::system()->nowMs(), &why);
            if (!t)
                return c.usage(QStringLiteral("--since takes an ISO 8601 time or a duration ago "
                                              "(24h, 7d): %1")
                                   .arg(why));
            sinceMs = t->toMSecsSinceEpoch();
        }
        int limit = 1000;
        if (c.isSet("limit")) {
            bool ok = false;
            limit = c.value("limit").toInt(&ok);
            if (!ok || limit < 1 || limit > 100000)
                return c.usage(QStringLiteral("--limit takes 1 to 100000"));
        }
        if (StoreError e = c.openStore())
            return c.failed(e);
        auto events = store().alertEvents(QDateTime::fromMSecsSinceEpoch(sinceMs, Qt::UTC), limit);
        if (!events.ok())
            return c.failed(events.error());
        if (c.json) {
            QJsonArray rows;
            for (const AlertEvent &e : events.value())
                rows << QJsonObject{
                    {QStringLiteral("at"), iso(QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC))},
                    {QStringLiteral("rule"), e.rule},
                    {QStringLiteral("from"), alertStateName(e.from)},
                    {QStringLiteral("to"), alertStateName(e.to)},
                    {QStringLiteral("value"), valueJson(e.value)},
                    {QStringLiteral("severity"), severityName(e.severity)},
                    {QStringLiteral("silenced"), e.silenced}};
            c.printJson(rows);
            return 0;
        }
        for (const AlertEvent &e : events.value()) {
            out << iso(QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC)) << "  "
                << escapeForDisplay(e.rule).leftJustified(22) << " " << alertStateName(e.from)
                << " -> " << alertStateName(e.to) << "  "
                << (e.value.hasData ? number(e.value.value) : QStringLiteral("no data")) << "  "
                << severityName(e.severity) << (e.silenced ? "  [silenced]" : "") << "\n";
        }
        out.flush();
        return 0;
    }
};

} // namespace

int runAlerts(const AlertsContext &c, QTextStream &out, QTextStream &err)
{
    return Alerts(c, out, err).run();
}

namespace {

QJsonValue quantileJson(const QList<HistoryBucket> &buckets, InitOutcome outcome, double q)
{
    const std::optional<double> v = sumInitTimes(buckets, {outcome}).quantileMs(q);
    return v ? QJsonValue(*v) : QJsonValue();
}

void addFigures(QJsonObject *o, const QList<HistoryBucket> &buckets, int bucketMinutes)
{
    o->insert(QStringLiteral("initHitP50Ms"), quantileJson(buckets, InitOutcome::Hit, 0.5));
    o->insert(QStringLiteral("initHitP95Ms"), quantileJson(buckets, InitOutcome::Hit, 0.95));
    o->insert(QStringLiteral("initMissP50Ms"), quantileJson(buckets, InitOutcome::MissSynced, 0.5));
    o->insert(QStringLiteral("initMissP95Ms"),
              quantileJson(buckets, InitOutcome::MissSynced, 0.95));
    QJsonObject counts;
    for (int i = 0; i < kInitOutcomeCount; ++i)
        counts.insert(initOutcomeName(InitOutcome(i)),
                      sumInitTimes(buckets, {InitOutcome(i)}).count);
    o->insert(QStringLiteral("initCount"), counts);
    qint64 rejections = 0;
    qint64 sizeBytes = -1;
    for (const HistoryBucket &b : buckets) {
        rejections += b.rejections;
        if (b.sizeBytes >= 0)
            sizeBytes = b.sizeBytes;
    }
    const MetricValue expired = expiredPerHour(buckets, bucketMinutes);
    o->insert(QStringLiteral("expiredPerHour"), valueJson(expired));
    o->insert(QStringLiteral("rejections"), rejections);
    o->insert(QStringLiteral("sizeBytes"), sizeBytes >= 0 ? QJsonValue(sizeBytes) : QJsonValue());
}

} // namespace

Result<QJsonObject> monitoringFigures(CacheStore &store, std::chrono::seconds window)
{
    const qint64 now = store.clock()->nowMs();
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
    const qint64 minutes = qMax<qint64>(1, window.count() / 60);
    // One-minute buckets up to a week; wider beyond (history() returns at most 100000).
    const int bucketMinutes = int(qMax<qint64>(1, (minutes + 10079) / 10080));
    auto buckets = store.history(to.addSecs(-(minutes - 1) * 60), to, bucketMinutes);
    if (!buckets.ok())
        return buckets.error();
    QJsonObject o;
    addFigures(&o, buckets.value(), bucketMinutes);
    return o;
}

QJsonObject bucketFigures(const HistoryBucket &bucket, int bucketMinutes)
{
    QJsonObject o;
    addFigures(&o, {bucket}, bucketMinutes);
    o.insert(QStringLiteral("expired"), bucket.expired);
    // Per bucket: its own expiries scaled to an hour (their minutes are known whether or not
    // a sample fell into this bucket).
    o.insert(QStringLiteral("expiredPerHour"),
             double(bucket.expired) * 60.0 / double(qMax(1, bucketMinutes)));
    o.insert(QStringLiteral("entries"),
             bucket.entries >= 0 ? QJsonValue(bucket.entries) : QJsonValue());
    return o;
}

} // namespace cc::cli
