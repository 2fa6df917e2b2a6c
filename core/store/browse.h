#pragma once

// Paging through the entries, sorted on the server.

#include "core/store/entry.h"
#include "core/store/filter.h"
#include <QList>
#include <QMetaType>
#include <QString>

namespace cc {

// Columns the browser can sort by (server side).
enum class SortColumn {
    CacheKey,
    UserId,
    CredentialId,
    Exchange,
    Environment,
    TimeOffset,
    LastSyncTime,
    ExpiresAt,
    HitCount,
    UpdatedAt,
};
QString sortColumnName(SortColumn column); // the seed's field name, e.g. "lastSyncTime"
bool sortColumnFromName(const QString &name, SortColumn *column);

// A keyset page request: rows strictly after `after` (an opaque cursor from a previous page or
// a milestone), skipping the first `offset` of them; without a cursor, the rows from `offset`
// on. A cursor plus a small offset is how a far jump lands exactly (BrowseMilestone) without the
// server walking every row before it.
struct BrowseRequest
{
    EntryFilter filter;
    SortColumn sortColumn = SortColumn::CacheKey;
    Qt::SortOrder sortOrder = Qt::AscendingOrder;
    int limit = 100;
    QString after;     // cursor; empty for the first page
    qint64 offset = 0; // rows skipped (after the cursor when there is one): 0 to kMaxBrowseOffset
};
constexpr qint64 kMaxBrowseOffset = 1'000'000'000'000; // more rows than any table holds

// A position in the rows of one (filter, sort column, order): a browse with `after` = `cursor`
// starts at row `position` (0-based; the milestone's own row is row position - 1).
// CacheStore::browseMilestones() hands out every K-th; a jump to row r then asks for the rows
// after the nearest milestone at or before r, skipping r - position (< K) of them.
struct BrowseMilestone
{
    qint64 position = 0;
    QString cursor;
};
// The milestone with the greatest position <= row in a list sorted by position; null when none.
const BrowseMilestone *nearestMilestone(const QList<BrowseMilestone> &milestones, qint64 row);

struct BrowsePage
{
    QList<CacheEntry> entries;
    QString nextCursor; // empty when this was the last page
};

} // namespace cc

Q_DECLARE_METATYPE(cc::BrowseRequest)
Q_DECLARE_METATYPE(cc::BrowseMilestone)
