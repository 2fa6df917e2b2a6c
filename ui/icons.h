#pragma once

#include <QIcon>
#include <QString>

namespace cc {
namespace ui {

// One of the console's own icons (resources/icons/NAME.svg), the same under every style and
// platform theme.
inline QIcon resourceIcon(const char *name)
{
    return QIcon(QStringLiteral(":/icons/") + QLatin1String(name) + QStringLiteral(".svg"));
}

} // namespace ui
} // namespace cc
