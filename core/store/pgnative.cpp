#include "core/store/pgnative.h"

#include "core/store/deadline.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QSqlDriver>

#include <libpq-fe.h>

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <poll.h>
#include <vector>

namespace cc::pgnative {

namespace {

constexpr char kUndefinedStatement[] = "26000"; // e.g. DISCARD ALL by a pooler in between

// Type OIDs (pg_type.h) of the result columns Row reads in binary.
constexpr Oid kBool = 16, kName = 19, kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25,
              kBpchar = 1042, kVarchar = 1043, kTimestamp = 1114, kTimestampTz = 1184;
// PostgreSQL's timestamps count microseconds from 2000-01-01 00:00:00 UTC.
constexpr qint64 kPgEpochMs = 946684800000;

// Whether sql is a plain SELECT (our statements' first word; a WITH may write).
bool isSelect(const QString &sql)
{
    qsizetype i = 0;
    while (i < sql.size() && sql.at(i).isSpace())
        ++i;
    return sql.mid(i, 7).compare(QLatin1String("SELECT "), Qt::CaseInsensitive) == 0;
}

bool readable(Oid type)
{
    switch (type) {
    case kBool:
    case kName:
    case kInt8:
    case kInt2:
    case kInt4:
    case kText:
    case kBpchar:
    case kVarchar:
    case kTimestamp:
    case kTimestampTz:
        return true;
    default:
        return false;
    }
}

qint64 bigEndian(const char *bytes, int length)
{
    quint64 v = 0;
    for (int i = 0; i < length; ++i)
        v = (v << 8) | quint8(bytes[i]);
    // Sign-extend the narrower integers.
    if (length > 0 && length < 8 && (quint8(bytes[0]) & 0x80))
        v |= ~quint64(0) << (8 * length);
    return qint64(v);
}

struct ResultDeleter
{
    void operator()(PGresult *r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// Waits (waitUntilReady()) for the statement sent last to finish and returns its last result
// (null when the connection broke before it or the wait failed).
ResultPtr awaitResult(PGconn *conn, const QDeadlineTimer &giveUp, bool *timedOut)
{
    ResultPtr last;
    for (;;) {
        switch (waitUntilReady(conn, giveUp, timedOut)) {
        case Wait::Ready:
            break;
        case Wait::Broken:
            return last;
        case Wait::Failed:
            return ResultPtr();
        }
        PGresult *r = PQgetResult(conn);
        if (!r)
            return last;
        last.reset(r);
        if (PQstatus(conn) == CONNECTION_BAD)
            return last;
    }
}

// Parses text as the statement `name` ("": the unnamed one) and describes it, in one pipeline
// under one Sync (one round trip); the description, or null with *error set.
ResultPtr prepareAndDescribe(PGconn *conn, const char *name, const QByteArray &text,
                             const QDeadlineTimer &giveUp, bool *timedOut, QSqlError *error)
{
    if (!PQenterPipelineMode(conn)) {
        *error = errorOf(conn, nullptr);
        return ResultPtr();
    }
    const bool sent = PQsendPrepare(conn, name, text.constData(), 0, nullptr) &&
                      PQsendDescribePrepared(conn, name) && PQpipelineSync(conn);
    ResultPtr parsed, described;
    bool failed = !sent;
    // Results: the Parse's, then the Describe's (each followed by a null), then the sync.
    for (int step = 0; sent && step < 3; ++step) {
        if (waitUntilReady(conn, giveUp, timedOut) == Wait::Failed) {
            failed = true;
            break;
        }
        ResultPtr r(PQgetResult(conn));
        if (!r) {
            failed = true;
            break;
        }
        const ExecStatusType status = PQresultStatus(r.get());
        if (status == PGRES_PIPELINE_SYNC)
            break;
        if (status != PGRES_COMMAND_OK) {
            if (!failed)
                *error = errorOf(conn, r.get());
            failed = true;
        } else if (!parsed) {
            parsed = std::move(r);
        } else {
            described = std::move(r);
        }
        PQclear(PQgetResult(conn)); // the null that ends this query's results
    }
    // Whatever is left up to the sync.
    for (int guard = 0; guard < 8 && PQpipelineStatus(conn) != PQ_PIPELINE_OFF; ++guard) {
        if (PQexitPipelineMode(conn))
            break;
        ResultPtr rest(PQgetResult(conn));
        if (!rest && PQstatus(conn) == CONNECTION_BAD)
            break;
    }
    if (failed || !described) {
        if (error->type() == QSqlError::NoError)
            *error = errorOf(conn, nullptr);
        return ResultPtr();
    }
    return described;
}

} // namespace

QSqlError errorOf(PGconn *conn, const PGresult *result)
{
    QString message =
        QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(conn)).trimmed();
    if (message.isEmpty())
        message = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
    // A lost connection carries no SQLSTATE of a statement: the store reads that as "lost".
    const bool lost = PQstatus(conn) == CONNECTION_BAD;
    const char *state = result && !lost ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    return QSqlError(QStringLiteral("Unable to run the statement"), message,
                     lost ? QSqlError::ConnectionError : QSqlError::StatementError,
                     QString::fromLatin1(state ? state : ""));
}

Wait waitUntilReady(PGconn *conn, const QDeadlineTimer &giveUp, bool *timedOut)
{
    while (PQisBusy(conn)) {
        if (PQstatus(conn) == CONNECTION_BAD)
            return Wait::Broken; // PQgetResult() would not wait on a broken connection either
        const qint64 left = giveUp.remainingTime(); // -1: forever
        if (left == 0) {
            store::cutSocket(PQsocket(conn));
            *timedOut = true;
            return Wait::Failed;
        }
        pollfd fd{PQsocket(conn), POLLIN, 0};
        if (fd.fd < 0)
            return Wait::Failed;
        const int ready = ::poll(&fd, 1, left < 0 ? -1 : int(qMin<qint64>(left, 1 << 30)));
        if (ready < 0 && errno != EINTR)
            return Wait::Failed;
        if (ready > 0 && !PQconsumeInput(conn))
            return Wait::Ready; // broken: PQgetResult() hands out the error at once
    }
    return Wait::Ready;
}

bool Row::isNull(int column) const
{
    return PQgetisnull(m_result, m_row, column) != 0;
}

QString Row::text(int column) const
{
    return QString::fromUtf8(PQgetvalue(m_result, m_row, column),
                             PQgetlength(m_result, m_row, column));
}

qint64 Row::int64(int column) const
{
    const char *bytes = PQgetvalue(m_result, m_row, column);
    const int length = PQgetlength(m_result, m_row, column);
    switch (PQftype(m_result, column)) {
    case kTimestamp:
    case kTimestampTz: {
        const qint64 us = bigEndian(bytes, length);
        // Floor, not truncation: before 2000 a partial millisecond belongs to the one before.
        const qint64 ms = us >= 0 ? us / 1000 : -((-us + 999) / 1000);
        return ms + kPgEpochMs;
    }
    case kInt2:
    case kInt4:
    case kInt8:
    case kBool:
        return bigEndian(bytes, length);
    default:
        return text(column).toLongLong();
    }
}

bool Row::boolean(int column) const
{
    return PQgetlength(m_result, m_row, column) > 0 && PQgetvalue(m_result, m_row, column)[0];
}

QVariant Row::value(int column) const
{
    return isNull(column) ? QVariant() : QVariant(text(column));
}

PGconn *connectionOf(const QSqlDatabase &db)
{
    if (!db.isValid() || !db.isOpen() || !db.driver())
        return nullptr;
    // Qt's documentation spells the type "PGconn*"; Qt 6.4 names it after the struct.
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() ||
        (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(handle.constData());
}

void Statements::reset()
{
    m_names.clear();
}

QByteArray Statements::numberPlaceholders(const QString &sql, int *count)
{
    QString out;
    out.reserve(sql.size() + 16);
    QChar quote; // the quote we are inside of, if any
    int n = 0;
    for (const QChar c : sql) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar(); // a doubled quote closes and reopens: the same state
            out += c;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            out += c;
        } else if (c == QLatin1Char('?')) {
            out += QLatin1Char('$') + QString::number(++n);
        } else {
            out += c;
        }
    }
    if (count)
        *count = n;
    return out.toUtf8();
}

Statements::Outcome Statements::exec(PGconn *conn, const QString &sql, const QVariantList &binds,
                                     const std::function<void(const Row &)> &onRow,
                                     QSqlError *error, const QDeadlineTimer &giveUp)
{
    m_timedOut = false;
    if (!conn)
        return Outcome::Unsupported;
    // The values as text, bound out of line (never spelled into the statement).
    std::vector<QByteArray> storage;
    storage.reserve(size_t(binds.size()));
    std::vector<const char *> values(size_t(binds.size()), nullptr);
    for (qsizetype i = 0; i < binds.size(); ++i) {
        const QVariant &v = binds.at(i);
        if (v.isNull())
            continue;
        switch (v.typeId()) {
        case QMetaType::Bool:
            storage.push_back(v.toBool() ? QByteArrayLiteral("t") : QByteArrayLiteral("f"));
            break;
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
            storage.push_back(v.toByteArray());
            break;
        default:
            storage.push_back(v.toString().toUtf8());
            break;
        }
        values[size_t(i)] = storage.back().constData();
    }

    // The unnamed statement, run: its result, or null with *error set.
    const auto runUnnamed = [&](const QByteArray &text) {
        if (!PQsendQueryParams(conn, text.constData(), int(values.size()), nullptr, values.data(),
                               nullptr, nullptr, 1)) {
            *error = errorOf(conn, nullptr);
            return ResultPtr();
        }
        ResultPtr result = awaitResult(conn, giveUp, &m_timedOut);
        const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            *error = errorOf(conn, result.get());
            return ResultPtr();
        }
        return result;
    };
    const auto readableColumns = [](const PGresult *result) {
        for (int c = 0; c < PQnfields(result); ++c) {
            if (!readable(PQftype(result, c)))
                return false;
        }
        return true;
    };
    const auto rowsOf = [&](const PGresult *result) {
        const int rows = PQntuples(result);
        for (int row = 0; row < rows; ++row)
            onRow(Row(result, row));
        return Outcome::Done;
    };

