#pragma once

// `connector-cache alerts`: the alert rules of the database's rule table with their states,
// editing them (set, silence, delete, enable, disable: administrative, role-checked and
// audited like invalidation) and their history of state changes (issue 16).

#include "core/store/cachestore.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <QTextStream>

#include <chrono>
#include <functional>

namespace cc::cli {

// What the command line parser and the runner provide (cli.cpp's Runner).
struct AlertsContext
{
    QStringList args; // after "alerts": [] | history | set|silence|delete|enable|disable NAME
    bool json = false;
    std::function<QString(const char *)> value; // an option's value
    std::function<bool(const char *)> isSet;
    std::function<StoreError()> openStore; // opens the store store() returns
    std::function<CacheStore *()> store;
    std::function<int(const QString &)> usage;     // prints, returns the usage exit code
    std::function<int(const StoreError &)> failed; // prints, returns the error's exit code
    // Writes an audit row (warns when it cannot).
    std::function<void(const QString &action, const QString &filter, qint64 rows,
                       const StoreError &error)>
        audit;
    std::function<void(const QJsonValue &)> printJson;
};

int runAlerts(const AlertsContext &c, QTextStream &out, QTextStream &err);

// Issue 16's figures in `stats --json` (over the window) and in each bucket of
// `history --json`: initHitP50Ms, initHitP95Ms, initMissP50Ms, initMissP95Ms (null without
// start-ups), initCount, expiredPerHour (null when the table was never sampled), rejections,
// sizeBytes (the last sample, null on SQLite or unsampled).
Result<QJsonObject> monitoringFigures(CacheStore &store, std::chrono::seconds window);
QJsonObject bucketFigures(const HistoryBucket &bucket, int bucketMinutes);

} // namespace cc::cli
