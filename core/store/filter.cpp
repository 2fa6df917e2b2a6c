#include "core/store/filter.h"

namespace cc {

namespace {

QString filterStateName(EntryFilter::State state)
{
    switch (state) {
    case EntryFilter::State::Any:
        return QStringLiteral("any");
    case EntryFilter::State::Valid:
        return QStringLiteral("valid");
    case EntryFilter::State::Expired:
        return QStringLiteral("expired");
    case EntryFilter::State::Invalid:
        return QStringLiteral("invalid");
    }
    return QString();
}

} // namespace

bool filterStateFromName(const QString &name, EntryFilter::State *state)
{
    for (auto s : {EntryFilter::State::Any, EntryFilter::State::Valid, EntryFilter::State::Expired,
                   EntryFilter::State::Invalid}) {
        if (name.compare(filterStateName(s), Qt::CaseInsensitive) == 0) {
            if (state)
                *state = s;
            return true;
        }
    }
    if (name.compare(QStringLiteral("invalidated"), Qt::CaseInsensitive) == 0) {
        if (state)
            *state = EntryFilter::State::Invalid;
        return true;
    }
    return false;
}

QString EntryFilter::stateName(State state)
{
    return filterStateName(state);
}

QJsonObject EntryFilter::toJson() const
{
    QJsonObject o;
    if (!userId.isEmpty())
        o.insert(QStringLiteral("userId"), userId);
    if (!credentialId.isEmpty())
        o.insert(QStringLiteral("credentialId"), credentialId);
    if (!exchange.isEmpty())
        o.insert(QStringLiteral("exchange"), exchange);
    if (!environment.isEmpty())
        o.insert(QStringLiteral("environment"), environment);
    if (!text.isEmpty())
        o.insert(QStringLiteral("text"), text);
    if (state != State::Any)
        o.insert(QStringLiteral("state"), filterStateName(state));
    if (syncedBefore.isValid())
        o.insert(QStringLiteral("syncedBefore"), syncedBefore.toUTC().toString(Qt::ISODateWithMs));
    return o;
}

} // namespace cc
