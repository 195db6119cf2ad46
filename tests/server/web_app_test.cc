// The web app called in-process with value requests: no socket, no binary. The deployment is the
// runtime tests' (one analysis, due on the last working day of February), its store can fail on
// demand, and each Status kind must reach the client as its HTTP status.
#include "server/web_app.h"

#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "storage/sqlite_access_store.h"
#include "tests/runtime/runtime_fixture.h"

namespace vekha::testing_support {
namespace {

using testing::HasSubstr;

class WebAppTest : public RuntimeTest {
 protected:
  WebAppTest() : engine_(OpenEngine()) {
    runtime::Workspace& workspace = *engine_->workspace;
    EXPECT_THAT(workspace.Sync().status(), IsOk());
    Status status;
    access_ = storage::OpenSqliteAccessStore(workspace.deployment().settings.database, clock_, status);
    EXPECT_THAT(status, IsOk());
    web_ = std::make_unique<server::WebApp>(server::SiteContext{workspace.deployment(), workspace.store(),
                                                                workspace.service(), workspace.evidence(), *access_,
                                                                clock_, "http://127.0.0.1:8080"});
  }

  // A bearer token for `person`, issued as `vekha token issue` does.
  std::string TokenFor(const std::string& person) {
    std::string token = server::NewAccessToken();
    AccessToken record;
    record.person = person;
    EXPECT_THAT(access_->AddToken(server::SecretHash(token), record), IsOk());
    return token;
  }

  server::HttpResponse Call(const std::string& method, const std::string& target, const std::string& person,
                            const std::string& json_body = "") {
    server::HttpRequest request;
    request.method = method;
    request.target = target;
    request.remote_address = "127.0.0.1";
    request.headers["authorization"] = "Bearer " + TokenFor(person);
    if (!json_body.empty()) {
      request.headers["content-type"] = "application/json";
      request.body = json_body;
    }
    return web_->Handle(request);
  }

  std::string FebruaryTask() {
    server::HttpResponse listed = Call("GET", "/api/tasks", "ivanova");
    EXPECT_EQ(listed.status, 200) << listed.body;
    for (const nlohmann::json& task : nlohmann::json::parse(listed.body)) {
      if (task["due"] == "2022-02-28") return task["id"];
    }
    return "";
  }

  std::unique_ptr<runtime::Engine> engine_;
  std::unique_ptr<AccessStore> access_;
  std::unique_ptr<server::WebApp> web_;
};

TEST_F(WebAppTest, EachKindOfRefusalIsItsOwnHttpStatus) {
  std::string task = FebruaryTask();
  ASSERT_FALSE(task.empty());
  std::string submit = "/api/tasks/" + task + "/submit";

  server::HttpResponse forbidden = Call("POST", submit, "petrov", R"({"comment":"сделано"})");
  EXPECT_EQ(forbidden.status, 404) << forbidden.body;  // a school's director does not see the department's task

  server::HttpResponse done = Call("POST", submit, "ivanova", R"({"comment":"сделано"})");
  EXPECT_EQ(done.status, 200) << done.body;
  server::HttpResponse again = Call("POST", submit, "ivanova", R"({"comment":"ещё раз"})");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_THAT(again.body, HasSubstr("сдавать нечего"));  // no confirmer: the submission finished it

  server::HttpResponse missing = Call("GET", "/api/tasks/ZZZZZZZZZZZZ", "ivanova");
  EXPECT_EQ(missing.status, 404);
  server::HttpResponse nobody = Call("GET", "/api/tasks", "nobody");
  EXPECT_EQ(nobody.status, 401);
}

TEST_F(WebAppTest, AStoreThatFailsIsUnavailableNotNotFound) {
  std::string task = FebruaryTask();
  ASSERT_FALSE(task.empty());
  store_->FailReads(Status::Unavailable("database is busy"));
  server::HttpResponse listed = Call("GET", "/api/tasks", "ivanova");
  EXPECT_EQ(listed.status, 503) << listed.body;
  server::HttpResponse one = Call("GET", "/api/tasks/" + task, "ivanova");
  EXPECT_EQ(one.status, 503) << one.body;
  store_->Heal();

  store_->FailCommits(Status::Unavailable("disk full"));
  server::HttpResponse refused = Call("POST", "/api/tasks/" + task + "/submit", "ivanova", R"({"comment":"x"})");
  EXPECT_EQ(refused.status, 503) << refused.body;
  store_->Heal();
  server::HttpResponse shown = Call("GET", "/api/tasks/" + task, "ivanova");
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(nlohmann::json::parse(shown.body)["status"], "open");  // nothing half-written
}

}  // namespace
}  // namespace vekha::testing_support