    // A SELECT not run on this connection yet: sent unnamed at once, its types checked on its
    // result. One that Row cannot read is then run again through QSqlQuery, which a SELECT
    // may be (an UPDATE … RETURNING is described first instead: it must not run twice).
    if (m_names.find(sql) == m_names.end() && isSelect(sql)) {
        const ResultPtr result = runUnnamed(numberPlaceholders(sql, nullptr));
        if (!result)
            return Outcome::Failed;
        const bool ok = readableColumns(result.get());
        m_names.emplace(sql, ok ? QByteArrayLiteral("unnamed") : QByteArray());
        return ok ? rowsOf(result.get()) : Outcome::Unsupported;
    }

    if (m_pooled) {
        const QByteArray text = numberPlaceholders(sql, nullptr);
        // Its result columns, once per connection, described as the unnamed statement (which
        // the next Parse replaces, so nothing stays on the server session): a statement with
        // columns Row cannot read must not run here first and again through QSqlQuery.
        auto it = m_names.find(sql);
        if (it == m_names.end()) {
            // Parse and Describe under one Sync (a pipeline): a pooler keeps the two on one
            // server session only within one Sync.
            ResultPtr described = prepareAndDescribe(conn, "", text, giveUp, &m_timedOut, error);
            if (!described)
                return Outcome::Failed;
            it = m_names
                     .emplace(sql, readableColumns(described.get()) ? QByteArrayLiteral("unnamed")
                                                                    : QByteArray())
                     .first;
        }
        if (it->second.isEmpty())
            return Outcome::Unsupported;
        const ResultPtr result = runUnnamed(text);
        return result ? rowsOf(result.get()) : Outcome::Failed;
    }

