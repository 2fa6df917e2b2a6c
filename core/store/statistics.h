#pragma once

#include <QtGlobal>

namespace cc {

// Statistics over the cache (CacheStore::stats(), breakdown(), history(); statistics.cpp).

// The row count a sampled stats() scales its sample to, on PostgreSQL, from three figures:
// - sampleRate: the sample's rows divided by its sampling rate. Unbiased, but a few per cent off
//   with the pages drawn.
// - liveRows: the server's live-row count (pg_stat_get_live_tuples). Steady and follows every
//   insert and delete, but can be far off: a VACUUM's count overtaken by an insert's
//   late-reported one counts those rows twice. Zero or less when unknown.
// - plannerRows: the last VACUUM or ANALYZE's rows per page times the pages there are now.
//   Stale after mass deletes. Zero or less when unknown.
// The live count when the planner's agrees with it (within 15 %); else whichever of the two is
// nearer the sample's, if within 25 % of it; else the sample's.
qint64 chooseSampledTotal(double sampleRate, double liveRows, double plannerRows);

} // namespace cc
