#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace cc {

// Server-side filter for list, browse, count and bulk invalidation. Empty fields match all.
// Every text is bound as a parameter: quotes, backslashes, % and _ are literals.
struct EntryFilter
{
    enum class State { Any, Valid, Expired, Invalid };

    QString userId;       // exact
    QString credentialId; // exact
    QString exchange;     // exact, case-insensitive ("bybit" == "BYBIT")
    QString environment;  // exact, case-insensitive
    QString text;         // substring of user, credential or cache key, case-insensitive
    State state = State::Any;
    QDateTime syncedBefore; // lastSyncTime < syncedBefore, when valid

    bool isEmpty() const
    {
        return userId.isEmpty() && credentialId.isEmpty() && exchange.isEmpty() &&
               environment.isEmpty() && text.isEmpty() && state == State::Any &&
               !syncedBefore.isValid();
    }
    QJsonObject toJson() const;            // for the audit log
    static QString stateName(State state); // "any", "valid", "expired", "invalid"
};
// Parses "any", "valid", "expired", "invalid" (or "invalidated"); false for anything else.
bool filterStateFromName(const QString &name, EntryFilter::State *state);

} // namespace cc

Q_DECLARE_METATYPE(cc::EntryFilter)