    for (int attempt = 0;; ++attempt) {
        auto it = m_names.find(sql);
        if (it != m_names.end() && it->second == "unnamed") { // its second run: prepared now
            m_names.erase(it);
            it = m_names.end();
        }
        if (it == m_names.end()) {
            const QByteArray text = numberPlaceholders(sql, nullptr);
            // Names never repeat on a connection, so a name cannot meet an older statement.
            const QByteArray name = QByteArrayLiteral("cc_native_") + QByteArray::number(++m_next);
            // Its result columns, once: a type Row cannot read (a table altered by hand) sends
            // this statement to QSqlQuery for as long as the connection lasts.
            QSqlError failure;
            ResultPtr described =
                prepareAndDescribe(conn, name.constData(), text, giveUp, &m_timedOut, &failure);
            if (!described) {
                *error = failure;
                return Outcome::Failed;
            }
            it = m_names.emplace(sql, readableColumns(described.get()) ? name : QByteArray()).first;
        }
        if (it->second.isEmpty())
            return Outcome::Unsupported;
        ResultPtr result;
        if (PQsendQueryPrepared(conn, it->second.constData(), int(values.size()), values.data(),
                                nullptr, nullptr, 1))
            result = awaitResult(conn, giveUp, &m_timedOut);
        const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
        if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
            return rowsOf(result.get());
        *error = errorOf(conn, result.get());
        // The statement went away under us (a pooler's DISCARD ALL): prepare it once more.
        if (attempt == 0 && error->nativeErrorCode() == QLatin1String(kUndefinedStatement)) {
            m_names.erase(it);
            continue;
        }
        return Outcome::Failed;
    }
}

