// Issue 15's "data and counting" and schema items, each against real databases: rows held by
// another connection's open transaction, counters at the seed's INT maximum, values the schema
// does not promise, schema drift and missing privileges, SQLite files and directories.

#include "core/store/cachestore.h"
#include "tests/support/clirun.h"
#include "tests/support/lockholder.h"
#include "tests/support/testdatabase.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <unistd.h>

using namespace cc;
using namespace std::chrono_literals;

namespace {

constexpr qint64 kNow = 1749989100000; // 2025-06-15 12:05:00 UTC

TimeSyncState offset(qint64 ms)
{
    TimeSyncState s;
    s.timeOffsetMs = ms;
    return s;
}

using test::LockHolder;

} // namespace

class TestHardenData : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    ManualClock m_clock{kNow};

    std::unique_ptr<CacheStore> store(CacheStore::Options options = CacheStore::Options())
    {
        return std::make_unique<CacheStore>(m_db->config(), options, &m_clock);
    }
    std::unique_ptr<CacheStore> migrated(CacheStore::Options options = CacheStore::Options())
    {
        auto s = store(options);
        auto report = s->migrate();
        if (!report.ok())
            QTest::qFail(qPrintable(report.error().message()), __FILE__, __LINE__);
        return s;
    }
    bool setEntry(CacheStore &s, const QString &user,
                  const QString &exchange = QStringLiteral("BYBIT"))
    {
        const StoreError e =
            s.set(user, QStringLiteral("c"), exchange, QStringLiteral("MAINNET"), offset(7), 1h);
        if (e)
            qWarning("%s", qPrintable(e.message()));
        return !e;
    }
    qint64 hitCountOf(const QString &user) const
    {
        return m_db
            ->scalar(QStringLiteral("SELECT \"hitCount\" FROM connector_state_cache WHERE "
                                    "\"userId\" = '%1'")
                         .arg(user))
            .toLongLong();
    }
    test::CliRun cli(QStringList args) const
    {
        args << QStringLiteral("--database") << m_db->url();
        return test::runCli(args);
    }

    QString tsLiteral(qint64 ms) const { return m_db->timestampLiteral(ms); }
    QString insertGenerated(int count, const QString &values)
    {
        return m_db->insertGenerated(count, values);
    }

