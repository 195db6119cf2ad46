// `vekha audit verify`: everything workflows/audit_verifier.h checks, against the deployment's key
// or one the auditor names, with checkpoints the auditor kept. `vekha audit checkpoint`: the
// latest signed checkpoint, one JSON line for the auditor to keep. `vekha keys init`: creates the
// signing key named in vekha.yaml and signs the log as it stands.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "app/commands.h"
#include "app/output.h"
#include "app/workspace.h"
#include "engine/signing_key.h"
#include "workflows/audit_verifier.h"
#include "workflows/deployment_loader.h"

namespace vekha::app {

namespace {

// Findings beyond this many are counted, not listed: a wholesale rewrite would list every task.
constexpr size_t kListedProblems = 200;

struct VerifyOptions {
  std::string deployment = ".";
  std::vector<std::string> checkpoint_files;
  std::string public_key;
};

int RunVerify(const VerifyOptions& options, const Clock& clock) {
  int exit_code = kExitOk;
  std::unique_ptr<Workspace> workspace = OpenWorkspace(options.deployment, clock, exit_code);
  if (!workspace) return exit_code;
  AuditCheckOptions check;
  check.checkpoint_files = options.checkpoint_files;
  check.trusted_key = !options.public_key.empty()           ? options.public_key
                      : workspace->signing_key() != nullptr ? workspace->signing_key()->public_key()
                                                            : "";
  AuditReport report;
  if (Status status = VerifyAuditTrail(workspace->store(), workspace->evidence(), check, report); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  for (size_t i = 0; i < report.problems.size() && i < kListedProblems; ++i) {
    std::cerr << "НАРУШЕНИЕ: " << report.problems[i] << '\n';
  }
  if (report.problems.size() > kListedProblems) {
    std::cerr << fmt::format("… и ещё нарушений: {}\n", report.problems.size() - kListedProblems);
  }
  for (const std::string& note : report.notes) std::cerr << "Замечание: " << note << '\n';
  if (!report.intact()) {
    std::cerr << fmt::format("Журнал аудита не прошёл проверку: нарушений {}\n", report.problems.size());
    return kExitInvalid;
  }
  std::cout << fmt::format(
      "Журнал аудита цел: событий {}, цепочка хешей не разорвана; задачи ({}), ответы ({}) и файлы ({}) "
      "совпадают с журналом",
      report.events, report.tasks, report.submissions, report.evidence_files);
  if (report.checkpoints > 0 && report.latest) {
    std::cout << fmt::format("; подписанных контрольных точек проверено {}, последняя — событие #{} от {}",
                             report.checkpoints, report.latest->seq, report.latest->at);
  }
  std::cout << '\n';
  return kExitOk;
}

int RunCheckpoint(const std::string& deployment, const Clock& clock) {
  int exit_code = kExitOk;
  std::unique_ptr<Workspace> workspace = OpenWorkspace(deployment, clock, exit_code);
  if (!workspace) return exit_code;
  std::vector<AuditCheckpoint> checkpoints;
  if (Status status = workspace->store().Checkpoints(checkpoints); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  if (checkpoints.empty()) {
    std::cerr << (workspace->signing_key() == nullptr
                      ? "контрольных точек нет: ключ подписи не настроен (audit.signing_key в vekha.yaml)\n"
                      : "контрольных точек ещё нет: журнал пуст или не подписывался; vekha keys init подпишет его\n");
    return kExitInvalid;
  }
  std::cout << CheckpointLine(checkpoints.back()) << '\n';
  return kExitOk;
}

int RunKeysInit(const std::string& deployment, const Clock& clock) {
  Diagnostics diagnostics;
  LoadResult loaded = LoadDeployment(deployment, diagnostics);
  if (!loaded.deployment) {
    PrintDiagnostics(diagnostics);
    return kExitInvalid;
  }
  const std::string& path = loaded.deployment->settings.audit_signing_key;
  if (path.empty()) {
    std::cerr << "в vekha.yaml не указан ключ подписи: добавьте\n  audit:\n    signing_key: /etc/vekha/audit.key\n"
                 "(путь вне базы данных и лучше вне её резервных копий) и повторите команду\n";
    return kExitUsage;
  }
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
  if (Status created = SigningKey::Create(path); !created.ok()) {
    PrintError(created);
    return kExitInvalid;
  }
  int exit_code = kExitOk;
  std::unique_ptr<Workspace> workspace = OpenWorkspace(deployment, clock, exit_code);
  if (!workspace) return exit_code;
  std::cout << fmt::format("Ключ подписи журнала создан: {}\nОткрытый ключ (передайте его аудитору): {}\n", path,
                           workspace->signing_key()->public_key());
  std::optional<AuditCheckpoint> signed_now;
  if (Status status = workspace->store().SignUnsignedLog(signed_now); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  if (signed_now) {
    std::cout << fmt::format("Журнал подписан в первый раз: события #1–#{} приняты такими, как они есть\n",
                             signed_now->seq);
  }
  return kExitOk;
}

}  // namespace

void AddAuditCommands(CLI::App& app, const Clock& clock, int& exit_code) {
  CLI::App* audit =
      app.add_subcommand("audit", "Журнал аудита: доказать его неизменность, выгрузить подписанную контрольную точку");
  audit->require_subcommand(1);
  auto verify_options = std::make_shared<VerifyOptions>();
  CLI::App* verify = audit->add_subcommand("verify",
                                           "Доказать, что журнал аудита, его контрольные точки и объясняемое им "
                                           "состояние не изменены (код 0), или перечислить, что изменено");
  AddDeploymentOption(*verify, verify_options->deployment);
  verify
      ->add_option("--checkpoint", verify_options->checkpoint_files,
                   "Файл сохранённых ранее контрольных точек (vekha audit checkpoint); можно повторять")
      ->check(CLI::ExistingFile);
  verify
      ->add_option("--public-key", verify_options->public_key,
                   "Открытый ключ (64 шестнадцатеричные цифры), которым должны быть подписаны контрольные точки; по "
                   "умолчанию — ключ из настроек")
      ->check([](const std::string& key) {
        return IsPublicKey(key)
                   ? std::string()
                   : std::string(
                         "открытый ключ — 64 шестнадцатеричные цифры в нижнем регистре, как его выводит vekha keys "
                         "init");
      });
  verify->callback([verify_options, &clock, &exit_code] { exit_code = RunVerify(*verify_options, clock); });

  auto deployment = std::make_shared<std::string>(".");
  CLI::App* checkpoint = audit->add_subcommand(
      "checkpoint", "Напечатать последнюю подписанную контрольную точку строкой JSON для хранения");
  AddDeploymentOption(*checkpoint, *deployment);
  checkpoint->callback([deployment, &clock, &exit_code] { exit_code = RunCheckpoint(*deployment, clock); });

  CLI::App* keys = app.add_subcommand("keys", "Ключ, которым подписывается журнал аудита");
  keys->require_subcommand(1);
  CLI::App* init =
      keys->add_subcommand("init", "Создать ключ подписи, названный в audit.signing_key, и подписать журнал");
  AddDeploymentOption(*init, *deployment);
  init->callback([deployment, &clock, &exit_code] { exit_code = RunKeysInit(*deployment, clock); });
}

}  // namespace vekha::app