QString inlineBinds(PGconn *conn, const QString &sql, const QVariantList &binds, QString *error)
{
    const auto literal = [&](const QVariant &v, bool *ok) -> QString {
        *ok = true;
        if (v.isNull())
            return QStringLiteral("NULL");
        QByteArray text;
        switch (v.typeId()) {
        case QMetaType::Bool:
            text = v.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
            break;
        case QMetaType::Double:
        case QMetaType::Float:
            text = QByteArray::number(v.toDouble(), 'g', 17);
            break;
        case QMetaType::QDateTime:
            text = v.toDateTime().toUTC().toString(Qt::ISODateWithMs).toUtf8();
            break;
        case QMetaType::QByteArray: {
            size_t length = 0;
            const QByteArray raw = v.toByteArray();
            unsigned char *escaped =
                PQescapeByteaConn(conn, reinterpret_cast<const unsigned char *>(raw.constData()),
                                  size_t(raw.size()), &length);
            if (!escaped) {
                *ok = false;
                return QString();
            }
            const QString quoted = QStringLiteral("'%1'::bytea")
                                       .arg(QString::fromLatin1(reinterpret_cast<char *>(escaped)));
            PQfreemem(escaped);
            return quoted;
        }
        default:
            text = v.toString().toUtf8();
            break;
        }
        char *escaped = PQescapeLiteral(conn, text.constData(), size_t(text.size()));
        if (!escaped) {
            *ok = false;
            return QString();
        }
        const QString quoted = QString::fromUtf8(escaped);
        PQfreemem(escaped);
        return quoted;
    };
    QString out;
    out.reserve(sql.size() + 32 * binds.size());
    QChar quote;
    qsizetype n = 0;
    for (const QChar c : sql) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            out += c;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            out += c;
        } else if (c == QLatin1Char('?')) {
            if (n >= binds.size()) {
                *error = QStringLiteral("more placeholders than values");
                return QString();
            }
            bool ok = false;
            const QString value = literal(binds.at(n++), &ok);
            if (!ok) {
                *error = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
                return QString();
            }
            out += value;
        } else {
            out += c;
        }
    }
    if (n != binds.size()) {
        *error = QStringLiteral("more values than placeholders");
        return QString();
    }
    return out;
}

QString conninfoQuote(QString value)
{
    value.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    value.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

LoginFailure diagnoseLogin(const QString &conninfo, const QDeadlineTimer &deadline)
{
    LoginFailure failure;
    struct ConnDeleter
    {
        void operator()(PGconn *c) const { PQfinish(c); }
    };
    std::unique_ptr<PGconn, ConnDeleter> conn(PQconnectStart(conninfo.toUtf8().constData()));
    if (!conn || PQstatus(conn.get()) == CONNECTION_BAD)
        return failure;
    PQsetErrorVerbosity(conn.get(), PQERRORS_SQLSTATE);
    PostgresPollingStatusType status = PGRES_POLLING_WRITING;
    while (status != PGRES_POLLING_OK && status != PGRES_POLLING_FAILED) {
        pollfd fd{PQsocket(conn.get()), short(status == PGRES_POLLING_READING ? POLLIN : POLLOUT),
                  0};
        const qint64 left = deadline.remainingTime();
        if (fd.fd < 0 || left <= 0 || ::poll(&fd, 1, int(left)) <= 0)
            return failure; // not answered in time: nothing to say about the login
        status = PQconnectPoll(conn.get());
    }
    if (status == PGRES_POLLING_OK)
        return failure; // the login works now
    failure.needsPassword = PQconnectionNeedsPassword(conn.get()) != 0;
    // With PQERRORS_SQLSTATE the server's error reads "<severity>:  <SQLSTATE>"; class 28 is
    // "invalid authorization specification".
    static const QRegularExpression sqlState(
        QStringLiteral("(?:FATAL|ERROR):\\s+([0-9A-Z]{5})\\b"));
    const QRegularExpressionMatch match =
        sqlState.match(QString::fromUtf8(PQerrorMessage(conn.get())));
    if (match.hasMatch())
        failure.sqlState = match.captured(1);
    failure.authentication =
        failure.needsPassword || failure.sqlState.startsWith(QLatin1String("28"));
    return failure;
}

} // namespace cc::pgnative
