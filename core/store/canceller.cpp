#include "core/store/canceller.h"

#include "core/logging.h"
#include "core/store/deadline.h"

#include <libpq-fe.h>

namespace cc {

QueryCanceller::~QueryCanceller()
{
    detach();
}

bool QueryCanceller::cancel()
{
    store::CancelHandle handle;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_handle || !m_running.load())
            return false;
        handle = m_handle;
    }
    m_requested.store(true);
    // PQcancel opens a connection of its own, which a stalled proxy would hold: the caller (the
    // console's GUI thread) waits for it at most this long.
    constexpr int kCancelWaitMs = 1000;
    if (!store::cancelBounded(handle, kCancelWaitMs)) {
        m_requested.store(false);
        qCWarning(lcStore).noquote()
            << "the request to cancel the running statement was not delivered within"
            << kCancelWaitMs << "ms";
        return false;
    }
    return true;
}

void QueryCanceller::attach(pg_cancel *handle)
{
    QMutexLocker lock(&m_mutex);
    m_handle = handle ? store::CancelHandle(handle, [](pg_cancel *c) { PQfreeCancel(c); })
                      : store::CancelHandle();
    m_requested.store(false);
}

void QueryCanceller::detach()
{
    attach(nullptr);
}

} // namespace cc
