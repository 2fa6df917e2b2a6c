#include "app/cli/clisync.h"

#include "core/timesync/timesync.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTextStream>

namespace cc::cli {

CliSyncResult runCliSync(const CliSyncRequest &request)
{
    CliSyncResult out;
    QString error;
    const auto profile =
        ExchangeProfile::resolve(request.exchange, request.environment, request.baseUrl, &error);
    if (!profile) {
        out.usageError = true;
        out.error = error;
        return out;
    }
    SyncOptions options;
    options.samples = request.samples;
    options.requestTimeoutMs = request.timeoutMs;
    options.totalTimeoutMs = request.timeoutMs * (request.samples + 1);
    const SyncResult r = TimeSync::runBlocking(*profile, options);
    out.result = r;
    out.baseUrl = profile->baseUrl.toString();
    if (!r.ok()) {
        out.error = r.errorMessage;
        return out;
    }
    out.ok = true;
    QJsonArray samples;
    for (const SyncSample &s : r.samples) {
        samples << QJsonObject{{QStringLiteral("rttMs"), s.rttMs()},
                               {QStringLiteral("offsetMs"), s.offsetMs()},
                               {QStringLiteral("errorBoundMs"), s.errorBoundMs()},
                               {QStringLiteral("serverTime"), s.serverMs},
                               {QStringLiteral("dropped"), s.dropped}};
    }
    const qint64 serverTime = r.serverTimeMs; // the chosen sample's
    out.result = r;
    out.json = QJsonObject{
        {QStringLiteral("exchange"), exchangeName(profile->exchange)},
        {QStringLiteral("environment"), environmentName(profile->environment)},
        {QStringLiteral("host"), r.host},
        {QStringLiteral("offset"), r.offsetMs},
        {QStringLiteral("rtt"), r.rttMs},
        {QStringLiteral("errorBound"), r.errorBoundMs},
        {QStringLiteral("serverTime"),
         QDateTime::fromMSecsSinceEpoch(serverTime, Qt::UTC).toString(Qt::ISODateWithMs)},
        {QStringLiteral("samplesUsed"), r.samplesUsed},
        {QStringLiteral("chosenSample"), r.chosenSample},
        {QStringLiteral("requests"), r.requests},
        {QStringLiteral("samples"), samples}};
    QTextStream t(&out.text);
    t << "exchange:     " << profile->displayName() << "\n"
      << "offset:       " << r.offsetMs << " ms (server minus local)\n"
      << "error bound:  ± " << QString::number(r.errorBoundMs, 'f', 1) << " ms\n"
      << "server time:  "
      << QDateTime::fromMSecsSinceEpoch(serverTime, Qt::UTC).toString(Qt::ISODateWithMs) << "\n"
      << "round trip:   " << QString::number(r.rttMs, 'f', 1) << " ms (best of " << r.samplesUsed
      << " used, " << r.requests << " requests)\n";
    int i = 1;
    for (const SyncSample &s : r.samples) {
        const bool chosen = i - 1 == r.chosenSample;
        t << (chosen ? "* sample " : "  sample ") << i++ << ": rtt "
          << QString::number(s.rttMs(), 'f', 1) << " ms, offset "
          << QString::number(s.offsetMs(), 'f', 1) << " ms"
          << (s.dropped ? " (dropped: set-up)" : "") << (chosen ? " (used)" : "") << "\n";
    }
    return out;
}

} // namespace cc::cli
