#pragma once

// The monitoring commands: `check` (a Nagios/Icinga monitoring plugin) and `exporter` (a
// Prometheus exporter on Qt HttpServer). Both evaluate the alert rules of core/monitoring.

#include "core/monitoring/alerts.h"
#include "core/store/cachestore.h"

#include <QByteArray>
#include <QHostAddress>
#include <QTextStream>

namespace cc::cli {

// The monitoring-plugin exit codes (Nagios, Icinga, Zabbix, Sensu): what `check` returns,
// usage errors included (UNKNOWN, never CRITICAL).
enum PluginStatus { PluginOk = 0, PluginWarning = 1, PluginCritical = 2, PluginUnknown = 3 };

struct MonitorRequest
{
    DatabaseConfig config;
    CacheStoreOptions options;
    bool json = false;
    QString rule;   // check: only this rule
    QString listen; // exporter: --listen's value, empty for the default
};

// `connector-cache check [--rule NAME]`: one status line with performance data, then one line
// per rule; returns a PluginStatus.
int runCheck(const MonitorRequest &request, QTextStream &out, QTextStream &err);

// `connector-cache exporter [--listen ADDRESS]`: serves /metrics until stopped. Returns an exit
// code when it cannot start (2: a bad or refused address; 1: the port is taken).
int runExporter(const MonitorRequest &request, QTextStream &out, QTextStream &err);

// --listen: PORT or :PORT (loopback), 127.0.0.1:PORT, localhost:PORT, [::1]:PORT, or another
// address given as an IP literal (0.0.0.0:PORT, 10.0.0.5:PORT): an address beyond loopback is
// bound only when named in full. Host names other than localhost are refused (what is bound
// must be visible on the command line). False with the reason in *error.
bool parseListenAddress(const QString &text, QHostAddress *address, quint16 *port, QString *error);

// One scrape: the metrics in Prometheus' text exposition format (version 0.0.4), read from the
// store and evaluated with the rule table's rules (state changes recorded, the table's size
// sampled at most once a minute; both best effort). `databaseErrors` counts the scrapes that
// could not read the database; it is incremented here on a failure.
QByteArray scrapeMetrics(CacheStore &store, monitoring::AlertEvaluator &evaluator,
                         qint64 *databaseErrors);

} // namespace cc::cli
