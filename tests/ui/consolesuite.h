#pragma once

// What every console suite sets up the same way: a home of its own for the settings, the
// worker's types, and a migrated test database (with demo entries where the suite wants them).

#include "core/store/cachestore.h"
#include "tests/support/arrivalspy.h"
#include "tests/support/testdatabase.h"
#include "ui/mainwindow.h"
#include "ui/profiles.h"
#include "ui/storeworker.h"
#include "ui/testsyncdialog.h"

#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <memory>

namespace cc::test {

class ConsoleSuite
{
protected:
    // For initTestCase: settings under the suite's temporary home (never the user's, never
    // another suite's), the suite's application name, the worker's queued types.
    void prepareSuite(const char *applicationName)
    {
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toLocal8Bit());
        QApplication::setOrganizationName(QStringLiteral("connector-cache-test"));
        QApplication::setApplicationName(QLatin1String(applicationName));
        ui::StoreWorker::registerTypes();
    }

    // For init: a new database, migrated, with `demoEntries` demo entries (none for 0). Returns
    // what went wrong, empty on success; m_db is the database either way.
    QString prepareDatabase(qint64 demoEntries = 0, quint32 seed = 1)
    {
        m_db = std::make_unique<TestDatabase>();
        if (!m_db->isValid())
            return m_db->errorMessage();
        CacheStore store(m_db->config());
        const auto migrated = store.migrate();
        if (!migrated.ok())
            return migrated.error().message();
        if (demoEntries > 0) {
            const auto filled = store.fillDemo(demoEntries, seed);
            if (!filled.ok())
                return filled.error().message();
            if (filled.value() != demoEntries)
                return QStringLiteral("the demo wrote %1 entries, not %2")
                    .arg(filled.value())
                    .arg(demoEntries);
        }
        return QString();
    }

    // A profile tagged "test" for the test database, or for `url`.
    ui::ConnectionProfile testProfile(const QString &name, const QString &url = QString()) const
    {
        ui::ConnectionProfile profile;
        profile.name = name;
        profile.url = url.isEmpty() && m_db ? m_db->url() : url;
        profile.tag = ui::ConnectionProfile::Tag::Test;
        return profile;
    }

    // The window, shown with `profile` opened, once it is connected; null after 20 s without.
    static std::unique_ptr<ui::MainWindow> openConnected(std::unique_ptr<ui::MainWindow> window,
                                                         const ui::ConnectionProfile &profile)
    {
        QSignalSpy connected(window.get(), &ui::MainWindow::connected);
        window->openProfile(profile);
        window->show();
        if (!connected.wait(20000))
            return nullptr;
        return window;
    }

    // The window's test sync dialog (a new one), run once against baseUrl (the fake exchange) with
    // the user and credential given filled in; null (and a warning saying why) when it did not open
    // or the sync failed.
    static ui::TestSyncDialog *runTestSync(ui::MainWindow *window, const QUrl &baseUrl,
                                           const QString &user = QString(),
                                           const QString &credential = QString())
    {
        window->testSync();
        // The newest: children are listed in the order they were made.
        const QList<ui::TestSyncDialog *> dialogs = window->findChildren<ui::TestSyncDialog *>();
        ui::TestSyncDialog *dialog = dialogs.isEmpty() ? nullptr : dialogs.constLast();
        if (!dialog) {
            qWarning("the test sync dialog did not open");
            return nullptr;
        }
        dialog->baseUrlEdit()->setText(baseUrl.toString());
        dialog->userEdit()->setText(user);
        dialog->credentialEdit()->setText(credential);
        dialog->run();
        if (!QTest::qWaitFor([&]() { return !dialog->isRunning(); }, 10000) ||
            !dialog->lastResult().ok()) {
            qWarning("the test sync failed: %s", qPrintable(dialog->lastResult().errorMessage));
            return nullptr;
        }
        return dialog;
    }

    // A StoreWorker in a thread of its own, connected to the test database; stopped and
    // deleted when this goes out of scope (a failed check included).
    class RunningWorker
    {
    public:
        RunningWorker() { m_worker->moveToThread(&m_thread); }
        ~RunningWorker()
        {
            m_thread.quit();
            m_thread.wait();
            delete m_worker;
        }
        RunningWorker(const RunningWorker &) = delete;
        RunningWorker &operator=(const RunningWorker &) = delete;
        ui::StoreWorker *worker() const { return m_worker; }
        QThread *thread() { return &m_thread; }

    private:
        QThread m_thread;
        ui::StoreWorker *m_worker = new ui::StoreWorker;
    };

    // A RunningWorker opened on the test database; null after 20 s without.
    std::unique_ptr<RunningWorker> startWorker(int batchSize = 0)
    {
        auto running = std::make_unique<RunningWorker>();
        ui::StoreWorker *worker = running->worker();
        worker->setBatchSize(batchSize);
        running->thread()->start();
        ArrivalSpy opened(worker, &ui::StoreWorker::opened);
        worker->post(&ui::StoreWorker::open, m_db->config(), QStringLiteral("t"), false);
        if (!opened.waitFor(1, 20000))
            return nullptr;
        return running;
    }

    // True once everything queued for the worker before this call has run, and every signal it
    // sent this thread meanwhile has arrived: a ping posted now is answered only after what was
    // queued before it (the worker's queue is first in, first out), and its answer reaches this
    // thread after the worker's earlier signals (so are this thread's queued events).
    static bool drainWorker(ui::StoreWorker *worker)
    {
        static quint64 token = quint64(1) << 60; // far from the window's own tokens
        const quint64 mine = ++token;
        bool answered = false;
        QObject receiver; // in this thread: the answer comes queued, behind earlier signals
        QObject::connect(worker, &ui::StoreWorker::pinged, &receiver,
                         [&answered, mine](quint64 answer) {
                             if (answer == mine)
                                 answered = true;
                         });
        worker->post(&ui::StoreWorker::ping, mine);
        return QTest::qWaitFor([&]() { return answered; }, 20000);
    }

    std::unique_ptr<TestDatabase> m_db;
    QTemporaryDir m_home;
};

} // namespace cc::test
