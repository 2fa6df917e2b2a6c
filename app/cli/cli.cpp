#include "app/cli/cli.h"

#include "app/cli/alertscmd.h"
#include "app/cli/clisync.h"
#include "app/cli/clockcmd.h"
#include "app/cli/monitor.h"
#include "core/connector/syncmetadata.h"
#include "core/store/cachestore.h"
#include "core/store/dotenv.h"
#include "core/store/entryjson.h"
#include "core/store/filterquery.h"
#include "core/store/sqldialect.h"
#include "core/store/timeexpr.h"
#include "core/store/validation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cstdio>
#include <optional>
#include <unistd.h>

namespace cc::cli {

namespace {

// Every option, once: its long name, value (none for a flag) and what it does. Registration,
// validation, the synopses and the help all come from this table and the command table below.
struct OptionSpec
{
    const char *name;
    const char *valueName; // nullptr: a flag
    const char *help;
    bool global = false; // every command takes it
    const char *alias = nullptr;
    const char *shownValue = nullptr; // what the synopsis shows after a flag (--save)
};

const QList<OptionSpec> &optionTable()
{
    static const QList<OptionSpec> list = {
        {"database", "URL",
         "postgresql://user@host:5432/db, postgresql:// (libpq environment), sqlite:///path.db; "
         "default $CONNECTOR_CACHE_DATABASE, else %1",
         true, "d"},
        {"env-file", "PATH",
         "the database from DATABASE_URL in a dotenv file (a Prisma app's .env); its password is "
         "used for this run and never printed",
         true},
        {"json", nullptr, "machine-readable output (the seed's field names, ISO 8601 UTC)", true},
        {"timeout", "MS",
         "database connect and statement bound, 100 to 600000 (default 2000); for sync, each "
         "exchange request's, 100 to 120000 (default 3000)",
         true},
        {"pooled", nullptr,
         "the database is reached through a transaction-mode pooler (as pgbouncer=true in the "
         "URL): no prepared statements, no session settings",
         true},
        {"verbose", nullptr, "the engine's log lines (cache hits, SQL failures) on stderr", true},
        {"help", nullptr, "this text; 'connector-cache help COMMAND' for one command", true, "h"},
        {"version", nullptr, "the version", true, "v"},
        // The filters (list, count, invalidate --matching).
        {"user", "ID", "the entry's user"},
        {"credential", "ID", "the entry's credential"},
        {"exchange", "EX", "BYBIT or BINGX"},
        {"environment", "ENV", "MAINNET, TESTNET or DEMO"},
        {"text", "SUBSTRING", "a literal substring of user, credential or cache key, in any case"},
        {"state", "STATE", "valid, expired, invalid or any"},
        {"synced-before", "TIME", "last synced before TIME"},
        {"query", "QUERY",
         "the filters in one line: 'exchange:bybit env:testnet state:expired user:ID cred:ID "
         "before:2h words'"},
        // The commands' own.
        {"dry-run", nullptr, "say what would change, change nothing"},
        {"lookup-timeout", "MS",
         "the lookup's own budget, 10 to 600000 (default 250): a table locked by a migration is "
         "a miss after it; connecting keeps --timeout"},
        {"offset", "MS", "the clock offset (server minus local) in whole milliseconds"},
        {"ttl", "DURATION",
         "how long the entry stays valid, 1s to 7d (default 15m); auto: the longest for which "
         "the entry's ahead margin stays above 500 ms at this host's measured drift (1m to 2h; "
         "15m without enough sync history)"},
        {"synced-at", "TIME",
         "when the offset was measured (default now): not before 2000, not in the future"},
        {"metadata", "JSON", "a JSON object kept with the entry; no secrets (refused)"},
        {"allow-unknown-exchange", nullptr,
         "take an exchange or environment outside BYBIT, BINGX and MAINNET, TESTNET, DEMO"},
        {"sort", "COLUMN",
         "cacheKey, userId, credentialId, exchange, environment, timeOffset, lastSyncTime, "
         "expiresAt, hitCount or updatedAt"},
        {"desc", nullptr, "descending order"},
        {"limit", "N",
         "at most N rows (list: 50 by default, up to 10000; audit: 100, up to 100000)"},
        {"after", "CURSOR", "the page after this cursor (the nextCursor of --json)"},
        {"matching", nullptr, "every entry matching the filters rather than one"},
        {"all", nullptr, "every entry: what --matching without filters needs to say"},
        {"yes", nullptr, "do not ask for confirmation"},
        {"batch-size", "N", "entries deleted per statement, 1 to 100000"},
        {"window", "DURATION", "hits and misses over this window (default 24h, at least 1m)"},
        {"exact", nullptr, "count every entry rather than scaling a sample"},
        {"since", "TIME", "from TIME on (history: default 1h ago; clock: 24h ago)"},
        {"bucket", "MINUTES", "minutes per bucket, 1 to 10080 (default 1)"},
        {"entries", "N", "how many demo entries, 0 to 10000000 (default 2000)"},
        {"seed", "N", "the random seed (default 1)"},
        {"base-url", "URL", "the exchange's base URL instead of the profile's host"},
        {"samples", "N", "round trips to measure, 1 to 50 (default 5)"},
        {"save", nullptr, "write the result to the cache for USER CREDENTIAL", false, nullptr,
         "USER CREDENTIAL"},
        {"rule", "NAME", "only this alert rule (an unknown one, or one without data, is UNKNOWN)"},
        // Clock health (issue 17).
        {"host", "NAME", "syncs run on this host (its name as the sync log records it)"},
        {"sync-log-retention", "DURATION",
         "also delete sync-log rows older than this, 1h to 3650d (default 30d)"},
        {"listen", "ADDRESS",
         "PORT or ADDRESS:PORT to serve /metrics on (default 127.0.0.1:9187); an address "
         "beyond loopback only when given as an IP literal (0.0.0.0:9187)"},
        // alerts (alertscmd.cpp); --window is also the rule's window (default 15m).
        {"metric", "METRIC", "the rule's metric: hit_rate, init_p95_ms, misses_per_minute, ..."},
        {"below", "VALUE", "the rule fires while the metric is below VALUE"},
        {"above", "VALUE", "the rule fires while the metric is above VALUE"},
        {"for", "DURATION",
         "set: how long the condition must hold before the rule fires (default 0s); silence: "
         "how long the silence lasts"},
        {"severity", "LEVEL", "warning (default) or critical"},
        {"reason", "TEXT", "why the rule is silenced (kept with the silence and audited)"},
    };
    return list;
}

const OptionSpec *findOption(const QString &name)
{
    for (const OptionSpec &o : optionTable()) {
        if (name == QLatin1String(o.name) || (o.alias && name == QLatin1String(o.alias)))
            return &o;
    }
    return nullptr;
}

const QStringList &filterOptions()
{
    static const QStringList list{QStringLiteral("user"),          QStringLiteral("credential"),
                                  QStringLiteral("exchange"),      QStringLiteral("environment"),
                                  QStringLiteral("text"),          QStringLiteral("state"),
                                  QStringLiteral("synced-before"), QStringLiteral("query")};
    return list;
}

class Runner;

struct Command
{
    const char *name;
    const char *arguments; // the positional ones, for the synopsis
    const char *summary;
    // The options it takes besides the global ones, in synopsis order: "!" after a name marks
    // it required, "FILTERS" stands for the filter options.
    const char *options;
    int minArgs;
    int maxArgs;
    int (Runner::*handler)();

