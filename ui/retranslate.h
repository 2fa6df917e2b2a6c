#pragma once

#include <QObject>

class QTableView;
#include <QString>

namespace cc {
namespace ui {

// The language switched at run time (issue 15): the texts set through keep() are translated
// again by apply() when a widget gets QEvent::LanguageChange. Texts composed at run time
// (counts, names) are not kept: their owners set them again themselves.
namespace Retranslate {

// Sets `property` of `object` ("text", "title", "placeholderText", "toolTip", "windowTitle")
// to the translation of `source` in `context` (a class's staticMetaObject.className(), the
// context tr() uses there), and keeps both for apply(). Returns `object`. Mark `source` with
// QT_TR_NOOP (or QT_TRANSLATE_NOOP) so that lupdate finds it.
template<typename T>
T *keep(T *object, const char *property, const char *context, const char *source);
void keepText(QObject *object, const char *property, const char *context, const char *source);

// Translates again every text kept on `root` and on its children (recursively).
void apply(QObject *root);

// Widens each column of `view` whose header title (in the language now installed) does not fit
// it; never narrows one. For tables whose widths come from sample contents: German titles are
// often wider than the values below them.
void fitTitles(QTableView *view);

template<typename T>
T *keep(T *object, const char *property, const char *context, const char *source)
{
    keepText(object, property, context, source);
    return object;
}

} // namespace Retranslate

// The console's language (View → Language): "" follows the system, else "en", "de", "zh_CN".
namespace Language {

// Installs Qt's and the console's translations for `code` in place of those installed by an
// earlier call, and makes its locale the default one (numbers and dates); every widget then
// gets QEvent::LanguageChange. True when a translation was found (always for English).
bool apply(const QString &code);

} // namespace Language

} // namespace ui
} // namespace cc
