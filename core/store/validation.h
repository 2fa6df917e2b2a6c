#pragma once

// The one home of the rules for what may be written to the cache and how untrusted text is
// shown: the CLI checks its input with these before it touches the store, and CacheStore::set()
// applies validateEntryInput() to every caller's input (the library, the console, the CLI).
// Every refusal is a StoreError::InvalidArgument whose message says what was wrong in words and
// never quotes a secret.

#include "core/result.h"
#include "core/store/types.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

#include <chrono>

namespace cc {

// The bounds on an entry's input. The defaults are documented in connector-cache(1).
struct EntryLimits
{
    // The longest TTL: an offset older than a week says little about today's clock drift.
    static constexpr std::chrono::seconds kDefaultMaxTtl{7 * 24 * 3600};
    // How far a sync time may lie ahead of this host's clock (two hosts' clocks disagree a
    // little; a sync "in the year 3000" is a mistake).
    static constexpr qint64 kDefaultFutureToleranceMs = 60'000;
    // The earliest sync time: 2000-01-01T00:00:00Z (the year 1 is a mistake, not a sync).
    static constexpr qint64 kEarliestSyncTimeMs = 946'684'800'000;
    // The longest identifier (user or credential id), in UTF-16 code units.
    static constexpr int kMaxIdentifierLength = 1024;
    // The largest metadata object, as compact JSON.
    static constexpr int kMaxMetadataBytes = 64 * 1024;
    // The longest exchange or environment name taken with allowUnknownExchange.
    static constexpr int kMaxExchangeNameLength = 32;

    std::chrono::seconds maxTtl = kDefaultMaxTtl;
    qint64 futureToleranceMs = kDefaultFutureToleranceMs;
    // Exchanges and environments outside the known sets (BYBIT, BINGX; MAINNET, TESTNET, DEMO)
    // are refused unless this is set; even then a name is 1 to 32 of A-Z, 0-9, '_', '-', '.'.
    bool allowUnknownExchange = false;
};

// userId and credentialId: not empty, no NUL, no U+FFFD (the mark left where bytes were not
// valid UTF-8: two different byte strings would become the same id), no unpaired surrogate,
// at most kMaxIdentifierLength long.
StoreError validateIdentity(const QString &userId, const QString &credentialId);

// exchange and environment: one of the known names (any case, surrounding spaces ignored), or
// with allowUnknown a short plain name.
StoreError validateExchangeNames(const QString &exchange, const QString &environment,
                                 bool allowUnknown);

// 1 s to limits.maxTtl.
StoreError validateTtl(std::chrono::seconds ttl, const EntryLimits &limits = EntryLimits());

// A sync time (a null QDateTime means "now" and passes): not before kEarliestSyncTimeMs, not
// more than limits.futureToleranceMs after nowMs.
StoreError validateSyncTime(const QDateTime &syncTime, qint64 nowMs,
                            const EntryLimits &limits = EntryLimits());

// Metadata is refused when it looks like it holds a secret, anywhere in its tree:
//  - a key named like one: after dropping case and every character but letters and digits,
//    the name contains "secret", "password", "passwd", "passphrase" or "privatekey", ends in
//    "token", or is "pwd" (apiSecret, api_secret, password, accessToken, privateKey, ...);
//  - a string of an API key's shape under a key-like name (ending in "key" but not "cacheKey",
//    or containing "sign", "auth", "hmac" or "bearer"): 16 or more characters of the base64 or
//    hex alphabets, with letters and digits and no long runs of one character;
//  - a PEM private key ("-----BEGIN ... PRIVATE KEY-----") anywhere.
// Also refused: metadata larger than kMaxMetadataBytes as compact JSON. The message names the
// path (metadata.exchange.apiSecret) and never the value. Refused rather than redacted: a caller
// that sends a secret has a bug to fix, and a redacted copy would hide it.
StoreError validateMetadata(const QJsonObject &metadata);

// Everything CacheStore::set() takes, in the order above, plus the time offset fitting the
// seed's Int column. The first problem found, or no error.
StoreError validateEntryInput(const QString &userId, const QString &credentialId,
                              const QString &exchange, const QString &environment,
                              const TimeSyncState &state, std::chrono::seconds ttl, qint64 nowMs,
                              const EntryLimits &limits = EntryLimits());

// A keyset page cursor (BrowseRequest::after) for a browse sorted by column and order: at most
// 4096 characters of base64url holding the JSON object CacheStore writes ({"c": column, "o":
// "asc"|"desc", "s": text or "n": a whole number as text, "id": the row's id}) and nothing else.
StoreError validateCursor(const QString &cursor, SortColumn column, Qt::SortOrder order);

// Whether bytes are well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing
// above U+10FFFF, no truncated sequence. (QString::fromUtf8 would put U+FFFD in their place.)
bool isValidUtf8(QByteArrayView bytes);

// bytes with every byte that is not printable ASCII written \xHH (for a message about bytes
// that are not valid UTF-8).
QString escapeBytes(QByteArrayView bytes);

// text as it may be shown on a terminal: control characters (C0, DEL, C1) written \xHH (\n,
// \r, \t as such), bidirectional and other invisible format characters and unpaired surrogates
// written \uHHHH; everything else, including the backslash, as it is. With keepNewlines a '\n'
// stays a line break (for multi-line messages).
QString escapeForDisplay(const QString &text, bool keepNewlines = false);

} // namespace cc