    struct Use
    {
        QString name;
        bool required = false;
        bool filters = false;
    };
    QList<Use> uses() const
    {
        QList<Use> list;
        for (const QString &word :
             QString::fromLatin1(options).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            Use use;
            use.required = word.endsWith(QLatin1Char('!'));
            use.name = use.required ? word.chopped(1) : word;
            use.filters = use.name == QLatin1String("FILTERS");
            list << use;
        }
        return list;
    }
    // The long names it takes besides the global ones.
    QStringList optionNames() const
    {
        QStringList names;
        for (const Use &use : uses())
            names << (use.filters ? filterOptions() : QStringList{use.name});
        return names;
    }
    bool takesFilters() const { return optionNames().contains(QStringLiteral("query")); }
    QString synopsis() const
    {
        QStringList parts{QLatin1String(name)};
        if (*arguments)
            parts << QLatin1String(arguments);
        for (const Use &use : uses()) {
            if (use.filters) {
                parts << QStringLiteral("[FILTERS]");
                continue;
            }
            const OptionSpec *o = findOption(use.name);
            QString text = QStringLiteral("--") + use.name;
            if (o && (o->valueName || o->shownValue))
                text +=
                    QLatin1Char(' ') + QLatin1String(o->valueName ? o->valueName : o->shownValue);
            parts << (use.required ? text : QLatin1Char('[') + text + QLatin1Char(']'));
        }
        return parts.join(QLatin1Char(' '));
    }
};

const QList<Command> &commands();

const Command *findCommand(const QString &name)
{
    for (const Command &c : commands()) {
        if (name == QLatin1String(c.name))
            return &c;
    }
    return nullptr;
}

QString optionLine(const OptionSpec &o)
{
    QString left = QStringLiteral("  --") + QLatin1String(o.name);
    if (o.valueName)
        left += QLatin1Char(' ') + QLatin1String(o.valueName);
    else if (o.shownValue)
        left += QLatin1Char(' ') + QLatin1String(o.shownValue);
    if (o.alias)
        left += QStringLiteral(", -") + QLatin1String(o.alias);
    QString help = QString::fromUtf8(o.help);
    if (help.contains(QLatin1String("%1")))
        help = help.arg(DatabaseConfig::defaultSqlitePath());
    return left.leftJustified(28) + QLatin1Char(' ') + help + QLatin1Char('\n');
}

// One command's help: synopsis, summary, and each of its options.
QString commandHelp(const Command &c)
{
    QString text;
    QTextStream s(&text);
    s << "usage: connector-cache " << c.synopsis() << "\n\n" << c.summary << "\n";
    QStringList own; // in synopsis order; an option also among the filters (sync --exchange)
    for (const Command::Use &use : c.uses()) {
        if (!use.filters && findOption(use.name))
            own << use.name;
    }
    if (!own.isEmpty()) {
        s << "\nOptions:\n";
        for (const QString &name : own)
            s << optionLine(*findOption(name));
    }
    if (c.takesFilters()) {
        s << "\nFilters:\n";
        for (const QString &name : filterOptions())
            s << optionLine(*findOption(name));
    }
    QStringList global;
    for (const OptionSpec &o : optionTable()) {
        if (o.global && QLatin1String(o.name) != QLatin1String("help") &&
            QLatin1String(o.name) != QLatin1String("version"))
            global << QStringLiteral("--") + QLatin1String(o.name) +
                          (o.valueName ? QLatin1Char(' ') + QLatin1String(o.valueName) : QString());
    }
    s << "\nGlobal options (connector-cache --help): " << global.join(QStringLiteral(", "))
      << ".\n";
    return text;
}

// Untrusted text (identifiers, names, messages quoting them) as printed to a terminal: control
// and invisible characters escaped (escapeForDisplay()), never raw.
QString shown(const QString &text)
{
    return escapeForDisplay(text);
}

// JSON as printed. QJsonDocument escapes what JSON requires (U+0000 to U+001F, '"', '\\'); DEL,
// the C1 controls, line separators and invisible format characters (U+202E reorders what a
// terminal shows) are written \uXXXX as well, which parses back to the same value. They can
// only occur inside strings: the rest of a JSON text is ASCII.
QString terminalSafeJson(const QByteArray &json)
{
    const QString text = QString::fromUtf8(json);
    QString out;
    out.reserve(text.size());
    const auto escape = [&out](QChar c) {
        out += QStringLiteral("\\u%1").arg(uint(c.unicode()), 4, 16, QLatin1Char('0'));
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            const bool format =
                QChar::category(QChar::surrogateToUcs4(c, text.at(i + 1))) == QChar::Other_Format;
            if (format) {
                escape(c);
                escape(text.at(i + 1));
            } else {
                out += c;
                out += text.at(i + 1);
            }
            ++i;
        } else if (c.unicode() == 0x7F || (c.unicode() >= 0x80 && c.unicode() <= 0x9F) ||
                   c.unicode() == 0x2028 || c.unicode() == 0x2029 || c.isSurrogate() ||
                   c.category() == QChar::Other_Format) {
            escape(c);
        } else {
            out += c;
        }
    }
    return out;
}

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString humanDuration(qint64 ms)
{
    const bool negative = ms < 0;
    qint64 s = qAbs(ms) / 1000;
    QString text;
    if (s < 120)
        text = QStringLiteral("%1s").arg(s);
    else if (s < 2 * 3600)
        text = QStringLiteral("%1m").arg(s / 60);
    else if (s < 2 * 86400)
        text = QStringLiteral("%1h").arg(s / 3600);
    else
        text = QStringLiteral("%1d").arg(s / 86400);
    return negative ? QLatin1Char('-') + text : text;
}

QString schemaStateName(SchemaStatus::State state)
{
    switch (state) {
    case SchemaStatus::State::Missing:
        return QStringLiteral("missing");
    case SchemaStatus::State::SeedOnly:
        return QStringLiteral("seed table only");
    case SchemaStatus::State::Outdated:
        return QStringLiteral("outdated");
    case SchemaStatus::State::Current:
        return QStringLiteral("current");
    case SchemaStatus::State::TooNew:
        return QStringLiteral("newer than this program");
    }
    return QString();
}

int exitCodeFor(const StoreError &error)
{
    switch (error.kind()) {
    case StoreError::NoError:
        return ExitOk;
    case StoreError::Unreachable:
    case StoreError::AuthenticationFailed: // the server could not be logged into: as before
        return ExitUnreachable;
    case StoreError::SchemaMissing:
    case StoreError::SchemaTooNew:
    case StoreError::SchemaIncompatible:
        return ExitSchema;
    case StoreError::PermissionDenied:
        return ExitPermission;
    case StoreError::Conflict:
        return ExitConflict;
    case StoreError::InvalidArgument:
        return ExitUsage;
    case StoreError::Cancelled:
        return ExitCancelled;
    case StoreError::QueryFailed:
        return ExitFailure;
    }
    return ExitFailure;
}

class Runner
{
public:
    Runner(QTextStream &out, QTextStream &err, QTextStream &in)
        : m_out(out)
        , m_err(err)
        , m_in(in)
    {}

    int run(const QStringList &arguments);

private:
    QTextStream &m_out;
    QTextStream &m_err;
    QTextStream &m_in;
    QCommandLineParser m_parser;
    bool m_json = false;
    const Command *m_command = nullptr;
    std::unique_ptr<CacheStore> m_store;

    int usage(const QString &message)
    {
        // check follows the monitoring-plugin convention: a bad command line is UNKNOWN (3),
        // never CRITICAL (2).
        const int code = m_command && m_command->handler == &Runner::cmdCheck ? int(PluginUnknown)
                                                                              : int(ExitUsage);
        m_err << "connector-cache: " << escapeForDisplay(message) << Qt::endl;
        if (m_command)
            m_err << "usage: connector-cache " << m_command->synopsis() << Qt::endl;
        m_err << "Try 'connector-cache --help'." << Qt::endl;
        return code;
    }
    int failed(const StoreError &error)
    {
        if (m_json) {
            m_out << terminalSafeJson(
                         QJsonDocument(QJsonObject{{QStringLiteral("error"), error.message()}})
                             .toJson(QJsonDocument::Compact))
                  << Qt::endl;
        }
        m_err << "connector-cache: " << escapeForDisplay(error.message(), true) << Qt::endl;
        return exitCodeFor(error);
    }
    void printJson(const QJsonValue &value)
    {
        m_out << terminalSafeJson(
            value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)
                            : QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
        m_out.flush();
    }
    QString value(const char *name) const { return m_parser.value(QLatin1String(name)); }
    bool isSet(const char *name) const { return m_parser.isSet(QLatin1String(name)); }

    // The database: --database, else DATABASE_URL from --env-file, else the environment's.
    DatabaseConfig chosenDatabase(QString *error) const
    {
        if (!isSet("env-file"))
            return DatabaseConfig::fromArgumentOrEnvironment(value("database"), error);
        if (isSet("database")) {
            *error = QStringLiteral("give --database or --env-file, not both");
            return DatabaseConfig();
        }
        const QString path = value("env-file");
        const QString url = readDotEnvValue(path, QStringLiteral("DATABASE_URL"), error);
        if (url.isNull())
            return DatabaseConfig();
        DatabaseConfig config = DatabaseConfig::fromUrl(url, error); // no password in its words
        if (!error->isEmpty())
            *error = QStringLiteral("DATABASE_URL in %1: %2").arg(path, *error);
        return config;
    }

    // Opens the store; on a schema that needs migrate, says so (unless `allowUnmigrated`).
    StoreError openStore(bool allowUnmigrated = false)
    {
        QString error;
        DatabaseConfig config = chosenDatabase(&error);
        if (!error.isEmpty())
            return StoreError(StoreError::InvalidArgument, error);
        if (isSet("pooled") && config.isPostgres())
            config.pooled = true;
        for (const QString &note : std::as_const(config.notes))
            m_err << "connector-cache: " << note << "\n";
        m_err.flush();
        CacheStore::Options options;
        options.profile = QStringLiteral("cli");
        options.entryLimits.allowUnknownExchange = isSet("allow-unknown-exchange");
        if (isSet("timeout") && m_command &&
            QLatin1String(m_command->name) != QLatin1String("sync"))
            options.timeout = std::chrono::milliseconds(value("timeout").toInt()); // run() checked
        if (isSet("lookup-timeout")) // get's; run() checked it
            options.lookupTimeout = std::chrono::milliseconds(value("lookup-timeout").toInt());
        m_store = std::make_unique<CacheStore>(config, options);
        const StoreError opened = m_store->open();
        // A command that writes is refused on a read-only standby before it sends anything
        // (exit 7), whatever the schema's state; its dry run is a read and goes ahead.
        static const QStringList writers{QStringLiteral("migrate"),    QStringLiteral("set"),
                                         QStringLiteral("invalidate"), QStringLiteral("cleanup"),
                                         QStringLiteral("demo"),       QStringLiteral("sync")};
        if (m_store->isOpen() && m_command && writers.contains(QLatin1String(m_command->name)) &&
            !isSet("dry-run")) {
            const StoreError refused = m_store->refuseIfStandby(QLatin1String(m_command->name));
            if (refused)
                return refused;
        }
        if (opened.kind() == StoreError::SchemaMissing && allowUnmigrated)
            return StoreError();
        // An SQLite file (or its directory) not there yet: migrate and demo create it.
        if (opened && allowUnmigrated && config.isSqlite() &&
            config.sqlitePath != QLatin1String(":memory:") && !QFileInfo::exists(config.sqlitePath))
            return StoreError();
        return opened;
    }

