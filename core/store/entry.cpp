#include "core/store/entry.h"

namespace cc {

QString stateName(CacheEntry::State state)
{
    switch (state) {
    case CacheEntry::State::Valid:
        return QStringLiteral("valid");
    case CacheEntry::State::Expired:
        return QStringLiteral("expired");
    case CacheEntry::State::Invalidated:
        return QStringLiteral("invalid");
    }
    return QString();
}

} // namespace cc
