// The console's one-line filter syntax: keys, quoting, errors in words, and round trips; and the
// one grammar of durations and times (timeexpr.h) that the filter and the command line share.

#include "core/store/filterquery.h"
#include "core/store/timeexpr.h"

#include <QTest>

using namespace cc;

namespace {
constexpr qint64 kNow = 1750000000000;
}

class TestFilterQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesKeysAndWords()
    {
        QString error;
        const EntryFilter f = parseFilterQuery(
            QStringLiteral("exchange:bybit env:Testnet state:expired user:u1 cred:\"key with "
                           "spaces\" before:2h  free   text"),
            kNow, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(f.exchange, QStringLiteral("BYBIT"));
        QCOMPARE(f.environment, QStringLiteral("TESTNET"));
        QCOMPARE(f.state, EntryFilter::State::Expired);
        QCOMPARE(f.userId, QStringLiteral("u1"));
        QCOMPARE(f.credentialId, QStringLiteral("key with spaces"));
        QCOMPARE(f.syncedBefore.toMSecsSinceEpoch(), kNow - 2 * 3600 * 1000);
        QCOMPARE(f.text, QStringLiteral("free text"));
    }

    void hostileTextStaysText()
    {
        QString error;
        EntryFilter f = parseFilterQuery(QStringLiteral("'; DROP TABLE x; --"), kNow, &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(f.text, QStringLiteral("'; DROP TABLE x; --"));
        f = parseFilterQuery(QStringLiteral("12:30 100% a_b \\"), kNow, &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(f.text, QStringLiteral("12:30 100% a_b \\"));
        f = parseFilterQuery(QStringLiteral("user:\"a\\\"b\""), kNow, &error);
        QCOMPARE(f.userId, QStringLiteral("a\"b"));
    }

    void errorsSayWhatWasWrong_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown key")
            << QStringLiteral("colour:red") << QStringLiteral("unknown filter key 'colour:'");
        QTest::newRow("bad state")
            << QStringLiteral("state:stale") << QStringLiteral("state:stale is not one of");
        QTest::newRow("bad time") << QStringLiteral("before:yesterday")
                                  << QStringLiteral("neither an ISO 8601 time");
        QTest::newRow("open quote") << QStringLiteral("user:\"abc") << QStringLiteral("not closed");
        QTest::newRow("empty value") << QStringLiteral("user:") << QStringLiteral("needs a value");
        // An empty value matched everything: `invalidate --matching --query 'user:""'` acted on
        // every entry. Refused, for every key and for a bare quoted word.
        QTest::newRow("quoted empty user")
            << QStringLiteral("user:\"\"") << QStringLiteral("'user:' needs a value");
        QTest::newRow("quoted empty cred") << QStringLiteral("exchange:bybit cred:\"\"")
                                           << QStringLiteral("'cred:' needs a value");
        QTest::newRow("quoted empty env")
            << QStringLiteral("env:\"\" state:valid") << QStringLiteral("'env:' needs a value");
        QTest::newRow("quoted empty word")
            << QStringLiteral("\"\"") << QStringLiteral("empty quoted word");
        QTest::newRow("quoted empty word beside a key")
            << QStringLiteral("user:u1 \"\"") << QStringLiteral("empty quoted word");
        // A time that ISO 8601 cannot print would not round-trip (found by the filter fuzzer).
        QTest::newRow("duration before year 0")
            << QStringLiteral("before:999999999d") << QStringLiteral("outside the years 0 to 9999");
        QTest::newRow("offset before year 1") << QStringLiteral("before:0001-01-01T00:30:00+01:00")
                                              << QStringLiteral("outside the years 0 to 9999");
    }

    void errorsSayWhatWasWrong()
    {
        QFETCH(QString, query);
        QFETCH(QString, expected);
        QString error;
        const EntryFilter f = parseFilterQuery(query, kNow, &error);
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(f.isEmpty());
    }

    void durations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms"); // -1: refused
        QTest::newRow("ms") << QStringLiteral("500ms") << qint64(500);
        QTest::newRow("s") << QStringLiteral("90s") << qint64(90'000);
        QTest::newRow("m") << QStringLiteral("15m") << qint64(900'000);
        QTest::newRow("h") << QStringLiteral("2h") << qint64(7'200'000);
        QTest::newRow("d") << QStringLiteral("7d") << qint64(604'800'000);
        QTest::newRow("bare number is seconds") << QStringLiteral("90") << qint64(90'000);
        QTest::newRow("spaces") << QStringLiteral(" 15 m ") << qint64(900'000);
        QTest::newRow("zero") << QStringLiteral("0s") << qint64(0);
        QTest::newRow("nine digits")
            << QStringLiteral("999999999d") << qint64(999'999'999) * 86'400'000;
        QTest::newRow("ten digits") << QStringLiteral("1000000000") << qint64(-1);
        QTest::newRow("negative") << QStringLiteral("-5m") << qint64(-1);
        QTest::newRow("fraction") << QStringLiteral("1.5h") << qint64(-1);
        QTest::newRow("unknown unit") << QStringLiteral("3w") << qint64(-1);
        QTest::newRow("upper-case unit") << QStringLiteral("3H") << qint64(-1);
        QTest::newRow("unit only") << QStringLiteral("h") << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
    }

    void durations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        const auto parsed = parseDurationMs(text);
        if (ms < 0) {
            QVERIFY2(!parsed, qPrintable(QString::number(parsed.value_or(0))));
        } else {
            QVERIFY(parsed);
            QCOMPARE(*parsed, ms);
        }
    }

    void times_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("atMs"); // -1: refused
        QTest::addColumn<QString>("error");
        QTest::newRow("duration ago") << QStringLiteral("2h") << kNow - 7'200'000 << QString();
        QTest::newRow("bare seconds ago") << QStringLiteral("90") << kNow - 90'000 << QString();
        QTest::newRow("utc") << QStringLiteral("2025-06-15T12:00:00Z") << qint64(1749988800000)
                             << QString();
        QTest::newRow("no zone is utc")
            << QStringLiteral("2025-06-15T12:00:00.250") << qint64(1749988800250) << QString();
        QTest::newRow("offset") << QStringLiteral("2025-06-15T14:00:00+02:00")
                                << qint64(1749988800000) << QString();
        QTest::newRow("words") << QStringLiteral("yesterday") << qint64(-1)
                               << QStringLiteral("yesterday is neither an ISO 8601 time");
        QTest::newRow("duration before year 0")
            << QStringLiteral("999999999d") << qint64(-1)
            << QStringLiteral("999999999d lies outside the years 0 to 9999");
        QTest::newRow("offset before year 1")
            << QStringLiteral("0001-01-01T00:30:00+01:00") << qint64(-1)
            << QStringLiteral("outside the years 0 to 9999");
    }

    void times()
    {
        QFETCH(QString, text);
        QFETCH(qint64, atMs);
        QFETCH(QString, error);
        QString why = QStringLiteral("stale");
        const auto at = parseTimeExpression(text, kNow, &why);
        if (atMs < 0) {
            QVERIFY(!at);
            QVERIFY2(why.contains(error), qPrintable(why));
            return;
        }
        QVERIFY2(at, qPrintable(why));
        QVERIFY(why.isEmpty());
        QCOMPARE(at->toMSecsSinceEpoch(), atMs);
        QCOMPARE(at->timeSpec(), Qt::UTC);
    }

    // The filter's before: is the same grammar, bare seconds included.
    void filterBeforeUsesTheOneGrammar_data() { times_data(); }

    void filterBeforeUsesTheOneGrammar()
    {
        QFETCH(QString, text);
        QFETCH(qint64, atMs);
        QFETCH(QString, error);
        QString why;
        const EntryFilter f = parseFilterQuery(QStringLiteral("before:") + text, kNow, &why);
        if (atMs < 0) {
            QVERIFY(f.isEmpty());
            QVERIFY2(why.startsWith(QStringLiteral("before:")) && why.contains(error),
                     qPrintable(why));
            return;
        }
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(f.syncedBefore.toMSecsSinceEpoch(), atMs);
    }

    void roundTrips_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("all") << QStringLiteral(
            "user:u cred:c exchange:BINGX env:DEMO state:invalid before:2025-06-15T12:00:00.000Z "
            "words here");
        QTest::newRow("quoted") << QStringLiteral("user:\"a b\" \"x:y\"");
        QTest::newRow("spaces in text") << QStringLiteral("\"a  b\"");
        QTest::newRow("backslash") << QStringLiteral("user:\"c:\\\\d\"");
        QTest::newRow("last printable year") << QStringLiteral("before:9999-12-31T23:59:59.999Z");
        QTest::newRow("long duration") << QStringLiteral("before:700000d");
        QTest::newRow("bare seconds") << QStringLiteral("before:90");
    }

    void roundTrips()
    {
        QFETCH(QString, query);
        QString error;
        const EntryFilter f = parseFilterQuery(query, kNow, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const EntryFilter g = parseFilterQuery(toFilterQuery(f), kNow, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error + QStringLiteral(" in ") + toFilterQuery(f)));
        QCOMPARE(g.userId, f.userId);
        QCOMPARE(g.credentialId, f.credentialId);
        QCOMPARE(g.exchange, f.exchange);
        QCOMPARE(g.environment, f.environment);
        QCOMPARE(g.state, f.state);
        QCOMPARE(g.syncedBefore, f.syncedBefore);
        QCOMPARE(g.text, f.text);
    }
};

QTEST_GUILESS_MAIN(TestFilterQuery)
#include "tst_filterquery.moc"
