// ScratchDirectory: a fresh directory under $TMPDIR, removed with everything in it when the object
// goes out of scope. path() is empty when the directory could not be made.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>

namespace vekha {

class ScratchDirectory {
 public:
  explicit ScratchDirectory(const char* prefix = "vekha-") {
    std::error_code error;
    std::filesystem::path base = std::filesystem::temp_directory_path(error);
    if (error) return;
    std::string pattern = (base / (std::string(prefix) + "XXXXXX")).string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace vekha
