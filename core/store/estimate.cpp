#include "core/store/estimate.h"

#include <cmath>

namespace cc {

qint64 chooseSampledTotal(double sampleRate, double liveRows, double plannerRows)
{
    double best = sampleRate;
    if (liveRows > 0 && plannerRows > 0 && std::abs(liveRows - plannerRows) <= 0.15 * plannerRows) {
        best = liveRows;
    } else {
        double nearest = 0.25 * sampleRate;
        for (double candidate : {liveRows, plannerRows}) {
            if (candidate > 0 && std::abs(candidate - sampleRate) <= nearest) {
                nearest = std::abs(candidate - sampleRate);
                best = candidate;
            }
        }
    }
    return qint64(best + 0.5);
}

} // namespace cc