private Q_SLOTS:
    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->errorMessage()));
        m_clock.setMs(kNow);
    }
    void cleanup() { m_db.reset(); }

    // --- 1. a bulk invalidation that skips locked rows -----------------------------------------

    void bulkInvalidationReportsRowsLeftLocked()
    {
        if (!m_db->isPostgres())
            QSKIP("SKIP LOCKED is PostgreSQL's; SQLite locks the whole file (busy timeout)");
        auto s = migrated();
        for (const char *user : {"u1", "u2", "u3"})
            QVERIFY(setEntry(*s, QString::fromLatin1(user)));
        EntryFilter bybit;
        bybit.exchange = QStringLiteral("BYBIT");
        CacheStore::BulkInvalidation outcome;
        {
            LockHolder holder(m_db->directConfig(), QStringLiteral("bulk-holder"));
            QVERIFY2(holder.error().isEmpty(), qPrintable(holder.error()));
            QCOMPARE(holder.lockUser(QStringLiteral("u2")), QString());
            QElapsedTimer took;
            took.start();
            auto n = s->invalidateMatching(bybit, {}, &outcome);
            QVERIFY2(!n.ok(), "rows left valid must not be a plain success");
            QCOMPARE(n.error().sqlState(), QStringLiteral("55P03"));
            QVERIFY2(
                n.error().message().contains(QStringLiteral("1 matching entries stayed valid")),
                qPrintable(n.error().message()));
            QCOMPARE(outcome.invalidated, 2);
            QCOMPARE(outcome.left, 1);
            QVERIFY2(took.elapsed() < 3000, qPrintable(QString::number(took.elapsed())));
        }
        // The lock gone, a second run takes what was left.
        auto again = s->invalidateMatching(bybit, {}, &outcome);
        QVERIFY2(again.ok(), qPrintable(again.error().message()));
        QCOMPARE(again.value(), 1);
        QCOMPARE(outcome.left, 0);
    }

    void bulkInvalidationRetriesRowsReleasedMeanwhile()
    {
        if (!m_db->isPostgres())
            QSKIP("SKIP LOCKED is PostgreSQL's");
        auto s = migrated();
        for (const char *user : {"u1", "u2", "u3"})
            QVERIFY(setEntry(*s, QString::fromLatin1(user)));
        // Another process holds u3 for 150 ms, then commits.
        test::BriefLock other(m_db->directConfig(), QStringLiteral("bulk-brief-holder"),
                              QStringLiteral("u3"), 150);
        QCOMPARE(other.error(), QString());
        EntryFilter all;
        CacheStore::BulkInvalidation outcome;
        auto n = s->invalidateMatching(all, {}, &outcome);
        other.wait();
        QVERIFY2(n.ok(), qPrintable(n.error().message()));
        QCOMPARE(n.value(), 3);
        QCOMPARE(outcome.invalidated, 3);
        QCOMPARE(outcome.left, 0);
    }

    void cliExitsTenAndAuditsRowsLeft()
    {
        if (!m_db->isPostgres())
            QSKIP("SKIP LOCKED is PostgreSQL's");
        {
            auto s = migrated();
            for (const char *user : {"u1", "u2", "u3"})
                QVERIFY(setEntry(*s, QString::fromLatin1(user)));
        }
        LockHolder holder(m_db->directConfig(), QStringLiteral("cli-holder"));
        QVERIFY2(holder.error().isEmpty(), qPrintable(holder.error()));
        QCOMPARE(holder.lockUser(QStringLiteral("u1")), QString());
        const auto r = cli({QStringLiteral("invalidate"), QStringLiteral("--matching"),
                            QStringLiteral("--exchange"), QStringLiteral("BYBIT"),
                            QStringLiteral("--yes"), QStringLiteral("--json")});
        QCOMPARE(r.code, 10);
        QVERIFY2(r.err.contains(QStringLiteral("stayed valid")), qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("invalidated")).toInteger(), 2);
        QCOMPARE(o.value(QStringLiteral("left")).toInteger(), 1);
        holder.release();
        const auto audit = cli({QStringLiteral("audit"), QStringLiteral("--json")});
        QCOMPARE(audit.code, 0);
        const QJsonObject row =
            QJsonDocument::fromJson(audit.out.toUtf8()).array().at(0).toObject();
        QCOMPARE(row.value(QStringLiteral("action")).toString(),
                 QStringLiteral("invalidate-matching"));
        QCOMPARE(row.value(QStringLiteral("rowsAffected")).toInteger(), 2);
        QVERIFY2(row.value(QStringLiteral("outcome"))
                     .toString()
                     .contains(QStringLiteral("stayed valid")),
                 qPrintable(row.value(QStringLiteral("outcome")).toString()));
    }

    // --- 2. the hit-count flush never delays a lookup ------------------------------------------

    void hitFlushNeverWaitsOnALockedRow()
    {
        if (!m_db->isPostgres())
            QSKIP("row locks are PostgreSQL's; SQLite locks the whole file");
        CacheStore::Options options;
        options.historyFlushInterval = 0ms; // every lookup flushes
        options.timeout = 3000ms;
        auto s = migrated(options);
        QVERIFY(setEntry(*s, QStringLiteral("u1")));
        QVERIFY(s->get(QStringLiteral("u1"), QStringLiteral("c")).isHit());
        QCOMPARE(hitCountOf(QStringLiteral("u1")), 1);
        {
            LockHolder holder(m_db->directConfig(), QStringLiteral("flush-holder"));
            QVERIFY2(holder.error().isEmpty(), qPrintable(holder.error()));
            QCOMPARE(holder.lockUser(QStringLiteral("u1")), QString());
            QElapsedTimer took;
            took.start();
            QVERIFY(s->get(QStringLiteral("u1"), QStringLiteral("c")).isHit());
            QVERIFY(s->lookupOffset(QStringLiteral("u1"), QStringLiteral("c")).isHit());
            const qint64 ms = took.elapsed();
            QVERIFY2(ms < 1000, qPrintable(QStringLiteral("two lookups took %1 ms").arg(ms)));
            QCOMPARE(hitCountOf(QStringLiteral("u1")), 1); // not written while locked
        }
        // Released: the counts kept arrive with the next flush.
        QCOMPARE(s->flushHistory(), StoreError());
        QCOMPARE(hitCountOf(QStringLiteral("u1")), 3);
    }

    void exitFlushIsBounded()
    {
        if (!m_db->isPostgres())
            QSKIP("row locks are PostgreSQL's");
        CacheStore::Options options;
        options.timeout = 3000ms;
        auto s = migrated(options);
        QVERIFY(setEntry(*s, QStringLiteral("u1")));
        QVERIFY(s->get(QStringLiteral("u1"), QStringLiteral("c")).isHit()); // pending, batched
        LockHolder holder(m_db->directConfig(), QStringLiteral("exit-holder"));
        QCOMPARE(holder.lockUser(QStringLiteral("u1")), QString());
        QElapsedTimer took;
        took.start();
        s.reset(); // flushes at destruction
        QVERIFY2(took.elapsed() < 1000, qPrintable(QString::number(took.elapsed())));
    }

    // --- 3. hitCount at the seed's INT maximum ------------------------------------------------

    void hitCountSaturatesAtIntMax_data()
    {
        QTest::addColumn<bool>("perLookup");
        QTest::newRow("batched") << false;
        QTest::newRow("per lookup") << true;
    }
    void hitCountSaturatesAtIntMax()
    {
        QFETCH(bool, perLookup);
        CacheStore::Options options;
        options.hitCounting = perLookup ? HitCounting::PerLookup : HitCounting::Batched;
        auto s = migrated(options);
        QVERIFY(setEntry(*s, QStringLiteral("full")));
        QVERIFY(setEntry(*s, QStringLiteral("other")));
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE connector_state_cache SET \"hitCount\" = "
                                           "2147483646 WHERE \"userId\" = 'full'")),
                 QString());
        for (int i = 0; i < 3; ++i) {
            QVERIFY(s->get(QStringLiteral("full"), QStringLiteral("c")).isHit());
            QVERIFY(s->get(QStringLiteral("other"), QStringLiteral("c")).isHit());
        }
        QCOMPARE(s->flushHistory(), StoreError());
        QCOMPARE(hitCountOf(QStringLiteral("full")), 2147483647);
        QCOMPARE(hitCountOf(QStringLiteral("other")), 3); // the other row's hits were not lost
        // And the next flushes go on working.
        QVERIFY(s->get(QStringLiteral("other"), QStringLiteral("c")).isHit());
        QVERIFY(s->get(QStringLiteral("full"), QStringLiteral("c")).isHit());
        QCOMPARE(s->flushHistory(), StoreError());
        QCOMPARE(hitCountOf(QStringLiteral("other")), 4);
        QCOMPARE(hitCountOf(QStringLiteral("full")), 2147483647);
    }
    // --- 4. a stored value that is not what the schema promises --------------------------------

    void oddValuesAreAMissReportedOnce()
    {
        if (m_db->isPostgres())
            QSKIP("PostgreSQL's column types hold; SQLite stores whatever it is given");
        auto s = migrated();
        const qint64 future = kNow + 3600000;
        const auto insert = [&](const char *user, const QString &timeOffset,
                                const QString &expiresAt) {
            return m_db->exec(
                QStringLiteral("INSERT INTO connector_state_cache (\"id\", \"cacheKey\", "
                               "\"userId\", \"credentialId\", \"exchange\", \"environment\", "
                               "\"timeOffset\", \"lastSyncTime\", \"isValid\", \"expiresAt\", "
                               "\"hitCount\", \"metadata\", \"createdAt\", \"updatedAt\") VALUES "
                               "('id-%1', '%1_c', '%1', 'c', 'BYBIT', 'MAINNET', %2, %3, 1, %4, 0, "
                               "NULL, %3, %3)")
                    .arg(QLatin1String(user), timeOffset)
                    .arg(kNow)
                    .arg(expiresAt));
        };
        QCOMPARE(insert("text-offset", QStringLiteral("'abc'"), QString::number(future)),
                 QString());
        QCOMPARE(insert("real-offset", QStringLiteral("12.5"), QString::number(future)), QString());
        QCOMPARE(insert("text-expiry", QStringLiteral("5"), QStringLiteral("'never'")), QString());
        QCOMPARE(insert("blob-expiry", QStringLiteral("5"), QStringLiteral("x'00ff'")), QString());
        QVERIFY(setEntry(*s, QStringLiteral("fine")));

        static QStringList warnings;
        warnings.clear();
        const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType type, const QMessageLogContext &, const QString &m) {
                if (type == QtWarningMsg)
                    warnings << m;
            });
        for (int round = 0; round < 3; ++round) {
            for (const char *user : {"text-offset", "real-offset", "text-expiry", "blob-expiry"}) {
                const QString u = QString::fromLatin1(user);
                const Lookup lookup = s->get(u, QStringLiteral("c"));
                QVERIFY2(lookup.outcome == Lookup::Outcome::Miss,
                         qPrintable(QStringLiteral("%1: outcome %2, offset %3")
                                        .arg(u)
                                        .arg(int(lookup.outcome))
                                        .arg(lookup.entry.timeOffsetMs)));
                QCOMPARE(s->lookupOffset(u, QStringLiteral("c")).outcome, Lookup::Outcome::Miss);
            }
        }
        QVERIFY(s->get(QStringLiteral("fine"), QStringLiteral("c")).isHit());
        qInstallMessageHandler(previous);
        for (const char *user : {"text-offset", "real-offset", "text-expiry", "blob-expiry"}) {
            const QString key = QString::fromLatin1(user) + QStringLiteral("_c");
            QStringList about;
            for (const QString &w : std::as_const(warnings)) {
                if (w.contains(key + QLatin1Char(' ')) &&
                    w.contains(QStringLiteral("values the schema does not allow")))
                    about << w;
            }
            QVERIFY2(about.size() == 1, qPrintable(QStringLiteral("%1: %2").arg(key).arg(
                                            about.join(QStringLiteral(" | ")))));
        }
        QVERIFY(warnings.join(QLatin1Char(' ')).contains(QStringLiteral("timeOffset = 'abc'")));
    }
    // --- 6. SQLite files and directories ------------------------------------------------------

    void mistypedSqlitePathCreatesNothing()
    {
        if (m_db->isPostgres())
            QSKIP("SQLite paths");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // A directory that does not exist, and a file that does not exist in one that does.
        const QString inMissingDir = dir.filePath(QStringLiteral("typo/cache.db"));
        const QString missingFile = dir.filePath(QStringLiteral("cahce.db"));
        for (const QString &path : {inMissingDir, missingFile}) {
            DatabaseConfig config;
            config.backend = DatabaseConfig::Backend::SQLite;
            config.sqlitePath = path;
            CacheStore s(config, CacheStore::Options(), &m_clock);
            const Lookup lookup = s.get(QStringLiteral("u"), QStringLiteral("c"));
            QCOMPARE(lookup.outcome, Lookup::Outcome::Failed);
            QVERIFY2(lookup.errorMessage.contains(path == missingFile
                                                      ? QStringLiteral("no SQLite database at")
                                                      : QStringLiteral("does not exist")),
                     qPrintable(lookup.errorMessage));
            const auto r =
                test::runCli({QStringLiteral("get"), QStringLiteral("u"), QStringLiteral("c"),
                              QStringLiteral("--database"), QStringLiteral("sqlite://") + path});
            QCOMPARE(r.code, path == missingFile ? 5 : 4);
            QVERIFY2(r.err.contains(QStringLiteral("check the path")), qPrintable(r.err));
        }
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("typo"))));
        QVERIFY(!QFileInfo::exists(missingFile));
        // migrate is the one command that creates them.
        const auto r = test::runCli({QStringLiteral("migrate"), QStringLiteral("--database"),
                                     QStringLiteral("sqlite://") + inMissingDir});
        QCOMPARE(r.code, 0);
        QVERIFY(QFileInfo::exists(inMissingDir));
    }

    void anotherOwnersJournalModeIsKept()
    {
        if (m_db->isPostgres())
            QSKIP("SQLite journal modes");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString theirs = dir.filePath(QStringLiteral("theirs.db"));
        const QString ours = dir.filePath(QStringLiteral("ours.db"));
        {
            // Someone else's database, in the default rollback-journal mode.
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("owner"));
            db.setDatabaseName(theirs);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE their_table (a INTEGER)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("owner"));
        for (const QString &path : {theirs, ours}) {
            DatabaseConfig config;
            config.backend = DatabaseConfig::Backend::SQLite;
            config.sqlitePath = path;
            CacheStore s(config, CacheStore::Options(), &m_clock);
            QVERIFY(s.migrate().ok());
            QVERIFY(setEntry(s, QStringLiteral("u")));
            QVERIFY(s.get(QStringLiteral("u"), QStringLiteral("c")).isHit());
        }
        const auto journalMode = [](const QString &path) {
            QString mode;
            {
                QSqlDatabase db =
                    QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
                db.setDatabaseName(path);
                if (db.open()) {
                    QSqlQuery q(db);
                    if (q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next())
                        mode = q.value(0).toString();
                }
                db.close();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("probe"));
            return mode;
        };
        QCOMPARE(journalMode(theirs), QStringLiteral("delete"));
        QVERIFY(!QFileInfo::exists(theirs + QStringLiteral("-wal")));
        QVERIFY(!QFileInfo::exists(theirs + QStringLiteral("-shm")));
        QCOMPARE(journalMode(ours), QStringLiteral("wal")); // a file migrate created
    }

    void readOnlyDirectoryStillReads()
    {
        if (m_db->isPostgres())
            QSKIP("SQLite file permissions");
        if (geteuid() != 0 || QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
            QSKIP("needs root and setpriv to read as another user");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("shared/cache.db"));
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("owner"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE their_table (a INTEGER)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("owner"));
        {
            DatabaseConfig config;
            config.backend = DatabaseConfig::Backend::SQLite;
            config.sqlitePath = path;
            CacheStore s(config, CacheStore::Options(), Clock::system()); // the CLI's clock
            QVERIFY(s.migrate().ok());
            QCOMPARE(s.set(QStringLiteral("u"), QStringLiteral("c"), QStringLiteral("BYBIT"),
                           QStringLiteral("MAINNET"), offset(7), 1h),
                     StoreError());
        }
        // The owner's directory and file: readable by everyone, writable by the owner only.
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                      QFile::ExeOwner | QFile::ReadOther |
                                                      QFile::ExeOther));
        QVERIFY(QFile::setPermissions(QFileInfo(path).absolutePath(),
                                      QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther |
                                          QFile::ExeOther));
        QVERIFY(
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        const auto asNobody = [&](QStringList args) {
            QProcess p;
            args << QStringLiteral("--database") << QStringLiteral("sqlite://") + path;
            p.start(QStringLiteral("setpriv"),
                    QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                QStringLiteral("--clear-groups"),
                                qEnvironmentVariable("CC_BINARY_DIR") +
                                    QStringLiteral("/bin/connector-cache")} +
                        args);
            p.waitForFinished(30000);
            return std::pair{p.exitCode(), QString::fromUtf8(p.readAllStandardError())};
        };
        const auto [getCode, getErr] =
            asNobody({QStringLiteral("get"), QStringLiteral("u"), QStringLiteral("c")});
        QVERIFY2(getCode == 0, qPrintable(QStringLiteral("%1: %2").arg(getCode).arg(getErr)));
        const auto [setCode, setErr] = asNobody(
            {QStringLiteral("set"), QStringLiteral("u"), QStringLiteral("c"),
             QStringLiteral("--exchange"), QStringLiteral("BYBIT"), QStringLiteral("--environment"),
             QStringLiteral("MAINNET"), QStringLiteral("--offset"), QStringLiteral("1")});
        QVERIFY2(setCode == 7, qPrintable(QStringLiteral("%1: %2").arg(setCode).arg(setErr)));
        const QStringList left = QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files);
        QCOMPARE(left, QStringList{QStringLiteral("cache.db")}); // no -journal, -wal or -shm
        QFile::setPermissions(QFileInfo(path).absolutePath(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    void writesWaitOneTimeoutNotTwo()
    {
        if (m_db->isPostgres())
            QSKIP("SQLite's busy timeout");
        {
            auto s = migrated();
            QVERIFY(setEntry(*s, QStringLiteral("u")));
        }
        QSqlDatabase locker =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
        locker.setDatabaseName(m_db->config().sqlitePath);
        QVERIFY(locker.open());
        {
            QSqlQuery lock(locker);
            QVERIFY(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            QElapsedTimer took;
            took.start();
            const auto r = cli({QStringLiteral("set"), QStringLiteral("u"), QStringLiteral("c"),
                                QStringLiteral("--exchange"), QStringLiteral("BYBIT"),
                                QStringLiteral("--environment"), QStringLiteral("MAINNET"),
                                QStringLiteral("--offset"), QStringLiteral("1"),
                                QStringLiteral("--timeout"), QStringLiteral("1000")});
            const qint64 ms = took.elapsed();
            QCOMPARE(r.code, 4);
            // The write waits 1000 ms; its audit row does not wait another 1000.
            QVERIFY2(ms < 1700, qPrintable(QStringLiteral("%1 ms").arg(ms)));
            QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        }
        locker.close();
        locker = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("locker"));
    }
    // --- 5. status and migrate check the schema as it is -------------------------------------

    void schemaDriftIsNamed()
    {
        migrated();
        QCOMPARE(cli({QStringLiteral("status")}).code, 0);
        // Ours: a column and an index dropped by hand; migrate puts them back.
        QCOMPARE(m_db->exec(
                     QStringLiteral("ALTER TABLE connector_cache_history DROP COLUMN rejections;\n"
                                    "DROP INDEX connector_cache_audit_at_idx")),
                 QString());
        auto r = cli({QStringLiteral("status")});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.out.contains(QStringLiteral("connector_cache_history lacks its column "
                                               "\"rejections\"")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("index connector_cache_audit_at_idx is missing")),
                 qPrintable(r.out));
        r = cli({QStringLiteral("migrate")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("added the missing column")), qPrintable(r.out));
        QVERIFY2(!r.out.contains(QStringLiteral("nothing to do")), qPrintable(r.out));
        QCOMPARE(cli({QStringLiteral("status")}).code, 0);
        // The seed's: named, exit 5, and migrate does not call it done.
        QCOMPARE(m_db->exec(QStringLiteral(
                     "ALTER TABLE connector_state_cache DROP COLUMN \"environment\"")),
                 QString());
        r = cli({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(r.code, 5);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("schemaCurrent")).toBool(true), false);
        QVERIFY2(o.value(QStringLiteral("schemaProblems"))
                     .toArray()
                     .toVariantList()
                     .first()
                     .toString()
                     .contains(QStringLiteral("\"environment\"")),
                 qPrintable(r.out));
        r = cli({QStringLiteral("migrate")});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("environment")), qPrintable(r.err));
        if (m_db->isPostgres()) {
            // A set then fails on the missing column: exit 5 in words, not 1 or 4.
            r = cli({QStringLiteral("set"), QStringLiteral("u"), QStringLiteral("c"),
                     QStringLiteral("--exchange"), QStringLiteral("BYBIT"),
                     QStringLiteral("--environment"), QStringLiteral("MAINNET"),
                     QStringLiteral("--offset"), QStringLiteral("1")});
            QCOMPARE(r.code, 5);
            // A column of the wrong type is named too.
            QCOMPARE(m_db->exec(QStringLiteral("ALTER TABLE connector_state_cache ALTER COLUMN "
                                               "\"timeOffset\" TYPE TEXT")),
                     QString());
            r = cli({QStringLiteral("status")});
            QCOMPARE(r.code, 5);
            QVERIFY2(r.out.contains(QStringLiteral("\"timeOffset\" is text")), qPrintable(r.out));
        }
    }

    void missingPrivilegeIsNamedWithExitSeven()
    {
        if (!m_db->isPostgres())
            QSKIP("database roles exist on PostgreSQL only");
        migrated();
        const QString role = QStringLiteral("cc_drift_%1").arg(QDateTime::currentMSecsSinceEpoch());
        // The README's connector GRANTs, less UPDATE on the cache table.
        QCOMPARE(m_db->exec(QStringLiteral(
                                "CREATE ROLE %1 LOGIN PASSWORD 'pw';\n"
                                "GRANT SELECT, INSERT ON connector_state_cache TO %1;\n"
                                "GRANT SELECT ON connector_cache_meta TO %1;\n"
                                "GRANT SELECT, INSERT, UPDATE ON connector_cache_history TO %1;\n"
                                "GRANT SELECT, INSERT, UPDATE, DELETE ON connector_cache_lease "
                                "TO %1")
                                .arg(role)),
                 QString());
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("CONNECTOR_CACHE_DATABASE"));
        env.insert(QStringLiteral("PGUSER"), role);
        env.insert(QStringLiteral("PGPASSWORD"), QStringLiteral("pw"));
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("CC_BINARY_DIR") + QStringLiteral("/bin/connector-cache"),
                {QStringLiteral("status"), QStringLiteral("--database"), m_db->url()});
        QVERIFY(p.waitForFinished(30000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QCOMPARE(p.exitCode(), 7);
        QVERIFY2(out.contains(QStringLiteral("UPDATE on connector_state_cache")), qPrintable(out));
        // Without SELECT on the version table: 7 as well, in words.
        QCOMPARE(
            m_db->exec(QStringLiteral("REVOKE SELECT ON connector_cache_meta FROM %1").arg(role)),
            QString());
        p.start(qEnvironmentVariable("CC_BINARY_DIR") + QStringLiteral("/bin/connector-cache"),
                {QStringLiteral("status"), QStringLiteral("--database"), m_db->url()});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 7);
        m_db->exec(QStringLiteral("DROP OWNED BY %1;\nDROP ROLE %1").arg(role));
    }
    // --- 7. an estimate never says "≈ 0" where rows exist ---------------------------------------

    void rareStatesAreNeverEstimatedAsZero()
    {
        CacheStore::Options options;
        options.exactStatsUpTo = 5000;
        options.statsSampleRows = 1000;
        auto s = migrated(options);
        const qint64 now = m_clock.nowMs();
        // 40,000 valid rows expiring in 2 hours, among them 3 invalidated, 2 expired a minute
        // ago and 1 expiring in 3 minutes: a sample of about 1,000 rows sees none of them.
        const QString values =
            QStringLiteral("'s' || g, 'su' || g || '_c', 'su' || g, 'c', 'BYBIT', 'MAINNET', 0, "
                           "%1, g NOT IN (7001, 19001, 23001), CASE WHEN g IN (5001, 31001) THEN "
                           "%2 WHEN g = 13001 THEN %3 ELSE %4 END, 1, NULL, %1, %1")
                .arg(tsLiteral(now), tsLiteral(now - 60'000), tsLiteral(now + 180'000),
                     tsLiteral(now + 7'200'000));
        QCOMPARE(insertGenerated(40000, values), QString());
        QCOMPARE(m_db->exec(QStringLiteral("ANALYZE connector_state_cache")), QString());
        auto estimate = s->stats();
        QVERIFY2(estimate.ok(), qPrintable(estimate.error().message()));
        QVERIFY(estimate->estimated);
        QCOMPARE(estimate->invalid, 3);
        QCOMPARE(estimate->expired, 2);
        QCOMPARE(estimate->expiringIn5m, 1);
        QCOMPARE(estimate->expiringIn15m, 1);
        QCOMPARE(estimate->expiringIn60m, 1);
        QCOMPARE(estimate->valid, estimate->total - 5);
        // And exact on demand, as the CLI's stats --exact asks.
        auto exact = s->stats(std::chrono::hours(24), CacheStore::Precision::Exact);
        QVERIFY(exact.ok());
        QVERIFY(!exact->estimated);
        QCOMPARE(exact->total, 40000);
        QCOMPARE(exact->invalid, 3);
        const auto r =
            cli({QStringLiteral("stats"), QStringLiteral("--exact"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("estimated")).toBool(true), false);
        QCOMPARE(o.value(QStringLiteral("total")).toInteger(), 40000);
    }
};

QTEST_GUILESS_MAIN(TestHardenData)
#include "tst_hardendata.moc"
