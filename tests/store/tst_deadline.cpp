// The client-side bound on every call (issue 15, item 1): whatever the server or a proxy does,
// get, lookupOffset, set and the CLI give up within Options::timeout plus a small margin, and
// the next call after the server came back works. Real faults only: a backend stopped with
// SIGSTOP, a TCP proxy that stops relaying, a DNS server that never answers.

#include "core/store/cachestore.h"
#include "core/store/deadline.h"
#include "tests/support/clirun.h"
#include "tests/support/lockholder.h"
#include "tests/support/stallproxy.h"
#include "tests/support/storeinternals.h"
#include "tests/support/testdatabase.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUdpSocket>

#include <arpa/inet.h>
#include <atomic>
#include <csignal>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace cc;
using namespace std::chrono_literals;

namespace {

constexpr qint64 kTimeoutMs = 1000;
constexpr qint64 kMarginMs = 1500; // "the timeout plus a small margin": behaviour, not speed
// A budget below libpq's shortest connect_timeout (2 s), and a bound well under that: what
// connecting to a silent server cost before the call's own deadline bounded it.
constexpr qint64 kShortMs = 400;
constexpr qint64 kWellUnderTwoSecondsMs = 1500;
constexpr qint64 kWriteBudgetMs = 2500; // longer than any lookup may take here

TimeSyncState offset(qint64 ms)
{
    TimeSyncState s;
    s.timeOffsetMs = ms;
    return s;
}

// SIGCONT for a stopped backend on every path out of a test.
struct Continue
{
    qint64 pid = 0;
    ~Continue()
    {
        if (pid > 0)
            ::kill(pid_t(pid), SIGCONT);
    }
};

} // namespace

// A TCP server on 127.0.0.1 that answers a PostgreSQL client's SSL request with "N" (no SSL),
// reads its startup packet, and never answers it: a login held after the first answer.
class HalfServer
{
public:
    HalfServer()
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof(address);
        if (m_listen < 0 || ::bind(m_listen, reinterpret_cast<sockaddr *>(&address), size) != 0 ||
            ::listen(m_listen, 8) != 0 ||
            ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&address), &size) != 0)
            return;
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this]() { run(); });
    }
    ~HalfServer()
    {
        m_stop = true;
        if (m_listen >= 0)
            ::shutdown(m_listen, SHUT_RDWR);
        if (m_thread.joinable())
            m_thread.join();
        for (int fd : m_clients)
            ::close(fd);
        if (m_listen >= 0)
            ::close(m_listen);
    }
    HalfServer(const HalfServer &) = delete;
    HalfServer &operator=(const HalfServer &) = delete;
    bool isListening() const { return m_port > 0; }
    int port() const { return m_port; }
    bool sawStartup() const { return m_sawStartup; }

private:
    void run()
    {
        while (!m_stop) {
            const int client = ::accept(m_listen, nullptr, nullptr);
            if (client < 0)
                return;
            m_clients.push_back(client);
            char request[8];
            if (::recv(client, request, sizeof request, MSG_WAITALL) != sizeof request)
                continue;
            // 80877103: the SSL request; 80877104: the GSS encryption request. Both: "no".
            if (request[4] == 0x04 && request[5] == char(0xd2) && request[6] == 0x16 &&
                (request[7] == 0x2f || request[7] == 0x30)) {
                if (::send(client, "N", 1, MSG_NOSIGNAL) != 1)
                    continue;
                char length[4];
                if (::recv(client, length, sizeof length, MSG_WAITALL) == sizeof length)
                    m_sawStartup = true;
            } else {
                m_sawStartup = true;
            }
            // ... and nothing more.
        }
    }

    int m_listen = -1;
    int m_port = 0;
    std::vector<int> m_clients;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_sawStartup{false};
    std::thread m_thread;
};

