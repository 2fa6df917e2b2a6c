// connector-cache-bench: the engine's figures beside the database's own limit, measured in the
// same run on the same server. Prints a table, or with --json one object with a "pg" and an
// "sqlite" member. Run it through scripts/bench.sh (a throw-away PostgreSQL via pg_virtualenv).
//
// It never asserts: it measures and prints. The README's performance section is written from
// its output.

#include "core/connector/cachedconnector.h"
#include "core/store/cachestore.h"
#include "tests/support/fakeexchange/fakeexchange.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <vector>

using namespace cc;
using namespace std::chrono_literals;

namespace {

bool g_quick = false;
int g_batchSize = 0; // 0: the engine's default

void say(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
    std::fflush(stderr);
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
    return v[i];
}

template<typename Fn>
double timeMs(Fn fn)
{
    QElapsedTimer t;
    t.start();
    fn();
    return double(t.nsecsElapsed()) / 1e6;
}

// Median of a few runs of something that takes milliseconds.
template<typename Fn>
double medianMs(int runs, Fn fn)
{
    std::vector<double> v;
    for (int i = 0; i < runs; ++i)
        v.push_back(timeMs(fn));
    return percentile(v, 0.5);
}

class Bench
{
public:
    Bench(DatabaseConfig config, QString name)
        : m_config(std::move(config))
        , m_name(std::move(name))
    {}

    QJsonObject run(bool withPgbench);

private:
    bool exec(const QString &sql, const QVariantList &binds = {});
    void fill(qint64 from, qint64 to, bool expired);
    QStringList sampleKeys(int n);
    void measureSmall(QJsonObject *out, const QString &suffix);
    void measureGets(QJsonObject *out);
    void measureInit(QJsonObject *out);
    void measureCleanup(QJsonObject *out, qint64 rows);
    static std::optional<double> pgbenchLatencyUs(const QString &db, int clients, double *tps);

    DatabaseConfig m_config;
    QString m_name;
    std::unique_ptr<CacheStore> m_store;
    QString m_raw = QStringLiteral("bench-raw");
};

bool Bench::exec(const QString &sql, const QVariantList &binds)
{
    QSqlDatabase db = QSqlDatabase::database(m_raw);
    QSqlQuery q(db);
    bool ok;
    if (binds.isEmpty()) {
        ok = q.exec(sql); // VACUUM and friends cannot be prepared
    } else {
        q.prepare(sql);
        for (int i = 0; i < binds.size(); ++i)
            q.bindValue(i, binds.at(i));
        ok = q.exec();
    }
    if (!ok) {
        say(QStringLiteral("bench: %1 failed: %2").arg(sql.left(80), q.lastError().text()));
        return false;
    }
    return true;
}

// Rows from..to: user u(g % 50000), keys without underscores in ids, 90% valid.
void Bench::fill(qint64 from, qint64 to, bool expired)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 expiresBase = expired ? now - 3'600'000 : now + 900'000;
    if (m_config.isPostgres()) {
        exec(QStringLiteral(
                 "INSERT INTO connector_state_cache (\"id\", \"cacheKey\", \"userId\", "
                 "\"credentialId\", \"exchange\", \"environment\", \"timeOffset\", "
                 "\"lastSyncTime\", "
                 "\"isValid\", \"expiresAt\", \"hitCount\", \"metadata\", \"createdAt\", "
                 "\"updatedAt\") "
                 "SELECT 'b' || g, 'u' || (g % 50000) || '_c' || g, 'u' || (g % 50000), 'c' || g, "
                 "CASE WHEN g % 3 = 0 THEN 'BINGX' ELSE 'BYBIT' END, "
                 "CASE g % 3 WHEN 0 THEN 'MAINNET' WHEN 1 THEN 'TESTNET' ELSE 'DEMO' END, "
                 "(g % 400) - 200, "
                 "TIMESTAMP '1970-01-01' + (CAST(? AS BIGINT) - (g % 600) * 1000) * INTERVAL '1 "
                 "millisecond', "
                 "g % 10 <> 0, "
                 "TIMESTAMP '1970-01-01' + (CAST(? AS BIGINT) - (g % 600) * 1000) * INTERVAL '1 "
                 "millisecond', "
                 "g % 50, NULL, TIMESTAMP '1970-01-01' + CAST(? AS BIGINT) * INTERVAL '1 "
                 "millisecond', "
                 "TIMESTAMP '1970-01-01' + CAST(? AS BIGINT) * INTERVAL '1 millisecond' "
                 "FROM generate_series(CAST(? AS BIGINT), CAST(? AS BIGINT)) g"),
             {now, expiresBase, now, now, from, to});
        exec(QStringLiteral("VACUUM ANALYZE connector_state_cache"));
    } else {
        exec(QStringLiteral(
                 "WITH RECURSIVE s(g) AS (SELECT ? UNION ALL SELECT g + 1 FROM s WHERE g < ?) "
                 "INSERT INTO connector_state_cache (\"id\", \"cacheKey\", \"userId\", "
                 "\"credentialId\", \"exchange\", \"environment\", \"timeOffset\", "
                 "\"lastSyncTime\", "
                 "\"isValid\", \"expiresAt\", \"hitCount\", \"metadata\", \"createdAt\", "
                 "\"updatedAt\") "
                 "SELECT 'b' || g, 'u' || (g % 50000) || '_c' || g, 'u' || (g % 50000), 'c' || g, "
                 "CASE WHEN g % 3 = 0 THEN 'BINGX' ELSE 'BYBIT' END, "
                 "CASE g % 3 WHEN 0 THEN 'MAINNET' WHEN 1 THEN 'TESTNET' ELSE 'DEMO' END, "
                 "(g % 400) - 200, ? - (g % 600) * 1000, g % 10 <> 0, ? - (g % 600) * 1000, "
                 "g % 50, NULL, ?, ? FROM s"),
             {from, to, now, expiresBase, now, now});
        exec(QStringLiteral("ANALYZE"));
    }
}

