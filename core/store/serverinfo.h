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
    // PostgreSQL: the server is a hot standby (pg_is_in_recovery()): it serves reads only.
    bool standby = false;
    // On a standby, how far behind the primary it is, in seconds: 0 while it streams and has
    // replayed all it received, else the age of the last transaction it replayed
    // (pg_last_xact_replay_timestamp()); -1 when it never replayed one. -1 on a primary.
    double replayLagSeconds = -1;
    // The server that answered (libpq's PQhost/PQport): with a multi-host URL, which one.
    QString host;
    int port = -1;
    // PostgreSQL: the schema the cache's tables are in (the URL's schema=, else the search
    // path's current_schema()); empty for SQLite.
    QString schema;
};

// What the connected role may do with our tables.
struct Privileges
{
    bool canRead = true;
    bool canWrite = true; // update/delete on connector_state_cache
    bool canAudit = true; // insert into the audit log
    // Why writing is impossible whatever the GRANTs (the server is a read-only standby);
    // empty when only the role's privileges decide.
    QString readOnlyReason;
};

} // namespace cc

Q_DECLARE_METATYPE(cc::ServerInfo)
Q_DECLARE_METATYPE(cc::Privileges)
