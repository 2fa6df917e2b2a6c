#include "core/store/validation.h"

#include "core/timesync/exchange.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <limits>

namespace cc {

namespace {

StoreError invalid(const QString &message)
{
    return StoreError(StoreError::InvalidArgument, message);
}

// What is wrong with one identifier, or empty.
QString identifierProblem(const QString &value)
{
    if (value.isEmpty())
        return QStringLiteral("is empty");
    if (value.size() > EntryLimits::kMaxIdentifierLength)
        return QStringLiteral("is %1 characters long (at most %2)")
            .arg(value.size())
            .arg(EntryLimits::kMaxIdentifierLength);
    if (value.contains(QChar(0)))
        return QStringLiteral("contains NUL");
    if (value.contains(QChar(QChar::ReplacementCharacter)))
        return QStringLiteral("contains U+FFFD, the mark of bytes that were not valid UTF-8 (two "
                              "different ids would become the same one)");
    if (!QStringView(value).isValidUtf16())
        return QStringLiteral("contains an unpaired surrogate (not valid Unicode)");
    return QString();
}

QString knownExchanges()
{
    return QStringList{exchangeName(Exchange::Bybit), exchangeName(Exchange::BingX)}.join(
        QStringLiteral(", "));
}

QString knownEnvironments()
{
    return QStringList{environmentName(Environment::Mainnet), environmentName(Environment::Testnet),
                       environmentName(Environment::Demo)}
        .join(QStringLiteral(", "));
}

bool isPlainName(const QString &name)
{
    static const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]*$"));
    return name.size() <= EntryLimits::kMaxExchangeNameLength && shape.match(name).hasMatch();
}

// Lower-case letters and digits only: "api_Secret" and "API-SECRET" become "apisecret".
QString normalizedKey(const QString &key)
{
    QString out;
    for (const QChar c : key) {
        if (c.isLetterOrNumber())
            out += c.toLower();
    }
    return out;
}

bool isSecretName(const QString &normalized)
{
    for (const char *word : {"secret", "password", "passwd", "passphrase", "privatekey"}) {
        if (normalized.contains(QLatin1String(word)))
            return true;
    }
    return normalized.endsWith(QLatin1String("token")) || normalized == QLatin1String("pwd");
}

bool isKeyLikeName(const QString &normalized)
{
    if (normalized.endsWith(QLatin1String("key")) && normalized != QLatin1String("cachekey"))
        return true;
    for (const char *word : {"sign", "auth", "hmac", "bearer"}) {
        if (normalized.contains(QLatin1String(word)))
            return true;
    }
    return false;
}

// An API key's shape: 16+ characters of the base64/base64url/hex alphabets, letters and digits
// both present, no character repeated more than 4 times in a row (not "aaaa...1").
bool hasApiKeyShape(const QString &value)
{
    const QString v = value.trimmed();
    if (v.size() < 16)
        return false;
    bool letter = false;
    bool digit = false;
    int run = 0;
    QChar previous;
    for (const QChar c : v) {
        const bool isLetter = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                              (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
        const bool isDigit = c >= QLatin1Char('0') && c <= QLatin1Char('9');
        if (!isLetter && !isDigit && c != QLatin1Char('+') && c != QLatin1Char('/') &&
            c != QLatin1Char('=') && c != QLatin1Char('-') && c != QLatin1Char('_'))
            return false;
        letter = letter || isLetter;
        digit = digit || isDigit;
        run = c == previous ? run + 1 : 1;
        if (run > 4)
            return false;
        previous = c;
    }
    return letter && digit;
}

bool isPemPrivateKey(const QString &value)
{
    return value.contains(QLatin1String("-----BEGIN")) &&
           value.contains(QLatin1String("PRIVATE KEY"));
}

// The path of the first value that looks like a secret, and why, or an empty path.
QString findSecret(const QJsonValue &value, const QString &path, const QString &normalizedName,
                   QString *why);

QString findSecretInObject(const QJsonObject &object, const QString &path, QString *why)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString childPath = path + QLatin1Char('.') + escapeForDisplay(it.key());
        const QString normalized = normalizedKey(it.key());
        if (isSecretName(normalized)) {
            *why = QStringLiteral("its name says it holds a secret");
            return childPath;
        }
        const QString found = findSecret(it.value(), childPath, normalized, why);
        if (!found.isEmpty())
            return found;
    }
    return QString();
}

QString findSecret(const QJsonValue &value, const QString &path, const QString &normalizedName,
                   QString *why)
{
    if (value.isObject())
        return findSecretInObject(value.toObject(), path, why);
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString found =
                findSecret(array.at(i), path + QStringLiteral("[%1]").arg(i), normalizedName, why);
            if (!found.isEmpty())
                return found;
        }
        return QString();
    }
    if (!value.isString())
        return QString();
    const QString text = value.toString();
    if (isPemPrivateKey(text)) {
        *why = QStringLiteral("it holds a PEM private key");
        return path;
    }
    if (isKeyLikeName(normalizedName) && hasApiKeyShape(text)) {
        *why = QStringLiteral("it holds a value shaped like an API key or signature");
        return path;
    }
    return QString();
}

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

