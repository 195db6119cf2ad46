// StatementCache: the prepared statements of one SQLite connection, kept by their SQL text, so a
// query the engine runs thousands of times (every cycle, every task) is parsed once. Use() lends a
// statement with its bindings cleared; the lease resets it when it goes out of scope, so a loop
// that stops early never leaves a read snapshot open. A statement is lent to one user at a time:
// do not Use() the same SQL again while its lease lives. Single-threaded, like the connection.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <string>
#include <unordered_map>

namespace vekha::storage {

class StatementCache {
 public:
  class Lease {
   public:
    explicit Lease(SQLite::Statement& statement) : statement_(&statement) {}
    ~Lease() { statement_->tryReset(); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    SQLite::Statement& operator*() const { return *statement_; }
    SQLite::Statement* operator->() const { return statement_; }

   private:
    SQLite::Statement* statement_;
  };

  explicit StatementCache(SQLite::Database& db) : db_(db) {}

  Lease Use(const std::string& sql) {
    std::unique_ptr<SQLite::Statement>& statement = statements_[sql];
    if (!statement) statement = std::make_unique<SQLite::Statement>(db_, sql);
    statement->clearBindings();
    return Lease(*statement);
  }

 private:
  SQLite::Database& db_;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

}  // namespace vekha::storage
