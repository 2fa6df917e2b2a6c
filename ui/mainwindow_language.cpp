// The main window's language switched at run time (issue 15): View → Language installs the
// translation at once, and every text of the window, its menus, its status bar and the pages
// (Dashboard, Entries, Activity, Clock, Alerts, Fleet, the alert bar and the start-up cards) is
// translated again on the QEvent::LanguageChange that follows: no restart.

#include "ui/alertspage.h"
#include "ui/dashboard.h"
#include "ui/entriespage.h"
#include "ui/mainwindow.h"
#include "ui/retranslate.h"
#include "ui/timedisplay.h"

#include <QAction>
#include <QEvent>
#include <QLabel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

namespace cc {
namespace ui {

QString MainWindow::pageTitle(Page page)
{
    switch (page) {
    case Page::Dashboard:
        return tr("&Dashboard");
    case Page::Entries:
        return tr("&Entries");
    case Page::Activity:
        return tr("&Activity");
    case Page::Clock:
        return tr("&Clock");
    case Page::Alerts:
        return tr("Ale&rts");
    case Page::Fleet:
        return tr("Flee&t");
    }
    return QString();
}

void MainWindow::switchLanguage(const QString &language)
{
    if (!Language::apply(language)) {
        statusBar()->showMessage(tr("No translation for %1 was found.").arg(language), 8000);
        return;
    }
    statusBar()->showMessage(tr("Language changed."), 5000);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi()
{
    // The kept texts: actions, menus, the toolbar, the banner's and the status bar's buttons.
    Retranslate::apply(this);
    for (Page p : allPages()) {
        const int index = m_tabs->indexOf(page(p));
        if (index < 0)
            continue;
        m_tabs->setTabText(index, pageTitle(p));
        if (QAction *go = findChild<QAction *>(QStringLiteral("goTo%1").arg(int(p))))
            go->setText(pageTitle(p).remove(QLatin1Char('&')));
    }
    updateEnvironmentBand(); // the window's title
    updateActions();         // the actions' tooltips
    m_statusZone->setText(TimeDisplay::caption());
    // Why this role may not edit alert rules: a text of the window's, set again here (before
    // the Alerts view gets the event and shows its buttons' tooltips).
    updateAlertPermissions(m_alertsPage->canEdit());
    if (m_connected)
        updateConnectionStatus();
    else if (!m_reconnectTimer->isActive() && !m_banner->isVisible() &&
             m_statusProfile->text().isEmpty())
        m_statusState->setText(tr("not connected"));
}

} // namespace ui
} // namespace cc
