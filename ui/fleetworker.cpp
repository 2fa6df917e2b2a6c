#include "ui/fleetworker.h"

#include "ui/alertformat.h"

namespace cc {
namespace ui {

namespace {
// Rules stored on the database, or the seed's defaults where none are (or cannot be read).
QList<monitoring::AlertRule> rulesOf(CacheStore &store)
{
    auto rules = store.alertRules();
    return rules.ok() ? rules.value() : monitoring::defaultRules();
}
} // namespace

FleetWorker::FleetWorker(QString profile, DatabaseConfig config, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_config(std::move(config))
    , m_evaluator(std::make_unique<monitoring::AlertEvaluator>())
{
    qRegisterMetaType<cc::ui::FleetStatus>();
    m_last.profile = m_profile;
}

FleetWorker::~FleetWorker() = default;

void FleetWorker::refresh()
{
    FleetStatus status = m_last;
    status.attempted = QDateTime::currentDateTimeUtc();
    auto fail = [&](const StoreError &error) {
        status.reachable = false;
        status.error = error.message();
        if (error.kind() == StoreError::Unreachable ||
            error.kind() == StoreError::AuthenticationFailed)
            m_store.reset(); // a fresh connection next time
        m_last = status;
        Q_EMIT refreshed(status);
    };
    if (!m_store) {
        CacheStore::Options options;
        options.profile = m_profile;
        options.timeout = std::chrono::milliseconds(3000);
        options.notifyChanges = false;
        m_store = std::make_unique<CacheStore>(m_config, options);
        const StoreError error = m_store->open();
        if (error) {
            fail(error);
            return;
        }
    }
    auto stats = m_store->stats(std::chrono::minutes(15));
    if (!stats.ok()) {
        fail(stats.error());
        return;
    }
    const QList<monitoring::AlertRule> rules = rulesOf(*m_store);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // The history read for the rules, and at least the 15 minutes the columns need.
    monitoring::AlertRule probe;
    probe.name = QStringLiteral("fleet_probe");
    probe.metric = QLatin1String(monitoring::metric::kHitRate);
    probe.window = std::chrono::minutes(15);
    auto inputs = monitoring::AlertEvaluator::readInputs(*m_store, rules + QList{probe}, now, false,
                                                         &stats.value());
    if (!inputs.ok()) {
        fail(inputs.error());
        return;
    }
    const QList<monitoring::RuleStatus> statuses = m_evaluator->evaluate(rules, inputs.value());
    status.reachable = true;
    status.error.clear();
    status.updated = status.attempted;
    status.entries = stats->total;
    status.hitRate = stats->hits + stats->misses > 0 ? monitoring::MetricValue::of(stats->hitRate)
                                                     : monitoring::MetricValue::none();
    // Every start-up in the last 15 minutes, whatever its outcome.
    InitTimes starts;
    const qint64 from = now - 15 * 60 * 1000;
    for (const HistoryBucket &b : inputs->minutes) {
        if (b.start.toMSecsSinceEpoch() + 60 * 1000 <= from)
            continue;
        for (const InitTimes &t : b.init)
            starts.merge(t);
    }
    const std::optional<double> p95 = starts.quantileMs(0.95);
    status.initP95Ms = p95 ? monitoring::MetricValue::of(*p95) : monitoring::MetricValue::none();
    status.firing.clear();
    status.critical = false;
    for (const monitoring::RuleStatus &s : AlertFormat::alerting(statuses)) {
        status.firing << s.rule.name;
        status.critical = status.critical || s.rule.severity == monitoring::Severity::Critical;
    }
    m_last = status;
    Q_EMIT refreshed(status);
}

} // namespace ui
} // namespace cc
