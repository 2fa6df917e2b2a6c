// The console's clock health (issue 17), offscreen: the Clock view's offset chart, drift table,
// distributions and events for a sync log, its empty state, the entry browser's Ahead margin
// column (value, colour under the safety, not sortable) and the details pane's sync history
// chart. The store-backed tests write the log into a real database (SQLite and PostgreSQL) and
// read it back through the console's worker, as the console does.

#include "core/clock.h"
#include "core/connector/syncmetadata.h"
#include "core/store/cachestore.h"
#include "core/store/demosynclog.h"
#include "core/timesync/clockhealth.h"
#include "tests/support/arrivalspy.h"
#include "tests/support/fakeexchange/fakeexchange.h"
#include "tests/support/syncseries.h"
#include "tests/support/testdatabase.h"
#include "tests/ui/consolesuite.h"
#include "ui/clockpage.h"
#include "ui/entriespage.h"
#include "ui/entrymodel.h"
#include "ui/mainwindow.h"
#include "ui/profiles.h"
#include "ui/storeworker.h"
#include "ui/synchistorychart.h"
#include "ui/testsyncdialog.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QAreaSeries>
#include <QBarSeries>
#include <QBarSet>
#include <QBrush>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace cc;
using namespace cc::ui;

namespace {

// Demo credentials: a few per exchange/environment group.
QList<DemoCredential> demoCredentials(int count = 27)
{
    QList<DemoCredential> credentials;
    for (int i = 0; i < count; ++i) {
        const Exchange exchange = i % 3 == 1 ? Exchange::BingX : Exchange::Bybit;
        const Environment environment = i % 3 == 2 ? Environment::Testnet : Environment::Mainnet;
        credentials << DemoCredential{QStringLiteral("user%1_cred%1").arg(i), exchange,
                                      environment};
    }
    return credentials;
}

int rowWith(const QTableWidget *table, int column, const QString &text)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, column) && table->item(row, column)->text().contains(text))
            return row;
    }
    return -1;
}

// The drift table's row for a host's series of one group.
int driftRow(const QTableWidget *table, const QString &group, const QString &host)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, ClockPage::DriftExchange)->text() == group &&
            table->item(row, ClockPage::DriftHost)->text() == host)
            return row;
    }
    return -1;
}

CacheEntry entryWith(const QString &user, qint64 nowMs, qint64 ageMs, std::optional<double> bound)
{
    CacheEntry e;
    e.userId = user;
    e.credentialId = QStringLiteral("c");
    e.cacheKey = user + QStringLiteral("_c");
    e.exchange = QStringLiteral("BYBIT");
    e.environment = QStringLiteral("MAINNET");
    e.lastSyncTime = QDateTime::fromMSecsSinceEpoch(nowMs - ageMs, Qt::UTC);
    e.expiresAt = e.lastSyncTime.addSecs(900);
    if (bound)
        e.metadata = QJsonObject{
            {QStringLiteral("sync"), QJsonObject{{QStringLiteral("errorBoundMs"), *bound}}}};
    return e;
}

} // namespace

class TestClockView : public QObject, public test::ConsoleSuite
{
    Q_OBJECT

private:
    std::unique_ptr<MainWindow> openWindow()
    {
        auto window = std::make_unique<MainWindow>();
        ConnectionProfile profile;
        profile.name = QStringLiteral("clock-desk");
        profile.url = m_db->url();
        profile.tag = ConnectionProfile::Tag::Test;
        QSignalSpy connected(window.get(), &MainWindow::connected);
        window->openProfile(profile);
        window->resize(1400, 900);
        window->show();
        if (!connected.wait(20000))
            return nullptr;
        return window;
    }

    // Entries for the credentials (so that the events' links lead somewhere) and their log.
    QList<SyncLogRecord> writeDemoLog(qint64 now)
    {
        CacheStore store(m_db->config());
        const QList<DemoCredential> credentials = demoCredentials();
        for (const DemoCredential &c : credentials) {
            QString user, credential;
            if (!splitCacheKey(c.cacheKey, &user, &credential))
                return {};
            TimeSyncState state;
            state.timeOffsetMs = 40;
            state.metadata = QJsonObject{
                {QStringLiteral("sync"), QJsonObject{{QStringLiteral("errorBoundMs"), 20}}}};
            if (store.set(user, credential, exchangeName(c.exchange),
                          environmentName(c.environment), state))
                return {};
        }
        const QList<SyncLogRecord> log = demoSyncLog(now, credentials);
        for (const SyncLogRecord &r : log) {
            if (store.appendSyncLog(r))
                return {};
        }
        return log;
    }

private Q_SLOTS:
    void initTestCase() { prepareSuite("clock-test"); }

