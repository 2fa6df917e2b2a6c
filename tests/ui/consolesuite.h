#pragma once

// What every console suite sets up the same way: a home of its own for the settings, the
// worker's types, and a migrated test database (with demo entries where the suite wants them).

#include "core/store/cachestore.h"
#include "tests/support/testdatabase.h"
#include "ui/storeworker.h"

#include <QApplication>
#include <QTemporaryDir>

#include <memory>

namespace cc::test {

class ConsoleSuite
{
protected:
    // For initTestCase: settings under the suite's temporary home (never the user's, never
    // another suite's), the suite's application name, the worker's queued types.
    void prepareSuite(const char *applicationName)
    {
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toLocal8Bit());
        QApplication::setOrganizationName(QStringLiteral("connector-cache-test"));
        QApplication::setApplicationName(QLatin1String(applicationName));
        ui::StoreWorker::registerTypes();
    }

    // For init: a new database, migrated, with `demoEntries` demo entries (none for 0). Returns
    // what went wrong, empty on success; m_db is the database either way.
    QString prepareDatabase(qint64 demoEntries = 0, quint32 seed = 1)
    {
        m_db = std::make_unique<TestDatabase>();
        if (!m_db->isValid())
            return m_db->errorMessage();
        CacheStore store(m_db->config());
        const auto migrated = store.migrate();
        if (!migrated.ok())
            return migrated.error().message();
        if (demoEntries > 0) {
            const auto filled = store.fillDemo(demoEntries, seed);
            if (!filled.ok())
                return filled.error().message();
            if (filled.value() != demoEntries)
                return QStringLiteral("the demo wrote %1 entries, not %2")
                    .arg(filled.value())
                    .arg(demoEntries);
        }
        return QString();
    }

    std::unique_ptr<TestDatabase> m_db;
    QTemporaryDir m_home;
};

} // namespace cc::test
