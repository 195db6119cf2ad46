// A deployment served by `vekha run --listen 127.0.0.1:0` for the web tests: the Kemerovo okrug
// example's 500+ roadmap on 22 March 2022, with a second school of the okrug (Пригородная ООШ, its director
// director-prigorodnaya) tagged 500+ so that access between schools can be tested, and an access
// token for each person.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/app/cli_support.h"
#include "tests/app/http_client.h"
#include "tests/app/loopback_server.h"

namespace vekha::testing_support {

inline constexpr const char* kWebNow = "2022-03-22T09:00:00Z";  // 16:00 in Novokuznetsk

class WebFixture : public testing::Test {
 protected:
  WebFixture();
  ~WebFixture() override;

  // Appends to vekha.yaml before Start() (e.g. a smaller evidence limit).
  void AppendToSettings(const std::string& yaml);
  // Issues the tokens and starts the daemon; fails the test when it does not listen.
  void Start();

  HttpReply Get(const std::string& target, const std::string& person);
  // A JSON or url-encoded POST with the person's bearer token.
  HttpReply PostJson(const std::string& target, const std::string& person, const nlohmann::json& body);
  HttpReply PostMultipart(const std::string& target, const std::string& person, const MultipartBody& body);
  nlohmann::json GetJson(const std::string& target, const std::string& person);
  // The id of the task of `activity` at `organisation` (read as the coordinator, who sees all).
  std::string TaskId(const std::string& activity, const std::string& organisation);
  // The number of audit events, read by `vekha history --format json`.
  size_t AuditEvents();

  ScratchDirectory scratch_;
  std::string deployment_;
  std::map<std::string, std::string> tokens_;  // person → token
  std::unique_ptr<BackgroundVekha> daemon_;
  int port_ = 0;
};

}  // namespace vekha::testing_support
