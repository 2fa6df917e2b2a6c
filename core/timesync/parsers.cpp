#include "core/timesync/parsers.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace cc {

namespace {

// A short, printable excerpt of a body for error messages.
QString excerpt(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(80)).simplified();
    for (QChar &c : text) {
        if (!c.isPrint())
            c = QLatin1Char('?');
    }
    return body.size() > 80 ? text + QStringLiteral("…") : text;
}

// Parses the body as a JSON object or explains why it is not one.
std::optional<QJsonObject> jsonObject(const QByteArray &body, QString *error)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty()) {
        *error = QStringLiteral("the answer is empty");
        return std::nullopt;
    }
    if (trimmed.startsWith('<')) {
        *error = QStringLiteral("the answer is HTML, not JSON (an error page from a proxy or the "
                                "exchange?): \"%1\"")
                     .arg(excerpt(trimmed));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("the answer is not valid JSON (%1 at byte %2; truncated?): \"%3\"")
                     .arg(parseError.errorString())
                     .arg(parseError.offset)
                     .arg(excerpt(trimmed));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error =
            QStringLiteral("the answer is JSON but not an object: \"%1\"").arg(excerpt(trimmed));
        return std::nullopt;
    }
    return doc.object();
}

// A JSON value holding an integer, as a number or a string of digits. Doubles beyond 2^53
// lose precision, so nanosecond values must come as strings (as Bybit sends them).
std::optional<qint64> integer(const QJsonValue &value, bool *wasString = nullptr)
{
    if (wasString)
        *wasString = false;
    if (value.isString()) {
        const QString s = value.toString().trimmed();
        static const QRegularExpression digits(QStringLiteral("^-?\\d{1,19}$"));
        if (!digits.match(s).hasMatch())
            return std::nullopt;
        bool ok = false;
        const qint64 v = s.toLongLong(&ok);
        if (!ok)
            return std::nullopt;
        if (wasString)
            *wasString = true;
        return v;
    }
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d != d || d > 9.0e15 || d < -9.0e15 || d != double(qint64(d)))
            return std::nullopt;
        return qint64(d);
    }
    return std::nullopt;
}

