#include "core/store/filterquery.h"

#include "core/store/timeexpr.h"

#include <QRegularExpression>

namespace cc {

namespace {

struct Token
{
    QString key; // empty for a bare word
    QString value;
};

// Splits into tokens; false with a message on an unterminated quote.
bool tokenize(const QString &text, QList<Token> *tokens, QString *error)
{
    const int n = int(text.size());
    int i = 0;
    while (i < n) {
        while (i < n && text.at(i).isSpace())
            ++i;
        if (i >= n)
            break;
        Token token;
        QString current;
        bool sawColon = false;
        bool quoted = false;
        while (i < n && !text.at(i).isSpace()) {
            const QChar c = text.at(i);
            if (c == QLatin1Char('"')) {
                quoted = true;
                ++i;
                bool closed = false;
                while (i < n) {
                    const QChar q = text.at(i);
                    if (q == QLatin1Char('\\') && i + 1 < n) {
                        current += text.at(i + 1);
                        i += 2;
                        continue;
                    }
                    if (q == QLatin1Char('"')) {
                        closed = true;
                        ++i;
                        break;
                    }
                    current += q;
                    ++i;
                }
                if (!closed) {
                    *error = QStringLiteral("a quote opened near \"%1\" is not closed")
                                 .arg(current.left(20));
                    return false;
                }
                continue;
            }
            if (c == QLatin1Char(':') && !sawColon && !quoted && !current.isEmpty()) {
                static const QRegularExpression keyShape(QStringLiteral("^[A-Za-z-]+$"));
                if (keyShape.match(current).hasMatch()) {
                    sawColon = true;
                    token.key = current.toLower();
                    current.clear();
                    ++i;
                    continue;
                }
            }
            current += c;
            ++i;
        }
        token.value = current;
        tokens->append(token);
    }
    return true;
}

QString quoteIfNeeded(const QString &value)
{
    bool plain = !value.isEmpty();
    for (const QChar c : value) {
        if (c.isSpace() || c == QLatin1Char('"') || c == QLatin1Char('\\') || c == QLatin1Char(':'))
            plain = false;
    }
    if (plain)
        return value;
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace

EntryFilter parseFilterQuery(const QString &query, qint64 nowMs, QString *errorMessage)
{
    EntryFilter filter;
    QString error;
    QList<Token> tokens;
    auto fail = [&](const QString &message) {
        if (errorMessage)
            *errorMessage = message;
        return EntryFilter();
    };
    if (query.size() > 100000)
        return fail(QStringLiteral("the filter is longer than 100000 characters"));
    if (!tokenize(query, &tokens, &error))
        return fail(error);
    QStringList words;
    for (const Token &t : std::as_const(tokens)) {
        // An empty value would match every entry (a bulk action on "" would act on all):
        // refused, quoted or not.
        if (t.key.isEmpty()) {
            if (t.value.isEmpty())
                return fail(QStringLiteral("an empty quoted word (\"\") would match every "
                                           "entry; put text between the quotes or remove them"));
            words << t.value;
            continue;
        }
        if (t.value.isEmpty())
            return fail(QStringLiteral("'%1:' needs a value; an empty one would match every "
                                       "entry")
                            .arg(t.key));
        if (t.key == QLatin1String("user")) {
            filter.userId = t.value;
        } else if (t.key == QLatin1String("credential") || t.key == QLatin1String("cred")) {
            filter.credentialId = t.value;
        } else if (t.key == QLatin1String("exchange") || t.key == QLatin1String("ex")) {
            filter.exchange = t.value.toUpper();
        } else if (t.key == QLatin1String("environment") || t.key == QLatin1String("env")) {
            filter.environment = t.value.toUpper();
        } else if (t.key == QLatin1String("state")) {
            if (!filterStateFromName(t.value, &filter.state))
                return fail(QStringLiteral("state:%1 is not one of valid, expired, invalid, any")
                                .arg(t.value.left(40)));
        } else if (t.key == QLatin1String("before")) {
            const auto at = parseTimeExpression(t.value, nowMs, &error);
            if (!at)
                return fail(QStringLiteral("before:") + error);
            filter.syncedBefore = *at;
        } else {
            return fail(QStringLiteral("unknown filter key '%1:' (known: user, cred, exchange, "
                                       "env, state, before)")
                            .arg(t.key.left(40)));
        }
    }
    filter.text = words.join(QLatin1Char(' '));
    if (errorMessage)
        errorMessage->clear();
    return filter;
}

QString toFilterQuery(const EntryFilter &filter)
{
    QStringList parts;
    if (!filter.userId.isEmpty())
        parts << QStringLiteral("user:") + quoteIfNeeded(filter.userId);
    if (!filter.credentialId.isEmpty())
        parts << QStringLiteral("cred:") + quoteIfNeeded(filter.credentialId);
    if (!filter.exchange.isEmpty())
        parts << QStringLiteral("exchange:") + quoteIfNeeded(filter.exchange);
    if (!filter.environment.isEmpty())
        parts << QStringLiteral("env:") + quoteIfNeeded(filter.environment);
    if (filter.state != EntryFilter::State::Any)
        parts << QStringLiteral("state:") + EntryFilter::stateName(filter.state);
    if (filter.syncedBefore.isValid())
        parts << QStringLiteral("before:") +
                     filter.syncedBefore.toUTC().toString(Qt::ISODateWithMs);
    if (!filter.text.isEmpty()) {
        // Free text that would read as a key:value pair is quoted as a whole.
        const QStringList words = filter.text.split(QLatin1Char(' '));
        bool simple = true;
        for (const QString &w : words)
            simple = simple && !w.isEmpty() && quoteIfNeeded(w) == w;
        parts << (simple ? filter.text : quoteIfNeeded(filter.text));
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace cc