class TestDeadline : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;

    CacheStore::Options options() const
    {
        CacheStore::Options o;
        o.timeout = std::chrono::milliseconds(kTimeoutMs);
        o.lookupTimeout = o.timeout; // these tests bound whole calls; the lookup's own below
        o.notifyChanges = false;
        return o;
    }

    // A store of 127.0.0.1:port (a stalling stand-in for the server) whose calls, lookups
    // included, have the short budget.
    std::unique_ptr<CacheStore> shortBudgetStore(int port, const QString &sslmode = QString()) const
    {
        DatabaseConfig config = m_db->config();
        config.host = QStringLiteral("127.0.0.1");
        config.port = port;
        if (!sslmode.isEmpty())
            config.options.insert(QStringLiteral("sslmode"), sslmode);
        CacheStore::Options o = options();
        o.timeout = std::chrono::milliseconds(kShortMs);
        o.lookupTimeout = o.timeout;
        return std::make_unique<CacheStore>(config, o);
    }

    // A connector's start (lookupOffset) on such a store: a failed lookup (a miss for the
    // connector) that says so in words, well under libpq's connect_timeout. *tookMs: its time.
    static void expectStartFailsInBudget(CacheStore &store, qint64 *tookMs)
    {
        QElapsedTimer t;
        t.start();
        const OffsetLookup start = store.lookupOffset(QStringLiteral("u"), QStringLiteral("c"));
        *tookMs = t.elapsed();
        QCOMPARE(start.outcome, Lookup::Outcome::Failed);
        QVERIFY2(start.errorMessage.contains(QStringLiteral("did not answer within")),
                 qPrintable(start.errorMessage));
        QVERIFY2(*tookMs < kWellUnderTwoSecondsMs, qPrintable(QString::number(*tookMs)));
    }

    // The server's pid of the one connection whose application_name is name.
    qint64 backendOf(const QString &name) const
    {
        return m_db
            ->scalar(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE application_name = "
                                    "'%1'")
                         .arg(name))
            .toLongLong();
    }

