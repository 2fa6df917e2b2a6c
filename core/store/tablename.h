#pragma once

// The seed's cache table, named in one place. String literals, so that a statement built with
// them stays one literal: QStringLiteral("SELECT COUNT(*) FROM " CC_CACHE_TABLE).
#define CC_CACHE_TABLE_NAME "connector_state_cache"
#define CC_CACHE_TABLE "\"" CC_CACHE_TABLE_NAME "\"" // quoted for SQL
