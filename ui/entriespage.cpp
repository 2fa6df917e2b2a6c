#include "ui/entriespage.h"

#include "core/clock.h"
#include "core/store/filterquery.h"
#include "core/timesync/exchange.h"
#include "ui/entrymodel.h"
#include "ui/icons.h"
#include "ui/retranslate.h"
#include "ui/synchistorychart.h"
#include "ui/timedisplay.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStringListModel>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace cc {
namespace ui {

namespace {

template<typename T>
T *kept(T *object, const char *property, const char *source)
{
    return Retranslate::keep(object, property, EntriesPage::staticMetaObject.className(), source);
}

} // namespace

EntriesPage::EntriesPage(QWidget *parent)
    : QWidget(parent)
{
    auto *ev = new QVBoxLayout(this);
    auto *filterRow = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setClearButtonEnabled(true);
    kept(m_filter, "placeholderText",
         QT_TR_NOOP("Filter: exchange:bybit env:testnet user:ID cred:ID before:2h or any text"));
    m_stateCombo = new QComboBox(this);
    m_stateCombo->setObjectName(QStringLiteral("stateCombo"));
    m_stateCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents); // also after a language change
    for (int state : {int(EntryFilter::State::Any), int(EntryFilter::State::Valid),
                      int(EntryFilter::State::Expired), int(EntryFilter::State::Invalid)})
        m_stateCombo->addItem(QString(), state);
    retranslateStates();
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_stateCombo);
    // Saved filters, by name.
    auto *saved = new QToolButton(this);
    saved->setObjectName(QStringLiteral("savedFiltersButton"));
    kept(saved, "text", QT_TR_NOOP("Saved"));
    kept(saved, "toolTip", QT_TR_NOOP("Saved filters; save the current one under a name"));
    saved->setPopupMode(QToolButton::InstantPopup);
    m_savedMenu = new QMenu(saved);
    saved->setMenu(m_savedMenu);
    connect(m_savedMenu, &QMenu::aboutToShow, this, &EntriesPage::rebuildSavedMenu);
    filterRow->addWidget(saved);
    filterRow->addWidget(m_countLabel);
    // Recent filters as completions.
    m_recentModel = new QStringListModel(this);
    auto *completer = new QCompleter(m_recentModel, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_filter->setCompleter(completer);
    ev->addLayout(filterRow);
    m_filterError = new QLabel(this);
    m_filterError->setObjectName(QStringLiteral("filterError"));
    m_filterError->setStyleSheet(QStringLiteral("color: #c62828"));
    m_filterError->hide();
    ev->addWidget(m_filterError);
    m_filterWarning = new QLabel(this);
    m_filterWarning->setObjectName(QStringLiteral("filterWarning"));
    m_filterWarning->setStyleSheet(QStringLiteral("color: #b26a00"));
    m_filterWarning->hide();
    ev->addWidget(m_filterWarning);
    // When the filter matches nothing: said plainly, with the way out next to it.
    m_noMatches = new QWidget(this);
    m_noMatches->setObjectName(QStringLiteral("noMatches"));
    auto *noMatchesRow = new QHBoxLayout(m_noMatches);
    noMatchesRow->setContentsMargins(0, 0, 0, 0);
    noMatchesRow->addWidget(
        kept(new QLabel(m_noMatches), "text", QT_TR_NOOP("No entries match the filter.")));
    auto *clear = kept(new QPushButton(m_noMatches), "text", QT_TR_NOOP("Clear filter"));
    clear->setObjectName(QStringLiteral("clearFilterButton"));
    noMatchesRow->addWidget(clear);
    noMatchesRow->addStretch();
    m_noMatches->hide();
    ev->addWidget(m_noMatches);
    connect(clear, &QPushButton::clicked, this, [this]() {
        m_filter->clear();
        m_stateCombo->setCurrentIndex(0);
        applyFilter();
    });
    // The details beside the table: the metadata JSON gets the full height it needs.
    auto *split = new QSplitter(Qt::Horizontal, this);
    m_splitter = split;
    split->setObjectName(QStringLiteral("entrySplitter"));
    m_model = new EntryModel(Clock::system(), this);
    m_view = new QTableView(split);
    m_view->setObjectName(QStringLiteral("entryView"));
    m_view->setModel(m_model);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(EntryModel::UserColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    // Long IDs differ at both ends ("svc-eu-…-0001" / "svc-eu-…-0002"): elided in the middle.
    m_view->setTextElideMode(Qt::ElideMiddle);
    fitColumnsToTitles();
    // The window's actions on the rows, by right click, after copying the key.
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copyKey = kept(new QAction(resourceIcon("copy"), QString(), m_view), "text",
                         QT_TR_NOOP("Copy cache key"));
    copyKey->setShortcut(QKeySequence::Copy);
    copyKey->setShortcutContext(Qt::WidgetShortcut);
    connect(copyKey, &QAction::triggered, this, [this]() {
        QStringList keys;
        for (const CacheEntry &e : selectedEntries())
            keys << e.cacheKey;
        QGuiApplication::clipboard()->setText(keys.join(QLatin1Char('\n')));
    });
    m_view->addAction(copyKey);
    m_details = new QPlainTextEdit(split);
    m_details->setObjectName(QStringLiteral("detailsPane"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    kept(m_details, "placeholderText",
         QT_TR_NOOP("Select an entry to see its details and metadata."));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_details->setFont(mono);
    split->addWidget(m_view);
    // The details above, the credential's own sync history (issue 17) below.
    auto *detailsSplit = new QSplitter(Qt::Vertical, split);
    detailsSplit->setObjectName(QStringLiteral("detailsSplitter"));
    m_details->setParent(detailsSplit);
    detailsSplit->addWidget(m_details);
    m_history = new SyncHistoryChart(tr("This credential's syncs"), detailsSplit);
    m_history->setObjectName(QStringLiteral("entrySyncHistory"));
    m_history->setCompact(true);
    m_history->setMinimumHeight(180);
    kept(m_history->chart(), "title", QT_TR_NOOP("This credential's syncs"));
    kept(m_history, "toolTip",
         QT_TR_NOOP("Offset and error bound of this credential's logged syncs"));
    detailsSplit->addWidget(m_history);
    detailsSplit->setSizes({420, 280});
    detailsSplit->setChildrenCollapsible(false);
    split->addWidget(detailsSplit);
    // The Ahead margin shown beside the expiry countdown it goes with.
    m_view->horizontalHeader()->moveSection(EntryModel::AheadMarginColumn,
                                            EntryModel::ExpiresInColumn + 1);
    // The State beside the identity it belongs to: readable without scrolling sideways when
    // the window is narrow (1024 px).
    m_view->horizontalHeader()->moveSection(
        m_view->horizontalHeader()->visualIndex(EntryModel::StateColumn),
        m_view->horizontalHeader()->visualIndex(EntryModel::EnvironmentColumn) + 1);
    // The Ahead margin column cannot be sorted by (EntryModel::setPlanningDrifts()): a click on
    // its header leaves the sort, and its indicator, where they were.
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this](int section, Qt::SortOrder order) {
                if (section != EntryModel::AheadMarginColumn) {
                    m_sortSection = section;
                    m_sortOrder = order;
                    return;
                }
                const QSignalBlocker blocker(m_view->horizontalHeader());
                m_view->horizontalHeader()->setSortIndicator(m_sortSection, m_sortOrder);
            });
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({980, 320});
    m_details->setMinimumWidth(220);
    split->setChildrenCollapsible(false);
    ev->addWidget(split, 1);
    auto *separator = new QAction(m_view);
    separator->setSeparator(true);
    m_view->addAction(separator);

    // The filter applies as the operator types (debounced), on the server.
    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(m_filter, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, this, &EntriesPage::applyFilter);
    connect(m_stateCombo, &QComboBox::activated, this, &EntriesPage::stateChosen);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &EntriesPage::showDetails);
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            &EntriesPage::rememberSelection);
    connect(m_model, &QAbstractItemModel::modelReset, this, &EntriesPage::showDetails);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &EntriesPage::restoreSelection);
    // The User column grows to the IDs on screen once their page arrives (up to a limit).
    auto *fitUsers = new QTimer(this);
    fitUsers->setSingleShot(true);
    fitUsers->setInterval(50);
    connect(fitUsers, &QTimer::timeout, this, &EntriesPage::fitUserColumn);
    connect(m_model, &QAbstractItemModel::dataChanged, fitUsers,
            [fitUsers](const QModelIndex &topLeft) {
                if (topLeft.column() <= EntryModel::UserColumn)
                    fitUsers->start();
            });
    connect(m_model, &QAbstractItemModel::rowsInserted, fitUsers, qOverload<>(&QTimer::start));
    connect(m_model, &EntryModel::countRequested, this, [this]() {
        if (m_connected)
            m_countLabel->setText(tr("counting…"));
    });
    connect(m_model, &EntryModel::countChanged, this, [this](qint64 count) {
        m_countLabel->setText(tr("%Ln entries", nullptr, int(count)));
        m_noMatches->setVisible(count == 0 && !m_model->filter().isEmpty());
        if (count > 0)
            rememberFilter();
    });
}

