#include "storage/sqlite_access_store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/VariadicBind.h>
#include <fmt/format.h>

#include "engine/secure_random.h"
#include "storage/schema.h"

namespace vekha::storage {

namespace {

constexpr int kBusyTimeoutMs = 30'000;
constexpr const char* kFeedSecretName = "calendar-feed";
constexpr const char* kEmailLinksLabel = "вход по ссылкам из писем";

class SqliteAccessStore final : public AccessStore {
 public:
  SqliteAccessStore(const std::string& path, const Clock& clock)
      : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX, kBusyTimeoutMs), clock_(clock) {
    db_.exec("PRAGMA journal_mode = WAL");
    db_.exec("PRAGMA synchronous = NORMAL");
    db_.exec("PRAGMA foreign_keys = ON");
    MigrateTo(db_, LatestSchemaVersion());
  }

  Status AddToken(const std::string& token_hash, AccessToken& token) override {
    return Guard([&] {
      token.created_at = FormatInstant(clock_.Now());
      SQLite::Statement insert(db_,
                               "INSERT INTO access_tokens (token_hash, person, label, created_at) VALUES (?,?,?,?)");
      SQLite::bind(insert, token_hash, token.person, token.label, token.created_at);
      insert.exec();
      token.id = db_.getLastInsertRowid();
    });
  }

  Status RevokeTokens(int64_t id, const std::string& person, int& revoked) override {
    return Guard([&] {
      SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
      std::string now = FormatInstant(clock_.Now());
      const char* match = id > 0 ? "id = ?" : "person = ?";
      SQLite::Statement end_sessions(db_, fmt::format("DELETE FROM web_sessions WHERE token_id IN "
                                                      "(SELECT id FROM access_tokens WHERE revoked_at IS NULL AND {})",
                                                      match));
      BindTarget(end_sessions, 1, id, person);
      end_sessions.exec();
      // Feeds end with access: whoever loses a token gets a new feed URL.
      SQLite::Statement people(db_, fmt::format("SELECT DISTINCT person FROM access_tokens WHERE {}", match));
      BindTarget(people, 1, id, person);
      std::vector<std::string> rotated;
      while (people.executeStep()) rotated.push_back(people.getColumn(0).getString());
      SQLite::Statement revoke(
          db_, fmt::format("UPDATE access_tokens SET revoked_at = ? WHERE revoked_at IS NULL AND {}", match));
      revoke.bind(1, now);
      BindTarget(revoke, 2, id, person);
      revoked = revoke.exec();
      for (const std::string& holder : rotated) WriteFeedSalt(holder);
      transaction.commit();
    });
  }

  Status Tokens(std::vector<AccessToken>& out) override {
    return Guard([&] {
      out.clear();
      SQLite::Statement query(
          db_, "SELECT id, person, label, created_at, revoked_at, for_email_links FROM access_tokens ORDER BY id");
      while (query.executeStep()) out.push_back(ReadToken(query));
    });
  }

  Status FindValidToken(const std::string& token_hash, std::optional<AccessToken>& out) override {
    return Guard([&] {
      out.reset();
      SQLite::Statement query(db_,
                              "SELECT id, person, label, created_at, revoked_at, for_email_links FROM access_tokens "
                              "WHERE token_hash = ? AND revoked_at IS NULL AND NOT for_email_links");
      query.bind(1, token_hash);
      if (query.executeStep()) out = ReadToken(query);
    });
  }

  Status AddSignInLink(const SignInLink& link) override {
    return Guard([&] {
      SQLite::Statement insert(db_,
                               "INSERT INTO sign_in_links (code_hash, person, invited_by, created_at, expires_at) "
                               "VALUES (?, ?, ?, ?, ?)");
      SQLite::bind(insert, link.code_hash, link.person, link.invited_by, link.created_at, link.expires_at);
      insert.exec();
    });
  }

  Status UseSignInLink(const std::string& code_hash, const std::string& now,
                       std::optional<AccessToken>& token) override {
    return Guard([&] {
      token.reset();
      SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
      SQLite::Statement use(db_,
                            "UPDATE sign_in_links SET used_at = ? "
                            "WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING person");
      SQLite::bind(use, now, code_hash, now);
      if (!use.executeStep()) return;
      std::string person = use.getColumn(0).getString();
      use.reset();
      token = EmailLinkToken(person);
      transaction.commit();
    });
  }

