#include "core/store/databaseconfig.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

#include <libpq-fe.h>

#include <algorithm>
#include <vector>

namespace cc {

namespace {

// The connection keywords this libpq knows, from libpq itself: PQconninfoParse of an empty
// string lists every option without reading the environment or a service file (PQconndefaults
// would). Whatever this libpq version accepts is accepted, and nothing else.
const QStringList &libpqKeywords()
{
    static const QStringList names = [] {
        QStringList list;
        char *error = nullptr;
        if (PQconninfoOption *options = PQconninfoParse("", &error)) {
            for (const PQconninfoOption *option = options; option->keyword; ++option)
                list << QString::fromLatin1(option->keyword);
            PQconninfoFree(options);
        }
        if (error)
            PQfreemem(error);
        return list;
    }();
    return names;
}

// Prisma's own parameters (prismaParameter() and the loop in parsePostgres take them).
const QStringList &prismaKeywords()
{
    static const QStringList names = {
        QStringLiteral("schema"),           QStringLiteral("pgbouncer"),
        QStringLiteral("connection_limit"), QStringLiteral("pool_timeout"),
        QStringLiteral("socket_timeout"),   QStringLiteral("statement_cache_size"),
        QStringLiteral("sslaccept"),        QStringLiteral("sslidentity"),
        QStringLiteral("sslcert"),          QStringLiteral("sslpassword")};
    return names;
}

// How many single-character edits turn a into b (for "did you mean").
int editDistance(const QString &a, const QString &b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        const QChar ai = a.at(i - 1);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[size_t(j)];
            row[size_t(j)] = qMin(qMin(above + 1, row[size_t(j - 1)] + 1),
                                  diagonal + (ai == b.at(j - 1) ? 0 : 1));
            diagonal = above;
        }
    }
    return row.back();
}

QString unknownParameter(const QString &key)
{
    QString nearest;
    int best = 3; // at most two edits away
    if (key.size() >= 4 && key.size() <= 40) {
        const QString lower = key.toLower();
        for (const QStringList *names : {&libpqKeywords(), &prismaKeywords()}) {
            for (const QString &name : *names) {
                // Lengths further apart than that need as many edits: not worth measuring.
                if (qAbs(name.size() - lower.size()) >= best)
                    continue;
                const int distance = editDistance(lower, name);
                if (distance < best) {
                    best = distance;
                    nearest = name;
                }
            }
        }
    }
    const QString shown = key.left(80);
    if (!nearest.isEmpty())
        return QStringLiteral("unknown connection parameter '%1': neither libpq nor Prisma knows "
                              "it; did you mean '%2'? Otherwise remove it from the URL")
            .arg(shown, nearest);
    return QStringLiteral("unknown connection parameter '%1': neither libpq nor Prisma knows it; "
                          "remove it from the URL (libpq knows e.g. sslmode, sslrootcert, "
                          "connect_timeout, application_name, target_session_attrs)")
        .arg(shown);
}

// A value as a libpq conninfo string takes it: single-quoted, with \ and ' escaped.
QByteArray conninfoQuoted(const QString &value)
{
    QByteArray quoted = value.toUtf8();
    quoted.replace('\\', "\\\\");
    quoted.replace('\'', "\\'");
    return '\'' + quoted + '\'';
}

// The URL's libpq part handed to libpq's own parser (PQconninfoParse), as the connection will
// hand it: what libpq refuses is refused here, with libpq's reason.
bool libpqAccepts(const QList<QPair<QString, QString>> &items, QString *reason)
{
    QByteArray conninfo;
    for (const auto &item : items)
        conninfo += item.first.toUtf8() + '=' + conninfoQuoted(item.second) + ' ';
    char *error = nullptr;
    PQconninfoOption *options = PQconninfoParse(conninfo.constData(), &error);
    if (options)
        PQconninfoFree(options);
    else
        *reason = error ? QString::fromUtf8(error).trimmed() : QStringLiteral("out of memory");
    if (error)
        PQfreemem(error);
    return options != nullptr;
}

