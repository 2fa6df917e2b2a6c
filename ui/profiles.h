#pragma once

#include "core/store/databaseconfig.h"

#include <QColor>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class QWidget;

namespace cc {
namespace ui {

// A saved connection: never with a password (that goes to the OS keychain, or is asked for).
struct ConnectionProfile
{
    // Untagged: an ad-hoc URL (--database) whose environment nobody declared.
    enum class Tag { Production, Staging, Test, Untagged };

    QString name;
    QString url; // without password; libpq's environment, service file and ~/.pgpass apply
    Tag tag = Tag::Test;
    QString sslMode;     // empty: the URL's or libpq's default
    QString sslRootCert; // CA file for verify-ca / verify-full
    // The URL comes from DATABASE_URL in this dotenv file (a Prisma app's .env), read again at
    // every connect; its password is used for the session and never kept. `url` then holds the
    // last URL read, without its password, for display.
    QString envFile;
    // Reached through a transaction-mode pooler (as pgbouncer=true in the URL, which also sets
    // it): no prepared statements, no session settings, polling instead of LISTEN.
    bool pooled = false;

    static QString tagName(Tag tag); // translated: "production", ...
    static QColor tagColor(Tag tag); // red, amber, green; grey for untagged
    static Tag tagFromKey(const QString &key);
    static QString tagKey(Tag tag); // "production", "staging", "test", "untagged" (settings)
    // A profile for a URL given on the command line: named after it, with no environment tag.
    static ConnectionProfile adHoc(const QString &url, const QString &displayName);

    // The database config with the TLS settings applied; error in words when the URL is bad.
    DatabaseConfig config(QString *errorMessage) const;
    bool isProduction() const { return tag == Tag::Production; }
};

// Profiles in QSettings (group "profiles"), which is kept readable by its owner only.
class ProfileStore
{
public:
    static QList<ConnectionProfile> load();
    static void save(const QList<ConnectionProfile> &profiles);
    static std::optional<ConnectionProfile> find(const QString &name);
    // The embedded default, always available: the SQLite database in the user's data directory.
    static ConnectionProfile embeddedDefault();
    // Makes the settings file private (0600), whatever the umask was.
    static void restrictSettingsFile();
};

// Passwords through QtKeychain (the OS keychain) when built with it; otherwise none are stored.
class PasswordVault : public QObject
{
    Q_OBJECT

public:
    explicit PasswordVault(QObject *parent = nullptr);
    static bool isAvailable();
    // Asynchronous; done(password, found, error).
    void read(const QString &profile,
              std::function<void(const QString &, bool, const QString &)> done);
    void write(const QString &profile, const QString &password,
               std::function<void(const QString &)> done);
    void remove(const QString &profile);
};

} // namespace ui
} // namespace cc