void EntriesPage::fitColumnsToTitles()
{
    // Each column as wide as a typical value (or its title), measured in the view's font; never
    // narrower than it is. The State column by its words in the language on screen.
    const QFontMetrics metrics = m_view->fontMetrics();
    const QStringList kSamples{QStringLiteral("user0000"), QStringLiteral("c0000000000000000"),
                               QStringLiteral("BYBIT"),    QStringLiteral("TESTNET"),
                               QStringLiteral("-0000 ms"), QStringLiteral("0000-00-00 00:00:00"),
                               QStringLiteral("00h 00m"),  QStringLiteral("expired 00h 00m ago"),
                               QStringLiteral("00000"),    QString(),
                               QStringLiteral("-000 ms")};
    QStringList samples = kSamples;
    for (const QString &word :
         {EntryModel::tr("valid"), EntryModel::tr("expired"), EntryModel::tr("invalidated")}) {
        if (metrics.horizontalAdvance(word) >
            metrics.horizontalAdvance(samples.at(EntryModel::StateColumn)))
            samples[EntryModel::StateColumn] = word;
    }
    // The expiry countdown of an expired entry, in the language on screen.
    const QString expired = EntryModel::tr("expired %1 ago").arg(QStringLiteral("00h 00m"));
    if (metrics.horizontalAdvance(expired) >
        metrics.horizontalAdvance(samples.at(EntryModel::ExpiresInColumn)))
        samples[EntryModel::ExpiresInColumn] = expired;
    for (int column = 0; column < samples.size(); ++column) {
        const QString title =
            m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        const int wanted = std::max(metrics.horizontalAdvance(samples.at(column)),
                                    metrics.horizontalAdvance(title) + 14) +
                           14;
        m_view->setColumnWidth(column, std::max(wanted, m_view->columnWidth(column)));
    }
}

