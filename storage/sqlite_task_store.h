// The SQLite TaskStore: one database file in WAL mode (synchronous=NORMAL, foreign keys, a 30 s
// busy timeout so concurrent writers wait instead of failing), migrated to the latest schema on
// open, statements prepared once and reused. SQLite exceptions stop here and become Status values.
// One store per thread; any number of processes may open the same file.
#pragma once

#include <memory>
#include <string>

#include "engine/clock.h"
#include "engine/signing_key.h"
#include "engine/task_store.h"

namespace vekha::storage {

// Opens (creating when missing) the database at `path`; `clock` stamps audit events and must
// outlive the store. With a `signer` (which must outlive the store too), every commit that appends
// events is checkpointed: a signed checkpoint in the database and a copy appended to
// `<path>.checkpoints`. On failure returns nullptr and sets `status`.
std::unique_ptr<TaskStore> OpenSqliteTaskStore(const std::string& path, const Clock& clock, Status& status,
                                               const SigningKey* signer = nullptr);

}  // namespace vekha::storage
