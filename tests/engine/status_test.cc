#include "engine/status.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "tests/status_matchers.h"

namespace vekha {
namespace {

TEST(StatusTest, EachKindIsAnsweredByOneTable) {
  EXPECT_EQ(Status::Ok().meaning().http_status, 200);
  EXPECT_EQ(Status::Error("нет").meaning().http_status, 422);
  EXPECT_EQ(Status::NotFound("нет").meaning().http_status, 404);
  EXPECT_EQ(Status::Forbidden("нет").meaning().http_status, 403);
  EXPECT_EQ(Status::Conflict("нет").meaning().http_status, 409);
  EXPECT_EQ(Status::Unavailable("нет").meaning().http_status, 503);
  EXPECT_EQ(Status::Corrupt("нет").meaning().http_status, 500);
  for (StatusCode code : {StatusCode::kInvalid, StatusCode::kNotFound, StatusCode::kForbidden, StatusCode::kConflict,
                          StatusCode::kUnavailable, StatusCode::kCorrupt}) {
    EXPECT_EQ(StatusMeaningOf(code).code, code);
    EXPECT_EQ(StatusMeaningOf(code).exit_code, 1);  // every refusal exits 1, as it always has
  }
  EXPECT_EQ(StatusMeaningOf(StatusCode::kOk).exit_code, 0);
}

TEST(StatusTest, AFailurePrintsItsKindAndMessage) {
  std::ostringstream printed;
  printed << Status::Conflict("задача ещё не открыта");
  EXPECT_EQ(printed.str(), "conflict: задача ещё не открыта");
  EXPECT_THAT(Status::Ok(), IsOk());
  testing::StringMatchResultListener listener;
  EXPECT_FALSE(testing::ExplainMatchResult(IsOk(), Status::Forbidden("нельзя"), &listener));
  EXPECT_THAT(listener.str(), testing::HasSubstr("forbidden: нельзя"));
}

TEST(StatusTest, AResultHoldsAValueOrWhyNot) {
  Result<int> answer = 42;
  EXPECT_THAT(answer, IsOk());
  EXPECT_EQ(*answer, 42);
  Result<std::string> missing = Status::NotFound("нет такой задачи");
  EXPECT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "нет такой задачи");
}

}  // namespace
}  // namespace vekha
