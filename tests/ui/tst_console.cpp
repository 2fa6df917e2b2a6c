// The console, offscreen, against SQLite and a real PostgreSQL: the entry model under
// QAbstractItemModelTester, the dashboard's figures, every data-changing action with its
// confirmation (and type-to-confirm on production), cancel and progress, the audit log, a
// read-only role, the test sync against the fake exchange, and the executable without a display.

#include "core/connector/syncmetadata.h"
#include "core/store/cachestore.h"
#include "core/store/entryjson.h"
#include "tests/support/arrivalspy.h"
#include "tests/support/fakeexchange/fakeexchange.h"
#include "tests/support/lockholder.h"
#include "tests/support/storeinternals.h"
#include "tests/support/testdatabase.h"
#include "tests/ui/consolesuite.h"
#include "ui/confirmdialog.h"
#include "ui/dashboard.h"
#include "ui/describe.h"
#include "ui/entriespage.h"
#include "ui/entrymodel.h"
#include "ui/mainwindow.h"
#include "ui/profilesdialog.h"
#include "ui/storeworker.h"
#include "ui/testsyncdialog.h"
#include "ui/timedisplay.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QValueAxis>

#include <cmath>
#include <functional>

#include <sys/syscall.h>
#include <unistd.h>

using namespace cc;
using namespace cc::ui;

namespace {

// Answers the next modal dialog: types `text` into a type-to-confirm field if there is one,
// then accepts (or rejects). Returns the question the dialog asked through *question.
void answerNextDialog(bool accept, const QString &text = QString(), QString *question = nullptr)
{
    QTimer::singleShot(0, [=]() {
        auto *dialog = qobject_cast<ConfirmDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            // The dialog may not be up yet: try again shortly.
            answerNextDialog(accept, text, question);
            return;
        }
        if (question)
            *question = dialog->findChild<QLabel *>(QStringLiteral("confirmQuestion"))->text();
        if (dialog->confirmEdit()) {
            QTest::keyClicks(dialog->confirmEdit(), text);
        }
        if (accept && dialog->okButton()->isEnabled())
            dialog->accept();
        else
            dialog->reject();
    });
}

} // namespace

class TestConsole : public QObject, public test::ConsoleSuite
{
    Q_OBJECT

private:
    // `beforeOpen` runs on the new window before it connects.
    std::unique_ptr<MainWindow>
    openWindow(ConnectionProfile::Tag tag = ConnectionProfile::Tag::Test,
               const QString &url = QString(), int batchSize = 0,
               const std::function<bool(MainWindow *)> &beforeOpen = {})
    {
        auto window = std::make_unique<MainWindow>();
        window->worker()->setBatchSize(batchSize);
        if (beforeOpen && !beforeOpen(window.get()))
            return nullptr;
        ConnectionProfile profile = testProfile(QStringLiteral("ops-desk"), url);
        profile.tag = tag;
        return openConnected(std::move(window), profile);
    }

    // The model asks the worker for pages and counts across threads, as the console does.
    static void connectModel(EntryModel *model, StoreWorker *worker)
    {
        connect(model, &EntryModel::pageRequested, model,
                [model, worker](quint64 token, const BrowseRequest &request, int firstRow) {
                    worker->supersedeBrowsing(model->generation());
                    worker->post(&StoreWorker::loadPage, token, model->generation(), request,
                                 firstRow);
                });
        connect(model, &EntryModel::countRequested, model,
                [model, worker](quint64 token, const EntryFilter &filter) {
                    worker->supersedeBrowsing(model->generation());
                    worker->post(&StoreWorker::loadCount, token, model->generation(), filter);
                });
        connect(worker, &StoreWorker::pageLoaded, model, &EntryModel::onPageLoaded);
        connect(worker, &StoreWorker::countLoaded, model, &EntryModel::onCountLoaded);
    }

    static bool waitForRows(EntryModel *model, int rows)
    {
        return QTest::qWaitFor([&]() { return model->isCountKnown() && model->rowCount() == rows; },
                               20000);
    }

private Q_SLOTS:
    void initTestCase() { prepareSuite("console-test"); }

    void init()
    {
        const QString problem = prepareDatabase(1000, 5);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    void cleanup() { m_db.reset(); }

    void entryModelPagesFiltersAndSorts()
    {
        const auto running = startWorker();
        QVERIFY(running);
        StoreWorker *worker = running->worker();

        EntryModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        connectModel(&model, worker);

        model.reload();
        QVERIFY(waitForRows(&model, 1000));
        // Reading far rows loads their pages; the page cache stays bounded.
        for (int row = 0; row < 1000; row += 37) {
            model.data(model.index(row, 0));
            QVERIFY(QTest::qWaitFor([&]() { return model.entryAt(row) != nullptr; }, 10000));
        }
        QVERIFY(model.loadedPages() <= EntryModel::kMaxPages);

        // Server-side filter.
        EntryFilter bingx;
        bingx.exchange = QStringLiteral("BINGX");
        model.setFilter(bingx);
        CacheStore direct(m_db->config());
        const qint64 expected = direct.count(bingx).value();
        QVERIFY(waitForRows(&model, int(expected)));
        QVERIFY(QTest::qWaitFor([&]() { return model.entryAt(0) != nullptr; }, 10000));
        QCOMPARE(model.entryAt(0)->exchange, QStringLiteral("BINGX"));

        // Server-side sort by hits, descending.
        model.sort(EntryModel::HitsColumn, Qt::DescendingOrder);
        QVERIFY(waitForRows(&model, int(expected)));
        QVERIFY(QTest::qWaitFor([&]() { return model.entryAt(1) != nullptr; }, 10000));
        QVERIFY(model.entryAt(0)->hitCount >= model.entryAt(1)->hitCount);

        // A late answer for an earlier generation is dropped.
        const quint64 oldToken = (model.generation() - 1) << 24;
        CacheEntry bogus;
        bogus.userId = QStringLiteral("stale");
        model.onPageLoaded(oldToken, 0, {bogus}, QString());
        model.onCountLoaded(oldToken, 5);
        QCOMPARE(model.rowCount(), int(expected));
        QVERIFY(model.entryAt(0)->userId != QStringLiteral("stale"));
    }

    // The far-jump milestones of a browse the operator has left (a new filter or sort) are
    // cancelled on the server while they still run (cancelStaleMilestones(), on every count
    // request), so that the new browse does not queue behind them; those of the browse still
    // shown are left to finish.
    void staleMilestonesAreCancelledOnTheServer()
    {
        if (!m_db->isPostgres())
            QSKIP("statements are cancelled on PostgreSQL; SQLite's are local and short");
        const auto running = startWorker();
        QVERIFY(running);
        StoreWorker *worker = running->worker();
        // A migration's lock holds the milestones' SELECT until the worker's timeout (3 s).
        test::LockHolder holder(m_db->directConfig(), QStringLiteral("milestones-blocker"));
        QVERIFY2(holder.error().isEmpty(), qPrintable(holder.error()));
        QCOMPARE(holder.exec(QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE")
                                 .arg(CacheStore::tableName())),
                 QString());
        test::ArrivalSpy loaded(worker, &StoreWorker::milestonesLoaded);
        constexpr quint64 kGeneration = 7;
        worker->post(&StoreWorker::loadMilestones, quint64(1), kGeneration, BrowseRequest(),
                     qint64(100));
        const auto waitingOnTheLock = [&]() {
            return m_db->scalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE "
                                               "wait_event_type = 'Lock' AND datname = "
                                               "current_database()"))
                       .toInt() > 0;
        };
        QVERIFY(QTest::qWaitFor(waitingOnTheLock, 5000));

        worker->cancelStaleMilestones(kGeneration); // the browse still shown: not stale
        QTest::qWait(300);
        QCOMPARE(loaded.count(), 0);
        QVERIFY(waitingOnTheLock());

