// Result<T> built from a StoreError that is no error. Debug builds assert; this test checks the
// release builds' fallback, so it compiles the header without assertions whatever the build.
#ifndef QT_NO_DEBUG
#define QT_NO_DEBUG
#endif

#include "core/result.h"

#include <QTest>

using namespace cc;

class TestResult : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valueIsOk()
    {
        const Result<int> r(42);
        QVERIFY(r.ok());
        QCOMPARE(r.value(), 42);
        QCOMPARE(r.error().kind(), StoreError::NoError);
    }

    void errorIsKept()
    {
        const Result<int> r(StoreError(StoreError::Conflict, QStringLiteral("taken")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind(), StoreError::Conflict);
        QCOMPARE(r.error().message(), QStringLiteral("taken"));
        QCOMPARE(r.valueOr(7), 7);
    }

    void noErrorIsNeverAValue()
    {
        // Before the guard this Result said ok() and held no value: value() was undefined.
        const Result<QString> r{StoreError()};
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind(), StoreError::QueryFailed);
        QVERIFY(r.error().message().contains(QLatin1String("internal error")));
        QCOMPARE(r.valueOr(QStringLiteral("fallback")), QStringLiteral("fallback"));
    }
};

QTEST_GUILESS_MAIN(TestResult)
#include "tst_result.moc"
