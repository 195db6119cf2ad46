#include "fuzz/fuzz_deployment.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace vekha::fuzz {

namespace {

class Scratch {
 public:
  explicit Scratch(bool roadmaps) {
    std::string pattern = (std::filesystem::temp_directory_path() / "vekha-fuzz-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
    std::filesystem::path example = std::filesystem::path(VEKHA_SOURCE_DIR) / "examples" / "zaozersk";
    for (const char* file : {"vekha.yaml", "organisations.yaml", "people.yaml"}) {
      std::filesystem::copy_file(example / file, std::filesystem::path(path_) / file);
    }
    std::filesystem::create_directory(std::filesystem::path(path_) / "roadmaps");
    if (roadmaps) std::filesystem::copy(example / "roadmaps", std::filesystem::path(path_) / "roadmaps");
  }
  ~Scratch() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

const std::string& ScratchZaozersk(bool roadmaps) {
  static const Scratch scratch(roadmaps);
  return scratch.path();
}

}  // namespace vekha::fuzz
