// The SQLite schema of a Vekha database and its numbered migrations. PRAGMA user_version holds the
// version; opening a database applies every migration it lacks, each in its own transaction, so an
// old file is upgraded in place. Called with the database held by one connection at a time.
#pragma once

namespace SQLite {
class Database;
}

namespace vekha::storage {

// The version a fully migrated database has.
int LatestSchemaVersion();
int SchemaVersionOf(SQLite::Database& db);
// Applies the migrations after the database's version, up to `target` (tests stop early to make
// old files). Throws SQLite::Exception on failure, leaving the failed migration rolled back.
void MigrateTo(SQLite::Database& db, int target);

}  // namespace vekha::storage
