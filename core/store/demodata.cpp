// Demo data for a fresh embedded database, the console's screenshots and the benchmarks.

#include "core/store/cachestore.h"
#include "core/store/cachestore_p.h"
#include "core/store/cuid.h"
#include "core/store/sqldialect.h"
#include "core/store/tablename.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

#include <array>
#include <cmath>
#include <map>
#include <memory>

namespace cc {

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr double kPi = 3.14159265358979323846;

struct DemoRow
{
    QVariantList values; // in column order, timestamps as ms
};

QString randomId(QRandomGenerator &rng, int length)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString s;
    s.reserve(length);
    for (int i = 0; i < length; ++i)
        s += QLatin1Char(alphabet[rng.bounded(36)]);
    return s;
}

} // namespace

Result<qint64> CacheStore::fillDemo(qint64 entries, quint32 seed)
{
    if (entries < 0 || entries > 10'000'000)
        return StoreError(StoreError::InvalidArgument,
                          QStringLiteral("demo entries must be between 0 and 10000000"));
    StoreError error = flushHistory(); // connects
    if (error && error.kind() != StoreError::NoError && !isOpen())
        return error;
    QSqlDatabase db = d->db;
    const SqlDialect dialect(m_config.backend);
    QRandomGenerator rng(seed);
    const qint64 now = m_clock->nowMs();

    const QString ts = dialect.tsParam();
    const QString rowSql = QStringLiteral("(?, ?, ?, ?, ?, ?, ?, %1, ?, %1, ?, %2, %1, %1)")
                               .arg(ts, dialect.jsonParam());
    const QString head = QStringLiteral(
        "INSERT INTO " CC_CACHE_TABLE " (\"id\", \"cacheKey\", \"userId\", "
        "\"credentialId\", \"exchange\", \"environment\", \"timeOffset\", \"lastSyncTime\", "
        "\"isValid\", \"expiresAt\", \"hitCount\", \"metadata\", \"createdAt\", \"updatedAt\") "
        "VALUES ");
    const QString tail = QStringLiteral(" ON CONFLICT (\"cacheKey\") DO NOTHING");
    constexpr int kBatch = 500; // 14 values a row: well under both databases' parameter limits

    const int users = int(qMax<qint64>(1, entries / 3));
    static const char *exchanges[] = {"BYBIT", "BINGX"};
    static const char *environments[] = {"MAINNET", "TESTNET", "DEMO"};

    auto makeRow = [&](qint64 i) {
        const QString user = QStringLiteral("user%1").arg(rng.bounded(users) + 1);
        const QString credential =
            QStringLiteral("c%1").arg(randomId(rng, 12)) + QString::number(i, 36);
        const QString exchange = QLatin1String(exchanges[rng.bounded(100) < 65 ? 0 : 1]);
        const int envRoll = int(rng.bounded(100));
        const QString environment =
            QLatin1String(environments[envRoll < 60 ? 0 : (envRoll < 85 ? 1 : 2)]);
        // Typical offsets: tens to hundreds of ms, occasionally a badly drifted host.
        qint64 offset = qint64(rng.bounded(400)) - 120;
        if (rng.bounded(100) < 3)
            offset = qint64(rng.bounded(4000)) - 2000;
        const int stateRoll = int(rng.bounded(100));
        bool valid = true;
        qint64 synced;
        qint64 expires;
        if (stateRoll < 70) { // valid: synced in the last 15 minutes
            synced = now - qint64(rng.bounded(14 * 60)) * 1000 - 1000;
            expires = synced + 15 * kMinuteMs;
        } else if (stateRoll < 90) { // expired: synced 15 minutes to 2 days ago
            synced = now - 15 * kMinuteMs - qint64(rng.bounded(2 * 24 * 60)) * kMinuteMs - 1000;
            expires = synced + 15 * kMinuteMs;
        } else { // invalidated
            synced = now - qint64(rng.bounded(60 * 60)) * 1000;
            expires = synced + 15 * kMinuteMs;
            valid = false;
        }
        QVariant metadata(QMetaType(QMetaType::QString));
        if (rng.bounded(100) >= 15) { // some rows as the seed writes them: no metadata
            const int samples = 5;
            const int rtt = 40 + int(rng.bounded(260));
            QJsonObject sync{{QStringLiteral("errorBoundMs"), rtt / 2 + 1},
                             {QStringLiteral("rttMs"), rtt},
                             {QStringLiteral("samples"), samples},
                             {QStringLiteral("source"), QStringLiteral("demo")}};
            metadata = QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("sync"), sync}})
                                             .toJson(QJsonDocument::Compact));
        }
        const qint64 hits = valid ? qint64(rng.bounded(60)) : qint64(rng.bounded(10));
        return QVariantList{makeCuid(),
                            cacheKey(user, credential),
                            user,
                            credential,
                            exchange,
                            environment,
                            offset,
                            synced,
                            valid,
                            expires,
                            hits,
                            metadata,
                            synced - qint64(rng.bounded(3600)) * 1000,
                            synced};
    };

    qint64 written = 0;
    std::map<int, std::unique_ptr<QSqlQuery>> statements;
    auto insert = [&](const QList<QVariantList> &rows) -> StoreError {
        const int n = int(rows.size());
        auto it = statements.find(n);
        if (it == statements.end()) {
            QStringList values;
            for (int i = 0; i < n; ++i)
                values << rowSql;
            auto query = std::make_unique<QSqlQuery>(db);
            if (!query->prepare(head + values.join(QStringLiteral(", ")) + tail))
                return StoreError(
                    StoreError::QueryFailed,
                    QStringLiteral("preparing demo rows: %1").arg(query->lastError().text()));
            it = statements.emplace(n, std::move(query)).first;
        }
        QSqlQuery &q = *it->second;
        int index = 0;
        for (const QVariantList &row : rows) {
            for (const QVariant &v : row)
                q.bindValue(index++, v);
        }
        if (!q.exec())
            return StoreError(StoreError::QueryFailed,
                              QStringLiteral("writing demo rows: %1").arg(q.lastError().text()));
        written += q.numRowsAffected();
        q.finish();
        return StoreError();
    };

    if (!db.transaction())
        return StoreError(StoreError::QueryFailed,
                          QStringLiteral("demo data: %1").arg(db.lastError().text()));
    QList<QVariantList> batch;
    for (qint64 i = 0; i < entries; ++i) {
        batch << makeRow(i);
        if (batch.size() == kBatch) {
            error = insert(batch);
            batch.clear();
            if (error) {
                db.rollback();
                return error;
            }
            // Commit in chunks so a million rows never sit in one huge transaction.
            if (written % 50000 < kBatch) {
                if (!db.commit() || !db.transaction()) {
                    return StoreError(StoreError::QueryFailed,
                                      QStringLiteral("demo data: %1").arg(db.lastError().text()));
                }
            }
        }
    }
    if (!batch.isEmpty()) {
        error = insert(batch);
        if (error) {
            db.rollback();
            return error;
        }
    }

    // A week of per-minute history with a daily rhythm and a hit rate around 85%.
    {
        QSqlQuery q(db);
        if (!q.prepare(QStringLiteral(
                "INSERT INTO \"connector_cache_history\" (\"minute\", \"hits\", \"misses\", "
                "\"sets\", \"invalidations\", \"cleanups\") VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (\"minute\") DO NOTHING"))) {
            db.rollback();
            return StoreError(StoreError::QueryFailed,
                              QStringLiteral("demo history: %1").arg(q.lastError().text()));
        }
        // Connector start-ups alongside (issue 16): hits around 180 ms, misses around 1.7 s
        // (the seed's 250 ms with the cache and 1,700 ms without).
        QSqlQuery starts(db);
        if (!starts.prepare(QStringLiteral(
                "INSERT INTO \"connector_cache_init_history\" (\"minute\", \"outcome\", "
                "\"count\", \"sum_ms\", \"b_le_100\", \"b_le_250\", \"b_le_500\", "
                "\"b_le_1000\", \"b_le_2500\", \"b_le_5000\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?) ON CONFLICT (\"minute\", \"outcome\") DO NOTHING"))) {
            db.rollback();
            return StoreError(StoreError::QueryFailed,
                              QStringLiteral("demo start-ups: %1").arg(starts.lastError().text()));
        }
        const auto addStarts = [&](qint64 minute, const char *outcome, qint64 n, double typicalMs,
                                   const std::array<double, 6> &shares) {
            if (n <= 0)
                return true;
            starts.bindValue(0, minute);
            starts.bindValue(1, QLatin1String(outcome));
            starts.bindValue(2, n);
            starts.bindValue(3, double(n) * typicalMs);
            qint64 left = n;
            for (int i = 0; i < 6; ++i) {
                const qint64 k =
                    i == 5 ? left : qMin(left, qint64(std::llround(double(n) * shares[size_t(i)])));
                starts.bindValue(4 + i, k);
                left -= k;
            }
            return starts.exec();
        };
        const qint64 lastMinute = now / kMinuteMs - 1;
        const qint64 firstMinute = lastMinute - 7 * 24 * 60;
        const double scale = qMax(1.0, std::sqrt(double(qMax<qint64>(entries, 1))) / 4.0);
        for (qint64 m = firstMinute; m <= lastMinute; ++m) {
            const double hourOfDay = double(m % (24 * 60)) / 60.0;
            const double wave = 0.6 + 0.4 * std::sin((hourOfDay - 8.0) / 24.0 * 2.0 * kPi);
            const double lookups = scale * wave * (0.8 + 0.4 * rng.generateDouble());
            double rate = 0.82 + 0.1 * rng.generateDouble();
            if (m % 1440 == 600 || (m % 1440 > 840 && m % 1440 < 850))
                rate = 0.35; // a mass invalidation or a deploy: visible dips
            const qint64 hits = qint64(lookups * rate);
            const qint64 misses = qint64(lookups) - hits;
            q.bindValue(0, m);
            q.bindValue(1, hits);
            q.bindValue(2, misses);
            q.bindValue(3, misses);
            q.bindValue(4, qint64(rng.bounded(100) < 2 ? rng.bounded(5) : 0));
            q.bindValue(5, qint64(m % 60 == 0 ? rng.bounded(20) : 0));
            if (!q.exec()) {
                const QString text = q.lastError().text();
                db.rollback();
                return StoreError(StoreError::QueryFailed,
                                  QStringLiteral("demo history: %1").arg(text));
            }
            if (!addStarts(m, "hit", qMax<qint64>(1, hits), 180.0,
                           {0.3, 0.6, 0.1, 0.0, 0.0, 0.0}) ||
                !addStarts(m, "miss-synced", misses, 1700.0, {0.0, 0.0, 0.0, 0.1, 0.8, 0.1})) {
                const QString text = starts.lastError().text();
                db.rollback();
                return StoreError(StoreError::QueryFailed,
                                  QStringLiteral("demo start-ups: %1").arg(text));
            }
        }
    }
    if (!db.commit()) {
        const QString text = db.lastError().text();
        db.rollback();
        return StoreError(StoreError::QueryFailed, QStringLiteral("demo data: %1").arg(text));
    }
    return written;
}

} // namespace cc