StoreError validateIdentity(const QString &userId, const QString &credentialId)
{
    QString problem = identifierProblem(userId);
    if (!problem.isEmpty())
        return invalid(QStringLiteral("the user id %1").arg(problem));
    problem = identifierProblem(credentialId);
    if (!problem.isEmpty())
        return invalid(QStringLiteral("the credential id %1").arg(problem));
    return StoreError();
}

StoreError validateExchangeNames(const QString &exchange, const QString &environment,
                                 bool allowUnknown)
{
    const QString ex = exchange.trimmed();
    const QString env = environment.trimmed();
    if (ex.isEmpty() || env.isEmpty())
        return invalid(QStringLiteral("exchange and environment must be given, e.g. BYBIT and "
                                      "TESTNET"));
    if (!exchangeFromName(ex)) {
        if (!allowUnknown)
            return invalid(QStringLiteral("exchange '%1' is not one of %2")
                               .arg(escapeForDisplay(ex.left(40)), knownExchanges()));
        if (!isPlainName(ex))
            return invalid(QStringLiteral("exchange '%1' is not a plain name (1 to %2 of A-Z, "
                                          "0-9, '_', '-', '.')")
                               .arg(escapeForDisplay(ex.left(40)))
                               .arg(EntryLimits::kMaxExchangeNameLength));
    }
    if (!environmentFromName(env)) {
        if (!allowUnknown)
            return invalid(QStringLiteral("environment '%1' is not one of %2")
                               .arg(escapeForDisplay(env.left(40)), knownEnvironments()));
        if (!isPlainName(env))
            return invalid(QStringLiteral("environment '%1' is not a plain name (1 to %2 of A-Z, "
                                          "0-9, '_', '-', '.')")
                               .arg(escapeForDisplay(env.left(40)))
                               .arg(EntryLimits::kMaxExchangeNameLength));
    }
    return StoreError();
}

StoreError validateTtl(std::chrono::seconds ttl, const EntryLimits &limits)
{
    if (ttl.count() < 1 || ttl > limits.maxTtl)
        return invalid(QStringLiteral("the TTL must be 1 s to %1 s (%2 days); got %3 s")
                           .arg(limits.maxTtl.count())
                           .arg(double(limits.maxTtl.count()) / 86400.0, 0, 'g', 3)
                           .arg(ttl.count()));
    return StoreError();
}

StoreError validateSyncTime(const QDateTime &syncTime, qint64 nowMs, const EntryLimits &limits)
{
    if (syncTime.isNull())
        return StoreError();
    if (!syncTime.isValid())
        return invalid(QStringLiteral("the sync time is not a valid time"));
    const qint64 ms = syncTime.toMSecsSinceEpoch();
    if (ms < EntryLimits::kEarliestSyncTimeMs)
        return invalid(QStringLiteral("the sync time %1 lies before %2")
                           .arg(timeText(ms), timeText(EntryLimits::kEarliestSyncTimeMs)));
    if (ms > nowMs + limits.futureToleranceMs)
        return invalid(QStringLiteral("the sync time %1 lies in the future (now is %2; %3 s of "
                                      "clock difference are tolerated)")
                           .arg(timeText(ms), timeText(nowMs))
                           .arg(limits.futureToleranceMs / 1000));
    return StoreError();
}

StoreError validateMetadata(const QJsonObject &metadata)
{
    if (metadata.isEmpty())
        return StoreError();
    const qsizetype bytes = QJsonDocument(metadata).toJson(QJsonDocument::Compact).size();
    if (bytes > EntryLimits::kMaxMetadataBytes)
        return invalid(QStringLiteral("the metadata is %1 bytes as JSON (at most %2)")
                           .arg(bytes)
                           .arg(EntryLimits::kMaxMetadataBytes));
    QString why;
    const QString path = findSecretInObject(metadata, QStringLiteral("metadata"), &why);
    if (!path.isEmpty())
        return invalid(QStringLiteral("%1 looks like a secret (%2); connector-cache does not store "
                                      "secrets: remove it")
                           .arg(path, why));
    return StoreError();
}

StoreError validateEntryInput(const QString &userId, const QString &credentialId,
                              const QString &exchange, const QString &environment,
                              const TimeSyncState &state, std::chrono::seconds ttl, qint64 nowMs,
                              const EntryLimits &limits)
{
    StoreError error = validateIdentity(userId, credentialId);
    if (!error)
        error = validateExchangeNames(exchange, environment, limits.allowUnknownExchange);
    if (!error)
        error = validateTtl(ttl, limits);
    if (!error)
        error = validateSyncTime(state.lastSyncTime, nowMs, limits);
    if (!error && (state.timeOffsetMs > std::numeric_limits<qint32>::max() ||
                   state.timeOffsetMs < std::numeric_limits<qint32>::min()))
        error = invalid(QStringLiteral("time offset %1 ms does not fit the seed's Int column")
                            .arg(state.timeOffsetMs));
    if (!error)
        error = validateMetadata(state.metadata);
    return error;
}

