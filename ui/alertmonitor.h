#pragma once

#include "ui/alertformat.h"

#include "core/store/cachestore.h"

#include <optional>

namespace cc {
namespace ui {

// The store worker's part of the alerts: reads the rules shared on the database (the seed's
// defaults where none are stored), evaluates them with the one evaluator in core, and records
// the changes of state it sees in the alert history with core's recordStateChanges(), as the
// check and the exporter do. Lives in the worker's thread.
class AlertMonitor
{
public:
    explicit AlertMonitor(const Clock *clock = Clock::system());

    Result<AlertSnapshot> evaluate(CacheStore &store);
    // Another database: what was seen of the previous one's states is forgotten.
    void reset();

private:
    const Clock *m_clock;
    monitoring::AlertEvaluator m_evaluator;
    std::optional<bool> m_mayEdit; // asked once per connection
    bool m_maySample = true;       // false once the role was refused the sample
};

} // namespace ui
} // namespace cc
