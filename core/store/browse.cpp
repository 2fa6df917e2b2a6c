#include "core/store/browse.h"

#include <algorithm>
#include <array>
#include <utility>

namespace cc {

namespace {

const std::array<std::pair<SortColumn, const char *>, 10> &sortNames()
{
    static const std::array<std::pair<SortColumn, const char *>, 10> names = {{
        {SortColumn::CacheKey, "cacheKey"},
        {SortColumn::UserId, "userId"},
        {SortColumn::CredentialId, "credentialId"},
        {SortColumn::Exchange, "exchange"},
        {SortColumn::Environment, "environment"},
        {SortColumn::TimeOffset, "timeOffset"},
        {SortColumn::LastSyncTime, "lastSyncTime"},
        {SortColumn::ExpiresAt, "expiresAt"},
        {SortColumn::HitCount, "hitCount"},
        {SortColumn::UpdatedAt, "updatedAt"},
    }};
    return names;
}

} // namespace

QString sortColumnName(SortColumn column)
{
    for (const auto &entry : sortNames()) {
        if (entry.first == column)
            return QLatin1String(entry.second);
    }
    return QStringLiteral("cacheKey");
}

bool sortColumnFromName(const QString &name, SortColumn *column)
{
    for (const auto &entry : sortNames()) {
        if (name.compare(QLatin1String(entry.second), Qt::CaseInsensitive) == 0) {
            if (column)
                *column = entry.first;
            return true;
        }
    }
    return false;
}

const BrowseMilestone *nearestMilestone(const QList<BrowseMilestone> &milestones, qint64 row)
{
    // The first milestone beyond row; the one before it (if any) is the answer.
    const auto beyond =
        std::upper_bound(milestones.cbegin(), milestones.cend(), row,
                         [](qint64 r, const BrowseMilestone &m) { return r < m.position; });
    return beyond == milestones.cbegin() ? nullptr : &*(beyond - 1);
}

} // namespace cc
