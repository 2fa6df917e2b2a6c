#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace cc {
namespace ui {

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