    // The option's value as a time (parseTimeExpression()); on failure, why, in words.
    std::optional<QDateTime> parseTime(const char *option, QString *error) const
    {
        QString why;
        const auto t = parseTimeExpression(value(option), Clock::system()->nowMs(), &why);
        if (!t)
            *error = QStringLiteral("--%1 takes an ISO 8601 time (2025-06-15T12:00:00Z) or a "
                                    "duration ago (90s, 15m, 24h, 7d): %2")
                         .arg(QLatin1String(option), why);
        return t;
    }

    // A whole-number option within [least, most]: *value is left as it is when the option is
    // absent; false, with the usage line in *error, when it is given and not such a number.
    template<typename T>
    bool wholeOption(const char *name, qint64 least, qint64 most, T *result, QString *error,
                     const char *unit = nullptr) const
    {
        if (!isSet(name))
            return true;
        bool ok = false;
        const qint64 n = value(name).toLongLong(&ok);
        if (!ok || n < least || n > most) {
            *error = QStringLiteral("--%1 takes %2%3 to %4 (not '%5')")
                         .arg(QLatin1String(name),
                              unit ? QLatin1String(unit) + QLatin1String(", ") : QString())
                         .arg(least)
                         .arg(most)
                         .arg(value(name).left(40));
            return false;
        }
        *result = T(n);
        return true;
    }
    // --since as a time, else `fallback`; false, with the usage line in *error, when unreadable.
    bool sinceOption(QDateTime *since, QString *error, const QDateTime &fallback = {}) const
    {
        *since = fallback;
        if (!isSet("since"))
            return true;
        const auto t = parseTime("since", error);
        if (!t)
            return false;
        *since = *t;
        return true;
    }

    bool buildFilter(EntryFilter *filter, QString *error) const
    {
        // An empty value would match every entry: `invalidate --matching --user ""` acted on
        // all of them. A filter given twice would keep only its last value.
        for (const QString &name : filterOptions()) {
            const QStringList values = m_parser.values(name);
            if (values.size() > 1) {
                *error = QStringLiteral("--%1 is given %2 times; give it once")
                             .arg(name)
                             .arg(values.size());
                return false;
            }
            if (values.size() == 1 && values.first().isEmpty()) {
                *error = QStringLiteral("--%1 needs a value; an empty one would match every entry")
                             .arg(name);
                return false;
            }
        }
        if (isSet("query")) {
            QString queryError;
            *filter = parseFilterQuery(value("query"), Clock::system()->nowMs(), &queryError);
            if (!queryError.isEmpty()) {
                *error = QStringLiteral("--query: ") + queryError;
                return false;
            }
        }
        auto take = [this](const char *name, QString *field) {
            if (isSet(name))
                *field = value(name);
        };
        take("user", &filter->userId);
        take("credential", &filter->credentialId);
        take("exchange", &filter->exchange);
        take("environment", &filter->environment);
        take("text", &filter->text);
        if (isSet("state") && !filterStateFromName(value("state"), &filter->state)) {
            *error = QStringLiteral("--state must be valid, expired, invalid or any (not '%1')")
                         .arg(value("state"));
            return false;
        }
        if (isSet("synced-before")) {
            const auto t = parseTime("synced-before", error);
            if (!t)
                return false;
            filter->syncedBefore = *t;
        }
        return true;
    }

    bool confirm(const QString &question)
    {
        if (isSet("yes"))
            return true;
        if (!isatty(STDIN_FILENO)) {
            m_err << "connector-cache: " << escapeForDisplay(question)
                  << " — refusing without --yes when not run from a terminal" << Qt::endl;
            return false;
        }
        m_err << escapeForDisplay(question) << " [y/N] " << Qt::flush;
        const QString answer = m_in.readLine().trimmed().toLower();
        return answer == QLatin1String("y") || answer == QLatin1String("yes");
    }

    void audit(const QString &action, const QString &filter, qint64 rows, const StoreError &error)
    {
        AuditRecord r;
        r.action = action;
        r.filter = filter;
        r.rowsAffected = rows;
        r.outcome = error ? error.message() : QStringLiteral("ok");
        const StoreError written = m_store->recordAudit(r);
        if (written)
            m_err << "connector-cache: warning: the audit log was not written: "
                  << escapeForDisplay(written.message()) << Qt::endl;
    }

    static QString identityJson(const QString &user, const QString &credential)
    {
        return QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("userId"), user},
                                      {QStringLiteral("credentialId"), credential}})
                .toJson(QJsonDocument::Compact));
    }

    int cmdMigrate();
    int cmdStatus();
    int cmdGet(bool countHit);
    int cmdGetCounting() { return cmdGet(true); }
    int cmdShow() { return cmdGet(false); }
    int cmdSet();
    int cmdList();
    int cmdCount();
    int cmdInvalidate();
    int cmdCleanup();
    int cmdStats();
    int cmdHistory();
    int cmdAudit();
    int cmdDemo();
    int cmdSync();
    int cmdCheck() { return runMonitor(true); }
    // Clock health (clockcmd.cpp).
    ClockCommandContext clockContext()
    {
        return ClockCommandContext{m_parser,
                                   m_out,
                                   m_err,
                                   m_json,
                                   [this]() { return openStore(); },
                                   [this]() { return m_store.get(); },
                                   [this](const QString &m) { return usage(m); },
                                   [this](const StoreError &e) { return failed(e); },
                                   [this](const QJsonValue &v) { printJson(v); }};
    }
    int cmdClock() { return runClockCommand(clockContext()); }
    int cmdSyncs() { return runSyncsCommand(clockContext()); }
    int cmdExporter() { return runMonitor(false); }
    int runMonitor(bool check);
    int cmdAlerts(); // alertscmd.cpp does the work
    void printEntry(const CacheEntry &e, const QString &outcome);
    QString helpText() const;

    friend const QList<Command> &commands();
};

const QList<Command> &commands()
{
    static const QList<Command> list = {
        {"migrate", "",
         "Create or upgrade the schema; adopts a table the seed's service created, in place.",
         "dry-run", 0, 0, &Runner::cmdMigrate},
        {"status", "", "Show the database, its schema version and the role's privileges.", "", 0, 0,
         &Runner::cmdStatus},
        {"get", "USER CREDENTIAL",
         "Look an entry up as a connector does (a hit counts); exit 3 on a miss.", "lookup-timeout",
         2, 2, &Runner::cmdGetCounting},
        {"show", "USER CREDENTIAL", "Show an entry in any state, without counting a hit.", "", 2, 2,
         &Runner::cmdShow},
        {"set", "USER CREDENTIAL",
         "Write an entry (upsert), as the seed's service does after a sync.",
         "exchange! environment! offset! ttl synced-at metadata allow-unknown-exchange", 2, 2,
         &Runner::cmdSet},
        {"list", "",
         "List entries, a page at a time (keyset paging; --json prints the next cursor).",
         "FILTERS sort desc limit after", 0, 0, &Runner::cmdList},
        {"count", "", "Count the entries matching the filters.", "FILTERS", 0, 0,
         &Runner::cmdCount},
        {"invalidate", "[USER CREDENTIAL]",
         "Invalidate one entry (USER CREDENTIAL), or every entry matching the filters "
         "(--matching); forces a resync.",
         "matching FILTERS all dry-run yes", 0, 2, &Runner::cmdInvalidate},
        {"cleanup", "", "Delete expired entries in short batches; prints how many.",
         "dry-run batch-size sync-log-retention", 0, 0, &Runner::cmdCleanup},
        {"stats", "",
         "Entries by state, hits, misses and the hit rate over a window (default 24h). Beyond "
         "100,000 entries the counts by state are scaled from a sample unless --exact.",
         "window exact", 0, 0, &Runner::cmdStats},
        {"history", "",
         "Hits, misses, sets, invalidations and cleanups per bucket (default: last hour, 1 min).",
         "since bucket", 0, 0, &Runner::cmdHistory},
        {"audit", "", "The audit log of administrative actions, newest first.", "since limit", 0, 0,
         &Runner::cmdAudit},
        {"demo", "", "Fill the database with demo entries and a week of history (migrates first).",
         "entries seed", 0, 0, &Runner::cmdDemo},
        {"sync", "",
         "Measure the clock offset to an exchange (testnet by default); --save writes it to the "
         "cache for that credential.",
         "exchange! environment base-url samples timeout save ttl", 0, 2, &Runner::cmdSync},
        {"clock", "",
         "Clock health from the sync log: per exchange, environment and host the latest offset, "
         "the drift (ppm ± uncertainty), syncs, steps and rejections; then the events.",
         "exchange environment since", 0, 0, &Runner::cmdClock},
        {"syncs", "", "The sync log: every sync and timestamp rejection, newest first.",
         "user credential exchange environment host since limit", 0, 0, &Runner::cmdSyncs},
        {"check", "",
         "Evaluate the alert rules as a monitoring plugin (Nagios, Icinga): exit 0 OK, "
         "1 WARNING, 2 CRITICAL, 3 UNKNOWN; one status line with performance data.",
         "rule", 0, 0, &Runner::cmdCheck},
        {"exporter", "",
         "Serve Prometheus metrics on /metrics (loopback by default) until stopped.", "listen", 0,
         0, &Runner::cmdExporter},
        {"alerts", "[set|silence|delete|enable|disable NAME | history]",
         "The alert rules with their states; set, silence, delete, enable or disable one "
         "(administrative, audited); history: their state changes (default: last 24h).",
         "metric below above window for severity reason since limit", 0, 2, &Runner::cmdAlerts},
    };
    return list;
}

