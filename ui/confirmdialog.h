#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace cc {
namespace ui {

// Makes `dialog` at least wide enough for its whole window title (a title bar cuts off the
// rest), with room for the title bar's buttons.
void fitWindowTitle(QWidget *dialog);

// Confirms a change to data. With a non-empty `typeToConfirm` (bulk actions on a profile tagged
// production) the operator must type that text before OK is enabled.
class ConfirmDialog : public QDialog
{
    Q_OBJECT

public:
    ConfirmDialog(const QString &title, const QString &question, const QString &typeToConfirm,
                  QWidget *parent = nullptr);
    QLineEdit *confirmEdit() const { return m_edit; }
    QPushButton *okButton() const { return m_ok; }

private:
    QLineEdit *m_edit = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace ui
} // namespace cc
