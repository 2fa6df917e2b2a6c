#pragma once

#include "core/store/entry.h"

#include <QByteArray>
#include <QJsonObject>

namespace cc::store {

// The sync account's numbers in an entry's metadata (syncKeys: errorBoundMs, rttMs, samples,
// driftPpm, driftPpmError), read by the client. Only finite JSON numbers count; a negative
// error bound, a drift that is partial or not OffsetRecord::plausibleDrift(), a "sync" that is
// not an object, metadata that is not a JSON object (or NULL) all leave the numbers unset.
// The offset lookup (CacheStore::lookupOffset()) reads the metadata as text and parses it here
// rather than having the server take the numbers out of it (jsonb expressions cost more to
// plan than the lookup's own conditions: what a pooled lookup pays on every call).
void readSyncNumbers(const QJsonObject &metadata, OffsetRecord *record);
// The same from the metadata's JSON text (as stored; empty for NULL).
void readSyncNumbers(const QByteArray &metadataJson, OffsetRecord *record);

} // namespace cc::store