void EntriesPage::retranslateStates()
{
    const char *names[] = {QT_TR_NOOP("All states"), QT_TR_NOOP("Valid"), QT_TR_NOOP("Expired"),
                           QT_TR_NOOP("Invalidated")};
    for (int i = 0; i < m_stateCombo->count() && i < int(std::size(names)); ++i)
        m_stateCombo->setItemText(i, tr(names[i]));
}

void EntriesPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        Retranslate::apply(this);
        retranslateStates();
        m_model->retranslate();
        fitColumnsToTitles();
        if (m_model->isCountKnown())
            m_countLabel->setText(tr("%Ln entries", nullptr, int(m_model->totalCount())));
        showDetails();
    }
    QWidget::changeEvent(event);
}

void EntriesPage::fitUserColumn()
{
    const QFontMetrics metrics = m_view->fontMetrics();
    const int first = std::max(0, m_view->rowAt(0));
    int last = m_view->rowAt(m_view->viewport()->height() - 1);
    if (last < 0)
        last = m_model->rowCount() - 1;
    int widest = 0;
    for (int row = first; row <= last; ++row) {
        if (const CacheEntry *e = m_model->entryAt(row))
            widest = std::max(widest, metrics.horizontalAdvance(e->userId));
    }
    // Padding for the cell's margins; beyond the limit the middle is elided instead.
    const int limit = std::max(kUserColumnLimit, metrics.horizontalAdvance(QLatin1Char('M')) * 28);
    const int wanted = std::min(widest + 24, limit);
    if (wanted > m_view->columnWidth(EntryModel::UserColumn))
        m_view->setColumnWidth(EntryModel::UserColumn, wanted);
}

void EntriesPage::addRowActions(const QList<QAction *> &actions)
{
    m_view->addActions(actions);
}

void EntriesPage::setConnected(bool connected)
{
    m_connected = connected;
}

void EntriesPage::setStale(bool stale)
{
    m_view->setEnabled(!stale);
    m_details->setEnabled(!stale);
    m_model->setStale(stale);
}

QList<CacheEntry> EntriesPage::selectedEntries() const
{
    QList<CacheEntry> entries;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        if (const CacheEntry *e = m_model->entryAt(index.row()))
            entries << *e;
    }
    return entries;
}

const CacheEntry *EntriesPage::currentEntry() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.size() == 1 ? m_model->entryAt(rows.first().row()) : nullptr;
}

