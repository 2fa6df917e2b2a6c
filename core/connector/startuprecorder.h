#pragma once

// Issue 16: a connector's start-ups (outcome and duration) and the timestamp rejections its
// signed calls meet, into its store's per-minute history (CacheStore::recordInitialization,
// recordRejection: buffered, written with the hit/miss counters; no statement of their own).

#include "core/store/cachestats.h"

namespace cc {

class CacheStore;
class CachedConnector;
struct InitResult;

// How a start-up ended, as the history counts it: a cache hit; a miss that synced (itself, or
// by waiting for the process holding the lease, or live without the cache); an expired offset
// still safe by drift; a failure.
InitOutcome initOutcomeOf(const InitResult &result);

// Records every initialize() of the connector from now on, and its rejections, in `store`
// (nothing when null). Idempotent: a second call on the same connector does nothing.
void recordStartups(CachedConnector *connector, CacheStore *store);

} // namespace cc