StoreError validateCursor(const QString &cursor, SortColumn column, Qt::SortOrder order)
{
    const auto malformed = [](const QString &why) {
        return invalid(QStringLiteral("the page cursor is malformed (%1); start again from the "
                                      "first page")
                           .arg(why));
    };
    if (cursor.isEmpty())
        return malformed(QStringLiteral("it is empty"));
    if (cursor.size() > 4096)
        return malformed(QStringLiteral("it is longer than 4096 characters"));
    static const QRegularExpression alphabet(QStringLiteral("^[A-Za-z0-9_-]+=*$"));
    if (!alphabet.match(cursor).hasMatch())
        return malformed(QStringLiteral("it holds characters outside base64url"));
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return malformed(QStringLiteral("it is not base64url"));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*decoded, &parseError);
    if (!doc.isObject())
        return malformed(QStringLiteral("it does not hold a JSON object"));
    const QJsonObject o = doc.object();
    for (const QString &key : o.keys()) {
        if (key != QLatin1String("c") && key != QLatin1String("o") && key != QLatin1String("s") &&
            key != QLatin1String("n") && key != QLatin1String("id"))
            return malformed(QStringLiteral("an unknown field"));
    }
    SortColumn cursorColumn;
    if (!o.value(QStringLiteral("c")).isString() ||
        !sortColumnFromName(o.value(QStringLiteral("c")).toString(), &cursorColumn))
        return malformed(QStringLiteral("no sort column"));
    const QString orderName = o.value(QStringLiteral("o")).toString();
    if (orderName != QLatin1String("asc") && orderName != QLatin1String("desc"))
        return malformed(QStringLiteral("no sort order"));
    const bool asc = order == Qt::AscendingOrder;
    if (cursorColumn != column || (orderName == QLatin1String("asc")) != asc)
        return invalid(QStringLiteral("the page cursor belongs to another sort order (%1 %2, not "
                                      "%3 %4); start again from the first page")
                           .arg(sortColumnName(cursorColumn), orderName, sortColumnName(column),
                                asc ? QStringLiteral("asc") : QStringLiteral("desc")));
    const QJsonValue id = o.value(QStringLiteral("id"));
    if (!id.isString() || id.toString().isEmpty() ||
        id.toString().size() > EntryLimits::kMaxIdentifierLength)
        return malformed(QStringLiteral("no row id"));
    const bool numeric = column == SortColumn::TimeOffset || column == SortColumn::HitCount ||
                         column == SortColumn::LastSyncTime || column == SortColumn::ExpiresAt ||
                         column == SortColumn::UpdatedAt;
    if (numeric) {
        bool ok = false;
        const QJsonValue n = o.value(QStringLiteral("n"));
        if (n.isString())
            n.toString().toLongLong(&ok);
        if (!ok || o.contains(QStringLiteral("s")))
            return malformed(QStringLiteral("no whole number to continue after"));
    } else if (!o.value(QStringLiteral("s")).isString() || o.contains(QStringLiteral("n"))) {
        return malformed(QStringLiteral("no text to continue after"));
    }
    return StoreError();
}

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if ((c & 0xE0) == 0xC0) {
            length = 2;
            cp = c & 0x1F;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            cp = c & 0x0F;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            return false; // a continuation byte first, or 0xF8..0xFF
        }
        if (i + length > n)
            return false;
        for (int k = 1; k < length; ++k) {
            const unsigned char next = p[i + k];
            if ((next & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (next & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

QString escapeBytes(QByteArrayView bytes)
{
    QString out;
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x20 && c < 0x7F)
            out += QLatin1Char(ch);
        else
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
    }
    return out;
}

QString escapeForDisplay(const QString &text, bool keepNewlines)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        const char16_t c = ch.unicode();
        if (ch.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            const char32_t cp = QChar::surrogateToUcs4(ch, text.at(i + 1));
            // Tag characters and the like are invisible format characters too.
            if (QChar::category(cp) == QChar::Other_Format) {
                out += QStringLiteral("\\U%1").arg(uint(cp), 8, 16, QLatin1Char('0'));
            } else {
                out += ch;
                out += text.at(i + 1);
            }
            ++i;
            continue;
        }
        if (c == u'\n') {
            out += keepNewlines ? QStringLiteral("\n") : QStringLiteral("\\n");
        } else if (c == u'\r') {
            out += QStringLiteral("\\r");
        } else if (c == u'\t') {
            out += QStringLiteral("\\t");
        } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            out += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
        } else if (ch.isSurrogate() || ch.category() == QChar::Other_Format || c == 0x2028 ||
                   c == 0x2029) {
            // Bidirectional overrides (U+202E) reorder what follows; zero-width and line
            // separators hide or break it.
            out += QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
        } else {
            out += ch;
        }
    }
    return out;
}

} // namespace cc