QStringList Bench::sampleKeys(int n)
{
    // Valid rows: g % 10 != 0, among the first 10,000.
    QStringList keys;
    QRandomGenerator rng(42);
    while (keys.size() < n) {
        const qint64 g = qint64(rng.bounded(1, 10000));
        if (g % 10 == 0)
            continue;
        keys << QString::number(g);
    }
    return keys;
}

void Bench::measureGets(QJsonObject *out)
{
    const QStringList keys = sampleKeys(g_quick ? 2000 : 10000);
    auto key = [](const QString &g) {
        return std::make_pair(QStringLiteral("u%1").arg(g.toLongLong() % 50000),
                              QStringLiteral("c") + g);
    };
    // Warm up the connection, the prepared statements and the cache.
    for (int i = 0; i < 500; ++i) {
        const auto k = key(keys.at(i % keys.size()));
        m_store->get(k.first, k.second);
    }
    std::vector<double> lat;
    int hits = 0;
    for (const QString &g : keys) {
        const auto k = key(g);
        Lookup l;
        lat.push_back(timeMs([&]() { l = m_store->get(k.first, k.second); }) * 1000.0);
        hits += l.isHit() ? 1 : 0;
    }
    out->insert(QStringLiteral("get_hit_p50_us"), percentile(lat, 0.5));
    out->insert(QStringLiteral("get_hit_p99_us"), percentile(lat, 0.99));
    out->insert(QStringLiteral("get_hits_of_samples"), double(hits) / double(keys.size()));

    std::vector<double> setLat;
    for (int i = 0; i < (g_quick ? 500 : 2000); ++i) {
        TimeSyncState s;
        s.timeOffsetMs = i;
        setLat.push_back(timeMs([&]() {
                             m_store->set(QStringLiteral("setuser%1").arg(i % 500),
                                          QStringLiteral("k"), QStringLiteral("BYBIT"),
                                          QStringLiteral("TESTNET"), s);
                         }) *
                         1000.0);
    }
    out->insert(QStringLiteral("set_p50_us"), percentile(setLat, 0.5));
    out->insert(QStringLiteral("set_p99_us"), percentile(setLat, 0.99));

    if (!m_config.isPostgres())
        return;
    // 8 clients, each with its own connection.
    std::atomic<qint64> done{0};
    std::atomic<bool> stop{false};
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back(QThread::create([&, t]() {
            CacheStore s(m_config);
            s.open();
            int i = t * 997;
            while (!stop) {
                const auto k = key(keys.at(i++ % keys.size()));
                s.get(k.first, k.second);
                ++done;
            }
        }));
        threads.back()->start();
    }
    QThread::msleep(1000); // connect and warm up
    const qint64 before = done.load();
    const int seconds = g_quick ? 3 : 10;
    QThread::msleep(seconds * 1000);
    const qint64 after = done.load();
    stop = true;
    for (auto &t : threads)
        t->wait();
    out->insert(QStringLiteral("get_8c_tps"), double(after - before) / seconds);
}

