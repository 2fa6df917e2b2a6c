#include "core/logging.h"

Q_LOGGING_CATEGORY(lcCache, "cc.cache", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "cc.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "cc.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConnector, "cc.connector", QtInfoMsg)
