#pragma once

#include "ui/profiles.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace cc {
namespace ui {

// Edits the connection profiles (never a password).
class ProfilesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ProfilesDialog(QWidget *parent = nullptr);
    QList<ConnectionProfile> profiles() const { return m_profiles; }
    // The profile to open now, when the dialog was closed with Connect.
    std::optional<ConnectionProfile> connectTo() const { return m_connectTo; }

private:
    void load(int row);
    void store(int row);
    void refreshList();
    bool saveAll();

    std::optional<ConnectionProfile> m_connectTo;

    QList<ConnectionProfile> m_profiles;
    QTableWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QComboBox *m_tag;
    QComboBox *m_sslMode;
    QLineEdit *m_caFile;
    QLabel *m_error;
    int m_current = -1;
};

} // namespace ui
} // namespace cc
