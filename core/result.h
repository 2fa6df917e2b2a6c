#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>
#include <utility>

namespace cc {

// What went wrong in the store, in words an operator can act on.
class StoreError
{
public:
    enum Kind {
        NoError,
        Unreachable,        // cannot connect, connection lost, timed out
        SchemaMissing,      // our tables are not there: run `connector-cache migrate`
        SchemaTooNew,       // written by a newer connector-cache than this one
        SchemaIncompatible, // the cache table exists but lacks columns the seed's model has
        PermissionDenied,   // the database role may not do this
        Conflict,           // the cache key belongs to another identity
        InvalidArgument,    // bad input from the caller
        Cancelled,          // stopped by the caller between batches
        QueryFailed,        // anything else the database refused
        // The server refused the login: a wrong or missing password, or no such role
        // (PostgreSQL's SQLSTATE class 28, or libpq saying it needs a password). Ask for
        // the password again rather than retrying as if the server were away.
        AuthenticationFailed,
    };

    StoreError() = default;
    StoreError(Kind kind, QString message)
        : m_kind(kind)
        , m_message(std::move(message))
    {}

    Kind kind() const { return m_kind; }
    QString message() const { return m_message; }
    // The database's own code for the failure (PostgreSQL's SQLSTATE, e.g. "40P01" for a
    // deadlock), empty when there is none.
    QString sqlState() const { return m_sqlState; }
    void setSqlState(QString code) { m_sqlState = std::move(code); }
    // A stall: the server (or the name server) did not answer within the call's budget and the
    // call gave up on it (Unreachable), as opposed to a refused, broken or lost connection.
    // Set where the store gives up; read by the console instead of the message's words.
    bool isStall() const { return m_stall; }
    void setStall(bool stall = true) { m_stall = stall; }
    bool isError() const { return m_kind != NoError; }
    explicit operator bool() const { return isError(); }

    friend bool operator==(const StoreError &a, const StoreError &b)
    {
        return a.m_kind == b.m_kind && a.m_message == b.m_message;
    }
    friend bool operator!=(const StoreError &a, const StoreError &b) { return !(a == b); }

private:
    Kind m_kind = NoError;
    QString m_message;
    QString m_sqlState;
    bool m_stall = false;
};

// A value or a StoreError.
template<typename T>
class Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {}
    // A Result holds a value or an error, never neither: an error without a kind is a bug in
    // the caller (it asserts in debug builds). Release builds make it an error of its own
    // rather than a Result whose ok() is true and whose value() is empty.
    Result(StoreError error)
        : m_error(std::move(error))
    {
        Q_ASSERT_X(m_error.isError(), "cc::Result", "built from a StoreError that is no error");
        if (!m_error.isError()) {
            m_error = StoreError(StoreError::QueryFailed,
                                 QStringLiteral("internal error: a result with neither a value "
                                                "nor an error"));
        }
    }

    bool ok() const { return !m_error.isError(); }
    const T &value() const { return *m_value; }
    T &value() { return *m_value; }
    const T *operator->() const { return &*m_value; }
    const StoreError &error() const { return m_error; }
    T valueOr(T fallback) const { return ok() ? *m_value : std::move(fallback); }

private:
    std::optional<T> m_value;
    StoreError m_error;
};

} // namespace cc
