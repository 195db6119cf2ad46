// What the server writes into headers: no value may carry a line break (response splitting), and
// the page after signing in is a path on this site — the attack strings of a penetration test.
#include "server/http_message.h"

#include <gtest/gtest.h>

namespace vekha::server {
namespace {

TEST(HttpMessageTest, HeaderValuesWithControlCharactersAreUnsafe) {
  EXPECT_TRUE(IsSafeHeaderValue("/tasks/4Y06?done=submit"));
  EXPECT_TRUE(IsSafeHeaderValue("attachment; filename*=UTF-8''%D0%BF.pdf"));
  EXPECT_TRUE(IsSafeHeaderValue("a\tb"));  // a tab is allowed inside a value
  EXPECT_FALSE(IsSafeHeaderValue("/\r\nSet-Cookie: vekha_session=attacker"));
  EXPECT_FALSE(IsSafeHeaderValue("/\nX-Evil: 1"));
  EXPECT_FALSE(IsSafeHeaderValue(std::string("/\0x", 3)));
  EXPECT_FALSE(IsSafeHeaderValue("\x7F"));
  EXPECT_TRUE(IsHeaderName("Content-Disposition"));
  EXPECT_FALSE(IsHeaderName("Set-Cookie: x"));
  EXPECT_FALSE(IsHeaderName(""));
}

TEST(HttpMessageTest, OnlyALocalPathIsWhereSigningInLeads) {
  EXPECT_EQ(LocalRedirectTarget("/my"), "/my");
  EXPECT_EQ(LocalRedirectTarget("/tasks/4Y06?done=submit"), "/tasks/4Y06?done=submit");
  for (const char* attack :
       {"/\r\nSet-Cookie: vekha_session=attacker", "/\t/evil.example", "//evil.example", "/\\evil.example",
        "https://evil.example/", "evil.example", "", "/ /evil.example", "/\x7F/evil.example"}) {
    EXPECT_EQ(LocalRedirectTarget(attack), "/") << attack;
  }
}

}  // namespace
}  // namespace vekha::server
