// Reliability and security, against SQLite and a real PostgreSQL:
//  - a randomized multi-process history of get/set/invalidate/cleanup, checked for stale or
//    foreign offsets, expired or invalidated hits, and exact hit counts;
//  - the server killed and restarted under load (engine, connector, CLI): no crash, no hang
//    past the timeouts, misses while down, recovery, no acknowledged write lost;
//  - secrets (API keys, database passwords) never in a table, a log or a settings file.

#include "core/connector/cachedconnector.h"
#include "core/store/cachestore.h"
#include "tests/support/fakeexchange/fakeexchange.h"
#include "tests/support/testdatabase.h"
#include "ui/profiles.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QScopeGuard>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <memory>
#include <vector>

using namespace cc;
using namespace std::chrono_literals;

namespace {

QMutex g_logMutex;
QString g_log;
QtMessageHandler g_previous = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log += QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') +
                 message + QLatin1Char('\n');
    }
    if (g_previous && type >= QtCriticalMsg)
        g_previous(type, context, message);
}

struct Op
{
    QString op, key, rowId;
    qint64 start = 0, end = 0, value = 0, hitCount = 0;
    int outcome = -1;
    bool ok = true;
};

} // namespace

class TestReliability : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toLocal8Bit());
        QCoreApplication::setOrganizationName(QStringLiteral("connector-cache-test"));
        QCoreApplication::setApplicationName(QStringLiteral("reliability"));
        g_previous = qInstallMessageHandler(capture);
        // Every category at every level: a secret must not appear even in debug output.
        QLoggingCategory::setFilterRules(QStringLiteral("cc.*=true"));
    }

    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        CacheStore s(m_db->config());
        QVERIFY(s.migrate().ok());
    }
    void cleanup() { m_db.reset(); }

    void randomizedHistoryKeepsTheInvariants()
    {
        constexpr int kWorkers = 4;
        const qint64 durationMs = 6000;
        const qint64 ttlUs = 1'000'000;
        QTemporaryDir dir;
        std::vector<std::unique_ptr<QProcess>> workers;
        const QString exe =
            QCoreApplication::applicationDirPath() + QStringLiteral("/cc_invariant_worker");
        for (int i = 0; i < kWorkers; ++i) {
            auto p = std::make_unique<QProcess>();
            p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            p->start(exe,
                     {m_db->url(), QString::number(i + 1), QString::number(durationMs),
                      QString::number(1000 + i), dir.filePath(QStringLiteral("w%1.log").arg(i))});
            QVERIFY2(p->waitForStarted(), qPrintable(exe));
            workers.push_back(std::move(p));
        }
        for (auto &p : workers) {
            QVERIFY(p->waitForFinished(durationMs + 60000));
            QCOMPARE(p->exitCode(), 0);
        }
        // The history.
        QList<Op> ops;
        for (int i = 0; i < kWorkers; ++i) {
            QFile f(dir.filePath(QStringLiteral("w%1.log").arg(i)));
            QVERIFY(f.open(QIODevice::ReadOnly));
            for (const QByteArray &line : f.readAll().split('\n')) {
                if (line.isEmpty())
                    continue;
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                Op op;
                op.op = o.value(QStringLiteral("op")).toString();
                op.key = o.value(QStringLiteral("key")).toString();
                op.start = qint64(o.value(QStringLiteral("start")).toDouble());
                op.end = qint64(o.value(QStringLiteral("end")).toDouble());
                op.value = qint64(o.value(QStringLiteral("value")).toDouble());
                op.hitCount = qint64(o.value(QStringLiteral("hitCount")).toDouble());
                op.rowId = o.value(QStringLiteral("rowId")).toString();
                op.outcome = o.value(QStringLiteral("outcome")).toInt(-1);
                op.ok = o.value(QStringLiteral("ok")).toBool(true);
                ops << op;
            }
        }
        QHash<qint64, Op> setsByValue; // values are unique per set
        for (const Op &op : std::as_const(ops)) {
            if (op.op == QLatin1String("set") && op.ok)
                setsByValue.insert(op.value, op);
        }
        // Successful writes per key, by start time.
        QHash<QString, QList<Op>> writesByKey;
        for (const Op &op : std::as_const(ops)) {
            if (op.ok && (op.op == QLatin1String("set") || op.op == QLatin1String("invalidate")))
                writesByKey[op.key] << op;
        }
        for (auto &list : writesByKey)
            std::sort(list.begin(), list.end(),
                      [](const Op &a, const Op &b) { return a.start < b.start; });
        int hits = 0, checked = 0;
        QHash<QString, QList<qint64>> hitCountsByRow;
        QStringList violations;
        for (const Op &g : std::as_const(ops)) {
            if (g.op != QLatin1String("get") || g.outcome != int(Lookup::Outcome::Hit))
                continue;
            ++hits;
            hitCountsByRow[g.rowId] << g.hitCount;
            const auto s = setsByValue.constFind(g.value);
            if (s == setsByValue.constEnd()) {
                violations << QStringLiteral("get of %1 returned %2, which no set wrote")
                                  .arg(g.key)
                                  .arg(g.value);
                continue;
            }
            if (s->key != g.key) {
                violations << QStringLiteral("get of %1 returned %2, written for %3")
                                  .arg(g.key)
                                  .arg(g.value)
                                  .arg(s->key);
                continue;
            }
            if (s->start > g.end)
                violations << QStringLiteral("get of %1 returned %2 before it was written")
                                  .arg(g.key)
                                  .arg(g.value);
            // Expired before the get began: the set's own clock reading is at most its end.
            if (g.start > s->end + ttlUs + 1000)
                violations << QStringLiteral("get of %1 returned %2 after it expired")
                                  .arg(g.key)
                                  .arg(g.value);
            // Overwritten or invalidated entirely between the set and the get: a stale read.
            const QList<Op> &writes = writesByKey[g.key];
            auto first = std::upper_bound(writes.begin(), writes.end(), s->end,
                                          [](qint64 t, const Op &w) { return t < w.start; });
            for (auto w = first; w != writes.end() && w->start < g.start; ++w) {
                if (w->end >= g.start)
                    continue;
                if ((w->op == QLatin1String("set") && w->value != g.value) ||
                    w->op == QLatin1String("invalidate")) {
                    violations << QStringLiteral(
                                      "get of %1 returned %2 after a %3 that completed before it")
                                      .arg(g.key)
                                      .arg(g.value)
                                      .arg(w->op);
                    break;
                }
            }
            ++checked;
        }
        // Hit counts: within a row, every hit saw a different count (atomic increments), and a
        // row still present counts exactly the hits observed on it.
        CacheStore store(m_db->config());
        for (auto it = hitCountsByRow.cbegin(); it != hitCountsByRow.cend(); ++it) {
            QList<qint64> counts = it.value();
            std::sort(counts.begin(), counts.end());
            if (std::adjacent_find(counts.begin(), counts.end()) != counts.end())
                violations
                    << QStringLiteral("row %1: two hits saw the same hitCount").arg(it.key());
        }
        int rowsCompared = 0;
        for (int k = 0; k < 4; ++k) {
            auto e = store.entry(QStringLiteral("inv"), QStringLiteral("k%1").arg(k));
            if (!e.ok())
                continue;
            const qint64 observed = hitCountsByRow.value(e->id).size();
            if (e->hitCount != observed)
                violations << QStringLiteral("row %1: hitCount %2, hits observed %3")
                                  .arg(e->id)
                                  .arg(e->hitCount)
                                  .arg(observed);
            ++rowsCompared;
        }
        qInfo().noquote() << QStringLiteral("invariants: %1 operations by %2 processes, %3 hits "
                                            "checked, %4 rows' counts compared")
                                 .arg(ops.size())
                                 .arg(kWorkers)
                                 .arg(checked)
                                 .arg(rowsCompared);
        QVERIFY2(violations.isEmpty(), qPrintable(violations.mid(0, 20).join(QLatin1Char('\n'))));
        QVERIFY(ops.size() > 400);
        QVERIFY(hits > 50);
    }

    void serverKilledUnderLoad()
    {
        if (!m_db->isPostgres())
            QSKIP("killing the server applies to PostgreSQL");
        CacheStore::Options options;
        options.timeout = 1000ms;
        // Acknowledged writes before the fault.
        {
            CacheStore s(m_db->config(), options);
            for (int i = 0; i < 50; ++i) {
                TimeSyncState st;
                st.timeOffsetMs = i;
                QCOMPARE(s.set(QStringLiteral("ack"), QStringLiteral("k%1").arg(i),
                               QStringLiteral("BYBIT"), QStringLiteral("TESTNET"), st, 3600s),
                         StoreError());
            }
        }
        std::atomic<bool> stop{false};
        std::atomic<int> failed{0}, succeeded{0}, recovered{0};
        std::atomic<qint64> longestMs{0};
        std::atomic<bool> down{false};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < 3; ++t) {
            threads.emplace_back(QThread::create([&, t]() {
                CacheStore s(m_db->config(), options);
                int i = 0;
                while (!stop) {
                    QElapsedTimer timer;
                    timer.start();
                    bool ok;
                    if (i++ % 4 == 0) {
                        TimeSyncState st;
                        st.timeOffsetMs = 1000 + i;
                        ok = !s.set(QStringLiteral("load%1").arg(t), QStringLiteral("k"),
                                    QStringLiteral("BYBIT"), QStringLiteral("TESTNET"), st)
                                  .isError();
                    } else {
                        ok =
                            s.get(QStringLiteral("ack"), QStringLiteral("k%1").arg(i % 50)).isHit();
                    }
                    longestMs = std::max(longestMs.load(), timer.elapsed());
                    if (ok) {
                        ++succeeded;
                        if (!down && failed > 0)
                            ++recovered;
                    } else {
                        ++failed;
                    }
                    QThread::msleep(5);
                }
            }));
            threads.back()->start();
        }
        QTest::qWait(500);
        down = true;
        QVERIFY(test::TestDatabase::stopServer(true)); // pg_ctl stop -m immediate: a crash
        QTest::qWait(1500);

        // The connector and the CLI while the server is down.
        test::FakeExchangeThread fake;
        {
            CacheStore s(m_db->config(), options);
            QNetworkAccessManager network;
            QString error;
            const auto profile =
                ExchangeProfile::resolve(QStringLiteral("BYBIT"), QStringLiteral("TESTNET"),
                                         fake.baseUrl().toString(), &error);
            CachedConnector c(QStringLiteral("ack"), QStringLiteral("k1"), *profile,
                              Credentials(QStringLiteral("key"), "secret"), &s, &network);
            const InitResult r = c.initializeBlocking();
            QVERIFY2(r.ok, qPrintable(r.error));
            QCOMPARE(r.source, InitResult::Source::LiveSync);
        }
        {
            QProcess cli;
            QElapsedTimer timer;
            timer.start();
            cli.start(qEnvironmentVariable("CC_BINARY_DIR") +
                          QStringLiteral("/bin/connector-cache"),
                      {QStringLiteral("stats"), QStringLiteral("--timeout"), QStringLiteral("1000"),
                       QStringLiteral("--database"), m_db->url()});
            QVERIFY(cli.waitForFinished(30000));
            QCOMPARE(cli.exitCode(), 4);
        }
        QVERIFY(test::TestDatabase::startServer());
        down = false;
        QVERIFY(QTest::qWaitFor([&]() { return recovered.load() > 20; }, 30000));
        stop = true;
        for (auto &t : threads)
            QVERIFY(t->wait(30000));
        QVERIFY(failed.load() > 0);     // misses while down
        QVERIFY(succeeded.load() > 50); // work before and after
        // Bounded: connect timeout plus statement timeout plus a reconnect, never minutes.
        QVERIFY2(longestMs.load() < 10000, qPrintable(QString::number(longestMs.load())));
        // No acknowledged write lost.
        CacheStore s(m_db->config(), options);
        for (int i = 0; i < 50; ++i) {
            auto e = s.entry(QStringLiteral("ack"), QStringLiteral("k%1").arg(i));
            QVERIFY2(e.ok(), qPrintable(e.error().message()));
            QCOMPARE(e->timeOffsetMs, i);
        }
        qInfo().noquote()
            << QStringLiteral("fault: %1 operations failed while down, %2 succeeded, longest %3 ms")
                   .arg(failed.load())
                   .arg(succeeded.load())
                   .arg(longestMs.load());
    }

    void tlsVerifyFullWithTheRightCaOnly()
    {
        if (!m_db->isPostgres())
            QSKIP("TLS applies to PostgreSQL");
        // A test CA, a server certificate for localhost from it, and another CA.
        QTemporaryDir dir;
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                              QFileDevice::ExeOther | QFileDevice::ReadGroup |
                                              QFileDevice::ExeGroup);
        auto openssl = [&](const QStringList &args) {
            QProcess p;
            p.setWorkingDirectory(dir.path());
            p.start(QStringLiteral("openssl"), args);
            return p.waitForFinished(30000) && p.exitCode() == 0;
        };
        const QString subj = QStringLiteral("/CN=connector-cache test CA");
        QVERIFY(
            openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                     QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                     QStringLiteral("2"), QStringLiteral("-subj"), subj, QStringLiteral("-keyout"),
                     QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.pem")}));
        QVERIFY(
            openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                     QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                     QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=another CA"),
                     QStringLiteral("-keyout"), QStringLiteral("other.key"), QStringLiteral("-out"),
                     QStringLiteral("other.pem")}));
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-newkey"),
                         QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                         QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                         QStringLiteral("-keyout"), QStringLiteral("server.key"),
                         QStringLiteral("-out"), QStringLiteral("server.csr")}));
        {
            QFile ext(dir.filePath(QStringLiteral("san.ext")));
            QVERIFY(ext.open(QIODevice::WriteOnly));
            ext.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        }
        QVERIFY(openssl(
            {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
             QStringLiteral("server.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
             QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"),
             QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
             QStringLiteral("san.ext"), QStringLiteral("-out"), QStringLiteral("server.pem")}));
        // The server (running as postgres) must own its key, readable by it alone.
        QProcess::execute(QStringLiteral("chown"),
                          {QStringLiteral("postgres"), dir.filePath(QStringLiteral("server.key")),
                           dir.filePath(QStringLiteral("server.pem"))});
        QFile::setPermissions(dir.filePath(QStringLiteral("server.key")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QFile::setPermissions(dir.filePath(QStringLiteral("server.pem")),
                              QFileDevice::ReadOwner | QFileDevice::ReadGroup |
                                  QFileDevice::ReadOther);
        QCOMPARE(m_db->exec(QStringLiteral("ALTER SYSTEM SET ssl_cert_file = '%1';\n"
                                           "ALTER SYSTEM SET ssl_key_file = '%2';\n"
                                           "ALTER SYSTEM SET ssl = on;\n"
                                           "SELECT pg_reload_conf()")
                                .arg(dir.filePath(QStringLiteral("server.pem")),
                                     dir.filePath(QStringLiteral("server.key")))),
                 QString());
        auto reset = qScopeGuard([&]() {
            m_db->exec(QStringLiteral("ALTER SYSTEM RESET ssl;\nALTER SYSTEM RESET ssl_cert_file;\n"
                                      "ALTER SYSTEM RESET ssl_key_file;\nSELECT pg_reload_conf()"));
        });
        QTest::qWait(500);
        auto connectWith = [&](const QString &ca) {
            DatabaseConfig c = m_db->config();
            c.host = QStringLiteral("localhost");
            c.options.insert(QStringLiteral("sslmode"), QStringLiteral("verify-full"));
            c.options.insert(QStringLiteral("sslrootcert"), dir.filePath(ca));
            CacheStore s(c);
            return s.open();
        };
        const StoreError good = connectWith(QStringLiteral("ca.pem"));
        QVERIFY2(!good.isError(), qPrintable(good.message()));
        const StoreError bad = connectWith(QStringLiteral("other.pem"));
        QCOMPARE(bad.kind(), StoreError::Unreachable);
        QVERIFY2(bad.message().contains(QStringLiteral("certificate")), qPrintable(bad.message()));
        qInfo().noquote() << "TLS with another CA:" << bad.message();
    }

    void secretsNeverLeak()
    {
        const QString apiKey = QStringLiteral("AKEYpq7Zr2LmN0vX");
        const QByteArray apiSecret = "SECRETw9Jd3Kf8Hs1Qz";
        const QString dbPassword = QStringLiteral("DbPw-4fGh8Jk2Lm");
        {
            QMutexLocker lock(&g_logMutex);
            g_log.clear();
        }
        DatabaseConfig config = m_db->config();
        QString role;
        if (m_db->isPostgres()) {
            role = QStringLiteral("cc_secret_%1").arg(QDateTime::currentMSecsSinceEpoch());
            QCOMPARE(m_db->exec(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2';\n"
                                               "GRANT ALL ON ALL TABLES IN SCHEMA public TO %1;\n"
                                               "GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO %1")
                                    .arg(role, dbPassword)),
                     QString());
            config.user = role;
            config.password = dbPassword;
            config.host = qEnvironmentVariable("PGHOST");
        }
        {
            test::FakeExchangeThread fake;
            fake.exchange()->setCredentials(apiKey, apiSecret);
            fake.exchange()->setSkewMs(-7000);
            CacheStore store(config);
            QCOMPARE(store.open(), StoreError());
            QNetworkAccessManager network;
            QString error;
            const auto profile =
                ExchangeProfile::resolve(QStringLiteral("BYBIT"), QStringLiteral("TESTNET"),
                                         fake.baseUrl().toString(), &error);
            // A wrong cached offset, so that the run goes through rejection, resync and retry.
            TimeSyncState wrong;
            wrong.timeOffsetMs = 0;
            QCOMPARE(store.set(QStringLiteral("u"), QStringLiteral("c"), QStringLiteral("BYBIT"),
                               QStringLiteral("TESTNET"), wrong),
                     StoreError());
            CachedConnector c(QStringLiteral("u"), QStringLiteral("c"), *profile,
                              Credentials(apiKey, apiSecret), &store, &network);
            QVERIFY(c.initializeBlocking().ok);
            QVERIFY(c.verifyConnectionBlocking().ok);
            qDebug() << "credentials in a debug line:" << Credentials(apiKey, apiSecret);
            qDebug() << "database in a debug line:" << config.displayString();
            // A failed connection's message, with the password given.
            DatabaseConfig bad = config;
            bad.port = 1;
            CacheStore unreachable(bad);
            qWarning() << unreachable.open().message();
            AuditRecord r;
            r.action = QStringLiteral("test");
            store.recordAudit(r);
            store.flushHistory();
        }
        // The console's settings: a profile typed with its password.
        cc::ui::ConnectionProfile profile;
        profile.name = QStringLiteral("p");
        profile.url = QStringLiteral("postgresql://ops:%1@db.example.com/x").arg(dbPassword);
        cc::ui::ProfileStore::save({profile});

        const QStringList secrets{apiKey, QString::fromLatin1(apiSecret), dbPassword};
        // Every table, every column, as text.
        QString tables;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(
                m_db->isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"),
                QStringLiteral("scan"));
            if (m_db->isPostgres()) {
                db.setDatabaseName(m_db->config().databaseName);
                db.setConnectOptions(m_db->config().postgresConnectOptions(5000));
            } else {
                db.setDatabaseName(m_db->config().sqlitePath);
            }
            QVERIFY(db.open());
            for (const QString &table : db.tables()) {
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table)));
                while (q.next()) {
                    for (int i = 0; i < q.record().count(); ++i)
                        tables += q.value(i).toString() + QLatin1Char(' ');
                }
            }
            QVERIFY(tables.contains(QStringLiteral("BYBIT"))); // the scan sees data
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("scan"));
        QFile settings(QSettings().fileName());
        QVERIFY(settings.open(QIODevice::ReadOnly));
        const QString settingsText = QString::fromUtf8(settings.readAll());
        QVERIFY(settingsText.contains(QStringLiteral("db.example.com")));
        QString log;
        {
            QMutexLocker lock(&g_logMutex);
            log = g_log;
        }
        QVERIFY(log.contains(QStringLiteral("Initialized in"))); // the scan sees the log
        for (const QString &secret : secrets) {
            QVERIFY2(!tables.contains(secret),
                     qPrintable(QStringLiteral("%1 found in a table").arg(secret)));
            QVERIFY2(!settingsText.contains(secret),
                     qPrintable(QStringLiteral("%1 found in the settings").arg(secret)));
            QVERIFY2(!log.contains(secret),
                     qPrintable(QStringLiteral("%1 found in the log").arg(secret)));
        }
        if (!role.isEmpty())
            m_db->exec(QStringLiteral("DROP OWNED BY %1").arg(role));
    }
};

QTEST_GUILESS_MAIN(TestReliability)
#include "tst_reliability.moc"
