#pragma once

#include "core/store/cachestore.h"

#include <QSqlDatabase>

namespace cc {
namespace test {

// What only tests may reach inside a CacheStore (it names this struct its friend).
struct StoreInternals
{
    // The store's own connection, for the thread that opened it: for checks that must run in
    // the store's session (its prepared statements, a lock held by its transaction).
    static QSqlDatabase database(const CacheStore &store);
};

} // namespace test
} // namespace cc