QString Runner::helpText() const
{
    QString text;
    QTextStream s(&text);
    s << "Usage: connector-cache [--database URL] [--json] COMMAND [ARGS]\n\n"
      << "Administers the connector time-offset cache (the seed's connector_state_cache table)\n"
      << "on PostgreSQL or SQLite.\n\nCommands:\n";
    QStringList withFilters;
    for (const Command &c : commands()) {
        s << "  " << QString::fromLatin1(c.name).leftJustified(11) << c.summary << "\n";
        if (c.takesFilters())
            withFilters << QLatin1String(c.name);
    }
    s << "\nGlobal options:\n";
    for (const OptionSpec &o : optionTable()) {
        if (o.global)
            s << optionLine(o);
    }
    s << "\nFilters (" << withFilters.join(QStringLiteral(", ")) << "):\n";
    for (const QString &name : filterOptions())
        s << optionLine(*findOption(name));
    s << "\nEach command's options: connector-cache help COMMAND.\n\n"
      << "TIME is ISO 8601 (2025-06-15T12:00:00Z) or a DURATION ago. DURATION is a whole\n"
      << "number with a unit (500ms, 90s, 15m, 24h, 7d); a bare number is seconds.\n\n"
      << "Exit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 database unreachable,\n"
      << "5 schema missing or too new (run 'connector-cache migrate'), 6 exchange error,\n"
      << "7 permission denied or a read-only standby, 8 key conflict, 9 not confirmed, 10\n"
      << "matching entries left valid (locked by another transaction; run again).\n\n"
      << "Passwords: never on the command line; use ~/.pgpass, PGPASSWORD or a service file.\n";
    return text;
}

int Runner::run(const QStringList &arguments)
{
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    for (const OptionSpec &o : optionTable()) {
        QStringList names{QLatin1String(o.name)};
        if (o.alias)
            names << QLatin1String(o.alias);
        QCommandLineOption option(names);
        if (o.valueName)
            option.setValueName(QLatin1String(o.valueName));
        m_parser.addOption(option);
    }

    if (!m_parser.parse(QStringList{QStringLiteral("connector-cache")} + arguments))
        return usage(m_parser.errorText());
    if (isSet("version")) {
        m_out << "connector-cache " << CC_VERSION_STRING << " (Qt " << qVersion() << ")"
              << Qt::endl;
        return ExitOk;
    }
    QStringList positional = m_parser.positionalArguments();
    if (!positional.isEmpty() && positional.first() == QLatin1String("help")) {
        if (positional.size() > 1) {
            if (const Command *c = findCommand(positional.at(1))) {
                m_out << commandHelp(*c) << Qt::flush;
                return ExitOk;
            }
            m_command = nullptr;
            return usage(QStringLiteral("no command '%1'").arg(positional.at(1)));
        }
        m_out << helpText() << Qt::flush;
        return ExitOk;
    }
    if (isSet("help") || positional.isEmpty()) {
        if (positional.isEmpty() && !isSet("help")) {
            m_err << helpText() << Qt::flush;
            return ExitUsage;
        }
        if (!positional.isEmpty()) {
            if (const Command *c = findCommand(positional.first())) {
                m_out << commandHelp(*c) << Qt::flush;
                return ExitOk;
            }
        }
        m_out << helpText() << Qt::flush;
        return ExitOk;
    }
    const QString name = positional.takeFirst();
    m_command = findCommand(name);
    if (!m_command)
        return usage(QStringLiteral("unknown command '%1'").arg(name));
    m_json = isSet("json");

    // Options given must belong to this command.
    const QStringList own = m_command->optionNames();
    for (const QString &option : m_parser.optionNames()) {
        const OptionSpec *o = findOption(option);
        if (!o || (!o->global && !own.contains(QLatin1String(o->name))))
            return usage(QStringLiteral("'%1' does not take --%2").arg(name, option));
    }
    // An impossible bound is a usage error before anything else happens, whatever the command.
    if (isSet("timeout")) {
        const bool sync = QLatin1String(m_command->name) == QLatin1String("sync");
        const int most = sync ? 120000 : 600000;
        bool ok = false;
        const int ms = value("timeout").toInt(&ok);
        if (m_parser.values(QStringLiteral("timeout")).size() > 1 || !ok || ms < 100 || ms > most)
            return usage(QStringLiteral("--timeout takes whole milliseconds, 100 to %1 (not '%2')")
                             .arg(most)
                             .arg(value("timeout").left(40)));
    }
    if (isSet("lookup-timeout")) {
        bool ok = false;
        const int ms = value("lookup-timeout").toInt(&ok);
        if (m_parser.values(QStringLiteral("lookup-timeout")).size() > 1 || !ok || ms < 10 ||
            ms > 600000)
            return usage(
                QStringLiteral("--lookup-timeout takes whole milliseconds, 10 to 600000 (not '%1')")
                    .arg(value("lookup-timeout").left(40)));
    }
    if (positional.size() < m_command->minArgs || positional.size() > m_command->maxArgs)
        return usage(QStringLiteral("'%1' takes %2 argument(s), got %3")
                         .arg(name)
                         .arg(m_command->minArgs == m_command->maxArgs
                                  ? QString::number(m_command->minArgs)
                                  : QStringLiteral("%1 to %2")
                                        .arg(m_command->minArgs)
                                        .arg(m_command->maxArgs))
                         .arg(positional.size()));

    return (this->*m_command->handler)();
}

int Runner::cmdMigrate()
{
    StoreError error = openStore(true);
    if (error && error.kind() != StoreError::SchemaTooNew)
        return failed(error);
    const SchemaStatus status = m_store->schemaStatus();
    if (isSet("dry-run")) {
        const QString state = schemaStateName(status.state);
        if (m_json) {
            printJson(QJsonObject{{QStringLiteral("state"), state},
                                  {QStringLiteral("version"), status.version},
                                  {QStringLiteral("target"), CacheStore::kSchemaVersion}});
        } else {
            m_out << "schema: " << state << " (version " << status.version << ", this program "
                  << CacheStore::kSchemaVersion << ")" << Qt::endl;
        }
        return status.state == SchemaStatus::State::TooNew ? ExitSchema : ExitOk;
    }
    auto report = m_store->migrate();
    if (!report.ok())
        return failed(report.error());
    audit(QStringLiteral("migrate"),
          QStringLiteral("{\"from\":%1,\"to\":%2}").arg(report->fromVersion).arg(report->toVersion),
          0, StoreError());
    // What migrate may not repair (the seed's table) is named, and is not a success.
    auto actual = m_store->checkSchema();
    if (!actual.ok())
        return failed(actual.error());
    if (!actual->schema.isEmpty()) {
        for (const QString &step : report->steps)
            m_out << shown(step) << Qt::endl;
        return failed(StoreError(StoreError::SchemaIncompatible,
                                 QStringLiteral("the schema is still not what this program "
                                                "needs: %1")
                                     .arg(actual->schema.join(QStringLiteral("; ")))));
    }
    if (m_json) {
        printJson(
            QJsonObject{{QStringLiteral("fromVersion"), report->fromVersion},
                        {QStringLiteral("toVersion"), report->toVersion},
                        {QStringLiteral("createdCacheTable"), report->createdCacheTable},
                        {QStringLiteral("steps"), QJsonArray::fromStringList(report->steps)}});
    } else {
        for (const QString &step : report->steps)
            m_out << shown(step) << Qt::endl;
    }
    return ExitOk;
}

