#include "ui/entrymodel.h"

#include "core/connector/syncmetadata.h"
#include "core/timesync/clockhealth.h"
#include "ui/timedisplay.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>
#include <QPalette>

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace cc {
namespace ui {

QString formatDuration(qint64 ms)
{
    const bool negative = ms < 0;
    qint64 s = (negative ? -ms : ms) / 1000;
    QString text;
    if (s < 60)
        text = QStringLiteral("%1s").arg(s);
    else if (s < 3600)
        text = QStringLiteral("%1m %2s").arg(s / 60).arg(s % 60);
    else if (s < 86400)
        text = QStringLiteral("%1h %2m").arg(s / 3600).arg((s % 3600) / 60);
    else
        text = QStringLiteral("%1d %2h").arg(s / 86400).arg((s % 86400) / 3600);
    return negative ? QLatin1Char('-') + text : text;
}

EntryModel::EntryModel(const Clock *clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock ? clock : Clock::system())
{
    m_milestoneTimer.setSingleShot(true);
    connect(&m_milestoneTimer, &QTimer::timeout, this, [this]() {
        if (milestonesWorthIt())
            requestMilestones();
    });
}

int EntryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int EntryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const CacheEntry *EntryModel::entryAt(int row) const
{
    if (row < 0 || row >= m_rows)
        return nullptr;
    const auto it = m_pages.constFind(row / kPageSize);
    if (it == m_pages.constEnd())
        return nullptr;
    const int offset = row % kPageSize;
    return offset < it->size() ? &it->at(offset) : nullptr;
}

QVariant EntryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows || index.column() >= ColumnCount)
        return QVariant();
    const CacheEntry *e = entryAt(index.row());
    if (!e) {
        const int page = index.row() / kPageSize;
        if (m_pages.contains(page))
            return QVariant(); // the page came back shorter: the row went away meanwhile
        m_lastWanted = page;
        requestPage(page);
        if (role == Qt::DisplayRole && index.column() == 0)
            return m_abandoned ? tr("Not loaded (cancelled; F5 loads again)") : tr("Loading…");
        return QVariant();
    }
    const qint64 now = m_clock->nowMs();
    const CacheEntry::State state = e->stateAt(now);
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case UserColumn:
            return e->userId;
        case CredentialColumn:
            return e->credentialId;
        case ExchangeColumn:
            return e->exchange;
        case EnvironmentColumn:
            return e->environment;
        case OffsetColumn:
            return tr("%1 ms").arg(QLocale().toString(e->timeOffsetMs));
        case LastSyncColumn:
            // Today: the time; an earlier day with its day and year (the status bar names the
            // zone; the Age column says how long ago).
            return TimeDisplay::shortText(e->lastSyncTime);
        case AgeColumn:
            return formatDuration(e->ageMs(now));
        case ExpiresInColumn: {
            const qint64 left = e->expiresAt.toMSecsSinceEpoch() - now;
            return left > 0 ? formatDuration(left)
                            : tr("expired %1 ago").arg(formatDuration(-left));
        }
        case HitsColumn:
            return e->hitCount;
        case StateColumn:
            switch (state) {
            case CacheEntry::State::Valid:
                return tr("valid");
            case CacheEntry::State::Expired:
                return tr("expired");
            case CacheEntry::State::Invalidated:
                return tr("invalidated");
            }
            return QVariant();
        case AheadMarginColumn: {
            const auto margin = aheadMargin(*e);
            return margin ? tr("%1 ms").arg(QLocale().toString(*margin, 'f', 0))
                          : QStringLiteral("–");
        }
        case ColumnCount:
            break;
        }
        return QVariant();
    case Qt::ToolTipRole:
        if (index.column() == AheadMarginColumn) {
            const auto drift = m_drifts.constFind(e->cacheKey);
            const std::optional<double> stored = storedDriftMsPerHour(*e);
            const QString driftText =
                stored ? tr("the drift measured when it was saved, %1 ms/h")
                             .arg(QLocale().toString(*stored, 'f', 1))
                : drift != m_drifts.constEnd()
                    ? tr("the measured drift of its host, %1 ms/h")
                          .arg(QLocale().toString(*drift, 'f', 1))
                    : tr("the default drift, %1 ms/h (none measured yet)")
                          .arg(QLocale().toString(kDefaultDriftMsPerHour, 'f', 0));
            return aheadMargin(*e)
                       ? tr("1000 ms minus (error bound + drift × age), at %1; red below the "
                            "safety of %2 ms")
                             .arg(driftText, QLocale().toString(m_aheadSafetyMs, 'f', 0))
                       : tr("No error bound recorded for this entry (written without a sync "
                            "account): its margin is unknown");
        }
        if (index.column() == LastSyncColumn)
            return TimeDisplay::fullText(e->lastSyncTime);
        if (index.column() == ExpiresInColumn)
            return e->expiresAt.toUTC().toString(Qt::ISODateWithMs);
        return e->cacheKey;
    case Qt::TextAlignmentRole:
        if (index.column() == OffsetColumn || index.column() == HitsColumn ||
            index.column() == AgeColumn || index.column() == ExpiresInColumn ||
            index.column() == AheadMarginColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (m_stale)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        if (index.column() == StateColumn) {
            switch (state) {
            case CacheEntry::State::Valid:
                return QBrush(QColor(0x2e, 0x9d, 0x4f));
            case CacheEntry::State::Expired:
                return QBrush(QColor(0xc7, 0x7c, 0x02));
            case CacheEntry::State::Invalidated:
                return QBrush(QColor(0xd0, 0x3b, 0x3b));
            }
        }
        if (index.column() == AheadMarginColumn) {
            const auto margin = aheadMargin(*e);
            if (margin && *margin < m_aheadSafetyMs)
                return QBrush(QColor(0xd0, 0x3b, 0x3b));
        }
        return QVariant();
    case Qt::FontRole:
        if (index.column() == StateColumn) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return QVariant();
    case EntryRole:
        return QVariant::fromValue(*e);
    case StateRole:
        return int(state);
    default:
        return QVariant();
    }
}

