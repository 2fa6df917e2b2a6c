// The console's one-line filter syntax: keys, quoting, errors in words, and round trips.

#include "core/store/filterquery.h"

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
