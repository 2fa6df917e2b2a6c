// libFuzzer target: the database URL parser (DatabaseConfig::fromUrl). The properties checked are
// in fuzzchecks.h; a violated one aborts with its description, as a crash or a sanitizer report
// does.
#include "tests/fuzz/fuzzchecks.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), int(size));
    const QString problem = cc::fuzz::checkDatabaseUrl(input);
    if (!problem.isEmpty()) {
        std::fprintf(stderr, "fuzz_database_url: %s\n", problem.toLocal8Bit().constData());
        std::abort();
    }
    return 0;
}
