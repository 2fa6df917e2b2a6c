// The connector-cache CLI, run as a process the way scripts and cron run it, against SQLite and
// a real PostgreSQL.

#include "app/cli/cli.h"
#include "core/store/cachestore.h"
#include "core/store/entryjson.h"
#include "core/store/schema.h"
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

using namespace cc;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
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
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("CONNECTOR_CACHE_DATABASE"));
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("CC_BINARY_DIR") + QStringLiteral("/bin/connector-cache"),
                args);
        p.closeWriteChannel();
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
        QCOMPARE(r.json().value(QStringLiteral("toVersion")).toInt(), 2);
        QVERIFY(r.json().value(QStringLiteral("createdCacheTable")).toBool());
        r = cli({QStringLiteral("migrate")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("nothing to do")));
        r = cli({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(QStringLiteral("schemaVersion")).toInt(), 2);
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
        QCOMPARE(at.size(), seedFields.size() + 2);

        // The CLI's --json is that shape (plus the lookup's outcome).
        const Run shown = cli({QStringLiteral("show"), QStringLiteral("u1"), QStringLiteral("c1"),
                               QStringLiteral("--json")});
        QCOMPARE(shown.code, 0);
        QStringList cliKeys = sorted + QStringList{QStringLiteral("state"), QStringLiteral("ageMs"),
                                                   QStringLiteral("outcome")};
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
