// connector-cache-bench: the engine's figures beside the database's own limit, measured in the
// same run on the same server. Prints a table, or with --json one object whose "pg" and
// "sqlite" members hold exactly the figures issue 6 names (sqlite: those that apply), and whose
// "details" member holds the rest (extra baselines, checks, the machine). Run it through
// scripts/bench.sh (a throw-away PostgreSQL via pg_virtualenv, a pgbench database beside ours).
//
// It never asserts: it measures and prints. scripts/bench.sh runs it through
// scripts/bench_pairs.py, which adds the ratios from interleaved --round runs; the README's
// table is written from that JSON by scripts/bench_table.py.

#include "core/connector/cachedconnector.h"
#include "core/store/cachestore.h"
#include "core/store/sqldialect.h"
#include "core/store/tablename.h"
#include "tests/support/fakeexchange/fakeexchange.h"
#include "tests/support/storeinternals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
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
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <vector>

using namespace cc;
using namespace std::chrono_literals;

namespace {

bool g_quick = false;
int g_batchSize = 0; // 0: the engine's default

// The figures issue 6 asks for, in its order; "pg" and "sqlite" hold these and nothing else.
const QStringList &issueKeys()
{
    static const QStringList keys{
        QStringLiteral("get_hit_p50_us"),
        QStringLiteral("get_hit_p99_us"),
        QStringLiteral("pgbench_select_us"),
        QStringLiteral("get_8c_tps"),
        QStringLiteral("pgbench_8c_tps"),
        QStringLiteral("set_p50_us"),
        QStringLiteral("init_hit_us"),
        QStringLiteral("init_hit_exchange_requests"),
        QStringLiteral("init_miss_ms"),
        QStringLiteral("stats_10k_ms"),
        QStringLiteral("stats_1m_ms"),
        QStringLiteral("history24h_10k_ms"),
        QStringLiteral("history24h_1m_ms"),
        QStringLiteral("first_page_10k_ms"),
        QStringLiteral("first_page_1m_ms"),
        QStringLiteral("cleanup_rows_per_s"),
        QStringLiteral("bare_delete_rows_per_s"),
        QStringLiteral("get_p99_during_cleanup_ms"),
        // issue 14: through a transaction-mode PgBouncer, and a new process's cold start
        QStringLiteral("get_pooled_p50_us"),
        QStringLiteral("pgbench_pooled_us"),
        QStringLiteral("cold_start_ms"),
        QStringLiteral("psql_cold_ms"),
    };
    return keys;
}

void say(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
    std::fflush(stderr);
}

[[noreturn]] void die(const QString &text)
{
    say(QStringLiteral("bench: %1").arg(text));
    std::exit(1);
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

// Median of several runs of something that takes milliseconds, after one unmeasured run.
template<typename Fn>
double medianMs(int runs, Fn fn)
{
    fn();
    std::vector<double> v;
    for (int i = 0; i < runs; ++i)
        v.push_back(timeMs(fn));
    return percentile(v, 0.5);
}

double round1(double v)
{
    return std::round(v * 10.0) / 10.0;
}

double round3(double v)
{
    return std::round(v * 1000.0) / 1000.0;
}

// CPU time (user + system) of this process (RUSAGE_SELF, all threads) or of its waited-for
// children (RUSAGE_CHILDREN), in microseconds.
double cpuUs(int who)
{
    rusage u{};
    getrusage(who, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e6 +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

QString readFirstLine(const QString &path, const QString &prefix)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QString s = QString::fromUtf8(line);
        if (s.startsWith(prefix))
            return s.mid(prefix.size()).trimmed();
    }
    return QString();
}

QJsonObject machine()
{
    QJsonObject m;
    m.insert(QStringLiteral("cpu"),
             readFirstLine(QStringLiteral("/proc/cpuinfo"), QStringLiteral("model name\t:")));
    m.insert(QStringLiteral("cores"), QThread::idealThreadCount());
    const QString mem = readFirstLine(QStringLiteral("/proc/meminfo"), QStringLiteral("MemTotal:"));
    m.insert(QStringLiteral("memory_gib"),
             round1(mem.split(QLatin1Char(' ')).value(0).toDouble() / 1024.0 / 1024.0));
    m.insert(QStringLiteral("os"), QSysInfo::prettyProductName());
    m.insert(QStringLiteral("kernel"), QSysInfo::kernelVersion());
    m.insert(QStringLiteral("build_type"), QStringLiteral(CC_BENCH_BUILD_TYPE));
    m.insert(QStringLiteral("load_average_at_start"),
             readFirstLine(QStringLiteral("/proc/loadavg"), QString()));
    return m;
}

// --- pgbench ------------------------------------------------------------------------------------

struct PgbenchRun
{
    bool ok = false;
    double tps = 0;
    qint64 transactions = 0;
    double clientCpuUsPerTransaction = 0; // pgbench's own CPU, user + system
    std::vector<double> latenciesUs;      // per transaction, when logged
};

// The PgBouncer in transaction mode that scripts/bench.sh starts in front of the server
// (scripts/with-pgbouncer.sh), if any.
bool havePooler()
{
    return !qEnvironmentVariableIsEmpty("CC_TEST_PGBOUNCER_PORT");
}

QString poolerHost()
{
    const QString host = qEnvironmentVariable("CC_TEST_PGBOUNCER_HOST");
    return host.isEmpty() ? QStringLiteral("127.0.0.1") : host;
}

// The bench database's URL, direct (libpq's environment names the server) or through the
// pooler; `prisma`: with pgbouncer=true (DatabaseConfig::pooled) and CC_BENCH_SCHEMA's schema=
// (our tables in that schema), which libpq (psql, whose baseline reads none of them) refuses.
QString benchUrl(bool pooled, bool prisma = true)
{
    QStringList query;
    if (pooled && prisma)
        query << QStringLiteral("pgbouncer=true");
    const QString schema = qEnvironmentVariable("CC_BENCH_SCHEMA");
    if (prisma && !schema.isEmpty())
        query << QStringLiteral("schema=") + QString::fromLatin1(QUrl::toPercentEncoding(schema));
    const QString parameters =
        query.isEmpty() ? QString() : QLatin1Char('?') + query.join(QLatin1Char('&'));
    if (!pooled)
        return QStringLiteral("postgresql:///cc_bench") + parameters;
    return QStringLiteral("postgresql://%1:%2/cc_bench")
               .arg(poolerHost(), qEnvironmentVariable("CC_TEST_PGBOUNCER_PORT")) +
           parameters;
}

DatabaseConfig directConfig()
{
    QString error;
    const DatabaseConfig config = DatabaseConfig::fromUrl(benchUrl(false), &error);
    if (!config.isPostgres())
        die(QStringLiteral("the bench URL %1 does not parse: %2").arg(benchUrl(false), error));
    return config;
}

DatabaseConfig pooledConfig()
{
    if (!havePooler())
        die(QStringLiteral("no PgBouncer given (CC_TEST_PGBOUNCER_PORT); run scripts/bench.sh"));
    QString error;
    DatabaseConfig config = DatabaseConfig::fromUrl(benchUrl(true), &error);
    if (!config.isPostgres() || !config.pooled)
        die(QStringLiteral("the pooled URL does not parse as pooled: %1").arg(error));
    return config;
}

// How pgbench talks to the server: `-M prepared` directly (our direct connection prepares its
// lookup at the protocol level too); through the pooler `-M extended` (unnamed statements,
// parsed every call, nothing left on the server session), as our pooled connection does.
// DirectExtended: directly, parsed every call (what the pooler costs the statement alone).
enum class Via { Direct, DirectExtended, Pooler, PoolerSimple };

PgbenchRun pgbench(const QString &db, const QStringList &script, int clients, int seconds,
                   bool logLatencies, const QString &pgOptions = QString(), Via via = Via::Direct)
{
    PgbenchRun run;
    QTemporaryDir dir;
    const QString mode = via == Via::Direct         ? QStringLiteral("prepared")
                         : via == Via::PoolerSimple ? QStringLiteral("simple")
                                                    : QStringLiteral("extended");
    QStringList args{QStringLiteral("-n"),     QStringLiteral("-M"),     mode,
                     QStringLiteral("-c"),     QString::number(clients), QStringLiteral("-j"),
                     QString::number(clients), QStringLiteral("-T"),     QString::number(seconds)};
    if (via == Via::Pooler || via == Via::PoolerSimple)
        args << QStringLiteral("-h") << poolerHost() << QStringLiteral("-p")
             << qEnvironmentVariable("CC_TEST_PGBOUNCER_PORT");
    args << script;
    if (logLatencies)
        args << QStringLiteral("-l")
             << QStringLiteral("--log-prefix=%1").arg(dir.filePath(QStringLiteral("lat")));
    args << db;
    QProcess p;
    if (!pgOptions.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGOPTIONS"), pgOptions);
        p.setProcessEnvironment(env);
    }
    const double cpuBefore = cpuUs(RUSAGE_CHILDREN);
    p.start(QStringLiteral("pgbench"), args);
    if (!p.waitForFinished(seconds * 1000 + 120000)) {
        say(QStringLiteral("bench: pgbench did not finish"));
        return run;
    }
    const double cpu = cpuUs(RUSAGE_CHILDREN) - cpuBefore;
    const QString text = QString::fromUtf8(p.readAllStandardOutput());
    const auto t = QRegularExpression(QStringLiteral("tps = ([0-9.]+)")).match(text);
    if (!t.hasMatch()) {
        say(QStringLiteral("bench: pgbench said: %1 %2")
                .arg(text, QString::fromUtf8(p.readAllStandardError())));
        return run;
    }
    run.tps = t.captured(1).toDouble();
    const auto n = QRegularExpression(QStringLiteral("actually processed: ([0-9]+)")).match(text);
    run.transactions = n.hasMatch() ? n.captured(1).toLongLong() : 0;
    if (run.transactions > 0)
        run.clientCpuUsPerTransaction = cpu / double(run.transactions);
    if (logLatencies) {
        // One line per transaction: client_id transaction_no latency_us script_no epoch us.
        const QStringList files = QDir(dir.path()).entryList({QStringLiteral("lat*")});
        for (const QString &name : files) {
            QFile f(dir.filePath(name));
            if (!f.open(QIODevice::ReadOnly))
                continue;
            for (const QByteArray &line : f.readAll().split('\n')) {
                const QList<QByteArray> fields = line.split(' ');
                if (fields.size() >= 3)
                    run.latenciesUs.push_back(fields.at(2).toDouble());
            }
        }
    }
    run.ok = true;
    return run;
}

// --- cold start: one new process per lookup ------------------------------------------------------

// The identity the cold starts look up: valid in the full run's and in the rounds' entries.
const qint64 kColdStartKey = 17;

// One kind of process a cold-start figure times: its key and command line.
struct ColdKind
{
    QString key;
    QString program;
    QStringList args;
};

QString sibling(const QString &name)
{
    const QString path = QCoreApplication::applicationDirPath() + QLatin1Char('/') + name;
    if (!QFile::exists(path))
        die(QStringLiteral("%1 is missing: build it (scripts/build.sh)").arg(path));
    return path;
}

// A connector's cold start (connector-cache-coldstart: CachedConnector, lookupOffset(), print
// the offset, exit) directly and, with a pooler, through it (pgbouncer=true: pooled); with
// `cli`, also `connector-cache get` (the CLI: it prints the whole entry).
QList<ColdKind> coldStartKinds(bool cli)
{
    const QString user = QStringLiteral("u%1").arg(kColdStartKey % 50000);
    const QString credential = QStringLiteral("c%1").arg(kColdStartKey);
    const QString program = sibling(QStringLiteral("connector-cache-coldstart"));
    QList<ColdKind> kinds{
        {QStringLiteral("cold_start_ms"), program, {benchUrl(false), user, credential}},
        // The same binary's process start alone: what loading Qt costs before any work.
        {QStringLiteral("cold_process_ms"), program, {QStringLiteral("--start-only")}}};
    if (havePooler())
        kinds.append(
            {QStringLiteral("cold_start_pooled_ms"), program, {benchUrl(true), user, credential}});
    if (cli)
        kinds.append({QStringLiteral("cold_start_cli_ms"),
                      sibling(QStringLiteral("connector-cache")),
                      {QStringLiteral("get"), QStringLiteral("--database"), benchUrl(false), user,
                       credential}});
    return kinds;
}

// The psql binary itself ($CC_BENCH_PSQL, which scripts/bench.sh sets), not Debian's
// /usr/bin/psql: that is pg_wrapper, a Perl script that picks a version and then starts the
// binary, and costs a cold start tens of milliseconds of its own.
QString psqlProgram()
{
    const QString psql = qEnvironmentVariable("CC_BENCH_PSQL");
    return psql.isEmpty() ? QStringLiteral("psql") : psql;
}

// What a connector's cold start asks of the server, as psql sends it: the hit's lookup of the
// cold-start identity, then (a second statement, as the connector's exit sends it) the hit
// count, the start-up's minute and the history minute, in one transaction with the connector's
// SET LOCALs. Written here by hand (literals for the binds), so the figure it times is the
// server's share of the cold start: a fresh backend's first read of the seed's table (and the
// planning over its five indexes) and the first writes of two more tables cost the same to any
// client, and SELECT 1 pays none of it.
QStringList sameServerWork()
{
    const SqlDialect dialect(directConfig()); // the tables in CC_BENCH_SCHEMA's schema
    const QString user = QStringLiteral("u%1").arg(kColdStartKey % 50000);
    const QString credential = QStringLiteral("c%1").arg(kColdStartKey);
    const QString key = user + QLatin1Char('_') + credential;
    const qint64 minute = QDateTime::currentSecsSinceEpoch() / 60;
    const QString lookup =
        QStringLiteral("SELECT \"id\", \"timeOffset\", \"lastSyncTime\", \"expiresAt\", "
                       "\"updatedAt\", \"isValid\", CAST(\"metadata\" AS TEXT) FROM %1 WHERE "
                       "\"cacheKey\" = '%2' AND \"userId\" = '%3' AND \"credentialId\" = '%4' "
                       "AND \"isValid\" AND \"expiresAt\" > (TIMESTAMP '1970-01-01 00:00:00' + "
                       "CAST('%5' AS BIGINT) * INTERVAL '1 millisecond')")
            .arg(dialect.table(Table::Cache), key, user, credential)
            .arg(QDateTime::currentMSecsSinceEpoch());
    const QString flush =
        QStringLiteral(
            "SELECT set_config('synchronous_commit', 'off', true), "
            "set_config('lock_timeout', '100', true); "
            "UPDATE %1 SET \"hitCount\" = LEAST(CAST(\"hitCount\" AS BIGINT) + 1, 2147483647) "
            "WHERE \"cacheKey\" = '%4'; "
            "INSERT INTO %2 (\"minute\", \"outcome\", \"count\", \"sum_ms\", \"b_le_50\") "
            "VALUES (%5, 'hit', 1, 41, 1) ON CONFLICT (\"minute\", \"outcome\") DO UPDATE SET "
            "\"count\" = %2.\"count\" + excluded.\"count\", "
            "\"sum_ms\" = %2.\"sum_ms\" + excluded.\"sum_ms\", "
            "\"b_le_50\" = %2.\"b_le_50\" + excluded.\"b_le_50\"; "
            "INSERT INTO %3 (\"minute\", \"hits\") VALUES (%5, 1) ON CONFLICT (\"minute\") "
            "DO UPDATE SET \"hits\" = %3.\"hits\" + excluded.\"hits\"")
            .arg(dialect.table(Table::Cache), dialect.table(Table::InitHistory),
                 dialect.table(Table::History), key)
            .arg(minute);
    return {QStringLiteral("-Aqt"), QStringLiteral("-c"), lookup, QStringLiteral("-c"), flush};
}

// The baseline: psql's cold start through the same URL (through the pooler without
// pgbouncer=true, which libpq does not know). Beside it, psql doing the server work of the
// cold start (sameServerWork()): what any client pays before its own costs.
QList<ColdKind> psqlKinds()
{
    const QStringList select{QStringLiteral("-Atc"), QStringLiteral("SELECT 1")};
    QList<ColdKind> kinds{
        {QStringLiteral("psql_cold_ms"), psqlProgram(), select + QStringList{benchUrl(false)}},
        {QStringLiteral("psql_process_ms"), psqlProgram(), {QStringLiteral("--version")}}};
    if (havePooler())
        kinds.append({QStringLiteral("psql_cold_pooled_ms"), psqlProgram(),
                      select + QStringList{benchUrl(true, false)}});
    kinds.append({QStringLiteral("psql_same_work_ms"), psqlProgram(),
                  sameServerWork() + QStringList{benchUrl(false)}});
    return kinds;
}

// Milliseconds from starting the process to its exit; dies when it fails.
double processMs(const ColdKind &kind)
{
    QProcess p;
    QElapsedTimer t;
    t.start();
    p.start(kind.program, kind.args);
    const bool finished = p.waitForFinished(30000);
    const double ms = double(t.nsecsElapsed()) / 1e6;
    if (!finished || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        die(QStringLiteral("%1 %2 failed (exit %3): %4")
                .arg(kind.program, kind.args.join(QLatin1Char(' ')))
                .arg(p.exitCode())
                .arg(QString::fromUtf8(p.readAllStandardError()).trimmed()));
    return ms;
}

// Each kind in turn (A B C A B C ...), one unmeasured run first, then at least minRuns runs
// each and for at least `seconds`: each kind's median (key) and 90th percentile (key_p90).
QJsonObject coldStarts(const QList<ColdKind> &kinds, int minRuns, int seconds)
{
    for (const ColdKind &k : kinds)
        processMs(k); // page cache, the pooler's server connections
    std::map<QString, std::vector<double>> ms;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < minRuns || t.elapsed() < seconds * 1000; ++i) {
        for (const ColdKind &k : kinds)
            ms[k.key].push_back(processMs(k));
    }
    QJsonObject out;
    for (const ColdKind &k : kinds) {
        const QString p90 = k.key.left(k.key.size() - 3) + QStringLiteral("_p90_ms");
        out.insert(k.key, std::round(percentile(ms[k.key], 0.5) * 100.0) / 100.0);
        out.insert(p90, std::round(percentile(ms[k.key], 0.9) * 100.0) / 100.0);
    }
    out.insert(QStringLiteral("samples"), qint64(ms[kinds.first().key].size()));
    return out;
}

QStringList selectScript()
{
    return {QStringLiteral("-S")};
}

// The engine's own hit statement, run by pgbench over the extended protocol: what a get costs
// the server, without our client. Valid keys only (g % 10 != 0), as our gets. Batched counting
// (the default) looks up with a SELECT; PerLookup with an UPDATE ... RETURNING.
QString writeGetScript(const QString &dir, HitCounting counting, const SqlDialect &dialect)
{
    const QByteArray cache = dialect.table(Table::Cache).toUtf8();
    const bool batched = counting == HitCounting::Batched;
    const QString path = dir + (batched ? QStringLiteral("/get-batched.sql")
                                        : QStringLiteral("/get-per-lookup.sql"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        die(QStringLiteral("cannot write %1").arg(path));
    const QByteArray columns =
        "\"id\", \"cacheKey\", \"userId\", \"credentialId\", \"exchange\", \"environment\", "
        "\"timeOffset\", CAST(EXTRACT(EPOCH FROM \"lastSyncTime\") * 1000 AS BIGINT), \"isValid\", "
        "CAST(EXTRACT(EPOCH FROM \"expiresAt\") * 1000 AS BIGINT), \"hitCount\", "
        "CAST(\"metadata\" AS TEXT), CAST(EXTRACT(EPOCH FROM \"createdAt\") * 1000 AS BIGINT), "
        "CAST(EXTRACT(EPOCH FROM \"updatedAt\") * 1000 AS BIGINT)";
    const QByteArray where =
        "\"cacheKey\" = 'u' || :g || '_c' || :g AND \"userId\" = 'u' || :g AND "
        "\"credentialId\" = 'c' || :g AND \"isValid\" AND \"expiresAt\" > (TIMESTAMP "
        "'1970-01-01 00:00:00' + CAST(extract(epoch FROM now()) * 1000 AS BIGINT) * "
        "INTERVAL '1 millisecond')";
    f.write("\\set g random(0, 999) * 10 + random(1, 9)\n");
    if (batched)
        f.write("SELECT " + columns + " FROM " + cache + " WHERE " + where + ";\n");
    else
        f.write("UPDATE " + cache + " SET \"hitCount\" = \"hitCount\" + 1 WHERE " + where +
                " RETURNING " + columns + ";\n");
    return path;
}

// One lookup by a connector's identity, as a client makes it; its outcome (Failed: the store
// failed). The rounds and the 8-client figure take one, so that another lookup (a narrower
// one, say) is measured by the same code.
using LookupCall = std::function<Lookup::Outcome(CacheStore &, const QString &userId,
                                                 const QString &credentialId)>;

Lookup::Outcome getCall(CacheStore &s, const QString &userId, const QString &credentialId)
{
    return s.get(userId, credentialId).outcome;
}

// lookupOffset(): the narrow lookup the connector's start-up makes (the offset, the times and
// the sync account's numbers; no entry built).
Lookup::Outcome offsetCall(CacheStore &s, const QString &userId, const QString &credentialId)
{
    return s.lookupOffset(userId, credentialId).outcome;
}

// entry(): a read that counts no hit.
Lookup::Outcome entryCall(CacheStore &s, const QString &userId, const QString &credentialId)
{
    return s.entry(userId, credentialId).ok() ? Lookup::Outcome::Hit : Lookup::Outcome::Failed;
}

// --- the benchmark for one database
// ---------------------------------------------------------------

class Bench
{
public:
    Bench(DatabaseConfig config, QString name)
        : m_config(std::move(config))
        , m_name(std::move(name))
    {}

    // Fills `figures` (the issue's keys) and `details` (everything else).
    void run(QJsonObject *figures, QJsonObject *details);

    // For scripts/bench_pairs.py, which interleaves figures with their baselines in short
    // rounds: a fresh schema with the 10,000 entries the rounds read (valid for an hour) ...
    void prepareRounds();
    // ... and one round of one figure, `seconds` long, on those entries: the figure's key and
    // value plus companions (p99, client CPU), or an empty object for an unknown key.
    QJsonObject round(const QString &key, int seconds);
    static QStringList roundKeys();

private:
    bool pg() const { return m_config.isPostgres(); }
    bool exec(const QString &sql, const QVariantList &binds = {});
    QVariant scalar(const QString &sql);
    void fill(qint64 from, qint64 to, bool expired);
    void fillHistory();
    static std::pair<QString, QString> identity(qint64 g);
    std::vector<qint64> sampleKeys(int n, quint32 seed);
    void measureGets();
    void measureChecks();
    double eightClients(int seconds, const LookupCall &call,
                        HitCounting mode = CacheStore::Options().hitCounting,
                        double *cpuUsPerCall = nullptr);
    void measureThroughput();
    void measureSizes(const QString &suffix);
    void measureInit();
    void measurePooled();
    void measureColdStart();
    void measureCleanup(qint64 rows);
    void openRaw();
    QJsonObject roundLatency(const QString &prefix, const LookupCall &call, int seconds,
                             CacheStore *store = nullptr);
    QJsonObject roundPgbenchPooled(int seconds);
    QJsonObject roundThroughput(const QString &prefix, const LookupCall &call, int seconds);
    QJsonObject roundPgbenchSelect(int seconds);
    QJsonObject roundInitHit(int seconds);
    QJsonObject roundPgbenchEightClients(int seconds);
    QJsonObject roundPgbenchStatementEightClients(int seconds);
    using RoundFn = std::function<QJsonObject(Bench &, int seconds)>;
    static const std::map<QString, RoundFn> &rounds();

    DatabaseConfig m_config;
    QString m_name;
    std::unique_ptr<CacheStore> m_store;
    QString m_raw = QStringLiteral("bench-raw");
    QJsonObject m_figures, m_details;
    QTemporaryDir m_tmp;
};

// Statements name our tables by SqlDialect::sql()'s tokens ({cache}, {history}): in the URL's
// schema (schema=) when it names one.
bool Bench::exec(const QString &statement, const QVariantList &binds)
{
    const QString sql = SqlDialect(m_config).sql(statement);
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
    if (!ok)
        say(QStringLiteral("bench: %1 failed: %2").arg(sql.left(100), q.lastError().text()));
    return ok;
}

QVariant Bench::scalar(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_raw));
    if (!q.exec(SqlDialect(m_config).sql(sql)) || !q.next())
        return QVariant();
    return q.value(0);
}

// Rows g = from..to: user u(g % 50000), credential c(g), 90% valid (g % 10 != 0), synced within
// the last 10 minutes; `expired` rows expired an hour ago. Written server-side in one statement.
void Bench::fill(qint64 from, qint64 to, bool expired)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 expiresBase = expired ? now - 3'600'000 : now + 900'000;
    bool ok;
    if (pg()) {
        ok = exec(
            QStringLiteral(
                "INSERT INTO {cache} (\"id\", \"cacheKey\", \"userId\", "
                "\"credentialId\", \"exchange\", \"environment\", \"timeOffset\", "
                "\"lastSyncTime\", \"isValid\", \"expiresAt\", \"hitCount\", \"metadata\", "
                "\"createdAt\", \"updatedAt\") "
                "SELECT 'b' || g, 'u' || (g % 50000) || '_c' || g, 'u' || (g % 50000), 'c' || g, "
                "CASE WHEN g % 3 = 0 THEN 'BINGX' ELSE 'BYBIT' END, "
                "CASE g % 3 WHEN 0 THEN 'MAINNET' WHEN 1 THEN 'TESTNET' ELSE 'DEMO' END, "
                "(g % 400) - 200, "
                "TIMESTAMP '1970-01-01' + (CAST(? AS BIGINT) - (g % 600) * 1000) * "
                "INTERVAL '1 millisecond', g % 10 <> 0, "
                "TIMESTAMP '1970-01-01' + (CAST(? AS BIGINT) - (g % 600) * 1000) * "
                "INTERVAL '1 millisecond', g % 50, NULL, "
                "TIMESTAMP '1970-01-01' + CAST(? AS BIGINT) * INTERVAL '1 millisecond', "
                "TIMESTAMP '1970-01-01' + CAST(? AS BIGINT) * INTERVAL '1 millisecond' "
                "FROM generate_series(CAST(? AS BIGINT), CAST(? AS BIGINT)) g"),
            {now, expiresBase, now, now, from, to});
        ok = ok && exec(QStringLiteral("VACUUM ANALYZE {cache}"));
    } else {
        ok = exec(QStringLiteral(
                      "WITH RECURSIVE s(g) AS (SELECT ? UNION ALL SELECT g + 1 FROM s WHERE g < ?) "
                      "INSERT INTO {cache} (\"id\", \"cacheKey\", \"userId\", "
                      "\"credentialId\", \"exchange\", \"environment\", \"timeOffset\", "
                      "\"lastSyncTime\", \"isValid\", \"expiresAt\", \"hitCount\", \"metadata\", "
                      "\"createdAt\", \"updatedAt\") "
                      "SELECT 'b' || g, 'u' || (g % 50000) || '_c' || g, 'u' || (g % 50000), "
                      "'c' || g, CASE WHEN g % 3 = 0 THEN 'BINGX' ELSE 'BYBIT' END, "
                      "CASE g % 3 WHEN 0 THEN 'MAINNET' WHEN 1 THEN 'TESTNET' ELSE 'DEMO' END, "
                      "(g % 400) - 200, ? - (g % 600) * 1000, g % 10 <> 0, ? - (g % 600) * 1000, "
                      "g % 50, NULL, ?, ? FROM s"),
                  {from, to, now, expiresBase, now, now});
        ok = ok && exec(QStringLiteral("ANALYZE"));
    }
    if (!ok)
        die(QStringLiteral("could not fill rows %1 to %2").arg(from).arg(to));
}

// A week of per-minute history, as a week-old installation has: the 24 h chart reads from it.
void Bench::fillHistory()
{
    const qint64 nowMinute = QDateTime::currentMSecsSinceEpoch() / 60000;
    const QString series =
        pg() ? QStringLiteral("SELECT m FROM generate_series(CAST(? AS BIGINT), CAST(? AS "
                              "BIGINT)) m")
             : QStringLiteral("WITH RECURSIVE s(m) AS (SELECT ? UNION ALL SELECT m + 1 FROM s "
                              "WHERE m < ?) SELECT m FROM s");
    if (!exec(QStringLiteral(
                  "INSERT INTO {history} (\"minute\", \"hits\", "
                  "\"misses\", \"sets\", \"invalidations\", \"cleanups\") SELECT m, "
                  "100 + m % 17, 3 + m % 5, 3, 0, 0 FROM (%1) x WHERE 1 = 1 ON CONFLICT DO NOTHING")
                  .arg(series),
              {nowMinute - 7 * 24 * 60, nowMinute - 1}))
        die(QStringLiteral("could not fill the history"));
}

std::pair<QString, QString> Bench::identity(qint64 g)
{
    return {QStringLiteral("u%1").arg(g % 50000), QStringLiteral("c%1").arg(g)};
}

// Valid rows among the first 10,000 (g % 10 != 0).
std::vector<qint64> Bench::sampleKeys(int n, quint32 seed)
{
    std::vector<qint64> keys;
    QRandomGenerator rng(seed);
    while (int(keys.size()) < n) {
        const qint64 g = qint64(rng.bounded(1, 10000));
        if (g % 10 != 0)
            keys.push_back(g);
    }
    return keys;
}

// get of a hit, one client, interleaved with pgbench -S -c1 rounds so that both see the same
// machine (other load on a shared machine moves both alike).
void Bench::measureGets()
{
    const int rounds = g_quick ? 2 : 6;
    const int perRound = g_quick ? 1500 : 3000;
    const std::vector<qint64> keys = sampleKeys(rounds * perRound, 42);
    std::vector<double> lat, base;
    int hits = 0;
    for (int i = 0; i < 1000; ++i) { // warm-up: connection, statements, buffers
        const auto k = identity(keys.at(size_t(i)));
        m_store->get(k.first, k.second);
    }
    if (pg())
        pgbench(QStringLiteral("cc_pgbench"), selectScript(), 1, 1, false);
    for (int r = 0; r < rounds; ++r) {
        for (int i = 0; i < perRound; ++i) {
            const auto k = identity(keys.at(size_t(r * perRound + i)));
            Lookup l;
            lat.push_back(timeMs([&]() { l = m_store->get(k.first, k.second); }) * 1000.0);
            hits += l.isHit() ? 1 : 0;
        }
        if (pg()) {
            const PgbenchRun b =
                pgbench(QStringLiteral("cc_pgbench"), selectScript(), 1, g_quick ? 1 : 2, true);
            base.insert(base.end(), b.latenciesUs.begin(), b.latenciesUs.end());
        }
    }
    m_figures.insert(QStringLiteral("get_hit_p50_us"), round1(percentile(lat, 0.5)));
    m_figures.insert(QStringLiteral("get_hit_p99_us"), round1(percentile(lat, 0.99)));
    m_details.insert(QStringLiteral("get_samples"), qint64(lat.size()));
    m_details.insert(QStringLiteral("get_hit_share_of_samples"), double(hits) / double(lat.size()));
    if (pg() && !base.empty()) {
        m_figures.insert(QStringLiteral("pgbench_select_us"), round1(percentile(base, 0.5)));
        m_details.insert(QStringLiteral("pgbench_select_p99_us"), round1(percentile(base, 0.99)));
        m_details.insert(QStringLiteral("pgbench_select_samples"), qint64(base.size()));
        // The engine's own statements through pgbench: the server's share of a get.
        for (HitCounting mode : {HitCounting::Batched, HitCounting::PerLookup}) {
            const QString script = writeGetScript(m_tmp.path(), mode, SqlDialect(m_config));
            const PgbenchRun g =
                pgbench(QStringLiteral("cc_bench"), {QStringLiteral("-f"), script}, 1,
                        g_quick ? 2 : 5, true, QStringLiteral("-c synchronous_commit=off"));
            m_details.insert(mode == HitCounting::Batched
                                 ? QStringLiteral("pgbench_get_statement_p50_us")
                                 : QStringLiteral("pgbench_per_lookup_statement_p50_us"),
                             round1(percentile(g.latenciesUs, 0.5)));
        }
    }
    {
        // The same gets counted one UPDATE per hit (HitCounting::PerLookup), for comparison.
        CacheStore::Options options;
        options.hitCounting = HitCounting::PerLookup;
        CacheStore perLookup(m_config, options);
        perLookup.open();
        std::vector<double> v;
        for (int i = 0; i < (g_quick ? 1500 : 4000); ++i) {
            const auto k = identity(keys.at(size_t(i) % keys.size()));
            v.push_back(timeMs([&]() { perLookup.get(k.first, k.second); }) * 1000.0);
        }
        m_details.insert(QStringLiteral("get_hit_per_lookup_p50_us"), round1(percentile(v, 0.5)));
    }

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
    m_figures.insert(QStringLiteral("set_p50_us"), round1(percentile(setLat, 0.5)));
    m_details.insert(QStringLiteral("set_p99_us"), round1(percentile(setLat, 0.99)));
}

// What a get costs the server, checked rather than assumed: statements per get
// (pg_stat_statements when the server loads it, else transactions), HOT updates, and the
// session's synchronous_commit.
void Bench::measureChecks()
{
    if (!pg())
        return;
    {
        QSqlQuery q(test::StoreInternals::database(*m_store));
        if (q.exec(QStringLiteral("SHOW synchronous_commit")) && q.next())
            m_details.insert(QStringLiteral("get_session_synchronous_commit"),
                             q.value(0).toString());
    }
    auto tableCounters = [&]() {
        QSqlQuery q(QSqlDatabase::database(m_raw));
        exec(QStringLiteral("SELECT pg_stat_clear_snapshot()"));
        q.exec(
            QStringLiteral(
                "SELECT n_tup_upd, n_tup_hot_upd, (SELECT xact_commit FROM pg_stat_database WHERE "
                "datname = current_database()) FROM pg_stat_user_tables WHERE relname = "
                "'connector_state_cache' AND schemaname = %1")
                .arg(SqlDialect(m_config).schemaExpression()));
        std::array<qint64, 3> v{0, 0, 0};
        if (q.next())
            v = {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()};
        return v;
    };
    // Each mode's gets from a store of its own, closed before the counters are read: a
    // backend publishes its table counters when it exits (else up to 10 s later).
    const int n = 2000;
    const std::vector<qint64> keys = sampleKeys(n, 7);
    for (HitCounting mode : {HitCounting::PerLookup, HitCounting::Batched}) {
        m_store->flushHistory();
        QThread::msleep(1200);
        const auto before = tableCounters();
        {
            CacheStore::Options options;
            options.hitCounting = mode;
            CacheStore probe(m_config, options);
            probe.open();
            for (qint64 g : keys) {
                const auto k = identity(g);
                probe.get(k.first, k.second);
            }
        }
        QThread::msleep(1200);
        const auto after = tableCounters();
        const qint64 updates = after[0] - before[0];
        const QString prefix = mode == HitCounting::Batched ? QStringLiteral("get_")
                                                            : QStringLiteral("get_per_lookup_");
        m_details.insert(prefix + QStringLiteral("updates_per_get"), double(updates) / n);
        m_details.insert(prefix + QStringLiteral("hot_update_share"),
                         updates > 0 ? double(after[1] - before[1]) / double(updates) : -1.0);
        // Including the two reads of pg_stat_* and the store's opening and flushing.
        m_details.insert(prefix + QStringLiteral("transactions_per_get"),
                         double(after[2] - before[2]) / n);
    }
}

// Lookups per second from 8 threads, each with its own CacheStore (its own connection); with
// cpuUsPerCall, this process's CPU time (all threads, user + system) per lookup.
double Bench::eightClients(int seconds, const LookupCall &call, HitCounting mode,
                           double *cpuUsPerCall)
{
    const std::vector<qint64> keys = sampleKeys(20000, 99);
    std::atomic<qint64> done{0};
    std::atomic<bool> stop{false};
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back(QThread::create([&, t]() {
            CacheStore::Options options;
            options.hitCounting = mode;
            CacheStore s(m_config, options);
            s.open();
            size_t i = size_t(t) * 2477;
            while (!stop.load(std::memory_order_relaxed)) {
                const auto k = identity(keys[i++ % keys.size()]);
                if (call(s, k.first, k.second) != Lookup::Outcome::Failed)
                    done.fetch_add(1, std::memory_order_relaxed);
            }
        }));
        threads.back()->start();
    }
    QThread::msleep(1000); // connect and warm up
    const qint64 before = done.load();
    const double cpuBefore = cpuUs(RUSAGE_SELF);
    QElapsedTimer t;
    t.start();
    QThread::msleep(seconds * 1000);
    const qint64 after = done.load();
    const double elapsed = double(t.nsecsElapsed()) / 1e9;
    if (cpuUsPerCall && after > before)
        *cpuUsPerCall = (cpuUs(RUSAGE_SELF) - cpuBefore) / double(after - before);
    stop = true;
    for (auto &th : threads)
        th->wait();
    return double(after - before) / elapsed;
}

