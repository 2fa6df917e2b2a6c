#pragma once

#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace cc {
namespace ui {

// A value axis of counts (syncs, entries, hits per bucket) from 0 to at least `most`, labelled
// in whole numbers ("%.0f"). Small counts get one tick per unit (0, 1, 2), since QtCharts'
// default five ticks over 0..2 would read "0, 0, 1, 2, 2" once rounded; larger ones QtCharts'
// nice numbers (0, 40, 80, 120 rather than 0, 39, 78, 117). `most` may be zero (an empty
// cache): the axis still runs 0..1.
inline void setCountRange(QValueAxis *axis, double most)
{
    const double top = std::max(1.0, std::ceil(most));
    axis->setLabelFormat(QStringLiteral("%.0f"));
    axis->setRange(0, top);
    if (top <= 4) {
        axis->setTickCount(int(top) + 1);
        return;
    }
    axis->applyNiceNumbers();
}

} // namespace ui
} // namespace cc
