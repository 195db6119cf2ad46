// Status and Result<T>: errors as values inside Vekha (leveldb style). A Status is OK or carries a
// kind and a message for the person who reads it; the kind tells the caller what happened
// without parsing the words, and one table (StatusMeaningOf) says how each kind is answered over
// HTTP and as an exit status. Third-party exceptions are converted at the layer that calls the
// library. Values; thread-compatible.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace vekha {

enum class StatusCode {
  kOk,
  kInvalid,      // the input cannot be accepted as it is: say what would be
  kNotFound,     // what was named does not exist (or may not be seen)
  kForbidden,    // the person may not do this
  kConflict,     // not in this state: the task is not open yet, already confirmed, changed meanwhile
  kUnavailable,  // a resource failed and a retry may succeed: the database is busy, the disk is full
  kCorrupt,      // stored data does not hold together
};

struct StatusMeaning {
  StatusCode code;
  std::string_view name;  // for logs and JSON: "invalid", "not-found", …
  int http_status;
  int exit_code;
};

// How `code` is answered: the one table every entry point uses.
const StatusMeaning& StatusMeaningOf(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  // An input refused: the common case, so the short name.
  static Status Error(std::string message) { return Status(StatusCode::kInvalid, std::move(message)); }
  static Status NotFound(std::string message) { return Status(StatusCode::kNotFound, std::move(message)); }
  static Status Forbidden(std::string message) { return Status(StatusCode::kForbidden, std::move(message)); }
  static Status Conflict(std::string message) { return Status(StatusCode::kConflict, std::move(message)); }
  static Status Unavailable(std::string message) { return Status(StatusCode::kUnavailable, std::move(message)); }
  static Status Corrupt(std::string message) { return Status(StatusCode::kCorrupt, std::move(message)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const StatusMeaning& meaning() const { return StatusMeaningOf(code_); }

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// "ok", or the kind and the message: what a failed test assertion prints.
std::ostream& operator<<(std::ostream& out, const Status& status);

// A value or the Status saying why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}         // NOLINT(google-explicit-constructor): return value;
  Result(Status status) : state_(std::move(status)) {}  // NOLINT(google-explicit-constructor): return Status::…;

  bool ok() const { return std::holds_alternative<T>(state_); }
  // OK when there is a value.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T* operator->() const { return &value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace vekha