void EntriesPage::applyFilter()
{
    QString error;
    EntryFilter filter = parseFilterQuery(m_filter->text(), Clock::system()->nowMs(), &error);
    if (!error.isEmpty()) {
        m_filterError->setText(error);
        m_filterError->show();
        return;
    }
    m_filterError->hide();
    // The state combo shows the text's state: term (the text is what is applied).
    {
        const QSignalBlocker blocker(m_stateCombo);
        m_stateCombo->setCurrentIndex(std::max(0, m_stateCombo->findData(int(filter.state))));
    }
    // Values no entry can have are flagged (the filter still applies: it matches nothing).
    QStringList unknown;
    if (!filter.exchange.isEmpty() && !exchangeFromName(filter.exchange))
        unknown << tr("no exchange is called \"%1\" (known: %2)")
                       .arg(filter.exchange, QStringList{exchangeName(Exchange::Bybit),
                                                         exchangeName(Exchange::BingX)}
                                                 .join(QStringLiteral(", ")));
    if (!filter.environment.isEmpty() && !environmentFromName(filter.environment))
        unknown << tr("no environment is called \"%1\" (known: %2)")
                       .arg(filter.environment, QStringList{environmentName(Environment::Mainnet),
                                                            environmentName(Environment::Testnet),
                                                            environmentName(Environment::Demo)}
                                                    .join(QStringLiteral(", ")));
    m_filterWarning->setText(tr("Unknown value: %1").arg(unknown.join(QStringLiteral("; "))));
    m_filterWarning->setVisible(!unknown.isEmpty());
    if (m_connected)
        m_model->setFilter(filter);
}

void EntriesPage::stateChosen()
{
    static const QRegularExpression stateTerm(QStringLiteral("(^|\\s)state:\\S*"));
    QString text = m_filter->text();
    text.remove(stateTerm);
    text = text.trimmed();
    const auto state = EntryFilter::State(m_stateCombo->currentData().toInt());
    if (state != EntryFilter::State::Any)
        text += (text.isEmpty() ? QString() : QStringLiteral(" ")) + QStringLiteral("state:") +
                EntryFilter::stateName(state);
    {
        const QSignalBlocker blocker(m_filter); // applied now, not after the typing pause
        m_filter->setText(text);
    }
    applyFilter();
}

void EntriesPage::rememberFilter()
{
    const QString text = m_filter->text().trimmed();
    if (text.isEmpty() || (!m_recent.isEmpty() && m_recent.first() == text))
        return;
    m_recent.removeAll(text);
    m_recent.prepend(text);
    while (m_recent.size() > kRecentFilters)
        m_recent.removeLast();
    m_recentModel->setStringList(m_recent);
}

void EntriesPage::saveFilter(const QString &name, const QString &text)
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("savedFilters"));
    settings.setValue(name, text);
    settings.endGroup();
}

QList<QPair<QString, QString>> EntriesPage::savedFilters() const
{
    QList<QPair<QString, QString>> list;
    QSettings settings;
    settings.beginGroup(QStringLiteral("savedFilters"));
    for (const QString &key : settings.childKeys())
        list << qMakePair(key, settings.value(key).toString());
    settings.endGroup();
    return list;
}

void EntriesPage::rebuildSavedMenu()
{
    m_savedMenu->clear();
    QAction *save = m_savedMenu->addAction(tr("Save the current filter…"));
    save->setEnabled(!m_filter->text().trimmed().isEmpty());
    connect(save, &QAction::triggered, this, [this]() {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save filter"), tr("Name:"),
                                                   QLineEdit::Normal, QString(), &ok)
                                 .trimmed();
        if (ok && !name.isEmpty())
            saveFilter(name, m_filter->text().trimmed());
    });
    const auto saved = savedFilters();
    if (!saved.isEmpty())
        m_savedMenu->addSeparator();
    for (const auto &entry : saved) {
        QAction *use = m_savedMenu->addAction(entry.first);
        use->setToolTip(entry.second);
        const QString text = entry.second;
        connect(use, &QAction::triggered, this, [this, text]() {
            m_filter->setText(text);
            applyFilter();
        });
    }
}

void EntriesPage::rememberSelection()
{
    if (!m_reselect.isEmpty())
        return; // a reload before the last one's rows came: still the same selection
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        if (const CacheEntry *e = m_model->entryAt(index.row()))
            m_reselect << qMakePair(e->userId, e->credentialId);
    }
}

