// Helpers for end-to-end tests that run the `vekha` binary: run a command line and capture its
// status, stdout and stderr; make a scratch copy of an example deployment.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace vekha::testing_support {

struct Outcome {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs `vekha` with `arguments` (no shell interpretation of them).
Outcome Vekha(const std::vector<std::string>& arguments);
// Runs a shell command line; VEKHA in it names the binary.
Outcome Shell(const std::string& command_line);
std::string Quote(const std::string& argument);
// A file's whole content ("" when it cannot be read).
std::string ReadFile(const std::filesystem::path& path);

// A fresh directory under the temporary directory, removed when the object goes away.
class ScratchDirectory {
 public:
  ScratchDirectory();
  ~ScratchDirectory();
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Copies examples/<name> into the directory and returns where.
  std::string CopyExample(const std::string& name) const;
  // The same with only these files of its roadmaps/ directory: tests about one roadmap's story
  // leave out the example's other plans.
  std::string CopyExample(const std::string& name, const std::vector<std::string>& roadmaps) const;

 private:
  std::filesystem::path path_;
};

}  // namespace vekha::testing_support
