// The connector-cache CLI, run as a process the way scripts and cron run it, against SQLite and
// a real PostgreSQL.

#include "app/cli/cli.h"
#include "core/store/cachestore.h"
#include "core/store/entryjson.h"
#include "core/store/schema.h"
#include "core/store/validation.h"
#include "tests/support/clirun.h"
#include "tests/support/fakeexchange/fakeexchange.h"
#include "tests/support/testdatabase.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <cmath>

using namespace cc;

namespace {

struct Run : test::CliRun
{
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(out.toUtf8()).array(); }
};

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;

    // The command line run in this process (cc::cli::run), for the many quick checks.
    static Run inProcess(const QStringList &args)
    {
        QString out;
        QString err;
        QString input;
        QTextStream o(&out);
        QTextStream e(&err);
        QTextStream i(&input);
        Run r;
        r.code = cli::run(args, o, e, i);
        o.flush();
        e.flush();
        r.out = out;
        r.err = err;
        return r;
    }
    // Whether text names the option --name as a whole word.
    static bool names(const QString &text, const QString &name)
    {
        const QRegularExpression word(
            QStringLiteral("(^|[\\s\\[])--%1($|[\\s\\],])").arg(QRegularExpression::escape(name)));
        return word.match(text).hasMatch();
    }

    Run cli(QStringList args, bool withDatabase = true)
    {
        if (withDatabase)
            args << QStringLiteral("--database") << m_db->url();
        Run r;
        static_cast<test::CliRun &>(r) = test::runCli(args);
        return r;
    }

    // Words as arguments, for the tables of the hardening checks.
    static QStringList words(std::initializer_list<const char *> list)
    {
        QStringList out;
        for (const char *w : list)
            out << QString::fromUtf8(w);
        return out;
    }
    // A shell command line: $0 is the program, $1 the database URL. For arguments that are not
    // valid UTF-8, which QProcess cannot pass (it encodes a QString).
    Run shell(const QString &script)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("CONNECTOR_CACHE_DATABASE"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("/bin/sh"),
                {QStringLiteral("-c"), script,
                 qEnvironmentVariable("CC_BINARY_DIR") + QStringLiteral("/bin/connector-cache"),
                 m_db->url()});
        Run r;
        if (!p.waitForFinished(60000)) {
            p.kill();
            return r;
        }
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }
    int countState(const char *state)
    {
        const Run r = cli(words({"count", "--state", state, "--json"}));
        return r.code == 0 ? r.json().value(QStringLiteral("count")).toInt() : -1;
    }

