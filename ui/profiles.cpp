#include "ui/profiles.h"

#include "core/store/dotenv.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>

#ifdef CC_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace cc {
namespace ui {

namespace {
const char kService[] = "connector-cache-console";
}

QString ConnectionProfile::tagName(Tag tag)
{
    switch (tag) {
    case Tag::Production:
        return QCoreApplication::translate("ConnectionProfile", "production");
    case Tag::Staging:
        return QCoreApplication::translate("ConnectionProfile", "staging");
    case Tag::Test:
        return QCoreApplication::translate("ConnectionProfile", "test");
    case Tag::Untagged:
        return QCoreApplication::translate("ConnectionProfile", "untagged");
    }
    return QString();
}

QColor ConnectionProfile::tagColor(Tag tag)
{
    switch (tag) {
    case Tag::Production:
        return QColor(0xc6, 0x28, 0x28);
    case Tag::Staging:
        return QColor(0xe0, 0x9b, 0x1a);
    case Tag::Test:
        return QColor(0x2e, 0x8b, 0x57);
    case Tag::Untagged:
        return QColor(0x75, 0x75, 0x75);
    }
    return QColor();
}

QString ConnectionProfile::tagKey(Tag tag)
{
    switch (tag) {
    case Tag::Production:
        return QStringLiteral("production");
    case Tag::Staging:
        return QStringLiteral("staging");
    case Tag::Test:
        return QStringLiteral("test");
    case Tag::Untagged:
        return QStringLiteral("untagged");
    }
    return QString();
}

ConnectionProfile::Tag ConnectionProfile::tagFromKey(const QString &key)
{
    if (key == QLatin1String("production"))
        return Tag::Production;
    if (key == QLatin1String("staging"))
        return Tag::Staging;
    if (key == QLatin1String("untagged"))
        return Tag::Untagged;
    return Tag::Test;
}

ConnectionProfile ConnectionProfile::adHoc(const QString &url, const QString &displayName)
{
    ConnectionProfile p;
    p.name = displayName;
    p.url = url;
    p.tag = Tag::Untagged;
    return p;
}

DatabaseConfig ConnectionProfile::config(QString *errorMessage) const
{
    QString ignored;
    QString &error = errorMessage ? *errorMessage : ignored;
    if (!envFile.isEmpty()) {
        // The file's password is the session's: kept in memory only, like a typed one.
        const QString fileUrl = readDotEnvValue(envFile, QStringLiteral("DATABASE_URL"), &error);
        if (fileUrl.isNull())
            return DatabaseConfig();
        DatabaseConfig c = DatabaseConfig::fromUrl(fileUrl, &error);
        if (!error.isEmpty()) {
            error = QStringLiteral("DATABASE_URL in %1: %2").arg(envFile, error);
            return c;
        }
        if (c.isPostgres()) {
            if (!sslMode.isEmpty())
                c.options.insert(QStringLiteral("sslmode"), sslMode);
            if (!sslRootCert.isEmpty())
                c.options.insert(QStringLiteral("sslrootcert"), sslRootCert);
            c.pooled = c.pooled || pooled;
        }
        return c;
    }
    DatabaseConfig c = DatabaseConfig::fromUrl(url, &error);
    if (!error.isEmpty())
        return c;
    if (c.isPostgres())
        c.pooled = c.pooled || pooled;
    if (c.isPostgres()) {
        if (!sslMode.isEmpty())
            c.options.insert(QStringLiteral("sslmode"), sslMode);
        if (!sslRootCert.isEmpty())
            c.options.insert(QStringLiteral("sslrootcert"), sslRootCert);
    }
    c.password.clear(); // never from a profile
    return c;
}

QList<ConnectionProfile> ProfileStore::load()
{
    QSettings settings;
    QList<ConnectionProfile> profiles;
    const int n = settings.beginReadArray(QStringLiteral("profiles"));
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        ConnectionProfile p;
        p.name = settings.value(QStringLiteral("name")).toString();
        p.url = settings.value(QStringLiteral("url")).toString();
        p.tag = ConnectionProfile::tagFromKey(settings.value(QStringLiteral("tag")).toString());
        p.sslMode = settings.value(QStringLiteral("sslmode")).toString();
        p.sslRootCert = settings.value(QStringLiteral("sslrootcert")).toString();
        p.envFile = settings.value(QStringLiteral("envfile")).toString();
        p.pooled = settings.value(QStringLiteral("pooled"), false).toBool();
        if (!p.name.isEmpty() && (!p.url.isEmpty() || !p.envFile.isEmpty()))
            profiles << p;
    }
    settings.endArray();
    return profiles;
}