private Q_SLOTS:
    void init()
    {
        if (!test::TestDatabase::postgresRequested())
            QSKIP("PostgreSQL only: a stalled server needs one (run through with-postgres.sh)");
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        CacheStore store(m_db->config(), options());
        QVERIFY(store.migrate().ok());
    }
    void cleanup() { m_db.reset(); }

    // A backend that stops answering mid-session (SIGSTOP): get, lookupOffset and set give up
    // within the bound, and work again once it runs again.
    void stoppedBackend()
    {
        DatabaseConfig config = m_db->config();
        config.options.insert(QStringLiteral("application_name"), QStringLiteral("cc-stopped"));
        CacheStore store(config, options());
        QCOMPARE(store.open(), StoreError());
        QCOMPARE(store.set(QStringLiteral("u1"), QStringLiteral("c1"), QStringLiteral("BYBIT"),
                           QStringLiteral("MAINNET"), offset(-42)),
                 StoreError());
        QVERIFY(store.get(QStringLiteral("u1"), QStringLiteral("c1")).isHit());
        QVERIFY(store.lookupOffset(QStringLiteral("u1"), QStringLiteral("c1")).isHit());

        Continue resume;
        resume.pid = backendOf(QStringLiteral("cc-stopped"));
        QVERIFY(resume.pid > 0);
        QCOMPARE(::kill(pid_t(resume.pid), SIGSTOP), 0);

        QElapsedTimer t;
        t.start();
        const Lookup stalled = store.get(QStringLiteral("u1"), QStringLiteral("c1"));
        const qint64 tookGet = t.elapsed();
        QCOMPARE(stalled.outcome, Lookup::Outcome::Failed); // a miss for the caller
        QVERIFY2(stalled.errorMessage.contains(QStringLiteral("did not answer within 1000 ms")),
                 qPrintable(stalled.errorMessage));
        QVERIFY2(tookGet <= kTimeoutMs + kMarginMs, qPrintable(QString::number(tookGet)));
        QVERIFY(tookGet >= kTimeoutMs - 50); // it did wait for the server first

        QTest::qWait(600); // past the moment of fail-fast after a stall
        // The connection was given up; the next call opens a new one on a fresh backend, which
        // answers: the store works again without waiting for the stopped one.
        QVERIFY(store.get(QStringLiteral("u1"), QStringLiteral("c1")).isHit());

        // That lookup ran on the store's own libpq connection (no QtSql for a lookup); a write
        // needs QtSql's: the session moves there, one connection at a time.
        QCOMPARE(store.set(QStringLiteral("u1"), QStringLiteral("c1"), QStringLiteral("BYBIT"),
                           QStringLiteral("MAINNET"), offset(-42)),
                 StoreError());
        QTRY_COMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE "
                                                 "application_name = 'cc-stopped' AND pid <> %1")
                                      .arg(resume.pid))
                         .toInt(),
                     1);

        // Stop the new backend too, and write: through QtSql's driver (QSqlQuery, blocking),
        // bounded by the watchdog.
        Continue resume2;
        const qint64 current =
            m_db->scalar(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE application_name "
                                        "= 'cc-stopped' AND pid <> %1")
                             .arg(resume.pid))
                .toLongLong();
        QVERIFY(current > 0);
        resume2.pid = current;
        QCOMPARE(::kill(pid_t(current), SIGSTOP), 0);
        t.restart();
        const StoreError write =
            store.set(QStringLiteral("u1"), QStringLiteral("c1"), QStringLiteral("BYBIT"),
                      QStringLiteral("MAINNET"), offset(-7));
        const qint64 tookSet = t.elapsed();
        QCOMPARE(write.kind(), StoreError::Unreachable);
        QVERIFY2(write.message().contains(QStringLiteral("did not answer")),
                 qPrintable(write.message()));
        QVERIFY(write.isStall());
        QVERIFY2(tookSet <= kTimeoutMs + kMarginMs, qPrintable(QString::number(tookSet)));

        // Both run again: the next call after the fail-fast moment works.
        ::kill(pid_t(resume.pid), SIGCONT);
        ::kill(pid_t(current), SIGCONT);
        QTest::qWait(600);
        t.restart();
        const OffsetLookup again = store.lookupOffset(QStringLiteral("u1"), QStringLiteral("c1"));
        QVERIFY2(again.isHit(), qPrintable(again.errorMessage));
        QCOMPARE(again.record.timeOffsetMs, qint64(-42)); // the stalled write did not happen
        QVERIFY(t.elapsed() < kTimeoutMs);
        qInfo("gave up after %lld ms (get) and %lld ms (set) at a %lld ms timeout", tookGet,
              tookSet, kTimeoutMs);
    }

    // A proxy in between that stops relaying mid-session: the same bound, and the same
    // recovery once it relays again.
    void stallingProxy()
    {
        test::StallProxy proxy;
        QVERIFY(proxy.isListening());
        DatabaseConfig config = m_db->config();
        config.host = QStringLiteral("127.0.0.1");
        config.port = proxy.port();
        CacheStore store(config, options());
        QCOMPARE(store.open(), StoreError());
        QCOMPARE(store.set(QStringLiteral("u2"), QStringLiteral("c2"), QStringLiteral("BYBIT"),
                           QStringLiteral("MAINNET"), offset(5)),
                 StoreError());
        QVERIFY(store.lookupOffset(QStringLiteral("u2"), QStringLiteral("c2")).isHit());

        proxy.stall();
        QElapsedTimer t;
        t.start();
        const OffsetLookup held = store.lookupOffset(QStringLiteral("u2"), QStringLiteral("c2"));
        const qint64 took = t.elapsed();
        QCOMPARE(held.outcome, Lookup::Outcome::Failed);
        QVERIFY2(held.errorMessage.contains(QStringLiteral("did not answer")),
                 qPrintable(held.errorMessage));
        QVERIFY2(took <= kTimeoutMs + kMarginMs, qPrintable(QString::number(took)));

        // While it holds everything, connecting again is bounded too: by the call's own
        // deadline (a non-blocking libpq connect first), not libpq's connect_timeout (whole
        // seconds, 2 at the least).
        QTest::qWait(600);
        t.restart();
        QVERIFY(!store.get(QStringLiteral("u2"), QStringLiteral("c2")).isHit());
        const qint64 tookConnect = t.elapsed();
        QVERIFY2(tookConnect <= kTimeoutMs + kMarginMs, qPrintable(QString::number(tookConnect)));

        proxy.resume();
        QTest::qWait(600);
        const OffsetLookup again = store.lookupOffset(QStringLiteral("u2"), QStringLiteral("c2"));
        QVERIFY2(again.isHit(), qPrintable(again.errorMessage));
        qInfo("gave up after %lld ms (statement) and %lld ms (connecting) at a %lld ms timeout",
              took, tookConnect, kTimeoutMs);
    }

    // A stall is told from other failures by StoreError::isStall(), not by its words (the
    // console's "server not answering" against "connection lost"): set for a statement and for
    // a connect the server held past the budget, also when the fail-fast moment repeats it;
    // not set for a refused argument or a refused connection.
    void aStallIsFlagged()
    {
        test::StallProxy proxy;
        QVERIFY(proxy.isListening());
        DatabaseConfig config = m_db->config();
        config.host = QStringLiteral("127.0.0.1");
        config.port = proxy.port();
        CacheStore store(config, options());
        QCOMPARE(store.open(), StoreError());
        const StoreError refused =
            store.set(QString(), QStringLiteral("c"), QStringLiteral("BYBIT"),
                      QStringLiteral("MAINNET"), offset(1));
        QVERIFY(refused.isError());
        QVERIFY(!refused.isStall());

        proxy.stall();
        const StoreError held =
            store.set(QStringLiteral("u"), QStringLiteral("c"), QStringLiteral("BYBIT"),
                      QStringLiteral("MAINNET"), offset(2));
        QCOMPARE(held.kind(), StoreError::Unreachable);
        QVERIFY2(held.isStall(), qPrintable(held.message()));
        // At once again: the fail-fast answer is the same stall.
        const StoreError heldAgain = store.open();
        QVERIFY2(heldAgain.isStall(), qPrintable(heldAgain.message()));
        // Connecting to the silent server.
        QTest::qWait(600);
        CacheStore fresh(config, options());
        const StoreError silent = fresh.open();
        QCOMPARE(silent.kind(), StoreError::Unreachable);
        QVERIFY2(silent.isStall(), qPrintable(silent.message()));

        // Nothing listens at all: unreachable, refused at once, no stall.
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            closedPort = probe.serverPort();
        }
        DatabaseConfig nowhere = config;
        nowhere.port = closedPort;
        CacheStore absent(nowhere, options());
        const StoreError lost = absent.open();
        QCOMPARE(lost.kind(), StoreError::Unreachable);
        QVERIFY2(!lost.isStall(), qPrintable(lost.message()));
    }

    // connect_timeout=0 in the URL ("wait forever" to libpq) does not lift the bound: the CLI
    // against a proxy that accepts and never relays gives up in time.
    void connectTimeoutZero()
    {
        test::StallProxy proxy;
        QVERIFY(proxy.isListening());
        proxy.stall();
        const QString url = QStringLiteral("postgresql://%1@127.0.0.1:%2/%3?connect_timeout=0")
                                .arg(qEnvironmentVariable("PGUSER", QStringLiteral("postgres")))
                                .arg(proxy.port())
                                .arg(m_db->config().databaseName);
        QElapsedTimer t;
        t.start();
        const test::CliRun r =
            test::runCli({QStringLiteral("get"), QStringLiteral("u"), QStringLiteral("c"),
                          QStringLiteral("--database"), url, QStringLiteral("--timeout"),
                          QString::number(kTimeoutMs)});
        const qint64 took = t.elapsed();
        QVERIFY2(r.code > 0, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(r.err)));
        QVERIFY2(took <= kTimeoutMs + kMarginMs, qPrintable(QString::number(took)));
        qInfo("gave up connecting after %lld ms at a %lld ms timeout", took, kTimeoutMs);
    }

    // A server that accepts the connection and never answers the startup (the proxy holding
    // everything from the first byte on, as a stopped postmaster or a stuck pooler does): a
    // connector's start (lookupOffset), get and the CLI report it within their budget, well
    // under libpq's connect_timeout (2 s at the least; what a connect cost before).
    void silentServerConnect()
    {
        test::StallProxy proxy;
        QVERIFY(proxy.isListening());
        proxy.stall();
        const std::unique_ptr<CacheStore> store = shortBudgetStore(proxy.port());
        qint64 tookStart = 0;
        expectStartFailsInBudget(*store, &tookStart);
        if (QTest::currentTestFailed())
            return;

        QTest::qWait(600); // past the moment of fail-fast: this one connects again
        QElapsedTimer t;
        t.start();
        const Lookup miss = store->get(QStringLiteral("u"), QStringLiteral("c"));
        const qint64 tookGet = t.elapsed();
        QCOMPARE(miss.outcome, Lookup::Outcome::Failed);
        QVERIFY2(miss.errorMessage.contains(QStringLiteral("did not answer within")),
                 qPrintable(miss.errorMessage));
        QVERIFY2(tookGet < kWellUnderTwoSecondsMs, qPrintable(QString::number(tookGet)));
        QVERIFY(tookGet >= kShortMs - 50); // it did give the server its budget

        const QString url = QStringLiteral("postgresql://%1@127.0.0.1:%2/%3")
                                .arg(qEnvironmentVariable("PGUSER", QStringLiteral("postgres")))
                                .arg(proxy.port())
                                .arg(m_db->config().databaseName);
        t.restart();
        const test::CliRun r =
            test::runCli({QStringLiteral("get"), QStringLiteral("u"), QStringLiteral("c"),
                          QStringLiteral("--database"), url, QStringLiteral("--timeout"),
                          QString::number(kShortMs)});
        const qint64 tookCli = t.elapsed();
        QVERIFY2(r.code > 0, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(r.err)));
        QVERIFY2(r.err.contains(QStringLiteral("did not answer within")), qPrintable(r.err));
        QVERIFY2(tookCli < kWellUnderTwoSecondsMs, qPrintable(QString::number(tookCli)));
        qInfo("a silent server at a %lld ms budget: lookupOffset %lld ms, get %lld ms, CLI get "
              "%lld ms (process included)",
              kShortMs, tookStart, tookGet, tookCli);
    }

    // A server that answers the first packet (the SSL request: "no") and then holds the login
    // (a postmaster whose new backend hangs, a proxy that stalls mid-handshake): the lookup's
    // own libpq login keeps to the budget. QtSql's blocking open() waits libpq's
    // connect_timeout there (2 s at the least), and a probe is no help: the server answered it.
    void serverStallingMidLogin()
    {
        HalfServer server;
        QVERIFY(server.isListening());
        const std::unique_ptr<CacheStore> store =
            shortBudgetStore(server.port(), QStringLiteral("prefer"));
        qint64 took = 0;
        expectStartFailsInBudget(*store, &took);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(took >= kShortMs - 50); // it did give the server its budget
        QVERIFY(server.sawStartup());   // the login itself was held, not the first packet
        qInfo("a login held after the first answer, at a %lld ms budget: lookupOffset %lld ms",
              kShortMs, took);
    }

    // A multi-host list whose first server accepts and never answers: the call goes to the
    // next one within its budget (libpq alone waits its connect_timeout, 2 s at the least, on
    // the first).
    void multiHostSkipsSilentServer()
    {
        {
            CacheStore writer(m_db->config(), options());
            QCOMPARE(writer.set(QStringLiteral("u3"), QStringLiteral("c3"), QStringLiteral("BYBIT"),
                                QStringLiteral("MAINNET"), offset(11)),
                     StoreError());
        }
        test::StallProxy proxy;
        QVERIFY(proxy.isListening());
        proxy.stall();
        DatabaseConfig config = m_db->config();
        config.hosts = {{QStringLiteral("127.0.0.1"), proxy.port(), {}},
                        {qEnvironmentVariable("PGHOST", QStringLiteral("localhost")),
                         qEnvironmentVariableIntValue("PGPORT"),
                         {}}};
        config.host = config.hosts.first().host;
        config.port = config.hosts.first().port;
        CacheStore::Options o = options();
        o.timeout = std::chrono::milliseconds(kShortMs);
        CacheStore store(config, o);
        QElapsedTimer t;
        t.start();
        const OffsetLookup hit = store.lookupOffset(QStringLiteral("u3"), QStringLiteral("c3"));
        const qint64 took = t.elapsed();
        QVERIFY2(hit.isHit(), qPrintable(hit.errorMessage));
        QCOMPARE(hit.record.timeOffsetMs, qint64(11));
        QVERIFY2(took < kWellUnderTwoSecondsMs, qPrintable(QString::number(took)));
        qInfo("multi-host, the first server silent: a hit after %lld ms at a %lld ms budget", took,
              kShortMs);
    }

    // A lookup has a budget of its own (Options::lookupTimeout), writes keep Options::timeout:
    // behind a table locked ACCESS EXCLUSIVE (a migration, VACUUM FULL) lookupOffset and get are
    // misses after the lookup budget, while set waits its own longer one.
    void lookupBudgetUnderALock()
    {
        CacheStore::Options o = options();
        o.timeout = std::chrono::milliseconds(kWriteBudgetMs);
        o.lookupTimeout = std::chrono::milliseconds(kShortMs);
        CacheStore store(m_db->config(), o);
        QCOMPARE(store.set(QStringLiteral("u4"), QStringLiteral("c4"), QStringLiteral("BYBIT"),
                           QStringLiteral("MAINNET"), offset(4)),
                 StoreError());
        QVERIFY(store.lookupOffset(QStringLiteral("u4"), QStringLiteral("c4")).isHit());

        CacheStore locker(m_db->config(), options());
        QCOMPARE(locker.open(), StoreError());
        QSqlDatabase l = test::StoreInternals::database(locker);
        QVERIFY(l.transaction());
        QSqlQuery lock(l);
        QVERIFY2(lock.exec(QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE")
                               .arg(CacheStore::tableName())),
                 qPrintable(lock.lastError().text()));

        QElapsedTimer t;
        t.start();
        const OffsetLookup start = store.lookupOffset(QStringLiteral("u4"), QStringLiteral("c4"));
        const qint64 tookStart = t.elapsed();
        QCOMPARE(start.outcome, Lookup::Outcome::Failed);
        QVERIFY2(tookStart < kWellUnderTwoSecondsMs, qPrintable(QString::number(tookStart)));
        QTest::qWait(600); // past the moment of fail-fast
        t.restart();
        const Lookup miss = store.get(QStringLiteral("u4"), QStringLiteral("c4"));
        const qint64 tookGet = t.elapsed();
        QCOMPARE(miss.outcome, Lookup::Outcome::Failed);
        QVERIFY2(miss.errorMessage.contains(QStringLiteral("%1 ms").arg(kShortMs)),
                 qPrintable(miss.errorMessage));
        QVERIFY2(tookGet < kWellUnderTwoSecondsMs, qPrintable(QString::number(tookGet)));
        QTest::qWait(600);

        t.restart();
        const StoreError write =
            store.set(QStringLiteral("u4"), QStringLiteral("c4"), QStringLiteral("BYBIT"),
                      QStringLiteral("MAINNET"), offset(5));
        const qint64 tookSet = t.elapsed();
        QVERIFY(write.isError());
        QVERIFY2(tookSet >= kWriteBudgetMs - 100, qPrintable(QString::number(tookSet)));
        QVERIFY2(write.message().contains(QStringLiteral("%1 ms").arg(kWriteBudgetMs)),
                 qPrintable(write.message()));

        QVERIFY(l.rollback());
        QTest::qWait(600);
        const OffsetLookup again = store.lookupOffset(QStringLiteral("u4"), QStringLiteral("c4"));
        QVERIFY2(again.isHit(), qPrintable(again.errorMessage));
        QCOMPARE(again.record.timeOffsetMs, qint64(4));
        qInfo("behind a held lock: lookupOffset %lld ms, get %lld ms (lookup budget %lld ms), set "
              "%lld ms (write budget %lld ms)",
              tookStart, tookGet, kShortMs, tookSet, kWriteBudgetMs);
    }

    // The default lookup budget (250 ms; Options::timeout, 2 s, for connecting and writes):
    // behind a table another transaction holds ACCESS EXCLUSIVE, a connector's lookup and the
    // CLI's get are misses once the lookup budget is spent, well before the timeout; connecting
    // is not cut by it (a fresh store's first lookup connects, then waits on the lock).
    void defaultLookupBudgetUnderALock()
    {
        CacheStore::Options defaults;
        QCOMPARE(defaults.lookupTimeout, std::chrono::milliseconds(250));
        QCOMPARE(defaults.timeout, std::chrono::milliseconds(2000));
        {
            CacheStore writer(m_db->config(), defaults);
            QCOMPARE(writer.set(QStringLiteral("u5"), QStringLiteral("c5"), QStringLiteral("BYBIT"),
                                QStringLiteral("MAINNET"), offset(5)),
                     StoreError());
        }
        test::LockHolder holder(m_db->directConfig(), QStringLiteral("cc-test-lock-holder"));
        QVERIFY2(holder.error().isEmpty(), qPrintable(holder.error()));
        QCOMPARE(holder.exec(QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE")
                                 .arg(CacheStore::tableName())),
                 QString());

        CacheStore store(m_db->config(), defaults); // not connected yet
        QElapsedTimer t;
        t.start();
        const OffsetLookup start = store.lookupOffset(QStringLiteral("u5"), QStringLiteral("c5"));
        const qint64 took = t.elapsed();
        QCOMPARE(start.outcome, Lookup::Outcome::Failed); // a miss for the connector
        // Cut by the lookup's budget, not by the timeout.
        QVERIFY2(start.errorMessage.contains(QStringLiteral("250 ms")),
                 qPrintable(start.errorMessage));
        QVERIFY2(took < defaults.timeout.count(), qPrintable(QString::number(took)));

        // The CLI's get: the same budget by default, --lookup-timeout to change it.
        QElapsedTimer c;
        c.start();
        const test::CliRun get = test::runCli(
            {QStringLiteral("--database"), m_db->url(), QStringLiteral("get"), QStringLiteral("u5"),
             QStringLiteral("c5"), QStringLiteral("--lookup-timeout"), QStringLiteral("300")});
        const qint64 tookCli = c.elapsed();
        QCOMPARE(get.code, 4);
        QVERIFY2(get.err.contains(QStringLiteral("300 ms")), qPrintable(get.err));
        QVERIFY2(tookCli < 2000 + 1500, qPrintable(QString::number(tookCli))); // start + 300 ms
        qInfo("behind a held lock at the default budgets: lookupOffset %lld ms, CLI get "
              "(--lookup-timeout 300) %lld ms",
              took, tookCli);
    }

    // probeServers() in libpq's order: a silent server before one that answers is waited for
    // half the time left and then reported silent; one after it is not waited for at all; a
    // port nobody listens on is refused at once.
    void probeKeepsLibpqsOrder()
    {
        test::StallProxy proxy;
        QVERIFY(proxy.isListening());
        proxy.stall();
        int closedPort = 0;
        {
            QTcpServer unused;
            QVERIFY(unused.listen(QHostAddress::LocalHost));
            closedPort = unused.serverPort();
        }
        const store::ConnectTarget silent{QStringLiteral("127.0.0.1"), QString(),
                                          QString::number(proxy.port())};
        const store::ConnectTarget real{qEnvironmentVariable("PGHOST", QStringLiteral("localhost")),
                                        QString(), qEnvironmentVariable("PGPORT")};
        const store::ConnectTarget refused{QStringLiteral("127.0.0.1"), QString(),
                                           QString::number(closedPort)};
        const QString conninfo = QStringLiteral("dbname=postgres");
        using A = store::ServerAnswer;

        qint64 waited = 0;
        QCOMPARE(store::probeServers(conninfo, {silent, real}, QDeadlineTimer(2000), &waited),
                 (QList<A>{A::Silent, A::Answered}));
        QVERIFY2(waited >= 500 && waited < 1500, qPrintable(QString::number(waited)));

        QCOMPARE(store::probeServers(conninfo, {real, silent}, QDeadlineTimer(2000), &waited),
                 (QList<A>{A::Answered, A::Unknown}));
        QVERIFY2(waited < 1000, qPrintable(QString::number(waited)));

        QCOMPARE(store::probeServers(conninfo, {refused, real}, QDeadlineTimer(2000), &waited),
                 (QList<A>{A::Refused, A::Answered}));
        QVERIFY2(waited < 1000, qPrintable(QString::number(waited)));

        QCOMPARE(store::probeServers(conninfo, {silent}, QDeadlineTimer(300), &waited),
                 (QList<A>{A::Silent}));
        QVERIFY2(waited >= 250 && waited < 1000, qPrintable(QString::number(waited)));
    }

    // A DNS server that never answers (in a mount namespace of the test's own, whose
    // resolv.conf names it, with a 10 s timeout of its own): the CLI gives up in time, for one
    // host and for a multi-host list, and a list that names a reachable server besides uses it.
    void silentDnsServer_data()
    {
        QTest::addColumn<QString>("hosts");
        QTest::addColumn<bool>("served");
        const QString port = qEnvironmentVariable("PGPORT", QStringLiteral("5432"));
        const QString real =
            qEnvironmentVariable("PGHOST", QStringLiteral("localhost")) + QLatin1Char(':') + port;
        QTest::newRow("one host") << QStringLiteral("db.cc-silent-dns.test:%1").arg(port) << false;
        QTest::newRow("multi-host, every name silent")
            << QStringLiteral("db1.cc-silent-dns.test:%1,db2.cc-silent-dns.test:%1").arg(port)
            << false;
        QTest::newRow("multi-host, a silent name first")
            << QStringLiteral("db.cc-silent-dns.test:%1,%2").arg(port, real) << true;
    }

    void silentDnsServer()
    {
        QFETCH(QString, hosts);
        QFETCH(bool, served);
        if (::geteuid() != 0)
            QSKIP("needs root for a mount namespace (unshare -m) with its own resolv.conf");
        if (served) {
            CacheStore writer(m_db->config(), options());
            QCOMPARE(writer.set(QStringLiteral("u"), QStringLiteral("c"), QStringLiteral("BYBIT"),
                                QStringLiteral("MAINNET"), offset(23)),
                     StoreError());
        }
        QUdpSocket silent; // bound and never read: the lookup's packets wait, nobody answers
        QVERIFY(silent.bind(QHostAddress(QStringLiteral("127.0.0.77")), 53));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile resolv(dir.filePath(QStringLiteral("resolv.conf")));
        QVERIFY(resolv.open(QIODevice::WriteOnly));
        resolv.write("nameserver 127.0.0.77\noptions timeout:10 attempts:1\n");
        resolv.close();
        const QString url = QStringLiteral("postgresql://%1@%2/%3")
                                .arg(qEnvironmentVariable("PGUSER", QStringLiteral("postgres")),
                                     hosts, m_db->config().databaseName);
        const QString cli =
            qEnvironmentVariable("CC_BINARY_DIR") + QStringLiteral("/bin/connector-cache");
        QProcess p;
        p.start(QStringLiteral("unshare"),
                {QStringLiteral("-m"), QStringLiteral("sh"), QStringLiteral("-c"),
                 QStringLiteral("mount --bind \"$1\" /etc/resolv.conf && shift && exec \"$@\""),
                 QStringLiteral("sh"), resolv.fileName(), cli, QStringLiteral("get"),
                 QStringLiteral("u"), QStringLiteral("c"), QStringLiteral("--database"), url,
                 QStringLiteral("--timeout"), QString::number(kTimeoutMs)});
        QElapsedTimer t;
        t.start();
        QVERIFY(p.waitForFinished(30000));
        const qint64 took = t.elapsed();
        const QString err = QString::fromUtf8(p.readAllStandardError());
        if (served) {
            QVERIFY2(p.exitCode() == 0, qPrintable(err));
            QVERIFY2(QString::fromUtf8(p.readAllStandardOutput()).contains(QStringLiteral("23")),
                     qPrintable(err));
        } else {
            QVERIFY2(p.exitCode() > 0, qPrintable(err));
            QVERIFY2(err.contains(QStringLiteral("name lookup")), qPrintable(err));
        }
        QVERIFY2(took <= kTimeoutMs + kMarginMs, qPrintable(QString::number(took)));
        qInfo("%s: %s after %lld ms at a %lld ms timeout", QTest::currentDataTag(),
              served ? "served" : "gave up", took, kTimeoutMs);
    }
};

QTEST_GUILESS_MAIN(TestDeadline)
#include "tst_deadline.moc"
