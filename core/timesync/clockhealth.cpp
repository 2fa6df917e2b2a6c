#include "core/timesync/clockhealth.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace cc {

namespace {

struct SourceName
{
    SyncSource source;
    const char *name;
};
constexpr SourceName kSourceNames[] = {
    {SyncSource::Connector, "connector"},
    {SyncSource::Cli, "cli"},
    {SyncSource::Console, "console"},
    {SyncSource::Simulation, "simulation"},
};

struct OutcomeName
{
    SyncResult::Error error;
    const char *name;
};
constexpr OutcomeName kOutcomeNames[] = {
    {SyncResult::Error::None, "ok"},
    {SyncResult::Error::Timeout, "timeout"},
    {SyncResult::Error::ConnectionRefused, "connection-refused"},
    {SyncResult::Error::HostNotFound, "host-not-found"},
    {SyncResult::Error::Tls, "tls"},
    {SyncResult::Error::ConnectionClosed, "connection-closed"},
    {SyncResult::Error::Network, "network"},
    {SyncResult::Error::Http, "http"},
    {SyncResult::Error::BadAnswer, "bad-answer"},
    {SyncResult::Error::ExchangeError, "exchange-error"},
    {SyncResult::Error::Cancelled, "cancelled"},
};

// One ok sync of a series.
struct Point
{
    qint64 t = 0;
    double offset = 0;
    double bound = 0;
    double hostDelta = 0; // REALTIME - BOOTTIME
    QString bootId;
    QString identity;
};

// The change between two consecutive syncs.
struct Interval
{
    double dt = 0;       // ms
    double change = 0;   // offset change
    double bounds = 0;   // both error bounds
    double hostStep = 0; // how far REALTIME - BOOTTIME moved (0 across a reboot)
    bool reboot = false;
    bool isHostStep = false;
    // The change with the host's own step taken out: what the exchange's clock and the drift
    // did. Across a reboot the host part cannot be told apart, so the whole change.
    double exchangeChange() const { return reboot ? change : change + hostStep; }
};

struct LineFit
{
    bool ok = false;
    double slope = 0;   // ms per ms
    double slopeSe = 0; // one standard error
    double atLast = 0;  // the line at the last point's time
};

// Error-bound-weighted least squares with Huber weights: each point counts with 1 / sigma^2,
// sigma = bound / sqrt(3) (a uniform error within ±bound), and a point further from the line
// than its own bound counts bound / |residual| as much. One slope, one level per segment (a step
// or a reboot starts a new segment: its size is fitted, not assumed). The slope's standard error
// is the formal one, scaled up by the reduced chi-square when the scatter exceeds what the
// bounds say.
LineFit fitLine(const std::vector<double> &t, const std::vector<double> &y,
                const std::vector<double> &bounds, const std::vector<int> &segment)
{
    LineFit fit;
    const size_t n = t.size();
    if (n < 2)
        return fit;
    const int segments = segment.back() + 1;
    std::vector<double> base(n);
    std::vector<double> huber(n, 1.0);
    for (size_t i = 0; i < n; ++i) {
        const double b = std::max(bounds[i], 0.05);
        base[i] = 3.0 / (b * b);
    }
    double slope = 0;
    double stt = 0;
    std::vector<double> level(size_t(segments), 0.0);
    for (int iteration = 0; iteration < 30; ++iteration) {
        std::vector<double> sw(size_t(segments), 0.0);
        std::vector<double> swt(size_t(segments), 0.0);
        std::vector<double> swy(size_t(segments), 0.0);
        for (size_t i = 0; i < n; ++i) {
            const double w = base[i] * huber[i];
            const auto j = size_t(segment[i]);
            sw[j] += w;
            swt[j] += w * t[i];
            swy[j] += w * y[i];
        }
        stt = 0;
        double sty = 0;
        for (size_t i = 0; i < n; ++i) {
            const double w = base[i] * huber[i];
            const auto j = size_t(segment[i]);
            const double dt = t[i] - swt[j] / sw[j];
            stt += w * dt * dt;
            sty += w * dt * (y[i] - swy[j] / sw[j]);
        }
        if (!(stt > 0))
            return fit;
        slope = sty / stt;
        for (size_t j = 0; j < size_t(segments); ++j)
            level[j] = sw[j] > 0 ? (swy[j] - slope * swt[j]) / sw[j] : 0.0;
        double change = 0;
        for (size_t i = 0; i < n; ++i) {
            const double r = std::abs(y[i] - (level[size_t(segment[i])] + slope * t[i]));
            const double b = std::max(bounds[i], 0.05);
            const double h = r > b ? b / r : 1.0;
            change = std::max(change, std::abs(h - huber[i]));
            huber[i] = h;
        }
        if (change < 1e-6)
            break;
    }
    double chi2 = 0;
    for (size_t i = 0; i < n; ++i) {
        const double r = y[i] - (level[size_t(segment[i])] + slope * t[i]);
        chi2 += base[i] * huber[i] * r * r;
    }
    const int dof = int(n) - segments - 1;
    const double reduced = dof > 0 ? chi2 / double(dof) : 0.0;
    fit.ok = true;
    fit.slope = slope;
    fit.slopeSe = std::sqrt(1.0 / stt) * std::sqrt(std::max(1.0, reduced));
    fit.atLast = level[size_t(segment.back())] + slope * t.back();
    return fit;
}

// The weighted median of values (weights > 0); 0 when there are none.
double weightedMedian(std::vector<std::pair<double, double>> valueWeight)
{
    if (valueWeight.empty())
        return 0;
    std::sort(valueWeight.begin(), valueWeight.end());
    double total = 0;
    for (const auto &vw : valueWeight)
        total += vw.second;
    double running = 0;
    for (const auto &vw : valueWeight) {
        running += vw.second;
        if (running >= total / 2)
            return vw.first;
    }
    return valueWeight.back().first;
}

std::vector<Point> okPoints(const QList<SyncLogRecord> &series)
{
    std::vector<Point> points;
    for (const SyncLogRecord &r : series) {
        if (!r.isOkSync())
            continue;
        points.push_back({r.atMs, double(r.offsetMs), r.errorBoundMs, r.realtimeMinusBoottimeMs,
                          r.bootId, r.identity});
    }
    std::stable_sort(points.begin(), points.end(),
                     [](const Point &a, const Point &b) { return a.t < b.t; });
    return points;
}

// Everything analyzeSeries and estimateDrift share.
struct SeriesFit
{
    std::vector<Point> points;
    std::vector<Interval> intervals; // intervals[i]: from points[i] to points[i + 1]
    std::vector<bool> exchangeStep;  // per interval
    LineFit line;
    bool stepsJudged = false;
};

double tolerance(const Interval &iv, double slopeSe, const ClockHealthOptions &options)
{
    return iv.bounds + 3.0 * slopeSe * iv.dt + options.minStepMs;
}

SeriesFit fitSeries(const QList<SyncLogRecord> &series, const ClockHealthOptions &options)
{
    SeriesFit s;
    s.points = okPoints(series);
    const size_t n = s.points.size();
    if (n < 2)
        return s;
    for (size_t i = 0; i + 1 < n; ++i) {
        const Point &a = s.points[i];
        const Point &b = s.points[i + 1];
        Interval iv;
        iv.change = b.offset - a.offset;
        iv.bounds = a.bound + b.bound;
        iv.reboot = !a.bootId.isEmpty() && !b.bootId.isEmpty() && a.bootId != b.bootId;
        if (!iv.reboot) {
            iv.hostStep = b.hostDelta - a.hostDelta;
            iv.isHostStep = std::abs(iv.hostStep) > options.hostStepToleranceMs;
            if (!iv.isHostStep)
                iv.hostStep = 0; // within the tolerance: reading noise, not a step
        }
        // The sync times are the host's wall clock: a host step moved them too.
        iv.dt = std::max(1.0, double(b.t - a.t) - iv.hostStep);
        s.intervals.push_back(iv);
    }
    const size_t m = s.intervals.size();
    s.stepsJudged = int(n) >= std::max(3, options.minStepSyncs);

    // A first, robust slope: the weighted median of the interval slopes (a step spoils only
    // the one interval it falls in), each weighted by its precision (dt / bounds)^2.
    std::vector<bool> breaks(m);
    std::vector<std::pair<double, double>> slopes;
    for (size_t i = 0; i < m; ++i) {
        const Interval &iv = s.intervals[i];
        breaks[i] = iv.reboot;
        if (iv.reboot)
            continue;
        const double b = std::max(iv.bounds, 0.1);
        slopes.emplace_back(iv.exchangeChange() / iv.dt, (iv.dt / b) * (iv.dt / b));
    }
    double slope = weightedMedian(slopes);
    double slopeSe = 0;
    if (s.stepsJudged) {
        for (size_t i = 0; i < m; ++i) {
            const Interval &iv = s.intervals[i];
            breaks[i] = iv.reboot || std::abs(iv.exchangeChange() - slope * iv.dt) >
                                         tolerance(iv, slopeSe, options);
        }
    }

    // Then the fit: one slope, a level of its own after every step and reboot, host steps
    // taken out by what the clock pair says (the series is built backwards from the latest
    // sync, so the line stands at today's level); judged again with the fitted slope until the
    // set of steps no longer changes.
    std::vector<double> t(n);
    std::vector<double> y(n);
    std::vector<double> bounds(n);
    y[n - 1] = s.points[n - 1].offset;
    t[n - 1] = 0;
    for (size_t k = n - 1; k > 0; --k) {
        const Interval &iv = s.intervals[k - 1];
        y[k - 1] = s.points[k - 1].offset + (y[k] - s.points[k].offset) - iv.hostStep;
        t[k - 1] = t[k] - iv.dt;
    }
    for (size_t k = 0; k < n; ++k)
        bounds[k] = s.points[k].bound;
    for (int iteration = 0; iteration < 8; ++iteration) {
        std::vector<int> segment(n, 0);
        for (size_t k = 1; k < n; ++k)
            segment[k] = segment[k - 1] + (breaks[k - 1] ? 1 : 0);
        s.line = fitLine(t, y, bounds, segment);
        if (!s.line.ok)
            break;
        slope = s.line.slope;
        slopeSe = s.line.slopeSe;
        if (!s.stepsJudged)
            break;
        std::vector<bool> next(m);
        for (size_t i = 0; i < m; ++i) {
            const Interval &iv = s.intervals[i];
            next[i] = iv.reboot || std::abs(iv.exchangeChange() - slope * iv.dt) >
                                       tolerance(iv, slopeSe, options);
        }
        if (next == breaks)
            break;
        breaks = next;
    }
    s.exchangeStep.assign(m, false);
    if (s.stepsJudged) {
        for (size_t i = 0; i < m; ++i)
            s.exchangeStep[i] = breaks[i] && !s.intervals[i].reboot;
    }
    return s;
}

DriftEstimate driftOf(const SeriesFit &s, const ClockHealthOptions &options)
{
    DriftEstimate d;
    const size_t n = s.points.size();
    d.syncs = int(n);
    if (n == 0)
        return d;
    d.spanMs = s.points.back().t - s.points.front().t;
    d.refMs = s.points.back().t;
    d.offsetAtRefMs = s.points.back().offset;
    for (size_t i = 0; i < s.intervals.size(); ++i) {
        if (s.intervals[i].reboot || s.exchangeStep[i] || s.intervals[i].isHostStep)
            ++d.stepsRemoved;
    }
    if (!s.line.ok)
        return d;
    d.fitted = true;
    d.ppm = s.line.slope * 1e6;
    d.ppmError = 3.0 * s.line.slopeSe * 1e6;
    d.offsetAtRefMs = s.line.atLast;
    d.known = int(n) >= std::max(2, options.minDriftSyncs) && d.spanMs >= options.minDriftSpanMs;
    return d;
}

QStringList touchedIdentities(const std::vector<Point> &points, size_t revealing,
                              const ClockHealthOptions &options)
{
    QStringList ids;
    const qint64 from = points[revealing - 1].t - options.touchLookbackMs;
    for (size_t k = 0; k < revealing; ++k) {
        if (points[k].t >= from && !ids.contains(points[k].identity))
            ids << points[k].identity;
    }
    if (!ids.contains(points[revealing].identity))
        ids << points[revealing].identity;
    ids.removeAll(QString());
    return ids;
}

QJsonValue isoOrNull(qint64 ms)
{
    if (ms <= 0)
        return QJsonValue();
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonValue nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

bool keyLess(const ClockSeriesKey &a, const ClockSeriesKey &b)
{
    if (a.exchange != b.exchange)
        return int(a.exchange) < int(b.exchange);
    if (a.environment != b.environment)
        return int(a.environment) < int(b.environment);
    if (a.hostName != b.hostName)
        return a.hostName < b.hostName;
    return a.baseUrl < b.baseUrl;
}

} // namespace

QString syncSourceName(SyncSource source)
{
    for (const SourceName &s : kSourceNames) {
        if (s.source == source)
            return QString::fromLatin1(s.name);
    }
    return QString();
}

std::optional<SyncSource> syncSourceFromName(const QString &name)
{
    for (const SourceName &s : kSourceNames) {
        if (name.compare(QLatin1String(s.name), Qt::CaseInsensitive) == 0)
            return s.source;
    }
    return std::nullopt;
}

QString syncOutcomeName(SyncResult::Error error)
{
    for (const OutcomeName &o : kOutcomeNames) {
        if (o.error == error)
            return QString::fromLatin1(o.name);
    }
    return QString();
}

std::optional<SyncResult::Error> syncOutcomeFromName(const QString &name)
{
    for (const OutcomeName &o : kOutcomeNames) {
        if (name.compare(QLatin1String(o.name), Qt::CaseInsensitive) == 0)
            return o.error;
    }
    return std::nullopt;
}

SyncLogRecord SyncLogRecord::fromSync(const SyncResult &result, const QString &identity,
                                      const QString &baseUrl, SyncSource source,
                                      const HostInfo &host)
{
    SyncLogRecord r;
    r.kind = Kind::Sync;
    r.atMs = result.finishedAtMs;
    r.identity = identity;
    r.exchange = result.exchange;
    r.environment = result.environment;
    r.baseUrl = baseUrl;
    r.source = source;
    r.outcome = result.error;
    r.errorMessage = result.errorMessage;
    r.offsetMs = result.offsetMs;
    r.rttMs = result.rttMs;
    r.errorBoundMs = result.errorBoundMs;
    r.samples = result.samplesUsed;
    r.hostName = host.hostName;
    r.bootId = host.bootId;
    r.realtimeMinusBoottimeMs = result.ok() && result.chosenSample >= 0
                                    ? result.realtimeMinusBoottimeMs
                                    : host.realtimeMinusBoottimeMs;
    r.serverTimeMs = result.serverTimeMs;
    return r;
}

SyncLogRecord SyncLogRecord::fromRejection(qint64 atMs, const QString &identity, Exchange exchange,
                                           Environment environment, const QString &baseUrl,
                                           SyncSource source, int errorCode, qint64 serverTimeMs,
                                           qint64 signedOffsetMs, const HostInfo &host)
{
    SyncLogRecord r;
    r.kind = Kind::Rejection;
    r.atMs = atMs;
    r.identity = identity;
    r.exchange = exchange;
    r.environment = environment;
    r.baseUrl = baseUrl;
    r.source = source;
    r.errorCode = errorCode;
    r.serverTimeMs = serverTimeMs;
    r.offsetMs = signedOffsetMs;
    r.hostName = host.hostName;
    r.bootId = host.bootId;
    r.realtimeMinusBoottimeMs = host.realtimeMinusBoottimeMs;
    r.errorMessage = QStringLiteral("timestamp rejected with code %1 (server time %2)")
                         .arg(errorCode)
                         .arg(serverTimeMs);
    return r;
}

ClockSeriesKey ClockSeriesKey::of(const SyncLogRecord &record)
{
    return {record.hostName, record.exchange, record.environment, record.baseUrl};
}

bool ClockSeriesKey::operator==(const ClockSeriesKey &other) const
{
    return hostName == other.hostName && exchange == other.exchange &&
           environment == other.environment && baseUrl == other.baseUrl;
}

double DriftEstimate::planningMsPerHour() const
{
    if (!known)
        return kDefaultDriftMsPerHour;
    return (std::abs(ppm) + ppmError) * kMsPerHourPerPpm;
}

QString clockEventKindName(ClockEventKind kind)
{
    switch (kind) {
    case ClockEventKind::ExchangeStep:
        return QStringLiteral("exchange-step");
    case ClockEventKind::HostStep:
        return QStringLiteral("host-step");
    case ClockEventKind::Reboot:
        return QStringLiteral("reboot");
    case ClockEventKind::Rejection:
        return QStringLiteral("rejection");
    }
    return QString();
}

DriftEstimate estimateDrift(const QList<SyncLogRecord> &series, const ClockHealthOptions &options)
{
    return driftOf(fitSeries(series, options), options);
}

SeriesHealth analyzeSeries(const QList<SyncLogRecord> &series, const ClockHealthOptions &options)
{
    SeriesHealth health;
    QSet<QString> seen;
    for (const SyncLogRecord &r : series) {
        if (r.kind == SyncLogRecord::Kind::Sync && !r.isOkSync())
            ++health.failedSyncs;
        if (r.kind == SyncLogRecord::Kind::Sync && !r.identity.isEmpty() &&
            !seen.contains(r.identity)) {
            seen.insert(r.identity);
            health.identities << r.identity;
        }
    }
    if (!series.isEmpty())
        health.key = ClockSeriesKey::of(series.first());
    const SeriesFit s = fitSeries(series, options);
    health.drift = driftOf(s, options);
    health.syncs = int(s.points.size());
    if (s.points.empty())
        return health;
    health.firstSyncAtMs = s.points.front().t;
    health.lastSyncAtMs = s.points.back().t;
    health.latestOffsetMs = qint64(std::llround(s.points.back().offset));
    health.latestErrorBoundMs = s.points.back().bound;
    const double slope = s.line.ok ? s.line.slope : 0.0;
    const double slopeSe = s.line.ok ? s.line.slopeSe : 0.0;
    for (size_t i = 0; i < s.intervals.size(); ++i) {
        const Interval &iv = s.intervals[i];
        // Only events need the touched credentials (a scan back over the series per interval
        // made a day of syncs of many credentials take minutes).
        if (!iv.reboot && !iv.isHostStep && !s.exchangeStep[i])
            continue;
        ClockEvent e;
        e.atMs = s.points[i + 1].t;
        e.afterMs = s.points[i].t;
        e.exchange = health.key.exchange;
        e.environment = health.key.environment;
        e.hostName = health.key.hostName;
        e.baseUrl = health.key.baseUrl;
        e.hosts = QStringList{health.key.hostName};
        e.identities = touchedIdentities(s.points, i + 1, options);
        e.toleranceMs = tolerance(iv, slopeSe, options);
        const double residual = iv.exchangeChange() - slope * iv.dt;
        if (iv.reboot) {
            e.kind = ClockEventKind::Reboot;
            e.deltaMs = residual;
            health.events << e;
            continue;
        }
        if (iv.isHostStep) {
            ClockEvent h = e;
            h.kind = ClockEventKind::HostStep;
            h.deltaMs = -iv.hostStep;
            h.toleranceMs = options.hostStepToleranceMs;
            health.events << h;
        }
        if (s.exchangeStep[i]) {
            e.kind = ClockEventKind::ExchangeStep;
            e.deltaMs = residual;
            health.events << e;
        }
    }
    return health;
}

QList<ClockEvent> groupExchangeEvents(const QList<SeriesHealth> &series,
                                      const ClockHealthOptions &options)
{
    struct Candidate
    {
        ClockEvent event;
        int series;
    };
    QList<ClockEvent> out;
    std::vector<Candidate> steps;
    for (int k = 0; k < series.size(); ++k) {
        for (const ClockEvent &e : series.at(k).events) {
            if (e.kind == ClockEventKind::ExchangeStep && !e.exchangeWide)
                steps.push_back({e, k});
            else
                out << e;
        }
    }
    std::stable_sort(steps.begin(), steps.end(), [](const Candidate &a, const Candidate &b) {
        return a.event.atMs < b.event.atMs;
    });
    const qint64 w = options.exchangeEventWindowMs;
    std::vector<bool> used(steps.size(), false);
    for (size_t i = 0; i < steps.size(); ++i) {
        if (used[i])
            continue;
        const ClockEvent &first = steps[i].event;
        // The moment every member's step could have happened at (within the window's slack).
        qint64 lo = first.afterMs - w;
        qint64 hi = first.atMs + w;
        std::vector<size_t> members{i};
        QList<int> memberSeries{steps[i].series};
        for (size_t j = i + 1; j < steps.size(); ++j) {
            const ClockEvent &e = steps[j].event;
            if (used[j] || e.exchange != first.exchange || e.environment != first.environment ||
                memberSeries.contains(steps[j].series) || (e.deltaMs > 0) != (first.deltaMs > 0))
                continue;
            const qint64 elo = std::max(lo, e.afterMs - w);
            const qint64 ehi = std::min(hi, e.atMs + w);
            if (elo > ehi)
                continue;
            lo = elo;
            hi = ehi;
            members.push_back(j);
            memberSeries << steps[j].series;
        }
        // The series of this exchange/environment that synced across that moment.
        int active = 0;
        for (const SeriesHealth &sh : series) {
            if (sh.key.exchange != first.exchange || sh.key.environment != first.environment ||
                sh.syncs < 2)
                continue;
            if (sh.firstSyncAtMs <= hi && sh.lastSyncAtMs >= lo)
                ++active;
        }
        const int count = int(members.size());
        if (count >= options.exchangeEventMinSeries &&
            double(count) > options.exchangeEventShare * double(std::max(active, count))) {
            ClockEvent wide = first;
            wide.exchangeWide = true;
            wide.hostName.clear();
            wide.hosts.clear();
            wide.identities.clear();
            wide.seenBy = count;
            std::vector<double> deltas;
            for (size_t m : members) {
                used[m] = true;
                const ClockEvent &e = steps[m].event;
                wide.atMs = std::min(wide.atMs, e.atMs);
                wide.afterMs = std::max(wide.afterMs, e.afterMs);
                wide.toleranceMs = std::max(wide.toleranceMs, e.toleranceMs);
                if (e.baseUrl != wide.baseUrl)
                    wide.baseUrl.clear();
                for (const QString &h : e.hosts) {
                    if (!wide.hosts.contains(h))
                        wide.hosts << h;
                }
                for (const QString &id : e.identities) {
                    if (!wide.identities.contains(id))
                        wide.identities << id;
                }
                deltas.push_back(e.deltaMs);
            }
            std::sort(deltas.begin(), deltas.end());
            const size_t mid = deltas.size() / 2;
            wide.deltaMs = deltas.size() % 2 ? deltas[mid] : (deltas[mid - 1] + deltas[mid]) / 2;
            wide.afterMs = std::min(wide.afterMs, wide.atMs);
            out << wide;
        } else {
            used[i] = true;
            out << first;
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const ClockEvent &a, const ClockEvent &b) { return a.atMs < b.atMs; });
    return out;
}

QList<ClockEvent> rejectionEvents(const QList<SyncLogRecord> &log)
{
    QList<ClockEvent> events;
    for (const SyncLogRecord &r : log) {
        if (r.kind != SyncLogRecord::Kind::Rejection)
            continue;
        ClockEvent e;
        e.kind = ClockEventKind::Rejection;
        e.atMs = r.atMs;
        e.afterMs = r.atMs;
        e.exchange = r.exchange;
        e.environment = r.environment;
        e.hostName = r.hostName;
        e.baseUrl = r.baseUrl;
        e.hosts = QStringList{r.hostName};
        if (!r.identity.isEmpty())
            e.identities = QStringList{r.identity};
        e.deltaMs = double(r.serverTimeMs - (r.atMs + r.offsetMs));
        e.errorCode = r.errorCode;
        events << e;
    }
    return events;
}

ClockHealthReport analyzeClockHealth(const QList<SyncLogRecord> &log,
                                     const ClockHealthOptions &options)
{
    QList<ClockSeriesKey> keys;
    QList<QList<SyncLogRecord>> records;
    for (const SyncLogRecord &r : log) {
        if (r.kind != SyncLogRecord::Kind::Sync)
            continue;
        const ClockSeriesKey key = ClockSeriesKey::of(r);
        const qsizetype at = keys.indexOf(key);
        if (at < 0) {
            keys << key;
            records << QList<SyncLogRecord>{r};
        } else {
            records[at] << r;
        }
    }
    std::vector<int> order(size_t(keys.size()));
    for (int i = 0; i < keys.size(); ++i)
        order[size_t(i)] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return keyLess(keys.at(a), keys.at(b)); });
    ClockHealthReport report;
    for (int i : order) {
        SeriesHealth health = analyzeSeries(records.at(i), options);
        health.key = keys.at(i);
        report.series << health;
    }
    report.events = groupExchangeEvents(report.series, options) + rejectionEvents(log);
    std::stable_sort(report.events.begin(), report.events.end(),
                     [](const ClockEvent &a, const ClockEvent &b) { return a.atMs < b.atMs; });
    return report;
}

