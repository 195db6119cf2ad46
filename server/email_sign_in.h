// EmailSignIn: signing in by a link sent by e-mail. A person gives their address on the sign-in
// page and receives a link; a coordinator invites the people of their roadmaps
// (AccessPolicy::InvitablePeople) from the «Люди» page. A link carries a random code (stored only
// as its SHA-256), signs in once (Authenticator::SignInWithLink), and expires: kSignInLinkLifetime
// after it was asked for, kInvitationLifetime after an invitation. Asking is limited per client
// address and per e-mail address within kLinkRequestWindow, whether the address is known or not,
// so the answer never tells which addresses belong to someone. The e-mails go through the
// deployment's SMTP settings on a MailQueue, never through the outbox, and never wait on the event
// loop. Holds references to its arguments, which must outlive it. Single-threaded.
#pragma once

#include <chrono>
#include <string>

#include "engine/access_store.h"
#include "engine/clock.h"
#include "engine/model.h"
#include "notifiers/background_mailer.h"

namespace vekha::server {

inline constexpr std::chrono::minutes kSignInLinkLifetime{30};
inline constexpr std::chrono::hours kInvitationLifetime{7 * 24};
inline constexpr std::chrono::minutes kLinkRequestWindow{60};
inline constexpr int kMaxLinkRequestsPerEmail = 3;
inline constexpr int kMaxLinkRequestsPerAddress = 10;

// What became of a request for a link: taken (and a link sent when the address is someone's), or
// refused for asking too often.
enum class LinkRequestOutcome { kTaken, kThrottled };

class EmailSignIn {
 public:
  // `mail` may be null: the deployment sends no e-mail, and nothing here is offered.
  EmailSignIn(const Deployment& deployment, AccessStore& access, const Clock& clock, notifiers::MailQueue* mail,
              std::string public_url)
      : deployment_(deployment), access_(access), clock_(clock), mail_(mail), public_url_(std::move(public_url)) {}

  bool available() const { return mail_ != nullptr; }

  // A request for a link to `email` from the client `address`. A link that cannot be sent (the
  // queue full) is logged only, so the answer is the same for every address.
  Status Request(const std::string& email, const std::string& address, LinkRequestOutcome& outcome);
  // Sends `person` an invitation from `coordinator` (whom the caller has checked may invite them).
  // Invalid when the person has no e-mail address; unavailable when e-mail is not set up or the
  // queue is full.
  Status Invite(const Person& coordinator, const Person& person);

 private:
  // Stores a new link for `person` and queues the e-mail carrying it.
  Status SendLink(const Person& person, const Person* inviter, std::chrono::seconds lifetime);
  // How the letters name the pages: the deployment's name, else «Веха».
  std::string SiteName() const;
  std::string LetterText(const Person& person, const Person* inviter, const std::string& url,
                         Clock::TimePoint expires) const;

  const Deployment& deployment_;
  AccessStore& access_;
  const Clock& clock_;
  notifiers::MailQueue* mail_;
  std::string public_url_;
};

// An e-mail address as people type it, for comparing: trimmed, in lower case (ASCII letters).
std::string NormalisedEmail(std::string_view email);

}  // namespace vekha::server
