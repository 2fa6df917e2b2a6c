#include "tests/support/storeinternals.h"

#include "core/store/cachestore_p.h"

namespace cc {
namespace test {

QSqlDatabase StoreInternals::database(const CacheStore &store)
{
    return store.d->db;
}

} // namespace test
} // namespace cc
