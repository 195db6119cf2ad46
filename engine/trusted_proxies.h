// Which peers may say who the client is: the reverse proxies a deployment lists under
// `http.trusted_proxies`, as addresses or networks ("127.0.0.1", "10.0.0.0/8", "::1",
// "fd00::/8"). Behind one of them the client is the rightmost X-Forwarded-For entry that is not
// itself a trusted proxy; from any other peer the header is ignored, so nobody escapes the
// sign-in throttle or the connection cap by writing it. Immutable once parsed; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vekha {

class TrustedProxies {
 public:
  TrustedProxies() = default;
  // nullopt, with `bad` set to the entry, when an entry is not an address or a network.
  static std::optional<TrustedProxies> Parse(const std::vector<std::string>& entries, std::string& bad);

  bool empty() const { return networks_.empty(); }
  bool Contains(std::string_view address) const;
  // The client behind `peer` given the request's X-Forwarded-For value (possibly empty).
  std::string ClientOf(const std::string& peer, std::string_view forwarded_for) const;

 private:
  struct Network {
    std::array<uint8_t, 16> bytes{};
    bool v6 = false;
    int prefix = 0;  // leading bits that must match
  };
  std::vector<Network> networks_;
};

}  // namespace vekha
