#pragma once

#include "core/store/types.h"

namespace cc {

// The one-line filter syntax of the console's filter box (and `connector-cache list --query`):
//
//   exchange:bybit env:testnet state:expired user:u123 cred:"key with spaces" before:2h  words
//
// Keys: user, credential (cred), exchange (ex), environment (env), state (valid, expired,
// invalid, any), before (ISO 8601 time or a duration ago: 90s, 15m, 24h, 7d, a bare number being
// seconds; the grammar is parseTimeExpression()'s in timeexpr.h). Words that are not
// key:value pairs form the free-text substring (joined by single spaces). Values may be quoted
// with "..." in which \" and \\ escape. Unknown keys, bad states, bad times, unterminated
// quotes and empty values (user: or user:"" or a bare "", which would match every entry) are
// errors in words; the filter is then empty. An empty query is the empty filter (everything):
// a bulk action must ask for that explicitly. nowMs anchors relative times.
EntryFilter parseFilterQuery(const QString &query, qint64 nowMs, QString *errorMessage);

// The query text for a filter (round-trips through parseFilterQuery).
QString toFilterQuery(const EntryFilter &filter);

} // namespace cc
