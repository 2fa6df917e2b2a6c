// libFuzzer target: the exchange server-time parsers and the API-answer parser. The properties
// checked are in fuzzchecks.h; a violated one aborts with its description, as a crash or a
// sanitizer report does.
#include "tests/fuzz/fuzzchecks.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), int(size));
    const QString problem = cc::fuzz::checkExchangeTime(input);
    if (!problem.isEmpty()) {
        std::fprintf(stderr, "fuzz_exchange_time: %s\n", problem.toLocal8Bit().constData());
        std::abort();
    }
    return 0;
}
