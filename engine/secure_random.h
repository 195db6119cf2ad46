// Unpredictable secrets (access tokens, session ids, CSRF tokens, feed keys) from OpenSSL's
// CSPRNG, and a comparison of secrets that takes the same time wherever they differ.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace vekha {

// `bytes` random bytes as lowercase hex (2 × bytes characters). Aborts if the CSPRNG fails:
// nothing may go on with a guessable secret.
std::string RandomHex(size_t bytes);

// True when `a` equals `b`, in time that depends only on their lengths.
bool SecretsEqual(std::string_view a, std::string_view b);

}  // namespace vekha