double aheadMarginMs(double errorBoundMs, qint64 ageMs, double driftMsPerHour, double aheadLimitMs)
{
    return aheadLimitMs - offsetUncertaintyMs(errorBoundMs, ageMs, std::abs(driftMsPerHour));
}

TtlChoice adaptiveTtl(double errorBoundMs, const DriftEstimate &drift,
                      const AdaptiveTtlOptions &options)
{
    TtlChoice choice;
    const qint64 minTtl = std::max<qint64>(1, options.minTtlMs);
    const qint64 maxTtl = std::max(minTtl, options.maxTtlMs);
    if (!drift.known) {
        choice.ttlMs = options.fixedTtlMs;
        choice.adaptive = false;
        choice.marginAtExpiryMs =
            aheadMarginMs(errorBoundMs, choice.ttlMs, kDefaultDriftMsPerHour, options.aheadLimitMs);
        choice.safetyHeld = choice.marginAtExpiryMs >= options.safetyMs;
        choice.reason = QStringLiteral("drift not known yet (%1 syncs over %2 min): the fixed TTL")
                            .arg(drift.syncs)
                            .arg(drift.spanMs / 60'000);
        return choice;
    }
    choice.adaptive = true;
    const double msPerHour = drift.planningMsPerHour();
    const double budget = options.aheadLimitMs - options.safetyMs - errorBoundMs;
    qint64 ttl = maxTtl;
    if (msPerHour > 0) {
        const double allowed = std::floor(budget / msPerHour * 3'600'000.0);
        ttl = allowed >= double(maxTtl) ? maxTtl : qint64(std::max(0.0, allowed));
    }
    if (budget < 0 || ttl < minTtl) {
        choice.ttlMs = minTtl;
        choice.safetyHeld = false;
    } else {
        choice.ttlMs = std::min(ttl, maxTtl);
    }
    choice.marginAtExpiryMs =
        aheadMarginMs(errorBoundMs, choice.ttlMs, msPerHour, options.aheadLimitMs);
    if (choice.marginAtExpiryMs < options.safetyMs)
        choice.safetyHeld = false;
    choice.reason = QStringLiteral("drift %1 ± %2 ppm (%3 ms/h), bound %4 ms: margin %5 ms "
                                   "after %6 s%7")
                        .arg(drift.ppm, 0, 'f', 1)
                        .arg(drift.ppmError, 0, 'f', 1)
                        .arg(msPerHour, 0, 'f', 1)
                        .arg(errorBoundMs, 0, 'f', 1)
                        .arg(choice.marginAtExpiryMs, 0, 'f', 0)
                        .arg(choice.ttlMs / 1000)
                        .arg(choice.safetyHeld ? QString()
                                               : QStringLiteral(" (below the safety even at "
                                                                "the minimum TTL)"));
    return choice;
}

QJsonObject toJson(const SeriesHealth &series)
{
    const bool fitted = series.drift.fitted;
    return QJsonObject{
        {QStringLiteral("exchange"), exchangeName(series.key.exchange)},
        {QStringLiteral("environment"), environmentName(series.key.environment)},
        {QStringLiteral("host"), series.key.hostName},
        {QStringLiteral("baseUrl"), nullIfEmpty(series.key.baseUrl)},
        {QStringLiteral("offsetMs"), series.latestOffsetMs},
        {QStringLiteral("errorBoundMs"), series.latestErrorBoundMs},
        {QStringLiteral("driftKnown"), series.drift.known},
        {QStringLiteral("driftPpm"), fitted ? QJsonValue(series.drift.ppm) : QJsonValue()},
        {QStringLiteral("driftPpmError"),
         fitted ? QJsonValue(series.drift.ppmError) : QJsonValue()},
        {QStringLiteral("syncs"), series.syncs},
        {QStringLiteral("failedSyncs"), series.failedSyncs},
        {QStringLiteral("lastSyncAt"), isoOrNull(series.lastSyncAtMs)},
        {QStringLiteral("identities"), QJsonArray::fromStringList(series.identities)},
    };
}

QJsonObject toJson(const ClockEvent &event)
{
    QJsonObject o{
        {QStringLiteral("at"), isoOrNull(event.atMs)},
        {QStringLiteral("after"), isoOrNull(event.afterMs)},
        {QStringLiteral("kind"), clockEventKindName(event.kind)},
        {QStringLiteral("exchange"), exchangeName(event.exchange)},
        {QStringLiteral("environment"), environmentName(event.environment)},
        {QStringLiteral("host"), nullIfEmpty(event.hostName)},
        {QStringLiteral("baseUrl"), nullIfEmpty(event.baseUrl)},
        {QStringLiteral("deltaMs"), event.deltaMs},
        {QStringLiteral("toleranceMs"), event.toleranceMs},
        {QStringLiteral("exchangeWide"), event.exchangeWide},
        {QStringLiteral("seenBy"), event.seenBy},
        {QStringLiteral("hosts"), QJsonArray::fromStringList(event.hosts)},
        {QStringLiteral("identities"), QJsonArray::fromStringList(event.identities)},
    };
    if (event.kind == ClockEventKind::Rejection)
        o.insert(QStringLiteral("errorCode"), event.errorCode);
    return o;
}

QJsonObject toJson(const ClockHealthReport &report)
{
    QJsonArray groups;
    for (const SeriesHealth &s : report.series)
        groups.append(toJson(s));
    QJsonArray events;
    for (const ClockEvent &e : report.events)
        events.append(toJson(e));
    return QJsonObject{{QStringLiteral("groups"), groups}, {QStringLiteral("events"), events}};
}

QJsonObject toJson(const SyncLogRecord &record)
{
    const bool rejection = record.kind == SyncLogRecord::Kind::Rejection;
    QJsonObject o{
        {QStringLiteral("at"), isoOrNull(record.atMs)},
        {QStringLiteral("kind"), rejection ? QStringLiteral("rejection") : QStringLiteral("sync")},
        {QStringLiteral("identity"), nullIfEmpty(record.identity)},
        {QStringLiteral("exchange"), exchangeName(record.exchange)},
        {QStringLiteral("environment"), environmentName(record.environment)},
        {QStringLiteral("baseUrl"), nullIfEmpty(record.baseUrl)},
        {QStringLiteral("source"), syncSourceName(record.source)},
        {QStringLiteral("outcome"),
         rejection ? QStringLiteral("rejected") : syncOutcomeName(record.outcome)},
        {QStringLiteral("error"), nullIfEmpty(record.errorMessage)},
        {QStringLiteral("offsetMs"), record.offsetMs},
        {QStringLiteral("rttMs"), record.rttMs},
        {QStringLiteral("errorBoundMs"), record.errorBoundMs},
        {QStringLiteral("samples"), record.samples},
        {QStringLiteral("host"), nullIfEmpty(record.hostName)},
        {QStringLiteral("bootId"), nullIfEmpty(record.bootId)},
        {QStringLiteral("realtimeMinusBoottimeMs"), record.realtimeMinusBoottimeMs},
        {QStringLiteral("serverTime"), isoOrNull(record.serverTimeMs)},
    };
    if (rejection)
        o.insert(QStringLiteral("errorCode"), record.errorCode);
    return o;
}

} // namespace cc
