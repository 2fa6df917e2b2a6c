#include "ui/fleetpage.h"

#include "ui/alertformat.h"
#include "ui/retranslate.h"
#include "ui/timedisplay.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QStandardItemModel>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

namespace cc {
namespace ui {

FleetPage::FleetPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new QStandardItemModel(0, Columns, this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("fleetPage"));
    auto *layout = new QVBoxLayout(this);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("fleetNote"));
    m_note->setWordWrap(true);
    layout->addWidget(m_note);
    retranslateHeaders();
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("fleetView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    const QFontMetrics metrics = m_view->fontMetrics();
    const QList<QString> samples{
        QStringLiteral("Embedded (SQLite) mainnet-eu"),
        QStringLiteral("production WW"),
        QStringLiteral("no: cannot reach database at postgresql://db/cache"),
        QStringLiteral("Hit rate (15 min)"),
        QStringLiteral("1,700 ms"),
        QStringLiteral("hit_rate_critical, no_lookups")};
    for (int c = 0; c < samples.size(); ++c)
        m_view->setColumnWidth(c, metrics.horizontalAdvance(samples.at(c)) + 24);
    Retranslate::fitTitles(m_view);
    layout->addWidget(m_view, 1);
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.row() >= 0 && index.row() < m_profiles.size())
            Q_EMIT profileActivated(m_profiles.at(index.row()));
    });
    m_timer->setObjectName(QStringLiteral("fleetTimer"));
    m_timer->setInterval(30000);
    connect(m_timer, &QTimer::timeout, this, &FleetPage::refreshNow);
    showNote();
}

void FleetPage::retranslateHeaders()
{
    m_model->setHorizontalHeaderLabels({tr("Profile"), tr("Environment"), tr("Reachable"),
                                        tr("Hit rate (15 min)"), tr("Init p95"),
                                        tr("Firing alerts"), tr("Last update")});
}

void FleetPage::showNote()
{
    m_note->setText(tr("Every connection profile, each read on its own connection every %Ln "
                       "seconds. Double-click a row to open that profile.",
                       nullptr, m_timer->interval() / 1000));
}

void FleetPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // The headers, the note and every row in the new language's words: from the last
        // status of each profile (nothing is read again), "checking…" where none came yet.
        retranslateHeaders();
        Retranslate::fitTitles(m_view);
        showNote();
        for (int row = 0; row < m_profiles.size() && row < m_model->rowCount(); ++row) {
            const ConnectionProfile &p = m_profiles.at(row);
            m_model->item(row, Environment)->setText(ConnectionProfile::tagName(p.tag));
            const auto last = m_last.constFind(p.name);
            if (last != m_last.cend()) {
                showRow(row, *last);
                continue;
            }
            QString error;
            p.config(&error);
            m_model->item(row, Reachable)
                ->setText(error.isEmpty() ? tr("checking…") : tr("no: %1").arg(error));
        }
    }
    QWidget::changeEvent(event);
}

FleetPage::~FleetPage()
{
    stopWorkers();
}

void FleetPage::setInterval(int seconds)
{
    m_timer->setInterval(seconds * 1000);
    showNote();
}

void FleetPage::stopWorkers()
{
    for (auto it = m_slots.begin(); it != m_slots.end(); ++it) {
        it->thread->quit();
    }
    // A worker inside a connect attempt finishes it first (bounded by its 3 s timeout).
    for (auto it = m_slots.begin(); it != m_slots.end(); ++it) {
        it->thread->wait();
        delete it->thread;
    }
    m_slots.clear();
}

