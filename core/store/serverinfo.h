#pragma once

// The server a store is connected to, and what its role may do.

#include <QMetaType>
#include <QString>

namespace cc {

struct ServerInfo
{
    QString backend; // "PostgreSQL" or "SQLite"
    QString version; // server version
    QString role;    // database role (PostgreSQL) or file owner
    QString database;
    qint64 latencyUs = -1; // a trivial query's round trip
};

// What the connected role may do with our tables.
struct Privileges
{
    bool canRead = true;
    bool canWrite = true; // update/delete on connector_state_cache
    bool canAudit = true; // insert into the audit log
};

} // namespace cc

Q_DECLARE_METATYPE(cc::ServerInfo)
Q_DECLARE_METATYPE(cc::Privileges)
