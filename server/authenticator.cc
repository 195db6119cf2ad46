#include "server/authenticator.h"

#include <fmt/format.h>

#include "engine/secure_random.h"
#include "engine/sha256.h"

namespace vekha::server {

std::string NewAccessToken() { return "vk_" + RandomHex(24); }

std::string SecretHash(const std::string& secret) { return Sha256Hex(secret); }

Status Authenticator::Identify(const HttpRequest& request, std::optional<Principal>& principal) {
  principal.reset();
  std::string authorization = request.Header("authorization");
  if (authorization.rfind("Bearer ", 0) == 0) {
    std::optional<AccessToken> token;
    if (Status status = access_.FindValidToken(SecretHash(authorization.substr(7)), token); !status.ok()) return status;
    if (token) {
      if (const Person* person = deployment_.FindPerson(token->person)) principal = Principal{person, std::nullopt};
    }
    return Status::Ok();
  }
  std::string session_id = request.Cookie(kSessionCookie);
  if (session_id.empty()) return Status::Ok();
  std::optional<WebSession> session;
  if (Status status = access_.FindSession(SecretHash(session_id), FormatInstant(clock_.Now()), session); !status.ok()) {
    return status;
  }
  if (session) {
    if (const Person* person = deployment_.FindPerson(session->person)) principal = Principal{person, session};
  }
  return Status::Ok();
}

Status Authenticator::SignIn(const std::string& token, const std::string& address, SignInOutcome& outcome,
                             std::string& cookie) {
  std::string token_hash = SecretHash(token);
  bool throttled = false;
  if (Status status = Throttled(address, token_hash, throttled); !status.ok()) return status;
  if (throttled) {
    outcome = SignInOutcome::kThrottled;
    return Status::Ok();
  }
  std::optional<AccessToken> found;
  if (Status status = access_.FindValidToken(token_hash, found); !status.ok()) return status;
  if (!found || deployment_.FindPerson(found->person) == nullptr) {
    outcome = SignInOutcome::kWrongToken;
    return access_.AddFailedSignIn(address, token_hash, FormatInstant(clock_.Now()));
  }
  return OpenSession(*found, address, outcome, cookie);
}

Status Authenticator::SignInWithLink(const std::string& code, const std::string& address, SignInOutcome& outcome,
                                     std::string& cookie) {
  std::string code_hash = SecretHash(code);
  bool throttled = false;
  if (Status status = Throttled(address, code_hash, throttled); !status.ok()) return status;
  if (throttled) {
    outcome = SignInOutcome::kThrottled;
    return Status::Ok();
  }
  std::optional<AccessToken> token;
  if (Status status = access_.UseSignInLink(code_hash, FormatInstant(clock_.Now()), token); !status.ok()) {
    return status;
  }
  if (!token || deployment_.FindPerson(token->person) == nullptr) {
    outcome = SignInOutcome::kWrongToken;
    return access_.AddFailedSignIn(address, code_hash, FormatInstant(clock_.Now()));
  }
  return OpenSession(*token, address, outcome, cookie);
}

Status Authenticator::Throttled(const std::string& address, const std::string& secret_hash, bool& throttled) {
  int with_secret = 0;
  int with_any = 0;
  if (Status status = access_.FailedSignInsSince(address, secret_hash, FormatInstant(clock_.Now() - kFailureWindow),
                                                 with_secret, with_any);
      !status.ok()) {
    return status;
  }
  throttled = with_secret >= kMaxFailedSignInsPerToken || with_any >= kMaxFailedSignInsPerAddress;
  return Status::Ok();
}

Status Authenticator::OpenSession(const AccessToken& token, const std::string& address, SignInOutcome& outcome,
                                  std::string& cookie) {
  Clock::TimePoint now = clock_.Now();
  std::string session_id = RandomHex(32);
  WebSession session;
  session.id_hash = SecretHash(session_id);
  session.person = token.person;
  session.token_id = token.id;
  session.csrf = RandomHex(32);
  session.address = address;
  session.created_at = FormatInstant(now);
  session.expires_at = FormatInstant(now + deployment_.settings.http.session);
  if (Status status = access_.AddSession(session); !status.ok()) return status;
  outcome = SignInOutcome::kSignedIn;
  cookie = Cookie(session_id, deployment_.settings.http.session);
  return Status::Ok();
}

Status Authenticator::SignOut(const Principal& principal, std::string& cookie) {
  cookie = Cookie("", std::chrono::seconds{0});
  return principal.session ? access_.EndSession(principal.session->id_hash) : Status::Ok();
}

bool Authenticator::CsrfValid(const Principal& principal, const std::string& presented) {
  return !principal.session || SecretsEqual(principal.session->csrf, presented);
}

std::string Authenticator::Cookie(const std::string& value, std::chrono::seconds max_age) const {
  bool secure = deployment_.settings.http.public_url.rfind("https://", 0) == 0;
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", kSessionCookie, value, max_age.count(),
                     secure ? "; Secure" : "");
}

}  // namespace vekha::server
