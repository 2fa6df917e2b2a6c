#pragma once

#include <QDateTime>
#include <QtGlobal>

#include <atomic>

namespace cc {

// Wall-clock time, injectable so TTL behaviour is tested without sleeping.
// All times are UTC with millisecond resolution.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0; // milliseconds since the Unix epoch, UTC
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }

    // The process-wide system clock.
    static const Clock *system();
};

// A clock that only moves when told to; thread-safe.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1'750'000'000'000)
        : m_ms(startMs)
    {}
    qint64 nowMs() const override { return m_ms.load(); }
    void setMs(qint64 ms) { m_ms.store(ms); }
    void advanceMs(qint64 deltaMs) { m_ms.fetch_add(deltaMs); }

private:
    std::atomic<qint64> m_ms;
};

} // namespace cc
