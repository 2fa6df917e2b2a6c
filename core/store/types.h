#pragma once

// The store's value types, one family per header. This umbrella stays for the callers that
// include it; new code includes the header it needs.
#include "core/store/audit.h"
#include "core/store/browse.h"
#include "core/store/cachestats.h"
#include "core/store/entry.h"
#include "core/store/filter.h"
#include "core/store/serverinfo.h"
