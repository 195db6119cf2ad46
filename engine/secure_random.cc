#include "engine/secure_random.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "engine/hex.h"

namespace vekha {

std::string RandomHex(size_t bytes) {
  std::vector<uint8_t> buffer(bytes);
  if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) {
    std::fputs("vekha: the system's random generator failed\n", stderr);
    std::abort();
  }
  return HexOfBytes(buffer);
}

bool SecretsEqual(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace vekha
