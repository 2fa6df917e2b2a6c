#pragma once

#include <QList>
#include <QObject>
#include <QTest>
#include <QVariant>

namespace cc::test {

// A signal spy for a signal emitted in another thread (the console's StoreWorker).
//
// QSignalSpy (Qt 6.4) is wrong for that twice over: it appends from the emitting thread without
// a lock, and its wait() counts only emissions after wait() is entered, so an emission that wins
// the race against wait() is missed and the test waits out its timeout. tst_console_postgres's
// push test failed so in CI: the NOTIFY reached the worker before the test thread reached wait().
//
// ArrivalSpy receives each emission queued into the thread it lives in (the test's), so only
// that thread touches the list, and waitFor() waits for a count, whenever it was reached.
class ArrivalSpy : public QObject
{
public:
    template<typename Sender, typename Signal>
    ArrivalSpy(const Sender *sender, Signal signal)
    {
        connect(
            sender, signal, this,
            [this](const auto &...args) {
                m_arrivals.append(QVariantList{QVariant::fromValue(args)...});
            },
            Qt::QueuedConnection);
    }

    qsizetype count() const { return m_arrivals.size(); }
    const QVariantList &at(qsizetype i) const { return m_arrivals.at(i); }

    // True once `n` emissions in all have arrived, counting those before this call.
    bool waitFor(qsizetype n, int timeoutMs) const
    {
        return QTest::qWaitFor([&]() { return m_arrivals.size() >= n; }, timeoutMs);
    }

private:
    QList<QVariantList> m_arrivals;
};

} // namespace cc::test
