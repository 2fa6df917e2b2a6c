#pragma once

#include "core/timesync/timesync.h"

#include <QJsonObject>
#include <QString>

namespace cc::cli {

// The `sync` command: one blocking time sync against an exchange, for scripts.
struct CliSyncRequest
{
    QString exchange;    // BYBIT or BINGX
    QString environment; // MAINNET, TESTNET or DEMO
    QString baseUrl;     // overrides the profile's host when given
    int samples = 5;
    int timeoutMs = 3000; // per request
};

struct CliSyncResult
{
    bool ok = false;
    bool usageError = false; // the request itself was wrong (unknown exchange, bad URL)
    QString error;           // in words: exchange, host and what went wrong
    QString text;            // the human-readable report
    QJsonObject json;        // the same for --json
    SyncResult result;       // for --save and the sync log (also a failed sync's)
    QString baseUrl;         // the profile's base URL the sync ran against
};

CliSyncResult runCliSync(const CliSyncRequest &request);

} // namespace cc::cli