const QStringList &sslModes()
{
    static const QStringList modes = {QStringLiteral("disable"),   QStringLiteral("allow"),
                                      QStringLiteral("prefer"),    QStringLiteral("require"),
                                      QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return modes;
}

DatabaseConfig failure(QString *errorMessage, const QString &message)
{
    if (errorMessage)
        *errorMessage = message;
    DatabaseConfig config;
    config.sqlitePath.clear();
    return config;
}

QString hint()
{
    return QStringLiteral(" (expected postgresql://user@host:5432/dbname, postgresql:// for "
                          "libpq's environment, sqlite:///absolute/path.db or sqlite:relative.db)");
}

// A libpq conninfo value: quoted when it holds spaces, quotes or backslashes.
QString conninfoValue(const QString &value)
{
    if (!value.isEmpty() && !value.contains(QLatin1Char(' ')) &&
        !value.contains(QLatin1Char('\'')) && !value.contains(QLatin1Char('\\')) &&
        !value.contains(QLatin1Char(';')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    quoted.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

// The input with the password of "scheme://user:password@host..." replaced by "***", for
// messages that quote what the user typed: a password never reaches a message or a log.
QString redactPassword(const QString &url)
{
    const qsizetype scheme = url.indexOf(QStringLiteral("://"));
    if (scheme < 0)
        return url;
    const qsizetype start = scheme + 3;
    qsizetype end = url.size();
    for (QChar c : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
        const qsizetype i = url.indexOf(c, start);
        if (i >= 0 && i < end)
            end = i;
    }
    const qsizetype at = url.lastIndexOf(QLatin1Char('@'), end - 1);
    if (at < start)
        return url;
    const qsizetype colon = url.indexOf(QLatin1Char(':'), start);
    if (colon < 0 || colon > at)
        return url;
    return url.left(colon + 1) + QStringLiteral("***") + url.mid(at);
}

// QUrl's reason without its "; source was ..." tail, which repeats the whole input; a complaint
// about the password does not repeat the offending character either.
QString urlErrorReason(const QUrl &parsed)
{
    QString reason = parsed.errorString().section(QStringLiteral("; source was"), 0, 0).trimmed();
    if (reason.contains(QStringLiteral("password"), Qt::CaseInsensitive))
        return QStringLiteral("the password holds a character that must be percent-encoded");
    return reason;
}

// Parameters of Prisma's PostgreSQL URLs (its own, not libpq's), so that an application's
// DATABASE_URL works as it is: mapped to libpq's equivalent, or ignored with a note. Returns
// false for any other key. Sets *errorMessage for a value that cannot be honoured.
bool prismaParameter(const QString &key, const QString &value, DatabaseConfig *config,
                     QString *errorMessage)
{
    static const QStringList ignored = {
        QStringLiteral("connection_limit"), QStringLiteral("pool_timeout"),
        QStringLiteral("socket_timeout"),   QStringLiteral("statement_cache_size"),
        QStringLiteral("sslidentity"),      QStringLiteral("sslpassword")};
    if (ignored.contains(key)) {
        if (key == QLatin1String("sslidentity") || key == QLatin1String("sslpassword")) {
            // A password is not repeated, not even in a note.
            config->notes << QStringLiteral("%1 ignored: Prisma's PKCS#12 client identity; give "
                                            "libpq a client certificate with sslcert= and "
                                            "sslkey= instead")
                                 .arg(key == QLatin1String("sslidentity")
                                          ? QStringLiteral("sslidentity=") + value
                                          : key);
        } else {
            config->notes << QStringLiteral("%1=%2 ignored: it tunes Prisma's client, not ours")
                                 .arg(key, value);
        }
        return true;
    }
    if (key == QLatin1String("sslaccept")) {
        const QString mode = value == QLatin1String("strict") ? QStringLiteral("verify-full")
                             : value == QLatin1String("accept_invalid_certs")
                                 ? QStringLiteral("require")
                                 : QString();
        if (mode.isEmpty()) {
            if (errorMessage)
                *errorMessage =
                    QStringLiteral("sslaccept must be strict or accept_invalid_certs, not '%1'")
                        .arg(value);
            return true;
        }
        if (!config->options.contains(QStringLiteral("sslmode"))) {
            config->options.insert(QStringLiteral("sslmode"), mode);
            config->notes << QStringLiteral("sslaccept=%1 taken as sslmode=%2").arg(value, mode);
        }
        return true;
    }
    if (key == QLatin1String("schema")) {
        // Prisma's: the schema the seed's table (and so ours) lives in. Every statement names
        // its tables qualified with it (SqlDialect::table()); no search_path is set.
        QString problem;
        if (!config->schema.isNull())
            problem = QStringLiteral("the schema is given twice; keep one schema=");
        else if (value.isEmpty())
            problem = QStringLiteral("schema= names no schema; leave it out for the search "
                                     "path's (public)");
        else if (value.toUtf8().size() > 63)
            problem = QStringLiteral("the schema name '%1' is longer than PostgreSQL's 63 bytes")
                          .arg(value.left(80));
        if (!problem.isEmpty()) {
            if (errorMessage)
                *errorMessage = problem;
            return true;
        }
        config->schema = value;
        return true;
    }
    return false;
}

// libpq's multi-host list ("h1:5432,h2:5433" after the user info): each host[:port] read on its
// own, since QUrl takes one host. Sets *single to the URL with the first host alone in the
// list's place (for QUrl to read the rest); *endpoints stays empty for a URL of one host.
bool splitHostList(const QString &url, QString *single, QList<DatabaseConfig::Endpoint> *endpoints,
                   QString *errorMessage)
{
    *single = url;
    const qsizetype start = url.indexOf(QStringLiteral("://")) + 3;
    qsizetype end = url.size();
    for (QChar c : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
        const qsizetype i = url.indexOf(c, start);
        if (i >= 0 && i < end)
            end = i;
    }
    // The hosts follow the user info's last '@' (a user name may hold a ',').
    const qsizetype at = url.lastIndexOf(QLatin1Char('@'), end - 1);
    const qsizetype hostsStart = at >= start ? at + 1 : start;
    const QString list = url.mid(hostsStart, end - hostsStart);
    if (!list.contains(QLatin1Char(',')))
        return true;
    const QString scheme = url.left(start);
    for (const QString &part : list.split(QLatin1Char(','))) {
        if (part.isEmpty()) {
            *errorMessage = QStringLiteral("the host list '%1' has an empty entry; name every "
                                           "host (h1:5432,h2:5432)")
                                .arg(list.left(200));
            return false;
        }
        const QUrl probe(scheme + part, QUrl::StrictMode);
        if (!probe.isValid() || probe.host().isEmpty() || !probe.userInfo().isEmpty() ||
            !probe.path().isEmpty() || probe.port(-1) == 0) {
            *errorMessage = QStringLiteral("'%1' in the host list is not HOST or HOST:PORT (a port "
                                           "from 1 to 65535)")
                                .arg(part.left(80));
            return false;
        }
        endpoints->append({probe.host(QUrl::FullyDecoded), probe.port(-1), QString()});
    }
    *single = url.left(hostsStart) + list.section(QLatin1Char(','), 0, 0) + url.mid(end);
    return true;
}

DatabaseConfig parsePostgres(const QString &fullUrl, QString *errorMessage)
{
    // QUrl accepts "postgresql://" with an empty authority; libpq's multi-host lists are taken
    // apart first.
    QString url;
    QList<DatabaseConfig::Endpoint> endpoints;
    QString listError;
    if (!splitHostList(fullUrl, &url, &endpoints, &listError))
        return failure(errorMessage, listError);
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid())
        return failure(
            errorMessage,
            QStringLiteral("malformed database URL: %1%2").arg(urlErrorReason(parsed), hint()));
    if (!parsed.fragment().isEmpty())
        return failure(
            errorMessage,
            QStringLiteral("a database URL has no #fragment; remove '#%1'").arg(parsed.fragment()));

    DatabaseConfig config;
    config.backend = DatabaseConfig::Backend::PostgreSQL;
    config.host = parsed.host(QUrl::FullyDecoded);
    config.port = parsed.port(-1);
    if (config.port == 0)
        return failure(errorMessage, QStringLiteral("port 0 is not a port; leave it out for 5432"));
    config.user = parsed.userName(QUrl::FullyDecoded);
    config.password = parsed.password(QUrl::FullyDecoded);
    // The name is checked for '/' before decoding, so that "%2F" can stand for one.
    QString path = parsed.path(QUrl::FullyEncoded);
    if (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    if (path.contains(QLatin1Char('/')))
        return failure(
            errorMessage,
            QStringLiteral("the database name '%1' contains '/'; percent-encode it as %2F")
                .arg(QUrl::fromPercentEncoding(path.toUtf8())));
    config.databaseName = QUrl::fromPercentEncoding(path.toUtf8());

    const QUrlQuery query(parsed);
    const auto items = query.queryItems(QUrl::FullyDecoded);
    // What the authority and the path named, before the query is read: a query parameter that
    // names one of them again is refused rather than silently losing to it (or winning over it,
    // as libpq would), so that the URL means one thing to every reader.
    const bool authorityNamesHost = !config.host.isEmpty();
    const bool authorityNamesPort =
        config.port > 0 ||
        std::any_of(endpoints.cbegin(), endpoints.cend(),
                    [](const DatabaseConfig::Endpoint &e) { return e.port > 0; });
    const bool authorityNamesUser = !config.user.isEmpty();
    const bool authorityNamesPassword = !config.password.isEmpty();
    const bool pathNamesDatabase = !config.databaseName.isEmpty();
    const auto given = [&items](const char *name) {
        return std::any_of(items.cbegin(), items.cend(),
                           [name](const auto &item) { return item.first == QLatin1String(name); });
    };
    QStringList seen;
    // The query's host, port and hostaddr, put together with the authority's after the loop.
    QString queryHost, queryPort, queryHostaddr;
    bool hasQueryHost = false, hasQueryPort = false, hasQueryHostaddr = false;
    // What goes to libpq as it is, in the URL's order.
    QList<QPair<QString, QString>> libpqItems;
    for (const auto &item : items) {
        const QString key = item.first;
        const QString value = item.second;
        if (value.contains(QChar(0)))
            return failure(errorMessage,
                           QStringLiteral("the value of '%1' holds a NUL character (%00); "
                                          "remove it")
                               .arg(key.left(80)));
        // Prisma's sslcert names the server's CA certificate (libpq's sslrootcert); libpq's
        // names a client certificate, which comes with its key. Beside sslkey= or sslrootcert=
        // the URL is libpq's; alone it is Prisma's.
        if (key == QLatin1String("sslcert") && !given("sslkey") && !given("sslrootcert")) {
            if (seen.contains(key))
                return failure(errorMessage,
                               QStringLiteral("the connection parameter '%1' is given twice; "
                                              "keep one")
                                   .arg(key));
            seen << key;
            config.options.insert(QStringLiteral("sslrootcert"), value);
            libpqItems.append({QStringLiteral("sslrootcert"), value});
            config.notes << QStringLiteral("sslcert=%1 taken as sslrootcert=%1 (Prisma's sslcert: "
                                           "the server's CA certificate); add sslkey= for "
                                           "libpq's client certificate instead")
                                .arg(value);
            continue;
        }
        QString prismaError;
        if (prismaParameter(key, value, &config, &prismaError)) {
            if (!prismaError.isEmpty())
                return failure(errorMessage, prismaError);
            continue;
        }
        if (key == QLatin1String("pgbouncer")) { // Prisma's: the URL is a pooler's
            if (value != QLatin1String("true") && value != QLatin1String("false"))
                return failure(
                    errorMessage,
                    QStringLiteral("pgbouncer must be true or false, not '%1'").arg(value));
            config.pooled = value == QLatin1String("true");
            continue;
        }
        if (!libpqKeywords().contains(key))
            return failure(errorMessage, unknownParameter(key));
        if (key == QLatin1String("replication"))
            return failure(errorMessage,
                           QStringLiteral("replication= asks for a replication connection, which "
                                          "cannot run the cache's queries; remove it"));
        if (seen.contains(key))
            return failure(
                errorMessage,
                QStringLiteral("the connection parameter '%1' is given twice; keep one").arg(key));
        seen << key;
        if (key == QLatin1String("user") && authorityNamesUser)
            return failure(errorMessage,
                           QStringLiteral("the URL names the user twice, before '@' and as "
                                          "?user=; keep one"));
        if (key == QLatin1String("password") && authorityNamesPassword)
            return failure(errorMessage,
                           QStringLiteral("the URL names the password twice, before '@' and as "
                                          "?password=; keep one"));
        if (key == QLatin1String("dbname") && pathNamesDatabase)
            return failure(errorMessage,
                           QStringLiteral("the URL names the database twice, in the path and as "
                                          "?dbname=; keep one"));
        if (key == QLatin1String("host") && authorityNamesHost)
            return failure(errorMessage,
                           QStringLiteral("the URL names the host twice, after '//' and as "
                                          "?host=; keep one"));
        if (key == QLatin1String("port") && authorityNamesPort)
            return failure(errorMessage,
                           QStringLiteral("the URL names the port twice, after the host and as "
                                          "?port=; keep one"));
        if (key == QLatin1String("sslmode") && !sslModes().contains(value))
            return failure(errorMessage, QStringLiteral("sslmode '%1' is not one of %2")
                                             .arg(value, sslModes().join(QStringLiteral(", "))));
        if (key == QLatin1String("connect_timeout")) {
            bool ok = false;
            const int seconds = value.toInt(&ok);
            if (!ok || seconds < 0)
                return failure(
                    errorMessage,
                    QStringLiteral("connect_timeout must be whole seconds, not '%1'").arg(value));
        }
        // The query fills what the authority and the path left out (host=/var/run/postgresql
        // for a socket directory, dbname= for a name holding '/', host=h1,h2 for libpq's list).
        if (key == QLatin1String("host")) {
            queryHost = value;
            hasQueryHost = true;
        } else if (key == QLatin1String("port")) {
            queryPort = value;
            hasQueryPort = true;
        } else if (key == QLatin1String("hostaddr")) {
            queryHostaddr = value;
            hasQueryHostaddr = true;
        } else if (key == QLatin1String("dbname")) {
            config.databaseName = value;
        } else if (key == QLatin1String("user")) {
            config.user = value;
        } else if (key == QLatin1String("password")) {
            config.password = value; // never in options, never written back
        } else {
            config.options.insert(key, value);
            libpqItems.append({key, value});
        }
    }

    // The hosts, their ports and addresses: from the authority (one host or libpq's list) or
    // from the query (host=, port=, hostaddr=, each one value or a list), as libpq pairs them.
    QStringList hostList, portList, addrList;
    if (!endpoints.isEmpty()) {
        for (const DatabaseConfig::Endpoint &endpoint : std::as_const(endpoints)) {
            hostList << endpoint.host;
            portList << (endpoint.port > 0 ? QString::number(endpoint.port) : QString());
        }
        if (!authorityNamesPort)
            portList.clear();
    } else if (hasQueryHost) {
        hostList = queryHost.split(QLatin1Char(','));
    } else if (!config.host.isEmpty()) {
        hostList << config.host;
    }
    if (hasQueryPort)
        portList = queryPort.split(QLatin1Char(','));
    else if (endpoints.isEmpty() && config.port > 0)
        portList << QString::number(config.port);
    if (hasQueryHostaddr)
        addrList = queryHostaddr.split(QLatin1Char(','));
    const qsizetype count = qMax(hostList.size(), addrList.size());
    if (hasQueryHost) {
        // Each a socket directory (absolute path) or a host name; anything else would not
        // survive being written back as a URL, and libpq would reject it later with less to
        // go on.
        for (QString &name : hostList) {
            if (name.isEmpty() && count > 1)
                return failure(errorMessage,
                               QStringLiteral("the host list '%1' has an empty entry; name every "
                                              "host (host=h1,h2)")
                                   .arg(queryHost.left(200)));
            if (name.startsWith(QLatin1Char('/')))
                continue;
            QUrl probe;
            probe.setHost(name, QUrl::StrictMode);
            if (probe.host().isEmpty() || !probe.isValid())
                return failure(errorMessage,
                               QStringLiteral("host '%1' is neither a host name nor a socket "
                                              "directory (an absolute path)")
                                   .arg(name.left(80)));
            name = probe.host(); // host names are case-insensitive: normalised
        }
    }
    for (const QString &address : std::as_const(addrList)) {
        // IPv4 or IPv6, an IPv6 zone after '%' included (fe80::1%eth0).
        const QString zone = address.section(QLatin1Char('%'), 1);
        const QString bare = address.section(QLatin1Char('%'), 0, 0);
        const bool numeric =
            !bare.isEmpty() &&
            std::all_of(bare.cbegin(), bare.cend(),
                        [](QChar c) {
                            return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                                   c == QLatin1Char('.') || c == QLatin1Char(':') ||
                                   (c.toLower() >= QLatin1Char('a') &&
                                    c.toLower() <= QLatin1Char('f'));
                        }) &&
            (!address.contains(QLatin1Char('%')) ||
             (!zone.isEmpty() && std::all_of(zone.cbegin(), zone.cend(), [](QChar c) {
                 return c.unicode() < 128 && (c.isLetterOrNumber() || c == QLatin1Char('_') ||
                                              c == QLatin1Char('-') || c == QLatin1Char('.'));
             })));
        if (!numeric)
            return failure(errorMessage,
                           QStringLiteral("'%1' in hostaddr= is not a numeric IP address "
                                          "(hostaddr takes addresses; put names in host=)")
                               .arg(address.left(80)));
    }
    QList<int> ports;
    for (const QString &text : std::as_const(portList)) {
        if (text.isEmpty() && portList.size() > 1) { // a list's empty entry: the default
            ports << -1;
            continue;
        }
        bool ok = false;
        const int port = text.toInt(&ok);
        if (!ok || port <= 0 || port > 65535)
            return failure(
                errorMessage,
                QStringLiteral("port '%1' is not a number from 1 to 65535").arg(text.left(80)));
        ports << port;
    }
    if (count <= 1) {
        if (ports.size() > 1)
            return failure(errorMessage,
                           QStringLiteral("the URL names %1 ports for one host; give one port "
                                          "per host, in the same order (host=h1,h2&port=5432,"
                                          "5433)")
                               .arg(ports.size()));
        config.host = hostList.value(0);
        config.port = ports.value(0, -1);
        // One address: libpq's hostaddr, beside the name it is for.
        if (hasQueryHostaddr) {
            config.options.insert(QStringLiteral("hostaddr"), queryHostaddr);
            libpqItems.append({QStringLiteral("hostaddr"), queryHostaddr});
        }
    } else {
        if (!hostList.isEmpty() && !addrList.isEmpty() && hostList.size() != addrList.size())
            return failure(errorMessage,
                           QStringLiteral("the URL names %1 hosts but %2 addresses (hostaddr=); "
                                          "give one address per host, in the same order")
                               .arg(hostList.size())
                               .arg(addrList.size()));
        if (ports.size() > 1 && ports.size() != count)
            return failure(errorMessage,
                           QStringLiteral("the URL names %1 hosts but %2 ports; give one port for "
                                          "all or one per host, in the same order")
                               .arg(count)
                               .arg(ports.size()));
        endpoints.clear();
        for (qsizetype i = 0; i < count; ++i) {
            DatabaseConfig::Endpoint endpoint;
            endpoint.host = hostList.value(i);
            endpoint.port = ports.size() == 1 ? ports.first() : ports.value(i, -1);
            endpoint.hostaddr = addrList.value(i);
            endpoints << endpoint;
        }
        config.hosts = endpoints;
        config.host = endpoints.first().host;
        config.port = endpoints.first().port;
    }

    // libpq reads its part itself: the keywords and values as the connection will pass them.
    QString libpqReason;
    if (!libpqAccepts(libpqItems, &libpqReason))
        return failure(
            errorMessage,
            QStringLiteral("libpq refuses the URL's connection parameters: %1").arg(libpqReason));
    if (errorMessage)
        errorMessage->clear();
    return config;
}

DatabaseConfig parseSqlite(const QString &url, QString *errorMessage)
{
    // sqlite:///abs/path.db -> /abs/path.db; sqlite:rel.db -> rel.db; sqlite::memory:
    QString rest = url.mid(int(qstrlen("sqlite:")));
    if (rest == QLatin1String(":memory:")) {
        DatabaseConfig config;
        config.sqlitePath = rest;
        return config;
    }
    if (rest.startsWith(QStringLiteral("//"))) {
        rest.remove(0, 2);
        if (!rest.startsWith(QLatin1Char('/')))
            return failure(errorMessage,
                           QStringLiteral("sqlite:// must be followed by an absolute path "
                                          "(sqlite:///var/lib/cache.db); for a relative path "
                                          "write sqlite:%1")
                               .arg(rest));
    }
    rest = QUrl::fromPercentEncoding(rest.toUtf8());
    if (rest.isEmpty())
        return failure(errorMessage, QStringLiteral("the SQLite URL names no file%1").arg(hint()));
    if (rest.contains(QLatin1Char('?')))
        return failure(errorMessage, QStringLiteral("SQLite URLs take no parameters; remove '?%1'")
                                         .arg(rest.section(QLatin1Char('?'), 1)));
    if (QFileInfo(rest).isDir())
        return failure(errorMessage,
                       QStringLiteral("'%1' is a directory; name a database file in it").arg(rest));
    DatabaseConfig config;
    config.sqlitePath = QDir::cleanPath(rest);
    if (errorMessage)
        errorMessage->clear();
    return config;
}

} // namespace

DatabaseConfig DatabaseConfig::fromUrl(const QString &urlIn, QString *errorMessage)
{
    const QString url = urlIn.trimmed();
    if (url.isEmpty())
        return failure(errorMessage, QStringLiteral("the database URL is empty%1").arg(hint()));
    if (url.contains(QChar(0)))
        return failure(errorMessage, QStringLiteral("the database URL contains a NUL character"));
    // A noncharacter (U+FFFF and kin) typed as it is does not survive percent-encoding: QUrl
    // writes it out but will not decode it back (found by the URL fuzzer).
    const QList<uint> codePoints = url.toUcs4();
    for (qsizetype i = 0; i < codePoints.size(); ++i) {
        if (QChar::isNonCharacter(codePoints.at(i)))
            return failure(errorMessage,
                           QStringLiteral("the database URL contains the Unicode noncharacter "
                                          "U+%1 (character %2); remove it")
                               .arg(codePoints.at(i), 4, 16, QLatin1Char('0'))
                               .arg(i + 1));
    }
    const QString lower = url.toLower();
    if (lower.startsWith(QStringLiteral("postgresql:")) ||
        lower.startsWith(QStringLiteral("postgres:"))) {
        if (!lower.startsWith(QStringLiteral("postgresql://")) &&
            !lower.startsWith(QStringLiteral("postgres://")))
            return failure(
                errorMessage,
                QStringLiteral("a PostgreSQL URL starts with postgresql://%1").arg(hint()));
        return parsePostgres(url, errorMessage);
    }
    if (lower.startsWith(QStringLiteral("sqlite:")))
        return parseSqlite(url, errorMessage);
    const QString scheme = url.section(QLatin1Char(':'), 0, 0);
    if (url.contains(QLatin1Char(':')) && !scheme.isEmpty() && scheme.size() < 20)
        return failure(errorMessage,
                       QStringLiteral("unsupported database scheme '%1:'%2").arg(scheme, hint()));
    return failure(
        errorMessage,
        QStringLiteral("'%1' is not a database URL%2").arg(redactPassword(url).left(80), hint()));
}

QString DatabaseConfig::withoutPassword(const QString &url)
{
    return redactPassword(url);
}

QString DatabaseConfig::defaultSqlitePath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    return dir + QStringLiteral("/connector-cache/cache.db");
}

DatabaseConfig DatabaseConfig::defaultSqlite()
{
    DatabaseConfig config;
    config.sqlitePath = defaultSqlitePath();
    return config;
}

DatabaseConfig DatabaseConfig::fromArgumentOrEnvironment(const QString &argument,
                                                         QString *errorMessage)
{
    if (!argument.isEmpty())
        return fromUrl(argument, errorMessage);
    const QString env = qEnvironmentVariable("CONNECTOR_CACHE_DATABASE");
    if (!env.isEmpty()) {
        QString error;
        DatabaseConfig config = fromUrl(env, &error);
        if (!error.isEmpty() && errorMessage)
            *errorMessage = QStringLiteral("CONNECTOR_CACHE_DATABASE: ") + error;
        else if (errorMessage)
            errorMessage->clear();
        return config;
    }
    if (errorMessage)
        errorMessage->clear();
    return defaultSqlite();
}

QString DatabaseConfig::toUrl() const
{
    if (isSqlite()) {
        if (sqlitePath == QLatin1String(":memory:"))
            return QStringLiteral("sqlite::memory:");
        return QFileInfo(sqlitePath).isAbsolute() ? QStringLiteral("sqlite://") + sqlitePath
                                                  : QStringLiteral("sqlite:") + sqlitePath;
    }
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    if (!user.isEmpty())
        url.setUserName(user);
    // QUrlQuery takes values percent-encoded as far as they go: a literal '%' must be written
    // "%25", or "%41" in a value would come back as "A".
    const auto escaped = [](QString value) {
        return value.replace(QLatin1Char('%'), QStringLiteral("%25"));
    };
    // QUrl needs a host for an authority; a socket directory goes into the query instead. So
    // does a host list that holds one, an empty entry or addresses (hostaddr=): libpq's query
    // form, host=h1,h2&hostaddr=a1,a2&port=p1,p2.
    const bool listInQuery =
        isMultiHost() && std::any_of(hosts.cbegin(), hosts.cend(), [](const Endpoint &e) {
            return e.host.isEmpty() || e.host.startsWith(QLatin1Char('/')) || !e.hostaddr.isEmpty();
        });
    QUrlQuery query;
    if (listInQuery) {
        QStringList names, addresses, ports;
        for (const Endpoint &endpoint : hosts) {
            names << escaped(endpoint.host);
            addresses << endpoint.hostaddr;
            ports << (endpoint.port > 0 ? QString::number(endpoint.port) : QString());
        }
        const auto given = [](const QStringList &list) {
            return std::any_of(list.cbegin(), list.cend(),
                               [](const QString &value) { return !value.isEmpty(); });
        };
        if (given(names))
            query.addQueryItem(QStringLiteral("host"), names.join(QLatin1Char(',')));
        if (given(addresses))
            query.addQueryItem(QStringLiteral("hostaddr"), addresses.join(QLatin1Char(',')));
        if (given(ports))
            query.addQueryItem(QStringLiteral("port"), ports.join(QLatin1Char(',')));
    } else if (host.startsWith(QLatin1Char('/'))) {
        query.addQueryItem(QStringLiteral("host"), escaped(host));
    } else if (!host.isEmpty()) {
        url.setHost(host);
    }
    if (port > 0 && !listInQuery) {
        if (url.host().isEmpty())
            query.addQueryItem(QStringLiteral("port"), QString::number(port));
        else
            url.setPort(port);
    }
    // A name with '/' (possible through ?dbname=) goes back into the query, where it needs
    // no escaping; any other into the path.
    if (databaseName.contains(QLatin1Char('/')))
        query.addQueryItem(QStringLiteral("dbname"), escaped(databaseName));
    else if (!databaseName.isEmpty())
        url.setPath(QLatin1Char('/') + databaseName);
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        query.addQueryItem(it.key(), escaped(it.value()));
    if (pooled)
        query.addQueryItem(QStringLiteral("pgbouncer"), QStringLiteral("true"));
    if (!schema.isEmpty()) // percent-encoded whole: quotes, spaces and &s survive the trip
        query.addQueryItem(QStringLiteral("schema"),
                           QString::fromUtf8(QUrl::toPercentEncoding(schema)));
    url.setQuery(query);
    QString text = url.toString(QUrl::FullyEncoded);
    if (url.host().isEmpty() && user.isEmpty() && !text.startsWith(QStringLiteral("postgresql://")))
        text.replace(0, int(qstrlen("postgresql:")), QStringLiteral("postgresql://"));
    if (isMultiHost() && !listInQuery) {
        // The first host's place in the authority takes the whole list, each as QUrl writes it.
        QStringList list;
        for (const Endpoint &endpoint : hosts) {
            QUrl one;
            one.setScheme(QStringLiteral("postgresql"));
            one.setHost(endpoint.host);
            if (endpoint.port > 0)
                one.setPort(endpoint.port);
            list << one.toString(QUrl::FullyEncoded).mid(int(qstrlen("postgresql://")));
        }
        const qsizetype start = int(qstrlen("postgresql://"));
        qsizetype end = text.size();
        for (QChar c : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
            const qsizetype i = text.indexOf(c, start);
            if (i >= 0 && i < end)
                end = i;
        }
        const qsizetype at = text.lastIndexOf(QLatin1Char('@'), end - 1);
        const qsizetype hostsStart = at >= start ? at + 1 : start;
        text = text.left(hostsStart) + list.join(QLatin1Char(',')) + text.mid(end);
    }
    return text;
}

QString DatabaseConfig::displayString() const
{
    return toUrl(); // toUrl never includes the password
}

QString DatabaseConfig::postgresConnectOptions(int timeoutMs) const
{
    QStringList parts;
    QMap<QString, QString> all = options;
    // libpq takes whole seconds, 2 at the least. The URL's own value may shorten the bound but
    // neither lift it (0 is "wait forever" to libpq) nor lengthen it: the timeout bounds a call.
    const int seconds = qMax(2, (timeoutMs + 999) / 1000);
    bool given = false;
    const int urlSeconds = all.value(QStringLiteral("connect_timeout")).toInt(&given);
    if (!given || urlSeconds <= 0 || urlSeconds > seconds)
        all.insert(QStringLiteral("connect_timeout"), QString::number(seconds));
    if (!all.contains(QStringLiteral("application_name")))
        all.insert(QStringLiteral("application_name"), QStringLiteral("connector-cache"));
    // A dead peer is noticed within the timeout instead of the kernel's minutes.
    if (!all.contains(QStringLiteral("tcp_user_timeout")))
        all.insert(QStringLiteral("tcp_user_timeout"), QString::number(qMax(timeoutMs, 1000)));
    if (!all.contains(QStringLiteral("keepalives_idle")))
        all.insert(QStringLiteral("keepalives_idle"), QString::number(qMax(1, timeoutMs / 1000)));
    if (!all.contains(QStringLiteral("keepalives_interval")))
        all.insert(QStringLiteral("keepalives_interval"), QStringLiteral("1"));
    if (!all.contains(QStringLiteral("keepalives_count")))
        all.insert(QStringLiteral("keepalives_count"), QStringLiteral("2"));
    if (isMultiHost()) {
        // libpq's lists, after the single host and port QPSQL names first: the later wins.
        // Empty host entries (hostaddr alone) are written too, so that PGHOST does not count.
        QStringList names, ports, addresses;
        bool anyAddress = false;
        for (const Endpoint &endpoint : hosts) {
            names << endpoint.host;
            ports << (endpoint.port > 0 ? QString::number(endpoint.port) : QString());
            addresses << endpoint.hostaddr;
            anyAddress = anyAddress || !endpoint.hostaddr.isEmpty();
        }
        all.insert(QStringLiteral("host"), names.join(QLatin1Char(',')));
        all.insert(QStringLiteral("port"), ports.join(QLatin1Char(',')));
        if (anyAddress)
            all.insert(QStringLiteral("hostaddr"), addresses.join(QLatin1Char(',')));
    }
    for (auto it = all.cbegin(); it != all.cend(); ++it)
        parts << it.key() + QLatin1Char('=') + conninfoValue(it.value());
    return parts.join(QLatin1Char(';'));
}

} // namespace cc