QVariant EntryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == AheadMarginColumn)
        return tr("How far the cached offset may be from the exchange's 1 s \"ahead\" limit in "
                  "the worst case: 1000 ms minus (error bound + drift × age). Red below %1 ms. "
                  "Not sortable: it moves with the clock and is not a column of the table.")
            .arg(QLocale().toString(m_aheadSafetyMs, 'f', 0));
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case UserColumn:
        return tr("User");
    case CredentialColumn:
        return tr("Credential");
    case ExchangeColumn:
        return tr("Exchange");
    case EnvironmentColumn:
        return tr("Environment");
    case OffsetColumn:
        return tr("Offset");
    case LastSyncColumn:
        return tr("Last sync");
    case AgeColumn:
        return tr("Age");
    case ExpiresInColumn:
        return tr("Expires in");
    case HitsColumn:
        return tr("Hits");
    case StateColumn:
        return tr("State");
    case AheadMarginColumn:
        return tr("Ahead margin");
    case ColumnCount:
        break;
    }
    return QVariant();
}

void EntryModel::sort(int column, Qt::SortOrder order)
{
    SortColumn sortColumn = SortColumn::CacheKey;
    switch (Column(column)) {
    case UserColumn:
        sortColumn = SortColumn::UserId;
        break;
    case CredentialColumn:
        sortColumn = SortColumn::CredentialId;
        break;
    case ExchangeColumn:
        sortColumn = SortColumn::Exchange;
        break;
    case EnvironmentColumn:
        sortColumn = SortColumn::Environment;
        break;
    case OffsetColumn:
        sortColumn = SortColumn::TimeOffset;
        break;
    case LastSyncColumn:
    case AgeColumn:
        sortColumn = SortColumn::LastSyncTime;
        if (column == AgeColumn) // an older sync is a greater age
            order = order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
        break;
    case ExpiresInColumn:
    case StateColumn:
        sortColumn = SortColumn::ExpiresAt;
        break;
    case HitsColumn:
        sortColumn = SortColumn::HitCount;
        break;
    case AheadMarginColumn: // not sortable (see setPlanningDrifts())
    case ColumnCount:
        return;
    }
    if (sortColumn == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = sortColumn;
    m_sortOrder = order;
    reload();
}

void EntryModel::setFilter(const EntryFilter &filter)
{
    m_filter = filter;
    reload();
}

int EntryModel::rowOf(const QString &userId, const QString &credentialId) const
{
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        for (int i = 0; i < it->size(); ++i) {
            const CacheEntry &e = it->at(i);
            if (e.userId == userId && e.credentialId == credentialId) {
                const int row = it.key() * kPageSize + i;
                return row < m_rows ? row : -1;
            }
        }
    }
    return -1;
}

void EntryModel::reload()
{
    beginResetModel();
    ++m_generation;
    m_pages.clear();
    m_cursors.clear();
    m_pending.clear();
    m_rows = 0;
    m_count = 0;
    m_countKnown = false;
    m_stale = false;
    m_abandoned = false;
    m_milestones.clear();
    m_milestoneEvery = 0;
    m_milestonesPending = false;
    m_milestonesFailed = false;
    m_deferred.clear();
    m_milestoneTimer.stop();
    endResetModel();
    m_countPending = true;
    Q_EMIT countRequested(token(0), m_filter);
    requestPage(0);
}

