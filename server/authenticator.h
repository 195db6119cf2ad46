// Authenticator: who is asking. An API client sends `Authorization: Bearer <token>`; a browser
// signs in once with its token or a link sent by e-mail and then carries a session cookie (HttpOnly, SameSite=Strict,
// Secure behind https, expiring) whose forms must each carry the session's CSRF token. Tokens and
// session ids are stored only as SHA-256 hashes. Failed sign-ins are throttled by address and
// token: after kMaxFailedSignInsPerToken failures with one token from an address within
// kFailureWindow, that token is refused from there until the window passes; after
// kMaxFailedSignInsPerAddress failures with any tokens, every sign-in from the address is. So a
// person mistyping their key does not lock out the school behind the same address, and guessing
// from one address still stops. The address is the client's (see engine/trusted_proxies.h).
// Holds references to its arguments, which must outlive it. Single-threaded.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "engine/access_store.h"
#include "engine/clock.h"
#include "engine/model.h"
#include "server/http_message.h"

namespace vekha::server {

inline constexpr int kMaxFailedSignInsPerToken = 5;
inline constexpr int kMaxFailedSignInsPerAddress = 30;
inline constexpr std::chrono::minutes kFailureWindow{15};
inline constexpr const char* kSessionCookie = "vekha_session";

// A new access token to hand to a person once ("vk_" and 48 hex digits).
std::string NewAccessToken();
// What is stored of a token or session id.
std::string SecretHash(const std::string& secret);

struct Principal {
  const Person* person = nullptr;
  std::optional<WebSession> session;  // empty for a bearer token: no cookie, so no CSRF to check
};

enum class SignInOutcome { kSignedIn, kWrongToken, kThrottled };

class Authenticator {
 public:
  Authenticator(const Deployment& deployment, AccessStore& access, const Clock& clock)
      : deployment_(deployment), access_(access), clock_(clock) {}

  // The person behind the request's bearer token or session cookie; nullopt when neither is valid.
  Status Identify(const HttpRequest& request, std::optional<Principal>& principal);

  // Opens a session for `token` presented from `address`; on kSignedIn fills the cookie to set.
  Status SignIn(const std::string& token, const std::string& address, SignInOutcome& outcome, std::string& cookie);
  // Opens a session with a sign-in link's code (server/email_sign_in.h), which it uses up. An
  // unknown, used or expired code is kWrongToken and counts as a failed sign-in from `address`.
  Status SignInWithLink(const std::string& code, const std::string& address, SignInOutcome& outcome,
                        std::string& cookie);
  // Ends the session; returns the cookie that clears it in the browser.
  Status SignOut(const Principal& principal, std::string& cookie);

  // True for bearer requests, and for session requests carrying the session's CSRF token.
  static bool CsrfValid(const Principal& principal, const std::string& presented);

 private:
  std::string Cookie(const std::string& value, std::chrono::seconds max_age) const;
  // Whether `address` has failed too often lately, with the secret whose hash is `secret_hash` or any.
  Status Throttled(const std::string& address, const std::string& secret_hash, bool& throttled);
  // Opens a session of `token`'s person; sets the outcome and the cookie.
  Status OpenSession(const AccessToken& token, const std::string& address, SignInOutcome& outcome, std::string& cookie);

  const Deployment& deployment_;
  AccessStore& access_;
  const Clock& clock_;
};

}  // namespace vekha::server
