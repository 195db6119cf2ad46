// `vekha token issue|revoke|list`: access tokens for the web pages and the API (shown once,
// stored as a hash); `vekha ics`: a person's tasks as an iCalendar file, or their feed's URL.
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "app/commands.h"
#include "app/output.h"
#include "app/workspace.h"
#include "server/authenticator.h"
#include "server/calendar_feed.h"
#include "server/site.h"
#include "storage/sqlite_access_store.h"
#include "workflows/access_policy.h"

namespace vekha::app {

namespace {

struct TokenOptions {
  std::string deployment = ".";
  std::string person;
  std::string label;
  int64_t id = 0;
};

struct IcsOptions {
  std::string deployment = ".";
  std::string person;
  std::string output;
  bool url = false;
  bool rotate = false;
};

// A deployment opened with its access store.
struct AccessWorkspace {
  std::unique_ptr<Workspace> workspace;
  std::unique_ptr<AccessStore> access;
};

// Opens both; on failure prints why and returns empty members with `exit_code` set.
AccessWorkspace OpenWithAccess(const std::string& path, const Clock& clock, int& exit_code) {
  AccessWorkspace opened;
  opened.workspace = OpenWorkspace(path, clock, exit_code);
  if (!opened.workspace) return opened;
  Status status;
  opened.access = storage::OpenSqliteAccessStore(opened.workspace->deployment().settings.database, clock, status);
  if (!opened.access) {
    PrintError(status);
    exit_code = kExitInvalid;
  }
  return opened;
}

int IssueToken(const TokenOptions& options, const Clock& clock) {
  int exit_code = kExitOk;
  auto [workspace, access] = OpenWithAccess(options.deployment, clock, exit_code);
  if (!access) return exit_code;
  const Person* person = workspace->deployment().FindPerson(options.person);
  if (person == nullptr) {
    std::cerr << fmt::format("ошибка: в развёртывании нет человека «{}»\n", options.person);
    return kExitUsage;
  }
  std::string token = server::NewAccessToken();
  AccessToken record;
  record.person = person->id;
  record.label = options.label;
  if (Status status = access->AddToken(server::SecretHash(token), record); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  std::cerr << fmt::format("Ключ доступа №{} для {} ({}). Он показан один раз: передайте его лично.\n", record.id,
                           person->name, person->id);
  std::cout << token << '\n';
  return kExitOk;
}

int RevokeTokens(const TokenOptions& options, const Clock& clock) {
  int exit_code = kExitOk;
  auto [workspace, access] = OpenWithAccess(options.deployment, clock, exit_code);
  if (!access) return exit_code;
  int revoked = 0;
  if (Status status = access->RevokeTokens(options.id, options.person, revoked); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  if (revoked == 0) {
    std::cerr << "ни один действующий ключ не подошёл: ничего не отозвано\n";
    return kExitUsage;
  }
  std::cout << fmt::format("Отозвано ключей: {} (их сеансы закрыты)\n", revoked);
  return kExitOk;
}

int ListTokens(const TokenOptions& options, const Clock& clock) {
  int exit_code = kExitOk;
  auto [workspace, access] = OpenWithAccess(options.deployment, clock, exit_code);
  if (!access) return exit_code;
  std::vector<AccessToken> tokens;
  if (Status status = access->Tokens(tokens); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  for (const AccessToken& token : tokens) {
    std::cout << fmt::format("#{} {} выдан {}{}{}\n", token.id, token.person, token.created_at,
                             token.revoked_at.empty() ? "" : ", отозван " + token.revoked_at,
                             token.label.empty() ? "" : " — " + token.label);
  }
  return kExitOk;
}

int RunIcs(const IcsOptions& options, const Clock& clock) {
  int exit_code = kExitOk;
  auto [workspace, access] = OpenWithAccess(options.deployment, clock, exit_code);
  if (!access) return exit_code;
  if (!SyncWorkspace(*workspace)) return kExitInvalid;
  const Deployment& deployment = workspace->deployment();
  const Person* person = deployment.FindPerson(options.person);
  if (person == nullptr) {
    std::cerr << fmt::format("ошибка: в развёртывании нет человека «{}»\n", options.person);
    return kExitUsage;
  }
  std::string public_url = deployment.settings.http.BaseUrl();
  server::Site site(server::SiteContext{deployment, workspace->store(), workspace->service(), workspace->evidence(),
                                        *access, clock, public_url});
  if (options.rotate) {
    if (Status status = access->RotateFeed(person->id); !status.ok()) {
      PrintError(status);
      return kExitInvalid;
    }
    std::cerr << fmt::format("Адрес календаря {} заменён: прежний больше не работает.\n", person->name);
  }
  if (options.url || options.rotate) {
    std::string secret;
    std::string salt;
    Status status = access->FeedSecret(secret);
    if (status.ok()) status = access->FeedSalt(person->id, salt);
    if (!status.ok()) {
      PrintError(status);
      return kExitInvalid;
    }
    if (public_url.empty())
      std::cerr << "примечание: в развёртывании нет http.listen и http.public_url — адрес ленты неполный\n";
    std::cout << fmt::format("{}/calendar/{}/{}.ics\n", public_url, person->id,
                             server::FeedKey(secret, person->id, salt));
    return kExitOk;
  }
  std::vector<server::CalendarEntry> entries;
  if (Status status = site.OwedTasks(*person, entries); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  std::string calendar = server::RenderCalendar(fmt::format("Веха: {}", person->name), entries, clock.Now());
  if (options.output.empty()) {
    std::cout << calendar;
    return kExitOk;
  }
  std::ofstream out(options.output, std::ios::binary);
  out << calendar;
  if (!out.flush()) {
    std::cerr << fmt::format("ошибка: не удалось записать {}\n", options.output);
    return kExitInvalid;
  }
  std::cerr << fmt::format("{}: задач {}\n", options.output, entries.size());
  return kExitOk;
}

}  // namespace

void AddAccessCommands(CLI::App& app, const Clock& clock, int& exit_code) {
  CLI::App* token = app.add_subcommand("token", "Ключи доступа к веб-страницам и API");
  token->require_subcommand(1);
  auto options = std::make_shared<TokenOptions>();
  CLI::App* issue = token->add_subcommand("issue", "Выдать человеку ключ (печатается один раз, хранится только хеш)");
  AddDeploymentOption(*issue, options->deployment);
  issue->add_option("person", options->person, "Идентификатор человека")->required();
  issue->add_option("--label", options->label, "Для чего ключ");
  issue->callback([options, &clock, &exit_code] { exit_code = IssueToken(*options, clock); });
  CLI::App* revoke = token->add_subcommand("revoke", "Отозвать ключи человека или один по --id; их сеансы закончатся");
  AddDeploymentOption(*revoke, options->deployment);
  revoke->add_option("person", options->person, "Чьи ключи отозвать");
  revoke->add_option("--id", options->id, "Только ключ с этим номером");
  revoke->callback([options, &clock, &exit_code] {
    if (options->person.empty() && options->id == 0) {
      std::cerr << "ошибка: укажите человека или --id\n";
      exit_code = kExitUsage;
      return;
    }
    exit_code = RevokeTokens(*options, clock);
  });
  CLI::App* list = token->add_subcommand("list", "Все ключи: чей, когда выдан, отозван ли");
  AddDeploymentOption(*list, options->deployment);
  list->callback([options, &clock, &exit_code] { exit_code = ListTokens(*options, clock); });

  auto ics = std::make_shared<IcsOptions>();
  CLI::App* command = app.add_subcommand("ics", "Задачи человека файлом iCalendar (RFC 5545) или адрес его ленты");
  AddDeploymentOption(*command, ics->deployment);
  command->add_option("--person", ics->person, "Чьи задачи: идентификатор человека")->required();
  command->add_option("-o,--output", ics->output, "Записать в ФАЙЛ, а не в стандартный вывод");
  command->add_flag("--url", ics->url, "Вместо этого напечатать секретный адрес ленты человека");
  command->add_flag("--rotate", ics->rotate,
                    "Дать человеку новый адрес ленты (старый перестанет работать) и напечатать его");
  command->callback([ics, &clock, &exit_code] { exit_code = RunIcs(*ics, clock); });
}

}  // namespace vekha::app