void Bench::measureThroughput()
{
    const int rounds = g_quick ? 1 : 3;
    const int seconds = g_quick ? 3 : 5;
    double ours = 0, perLookup = 0, base = 0, statement = 0, perLookupStatement = 0;
    const QString script = writeGetScript(m_tmp.path(), HitCounting::Batched, SqlDialect(m_config));
    const QString perLookupScript =
        writeGetScript(m_tmp.path(), HitCounting::PerLookup, SqlDialect(m_config));
    const QString asyncCommit = QStringLiteral("-c synchronous_commit=off");
    for (int r = 0; r < rounds; ++r) {
        ours += eightClients(seconds, getCall);
        perLookup += eightClients(seconds, getCall, HitCounting::PerLookup);
        if (pg()) {
            base += pgbench(QStringLiteral("cc_pgbench"), selectScript(), 8, seconds, false).tps;
            statement += pgbench(QStringLiteral("cc_bench"), {QStringLiteral("-f"), script}, 8,
                                 seconds, false, asyncCommit)
                             .tps;
            perLookupStatement +=
                pgbench(QStringLiteral("cc_bench"), {QStringLiteral("-f"), perLookupScript}, 8,
                        seconds, false, asyncCommit)
                    .tps;
        }
    }
    const double reads = eightClients(seconds, entryCall);
    m_figures.insert(QStringLiteral("get_8c_tps"), std::round(ours / rounds));
    m_details.insert(QStringLiteral("get_per_lookup_8c_tps"), std::round(perLookup / rounds));
    m_details.insert(QStringLiteral("entry_read_8c_tps"), std::round(reads));
    if (pg()) {
        m_figures.insert(QStringLiteral("pgbench_8c_tps"), std::round(base / rounds));
        m_details.insert(QStringLiteral("pgbench_get_statement_8c_tps"),
                         std::round(statement / rounds));
        m_details.insert(QStringLiteral("pgbench_per_lookup_statement_8c_tps"),
                         std::round(perLookupStatement / rounds));
    }
}

