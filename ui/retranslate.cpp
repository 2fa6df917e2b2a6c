#include "ui/retranslate.h"

#include "ui/describe.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLibraryInfo>
#include <QLocale>
#include <QTableView>
#include <QTranslator>
#include <QVariantMap>

namespace cc {
namespace ui {

namespace {

// On each object: property name -> [context, source].
constexpr char kKept[] = "ccRetranslate";

void retranslate(QObject *object)
{
    const QVariantMap kept = object->property(kKept).toMap();
    for (auto it = kept.cbegin(); it != kept.cend(); ++it) {
        const QStringList what = it.value().toStringList();
        if (what.size() != 2)
            continue;
        const QByteArray context = what.at(0).toUtf8(), source = what.at(1).toUtf8();
        object->setProperty(it.key().toLatin1().constData(),
                            QCoreApplication::translate(context.constData(), source.constData()));
    }
}

} // namespace

void Retranslate::keepText(QObject *object, const char *property, const char *context,
                           const char *source)
{
    QVariantMap kept = object->property(kKept).toMap();
    kept.insert(QString::fromLatin1(property),
                QStringList{QString::fromUtf8(context), QString::fromUtf8(source)});
    object->setProperty(kKept, kept);
    object->setProperty(property, QCoreApplication::translate(context, source));
}

void Retranslate::fitTitles(QTableView *view)
{
    QHeaderView *header = view->horizontalHeader();
    for (int column = 0; column < header->count(); ++column) {
        const int wanted = header->sectionSizeHint(column);
        if (view->columnWidth(column) < wanted)
            view->setColumnWidth(column, wanted);
    }
}

void Retranslate::apply(QObject *root)
{
    retranslate(root);
    const auto children = root->findChildren<QObject *>();
    for (QObject *child : children)
        retranslate(child);
}

bool Language::apply(const QString &code)
{
    static QTranslator *qt = nullptr;
    static QTranslator *console = nullptr;
    QCoreApplication *app = QCoreApplication::instance();
    if (!app)
        return false;
    for (QTranslator **t : {&console, &qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    QLocale::setDefault(locale);
    bool found = locale.language() == QLocale::English || locale.language() == QLocale::C;
    qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    console = new QTranslator(app);
    if (console->load(locale, QStringLiteral("connector-cache"), QStringLiteral("_"),
                      QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(console);
        found = true;
    }
    // English plurals ("1 entry") when no other language's are installed.
    Describe::installEnglishPluralForms();
    return found;
}

} // namespace ui
} // namespace cc