  Status LatestSignInLinks(std::map<std::string, SignInLink>& out) override {
    return Guard([&] {
      out.clear();
      SQLite::Statement query(db_,
                              "SELECT code_hash, person, invited_by, created_at, expires_at, used_at "
                              "FROM sign_in_links ORDER BY created_at");
      while (query.executeStep()) {
        SignInLink link{query.getColumn(0).getString(), query.getColumn(1).getString(), query.getColumn(2).getString(),
                        query.getColumn(3).getString(), query.getColumn(4).getString(), ""};
        if (!query.getColumn(5).isNull()) link.used_at = query.getColumn(5).getString();
        out[link.person] = std::move(link);
      }
    });
  }

  Status AddLinkRequest(const std::string& address, const std::string& email, const std::string& at) override {
    return Guard([&] {
      SQLite::Statement insert(db_, "INSERT INTO link_requests (address, email, at) VALUES (?, ?, ?)");
      SQLite::bind(insert, address, email, at);
      insert.exec();
    });
  }

  Status LinkRequestsSince(const std::string& address, const std::string& email, const std::string& since,
                           int& from_address, int& for_email) override {
    return Guard([&] {
      SQLite::Statement by_address(db_, "SELECT count(*) FROM link_requests WHERE address = ? AND at >= ?");
      SQLite::bind(by_address, address, since);
      by_address.executeStep();
      from_address = by_address.getColumn(0).getInt();
      SQLite::Statement by_email(db_, "SELECT count(*) FROM link_requests WHERE email = ? AND at >= ?");
      SQLite::bind(by_email, email, since);
      by_email.executeStep();
      for_email = by_email.getColumn(0).getInt();
    });
  }

  Status AddSession(const WebSession& session) override {
    return Guard([&] {
      SQLite::Statement insert(
          db_,
          "INSERT INTO web_sessions (id_hash, person, token_id, csrf, address, created_at, expires_at) "
          "VALUES (?,?,?,?,?,?,?)");
      SQLite::bind(insert, session.id_hash, session.person, session.token_id, session.csrf, session.address,
                   session.created_at, session.expires_at);
      insert.exec();
    });
  }

  Status FindSession(const std::string& id_hash, const std::string& now, std::optional<WebSession>& out) override {
    return Guard([&] {
      out.reset();
      SQLite::Statement query(db_,
                              "SELECT s.id_hash, s.person, s.token_id, s.csrf, s.address, s.created_at, s.expires_at "
                              "FROM web_sessions s JOIN access_tokens t ON t.id = s.token_id "
                              "WHERE s.id_hash = ? AND s.expires_at > ? AND t.revoked_at IS NULL");
      SQLite::bind(query, id_hash, now);
      if (!query.executeStep()) return;
      out = WebSession{query.getColumn(0).getString(), query.getColumn(1).getString(), query.getColumn(2).getInt64(),
                       query.getColumn(3).getString(), query.getColumn(4).getString(), query.getColumn(5).getString(),
                       query.getColumn(6).getString()};
    });
  }

  Status EndSession(const std::string& id_hash) override {
    return Guard([&] {
      SQLite::Statement erase(db_, "DELETE FROM web_sessions WHERE id_hash = ?");
      erase.bind(1, id_hash);
      erase.exec();
    });
  }

  Status AddFailedSignIn(const std::string& address, const std::string& token_hash, const std::string& at) override {
    return Guard([&] {
      SQLite::Statement insert(db_, "INSERT INTO failed_sign_ins (address, token_hash, at) VALUES (?, ?, ?)");
      SQLite::bind(insert, address, token_hash, at);
      insert.exec();
    });
  }