int Runner::cmdStatus()
{
    StoreError error = openStore(true);
    if (error && error.kind() != StoreError::SchemaTooNew)
        return failed(error);
    const SchemaStatus status = m_store->schemaStatus();
    auto info = m_store->serverInfo();
    if (!info.ok())
        return failed(info.error());
    auto privileges = m_store->privileges();
    QJsonObject o{{QStringLiteral("database"), m_store->config().displayString()},
                  {QStringLiteral("backend"), info->backend},
                  {QStringLiteral("serverVersion"), info->version},
                  {QStringLiteral("role"), info->role},
                  {QStringLiteral("latencyUs"), info->latencyUs},
                  {QStringLiteral("schemaVersion"), status.version},
                  {QStringLiteral("schemaCurrent"), status.state == SchemaStatus::State::Current}};
    if (m_store->config().isPostgres()) {
        // How the connection is treated, and what that costs.
        const bool pooled = m_store->config().pooled;
        o.insert(QStringLiteral("connection"),
                 pooled ? QStringLiteral("pooled") : QStringLiteral("direct"));
        o.insert(QStringLiteral("connectionCost"),
                 pooled ? QStringLiteral("prepared statements off: pooler; settings per "
                                         "transaction (SET LOCAL); no LISTEN: consoles poll")
                        : QStringLiteral("none: protocol-level prepared lookups, LISTEN"));
        // Which server answered (a multi-host URL names several), and whether it may write.
        o.insert(QStringLiteral("server"),
                 info->port > 0 ? QStringLiteral("%1:%2").arg(info->host).arg(info->port)
                                : info->host);
        o.insert(QStringLiteral("standby"), info->standby);
        if (info->standby)
            o.insert(QStringLiteral("replayLagSeconds"), info->replayLagSeconds);
        // Where the tables are: the URL's schema= (Prisma's), else the search path's.
        o.insert(QStringLiteral("tableSchema"), info->schema);
        o.insert(QStringLiteral("tableSchemaFrom"), m_store->config().schema.isEmpty()
                                                        ? QStringLiteral("search_path")
                                                        : QStringLiteral("url"));
    }
    // The schema as it is, not only its version number: missing tables, columns, indexes,
    // wrong types, and what the role may not do that a connector needs.
    SchemaCheck actual;
    if (status.state == SchemaStatus::State::Current) {
        auto checked = m_store->checkSchema();
        if (!checked.ok())
            return failed(checked.error());
        actual = checked.value();
        o.insert(QStringLiteral("schemaCurrent"), actual.schema.isEmpty());
        o.insert(QStringLiteral("schemaProblems"), QJsonArray::fromStringList(actual.schema));
        o.insert(QStringLiteral("missingPrivileges"),
                 QJsonArray::fromStringList(actual.privileges));
    }
    if (privileges.ok()) {
        o.insert(QStringLiteral("canRead"), privileges->canRead);
        o.insert(QStringLiteral("canWrite"), privileges->canWrite);
        o.insert(QStringLiteral("canAudit"), privileges->canAudit);
    }
    if (m_json) {
        printJson(o);
    } else {
        m_out << "database:  " << shown(o.value(QStringLiteral("database")).toString()) << "\n"
              << "server:    " << shown(info->backend) << " " << shown(info->version)
              << " (round trip " << info->latencyUs << " µs)\n";
        if (o.contains(QStringLiteral("server")))
            m_out << "answered:  " << shown(o.value(QStringLiteral("server")).toString())
                  << (info->standby
                          ? (info->replayLagSeconds < 0
                                 ? QStringLiteral(" — standby (read-only), nothing replayed yet")
                                 : QStringLiteral(" — standby (read-only), replay lag %1 s")
                                       .arg(qRound64(info->replayLagSeconds)))
                          : QStringLiteral(" — primary (read-write)"))
                  << "\n";
        m_out << "role:      " << shown(info->role) << "\n";
        if (o.contains(QStringLiteral("connection")))
            m_out << "connection: " << o.value(QStringLiteral("connection")).toString() << " ("
                  << o.value(QStringLiteral("connectionCost")).toString() << ")\n";
        if (o.contains(QStringLiteral("tableSchema")))
            m_out << "tables:    in schema " << shown(SqlDialect::quoteIdentifier(info->schema))
                  << (m_store->config().schema.isEmpty() ? " (the search path's)"
                                                         : " (the URL's schema=)")
                  << "\n";
        m_out << "schema:    version " << status.version
              << (status.state != SchemaStatus::State::Current
                      ? QStringLiteral(" — run connector-cache migrate")
                  : actual.schema.isEmpty() ? QStringLiteral(" (current)")
                                            : QStringLiteral(", but:"))
              << "\n";
        for (const QString &problem : std::as_const(actual.schema))
            m_out << "  - " << shown(problem) << "\n";
        if (!actual.schema.isEmpty())
            m_out << "  (connector-cache migrate puts back what is ours; the seed's table is its "
                     "owner's to fix)\n";
        if (!actual.privileges.isEmpty())
            m_out << "role may not: " << shown(actual.privileges.join(QStringLiteral("; ")))
                  << " — see the GRANTs in the README\n";
        if (privileges.ok() && info->standby)
            m_out << "may:       " << (privileges->canRead ? "read" : "")
                  << " (a standby takes no writes: set, invalidate, cleanup and migrate go to "
                     "the primary)\n";
        else if (privileges.ok())
            m_out << "may:       " << (privileges->canRead ? "read" : "")
                  << (privileges->canWrite ? ", write" : " (read-only)")
                  << (privileges->canAudit ? ", audit" : "") << "\n";
        m_out.flush();
    }
    if (status.state != SchemaStatus::State::Current || !actual.schema.isEmpty())
        return ExitSchema;
    return actual.privileges.isEmpty() ? ExitOk : ExitPermission;
}

void Runner::printEntry(const CacheEntry &e, const QString &outcome)
{
    const qint64 now = Clock::system()->nowMs();
    if (m_json) {
        QJsonObject o = toJson(e, now);
        o.insert(QStringLiteral("outcome"), outcome);
        if (m_store && m_store->isStandby() && outcome == QLatin1String("hit")) {
            // A standby takes no writes: the hit is served, not counted.
            o.insert(QStringLiteral("hitCounted"), false);
            o.insert(QStringLiteral("note"),
                     QStringLiteral("read-only standby: hits and history are not recorded"));
        }
        printJson(o);
        return;
    }
    m_out << "entry:       " << shown(e.userId) << " / " << shown(e.credentialId) << " ("
          << shown(e.cacheKey) << ")\n"
          << "exchange:    " << shown(e.exchange) << " " << shown(e.environment) << "\n"
          << "offset:      " << e.timeOffsetMs << " ms\n"
          << "last sync:   " << iso(e.lastSyncTime) << " (age " << humanDuration(e.ageMs(now))
          << ")\n"
          << "expires:     " << iso(e.expiresAt) << " (in "
          << humanDuration(e.expiresAt.toMSecsSinceEpoch() - now) << ")\n"
          << "state:       " << stateName(e.stateAt(now)) << " (" << outcome << ")\n"
          << "hits:        " << e.hitCount
          << (m_store && m_store->isStandby() && outcome == QLatin1String("hit")
                  ? " (this hit is not counted: read-only standby)"
                  : "")
          << "\n"
          << "ahead margin: " << QString::number(entryAheadMarginMs(e, now), 'f', 0)
          << " ms (1000 ms minus its bound and 50 ms/h of drift over its age)\n";
    if (!e.metadata.isEmpty())
        m_out << "metadata:    "
              << shown(QString::fromUtf8(QJsonDocument(e.metadata).toJson(QJsonDocument::Compact)))
              << "\n";
    m_out.flush();
}

int Runner::cmdGet(bool countHit)
{
    const QStringList args = m_parser.positionalArguments().mid(1);
    StoreError error = openStore();
    if (error)
        return failed(error);
    if (!countHit) {
        auto entry = m_store->entry(args.at(0), args.at(1));
        if (!entry.ok()) {
            if (entry.error().kind() == StoreError::InvalidArgument) {
                m_err << "connector-cache: " << shown(entry.error().message()) << Qt::endl;
                return ExitNotFound;
            }
            return failed(entry.error());
        }
        printEntry(entry.value(), QStringLiteral("shown"));
        return ExitOk;
    }
    const Lookup lookup = m_store->get(args.at(0), args.at(1));
    switch (lookup.outcome) {
    case Lookup::Outcome::Hit:
        printEntry(lookup.entry, QStringLiteral("hit"));
        return ExitOk;
    case Lookup::Outcome::Expired:
    case Lookup::Outcome::Invalidated:
        printEntry(lookup.entry, lookup.outcome == Lookup::Outcome::Expired
                                     ? QStringLiteral("miss: expired")
                                     : QStringLiteral("miss: invalidated"));
        return ExitNotFound;
    case Lookup::Outcome::Miss:
        if (m_json)
            printJson(QJsonObject{{QStringLiteral("outcome"), QStringLiteral("miss")}});
        m_err << "connector-cache: no cache entry for " << shown(args.at(0)) << " / "
              << shown(args.at(1)) << Qt::endl;
        return ExitNotFound;
    case Lookup::Outcome::Failed: {
        // A lookup fails as a miss: whether the schema or the role is why, the check says.
        if (m_store->isOpen()) {
            auto actual = m_store->checkSchema();
            if (actual.ok() && !actual->schema.isEmpty())
                return failed(StoreError(StoreError::SchemaIncompatible,
                                         lookup.errorMessage + QStringLiteral(" — the schema: ") +
                                             actual->schema.join(QStringLiteral("; "))));
            if (actual.ok() && !actual->privileges.isEmpty())
                return failed(StoreError(StoreError::PermissionDenied,
                                         lookup.errorMessage +
                                             QStringLiteral(" — the role may not: ") +
                                             actual->privileges.join(QStringLiteral("; "))));
        }
        return failed(StoreError(StoreError::Unreachable, lookup.errorMessage));
    }
    }
    return ExitFailure;
}