// The unit a millisecond timestamp should be in, judged by its magnitude, so that a value in
// seconds or microseconds is named as such rather than reported as "far from local time".
QString unitGuess(qint64 value)
{
    const qint64 a = value < 0 ? -value : value;
    if (a >= 100'000'000'000'000'000LL)
        return QStringLiteral("nanoseconds");
    if (a >= 100'000'000'000'000LL)
        return QStringLiteral("microseconds");
    if (a >= 100'000'000'000LL)
        return QStringLiteral("milliseconds");
    if (a >= 100'000'000LL)
        return QStringLiteral("seconds");
    return QStringLiteral("no known unit");
}

ParsedTime accept(qint64 ms, double resolution, const QString &field, const QString &expectedUnit,
                  qint64 raw, qint64 localNowMs, qint64 maxSkewMs)
{
    ParsedTime r;
    const QString guessed = unitGuess(raw);
    if (guessed != expectedUnit) {
        r.error = QStringLiteral("%1 = %2 looks like %3, expected %4")
                      .arg(field)
                      .arg(raw)
                      .arg(guessed, expectedUnit);
        return r;
    }
    const qint64 skew = ms - localNowMs;
    if (skew > maxSkewMs || skew < -maxSkewMs) {
        r.error = QStringLiteral("%1 = %2 is %3 s away from local time; refusing an implausible "
                                 "server time (check the local clock or the host)")
                      .arg(field)
                      .arg(raw)
                      .arg(skew / 1000);
        return r;
    }
    r.time = ServerTime{ms, resolution, field};
    return r;
}

} // namespace

ParsedTime parseBybitServerTime(const QByteArray &body, qint64 localNowMs, qint64 maxSkewMs)
{
    ParsedTime r;
    const auto object = jsonObject(body, &r.error);
    if (!object)
        return r;
    const QJsonObject o = *object;
    if (!o.contains(QStringLiteral("retCode"))) {
        r.error = QStringLiteral("the answer has no retCode; not a Bybit v5 answer: \"%1\"")
                      .arg(excerpt(body));
        return r;
    }
    const auto code = integer(o.value(QStringLiteral("retCode")));
    if (!code || *code != 0) {
        r.error = QStringLiteral("Bybit answered retCode %1: %2")
                      .arg(o.value(QStringLiteral("retCode")).toVariant().toString(),
                           o.value(QStringLiteral("retMsg")).toString().left(200));
        return r;
    }
    const QJsonObject result = o.value(QStringLiteral("result")).toObject();
    bool wasString = false;
    if (result.contains(QStringLiteral("timeNano"))) {
        const auto ns = integer(result.value(QStringLiteral("timeNano")), &wasString);
        if (!ns || !wasString) {
            r.error = QStringLiteral("result.timeNano is not a string of digits");
            return r;
        }
        // Rounded to the nearest millisecond: off by at most half of one.
        const qint64 ms = *ns / 1'000'000 + (*ns % 1'000'000 >= 500'000 ? 1 : 0);
        return accept(ms, 0.5, QStringLiteral("result.timeNano"), QStringLiteral("nanoseconds"),
                      *ns, localNowMs, maxSkewMs);
    }
    if (o.contains(QStringLiteral("time"))) {
        const auto ms = integer(o.value(QStringLiteral("time")));
        if (!ms) {
            r.error = QStringLiteral("time is not an integer");
            return r;
        }
        return accept(*ms, 1, QStringLiteral("time"), QStringLiteral("milliseconds"), *ms,
                      localNowMs, maxSkewMs);
    }
    if (result.contains(QStringLiteral("timeSecond"))) {
        const auto s = integer(result.value(QStringLiteral("timeSecond")));
        if (!s) {
            r.error = QStringLiteral("result.timeSecond is not an integer");
            return r;
        }
        if (unitGuess(*s) != QLatin1String("seconds")) { // before scaling: no overflow
            r.error = QStringLiteral("result.timeSecond = %1 looks like %2, expected seconds")
                          .arg(*s)
                          .arg(unitGuess(*s));
            return r;
        }
        return accept(*s * 1000 + 500, 1000, QStringLiteral("result.timeSecond"),
                      QStringLiteral("seconds"), *s, localNowMs, maxSkewMs);
    }
    r.error =
        QStringLiteral("the answer has none of result.timeNano, time, result.timeSecond: \"%1\"")
            .arg(excerpt(body));
    return r;
}

ParsedTime parseBingxServerTime(const QByteArray &body, qint64 localNowMs, qint64 maxSkewMs)
{
    ParsedTime r;
    const auto object = jsonObject(body, &r.error);
    if (!object)
        return r;
    const QJsonObject o = *object;
    if (!o.contains(QStringLiteral("code"))) {
        r.error =
            QStringLiteral("the answer has no code; not a BingX answer: \"%1\"").arg(excerpt(body));
        return r;
    }
    const auto code = integer(o.value(QStringLiteral("code")));
    if (!code || *code != 0) {
        r.error = QStringLiteral("BingX answered code %1: %2")
                      .arg(o.value(QStringLiteral("code")).toVariant().toString(),
                           o.value(QStringLiteral("msg")).toString().left(200));
        return r;
    }
    const QJsonObject data = o.value(QStringLiteral("data")).toObject();
    for (const QString &field : {QStringLiteral("serverTime"), QStringLiteral("currentTime")}) {
        if (!data.contains(field))
            continue;
        const auto ms = integer(data.value(field));
        if (!ms) {
            r.error = QStringLiteral("data.%1 is not an integer").arg(field);
            return r;
        }
        return accept(*ms, 1, QStringLiteral("data.") + field, QStringLiteral("milliseconds"), *ms,
                      localNowMs, maxSkewMs);
    }
    r.error = QStringLiteral("the answer has neither data.serverTime nor data.currentTime: \"%1\"")
                  .arg(excerpt(body));
    return r;
}

ParsedTime parseServerTime(Exchange exchange, const QByteArray &body, qint64 localNowMs,
                           qint64 maxSkewMs)
{
    return exchange == Exchange::Bybit ? parseBybitServerTime(body, localNowMs, maxSkewMs)
                                       : parseBingxServerTime(body, localNowMs, maxSkewMs);
}

ApiAnswer parseApiAnswer(Exchange exchange, const QByteArray &body)
{
    ApiAnswer a;
    QString ignored;
    const auto object = jsonObject(body, &ignored);
    if (!object)
        return a;
    a.isJson = true;
    const QJsonObject o = *object;
    if (exchange == Exchange::Bybit) {
        a.code = integer(o.value(QStringLiteral("retCode"))).value_or(-1);
        a.message = o.value(QStringLiteral("retMsg")).toString();
        a.timestampRejected = a.code == 10002;
        static const QRegularExpression server(
            QStringLiteral("server_timestamp\\[(\\d{10,16})\\]"));
        const auto m = server.match(a.message);
        if (m.hasMatch())
            a.serverTimeMs = m.captured(1).toLongLong();
        else if (a.timestampRejected)
            a.serverTimeMs = integer(o.value(QStringLiteral("time")));
    } else {
        a.code = integer(o.value(QStringLiteral("code"))).value_or(-1);
        a.message = o.value(QStringLiteral("msg")).toString();
        a.timestampRejected = a.code == 100421;
        if (const auto t = integer(o.value(QStringLiteral("timestamp"))))
            a.serverTimeMs = *t;
    }
    return a;
}

} // namespace cc
