// connector-cache-console-bench: the console's memory with 1,000 and with 1,000,000 entries in
// the browser, and the longest GUI-thread stall while browsing, measured by an event-loop
// latency probe (a 5 ms timer whose lateness is the time the GUI thread was busy).
// Each size runs in a child process of its own so that the resident sizes do not mix.
// Also the jump to the middle of the rows (issue 15, severe 3): a plain OFFSET page against a
// seek from the nearest milestone, by cache key and by hit count, and the console's own jump
// once its milestones are in. `--jump-url URL` measures the store's part alone on an existing
// database (e.g. PostgreSQL filled with generate_series).
// Prints figures; asserts nothing.

#include "core/store/cachestore.h"
#include "ui/entrymodel.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

double rssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

void fill(const QString &path, qint64 rows)
{
    {
        cc::CacheStore store(
            cc::DatabaseConfig::fromUrl(QStringLiteral("sqlite://") + path, nullptr));
        store.migrate();
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fill"));
    db.setDatabaseName(path);
    db.open();
    QSqlQuery q(db);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    q.prepare(QStringLiteral(
        "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < ?) "
        "INSERT INTO connector_state_cache (\"id\", \"cacheKey\", \"userId\", \"credentialId\", "
        "\"exchange\", \"environment\", \"timeOffset\", \"lastSyncTime\", \"isValid\", "
        "\"expiresAt\", \"hitCount\", \"metadata\", \"createdAt\", \"updatedAt\") "
        "SELECT 'b' || g, 'u' || (g % 50000) || '_c' || g, 'u' || (g % 50000), 'c' || g, "
        "CASE WHEN g % 3 = 0 THEN 'BINGX' ELSE 'BYBIT' END, 'MAINNET', (g % 400) - 200, "
        "? - (g % 600) * 1000, g % 10 <> 0, ? + 900000 - (g % 600) * 1000, g % 50, NULL, ?, ? FROM "
        "s"));
    for (const QVariant &v :
         {QVariant(rows), QVariant(now), QVariant(now), QVariant(now), QVariant(now)})
        q.addBindValue(v);
    q.exec();
    q.finish();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("fill"));
}

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

// The jump to the middle as the browser made it (OFFSET) and as it makes it now (a seek from
// the nearest milestone plus an offset under K), and what the milestones cost once.
QJsonObject jumpFigures(cc::CacheStore &store)
{
    QJsonObject out;
    const qint64 rows = store.count(cc::EntryFilter()).value();
    const qint64 middle = rows / 2 / cc::ui::EntryModel::kPageSize * cc::ui::EntryModel::kPageSize +
                          3 * cc::ui::EntryModel::kPageSize; // not on a milestone
    // As the console picks it (EntryModel::requestMilestones()).
    constexpr qint64 page = cc::ui::EntryModel::kPageSize;
    const qint64 wanted = std::max<qint64>(cc::ui::EntryModel::kMilestoneMinEvery,
                                           (rows + cc::ui::EntryModel::kMaxMilestones - 1) /
                                               cc::ui::EntryModel::kMaxMilestones);
    const qint64 every = (wanted + page - 1) / page * page;
    for (cc::SortColumn column : {cc::SortColumn::CacheKey, cc::SortColumn::HitCount}) {
        cc::BrowseRequest request;
        request.sortColumn = column;
        request.limit = cc::ui::EntryModel::kPageSize;
        request.offset = middle;
        QElapsedTimer t;
        t.start();
        auto plain = store.browse(request);
        const double offsetMs = msSince(t);
        t.restart();
        auto milestones = store.browseMilestones(request.filter, column, request.sortOrder, every);
        const double milestonesMs = msSince(t);
        if (!plain.ok() || !milestones.ok())
            return out;
        const cc::BrowseMilestone *from = cc::nearestMilestone(milestones.value(), middle);
        request.after = from ? from->cursor : QString();
        request.offset = middle - (from ? from->position : 0);
        t.restart();
        auto seek = store.browse(request);
        const double seekMs = msSince(t);
        const bool same = seek.ok() && !seek->entries.isEmpty() && !plain->entries.isEmpty() &&
                          seek->entries.constFirst().id == plain->entries.constFirst().id &&
                          seek->entries.constLast().id == plain->entries.constLast().id;
        out.insert(cc::sortColumnName(column),
                   QJsonObject{{QStringLiteral("row"), middle},
                               {QStringLiteral("offset_page_ms"), offsetMs},
                               {QStringLiteral("milestones_ms"), milestonesMs},
                               {QStringLiteral("milestones"), qint64(milestones->size())},
                               {QStringLiteral("every"), every},
                               {QStringLiteral("seek_page_ms"), seekMs},
                               {QStringLiteral("seek_skipped"), request.offset},
                               {QStringLiteral("same_rows"), same}});
    }
    return out;
}

