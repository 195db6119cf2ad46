// GoogleTest matchers for Status and Result<T> that print the status's kind and message when they
// fail: EXPECT_THAT(store->Commit(), IsOk()).
#pragma once

#include <gmock/gmock.h>

#include "engine/status.h"

namespace vekha {

inline const Status& StatusOf(const Status& status) { return status; }
template <typename T>
Status StatusOf(const Result<T>& result) {
  return result.status();
}

MATCHER(IsOk, "is OK") {
  if (arg.ok()) return true;
  *result_listener << "which is " << StatusOf(arg);
  return false;
}

}  // namespace vekha
