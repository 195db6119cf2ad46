// The SQLite AccessStore: tokens, sessions, failed sign-ins and secrets in the deployment's
// database file (its own connection, WAL, the same busy timeout and migrations as the TaskStore).
// SQLite exceptions stop here and become Status values. One store per thread.
#pragma once

#include <memory>
#include <string>

#include "engine/access_store.h"
#include "engine/clock.h"

namespace vekha::storage {

// Opens (creating and migrating when needed) the database at `path`; `clock` stamps tokens and
// must outlive the store. On failure returns nullptr and sets `status`.
std::unique_ptr<AccessStore> OpenSqliteAccessStore(const std::string& path, const Clock& clock, Status& status);

}  // namespace vekha::storage