int Runner::cmdSet()
{
    const QStringList args = m_parser.positionalArguments().mid(1);
    if (!isSet("exchange") || !isSet("environment") || !isSet("offset"))
        return usage(QStringLiteral("set needs --exchange, --environment and --offset"));
    EntryLimits limits;
    limits.allowUnknownExchange = isSet("allow-unknown-exchange");
    bool ok = false;
    TimeSyncState state;
    state.timeOffsetMs = value("offset").toLongLong(&ok);
    if (!ok)
        return usage(QStringLiteral("--offset takes whole milliseconds (e.g. -145), not '%1'")
                         .arg(value("offset")));
    std::chrono::seconds ttl = CacheStore::kDefaultTtl;
    const bool autoTtl = value("ttl") == QLatin1String("auto"); // chosen once the store is open
    if (autoTtl &&
        (!exchangeFromName(value("exchange")) || !environmentFromName(value("environment"))))
        return usage(QStringLiteral("--ttl auto needs BYBIT or BINGX and MAINNET, TESTNET or DEMO "
                                    "(the sync log measures no other exchange)"));
    if (isSet("ttl") && !autoTtl) {
        const auto ms = parseDurationMs(value("ttl"));
        if (!ms || *ms < 1000 || *ms / 1000 > limits.maxTtl.count())
            return usage(
                QStringLiteral("--ttl takes a duration of 1s to %1d (900, 15m, 1h), not '%2'")
                    .arg(limits.maxTtl.count() / 86400)
                    .arg(value("ttl").left(40)));
        ttl = std::chrono::seconds(*ms / 1000);
    }
    const qint64 now = Clock::system()->nowMs();
    if (isSet("synced-at")) {
        QString problem;
        const auto t = parseTime("synced-at", &problem);
        if (!t)
            return usage(problem);
        const StoreError bad = validateSyncTime(*t, now, limits);
        if (bad)
            return usage(QStringLiteral("--synced-at: ") + bad.message());
        state.lastSyncTime = *t;
    }
    StoreError bad =
        validateExchangeNames(value("exchange"), value("environment"), limits.allowUnknownExchange);
    if (bad)
        return usage(bad.message() +
                     (limits.allowUnknownExchange
                          ? QString()
                          : QStringLiteral("; --allow-unknown-exchange takes another name")));
    if (isSet("metadata")) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(value("metadata").toUtf8(), &parseError);
        if (!doc.isObject())
            return usage(QStringLiteral("--metadata takes a JSON object: %1")
                             .arg(parseError.error == QJsonParseError::NoError
                                      ? QStringLiteral("got another JSON value")
                                      : parseError.errorString()));
        state.metadata = doc.object();
    }
    // Everything the store will be given, by the one set of rules (core/store/validation.h).
    bad = validateEntryInput(args.at(0), args.at(1), value("exchange"), value("environment"), state,
                             ttl, now, limits);
    if (bad)
        return usage(bad.message());
    StoreError error = openStore();
    if (error)
        return failed(error);
    std::optional<AutoTtl> chosen;
    if (autoTtl) {
        // The entry's own bound when its metadata carries a sync account, else the unknown one.
        CacheEntry probe;
        probe.metadata = state.metadata;
        chosen = chooseAutoTtl(*m_store, *exchangeFromName(value("exchange")),
                               *environmentFromName(value("environment")), QString(),
                               entryErrorBoundMs(probe), now);
        ttl = std::chrono::seconds(chosen->choice.ttlMs / 1000);
        addDriftToMetadata(&state.metadata, chosen->drift); // issue 17: travels with the entry
    }
    error =
        m_store->set(args.at(0), args.at(1), value("exchange"), value("environment"), state, ttl);
    audit(QStringLiteral("set"), identityJson(args.at(0), args.at(1)), error ? 0 : 1, error);
    if (error)
        return failed(error);
    if (m_json) {
        QJsonObject o{{QStringLiteral("written"), true},
                      {QStringLiteral("cacheKey"), CacheStore::cacheKey(args.at(0), args.at(1))}};
        if (chosen)
            o.insert(QStringLiteral("ttl"), autoTtlJson(*chosen));
        printJson(o);
    } else {
        m_out << "saved " << shown(CacheStore::cacheKey(args.at(0), args.at(1))) << " (offset "
              << state.timeOffsetMs << " ms, expires in " << humanDuration(ttl.count() * 1000)
              << ")" << Qt::endl;
        if (chosen)
            m_out << "ttl:         " << shown(describeAutoTtl(*chosen)) << Qt::endl;
    }
    return ExitOk;
}

int Runner::cmdList()
{
    BrowseRequest request;
    QString problem;
    if (!buildFilter(&request.filter, &problem))
        return usage(problem);
    if (isSet("sort") && !sortColumnFromName(value("sort"), &request.sortColumn))
        return usage(QStringLiteral("--sort takes one of cacheKey, userId, credentialId, exchange, "
                                    "environment, timeOffset, lastSyncTime, expiresAt, hitCount, "
                                    "updatedAt"));
    request.sortOrder = isSet("desc") ? Qt::DescendingOrder : Qt::AscendingOrder;
    if (isSet("limit")) {
        if (!wholeOption("limit", 1, 10000, &request.limit, &problem))
            return usage(problem);
    } else {
        request.limit = 50;
    }
    request.after = value("after");
    if (isSet("after")) {
        const StoreError bad = validateCursor(request.after, request.sortColumn, request.sortOrder);
        if (bad)
            return usage(QStringLiteral("--after: ") + bad.message());
    }
    StoreError error = openStore();
    if (error)
        return failed(error);
    auto page = m_store->browse(request);
    if (!page.ok())
        return failed(page.error());
    const qint64 now = Clock::system()->nowMs();
    if (m_json) {
        QJsonArray rows;
        for (const CacheEntry &e : page->entries)
            rows << toJson(e, now);
        printJson(QJsonObject{{QStringLiteral("entries"), rows},
                              {QStringLiteral("nextCursor"), page->nextCursor.isEmpty()
                                                                 ? QJsonValue()
                                                                 : QJsonValue(page->nextCursor)}});
        return ExitOk;
    }
    m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                 .arg(QStringLiteral("USER"), -16)
                 .arg(QStringLiteral("CREDENTIAL"), -20)
                 .arg(QStringLiteral("EXCHANGE"), -8)
                 .arg(QStringLiteral("ENV"), -8)
                 .arg(QStringLiteral("OFFSET"), 7)
                 .arg(QStringLiteral("AGE"), 5)
                 .arg(QStringLiteral("HITS"), 6)
                 .arg(QStringLiteral("AHEAD"), 6)
                 .arg(QStringLiteral("STATE"))
          << "\n";
    for (const CacheEntry &e : page->entries) {
        m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                     .arg(shown(e.userId), -16)
                     .arg(shown(e.credentialId), -20)
                     .arg(shown(e.exchange), -8)
                     .arg(shown(e.environment), -8)
                     .arg(e.timeOffsetMs, 7)
                     .arg(humanDuration(e.ageMs(now)), 5)
                     .arg(e.hitCount, 6)
                     .arg(QString::number(entryAheadMarginMs(e, now), 'f', 0), 6)
                     .arg(stateName(e.stateAt(now)))
              << "\n";
    }
    if (!page->nextCursor.isEmpty())
        m_out << "more: --after " << page->nextCursor << "\n";
    m_out.flush();
    return ExitOk;
}

int Runner::cmdCount()
{
    EntryFilter filter;
    QString problem;
    if (!buildFilter(&filter, &problem))
        return usage(problem);
    StoreError error = openStore();
    if (error)
        return failed(error);
    auto n = m_store->count(filter);
    if (!n.ok())
        return failed(n.error());
    if (m_json)
        printJson(QJsonObject{{QStringLiteral("count"), n.value()}});
    else
        m_out << n.value() << Qt::endl;
    return ExitOk;
}

int Runner::cmdInvalidate()
{
    const QStringList args = m_parser.positionalArguments().mid(1);
    const bool all = isSet("all");
    const bool matching = isSet("matching") || all;
    if (matching == (args.size() == 2) || (!matching && args.size() != 2))
        return usage(QStringLiteral("give either USER CREDENTIAL or --matching with filters"));
    EntryFilter filter;
    if (matching) {
        QString problem;
        if (!buildFilter(&filter, &problem))
            return usage(problem);
        // No filter means every entry: said explicitly, never by leaving the filters out.
        if (filter.isEmpty() && !all)
            return usage(QStringLiteral("no filter given: --matching would invalidate every "
                                        "entry; add --all if that is what you mean"));
        if (!filter.isEmpty() && all)
            return usage(QStringLiteral("--all means every entry and takes no filters; drop "
                                        "--all or the filters"));
    }
    StoreError error = openStore();
    if (error)
        return failed(error);
    if (!matching) {
        auto n = m_store->invalidate(args.at(0), args.at(1));
        audit(QStringLiteral("invalidate"), identityJson(args.at(0), args.at(1)),
              n.ok() ? n.value() : 0, n.ok() ? StoreError() : n.error());
        if (!n.ok())
            return failed(n.error());
        if (m_json)
            printJson(QJsonObject{{QStringLiteral("invalidated"), n.value()}});
        else
            m_out << "invalidated " << n.value() << " entr" << (n.value() == 1 ? "y" : "ies")
                  << Qt::endl;
        return n.value() > 0 ? ExitOk : ExitNotFound;
    }
    auto preview = m_store->countInvalidatable(filter);
    if (!preview.ok())
        return failed(preview.error());
    const QString filterJson =
        all ? QStringLiteral("{\"all\":true}")
            : QString::fromUtf8(QJsonDocument(filter.toJson()).toJson(QJsonDocument::Compact));
    if (isSet("dry-run")) {
        if (m_json)
            printJson(QJsonObject{{QStringLiteral("wouldInvalidate"), preview.value()}});
        else
            m_out << preview.value() << " entries would be invalidated" << Qt::endl;
        return ExitOk;
    }
    if (preview.value() > 0 && !confirm(QStringLiteral("Invalidate %1 entries matching %2 in %3?")
                                            .arg(preview.value())
                                            .arg(filterJson, m_store->config().displayString())))
        return ExitCancelled;
    // Entries another transaction holds locked are tried again a few times; those still left
    // valid make the run fail (exit 10), audited with the rows done and the words.
    CacheStore::BulkInvalidation outcome;
    auto n = m_store->invalidateMatching(filter, {}, &outcome);
    audit(QStringLiteral("invalidate-matching"), filterJson, outcome.invalidated,
          n.ok() ? StoreError() : n.error());
    if (!n.ok() && outcome.left > 0) {
        if (m_json)
            printJson(QJsonObject{{QStringLiteral("invalidated"), outcome.invalidated},
                                  {QStringLiteral("left"), outcome.left},
                                  {QStringLiteral("error"), n.error().message()}});
        m_err << "connector-cache: " << escapeForDisplay(n.error().message(), true) << Qt::endl;
        return ExitPartial;
    }
    if (!n.ok())
        return failed(n.error());
    if (m_json)
        printJson(
            QJsonObject{{QStringLiteral("invalidated"), n.value()}, {QStringLiteral("left"), 0}});
    else
        m_out << "invalidated " << n.value() << " entries" << Qt::endl;
    return ExitOk;
}

