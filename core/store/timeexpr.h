#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace cc {

// The one grammar for durations and points in time, shared by the filter syntax (`before:`) and
// the command line (`--ttl`, `--window`, `--synced-before`, `--since`, `--synced-at`).
//
// A duration is a whole number of up to 9 digits followed by a unit: ms, s, m, h or d ("90s",
// "15m", "24h", "7d"). A bare number is seconds ("900" is 15m), everywhere. Surrounding spaces
// and a space between the number and its unit are allowed. Negative numbers are not.
std::optional<qint64> parseDurationMs(const QString &text);

// A point in time: an ISO 8601 time (UTC unless it names another offset, milliseconds optional)
// or a duration meaning that long before nowMs. The result is UTC and lies in the years 0 to
// 9999 (what ISO 8601 prints). On failure, errorMessage (when given) says why, beginning with
// the text itself (at most 40 characters of it), e.g.
// "yesterday is neither an ISO 8601 time nor a duration ago such as 2h".
std::optional<QDateTime> parseTimeExpression(const QString &text, qint64 nowMs,
                                             QString *errorMessage = nullptr);

} // namespace cc
