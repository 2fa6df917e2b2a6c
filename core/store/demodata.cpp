// Demo data for a fresh embedded database, the console's screenshots and the benchmarks.

#include "core/store/cachestore.h"
#include "core/store/cachestore_p.h"
#include "core/store/cuid.h"
#include "core/store/demosynclog.h"
#include "core/store/sqldialect.h"
#include "core/store/tablename.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <algorithm>
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

// Start-up history (connector_cache_init_history), the history's expired and size columns and a
// few alert events, for the week fillDemo writes: the dashboard's start-up figures, expiration
// and size charts and the alert history have something plausible to show. Cache hits start in
// about 200 ms, misses (a sync with the exchange) in about 1.5 s, as the seed measured (250 ms
// with the cache, 1,700 ms without).
StoreError fillDemoMonitoring(QSqlDatabase &db, const SqlDialect &dialect, qint64 entries,
                              qint64 now, QRandomGenerator &rng)
{
    const bool postgres = dialect.isPostgres();
    auto run = [&db, &dialect](const QString &sql, const char *what) {
        QSqlQuery q(db);
        if (q.exec(dialect.sql(sql))) // the tables filled in
            return StoreError();
        return StoreError(
            StoreError::QueryFailed,
            QStringLiteral("demo %1: %2").arg(QLatin1String(what), q.lastError().text()));
    };
    const qint64 lastMinute = now / kMinuteMs - 1;
    const qint64 firstMinute = lastMinute - 7 * 24 * 60;
    const qint64 e = qMax<qint64>(entries, 1);

    // Expired unrenewed per minute, and the table's size growing from 70 % to all of it over
    // the week (bytes on PostgreSQL only, as the sampler records them).
    StoreError error =
        run(QStringLiteral("UPDATE {history} SET "
                           "\"expired\" = ((\"minute\" * 7919) %% 5) * %1 / 4 + "
                           "CASE WHEN \"minute\" %% 1440 BETWEEN 840 AND 850 THEN %1 ELSE 0 END, "
                           "\"entries\" = %2 + (\"minute\" - %3) * %4 / %5, "
                           "\"size_bytes\" = %6 WHERE \"minute\" BETWEEN %3 AND %7")
                .replace(QStringLiteral("%%"), QStringLiteral("%"))
                .arg(qMax<qint64>(1, e / 250))
                .arg(e * 7 / 10)
                .arg(firstMinute)
                .arg(e * 3 / 10)
                .arg(lastMinute - firstMinute)
                .arg(postgres ? QStringLiteral("(%1 + (\"minute\" - %2) * %3 / %4) * 412")
                                    .arg(e * 7 / 10)
                                    .arg(firstMinute)
                                    .arg(e * 3 / 10)
                                    .arg(lastMinute - firstMinute)
                              : QStringLiteral("NULL"))
                .arg(lastMinute),
            "history sizes");
    if (error)
        return error;

    // Start-ups per minute by outcome, in the table's fixed buckets (non-cumulative).
    static const int bounds[] = {25, 50, 100, 250, 500, 1000, 2500, 5000};
    struct Outcome
    {
        const char *name;
        double medianMs;
        double spread; // log-normal sigma
        double perMinute;
    };
    const double scale = qMax(1.0, std::sqrt(double(e)) / 8.0);
    const Outcome outcomes[] = {{"hit", 190.0, 0.25, 6.0 * scale},
                                {"miss-synced", 1450.0, 0.22, 1.0 * scale},
                                {"stale-safe", 420.0, 0.3, 0.05 * scale},
                                {"failed", 3000.0, 0.5, 0.01 * scale}};
    QStringList rows;
    auto flush = [&]() {
        if (rows.isEmpty())
            return StoreError();
        const StoreError e2 =
            run(QStringLiteral("INSERT INTO {init_history} (\"minute\", "
                               "\"outcome\", \"count\", \"sum_ms\", \"b_le_25\", \"b_le_50\", "
                               "\"b_le_100\", \"b_le_250\", \"b_le_500\", \"b_le_1000\", "
                               "\"b_le_2500\", \"b_le_5000\") VALUES ") +
                    rows.join(QLatin1Char(',')) +
                    QStringLiteral(" ON CONFLICT (\"minute\", \"outcome\") DO NOTHING"),
                "start-up history");
        rows.clear();
        return e2;
    };
    // Per minute over the last day (the 24-hour view's 15-minute buckets), one row an hour before
    // (the week's 2-hour buckets): a fifth of the rows, which keeps fillDemo quick for tests.
    const qint64 perMinuteFrom = lastMinute - 24 * 60;
    for (qint64 m = (firstMinute + 59) / 60 * 60, minutes = 60; m <= lastMinute; m += minutes) {
        minutes = m + 60 <= perMinuteFrom ? 60 : 1; // the rows' minutes never overlap
        const double hourOfDay = double(m % (24 * 60)) / 60.0;
        const double wave = 0.6 + 0.4 * std::sin((hourOfDay - 8.0) / 24.0 * 2.0 * kPi);
        const bool deploy = m % 1440 > 840 && m % 1440 < 850; // as in the hit/miss history
        for (const Outcome &o : outcomes) {
            double expected =
                double(minutes) * o.perMinute * wave * (deploy && o.name[0] == 'm' ? 5.0 : 1.0);
            qint64 count = qint64(expected);
            if (rng.generateDouble() < expected - double(count))
                ++count;
            if (count == 0)
                continue;
            qint64 buckets[8] = {};
            double sum = 0.0;
            for (qint64 i = 0; i < count; ++i) {
                // Box-Muller: a normal deviate for the log-normal duration.
                const double u1 = qMax(1e-12, rng.generateDouble());
                const double u2 = rng.generateDouble();
                const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
                const double ms = o.medianMs * std::exp(o.spread * z);
                sum += ms;
                for (int b = 0; b < 8; ++b) {
                    if (ms <= bounds[b]) {
                        ++buckets[b];
                        break;
                    }
                }
            }
            QString row = QStringLiteral("(%1, '%2', %3, %4")
                              .arg(m)
                              .arg(QLatin1String(o.name))
                              .arg(count)
                              .arg(sum, 0, 'f', 1);
            for (qint64 b : buckets)
                row += QStringLiteral(", %1").arg(b);
            rows << row + QLatin1Char(')');
            if (rows.size() >= 500) {
                error = flush();
                if (error)
                    return error;
            }
        }
    }
    error = flush();
    if (error)
        return error;

    // A few changes of state: the daily deploy's dip trips the hit-rate rule on each of the
    // last three days, and misses climbed once, silenced while someone looked into it.
    QStringList events;
    auto event = [&](qint64 minute, const char *rule, const char *from, const char *to,
                     double value, const char *severity, bool silenced) {
        events << QStringLiteral("(%1, '%2', '%3', '%4', %5, '%6', %7)")
                      .arg(minute * kMinuteMs)
                      .arg(QLatin1String(rule), QLatin1String(from), QLatin1String(to))
                      .arg(value, 0, 'f', 4)
                      .arg(QLatin1String(severity))
                      .arg(silenced ? 1 : 0);
    };
    const qint64 today = lastMinute / 1440 * 1440;
    for (int day = 3; day >= 1; --day) {
        const qint64 dip = today - qint64(day) * 1440 + 842;
        event(dip, "hit_rate_low", "ok", "pending", 0.7712, "warning", false);
        event(dip + 5, "hit_rate_low", "pending", "firing", 0.6408, "warning", false);
        event(dip + 19, "hit_rate_low", "firing", "ok", 0.8236, "warning", false);
    }
    const qint64 spike = today - 1440 + 600;
    event(spike, "misses_high", "ok", "pending", 131.0, "warning", false);
    event(spike + 5, "misses_high", "pending", "firing", 164.0, "warning", true);
    event(spike + 31, "misses_high", "firing", "ok", 42.0, "warning", true);
    return run(QStringLiteral("INSERT INTO {alert_event} (\"at_ms\", \"rule\", "
                              "\"from_state\", \"to_state\", \"value\", \"severity\", "
                              "\"silenced\") VALUES ") +
                   events.join(QLatin1Char(',')),
               "alert events");
}

} // namespace

