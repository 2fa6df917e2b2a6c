#pragma once

// Hot standbys: what is refused on one, in words.

#include <QString>

namespace cc {

// The message of a write refused because the server is a read-only standby: `what` is the
// action ("invalidating the entry"), `server` the URL as displayed.
QString standbyRefusalMessage(const QString &what, const QString &server);
// Why nothing may be written there (Privileges::readOnlyReason).
QString standbyReadOnlyReason(const QString &server);

} // namespace cc
