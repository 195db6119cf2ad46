#include "engine/trusted_proxies.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

#include "engine/text.h"

namespace vekha {

namespace {

// An IPv4 or IPv6 address as 16 bytes (IPv4 in the first 4); nullopt when `text` is neither.
std::optional<std::pair<std::array<uint8_t, 16>, bool>> ParseAddress(std::string_view text) {
  std::string copy(text);
  std::array<uint8_t, 16> bytes{};
  if (::inet_pton(AF_INET, copy.c_str(), bytes.data()) == 1) return std::make_pair(bytes, false);
  if (::inet_pton(AF_INET6, copy.c_str(), bytes.data()) == 1) {
    // An IPv4-mapped IPv6 address (::ffff:a.b.c.d, what a dual-stack socket reports) is IPv4.
    static constexpr std::array<uint8_t, 12> kMapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    if (std::equal(kMapped.begin(), kMapped.end(), bytes.begin())) {
      std::array<uint8_t, 16> v4{};
      std::copy(bytes.begin() + 12, bytes.end(), v4.begin());
      return std::make_pair(v4, false);
    }
    return std::make_pair(bytes, true);
  }
  return std::nullopt;
}

}  // namespace

std::optional<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& entries, std::string& bad) {
  TrustedProxies proxies;
  for (const std::string& entry : entries) {
    std::string_view text = entry;
    size_t slash = text.find('/');
    auto address = ParseAddress(text.substr(0, slash));
    if (!address) {
      bad = entry;
      return std::nullopt;
    }
    Network network{address->first, address->second, address->second ? 128 : 32};
    if (slash != std::string_view::npos) {
      std::string_view bits = text.substr(slash + 1);
      int prefix = -1;
      auto [end, error] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
      if (error != std::errc() || end != bits.data() + bits.size() || prefix < 0 || prefix > network.prefix) {
        bad = entry;
        return std::nullopt;
      }
      network.prefix = prefix;
    }
    proxies.networks_.push_back(network);
  }
  return proxies;
}

bool TrustedProxies::Contains(std::string_view address) const {
  auto parsed = ParseAddress(Trim(address));
  if (!parsed) return false;
  for (const Network& network : networks_) {
    if (network.v6 != parsed->second) continue;
    int bits = network.prefix;
    bool matches = true;
    for (size_t i = 0; bits > 0 && matches; ++i, bits -= 8) {
      uint8_t mask = bits >= 8 ? 0xFF : static_cast<uint8_t>(0xFF << (8 - bits));
      matches = (network.bytes[i] & mask) == (parsed->first[i] & mask);
    }
    if (matches) return true;
  }
  return false;
}

std::string TrustedProxies::ClientOf(const std::string& peer, std::string_view forwarded_for) const {
  if (forwarded_for.empty() || !Contains(peer)) return peer;
  // Right to left: each trusted proxy appended the address it got the request from.
  std::string client = peer;
  while (!forwarded_for.empty()) {
    size_t comma = forwarded_for.rfind(',');
    std::string_view entry = Trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for = comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    if (!ParseAddress(entry)) break;  // not an address: what is left of it cannot be trusted
    client = std::string(entry);
    if (!Contains(entry)) break;
  }
  return client;
}

}  // namespace vekha
