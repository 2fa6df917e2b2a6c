#include "core/timesync/hostclock.h"

#include <QFile>
#include <QSysInfo>

#include <ctime>

namespace cc {

namespace {

qint64 readClockNs(clockid_t id)
{
    timespec ts{};
    if (clock_gettime(id, &ts) != 0)
        return 0;
    return qint64(ts.tv_sec) * 1'000'000'000 + qint64(ts.tv_nsec);
}

class SystemHostClockPair final : public HostClockPair
{
public:
    qint64 realtimeNs() const override { return readClockNs(CLOCK_REALTIME); }
    qint64 boottimeNs() const override
    {
#ifdef CLOCK_BOOTTIME
        return readClockNs(CLOCK_BOOTTIME);
#else
        return readClockNs(CLOCK_MONOTONIC);
#endif
    }
};

} // namespace

double HostClockPair::realtimeMinusBoottimeMs() const
{
    const qint64 before = realtimeNs();
    const qint64 boot = boottimeNs();
    const qint64 after = realtimeNs();
    // (before + after) / 2 - boot without overflowing.
    const qint64 diffNs = before - boot + (after - before) / 2;
    return double(diffNs) / 1e6;
}

const HostClockPair *HostClockPair::system()
{
    static const SystemHostClockPair clocks;
    return &clocks;
}

HostInfo readHostInfo(const HostClockPair *clocks, const QString &bootIdPath)
{
    HostInfo info;
    info.hostName = QSysInfo::machineHostName();
    QFile file(bootIdPath);
    if (!bootIdPath.isEmpty() && file.open(QIODevice::ReadOnly))
        info.bootId = QString::fromLatin1(file.read(64)).trimmed();
    info.realtimeMinusBoottimeMs =
        (clocks ? clocks : HostClockPair::system())->realtimeMinusBoottimeMs();
    return info;
}

} // namespace cc
