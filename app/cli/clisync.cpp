#include "app/cli/clisync.h"

namespace cc::cli {

CliSyncResult runCliSync(const CliSyncRequest &request)
{
    CliSyncResult result;
    result.error =
        QStringLiteral("time sync for %1 is not built into this version").arg(request.exchange);
    return result;
}

} // namespace cc::cli
