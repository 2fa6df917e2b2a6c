// The main window's exact count (issue 15): the dashboard's estimates counted exactly on
// demand, in the worker, cancellable.

#include "ui/dashboard.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QStatusBar>

namespace cc {
namespace ui {

void MainWindow::setupExactCount()
{
    connect(m_dashboard, &Dashboard::exactCountRequested, this, [this](int rangeMinutes) {
        if (!m_connected) {
            m_dashboard->exactCountStopped(false, tr("Not connected to a database"));
            return;
        }
        m_exactToken = nextToken();
        m_worker->post(&StoreWorker::loadExactStats, m_exactToken, rangeMinutes);
    });
    connect(m_dashboard, &Dashboard::exactCountCancelled, this, [this]() {
        if (!m_exactToken)
            return;
        m_worker->cancelExactStats(m_exactToken);
        m_exactToken = 0; // a late answer is dropped
        statusBar()->showMessage(tr("Exact count cancelled; the estimates stay."), 8000);
    });
    connect(m_worker, &StoreWorker::exactStatsLoaded, this,
            [this](quint64 token, const CacheStats &stats) {
                if (token != m_exactToken)
                    return;
                m_exactToken = 0;
                m_dashboard->showExactCounts(stats);
            });
    connect(m_worker, &StoreWorker::failed, this, [this](quint64 token, const StoreError &error) {
        if (token != m_exactToken)
            return;
        m_exactToken = 0;
        m_dashboard->exactCountStopped(error.kind() == StoreError::Cancelled, error.message());
    });
}

} // namespace ui
} // namespace cc
