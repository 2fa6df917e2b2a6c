#include "ui/storeerrors.h"

namespace cc {
namespace ui {

bool isAuthenticationFailure(const StoreError &error)
{
    const QString state = error.sqlState();
    if (state == QLatin1String("28P01") || state == QLatin1String("28000"))
        return true;
    // Interim: a connection that fails never gets a SQLSTATE from libpq's public API, and the
    // store does not classify authentication yet, so its connect errors carry libpq's words.
    // Remove this once the store reports such failures as their own StoreError kind.
    if (error.kind() == StoreError::Unreachable && state.isEmpty()) {
        const QString message = error.message();
        return message.contains(QLatin1String("password authentication failed")) ||
               message.contains(QLatin1String("no password supplied")) ||
               message.contains(QLatin1String("fe_sendauth"));
    }
    return false;
}

} // namespace ui
} // namespace cc
