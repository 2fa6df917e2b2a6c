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

// A keyset page request: rows strictly after `after` (an opaque cursor from a previous page),
// or starting at `offset` rows when no cursor is given (for jumps in a scrolled view).
struct BrowseRequest
{
    EntryFilter filter;
    SortColumn sortColumn = SortColumn::CacheKey;
    Qt::SortOrder sortOrder = Qt::AscendingOrder;
    int limit = 100;
    QString after;     // cursor; empty for the first page
    qint64 offset = 0; // used only when `after` is empty
};

struct BrowsePage
{
    QList<CacheEntry> entries;
    QString nextCursor; // empty when this was the last page
};

} // namespace cc

Q_DECLARE_METATYPE(cc::BrowseRequest)
