#pragma once

#include "core/timesync/exchange.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace cc {

// A server time read from an exchange's answer.
struct ServerTime
{
    qint64 ms = 0; // milliseconds since the epoch
    // How far the value may be from the server's clock reading it stands for: 0.5 for
    // nanoseconds rounded to the millisecond, 1 for a millisecond field, 1000 for seconds.
    double resolutionMs = 1;
    QString field; // where it came from, e.g. "result.timeNano"
};

struct ParsedTime
{
    std::optional<ServerTime> time;
    QString error; // what was wrong, in words, when time is empty
};

// Pure functions (bytes in, result out): no network, no clock but the one passed in, so they can
// be fuzzed. localNowMs is used for the plausibility check: a value further than
// maxSkewMs from local time (a wrong unit, a broken proxy) is refused.
constexpr qint64 kDefaultMaxSkewMs = 24LL * 3600 * 1000;

// Bybit v5 /v5/market/time: result.timeNano (ns), then the top-level time (ms), then
// result.timeSecond (s). retCode must be 0.
ParsedTime parseBybitServerTime(const QByteArray &body, qint64 localNowMs,
                                qint64 maxSkewMs = kDefaultMaxSkewMs);
// BingX: data.serverTime (ms), or the legacy data.currentTime. code must be 0.
ParsedTime parseBingxServerTime(const QByteArray &body, qint64 localNowMs,
                                qint64 maxSkewMs = kDefaultMaxSkewMs);
ParsedTime parseServerTime(Exchange exchange, const QByteArray &body, qint64 localNowMs,
                           qint64 maxSkewMs = kDefaultMaxSkewMs);

// A rejected request's answer: the exchange's error code and message, and, when the answer
// says the timestamp was outside the window (Bybit 10002, BingX 100421), the server time it
// carries (Bybit: "server_timestamp[...]" in retMsg; BingX: a "timestamp" field).
struct ApiAnswer
{
    bool isJson = false;
    qint64 code = 0; // retCode / code; 0 = success
    QString message; // retMsg / msg
    bool timestampRejected = false;
    std::optional<qint64> serverTimeMs;
};
ApiAnswer parseApiAnswer(Exchange exchange, const QByteArray &body);

} // namespace cc
