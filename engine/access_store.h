// AccessStore: who may use the web pages and the API — per-person access tokens (kept only as
// their SHA-256), sessions opened by signing in with a token or a link sent by e-mail (kept by the
// hash of the session id), the sign-in links themselves (by the hash of their code, used once,
// expiring), the requests for them and the failed sign-ins per address (to slow down guessing and
// mail bombing), and the secret behind calendar-feed URLs.
// storage/ implements it on the deployment's SQLite file, beside the TaskStore. One store per
// thread; several processes may share the file (the CLI issues tokens while the daemon runs).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/status.h"

namespace vekha {

struct AccessToken {
  int64_t id = 0;
  std::string person;
  std::string label;       // what it is for ("ноутбук директора"), may be empty
  std::string created_at;  // ISO 8601 UTC instants
  std::string revoked_at;  // empty while valid
  // A person's sessions opened by e-mail links hang on one token of theirs that is never handed
  // out (and never accepted as a bearer token): revoking it, or all their tokens, ends them.
  bool for_email_links = false;
};

// A one-time link that signs a person in: asked for on the sign-in page, or an invitation sent by
// a coordinator.
struct SignInLink {
  std::string code_hash;  // SHA-256 of the code the link carries
  std::string person;
  std::string invited_by;  // the coordinator who sent it as an invitation; empty: the person asked
  std::string created_at;
  std::string expires_at;
  std::string used_at;  // empty until used
};

struct WebSession {
  std::string id_hash;  // SHA-256 of the session id the browser holds in its cookie
  std::string person;
  int64_t token_id = 0;  // the token signed in with: revoking it ends the session
  std::string csrf;      // the token every form of this session must carry
  std::string address;   // where the sign-in came from
  std::string created_at;
  std::string expires_at;
};

class AccessStore {
 public:
  virtual ~AccessStore() = default;

  // Stores a new token for `person` by its hash; sets `token.id` and `token.created_at`.
  virtual Status AddToken(const std::string& token_hash, AccessToken& token) = 0;
  // Revokes one token by id (when `id` > 0) or every valid token of `person`; `revoked` counts
  // them. Their sessions end at once, and their people's calendar feeds are rotated.
  virtual Status RevokeTokens(int64_t id, const std::string& person, int& revoked) = 0;
  virtual Status Tokens(std::vector<AccessToken>& out) = 0;
  // The valid (not revoked) token with this hash, if any; never a token for e-mail links.
  virtual Status FindValidToken(const std::string& token_hash, std::optional<AccessToken>& out) = 0;

  virtual Status AddSignInLink(const SignInLink& link) = 0;
  // Uses the link whose code has this hash when it is unused and unexpired at `now`: marks it used
  // and sets `token` to its person's valid token for e-mail links (made when they have none), in
  // one transaction, so a link opens at most one session. Leaves `token` empty otherwise.
  virtual Status UseSignInLink(const std::string& code_hash, const std::string& now,
                               std::optional<AccessToken>& token) = 0;
  // The latest link of each person who was sent one, by person.
  virtual Status LatestSignInLinks(std::map<std::string, SignInLink>& out) = 0;
  // Requests for a link: every one is recorded, whether its e-mail address is known or not.
  virtual Status AddLinkRequest(const std::string& address, const std::string& email, const std::string& at) = 0;
  // Link requests at or after `since`: from `address`, and for `email` (from anywhere).
  virtual Status LinkRequestsSince(const std::string& address, const std::string& email, const std::string& since,
                                   int& from_address, int& for_email) = 0;

  virtual Status AddSession(const WebSession& session) = 0;
  // The session with this id hash unless it expired by `now` or its token was revoked.
  virtual Status FindSession(const std::string& id_hash, const std::string& now, std::optional<WebSession>& out) = 0;
  virtual Status EndSession(const std::string& id_hash) = 0;

  virtual Status AddFailedSignIn(const std::string& address, const std::string& token_hash, const std::string& at) = 0;
  // Failed sign-ins from `address` at or after `since`: with the token whose hash is `token_hash`,
  // and with any token.
  virtual Status FailedSignInsSince(const std::string& address, const std::string& token_hash, const std::string& since,
                                    int& with_token, int& with_any) = 0;

  // The deployment's secret for calendar-feed URLs, made on first use.
  virtual Status FeedSecret(std::string& out) = 0;
  // A person's feed salt: "" until their feed is rotated, then random. A feed URL is made from the
  // secret, the person and the salt, so rotating it ends the old URL.
  virtual Status FeedSalt(const std::string& person, std::string& out) = 0;
  virtual Status RotateFeed(const std::string& person) = 0;
};

}  // namespace vekha