        QElapsedTimer cancelled;
        cancelled.start();
        worker->cancelStaleMilestones(kGeneration + 1);
        QVERIFY(loaded.waitFor(1, 5000));
        const qint64 ms = cancelled.elapsed();
        QVERIFY2(ms < 1500, qPrintable(QStringLiteral("answered %1 ms after the cancel").arg(ms)));
        QVERIFY(loaded.at(0).at(1).value<QList<BrowseMilestone>>().isEmpty());
        const StoreError error = loaded.at(0).at(2).value<StoreError>();
        QCOMPARE(error.kind(), StoreError::Cancelled);
        QVERIFY(!waitingOnTheLock());
        holder.release();
    }

    void supersededRequestsAreDroppedBeforeTheyRun()
    {
        auto window = openWindow();
        QVERIFY(window);
        window->showPage(MainWindow::Page::Entries);
        EntryModel *model = window->entryModel();
        QVERIFY(waitForRows(model, 1000));
        QVERIFY(drainWorker(window->worker()));
        StoreWorker *worker = window->worker();
        test::ArrivalSpy started(worker, &StoreWorker::browseStarted);
        test::ArrivalSpy pages(worker, &StoreWorker::pageLoaded);
        // Hold the worker, so that the requests of twenty quick filter changes queue up behind.
        QSemaphore gate;
        auto release = qScopeGuard([&gate]() { gate.release(); });
        QMetaObject::invokeMethod(
            worker, [&gate]() { gate.tryAcquire(1, 20000); }, Qt::QueuedConnection);
        const QStringList exchanges{QStringLiteral("BYBIT"), QStringLiteral("BINGX")};
        for (int i = 0; i < 20; ++i) {
            EntryFilter filter;
            filter.exchange = exchanges.at(i % 2);
            filter.userId = i < 19 ? QStringLiteral("user%1").arg(i) : QString();
            model->setFilter(filter); // a count and a first page, for a new generation
        }
        const quint64 last = model->generation();
        gate.release();
        QVERIFY(drainWorker(worker));
        // Only the last filter's count and first page ran; the 38 requests before were dropped.
        QVERIFY(started.waitFor(2, 20000));
        QVERIFY(pages.waitFor(1, 20000));
        QCOMPARE(started.count(), 2);
        for (qsizetype i = 0; i < started.count(); ++i)
            QCOMPARE(started.at(i).at(0).toULongLong() >> 24, last);
        QCOMPARE(pages.count(), 1);
        QCOMPARE(pages.at(0).at(0).toULongLong() >> 24, last);
        EntryFilter bingx;
        bingx.exchange = QStringLiteral("BINGX");
        CacheStore direct(m_db->config());
        QVERIFY(waitForRows(model, int(direct.count(bingx).value())));
        QVERIFY(QTest::qWaitFor([&]() { return model->entryAt(0) != nullptr; }, 10000));
        QCOMPARE(model->entryAt(0)->exchange, QStringLiteral("BINGX"));
    }

    void aRefusedPasswordPromptsAndTheRightOneConnects()
    {
        if (!m_db->isPostgres())
            QSKIP("SQLite has no passwords");
        // The prompt opens on the store's AuthenticationFailed (class 28 SQLSTATE), not on
        // libpq's words: libpq takes the (wrong) password from PGPASSWORD, the operator types
        // the right one.
        const QByteArray right = qgetenv("PGPASSWORD");
        QVERIFY2(!right.isEmpty(), "pg_virtualenv sets PGPASSWORD");
        qputenv("PGPASSWORD", "certainly-not-the-password");
        auto restore = qScopeGuard([&right]() { qputenv("PGPASSWORD", right); });
        int prompts = 0;
        bool saidRefused = true;
        QTimer answer;
        answer.setInterval(20);
        connect(&answer, &QTimer::timeout, this, [&]() {
            QWidget *modal = QApplication::activeModalWidget();
            if (auto *input = qobject_cast<QInputDialog *>(modal)) {
                ++prompts;
                saidRefused = saidRefused && input->labelText().contains(
                                                 QStringLiteral("Password authentication failed"));
                // First a second wrong password (refused again: asked again), then the right one.
                input->setTextValue(prompts == 1 ? QStringLiteral("wrong-again")
                                                 : QString::fromLocal8Bit(right));
                input->accept();
            } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
                box->reject(); // "Remember this password?" where a keychain exists: no
            }
        });
        answer.start();
        auto window = openWindow();
        QVERIFY2(window, "the right password typed at the prompt connects");
        QCOMPARE(prompts, 2);
        QVERIFY(saidRefused);
        QVERIFY(window->banner()->isHidden());
    }

    void aPasswordRefusedThreeTimesStopsAsking()
    {
        if (!m_db->isPostgres())
            QSKIP("SQLite has no passwords");
        const QByteArray right = qgetenv("PGPASSWORD");
        qputenv("PGPASSWORD", "certainly-not-the-password");
        auto restore = qScopeGuard([&right]() { qputenv("PGPASSWORD", right); });
        int prompts = 0;
        QTimer answer;
        answer.setInterval(20);
        connect(&answer, &QTimer::timeout, this, [&]() {
            if (auto *input = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
                ++prompts;
                input->setTextValue(QStringLiteral("wrong-%1").arg(prompts));
                input->accept();
            }
        });
        answer.start();
        MainWindow window;
        ConnectionProfile profile;
        profile.name = QStringLiteral("ops-desk");
        profile.url = m_db->url();
        window.openProfile(profile);
        window.show();
        QVERIFY(QTest::qWaitFor([&]() { return window.banner()->isVisible(); }, 20000));
        // No endless loop: the prompts stop, and the banner says why.
        QTest::qWait(500);
        QCOMPARE(prompts, 3);
        QVERIFY2(window.banner()->text().contains(QStringLiteral("Password authentication failed")),
                 qPrintable(window.banner()->text()));
        QVERIFY2(window.banner()->text().contains(QStringLiteral("not retrying")),
                 qPrintable(window.banner()->text()));
    }

    void entryModelEndsWhereTheTableNowEnds()
    {
        // Rows deleted after the count: scrolling to the end must not leave rows that wait
        // for ever on pages that will never come.
        const auto running = startWorker();
        QVERIFY(running);
        StoreWorker *worker = running->worker();
        EntryModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        connectModel(&model, worker);
        model.reload();
        QVERIFY(waitForRows(&model, 1000));
        CacheStore direct(m_db->config());
        const qint64 deleted = direct.cleanupExpired().value();
        QVERIFY(deleted > EntryModel::kPageSize); // the last page(s) are gone
        const int remaining = int(1000 - deleted);
        // Look at the last row, as a scrolled-down view does, until the model settles.
        QVERIFY(QTest::qWaitFor(
            [&]() {
                const int last = model.rowCount() - 1;
                const QVariant text = model.data(model.index(last, 0));
                return model.entryAt(last) && text != QStringLiteral("Loading…");
            },
            20000));
        QCOMPARE(model.rowCount(), remaining);
        QCOMPARE(model.totalCount(), remaining);
    }

    void everyActionHasItsOwnIcon()
    {
        MainWindow window;
        for (const char *name :
             {"refresh", "filter", "invalidate", "invalidateMatching", "cleanup", "testSync",
              "export", "exportCharts", "profiles", "quit", "about", "shortcuts"}) {
            QAction *a = window.action(QLatin1String(name));
            QVERIFY2(a, name);
            const QPixmap pixmap = a->icon().pixmap(24, 24);
            QVERIFY2(!pixmap.isNull(), name);
            // Drawn: not a blank square (a missing resource or SVG plug-in gives one).
            const QImage image = pixmap.toImage();
            bool painted = false;
            for (int y = 0; y < image.height() && !painted; ++y)
                for (int x = 0; x < image.width() && !painted; ++x)
                    painted = qAlpha(image.pixel(x, y)) > 0;
            QVERIFY2(painted, name);
        }
        for (int i = 0; i < window.tabs()->count(); ++i)
            QVERIFY(!window.tabs()->tabIcon(i).isNull());
    }

    void connectToSwitchesProfiles()
    {
        auto window = openWindow();
        QVERIFY(window);
        window->showPage(MainWindow::Page::Entries);
        QVERIFY(waitForRows(window->entryModel(), 1000));
        // A second database with a handful of entries, saved as a staging profile.
        test::TestDatabase other(QStringLiteral("other"));
        QVERIFY2(other.isValid(), qPrintable(other.errorMessage()));
        {
            CacheStore store(other.config());
            QVERIFY(store.migrate().ok());
            QCOMPARE(store.fillDemo(12, 9).value(), 12);
        }
        ConnectionProfile staging;
        staging.name = QStringLiteral("staging-desk");
        staging.url = other.url();
        staging.tag = ConnectionProfile::Tag::Staging;
        ProfileStore::save({staging});

        auto *menu = window->findChild<QMenu *>(QStringLiteral("connectMenu"));
        QVERIFY(menu);
        Q_EMIT menu->aboutToShow();
        QAction *target = nullptr;
        for (QAction *a : menu->actions()) {
            if (a->text() == staging.name)
                target = a;
        }
        QVERIFY(target);
        QVERIFY(!target->isChecked());
        QSignalSpy connected(window.get(), &MainWindow::connected);
        target->trigger();
        QVERIFY(connected.wait(20000));
        QCOMPARE(window->profile().name, staging.name);
        QVERIFY(waitForRows(window->entryModel(), 12));
        QVERIFY(window->statusText().contains(staging.name));
        auto *band = window->findChild<QLabel *>(QStringLiteral("environmentBand"));
        QVERIFY(band->text().contains(staging.name));
        QVERIFY(band->styleSheet().contains(
            ConnectionProfile::tagColor(ConnectionProfile::Tag::Staging).name()));
        Q_EMIT menu->aboutToShow();
        for (QAction *a : menu->actions())
            QCOMPARE(a->isChecked(), a->text() == staging.name);
        window.reset();
        ProfileStore::save({});
    }

    void anAdHocUrlIsUntaggedNeverTest()
    {
        // --database without --profile: nobody declared the environment, so the band is grey
        // and says so; it must never claim the reassuring green "test".
        const ConnectionProfile adHoc =
            ConnectionProfile::adHoc(m_db->url(), m_db->config().displayString());
        QCOMPARE(adHoc.tag, ConnectionProfile::Tag::Untagged);
        QVERIFY(!adHoc.isProduction());
        QCOMPARE(ConnectionProfile::tagFromKey(ConnectionProfile::tagKey(adHoc.tag)),
                 ConnectionProfile::Tag::Untagged);
        MainWindow window;
        QSignalSpy connected(&window, &MainWindow::connected);
        window.openProfile(adHoc);
        window.show();
        QVERIFY(connected.wait(20000));
        auto *band = window.findChild<QLabel *>(QStringLiteral("environmentBand"));
        QVERIFY2(band->text().contains(QStringLiteral("UNTAGGED")), qPrintable(band->text()));
        QVERIFY(!band->text().contains(QStringLiteral("TEST")));
        const QColor grey = ConnectionProfile::tagColor(ConnectionProfile::Tag::Untagged);
        QCOMPARE(grey.saturation(), 0);
        QVERIFY(band->styleSheet().contains(grey.name()));
        QVERIFY(!band->styleSheet().contains(
            ConnectionProfile::tagColor(ConnectionProfile::Tag::Test).name()));
    }

    void altDigitsMoveTheFocusIntoThePage()
    {
        auto window = openWindow();
        QVERIFY(window);
        QApplication::setActiveWindow(window.get());
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        const QList<std::pair<Qt::Key, MainWindow::Page>> keys{
            {Qt::Key_2, MainWindow::Page::Entries},
            {Qt::Key_3, MainWindow::Page::Activity},
            {Qt::Key_1, MainWindow::Page::Dashboard},
            {Qt::Key_2, MainWindow::Page::Entries}};
        for (const auto &[key, page] : keys) {
            QTest::keyClick(window.get(), key, Qt::AltModifier);
            QCOMPARE(window->currentPage(), page);
            QWidget *focus = QApplication::focusWidget();
            QVERIFY2(focus && window->page(page)->isAncestorOf(focus),
                     focus ? focus->metaObject()->className() : "no focus");
            if (page == MainWindow::Page::Entries)
                QCOMPARE(focus, static_cast<QWidget *>(window->filterEdit()));
        }
        // The keys work from there: typing goes into the filter box.
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("ex"));
        QCOMPARE(window->filterEdit()->text(), QStringLiteral("ex"));
    }

    void helpListsEveryShortcut()
    {
        MainWindow window;
        const QList<QPair<QString, QString>> listed = window.shortcutList();
        QStringList listedKeys;
        for (const auto &entry : listed)
            listedKeys << entry.second.split(QStringLiteral(", "));
        // Every action in the window (its pages' and views' too) with a key is listed, with it.
        int withKeys = 0;
        const QList<QAction *> actions = window.findChildren<QAction *>();
        for (const QAction *a : actions) {
            for (const QKeySequence &key : a->shortcuts()) {
                ++withKeys;
                QVERIFY2(listedKeys.contains(key.toString(QKeySequence::NativeText)),
                         qPrintable(a->text() + QStringLiteral(": ") + key.toString()));
            }
        }
        QVERIFY(withKeys >= 13); // the actions, Alt+1/2/3 and the table's Copy
        for (const char *key : {"Alt+1", "Alt+2", "Alt+3", "Ctrl+C", "F5"})
            QVERIFY2(listedKeys.contains(
                         QKeySequence(QLatin1String(key)).toString(QKeySequence::NativeText)),
                     key);
        // Nothing listed that no action does.
        QCOMPARE(listedKeys.size(), withKeys);
    }

    void refreshesAndWritesElsewhereKeepTheSelection()
    {
        auto window = openWindow();
        QVERIFY(window);
        window->showPage(MainWindow::Page::Entries);
        EntryModel *model = window->entryModel();
        QVERIFY(waitForRows(model, 1000));
        QVERIFY(QTest::qWaitFor([&]() { return model->entryAt(5); }, 10000));
        const CacheEntry chosen = *model->entryAt(5);
        window->entryView()->selectRow(5);
        QVERIFY(window->detailsPane()->toPlainText().contains(chosen.cacheKey));
        auto selectedEntry = [&]() -> std::optional<CacheEntry> {
            const QModelIndexList rows = window->entryView()->selectionModel()->selectedRows();
            if (rows.size() != 1 || !model->entryAt(rows.first().row()))
                return std::nullopt;
            return *model->entryAt(rows.first().row());
        };
        // A refresh (F5, or the timer): the same entry stays selected, its details shown.
        const quint64 generation = model->generation();
        window->action(QStringLiteral("refresh"))->trigger();
        QVERIFY(model->generation() > generation);
        QVERIFY(QTest::qWaitFor([&]() { return !model->isLoading() && selectedEntry(); }, 10000));
        QCOMPARE(selectedEntry()->cacheKey, chosen.cacheKey);
        QVERIFY(window->detailsPane()->toPlainText().contains(chosen.cacheKey));
        // A write elsewhere to that very entry: after the reload the pane shows the new state.
        CacheStore direct(m_db->config());
        QVERIFY(direct.invalidate(chosen.userId, chosen.credentialId).ok());
        window->action(QStringLiteral("refresh"))->trigger();
        QVERIFY(
            QTest::qWaitFor([&]() { return selectedEntry() && !selectedEntry()->isValid; }, 10000));
        QCOMPARE(selectedEntry()->cacheKey, chosen.cacheKey);
        QVERIFY(window->detailsPane()->toPlainText().contains(chosen.cacheKey));
    }

    void oneTimeZoneEverywhereWithItsName()
    {
        auto window = openWindow();
        QVERIFY(window);
        QAction *utc = window->action(QStringLiteral("utcTimes"));
        QVERIFY(utc);
        utc->setChecked(false);
        utc->setChecked(true);
        QVERIFY(QSettings().value(QStringLiteral("view/utcTimes")).toBool()); // remembered
        auto *zone = window->findChild<QLabel *>(QStringLiteral("statusZone"));
        QVERIFY(zone);
        QCOMPARE(zone->text(), QStringLiteral("times in UTC"));
        // Dates: today the time; another day with its day and year.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(TimeDisplay::shortText(now, now), now.toString(QStringLiteral("HH:mm:ss")));
        const QDateTime lastYear = now.addDays(-400);
        QCOMPARE(TimeDisplay::shortText(lastYear, now),
                 lastYear.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        // The table, the details and the log agree, in UTC.
        window->showPage(MainWindow::Page::Entries);
        EntryModel *model = window->entryModel();
        QVERIFY(waitForRows(model, 1000));
        QVERIFY(QTest::qWaitFor([&]() { return model->entryAt(0); }, 10000));
        const CacheEntry first = *model->entryAt(0);
        QCOMPARE(model->data(model->index(0, EntryModel::LastSyncColumn)).toString(),
                 TimeDisplay::shortText(first.lastSyncTime));
        window->entryView()->selectRow(0);
        const QString sync =
            first.lastSyncTime.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        QVERIFY2(window->detailsPane()->toPlainText().contains(sync + QStringLiteral(" UTC")),
                 qPrintable(window->detailsPane()->toPlainText()));
        // Local: the zone's name is shown, and the times move with it.
        utc->setChecked(false);
        QVERIFY(!QSettings().value(QStringLiteral("view/utcTimes")).toBool());
        QCOMPARE(zone->text(), QStringLiteral("times in %1").arg(TimeDisplay::zoneName()));
        QCOMPARE(TimeDisplay::inZone(first.lastSyncTime).offsetFromUtc(),
                 first.lastSyncTime.toLocalTime().offsetFromUtc());
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return window->detailsPane()->toPlainText().contains(
                    first.lastSyncTime.toLocalTime().toString(
                        QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) +
                    QLatin1Char(' ') + TimeDisplay::zoneName());
            },
            10000));
        utc->setChecked(true);
    }

    void changesElsewhereArriveByPush()
    {
        if (!m_db->isPostgres())
            QSKIP("LISTEN/NOTIFY is PostgreSQL's");
        auto window = openWindow();
        QVERIFY(window);
        window->showPage(MainWindow::Page::Entries);
        QVERIFY(waitForRows(window->entryModel(), 1000));
        QVERIFY(QTest::qWaitFor([&]() { return window->entryModel()->entryAt(0); }, 10000));
        const CacheEntry first = *window->entryModel()->entryAt(0);
        const quint64 generation = window->entryModel()->generation();
        test::ArrivalSpy pushed(window->worker(), &StoreWorker::changedElsewhere);
        // Another process (here: another connection) writes; no refresh is asked for.
        CacheStore elsewhere(m_db->config());
        QVERIFY(elsewhere.open() == StoreError());
        TimeSyncState state;
        state.timeOffsetMs = 4242;
        QCOMPARE(elsewhere.set(first.userId, first.credentialId, first.exchange, first.environment,
                               state),
                 StoreError());
        QVERIFY(pushed.waitFor(1, 10000));
        QVERIFY(QTest::qWaitFor(
            [&]() {
                const CacheEntry *e = window->entryModel()->entryAt(0);
                return window->entryModel()->generation() > generation && e &&
                       e->timeOffsetMs == 4242;
            },
            10000));
    }

    void dashboardShowsTheStoresFigures()
    {
        auto window = openWindow();
        QVERIFY(window);
        CacheStore direct(m_db->config());
        const CacheStats stats = direct.stats(std::chrono::hours(24)).value();
        const QLocale locale;
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return window->dashboard()->cardText(QStringLiteral("entries")) ==
                       locale.toString(stats.total);
            },
            20000));
        QCOMPARE(window->dashboard()->cardText(QStringLiteral("valid")),
                 locale.toString(stats.valid));
        QCOMPARE(window->dashboard()->cardText(QStringLiteral("invalid")),
                 locale.toString(stats.invalid));
        QCOMPARE(window->dashboard()->cardText(QStringLiteral("misses")),
                 locale.toString(stats.misses));
        QVERIFY(!window->dashboard()->hitRateChart()->chart()->series().isEmpty());
        QVERIFY(window->statusText().contains(QStringLiteral("connected")));
        // Charts export to PNG.
        QTemporaryDir dir;
        window->exportCharts(dir.path());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("hit-rate.png"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("breakdown.png"))));
    }

    void invalidateSelectionAsksAndAudits()
    {
        auto window = openWindow();
        QVERIFY(window);
        window->showPage(MainWindow::Page::Entries);
        EntryModel *model = window->entryModel();
        QVERIFY(waitForRows(model, 1000));
        // Pick the first valid entry.
        int row = -1;
        QVERIFY(QTest::qWaitFor(
            [&]() {
                for (int r = 0; r < std::min(200, model->rowCount()); ++r) {
                    const CacheEntry *e = model->entryAt(r);
                    if (e && e->stateAt(Clock::system()->nowMs()) == CacheEntry::State::Valid) {
                        row = r;
                        return true;
                    }
                }
                return false;
            },
            10000));
        const CacheEntry chosen = *model->entryAt(row);
        window->entryView()->selectRow(row);
        QVERIFY(window->detailsPane()->toPlainText().contains(chosen.cacheKey));

        // Declined: nothing changes.
        answerNextDialog(false);
        window->invalidateSelected();
        CacheStore direct(m_db->config());
        QVERIFY(direct.entry(chosen.userId, chosen.credentialId)->isValid);

        // Accepted: invalidated, the views reload, the audit log has it.
        QSignalSpy done(window.get(), &MainWindow::actionCompleted);
        answerNextDialog(true);
        window->invalidateSelected();
        QVERIFY(done.wait(20000));
        QCOMPARE(done.at(0).at(1).toLongLong(), 1);
        QVERIFY(!direct.entry(chosen.userId, chosen.credentialId)->isValid);
        auto log = direct.auditLog();
        QCOMPARE(log->constFirst().action, QStringLiteral("invalidate"));
        QCOMPARE(log->constFirst().profile, QStringLiteral("ops-desk"));
        QVERIFY(log->constFirst().filter.contains(chosen.credentialId));
        window->showPage(MainWindow::Page::Activity);
        QVERIFY(QTest::qWaitFor([&]() { return window->auditModel()->rowCount() >= 1; }, 10000));
    }

    void bulkInvalidationOnProductionNeedsTheProfileName()
    {
        auto window = openWindow(ConnectionProfile::Tag::Production);
        QVERIFY(window);
        window->showPage(MainWindow::Page::Entries);
        window->filterEdit()->setText(QStringLiteral("exchange:bingx"));
        EntryFilter bingx;
        bingx.exchange = QStringLiteral("BINGX");
        CacheStore direct(m_db->config());
        const qint64 before = direct.countInvalidatable(bingx).value();
        QVERIFY(before > 0);
        QVERIFY(QTest::qWaitFor(
            [&]() { return window->entryModel()->filter().exchange == QStringLiteral("BINGX"); },
            5000));

        // The wrong name leaves OK disabled: the action does not run.
        QString question;
        answerNextDialog(true, QStringLiteral("ops"), &question);
        window->invalidateMatching();
        QVERIFY(QTest::qWaitFor([&]() { return !question.isEmpty(); }, 10000));
        QVERIFY2(question.contains(QString::number(before)), qPrintable(question)); // the preview
        // Whatever the window asked of the worker has run by now: still nothing invalidated.
        QVERIFY(drainWorker(window->worker()));
        QCOMPARE(direct.countInvalidatable(bingx).value(), before);

        QSignalSpy done(window.get(), &MainWindow::actionCompleted);
        answerNextDialog(true, QStringLiteral("ops-desk"));
        window->invalidateMatching();
        QVERIFY(done.wait(20000));
        QCOMPARE(done.at(0).at(1).toLongLong(), before);
        QCOMPARE(direct.countInvalidatable(bingx).value(), 0);
        QCOMPARE(direct.auditLog()->constFirst().action, QStringLiteral("invalidate-matching"));
    }

    void cleanupConfirmsRunsAndReports()
    {
        auto window = openWindow();
        QVERIFY(window);
        CacheStore direct(m_db->config());
        const qint64 expired = direct.countExpired().value();
        QVERIFY(expired > 0);
        QSignalSpy done(window.get(), &MainWindow::actionCompleted);
        answerNextDialog(true);
        window->cleanupExpired();
        QVERIFY(done.wait(20000));
        QCOMPARE(done.at(0).at(0).toString(), QStringLiteral("cleanup"));
        QCOMPARE(done.at(0).at(1).toLongLong(), expired);
        QCOMPARE(direct.countExpired().value(), 0);
        QCOMPARE(direct.auditLog()->constFirst().rowsAffected, expired);
    }

    void cleanupCanBeCancelledBetweenBatches()
    {
        // Batches of 50: the worker stops before its second batch once asked, and says so.
        const auto running = startWorker(50);
        QVERIFY(running);
        StoreWorker *worker = running->worker();
        CacheStore direct(m_db->config());
        const qint64 expired = direct.countExpired().value();
        QVERIFY2(expired > 100, qPrintable(QString::number(expired))); // several batches
        test::ArrivalSpy finished(worker, &StoreWorker::actionFinished);
        QList<qint64> progress;
        connect(
            worker, &StoreWorker::progress, worker,
            [worker, &progress](quint64 token, qint64 done) {
                progress << done;
                worker->requestCancel(token);
            },
            Qt::DirectConnection);
        // Another action's cancel does not stop this one: only its own token does.
        worker->requestCancel(6);
        worker->post(&StoreWorker::cleanup, quint64(7));
        QVERIFY(finished.waitFor(1, 20000));
        QCOMPARE(finished.at(0).at(2).toLongLong(), 50);
        // One batch done, never a second (the engine repeats its final count at the end).
        QVERIFY(!progress.isEmpty());
        for (qint64 done : std::as_const(progress))
            QCOMPARE(done, 50);
        const StoreError outcome = finished.at(0).at(3).value<StoreError>();
        QCOMPARE(outcome.kind(), StoreError::Cancelled);
        QVERIFY2(outcome.message().contains(QStringLiteral("Cancelled")),
                 qPrintable(outcome.message()));
        QCOMPARE(direct.countExpired().value(), expired - 50);
        const AuditRecord last = direct.auditLog()->constFirst();
        QCOMPARE(last.action, QStringLiteral("cleanup"));
        QCOMPARE(last.rowsAffected, 50);
        QCOMPARE(last.outcome, QStringLiteral("cancelled after 50 rows"));
    }

    void cleanupShowsProgressAndCancelsFromTheDialog()
    {
        auto window = openWindow(ConnectionProfile::Tag::Test, QString(), 50);
        QVERIFY(window);
        CacheStore direct(m_db->config());
        const qint64 expired = direct.countExpired().value();
        QVERIFY(expired > 100);
        // The worker waits after its first batch until the test has pressed Cancel.
        QSemaphore gate;
        std::atomic<bool> waited{false};
        connect(
            window->worker(), &StoreWorker::progress, window->worker(),
            [&gate, &waited]() {
                if (!waited.exchange(true))
                    gate.tryAcquire(1, 20000);
            },
            Qt::DirectConnection);
        auto release = qScopeGuard([&gate]() { gate.release(); });
        QSignalSpy done(window.get(), &MainWindow::actionCompleted);
        QString question;
        answerNextDialog(true, QString(), &question);
        window->cleanupExpired();
        QProgressDialog *progress = nullptr;
        QVERIFY(QTest::qWaitFor(
            [&]() {
                progress = window->findChild<QProgressDialog *>(QStringLiteral("progressDialog"));
                return progress && progress->isVisible() && progress->value() == 50;
            },
            20000));
        QVERIFY2(question.contains(QString::number(expired)), qPrintable(question)); // preview
        QCOMPARE(progress->maximum(), int(expired));
        QVERIFY2(progress->labelText().contains(QStringLiteral("50")),
                 qPrintable(progress->labelText()));
        auto *cancel = progress->findChild<QPushButton *>();
        QVERIFY(cancel);
        cancel->click();
        gate.release();
        QVERIFY(done.wait(20000));
        QCOMPARE(done.at(0).at(0).toString(), QStringLiteral("cleanup"));
        QCOMPARE(done.at(0).at(1).toLongLong(), 50);
        QCOMPARE(direct.countExpired().value(), expired - 50);
        QCOMPARE(direct.auditLog()->constFirst().outcome,
                 QStringLiteral("cancelled after 50 rows"));
        // Cancelling is not a failure: no warning box, the status bar says what happened.
        QTest::qWait(50);
        QVERIFY(!QApplication::activeModalWidget());
        QVERIFY2(window->statusBar()->currentMessage().contains(QStringLiteral("Cancelled")),
                 qPrintable(window->statusBar()->currentMessage()));
    }

    void readOnlyRoleDisablesActions()
    {
        std::unique_ptr<MainWindow> window;
        QString role;
        const QByteArray savedPassword = qgetenv("PGPASSWORD");
        auto restore = qScopeGuard([&]() { qputenv("PGPASSWORD", savedPassword); });
        if (!m_db->isPostgres()) {
            // SQLite: a read-only file.
            const QString path = m_db->config().sqlitePath;
            QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner));
            std::function<bool(MainWindow *)> asOrdinaryUser;
            if (::geteuid() == 0) {
                // Root may write any file. The worker's thread, which alone opens and uses the
                // database, becomes an ordinary user owning the file and its directory, as an
                // operator would; this thread stays root.
                const uid_t nobody = 65534;
                const QDir dir = QFileInfo(path).absoluteDir();
                QCOMPARE(::chown(QFile::encodeName(dir.path()).constData(), nobody, nobody), 0);
                for (const QFileInfo &file : dir.entryInfoList(QDir::Files | QDir::Hidden))
                    QCOMPARE(
                        ::chown(QFile::encodeName(file.filePath()).constData(), nobody, nobody), 0);
                asOrdinaryUser = [nobody](MainWindow *w) {
                    long result = -1;
                    // The raw system calls change the calling thread's credentials only (glibc's
                    // setresuid() would change every thread's).
                    QMetaObject::invokeMethod(
                        w->worker(),
                        [&result, nobody]() {
                            result = ::syscall(SYS_setresgid, nobody, nobody, 0);
                            if (result == 0)
                                result = ::syscall(SYS_setresuid, nobody, nobody, 0);
                        },
                        Qt::BlockingQueuedConnection);
                    return result == 0 && ::geteuid() == 0;
                };
            }
            window = openWindow(ConnectionProfile::Tag::Test, QString(), 0, asOrdinaryUser);
            QVERIFY(window);
        } else {
            role = QStringLiteral("cc_console_reader_%1").arg(QDateTime::currentMSecsSinceEpoch());
            QCOMPARE(m_db->exec(QStringLiteral(
                                    "CREATE ROLE %1 LOGIN PASSWORD 'pw';\n"
                                    "GRANT SELECT ON connector_state_cache, connector_cache_meta, "
                                    "connector_cache_history, connector_cache_audit TO %1")
                                    .arg(role)),
                     QString());
            qputenv("PGPASSWORD", "pw");
            window =
                openWindow(ConnectionProfile::Tag::Test,
                           QStringLiteral("postgresql://%1@%2:%3/%4")
                               .arg(role, qEnvironmentVariable("PGHOST"),
                                    qEnvironmentVariable("PGPORT"), m_db->config().databaseName));
            QVERIFY(window);
        }
        QVERIFY(!window->privileges().canWrite);
        for (const char *name : {"invalidate", "invalidateMatching", "cleanup"}) {
            QAction *a = window->action(QLatin1String(name));
            QVERIFY(!a->isEnabled());
            QVERIFY2(a->toolTip().contains(QStringLiteral("may only read")),
                     qPrintable(a->toolTip()));
        }
        QVERIFY(window->statusText().contains(QStringLiteral("read-only")));
        window.reset();
        if (!role.isEmpty())
            m_db->exec(QStringLiteral("DROP OWNED BY %1").arg(role));
    }

    void testSyncAgainstTheFakeExchange()
    {
        test::FakeExchange fake;
        QVERIFY(fake.listen());
        fake.setSkewMs(1200);
        fake.setDelayMs(10);
        CacheEntry entry;
        entry.userId = QStringLiteral("u1");
        entry.credentialId = QStringLiteral("c1");
        entry.exchange = QStringLiteral("BYBIT");
        entry.environment = QStringLiteral("TESTNET");
        entry.timeOffsetMs = 3000; // 1.8 s ahead of the truth: Bybit rejects > 1 s ahead
        entry.lastSyncTime = QDateTime::currentDateTimeUtc();
        entry.expiresAt = entry.lastSyncTime.addSecs(900);
        entry.metadata =
            QJsonObject{{QStringLiteral("sync"), QJsonObject{{QStringLiteral("errorBoundMs"), 5}}}};
        TestSyncDialog dialog(&entry, true, QString());
        dialog.baseUrlEdit()->setText(fake.baseUrl().toString());
        QCOMPARE(dialog.environmentCombo()->currentText(), QStringLiteral("TESTNET"));
        dialog.run();
        QVERIFY(QTest::qWaitFor([&]() { return !dialog.isRunning(); }, 10000));
        QVERIFY2(dialog.lastResult().ok(), qPrintable(dialog.lastResult().errorMessage));
        QVERIFY(qAbs(dialog.lastResult().offsetMs - 1200) <= dialog.lastResult().errorBoundMs + 1);
        const QString text = dialog.resultText()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("REJECT")), qPrintable(text));
        QVERIFY(dialog.writeButton()->isEnabled());

        // The sign of the difference is explained.
        QVERIFY2(text.contains(QStringLiteral("cached minus measured")), qPrintable(text));
        // Writing to production asks for the profile's name and names the base URL used.
        dialog.setProductionProfile(QStringLiteral("prod-desk"));
        QSignalSpy write(&dialog, &TestSyncDialog::writeRequested);
        answerNextDialog(true); // without typing the name: not written
        dialog.writeButton()->click();
        QCOMPARE(write.size(), 0);
        QString question;
        answerNextDialog(true, QStringLiteral("prod-desk"), &question);
        dialog.writeButton()->click();
        QVERIFY2(question.contains(fake.baseUrl().toString()), qPrintable(question));
        QCOMPARE(write.size(), 1);
        // Not said written before the write is answered, and not written twice meanwhile.
        QString waiting = dialog.resultText()->toPlainText();
        QVERIFY2(waiting.contains(QStringLiteral("Writing to the cache")), qPrintable(waiting));
        QVERIFY2(waiting.contains(QStringLiteral("REJECT")), qPrintable(waiting));
        QVERIFY(!dialog.writeButton()->isEnabled());
        // A write that fails says so; the comparison stays with what the cache still holds.
        dialog.writeFinished(QStringLiteral("this server is a read-only standby"));
        waiting = dialog.resultText()->toPlainText();
        QVERIFY2(waiting.contains(QStringLiteral(
                     "Not written to the cache: this server is a read-only standby")),
                 qPrintable(waiting));
        QVERIFY2(waiting.contains(QStringLiteral("REJECT")), qPrintable(waiting));
        QVERIFY(dialog.writeButton()->isEnabled());
        answerNextDialog(true, QStringLiteral("prod-desk"));
        dialog.writeButton()->click();
        QCOMPARE(write.size(), 2);
        dialog.writeFinished(QString());
        // Written: the comparison follows the write, the cache now holds the measured offset.
        const QString after = dialog.resultText()->toPlainText();
        QVERIFY2(!after.contains(QStringLiteral("REJECT")), qPrintable(after));
        QVERIFY2(after.contains(QStringLiteral("would accept")), qPrintable(after));
        QVERIFY2(after.contains(QStringLiteral("Written to the cache for u1 / c1.")),
                 qPrintable(after));
        dialog.writeFinished(QString()); // an answer to nothing asked changes nothing
        QCOMPARE(dialog.resultText()->toPlainText(), after);
        QCOMPARE(write.at(0).at(0).toString(), QStringLiteral("u1"));
        // The account the connector's safety rule reads back, written by the one core writer.
        const auto written = write.at(0).at(4).value<TimeSyncState>();
        QCOMPARE(written.timeOffsetMs, dialog.lastResult().offsetMs);
        const SyncMetadata account = readSyncMetadata(written.metadata);
        QVERIFY(account.errorBoundMs.has_value());
        QCOMPARE(*account.errorBoundMs, dialog.lastResult().errorBoundMs);
        QCOMPARE(account.source, QStringLiteral("console test sync"));

        // A malformed answer and a hang are reported in words, never a freeze.
        fake.setFault(test::FakeExchange::Fault::Truncated);
        dialog.run();
        QVERIFY(QTest::qWaitFor([&]() { return !dialog.isRunning(); }, 10000));
        QVERIFY2(dialog.resultText()->toPlainText().contains(QStringLiteral("not valid JSON")),
                 qPrintable(dialog.resultText()->toPlainText()));
        // The last run's samples are not left beside a failure, nor can they be written.
        QVERIFY(dialog.findChild<QChartView *>()->chart()->series().isEmpty());
        QVERIFY(!dialog.writeButton()->isEnabled());
        fake.setFault(test::FakeExchange::Fault::NoAnswer);
        SyncOptions quick;
        quick.requestTimeoutMs = 300;
        dialog.setSyncOptions(quick);
        dialog.run();
        QVERIFY(QTest::qWaitFor([&]() { return !dialog.isRunning(); }, 10000));
        QVERIFY2(
            dialog.resultText()->toPlainText().contains(QStringLiteral("no answer within 300 ms")),
            qPrintable(dialog.resultText()->toPlainText()));
        // And it can be cancelled at any time.
        quick.requestTimeoutMs = 30000;
        dialog.setSyncOptions(quick);
        dialog.run();
        QVERIFY(dialog.isRunning());
        dialog.cancelSync();
        QVERIFY(!dialog.isRunning());
        QVERIFY(dialog.resultText()->toPlainText().contains(QStringLiteral("Cancelled")));
    }

    // Through the window: the dialog hears from the worker how its write ended. Written: the
    // entry is in the store and the dialog says so; refused (a NUL in the credential): the
    // store's reason in the dialog and nothing written.
    void theTestSyncDialogHearsHowItsWriteEnded()
    {
        test::FakeExchange fake;
        QVERIFY(fake.listen());
        fake.setSkewMs(400);
        auto window = openWindow();
        QVERIFY(window);
        TestSyncDialog *dialog = runTestSync(window.get(), fake.baseUrl(), QStringLiteral("desk"),
                                             QStringLiteral("written"));
        QVERIFY(dialog);
        const auto saysIn = [](TestSyncDialog *d, const QString &words) {
            return QTest::qWaitFor([&]() { return d->resultText()->toPlainText().contains(words); },
                                   20000);
        };
        const auto says = [&](const QString &words) { return saysIn(dialog, words); };
        answerNextDialog(true);
        dialog->writeButton()->click();
        QVERIFY(says(QStringLiteral("Written to the cache for desk / written.")));
        CacheStore store(m_db->config());
        const auto written = store.entry(QStringLiteral("desk"), QStringLiteral("written"));
        QVERIFY2(written.ok(), qPrintable(written.error().message()));
        QCOMPARE(written->timeOffsetMs, dialog->lastResult().offsetMs);

        const QString hostile = QStringLiteral("bad") + QChar(0) + QStringLiteral("cred");
        dialog->credentialEdit()->setText(hostile);
        answerNextDialog(true);
        dialog->writeButton()->click();
        QVERIFY(says(QStringLiteral("Not written to the cache")));
        const QString text = dialog->resultText()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("contains NUL")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("Written to the cache for desk / bad")),
                 qPrintable(text));
        QVERIFY(!store.entry(QStringLiteral("desk"), hostile).ok());
        QVERIFY2(
            window->statusBar()->currentMessage().contains(QStringLiteral("Test sync not written")),
            qPrintable(window->statusBar()->currentMessage()));

        // Two dialogs writing one after the other, before either is answered: each hears of
        // its own write.
        TestSyncDialog *second = runTestSync(window.get(), fake.baseUrl(), QStringLiteral("desk"),
                                             QStringLiteral("second"));
        QVERIFY(second && second != dialog);
        dialog->credentialEdit()->setText(QStringLiteral("first"));
        answerNextDialog(true);
        dialog->writeButton()->click();
        answerNextDialog(true);
        second->writeButton()->click();
        QVERIFY(says(QStringLiteral("Written to the cache for desk / first.")));
        QVERIFY(saysIn(second, QStringLiteral("Written to the cache for desk / second.")));
        dialog->close();
        second->close();
    }

    void aWrittenTestSyncIsAuditedWithTheOldAndTheNewOffset()
    {
        const auto running = startWorker();
        QVERIFY(running);
        StoreWorker *worker = running->worker();
        CacheStore direct(m_db->config());
        const auto page = direct.browse(BrowseRequest());
        QVERIFY(page.ok() && !page->entries.isEmpty());
        const CacheEntry e = page->entries.first();
        TimeSyncState state;
        state.timeOffsetMs = e.timeOffsetMs + 777;
        state.lastSyncTime = QDateTime::currentDateTimeUtc();
        test::ArrivalSpy finished(worker, &StoreWorker::actionFinished);
        worker->post(&StoreWorker::writeSync, quint64(1), e.userId, e.credentialId, e.exchange,
                     e.environment, state);
        QVERIFY(finished.waitFor(1, 20000));
        const auto log = direct.auditLog();
        QVERIFY(log.ok() && !log->isEmpty());
        QCOMPARE(log->constFirst().action, QStringLiteral("set"));
        const QJsonObject what =
            QJsonDocument::fromJson(log->constFirst().filter.toUtf8()).object();
        QCOMPARE(qint64(what.value(QStringLiteral("oldOffsetMs")).toDouble()), e.timeOffsetMs);
        QCOMPARE(qint64(what.value(QStringLiteral("newOffsetMs")).toDouble()),
                 e.timeOffsetMs + 777);
    }

    void testSyncNeverSaysAcceptForAnInvalidatedEntry()
    {
        test::FakeExchange fake;
        QVERIFY(fake.listen());
        fake.setSkewMs(1200);
        CacheEntry entry;
        entry.userId = QStringLiteral("u1");
        entry.credentialId = QStringLiteral("c1");
        entry.exchange = QStringLiteral("BYBIT");
        entry.environment = QStringLiteral("TESTNET");
        entry.timeOffsetMs = 1200; // right, but invalidated: no connector uses it
        entry.isValid = false;
        entry.lastSyncTime = QDateTime::currentDateTimeUtc();
        entry.expiresAt = entry.lastSyncTime.addSecs(900);
        TestSyncDialog dialog(&entry, true, QString());
        dialog.baseUrlEdit()->setText(fake.baseUrl().toString());
        dialog.run();
        QVERIFY(QTest::qWaitFor([&]() { return !dialog.isRunning(); }, 10000));
        QVERIFY2(dialog.lastResult().ok(), qPrintable(dialog.lastResult().errorMessage));
        const QString text = dialog.resultText()->toPlainText();
        QVERIFY2(!text.contains(QStringLiteral("would accept")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("invalidated")), qPrintable(text));
    }

    void exportStreamsEveryMatchingRow()
    {
        auto window = openWindow();
        QVERIFY(window);
        window->showPage(MainWindow::Page::Entries);
        window->filterEdit()->setText(QStringLiteral("exchange:bybit"));
        QVERIFY(QTest::qWaitFor(
            [&]() { return window->entryModel()->filter().exchange == QStringLiteral("BYBIT"); },
            5000));
        EntryFilter bybit;
        bybit.exchange = QStringLiteral("BYBIT");
        CacheStore direct(m_db->config());
        const qint64 expected = direct.count(bybit).value();
        QVERIFY(expected > EntryModel::kPageSize); // more than one page: not only the loaded rows
        QTemporaryDir dir;
        for (const QString &name :
             {QStringLiteral("entries.csv"), QStringLiteral("entries.json")}) {
            QSignalSpy done(window.get(), &MainWindow::actionCompleted);
            window->exportEntries(dir.filePath(name));
            QVERIFY(done.wait(20000));
            QCOMPARE(done.at(0).at(1).toLongLong(), expected);
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            if (name.endsWith(QLatin1String(".csv"))) {
                QCOMPARE(content.count('\n'), expected + 1); // header + rows
                QVERIFY(content.startsWith("userId,credentialId,cacheKey,exchange"));
                QVERIFY(!content.contains(",BINGX,"));
            } else {
                const QJsonDocument doc = QJsonDocument::fromJson(content);
                QVERIFY(doc.isArray());
                QCOMPARE(doc.array().size(), expected);
                const QJsonObject first = doc.array().at(0).toObject();
                QCOMPARE(first.value(QStringLiteral("exchange")).toString(),
                         QStringLiteral("BYBIT"));
                // One shape for an entry everywhere: the export is the CLI's toJson().
                const auto stored =
                    direct.entry(first.value(QStringLiteral("userId")).toString(),
                                 first.value(QStringLiteral("credentialId")).toString());
                QVERIFY(stored.ok());
                QCOMPARE(first, toJson(stored.value()));
            }
            // Audited: what (filter and format), how many rows and where to.
            const auto log = direct.auditLog();
            QVERIFY(log.ok());
            QVERIFY(!log->isEmpty());
            const AuditRecord &row = log->constFirst();
            QCOMPARE(row.action, QStringLiteral("export"));
            QCOMPARE(row.rowsAffected, expected);
            QCOMPARE(row.outcome, QStringLiteral("ok"));
            const QJsonObject what = QJsonDocument::fromJson(row.filter.toUtf8()).object();
            QCOMPARE(what.value(QStringLiteral("destination")).toString(), dir.filePath(name));
            QCOMPARE(what.value(QStringLiteral("format")).toString(),
                     name.endsWith(QLatin1String(".csv")) ? QStringLiteral("csv")
                                                          : QStringLiteral("json"));
            QCOMPARE(what.value(QStringLiteral("filter"))
                         .toObject()
                         .value(QStringLiteral("exchange"))
                         .toString(),
                     QStringLiteral("BYBIT"));
        }
    }

    void aSlowQueryNeverBlocksTheGuiThread()
    {
        if (!m_db->isPostgres())
            QSKIP("holds a PostgreSQL lock to make the worker's queries slow");
        auto window = openWindow();
        QVERIFY(window);
        window->showPage(MainWindow::Page::Entries);
        QVERIFY(waitForRows(window->entryModel(), 1000));
        // Another session holds the table: every query of the console's worker now waits.
        QSqlDatabase blocker =
            QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("blocker"));
        blocker.setDatabaseName(m_db->config().databaseName);
        blocker.setConnectOptions(m_db->config().postgresConnectOptions(5000));
        QVERIFY(blocker.open());
        QVERIFY(blocker.transaction());
        QSqlQuery lock(blocker);
        QVERIFY(
            lock.exec(QStringLiteral("LOCK TABLE connector_state_cache IN ACCESS EXCLUSIVE MODE")));
        window->refresh();
        window->filterEdit()->setText(QStringLiteral("exchange:bingx"));
        // The GUI thread keeps turning: a 10 ms timer never falls far behind.
        QElapsedTimer clock;
        clock.start();
        qint64 last = 0, worst = 0;
        QTimer probe;
        connect(&probe, &QTimer::timeout, [&]() {
            worst = std::max(worst, clock.elapsed() - last);
            last = clock.elapsed();
        });
        probe.start(10);
        QTest::qWait(1500);
        probe.stop();
        QVERIFY2(worst < 500, qPrintable(QString::number(worst)));
        blocker.rollback();
        blocker.close();
        blocker = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("blocker"));
        // Released: the filtered rows arrive.
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return window->entryModel()->filter().exchange == QStringLiteral("BINGX") &&
                       window->entryModel()->isCountKnown() && window->entryModel()->entryAt(0);
            },
            20000));
        QCOMPARE(window->entryModel()->entryAt(0)->exchange, QStringLiteral("BINGX"));
    }

    void aRunningQueryCanBeCancelled()
    {
        if (!m_db->isPostgres())
            QSKIP("cancelling is PostgreSQL's (PQcancel); SQLite's statements are local");
        const auto running = startWorker();
        QVERIFY(running);
        StoreWorker *worker = running->worker();
        QVERIFY(!worker->cancelRunningQuery()); // nothing runs: nothing to cancel
        // Another session holds the table: the worker's count waits on its lock.
        CacheStore holder(m_db->config());
        QCOMPARE(holder.open(), StoreError());
        QSqlQuery lock(test::StoreInternals::database(holder));
        QVERIFY(lock.exec(QStringLiteral("BEGIN")));
        QVERIFY(
            lock.exec(QStringLiteral("LOCK TABLE connector_state_cache IN ACCESS EXCLUSIVE MODE")));
        test::ArrivalSpy started(worker, &StoreWorker::browseStarted);
        test::ArrivalSpy failed(worker, &StoreWorker::failed);
        test::ArrivalSpy counted(worker, &StoreWorker::countLoaded);
        worker->post(&StoreWorker::loadCount, quint64(7), quint64(0), EntryFilter());
        QVERIFY(started.waitFor(1, 5000));
        // The statement is on its way to the server; cancel until the server has it.
        QElapsedTimer clock;
        clock.start();
        QVERIFY(QTest::qWaitFor([&]() { return worker->cancelRunningQuery(); }, 5000));
        QVERIFY(failed.waitFor(1, 5000));
        QVERIFY(clock.elapsed() < 3000); // long before the worker's 3 s statement bound
        QCOMPARE(failed.at(0).at(0).toULongLong(), quint64(7));
        QCOMPARE(failed.at(0).at(1).value<StoreError>().kind(), StoreError::Cancelled);
        QCOMPARE(counted.count(), 0);
        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        // The worker's connection survives the cancel: the next count is served.
        worker->post(&StoreWorker::loadCount, quint64(8), quint64(0), EntryFilter());
        QVERIFY(counted.waitFor(1, 5000));
        QCOMPARE(counted.at(0).at(1).toLongLong(), holder.count(EntryFilter()).value());
    }

    void losingTheDatabaseShowsABannerAndRecovers()
    {
        if (!m_db->isPostgres())
            QSKIP("stopping a server applies to PostgreSQL; SQLite files do not go away");
        auto window = openWindow();
        QVERIFY(window);
        QVERIFY(test::TestDatabase::stopServer(true));
        auto restart = qScopeGuard([]() { test::TestDatabase::startServer(); });
        window->refresh();
        QVERIFY(QTest::qWaitFor([&]() { return window->banner()->isVisible(); }, 20000));
        QVERIFY2(window->banner()->text().contains(QStringLiteral("Connection lost")),
                 qPrintable(window->banner()->text()));
        QVERIFY(window->entryModel()->isStale());
        QVERIFY(window->statusText().contains(QStringLiteral("connection lost")));
        QVERIFY(!window->entryView()->isEnabled()); // greyed like the dashboard
        QVERIFY(window->findChild<QLabel *>(QStringLiteral("statusLatency"))->text().isEmpty());
        QVERIFY(test::TestDatabase::startServer());
        // Retry now: straight away, not at the end of the countdown.
        window->banner()->findChild<QPushButton *>(QStringLiteral("retryButton"))->click();
        // Backoff 1 s, 2 s, ...: it comes back by itself, the data no longer stale.
        QVERIFY(QTest::qWaitFor([&]() { return !window->banner()->isVisible(); }, 30000));
        QVERIFY(QTest::qWaitFor([&]() { return !window->entryModel()->isStale(); }, 10000));
        QVERIFY(window->entryView()->isEnabled());
        QVERIFY(window->statusText().contains(QStringLiteral("connected")));
    }

    void settingsFileIsPrivateAndHoldsNoPassword()
    {
        ConnectionProfile p;
        p.name = QStringLiteral("prod");
        p.url = QStringLiteral("postgresql://ops:TopSecretPw@db.example.com/trading");
        p.tag = ConnectionProfile::Tag::Production;
        ProfileStore::save({p});
        QSettings settings;
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY(content.contains("db.example.com"));
        QVERIFY(!content.contains("TopSecretPw"));
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        QCOMPARE(ProfileStore::find(QStringLiteral("prod"))->tag,
                 ConnectionProfile::Tag::Production);
    }

    void executableWorksWithoutADisplay()
    {
        const QString exe =
            qEnvironmentVariable("CC_BINARY_DIR") + QStringLiteral("/bin/connector-cache-console");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        auto run = [&](const QStringList &args, QString *out, QString *err) {
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(exe, args);
            p.waitForFinished(20000);
            *out = QString::fromUtf8(p.readAllStandardOutput());
            *err = QString::fromUtf8(p.readAllStandardError());
            return p.exitCode();
        };
        QString out, err;
        QCOMPARE(run({QStringLiteral("--version")}, &out, &err), 0);
        QVERIFY(out.startsWith(QStringLiteral("connector-cache-console 0.")));
        QCOMPARE(run({QStringLiteral("--help")}, &out, &err), 0);
        QVERIFY(out.contains(QStringLiteral("--database URL")));
        QCOMPARE(run({}, &out, &err), 1);
        QVERIFY2(err.contains(QStringLiteral("no display")) &&
                     err.contains(QStringLiteral("connector-cache stats")) &&
                     err.contains(QStringLiteral("xvfb-run")),
                 qPrintable(err));
    }

    // Issue 19 -----------------------------------------------------------------------------

    void confirmationsSpeakInWords()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        auto window = openWindow();
        QVERIFY(window);
        window->showPage(MainWindow::Page::Entries);
        window->filterEdit()->setText(QStringLiteral("exchange:bingx state:expired"));
        QVERIFY(QTest::qWaitFor(
            [&]() {
                const EntryFilter f = window->entryModel()->filter();
                return f.exchange == QStringLiteral("BINGX") &&
                       f.state == EntryFilter::State::Expired;
            },
            5000));
        EntryFilter filter = window->entryModel()->filter();
        CacheStore direct(m_db->config());
        const qint64 previewed = direct.countInvalidatable(filter).value();
        QVERIFY(previewed > 3);
        // Between the preview and the run, three of the matching entries are invalidated
        // elsewhere: the status bar says why fewer rows changed than previewed.
        BrowseRequest request;
        request.filter = filter;
        request.limit = 3;
        const QList<CacheEntry> three = direct.browse(request)->entries;
        QCOMPARE(three.size(), 3);
        QString question;
        std::function<void()> answer = [&]() {
            auto *dialog = qobject_cast<ConfirmDialog *>(QApplication::activeModalWidget());
            if (!dialog) {
                QTimer::singleShot(10, answer);
                return;
            }
            question = dialog->findChild<QLabel *>(QStringLiteral("confirmQuestion"))->text();
            for (const CacheEntry &e : three)
                direct.invalidate(e.userId, e.credentialId);
            dialog->accept();
        };
        QTimer::singleShot(0, answer);
        QSignalSpy done(window.get(), &MainWindow::actionCompleted);
        window->invalidateMatching();
        QVERIFY(done.wait(20000));
        QVERIFY2(question.contains(QStringLiteral("exchange = BINGX, state = expired")),
                 qPrintable(question));
        QVERIFY2(!question.contains(QLatin1Char('{')), qPrintable(question));
        QCOMPARE(done.at(0).at(1).toLongLong(), previewed - 3);
        const QString status = window->statusBar()->currentMessage();
        QVERIFY2(status.startsWith(QStringLiteral("Invalidated %1 entries").arg(previewed - 3)),
                 qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("renewed, invalidated or locked meanwhile")),
                 qPrintable(status));
        QVERIFY2(!status.contains(QStringLiteral("invalidate-matching")), qPrintable(status));

        // The Activity page's Filter column in the same words, the whole text as its tooltip.
        window->showPage(MainWindow::Page::Activity);
        QStandardItemModel *audit = window->auditModel();
        QVERIFY(QTest::qWaitFor([&]() { return audit->rowCount() >= 1; }, 10000));
        bool found = false;
        for (int row = 0; row < audit->rowCount(); ++row) {
            const QStandardItem *item = audit->item(row, 6);
            if (item->text() == QStringLiteral("exchange = BINGX, state = expired")) {
                found = true;
                QCOMPARE(item->toolTip(), item->text());
            }
        }
        QVERIFY(found);

        // Thousands grouped, plural forms, and every finished action in words.
        QCOMPARE(Describe::actionDone(QStringLiteral("invalidate-matching"), 19106),
                 QStringLiteral("Invalidated 19,106 entries"));
        QVERIFY(Describe::previewDifference(QStringLiteral("invalidate-matching"), 19720, 19106)
                    .contains(QStringLiteral("19,720")));
        QVERIFY(Describe::previewDifference(QStringLiteral("cleanup"), 5, 5).isEmpty());
        QCOMPARE(
            Describe::auditFilter(QStringLiteral("[{\"userId\":\"u1\",\"credentialId\":\"c1\"}]")),
            QStringLiteral("user = u1, credential = c1"));
        QCOMPARE(Describe::filter(EntryFilter()), QStringLiteral("all entries"));
    }

    void cleanupPreviewSaysWhatItDeletes()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        CacheStore direct(m_db->config());
        // Some invalidated entries past their expiry, which cleanup deletes as well.
        EntryFilter bybit;
        bybit.exchange = QStringLiteral("BYBIT");
        bybit.state = EntryFilter::State::Expired;
        QVERIFY(direct.invalidateMatching(bybit).value() > 0);
        const qint64 deletes = direct.countExpired().value();
        EntryFilter expiredOnly;
        expiredOnly.state = EntryFilter::State::Expired;
        const qint64 expired = direct.count(expiredOnly).value();
        QVERIFY(expired > 0 && deletes > expired);

        auto window = openWindow();
        QVERIFY(window);
        // The dashboard's Expired card counts only the expired (not invalidated) and says that
        // cleanup deletes invalidated entries past their expiry too.
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return window->dashboard()->cardText(QStringLiteral("expired")) ==
                       QLocale().toString(expired);
            },
            20000));
        auto *card = window->dashboard()->findChild<QLabel *>(QStringLiteral("value_expired"));
        QVERIFY2(card->toolTip().contains(QStringLiteral("invalidated")),
                 qPrintable(card->toolTip()));

        QString question;
        answerNextDialog(false, QString(), &question);
        window->cleanupExpired();
        QVERIFY(QTest::qWaitFor([&]() { return !question.isEmpty(); }, 10000));
        QVERIFY2(question.contains(QStringLiteral("Delete %1 entries past their expiry")
                                       .arg(QLocale().toString(deletes))),
                 qPrintable(question));
        QVERIFY2(question.contains(QStringLiteral("%1 expired (as on the Expired card) and %2 "
                                                  "invalidated")
                                       .arg(QLocale().toString(expired))
                                       .arg(QLocale().toString(deletes - expired))),
                 qPrintable(question));
        QVERIFY(drainWorker(window->worker()));
        QCOMPARE(direct.countExpired().value(), deletes); // declined: nothing deleted
    }

    void numbersAreGroupedAndPluralised()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        MainWindow window; // installs the English plural forms
        QCOMPARE(Describe::actionDone(QStringLiteral("cleanup"), 1),
                 QStringLiteral("Deleted 1 expired entry"));
        QCOMPARE(Describe::actionDone(QStringLiteral("invalidate"), 1000000),
                 QStringLiteral("Invalidated 1,000,000 entries"));
        auto *count = window.entriesPage()->findChild<QLabel *>(QStringLiteral("countLabel"));
        QVERIFY(count);
        Q_EMIT window.entryModel()->countChanged(1);
        QCOMPARE(count->text(), QStringLiteral("1 entry"));
        Q_EMIT window.entryModel()->countChanged(1000000);
        QCOMPARE(count->text(), QStringLiteral("1,000,000 entries"));

        // Chart labels: the axis and bar labels of the expiry outlook carry group separators.
        CacheStats stats;
        stats.total = 1000000;
        stats.valid = 900000;
        stats.expiringIn5m = 3000;
        stats.expiringIn15m = 12000;
        stats.expiringIn60m = 48000;
        window.dashboard()->showData(stats, {}, {}, 15);
        QCOMPARE(window.dashboard()->cardText(QStringLiteral("entries")),
                 QStringLiteral("1,000,000"));
        QStringList labels;
        for (QChartView *view : window.dashboard()->charts()) {
            QVERIFY(view->chart()->localizeNumbers());
            for (QGraphicsItem *item : view->scene()->items()) {
                if (auto *text = dynamic_cast<QGraphicsTextItem *>(item))
                    labels << text->toPlainText();
                else if (auto *simple = dynamic_cast<QGraphicsSimpleTextItem *>(item))
                    labels << simple->text();
            }
        }
        window.show();
        QTest::qWait(50);
        for (QChartView *view : window.dashboard()->charts()) {
            for (QGraphicsItem *item : view->scene()->items()) {
                if (auto *text = dynamic_cast<QGraphicsTextItem *>(item))
                    labels << text->toPlainText();
            }
        }
        // 48,000 within the hour: the count axis ticks at 20,000 (localized, not blank: a "%d"
        // label format is left empty once numbers are localized).
        QVERIFY2(labels.contains(QStringLiteral("20,000")),
                 qPrintable(labels.join(QStringLiteral(" | "))));
        QVERIFY2(!labels.contains(QStringLiteral("12000")) &&
                     !labels.contains(QStringLiteral("48000")),
                 qPrintable(labels.join(QStringLiteral(" | "))));

        // A dialog is as wide as its title.
        const QString title = QStringLiteral("Invalidate all matching entries in production-eu");
        ConfirmDialog dialog(title, QStringLiteral("?"), QString());
        QVERIFY(dialog.minimumWidth() > dialog.fontMetrics().horizontalAdvance(title));
    }

    void userColumnFitsItsIds()
    {
        // Two users whose IDs differ only at their ends must be told apart on screen.
        CacheStore direct(m_db->config());
        const QString a = QStringLiteral("svc-eu-west-1-settlement-worker-0001");
        const QString b = QStringLiteral("svc-eu-west-1-settlement-worker-0002");
        TimeSyncState state;
        state.timeOffsetMs = 12;
        state.lastSyncTime = QDateTime::currentDateTimeUtc();
        QVERIFY(!direct.set(a, QStringLiteral("c1"), QStringLiteral("BYBIT"),
                            QStringLiteral("MAINNET"), state));
        QVERIFY(!direct.set(b, QStringLiteral("c1"), QStringLiteral("BYBIT"),
                            QStringLiteral("MAINNET"), state));
        auto window = openWindow();
        QVERIFY(window);
        window->showPage(MainWindow::Page::Entries);
        window->filterEdit()->setText(QStringLiteral("svc-eu-west"));
        EntryModel *model = window->entryModel();
        QVERIFY(waitForRows(model, 2));
        QVERIFY(QTest::qWaitFor([&]() { return model->entryAt(1) != nullptr; }, 10000));
        QTableView *view = window->entryView();
        QCOMPARE(view->textElideMode(), Qt::ElideMiddle);
        const int needed = view->fontMetrics().horizontalAdvance(a);
        QVERIFY(needed < EntriesPage::kUserColumnLimit); // else it would be elided, not fitted
        QVERIFY2(QTest::qWaitFor(
                     [&]() { return view->columnWidth(EntryModel::UserColumn) > needed; }, 5000),
                 qPrintable(QStringLiteral("%1 <= %2")
                                .arg(view->columnWidth(EntryModel::UserColumn))
                                .arg(needed)));
    }

    void profilesDialogMasksTestsAndFollowsEdits()
    {
        ConnectionProfile first;
        first.name = QStringLiteral("first");
        first.url = QStringLiteral("postgresql://ops@db1.example:5432/cache");
        ConnectionProfile here;
        here.name = QStringLiteral("here");
        here.url = m_db->url();
        here.tag = ConnectionProfile::Tag::Staging;
        ProfileStore::save({first, here});
        auto restore = qScopeGuard([]() { ProfileStore::save({}); });

        // Opens on the current profile.
        ProfilesDialog dialog(nullptr, QStringLiteral("here"));
        auto *list = dialog.findChild<QTableWidget *>(QStringLiteral("profileList"));
        auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"));
        auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("urlEdit"));
        auto *tag = dialog.findChild<QComboBox *>(QStringLiteral("tagCombo"));
        auto *password = dialog.findChild<QLineEdit *>(QStringLiteral("passwordEdit"));
        auto *notice = dialog.findChild<QLabel *>(QStringLiteral("passwordNotice"));
        auto *test = dialog.findChild<QPushButton *>(QStringLiteral("testConnectionButton"));
        auto *result = dialog.findChild<QLabel *>(QStringLiteral("testResult"));
        QVERIFY(list && name && url && tag && password && notice && test && result);
        dialog.show();
        QCOMPARE(list->currentRow(), 1);
        QCOMPARE(name->text(), QStringLiteral("here"));

        // Test connection says what it reached: server, role, schema, direct.
        test->click();
        QVERIFY(QTest::qWaitFor([&]() { return result->text().contains(QStringLiteral("direct")); },
                                20000));
        QVERIFY2(result->text().contains(m_db->isPostgres() ? QStringLiteral("PostgreSQL")
                                                            : QStringLiteral("SQLite")),
                 qPrintable(result->text()));
        QVERIFY2(result->text().contains(QStringLiteral("schema version")),
                 qPrintable(result->text()));
        QVERIFY2(!result->text().contains(QStringLiteral("pooled")), qPrintable(result->text()));
        if (m_db->isPostgres()) {
            // The same server named as pooled (pgbouncer=true): the test says so, not "direct".
            const QString pooledUrl =
                m_db->url() +
                (m_db->url().contains(QLatin1Char('?')) ? QStringLiteral("&")
                                                        : QStringLiteral("?")) +
                QStringLiteral("pgbouncer=true");
            url->setText(pooledUrl);
            Q_EMIT url->editingFinished();
            test->click();
            QVERIFY2(QTest::qWaitFor(
                         [&]() {
                             return test->isEnabled() &&
                                    result->text().contains(QStringLiteral("pooled connection"));
                         },
                         20000),
                     qPrintable(result->text()));
            QVERIFY2(!result->text().contains(QStringLiteral("direct")),
                     qPrintable(result->text()));
        }
        // A server that is not there: said so, in words.
        list->selectRow(0);
        url->setText(QStringLiteral("postgresql://ops@127.0.0.1:1/cache?connect_timeout=2"));
        test->click();
        QVERIFY(QTest::qWaitFor([&]() { return test->isEnabled(); }, 20000));
        QVERIFY2(!result->text().contains(QStringLiteral("direct")), qPrintable(result->text()));
        QVERIFY(!result->text().isEmpty());

        // The list follows the name and tag as they are edited.
        name->selectAll();
        QTest::keyClicks(name, QStringLiteral("renamed"));
        QCOMPARE(list->item(0, 0)->text(), QStringLiteral("renamed"));
        tag->setCurrentIndex(tag->findData(int(ConnectionProfile::Tag::Production)));
        QCOMPARE(list->item(0, 1)->text(),
                 ConnectionProfile::tagName(ConnectionProfile::Tag::Production));

        // The password field is masked; a password typed into the URL moves there, announced.
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QVERIFY(notice->isHidden());
        url->setText(QStringLiteral("postgresql://ops:s3cret@db1.example:5432/cache"));
        Q_EMIT url->editingFinished();
        QVERIFY2(!url->text().contains(QStringLiteral("s3cret")), qPrintable(url->text()));
        QCOMPARE(password->text(), QStringLiteral("s3cret"));
        QVERIFY(!notice->isHidden());
        QVERIFY2(notice->text().contains(QStringLiteral("password")), qPrintable(notice->text()));
    }

    void filterBoxFlagsRemembersAndClears()
    {
        auto window = openWindow();
        QVERIFY(window);
        window->showPage(MainWindow::Page::Entries);
        EntriesPage *page = window->entriesPage();
        EntryModel *model = window->entryModel();
        QVERIFY(waitForRows(model, 1000));

        // The state combo and state: agree, both ways.
        window->filterEdit()->setText(QStringLiteral("exchange:bybit state:expired"));
        page->applyFilter();
        QCOMPARE(window->stateCombo()->currentData().toInt(), int(EntryFilter::State::Expired));
        window->stateCombo()->setCurrentIndex(
            window->stateCombo()->findData(int(EntryFilter::State::Valid)));
        Q_EMIT window->stateCombo()->activated(window->stateCombo()->currentIndex());
        QCOMPARE(window->filterEdit()->text(), QStringLiteral("exchange:bybit state:valid"));
        QCOMPARE(model->filter().state, EntryFilter::State::Valid);
        CacheStore direct(m_db->config());
        QVERIFY(waitForRows(model, int(direct.count(model->filter()).value())));
        // A filter that matched is remembered, newest first.
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return page->recentFilters().value(0) ==
                       QStringLiteral("exchange:bybit state:valid");
            },
            5000));

        // An unknown value is flagged; the empty result says so and offers to clear.
        QVERIFY(page->filterWarning()->isHidden());
        window->filterEdit()->setText(QStringLiteral("exchange:kraken"));
        page->applyFilter();
        QVERIFY(!page->filterWarning()->isHidden());
        QVERIFY2(
            page->filterWarning()->text().contains(QStringLiteral("kraken"), Qt::CaseInsensitive),
            qPrintable(page->filterWarning()->text()));
        QVERIFY(waitForRows(model, 0));
        QVERIFY(QTest::qWaitFor([&]() { return page->noMatchesBar()->isVisible(); }, 5000));
        QVERIFY(!page->recentFilters().contains(QStringLiteral("exchange:kraken")));
        page->noMatchesBar()
            ->findChild<QPushButton *>(QStringLiteral("clearFilterButton"))
            ->click();
        QVERIFY(window->filterEdit()->text().isEmpty());
        QVERIFY(waitForRows(model, 1000));
        QVERIFY(QTest::qWaitFor([&]() { return page->noMatchesBar()->isHidden(); }, 5000));
        QVERIFY(page->filterWarning()->isHidden());

        // A filter saved under a name comes back from the Saved menu.
        page->saveFilter(QStringLiteral("stale bingx"), QStringLiteral("exchange:bingx before:2h"));
        auto *saved = page->findChild<QToolButton *>(QStringLiteral("savedFiltersButton"));
        QVERIFY(saved && saved->menu());
        Q_EMIT saved->menu()->aboutToShow();
        QAction *use = nullptr;
        for (QAction *a : saved->menu()->actions()) {
            if (a->text() == QStringLiteral("stale bingx"))
                use = a;
        }
        QVERIFY(use);
        use->trigger();
        QCOMPARE(window->filterEdit()->text(), QStringLiteral("exchange:bingx before:2h"));
        QCOMPARE(model->filter().exchange, QStringLiteral("BINGX"));
        QSettings().remove(QStringLiteral("savedFilters"));
    }

    void chartTooltipsFindTheNearestPoint()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        Dashboard dashboard;
        dashboard.resize(1200, 800);
        dashboard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
        QList<HistoryBucket> history;
        const qint64 bucketMs = 15 * 60 * 1000;
        const qint64 now = QDateTime::currentMSecsSinceEpoch() / bucketMs * bucketMs;
        for (int i = 95; i >= 0; --i) {
            HistoryBucket b;
            b.start = QDateTime::fromMSecsSinceEpoch(now - i * bucketMs, Qt::UTC);
            b.hits = 1000 + 40 * (i % 7);
            b.misses = 100 + i;
            history << b;
        }
        dashboard.showData(CacheStats(), history, {}, 15);
        QApplication::processEvents();
        QChartView *view = dashboard.trafficChart();
        QChart *chart = view->chart();
        QLineSeries *hits = nullptr;
        for (QAbstractSeries *s : chart->series()) {
            if (s->name() == QStringLiteral("Hits"))
                hits = qobject_cast<QLineSeries *>(s);
        }
        QVERIFY(hits);
        const QPointF point = hits->at(40);
        const QPoint onLine =
            view->mapFromScene(chart->mapToScene(chart->mapToPosition(point, hits)));
        // 20 px above the point (the old hover needed the mouse within 2 px of the line).
        const QString tip = dashboard.pointTipAt(view, onLine - QPoint(0, 20));
        QVERIFY2(
            tip.contains(QStringLiteral("Hits: %1").arg(QLocale().toString(qint64(point.y())))),
            qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral(",")), qPrintable(tip)); // 1,000 and up, grouped
        // Far from every point: no tooltip.
        QVERIFY(dashboard.pointTipAt(view, QPoint(1, 1)).isEmpty());
    }

    // A fresh cache (no entries, no history) draws its charts with real axes: the breakdown's
    // axis took its range from its bars, and with none QtCharts set [nan - nan] and warned.
    // With entries, the axis reaches the widest bar (valid + expired + invalidated).
    void emptyAndFullCachesDrawFiniteAxes()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral("NaN|nan|invalid range")));
        Dashboard dashboard;
        dashboard.resize(1200, 800);
        dashboard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
        const auto valueAxes = [&]() {
            QList<QValueAxis *> axes;
            for (QChartView *view : dashboard.charts()) {
                for (QAbstractAxis *axis : view->chart()->axes()) {
                    if (auto *value = qobject_cast<QValueAxis *>(axis))
                        axes << value;
                }
            }
            return axes;
        };
        dashboard.showData(CacheStats(), {}, {}, 15);
        QApplication::processEvents();
        QList<QValueAxis *> axes = valueAxes();
        QCOMPARE(axes.size(), 4); // hit rate, traffic, expiry, breakdown
        // And every axis labelled in whole numbers steps by whole numbers: an empty cache's
        // 0..1 read "0, 0, 0, 1, 1, 1" with QtCharts' default ticks.
        const auto wholeSteps = [](const QValueAxis *axis) {
            const double step = (axis->max() - axis->min()) / double(axis->tickCount() - 1);
            return step >= 1.0 && std::abs(step - std::round(step)) < 1e-9;
        };
        for (QValueAxis *axis : axes) {
            QVERIFY2(std::isfinite(axis->min()) && std::isfinite(axis->max()),
                     qPrintable(axis->titleText()));
            QVERIFY2(axis->max() > axis->min(), qPrintable(axis->titleText()));
            QCOMPARE(axis->labelFormat(), QStringLiteral("%.0f"));
            QVERIFY2(wholeSteps(axis), qPrintable(QStringLiteral("%1: %2..%3 in %4 ticks")
                                                      .arg(axis->titleText())
                                                      .arg(axis->min())
                                                      .arg(axis->max())
                                                      .arg(axis->tickCount())));
        }
        BreakdownRow row;
        row.exchange = QStringLiteral("BYBIT");
        row.environment = QStringLiteral("TESTNET");
        row.valid = 700;
        row.expired = 200;
        row.invalid = 100;
        row.total = 1000;
        dashboard.showData(CacheStats(), {}, {row}, 15);
        QApplication::processEvents();
        QValueAxis *breakdown = nullptr;
        for (QAbstractAxis *axis : dashboard.charts().last()->chart()->axes())
            breakdown = breakdown ? breakdown : qobject_cast<QValueAxis *>(axis);
        QVERIFY(breakdown);
        QCOMPARE(breakdown->min(), 0.0);
        QVERIFY2(breakdown->max() >= 1000.0, qPrintable(QString::number(breakdown->max())));
        QVERIFY(wholeSteps(breakdown));
    }

    void disconnectedLooksStaleAndOffersRetry()
    {
        // A server that is not there (nothing listens on port 1): the window counts down.
        MainWindow window;
        window.show();
        ConnectionProfile gone;
        gone.name = QStringLiteral("gone");
        gone.url = QStringLiteral("postgresql://ops@127.0.0.1:1/cache?connect_timeout=2");
        window.openProfile(gone);
        QVERIFY(QTest::qWaitFor([&]() { return window.banner()->isVisible(); }, 20000));
        QVERIFY2(window.banner()->text().contains(QStringLiteral("retrying in")),
                 qPrintable(window.banner()->text()));
        // Greyed like the dashboard, no round trip in the status bar, Retry now in the banner.
        QVERIFY(!window.entryView()->isEnabled());
        QVERIFY(window.entryModel()->isStale());
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("statusLatency"))->text().isEmpty());
        auto *retry = window.banner()->findChild<QPushButton *>(QStringLiteral("retryButton"));
        QVERIFY(retry && retry->isVisible());
        test::ArrivalSpy failed(window.worker(), &StoreWorker::openFailed);
        retry->click();
        QVERIFY2(window.banner()->text().contains(QStringLiteral("reconnecting")),
                 qPrintable(window.banner()->text()));
        QVERIFY(failed.waitFor(1, 20000)); // it did try at once
        window.worker()->requestCancel();
    }

    void theStatusBarsCancelStopsTheStatementOnTheServer()
    {
        if (!m_db->isPostgres())
            QSKIP("cancelling a statement is PostgreSQL's (PQcancel); SQLite's are local");
        auto window = openWindow();
        QVERIFY(window);
        window->showPage(MainWindow::Page::Entries);
        QVERIFY(waitForRows(window->entryModel(), 1000));
        QVERIFY(drainWorker(window->worker()));
        auto *indicator = window->findChild<QWidget *>(QStringLiteral("queryIndicator"));
        auto *cancel = window->findChild<QPushButton *>(QStringLiteral("cancelQueryButton"));
        QVERIFY(indicator && cancel);
        // Another session holds the table: the new filter's count waits on its lock, on the
        // server, for up to the worker's 3 s statement bound.
        CacheStore holder(m_db->config());
        QCOMPARE(holder.open(), StoreError());
        QSqlQuery lock(test::StoreInternals::database(holder));
        QVERIFY(lock.exec(QStringLiteral("BEGIN")));
        QVERIFY(
            lock.exec(QStringLiteral("LOCK TABLE connector_state_cache IN ACCESS EXCLUSIVE MODE")));
        test::ArrivalSpy started(window->worker(), &StoreWorker::browseStarted);
        window->filterEdit()->setText(QStringLiteral("exchange:bingx"));
        window->entriesPage()->applyFilter();
        QVERIFY(started.waitFor(1, 5000));
        QVERIFY(QTest::qWaitFor([&]() { return indicator->isVisible(); }, 5000));
        QTest::qWait(200); // the statement has reached the server and waits there
        QElapsedTimer clock;
        clock.start();
        cancel->click();
        // The lock is still held: the worker is free again only because the statement was
        // cancelled on the server, well before its own bound.
        QVERIFY(drainWorker(window->worker()));
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(!window->statusBar()->currentMessage().contains(QStringLiteral("canceling")),
                 qPrintable(window->statusBar()->currentMessage()));
        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
    }

    void aRunningQueryCanBeCancelledFromTheStatusBar()
    {
        auto window = openWindow();
        QVERIFY(window);
        window->showPage(MainWindow::Page::Entries);
        EntryModel *model = window->entryModel();
        QVERIFY(waitForRows(model, 1000));
        QVERIFY(drainWorker(window->worker()));
        auto *indicator = window->findChild<QWidget *>(QStringLiteral("queryIndicator"));
        auto *cancel = window->findChild<QPushButton *>(QStringLiteral("cancelQueryButton"));
        QVERIFY(indicator && cancel);
        QVERIFY(!indicator->isVisible());
        auto *updated = window->dashboard()->findChild<QLabel *>(QStringLiteral("updatedLabel"));
        // Hold the worker, as a slow query would: the new filter's count and page wait.
        QSemaphore gate;
        auto release = qScopeGuard([&gate]() { gate.release(); });
        QMetaObject::invokeMethod(
            window->worker(), [&gate]() { gate.tryAcquire(1, 20000); }, Qt::QueuedConnection);
        window->filterEdit()->setText(QStringLiteral("exchange:bingx"));
        window->entriesPage()->applyFilter();
        window->dashboard()->refreshNow();
        // The status bar offers to cancel once the query has run a moment.
        QVERIFY(QTest::qWaitFor([&]() { return indicator->isVisible(); }, 5000));
        updated->setText(QStringLiteral("before the cancel"));
        cancel->click();
        QVERIFY(!indicator->isVisible());
        QVERIFY(model->isAbandoned());
        QVERIFY2(window->statusBar()->currentMessage().contains(QStringLiteral("cancelled")),
                 qPrintable(window->statusBar()->currentMessage()));
        gate.release();
        QVERIFY(drainWorker(window->worker()));
        // The cancelled answers were dropped: no rows, no count, the dashboard untouched.
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(!model->isCountKnown());
        QCOMPARE(updated->text(), QStringLiteral("before the cancel"));
        // F5 asks again.
        window->refresh();
        CacheStore direct(m_db->config());
        EntryFilter bingx;
        bingx.exchange = QStringLiteral("BINGX");
        QVERIFY(waitForRows(model, int(direct.count(bingx).value())));
        QVERIFY(!model->isAbandoned());
    }
};

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
