#include "core/store/dotenv.h"

#include <QFile>
#include <QFileInfo>

namespace cc {

namespace {

bool isKeyChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.') ||
           c == QLatin1Char('-');
}

} // namespace

QMap<QString, QString> parseDotEnv(const QByteArray &bytes)
{
    QMap<QString, QString> values;
    const QString text = QString::fromUtf8(bytes);
    qsizetype i = 0;
    const qsizetype n = text.size();
    const auto skipSpaces = [&]() {
        while (i < n && (text.at(i) == QLatin1Char(' ') || text.at(i) == QLatin1Char('\t')))
            ++i;
    };
    const auto skipLine = [&]() {
        while (i < n && text.at(i) != QLatin1Char('\n'))
            ++i;
        if (i < n)
            ++i;
    };
    while (i < n) {
        skipSpaces();
        if (i >= n)
            break;
        if (text.at(i) == QLatin1Char('\n') || text.at(i) == QLatin1Char('\r') ||
            text.at(i) == QLatin1Char('#')) {
            skipLine();
            continue;
        }
        if (text.mid(i, 7) == QLatin1String("export ")) {
            i += 7;
            skipSpaces();
        }
        const qsizetype keyStart = i;
        while (i < n && isKeyChar(text.at(i)))
            ++i;
        const QString key = text.mid(keyStart, i - keyStart);
        skipSpaces();
        if (key.isEmpty() || i >= n ||
            (text.at(i) != QLatin1Char('=') && text.at(i) != QLatin1Char(':'))) {
            skipLine(); // not an assignment: ignored, as dotenv does
            continue;
        }
        ++i; // '=' (or YAML-style ':')
        skipSpaces();
        QString value;
        const QChar quote = i < n ? text.at(i) : QChar();
        if (quote == QLatin1Char('"') || quote == QLatin1Char('\'') || quote == QLatin1Char('`')) {
            const qsizetype close = text.indexOf(quote, i + 1);
            // An unterminated quote: the rest of the line, unquoted.
            const qsizetype lineEnd = text.indexOf(QLatin1Char('\n'), i);
            if (close < 0) {
                value = text.mid(i, (lineEnd < 0 ? n : lineEnd) - i).trimmed();
                i = lineEnd < 0 ? n : lineEnd;
            } else {
                // A double-quoted value may hold an escaped quote.
                qsizetype end = close;
                if (quote == QLatin1Char('"')) {
                    end = i + 1;
                    while (end < n && text.at(end) != QLatin1Char('"')) {
                        if (text.at(end) == QLatin1Char('\\') && end + 1 < n)
                            ++end;
                        ++end;
                    }
                }
                value = text.mid(i + 1, end - i - 1);
                if (quote == QLatin1Char('"')) {
                    QString unescaped;
                    for (qsizetype k = 0; k < value.size(); ++k) {
                        const QChar c = value.at(k);
                        if (c == QLatin1Char('\\') && k + 1 < value.size()) {
                            const QChar next = value.at(++k);
                            unescaped += next == QLatin1Char('n')   ? QChar(QLatin1Char('\n'))
                                         : next == QLatin1Char('r') ? QChar(QLatin1Char('\r'))
                                         : next == QLatin1Char('t') ? QChar(QLatin1Char('\t'))
                                                                    : next;
                        } else {
                            unescaped += c;
                        }
                    }
                    value = unescaped;
                }
                i = end + 1;
            }
            skipLine(); // whatever follows the closing quote (a comment)
        } else {
            const qsizetype lineEnd = text.indexOf(QLatin1Char('\n'), i);
            value = text.mid(i, (lineEnd < 0 ? n : lineEnd) - i);
            const qsizetype comment = value.indexOf(QStringLiteral(" #"));
            if (comment >= 0)
                value.truncate(comment);
            value = value.trimmed();
            i = lineEnd < 0 ? n : lineEnd + 1;
        }
        values.insert(key, value);
    }
    return values;
}

QString readDotEnvValue(const QString &path, const QString &key, QString *errorMessage)
{
    QFile file(path);
    if (QFileInfo(path).isDir()) {
        *errorMessage = QStringLiteral("%1 is a directory; name the .env file in it").arg(path);
        return QString();
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *errorMessage = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return QString();
    }
    // A .env is small; a huge file is not one.
    const QByteArray bytes = file.read(1024 * 1024 + 1);
    if (bytes.size() > 1024 * 1024) {
        *errorMessage = QStringLiteral("%1 is larger than 1 MiB: not a .env file").arg(path);
        return QString();
    }
    const QMap<QString, QString> values = parseDotEnv(bytes);
    const auto it = values.constFind(key);
    if (it == values.cend() || it.value().isEmpty()) {
        *errorMessage =
            QStringLiteral("%1 has no %2= line (a Prisma app's .env names its database as "
                           "DATABASE_URL=\"postgresql://...\")")
                .arg(path, key);
        return QString();
    }
    if (it.value().contains(QStringLiteral("${"))) {
        *errorMessage = QStringLiteral("%2 in %1 refers to another variable (${...}), which is "
                                       "not expanded; write the URL out in full")
                            .arg(path, key);
        return QString();
    }
    errorMessage->clear();
    return it.value();
}

} // namespace cc
