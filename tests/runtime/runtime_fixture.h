// RuntimeTest: a small deployment (one roadmap, an analysis due on the last working day of
// February and of June) opened as the runtime opens it, on a FakeClock, with scripted «email»
// and «log» channels and a task store that can fail on demand. The daemon is driven in-process:
// a test sets the clock, calls LookAgain, and polls the io_context.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "runtime/cycle.h"
#include "runtime/workspace.h"
#include "tests/doubles/faulty_task_store.h"
#include "tests/doubles/scripted_channel.h"
#include "tests/status_matchers.h"
#include "tests/workflows/test_deployment.h"

namespace vekha::testing_support {

inline const char* kRuntimeRoadmap =
    "roadmap:\n"
    "  id: test\n"
    "  title: Тестовая дорожная карта\n"
    "  period: {from: 2022-01-01, to: 2022-12-31}\n"
    "  owner: mku\n"
    "  coordinator: ivanova\n"
    "  activities:\n"
    "    - id: analysis\n"
    "      title: Анализ\n"
    "      timing: ежегодно февраль, июнь\n"
    "      responsible: [specialist@mku]\n";

// 10:00 in Moscow on a day.
inline Clock::TimePoint MoscowMorning(const Date& day) {
  return StartOfLocalDay(day, "Europe/Moscow") + std::chrono::hours{10};
}

class RuntimeTest : public testing::Test {
 protected:
  RuntimeTest() : clock_(MoscowMorning(MakeDate(2022, 2, 15))) {
    deployment_.Write("roadmaps/test.yaml", kRuntimeRoadmap);
  }

  // Opens the deployment with the scripted channels; the channels stay reachable through email_.
  std::unique_ptr<runtime::Engine> OpenEngine() {
    Diagnostics diagnostics;
    runtime::WorkspaceOptions options;
    options.wrap_store = [this](std::unique_ptr<TaskStore> real) {
      auto faulty = std::make_unique<FaultyTaskStore>(std::move(real));
      store_ = faulty.get();
      return faulty;
    };
    Result<std::unique_ptr<runtime::Workspace>> workspace =
        runtime::Workspace::Open(deployment_.path(), clock_, diagnostics, options);
    EXPECT_THAT(workspace.status(), IsOk());
    if (!workspace.ok()) return nullptr;
    notifiers::ChannelSet channels;
    auto email = std::make_unique<ScriptedChannel>("email");
    email_ = email.get();
    channels.emplace("email", std::move(email));
    channels.emplace("log", std::make_unique<ScriptedChannel>("log"));
    return runtime::Engine::Assemble(std::move(workspace).value(), std::move(channels), clock_);
  }

  // The outbox's messages with `status` (any when empty).
  std::vector<OutboxMessage> Outbox(runtime::Engine& engine, const std::string& status = "") {
    std::vector<OutboxMessage> messages;
    OutboxQuery query;
    query.status = status;
    EXPECT_THAT(engine.workspace->store().Outbox(query, messages), IsOk());
    return messages;
  }

  TempDeployment deployment_;
  FakeClock clock_;
  FaultyTaskStore* store_ = nullptr;  // owned by the engine's workspace
  ScriptedChannel* email_ = nullptr;  // owned by the engine
};

}  // namespace vekha::testing_support
