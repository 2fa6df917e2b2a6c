#pragma once

#include <QString>
#include <QtGlobal>

namespace cc {

// The two host clocks whose difference reveals a step of the host's wall clock: CLOCK_REALTIME
// (wall time: NTP steps, settimeofday, a restored snapshot move it) and CLOCK_BOOTTIME (counts
// from boot, suspend included, never stepped). Their difference stays constant across slewing
// and suspend and moves by exactly the size of a wall-clock step. Injectable, so tests simulate
// host steps without touching the machine's clock.
class HostClockPair
{
public:
    virtual ~HostClockPair() = default;
    virtual qint64 realtimeNs() const = 0; // nanoseconds since the Unix epoch
    virtual qint64 boottimeNs() const = 0; // nanoseconds since boot

    // CLOCK_REALTIME - CLOCK_BOOTTIME in milliseconds, both read back to back (realtime is read
    // twice around boottime and averaged, so the reading itself adds well under a microsecond).
    double realtimeMinusBoottimeMs() const;

    // clock_gettime(CLOCK_REALTIME / CLOCK_BOOTTIME).
    static const HostClockPair *system();
};

// Which host a sync ran on, and where its wall clock stood against its boot clock.
struct HostInfo
{
    QString hostName; // QSysInfo::machineHostName()
    QString bootId;   // /proc/sys/kernel/random/boot_id (empty where there is none)
    double realtimeMinusBoottimeMs = 0;
};

constexpr const char kBootIdPath[] = "/proc/sys/kernel/random/boot_id";

// Reads the host name, the boot id (from bootIdPath) and the clock pair's difference now.
HostInfo readHostInfo(const HostClockPair *clocks = HostClockPair::system(),
                      const QString &bootIdPath = QString::fromLatin1(kBootIdPath));

} // namespace cc
