// The profiles dialog's "Import from .env…" and "pooled" switch: the profile keeps the file's
// path and reads DATABASE_URL at every connect; the password in it reaches the session's
// config and never the settings file.

#include "ui/profiles.h"
#include "ui/profilesdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace cc;
using namespace cc::ui;

class TestProfilesEnvFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_home.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return QString();
        file.write(content);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toLocal8Bit());
        QApplication::setOrganizationName(QStringLiteral("connector-cache-test"));
        QApplication::setApplicationName(QStringLiteral("profiles-envfile-test"));
    }

    void importsTheAppsDotEnv()
    {
        const QString path = writeFile(
            QStringLiteral("app.env"),
            "# prisma\nDATABASE_URL=\"postgresql://app:Tr0ub4dor@pooler.example.com:6543/app?"
            "pgbouncer=true&connection_limit=1&schema=public\"\n");
        {
            ProfilesDialog dialog;
            // A new profile, then the file.
            const auto buttons = dialog.findChildren<QPushButton *>();
            QPushButton *add = nullptr;
            for (QPushButton *b : buttons) {
                if (b->text() == QStringLiteral("Add"))
                    add = b;
            }
            QVERIFY(add);
            add->click();
            QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("importEnvButton")));
            auto *pooled = dialog.findChild<QCheckBox *>(QStringLiteral("pooledCheck"));
            QVERIFY(pooled);
            QVERIFY(!pooled->isChecked());
            QVERIFY(dialog.importEnvFile(path));
            auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("urlEdit"));
            QVERIFY(!url->text().contains(QStringLiteral("Tr0ub4dor")));
            QVERIFY2(url->text().startsWith(
                         QStringLiteral("postgresql://app@pooler.example.com:6543/app")),
                     qPrintable(url->text()));
            QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("envFileEdit"))->text(), path);
            QVERIFY(pooled->isChecked()); // pgbouncer=true
            auto *notice = dialog.findChild<QLabel *>(QStringLiteral("passwordNotice"));
            QVERIFY(notice->text().contains(QStringLiteral("never saved")));
            QVERIFY(!notice->text().contains(QStringLiteral("Tr0ub4dor")));
            // A file without DATABASE_URL is refused in words; the profile keeps the first.
            const QString none = writeFile(QStringLiteral("none.env"), "OTHER=1\n");
            QVERIFY(!dialog.importEnvFile(none));
            QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("envFileEdit"))->text(), path);
            dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"))
                ->setText(QStringLiteral("app"));
            // Save.
            const auto boxes = dialog.findChildren<QPushButton *>();
            for (QPushButton *b : boxes) {
                if (b->text().remove(QLatin1Char('&')) == QStringLiteral("Save"))
                    b->click();
            }
        }
        // The settings file holds the path, never the password.
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
        const QByteArray saved = file.readAll();
        QVERIFY(saved.contains(path.toUtf8()));
        QVERIFY(!saved.contains("Tr0ub4dor"));
        const auto profile = ProfileStore::find(QStringLiteral("app"));
        QVERIFY(profile);
        QCOMPARE(profile->envFile, path);
        QVERIFY(profile->pooled);
        // At connect the file is read again: its password for the session, pooled.
        QString error;
        const DatabaseConfig config = profile->config(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(config.password, QStringLiteral("Tr0ub4dor"));
        QCOMPARE(config.host, QStringLiteral("pooler.example.com"));
        QVERIFY(config.pooled);
        // The file changed: the next connect follows it.
        writeFile(QStringLiteral("app.env"),
                  "DATABASE_URL=postgresql://app2:N3w@db.example.com/app2\n");
        const DatabaseConfig again = profile->config(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(again.user, QStringLiteral("app2"));
        QVERIFY(again.pooled); // the profile's switch still holds
    }

    // The switch alone makes a plain URL's profile pooled.
    void thePooledSwitch()
    {
        ConnectionProfile p;
        p.url = QStringLiteral("postgresql://ops@db/app");
        QString error;
        QVERIFY(!p.config(&error).pooled);
        p.pooled = true;
        QVERIFY(p.config(&error).pooled);
        QVERIFY(p.config(&error).password.isEmpty());
    }
};

QTEST_MAIN(TestProfilesEnvFile)
#include "tst_profiles_envfile.moc"
