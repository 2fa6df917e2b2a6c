// The console's clock health (issue 17), offscreen: the Clock view's offset chart, drift table,
// distributions and events for a sync log, its empty state, the entry browser's Ahead margin
// column (value, colour under the safety, not sortable) and the details pane's sync history
// chart. The store-backed tests write the log into a real database (SQLite and PostgreSQL) and
// read it back through the console's worker, as the console does.

#include "core/clock.h"
#include "core/store/demosynclog.h"
#include "core/timesync/clockhealth.h"
#include "ui/clockpage.h"
#include "ui/entrymodel.h"
#include "ui/synchistorychart.h"

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
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

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

class TestClockView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QApplication::setOrganizationName(QStringLiteral("cc-clock-test")); }

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