int child(qint64 rows)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("console-bench.db"));
    fill(path, rows);
    cc::ui::MainWindow window;
    cc::ui::ConnectionProfile profile;
    profile.name = QStringLiteral("bench");
    profile.url = QStringLiteral("sqlite://") + path;
    window.show();
    window.openProfile(profile);
    (void)QTest::qWaitFor([&]() { return window.isConnected(); }, 60000);
    window.tabs()->setCurrentIndex(1);
    cc::ui::EntryModel *model = window.entryModel();
    (void)QTest::qWaitFor([&]() { return model->isCountKnown() && model->rowCount() == rows; },
                          120000);
    QElapsedTimer firstPage;
    firstPage.start();
    (void)QTest::qWaitFor([&]() { return model->entryAt(0) != nullptr; }, 60000);
    const double rssLoaded = rssMb();

    // The probe: a 5 ms timer; any lateness beyond that is time the GUI thread was blocked.
    std::vector<double> stalls;
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&]() {
        const qint64 t = clock.nsecsElapsed();
        stalls.push_back(std::max(0.0, double(t - last) / 1e6 - 5.0));
        last = t;
    });
    probe.start(5);
    QScrollBar *bar = window.entryView()->verticalScrollBar();
    QRandomGenerator rng(7);
    // Scroll like a person: small steps, page jumps, and drags far away; wait for the rows.
    for (int i = 0; i < 150; ++i) {
        int target;
        if (i % 10 == 0)
            target = int(rng.bounded(bar->maximum() + 1));
        else
            target = std::min(bar->maximum(), bar->value() + (i % 3 == 0 ? bar->pageStep() : 3));
        bar->setValue(target);
        const QModelIndex top = window.entryView()->indexAt(QPoint(1, 1));
        (void)QTest::qWaitFor(
            [&]() { return !top.isValid() || model->entryAt(top.row()) != nullptr; }, 10000);
        QTest::qWait(10);
    }
    probe.stop();
    const double rssAfter = rssMb();

    // The console's jump to the middle once its milestones are in (1M rows: ~1,000 of them).
    (void)QTest::qWaitFor([&]() { return !model->milestones().isEmpty(); }, 120000);
    const int middleRow = int(rows / 2) + 17;
    QElapsedTimer jump;
    jump.start();
    window.entryView()->scrollTo(model->index(middleRow, 0), QAbstractItemView::PositionAtTop);
    (void)QTest::qWaitFor([&]() { return model->entryAt(middleRow) != nullptr; }, 60000);
    const double consoleJumpMs = msSince(jump);
    cc::CacheStore store(cc::DatabaseConfig::fromUrl(QStringLiteral("sqlite://") + path, nullptr));
    const QJsonObject jumps = jumpFigures(store);
    std::sort(stalls.begin(), stalls.end());
    const QJsonObject o{{QStringLiteral("rows"), rows},
                        {QStringLiteral("rss_loaded_mb"), rssLoaded},
                        {QStringLiteral("rss_after_browsing_mb"), rssAfter},
                        {QStringLiteral("pages_kept"), model->loadedPages()},
                        {QStringLiteral("gui_stall_max_ms"), stalls.empty() ? 0.0 : stalls.back()},
                        {QStringLiteral("gui_stall_p99_ms"),
                         stalls.empty() ? 0.0 : stalls[size_t(0.99 * double(stalls.size() - 1))]},
                        {QStringLiteral("probe_ticks"), qint64(stalls.size())},
                        {QStringLiteral("milestones"), qint64(model->milestones().size())},
                        {QStringLiteral("console_jump_to_middle_ms"), consoleJumpMs},
                        {QStringLiteral("store_jump_to_middle"), jumps}};
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_LOGGING_RULES", "cc.*=false;qt.qpa.*=false");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("connector-cache-bench"));
    const QStringList args = QApplication::arguments();
    const int url = int(args.indexOf(QStringLiteral("--jump-url")));
    if (url > 0 && url + 1 < args.size()) {
        cc::CacheStore store(cc::DatabaseConfig::fromUrl(args.at(url + 1), nullptr));
        std::printf("%s\n",
                    QJsonDocument(jumpFigures(store)).toJson(QJsonDocument::Indented).constData());
        return 0;
    }
    const int at = int(args.indexOf(QStringLiteral("--rows")));
    if (at > 0 && at + 1 < args.size())
        return child(args.at(at + 1).toLongLong());

    QJsonObject result;
    for (qint64 rows : {qint64(1000), qint64(1000000)}) {
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p.start(QApplication::applicationFilePath(),
                {QStringLiteral("--rows"), QString::number(rows)});
        p.waitForFinished(600000);
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput().trimmed()).object();
        result.insert(rows == 1000 ? QStringLiteral("1k") : QStringLiteral("1m"), o);
    }
    const double r1k = result.value(QStringLiteral("1k"))
                           .toObject()
                           .value(QStringLiteral("rss_after_browsing_mb"))
                           .toDouble();
    const double r1m = result.value(QStringLiteral("1m"))
                           .toObject()
                           .value(QStringLiteral("rss_after_browsing_mb"))
                           .toDouble();
    result.insert(QStringLiteral("rss_ratio_1m_to_1k"), r1k > 0 ? r1m / r1k : -1);
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Indented).constData());
    return 0;
}
