#include "importer/office_conversion.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>
#include <vector>

#include "engine/text.h"

extern char** environ;

namespace vekha::importer {

namespace {

// The first of LibreOffice's launchers found on PATH; empty when none is.
std::string FindOffice() {
  const char* path = std::getenv("PATH");
  std::string_view directories = path != nullptr ? path : "/usr/bin:/bin";
  while (!directories.empty()) {
    size_t colon = directories.find(':');
    std::filesystem::path directory(directories.substr(0, colon));
    for (const char* name : {"soffice", "libreoffice"}) {
      std::filesystem::path candidate = directory / name;
      if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    directories = colon == std::string_view::npos ? std::string_view() : directories.substr(colon + 1);
  }
  return "";
}

}  // namespace

bool NeedsOfficeConversion(std::string_view file_name) {
  std::string lower = AsciiLower(file_name);
  return lower.ends_with(".doc") || lower.ends_with(".rtf");
}

Status ConvertToDocx(const std::string& path, const std::filesystem::path& out_directory, std::string& converted,
                     std::chrono::seconds limit) {
  std::string office = FindOffice();
  if (office.empty()) {
    return Status::Error(fmt::format(
        "{}: файлы .doc и .rtf читаются через LibreOffice, а он не установлен; установите его (sudo apt-get "
        "install libreoffice-writer-nogui) или сохраните приказ как .docx",
        path));
  }
  std::error_code error;
  std::string source = std::filesystem::absolute(path, error).string();
  if (error || !std::filesystem::is_regular_file(source, error)) {
    return Status::Error(fmt::format("{}: не удалось прочитать файл", path));
  }
  std::string profile = "-env:UserInstallation=file://" + (out_directory / "profile").string();
  std::string outdir = out_directory.string();
  std::vector<std::string> arguments = {office, profile,    "--headless", "--norestore", "--convert-to",
                                        "docx", "--outdir", outdir,       source};
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // LibreOffice's own chatter is not ours to show.
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  int spawned = posix_spawn(&pid, office.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return Status::Unavailable(fmt::format("{}: LibreOffice не запустился ({})", path, office));
  auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return Status::Unavailable(
          fmt::format("{}: LibreOffice не преобразовал файл за {} с; сохраните приказ как .docx", path, limit.count()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{100});
  }
  std::filesystem::path result = out_directory / std::filesystem::path(source).stem();
  result += ".docx";
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !std::filesystem::is_regular_file(result, error)) {
    return Status::Error(fmt::format(
        "{}: LibreOffice не смог прочитать файл — он повреждён или это не документ; сохраните приказ как .docx", path));
  }
  converted = result.string();
  return Status::Ok();
}

}  // namespace vekha::importer