void ProfileStore::save(const QList<ConnectionProfile> &profiles)
{
    QSettings settings;
    settings.remove(QStringLiteral("profiles"));
    settings.beginWriteArray(QStringLiteral("profiles"), int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const ConnectionProfile &p = profiles.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), p.name);
        // A URL typed with a password keeps it out of the file, also one that does not parse
        // (kept as typed, for the operator to correct, with "***" for the password).
        QString error;
        const DatabaseConfig parsed = DatabaseConfig::fromUrl(p.url, &error);
        settings.setValue(QStringLiteral("url"), error.isEmpty()
                                                     ? parsed.toUrl()
                                                     : DatabaseConfig::withoutPassword(p.url));
        settings.setValue(QStringLiteral("tag"), ConnectionProfile::tagKey(p.tag));
        settings.setValue(QStringLiteral("sslmode"), p.sslMode);
        settings.setValue(QStringLiteral("sslrootcert"), p.sslRootCert);
        settings.setValue(QStringLiteral("envfile"), p.envFile); // the path, never its content
        settings.setValue(QStringLiteral("pooled"), p.pooled);
    }
    settings.endArray();
    settings.sync();
    restrictSettingsFile();
}

std::optional<ConnectionProfile> ProfileStore::find(const QString &name)
{
    if (name == embeddedDefault().name)
        return embeddedDefault();
    for (const ConnectionProfile &p : load()) {
        if (p.name == name)
            return p;
    }
    return std::nullopt;
}

ConnectionProfile ProfileStore::embeddedDefault()
{
    ConnectionProfile p;
    p.name = QCoreApplication::translate("ProfileStore", "Embedded (SQLite)");
    p.url = DatabaseConfig::defaultSqlite().toUrl();
    p.tag = ConnectionProfile::Tag::Test;
    return p;
}

void ProfileStore::restrictSettingsFile()
{
    QSettings settings;
    const QString path = settings.fileName();
    if (QFile::exists(path))
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

PasswordVault::PasswordVault(QObject *parent)
    : QObject(parent)
{}

bool PasswordVault::isAvailable()
{
#ifdef CC_HAVE_KEYCHAIN
    return true; // a job reports a missing backend; we then ask for the password each time
#else
    return false;
#endif
}

void PasswordVault::read(const QString &profile,
                         std::function<void(const QString &, bool, const QString &)> done)
{
#ifdef CC_HAVE_KEYCHAIN
    auto *job = new QKeychain::ReadPasswordJob(QLatin1String(kService), this);
    job->setKey(profile);
    connect(job, &QKeychain::Job::finished, this, [job, done](QKeychain::Job *) {
        if (job->error() == QKeychain::NoError)
            done(job->textData(), true, QString());
        else if (job->error() == QKeychain::EntryNotFound)
            done(QString(), false, QString());
        else
            done(QString(), false, job->errorString());
    });
    job->start();
#else
    Q_UNUSED(profile);
    done(QString(), false, tr("built without keychain support"));
#endif
}

void PasswordVault::write(const QString &profile, const QString &password,
                          std::function<void(const QString &)> done)
{
#ifdef CC_HAVE_KEYCHAIN
    auto *job = new QKeychain::WritePasswordJob(QLatin1String(kService), this);
    job->setKey(profile);
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [job, done](QKeychain::Job *) {
        done(job->error() == QKeychain::NoError ? QString() : job->errorString());
    });
    job->start();
#else
    Q_UNUSED(profile);
    Q_UNUSED(password);
    done(tr("built without keychain support"));
#endif
}

void PasswordVault::remove(const QString &profile)
{
#ifdef CC_HAVE_KEYCHAIN
    auto *job = new QKeychain::DeletePasswordJob(QLatin1String(kService), this);
    job->setKey(profile);
    job->start();
#else
    Q_UNUSED(profile);
#endif
}

} // namespace ui
} // namespace cc
