#include "tests/app/loopback_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace vekha::testing_support {

namespace {

pid_t Spawn(const std::vector<std::string>& command, const std::filesystem::path& log) {
  std::vector<char*> argv;
  for (const std::string& argument : command) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = -1;
  int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) throw std::runtime_error("cannot start " + command[0]);
  return pid;
}

}  // namespace

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

bool WaitFor(const std::function<bool()>& condition, double seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return condition();
}

LoopbackServer::LoopbackServer(const std::string& script, const std::vector<std::string>& arguments,
                               const std::filesystem::path& directory)
    : received_(directory / (script + ".received.jsonl")) {
  std::filesystem::path port_file = directory / (script + ".port");
  std::vector<std::string> command = {"/usr/bin/python3", std::string(VEKHA_SOURCE_DIR) + "/tests/support/" + script};
  command.insert(command.end(), arguments.begin(), arguments.end());
  command.push_back(received_.string());
  command.push_back(port_file.string());
  pid_ = Spawn(command, directory / (script + ".log"));
  bool started = WaitFor(
      [&] {
        std::ifstream in(port_file);
        return static_cast<bool>(in >> port_);
      },
      20);
  if (!started) throw std::runtime_error(script + " did not start; see " + (directory / (script + ".log")).string());
}

LoopbackServer::~LoopbackServer() {
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

std::vector<nlohmann::json> LoopbackServer::Received() const {
  std::vector<nlohmann::json> lines;
  std::ifstream in(received_);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  }
  return lines;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& command, const std::filesystem::path& log)
    : pid_(Spawn(command, log)) {}

BackgroundProcess::~BackgroundProcess() {
  if (pid_ > 0) Stop(SIGKILL);
}

void BackgroundProcess::Signal(int signal) { ::kill(pid_, signal); }

int BackgroundProcess::Stop(int signal) {
  ::kill(pid_, signal);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

namespace {

std::vector<std::string> VekhaCommand(const std::vector<std::string>& arguments) {
  std::vector<std::string> command = {VEKHA_BINARY};
  command.insert(command.end(), arguments.begin(), arguments.end());
  return command;
}

}  // namespace

BackgroundVekha::BackgroundVekha(const std::vector<std::string>& arguments, const std::filesystem::path& log)
    : BackgroundProcess(VekhaCommand(arguments), log) {}

}  // namespace vekha::testing_support