    void init()
    {
        const QString problem = prepareDatabase();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    void cleanup() { m_db.reset(); }

    // The log written into the store, read back by the console's worker: the Clock view shows
    // its series, drift and events, the entries' Ahead margin uses the measured drifts, and an
    // event leads to the entries it touched.
    void clockViewShowsTheStoresLog()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QList<SyncLogRecord> log = writeDemoLog(now);
        QVERIFY(!log.isEmpty());
        const ClockHealthReport expected = analyzeClockHealth(log);
        auto window = openWindow();
        QVERIFY(window);
        ClockPage *page = window->clockPage();
        page->rangeCombo()->setCurrentIndex(2); // the last 7 days: the whole log (36 h)
        window->showPage(MainWindow::Page::Clock);
        QVERIFY(QTest::qWaitFor([&]() { return page->records().size() == log.size(); }, 20000));
        QVERIFY(!page->isEmptyShown());
        // As read back: every row, in time order, with its numbers.
        QCOMPARE(page->records().first().offsetMs, log.first().offsetMs);
        QCOMPARE(page->records().last().atMs, log.last().atMs);
        QCOMPARE(page->driftTable()->rowCount(), expected.series.size());
        QCOMPARE(page->eventTable()->rowCount(), expected.events.size());
        const int row = driftRow(page->driftTable(), QStringLiteral("BYBIT MAINNET"),
                                 QStringLiteral("backtest-us-1"));
        QVERIFY(row >= 0);
        QVERIFY2(page->driftTable()
                     ->item(row, ClockPage::DriftValue)
                     ->text()
                     .startsWith(QStringLiteral("+15.")),
                 qPrintable(page->driftTable()->item(row, ClockPage::DriftValue)->text()));
        page->groupCombo()->setCurrentIndex(
            page->groupCombo()->findText(QStringLiteral("BYBIT MAINNET")));
        QCOMPARE(page->offsetChart()->hosts().size(), 3);
        QCOMPARE(page->offsetChart()->rejectionMarkers()->count(), 1);

        // The rejection's credential: in the Entries view, alone; its Ahead margin at the
        // measured drift of its host.
        const int rejection = rowWith(page->eventTable(), ClockPage::EventKind,
                                      QStringLiteral("Timestamp rejection"));
        QVERIFY(rejection >= 0);
        page->activateEvent(rejection);
        QCOMPARE(window->currentPage(), MainWindow::Page::Entries);
        QVERIFY2(window->filterEdit()->text().contains(QStringLiteral("user:")),
                 qPrintable(window->filterEdit()->text()));
        EntryModel *model = window->entryModel();
        QVERIFY(QTest::qWaitFor(
            [&]() { return model->isCountKnown() && model->rowCount() == 1 && model->entryAt(0); },
            20000));
        const QString tip =
            model->data(model->index(0, EntryModel::AheadMarginColumn), Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("measured drift")), qPrintable(tip));
    }

    void emptyStoreShowsHowTheLogFills()
    {
        auto window = openWindow();
        QVERIFY(window);
        QSignalSpy loaded(window->worker(), &StoreWorker::syncLogLoaded);
        window->showPage(MainWindow::Page::Clock);
        QVERIFY(QTest::qWaitFor([&]() { return !loaded.isEmpty(); }, 20000));
        QTest::qWait(50); // the answer reaches the page through the window's queued slot
        QVERIFY(window->clockPage()->isEmptyShown());
        QVERIFY(window->clockPage()->emptyState()->isVisible());
        QVERIFY(window->clockPage()->emptyState()->text().contains(
            QStringLiteral("connector-cache sync")));
    }

    // The entry browser's column over real entries: the value, red under the safety.
    void aheadMarginColumnInTheEntryBrowser()
    {
        CacheStore store(m_db->config());
        const QDateTime hourAgo = QDateTime::currentDateTimeUtc().addSecs(-3600);
        for (const auto &[user, bound] :
             {std::pair{QStringLiteral("narrow"), 600}, std::pair{QStringLiteral("roomy"), 100}}) {
            TimeSyncState state;
            state.lastSyncTime = hourAgo;
            state.metadata = QJsonObject{
                {QStringLiteral("sync"), QJsonObject{{QStringLiteral("errorBoundMs"), bound}}}};
            QCOMPARE(store.set(user, QStringLiteral("c1"), QStringLiteral("BYBIT"),
                               QStringLiteral("MAINNET"), state, std::chrono::hours(2)),
                     StoreError());
        }
        auto window = openWindow();
        QVERIFY(window);
        window->showPage(MainWindow::Page::Entries);
        EntryModel *model = window->entryModel();
        QVERIFY(QTest::qWaitFor(
            [&]() { return model->rowCount() == 2 && model->entryAt(0) && model->entryAt(1); },
            20000));
        const int narrow = model->rowOf(QStringLiteral("narrow"), QStringLiteral("c1"));
        const int roomy = model->rowOf(QStringLiteral("roomy"), QStringLiteral("c1"));
        const int col = EntryModel::AheadMarginColumn;
        auto margin = [&](int row) {
            QString text = model->data(model->index(row, col)).toString();
            return text.remove(QStringLiteral(" ms")).remove(QLatin1Char(',')).toDouble();
        };
        // 1000 − (600 + 50 ms/h × 1 h) = 350; 1000 − (100 + 50) = 850 (a few ms less as the
        // test runs).
        QVERIFY2(std::abs(margin(narrow) - 350) <= 2, qPrintable(QString::number(margin(narrow))));
        QVERIFY2(std::abs(margin(roomy) - 850) <= 2, qPrintable(QString::number(margin(roomy))));
        QCOMPARE(model->data(model->index(narrow, col), Qt::ForegroundRole).value<QBrush>().color(),
                 QColor(0xd0, 0x3b, 0x3b));
        QVERIFY(!model->data(model->index(roomy, col), Qt::ForegroundRole).isValid());
        // A click on its header leaves the sort where it was.
        QTableView *view = window->entryView();
        const int section = view->horizontalHeader()->sortIndicatorSection();
        view->horizontalHeader()->setSortIndicator(col, Qt::DescendingOrder);
        QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), section);
    }

    // The details pane's chart: the selected credential's own syncs from the store.
    void detailsPaneChartsTheCredentialsSyncs()
    {
        CacheStore store(m_db->config());
        QCOMPARE(store.set(QStringLiteral("u1"), QStringLiteral("c1"), QStringLiteral("BYBIT"),
                           QStringLiteral("MAINNET"), TimeSyncState()),
                 StoreError());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QList<qint64> offsets;
        for (int i = 0; i < 8; ++i) {
            SyncLogRecord r;
            r.atMs = now - (8 - i) * 900'000;
            r.identity = i < 5 ? CacheStore::cacheKey(QStringLiteral("u1"), QStringLiteral("c1"))
                               : QStringLiteral("other_c9");
            r.exchange = Exchange::Bybit;
            r.environment = Environment::Mainnet;
            r.baseUrl = QStringLiteral("https://api.bybit.com");
            r.hostName = QStringLiteral("desk-1");
            r.offsetMs = 30 + 3 * i;
            r.errorBoundMs = 12.5;
            r.rttMs = 25;
            r.samples = 5;
            if (i < 5)
                offsets << r.offsetMs;
            QCOMPARE(store.appendSyncLog(r), StoreError());
        }
        auto window = openWindow();
        QVERIFY(window);
        window->showPage(MainWindow::Page::Entries);
        EntryModel *model = window->entryModel();
        QVERIFY(
            QTest::qWaitFor([&]() { return model->rowCount() == 1 && model->entryAt(0); }, 20000));
        window->entryView()->selectRow(0);
        SyncHistoryChart *chart = window->entriesPage()->syncHistoryChart();
        QVERIFY(QTest::qWaitFor([&]() { return !chart->hosts().isEmpty(); }, 20000));
        QLineSeries *line = chart->offsetSeries(QStringLiteral("desk-1"));
        QVERIFY(line);
        QCOMPARE(line->count(), offsets.size());
        for (int i = 0; i < offsets.size(); ++i)
            QCOMPARE(line->at(i).y(), double(offsets.at(i)));
        QCOMPARE(chart->boundBand(QStringLiteral("desk-1"))->upperSeries()->at(0).y(),
                 double(offsets.first()) + 12.5);
    }

    // The console's test sync appends its result to the log, source "console".
    void testSyncIsLogged()
    {
        test::FakeExchange fake;
        QVERIFY(fake.listen());
        fake.setSkewMs(700);
        auto window = openWindow();
        QVERIFY(window);
        TestSyncDialog *dialog = runTestSync(window.get(), fake.baseUrl());
        QVERIFY(dialog);
        CacheStore store(m_db->config());
        QList<SyncLogRecord> rows;
        QVERIFY(QTest::qWaitFor(
            [&]() {
                rows = store.syncLog(SyncLogQuery()).value();
                return !rows.isEmpty();
            },
            10000));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().source, SyncSource::Console);
        QVERIFY(rows.first().isOkSync());
        QCOMPARE(rows.first().offsetMs, dialog->lastResult().offsetMs);
        QCOMPARE(rows.first().baseUrl, fake.baseUrl().toString());
        QVERIFY(!rows.first().hostName.isEmpty());
        dialog->close();
    }

    // A test sync written to the cache carries this host's drift as its sync log measures it,
    // as `sync --save` writes it (issue 17): connectors then plan with the measured drift.
    void testSyncWriteCarriesTheHostDrift()
    {
        test::FakeExchange fake;
        QVERIFY(fake.listen());
        const QString baseUrl = fake.baseUrl().toString();
        {
            CacheStore seed(m_db->config());
            for (const SyncLogRecord &r : test::driftingSyncs(
                     QStringLiteral("desk_drift"), baseUrl, SyncSource::Console, 25.0, 40, 2.0, 5))
                QCOMPARE(seed.appendSyncLog(r), StoreError());
        }
        // The console's worker alone (the window would react to an action it did not start).
        const auto running = startWorker();
        QVERIFY(running);
        StoreWorker *worker = running->worker();
        SyncResult result;
        result.exchange = Exchange::Bybit;
        result.environment = Environment::Testnet;
        result.offsetMs = 0;
        result.errorBoundMs = 2.0;
        result.rttMs = 4.0;
        result.samplesUsed = 5;
        result.finishedAtMs = QDateTime::currentMSecsSinceEpoch();
        const TimeSyncState state = syncCacheState(result, QStringLiteral("console test sync"));
        QVERIFY(!readSyncMetadata(state.metadata).driftPpm); // the dialog's state has none
        test::ArrivalSpy finished(worker, &StoreWorker::actionFinished);
        worker->post(&StoreWorker::writeSync, quint64(1) << 40, QStringLiteral("desk"),
                     QStringLiteral("drift"), QStringLiteral("BYBIT"), QStringLiteral("TESTNET"),
                     state);
        QVERIFY(finished.waitFor(1, 10000));
        QCOMPARE(finished.at(0).at(3).value<StoreError>(), StoreError());
        CacheStore store(m_db->config());
        const auto written = store.entry(QStringLiteral("desk"), QStringLiteral("drift"));
        QVERIFY(written.ok());
        const SyncMetadata metadata = readSyncMetadata(written->metadata);
        QVERIFY(metadata.driftPpm.has_value());
        QVERIFY2(qAbs(*metadata.driftPpm - 25.0) < 2.0,
                 qPrintable(QString::number(*metadata.driftPpm)));
        QVERIFY(metadata.driftPpmError.has_value());
        QCOMPARE(written->timeOffsetMs, 0);
    }

    // The demo database comes with a log the Clock view has something to say about.
    void demoDataHasASyncLog()
    {
        CacheStore store(m_db->config());
        QCOMPARE(store.fillDemo(600, 3).value(), 600);
        SyncLogQuery all;
        all.limit = 100000;
        const QList<SyncLogRecord> log = store.syncLog(all).value();
        QVERIFY(log.size() > 500);
        const ClockHealthReport report = analyzeClockHealth(log);
        QSet<QString> kinds;
        bool wide = false;
        for (const ClockEvent &e : report.events) {
            kinds << clockEventKindName(e.kind);
            wide = wide || e.exchangeWide;
        }
        QVERIFY(wide);
        QCOMPARE(kinds, (QSet<QString>{QStringLiteral("exchange-step"), QStringLiteral("host-step"),
                                       QStringLiteral("reboot"), QStringLiteral("rejection")}));
        int known = 0;
        for (const SeriesHealth &s : report.series)
            known += s.drift.known ? 1 : 0;
        QCOMPARE(known, report.series.size());
        // The logged identities are the demo's entries (valid ones, when written).
        QSet<QString> identities;
        for (const SyncLogRecord &r : log)
            identities << r.identity;
        for (const QString &identity : std::as_const(identities)) {
            QString user, credential;
            QVERIFY(splitCacheKey(identity, &user, &credential));
            QVERIFY2(store.entry(user, credential).ok(), qPrintable(identity));
        }
    }

    // The demo log through the Clock view: a line and band per host, the steps marked, the
    // drift per host within its uncertainty, the distributions and the events in words.
    void clockViewShowsTheLogsSeriesDriftAndEvents()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QList<SyncLogRecord> log = demoSyncLog(now, demoCredentials());
        const ClockHealthReport report = analyzeClockHealth(log);
        ClockPage page;
        page.resize(1400, 900);
        page.showData(log, report, false);
        QVERIFY(!page.isEmptyShown());

        // The groups, and BINGX MAINNET's offset chart: three hosts, each as many points as
        // it had ok syncs, each point a logged offset, the band offset ± bound.
        QCOMPARE(page.groupCombo()->count(), 3);
        page.groupCombo()->setCurrentIndex(
            page.groupCombo()->findText(QStringLiteral("BINGX MAINNET")));
        SyncHistoryChart *chart = page.offsetChart();
        QStringList hosts = chart->hosts();
        hosts.sort();
        QCOMPARE(hosts, (QStringList{QStringLiteral("backtest-us-1"), QStringLiteral("trade-eu-1"),
                                     QStringLiteral("trade-eu-2")}));
        QList<SyncLogRecord> eu1;
        for (const SyncLogRecord &r : log) {
            if (r.isOkSync() && r.exchange == Exchange::BingX &&
                r.environment == Environment::Mainnet && r.hostName == QStringLiteral("trade-eu-1"))
                eu1 << r;
        }
        QLineSeries *line = chart->offsetSeries(QStringLiteral("trade-eu-1"));
        QVERIFY(line);
        QCOMPARE(line->count(), eu1.size());
        QCOMPARE(line->at(0).y(), double(eu1.first().offsetMs));
        QCOMPARE(line->at(line->count() - 1).y(), double(eu1.last().offsetMs));
        QAreaSeries *band = chart->boundBand(QStringLiteral("trade-eu-1"));
        QVERIFY(band);
        QCOMPARE(band->upperSeries()->at(5).y(),
                 double(eu1.at(5).offsetMs) + eu1.at(5).errorBoundMs);
        QCOMPARE(band->lowerSeries()->at(5).y(),
                 double(eu1.at(5).offsetMs) - eu1.at(5).errorBoundMs);
        // The exchange-wide step (marked once), the host step of backtest-us-1 and the reboot of
        // trade-eu-2.
        QCOMPARE(chart->stepMarkers()->count(), 3);
        QCOMPARE(chart->rejectionMarkers()->count(), 0);
        // On BYBIT MAINNET: the host step and the reboot, and the rejection.
        page.groupCombo()->setCurrentIndex(
            page.groupCombo()->findText(QStringLiteral("BYBIT MAINNET")));
        QCOMPARE(chart->rejectionMarkers()->count(), 1);
        QCOMPARE(chart->stepMarkers()->count(), 2);

        // Drift per host: each within its stated uncertainty of the demo's drift.
        QTableWidget *drift = page.driftTable();
        QCOMPARE(drift->rowCount(), 9);
        static const QRegularExpression ppm(QStringLiteral("^(\\S+) ± (\\S+) ppm$"));
        for (int h = 0; h < 3; ++h) {
            const int row = driftRow(drift, QStringLiteral("BYBIT MAINNET"),
                                     QLatin1String(demoSyncLogFacts::hosts[h]));
            QVERIFY(row >= 0);
            const QString text = drift->item(row, ClockPage::DriftValue)->text();
            const auto match = ppm.match(text);
            QVERIFY2(match.hasMatch(), qPrintable(text));
            const double value =
                match.captured(1).replace(QStringLiteral("−"), QStringLiteral("-")).toDouble();
            const double error = match.captured(2).toDouble();
            QVERIFY2(std::abs(value - demoSyncLogFacts::driftPpm[h]) <= error + 0.01,
                     qPrintable(text));
            QCOMPARE(drift->item(row, ClockPage::DriftSyncs)->text(), QStringLiteral("144"));
        }

        // Distributions per exchange: every ok sync counted once, per exchange.
        for (QChartView *view : {page.rttChart(), page.boundChart()}) {
            const auto series = view->chart()->series();
            QCOMPARE(series.size(), 1);
            auto *bars = qobject_cast<QBarSeries *>(series.first());
            QVERIFY(bars);
            QCOMPARE(bars->count(), 2); // BINGX and BYBIT
            qreal total = 0;
            for (QBarSet *set : bars->barSets())
                total += set->sum();
            int ok = 0;
            for (const SyncLogRecord &r : log)
                ok += r.isOkSync() ? 1 : 0;
            QCOMPARE(int(total), ok);
        }

        // The events, in words, newest first.
        QTableWidget *events = page.eventTable();
        QCOMPARE(events->rowCount(), report.events.size());
        const int wide = rowWith(events, ClockPage::EventKind, QStringLiteral("exchange-wide"));
        QVERIFY(wide >= 0);
        QVERIFY(events->item(wide, ClockPage::EventKind)
                    ->text()
                    .startsWith(QStringLiteral("Exchange clock step")));
        QCOMPARE(events->item(wide, ClockPage::EventHosts)->text(), QStringLiteral("3 hosts"));
        QVERIFY(rowWith(events, ClockPage::EventKind, QStringLiteral("Host clock step")) >= 0);
        QVERIFY(rowWith(events, ClockPage::EventKind, QStringLiteral("Host reboot")) >= 0);
        const int rejection = rowWith(events, ClockPage::EventKind,
                                      QStringLiteral("Timestamp rejection (code 10002)"));
        QVERIFY(rejection >= 0);
        QCOMPARE(events->item(rejection, ClockPage::EventEntries)->text(), QStringLiteral("1"));

        // Activating an event asks for the entries it touched; selecting it lists them.
        QSignalSpy asked(&page, &ClockPage::entriesRequested);
        page.activateEvent(rejection);
        QCOMPARE(asked.size(), 1);
        const QStringList identities = asked.at(0).at(0).toStringList();
        QCOMPARE(identities.size(), 1);
        QCOMPARE(asked.at(0).at(1).toString(), QStringLiteral("BYBIT"));
        events->selectRow(wide);
        QVERIFY(page.touchedTable()->rowCount() > 1);
        QCOMPARE(page.touchedTable()->rowCount(),
                 events->item(wide, ClockPage::EventEntries)->text().toInt());
    }

    void emptyLogSaysHowItFills()
    {
        ClockPage page;
        page.showData({}, {}, false);
        QVERIFY(page.isEmptyShown());
        const QString text = page.emptyState()->text();
        QVERIFY2(text.contains(QStringLiteral("connector-cache sync")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Test sync")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("connector")), qPrintable(text));
    }

    void splitCacheKeyInvertsTheStoresKeys()
    {
        QString user, credential;
        QVERIFY(splitCacheKey(QStringLiteral("u1_c1"), &user, &credential));
        QCOMPARE(user, QStringLiteral("u1"));
        QCOMPARE(credential, QStringLiteral("c1"));
        QVERIFY(splitCacheKey(QStringLiteral("a%5Fb_c%25d"), &user, &credential));
        QCOMPARE(user, QStringLiteral("a_b"));
        QCOMPARE(credential, QStringLiteral("c%d"));
        QVERIFY(!splitCacheKey(QStringLiteral("nounderscore"), &user, &credential));
    }

    // The Ahead margin column: 1000 − (bound + drift × age) at the default drift or the
    // measured one, red under the safety, "–" without a bound, not sortable.
    void aheadMarginColumnValueColourAndSort()
    {
        ManualClock clock(1'780'000'000'000);
        const qint64 now = clock.nowMs();
        EntryModel model(&clock);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload();
        const quint64 token = model.generation() << 24;
        model.onPageLoaded(token, 0,
                           {entryWith(QStringLiteral("fresh"), now, 30 * 60'000, 100.0),
                            entryWith(QStringLiteral("wide"), now, 3'600'000, 600.0),
                            entryWith(QStringLiteral("bare"), now, 60'000, std::nullopt)},
                           QString());
        model.onCountLoaded(token, 3);
        QCOMPARE(model.rowCount(), 3);
        const int col = EntryModel::AheadMarginColumn;
        QCOMPARE(model.headerData(col, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Ahead margin"));
        QVERIFY(model.headerData(col, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Not sortable")));
        // 1000 − (100 + 50 × 0.5) = 875; 1000 − (600 + 50) = 350, under 500: red.
        QCOMPARE(model.data(model.index(0, col)).toString(), QStringLiteral("875 ms"));
        QVERIFY(!model.data(model.index(0, col), Qt::ForegroundRole).isValid());
        QCOMPARE(model.data(model.index(1, col)).toString(), QStringLiteral("350 ms"));
        QCOMPARE(model.data(model.index(1, col), Qt::ForegroundRole).value<QBrush>().color(),
                 QColor(0xd0, 0x3b, 0x3b));
        QCOMPARE(model.data(model.index(2, col)).toString(), QStringLiteral("–"));
        // A measured drift of the entry's series replaces the default: 1000 − (100 + 800 × 0.5).
        model.setPlanningDrifts({{QStringLiteral("fresh_c"), 800.0}});
        QCOMPARE(model.data(model.index(0, col)).toString(), QStringLiteral("500 ms"));
        QVERIFY(model.data(model.index(0, col), Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("measured drift")));
        model.setPlanningDrifts({{QStringLiteral("fresh_c"), 820.0}});
        QVERIFY(model.data(model.index(0, col), Qt::ForegroundRole).isValid()); // 490: red
        // The margin moves with the clock.
        model.setPlanningDrifts({});
        clock.advanceMs(3'600'000); // 1000 − (100 + 50 × 1.5) = 825
        QCOMPARE(model.data(model.index(0, col)).toString(), QStringLiteral("825 ms"));
        // Not sortable: asking to sort by it changes nothing.
        const SortColumn before = model.sortColumn();
        const quint64 generation = model.generation();
        model.sort(col, Qt::DescendingOrder);
        QCOMPARE(model.sortColumn(), before);
        QCOMPARE(model.generation(), generation);
    }

    void syncHistoryChartDrawsOneCredentialsSyncs()
    {
        SyncHistoryChart chart(QStringLiteral("t"));
        QList<SyncLogRecord> records;
        for (int i = 0; i < 6; ++i) {
            SyncLogRecord r;
            r.atMs = 1'780'000'000'000 + i * 900'000;
            r.identity = QStringLiteral("u_c");
            r.hostName = QStringLiteral("h1");
            r.offsetMs = 40 + i;
            r.errorBoundMs = 10 + i;
            records << r;
        }
        records[3].outcome = SyncResult::Error::Timeout; // a failed sync: no point
        chart.setRecords(records);
        QCOMPARE(chart.hosts(), QStringList{QStringLiteral("h1")});
        QLineSeries *line = chart.offsetSeries(QStringLiteral("h1"));
        QCOMPARE(line->count(), 5);
        QCOMPARE(line->at(3).y(), 44.0);
        QCOMPARE(chart.boundBand(QStringLiteral("h1"))->upperSeries()->at(3).y(), 58.0);
        chart.setRecords({});
        QVERIFY(chart.hosts().isEmpty());
    }
};

QTEST_MAIN(TestClockView)
#include "tst_clockview.moc"
