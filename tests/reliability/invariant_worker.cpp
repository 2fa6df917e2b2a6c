// One process of the randomized invariant test: random get, set, invalidate and cleanup on a
// small key space for a bounded time, logging every operation with its invocation and response
// times (CLOCK_REALTIME, shared by every process on the machine) as JSON lines.
//
// usage: cc_invariant_worker DATABASE_URL WORKER_ID DURATION_MS SEED LOG_FILE

#include "core/store/cachestore.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>

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
    if (!error.isEmpty() || !log.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "cc_invariant_worker: %s\n", qPrintable(error));
        return 2;
    }
    cc::CacheStore::Options options;
    options.timeout = std::chrono::milliseconds(5000);
    options.batchSize = 3;
    cc::CacheStore store(config, options);
    store.open();
    constexpr int kKeys = 4;
    constexpr int kTtlSeconds = 1; // short, so that entries expire during the run
    const qint64 end = nowUs() + durationMs * 1000;
    qint64 seq = 0;
    auto write = [&](const QJsonObject &o) {
        log.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
    };
    while (nowUs() < end) {
        const QString key = QStringLiteral("k%1").arg(rng.bounded(kKeys));
        const int roll = int(rng.bounded(100));
        QJsonObject o{{QStringLiteral("w"), id}, {QStringLiteral("key"), key}};
        const qint64 start = nowUs();
        if (roll < 55) {
            const cc::Lookup l = store.get(QStringLiteral("inv"), key);
            o.insert(QStringLiteral("op"), QStringLiteral("get"));
            o.insert(QStringLiteral("outcome"), int(l.outcome));
            if (l.isHit()) {
                o.insert(QStringLiteral("value"), l.entry.timeOffsetMs);
                o.insert(QStringLiteral("hitCount"), l.entry.hitCount);
                o.insert(QStringLiteral("rowId"), l.entry.id);
            }
        } else if (roll < 85) {
            // Unique values: worker * 1,000,000 + sequence.
            cc::TimeSyncState state;
            state.timeOffsetMs = qint64(id) * 1'000'000 + ++seq;
            const cc::StoreError e =
                store.set(QStringLiteral("inv"), key, QStringLiteral("BYBIT"),
                          QStringLiteral("TESTNET"), state, std::chrono::seconds(kTtlSeconds));
            o.insert(QStringLiteral("op"), QStringLiteral("set"));
            o.insert(QStringLiteral("value"), state.timeOffsetMs);
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
        write(o);
    }
    store.flushHistory();
    return 0;
}
