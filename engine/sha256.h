// SHA-256 digests as lowercase hex (OpenSSL underneath). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace vekha {

std::string Sha256Hex(std::string_view data);

// Incremental hashing for large inputs (evidence files). After FinishHex() the object starts over.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view data);
  std::string FinishHex();

 private:
  void* context_;  // EVP_MD_CTX*, kept out of the header
};

}  // namespace vekha
