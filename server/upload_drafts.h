// UploadDrafts: the files a person chose for a task whose submission was refused, kept so that the
// next attempt need not choose them again. One directory per task and person under `root` (beside
// the evidence store); a document's new file replaces its draft; a successful submission discards
// the draft. Names are kept as uploaded in a file beside the data. Not thread-safe: the daemon's
// event loop.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/status.h"

namespace vekha::server {

struct DraftFile {
  std::string deliverable;  // the document's number in its activity, "1", "2", …
  std::string name;         // as uploaded (safe)
  std::filesystem::path path;
  uintmax_t size = 0;
};

class UploadDrafts {
 public:
  explicit UploadDrafts(std::filesystem::path root);

  // The draft of `person` for `task`, by deliverable; empty when there is none.
  std::vector<DraftFile> Files(const std::string& task, const std::string& person) const;
  // Keeps `data` as the draft of `deliverable` (a document's number, digits only), replacing the
  // one kept before.
  Status Keep(const std::string& task, const std::string& person, const std::string& deliverable,
              const std::string& name, std::string_view data);
  void Discard(const std::string& task, const std::string& person);

 private:
  std::filesystem::path DirectoryOf(const std::string& task, const std::string& person) const;

  std::filesystem::path root_;
};

}  // namespace vekha::server
