// EvidenceStore: files submitted as evidence, kept content-addressed beside the database
// (<root>/ab/cd/<sha256>), each stored once however often it is submitted. Writes go to a
// temporary file renamed into place, so a crash never leaves a partial file under its hash.
// Safe for several processes at once.
#pragma once

#include <cstdint>
#include <string>

#include "engine/status.h"
#include "engine/task_store.h"

namespace vekha::storage {

class EvidenceStore final : public EvidenceSink {
 public:
  // Files larger than `max_bytes` are refused.
  EvidenceStore(std::string root, int64_t max_bytes);

  // Copies the file at `source` into the store; fills sha256, size, original_name and media_type.
  Status Put(const std::string& source, EvidenceFile& stored) const override;
  Status Holds(const std::string& sha256, int64_t size) const override;
  // Where a stored file lives.
  std::string PathOf(const std::string& sha256) const;

 private:
  std::string root_;
  int64_t max_bytes_;
};

// The media type of a file name, from its extension ("application/octet-stream" when unknown).
std::string MediaTypeOf(const std::string& file_name);

}  // namespace vekha::storage
