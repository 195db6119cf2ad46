#include "tests/app/web_fixture.h"

#include <fmt/format.h>
#include <signal.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace vekha::testing_support {

WebFixture::WebFixture() : deployment_(scratch_.CopyExample("kemerovo-okrug-500plus", {"500plus-2022.yaml"})) {
  // A second 500+ school, so that access between schools can be tested.
  std::string organisations = ReadFile(deployment_ + "/organisations.yaml");
  const std::string school =
      "  - id: prigorodnaya\n    name: МБОУ «Пригородная ООШ»\n    kind: school\n    parent: uo-kmo\n";
  size_t at = organisations.find(school);
  EXPECT_NE(at, std::string::npos) << "the example's Пригородная ООШ is not where the fixture expects it";
  if (at != std::string::npos) organisations.insert(at + school.size(), "    tags: [500plus, shnor]\n");
  std::ofstream(deployment_ + "/organisations.yaml", std::ios::trunc) << organisations;
}

WebFixture::~WebFixture() {
  if (daemon_) daemon_->Stop(SIGTERM);
}

void WebFixture::AppendToSettings(const std::string& yaml) {
  std::ofstream(deployment_ + "/vekha.yaml", std::ios::app) << yaml;
}

void WebFixture::Start() {
  for (const char* person : {"proshletsova", "director-prigorodnaya", "krivosheeva", "mikhailova", "kontrol"}) {
    Outcome issued = Vekha({"--now", kWebNow, "token", "issue", person, "-d", deployment_});
    ASSERT_EQ(issued.status, 0) << issued.err;
    tokens_[person] = issued.out.substr(0, issued.out.find('\n'));
  }
  std::filesystem::path log = scratch_.path() / "run.log";
  daemon_ = std::make_unique<BackgroundVekha>(
      std::vector<std::string>{"--now", kWebNow, "run", deployment_, "--listen", "127.0.0.1:0"}, log);
  std::smatch match;
  std::regex listening("listening on http://127\\.0\\.0\\.1:([0-9]+)");
  ASSERT_TRUE(WaitFor(
      [&] {
        std::string text = ReadFile(log);
        if (!std::regex_search(text, match, listening)) return false;
        port_ = std::stoi(match[1].str());
        return true;
      },
      30))
      << ReadFile(log);
}

HttpReply WebFixture::Get(const std::string& target, const std::string& person) {
  HttpCall call;
  call.target = target;
  if (!person.empty()) call.headers.emplace_back("Authorization", "Bearer " + tokens_.at(person));
  return SendHttp(port_, call);
}

HttpReply WebFixture::PostJson(const std::string& target, const std::string& person, const nlohmann::json& body) {
  HttpCall call;
  call.method = "POST";
  call.target = target;
  call.headers.emplace_back("Authorization", "Bearer " + tokens_.at(person));
  call.headers.emplace_back("Content-Type", "application/json");
  call.body = body.dump();
  return SendHttp(port_, call);
}

HttpReply WebFixture::PostMultipart(const std::string& target, const std::string& person, const MultipartBody& body) {
  HttpCall call;
  call.method = "POST";
  call.target = target;
  call.headers.emplace_back("Authorization", "Bearer " + tokens_.at(person));
  call.headers.emplace_back("Content-Type", body.ContentType());
  call.body = body.Finish();
  return SendHttp(port_, call);
}

nlohmann::json WebFixture::GetJson(const std::string& target, const std::string& person) {
  HttpReply reply = Get(target, person);
  EXPECT_EQ(reply.status, 200) << target << ": " << reply.body;
  return nlohmann::json::parse(reply.body, nullptr, false);
}

std::string WebFixture::TaskId(const std::string& activity, const std::string& organisation) {
  nlohmann::json tasks = GetJson(fmt::format("/api/tasks?organisation={}", organisation), "mikhailova");
  for (const nlohmann::json& task : tasks) {
    if (task["activity"] == activity) return task["id"];
  }
  ADD_FAILURE() << "no task of " << activity << " at " << organisation;
  return "";
}

size_t WebFixture::AuditEvents() {
  Outcome history = Vekha({"--now", kWebNow, "history", "--format", "json", "-d", deployment_});
  EXPECT_EQ(history.status, 0) << history.err;
  return nlohmann::json::parse(history.out).size();
}

}  // namespace vekha::testing_support
