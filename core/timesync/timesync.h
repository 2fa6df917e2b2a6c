#pragma once

#include "core/clock.h"
#include "core/timesync/exchange.h"
#include "core/timesync/hostclock.h"
#include "core/timesync/parsers.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace cc {

// Local wall time is read to the millisecond (Clock::nowMs); the mapping of the monotonic
// clock onto it may be off by that much. Part of every error bound.
constexpr double kLocalClockResolutionMs = 1.0;

struct SyncOptions
{
    int samples = 5;                      // requests per sync
    int requestTimeoutMs = 3000;          // per request
    int totalTimeoutMs = 10000;           // the whole sync, whatever the samples
    qint64 maxSkewMs = kDefaultMaxSkewMs; // refuse server times further than this from local
};

// One request: local send and receive times (a monotonic clock mapped onto wall time) and the
// server's time.
struct SyncSample
{
    double t0Ms = 0;     // local wall time when the request left
    double t3Ms = 0;     // local wall time when the answer arrived
    qint64 serverMs = 0; // T
    double resolutionMs = 1;
    bool dropped = false; // a slow first sample (connection set-up), not used
    // The host's CLOCK_REALTIME - CLOCK_BOOTTIME when the answer arrived (see HostClockPair):
    // moves by exactly the size of a host clock step between two syncs.
    double realtimeMinusBoottimeMs = 0;
    double rttMs() const { return t3Ms - t0Ms; }
    double offsetMs() const { return double(serverMs) - (t0Ms + t3Ms) / 2.0; }
    double errorBoundMs() const { return rttMs() / 2.0 + resolutionMs; }
};

struct SyncResult
{
    enum class Error {
        None,
        Timeout, // no answer within the request or total limit
        ConnectionRefused,
        HostNotFound,
        Tls,
        ConnectionClosed,
        Network,       // any other transport failure
        Http,          // HTTP status >= 400
        BadAnswer,     // not JSON, truncated, missing field, wrong unit, implausible
        ExchangeError, // retCode / code not 0
        Cancelled,
    };

    Error error = Error::None;
    QString errorMessage; // "BYBIT api-testnet.bybit.com: connection refused"
    QString host;
    Exchange exchange = Exchange::Bybit;
    Environment environment = Environment::Testnet;

    qint64 offsetMs = 0; // server time minus local time, rounded
    double offsetExactMs = 0;
    double rttMs = 0; // of the sample used
    // The true offset lies within offsetMs ± this: the chosen sample's rtt / 2, the server
    // value's resolution, the local clock's resolution and the rounding to whole milliseconds.
    double errorBoundMs = 0;
    int samplesUsed = 0;
    int chosenSample = -1;              // index into samples of the one used
    qint64 serverTimeMs = 0;            // the chosen sample's server time
    double realtimeMinusBoottimeMs = 0; // the chosen sample's (see SyncSample)
    int requests = 0;                   // requests sent (including failed and dropped ones)
    QList<SyncSample> samples;
    qint64 finishedAtMs = 0;

    bool ok() const { return error == Error::None; }
};

// How uncertain an offset measured with errorBoundMs is ageMs later, when the two clocks may
// drift apart by up to driftMsPerHour: errorBound + age × drift.
double offsetUncertaintyMs(double errorBoundMs, qint64 ageMs, double driftMsPerHour);

// The timestamp a signed request carries: local time + offset − margin, the margin being the
// offset's uncertainty rounded up. Even at the far end of the bound the timestamp is then not
// ahead of the exchange's clock when the request leaves, so Bybit's "never 1 s ahead, whatever
// the recv window" holds with a full second to spare; the price is a lag of up to twice the
// uncertainty plus the request's transit, which must fit the recv window (see
// timestampFitsWindow).
qint64 signedRequestTimestampMs(qint64 localNowMs, qint64 offsetMs, double uncertaintyMs);
// Whether requests signed that way are accepted: 2 × uncertainty + transitMs inside the
// exchange's window (Bybit: the recv window; BingX: its symmetric window). When not, *why
// says so in words.
bool timestampFitsWindow(const ExchangeProfile &profile, double uncertaintyMs, int transitMs,
                         QString *why = nullptr);

// Measures the clock offset to an exchange: several samples on one keep-alive connection, each
// timed on a monotonic clock; offset = T - (t0 + t3) / 2, error bound = (t3 - t0) / 2 plus the
// server value's resolution; the sample with the smallest round trip wins (NTP's clock filter);
// a slow first sample (connection set-up) is dropped. Asynchronous: start(), then finished().
class TimeSync : public QObject
{
    Q_OBJECT

public:
    // `network` is not owned and must outlive the sync; null: the sync makes its own (a child)
    // when it first sends a request, so that a process that never syncs never builds one.
    explicit TimeSync(QNetworkAccessManager *network, const Clock *clock = Clock::system(),
                      QObject *parent = nullptr);
    ~TimeSync() override;

    void start(const ExchangeProfile &profile, const SyncOptions &options = SyncOptions());
    void cancel(); // finished() follows with Error::Cancelled
    // The clock pair read at each sample (default: the system's); tests inject host steps.
    // Not owned; must outlive the sync.
    void setHostClocks(const HostClockPair *clocks)
    {
        m_hostClocks = clocks ? clocks : HostClockPair::system();
    }
    bool isRunning() const { return m_running; }
    // The manager this sync sends through: the one it was given, else its own, made on the
    // first call.
    QNetworkAccessManager *network();

    // Picks the estimate from samples (exposed for tests): drops a slow first sample, keeps the
    // minimum round trip. Fills offset, rtt, bound and samplesUsed of *result.
    static void estimate(QList<SyncSample> *samples, SyncResult *result);

    // CLI / TEST CONVENIENCE ONLY. The blocking form: creates its own QNetworkAccessManager,
    // runs a local QEventLoop until the sync is done (bounded by options.totalTimeoutMs) and
    // returns the result. Never call it from a GUI thread or from production code that has an
    // event loop of its own: use start() and finished() there.
    static SyncResult runBlocking(const ExchangeProfile &profile,
                                  const SyncOptions &options = SyncOptions(),
                                  const Clock *clock = Clock::system());

Q_SIGNALS:
    void sampleTaken(const cc::SyncSample &sample);
    void finished(const cc::SyncResult &result);

private:
    void sendNext();
    void onReplyFinished();
    void onRequestTimeout();
    void finish(SyncResult::Error error, const QString &message);
    double wallNowMs() const;

    QNetworkAccessManager *m_network;
    const Clock *m_clock;
    const HostClockPair *m_hostClocks = HostClockPair::system();
    ExchangeProfile m_profile;
    SyncOptions m_options;
    SyncResult m_result;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_requestTimer;
    QTimer *m_totalTimer;
    QElapsedTimer m_mono;
    double m_wallAtStart = 0;
    double m_sentAt = 0;
    bool m_running = false;
    bool m_timedOut = false;
};

} // namespace cc

Q_DECLARE_METATYPE(cc::SyncSample)
Q_DECLARE_METATYPE(cc::SyncResult)
