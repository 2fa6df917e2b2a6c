#include "ui/confirmdialog.h"

#include <QDialogButtonBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace cc {
namespace ui {

void fitWindowTitle(QWidget *dialog)
{
    // Title bars often use a bolder, larger font than the dialog: measured generously.
    QFont font = dialog->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    const int needed = QFontMetrics(font).horizontalAdvance(dialog->windowTitle()) + 160;
    dialog->setMinimumWidth(std::max(dialog->minimumWidth(), needed));
}

ConfirmDialog::ConfirmDialog(const QString &title, const QString &question,
                             const QString &typeToConfirm, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("confirmDialog"));
    setWindowTitle(title);
    setMinimumWidth(460);
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()
                        ->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this)
                        .pixmap(iconSize, iconSize));
    icon->setAlignment(Qt::AlignTop);
    top->addWidget(icon);
    top->addSpacing(8);
    auto *text = new QLabel(question, this);
    text->setWordWrap(true);
    text->setObjectName(QStringLiteral("confirmQuestion"));
    top->addWidget(text, 1);
    layout->addLayout(top);
    layout->addSpacing(6);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(title);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    if (!typeToConfirm.isEmpty()) {
        auto *hint = new QLabel(tr("This profile is tagged <b>production</b>. Type its name, "
                                   "<b>%1</b>, to confirm.")
                                    .arg(typeToConfirm.toHtmlEscaped()),
                                this);
        hint->setWordWrap(true);
        layout->addWidget(hint);
        m_edit = new QLineEdit(this);
        m_edit->setObjectName(QStringLiteral("typeToConfirm"));
        layout->addWidget(m_edit);
        m_ok->setEnabled(false);
        m_edit->setFocus(); // the operator types at once
        auto *cancel = buttons->button(QDialogButtonBox::Cancel);
        connect(m_edit, &QLineEdit::textChanged, this,
                [this, cancel, typeToConfirm](const QString &t) {
                    // Once the name is right, Enter confirms; until then it cancels.
                    const bool match = t == typeToConfirm;
                    m_ok->setEnabled(match);
                    m_ok->setDefault(match);
                    cancel->setDefault(!match);
                });
    }
    layout->addWidget(buttons);
    fitWindowTitle(this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

} // namespace ui
} // namespace cc
