#pragma once

// The properties the libFuzzer targets check on every input, shared with the QtTest suite
// tst_fuzz_regressions that replays the committed seed corpus and every regression input with
// the normal compiler. Each check returns what is wrong in words, or an empty string; a crash,
// hang, sanitizer report or a non-empty answer is a finding.

#include "core/store/databaseconfig.h"
#include "core/store/filterquery.h"
#include "core/timesync/parsers.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace cc::fuzz {

// The exchange server-time parsers and the API-answer parser: never accept an implausible time,
// always say why a body is refused.
inline QString checkExchangeTime(const QByteArray &body)
{
    const qint64 now = 1688639403423;
    for (Exchange exchange : {Exchange::Bybit, Exchange::BingX}) {
        const ParsedTime t = parseServerTime(exchange, body, now);
        if (t.time &&
            (t.time->ms - now > kDefaultMaxSkewMs || now - t.time->ms > kDefaultMaxSkewMs))
            return QStringLiteral("an implausible time got through: %1").arg(t.time->ms);
        if (t.time && (t.time->resolutionMs <= 0 || t.time->field.isEmpty()))
            return QStringLiteral("a time without its resolution or field");
        if (!t.time && t.error.isEmpty())
            return QStringLiteral("a refusal without a reason");
        const ApiAnswer a = parseApiAnswer(exchange, body);
        if (a.timestampRejected && a.code == 0)
            return QStringLiteral("a timestamp rejection with success code 0");
    }
    return QString();
}

namespace detail {

// The raw password of "scheme://user:password@host...", or empty.
inline QString rawPassword(const QString &url, qsizetype *from)
{
    const qsizetype scheme = url.indexOf(QStringLiteral("://"));
    if (scheme < 0)
        return QString();
    const qsizetype start = scheme + 3;
    qsizetype end = url.size();
    for (QChar c : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
        const qsizetype i = url.indexOf(c, start);
        if (i >= 0 && i < end)
            end = i;
    }
    const qsizetype at = url.lastIndexOf(QLatin1Char('@'), end - 1);
    if (at < start)
        return QString();
    const qsizetype colon = url.indexOf(QLatin1Char(':'), start);
    if (colon < 0 || colon > at)
        return QString();
    *from = colon + 1;
    return url.mid(colon + 1, at - colon - 1);
}

inline bool isAlnum(const QString &s)
{
    for (QChar c : s) {
        if (!(c.isDigit() || (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
              (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))))
            return false;
    }
    return !s.isEmpty();
}

} // namespace detail

// The database URL parser: an accepted URL round-trips through toUrl() to the same connection;
// no password ever shows in displayString(), toUrl() or an error message. The last is checked
// by changing only the password (to another of the same length and kind): nothing the parser
// says may change with it.
inline QString checkDatabaseUrl(const QByteArray &bytes)
{
    const QString url = QString::fromUtf8(bytes);
    QString error;
    const DatabaseConfig c = DatabaseConfig::fromUrl(url, &error);
    qsizetype from = 0;
    // Only a PostgreSQL URL has a password; in an SQLite URL "user:secret@" is part of a file
    // name, which the display form must show as it is.
    const bool postgres = url.trimmed().startsWith(QStringLiteral("postgres"), Qt::CaseInsensitive);
    const QString password = postgres ? detail::rawPassword(url, &from) : QString();
    if (detail::isAlnum(password)) {
        QString other = password;
        for (QChar &ch : other)
            ch = ch == QLatin1Char('q') ? QLatin1Char('Q') : QLatin1Char('q');
        QString changed = url;
        changed.replace(from, password.size(), other);
        QString otherError;
        const DatabaseConfig d = DatabaseConfig::fromUrl(changed, &otherError);
        if (otherError != error)
            return QStringLiteral("the error message depends on the password: %1").arg(error);
        if (error.isEmpty() && (d.displayString() != c.displayString() || d.toUrl() != c.toUrl() ||
                                d.postgresConnectOptions(2000) != c.postgresConnectOptions(2000)))
            return QStringLiteral("the display form depends on the password: %1")
                .arg(c.displayString());
    }
    if (!error.isEmpty())
        return QString();
    if (c.isPostgres()) {
        if (!QUrl(c.displayString()).password().isEmpty())
            return QStringLiteral("a password in the display form: %1").arg(c.displayString());
        QString again;
        const DatabaseConfig back = DatabaseConfig::fromUrl(c.toUrl(), &again);
        if (!again.isEmpty())
            return QStringLiteral("toUrl() %1 does not parse: %2").arg(c.toUrl(), again);
        if (back.host != c.host || back.port != c.port || back.hosts != c.hosts ||
            back.user != c.user || back.databaseName != c.databaseName ||
            back.options != c.options || back.schema != c.schema || back.pooled != c.pooled)
            return QStringLiteral("toUrl() %1 does not round-trip").arg(c.toUrl());
    }
    c.postgresConnectOptions(2000);
    return QString();
}

// The console's filter syntax: whatever parses prints back to a query that parses to the same
// filter.
inline QString checkFilterQuery(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    const qint64 now = 1750000000000;
    QString error;
    const EntryFilter f = parseFilterQuery(text, now, &error);
    if (!error.isEmpty())
        return QString();
    QString again;
    const QString printed = toFilterQuery(f);
    const EntryFilter g = parseFilterQuery(printed, now, &again);
    if (!again.isEmpty())
        return QStringLiteral("toFilterQuery() %1 does not parse: %2").arg(printed, again);
    if (g.userId != f.userId || g.credentialId != f.credentialId || g.exchange != f.exchange ||
        g.environment != f.environment || g.state != f.state || g.text != f.text ||
        g.syncedBefore != f.syncedBefore)
        return QStringLiteral("toFilterQuery() %1 does not round-trip").arg(printed);
    return QString();
}

} // namespace cc::fuzz
