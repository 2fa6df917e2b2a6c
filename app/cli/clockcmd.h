#pragma once

// The clock-health commands (issue 17): `clock` (drift, steps and rejections from the sync
// log), `syncs` (the log itself), `--ttl auto` for `set` and `sync --save`, and the `sync`
// command's log row. cli.cpp registers the commands and options; the work is here.

#include "core/connector/syncmetadata.h"
#include "core/store/cachestore.h"
#include "core/timesync/clockhealth.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTextStream>

#include <functional>

namespace cc::cli {

// What a command needs of cli.cpp's runner.
struct ClockCommandContext
{
    const QCommandLineParser &parser;
    QTextStream &out;
    QTextStream &err;
    bool json = false;
    std::function<StoreError()> openStore; // opens the store store() then returns
    std::function<CacheStore *()> store;
    std::function<int(const QString &)> usage;
    std::function<int(const StoreError &)> failed;
    std::function<void(const QJsonValue &)> printJson;
};

// `connector-cache clock [--exchange EX] [--environment ENV] [--since 24h] [--json]`.
int runClockCommand(const ClockCommandContext &context);
// `connector-cache syncs [--user ID --credential ID] [--exchange EX] [--environment ENV]
// [--host NAME] [--since TIME] [--limit N] [--json]`: newest first.
int runSyncsCommand(const ClockCommandContext &context);

// --ttl auto: the drift of this host's syncs against exchange/environment (the series of
// baseUrl, or when empty of the base URL synced most recently) from the last week of the log,
// and adaptiveTtl() for an entry with errorBoundMs. Without enough data (or when the log cannot
// be read) the fixed TTL, saying why.
struct AutoTtl
{
    TtlChoice choice;
    DriftEstimate drift;
    QString hostName;
    QString baseUrl;
    QString readError; // the log could not be read (the fixed TTL then)
};
AutoTtl chooseAutoTtl(CacheStore &store, Exchange exchange, Environment environment,
                      const QString &baseUrl, double errorBoundMs, qint64 nowMs,
                      const AdaptiveTtlOptions &options = AdaptiveTtlOptions());
// "47m (adaptive: ...)" for the text output, and the JSON object {"ttlSeconds", "adaptive",
// "reason", "driftPpm", "driftPpmError", "driftKnown", "marginAtExpiryMs"}.
QString describeAutoTtl(const AutoTtl &ttl);
QJsonObject autoTtlJson(const AutoTtl &ttl);

// The `sync` command's row in the log (source "cli"); identity empty when not saved.
StoreError logCliSync(CacheStore &store, const SyncResult &result, const QString &identity,
                      const QString &baseUrl);

} // namespace cc::cli
