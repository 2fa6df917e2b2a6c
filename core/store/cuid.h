#pragma once

#include <QString>

namespace cc {

// A collision-resistant id in the shape of Prisma's cuid() (25 characters, starting with 'c'),
// so rows we insert look like the rows the seed's service inserts.
QString makeCuid();

} // namespace cc
