// connector-cache: the command-line twin of the console, for scripts and cron.

#include "app/cli/cli.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

int main(int argc, char *argv[])
{
    // Checked on the bytes: QCoreApplication::arguments() has already replaced what is not
    // UTF-8 with U+FFFD.
    const QString badArgument = cc::cli::invalidArgumentEncoding(argc, argv);
    if (!badArgument.isEmpty()) {
        QTextStream err(stderr);
        err << "connector-cache: " << badArgument << Qt::endl;
        return cc::cli::ExitUsage;
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("connector-cache"));
    QCoreApplication::setOrganizationName(QStringLiteral("connector-cache"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CC_VERSION_STRING));
    // The commands print what matters; the engine's log lines are for --verbose.
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (!args.contains(QStringLiteral("--verbose")) &&
        qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("cc.*=false"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);
    return cc::cli::run(args, out, err, in);
}