void EntryModel::abandon()
{
    const bool wasLoading = isLoading();
    ++m_generation; // late answers no longer match
    m_pending.clear();
    m_deferred.clear();
    m_milestonesPending = false;
    m_milestoneTimer.stop();
    m_countPending = false;
    m_abandoned = true;
    if (wasLoading)
        Q_EMIT loadingChanged(false);
}

void EntryModel::requestPage(int page) const
{
    if (m_abandoned || m_pending.contains(page) || m_pages.contains(page))
        return;
    m_pending.insert(page);
    BrowseRequest request;
    request.filter = m_filter;
    request.sortColumn = m_sortColumn;
    request.sortOrder = m_sortOrder;
    request.limit = kPageSize;
    const auto cursor = m_cursors.constFind(page);
    if (page == 0) {
        // from the start
    } else if (cursor != m_cursors.constEnd()) {
        request.after = *cursor; // keyset: an index range scan, however deep
    } else {
        // A jump far from anything loaded.
        const qint64 row = qint64(page) * kPageSize;
        if (const BrowseMilestone *milestone = nearestMilestone(m_milestones, row)) {
            request.after = milestone->cursor;          // a seek to the milestone's key ...
            request.offset = row - milestone->position; // ... and a walk of less than K rows
        } else if (row >= m_milestoneMinEvery && (m_milestonesPending || milestonesWorthIt())) {
            // They are on their way, or asked now (the worker runs one statement at a time, so
            // an OFFSET asked now would only start after them, and then walk every row before
            // it; with them, the jump and every later one is a seek).
            auto *self = const_cast<EntryModel *>(this);
            if (!m_milestonesPending) {
                self->m_milestoneTimer.stop();
                self->requestMilestones();
            }
            m_deferred.insert(page);
            if (m_pending.size() == 1)
                Q_EMIT self->loadingChanged(true);
            return;
        } else {
            request.offset = row; // before the first milestone, or none to be had
        }
    }
    auto *self = const_cast<EntryModel *>(this);
    Q_EMIT self->pageRequested(token(page), request, page * kPageSize);
    if (m_pending.size() == 1)
        Q_EMIT self->loadingChanged(true);
}

void EntryModel::onPageLoaded(quint64 tok, int firstRow, const QList<CacheEntry> &entries,
                              const QString &nextCursor)
{
    if ((tok >> 24) != m_generation)
        return; // an answer for an earlier filter or sort
    const int page = firstRow / kPageSize;
    m_pending.remove(page);
    if (m_pending.isEmpty())
        Q_EMIT loadingChanged(false);
    m_pages.insert(page, entries);
    if (!nextCursor.isEmpty())
        m_cursors.insert(page + 1, nextCursor);
    // Until the count arrives, show what we have (and one more page's worth if there is more).
    const int reach = firstRow + int(entries.size()) + (nextCursor.isEmpty() ? 0 : 1);
    if (!m_countKnown && reach > m_rows) {
        beginInsertRows(QModelIndex(), m_rows, reach - 1);
        m_rows = reach;
        endInsertRows();
    } else if (nextCursor.isEmpty() && reach < m_rows) {
        // The last page: the table ends here, whatever an earlier count said (rows deleted
        // since), so no row waits for ever on a page that will never come.
        beginRemoveRows(QModelIndex(), reach, m_rows - 1);
        m_rows = reach;
        if (m_countKnown)
            m_count = reach;
        endRemoveRows();
    }
    evict(page);
    if (!entries.isEmpty()) {
        const int last = std::min(m_rows - 1, firstRow + int(entries.size()) - 1);
        if (last >= firstRow)
            Q_EMIT dataChanged(index(firstRow, 0), index(last, ColumnCount - 1));
    }
}

void EntryModel::onCountLoaded(quint64 tok, qint64 count)
{
    if ((tok >> 24) != m_generation)
        return;
    m_countPending = false;
    m_countKnown = true;
    m_count = count;
    const int rows = int(std::min<qint64>(count, std::numeric_limits<int>::max()));
    if (rows > m_rows) {
        beginInsertRows(QModelIndex(), m_rows, rows - 1);
        m_rows = rows;
        endInsertRows();
    } else if (rows < m_rows) {
        beginRemoveRows(QModelIndex(), rows, m_rows - 1);
        m_rows = rows;
        endRemoveRows();
    }
    Q_EMIT countChanged(count);
    if (milestonesWorthIt()) {
        if (m_milestoneDelayMs <= 0)
            requestMilestones();
        else
            m_milestoneTimer.start(m_milestoneDelayMs);
    }
}

