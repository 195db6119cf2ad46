#include "engine/trusted_proxies.h"

#include <gtest/gtest.h>

namespace vekha {
namespace {

TrustedProxies Parse(const std::vector<std::string>& entries) {
  std::string bad;
  std::optional<TrustedProxies> proxies = TrustedProxies::Parse(entries, bad);
  EXPECT_TRUE(proxies) << bad;
  return proxies.value_or(TrustedProxies());
}

TEST(TrustedProxiesTest, AddressesAndNetworksOfBothFamilies) {
  TrustedProxies proxies = Parse({"127.0.0.1", "10.0.0.0/8", "fd00::/8", "::1"});
  EXPECT_TRUE(proxies.Contains("127.0.0.1"));
  EXPECT_TRUE(proxies.Contains("::ffff:127.0.0.1"));  // as a dual-stack socket reports it
  EXPECT_FALSE(proxies.Contains("127.0.0.2"));
  EXPECT_TRUE(proxies.Contains("10.200.3.4"));
  EXPECT_FALSE(proxies.Contains("11.0.0.1"));
  EXPECT_TRUE(proxies.Contains("fd12::5"));
  EXPECT_FALSE(proxies.Contains("fe80::1"));
  EXPECT_TRUE(proxies.Contains("::1"));
  EXPECT_FALSE(proxies.Contains("not an address"));
}

TEST(TrustedProxiesTest, WhatIsNotAnAddressOrNetworkIsNamed) {
  for (const char* entry : {"localhost", "10.0.0.0/33", "10.0.0.0/", "::1/129", "1.2.3.4/8x", ""}) {
    std::string bad;
    EXPECT_FALSE(TrustedProxies::Parse({"127.0.0.1", entry}, bad)) << entry;
    EXPECT_EQ(bad, entry);
  }
}

TEST(TrustedProxiesTest, TheClientIsTheRightmostEntryNotItselfATrustedProxy) {
  TrustedProxies proxies = Parse({"127.0.0.1", "10.0.0.0/8"});
  EXPECT_EQ(proxies.ClientOf("127.0.0.1", "203.0.113.7"), "203.0.113.7");
  // A client's forged entries come first; the proxies append what they saw.
  EXPECT_EQ(proxies.ClientOf("127.0.0.1", "198.51.100.1, 203.0.113.7, 10.1.1.1"), "203.0.113.7");
  EXPECT_EQ(proxies.ClientOf("127.0.0.1", ""), "127.0.0.1");
  EXPECT_EQ(proxies.ClientOf("127.0.0.1", "garbage"), "127.0.0.1");
  EXPECT_EQ(proxies.ClientOf("127.0.0.1", "198.51.100.1, garbage, 203.0.113.7"), "203.0.113.7");
  // From a peer that is not trusted the header says nothing.
  EXPECT_EQ(proxies.ClientOf("192.0.2.10", "203.0.113.7"), "192.0.2.10");
  EXPECT_EQ(TrustedProxies().ClientOf("127.0.0.1", "203.0.113.7"), "127.0.0.1");
}

}  // namespace
}  // namespace vekha
