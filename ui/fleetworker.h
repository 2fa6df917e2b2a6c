#pragma once

#include "core/monitoring/alerts.h"
#include "core/store/cachestore.h"
#include "ui/profiles.h"

#include <QDateTime>
#include <QMetaType>
#include <QObject>
#include <QStringList>

#include <memory>

namespace cc {
namespace ui {

// One profile's health as the fleet view shows it.
struct FleetStatus
{
    QString profile;
    bool reachable = false;
    QString error;                   // why not reachable (or what failed), in words
    QDateTime attempted;             // when the refresh ran (UTC)
    QDateTime updated;               // when figures were last read (UTC); invalid: never
    monitoring::MetricValue hitRate; // over the last 15 minutes
    monitoring::MetricValue initP95Ms;
    qint64 entries = -1;
    QStringList firing;    // rules alerting now (firing, enabled, not silenced)
    bool critical = false; // one of them is critical
};

// Reads one connection profile's figures on its own thread with its own connection, so that an
// unreachable or slow database never holds up the GUI or the other profiles. refresh() is
// queued by the fleet view, never while the previous one runs.
class FleetWorker : public QObject
{
    Q_OBJECT

public:
    FleetWorker(QString profile, DatabaseConfig config, QObject *parent = nullptr);
    ~FleetWorker() override;

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void refreshed(const cc::ui::FleetStatus &status);

private:
    QString m_profile;
    DatabaseConfig m_config;
    std::unique_ptr<CacheStore> m_store;
    std::unique_ptr<monitoring::AlertEvaluator> m_evaluator;
    FleetStatus m_last;
};

} // namespace ui
} // namespace cc

Q_DECLARE_METATYPE(cc::ui::FleetStatus)
Q_DECLARE_METATYPE(cc::ui::ConnectionProfile)
