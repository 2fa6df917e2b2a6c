// libFuzzer target: the exchange server-time parsers and the API-answer parser must never
// crash, hang or accept an implausible time, whatever bytes arrive.
#include "core/timesync/parsers.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), int(size));
    const qint64 now = 1688639403423;
    for (cc::Exchange exchange : {cc::Exchange::Bybit, cc::Exchange::BingX}) {
        const cc::ParsedTime t = cc::parseServerTime(exchange, body, now);
        if (t.time &&
            (t.time->ms - now > cc::kDefaultMaxSkewMs || now - t.time->ms > cc::kDefaultMaxSkewMs))
            std::abort(); // an implausible time got through
        if (!t.time && t.error.isEmpty())
            std::abort(); // a refusal must say why
        cc::parseApiAnswer(exchange, body);
    }
    return 0;
}