void Bench::measureSmall(QJsonObject *out, const QString &suffix)
{
    const int runs = 5;
    out->insert(QStringLiteral("stats_%1_ms").arg(suffix),
                medianMs(runs, [&]() { m_store->stats(24h); }));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    out->insert(QStringLiteral("history24h_%1_ms").arg(suffix),
                medianMs(runs, [&]() { m_store->history(now.addDays(-1), now, 15); }));
    BrowseRequest first;
    first.limit = 200;
    out->insert(QStringLiteral("first_page_%1_ms").arg(suffix),
                medianMs(runs, [&]() { m_store->browse(first); }));
    BrowseRequest filtered;
    filtered.limit = 200;
    filtered.filter.exchange = QStringLiteral("BINGX");
    filtered.filter.state = EntryFilter::State::Valid;
    out->insert(QStringLiteral("filtered_page_%1_ms").arg(suffix),
                medianMs(runs, [&]() { m_store->browse(filtered); }));
    EntryFilter byUser;
    byUser.userId = QStringLiteral("u123");
    out->insert(QStringLiteral("count_user_%1_ms").arg(suffix),
                medianMs(runs, [&]() { m_store->count(byUser); }));
}

void Bench::measureInit(QJsonObject *out)
{
    test::FakeExchangeThread fake;
    fake.exchange()->setDelayMs(150); // a 150 ms round trip, as from a far region
    QNetworkAccessManager network;
    QString error;
    const auto profile = ExchangeProfile::resolve(
        QStringLiteral("BYBIT"), QStringLiteral("TESTNET"), fake.baseUrl().toString(), &error);
    // Hit: the entry u7/c7 exists and is valid (7 % 10 != 0).
    std::vector<double> hitLat;
    int requests = 0;
    for (int i = 0; i < (g_quick ? 100 : 500); ++i) {
        CachedConnector c(QStringLiteral("u7"), QStringLiteral("c7"), *profile,
                          Credentials(QStringLiteral("k"), "s"), m_store.get(), &network);
        InitResult r;
        const double us = timeMs([&]() { r = c.initializeBlocking(); }) * 1000.0;
        if (i >= 20)
            hitLat.push_back(us);
        requests += r.exchangeRequests;
    }
    out->insert(QStringLiteral("init_hit_us"), percentile(hitLat, 0.5));
    out->insert(QStringLiteral("init_hit_exchange_requests"), requests);
    std::vector<double> missMs;
    int missRequests = 0;
    for (int i = 0; i < 3; ++i) {
        m_store->invalidate(QStringLiteral("u7"), QStringLiteral("c7"));
        CachedConnector c(QStringLiteral("u7"), QStringLiteral("c7"), *profile,
                          Credentials(QStringLiteral("k"), "s"), m_store.get(), &network);
        InitResult r;
        missMs.push_back(timeMs([&]() { r = c.initializeBlocking(); }));
        missRequests = r.exchangeRequests;
    }
    out->insert(QStringLiteral("init_miss_ms"), percentile(missMs, 0.5));
    out->insert(QStringLiteral("init_miss_exchange_requests"), missRequests);
}

void Bench::measureCleanup(QJsonObject *out, qint64 rows)
{
    // Fresh table: `rows` expired entries and 1,000 valid ones that concurrent gets hit.
    exec(QStringLiteral("DELETE FROM connector_state_cache"));
    fill(1, 1000, false);
    fill(1'000'001, 1'000'000 + rows, true);
    std::atomic<bool> stop{false};
    std::vector<double> getLat;
    QThread *reader = QThread::create([&]() {
        CacheStore s(m_config);
        s.open();
        int i = 1;
        while (!stop) {
            const qint64 g = (i++ % 999) + 1;
            if (g % 10 == 0)
                continue;
            const QString u = QStringLiteral("u%1").arg(g), c = QStringLiteral("c%1").arg(g);
            getLat.push_back(timeMs([&]() { s.get(u, c); }));
        }
    });
    reader->start();
    QThread::msleep(300);
    qint64 deleted = 0;
    const double ms = timeMs([&]() { deleted = m_store->cleanupExpired().valueOr(0); });
    stop = true;
    reader->wait();
    delete reader;
    out->insert(QStringLiteral("cleanup_rows"), deleted);
    out->insert(QStringLiteral("cleanup_rows_per_s"), double(deleted) / (ms / 1000.0));
    out->insert(QStringLiteral("get_p99_during_cleanup_ms"), percentile(getLat, 0.99));
    out->insert(QStringLiteral("gets_during_cleanup"), qint64(getLat.size()));

    // The baseline: one bare DELETE of the same rows.
    fill(1'000'001, 1'000'000 + rows, true);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const double bare = timeMs([&]() {
        if (m_config.isPostgres())
            exec(QStringLiteral(
                     "DELETE FROM connector_state_cache WHERE \"expiresAt\" <= "
                     "TIMESTAMP '1970-01-01' + CAST(? AS BIGINT) * INTERVAL '1 millisecond'"),
                 {now});
        else
            exec(QStringLiteral("DELETE FROM connector_state_cache WHERE \"expiresAt\" <= ?"),
                 {now});
    });
    out->insert(QStringLiteral("bare_delete_rows_per_s"), double(rows) / (bare / 1000.0));
}

