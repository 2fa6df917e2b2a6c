// connector-cache-console: the operator's desk. Parses its arguments before any window
// exists, so --help and --version work without a display, and says what to do when there is
// no display instead of failing inside Qt's platform plugin.

#include "ui/mainwindow.h"
#include "ui/retranslate.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

#include <cstdio>
#include <cstring>

namespace {

const char kHelp[] =
    "Usage: connector-cache-console [options]\n"
    "\n"
    "The desktop console of the connector time-offset cache: hit-rate dashboard, entry browser,\n"
    "invalidation, cleanup, test syncs and the audit log.\n"
    "\n"
    "Options:\n"
    "  --database URL   open this database (postgresql://user@host/db, sqlite:///path.db)\n"
    "  --profile NAME   open a saved connection profile\n"
    "  --demo           fill an empty embedded database with demo data first\n"
    "  -h, --help       this text\n"
    "  -v, --version    the version\n"
    "\n"
    "Without --database or --profile, the last profile is opened, else the embedded SQLite\n"
    "database. Passwords come from the system keychain, libpq (~/.pgpass, PGPASSWORD) or a "
    "prompt.\n";

bool hasDisplay()
{
    if (!qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        return true; // offscreen, vnc, ...: the operator chose
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

} // namespace

int main(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
            std::fputs(kHelp, stdout);
            return 0;
        }
        if (!std::strcmp(argv[i], "--version") || !std::strcmp(argv[i], "-v")) {
            std::printf("connector-cache-console %s (Qt %s)\n", CC_VERSION_STRING, qVersion());
            return 0;
        }
    }
    if (!hasDisplay()) {
        std::fputs("connector-cache-console: no display (neither DISPLAY nor WAYLAND_DISPLAY is "
                   "set), so the console window cannot open.\n"
                   "  - use the command-line twin instead:  connector-cache stats   (see "
                   "connector-cache --help)\n"
                   "  - or run it on a virtual display:     xvfb-run -a connector-cache-console\n",
                   stderr);
        return 1;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("connector-cache-console"));
    QApplication::setOrganizationName(QStringLiteral("connector-cache"));
    QApplication::setApplicationVersion(QStringLiteral(CC_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral("connector-cache-console"));

    QCommandLineParser parser;
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("Database URL."),
                                      QStringLiteral("url"));
    const QCommandLineOption profile(QStringLiteral("profile"), QStringLiteral("Profile name."),
                                     QStringLiteral("name"));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Demo data."));
    parser.addOptions({database, profile, demo});
    if (!parser.parse(QApplication::arguments())) {
        std::fprintf(stderr, "connector-cache-console: %s\n%s", qPrintable(parser.errorText()),
                     kHelp);
        return 2;
    }

    // The language: the one chosen in View → Language, else the system's (switched at run time
    // by the same call, see ui/retranslate.h).
    cc::ui::Language::apply(QSettings().value(QStringLiteral("view/language")).toString());

    cc::ui::MainWindow window;
    cc::ui::ConnectionProfile chosenProfile = cc::ui::ProfileStore::embeddedDefault();
    if (parser.isSet(database)) {
        QString error;
        const cc::DatabaseConfig config =
            cc::DatabaseConfig::fromUrl(parser.value(database), &error);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "connector-cache-console: --database: %s\n", qPrintable(error));
            return 2;
        }
        // --database with --profile: that profile's name, tag and TLS settings on this URL.
        // Alone, an ad-hoc URL: no environment tag (grey "untagged"), never "test".
        chosenProfile =
            cc::ui::ConnectionProfile::adHoc(parser.value(database), config.displayString());
        if (parser.isSet(profile)) {
            if (auto saved = cc::ui::ProfileStore::find(parser.value(profile)))
                chosenProfile = *saved;
            chosenProfile.name = parser.value(profile);
        }
        chosenProfile.url = parser.value(database);
    } else if (parser.isSet(profile)) {
        const auto saved = cc::ui::ProfileStore::find(parser.value(profile));
        if (!saved) {
            std::fprintf(stderr,
                         "connector-cache-console: no profile named '%s' (File → Connection "
                         "profiles lists them)\n",
                         qPrintable(parser.value(profile)));
            return 2;
        }
        chosenProfile = *saved;
    } else if (const auto last = cc::ui::ProfileStore::find(
                   QSettings().value(QStringLiteral("window/lastProfile")).toString())) {
        chosenProfile = *last;
    }
    window.show();
    window.openProfile(chosenProfile, parser.isSet(demo));
    return app.exec();
}
