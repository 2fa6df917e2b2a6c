#pragma once

#include <QLoggingCategory>

// Logging categories, so operators can filter with QT_LOGGING_RULES, for example
// QT_LOGGING_RULES="cc.cache.debug=false;cc.sync=true".
Q_DECLARE_LOGGING_CATEGORY(lcCache)     // "cc.cache": hits, misses, expiries, writes
Q_DECLARE_LOGGING_CATEGORY(lcStore)     // "cc.store": connections, migrations, SQL failures
Q_DECLARE_LOGGING_CATEGORY(lcSync)      // "cc.sync": exchange time sync
Q_DECLARE_LOGGING_CATEGORY(lcConnector) // "cc.connector": cached connector start-up
