#pragma once

#include "core/store/types.h"

#include <QCoreApplication>
#include <QString>

namespace cc {
namespace ui {

// What the console says about filters and actions, in words rather than JSON or the audit
// log's internal action names.
class Describe
{
    Q_DECLARE_TR_FUNCTIONS(Describe)

public:
    // "exchange = BINGX, state = expired"; "all entries" for an empty filter.
    static QString filter(const EntryFilter &filter);
    // The audit log's filter column: its JSON (a filter object, a list of identities or one
    // identity) in the words of filter(); the text itself when it is not JSON.
    static QString auditFilter(const QString &json);
    // The status bar's line for a finished action: "Invalidated 19,106 entries".
    static QString actionDone(const QString &action, qint64 rows);
    // Why the rows done differ from the preview's count, or empty when they do not.
    static QString previewDifference(const QString &action, qint64 previewed, qint64 done);
    // Installs the English plural forms ("1 entry") unless another language of the console is
    // installed already. Idempotent; called by the main window.
    static void installEnglishPluralForms();
};

} // namespace ui
} // namespace cc
