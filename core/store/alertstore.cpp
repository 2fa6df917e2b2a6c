// The alert rules, their silences and the alert history (issue 16): tables shared by every
// console, CLI and exporter on the database. Statements go through run(), which inlines the
// values on a pooled connection (no named prepares there).

#include "core/monitoring/alerts.h"
#include "core/store/cachestore_p.h"

#include <cmath>

namespace cc {

using namespace store;
using namespace monitoring;

namespace {

// With the table token: SqlDialect::sql() fills it in.
const QString kSelectEvents = QStringLiteral(
    "SELECT \"id\", \"at_ms\", \"rule\", \"from_state\", \"to_state\", \"value\", \"severity\", "
    "\"silenced\" FROM {alert_event} ");

AlertEvent readEvent(const QSqlQuery &q)
{
    AlertEvent e;
    e.id = q.value(0).toLongLong();
    e.atMs = q.value(1).toLongLong();
    e.rule = q.value(2).toString();
    alertStateFromName(q.value(3).toString(), &e.from);
    alertStateFromName(q.value(4).toString(), &e.to);
    e.value = q.value(5).isNull() ? MetricValue::none() : MetricValue::of(q.value(5).toDouble());
    severityFromName(q.value(6).toString(), &e.severity);
    e.silenced = q.value(7).toLongLong() != 0;
    return e;
}

QString checkRule(const AlertRule &rule)
{
    if (!isValidRuleName(rule.name))
        return QStringLiteral("rule names are 1 to 64 characters of a-z, 0-9 and _: \"%1\"")
            .arg(rule.name);
    if (!isKnownMetric(rule.metric))
        return QStringLiteral("unknown metric \"%1\"; known: %2")
            .arg(rule.metric, metricNames().join(QStringLiteral(", ")));
    if (!std::isfinite(rule.threshold))
        return QStringLiteral("the threshold must be a number");
    if (rule.window.count() < 60)
        return QStringLiteral("a rule's window is at least one minute");
    if (rule.pendingFor.count() < 0)
        return QStringLiteral("a rule's pending period cannot be negative");
    return QString();
}

} // namespace

Result<QList<AlertRule>> CacheStore::alertRules()
{
    const QString what = QStringLiteral("reading the alert rules");
    StoreError error;
    QList<AlertRule> rules;
    {
        ActiveQuery q = d->run(d->dialect.sql(QStringLiteral(
                                   "SELECT \"name\", \"metric\", \"comparison\", \"threshold\", "
                                   "\"window_s\", \"pending_s\", \"severity\", \"enabled\", "
                                   "\"updated_at_ms\", \"updated_by\" FROM {alert_rule} "
                                   "ORDER BY \"name\"")),
                               {}, &error, what);
        if (!q)
            return error;
        while (q->next()) {
            AlertRule r;
            r.name = q->value(0).toString();
            r.metric = q->value(1).toString();
            comparisonFromName(q->value(2).toString(), &r.comparison);
            r.threshold = q->value(3).toDouble();
            r.window = std::chrono::seconds(q->value(4).toLongLong());
            r.pendingFor = std::chrono::seconds(q->value(5).toLongLong());
            severityFromName(q->value(6).toString(), &r.severity);
            r.enabled = q->value(7).toLongLong() != 0;
            const qint64 updated = q->value(8).toLongLong();
            if (updated > 0)
                r.updatedAt = QDateTime::fromMSecsSinceEpoch(updated, Qt::UTC);
            r.updatedBy = q->value(9).toString();
            rules << r;
        }
    }
    ActiveQuery q =
        d->run(d->dialect.sql(QStringLiteral("SELECT \"id\", \"rule\", \"until_ms\", \"reason\", "
                                             "\"created_at_ms\", \"created_by\" FROM "
                                             "{alert_silence} WHERE \"until_ms\" > ? "
                                             "ORDER BY \"until_ms\", \"id\"")),
               {m_clock->nowMs()}, &error, QStringLiteral("reading the silences"));
    if (!q)
        return error;
    while (q->next()) {
        Silence s;
        s.id = q->value(0).toLongLong();
        const QString rule = q->value(1).toString();
        s.until = QDateTime::fromMSecsSinceEpoch(q->value(2).toLongLong(), Qt::UTC);
        s.reason = q->value(3).toString();
        s.createdAt = QDateTime::fromMSecsSinceEpoch(q->value(4).toLongLong(), Qt::UTC);
        s.createdBy = q->value(5).toString();
        for (AlertRule &r : rules) {
            if (r.name == rule)
                r.silences << s;
        }
    }
    return rules;
}

StoreError CacheStore::saveAlertRule(const AlertRule &rule)
{
    if (StoreError refused =
            d->refuseOnStandby(QStringLiteral("saving alert rule %1").arg(rule.name)))
        return refused;
    const QString invalid = checkRule(rule);
    if (!invalid.isEmpty())
        return StoreError(StoreError::InvalidArgument, invalid);
    StoreError error = d->connect();
    if (error)
        return error;
    const QString by = osUserName() + QLatin1Char('/') + d->dbRole;
    const QString what = QStringLiteral("saving alert rule %1").arg(rule.name);
    return d->durable(what, [&]() -> StoreError {
        StoreError e;
        ActiveQuery q = d->run(
            d->dialect.sql(QStringLiteral(
                "INSERT INTO {alert_rule} (\"name\", \"metric\", "
                "\"comparison\", \"threshold\", \"window_s\", \"pending_s\", \"severity\", "
                "\"enabled\", \"updated_at_ms\", \"updated_by\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?) ON CONFLICT (\"name\") DO UPDATE SET \"metric\" = excluded.\"metric\", "
                "\"comparison\" = excluded.\"comparison\", \"threshold\" = "
                "excluded.\"threshold\", \"window_s\" = excluded.\"window_s\", \"pending_s\" = "
                "excluded.\"pending_s\", \"severity\" = excluded.\"severity\", \"enabled\" = "
                "excluded.\"enabled\", \"updated_at_ms\" = excluded.\"updated_at_ms\", "
                "\"updated_by\" = excluded.\"updated_by\"")),
            {rule.name, rule.metric, comparisonName(rule.comparison), rule.threshold,
             qint64(rule.window.count()), qint64(rule.pendingFor.count()),
             severityName(rule.severity), rule.enabled ? 1 : 0, m_clock->nowMs(), nonNull(by)},
            &e, what);
        return e;
    });
}

Result<bool> CacheStore::deleteAlertRule(const QString &name)
{
    if (StoreError refused = d->refuseOnStandby(QStringLiteral("deleting alert rule %1").arg(name)))
        return refused;
    const QString what = QStringLiteral("deleting alert rule %1").arg(name);
    bool deleted = false;
    const StoreError error = d->durable(what, [&]() -> StoreError {
        StoreError e;
        {
            ActiveQuery q = d->run(d->dialect.sql(QStringLiteral("DELETE FROM {alert_silence} "
                                                                 "WHERE \"rule\" = ?")),
                                   {name}, &e, what);
            if (!q)
                return e;
        }
        ActiveQuery q =
            d->run(d->dialect.sql(QStringLiteral("DELETE FROM {alert_rule} WHERE \"name\" = ?")),
                   {name}, &e, what);
        if (q)
            deleted = q->numRowsAffected() > 0;
        return e;
    });
    if (error)
        return error;
    return deleted;
}

StoreError CacheStore::addAlertSilence(const QString &rule, const Silence &silence)
{
    if (StoreError refused =
            d->refuseOnStandby(QStringLiteral("silencing alert rule %1").arg(rule)))
        return refused;
    const qint64 now = m_clock->nowMs();
    if (!silence.until.isValid() || silence.until.toMSecsSinceEpoch() <= now)
        return StoreError(StoreError::InvalidArgument,
                          QStringLiteral("a silence must end in the future"));
    if (silence.reason.trimmed().isEmpty())
        return StoreError(StoreError::InvalidArgument, QStringLiteral("a silence needs a reason"));
    StoreError error = d->connect();
    if (error)
        return error;
    const QString by = osUserName() + QLatin1Char('/') + d->dbRole;
    const QString what = QStringLiteral("silencing alert rule %1").arg(rule);
    return d->durable(what, [&]() -> StoreError {
        StoreError e;
        ActiveQuery q = d->run(
            d->dialect.sql(QStringLiteral(
                "INSERT INTO {alert_silence} (\"rule\", \"until_ms\", "
                "\"reason\", \"created_at_ms\", \"created_by\") SELECT CAST(? AS TEXT), "
                "CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS TEXT) "
                "WHERE EXISTS (SELECT 1 FROM {alert_rule} WHERE "
                "\"name\" = ?)")),
            {rule, silence.until.toMSecsSinceEpoch(), silence.reason, now, nonNull(by), rule}, &e,
            what);
        if (!q)
            return e;
        if (q->numRowsAffected() < 1)
            return StoreError(StoreError::InvalidArgument,
                              QStringLiteral("no alert rule named \"%1\"").arg(rule));
        return e;
    });
}

StoreError CacheStore::recordAlertEvents(const QList<AlertEvent> &events)
{
    if (d->standby) // a standby takes no writes; the primary's evaluators record the changes
        return StoreError();
    if (events.isEmpty())
        return StoreError();
    const QString what = QStringLiteral("recording alert state changes");
    return d->durable(what, [&]() -> StoreError {
        for (const AlertEvent &ev : events) {
            StoreError e;
            ActiveQuery q = d->run(
                d->dialect.sql(QStringLiteral(
                    "INSERT INTO {alert_event} (\"at_ms\", \"rule\", "
                    "\"from_state\", \"to_state\", \"value\", \"severity\", \"silenced\") "
                    "SELECT CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), "
                    "CAST(? AS DOUBLE PRECISION), CAST(? AS TEXT), CAST(? AS INTEGER) WHERE "
                    "COALESCE((SELECT \"to_state\" FROM {alert_event} WHERE "
                    "\"rule\" = ? ORDER BY \"id\" DESC LIMIT 1), 'ok') = ?")),
                {ev.atMs, ev.rule, alertStateName(ev.from), alertStateName(ev.to),
                 ev.value.hasData ? QVariant(ev.value.value)
                                  : QVariant(QMetaType::fromType<double>()),
                 severityName(ev.severity), ev.silenced ? 1 : 0, ev.rule, alertStateName(ev.from)},
                &e, what);
            if (!q)
                return e;
        }
        return StoreError();
    });
}

Result<QList<AlertEvent>> CacheStore::alertEvents(const QDateTime &since, int limit)
{
    StoreError error;
    ActiveQuery q =
        d->run(d->dialect.sql(kSelectEvents + QStringLiteral("WHERE \"at_ms\" >= ? ORDER BY \"id\" "
                                                             "DESC LIMIT ?")),
               {since.isValid() ? since.toMSecsSinceEpoch() : qint64(0), qMax(1, limit)}, &error,
               QStringLiteral("reading the alert history"));
    if (!q)
        return error;
    QList<AlertEvent> events;
    while (q->next())
        events << readEvent(*q);
    return events;
}

Result<QList<AlertEvent>> CacheStore::lastAlertEvents()
{
    StoreError error;
    ActiveQuery q =
        d->run(d->dialect.sql(kSelectEvents + QStringLiteral("WHERE \"id\" IN (SELECT MAX(\"id\") "
                                                             "FROM {alert_event} GROUP "
                                                             "BY \"rule\") ORDER BY \"rule\"")),
               {}, &error, QStringLiteral("reading the rules' last states"));
    if (!q)
        return error;
    QList<AlertEvent> events;
    while (q->next())
        events << readEvent(*q);
    return events;
}

Result<bool> CacheStore::mayEditAlertRules()
{
    if (!d->isPostgres()) {
        auto p = privileges();
        if (!p.ok())
            return p.error();
        return p->canWrite;
    }
    StoreError error;
    ActiveQuery q = d->run(
        d->dialect.sql(QStringLiteral("SELECT has_table_privilege({'alert_rule'}, 'INSERT') AND "
                                      "has_table_privilege({'alert_rule'}, 'UPDATE') AND "
                                      "has_table_privilege({'alert_rule'}, 'DELETE') AND "
                                      "has_table_privilege({'alert_silence'}, 'INSERT')")),
        {}, &error, QStringLiteral("checking the role's privileges on the alert rules"));
    if (!q)
        return error;
    return q->next() && q->value(0).toBool();
}

} // namespace cc
