#include "ui/describe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QStringList>
#include <QTranslator>

namespace cc {
namespace ui {

namespace {

QString stateWord(const QString &state)
{
    if (state == QLatin1String("valid"))
        return Describe::tr("valid");
    if (state == QLatin1String("expired"))
        return Describe::tr("expired");
    if (state == QLatin1String("invalid") || state == QLatin1String("invalidated"))
        return Describe::tr("invalidated");
    return state;
}

QString fromObject(const QJsonObject &o)
{
    QStringList parts;
    auto add = [&](const char *key, const QString &label) {
        const QString value = o.value(QLatin1String(key)).toString();
        if (!value.isEmpty())
            parts << QStringLiteral("%1 = %2").arg(label, value);
    };
    add("userId", Describe::tr("user"));
    add("credentialId", Describe::tr("credential"));
    add("exchange", Describe::tr("exchange"));
    add("environment", Describe::tr("environment"));
    const QString state = o.value(QStringLiteral("state")).toString();
    if (!state.isEmpty() && state != QLatin1String("any"))
        parts << QStringLiteral("%1 = %2").arg(Describe::tr("state"), stateWord(state));
    const QString text = o.value(QStringLiteral("text")).toString();
    if (!text.isEmpty())
        parts << Describe::tr("text contains \"%1\"").arg(text);
    const QString before = o.value(QStringLiteral("syncedBefore")).toString();
    if (!before.isEmpty()) {
        const QDateTime t = QDateTime::fromString(before, Qt::ISODateWithMs);
        parts << Describe::tr("synced before %1")
                     .arg(t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat)
                                      : before);
    }
    const QString source = o.value(QStringLiteral("source")).toString();
    if (!source.isEmpty())
        parts << Describe::tr("from %1").arg(source);
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString Describe::filter(const EntryFilter &filter)
{
    const QString words = fromObject(filter.toJson());
    return words.isEmpty() ? tr("all entries") : words;
}

QString Describe::auditFilter(const QString &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    if (doc.isObject()) {
        const QString words = fromObject(doc.object());
        return words.isEmpty() ? tr("all entries") : words;
    }
    if (doc.isArray()) {
        const QJsonArray list = doc.array();
        QStringList parts;
        for (const QJsonValue &v : list) {
            if (v.isObject())
                parts << fromObject(v.toObject());
            else if (v.isArray())
                parts << QStringLiteral("%1 / %2").arg(v.toArray().at(0).toString(),
                                                       v.toArray().at(1).toString());
            else
                parts << v.toString();
        }
        if (parts.size() == 1)
            return parts.first();
        return tr("%Ln entries: %1", nullptr, int(parts.size()))
            .arg(parts.join(QStringLiteral("; ")));
    }
    return json;
}

QString Describe::actionDone(const QString &action, qint64 rows)
{
    const int n = int(rows);
    if (action == QLatin1String("invalidate") || action == QLatin1String("invalidate-matching") ||
        action == QLatin1String("invalidate-selection"))
        return tr("Invalidated %Ln entries", nullptr, n);
    if (action == QLatin1String("cleanup"))
        return tr("Deleted %Ln expired entries", nullptr, n);
    if (action == QLatin1String("export"))
        return tr("Exported %Ln entries", nullptr, n);
    if (action == QLatin1String("set"))
        return tr("Saved the measured offset");
    return tr("Done: %Ln entries", nullptr, n);
}

QString Describe::previewDifference(const QString &action, qint64 previewed, qint64 done)
{
    if (previewed < 0 || previewed == done)
        return QString();
    const QLocale locale;
    if (action == QLatin1String("cleanup")) {
        return done < previewed
                   ? tr("%1 previewed; the others were renewed meanwhile or deleted elsewhere")
                         .arg(locale.toString(previewed))
                   : tr("%1 previewed; more expired meanwhile").arg(locale.toString(previewed));
    }
    if (action.startsWith(QLatin1String("invalidate"))) {
        return done < previewed
                   ? tr("%1 previewed; the others were renewed, invalidated or locked meanwhile")
                         .arg(locale.toString(previewed))
                   : tr("%1 previewed; more matched meanwhile").arg(locale.toString(previewed));
    }
    return QString();
}

void Describe::installEnglishPluralForms()
{
    static QTranslator *plurals = nullptr;
    if (plurals || !QCoreApplication::instance())
        return;
    // A translation of the console (German, Chinese) has its own plural forms: left alone.
    const char *probe = "Invalidated %Ln entries";
    const QString asIs =
        QString::fromLatin1(probe).replace(QStringLiteral("%Ln"), QLocale().toString(2));
    if (QCoreApplication::translate("Describe", probe, nullptr, 2) != asIs)
        return;
    plurals = new QTranslator(QCoreApplication::instance());
    if (plurals->load(QStringLiteral(":/plurals/connector-cache_en.qm")))
        QCoreApplication::installTranslator(plurals);
}

} // namespace ui
} // namespace cc
