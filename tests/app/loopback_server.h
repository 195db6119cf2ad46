// A test server on loopback, started by a test and stopped with it: one of the Python scripts in
// tests/support/ (a real SMTP server, a webhook receiver) run with Debian's /usr/bin/python3. The
// script writes its port to a file; what it receives goes to a JSON-lines file the test reads.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace vekha::testing_support {

// A loopback port nobody listens on now (for chromedriver, or a server that is down).
int FreePort();

class LoopbackServer {
 public:
  // Runs tests/support/<script> with `arguments` followed by RECEIVED.jsonl and PORTFILE paths in
  // `directory`, and waits (up to 20 s) for its port.
  LoopbackServer(const std::string& script, const std::vector<std::string>& arguments,
                 const std::filesystem::path& directory);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const { return port_; }
  // Every JSON line received so far.
  std::vector<nlohmann::json> Received() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::filesystem::path received_;
};

// A program running in the background (its output in `log`), stopped by a signal; SIGKILL when
// the object goes away still running.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& command, const std::filesystem::path& log);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;
  void Signal(int signal);
  // Sends `signal` and waits for the exit status (-1 when killed by a signal).
  int Stop(int signal);

 private:
  pid_t pid_ = -1;
};

// `vekha` with arguments in the background.
class BackgroundVekha : public BackgroundProcess {
 public:
  BackgroundVekha(const std::vector<std::string>& arguments, const std::filesystem::path& log);
};

// Waits up to `seconds` for `condition` to hold, looking every 50 ms.
bool WaitFor(const std::function<bool()>& condition, double seconds);

}  // namespace vekha::testing_support
