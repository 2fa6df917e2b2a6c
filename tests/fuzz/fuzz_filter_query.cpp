// libFuzzer target: the console's filter syntax. Never crashes; whatever parses prints back to
// a query that parses to the same filter.
#include "core/store/filterquery.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), int(size));
    const qint64 now = 1750000000000;
    QString error;
    const cc::EntryFilter f = cc::parseFilterQuery(text, now, &error);
    if (!error.isEmpty())
        return 0;
    QString again;
    const cc::EntryFilter g = cc::parseFilterQuery(cc::toFilterQuery(f), now, &again);
    if (!again.isEmpty() || g.userId != f.userId || g.credentialId != f.credentialId ||
        g.exchange != f.exchange || g.environment != f.environment || g.state != f.state ||
        g.text != f.text || g.syncedBefore != f.syncedBefore)
        std::abort();
    return 0;
}
