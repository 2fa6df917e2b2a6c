#pragma once

// dotenv files as Prisma (dotenv) and docker compose write them: the application's .env, where
// its DATABASE_URL lives.

#include <QByteArray>
#include <QMap>
#include <QString>

namespace cc {

// KEY=VALUE lines: blank lines and '#' comments skipped; an `export ` prefix dropped; a value
// in single quotes taken as it is, in double quotes with \n, \r, \t, \" and \\ unescaped, in
// backquotes as it is; an unquoted value trimmed and cut at " #" (a comment). ${VAR} stays
// literal (no expansion). A later line wins over an earlier one, as in dotenv.
QMap<QString, QString> parseDotEnv(const QByteArray &text);

// The value of `key` (DATABASE_URL) in the dotenv file at `path`. On failure returns a null
// string and sets *errorMessage to why, naming the file and never the file's content.
QString readDotEnvValue(const QString &path, const QString &key, QString *errorMessage);

} // namespace cc
