// Replays every committed seed input (tests/fuzz/corpus/TARGET/) and every input a fuzzer found
// (tests/fuzz/regressions/TARGET/) through the properties the libFuzzer targets check
// (fuzzchecks.h), with the normal compiler: a finding, once committed, stays a failing test until
// fixed, in every build, also where clang and libFuzzer are not installed.

#include "tests/fuzz/fuzzchecks.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <functional>

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private:
    static void addInputs(const QString &target)
    {
        QTest::addColumn<QByteArray>("input");
        const QString root =
            qEnvironmentVariable("CC_TEST_SOURCE_DIR") + QStringLiteral("/tests/fuzz/");
        int rows = 0;
        for (const QString &kind : {QStringLiteral("corpus"), QStringLiteral("regressions")}) {
            const QDir dir(root + kind + QLatin1Char('/') + target);
            for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
                QFile f(dir.filePath(name));
                if (!f.open(QIODevice::ReadOnly))
                    continue;
                const QByteArray tag = (kind + QLatin1Char('/') + name).toUtf8();
                QTest::newRow(tag.constData()) << f.readAll();
                ++rows;
            }
        }
        if (rows == 0)
            qFatal("no seed or regression inputs under %s (CC_TEST_SOURCE_DIR)", qPrintable(root));
    }

    static void check(const std::function<QString(const QByteArray &)> &property)
    {
        QFETCH(QByteArray, input);
        const QString problem = property(input);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

private Q_SLOTS:
    void exchangeTime_data() { addInputs(QStringLiteral("exchange_time")); }
    void exchangeTime() { check(cc::fuzz::checkExchangeTime); }

    void databaseUrl_data() { addInputs(QStringLiteral("database_url")); }
    void databaseUrl() { check(cc::fuzz::checkDatabaseUrl); }

    void filterQuery_data() { addInputs(QStringLiteral("filter_query")); }
    void filterQuery() { check(cc::fuzz::checkFilterQuery); }

    // The properties themselves must be able to fail.
    void propertiesCatchWhatTheyClaim()
    {
        // The password check compares the parser's words with the password changed: a message
        // quoting it differs.
        qsizetype at = 0;
        QCOMPARE(cc::fuzz::detail::rawPassword(QStringLiteral("postgresql://u:pw1@h:5/d?x=@"), &at),
                 QStringLiteral("pw1"));
        QCOMPARE(at, 15);
        QCOMPARE(cc::fuzz::detail::rawPassword(QStringLiteral("postgresql://u@h/d"), &at),
                 QString());
        QCOMPARE(cc::fuzz::detail::rawPassword(QStringLiteral("sqlite:rel.db"), &at), QString());
        QVERIFY(cc::fuzz::detail::isAlnum(QStringLiteral("S3cret")));
        QVERIFY(!cc::fuzz::detail::isAlnum(QStringLiteral("s%40")));
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
