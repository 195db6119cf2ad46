// Bytes as lowercase hex and back: digests, secrets, keys and signatures travel as text.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vekha {

std::string HexOfBytes(std::span<const uint8_t> bytes);
// The bytes `hex` spells when it is exactly `size` bytes of lowercase hex; nullopt otherwise.
std::optional<std::vector<uint8_t>> BytesOfHex(std::string_view hex, size_t size);

}  // namespace vekha