Result<qint64> CacheStore::fillDemo(qint64 entries, quint32 seed)
{
    if (entries < 0 || entries > 10'000'000)
        return StoreError(StoreError::InvalidArgument,
                          QStringLiteral("demo entries must be between 0 and 10000000"));
    if (StoreError refused = refuseIfStandby(QStringLiteral("writing demo data")))
        return refused;
    StoreError error = flushHistory(); // connects
    if (error && error.kind() != StoreError::NoError && !isOpen())
        return error;
    QSqlDatabase db = d->db;
    const SqlDialect &dialect = d->dialect;
    QRandomGenerator rng(seed);
    const qint64 now = m_clock->nowMs();

    const QString ts = dialect.tsParam();
    const QString rowSql = QStringLiteral("(?, ?, ?, ?, ?, ?, ?, %1, ?, %1, ?, %2, %1, %1)")
                               .arg(ts, dialect.jsonParam());
    const QString head = dialect.sql(QStringLiteral(
        "INSERT INTO {cache} (\"id\", \"cacheKey\", \"userId\", "
        "\"credentialId\", \"exchange\", \"environment\", \"timeOffset\", \"lastSyncTime\", "
        "\"isValid\", \"expiresAt\", \"hitCount\", \"metadata\", \"createdAt\", \"updatedAt\") "
        "VALUES "));
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
    QList<DemoCredential> logged; // valid entries whose syncs the demo sync log tells
    for (qint64 i = 0; i < entries; ++i) {
        batch << makeRow(i);
        if (logged.size() < 60 && batch.last().at(8).toBool()) {
            const auto exchange = exchangeFromName(batch.last().at(4).toString());
            const auto environment = environmentFromName(batch.last().at(5).toString());
            if (exchange && environment)
                logged << DemoCredential{batch.last().at(1).toString(), *exchange, *environment};
        }
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

    // A week of per-minute history with a daily rhythm and a hit rate around 85%, 500 minutes to
    // a statement (one statement a minute made the demo take seconds on PostgreSQL). The
    // start-ups of those minutes are fillDemoMonitoring's.
    {
        QStringList rows;
        auto flush = [&]() -> StoreError {
            if (rows.isEmpty())
                return StoreError();
            QSqlQuery q(db);
            const bool ok =
                q.exec(dialect.sql(QStringLiteral("INSERT INTO {history} (\"minute\", \"hits\", "
                                                  "\"misses\", \"sets\", \"invalidations\", "
                                                  "\"cleanups\") VALUES ")) +
                       rows.join(QLatin1Char(',')) +
                       QStringLiteral(" ON CONFLICT (\"minute\") DO NOTHING"));
            rows.clear();
            return ok ? StoreError()
                      : StoreError(StoreError::QueryFailed,
                                   QStringLiteral("demo history: %1").arg(q.lastError().text()));
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
            const qint64 invalidations = qint64(rng.bounded(100) < 2 ? rng.bounded(5) : 0);
            const qint64 cleanups = qint64(m % 60 == 0 ? rng.bounded(20) : 0);
            rows << QStringLiteral("(%1, %2, %3, %3, %4, %5)")
                        .arg(m)
                        .arg(hits)
                        .arg(misses)
                        .arg(invalidations)
                        .arg(cleanups);
            if (rows.size() >= 500 || m == lastMinute) {
                error = flush();
                if (error) {
                    db.rollback();
                    return error;
                }
            }
        }
    }
    error = fillDemoMonitoring(db, dialect, entries, now, rng);
    if (error) {
        db.rollback();
        return error;
    }
    if (!db.commit()) {
        const QString text = db.lastError().text();
        db.rollback();
        return StoreError(StoreError::QueryFailed, QStringLiteral("demo data: %1").arg(text));
    }
    // The sync log of some of those entries (issue 17), in one transaction where the store's
    // own writes do not open one (pooled connections do, per call).
    {
        const QList<SyncLogRecord> log = demoSyncLog(now, logged, seed);
        const bool batched = !m_config.pooled;
        if (batched && !db.transaction())
            return StoreError(StoreError::QueryFailed,
                              QStringLiteral("demo sync log: %1").arg(db.lastError().text()));
        for (const SyncLogRecord &record : log) {
            error = appendSyncLog(record);
            if (error) {
                if (batched)
                    db.rollback();
                return error;
            }
        }
        if (batched && !db.commit()) {
            const QString text = db.lastError().text();
            db.rollback();
            return StoreError(StoreError::QueryFailed,
                              QStringLiteral("demo sync log: %1").arg(text));
        }
    }
    return written;
}

QList<SyncLogRecord> demoSyncLog(qint64 nowMs, const QList<DemoCredential> &credentials,
                                 quint32 seed)
{
    using namespace demoSyncLogFacts;
    struct Group
    {
        Exchange exchange;
        Environment environment;
        const char *baseUrl;
        double offsetMs; // the exchange's clock against a well-set host
        double extraRttMs;
        QStringList keys;
    };
    QList<Group> groups{
        {Exchange::Bybit, Environment::Mainnet, "https://api.bybit.com", 38, 0, {}},
        {Exchange::BingX, Environment::Mainnet, "https://open-api.bingx.com", -112, 40, {}},
        {Exchange::Bybit, Environment::Testnet, "https://api-testnet.bybit.com", 9, 12, {}},
    };
    for (const DemoCredential &c : credentials) {
        for (Group &g : groups) {
            if (g.exchange == c.exchange && g.environment == c.environment && g.keys.size() < 9)
                g.keys << c.cacheKey;
        }
    }
    QRandomGenerator rng(seed ^ 0x5ec10cu);
    const double hostOffsetMs[3] = {0, 21, -64};
    const double rttMs[3] = {30, 45, 150};
    const qint64 dayMs = 24 * 3'600'000;
    // REALTIME - BOOTTIME: the wall time at boot (constant while the wall clock is not stepped).
    const double bootWallMs[3] = {double(nowMs - 40 * dayMs), double(nowMs - 12 * dayMs),
                                  double(nowMs - 3 * dayMs)};
    const qint64 start = nowMs - spanMs;
    const qint64 exchangeStepAt = nowMs - exchangeStepAgoMs;
    const qint64 hostStepAt = nowMs - hostStepAgoMs;
    const qint64 rebootAt = nowMs - rebootAgoMs;
    QList<SyncLogRecord> log;
    for (int gi = 0; gi < groups.size(); ++gi) {
        const Group &g = groups.at(gi);
        if (g.keys.isEmpty())
            continue;
        for (int h = 0; h < 3; ++h) {
            const QString host = QLatin1String(hosts[h]);
            // Each host syncs its own share of the group's credentials, in turn.
            QStringList mine;
            for (int i = h; i < g.keys.size(); i += 3)
                mine << g.keys.at(i);
            if (mine.isEmpty())
                mine << g.keys.at(h % g.keys.size());
            // The offset (exchange minus host) at a moment, as the clocks truly stood.
            auto trueOffset = [&](qint64 at) {
                double offset =
                    g.offsetMs + hostOffsetMs[h] + driftPpm[h] * 1e-6 * double(at - start);
                if (g.exchange == Exchange::BingX && g.environment == Environment::Mainnet &&
                    at >= exchangeStepAt)
                    offset += exchangeStepMs;
                if (h == 2 && at >= hostStepAt)
                    offset -= hostStepMs;
                return offset;
            };
            auto hostInfo = [&](qint64 at) {
                HostInfo info;
                info.hostName = host;
                const bool rebooted = h == 1 && at >= rebootAt;
                info.bootId = QStringLiteral("0d3e%1b7c-%2a41-4c2e-9f3a-5b6c7d8e9f%3")
                                  .arg(h)
                                  .arg(rebooted ? 2 : 1)
                                  .arg(h * 10 + (rebooted ? 2 : 1), 2, 10, QLatin1Char('0'));
                info.realtimeMinusBoottimeMs = rebooted ? double(rebootAt + 35'000) : bootWallMs[h];
                if (h == 2 && at >= hostStepAt)
                    info.realtimeMinusBoottimeMs += hostStepMs;
                return info;
            };
            int n = 0;
            // Phases a few seconds apart: the hosts' syncs around a step fall close together.
            for (qint64 t = start + h * 13'000 + gi * 4'000; t <= nowMs - 60'000;
                 t += intervalMs, ++n) {
                const qint64 at = t + qint64(rng.bounded(20'000));
                const HostInfo info = hostInfo(at);
                SyncResult result;
                result.exchange = g.exchange;
                result.environment = g.environment;
                result.host = QUrl(QLatin1String(g.baseUrl)).host();
                result.finishedAtMs = at;
                if (h == 2 && g.exchange == Exchange::BingX && n % 37 == 11) {
                    result.error = SyncResult::Error::Timeout;
                    result.errorMessage = QStringLiteral("%1 %2: no answer within 5000 ms")
                                              .arg(exchangeName(g.exchange), result.host);
                } else {
                    double rtt = rttMs[h] + g.extraRttMs + double(rng.bounded(30));
                    if (rng.bounded(40) == 0)
                        rtt *= 3; // a congested moment
                    result.rttMs = rtt;
                    result.errorBoundMs = rtt / 2 + 0.5;
                    const double noise = (rng.generateDouble() * 2 - 1) * result.errorBoundMs * 0.3;
                    result.offsetExactMs = trueOffset(at) + noise;
                    result.offsetMs = qRound64(result.offsetExactMs);
                    result.samplesUsed = 5;
                    result.chosenSample = 0;
                    result.serverTimeMs = at - qint64(rtt / 2) + result.offsetMs;
                    result.realtimeMinusBoottimeMs = info.realtimeMinusBoottimeMs;
                }
                const SyncSource source = n % 9 == 4 ? SyncSource::Cli : SyncSource::Connector;
                log << SyncLogRecord::fromSync(result, mine.at(n % mine.size()),
                                               QLatin1String(g.baseUrl), source, info);
            }
            // The host step's victim: a Bybit mainnet request signed with the old offset.
            if (h == 2 && g.exchange == Exchange::Bybit && g.environment == Environment::Mainnet) {
                const qint64 at = hostStepAt + 4 * 60'000;
                const qint64 signedOffset = qRound64(trueOffset(hostStepAt - 1));
                log << SyncLogRecord::fromRejection(at, mine.first(), g.exchange, g.environment,
                                                    QLatin1String(g.baseUrl), SyncSource::Connector,
                                                    10002, at + qRound64(trueOffset(at)),
                                                    signedOffset, hostInfo(at));
            }
        }
    }
    std::stable_sort(log.begin(), log.end(), [](const SyncLogRecord &a, const SyncLogRecord &b) {
        return a.atMs < b.atMs;
    });
    return log;
}

} // namespace cc
