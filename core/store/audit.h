#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace cc {

// One row of the audit log: every administrative action.
struct AuditRecord
{
    qint64 id = 0;
    QDateTime at;
    QString osUser;
    QString dbRole;
    QString profile;
    QString action; // "invalidate", "invalidate-matching", "cleanup", "set", "migrate", ...
    QString filter; // JSON of the filter or identity it applied to
    qint64 rowsAffected = 0;
    QString outcome; // "ok", or the error in words
};

} // namespace cc

Q_DECLARE_METATYPE(cc::AuditRecord)