void Bench::measureSizes(const QString &suffix)
{
    const int runs = g_quick ? 5 : 9;
    CacheStats estimate;
    m_figures.insert(QStringLiteral("stats_%1_ms").arg(suffix), round3(medianMs(runs, [&]() {
                         estimate = m_store->stats(24h).valueOr(CacheStats());
                     })));
    m_details.insert(QStringLiteral("stats_%1_estimated").arg(suffix), estimate.estimated);
    if (estimate.estimated) {
        // The exact figures for comparison, from a store that always counts.
        CacheStore::Options options;
        options.exactStatsUpTo = 0;
        CacheStore exactStore(m_config, options);
        exactStore.open();
        CacheStats exact;
        m_details.insert(QStringLiteral("stats_%1_exact_ms").arg(suffix),
                         round1(medianMs(g_quick ? 2 : 3, [&]() {
                             exact = exactStore.stats(24h).valueOr(CacheStats());
                         })));
        auto error = [](qint64 est, qint64 real) {
            return real == 0 ? (est == 0 ? 0.0 : 100.0)
                             : round1(100.0 * double(est - real) / double(real));
        };
        m_details.insert(
            QStringLiteral("stats_%1_totals").arg(suffix),
            QStringLiteral("estimated %1, counted %2").arg(estimate.total).arg(exact.total));
        m_details.insert(
            QStringLiteral("stats_%1_error_pct").arg(suffix),
            QJsonObject{
                {QStringLiteral("total"), error(estimate.total, exact.total)},
                {QStringLiteral("valid"), error(estimate.valid, exact.valid)},
                {QStringLiteral("invalid"), error(estimate.invalid, exact.invalid)},
                {QStringLiteral("expiringIn5m"), error(estimate.expiringIn5m, exact.expiringIn5m)},
                {QStringLiteral("totalHits"), error(estimate.totalHits, exact.totalHits)},
            });
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_figures.insert(QStringLiteral("history24h_%1_ms").arg(suffix),
                     round3(medianMs(runs, [&]() { m_store->history(now.addDays(-1), now, 15); })));
    BrowseRequest first;
    first.limit = 200; // the browser's page (EntryModel::kPageSize)
    m_figures.insert(QStringLiteral("first_page_%1_ms").arg(suffix),
                     round3(medianMs(runs, [&]() { m_store->browse(first); })));
    BrowseRequest filtered;
    filtered.limit = 200;
    filtered.filter.exchange = QStringLiteral("BINGX");
    filtered.filter.state = EntryFilter::State::Valid;
    m_details.insert(QStringLiteral("filtered_page_%1_ms").arg(suffix),
                     round3(medianMs(runs, [&]() { m_store->browse(filtered); })));
    BrowseRequest bySort;
    bySort.limit = 200;
    bySort.sortColumn = SortColumn::ExpiresAt;
    bySort.sortOrder = Qt::DescendingOrder;
    m_details.insert(QStringLiteral("first_page_by_expiry_%1_ms").arg(suffix),
                     round3(medianMs(runs, [&]() { m_store->browse(bySort); })));
}

void Bench::measureInit()
{
    test::FakeExchangeThread fake;
    fake.exchange()->setDelayMs(150); // a 150 ms round trip, as from a far region
    QNetworkAccessManager network;
    QString error;
    const auto profile = ExchangeProfile::resolve(
        QStringLiteral("BYBIT"), QStringLiteral("TESTNET"), fake.baseUrl().toString(), &error);
    if (!profile)
        die(QStringLiteral("no exchange profile: %1").arg(error));
    // Hit: the entry u7/c7 exists and is valid (7 % 10 != 0).
    std::vector<double> hitLat;
    int requests = 0;
    for (int i = 0; i < (g_quick ? 200 : 1000); ++i) {
        CachedConnector c(QStringLiteral("u7"), QStringLiteral("c7"), *profile,
                          Credentials(QStringLiteral("k"), "s"), m_store.get(), &network);
        InitResult r;
        const double us = timeMs([&]() { r = c.initializeBlocking(); }) * 1000.0;
        if (i >= 50) // warm-up
            hitLat.push_back(us);
        requests += r.exchangeRequests;
    }
    m_figures.insert(QStringLiteral("init_hit_us"), round1(percentile(hitLat, 0.5)));
    m_details.insert(QStringLiteral("init_hit_p99_us"), round1(percentile(hitLat, 0.99)));
    m_figures.insert(QStringLiteral("init_hit_exchange_requests"), requests);
    std::vector<double> missMs;
    int missRequests = 0;
    for (int i = 0; i < (g_quick ? 2 : 5); ++i) {
        m_store->invalidate(QStringLiteral("u7"), QStringLiteral("c7"));
        CachedConnector c(QStringLiteral("u7"), QStringLiteral("c7"), *profile,
                          Credentials(QStringLiteral("k"), "s"), m_store.get(), &network);
        InitResult r;
        missMs.push_back(timeMs([&]() { r = c.initializeBlocking(); }));
        missRequests = r.exchangeRequests;
    }
    m_figures.insert(QStringLiteral("init_miss_ms"), round1(percentile(missMs, 0.5)));
    m_details.insert(QStringLiteral("init_miss_exchange_requests"), missRequests);
}

// get of a hit through the pooler (DatabaseConfig::pooled: unnamed statements, nothing left on
// the session), one client, interleaved with pgbench -S -c1 through the same pooler over the
// extended protocol (-M extended: parsed every call, as ours); the simple protocol and our own
// lookup statement through the pooler beside them.
void Bench::measurePooled()
{
    if (!havePooler()) {
        say(QStringLiteral(
            "bench: no PgBouncer (CC_TEST_PGBOUNCER_PORT): pooled figures left out"));
        return;
    }
    CacheStore pooled(pooledConfig());
    const int rounds = g_quick ? 2 : 4;
    const int perRound = g_quick ? 1500 : 3000;
    const std::vector<qint64> keys = sampleKeys(rounds * perRound, 43);
    for (int i = 0; i < 1000; ++i) { // warm-up
        const auto k = identity(keys.at(size_t(i)));
        pooled.get(k.first, k.second);
    }
    std::vector<double> lat, base;
    int hits = 0;
    for (int r = 0; r < rounds; ++r) {
        for (int i = 0; i < perRound; ++i) {
            const auto k = identity(keys.at(size_t(r * perRound + i)));
            Lookup l;
            lat.push_back(timeMs([&]() { l = pooled.get(k.first, k.second); }) * 1000.0);
            hits += l.isHit() ? 1 : 0;
        }
        const PgbenchRun b = pgbench(QStringLiteral("cc_pgbench"), selectScript(), 1,
                                     g_quick ? 1 : 2, true, QString(), Via::Pooler);
        base.insert(base.end(), b.latenciesUs.begin(), b.latenciesUs.end());
    }
    m_figures.insert(QStringLiteral("get_pooled_p50_us"), round1(percentile(lat, 0.5)));
    m_details.insert(QStringLiteral("get_pooled_p99_us"), round1(percentile(lat, 0.99)));
    m_details.insert(QStringLiteral("get_pooled_hit_share"), double(hits) / double(lat.size()));
    m_figures.insert(QStringLiteral("pgbench_pooled_us"), round1(percentile(base, 0.5)));
    m_details.insert(QStringLiteral("pgbench_pooled_p99_us"), round1(percentile(base, 0.99)));
    m_details.insert(QStringLiteral("pgbench_pooled_protocol"),
                     QStringLiteral("extended (-M extended: unnamed statements)"));
    const PgbenchRun simple = pgbench(QStringLiteral("cc_pgbench"), selectScript(), 1,
                                      g_quick ? 1 : 2, true, QString(), Via::PoolerSimple);
    m_details.insert(QStringLiteral("pgbench_pooled_simple_us"),
                     round1(percentile(simple.latenciesUs, 0.5)));
    const PgbenchRun statement =
        pgbench(QStringLiteral("cc_bench"),
                {QStringLiteral("-f"),
                 writeGetScript(m_tmp.path(), HitCounting::Batched, SqlDialect(m_config))},
                1, g_quick ? 1 : 2, true, QString(), Via::Pooler);
    m_details.insert(QStringLiteral("pgbench_pooled_get_statement_p50_us"),
                     round1(percentile(statement.latenciesUs, 0.5)));
    // Without the pooler, parsed every call: what planning our statement costs by itself.
    const PgbenchRun direct =
        pgbench(QStringLiteral("cc_bench"),
                {QStringLiteral("-f"),
                 writeGetScript(m_tmp.path(), HitCounting::Batched, SqlDialect(m_config))},
                1, g_quick ? 1 : 2, true, QString(), Via::DirectExtended);
    m_details.insert(QStringLiteral("pgbench_get_statement_extended_p50_us"),
                     round1(percentile(direct.latenciesUs, 0.5)));
    const PgbenchRun selectExtended =
        pgbench(QStringLiteral("cc_pgbench"), selectScript(), 1, g_quick ? 1 : 2, true, QString(),
                Via::DirectExtended);
    m_details.insert(QStringLiteral("pgbench_select_extended_us"),
                     round1(percentile(selectExtended.latenciesUs, 0.5)));
    // lookupOffset(), the connector's own lookup, through the pooler.
    std::vector<double> offsetLat;
    for (int i = 0; i < perRound; ++i) {
        const auto k = identity(keys.at(size_t(i)));
        offsetLat.push_back(timeMs([&]() { pooled.lookupOffset(k.first, k.second); }) * 1000.0);
    }
    m_details.insert(QStringLiteral("get_offset_pooled_p50_us"),
                     round1(percentile(offsetLat, 0.5)));
}

// A new process per lookup (connector-cache-coldstart, and the CLI's get), against psql's cold
// start through the same URL, every kind in turn, direct and through the pooler.
void Bench::measureColdStart()
{
    const QList<ColdKind> ours = coldStartKinds(true);
    const QList<ColdKind> psql = psqlKinds();
    // Interleaved, each of ours beside its baseline: direct, the process starts alone, pooled;
    // then the CLI (which has none).
    QList<ColdKind> order;
    for (qsizetype i = 0; i < ours.size(); ++i) {
        order << ours.at(i);
        if (i < psql.size())
            order << psql.at(i);
    }
    const QJsonObject r = coldStarts(order, g_quick ? 11 : 31, 0);
    m_details.insert(QStringLiteral("psql_program"), psqlProgram());
    for (auto it = r.constBegin(); it != r.constEnd(); ++it) {
        if (it.key() == QLatin1String("samples"))
            m_details.insert(QStringLiteral("cold_start_runs"), it.value());
        else
            m_figures.insert(it.key(), it.value());
    }
}

void Bench::measureCleanup(qint64 rows)
{
    // A client that keeps reading valid entries through both deletes, so that the baseline and
    // the engine run under the same load; its latencies are kept for the engine's run.
    std::atomic<bool> stop{false};
    std::atomic<int> phase{0}; // 0: before the engine's cleanup, 1: during, 2: baseline
    std::vector<double> getLat, getLatBefore;
    auto startReader = [&]() {
        stop = false;
        QThread *reader = QThread::create([&]() {
            CacheStore s(m_config);
            s.open();
            qint64 i = 1;
            while (!stop) {
                const qint64 g = (i++ % 999) + 1;
                if (g % 10 == 0)
                    continue;
                const auto k = identity(g);
                const double ms = timeMs([&]() { s.get(k.first, k.second); });
                if (phase.load() == 0)
                    getLatBefore.push_back(ms);
                else if (phase.load() == 1)
                    getLat.push_back(ms);
            }
        });
        reader->start();
        QThread::msleep(500);
        return reader;
    };
    auto stopReader = [&](QThread *reader) {
        stop = true;
        reader->wait();
        delete reader;
    };

    // The baseline first: one bare DELETE of `rows` expired rows beside 1,000 valid ones.
    exec(QStringLiteral("DELETE FROM {cache}"));
    fill(1, 1000, false);
    fill(1'000'001, 1'000'000 + rows, true);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    phase = 2;
    QThread *reader = startReader();
    const double bare = timeMs([&]() {
        if (pg())
            exec(QStringLiteral(
                     "DELETE FROM {cache} WHERE \"expiresAt\" <= "
                     "TIMESTAMP '1970-01-01' + CAST(? AS BIGINT) * INTERVAL '1 millisecond'"),
                 {now});
        else
            exec(QStringLiteral("DELETE FROM {cache} WHERE \"expiresAt\" <= ?"), {now});
    });
    stopReader(reader);
    m_figures.insert(QStringLiteral("bare_delete_rows_per_s"),
                     std::round(double(rows) / (bare / 1000.0)));

    // The same rows again (after VACUUM), deleted by the engine.
    fill(1'000'001, 1'000'000 + rows, true);
    phase = 0;
    reader = startReader();
    qint64 deleted = 0;
    phase = 1;
    const double ms = timeMs([&]() { deleted = m_store->cleanupExpired().valueOr(0); });
    stopReader(reader);
    m_details.insert(QStringLiteral("cleanup_rows"), deleted);
    m_details.insert(QStringLiteral("cleanup_ms"), round1(ms));
    m_details.insert(QStringLiteral("cleanup_reader"),
                     QStringLiteral("one client reading valid entries without pause through both "
                                    "the baseline and the engine's cleanup"));
    m_figures.insert(QStringLiteral("cleanup_rows_per_s"),
                     std::round(double(deleted) / (ms / 1000.0)));
    m_figures.insert(QStringLiteral("get_p99_during_cleanup_ms"),
                     round1(percentile(getLat, 0.99) * 100.0) / 100.0);
    m_details.insert(QStringLiteral("get_max_during_cleanup_ms"),
                     round1(percentile(getLat, 1.0) * 100.0) / 100.0);
    m_details.insert(QStringLiteral("get_p99_before_cleanup_ms"),
                     round1(percentile(getLatBefore, 0.99) * 100.0) / 100.0);
    m_details.insert(QStringLiteral("gets_during_cleanup"), qint64(getLat.size()));
}

void Bench::openRaw()
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(
            pg() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), m_raw);
        if (pg()) {
            db.setHostName(m_config.host);
            if (m_config.port > 0)
                db.setPort(m_config.port);
            db.setUserName(m_config.user);
            db.setPassword(m_config.password);
            db.setDatabaseName(m_config.databaseName);
            db.setConnectOptions(m_config.postgresConnectOptions(600000));
        } else {
            db.setDatabaseName(m_config.sqlitePath);
        }
        if (!db.open())
            die(QStringLiteral("cannot open %1: %2").arg(m_name, db.lastError().text()));
        if (pg())
            exec(QStringLiteral("SET TIME ZONE 'UTC'"));
    }
}