private Q_SLOTS:
    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
    }
    void cleanup() { m_db.reset(); }

    void versionAndHelp()
    {
        Run r = cli({QStringLiteral("--version")}, false);
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("connector-cache 0.")));
        r = cli({QStringLiteral("--help")}, false);
        QCOMPARE(r.code, 0);
        for (const char *command : {"migrate", "get", "set", "list", "invalidate", "cleanup",
                                    "stats", "history", "audit", "sync", "Exit codes"})
            QVERIFY2(r.out.contains(QLatin1String(command)), command);
        r = cli({QStringLiteral("help"), QStringLiteral("cleanup")}, false);
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("--dry-run")));
        r = cli({}, false);
        QCOMPARE(r.code, 2);
    }

    // The options a command takes are those its help lists: both come from the one table.
    void everyCommandsOptionsAppearInItsHelp()
    {
        const QStringList commands = cli::commandNames();
        QVERIFY(commands.size() >= 14);
        const QStringList global = cli::commandOptions(QString());
        for (const char *name : {"database", "json", "timeout", "verbose", "help", "version"})
            QVERIFY2(global.contains(QLatin1String(name)), name);
        QStringList everyOption = global;
        for (const QString &command : commands) {
            for (const QString &option : cli::commandOptions(command)) {
                if (!everyOption.contains(option))
                    everyOption << option;
            }
        }
        const Run overall = inProcess({QStringLiteral("--help")});
        QCOMPARE(overall.code, 0);
        for (const QString &option : global)
            QVERIFY2(names(overall.out, option), qPrintable(option));
        for (const QString &command : commands) {
            const QStringList options = cli::commandOptions(command);
            const Run help = inProcess({QStringLiteral("help"), command});
            QCOMPARE(help.code, 0);
            QCOMPARE(help.out, cli::commandHelpText(command));
            QCOMPARE(inProcess({command, QStringLiteral("--help")}).out, help.out);
            const QString usage = help.out.section(QLatin1Char('\n'), 0, 0);
            QVERIFY2(usage.startsWith(QStringLiteral("usage: connector-cache ") + command),
                     qPrintable(usage));
            for (const QString &option : options) {
                QVERIFY2(names(help.out, option),
                         qPrintable(command + QStringLiteral(" --") + option +
                                    QStringLiteral(":\n") + help.out));
            }
            // What the parser accepts is what the help lists, no more and no less.
            for (const QString &option : std::as_const(everyOption)) {
                if (global.contains(option))
                    continue;
                const Run r =
                    inProcess({command, QStringLiteral("--") + option, QStringLiteral("x"),
                               QStringLiteral("--database"), QStringLiteral("sqlite::memory:")});
                const bool refused =
                    r.err.contains(QStringLiteral("'%1' does not take --%2").arg(command, option));
                QVERIFY2(refused != options.contains(option),
                         qPrintable(command + QStringLiteral(" --") + option +
                                    QStringLiteral(": ") + r.err));
                if (refused)
                    QVERIFY2(!names(help.out, option),
                             qPrintable(command + QStringLiteral(" --") + option));
            }
        }
        QVERIFY(cli::commandHelpText(QStringLiteral("frobnicate")).isEmpty());
        QVERIFY(cli::commandOptions(QStringLiteral("frobnicate")).isEmpty());
    }

    // The manual page names every option: the global ones, each command's own with the
    // command, the filters in FILTERS.
    void manPageNamesEveryOption()
    {
        QFile file(qEnvironmentVariable("CC_TEST_SOURCE_DIR") +
                   QStringLiteral("/docs/connector-cache.1"));
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        // groff escapes the hyphens (\-\-dry\-run) and marks fonts (\fB, \fI, \fR).
        const QString page = QString::fromUtf8(file.readAll())
                                 .replace(QStringLiteral("\\-"), QStringLiteral("-"))
                                 .remove(QRegularExpression(QStringLiteral("\\\\f[BIRP]")));
        const QStringList lines = page.split(QLatin1Char('\n'));
        auto section = [&](const QString &title) {
            const int from = int(lines.indexOf(QStringLiteral(".SH ") + title));
            QStringList out;
            for (int i = from + 1;
                 from >= 0 && i < lines.size() && !lines.at(i).startsWith(QStringLiteral(".SH "));
                 ++i)
                out << lines.at(i);
            return out.join(QLatin1Char('\n'));
        };
        const QString filters = section(QStringLiteral("FILTERS"));
        const QString options = section(QStringLiteral("OPTIONS"));
        QVERIFY(!filters.isEmpty() && !options.isEmpty());
        for (const QString &option : cli::commandOptions(QString()))
            QVERIFY2(names(options, option), qPrintable(option));
        // A command's entries: from each line ".B command" or ".BR command" to the next ".TP".
        const QStringList commandsSection =
            section(QStringLiteral("COMMANDS")).split(QLatin1Char('\n'));
        for (const QString &command : cli::commandNames()) {
            QString text;
            bool in = false;
            for (const QString &line : commandsSection) {
                if (line.startsWith(QStringLiteral(".TP")))
                    in = false;
                const QString head = line.section(QLatin1Char(' '), 1, 1);
                if ((line.startsWith(QStringLiteral(".B ")) ||
                     line.startsWith(QStringLiteral(".BR "))) &&
                    (head == command || head == QLatin1Char('"') + command + QLatin1Char('"')))
                    in = true;
                if (in)
                    text += line + QLatin1Char('\n');
            }
            QVERIFY2(!text.isEmpty(), qPrintable(command));
            const bool takesFilters =
                cli::commandOptions(command).contains(QStringLiteral("query"));
            if (takesFilters)
                QVERIFY2(text.contains(QStringLiteral("FILTERS")), qPrintable(command));
            for (const QString &option : cli::commandOptions(command)) {
                const bool found = names(text, option) || (takesFilters && names(filters, option));
                QVERIFY2(found, qPrintable(command + QStringLiteral(" --") + option));
            }
        }
    }

    void usageErrorsSayWhatWasWrong_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                         << QStringLiteral("unknown command 'frobnicate'");
        QTest::newRow("option of another command")
            << QStringList{QStringLiteral("stats"), QStringLiteral("--yes")}
            << QStringLiteral("'stats' does not take --yes");
        QTest::newRow("missing args") << QStringList{QStringLiteral("get"), QStringLiteral("u")}
                                      << QStringLiteral("takes 2 argument(s), got 1");
        QTest::newRow("bad state")
            << QStringList{QStringLiteral("count"), QStringLiteral("--state"),
                           QStringLiteral("stale")}
            << QStringLiteral("--state must be");
        QTest::newRow("bad ttl")
            << QStringList{QStringLiteral("set"),     QStringLiteral("u"),
                           QStringLiteral("c"),       QStringLiteral("--exchange"),
                           QStringLiteral("BYBIT"),   QStringLiteral("--environment"),
                           QStringLiteral("TESTNET"), QStringLiteral("--offset"),
                           QStringLiteral("5"),       QStringLiteral("--ttl"),
                           QStringLiteral("soon")}
            << QStringLiteral("--ttl takes");
        QTest::newRow("bad offset")
            << QStringList{QStringLiteral("set"),     QStringLiteral("u"),
                           QStringLiteral("c"),       QStringLiteral("--exchange"),
                           QStringLiteral("BYBIT"),   QStringLiteral("--environment"),
                           QStringLiteral("TESTNET"), QStringLiteral("--offset"),
                           QStringLiteral("1.5")}
            << QStringLiteral("--offset takes whole milliseconds");
        QTest::newRow("bad metadata")
            << QStringList{QStringLiteral("set"),     QStringLiteral("u"),
                           QStringLiteral("c"),       QStringLiteral("--exchange"),
                           QStringLiteral("BYBIT"),   QStringLiteral("--environment"),
                           QStringLiteral("TESTNET"), QStringLiteral("--offset"),
                           QStringLiteral("5"),       QStringLiteral("--metadata"),
                           QStringLiteral("{broken")}
            << QStringLiteral("--metadata takes a JSON object");
        QTest::newRow("time before year 0")
            << QStringList{QStringLiteral("count"), QStringLiteral("--synced-before"),
                           QStringLiteral("999999999d")}
            << QStringLiteral("--synced-before takes an ISO 8601 time");
        QTest::newRow("time in words")
            << QStringList{QStringLiteral("history"), QStringLiteral("--since"),
                           QStringLiteral("yesterday")}
            << QStringLiteral("yesterday is neither an ISO 8601 time");
        QTest::newRow("query time before year 0")
            << QStringList{QStringLiteral("count"), QStringLiteral("--query"),
                           QStringLiteral("before:999999999d")}
            << QStringLiteral("before:999999999d lies outside the years 0 to 9999");
        QTest::newRow("bad sort") << QStringList{QStringLiteral("list"), QStringLiteral("--sort"),
                                                 QStringLiteral("colour")}
                                  << QStringLiteral("--sort takes one of");
        // Whole-number options name their range and the value they were given.
        const auto whole = [](const char *command, const char *option, const char *value,
                              const char *expected) {
            QTest::newRow(qPrintable(
                QStringLiteral("%1 --%2 %3")
                    .arg(QLatin1String(command), QLatin1String(option), QLatin1String(value))))
                << QStringList{QLatin1String(command), QStringLiteral("--") + QLatin1String(option),
                               QLatin1String(value)}
                << QString::fromUtf8(expected);
        };
        whole("history", "bucket", "0", "--bucket takes minutes, 1 to 10080 (not '0')");
        whole("audit", "limit", "ten", "--limit takes 1 to 100000 (not 'ten')");
        whole("list", "limit", "10001", "--limit takes 1 to 10000 (not '10001')");
        whole("cleanup", "batch-size", "1.5", "--batch-size takes 1 to 100000 (not '1.5')");
        whole("demo", "entries", "-1", "--entries takes 0 to 10000000 (not '-1')");
        whole("demo", "seed", "4294967296", "--seed takes 0 to 4294967295 (not '4294967296')");
    }

    void usageErrorsSayWhatWasWrong()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    }

    void badUrlIsAUsageError()
    {
        const Run r = cli(
            {QStringLiteral("stats"), QStringLiteral("--database"), QStringLiteral("mysql://h/d")},
            false);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("unsupported database scheme")), qPrintable(r.err));
    }

    void missingSchemaAsksForMigrate()
    {
        Run r = cli({QStringLiteral("stats")});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("run connector-cache migrate")), qPrintable(r.err));
        QVERIFY(!r.err.contains(QStringLiteral("SELECT")));
        r = cli({QStringLiteral("migrate"), QStringLiteral("--dry-run")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("missing")));
        r = cli({QStringLiteral("migrate"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(QStringLiteral("toVersion")).toInt(), CacheStore::kSchemaVersion);
        QVERIFY(r.json().value(QStringLiteral("createdCacheTable")).toBool());
        r = cli({QStringLiteral("migrate")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("nothing to do")));
        r = cli({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(QStringLiteral("schemaVersion")).toInt(),
                 CacheStore::kSchemaVersion);
        QVERIFY(r.json().value(QStringLiteral("canWrite")).toBool());
    }

    // status says how the connection is treated: pooled (pgbouncer=true, --pooled) or direct,
    // and what that costs; commands work either way, also with --pooled on a direct server.
    void statusSaysPooledOrDirect()
    {
        QCOMPARE(cli({QStringLiteral("migrate")}).code, 0);
        Run r = cli({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        if (!m_db->isPostgres()) {
            QVERIFY(!r.json().contains(QStringLiteral("connection")));
            return;
        }
        const bool pooled = test::TestDatabase::pooledRequested();
        QCOMPARE(r.json().value(QStringLiteral("connection")).toString(),
                 pooled ? QStringLiteral("pooled") : QStringLiteral("direct"));
        r = cli({QStringLiteral("status"), QStringLiteral("--pooled")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("connection: pooled (prepared statements off: "
                                               "pooler")),
                 qPrintable(r.out));
        QCOMPARE(cli({QStringLiteral("set"), QStringLiteral("u"), QStringLiteral("c"),
                      QStringLiteral("--exchange"), QStringLiteral("BYBIT"),
                      QStringLiteral("--environment"), QStringLiteral("MAINNET"),
                      QStringLiteral("--offset"), QStringLiteral("7"), QStringLiteral("--pooled")})
                     .code,
                 0);
        r = cli({QStringLiteral("get"), QStringLiteral("u"), QStringLiteral("c"),
                 QStringLiteral("--json"), QStringLiteral("--pooled")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(QStringLiteral("timeOffset")).toInt(), 7);

        // The application's Prisma URL as it is: its own tuning ignored, one line each.
        const QString url = m_db->url();
        const QString prisma =
            url + (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
            QStringLiteral("schema=public&connection_limit=1");
        r = cli({QStringLiteral("get"), QStringLiteral("u"), QStringLiteral("c"),
                 QStringLiteral("--database"), prisma},
                false);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.err.count(QStringLiteral("connection_limit=1 ignored")), 1);
    }

    void setGetListAndStats()
    {
        QCOMPARE(cli({QStringLiteral("migrate")}).code, 0);
        Run r = cli({QStringLiteral("set"), QStringLiteral("user123"), QStringLiteral("cred456"),
                     QStringLiteral("--exchange"), QStringLiteral("BYBIT"),
                     QStringLiteral("--environment"), QStringLiteral("TESTNET"),
                     QStringLiteral("--offset"), QStringLiteral("-145"), QStringLiteral("--ttl"),
                     QStringLiteral("10m"), QStringLiteral("--metadata"),
                     QStringLiteral("{\"sync\":{\"errorBoundMs\":12}}")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("user123_cred456")), qPrintable(r.out));

        r = cli({QStringLiteral("get"), QStringLiteral("user123"), QStringLiteral("cred456"),
                 QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonObject e = r.json();
        QCOMPARE(e.value(QStringLiteral("timeOffset")).toInt(), -145);
        QCOMPARE(e.value(QStringLiteral("cacheKey")).toString(), QStringLiteral("user123_cred456"));
        QCOMPARE(e.value(QStringLiteral("hitCount")).toInt(), 1);
        QCOMPARE(e.value(QStringLiteral("state")).toString(), QStringLiteral("valid"));
        QCOMPARE(e.value(QStringLiteral("outcome")).toString(), QStringLiteral("hit"));
        QVERIFY(e.value(QStringLiteral("lastSyncTime")).toString().endsWith(QLatin1Char('Z')));
        QCOMPARE(e.value(QStringLiteral("metadata"))
                     .toObject()
                     .value(QStringLiteral("sync"))
                     .toObject()
                     .value(QStringLiteral("errorBoundMs"))
                     .toInt(),
                 12);

        r = cli({QStringLiteral("show"), QStringLiteral("user123"), QStringLiteral("cred456"),
                 QStringLiteral("--json")});
        QCOMPARE(r.json().value(QStringLiteral("hitCount")).toInt(), 1); // show does not count

        r = cli({QStringLiteral("get"), QStringLiteral("user123"), QStringLiteral("other")});
        QCOMPARE(r.code, 3);

        r = cli({QStringLiteral("stats"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(QStringLiteral("total")).toInt(), 1);
        QCOMPARE(r.json().value(QStringLiteral("hits")).toInt(), 1);
        QCOMPARE(r.json().value(QStringLiteral("misses")).toInt(), 1);
        QCOMPARE(r.json().value(QStringLiteral("hitRate")).toDouble(), 0.5);

        r = cli({QStringLiteral("list"), QStringLiteral("--json"), QStringLiteral("--exchange"),
                 QStringLiteral("bybit")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(QStringLiteral("entries")).toArray().size(), 1);

        // Hostile filter text is a literal: no SQL error, no match.
        r = cli({QStringLiteral("list"), QStringLiteral("--json"), QStringLiteral("--text"),
                 QStringLiteral("'; DROP TABLE connector_state_cache; --")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(QStringLiteral("entries")).toArray().size(), 0);
        QCOMPARE(cli({QStringLiteral("count")}).out.trimmed(), QStringLiteral("1"));
    }

    // --synced-before and --query before: are one grammar: a bare number is seconds in both.
    void timesAreOneGrammarInOptionsAndQueries()
    {
        QCOMPARE(cli({QStringLiteral("migrate")}).code, 0);
        const Run set =
            cli({QStringLiteral("set"), QStringLiteral("u"), QStringLiteral("c"),
                 QStringLiteral("--exchange"), QStringLiteral("BYBIT"),
                 QStringLiteral("--environment"), QStringLiteral("TESTNET"),
                 QStringLiteral("--offset"), QStringLiteral("5"), QStringLiteral("--ttl"),
                 QStringLiteral("900"), QStringLiteral("--synced-at"), QStringLiteral("2h")});
        QCOMPARE(set.code, 0);
        QVERIFY2(set.out.contains(QStringLiteral("expires in 15m")), qPrintable(set.out));
        const struct
        {
            const char *option;
            const char *query;
            const char *count;
        } cases[] = {{"3600", "before:3600", "1"},
                     {"1h", "before:1h", "1"},
                     {"10800", "before:10800", "0"},
                     {"3h", "before:3h", "0"},
                     {"2000-01-01T00:00:00Z", "before:2000-01-01T00:00:00Z", "0"}};
        for (const auto &c : cases) {
            const Run byOption = cli({QStringLiteral("count"), QStringLiteral("--synced-before"),
                                      QLatin1String(c.option)});
            QVERIFY2(byOption.code == 0, qPrintable(byOption.err));
            QCOMPARE(byOption.out.trimmed(), QLatin1String(c.count));
            const Run byQuery =
                cli({QStringLiteral("count"), QStringLiteral("--query"), QLatin1String(c.query)});
            QVERIFY2(byQuery.code == 0, qPrintable(byQuery.err));
            QCOMPARE(byQuery.out.trimmed(), QLatin1String(c.count));
        }
    }

    // One JSON shape for an entry (core/store/entryjson.h), with the seed's field names; the
    // CLI prints it.
    void entryJsonHasTheSeedsFields()
    {
        CacheStore store(m_db->config());
        QVERIFY(store.migrate().ok());
        TimeSyncState state;
        state.timeOffsetMs = -145;
        state.lastSyncTime = QDateTime::fromMSecsSinceEpoch(1750000000123, Qt::UTC);
        QCOMPARE(store.set(QStringLiteral("u1"), QStringLiteral("c1"), QStringLiteral("BYBIT"),
                           QStringLiteral("TESTNET"), state),
                 StoreError());
        state.metadata = QJsonObject{{QStringLiteral("note"), QStringLiteral("x")}};
        QCOMPARE(store.set(QStringLiteral("u2"), QStringLiteral("c2"), QStringLiteral("BINGX"),
                           QStringLiteral("MAINNET"), state),
                 StoreError());
        auto plain = store.entry(QStringLiteral("u1"), QStringLiteral("c1"));
        QVERIFY(plain.ok());
        const QJsonObject o = toJson(plain.value());
        // The seed model's columns, as migrate checks them before adopting a table.
        const QStringList seedFields = schema::seedColumns();
        QCOMPARE(seedFields.size(), 14);
        QStringList sorted = seedFields;
        sorted.sort();
        QCOMPARE(o.keys(), sorted);
        QCOMPARE(o.value(QStringLiteral("id")).toString(), plain->id);
        QVERIFY(!plain->id.isEmpty());
        QCOMPARE(o.value(QStringLiteral("cacheKey")).toString(), QStringLiteral("u1_c1"));
        QCOMPARE(o.value(QStringLiteral("timeOffset")).toInteger(), -145);
        QCOMPARE(o.value(QStringLiteral("lastSyncTime")).toString(),
                 QStringLiteral("2025-06-15T15:06:40.123Z"));
        QCOMPARE(o.value(QStringLiteral("isValid")).toBool(), true);
        QVERIFY(o.value(QStringLiteral("metadata")).isNull()); // the seed's Json?
        const QList<QPair<const char *, QDateTime>> times{{"expiresAt", plain->expiresAt},
                                                          {"createdAt", plain->createdAt},
                                                          {"updatedAt", plain->updatedAt}};
        for (const auto &[name, time] : times) {
            const QString text = o.value(QLatin1String(name)).toString();
            QVERIFY2(text.endsWith(QLatin1Char('Z')), name);
            QCOMPARE(QDateTime::fromString(text, Qt::ISODateWithMs), time);
        }
        auto withMetadata = store.entry(QStringLiteral("u2"), QStringLiteral("c2"));
        QVERIFY(withMetadata.ok());
        QCOMPARE(toJson(withMetadata.value()).value(QStringLiteral("metadata")).toObject(),
                 state.metadata);
        // Unset times are null, not empty strings.
        QVERIFY(toJson(CacheEntry()).value(QStringLiteral("lastSyncTime")).isNull());

        // With a time: the derived state and age besides.
        const qint64 now = plain->expiresAt.toMSecsSinceEpoch() + 1;
        const QJsonObject at = toJson(plain.value(), now);
        QCOMPARE(at.value(QStringLiteral("state")).toString(), QStringLiteral("expired"));
        QCOMPARE(at.value(QStringLiteral("ageMs")).toInteger(), now - 1750000000123);
        // No sync account in the metadata: the unknown bound (250 ms) and 50 ms/h over its age.
        const double margin = 1000.0 - 250.0 - 50.0 * double(now - 1750000000123) / 3.6e6;
        QVERIFY2(std::abs(at.value(QStringLiteral("aheadMarginMs")).toDouble() - margin) < 0.06,
                 qPrintable(QString::number(at.value(QStringLiteral("aheadMarginMs")).toDouble())));
        QCOMPARE(at.size(), seedFields.size() + 3);

        // The CLI's --json is that shape (plus the lookup's outcome).
        const Run shown = cli({QStringLiteral("show"), QStringLiteral("u1"), QStringLiteral("c1"),
                               QStringLiteral("--json")});
        QCOMPARE(shown.code, 0);
        QStringList cliKeys =
            sorted + QStringList{QStringLiteral("state"), QStringLiteral("ageMs"),
                                 QStringLiteral("aheadMarginMs"), QStringLiteral("outcome")};
        cliKeys.sort();
        QCOMPARE(shown.json().keys(), cliKeys);
        QJsonObject expected = toJson(plain.value());
        for (const QString &key : seedFields)
            QCOMPARE(shown.json().value(key), expected.value(key));
    }

    void bulkActionsPreviewConfirmAndAudit()
    {
        QCOMPARE(
            cli({QStringLiteral("demo"), QStringLiteral("--entries"), QStringLiteral("300")}).code,
            0);
        Run r = cli({QStringLiteral("invalidate"), QStringLiteral("--matching"),
                     QStringLiteral("--exchange"), QStringLiteral("BINGX"),
                     QStringLiteral("--dry-run"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const int preview = r.json().value(QStringLiteral("wouldInvalidate")).toInt();
        QVERIFY(preview > 0);

        // Not a terminal and no --yes: refused, nothing changed.
        r = cli({QStringLiteral("invalidate"), QStringLiteral("--matching"),
                 QStringLiteral("--exchange"), QStringLiteral("BINGX")});
        QCOMPARE(r.code, 9);
        QVERIFY2(r.err.contains(QStringLiteral("--yes")), qPrintable(r.err));
        r = cli({QStringLiteral("invalidate"), QStringLiteral("--matching"),
                 QStringLiteral("--exchange"), QStringLiteral("BINGX"), QStringLiteral("--dry-run"),
                 QStringLiteral("--json")});
        QCOMPARE(r.json().value(QStringLiteral("wouldInvalidate")).toInt(), preview);

        r = cli({QStringLiteral("invalidate"), QStringLiteral("--matching"),
                 QStringLiteral("--exchange"), QStringLiteral("BINGX"), QStringLiteral("--yes"),
                 QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(QStringLiteral("invalidated")).toInt(), preview);

        r = cli({QStringLiteral("cleanup"), QStringLiteral("--dry-run"), QStringLiteral("--json")});
        const int expired = r.json().value(QStringLiteral("wouldDelete")).toInt();
        QVERIFY(expired > 0);
        r = cli({QStringLiteral("cleanup"), QStringLiteral("--batch-size"), QStringLiteral("7"),
                 QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(QStringLiteral("deleted")).toInt(), expired);

        r = cli({QStringLiteral("audit"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonArray log = r.array();
        QStringList actions;
        for (const QJsonValue &v : log)
            actions << v.toObject().value(QStringLiteral("action")).toString();
        QCOMPARE(actions,
                 (QStringList{QStringLiteral("cleanup"), QStringLiteral("invalidate-matching"),
                              QStringLiteral("demo")}));
        QCOMPARE(log.at(0).toObject().value(QStringLiteral("rowsAffected")).toInt(), expired);
        QCOMPARE(log.at(1).toObject().value(QStringLiteral("filter")).toString(),
                 QStringLiteral("{\"exchange\":\"BINGX\"}"));
        QCOMPARE(log.at(1).toObject().value(QStringLiteral("profile")).toString(),
                 QStringLiteral("cli"));

        r = cli({QStringLiteral("history"), QStringLiteral("--since"), QStringLiteral("2h"),
                 QStringLiteral("--bucket"), QStringLiteral("60"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.array().size() >= 2);
    }

    void syncMeasuresAndSaves()
    {
        QCOMPARE(cli({QStringLiteral("migrate")}).code, 0);
        test::FakeExchangeThread fake;
        fake.exchange()->setSkewMs(-1500);
        fake.exchange()->setDelayMs(5);
        Run r =
            cli({QStringLiteral("sync"), QStringLiteral("--exchange"), QStringLiteral("bingx"),
                 QStringLiteral("--base-url"), fake.baseUrl().toString(), QStringLiteral("--json"),
                 QStringLiteral("--save"), QStringLiteral("user1"), QStringLiteral("cred1")});
        QCOMPARE(r.code, 0);
        const QJsonObject o = r.json();
        for (const char *key : {"offset", "rtt", "errorBound", "serverTime", "samples"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QVERIFY(qAbs(o.value(QStringLiteral("offset")).toInt() + 1500) <=
                o.value(QStringLiteral("errorBound")).toDouble() + 1);
        QCOMPARE(o.value(QStringLiteral("samples")).toArray().size(), 5);
        // The reported server time is the chosen sample's, and that sample has the least rtt.
        const QJsonArray samples = o.value(QStringLiteral("samples")).toArray();
        const int chosen = o.value(QStringLiteral("chosenSample")).toInt(-1);
        QVERIFY(chosen >= 0 && chosen < samples.size());
        const QJsonObject used = samples.at(chosen).toObject();
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(
                     used.value(QStringLiteral("serverTime")).toInteger(), Qt::UTC)
                     .toString(Qt::ISODateWithMs),
                 o.value(QStringLiteral("serverTime")).toString());
        for (const QJsonValue &v : samples) {
            if (!v.toObject().value(QStringLiteral("dropped")).toBool())
                QVERIFY(used.value(QStringLiteral("rttMs")).toDouble() <=
                        v.toObject().value(QStringLiteral("rttMs")).toDouble());
        }
        r = cli({QStringLiteral("show"), QStringLiteral("user1"), QStringLiteral("cred1"),
                 QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(QStringLiteral("exchange")).toString(), QStringLiteral("BINGX"));
        QCOMPARE(r.json().value(QStringLiteral("timeOffset")).toInt(),
                 o.value(QStringLiteral("offset")).toInt());
        // A failed sync is exit 6 in words, and writes nothing.
        r = cli({QStringLiteral("sync"), QStringLiteral("--exchange"), QStringLiteral("BYBIT"),
                 QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:1"),
                 QStringLiteral("--save"), QStringLiteral("user2"), QStringLiteral("cred2")});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("BYBIT 127.0.0.1: connection refused")),
                 qPrintable(r.err));
        QCOMPARE(
            cli({QStringLiteral("show"), QStringLiteral("user2"), QStringLiteral("cred2")}).code,
            3);
        r = cli({QStringLiteral("sync"), QStringLiteral("--exchange"), QStringLiteral("BYBIT"),
                 QStringLiteral("--base-url"), QStringLiteral("not a url")});
        QCOMPARE(r.code, 2);
    }

    // Issue 15: `invalidate --matching --user "" --yes` invalidated every entry and audited
    // the filter as {}. An empty filter value is a usage error; every entry takes --all.
    void emptyFiltersNeverMeanEverything()
    {
        QCOMPARE(cli(words({"demo", "--entries", "40"})).code, 0);
        const int invalidBefore = countState("invalid");
        QVERIFY(invalidBefore >= 0);
        const QList<QStringList> refused = {
            words({"invalidate", "--matching", "--user", "", "--yes"}),
            words({"invalidate", "--matching", "--credential", "", "--yes"}),
            words({"invalidate", "--matching", "--exchange", "", "--yes"}),
            words({"invalidate", "--matching", "--environment", "", "--yes"}),
            words({"invalidate", "--matching", "--text", "", "--yes"}),
            words({"invalidate", "--matching", "--state", "", "--yes"}),
            words({"invalidate", "--matching", "--synced-before", "", "--yes"}),
            words({"invalidate", "--matching", "--query", "", "--yes"}),
            words({"invalidate", "--matching", "--query", "user:\"\"", "--yes"}),
            words({"invalidate", "--matching", "--query", "\"\"", "--yes"}),
            words({"invalidate", "--matching", "--user=", "--yes"}),
            words({"count", "--user", ""}),
            words({"list", "--credential", ""}),
        };
        for (const QStringList &args : refused) {
            const Run r = cli(args);
            QVERIFY2(r.code == 2, qPrintable(args.join(QLatin1Char(' ')) + QLatin1Char(' ') +
                                             QString::number(r.code)));
            QVERIFY2(r.err.contains(QStringLiteral("needs a value")) ||
                         r.err.contains(QStringLiteral("empty quoted word")),
                     qPrintable(r.err));
        }
        // No filter at all, or only the one that matches everything: --all must say so.
        for (const QStringList &args :
             {words({"invalidate", "--matching", "--yes"}),
              words({"invalidate", "--matching", "--state", "any", "--yes"})}) {
            const Run r = cli(args);
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains(QStringLiteral("add --all")), qPrintable(r.err));
        }
        // A filter given twice kept only the last value.
        Run r = cli(words({"invalidate", "--matching", "--user", "a", "--user", "b", "--yes"}));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--user is given 2 times")), qPrintable(r.err));
        r = cli(words({"invalidate", "--all", "--exchange", "BYBIT", "--yes"}));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("takes no filters")), qPrintable(r.err));
        r = cli(words({"invalidate", "--all", "u", "c", "--yes"}));
        QCOMPARE(r.code, 2);
        QCOMPARE(countState("invalid"), invalidBefore); // nothing was touched

        r = cli(words({"invalidate", "--all", "--dry-run", "--json"}));
        QCOMPARE(r.code, 0);
        const int all = r.json().value(QStringLiteral("wouldInvalidate")).toInt();
        QCOMPARE(all, 40 - invalidBefore);
        r = cli(words({"invalidate", "--all", "--yes", "--json"}));
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(QStringLiteral("invalidated")).toInt(), all);
        QCOMPARE(countState("invalid"), 40);
        r = cli(words({"audit", "--json", "--limit", "1"}));
        QCOMPARE(r.array().at(0).toObject().value(QStringLiteral("filter")).toString(),
                 QStringLiteral("{\"all\":true}"));
    }

    // Issue 15: "\xff\xfe" and "\xc0\xc1" both became U+FFFD U+FFFD and found each other's
    // entry. Arguments that are not UTF-8 are refused on their bytes, before Qt decodes them.
    void idsThatAreNotUtf8AreRefused()
    {
        QCOMPARE(cli(words({"migrate"})).code, 0);
        Run r = shell(QStringLiteral(
            "exec \"$0\" set \"$(printf '\\377\\376')\" cred --exchange BYBIT --environment "
            "TESTNET --offset 5 --database \"$1\""));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("argument 2 ('\\xff\\xfe') is not valid UTF-8")),
                 qPrintable(r.err));
        r = shell(QStringLiteral("exec \"$0\" show \"$(printf '\\300\\301')\" cred --database "
                                 "\"$1\""));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("'\\xc0\\xc1'")), qPrintable(r.err));
        r = shell(QStringLiteral("exec \"$0\" count --text \"$(printf 'a\\355\\240\\200')\" "
                                 "--database \"$1\""));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("argument 3")), qPrintable(r.err));
        // Valid UTF-8 is fine, as bytes too.
        r = shell(QStringLiteral("exec \"$0\" set \"$(printf 'caf\\303\\251')\" cred --exchange "
                                 "BYBIT --environment TESTNET --offset 5 --database \"$1\""));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(
            cli({QStringLiteral("show"), QStringLiteral("caf\u00e9"), QStringLiteral("cred")}).code,
            0);

        // The check itself, on the bytes.
        const char *good[] = {"connector-cache", "get", "caf\xc3\xa9", "\xf0\x9f\x98\x80"};
        QCOMPARE(cli::invalidArgumentEncoding(4, good), QString());
        for (const char *bad : {"\xff\xfe", "\xc0\xc1", "\xc0\xaf", "\xed\xa0\x80",
                                "\xf4\x90\x80\x80", "\xe2\x82", "\x80", "ok\xf8"}) {
            const char *argv[] = {"connector-cache", "get", bad, "c"};
            QVERIFY2(cli::invalidArgumentEncoding(4, argv).contains(QStringLiteral("argument 2")),
                     bad);
            QVERIFY(!isValidUtf8(QByteArrayView(bad)));
        }
        QVERIFY(isValidUtf8(QByteArrayView("\xf4\x8f\xbf\xbf"))); // U+10FFFF
        QVERIFY(isValidUtf8(QByteArrayView("\xef\xbf\xbd")));     // U+FFFD typed as such
        // The store's rule (for library callers): an id holding U+FFFD or a lone surrogate.
        QVERIFY(validateIdentity(QStringLiteral("a\uFFFDb"), QStringLiteral("c"))
                    .message()
                    .contains(QStringLiteral("U+FFFD")));
        QVERIFY(validateIdentity(QStringLiteral("a"), QString(QChar(0xD800)))
                    .message()
                    .contains(QStringLiteral("unpaired surrogate")));
        QVERIFY(validateIdentity(QString(1025, QLatin1Char('u')), QStringLiteral("c")));
        QVERIFY(!validateIdentity(QString(1024, QLatin1Char('u')), QStringLiteral("c")));
    }

    // Issue 15: a TTL of 999999999 days, a sync in the year 3000 or 1, free-text exchanges and
    // environments and malformed cursors were accepted.
    void absurdValuesAreRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        const QStringList set = words(
            {"set", "u", "c", "--exchange", "BYBIT", "--environment", "TESTNET", "--offset", "5"});
        QTest::newRow("ttl 999999999d") << set + words({"--ttl", "999999999d"})
                                        << QStringLiteral("--ttl takes a duration of "
                                                          "1s to 7d");
        QTest::newRow("ttl 8d") << set + words({"--ttl", "8d"}) << QStringLiteral("1s to 7d");
        QTest::newRow("ttl 0") << set + words({"--ttl", "0"}) << QStringLiteral("1s to 7d");
        QTest::newRow("sync in 3000")
            << set + words({"--synced-at", "3000-01-01T00:00:00Z"})
            << QStringLiteral("the sync time 3000-01-01T00:00:00Z lies in the future");
        QTest::newRow("sync in the year 1") << set + words({"--synced-at", "0001-01-01T00:00:00Z"})
                                            << QStringLiteral("lies before 2000-01-01T00:00:00Z");
        QTest::newRow("sync in 1999") << set + words({"--synced-at", "1999-12-31T23:59:59Z"})
                                      << QStringLiteral("lies before 2000");
        QTest::newRow("sync a day ahead")
            << set + QStringList{QStringLiteral("--synced-at"),
                                 QDateTime::currentDateTimeUtc().addDays(1).toString(Qt::ISODate)}
            << QStringLiteral("lies in the future");
        QTest::newRow("free-text exchange")
            << words({"set", "u", "c", "--exchange", "my exchange; drop", "--environment",
                      "TESTNET", "--offset", "5"})
            << QStringLiteral("exchange 'my exchange; drop' is not one of BYBIT, BINGX; "
                              "--allow-unknown-exchange");
        QTest::newRow("free-text environment")
            << words({"set", "u", "c", "--exchange", "BYBIT", "--environment", "staging",
                      "--offset", "5"})
            << QStringLiteral("environment 'staging' is not one of MAINNET, TESTNET, DEMO");
        QTest::newRow("unknown allowed, but not free text")
            << words({"set", "u", "c", "--exchange", "my exchange", "--environment", "TESTNET",
                      "--offset", "5", "--allow-unknown-exchange"})
            << QStringLiteral("is not a plain name");
        QTest::newRow("escape in an exchange")
            << words({"set", "u", "c", "--exchange", "B\x1b[2J", "--environment", "TESTNET",
                      "--offset", "5"})
            << QStringLiteral("exchange 'B\\x1b[2J'");
        QTest::newRow("empty id") << words({"set", "", "c", "--exchange", "BYBIT", "--environment",
                                            "TESTNET", "--offset", "5"})
                                  << QStringLiteral("the user id is empty");
        // A cursor that is base64url JSON but not one the store wrote: n is not a number.
        const QByteArray forged =
            QByteArrayLiteral("{\"c\":\"lastSyncTime\",\"o\":\"asc\",\"n\":\"soon\",\"id\":\"x\"}")
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        QTest::newRow("forged cursor")
            << words({"list", "--sort", "lastSyncTime", "--after"}) +
                   QStringList{QString::fromLatin1(forged)}
            << QStringLiteral("--after: the page cursor is malformed (no whole number");
        const QByteArray noId = QByteArrayLiteral("{\"c\":\"cacheKey\",\"o\":\"asc\",\"s\":\"a\"}")
                                    .toBase64(QByteArray::Base64UrlEncoding);
        QTest::newRow("cursor without id")
            << words({"list", "--after"}) + QStringList{QString::fromLatin1(noId)}
            << QStringLiteral("no row id");
        QTest::newRow("cursor of another order")
            << words({"list", "--desc", "--after"}) + QStringList{QString::fromLatin1(noId)}
            << QStringLiteral("belongs to another sort order");
        QTest::newRow("cursor not base64")
            << words({"list", "--after", "a cursor!"}) << QStringLiteral("outside base64url");
    }

    void absurdValuesAreRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        QCOMPARE(cli(words({"migrate"})).code, 0);
        const Run r = cli(args);
        QVERIFY2(r.code == 2, qPrintable(QString::number(r.code) + QLatin1Char(' ') + r.err));
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QLatin1Char('\x1b')), qPrintable(r.err));
        QCOMPARE(cli(words({"show", "u", "c"})).code, 3); // nothing written
    }

    // The bounds themselves are accepted, and --allow-unknown-exchange takes a plain name.
    void valuesWithinTheBoundsAreTaken()
    {
        QCOMPARE(cli(words({"migrate"})).code, 0);
        const QStringList set = words(
            {"set", "u", "c", "--exchange", "bybit", "--environment", "demo", "--offset", "5"});
        Run r = cli(set + words({"--ttl", "7d", "--synced-at", "2000-01-01T00:00:00Z"}));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli(set + QStringList{
                          QStringLiteral("--synced-at"),
                          QDateTime::currentDateTimeUtc().addSecs(30).toString(Qt::ISODateWithMs)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli(words({"set", "u2", "c", "--exchange", "KRAKEN", "--environment", "STAGING-2",
                       "--offset", "5", "--allow-unknown-exchange"}));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli(words({"show", "u2", "c", "--json"}));
        QCOMPARE(r.json().value(QStringLiteral("exchange")).toString(), QStringLiteral("KRAKEN"));
        // Every cursor the store writes passes the check, for text and number columns.
        for (int i = 0; i < 5; ++i)
            QCOMPARE(cli({QStringLiteral("set"), QStringLiteral("p%1").arg(i), QStringLiteral("c"),
                          QStringLiteral("--exchange"), QStringLiteral("BYBIT"),
                          QStringLiteral("--environment"), QStringLiteral("TESTNET"),
                          QStringLiteral("--offset"), QString::number(i * 7 - 11)})
                         .code,
                     0);
        for (const QStringList &order :
             {words({"--sort", "cacheKey"}), words({"--sort", "timeOffset", "--desc"}),
              words({"--sort", "lastSyncTime"}), words({"--sort", "userId", "--desc"})}) {
            QStringList seen;
            QString after;
            for (int page = 0; page < 10; ++page) {
                QStringList args = words({"list", "--limit", "2", "--json"}) + order;
                if (!after.isEmpty())
                    args << QStringLiteral("--after") << after;
                r = cli(args);
                QVERIFY2(r.code == 0, qPrintable(r.err));
                for (const QJsonValue &v : r.json().value(QStringLiteral("entries")).toArray())
                    seen << v.toObject().value(QStringLiteral("cacheKey")).toString();
                after = r.json().value(QStringLiteral("nextCursor")).toString();
                if (after.isEmpty())
                    break;
            }
            QCOMPARE(seen.size(), 7);
        }
    }

    // Issue 15: metadata that looks like a secret is refused (exit 2) before it is stored; the
    // message says where, never what.
    void secretsInMetadataAreRefused_data()
    {
        QTest::addColumn<QString>("metadata");
        QTest::addColumn<QString>("path");
        QTest::newRow("apiSecret") << QStringLiteral("{\"apiSecret\":\"hunter2\"}")
                                   << QStringLiteral("metadata.apiSecret");
        QTest::newRow("nested password")
            << QStringLiteral("{\"account\":{\"password\":\"hunter2\"}}")
            << QStringLiteral("metadata.account.password");
        QTest::newRow("secret") << QStringLiteral("{\"secret\":\"hunter2\"}")
                                << QStringLiteral("metadata.secret");
        QTest::newRow("access_token") << QStringLiteral("{\"access_token\":\"hunter2\"}")
                                      << QStringLiteral("metadata.access_token");
        QTest::newRow("token") << QStringLiteral("{\"token\":\"hunter2\"}")
                               << QStringLiteral("metadata.token");
        QTest::newRow("passphrase in an array")
            << QStringLiteral("{\"keys\":[{\"ok\":1},{\"Passphrase\":\"hunter2\"}]}")
            << QStringLiteral("metadata.keys[1].Passphrase");
        QTest::newRow("privateKey") << QStringLiteral("{\"privateKey\":\"hunter2\"}")
                                    << QStringLiteral("metadata.privateKey");
        QTest::newRow("api key shape") << QStringLiteral("{\"apiKey\":\"hunter2Xk9Lm0Pq7Rs3\"}")
                                       << QStringLiteral("metadata.apiKey");
        QTest::newRow("hex signature")
            << QStringLiteral("{\"sync\":{\"X-BAPI-SIGN\":\"9f86d081884c7d659a2feaa0c55ad015a3bf"
                              "4f1b2b0b822cd15d6c15b0f00a08\"}}")
            << QStringLiteral("metadata.sync.X-BAPI-SIGN");
        QTest::newRow("pem") << QStringLiteral(
                                    "{\"note\":\"-----BEGIN EC PRIVATE KEY-----\\nhunter2"
                                    "\\n-----END EC PRIVATE KEY-----\"}")
                             << QStringLiteral("metadata.note");
    }

    void secretsInMetadataAreRefused()
    {
        QFETCH(QString, metadata);
        QFETCH(QString, path);
        QCOMPARE(cli(words({"migrate"})).code, 0);
        const Run r = cli(words({"set", "u", "c", "--exchange", "BYBIT", "--environment", "TESTNET",
                                 "--offset", "5", "--metadata"}) +
                          QStringList{metadata});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(path + QStringLiteral(" looks like a secret")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("hunter2")) &&
                     !r.err.contains(QStringLiteral("9f86d08")),
                 qPrintable(r.err));
        QCOMPARE(cli(words({"show", "u", "c"})).code, 3);
    }

    // What metadata legitimately holds is taken: the time sync's own account, key ids and
    // labels, short or low-entropy values under key-like names.
    void ordinaryMetadataIsTaken()
    {
        for (const char *metadata :
             {"{\"sync\":{\"errorBoundMs\":4.5,\"rttMs\":9,\"samples\":5,\"source\":\"cli sync\","
              "\"host\":\"api-testnet.bybit.com\"}}",
              "{\"apiKeyLabel\":\"main account\",\"keyId\":\"k-17\"}",
              "{\"apiKey\":\"present\",\"signMethod\":\"HMAC-SHA256\",\"cacheKey\":\"user123_"
              "cred4567\"}",
              "{\"tokenCount\":3,\"note\":\"rotated by ops 2025-06-01\"}"}) {
            QVERIFY2(!validateMetadata(QJsonDocument::fromJson(metadata).object()), metadata);
        }
        QCOMPARE(cli(words({"migrate"})).code, 0);
        const Run r = cli(
            words({"set", "u", "c", "--exchange", "BYBIT", "--environment", "TESTNET", "--offset",
                   "5", "--metadata", "{\"apiKeyLabel\":\"main\",\"sync\":{\"errorBoundMs\":3}}"}));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // And its size is bounded.
        QJsonObject big{{QStringLiteral("note"), QString(70000, QLatin1Char('x'))}};
        QVERIFY(validateMetadata(big).message().contains(QStringLiteral("at most 65536")));
    }

    // Issue 15: identifiers with control characters went raw to the terminal. Every
    // human-readable output escapes them; --json escapes them by JSON's rules (and DEL, C1 and
    // format characters too), and the value parses back unchanged.
    void controlCharactersArePrintedEscaped()
    {
        QCOMPARE(cli(words({"migrate"})).code, 0);
        const QString user = QStringLiteral("u\x1b[2J\x07\u202Eevil\x7f\u0085");
        const QString credential = QStringLiteral("c\r\nFAKE LINE");
        Run r = cli({QStringLiteral("set"), user, credential, QStringLiteral("--exchange"),
                     QStringLiteral("BYBIT"), QStringLiteral("--environment"),
                     QStringLiteral("TESTNET"), QStringLiteral("--offset"), QStringLiteral("5"),
                     QStringLiteral("--metadata"),
                     QStringLiteral("{\"note\":\"a\\u001b[31mb\\u202e\"}")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QList<QStringList> commands = {
            {QStringLiteral("show"), user, credential},
            {QStringLiteral("get"), user, credential},
            {QStringLiteral("list")},
            {QStringLiteral("list"), QStringLiteral("--user"), user},
            {QStringLiteral("get"), user, QStringLiteral("other\x1b]0;title\x07")},
            {QStringLiteral("audit")},
            {QStringLiteral("count"), QStringLiteral("--state"), QStringLiteral("\x1b[2J")},
        };
        const auto raw = [](const QString &text) {
            for (const QChar c : text) {
                if ((c.unicode() < 0x20 && c != QLatin1Char('\n')) || c.unicode() == 0x7F ||
                    (c.unicode() >= 0x80 && c.unicode() <= 0x9F) || c.unicode() == 0x202E)
                    return true;
            }
            return false;
        };
        for (const QStringList &args : commands) {
            r = cli(args);
            QVERIFY2(!raw(r.out) && !raw(r.err),
                     qPrintable(args.first() + QLatin1Char(' ') + r.out + r.err));
            // Escaped as \x1b, or \u001b where the text is JSON (the audit log's filter).
            QVERIFY2((r.out + r.err).contains(QStringLiteral("\\x1b")) ||
                         (r.out + r.err).contains(QStringLiteral("\\u001b")),
                     qPrintable(args.first() + QLatin1Char(' ') + r.out + r.err));
        }
        r = cli({QStringLiteral("show"), user, credential});
        QVERIFY2(r.out.contains(QStringLiteral("u\\x1b[2J\\x07\\u202eevil\\x7f\\x85 / c\\r\\nFAKE "
                                               "LINE")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("a\\u001b[31mb\\u202e")), qPrintable(r.out));
        for (const QStringList &args :
             {QStringList{QStringLiteral("show"), user, credential, QStringLiteral("--json")},
              QStringList{QStringLiteral("list"), QStringLiteral("--json")},
              QStringList{QStringLiteral("audit"), QStringLiteral("--json")}}) {
            r = cli(args);
            QCOMPARE(r.code, 0);
            QVERIFY2(!raw(r.out), qPrintable(r.out));
        }
        r = cli({QStringLiteral("show"), user, credential, QStringLiteral("--json")});
        QCOMPARE(r.json().value(QStringLiteral("userId")).toString(), user);
        QCOMPARE(r.json().value(QStringLiteral("credentialId")).toString(), credential);
        QCOMPARE(escapeForDisplay(QStringLiteral("a\\b\tc")), QStringLiteral("a\\b\\tc"));
        QCOMPARE(escapeForDisplay(QStringLiteral("x\ny"), true), QStringLiteral("x\ny"));
        QCOMPARE(escapeForDisplay(QStringLiteral("caf\u00e9 \u6f22")),
                 QStringLiteral("caf\u00e9 \u6f22"));
    }

    // Issue 15: an impossible --timeout was accepted (up to 2^31 ms) or refused only once the
    // database was opened. Exit 2 in words, for every command.
    void impossibleTimeoutsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        for (const char *value :
             {"0", "-5", "99", "600001", "2147483647", "99999999999", "abc", "1.5", "1e3", ""})
            QTest::newRow(value) << words({"stats", "--timeout", value});
        QTest::newRow("sync above 120000") << words({"sync", "--exchange", "BYBIT", "--timeout",
                                                     "120001", "--base-url", "http://127.0.0.1:1"});
        QTest::newRow("migrate") << words({"migrate", "--timeout", "0"});
        QTest::newRow("twice") << words({"stats", "--timeout", "500", "--timeout", "600"});
    }

    void impossibleTimeoutsAreUsageErrors()
    {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QVERIFY2(r.code == 2, qPrintable(QString::number(r.code) + QLatin1Char(' ') + r.err));
        QVERIFY2(r.err.contains(QStringLiteral("--timeout takes whole milliseconds")),
                 qPrintable(r.err));
    }

    void unreachableDatabaseFailsFastInWords()
    {
        QElapsedTimer timer;
        timer.start();
        const Run r = cli({QStringLiteral("stats"), QStringLiteral("--timeout"),
                           QStringLiteral("1000"), QStringLiteral("--database"),
                           QStringLiteral("postgresql://nobody@127.0.0.1:1/none")},
                          false);
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("cannot reach database at "
                                               "postgresql://nobody@127.0.0.1:1/none")),
                 qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("start the server")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
