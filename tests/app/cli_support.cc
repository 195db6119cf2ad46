#include "tests/app/cli_support.h"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

namespace vekha::testing_support {

namespace fs = std::filesystem;

std::string Quote(const std::string& argument) {
  std::string quoted = "'";
  for (char c : argument) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

Outcome Shell(const std::string& command_line) {
  static int counter = 0;
  std::string err_file =
      (fs::temp_directory_path() / fmt::format("vekha-cli-{}-{}.err", ::getpid(), ++counter)).string();
  std::string command = "VEKHA=" + Quote(VEKHA_BINARY) + "; (" + command_line + ") 2>" + Quote(err_file);
  Outcome outcome;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return outcome;
  std::array<char, 4096> buffer{};
  while (size_t read = std::fread(buffer.data(), 1, buffer.size(), pipe)) outcome.out.append(buffer.data(), read);
  int status = ::pclose(pipe);
  outcome.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_file);
  std::stringstream text;
  text << err.rdbuf();
  outcome.err = text.str();
  fs::remove(err_file);
  return outcome;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Outcome Vekha(const std::vector<std::string>& arguments) {
  std::string command = "\"$VEKHA\"";
  for (const std::string& argument : arguments) command += " " + Quote(argument);
  return Shell(command);
}

ScratchDirectory::ScratchDirectory() {
  std::random_device random;
  path_ = fs::temp_directory_path() / fmt::format("vekha-e2e-{}-{}", ::getpid(), random());
  fs::create_directories(path_);
}

ScratchDirectory::~ScratchDirectory() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string ScratchDirectory::CopyExample(const std::string& name) const {
  fs::path target = path_ / name;
  fs::copy(fs::path(VEKHA_SOURCE_DIR) / "examples" / name, target, fs::copy_options::recursive);
  fs::remove_all(target / "var");
  return target.string();
}

std::string ScratchDirectory::CopyExample(const std::string& name, const std::vector<std::string>& roadmaps) const {
  std::string target = CopyExample(name);
  for (const fs::directory_entry& entry : fs::directory_iterator(fs::path(target) / "roadmaps")) {
    if (std::find(roadmaps.begin(), roadmaps.end(), entry.path().filename().string()) == roadmaps.end()) {
      fs::remove_all(entry.path());
    }
  }
  return target;
}

}  // namespace vekha::testing_support