void FleetPage::setProfiles(const QList<ConnectionProfile> &profiles)
{
    const bool running = isRunning();
    stopWorkers();
    m_profiles = profiles;
    m_last.clear();
    m_model->setRowCount(0);
    for (const ConnectionProfile &p : profiles) {
        QList<QStandardItem *> row;
        for (int c = 0; c < Columns; ++c)
            row << new QStandardItem;
        row.at(Profile)->setText(p.name);
        QPixmap swatch(12, 12);
        swatch.fill(ConnectionProfile::tagColor(p.tag));
        row.at(Environment)->setIcon(QIcon(swatch));
        row.at(Environment)->setText(ConnectionProfile::tagName(p.tag));
        row.at(Reachable)->setText(tr("checking…"));
        m_model->appendRow(row);

        QString error;
        const DatabaseConfig config = p.config(&error);
        if (!error.isEmpty()) {
            row.at(Reachable)->setText(tr("no: %1").arg(error));
            continue;
        }
        Slot slot;
        slot.thread = new QThread;
        slot.thread->setObjectName(QStringLiteral("fleet: %1").arg(p.name));
        slot.worker = new FleetWorker(p.name, config);
        slot.worker->moveToThread(slot.thread);
        connect(slot.thread, &QThread::finished, slot.worker, &QObject::deleteLater);
        connect(slot.worker, &FleetWorker::refreshed, this, &FleetPage::showStatus);
        slot.thread->start();
        m_slots.insert(p.name, slot);
    }
    if (running)
        refreshNow();
}

void FleetPage::start()
{
    if (!m_timer->isActive())
        m_timer->start();
    refreshNow();
}

void FleetPage::stop()
{
    m_timer->stop();
}

bool FleetPage::isRunning() const
{
    return m_timer->isActive();
}

void FleetPage::refreshNow()
{
    for (auto it = m_slots.begin(); it != m_slots.end(); ++it) {
        if (it->busy)
            continue; // the previous refresh still runs: never two at once
        it->busy = true;
        QMetaObject::invokeMethod(it->worker, &FleetWorker::refresh, Qt::QueuedConnection);
    }
}

int FleetPage::rowOf(const QString &profile) const
{
    for (int r = 0; r < m_profiles.size(); ++r) {
        if (m_profiles.at(r).name == profile)
            return r;
    }
    return -1;
}

void FleetPage::showStatus(const FleetStatus &s)
{
    auto slot = m_slots.find(s.profile);
    if (slot == m_slots.end() || sender() != slot->worker)
        return; // a worker of profiles replaced since
    slot->busy = false;
    ++m_refreshes[s.profile];
    const int row = rowOf(s.profile);
    if (row < 0)
        return;
    m_last.insert(s.profile, s);
    showRow(row, s);
    Q_EMIT statusChanged(s);
}

void FleetPage::showRow(int row, const FleetStatus &s)
{
    auto item = [this, row](int column) { return m_model->item(row, column); };
    const QLocale locale;
    const QColor red(0xd0, 0x3b, 0x3b);
    const QColor green(0x2e, 0x8b, 0x57);
    if (s.reachable) {
        item(Reachable)->setText(tr("yes"));
        item(Reachable)->setForeground(green);
        item(Reachable)->setToolTip(QString());
    } else {
        item(Reachable)->setText(tr("no: %1").arg(s.error));
        item(Reachable)->setForeground(red);
        item(Reachable)->setToolTip(s.error);
    }
    item(HitRate)->setText(
        s.updated.isValid()
            ? AlertFormat::value(QLatin1String(monitoring::metric::kHitRate), s.hitRate)
            : QString());
    item(InitP95)->setText(
        s.updated.isValid()
            ? AlertFormat::value(QLatin1String(monitoring::metric::kInitP95Ms), s.initP95Ms)
            : QString());
    for (int c : {HitRate, InitP95})
        item(c)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (!s.updated.isValid()) {
        item(Firing)->setText(QString());
    } else if (s.firing.isEmpty()) {
        item(Firing)->setText(tr("none"));
        item(Firing)->setForeground(green);
    } else {
        item(Firing)->setText(s.firing.join(QStringLiteral(", ")));
        item(Firing)->setForeground(AlertFormat::severityColor(
            s.critical ? monitoring::Severity::Critical : monitoring::Severity::Warning));
    }
    item(Firing)->setData(int(s.firing.size()), Qt::UserRole);
    QString updated = s.updated.isValid() ? TimeDisplay::shortText(s.updated) : tr("never");
    if (!s.reachable && s.updated.isValid())
        updated = tr("%1 (stale)").arg(updated);
    item(Updated)->setText(updated);
    item(Updated)->setToolTip(tr("Last tried %1").arg(TimeDisplay::fullText(s.attempted)));
}

} // namespace ui
} // namespace cc