void EntryModel::setMilestonePolicy(qint64 fromRows, qint64 minEvery, int delayMs)
{
    m_milestonesFromRows = std::max<qint64>(0, fromRows);
    m_milestoneMinEvery = std::max<qint64>(kPageSize, minEvery);
    m_milestoneDelayMs = std::max(0, delayMs);
}

void EntryModel::requestMilestones()
{
    if (m_abandoned)
        return;
    // Whole pages apart, so that a page starts at a milestone or a few pages after one; at most
    // about kMaxMilestones of them (a cursor is some 150 bytes: 300 KB at most).
    const qint64 wanted =
        std::max(m_milestoneMinEvery, (m_count + kMaxMilestones - 1) / kMaxMilestones);
    m_milestoneEvery = (wanted + kPageSize - 1) / kPageSize * kPageSize;
    m_milestonesPending = true;
    BrowseRequest request;
    request.filter = m_filter;
    request.sortColumn = m_sortColumn;
    request.sortOrder = m_sortOrder;
    Q_EMIT milestonesRequested(token(kMilestonesToken), request, m_milestoneEvery);
}

void EntryModel::onMilestonesLoaded(quint64 tok, const QList<BrowseMilestone> &milestones,
                                    const StoreError &error)
{
    if ((tok >> 24) != m_generation || !m_milestonesPending)
        return; // an answer for an earlier filter or sort
    m_milestonesPending = false;
    if (!error)
        m_milestones = milestones;
    else
        m_milestonesFailed = true; // a slow server: plain offsets, as before, until a reload
    // The jumps that waited: those near what is looked at now are asked (with a seek, or an
    // offset when the milestones failed); the rest are asked again if they come into view.
    const QSet<int> deferred = std::exchange(m_deferred, {});
    for (int page : deferred)
        m_pending.remove(page);
    for (int page : deferred) {
        if (std::abs(page - m_lastWanted) <= 2)
            requestPage(page);
    }
    if (m_pending.isEmpty() && !deferred.isEmpty())
        Q_EMIT loadingChanged(false);
}

void EntryModel::evict(int keepAround)
{
    if (m_pages.size() <= kMaxPages)
        return;
    // Drop the pages furthest from what was last looked at (and from the page just loaded).
    QList<int> pages = m_pages.keys();
    std::sort(pages.begin(), pages.end(), [&](int a, int b) {
        const int da = std::min(std::abs(a - keepAround), std::abs(a - m_lastWanted));
        const int db = std::min(std::abs(b - keepAround), std::abs(b - m_lastWanted));
        return da > db;
    });
    while (m_pages.size() > kMaxPages && !pages.isEmpty())
        m_pages.remove(pages.takeFirst());
}

void EntryModel::setStale(bool stale)
{
    if (m_stale == stale)
        return;
    m_stale = stale;
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_rows - 1, ColumnCount - 1), {Qt::ForegroundRole});
}

void EntryModel::tick()
{
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, AgeColumn), index(m_rows - 1, AheadMarginColumn),
                           {Qt::DisplayRole, Qt::ForegroundRole});
}

std::optional<double> EntryModel::aheadMargin(const CacheEntry &entry) const
{
    const QJsonValue bound = entry.metadata.value(QLatin1String(syncKeys::sync))
                                 .toObject()
                                 .value(QLatin1String(syncKeys::errorBoundMs));
    if (!bound.isDouble() || bound.toDouble() < 0)
        return std::nullopt;
    // The drift the entry carries (what a connector's hit plans with), else its series'.
    const double drift = storedDriftMsPerHour(entry).value_or(
        m_drifts.value(entry.cacheKey, kDefaultDriftMsPerHour));
    return aheadMarginMs(bound.toDouble(), std::max<qint64>(0, entry.ageMs(m_clock->nowMs())),
                         drift);
}

void EntryModel::setPlanningDrifts(const QHash<QString, double> &msPerHourByKey)
{
    if (m_drifts == msPerHourByKey)
        return;
    m_drifts = msPerHourByKey;
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, AheadMarginColumn), index(m_rows - 1, AheadMarginColumn));
}

void EntryModel::setAheadSafetyMs(double safetyMs)
{
    m_aheadSafetyMs = safetyMs;
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, AheadMarginColumn), index(m_rows - 1, AheadMarginColumn));
    Q_EMIT headerDataChanged(Qt::Horizontal, AheadMarginColumn, AheadMarginColumn);
}

void EntryModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_rows - 1, ColumnCount - 1),
                           {Qt::DisplayRole, Qt::ToolTipRole});
}

} // namespace ui
} // namespace cc