  Status FailedSignInsSince(const std::string& address, const std::string& token_hash, const std::string& since,
                            int& with_token, int& with_any) override {
    return Guard([&] {
      SQLite::Statement query(db_,
                              "SELECT count(*), coalesce(sum(token_hash = ?), 0) FROM failed_sign_ins "
                              "WHERE address = ? AND at >= ?");
      SQLite::bind(query, token_hash, address, since);
      query.executeStep();
      with_any = query.getColumn(0).getInt();
      with_token = query.getColumn(1).getInt();
    });
  }

  Status FeedSecret(std::string& out) override {
    return Guard([&] {
      SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
      SQLite::Statement insert(db_, "INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)");
      SQLite::bind(insert, kFeedSecretName, RandomHex(32));
      insert.exec();
      SQLite::Statement query(db_, "SELECT value FROM secrets WHERE name = ?");
      query.bind(1, kFeedSecretName);
      query.executeStep();
      out = query.getColumn(0).getString();
      transaction.commit();
    });
  }

  Status FeedSalt(const std::string& person, std::string& out) override {
    return Guard([&] {
      SQLite::Statement query(db_, "SELECT value FROM secrets WHERE name = ?");
      query.bind(1, FeedSaltName(person));
      out = query.executeStep() ? query.getColumn(0).getString() : "";
    });
  }

  Status RotateFeed(const std::string& person) override {
    return Guard([&] { WriteFeedSalt(person); });
  }

 private:
  static std::string FeedSaltName(const std::string& person) { return std::string(kFeedSecretName) + ":" + person; }

  void WriteFeedSalt(const std::string& person) {
    SQLite::Statement upsert(db_, "INSERT OR REPLACE INTO secrets (name, value) VALUES (?, ?)");
    SQLite::bind(upsert, FeedSaltName(person), RandomHex(16));
    upsert.exec();
  }

  template <typename Fn>
  static Status Guard(Fn&& work) {
    try {
      work();
      return Status::Ok();
    } catch (const std::exception& error) {
      return Status::Unavailable(fmt::format("база данных: {}", error.what()));
    }
  }

  // The person's valid token for e-mail links, made when they have none. Its stored hash is of a
  // random value nobody is given, and FindValidToken never returns it.
  AccessToken EmailLinkToken(const std::string& person) {
    SQLite::Statement query(db_,
                            "SELECT id, person, label, created_at, revoked_at, for_email_links FROM access_tokens "
                            "WHERE person = ? AND for_email_links AND revoked_at IS NULL");
    query.bind(1, person);
    if (query.executeStep()) return ReadToken(query);
    AccessToken token;
    token.person = person;
    token.label = kEmailLinksLabel;
    token.created_at = FormatInstant(clock_.Now());
    token.for_email_links = true;
    SQLite::Statement insert(db_,
                             "INSERT INTO access_tokens (token_hash, person, label, created_at, for_email_links) "
                             "VALUES (?, ?, ?, ?, 1)");
    SQLite::bind(insert, "email-links:" + RandomHex(32), person, token.label, token.created_at);
    insert.exec();
    token.id = db_.getLastInsertRowid();
    return token;
  }

  static void BindTarget(SQLite::Statement& statement, int index, int64_t id, const std::string& person) {
    if (id > 0) {
      statement.bind(index, id);
    } else {
      statement.bind(index, person);
    }
  }

  static AccessToken ReadToken(SQLite::Statement& row) {
    AccessToken token;
    token.id = row.getColumn(0).getInt64();
    token.person = row.getColumn(1).getString();
    token.label = row.getColumn(2).getString();
    token.created_at = row.getColumn(3).getString();
    if (!row.getColumn(4).isNull()) token.revoked_at = row.getColumn(4).getString();
    token.for_email_links = row.getColumn(5).getInt() != 0;
    return token;
  }

  SQLite::Database db_;
  const Clock& clock_;
};

}  // namespace

std::unique_ptr<AccessStore> OpenSqliteAccessStore(const std::string& path, const Clock& clock, Status& status) {
  try {
    status = Status::Ok();
    return std::make_unique<SqliteAccessStore>(path, clock);
  } catch (const std::exception& error) {
    status = Status::Unavailable(fmt::format("не удалось открыть базу данных {}: {}", path, error.what()));
    return nullptr;
  }
}

}  // namespace vekha::storage
