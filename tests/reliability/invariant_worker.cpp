// One process of the randomized invariant test: random get, set, invalidate and cleanup on a
// small key space for a bounded time, logging every call with its invocation and response times
// (CLOCK_REALTIME, shared by every process on the machine, in microseconds) as JSON lines.
// Keys k0 and k1 live 1 s (they expire and are cleaned up during the run), k2 and k3 live 30 s
// (a lost acknowledged write shows as a miss). Set values are unique: worker × 1,000,000 + n.
//
// usage: cc_invariant_worker DATABASE_URL WORKER_ID DURATION_MS SEED LOG_FILE

#include "core/store/cachestore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QThread>

#include <chrono>
#include <cstdio>

namespace {

qint64 nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("cc.*=false"));
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 6) {
        std::fprintf(stderr, "usage: cc_invariant_worker URL ID DURATION_MS SEED LOG\n");
        return 2;
    }
    QString error;
    const cc::DatabaseConfig config = cc::DatabaseConfig::fromUrl(args.at(1), &error);
    const int id = args.at(2).toInt();
    const qint64 durationMs = args.at(3).toLongLong();
    QRandomGenerator rng(args.at(4).toUInt());
    QFile log(args.at(5));
    if (!error.isEmpty() || id < 1 || id > 2000 ||
        !log.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "cc_invariant_worker: %s\n", qPrintable(error));
        return 2;
    }
    cc::CacheStore::Options options;
    options.timeout = std::chrono::milliseconds(5000);
    options.batchSize = 3;
    options.notifyChanges = false;
    // The strict mode, whose counts the checker can verify hit by hit (see RELIABILITY.md).
    options.hitCounting = cc::HitCounting::PerLookup;
    cc::CacheStore store(config, options);
    store.open();
    constexpr int kKeys = 4;
    const qint64 end = nowUs() + durationMs * 1000;
    // The parent may end the run early by creating "stop" beside the log (after a fault, once
    // the workers have run long enough with the server back).
    const QString stopFile = QFileInfo(log.fileName()).dir().filePath(QStringLiteral("stop"));
    qint64 seq = 0;
    QByteArray out;
    for (int round = 0; nowUs() < end; ++round) {
        if (round % 64 == 0 && QFile::exists(stopFile))
            break;
        const int k = int(rng.bounded(kKeys));
        const QString key = QStringLiteral("k%1").arg(k);
        const int roll = int(rng.bounded(100));
        QJsonObject o{{QStringLiteral("w"), id}, {QStringLiteral("key"), key}};
        const qint64 start = nowUs();
        if (roll < 55) {
            const cc::Lookup l = store.get(QStringLiteral("inv"), key);
            o.insert(QStringLiteral("op"), QStringLiteral("get"));
            o.insert(QStringLiteral("outcome"), int(l.outcome));
            if (l.hasEntry()) {
                o.insert(QStringLiteral("value"), l.entry.timeOffsetMs);
                o.insert(QStringLiteral("hitCount"), l.entry.hitCount);
                o.insert(QStringLiteral("rowId"), l.entry.id);
            }
        } else if (roll < 85) {
            cc::TimeSyncState state;
            state.timeOffsetMs = qint64(id) * 1'000'000 + ++seq;
            const int ttlSeconds = k < 2 ? 1 : 30;
            const cc::StoreError e =
                store.set(QStringLiteral("inv"), key, QStringLiteral("BYBIT"),
                          QStringLiteral("TESTNET"), state, std::chrono::seconds(ttlSeconds));
            o.insert(QStringLiteral("op"), QStringLiteral("set"));
            o.insert(QStringLiteral("value"), state.timeOffsetMs);
            o.insert(QStringLiteral("ttlUs"), qint64(ttlSeconds) * 1'000'000);
            o.insert(QStringLiteral("ok"), !e.isError());
        } else if (roll < 95) {
            const auto n = store.invalidate(QStringLiteral("inv"), key);
            o.insert(QStringLiteral("op"), QStringLiteral("invalidate"));
            o.insert(QStringLiteral("ok"), n.ok());
        } else {
            const auto n = store.cleanupExpired();
            o.insert(QStringLiteral("op"), QStringLiteral("cleanup"));
            o.insert(QStringLiteral("ok"), n.ok());
            o.insert(QStringLiteral("deleted"), n.valueOr(0));
        }
        o.insert(QStringLiteral("start"), start);
        o.insert(QStringLiteral("end"), nowUs());
        out += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
        if (out.size() > 64 * 1024) {
            log.write(out);
            out.clear();
        }
    }
    log.write(out);
    log.close();
    // The history counters, so that the checker can compare them with the hits observed. After
    // a fault the first flush may fail: try for a while.
    for (int i = 0; i < 50 && store.flushHistory().isError(); ++i)
        QThread::msleep(100);
    return 0;
}
