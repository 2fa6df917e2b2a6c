#pragma once

#include "ui/fleetworker.h"
#include "ui/profiles.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QStandardItemModel;
class QTableView;
class QThread;
class QTimer;

namespace cc {
namespace ui {

// Every connection profile at a glance: its environment tag, whether it answers (and why not),
// hit rate and initialisation p95 over the last 15 minutes, the alerts firing there and when it
// was last read. Each profile has its own worker thread and connection, refreshed every
// interval (30 s), never two refreshes of one profile at once, so a database that does not
// answer holds up neither the GUI nor the other rows. A double-click opens the profile.
class FleetPage : public QWidget
{
    Q_OBJECT

public:
    enum Column { Profile, Environment, Reachable, HitRate, InitP95, Firing, Updated, Columns };

    explicit FleetPage(QWidget *parent = nullptr);
    ~FleetPage() override;

    // The profiles to watch (replaces the previous ones; rows keep their order).
    void setProfiles(const QList<ConnectionProfile> &profiles);
    QList<ConnectionProfile> profiles() const { return m_profiles; }
    // Starts the periodic refresh (the first at once); stop() ends it and the workers.
    void start();
    void stop();
    bool isRunning() const;
    void setInterval(int seconds);
    // Queues a refresh of every profile whose previous one has finished.
    void refreshNow();

    QStandardItemModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    // The row of a profile, -1 when not shown.
    int rowOf(const QString &profile) const;
    // Refreshes finished per profile (tests).
    int refreshCount(const QString &profile) const { return m_refreshes.value(profile); }

protected:
    void changeEvent(QEvent *event) override; // a language switched at run time

Q_SIGNALS:
    void profileActivated(const cc::ui::ConnectionProfile &profile);
    void statusChanged(const cc::ui::FleetStatus &status);

private:
    struct Slot
    {
        QThread *thread = nullptr;
        FleetWorker *worker = nullptr;
        bool busy = false;
    };
    void showStatus(const FleetStatus &status);
    void showRow(int row, const FleetStatus &status);
    void retranslateHeaders();
    void showNote();
    void stopWorkers();

    QList<ConnectionProfile> m_profiles;
    QHash<QString, Slot> m_slots;
    QHash<QString, int> m_refreshes;
    QHash<QString, FleetStatus> m_last; // each profile's last status, shown again in a new language
    QStandardItemModel *m_model;
    QTableView *m_view;
    QLabel *m_note;
    QTimer *m_timer;
};

} // namespace ui
} // namespace cc
