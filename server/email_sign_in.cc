#include "server/email_sign_in.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "engine/secure_random.h"
#include "engine/sha256.h"
#include "engine/text.h"

namespace vekha::server {

namespace {

const Person* PersonWithEmail(const Deployment& deployment, const std::string& email) {
  for (const Person& person : deployment.people) {
    if (!person.email.empty() && NormalisedEmail(person.email) == email) return &person;
  }
  return nullptr;
}

}  // namespace

std::string NormalisedEmail(std::string_view email) { return AsciiLower(Trim(email)); }

std::string EmailSignIn::SiteName() const {
  return deployment_.settings.name.empty() ? "Веха" : deployment_.settings.name;
}

Status EmailSignIn::Request(const std::string& email, const std::string& address, LinkRequestOutcome& outcome) {
  Clock::TimePoint now = clock_.Now();
  std::string normalised = NormalisedEmail(email);
  int from_address = 0;
  int for_email = 0;
  if (Status status = access_.LinkRequestsSince(address, normalised, FormatInstant(now - kLinkRequestWindow),
                                                from_address, for_email);
      !status.ok()) {
    return status;
  }
  if (from_address >= kMaxLinkRequestsPerAddress || for_email >= kMaxLinkRequestsPerEmail) {
    outcome = LinkRequestOutcome::kThrottled;
    return Status::Ok();
  }
  if (Status status = access_.AddLinkRequest(address, normalised, FormatInstant(now)); !status.ok()) return status;
  outcome = LinkRequestOutcome::kTaken;
  const Person* person = PersonWithEmail(deployment_, normalised);
  if (person == nullptr) {
    spdlog::info("http: a sign-in link was asked for an unknown address from {}", address);
    return Status::Ok();
  }
  // A link that could not be queued is logged, not answered: the answer would tell a known address.
  if (Status status = SendLink(*person, nullptr, kSignInLinkLifetime); !status.ok()) {
    if (status.code() != StatusCode::kUnavailable) return status;
    spdlog::error("http: the sign-in link for {} was not sent: {}", person->id, status.message());
  }
  return Status::Ok();
}

Status EmailSignIn::Invite(const Person& coordinator, const Person& person) {
  if (person.email.empty()) {
    return Status::Error(
        fmt::format("Для «{}» не указан адрес электронной почты (поле email: в people:).", person.name));
  }
  return SendLink(person, &coordinator, kInvitationLifetime);
}

Status EmailSignIn::SendLink(const Person& person, const Person* inviter, std::chrono::seconds lifetime) {
  if (mail_ == nullptr) return Status::Unavailable("Отправка писем не настроена (notifications: email: в vekha.yaml).");
  Clock::TimePoint now = clock_.Now();
  std::string code = RandomHex(32);
  SignInLink link;
  link.code_hash = Sha256Hex(code);
  link.person = person.id;
  link.invited_by = inviter ? inviter->id : "";
  link.created_at = FormatInstant(now);
  link.expires_at = FormatInstant(now + lifetime);
  if (Status status = access_.AddSignInLink(link); !status.ok()) return status;

  std::string url = fmt::format("{}/sign-in/link?code={}", public_url_, code);
  notifiers::Message message;
  message.outbox.idempotency_key = "sign-in-link/" + link.code_hash;
  message.outbox.recipient = person.id;
  message.outbox.channel = "email";
  message.outbox.template_id = inviter ? "invitation" : "sign-in-link";
  message.outbox.created_at = link.created_at;
  message.recipient_name = person.name;
  message.recipient_email = person.email;
  std::string site = SiteName();
  message.subject = inviter ? fmt::format("Приглашение: {}", site) : fmt::format("Вход: {}", site);
  message.body = LetterText(person, inviter, url, now + lifetime);
  message.link = url;
  if (!mail_->Post(std::move(message))) {
    return Status::Unavailable("Очередь писем переполнена; попробуйте через несколько минут.");
  }
  spdlog::info("http: {} for {} queued{}", inviter ? "an invitation" : "a sign-in link", person.id,
               inviter ? " by " + inviter->id : "");
  return Status::Ok();
}

std::string EmailSignIn::LetterText(const Person& person, const Person* inviter, const std::string& url,
                                    Clock::TimePoint expires) const {
  const std::string& zone = person.time_zone.empty() ? deployment_.settings.time_zone : person.time_zone;
  std::string site = SiteName();
  std::string opening = inviter
                            ? fmt::format(
                                  "{} приглашает вас на страницы «{}»: там ваши задачи по дорожным картам, их сроки и "
                                  "документы, которые нужно представить.\n\nЧтобы войти, откройте ссылку:",
                                  inviter->name, site)
                            : fmt::format("Вы запросили вход на страницы «{}». Чтобы войти, откройте ссылку:", site);
  std::string closing =
      inviter ? "Когда ссылка истечёт, войти можно снова: на странице входа укажите этот адрес почты, и придёт новая "
                "ссылка."
              : "Если вы не запрашивали вход, просто удалите это письмо: без ссылки никто не войдёт.";
  return fmt::format("Здравствуйте, {}!\n\n{}\n\n{}\n\nСсылка действует до {} ({}) и открывает вход один раз.\n{}\n",
                     person.name, opening, url, FormatLocalTime(expires, zone), zone, closing);
}

}  // namespace vekha::server