void Bench::run(QJsonObject *figures, QJsonObject *details)
{
    openRaw();
    // A fresh schema every run.
    for (Table table : kAllTables) // in the URL's schema (schema=), as every statement here
        exec(QStringLiteral("DROP TABLE IF EXISTS %1").arg(SqlDialect(m_config).table(table)));
    CacheStore::Options options;
    if (g_batchSize > 0)
        options.batchSize = g_batchSize;
    m_store = std::make_unique<CacheStore>(m_config, options);
    if (!m_store->migrate().ok() || m_store->open())
        die(QStringLiteral("cannot migrate or open %1").arg(m_name));
    if (pg()) {
        m_details.insert(QStringLiteral("server_version"),
                         scalar(QStringLiteral("SHOW server_version")).toString());
        m_details.insert(QStringLiteral("server_fsync"),
                         scalar(QStringLiteral("SHOW fsync")).toString());
        m_details.insert(QStringLiteral("server_shared_buffers"),
                         scalar(QStringLiteral("SHOW shared_buffers")).toString());
    } else {
        m_details.insert(QStringLiteral("server_version"),
                         scalar(QStringLiteral("SELECT sqlite_version()")).toString());
    }
    fillHistory();

    say(QStringLiteral("[%1] 10,000 entries: gets, sets, baselines").arg(m_name));
    fill(1, 10'000, false);
    measureGets();
    measureChecks();
    say(QStringLiteral("[%1] 8 clients").arg(m_name));
    measureThroughput();
    say(QStringLiteral("[%1] stats, history, pages at 10,000").arg(m_name));
    measureSizes(QStringLiteral("10k"));
    say(QStringLiteral("[%1] initialize() on a hit and on a miss").arg(m_name));
    measureInit();
    if (pg()) {
        say(QStringLiteral("[%1] through PgBouncer; cold starts").arg(m_name));
        measurePooled();
        measureColdStart();
    }
    const qint64 big = g_quick ? 100'000 : 1'000'000;
    say(QStringLiteral("[%1] %2 entries").arg(m_name).arg(big));
    fill(10'001, big, false);
    measureSizes(QStringLiteral("1m"));
    say(QStringLiteral("[%1] cleanup of %2 expired entries").arg(m_name).arg(big));
    measureCleanup(big);
    m_store.reset();
    QSqlDatabase::database(m_raw).close();
    QSqlDatabase::removeDatabase(m_raw);

    for (auto it = m_figures.constBegin(); it != m_figures.constEnd(); ++it) {
        if (issueKeys().contains(it.key()))
            figures->insert(it.key(), it.value());
        else
            m_details.insert(it.key(), it.value());
    }
    *details = m_details;
}

// --- short rounds, interleaved by scripts/bench_pairs.py --------------------------------------

// Every figure and baseline that can be measured in a short round, by the key of its main
// value. A new paired figure is one entry here (a lookup: roundLatency or roundThroughput with
// its LookupCall) and one line in bench_pairs.py's TARGETS.
const std::map<QString, Bench::RoundFn> &Bench::rounds()
{
    static const std::map<QString, RoundFn> table{
        {QStringLiteral("get_hit_p50_us"),
         [](Bench &b, int s) { return b.roundLatency(QStringLiteral("get_hit"), getCall, s); }},
        {QStringLiteral("get_8c_tps"),
         [](Bench &b, int s) { return b.roundThroughput(QStringLiteral("get_8c"), getCall, s); }},
        {QStringLiteral("get_offset_p50_us"),
         [](Bench &b, int s) {
             return b.roundLatency(QStringLiteral("get_offset"), offsetCall, s);
         }},
        {QStringLiteral("get_offset_8c_tps"),
         [](Bench &b, int s) {
             return b.roundThroughput(QStringLiteral("get_offset_8c"), offsetCall, s);
         }},
        {QStringLiteral("pgbench_select_us"), &Bench::roundPgbenchSelect},
        {QStringLiteral("init_hit_us"), &Bench::roundInitHit},
        {QStringLiteral("pgbench_8c_tps"), &Bench::roundPgbenchEightClients},
        {QStringLiteral("pgbench_get_statement_8c_tps"), &Bench::roundPgbenchStatementEightClients},
        // Through the PgBouncer of scripts/bench.sh (transaction mode; DatabaseConfig::pooled).
        {QStringLiteral("get_pooled_p50_us"),
         [](Bench &b, int s) {
             CacheStore pooled(pooledConfig());
             return b.roundLatency(QStringLiteral("get_pooled"), getCall, s, &pooled);
         }},
        {QStringLiteral("get_offset_pooled_p50_us"),
         [](Bench &b, int s) {
             CacheStore pooled(pooledConfig());
             return b.roundLatency(QStringLiteral("get_offset_pooled"), offsetCall, s, &pooled);
         }},
        {QStringLiteral("pgbench_pooled_us"), &Bench::roundPgbenchPooled},
        // A new process per lookup, direct and (with the pooler) pooled, against psql's.
        {QStringLiteral("cold_start_ms"),
         [](Bench &, int s) { return coldStarts(coldStartKinds(false), 9, s); }},
        {QStringLiteral("psql_cold_ms"),
         [](Bench &, int s) { return coldStarts(psqlKinds(), 9, s); }},
    };
    return table;
}

QStringList Bench::roundKeys()
{
    QStringList keys;
    for (const auto &r : rounds())
        keys << r.first;
    return keys;
}

void Bench::prepareRounds()
{
    if (!pg())
        die(QStringLiteral("rounds need PostgreSQL"));
    openRaw();
    for (Table table : kAllTables) // in the URL's schema (schema=), as every statement here
        exec(QStringLiteral("DROP TABLE IF EXISTS %1").arg(SqlDialect(m_config).table(table)));
    m_store = std::make_unique<CacheStore>(m_config);
    if (!m_store->migrate().ok() || m_store->open())
        die(QStringLiteral("cannot migrate or open %1").arg(m_name));
    fill(1, 10'000, false);
    // Valid for an hour from now, however long the rounds take.
    if (!exec(QStringLiteral("UPDATE {cache} SET \"expiresAt\" = \"expiresAt\" + "
                             "INTERVAL '1 hour'")) ||
        !exec(QStringLiteral("VACUUM ANALYZE {cache}")))
        die(QStringLiteral("could not prepare the rounds' entries"));
    m_store.reset();
}

QJsonObject Bench::round(const QString &key, int seconds)
{
    const auto it = rounds().find(key);
    if (it == rounds().end())
        return QJsonObject();
    openRaw();
    m_store = std::make_unique<CacheStore>(m_config);
    if (m_store->open())
        die(QStringLiteral("cannot open %1").arg(m_name));
    QJsonObject result = it->second(*this, seconds);
    result.insert(QStringLiteral("round_seconds"), seconds);
    m_store.reset();
    return result;
}

// One client's lookups for `seconds`: PREFIX_p50_us, PREFIX_p99_us and the share of hits.
// With `store`, its lookups instead of the round's store's (the pooled one).
QJsonObject Bench::roundLatency(const QString &prefix, const LookupCall &call, int seconds,
                                CacheStore *store)
{
    CacheStore &s = store ? *store : *m_store;
    const std::vector<qint64> keys = sampleKeys(20000, QRandomGenerator::global()->generate());
    for (size_t i = 0; i < 1000; ++i) { // warm-up: statements, buffers
        const auto k = identity(keys.at(i));
        call(s, k.first, k.second);
    }
    std::vector<double> lat;
    int hits = 0;
    QElapsedTimer t;
    t.start();
    for (size_t i = 0; t.elapsed() < seconds * 1000; ++i) {
        const auto k = identity(keys.at(i % keys.size()));
        Lookup::Outcome o = Lookup::Outcome::Failed;
        lat.push_back(timeMs([&]() { o = call(s, k.first, k.second); }) * 1000.0);
        hits += o == Lookup::Outcome::Hit ? 1 : 0;
    }
    return {{prefix + QStringLiteral("_p50_us"), round1(percentile(lat, 0.5))},
            {prefix + QStringLiteral("_p99_us"), round1(percentile(lat, 0.99))},
            {QStringLiteral("samples"), qint64(lat.size())},
            {QStringLiteral("hit_share"), double(hits) / double(lat.size())}};
}

// Percentiles from pgbench's per-transaction log (-l), not its average latency.
QJsonObject Bench::roundPgbenchSelect(int seconds)
{
    const PgbenchRun b = pgbench(QStringLiteral("cc_pgbench"), selectScript(), 1, seconds, true);
    if (!b.ok || b.latenciesUs.empty())
        die(QStringLiteral("pgbench -S gave no latencies"));
    return {{QStringLiteral("pgbench_select_us"), round1(percentile(b.latenciesUs, 0.5))},
            {QStringLiteral("pgbench_select_p99_us"), round1(percentile(b.latenciesUs, 0.99))},
            {QStringLiteral("samples"), qint64(b.latenciesUs.size())}};
}

// pgbench -S -c1 through the pooler, over the extended protocol without server-side prepares
// (-M extended), as our pooled lookups go.
QJsonObject Bench::roundPgbenchPooled(int seconds)
{
    const PgbenchRun b = pgbench(QStringLiteral("cc_pgbench"), selectScript(), 1, seconds, true,
                                 QString(), Via::Pooler);
    if (!b.ok || b.latenciesUs.empty())
        die(QStringLiteral("pgbench -S through the pooler gave no latencies"));
    return {{QStringLiteral("pgbench_pooled_us"), round1(percentile(b.latenciesUs, 0.5))},
            {QStringLiteral("pgbench_pooled_p99_us"), round1(percentile(b.latenciesUs, 0.99))},
            {QStringLiteral("samples"), qint64(b.latenciesUs.size())}};
}

QJsonObject Bench::roundInitHit(int seconds)
{
    test::FakeExchangeThread fake;
    QNetworkAccessManager network;
    QString error;
    const auto profile = ExchangeProfile::resolve(
        QStringLiteral("BYBIT"), QStringLiteral("TESTNET"), fake.baseUrl().toString(), &error);
    if (!profile)
        die(QStringLiteral("no exchange profile: %1").arg(error));
    std::vector<double> lat;
    int requests = 0;
    QElapsedTimer t;
    t.start();
    for (int i = 0; t.elapsed() < seconds * 1000 || i < 100; ++i) {
        CachedConnector c(QStringLiteral("u7"), QStringLiteral("c7"), *profile,
                          Credentials(QStringLiteral("k"), "s"), m_store.get(), &network);
        InitResult r;
        const double us = timeMs([&]() { r = c.initializeBlocking(); }) * 1000.0;
        if (i >= 50) // warm-up
            lat.push_back(us);
        requests += r.exchangeRequests;
    }
    return {{QStringLiteral("init_hit_us"), round1(percentile(lat, 0.5))},
            {QStringLiteral("init_hit_p99_us"), round1(percentile(lat, 0.99))},
            {QStringLiteral("init_hit_exchange_requests"), requests},
            {QStringLiteral("samples"), qint64(lat.size())}};
}

// Eight clients' lookups for `seconds`: PREFIX_tps and PREFIX_client_cpu_us (per lookup).
QJsonObject Bench::roundThroughput(const QString &prefix, const LookupCall &call, int seconds)
{
    double cpu = 0;
    const double tps = eightClients(seconds, call, CacheStore::Options().hitCounting, &cpu);
    return {{prefix + QStringLiteral("_tps"), std::round(tps)},
            {prefix + QStringLiteral("_client_cpu_us"), round1(cpu)}};
}

QJsonObject Bench::roundPgbenchEightClients(int seconds)
{
    const PgbenchRun b = pgbench(QStringLiteral("cc_pgbench"), selectScript(), 8, seconds, false);
    if (!b.ok)
        die(QStringLiteral("pgbench -S -c8 failed"));
    return {{QStringLiteral("pgbench_8c_tps"), std::round(b.tps)},
            {QStringLiteral("pgbench_8c_client_cpu_us"), round1(b.clientCpuUsPerTransaction)}};
}

// pgbench running our own lookup statement: the ceiling of the 8-client figure, without our
// client's cost.
QJsonObject Bench::roundPgbenchStatementEightClients(int seconds)
{
    const QString script = writeGetScript(m_tmp.path(), HitCounting::Batched, SqlDialect(m_config));
    const PgbenchRun b = pgbench(QStringLiteral("cc_bench"), {QStringLiteral("-f"), script}, 8,
                                 seconds, false, QStringLiteral("-c synchronous_commit=off"));
    if (!b.ok)
        die(QStringLiteral("pgbench running our statement failed"));
    return {{QStringLiteral("pgbench_get_statement_8c_tps"), std::round(b.tps)},
            {QStringLiteral("pgbench_get_statement_8c_client_cpu_us"),
             round1(b.clientCpuUsPerTransaction)}};
}

// --- the table
// ------------------------------------------------------------------------------------

QString number(const QJsonObject &o, const QString &key, int decimals = 1)
{
    if (!o.contains(key))
        return QStringLiteral("-");
    return QString::number(o.value(key).toDouble(), 'f', decimals);
}

QString verdict(bool met, double ratio, const QString &unit)
{
    return QStringLiteral("%1 (%2%3)")
        .arg(met ? QStringLiteral("met") : QStringLiteral("MISSED"))
        .arg(ratio, 0, 'f', 2)
        .arg(unit);
}

QString table(const QJsonObject &pg, const QJsonObject &lite, const QJsonObject &pgx,
              const QJsonObject &litex, const QString &big)
{
    QString t;
    auto line = [&](const QString &label, const QString &a, const QString &b,
                    const QString &c = QString()) {
        t += QStringLiteral("%1 %2 %3  %4\n").arg(label, -48).arg(a, 12).arg(b, 12).arg(c);
    };
    auto v = [](const QJsonObject &o, const QString &k) { return o.value(k).toDouble(); };
    line(QStringLiteral("figure"), QStringLiteral("PostgreSQL"), QStringLiteral("SQLite"),
         QStringLiteral("target (PostgreSQL)"));
    const double ratio1 =
        v(pg, QStringLiteral("get_hit_p50_us")) / v(pg, QStringLiteral("pgbench_select_us"));
    line(QStringLiteral("get (hit) p50, µs"), number(pg, QStringLiteral("get_hit_p50_us")),
         number(lite, QStringLiteral("get_hit_p50_us")),
         pg.isEmpty() ? QString() : verdict(ratio1 <= 2.0, ratio1, QStringLiteral(" × ≤ 2 ×")));
    line(QStringLiteral("get (hit) p99, µs"), number(pg, QStringLiteral("get_hit_p99_us")),
         number(lite, QStringLiteral("get_hit_p99_us")));
    line(QStringLiteral("  baseline: pgbench -S -M prepared -c1 p50, µs"),
         number(pg, QStringLiteral("pgbench_select_us")), QStringLiteral("-"));
    line(QStringLiteral("  pgbench running our hit statement p50, µs"),
         number(pgx, QStringLiteral("pgbench_get_statement_p50_us")), QStringLiteral("-"));
    line(QStringLiteral("  get counting per lookup (UPDATE per hit) p50, µs"),
         number(pgx, QStringLiteral("get_hit_per_lookup_p50_us")),
         number(litex, QStringLiteral("get_hit_per_lookup_p50_us")));
    line(QStringLiteral("  pgbench running the per-lookup UPDATE p50, µs"),
         number(pgx, QStringLiteral("pgbench_per_lookup_statement_p50_us")), QStringLiteral("-"));
    const double ratio8 =
        v(pg, QStringLiteral("get_8c_tps")) / v(pg, QStringLiteral("pgbench_8c_tps"));
    line(QStringLiteral("get, 8 clients, per s"), number(pg, QStringLiteral("get_8c_tps"), 0),
         number(lite, QStringLiteral("get_8c_tps"), 0),
         pg.isEmpty() ? QString()
                      : verdict(ratio8 >= 0.7, ratio8 * 100, QStringLiteral(" % ≥ 70 %")));
    line(QStringLiteral("  baseline: pgbench -S -M prepared -c8 -j8, per s"),
         number(pg, QStringLiteral("pgbench_8c_tps"), 0), QStringLiteral("-"));
    line(QStringLiteral("  pgbench running our hit statement, 8 clients"),
         number(pgx, QStringLiteral("pgbench_get_statement_8c_tps"), 0), QStringLiteral("-"));
    line(QStringLiteral("  pgbench running the per-lookup UPDATE, 8 clients"),
         number(pgx, QStringLiteral("pgbench_per_lookup_statement_8c_tps"), 0),
         QStringLiteral("-"));
    line(QStringLiteral("  get counting per lookup (UPDATE per hit), 8 clients"),
         number(pgx, QStringLiteral("get_per_lookup_8c_tps"), 0),
         number(litex, QStringLiteral("get_per_lookup_8c_tps"), 0));
    line(QStringLiteral("  entry() (a read, no hit counted), 8 clients"),
         number(pgx, QStringLiteral("entry_read_8c_tps"), 0),
         number(litex, QStringLiteral("entry_read_8c_tps"), 0));
    line(QStringLiteral("set (upsert) p50, µs"), number(pg, QStringLiteral("set_p50_us")),
         number(lite, QStringLiteral("set_p50_us")));
    const double ratioInit =
        v(pg, QStringLiteral("init_hit_us")) / v(pg, QStringLiteral("pgbench_select_us"));
    line(QStringLiteral("initialize() on a hit, µs"), number(pg, QStringLiteral("init_hit_us")),
         number(lite, QStringLiteral("init_hit_us")),
         pg.isEmpty()
             ? QString()
             : verdict(ratioInit <= 3.0 && v(pg, QStringLiteral("init_hit_exchange_requests")) == 0,
                       ratioInit, QStringLiteral(" × ≤ 3 ×, no request")));
    line(QStringLiteral("  exchange requests on those hits"),
         number(pg, QStringLiteral("init_hit_exchange_requests"), 0),
         number(lite, QStringLiteral("init_hit_exchange_requests"), 0));
    line(QStringLiteral("initialize() on a miss (150 ms RTT), ms"),
         number(pg, QStringLiteral("init_miss_ms")), number(lite, QStringLiteral("init_miss_ms")));
    const QList<std::pair<QString, QString>> sized{
        {QStringLiteral("stats"), QStringLiteral("stats()")},
        {QStringLiteral("history24h"), QStringLiteral("24 h history (96 buckets)")},
        {QStringLiteral("first_page"), QStringLiteral("first browser page (200)")}};
    for (const auto &s : sized) {
        const QString k10 = s.first + QStringLiteral("_10k_ms");
        const QString k1m = s.first + QStringLiteral("_1m_ms");
        line(QStringLiteral("%1 at 10k, ms").arg(s.second), number(pg, k10, 2),
             number(lite, k10, 2));
        const double r = v(pg, k1m) / v(pg, k10);
        const double rl = v(lite, k1m) / v(lite, k10);
        line(QStringLiteral("%1 at %2, ms").arg(s.second, big), number(pg, k1m, 2),
             number(lite, k1m, 2),
             pg.isEmpty() ? verdict(rl <= 3.0, rl, QStringLiteral(" × ≤ 3 × (SQLite)"))
                          : verdict(r <= 3.0, r, QStringLiteral(" × ≤ 3 ×")) +
                                QStringLiteral("; SQLite %1 ×").arg(rl, 0, 'f', 2));
    }
    line(QStringLiteral("filtered page (BINGX, valid) at 10k / %1, ms").arg(big),
         number(pgx, QStringLiteral("filtered_page_10k_ms"), 2) + QStringLiteral("/") +
             number(pgx, QStringLiteral("filtered_page_1m_ms"), 2),
         number(litex, QStringLiteral("filtered_page_10k_ms"), 2) + QStringLiteral("/") +
             number(litex, QStringLiteral("filtered_page_1m_ms"), 2));
    const double rc = v(pg, QStringLiteral("cleanup_rows_per_s")) /
                      v(pg, QStringLiteral("bare_delete_rows_per_s"));
    line(QStringLiteral("cleanupExpired() of %1 expired, rows/s").arg(big),
         number(pg, QStringLiteral("cleanup_rows_per_s"), 0),
         number(lite, QStringLiteral("cleanup_rows_per_s"), 0),
         pg.isEmpty() ? QString() : verdict(rc >= 0.5, rc * 100, QStringLiteral(" % ≥ 50 %")));
    line(QStringLiteral("  baseline: bare DELETE of the same rows, rows/s"),
         number(pg, QStringLiteral("bare_delete_rows_per_s"), 0),
         number(lite, QStringLiteral("bare_delete_rows_per_s"), 0));
    const double p99 = v(pg, QStringLiteral("get_p99_during_cleanup_ms"));
    line(QStringLiteral("get p99 during that cleanup, ms"),
         number(pg, QStringLiteral("get_p99_during_cleanup_ms"), 2),
         number(lite, QStringLiteral("get_p99_during_cleanup_ms"), 2),
         pg.isEmpty() ? QString() : verdict(p99 < 20.0, p99, QStringLiteral(" ms < 20 ms")));
    if (pg.contains(QStringLiteral("get_pooled_p50_us"))) {
        const double rp =
            v(pg, QStringLiteral("get_pooled_p50_us")) / v(pg, QStringLiteral("pgbench_pooled_us"));
        line(QStringLiteral("get (hit) through PgBouncer p50, µs"),
             number(pg, QStringLiteral("get_pooled_p50_us")), QStringLiteral("-"),
             verdict(rp <= 2.0, rp, QStringLiteral(" × ≤ 2 ×")));
        line(QStringLiteral("  baseline: pgbench -S -M extended -c1 through it, µs"),
             number(pg, QStringLiteral("pgbench_pooled_us")), QStringLiteral("-"));
    }
    if (pg.contains(QStringLiteral("cold_start_ms"))) {
        const double rs =
            v(pg, QStringLiteral("cold_start_ms")) / v(pg, QStringLiteral("psql_cold_ms"));
        line(QStringLiteral("cold start (new process, lookupOffset), ms"),
             number(pg, QStringLiteral("cold_start_ms"), 2), QStringLiteral("-"),
             verdict(rs <= 1.5, rs, QStringLiteral(" × ≤ 1.5 ×")));
        line(QStringLiteral("  baseline: psql -Atc 'SELECT 1', ms"),
             number(pg, QStringLiteral("psql_cold_ms"), 2), QStringLiteral("-"));
        line(QStringLiteral("  the same through PgBouncer: ours / psql, ms"),
             number(pgx, QStringLiteral("cold_start_pooled_ms"), 2) + QStringLiteral("/") +
                 number(pgx, QStringLiteral("psql_cold_pooled_ms"), 2),
             QStringLiteral("-"));
        line(QStringLiteral("  the process start alone (--start-only / psql --version), ms"),
             number(pgx, QStringLiteral("cold_process_ms"), 2) + QStringLiteral("/") +
                 number(pgx, QStringLiteral("psql_process_ms"), 2),
             QStringLiteral("-"));
        line(QStringLiteral("  psql doing the same server work (lookup, hit count, history), ms"),
             number(pgx, QStringLiteral("psql_same_work_ms"), 2), QStringLiteral("-"));
        line(QStringLiteral("  connector-cache get (the CLI), ms"),
             number(pgx, QStringLiteral("cold_start_cli_ms"), 2), QStringLiteral("-"));
    }
    return t;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The cache engine's figures and their baselines from the same run."));
    parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption quick(QStringLiteral("quick"),
                                   QStringLiteral("100k instead of 1M rows, fewer and shorter "
                                                  "rounds (for iterating; the keys keep their "
                                                  "names, details.large_rows tells)."));
    const QCommandLineOption noPg(QStringLiteral("no-postgres"), QStringLiteral("SQLite only."));
    const QCommandLineOption noSqlite(QStringLiteral("no-sqlite"),
                                      QStringLiteral("PostgreSQL only."));
    const QCommandLineOption batch(
        QStringLiteral("batch-size"),
        QStringLiteral("Rows per cleanup batch (default: the engine's)."), QStringLiteral("rows"));
    const QCommandLineOption prepare(
        QStringLiteral("prepare-rounds"),
        QStringLiteral("Make the entries that --round reads (PostgreSQL), then exit."));
    const QCommandLineOption round(
        QStringLiteral("round"),
        QStringLiteral("Measure one short round of one figure and print it as JSON; "
                       "scripts/bench_pairs.py interleaves them. Keys: %1.")
            .arg(Bench::roundKeys().join(QStringLiteral(", "))),
        QStringLiteral("key"));
    const QCommandLineOption roundSeconds(QStringLiteral("round-seconds"),
                                          QStringLiteral("How long a round runs (default 2)."),
                                          QStringLiteral("s"), QStringLiteral("2"));
    parser.addOptions({json, quick, noPg, noSqlite, batch, prepare, round, roundSeconds});
    parser.process(app);
    QLoggingCategory::setFilterRules(qEnvironmentVariableIsSet("CC_BENCH_LOG")
                                         ? QStringLiteral("cc.cache.debug=true")
                                         : QStringLiteral("cc.*=false"));
    g_quick = parser.isSet(quick);
    g_batchSize = parser.value(batch).toInt();

    if (parser.isSet(prepare) || parser.isSet(round)) {
        if (qEnvironmentVariableIsEmpty("PGHOST")) {
            say(QStringLiteral("bench: no PostgreSQL given (PGHOST); run scripts/bench.sh"));
            return 2;
        }
        Bench bench(directConfig(), QStringLiteral("PostgreSQL"));
        if (parser.isSet(prepare)) {
            bench.prepareRounds();
            return 0;
        }
        const QJsonObject result =
            bench.round(parser.value(round), std::max(1, parser.value(roundSeconds).toInt()));
        if (result.isEmpty()) {
            say(QStringLiteral("bench: no round named %1 (%2)")
                    .arg(parser.value(round), Bench::roundKeys().join(QStringLiteral(", "))));
            return 2;
        }
        std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        return 0;
    }

    QElapsedTimer total;
    total.start();
    QJsonObject pg, lite, pgx, litex;
    if (!parser.isSet(noPg)) {
        if (qEnvironmentVariableIsEmpty("PGHOST")) {
            say(QStringLiteral("bench: no PostgreSQL given (PGHOST); run scripts/bench.sh"));
            return 2;
        }
        Bench(directConfig(), QStringLiteral("PostgreSQL")).run(&pg, &pgx);
    }
    QTemporaryDir dir;
    if (!parser.isSet(noSqlite)) {
        DatabaseConfig sqlite;
        sqlite.sqlitePath = dir.filePath(QStringLiteral("bench.db"));
        Bench(sqlite, QStringLiteral("SQLite")).run(&lite, &litex);
    }
    const QJsonObject details{{QStringLiteral("machine"), machine()},
                              {QStringLiteral("quick"), g_quick},
                              {QStringLiteral("large_rows"), g_quick ? 100000 : 1000000},
                              {QStringLiteral("seconds"), round1(double(total.elapsed()) / 1000)},
                              {QStringLiteral("pg"), pgx},
                              {QStringLiteral("sqlite"), litex}};
    if (parser.isSet(json)) {
        std::printf("%s\n", QJsonDocument(QJsonObject{{QStringLiteral("pg"), pg},
                                                      {QStringLiteral("sqlite"), lite},
                                                      {QStringLiteral("details"), details}})
                                .toJson(QJsonDocument::Indented)
                                .constData());
        return 0;
    }
    std::printf("%s", qPrintable(table(pg, lite, pgx, litex,
                                       g_quick ? QStringLiteral("100k") : QStringLiteral("1M"))));
    std::printf("\n%s\n", QJsonDocument(details).toJson(QJsonDocument::Compact).constData());
    return 0;
}
