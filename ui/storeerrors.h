#pragma once

#include "core/result.h"

namespace cc {
namespace ui {

// True when the database refused the credentials (a wrong or missing password): the console
// then asks the operator for a password. Decided on the error's SQLSTATE (28P01
// invalid_password, 28000 invalid_authorization_specification), not on its words.
bool isAuthenticationFailure(const StoreError &error);

} // namespace ui
} // namespace cc