int Runner::cmdCleanup()
{
    std::chrono::seconds retention = CacheStoreOptions().syncLogRetention;
    if (isSet("sync-log-retention")) {
        const auto ms = parseDurationMs(value("sync-log-retention"));
        if (!ms || *ms < 3'600'000 || *ms > 3650LL * 86'400'000)
            return usage(QStringLiteral("--sync-log-retention takes a duration of 1h to 3650d "
                                        "(30d, 720h)"));
        retention = std::chrono::seconds(*ms / 1000);
    }
    std::optional<int> batch;
    if (isSet("batch-size")) {
        int size = 0;
        QString problem;
        if (!wholeOption("batch-size", 1, 100000, &size, &problem))
            return usage(problem);
        batch = size;
    }
    StoreError error = openStore();
    if (error)
        return failed(error);
    if (batch) {
        CacheStore::Options options = m_store->options();
        options.batchSize = *batch;
        m_store = std::make_unique<CacheStore>(m_store->config(), options);
    }
    auto expired = m_store->countExpired();
    if (!expired.ok())
        return failed(expired.error());
    if (isSet("dry-run")) {
        if (m_json)
            printJson(QJsonObject{{QStringLiteral("wouldDelete"), expired.value()}});
        else
            m_out << expired.value() << " expired entries would be deleted" << Qt::endl;
        return ExitOk;
    }
    const bool interactive = isatty(STDERR_FILENO) && !m_json;
    auto n = m_store->cleanupExpired([&](qint64 done) {
        if (interactive && expired.value() > 0)
            m_err << "\rdeleted " << done << " of about " << expired.value() << Qt::flush;
        return true;
    });
    if (interactive && expired.value() > 0)
        m_err << Qt::endl;
    audit(QStringLiteral("cleanup"), QStringLiteral("{}"), n.ok() ? n.value() : 0,
          n.ok() ? StoreError() : n.error());
    if (!n.ok())
        return failed(n.error());
    // The sync log's retention (issue 17).
    const auto pruned =
        m_store->pruneSyncLog(Clock::system()->now().addSecs(-qint64(retention.count())));
    if (m_json) {
        QJsonObject o{{QStringLiteral("deleted"), n.value()},
                      {QStringLiteral("syncLogPruned"), pruned.ok() ? pruned.value() : 0}};
        if (!pruned.ok())
            o.insert(QStringLiteral("syncLogError"), pruned.error().message());
        printJson(o);
    } else {
        m_out << "Cleaned up " << n.value() << " expired cache entries" << Qt::endl;
        if (pruned.ok())
            m_out << "Pruned " << pruned.value() << " sync-log rows older than "
                  << humanDuration(qint64(retention.count()) * 1000) << Qt::endl;
    }
    if (!pruned.ok()) {
        m_err << "connector-cache: the sync log was not pruned: "
              << escapeForDisplay(pruned.error().message(), true) << Qt::endl;
        return exitCodeFor(pruned.error());
    }
    return ExitOk;
}

