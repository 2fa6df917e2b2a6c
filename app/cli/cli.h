#pragma once

#include <QStringList>
#include <QTextStream>

namespace cc::cli {

// Exit codes, documented in `connector-cache --help` and the README.
enum ExitCode {
    ExitOk = 0,
    ExitFailure = 1,     // anything not listed below
    ExitUsage = 2,       // bad arguments
    ExitNotFound = 3,    // get/show found no valid entry
    ExitUnreachable = 4, // the database cannot be reached
    ExitSchema = 5,      // schema missing (run migrate) or newer than this program
    ExitExchange = 6,    // the exchange time sync failed
    ExitPermission = 7,  // the database role may not do this
    ExitConflict = 8,    // the cache key belongs to another identity
    ExitCancelled = 9,   // the operator declined a confirmation
    ExitPartial = 10,    // a bulk action left matching entries as they were (locked elsewhere)
};

// The command table, for the tests and the documentation's checks: the command names, the long
// options one takes besides the global ones (an empty command: the global ones), and its help
// (what `connector-cache help COMMAND` prints; empty for an unknown command).
QStringList commandNames();
QStringList commandOptions(const QString &command);
QString commandHelpText(const QString &command);

// Words for the first argument (argv[1] onwards) that is not valid UTF-8, or an empty string.
// Qt would decode it with U+FFFD in place of each bad byte, so that two different ids ("\xff\xfe"
// and "\xc0\xc1") would name the same entry; main() refuses such a command line (exit 2).
QString invalidArgumentEncoding(int argc, const char *const *argv);

// Runs the command line (without the program name) and returns the exit code. Output goes to
// out, errors and progress to err; input (confirmations) comes from in.
int run(const QStringList &arguments, QTextStream &out, QTextStream &err, QTextStream &in);

} // namespace cc::cli
