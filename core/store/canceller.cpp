#include "core/store/canceller.h"

#include "core/logging.h"

#include <libpq-fe.h>

namespace cc {

QueryCanceller::~QueryCanceller()
{
    detach();
}

bool QueryCanceller::cancel()
{
    QMutexLocker lock(&m_mutex);
    if (!m_handle || !m_running.load())
        return false;
    m_requested.store(true);
    char reason[256] = {};
    if (!PQcancel(m_handle, reason, int(sizeof reason))) {
        m_requested.store(false);
        qCWarning(lcStore).noquote()
            << "cannot cancel the running statement:" << QString::fromUtf8(reason);
        return false;
    }
    return true;
}

void QueryCanceller::attach(pg_cancel *handle)
{
    QMutexLocker lock(&m_mutex);
    if (m_handle)
        PQfreeCancel(m_handle);
    m_handle = handle;
    m_requested.store(false);
}

void QueryCanceller::detach()
{
    attach(nullptr);
}

} // namespace cc
