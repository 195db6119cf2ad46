// SHA-256 digests and HMAC-SHA256, as bytes or lowercase hex (OpenSSL underneath). Pure
// functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace vekha {

using Sha256Bytes = std::array<uint8_t, 32>;

std::string Sha256Hex(std::string_view data);
// The digest of the parts one after another, as lowercase hex, without joining them first.
std::string Sha256HexOfParts(std::initializer_list<std::string_view> parts);
Sha256Bytes Sha256Digest(std::string_view data);
// HMAC-SHA256 of `data` under `key`, as lowercase hex (webhook signatures).
std::string HmacSha256Hex(std::string_view key, std::string_view data);
// Lowercase hex of a digest.
std::string HexOf(const Sha256Bytes& digest);

// Incremental hashing for large inputs (evidence files) and for digests of several parts. After
// Finish() or FinishHex() the object starts over.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view data);
  Sha256Bytes Finish();
  std::string FinishHex();

 private:
  void* context_;  // EVP_MD_CTX*, kept out of the header
};

}  // namespace vekha
