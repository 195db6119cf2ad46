// Ed25519 signing keys (OpenSSL underneath): the key that signs the audit log's checkpoints, kept
// in a PEM file outside the database, and the check of a signature against a public key. Keys and
// signatures travel as lowercase hex. A SigningKey is immutable once loaded and thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "engine/status.h"

namespace vekha {

class SigningKey {
 public:
  // Creates a new key at `path` (PKCS#8 PEM, readable by its owner only). Refuses to replace an
  // existing file: a new key would orphan every checkpoint signed with the old one.
  static Status Create(const std::string& path);
  // Loads the key at `path`; refuses a file that others than its owner may read.
  static std::unique_ptr<SigningKey> Load(const std::string& path, Status& status);

  ~SigningKey();
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;

  // The Ed25519 signature of `message` (128 hex digits).
  std::string Sign(std::string_view message) const;
  // The public key (64 hex digits): what an auditor needs to check the signatures.
  const std::string& public_key() const { return public_key_; }

 private:
  explicit SigningKey(void* key);
  void* key_;  // EVP_PKEY*
  std::string public_key_;
};

// Whether `hex` spells an Ed25519 public key: 64 lowercase hex digits, as public_key() gives it.
bool IsPublicKey(std::string_view hex);

// Whether `signature` (hex) is the Ed25519 signature of `message` under `public_key` (hex).
bool SignatureHolds(const std::string& public_key, std::string_view message, const std::string& signature);

}  // namespace vekha
