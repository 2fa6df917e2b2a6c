#pragma once

#include <QString>

class QChartView;
class QLabel;
class QWidget;

namespace cc {
namespace ui {

// The dashboard's building blocks, shared by the Dashboard and its StartupPanel.

// A card: a framed small caption over a big value. The frame (named "card_<key>", a child of
// `parent`) is the value's parent; the value is named "value_<key>" and shows "–" until set.
// Returns the value; *caption, if given, receives the caption (empty: its owner sets the text).
QLabel *makeCard(const QString &key, QWidget *parent, QLabel **caption = nullptr);

// A chart view as the dashboard's charts look: legend below, no animation, the locale's
// digits, tall enough for its axis labels (kChartMinimumHeight).
QChartView *makeChartView(QWidget *parent);
constexpr int kChartMinimumHeight = 220;

} // namespace ui
} // namespace cc