int Runner::cmdStats()
{
    std::chrono::seconds window = std::chrono::hours(24);
    if (isSet("window")) {
        const auto ms = parseDurationMs(value("window"));
        if (!ms || *ms < 60'000)
            return usage(QStringLiteral("--window takes a duration of at least 1m (15m, 24h, 7d)"));
        window = std::chrono::seconds(*ms / 1000);
    }
    StoreError error = openStore();
    if (error)
        return failed(error);
    auto s = m_store->stats(window, isSet("exact") ? CacheStore::Precision::Exact
                                                   : CacheStore::Precision::Auto);
    if (!s.ok())
        return failed(s.error());
    auto figures = monitoringFigures(*m_store, window); // issue 16 (alertscmd.cpp)
    if (!figures.ok())
        return failed(figures.error());
    if (m_json) {
        QJsonObject o{{QStringLiteral("total"), s->total},
                      {QStringLiteral("estimated"), s->estimated},
                      {QStringLiteral("valid"), s->valid},
                      {QStringLiteral("expired"), s->expired},
                      {QStringLiteral("invalid"), s->invalid},
                      {QStringLiteral("totalHits"), s->totalHits},
                      {QStringLiteral("windowSeconds"), s->windowSeconds},
                      {QStringLiteral("hits"), s->hits},
                      {QStringLiteral("misses"), s->misses},
                      {QStringLiteral("hitRate"), s->hitRate},
                      {QStringLiteral("oldestSyncAgeMs"), s->oldestSyncAgeMs},
                      {QStringLiteral("newestSyncAgeMs"), s->newestSyncAgeMs},
                      {QStringLiteral("expiringIn5m"), s->expiringIn5m},
                      {QStringLiteral("expiringIn15m"), s->expiringIn15m},
                      {QStringLiteral("expiringIn60m"), s->expiringIn60m}};
        for (auto it = figures->constBegin(); it != figures->constEnd(); ++it)
            o.insert(it.key(), it.value());
        printJson(o);
        return ExitOk;
    }
    m_out << "database:     " << shown(m_store->config().displayString()) << "\n"
          << "entries:      " << s->total << " (valid " << s->valid << ", expired " << s->expired
          << ", invalidated " << s->invalid << ")"
          << (s->estimated ? " (estimated from a sample; --exact counts)" : "") << "\n"
          << "hit rate:     "
          << (s->hits + s->misses > 0
                  ? QString::number(s->hitRate * 100.0, 'f', 1) + QLatin1Char('%')
                  : QStringLiteral("no lookups"))
          << " over the last " << humanDuration(s->windowSeconds * 1000) << " (" << s->hits
          << " hits, " << s->misses << " misses)\n"
          << "total hits:   " << s->totalHits << " (sum of hitCount)\n"
          << "oldest sync:  "
          << (s->oldestSyncAgeMs < 0 ? QStringLiteral("-") : humanDuration(s->oldestSyncAgeMs))
          << " ago, newest "
          << (s->newestSyncAgeMs < 0 ? QStringLiteral("-") : humanDuration(s->newestSyncAgeMs))
          << " ago\n"
          << "expiring:     " << s->expiringIn5m << " within 5m, " << s->expiringIn15m
          << " within 15m, " << s->expiringIn60m << " within 60m\n";
    m_out.flush();
    return ExitOk;
}

int Runner::cmdHistory()
{
    QDateTime since;
    int bucket = 1;
    QString problem;
    if (!sinceOption(&since, &problem, Clock::system()->now().addSecs(-3600)) ||
        !wholeOption("bucket", 1, 10080, &bucket, &problem, "minutes"))
        return usage(problem);
    StoreError error = openStore();
    if (error)
        return failed(error);
    auto buckets = m_store->history(since, Clock::system()->now(), bucket);
    if (!buckets.ok())
        return failed(buckets.error());
    QJsonArray rows;
    for (const HistoryBucket &b : buckets.value()) {
        if (m_json) {
            QJsonObject row = bucketFigures(b, bucket); // issue 16 (alertscmd.cpp)
            row.insert(QStringLiteral("start"), iso(b.start));
            row.insert(QStringLiteral("hits"), b.hits);
            row.insert(QStringLiteral("misses"), b.misses);
            row.insert(QStringLiteral("sets"), b.sets);
            row.insert(QStringLiteral("invalidations"), b.invalidations);
            row.insert(QStringLiteral("cleanups"), b.cleanups);
            rows << row;
        } else {
            const qint64 lookups = b.hits + b.misses;
            m_out << b.start.toString(QStringLiteral("yyyy-MM-dd HH:mm")) << "Z  hits "
                  << QString::number(b.hits).rightJustified(7) << "  misses "
                  << QString::number(b.misses).rightJustified(6) << "  rate "
                  << (lookups ? QString::number(100.0 * double(b.hits) / double(lookups), 'f', 1)
                                        .rightJustified(5) +
                                    QLatin1Char('%')
                              : QStringLiteral("    -"))
                  << "  sets " << b.sets << "  invalidations " << b.invalidations << "  cleanups "
                  << b.cleanups << "\n";
        }
    }
    if (m_json)
        printJson(rows);
    m_out.flush();
    return ExitOk;
}

int Runner::cmdAudit()
{
    QDateTime since;
    int limit = 100;
    QString problem;
    if (!sinceOption(&since, &problem) || !wholeOption("limit", 1, 100000, &limit, &problem))
        return usage(problem);
    StoreError error = openStore();
    if (error)
        return failed(error);
    auto log = m_store->auditLog(since, limit);
    if (!log.ok())
        return failed(log.error());
    QJsonArray rows;
    for (const AuditRecord &r : log.value()) {
        if (m_json) {
            rows << QJsonObject{{QStringLiteral("id"), r.id},
                                {QStringLiteral("at"), iso(r.at)},
                                {QStringLiteral("osUser"), r.osUser},
                                {QStringLiteral("dbRole"), r.dbRole},
                                {QStringLiteral("profile"), r.profile},
                                {QStringLiteral("action"), r.action},
                                {QStringLiteral("filter"), r.filter},
                                {QStringLiteral("rowsAffected"), r.rowsAffected},
                                {QStringLiteral("outcome"), r.outcome}};
        } else {
            m_out << iso(r.at) << "  " << shown(r.action).leftJustified(19) << " rows "
                  << QString::number(r.rowsAffected).rightJustified(7) << "  " << shown(r.osUser)
                  << "@" << shown(r.dbRole) << " [" << shown(r.profile) << "]  " << shown(r.filter)
                  << "  " << shown(r.outcome) << "\n";
        }
    }
    if (m_json)
        printJson(rows);
    m_out.flush();
    return ExitOk;
}

int Runner::cmdDemo()
{
    qint64 entries = 2000;
    quint32 seed = 1;
    QString problem;
    if (!wholeOption("entries", 0, 10'000'000, &entries, &problem) ||
        !wholeOption("seed", 0, 4294967295LL, &seed, &problem))
        return usage(problem);
    StoreError error = openStore(true);
    if (error)
        return failed(error);
    if (m_store->schemaStatus().state != SchemaStatus::State::Current) {
        auto report = m_store->migrate();
        if (!report.ok())
            return failed(report.error());
    }
    auto n = m_store->fillDemo(entries, seed);
    audit(QStringLiteral("demo"), QStringLiteral("{\"entries\":%1}").arg(entries),
          n.ok() ? n.value() : 0, n.ok() ? StoreError() : n.error());
    if (!n.ok())
        return failed(n.error());
    if (m_json)
        printJson(QJsonObject{{QStringLiteral("written"), n.value()}});
    else
        m_out << "wrote " << n.value() << " demo entries and a week of history to "
              << shown(m_store->config().displayString()) << Qt::endl;
    return ExitOk;
}

int Runner::cmdSync()
{
    if (!isSet("exchange"))
        return usage(QStringLiteral("sync needs --exchange BYBIT or BINGX"));
    CliSyncRequest request;
    request.exchange = value("exchange");
    request.environment = isSet("environment") ? value("environment") : QStringLiteral("TESTNET");
    request.baseUrl = value("base-url");
    {
        QString problem;
        if (!wholeOption("samples", 1, 50, &request.samples, &problem))
            return usage(problem);
    }
    if (isSet("timeout"))
        request.timeoutMs = value("timeout").toInt(); // run() checked it
    const QStringList saveTo = m_parser.positionalArguments().mid(1);
    if (isSet("save") != (saveTo.size() == 2))
        return usage(QStringLiteral("--save takes USER CREDENTIAL: sync --exchange BYBIT --save "
                                    "user123 cred456"));
    std::chrono::seconds ttl = CacheStore::kDefaultTtl;
    const bool autoTtl = value("ttl") == QLatin1String("auto");
    if (isSet("ttl") && !isSet("save"))
        return usage(QStringLiteral("--ttl goes with --save (the TTL of the entry it writes)"));
    if (isSet("ttl") && !autoTtl) {
        const auto ms = parseDurationMs(value("ttl"));
        if (!ms || *ms < 1000 || *ms / 1000 > EntryLimits().maxTtl.count())
            return usage(QStringLiteral("--ttl takes auto or a duration of 1s to %1d (900, 15m, "
                                        "1h), not '%2'")
                             .arg(EntryLimits().maxTtl.count() / 86400)
                             .arg(value("ttl").left(40)));
        ttl = std::chrono::seconds(*ms / 1000);
    }
    if (isSet("save")) {
        const StoreError bad = validateIdentity(saveTo.at(0), saveTo.at(1));
        if (bad)
            return usage(bad.message());
        // Check the database before spending a sync on it.
        const StoreError opened = openStore();
        if (opened)
            return failed(opened);
    }
    const CliSyncResult result = runCliSync(request);
    // The sync log (issue 17): every sync that ran, ok or not, when a database is at hand (one
    // to save to, or one named by --database or $CONNECTOR_CACHE_DATABASE). A log that cannot
    // be written is a warning, never the command's failure.
    if (!result.usageError && (isSet("save") || isSet("database") ||
                               !qEnvironmentVariable("CONNECTOR_CACHE_DATABASE").isEmpty())) {
        StoreError logged = m_store ? StoreError() : openStore();
        if (!logged)
            logged = logCliSync(*m_store, result.result,
                                isSet("save") ? CacheStore::cacheKey(saveTo.at(0), saveTo.at(1))
                                              : QString(),
                                result.baseUrl);
        if (logged)
            m_err << "connector-cache: warning: the sync log was not written: "
                  << escapeForDisplay(logged.message()) << Qt::endl;
    }
    std::optional<AutoTtl> chosen;
    if (result.ok && isSet("save")) {
        if (autoTtl) {
            chosen =
                chooseAutoTtl(*m_store, result.result.exchange, result.result.environment,
                              result.baseUrl, result.result.errorBoundMs, Clock::system()->nowMs());
            ttl = std::chrono::seconds(chosen->choice.ttlMs / 1000);
        }
        // The drift travels with the entry (issue 17): the one --ttl auto chose by, else this
        // host's as the log measures it (none when not known).
        const DriftEstimate drift =
            chosen ? chosen->drift
                   : measureHostDrift(*m_store, result.result.exchange, result.result.environment,
                                      result.baseUrl, Clock::system()->nowMs())
                         .drift;
        const TimeSyncState state =
            syncCacheState(result.result, QStringLiteral("cli sync"), drift);
        const StoreError saved =
            m_store->set(saveTo.at(0), saveTo.at(1), exchangeName(result.result.exchange),
                         environmentName(result.result.environment), state, ttl);
        audit(QStringLiteral("set"), identityJson(saveTo.at(0), saveTo.at(1)), saved ? 0 : 1,
              saved);
        if (saved)
            return failed(saved);
    }
    if (!result.ok) {
        if (m_json)
            printJson(QJsonObject{{QStringLiteral("error"), result.error}});
        m_err << "connector-cache: " << escapeForDisplay(result.error, true) << Qt::endl;
        return result.usageError ? ExitUsage : ExitExchange;
    }
    if (m_json) {
        QJsonObject o = result.json;
        if (chosen)
            o.insert(QStringLiteral("ttl"), autoTtlJson(*chosen));
        printJson(o);
    } else {
        m_out << escapeForDisplay(result.text, true);
        if (chosen)
            m_out << "ttl:          " << escapeForDisplay(describeAutoTtl(*chosen)) << "\n";
        m_out << Qt::flush;
    }
    return ExitOk;
}

int Runner::runMonitor(bool check)
{
    MonitorRequest request;
    QString error;
    request.config = chosenDatabase(&error);
    if (!error.isEmpty())
        return usage(error);
    request.options.profile = QStringLiteral("cli");
    if (isSet("timeout"))
        request.options.timeout = std::chrono::milliseconds(value("timeout").toInt()); // checked
    request.json = m_json;
    request.rule = value("rule");
    request.listen = value("listen");
    if (isSet("rule") && request.rule.isEmpty())
        return usage(QStringLiteral("--rule needs a rule's name"));
    return check ? runCheck(request, m_out, m_err) : runExporter(request, m_out, m_err);
}

int Runner::cmdAlerts()
{
    AlertsContext c;
    c.args = m_parser.positionalArguments().mid(1);
    c.json = m_json;
    c.value = [this](const char *name) { return value(name); };
    c.isSet = [this](const char *name) { return isSet(name); };
    c.openStore = [this]() { return openStore(); };
    c.store = [this]() { return m_store.get(); };
    c.usage = [this](const QString &message) { return usage(message); };
    c.failed = [this](const StoreError &error) { return failed(error); };
    c.audit = [this](const QString &action, const QString &filter, qint64 rows,
                     const StoreError &error) { audit(action, filter, rows, error); };
    c.printJson = [this](const QJsonValue &v) { printJson(v); };
    return runAlerts(c, m_out, m_err);
}

} // namespace

QStringList commandNames()
{
    QStringList names;
    for (const Command &c : commands())
        names << QLatin1String(c.name);
    return names;
}

QStringList commandOptions(const QString &command)
{
    if (command.isEmpty()) {
        QStringList names;
        for (const OptionSpec &o : optionTable()) {
            if (o.global)
                names << QLatin1String(o.name);
        }
        return names;
    }
    const Command *c = findCommand(command);
    return c ? c->optionNames() : QStringList();
}

QString commandHelpText(const QString &command)
{
    const Command *c = findCommand(command);
    return c ? commandHelp(*c) : QString();
}

QString invalidArgumentEncoding(int argc, const char *const *argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView bytes(argv[i]);
        if (!isValidUtf8(bytes))
            return QStringLiteral("argument %1 ('%2') is not valid UTF-8; ids and options must be "
                                  "UTF-8 text, or two different byte strings would name the same "
                                  "entry")
                .arg(i)
                .arg(escapeBytes(bytes.first(qMin(bytes.size(), qsizetype(80)))));
    }
    return QString();
}

int run(const QStringList &arguments, QTextStream &out, QTextStream &err, QTextStream &in)
{
    Runner runner(out, err, in);
    return runner.run(arguments);
}

} // namespace cc::cli