std::optional<double> Bench::pgbenchLatencyUs(const QString &db, int clients, double *tps)
{
    QProcess p;
    p.start(QStringLiteral("pgbench"),
            {QStringLiteral("-S"), QStringLiteral("-M"), QStringLiteral("prepared"),
             QStringLiteral("-c"), QString::number(clients), QStringLiteral("-j"),
             QString::number(clients), QStringLiteral("-T"), QString::number(g_quick ? 3 : 10),
             QStringLiteral("-n"), db});
    if (!p.waitForFinished(120000))
        return std::nullopt;
    const QString text = QString::fromUtf8(p.readAllStandardOutput());
    const auto lat =
        QRegularExpression(QStringLiteral("latency average = ([0-9.]+) ms")).match(text);
    const auto t = QRegularExpression(QStringLiteral("tps = ([0-9.]+)")).match(text);
    if (!lat.hasMatch() || !t.hasMatch()) {
        say(QStringLiteral("bench: pgbench said: %1 %2")
                .arg(text, QString::fromUtf8(p.readAllStandardError())));
        return std::nullopt;
    }
    *tps = t.captured(1).toDouble();
    return lat.captured(1).toDouble() * 1000.0;
}

QJsonObject Bench::run(bool withPgbench)
{
    QJsonObject out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(
            m_config.isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), m_raw);
        if (m_config.isPostgres()) {
            db.setDatabaseName(m_config.databaseName);
            db.setConnectOptions(m_config.postgresConnectOptions(60000));
        } else {
            db.setDatabaseName(m_config.sqlitePath);
        }
        if (!db.open()) {
            say(QStringLiteral("bench: cannot open %1: %2").arg(m_name, db.lastError().text()));
            return out;
        }
        if (m_config.isPostgres())
            exec(QStringLiteral("SET TIME ZONE 'UTC'"));
    }
    CacheStore::Options options;
    if (g_batchSize > 0)
        options.batchSize = g_batchSize;
    m_store = std::make_unique<CacheStore>(m_config, options);
    m_store->migrate();
    m_store->open();
    say(QStringLiteral("[%1] 10,000 entries").arg(m_name));
    fill(1, 10'000, false);
    measureGets(&out);
    measureSmall(&out, QStringLiteral("10k"));
    measureInit(&out);
    if (withPgbench && m_config.isPostgres()) {
        double tps1 = 0, tps8 = 0;
        if (auto lat = pgbenchLatencyUs(QStringLiteral("cc_pgbench"), 1, &tps1))
            out.insert(QStringLiteral("pgbench_select_us"), *lat);
        if (pgbenchLatencyUs(QStringLiteral("cc_pgbench"), 8, &tps8))
            out.insert(QStringLiteral("pgbench_8c_tps"), tps8);
    }
    const qint64 big = g_quick ? 100'000 : 1'000'000;
    say(QStringLiteral("[%1] %2 entries").arg(m_name).arg(big));
    fill(10'001, big, false);
    measureSmall(&out, g_quick ? QStringLiteral("100k") : QStringLiteral("1m"));
    say(QStringLiteral("[%1] cleanup of %2 expired entries").arg(m_name).arg(big));
    measureCleanup(&out, big);
    m_store.reset();
    QSqlDatabase::database(m_raw).close();
    QSqlDatabase::removeDatabase(m_raw);
    return out;
}

QString row(const QJsonObject &pg, const QJsonObject &lite, const QString &key,
            const QString &label)
{
    auto cell = [&](const QJsonObject &o) {
        return o.contains(key) ? QString::number(o.value(key).toDouble(), 'f', 1)
                               : QStringLiteral("-");
    };
    return QStringLiteral("%1 %2 %3\n").arg(label, -46).arg(cell(pg), 12).arg(cell(lite), 12);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The cache engine's figures and their baselines."));
    parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption quick(QStringLiteral("quick"),
                                   QStringLiteral("100k instead of 1M rows, shorter runs."));
    const QCommandLineOption noPg(QStringLiteral("no-postgres"), QStringLiteral("SQLite only."));
    const QCommandLineOption batch(
        QStringLiteral("batch-size"),
        QStringLiteral("Rows per cleanup batch (default: the engine's)."), QStringLiteral("rows"));
    parser.addOptions({json, quick, noPg, batch});
    parser.process(app);
    g_quick = parser.isSet(quick);
    g_batchSize = parser.value(batch).toInt();
    qputenv("QT_LOGGING_RULES", "cc.*=false");
    QLoggingCategory::setFilterRules(QStringLiteral("cc.*=false"));

    QJsonObject pg, lite;
    if (!parser.isSet(noPg)) {
        if (qEnvironmentVariableIsEmpty("PGHOST")) {
            say(QStringLiteral("bench: no PostgreSQL given (PGHOST); run scripts/bench.sh"));
            return 2;
        }
        QString error;
        DatabaseConfig config =
            DatabaseConfig::fromUrl(QStringLiteral("postgresql:///cc_bench"), &error);
        pg = Bench(config, QStringLiteral("PostgreSQL")).run(true);
    }
    QTemporaryDir dir;
    DatabaseConfig sqlite;
    sqlite.sqlitePath = dir.filePath(QStringLiteral("bench.db"));
    lite = Bench(sqlite, QStringLiteral("SQLite")).run(false);

    if (parser.isSet(json)) {
        std::printf("%s\n", QJsonDocument(QJsonObject{{QStringLiteral("pg"), pg},
                                                      {QStringLiteral("sqlite"), lite}})
                                .toJson(QJsonDocument::Indented)
                                .constData());
        return 0;
    }
    const QString big = g_quick ? QStringLiteral("100k") : QStringLiteral("1m");
    QString t = QStringLiteral("%1 %2 %3\n")
                    .arg(QStringLiteral("figure"), -46)
                    .arg(QStringLiteral("PostgreSQL"), 12)
                    .arg(QStringLiteral("SQLite"), 12);
    t += row(pg, lite, QStringLiteral("get_hit_p50_us"), QStringLiteral("get (hit) p50, µs"));
    t += row(pg, lite, QStringLiteral("get_hit_p99_us"), QStringLiteral("get (hit) p99, µs"));
    t += row(pg, lite, QStringLiteral("pgbench_select_us"),
             QStringLiteral("  baseline: pgbench -S -M prepared -c1, µs"));
    t += row(pg, lite, QStringLiteral("get_8c_tps"), QStringLiteral("get, 8 clients, per s"));
    t += row(pg, lite, QStringLiteral("pgbench_8c_tps"),
             QStringLiteral("  baseline: pgbench -S -c8, per s"));
    t += row(pg, lite, QStringLiteral("set_p50_us"), QStringLiteral("set (upsert) p50, µs"));
    t += row(pg, lite, QStringLiteral("init_hit_us"), QStringLiteral("initialize() on a hit, µs"));
    t += row(pg, lite, QStringLiteral("init_hit_exchange_requests"),
             QStringLiteral("  exchange requests on hits"));
    t += row(pg, lite, QStringLiteral("init_miss_ms"),
             QStringLiteral("initialize() on a miss (150 ms RTT), ms"));
    for (const QString &n : {QStringLiteral("10k"), big}) {
        t += row(pg, lite, QStringLiteral("stats_%1_ms").arg(n),
                 QStringLiteral("stats() at %1, ms").arg(n));
        t += row(pg, lite, QStringLiteral("history24h_%1_ms").arg(n),
                 QStringLiteral("24 h history at %1, ms").arg(n));
        t += row(pg, lite, QStringLiteral("first_page_%1_ms").arg(n),
                 QStringLiteral("first browser page at %1, ms").arg(n));
        t += row(pg, lite, QStringLiteral("filtered_page_%1_ms").arg(n),
                 QStringLiteral("filtered page at %1, ms").arg(n));
    }
    t += row(pg, lite, QStringLiteral("cleanup_rows_per_s"),
             QStringLiteral("cleanupExpired(), rows/s"));
    t += row(pg, lite, QStringLiteral("bare_delete_rows_per_s"),
             QStringLiteral("  baseline: bare DELETE, rows/s"));
    t += row(pg, lite, QStringLiteral("get_p99_during_cleanup_ms"),
             QStringLiteral("get p99 during cleanup, ms"));
    std::printf("%s", qPrintable(t));
    return 0;
}
