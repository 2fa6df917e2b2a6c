#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace cc {
namespace test {

// One run of the real `connector-cache` executable of this build (CC_BINARY_DIR/bin), with
// CONNECTOR_CACHE_DATABASE removed from its environment so that only the arguments choose the
// database. code is -1 when it did not finish within a minute, -2 when it crashed.
struct CliRun
{
    int code = -1;
    QString out;
    QString err;
};

inline CliRun runCli(const QStringList &given)
{
    // A lookup's own budget is 250 ms by default: on a CI machine loaded by sanitizer builds a
    // lookup statement may take longer, and the hits these suites assert would turn into
    // misses. Their `get` waits its --timeout, as it did before that budget; the budget itself
    // is tested with an explicit --lookup-timeout (tst_deadline).
    QStringList args = given;
    if (args.contains(QStringLiteral("get")) &&
        !args.contains(QStringLiteral("--lookup-timeout"))) {
        const qsizetype at = args.indexOf(QStringLiteral("--timeout"));
        args << QStringLiteral("--lookup-timeout")
             << (at >= 0 && at + 1 < args.size() ? args.at(at + 1) : QStringLiteral("2000"));
    }
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("CONNECTOR_CACHE_DATABASE"));
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("CC_BINARY_DIR") + QStringLiteral("/bin/connector-cache"), args);
    p.closeWriteChannel();
    CliRun r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace test
} // namespace cc
