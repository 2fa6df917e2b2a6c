#pragma once

#include <QDialog>

namespace cc {
namespace ui {

// Help → Keyboard shortcuts.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(const QList<QPair<QString, QString>> &shortcuts,
                             QWidget *parent = nullptr);
};

} // namespace ui
} // namespace cc
