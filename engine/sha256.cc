#include "engine/sha256.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "engine/hex.h"

namespace vekha {

namespace {

// The SHA-256 implementation, fetched once: OpenSSL 3 looks an implicit EVP_sha256() up under a
// lock on every initialisation.
const EVP_MD* Sha256Algorithm() {
  static EVP_MD* const kAlgorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return kAlgorithm;
}

// One context per thread, reused: creating one per digest costs more than hashing a task.
Sha256& ThreadHash() {
  thread_local Sha256 hash;
  return hash;
}

}  // namespace

std::string HexOf(const Sha256Bytes& digest) { return HexOfBytes(digest); }

std::string Sha256Hex(std::string_view data) { return HexOf(Sha256Digest(data)); }

std::string Sha256HexOfParts(std::initializer_list<std::string_view> parts) {
  Sha256& hash = ThreadHash();
  for (std::string_view part : parts) hash.Update(part);
  return hash.FinishHex();
}

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  Sha256Bytes digest{};
  unsigned length = 0;
  HMAC(Sha256Algorithm(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), digest.data(), &length);
  return HexOf(digest);
}

Sha256Bytes Sha256Digest(std::string_view data) {
  Sha256& hash = ThreadHash();
  hash.Update(data);
  return hash.Finish();
}

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(context_), Sha256Algorithm(), nullptr);
}

Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(context_)); }

void Sha256::Update(std::string_view data) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(context_), data.data(), data.size());
}

Sha256Bytes Sha256::Finish() {
  Sha256Bytes digest{};
  auto* context = static_cast<EVP_MD_CTX*>(context_);
  EVP_DigestFinal_ex(context, digest.data(), nullptr);
  EVP_DigestInit_ex(context, Sha256Algorithm(), nullptr);  // ready for the next digest
  return digest;
}

std::string Sha256::FinishHex() { return HexOf(Finish()); }

}  // namespace vekha
