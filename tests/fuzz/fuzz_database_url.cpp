// libFuzzer target: the database URL parser. Never crashes; an accepted URL round-trips through
// toUrl() to the same connection, and no password ever shows in displayString().
#include "core/store/databaseconfig.h"

#include <QUrl>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString url = QString::fromUtf8(reinterpret_cast<const char *>(data), int(size));
    QString error;
    const cc::DatabaseConfig c = cc::DatabaseConfig::fromUrl(url, &error);
    if (!error.isEmpty())
        return 0;
    if (c.isPostgres()) {
        // The display form never carries a password component.
        if (!QUrl(c.displayString()).password().isEmpty())
            std::abort(); // a password leaked into the display form
        QString again;
        const cc::DatabaseConfig back = cc::DatabaseConfig::fromUrl(c.toUrl(), &again);
        if (!again.isEmpty() || back.host != c.host || back.port != c.port || back.user != c.user ||
            back.databaseName != c.databaseName || back.options != c.options)
            std::abort(); // toUrl() does not round-trip
    }
    c.postgresConnectOptions(2000);
    return 0;
}