void EntriesPage::restoreSelection()
{
    if (m_reselect.isEmpty())
        return;
    QItemSelection selection;
    QModelIndex current;
    QList<QPair<QString, QString>> missing;
    for (const auto &id : std::as_const(m_reselect)) {
        const int row = m_model->rowOf(id.first, id.second);
        if (row < 0) {
            missing << id;
            continue;
        }
        const QModelIndex index = m_model->index(row, 0);
        selection.select(index, index);
        if (!current.isValid())
            current = index;
    }
    if (selection.isEmpty()) {
        if (!m_model->isLoading())
            m_reselect.clear(); // gone (deleted, or no longer matching): nothing to keep
        return;
    }
    m_reselect = missing;
    if (!m_model->isLoading())
        m_reselect.clear();
    m_restoring = true;
    m_view->selectionModel()->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect |
                                                    QItemSelectionModel::Rows);
    m_restoring = false;
    showDetails();
}

void EntriesPage::showDetails()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (!m_restoring && !rows.isEmpty())
        m_reselect.clear(); // the operator chose: their choice wins over the remembered one
    if (rows.isEmpty() && !m_reselect.isEmpty())
        return; // reloading: the details stay until the rows are back
    if (rows.size() != 1) {
        m_historyKey.clear();
        m_history->clear();
        m_details->setPlainText(
            rows.isEmpty() ? QString() : tr("%Ln entries selected", nullptr, int(rows.size())));
        return;
    }
    const CacheEntry *e = m_model->entryAt(rows.first().row());
    if (!e) {
        m_details->clear();
        return;
    }
    if (e->cacheKey != m_historyKey) {
        m_historyKey = e->cacheKey;
        m_history->clear();
        Q_EMIT syncHistoryRequested(e->cacheKey);
    }
    const qint64 now = Clock::system()->nowMs();
    QString text;
    text += tr("Cache key:    %1\n").arg(e->cacheKey);
    text += tr("Id:           %1\n").arg(e->id);
    text += tr("User:         %1\nCredential:   %2\n").arg(e->userId, e->credentialId);
    text += tr("Exchange:     %1 %2\n").arg(e->exchange, e->environment);
    const QLocale locale;
    text += tr("Offset:       %1 ms\n").arg(locale.toString(e->timeOffsetMs));
    text += tr("Last sync:    %1 (%2 ago)\n")
                .arg(TimeDisplay::fullText(e->lastSyncTime), formatDuration(e->ageMs(now)));
    text += tr("Expires:      %1\n").arg(TimeDisplay::fullText(e->expiresAt));
    text += tr("State:        %1\nHits:         %2\n")
                .arg(stateName(e->stateAt(now)), locale.toString(e->hitCount));
    text += tr("Created:      %1\nUpdated:      %2\n")
                .arg(TimeDisplay::fullText(e->createdAt), TimeDisplay::fullText(e->updatedAt));
    text += tr("Metadata:\n%1")
                .arg(e->metadata.isEmpty()
                         ? tr("(none: written by the seed's service)")
                         : QString::fromUtf8(
                               QJsonDocument(e->metadata).toJson(QJsonDocument::Indented)));
    m_details->setPlainText(text);
}

void EntriesPage::showSyncHistory(const QString &cacheKey, const QList<SyncLogRecord> &records)
{
    if (cacheKey != m_historyKey)
        return; // the selection moved on meanwhile
    m_history->setRecords(records);
    m_history->chart()->setTitle(records.isEmpty() ? tr("No logged syncs of this credential")
                                                   : tr("This credential's syncs"));
}

void EntriesPage::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("entries/recentFilters"), m_recent);
    settings.setValue(QStringLiteral("entries/header"), m_view->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("entries/splitter"), m_splitter->saveState());
}

void EntriesPage::restoreState(const QSettings &settings)
{
    // Column widths and order, the sort, and the table/details split, as the operator left them.
    if (m_view->horizontalHeader()->restoreState(
            settings.value(QStringLiteral("entries/header")).toByteArray()))
        m_model->sort(m_view->horizontalHeader()->sortIndicatorSection(),
                      m_view->horizontalHeader()->sortIndicatorOrder());
    m_splitter->restoreState(settings.value(QStringLiteral("entries/splitter")).toByteArray());
    fitColumnsToTitles(); // widths saved in another language may be too narrow for this one
    m_recent = settings.value(QStringLiteral("entries/recentFilters")).toStringList();
    m_recentModel->setStringList(m_recent);
}

} // namespace ui
} // namespace cc
