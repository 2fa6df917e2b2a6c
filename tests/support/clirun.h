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

inline CliRun runCli(const QStringList &args)
{
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
