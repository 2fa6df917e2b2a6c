#pragma once

#include <QChart>
#include <QString>

class QPalette;

namespace cc {
namespace ui {

// The console's look, chosen in View → Theme and kept in the settings under "view/theme":
// "system" (the platform's style and palette), "light" or "dark" (Fusion with our palettes).
namespace Theme {

// Applies a theme to the whole application (style and palette).
void apply(const QString &name);
// The charts' theme that goes with it.
QChart::ChartTheme chartTheme(const QString &name);
QPalette darkPalette();

} // namespace Theme

} // namespace ui
} // namespace cc
